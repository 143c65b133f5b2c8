"""`smedx assess / scenarios / vendors / genai / plan`, driven through a small argparse parser."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest

from smedx.cli import models as cli_models
from smedx.i18n import language, using
from smedx.models.assessment import Assessment, questionnaire
from smedx.models.plan import plan_from_json

ITEMS = [it.id for it in questionnaire().items]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="smedx")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    cli_models.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def write(path, obj) -> str:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return str(path)


def assert_error(code: int, err: str, *needles: str, lang: str = "zh") -> None:
    """Exit code 2 and the error in one language only (the command's --lang)."""
    assert code == 2
    head, other = ("Error:", "错误：") if lang == "en" else ("错误：", "Error:")
    assert head in err and other not in err, err
    for needle in needles:
        assert needle in err


@pytest.fixture
def answers_c(tmp_path) -> str:
    # all items at option c: total 40, local_build (worked out in test_assessment.py)
    return write(tmp_path / "a.json", {i: "c" for i in ITEMS})


@pytest.fixture
def assessment_file(tmp_path, capsys, answers_c) -> str:
    code, out, _ = run(capsys, "assess", answers_c, "--industry", "retail", "--json")
    assert code == 0
    path = tmp_path / "assessment.json"
    path.write_text(out, encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- assess


def test_assess_prints_a_chinese_summary(capsys, answers_c):
    code, out, err = run(capsys, "assess", answers_c)
    assert code == 0 and err == ""
    assert "局部建设阶段" in out and "40/100" in out and "数字化基础 10/25" in out
    assert "迈向“数字底座建设阶段”需补齐" in out


def test_assess_in_english_from_the_subcommand_or_the_main_flag(capsys, answers_c):
    for argv in (("assess", answers_c, "--lang", "en"), ("--lang", "en", "assess", answers_c)):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert "Stage: Local build-out stage" in out and "局部" not in out


def test_assess_json_lines_round_trip(capsys, answers_c):
    code, out, _ = run(capsys, "assess", answers_c, "--json")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1
    record = json.loads(lines[0])
    assert (record["id"], record["index"]) == (None, 0)
    assert Assessment.from_dict(record["assessment"]).stage == "local_build"


def test_batch_keeps_going_and_reports_the_bad_record(capsys, tmp_path):
    batch = [
        {"id": "m1", "answers": {i: "b" for i in ITEMS}, "profile": {"industry": "retail"}},
        {"id": "m2", "answers": {"F1": "z"}},
        {"id": 3, "answers": {i: "d" for i in ITEMS}},
    ]
    code, out, err = run(capsys, "assess", write(tmp_path / "batch.json", batch), "--json",
                         "--lang", "en")  # fmt: skip
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["m1", "m2", "3"]
    assert records[0]["assessment"]["profile"]["industry"] == "retail"
    assert set(records[1]["error"]) == {"zh", "en", "field"} and records[1]["error"]["en"]
    assert "assessment" in records[2]
    assert_error(code, err, "batch.json[1]", "m2", lang="en")


def test_assess_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({i: "c" for i in ITEMS})))
    code, out, _ = run(capsys, "assess", "-", "--lang", "en")
    assert code == 0 and "Local build-out stage" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "no answer sets"),
        ('{"id": "x", "answers": {}, "colour": "red"}', "unknown fields"),
        ('{"answers": {}, "profile": {"industry": "mining"}}', "industry"),
    ],
)
def test_assess_bad_files(capsys, tmp_path, content, needle):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "assess", str(path), "--lang", "en")
    assert_error(code, err, needle, lang="en")


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "assess", str(tmp_path / "nope.json"))
    assert_error(code, err, "找不到文件")
    code, _, err = run(capsys, "assess", str(tmp_path / "nope.json"), "--lang", "en")
    assert_error(code, err, "file not found", lang="en")


# ---------------------------------------------------------------- scenarios, vendors, genai


def test_scenarios_from_an_assessment(capsys, assessment_file):
    code, out, _ = run(
        capsys,
        "scenarios",
        "--assessment",
        assessment_file,
        "--goal",
        "cost_reduction",
        "--budget-band",
        "1_2",
        "--json",
    )
    result = json.loads(out)
    assert code == 0 and result["kind"] == "scenarios"
    assert result["inputs"]["stage"] == "local_build"
    assert result["inputs"]["profile"]["industry"] == "retail"


def test_scenarios_need_a_stage(capsys):
    code, _, err = run(capsys, "scenarios", "--goal", "cost_reduction", "--budget-band", "1_2")
    assert_error(code, err, "--stage")


def test_vendors_default_to_the_fictional_examples(capsys):
    code, out, _ = run(capsys, "vendors", "--lang", "en")
    assert code == 0 and "(fictional)" in out and "Sensitivity" in out
    code, out, _ = run(capsys, "vendors", "--json", "--method", "topsis")
    assert json.loads(out)["method"] == "topsis"


