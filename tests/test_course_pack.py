"""The day's pack: one module's 1-day pack built for real (Chromium pictures and PDFs), its folder
and zip compared, the paper self-assessment read back; swapping a pack in leaves nothing behind."""

from __future__ import annotations

import re
import zipfile
from html import escape

import pytest
from pdf_text import pages_text, readable
from pptx import Presentation

from smedx.cli import main
from smedx.coursepack import form, pack, slides
from smedx.coursepack.outline import outline
from smedx.models.assessment import questionnaire


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack")
    return pack.build_pack("1day", out, "zh", modules=["03"], progress=False), out


def test_pack_holds_agenda_slides_handouts_trainer_sheets_and_form(built):
    result, out = built
    assert result.folder == out / "smedx-course-1day-zh-m03"
    files = set(result.files)
    for name in ("agenda.zh.html", "agenda.zh.pdf", "self-assessment.zh.pdf"):
        assert name in files
    assert "slides/m03-slides.zh.pptx" in files
    # the learner's handout, and the answers apart, for the trainer only
    assert [f for f in files if f.startswith("handouts/")] == ["handouts/m03-handout.pdf"]
    assert [f for f in files if f.startswith("trainer/")] == ["trainer/m03-answers.pdf"]
    assert sorted(p.name for p in out.iterdir()) == [result.folder.name, result.zip.name]


def test_zip_matches_the_folder(built):
    result, _out = built
    with zipfile.ZipFile(result.zip) as archive:
        names = archive.namelist()
        assert names == [f"{result.folder.name}/{f}" for f in result.files]
        for name in result.files:
            assert (
                archive.read(f"{result.folder.name}/{name}") == (result.folder / name).read_bytes()
            )


def test_one_day_slides_show_the_core_sections_only(built):
    result, _out = built
    deck = Presentation(result.folder / "slides/m03-slides.zh.pptx")
    core = outline("03", "zh", "1day")
    everything = outline("03", "zh")
    assert len(core.sections) < len(everything.sections)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles[2 : 2 + len(core.charts)] == [s.title for s in core.sections for _ in s.charts]
    assert len(titles) < 2 + len(everything.charts) + len(everything.exercises)


def test_self_assessment_form_lists_every_item_and_the_levels(built):
    result, _out = built
    text = "\n".join(pages_text(result.folder / "self-assessment.zh.pdf"))
    q = questionnaire()
    for item in q.items:  # (the font maps a few characters to variants, e.g. 户 to 戶: ids only)
        assert f"\n{item.id} " in text, item.id
    for points in {o.points for item in q.items for o in item.options}:
        assert text.count(f"({points} 分)") == len(q.items)
    text = text.replace("\n", "")
    for level in q.levels:
        assert readable(level.label_zh) in text
    assert readable("由数转课堂设计，不是报告数据") in text  # the kit's own instrument is labelled
    agenda = "".join(pages_text(result.folder / "agenda.zh.pdf"))
    assert "09:00" in agenda


def test_a_new_pack_replaces_the_old_one_whole(tmp_path):
    old = tmp_path / "p"
    old.mkdir()
    (old / "stale.txt").write_text("old")
    work = tmp_path / ".p.work"
    work.mkdir()
    (work / "new.txt").write_text("new")
    pack._publish(work, old)
    assert [p.name for p in old.iterdir()] == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]  # no temporary folder left
    archive = pack._zip(old, tmp_path / "p.zip")
    assert zipfile.ZipFile(archive).namelist() == ["p/new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "p.zip"]


def test_bad_path_is_a_clear_error(tmp_path, capsys):
    assert main(["course", "pack", "--path", "3day", "--out", str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "没有课程路径 '3day'" in err and "no course path" not in err
    argv = ["course", "pack", "--path", "3day", "--out", str(tmp_path / "p"), "--lang", "en"]
    assert main(argv) == 2
    assert "Error: no course path '3day'" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_slide_names_say_module_and_language():
    assert slides.deck_name(outline("03", "en")) == "m03-slides.en.pptx"


def test_english_form_is_english_only():
    html = form.form_html("en")
    assert not re.findall(r"[\u3400-\u9fff]", html)
    for item in questionnaire().items:
        assert f"{item.id} {escape(item.label_en)}: " in html
