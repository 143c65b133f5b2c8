"""Report inputs: CSV tables, JSON records and folders, with the bad-input cases named by file
and row (missing columns, unknown stage, duplicated company ids, empty cohort); spreadsheets as
Chinese Excel/WPS save them (GB18030, semicolons, tabs, decimal commas); company records;
the industry brief's content; the HTML building blocks and the export (no kernel needed)."""

from __future__ import annotations

import json
import re
import warnings

import nbformat
import pandas as pd
import pytest

from smedx import data
from smedx.cli import report as cli
from smedx.errors import KitError
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import INDUSTRIES, CompanyProfile
from smedx.models.plan import build_plan, plan_to_json
from smedx.reports import company, industry, members, render, sources, synthetic
from smedx.reports.page import Page

ITEMS = questionnaire().item_ids


def write_csv(path, rows: list[dict]) -> str:
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


def csv_rows(count: int, seed: int = 1) -> list[dict]:
    return synthetic.members_table(count, seed=seed, stage_only_share=0.0).to_dict("records")


# --------------------------------------------------------------------------------------------
# Cohort inputs: the bad cases of issue 7.


def test_missing_columns_name_the_file_and_the_columns(tmp_path):
    rows = csv_rows(6)
    for row in rows:
        del row["company_id"]
        del row["R4"]
    path = write_csv(tmp_path / "members.csv", rows)
    loaded = members.load([path])
    assert loaded.size == 0
    [problem] = loaded.problems
    assert problem.where.path.endswith("members.csv") and problem.where.kind == "file"
    assert "company_id" in problem.zh and "R4" in problem.zh
    assert "missing columns" in problem.en and "R4" in problem.en


def test_neither_stage_nor_answers_is_a_missing_column(tmp_path):
    path = write_csv(tmp_path / "m.csv", [{"company_id": "A1", "industry": "retail"}])
    [problem] = members.load([path]).problems
    assert "stage" in problem.en and "F1" in problem.en


def test_unknown_column_is_refused_rather_than_silently_dropped(tmp_path):
    rows = csv_rows(5)
    for row in rows:
        row["industy"] = "retail"  # a typo in a header
    [problem] = members.load([write_csv(tmp_path / "m.csv", rows)]).problems
    assert "industy" in problem.en and "unknown columns" in problem.en


def test_unknown_stage_names_the_row_and_the_rest_still_count(tmp_path):
    rows = [{"company_id": f"S{i}", "stage": "local_build"} for i in range(8)]
    rows[3]["stage"] = "almost_there"
    rows[5]["stage"] = "局部建设阶段"  # a Chinese stage name is accepted
    loaded = members.load([write_csv(tmp_path / "m.csv", rows)])
    assert loaded.size == 7
    [problem] = loaded.problems
    assert (problem.where.kind, problem.where.number, problem.ident) == ("row", 5, "S3")
    assert "m.csv 第 5 行 (S3)" in problem.text("zh") and "almost_there" in problem.zh
    assert "m.csv row 5 (S3)" in problem.text("en") and "unknown stage" in problem.en


def test_duplicated_company_ids_leave_out_every_copy(tmp_path):
    rows = csv_rows(8)
    rows[6]["company_id"] = rows[1]["company_id"]
    first = tmp_path / "a.csv"
    loaded = members.load([write_csv(first, rows)])
    assert loaded.size == 6
    assert [p.where.number for p in loaded.problems] == [3, 8]
    assert all("第 3 行" in p.zh and "第 8 行" in p.zh for p in loaded.problems)
    # also across files: a CSV row and a JSON file with the same id
    record = synthetic.members(1, seed=4)[0]
    record["id"] = rows[0]["company_id"]
    (tmp_path / "dup.json").write_text(json.dumps(record), encoding="utf-8")
    again = members.load([first, tmp_path / "dup.json"])
    ids = {p.ident for p in again.problems}
    assert rows[0]["company_id"] in ids and again.size == 5


def test_empty_cohort(tmp_path):
    header_only = tmp_path / "empty.csv"
    header_only.write_text("company_id,stage\n", encoding="utf-8")
    assert members.load([header_only]).size == 0
    all_bad = write_csv(tmp_path / "bad.csv", [{"company_id": "X", "stage": "nope"}])
    loaded = members.load([all_bad])
    assert loaded.size == 0 and len(loaded.problems) == 1
    (tmp_path / "folder").mkdir()
    [problem] = members.load([tmp_path / "folder"]).problems
    assert "no .csv" in problem.en
    [problem] = members.load([tmp_path / "missing.csv"]).problems
    assert "no such file" in problem.en