def test_vendors_from_a_file_and_bad_weights(capsys, tmp_path):
    vendors = [
        {"name": "甲", "scores": {"cost_benefit": 5, "need_match": 2}},
        {"name": "乙", "scores": {"cost_benefit": 2, "need_match": 5}},
    ]
    path = write(tmp_path / "v.json", vendors)
    code, out, _ = run(capsys, "vendors", path, "--weight", "cost_benefit=3", "--weight",
                       "need_match=1", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["ranked"][0]["name"] == "甲"
    code, _, err = run(capsys, "vendors", path, "--weight", "cost_benefit=lots")
    assert_error(code, err, "准则=数字")
    code, _, err = run(capsys, "vendors", write(tmp_path / "w.json", {"a": 1}), "--lang", "en")
    assert_error(code, err, "must be a list", lang="en")


def test_genai_summary_and_json(capsys, assessment_file):
    code, out, _ = run(capsys, "genai", "--assessment", assessment_file)
    assert code == 0 and "试点建议" in out and "速赢" in out
    code, out, _ = run(capsys, "genai", "--stage", "single_point", "--industry", "finance",
                       "--data-readiness", "none", "--skills", "none", "--json")  # fmt: skip
    result = json.loads(out)
    # the worked example of test_genai.py
    assert [s["key"] for s in result["shortlist"]] == ["ai_ppt", "marketing_images",
                                                        "meeting_minutes"]  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "needle"),
    [(["--select", "teleportation"], "teleportation"), (["--select", ","], "at least one")],
)
def test_genai_bad_selection(capsys, extra, needle):
    code, _, err = run(capsys, "genai", "--stage", "single_point", *extra, "--lang", "en")
    assert_error(code, err, needle, lang="en")


# ---------------------------------------------------------------- plan


@pytest.fixture
def plan_file(tmp_path, capsys, assessment_file) -> str:
    genai = tmp_path / "g.json"
    code, out, _ = run(capsys, "genai", "--assessment", assessment_file, "--json")
    genai.write_text(out, encoding="utf-8")
    path = tmp_path / "plan.json"
    code, out, _ = run(capsys, "plan", "build", "--assessment", assessment_file, "--genai",
                       str(genai), "--revenue", "5000", "--budget-share", "1.5", "-o", str(path))  # fmt: skip
    assert code == 0 and "计划已保存" in out and "第 1 季度" in out
    return str(path)


def test_plan_build_writes_a_checked_file(plan_file):
    plan = plan_from_json(read(plan_file))
    assert (plan.stage.current, plan.stage.target) == ("local_build", "digital_foundation")
    assert plan.budget.amount_10k_cny == 75.0  # 5000 x 1.5%
    assert len(plan.pilots) == 3


def test_plan_show_in_both_languages_and_as_json(capsys, plan_file):
    code, out, _ = run(capsys, "plan", "show", plan_file)
    assert code == 0 and "阶段：局部建设阶段 → 数字底座建设阶段" in out
    code, out, _ = run(capsys, "plan", "show", plan_file, "--lang", "en")
    assert code == 0 and "Q4 (months 10-12" in out
    code, out, _ = run(capsys, "plan", "show", plan_file, "--json")
    assert plan_from_json(out) == plan_from_json(read(plan_file))


def test_plan_show_prints_one_language_and_leaves_the_session_language(capsys, plan_file):
    # the command runs in its --lang (the catalogue's Chinese, the msgid English) and gives the
    # process its language back afterwards
    with using("en"):
        code, zh, _ = run(capsys, "plan", "show", plan_file, "--lang", "zh")
        assert language() == "en"
    assert code == 0
    for heading in ("季度安排：", "成效指标（KPI）：", "外部帮助：", "预算：75 万元"):
        assert heading in zh
    assert not re.search(r"^(Quarter|KPIs|External help|Budget|Stage)", zh, re.M)
    with using("zh"):
        code, en, _ = run(capsys, "plan", "show", plan_file, "--lang", "en")
        assert language() == "zh"
    assert code == 0 and "Quarter by quarter:" in en and "Budget: CNY 750,000" in en
    assert not re.search(r"[\u4e00-\u9fff]", en)


def test_plan_show_refuses_an_edited_file(capsys, plan_file):
    original = read(plan_file)
    text = original.replace('"amount_10k_cny": 75.0', '"amount_10k_cny": 7.5')
    assert text != original
    Path(plan_file).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "plan", "show", plan_file)
    assert out == ""
    assert_error(code, err, "校验和")
    code, _, err = run(capsys, "plan", "show", plan_file, "--lang", "en")
    assert_error(code, err, "checksum", lang="en")


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--budget-share", "nan"], "finite"),
        (["--budget-share", "-2"], "budget share"),
        (["--budget-share", "2", "--revenue", "-1"], "revenue"),
        (["--budget-share", "2", "--target-stage", "single_point"], "below"),
        (["--budget-share", "2", "--months", "5"], "horizon"),
    ],
)
def test_plan_build_bad_numbers(capsys, assessment_file, extra, needle):
    argv = ["plan", "build", "--assessment", assessment_file, "--revenue", "5000", *extra]
    code, _, err = run(capsys, *argv, "--lang", "en")
    assert_error(code, err, needle, lang="en")


def test_plan_build_refuses_an_edited_assessment(capsys, tmp_path, assessment_file):
    record = json.loads(read(assessment_file))
    record["assessment"]["total"] = 95
    edited = write(tmp_path / "edited.json", record)
    code, _, err = run(capsys, "plan", "build", "--assessment", edited, "--revenue", "5000",
                       "--budget-share", "1", "--lang", "en")  # fmt: skip
    assert_error(code, err, "total", lang="en")


def test_plan_build_refuses_the_wrong_kind_of_file(capsys, tmp_path, assessment_file):
    wrong = write(tmp_path / "s.json", {"kind": "genai", "schema_version": 1})
    code, _, err = run(capsys, "plan", "build", "--assessment", assessment_file, "--scenarios",
                       wrong, "--revenue", "5000", "--budget-share", "1", "--lang", "en")  # fmt: skip
    assert_error(code, err, "scenarios", lang="en")
