"""Issue 16 item 5: one spacing rule between Chinese and Latin letters or digits, the report cited
in natural Chinese, and no exercise ids in the learners' prose."""

import re
from pathlib import Path

import nbformat
import pytest

from smedx.typography import (
    cited_sections_zh,
    natural_citations,
    section_ref,
    space_cjk,
    spacing_errors,
)

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


# --- the learners' text follows it -----------------------------------------------------------------


@pytest.mark.parametrize("path", MODULES + GUIDES, ids=lambda p: p.name[:6])
def test_module_markdown_and_guides_follow_the_spacing_rule(path):
    text = _markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    assert spacing_errors(text) == []


@pytest.mark.parametrize("path", MODULES + GUIDES, ids=lambda p: p.name[:6])
def test_chinese_text_cites_the_report_without_section_signs(path):
    text = _markdown(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    assert natural_citations(text) == text


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name[:2])
def test_no_exercise_ids_in_learner_prose(path):
    ids = re.findall(r"\bm0\d\.\w+", _markdown(path))
    assert not ids, ids
