"""Slide decks: one real deck (pictures drawn by the Debian Chromium) read back with python-pptx,
and every module's deck structure in both languages with stand-in pictures (drawn once, by Pillow,
so the Chromium pictures are not drawn a second time)."""

from __future__ import annotations

import io
import re

import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from smedx.cli import main
from smedx.coursepack import agenda, slides
from smedx.coursepack.outline import module_numbers, notebook_path, outline

HAN = re.compile(r"[\u3400-\u9fff]")


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def expected_titles(o) -> list[str]:
    """Slide titles in order: title, objectives, a chart per chart, key numbers, exercises, questions."""
    words = slides.slide_words(o.lang)
    titles = [o.title, words["objectives"]]
    titles += [s.title for s in o.sections for _ in s.charts]
    pages = -(-len(slides.key_numbers(o)) // slides.KEY_NUMBERS_PER_SLIDE)
    titles += [words["key_numbers"]] * pages
    titles += [f"{words['exercise']} {q.id} · {s.title}" for s in o.sections for q in s.exercises]
    return [*titles, words["questions"]]


@pytest.fixture(scope="session")
def deck_m00(tmp_path_factory):
    """Module 00's Chinese deck with real chart pictures (the only Chromium-drawn deck here)."""
    out = tmp_path_factory.mktemp("slides")
    [path] = slides.make_slides(["00"], out, "zh")
    return Presentation(path)


def test_deck_has_title_objectives_charts_numbers_exercises_questions(deck_m00):
    o = outline("00", "zh")
    assert [s.shapes.title.text for s in deck_m00.slides] == expected_titles(o)
    assert len(o.charts) >= 4 and o.exercises and o.questions
    first_chart = 2
    for index, slide in enumerate(deck_m00.slides):
        chart_slide = first_chart <= index < first_chart + len(o.charts)
        assert len(_pictures(slide)) == (1 if chart_slide else 0), index
        if chart_slide:  # the source line under the picture: report title, figure or section, N
            source = _texts(slide)[-1]
            assert source.startswith("数据来源：《中国中小企业数字化转型报告 2024》"), source
    objectives = _texts(deck_m00.slides[1])[-1].splitlines()
    assert len(objectives) == len(o.objectives)
    assert _texts(deck_m00.slides[first_chart + 2])[-1].endswith("图 2.2.2，N=500，第 2.2 节")


def test_chart_pictures_are_not_blank(deck_m00):
    pictures = [p for slide in deck_m00.slides for p in _pictures(slide)]
    assert pictures
    for picture in pictures:
        image = Image.open(io.BytesIO(picture.image.blob)).convert("L")
        histogram = image.histogram()
        ink = sum(histogram[:200]) / (image.width * image.height)  # darker than the white page
        assert image.width >= 900 and 0.02 < ink < 0.9, (picture.name, ink)


def test_every_slide_has_speaker_notes_and_the_guide_notes_the_sections(deck_m00):
    for index, slide in enumerate(deck_m00.slides):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), index
    o = outline("00", "zh")
    assert o.guide is not None and o.guide.name == "m00.zh.md"
    chart_section = next(s for s in o.sections if s.charts)
    assert deck_m00.slides[2].notes_slide.notes_text_frame.text.strip() == chart_section.notes


def test_text_has_an_east_asian_font(deck_m00):
    for slide in deck_m00.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    ea = run._r.find(qn("a:rPr")).find(qn("a:ea"))
                    assert ea is not None and ea.get("typeface") == slides.EAST_ASIAN_FONT
    theme = next(p for p in deck_m00.part.package.iter_parts() if "/theme/" in str(p.partname))
    assert f'<a:ea typeface="{slides.EAST_ASIAN_FONT}"/>'.encode() in theme.blob


def _stand_in(fig, out):
    """A picture of the right size without Chromium: the structure test needs no real chart."""
    assert isinstance(fig, go.Figure)
    Image.new("RGB", slides.PICTURE_SIZE, "white").save(out)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_module_deck_has_its_slides(tmp_path, lang):
    for number in module_numbers():
        o = outline(number, lang)
        assert o.title and o.objectives and o.charts and o.exercises, number
        assert o.questions, f"m{number}: no discussion questions in {o.guide}"
        pictures = slides.render_pictures([o], tmp_path, _stand_in, jobs=1)
        deck = Presentation(slides.build_deck(o, pictures, tmp_path))
        titles = [s.shapes.title.text for s in deck.slides]
        assert titles == expected_titles(o), number
        assert all(s.notes_slide.notes_text_frame.text.strip() for s in deck.slides), number
        if lang == "en":  # one language: no Chinese in the English deck's own words
            shown = titles + o.questions + slides.key_numbers(o)
            assert not [t for t in shown if HAN.search(t)], number


def test_one_day_decks_keep_only_core_sections():
    for number in module_numbers():
        sections = agenda.read_module(notebook_path(number)).sections
        core = [s.id for s in sections if s.path == "core"]
        assert [s.id for s in outline(number, "zh", "1day").sections] == core, number
        assert len(outline(number, "zh").sections) == len(sections)


def test_bad_module_is_a_clear_error(tmp_path, capsys):
    assert main(["course", "slides", "--module", "9", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "没有模块 '9'" in err and "no module '9'" not in err and not list(tmp_path.iterdir())


def test_exercise_slides_hold_every_option_and_no_answer():
    from smedx.exercises import all_questions

    for q in all_questions():
        for lang in ("zh", "en"):
            lines = slides.exercise_lines(q, lang)
            assert len(lines) <= 1 + slides.MAX_OPTION_LINES, q.id
            shown = "\n".join(lines)
            for option in q.options:  # grouped options keep the text after their group name
                text = option.en if lang == "en" else option.zh
                assert text.rpartition(": " if lang == "en" else "：")[2] in shown, (q.id, text)
            solution = q.solution.en if lang == "en" else q.solution.zh
            assert solution not in shown, q.id


def test_a_chart_picture_leaves_its_source_line_to_the_slide(tmp_path):
    drawn = []

    def record(fig, out):
        drawn.append(fig)
        return _stand_in(fig, out)

    o = outline("02", "zh")
    pictures = slides.render_pictures([o], tmp_path, record, jobs=1)
    assert len(drawn) == len(o.charts)
    for fig in drawn:  # printed inside the picture too, the line came twice, the first unreadable
        assert not [n.text for n in fig.layout.annotations if n.text.startswith("数据来源")]
    deck = Presentation(slides.build_deck(o, pictures, tmp_path))
    sources = [_texts(s)[-1] for s in deck.slides if _pictures(s)]
    assert len(sources) == len(o.charts)
    assert all(s.startswith("数据来源：《中国中小企业数字化转型报告 2024》") for s in sources)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_numbers_cite_the_report_not_the_kits_chart_ids(lang):
    lines = [line for n in module_numbers() for line in slides.key_numbers(outline(n, lang))]
    assert lines
    # "图 S3.1.1-drivers": the report has no such figure; the number is in its §3.1.1 text
    assert not [line for line in lines if re.search(r"S\d[\d.]*-", line)]
    section = "section 3.1.1" if lang == "en" else "第 3.1.1 节"
    assert any(section in line for line in lines)
