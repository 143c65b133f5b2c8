"""The report's data package: valid, complete, and every number traceable to the report."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from smedx import data

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "datasets" / "report2024"
REPORT_TEXT = ROOT.parent / "shared" / "source" / "sme-dx-report-2024.txt"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def report() -> str | None:
    return squash(REPORT_TEXT.read_text(encoding="utf-8")) if REPORT_TEXT.exists() else None


def number_forms(value: float) -> set[str]:
    return {f"{value:g}", f"{value:.1f}", f"{value:.2f}", f"{value:,.0f}", f"{value:,g}"}


def test_data_package_is_valid_frictionless():
    from frictionless import Package

    report = Package(str(PACKAGE / "datapackage.json")).validate()
    problems = [err.message for task in report.tasks for err in task.errors][:10]
    assert report.valid, problems


def test_every_table_is_a_resource_with_a_schema():
    package = json.loads((PACKAGE / "datapackage.json").read_text())
    listed = {r["path"] for r in package["resources"]}
    assert listed == {p.name for p in PACKAGE.glob("*.csv")}
    for resource in package["resources"]:
        assert (PACKAGE / resource["schema"]).exists(), resource["name"]


def test_single_choice_figures_sum_to_100():
    figures = data.figures()
    complete = figures[(figures["choice"] == "single") & figures["complete"]]
    assert len(complete) >= 3  # 2.1.1, 2.1.2, 2.2.2 at least
    values = data.values()
    for figure_id in complete["figure_id"]:
        rows = values[values["figure_id"] == figure_id]
        for segment, group in rows.groupby("segment_key"):
            total = group["value"].sum()
            assert abs(total - 100) <= 0.2, f"{figure_id} [{segment}] sums to {total}"


def test_each_value_is_in_its_quote_and_the_quote_in_the_report(report):
    values = data.values()
    for row in values.itertuples():
        assert 0 <= row.value <= 100, row
        assert number_forms(row.value) & set(_numbers_in(row.quote)), (
            f"{row.figure_id}/{row.key}: {row.value} not in quote {row.quote!r}"
        )
        if report is not None:
            assert squash(row.quote) in report, f"{row.figure_id}/{row.key}: {row.quote!r}"


CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def _chinese_number(run: str) -> int:
    """三 -> 3, 十三 -> 13, 二百 -> 200, 近百 (百) -> 100: the forms the report uses."""
    total, digit = 0, None
    for char in run:
        if char in CN_DIGITS:
            digit = CN_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[char]
            digit = None
    return total + (digit or 0)


def _numbers_in(text: str) -> list[str]:
    """Arabic numbers as printed (40.3, 5,000) plus Chinese numerals read as integers."""
    arabic = re.findall(r"\d[\d,]*(?:\.\d+)?", text)
    chinese = [
        str(_chinese_number(r)) for r in re.findall(r"[零一二两三四五六七八九十百千万]+", text)
    ]
    return arabic + chinese


@pytest.mark.parametrize(
    "name", ["facts", "policies", "stages", "cases", "case_metrics", "recommendations", "appendix"]
)
def test_other_tables_quote_the_report(name, report):
    if report is None:
        pytest.skip("report text not available beside the repository")
    frame = data.table(name)
    quoted = frame[frame["quote"] != ""]
    assert len(quoted) >= 0.9 * len(frame), f"{name}: rows without a quote"
    for row in quoted.itertuples():
        assert squash(row.quote) in report, f"{name}: {row.quote!r}"


def test_fact_values_appear_in_their_quotes():
    for row in data.facts().itertuples():
        if pd.isna(row.value) or row.quote == "":
            continue
        assert number_forms(row.value) & set(_numbers_in(row.quote)), (
            f"{row.fact_id}: {row.value} not in {row.quote!r}"
        )


def test_labels_and_keys_unique_within_figure_and_segment():
    values = data.values()
    for column in ("key", "label_zh", "label_en"):
        dupes = values[values.duplicated(["figure_id", "segment_key", column], keep=False)]
        assert dupes.empty, dupes[["figure_id", "segment_key", column]].to_string()


@pytest.mark.parametrize(
    "name,columns",
    [
        ("values", ["label_zh", "label_en"]),
        ("figures", ["title_zh", "title_en"]),
        ("stages", ["name_zh", "name_en"]),
        ("cases", ["company_zh", "company_en", "outcome_zh", "outcome_en"]),
        ("recommendations", ["title_zh", "title_en"]),
        ("facts", ["label_zh", "label_en"]),
        ("policies", ["title_zh", "title_en", "summary_zh", "summary_en"]),
        ("appendix", ["label_zh", "label_en"]),
    ],
)
def test_chinese_and_english_both_filled(name, columns):
    frame = data.table(name)
    for column in columns:
        empty = frame[frame[column].str.strip() == ""]
        assert empty.empty, f"{name}.{column} empty in {len(empty)} rows"
    segmented = data.values()
    segmented = segmented[segmented["segment_key"] != ""]
    assert (segmented["segment_zh"] != "").all() and (segmented["segment_en"] != "").all()


def numbered_figures_in_report() -> set[str]:
    """Figure numbers as the report prints them: 图 2.1.1 … and 图附录 1.1.1 …"""
    if REPORT_TEXT.exists():
        text = REPORT_TEXT.read_text(encoding="utf-8")
    else:
        text = (ROOT.parent / "shared" / "source" / "report-outline.md").read_text()
    ids = {m for m in re.findall(r"图\s*(\d+(?:\.\d+)+)", text)}
    ids |= {f"A{m}" for m in re.findall(r"图附录\s*(\d+(?:\.\d+)+)", text)}
    return ids


def test_every_numbered_figure_of_the_report_is_present():
    expected = numbered_figures_in_report()
    assert len(expected) >= 20  # 18 in the body + appendix figures
    missing = expected - set(data.figure_ids())
    assert not missing, f"figures missing from figures.csv: {sorted(missing)}"


def test_figures_and_values_reference_each_other():
    figures = data.figures()
    values = data.values()
    assert set(values["figure_id"]) <= set(figures["figure_id"])
    with_values = figures[figures["kind"].isin(["chart", "prose"])]["figure_id"]
    assert set(with_values) <= set(values["figure_id"])


def test_key_numbers_of_the_report(report):
    """A few anchors every module relies on, checked against the report's own wording."""
    assert data.stat("2.2.2", "single_point").value == 32.4
    assert data.stat("2.1.1", "1_2").value == 50.4
    assert data.stat("3.3.1.2", "unclear_benefit").n == 404
    stages = data.stages()
    assert stages["stage_id"].tolist() == [
        "not_started",
        "single_point",
        "local_build",
        "digital_foundation",
        "intelligent_ops",
        "innovation",
    ]
    assert len(data.cases()) == 6
    assert set(data.recommendations()["stakeholder"]) == {"sme", "provider", "association"}


def test_data_dictionary_lists_every_field():
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    package = json.loads((PACKAGE / "datapackage.json").read_text())
    for resource in package["resources"]:
        schema = json.loads((PACKAGE / resource["schema"]).read_text())
        assert f"`{resource['path']}`" in readme
        for field in schema["fields"]:
            assert f"| `{field['name']}` |" in readme, f"{resource['name']}.{field['name']}"