def test_row_errors_are_all_reported_together(tmp_path):
    rows = csv_rows(5)
    rows[2].update({"F1": "z", "industry": "shipbuilding", "investment_share": "lots"})
    loaded = members.load([write_csv(tmp_path / "m.csv", rows)])
    [problem] = loaded.problems
    assert "F1='z'" in problem.en and "shipbuilding" in problem.en and "lots" in problem.en
    assert loaded.size == 4


def test_incomplete_answers_and_stage_mismatch(tmp_path):
    rows = csv_rows(6)
    rows[0]["O3"] = ""
    rows[1]["stage"] = "innovation"  # the answers say otherwise
    loaded = members.load([write_csv(tmp_path / "m.csv", rows)])
    messages = {p.where.number: p.en for p in loaded.problems}
    assert "items not answered: O3" in messages[2]
    assert "stage column says 'innovation'" in messages[3]


def test_labels_and_separators_people_type_are_accepted(tmp_path):
    rows = csv_rows(5)
    rows[0].update(
        {
            "industry": "离散制造业",
            "size_band": "101—300人",
            "enterprise_type": "Other SMEs",
            "goals": "降低成本以提高盈利能力； process_optimisation",
            "challenges": "-",
            "investment_share": "2.5%",
        }
    )
    loaded = members.load([write_csv(tmp_path / "m.csv", rows)])
    assert not loaded.problems
    row = loaded.members.set_index("id").loc[rows[0]["company_id"]]
    assert (row["industry"], row["size_band"], row["enterprise_type"]) == (
        "discrete_manufacturing",
        "101_300",
        "non_zjtx",
    )
    assert row["goals.cost_reduction"] and row["goals.process_optimisation"]
    assert row["challenges.answered"] and not any(
        row[f"challenges.{k}"] for k in members.question_options("3.3.1.1")
    )
    assert row["investment_share"] == 2.5 and row["band"] == "2_3"


def test_unknown_choice_option_is_named(tmp_path):
    rows = csv_rows(5)
    rows[4]["help_wanted"] = "training;free lunch"
    [problem] = members.load([write_csv(tmp_path / "m.csv", rows)]).problems
    assert "free lunch" in problem.en and problem.where.number == 6


