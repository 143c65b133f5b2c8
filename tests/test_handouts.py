"""Printable handouts: a real A4 PDF per module made by Chromium from the module notebook, read back
with pypdf and rendered with pypdfium2; the answers are only in the trainer's separate sheet."""

from __future__ import annotations

import json
import re
import unicodedata
from html import unescape as html_unescape

import nbformat
import pypdf
import pypdfium2
import pytest
from markupsafe import escape
from test_editions import unglossed_chinese

from smedx import glossary
from smedx.cli import main
from smedx.coursepack import handouts

CJK = re.compile(r"[\u3400-\u9fff]")


def _flat(text: str) -> str:
    """Text without white space, Noto CJK's radical forms (⼩, ⻚) mapped back (小, 页)."""
    return "".join(unicodedata.normalize("NFKC", text).replace("\u2eda", "页").split())


def _text(path) -> str:
    # pypdfium2 reads text in C; pypdf takes many seconds on pages full of chart paths
    document = pypdfium2.PdfDocument(path)
    return _flat("".join(page.get_textpage().get_text_range() for page in document))


def _notebook_exercises(nn: str) -> list[str]:
    """The exercise ids a module notebook shows, in order, before its trainer notes."""
    ids = []
    for cell in nbformat.read(handouts.module_paths()[nn], as_version=4).cells:
        if cell.cell_type == "markdown" and handouts._is_trainer_heading(cell.source):
            break
        ids += re.findall(r'^exercise\("([^"]+)"\)', cell.source, re.M)
    return ids


