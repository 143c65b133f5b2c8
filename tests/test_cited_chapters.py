"""Issue 17 items 4 and 5: chapters that were only cited are taught with exercises, and every code
cell of a module is one short line (module 00's promise), and the vendor chooser's TOPSIS and
sensitivity are marked as optional depth."""

import re
from pathlib import Path

import nbformat
import pytest

from smedx import course, data
from smedx.exercises import m02, m03, m06, question
from smedx.typography import cited_sections_zh

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "modules").glob("[0-9][0-9]_*.ipynb"))
SHORT = 80  # characters: one line a non-programmer can read at a glance


def _cells(path: Path):
    return nbformat.read(path, as_version=4).cells


def _sections(path: Path) -> dict[str, dict]:
    """section id -> {"meta": opening tags, "markdown": text, "code": [sources]}."""
    sections: dict[str, dict] = {}
    for cell in _cells(path):
        tags = cell.metadata["smedx"]
        entry = sections.setdefault(tags["section"], {"meta": tags, "markdown": "", "code": []})
        if cell.cell_type == "markdown":
            entry["markdown"] += cell.source + "\n"
        else:
            entry["code"].append(cell.source)
    return sections


def _module(number: str) -> Path:
    (path,) = [p for p in MODULES if p.name.startswith(number)]
    return path


def _section_calling(number: str, exercise_id: str) -> dict:
    (found,) = [
        s
        for s in _sections(_module(number)).values()
        if any(f'"{exercise_id}"' in src for src in s["code"])
    ]
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem[:2])
def test_every_code_cell_is_one_short_line(path):
    long = [
        c.source
        for c in _cells(path)
        if c.cell_type == "code" and ("\n" in c.source.strip() or len(c.source) > SHORT)
    ]
    assert not long, long


def test_topsis_and_sensitivity_are_optional_depth():
    chooser = _section_calling("04", "m04.default_winner")
    depth = _section_calling("04", "m04.topsis_winner")
    assert depth == _section_calling("04", "m04.cost_weight_rise")
    assert chooser["meta"]["path"] == "core" and depth["meta"]["path"] == "optional"
    assert depth["markdown"].splitlines()[0].endswith("（选学）")


@pytest.mark.parametrize(
    ("number", "exercise_id", "cited"),
    [
        ("02", "m02.industry_pick", {"2.1"}),
        ("03", "m03.process_reasons", {"3.3"}),
        ("03", "m03.help_services", {"3.3.2"}),
        ("03", "m03.srdi_practices", {"3.4"}),
        ("06", "m06.case_transfer", {"4.1", "4.2", "4.3", "4.4", "4.5", "4.6"}),
        ("06", "m06.association_help", {"5.3"}),
    ],
)
def test_each_cited_chapter_has_an_exercise_in_the_section_that_teaches_it(
    number, exercise_id, cited
):
    section = _section_calling(number, exercise_id)
    assert exercise_id in section["meta"]["exercises"]
    assert cited <= cited_sections_zh(section["markdown"])  # "报告第 2.1 节", "第 4.1–4.6 节"
    q = question(exercise_id)
    assert q.prompt.zh and q.prompt.en and q.solution.zh and q.solution.en


@pytest.mark.parametrize("module", [m02, m03, m06], ids=["m02", "m03", "m06"])
def test_report_numbers_of_the_new_exercises_are_read_not_retyped(module):
    """The values the new exercises quote appear in the rendered text but not in the source."""
    source = Path(module.__file__).read_text(encoding="utf-8")
    quoted = {
        m03: [("3.3.1.1", "process_gap", "process_manufacturing"), ("3.3.1.1", "process_gap", "")]
        + [("3.3.2.1", k, "") for k in ("training", "peer_leaders", "funding")],
        m06: [("3.3.1.1", "talent", "")],
        m02: [],
    }[module]
    for figure, key, segment in quoted:
        value = f"{data.stat(figure, key, segment).value:.1f}"
        assert not re.search(rf"(?<![\d.]){re.escape(value)}(?!\d)", source), (figure, key)
    if module is m03:
        shown = str(question("m03.process_reasons").prompt)
        assert f"{data.stat('3.3.1.1', 'process_gap', 'process_manufacturing').value:.1f}%" in shown
        options = " ".join(o.zh for o in question("m03.help_services").options)
        assert f"{data.stat('3.3.2.1', 'training').value:.1f}%" in options


def test_the_association_service_menu_is_labelled_as_the_kits_own():
    q = question("m03.help_services")
    assert "本课程设计" in q.prompt.zh and "designed by the course" in q.prompt.en
    assert "本课程设计的示例" in _section_calling("03", "m03.help_services")["markdown"]


def test_report_stages_match_miit_levels_word_for_word(monkeypatch):
    table = course.stage_levels()
    assert list(table.iloc[:, 2]) == ["一级", "二级", "三级", "四级"]
    assert set(table["逐字相同"]) == {"✔"}
    english = course.stage_levels("en")
    assert list(english.columns)[-1] == "Word for word"
    # the English page shows the kit's English translations, no Chinese
    assert not re.search(r"[\u2e80-\u9fff]", english.to_string())
    stages = data.stages().sort_values("order")
    assert list(english.iloc[:, 1]) == list(stages["descriptor_en"].iloc[1:5])
    changed = data.stages().copy()
    changed.loc[changed["stage_id"] == "local_build", "descriptor_zh"] = "部分业务实现数字化"
    monkeypatch.setattr(course.data, "stages", lambda: changed)
    assert list(course.stage_levels()["逐字相同"]) == ["✔", "✘", "✔", "✔"]


def test_industry_definitions_are_taught_before_the_industry_exercise():
    text = _section_calling("02", "m02.industry_pick")["markdown"]
    for name, example in [
        ("离散制造业", "汽车"),
        ("流程制造业", "食品"),
        ("个人消费服务业", "餐饮"),
        ("专业服务业", "会计"),
    ]:
        assert re.search(rf"\*\*{name}\*\*：[^\n]*{example}", text), name
    assert question("m02.industry_pick").check("discrete_manufacturing").zh.startswith("离散")


@pytest.mark.parametrize(
    "answer",
    [
        "挑战：订单波动大，排产靠人工。\n做法：耐德佳在 ERP 里按周排产。\n第一步：下月起先试一条产线。",
        "Challenge: manual scheduling of volatile orders\nPractice: Naidejia plans weekly in "
        "its ERP\nFirst step: our production lead plans one line weekly from next month",
        "挑战：芯片设计周期太长，我们的研发也慢\n实践：德图科技用仿真工具缩短设计\n"
        "第一步：研发经理三个月内试用一款仿真软件",
    ],
)
def test_case_transfer_is_checked_for_completeness_not_agreement(answer):
    assert question("m06.case_transfer").check(answer).correct


def test_case_transfer_names_what_is_missing():
    q = question("m06.case_transfer")
    feedback = q.check("挑战：订单波动大，排产靠人工，和耐德佳一样。")
    assert not feedback.correct and "案例的做法" in feedback.zh and "第一步" in feedback.zh
    unnamed = (
        "挑战：订单波动大，排产靠人工。\n做法：按周排产并实时监控。\n第一步：先试一条产线看看。"
    )
    assert "哪一个案例" in q.check(unnamed).zh
    assert m06.transfer_parts("Step: x\n挑战：y")["challenge"] == "y"


def test_the_three_reasons_are_taught_before_they_are_asked():
    text = _section_calling("03", "m03.process_reasons")["markdown"]
    for reason in ("周期长", "数据孤岛", "安全环保"):
        assert reason in text, reason