def test_json_folder_in_every_accepted_shape(tmp_path):
    recs = synthetic.members(6, seed=21, stage_only_share=0.0)
    folder = tmp_path / "members"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(recs[0]), encoding="utf-8")
    profile = CompanyProfile.from_dict(recs[1]["profile"])
    saved = assess(recs[1]["answers"], profile).to_dict()
    (folder / "b.json").write_text(json.dumps(saved), encoding="utf-8")  # bare assessment
    lines = [
        {"id": recs[2]["id"], "file": "x", "index": 0, "assessment": saved | {}},
        {"id": "E1", "file": "x", "index": 1, "error": {"zh": "坏", "en": "bad", "field": None}},
    ]
    lines[0]["assessment"] = assess(recs[2]["answers"]).to_dict()
    (folder / "c.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    plan = build_plan(assess(recs[3]["answers"]), revenue_10k_cny=900, budget_share=1.0)
    (folder / "d.json").write_text(plan_to_json(plan), encoding="utf-8")
    edited = assess(recs[4]["answers"]).to_dict() | {"total": 1}
    (folder / "e.json").write_text(json.dumps({"id": "ED", "assessment": edited}), "utf-8")
    (folder / "f.json").write_text('{"id": "Z", "answres": {}}', encoding="utf-8")
    (folder / "g.json").write_text("{not json", encoding="utf-8")
    loaded = members.load([folder])
    got = loaded.members.set_index("id")
    assert set(got.index) == {recs[0]["id"], "b", recs[2]["id"], "d"}
    assert got.loc["b", "stage"] == saved["stage"] and got.loc["b", "total"] == saved["total"]
    assert got.loc["d", "stage"] == plan.stage.current
    assert got.loc["d", "stage_source"] == "plan"
    problems = {p.where.text("en"): p.en for p in loaded.problems}
    assert "failed in the self-assessment: bad" in problems[f"{folder / 'c.jsonl'} line 2"]
    assert "does not match its answers" in problems[str(folder / "e.json")]
    assert "answres" in problems[str(folder / "f.json")]
    assert "not valid JSON" in problems[str(folder / "g.json")]


# --------------------------------------------------------------------------------------------
# Spreadsheets saved by Chinese Excel or WPS, and JSON read strictly (issue 13, items 4 and 5).


def spreadsheet(path, rows: list[dict], sep: str, encoding: str) -> str:
    pd.DataFrame(rows).to_csv(path, index=False, sep=sep, encoding=encoding)
    return str(path)


@pytest.mark.parametrize(
    ("sep", "encoding", "said"),
    [
        (",", "utf-8", None),
        (",", "utf-8-sig", None),  # Excel's "CSV UTF-8" starts with a BOM
        (",", "gbk", "read as GB18030, cells separated by commas"),
        (";", "gb18030", "read as GB18030, cells separated by semicolons"),
        ("\t", "utf-16", "read as UTF-16, cells separated by tabs"),  # Excel "Unicode text"
    ],
)
def test_chinese_spreadsheets_are_read_and_the_way_is_said(tmp_path, sep, encoding, said):
    rows = csv_rows(6)
    path = spreadsheet(tmp_path / "m.csv", rows, sep, encoding)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = members.load([path])
        companies, problems = company.read([path])
    notes = [w.message for w in caught if issubclass(w.category, sources.InputNotice)]
    assert len(notes) == (0 if said is None else 2)  # once per reading
    if said is not None:
        assert notes[0].en.endswith(f"m.csv: {said}")
        assert notes[0].zh.startswith(notes[0].en.split(": ")[0] + "：按 ")
    assert not loaded.problems
    assert list(loaded.members["id"]) == [r["company_id"] for r in rows]
    assert not problems
    assert [c.name for c in companies] == [r["name"] for r in rows]  # Chinese text intact


@pytest.mark.parametrize(
    ("cell", "field", "value"),
    [
        ("1.5", "investment_share", 1.5),
        ("1.5%", "investment_share", 1.5),
        ("1,5", "investment_share", 1.5),  # a decimal comma: never 15
        ("0,75", "budget_share", 0.75),
        ("12,5", "revenue_10k_cny", 12.5),
        ("1,500", "revenue_10k_cny", 1500.0),  # thousands separator
        ("12,345.6", "revenue_10k_cny", 12345.6),
        ("1.234,5", "revenue_10k_cny", "1.234,5"),  # left for the model to refuse
        ("", "investment_share", None),
    ],
)
def test_numbers_with_commas(cell, field, value):
    assert sources.parse_number(cell, field) == value


def test_a_comma_that_may_be_either_is_refused_in_a_percentage():
    with pytest.raises(KitError, match="thousands separator or a decimal comma"):
        sources.parse_number("1,500", "investment_share")


def test_decimal_commas_in_a_semicolon_table(tmp_path):
    rows = csv_rows(4)
    for row, share in zip(rows, ["1,5", "0,75", "1,500", "2"], strict=True):
        row["investment_share"] = share
    path = spreadsheet(tmp_path / "m.csv", rows, ";", "gb18030")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sources.InputNotice)
        loaded = members.load([path])
        companies, problems = company.read([path])
    assert list(loaded.members["investment_share"]) == [1.5, 0.75, 2.0]
    [bad] = loaded.problems
    assert bad.where.number == 4 and "1,500" in bad.en and "1,500" in bad.zh
    assert [c.profile.investment_share for c in companies] == [1.5, 0.75, 2.0]
    assert [p.where.number for p in problems] == [4]


def test_a_bad_jsonl_line_is_named_and_the_others_are_read(tmp_path):
    recs = synthetic.members(3, seed=4, stage_only_share=0.0)
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(1, "[" * 5000 + "]" * 5000)
    lines.insert(2, '{"id": "A", "id": "B"}')
    lines.insert(3, '{"id": "\\ud800"}')
    lines.insert(4, b"\xb0\xa1".decode("latin-1"))  # GBK bytes are not UTF-8: written below
    path = tmp_path / "m.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8").replace("°¡".encode(), b"\xb0\xa1"))
    loaded = members.load([path])
    assert list(loaded.members["id"]) == [r["id"] for r in recs]
    problems = {p.where.number: p.en for p in loaded.problems}
    assert set(problems) == {2, 3, 4, 5}
    assert "nested too deeply" in problems[2]
    assert 'repeats the field name "id"' in problems[3]
    assert "lone surrogate" in problems[4]
    assert "not UTF-8" in problems[5]