@pytest.fixture(scope="module")
def m01(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    assert main(["course", "handouts", "--module", "01", "--out", str(out)]) == 0
    learner, trainer = out / "m01-handout.pdf", out / "trainer" / "m01-answers.pdf"
    assert sorted(p.name for p in out.iterdir()) == [learner.name, "trainer"]
    assert [p.name for p in (out / "trainer").iterdir()] == [trainer.name]
    return learner, trainer


def test_learner_handout_has_the_module_worksheets_and_glossary(m01):
    learner, _ = m01
    text = _text(learner)
    module = handouts.read_module("01")
    assert _flat(handouts.module_title("01")) in text and "学员讲义" in text
    assert "学习目标" in text and "1.国家战略" in text  # the module's own sections
    ids = _notebook_exercises("01")
    assert [s.question.id for s in module.worksheets] == ids and len(ids) >= 8
    for number, qid in enumerate(ids, start=1):
        assert f"练习{number}({qid})" in text
    assert "术语表" in text
    for term in glossary.terms():
        assert _flat(term.zh) in text, term.key
    # no code, no English edition beside the Chinese, no trainer notes
    for absent in (
        "exercise(",
        "fromsmedx",
        "Englishsummary",
        "培训师备注",
        "NotesfortrainersTiming",
    ):
        assert absent not in text
    assert len(pypdf.PdfReader(learner).pages) >= 8  # A4 pages
    assert pypdf.PdfReader(learner).pages[0].mediabox.width == pytest.approx(595, abs=2)


def test_answers_are_on_the_trainer_sheet_only(m01):
    learner, trainer = m01
    learner_text, trainer_text = _text(learner), _text(trainer)
    assert "培训师答案页" in trainer_text and "参考答案" not in learner_text
    for sheet in handouts.read_module("01").worksheets:
        solution = _flat(sheet.question.solution.zh)[:30]
        answer = _flat(handouts.answer_text(sheet.question))[:30]
        assert solution in trainer_text and answer in trainer_text, sheet.question.id
        assert solution not in learner_text, sheet.question.id
        for hint in sheet.question.hints:
            assert _flat(hint.zh)[:30] not in learner_text


def _colour_above(page, char_index: int, scale: float = 2.0) -> int:
    """Coloured (not grey) pixels in the 250 pt above a character, inside the page margins:
    the chart a source line captions. Headings and worksheet borders give a few thousand."""
    left, bottom, right, top = page.get_textpage().get_charbox(char_index)
    image = page.render(scale=scale).to_pil().convert("RGB")
    y1 = int((page.get_height() - top) * scale)
    margin = int(40 * scale)
    region = image.crop((margin, max(0, y1 - int(250 * scale)), image.width - margin, y1))
    pixels = region.tobytes()
    return sum(
        1 for i in range(0, len(pixels), 3) if max(pixels[i : i + 3]) - min(pixels[i : i + 3]) > 60
    )


def test_a_rendered_page_shows_text_and_a_chart(m01):
    learner, _ = m01
    best = 0
    for page in pypdfium2.PdfDocument(learner):
        textpage = page.get_textpage()
        if "数据来源" not in textpage.get_text_range():  # the caption under each chart
            continue
        searcher = textpage.search("数据来源")
        while (found := searcher.get_next()) and best <= 20000:
            best = max(best, _colour_above(page, found[0]))
        grey = page.render(scale=1).to_pil().convert("L")
        assert sum(1 for v in grey.tobytes() if v < 100) > 2000  # dark text on the page
        if best > 20000:
            break
    assert best > 20000, "no page shows a drawn chart above a source line"


def test_english_edition_is_english(tmp_path):
    module = handouts.read_module("01", "en")
    assert module.title.startswith("Module 01")
    text_blocks = [b for b in module.blocks if isinstance(b, str) and "<table>" not in b]
    # Chinese only where the English edition quotes the report with a translation beside it
    assert text_blocks and not [
        u for b in text_blocks if (u := unglossed_chinese(html_unescape(b)))
    ]
    html = handouts.handout_html(module, "en")
    assert "Learner handout" in html and "学员讲义" not in html and "Glossary" in html
    assert not CJK.search(html.split("<body")[0])  # the page's head and style too


def test_paper_text_leaves_out_what_only_a_notebook_needs():
    source = (
        "> **How to run:** press **Shift + Enter**.\n\n# Module 01 · Why\n\nA text.\n\n"
        "## 1. Learning\nRun the next cell to load the tools."
    )
    assert handouts.paper_text(source) == "A text.\n\n## 1. Learning"


def test_unknown_module_is_a_clear_error(tmp_path, capsys):
    assert main(["course", "handouts", "--module", "09", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "没有模块 09" in err and "no module 09" not in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_glossary_headings_and_sources_do_not_break_inside_a_word(m01):
    learner, _ = m01
    pages = [page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(learner)]
    glossary_text = "".join(pages[next(i for i, t in enumerate(pages) if "术语表" in t) :])
    lines = [line.strip() for line in glossary_text.splitlines()]
    # a column too narrow for "出处" or "课程编写" printed them as 出 / 处, 课程 / 编写
    assert "出" not in lines and "处" not in lines
    assert not {"课程", "课程编", "报告"} & set(lines), [x for x in lines if len(x) < 4]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_paper_handouts_have_no_cell_to_run_and_every_apply_exercise(lang):
    for nn in handouts.module_paths():
        module = handouts.read_module(nn, lang)
        text = "".join(b for b in module.blocks if isinstance(b, str))
        # "运行下面一格…" and the bilingual "你保存的答案 · Your saved answers (运行下一格查看 …)"
        assert not handouts.RUN_A_CELL.search(text) and "Your saved answers" not in text, nn
        ids = [s.question.id for s in module.worksheets]
        assert len(ids) == len(set(ids)), nn
    on_paper = {
        s.question.id
        for nn in ("02", "03", "05", "06")
        for s in handouts.read_module(nn).worksheets
    }
    # the apps' exercises: without a worksheet the paper class had nowhere to do them
    assert {"m02.self_assessment", "m03.my_scenarios", "m05.my_pilots", "m06.my_plan"} <= on_paper
    html = handouts.handout_html(handouts.read_module("02", lang), lang)
    assert f"self-assessment.{lang}.pdf" in html


def _has_values(array) -> bool:
    """A plotly JSON array: a list, or (plotly 6) a typed array with its bytes in "bdata"."""
    return bool(array.get("bdata")) if isinstance(array, dict) else bool(array)


def test_no_chart_on_paper_is_blank():
    for nn in handouts.module_paths():
        for block in handouts.read_module(nn).blocks:
            if isinstance(block, handouts.Chart):
                traces = json.loads(block.spec)["data"]
                # explore("3.1.2.1") drew the figure without a segment: axes, no bars
                assert any(_has_values(t.get(axis, [])) for t in traces for axis in "xyz"), (
                    nn,
                    block.id,
                )


def test_each_language_prints_its_own_edition():
    """The English handout is made from modules/en/, cell for cell, not from summaries."""
    for lang in ("zh", "en"):
        paths = handouts.module_paths(lang)
        module = handouts.read_module("01", lang)
        first = nbformat.read(paths["01"], as_version=4).cells[7].source.splitlines()[0][3:]
        assert any(first in b for b in module.blocks if isinstance(b, str)), (lang, first)


def test_a_planners_form_prints_one_line_per_field():
    q = handouts.question("m03.my_scenarios")
    groups = handouts.option_groups(q, "zh")
    assert [g for g, _ in groups] == ["行业", "阶段", "目标", "预算", "我选的场景"]
    assert sum(len(labels) for _, labels in groups) > 30
    pilots = handouts.option_groups(handouts.question("m05.my_pilots"), "en")
    assert [g for g, _ in pilots][-1] == "My pilots" and "Meeting minutes" in pilots[-1][1]
    html = handouts.handout_html(handouts.read_module("03"), "zh")
    sheet = html[html.index("(m03.my_scenarios)") :].split("</section>")[0]
    # 34 checkboxes one a line ran over a page; each choice is still there to tick
    assert sheet.count("<li>") == 0 and sheet.count('class="group"') == len(groups)
    for _, labels in groups:
        assert all(f'<span class="box">{escape(label)}</span>' in sheet for label in labels)
    assert handouts.option_groups(handouts.question("m02.zjtx_supported"), "zh")[0][0] == ""


def test_a_worksheets_lead_in_stays_on_its_page(tmp_path):
    from smedx.printing import html_to_pdf

    pdf = html_to_pdf(handouts.handout_html(handouts.read_module("02")), tmp_path / "m02.pdf")
    pages = [_flat(page.get_textpage().get_text_range()) for page in pypdfium2.PdfDocument(pdf)]
    lead_in = next(i for i, text in enumerate(pages) if "自己把选项加起来" in text)
    # it closed a half-empty page while its worksheet opened the next one
    assert "练习1(m02.plan_increase)" in pages[lead_in]
