"""Issue 16 item 5: one spacing rule between Chinese and Latin letters or digits, the report cited
in natural Chinese, and no exercise ids in the learners' prose."""

import csv
import json
import re
from pathlib import Path

import nbformat
import pytest

from smedx import REPORT_TITLE_ZH, data
from smedx.exercises import MODULES as MODULE_IDS
from smedx.exercises import questions
from smedx.models.assessment import assess, questionnaire
from smedx.models.benchmark import benchmark
from smedx.models.common import CompanyProfile
from smedx.models.plan import build_plan, plan_to_json
from smedx.models.scenarios import rank_scenarios
from smedx.models.vendors import example_vendors, score_vendors
from smedx.quiz.items import ITEMS, OBJECTIVES
from smedx.typography import (
    cited_sections_zh,
    natural_citations,
    section_ref,
    sections_zh,
    space_cjk,
    spacing_errors,
    unspace_cjk,
)
from smedx.ui.apps import APPS

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "modules").glob("[0-9][0-9]_*.ipynb"))
GUIDES = sorted((ROOT / "docs" / "trainer").glob("m0?.zh.md"))


def _markdown(path: Path) -> str:
    cells = nbformat.read(path, as_version=4).cells
    return "\n\n".join(c.source for c in cells if c.cell_type == "markdown")


# --- the rule itself -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "spaced"),
    [
        ("互联网与IT服务业", "互联网与 IT 服务业"),
        ("2023年有15%的企业", "2023 年有 15% 的企业"),
        ("（产品合格率） 30%，ERP 、CRM", "（产品合格率）30%，ERP、CRM"),
        ("质量 > 效率 | 核心 · 选学", "质量 > 效率 | 核心 · 选学"),  # symbols keep their spaces
        ("见 `answers_m02.json` 和 02_现状.ipynb", "见 `answers_m02.json` 和 02_现状.ipynb"),
        ("报告原文“2023年投入”不改", "报告原文“2023年投入”不改"),  # quotes stay verbatim
        ("[链接](https://example.org/a1页)", "[链接](https://example.org/a1页)"),
    ],
)
def test_space_cjk_applies_the_rule_and_leaves_protected_spans(raw, spaced):
    assert space_cjk(raw) == spaced
    assert space_cjk(spaced) == spaced
    assert spacing_errors(spaced) == []
    assert spacing_errors(raw) or raw == spaced


@pytest.mark.parametrize(
    ("raw", "natural"),
    [
        ("（报告 §2.1）", "（报告第 2.1 节）"),
        ("报告 §1.2 用几组数字", "报告第 1.2 节用几组数字"),
        ("（报告 §4.1–§4.6）", "（报告第 4.1–4.6 节）"),
        ("（§5.1、§5.2、§5.3）", "（第 5.1、5.2、5.3 节）"),
        ("（§前言）", "（报告前言）"),
        ("报告附录 §附录1.3 还把", "报告附录 1.3 还把"),
        ("· AI PCs (§附录1.1, §附录1.2)", "· AI PCs (Appendix 1.1, Appendix 1.2)"),
        ("Report §3.2.2.2: 'this'", "Report §3.2.2.2: 'this'"),  # English keeps "§"
    ],
)
def test_citations_read_as_the_language_around_them(raw, natural):
    assert natural_citations(raw) == natural


def test_section_names_in_both_languages():
    assert [section_ref(s) for s in ("2.1", "前言", "附录1.1")] == ["第 2.1 节", "前言", "附录 1.1"]
    assert [section_ref(s, "en") for s in ("2.1", "结语", "附录1.1")] == [
        "§2.1",
        "Conclusion",
        "Appendix 1.1",
    ]
    assert cited_sections_zh("报告第 3.2.2、3.2.2.1 节和附录 2") == {"3.2.2", "3.2.2.1", "附录2"}
    assert sections_zh("1.3; 2.1; appendix 1.2") == "第 1.3、2.1 节、附录 1.2"
    assert sections_zh("5") == "第 5 章"
    assert unspace_cjk("101—300 人，IT 运维") == "101—300人，IT运维"  # old spellings still read


# --- the learners' text follows it -----------------------------------------------------------------


@pytest.mark.parametrize("path", MODULES + GUIDES, ids=lambda p: p.name[:6])
def test_module_markdown_and_guides_follow_the_spacing_rule(path):
    text = _markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    assert spacing_errors(text) == []


@pytest.mark.parametrize("path", MODULES + GUIDES, ids=lambda p: p.name[:6])
def test_chinese_text_cites_the_report_without_section_signs(path):
    text = _markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    assert natural_citations(text) == text