def test_example_inputs_load_cleanly(root):
    loaded = members.load(
        [root / "reports/examples/members.csv", root / "reports/examples/members"]
    )
    assert not loaded.problems
    assert loaded.size == 60 + 12
    companies, problems = company.read([root / "reports/examples/companies"])
    assert not problems and [c.id for c in companies] == ["C001", "C002_parts", "C003"]


# --------------------------------------------------------------------------------------------
# Company inputs.


def test_company_record_runs_every_model(root):
    inp = company.load_input(root / "reports/examples/companies/C001_trading.json")
    res = company.results(inp)
    raw = json.loads((root / "reports/examples/companies/C001_trading.json").read_text("utf-8"))
    profile = CompanyProfile.from_dict(raw["profile"])
    expected = assess(raw["answers"], profile)
    assert res.assessment == expected
    assert res.scenarios is not None and res.scenarios.inputs["goals"] == tuple(raw["goals"])
    assert res.plan is not None and res.plan_built
    assert res.plan.budget.amount_10k_cny == pytest.approx(3200 * 1.5 / 100)
    assert not res.genai_assumed


def test_company_without_goals_or_money_says_what_is_missing(root):
    res = company.load(root / "reports/examples/companies/C002_parts.json")
    assert res.scenarios is None and "goals" in res.scenario_notes[0].en
    assert res.plan is None and "revenue" in res.plan_notes[0].en
    assert res.genai_assumed and res.genai.inputs.data_readiness == company.DEFAULT_READINESS


def test_company_bundle_is_verified(root, tmp_path):
    path = root / "reports/examples/companies/C003_software.json"
    res = company.load(path)
    assert res.plan is not None and not res.plan_built and res.vendors is not None
    bundle = json.loads(path.read_text("utf-8"))
    bundle["plan"]["horizon_months"] = 6  # a hand edit: the checksum no longer matches
    (tmp_path / "x.json").write_text(json.dumps(bundle, ensure_ascii=False), "utf-8")
    with pytest.raises(KitError, match="checksum"):
        company.load(tmp_path / "x.json")


def test_company_batch_names_bad_records_and_refuses_duplicate_ids(tmp_path):
    rows = csv_rows(4)
    rows[1]["company_id"] = rows[0]["company_id"]
    rows[2]["F3"] = "q"
    path = write_csv(tmp_path / "firms.csv", rows)
    (tmp_path / "stage_only.json").write_text('{"id": "S", "stage": "local_build"}', "utf-8")
    good, problems = company.read([path, tmp_path / "stage_only.json"])
    assert [g.id for g in good] == [rows[3]["company_id"]]
    where = sorted(p.where.text("en") for p in problems)
    assert any(w.endswith("firms.csv row 4") for w in where)  # the bad option
    assert sum("appears 2 times" in p.en for p in problems) == 2
    assert any("a stage alone is not enough" in p.en for p in problems)


def test_company_record_selection(tmp_path):
    path = write_csv(tmp_path / "firms.csv", csv_rows(3))
    assert company.load_input(path, 3).id == csv_rows(3)[1]["company_id"]
    with pytest.raises(KitError, match="holds 3 records"):
        company.load_input(path)
    with pytest.raises(KitError, match="no record number 9"):
        company.load_input(path, 9)


# --------------------------------------------------------------------------------------------
# Industry brief.


@pytest.mark.parametrize("key", list(INDUSTRIES))
def test_every_industry_brief_states_numbers_and_gaps(key):
    b = industry.brief(key)
    values = data.values()
    mine = values[(values["segment_type"] == "industry") & (values["segment_key"] == key)]
    assert len([f for f in b.findings if not f.aggregate]) == len(mine)
    for f in b.findings:
        segment = f.aggregate or key
        assert f.value == data.stat(f.figure_id, f.key, segment).value
        if f.whole is not None:
            assert f.whole == data.stat(f.whole_figure, f.key, f.whole_segment).value
    # the report never breaks its stage distribution down by industry: always a gap
    assert "2.2.2" in {g.figure_id for g in b.gaps}
    assert not {g.figure_id for g in b.gaps} & {f.figure_id for f in b.findings}
    assert [s.topic for s in b.statements] == ["industry_investment", "industry_stage"]


def test_industry_brief_specifics():
    b = industry.brief("discrete_manufacturing")
    top = next(f for f in b.findings if f.figure_id == "2.1.3")
    assert (top.value, top.whole, top.rank, top.listed) == (49.3, 50.4, 5, 10)
    assert any(f.aggregate == "manufacturing" for f in b.findings)
    assert industry.brief("other").findings == ()
    with pytest.raises(KitError):
        industry.brief("shipbuilding")


# --------------------------------------------------------------------------------------------
# HTML blocks and export (the kernel-free half of rendering).


def test_page_escapes_text_and_numbers_charts_in_order():
    page = Page("en", "2024-01-01 00:00")
    html = page.table(["<b>"], [["<script>alert(1)</script>"]])
    assert "<script>" not in html and "&lt;script&gt;" in html
    import plotly.graph_objects as go

    first = page.chart(go.Figure(go.Bar(x=[1], y=[2])))
    second = page.chart(go.Figure(go.Bar(x=[1], y=[2])))
    assert 'id="smedx-chart-1"' in first and 'id="smedx-chart-2"' in second
    assert "<script src" not in first  # no plotly.js per chart
    with pytest.raises(KitError):
        Page("fr")


def executed_notebook(stamp: str):
    """A notebook as papermill would return it, with parameters, stderr and a chart."""
    page = Page("zh", stamp)
    import plotly.graph_objects as go

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("lang = 'zh'", metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell("lang = 'en'", metadata={"tags": ["injected-parameters"]})
    body = nbformat.v4.new_code_cell("report.header()")
    body.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            {"text/html": page.header("T", "S").html, "text/plain": "<object at 0x7f>"},
            execution_count=3,
        ),
        nbformat.v4.new_output("stream", name="stderr", text="noise"),
    ]
    chart = nbformat.v4.new_code_cell("chart")
    chart.outputs = [
        nbformat.v4.new_output(
            "display_data", {"text/html": page.chart(go.Figure(go.Bar(x=[1], y=[2])))}
        )
    ]
    nb.cells = [params, injected, body, chart]
    return nb


def test_export_is_self_contained_deterministic_and_shows_no_code():
    first = render.export(executed_notebook("2024-01-01 10:00"), "Title", "zh")
    second = render.export(executed_notebook("2030-12-31 23:59"), "Title", "zh")
    assert first != second
    strip = re.compile(r'<span class="smedx-generated">[^<]*</span>')
    assert strip.sub("", first) == strip.sub("", second)
    assert first.count("Plotly.newPlot") == 1 + render.plotly_js().count("Plotly.newPlot")
    assert render.plotly_js() in first and first.count(render.plotly_js()[:200]) == 1
    body = first[first.index("<main>") :]
    assert "report.header()" not in body and "lang = " not in body
    assert "noise" not in body and "0x7f" not in body
    assert not re.search(r'<script[^>]+src="https?:', first)
    assert not re.search(r'<link[^>]+href="https?:', first)
    assert '<html lang="zh">' in first


def test_safe_file_names():
    assert render.safe_name("M00001") == "M00001"
    assert render.safe_name("示例/公司 1") == "示例_公司_1"
    assert render.safe_name("../..") == "report"


def test_report_file_names_are_unique_in_the_run_and_against_existing_files(tmp_path):
    (tmp_path / "A_B.html").write_text("an earlier report")
    (tmp_path / "c1.HTML").write_text("another")  # names compare without case
    jobs = [
        render.Job("company", render.safe_name(i), {}, i) for i in ("A/B", "A_B", "A_B-2", "C1")
    ]
    named = cli.unique_names(jobs, tmp_path, "zh")
    assert [j.name for j in named] == ["A_B-2", "A_B-3", "A_B-2-2", "C1-2"]
    assert [j.name for j in cli.unique_names(jobs, tmp_path / "new", "en")] == [
        "A_B",
        "A_B-2",
        "A_B-2-2",
        "C1",
    ]