# A line break between two Chinese characters (or Chinese punctuation) inside a paragraph: the
# rendered page shows it as a space ("检查只看 填写").
SOFT_BREAK = re.compile(
    r"(?m)^(?![ \t]*[#|]).*[\u2014\u2018-\u201d\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\n"
    r"(?=[\u2014\u2018-\u201d\u2026\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name[:2])
def test_no_line_break_inside_chinese_text(path):
    breaks = [m.group(0)[-12:] for m in SOFT_BREAK.finditer(_markdown(path))]
    assert not breaks, breaks


# The spacing and citation rules are Chinese typography: they check the Chinese edition. The
# English edition (modules/en/) is checked for its language by tests/test_editions.py.
@pytest.mark.parametrize(
    "path", MODULES + sorted((ROOT / "modules" / "en").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_no_exercise_ids_in_learner_prose(path):
    ids = re.findall(r"\bm0\d\.\w+", _markdown(path))
    assert not ids, ids


def _question_texts(q) -> list[str]:
    texts = [q.prompt.zh, q.solution.zh, *(h.zh for h in q.hints), *(o.zh for o in q.options)]
    for answer in (q.example_answer, *q.wrong_answers):
        texts.append(q.check(answer).zh)  # feedback, right and wrong
    return texts


@pytest.mark.parametrize("module", MODULE_IDS)
def test_practice_questions_follow_the_spacing_rule(module):
    errors = {
        q.id: found
        for q in questions(module)
        for text in _question_texts(q)
        if (found := spacing_errors(natural_citations(text)) or (natural_citations(text) != text))
    }
    assert not errors, errors


def test_quiz_items_and_objectives_follow_the_spacing_rule():
    texts = [t.zh for t in OBJECTIVES.values()]
    for item in ITEMS:
        texts += [item.prompt.zh, *(o.zh for o in item.options)]
        texts += [item.unit.zh] if item.unit else []
    errors = [(t, e) for t in texts if (e := spacing_errors(t)) or natural_citations(t) != t]
    assert not errors, errors


@pytest.mark.parametrize("name", data.table_names())
def test_data_labels_follow_the_spacing_rule(name):
    """Chinese labels, titles and summaries the charts and apps show; quotes stay verbatim."""
    frame = data.table(name)
    errors = [
        (column, text, found)
        for column in frame.columns
        if column.endswith("_zh")
        for text in frame[column]
        if isinstance(text, str) and (found := spacing_errors(text))
    ]
    assert not errors, errors[:5]


def test_chart_citations_read_as_chinese():
    figures = data.figures()
    for figure_id in figures["figure_id"]:
        line = data.source_line(figure_id)
        assert "§" not in line and not spacing_errors(line), line
    assert data.source_line("S3.1.1-goals") == f"数据来源：{REPORT_TITLE_ZH}第 3.1.1 节"


def test_app_names_follow_the_spacing_rule():
    texts = [t for app in APPS for t in (app.title_zh, app.blurb_zh)]
    assert not [t for t in texts if spacing_errors(t)]


# --- the kit's own catalogues and the sentences the models build from them ------------------------

KIT = ROOT / "datasets" / "kit"
KIT_FILES = sorted(p.name for p in KIT.iterdir())


def _chinese_fields(obj, key=""):
    """The Chinese strings of a catalogue or result: keys ending in _zh, or zh (report quotes sit
    in other fields, or in “…” where the rule leaves them verbatim)."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _chinese_fields(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from _chinese_fields(v, key)
    elif isinstance(obj, str) and (key.endswith("_zh") or key == "zh"):
        yield key, obj


def _rule_errors(fields):
    return [(k, t, e) for k, t in fields if (e := spacing_errors(t)) or natural_citations(t) != t]


@pytest.mark.parametrize("name", KIT_FILES)
def test_kit_catalogues_follow_the_spacing_rule(name):
    path = KIT / name
    if path.suffix == ".json":
        content = json.loads(path.read_text(encoding="utf-8"))
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            content = list(csv.DictReader(handle))
    errors = _rule_errors(_chinese_fields(content))
    assert not errors, errors[:5]


def test_model_labels_and_reasons_follow_the_spacing_rule():
    """What the assessment, benchmark, scenario, vendor and plan models put together for the pages
    (labels, reasons, gate and gap texts, statements) in Chinese."""
    items = questionnaire().items
    profile = CompanyProfile("it_services", size_band="101_300", investment_share=1.5)
    results = []
    for letters in ("ab", "cde"):
        answers = {it.id: letters[i % len(letters)] for i, it in enumerate(items)}
        assessment = assess(answers, profile)
        ranking = rank_scenarios(profile, assessment.stage, ["cost_reduction"], "1_2")
        vendors = score_vendors(list(example_vendors()))
        plan = build_plan(assessment, ranking, vendors, revenue_10k_cny=5000, budget_share=1.5)
        results += [assessment.to_dict(), ranking.to_dict(), vendors.to_dict()]
        results += [benchmark(assessment, profile).to_dict(), json.loads(plan_to_json(plan))]
    fields = [f for result in results for f in _chinese_fields(result)]
    assert len(fields) > 100
    errors = _rule_errors(fields)
    assert not errors, errors[:5]
