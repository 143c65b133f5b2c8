"""`smedx course agenda`: clock times, breaks and lunch, summed from the notebooks' own tags."""

import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from pdf_text import pages_text

from smedx.cli import main
from smedx.coursepack import agenda
from smedx.errors import KitError
from smedx.printing import html_to_pdf

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _tag_minutes(root: Path, core_only: bool) -> int:
    """Minutes of the tagged sections, read straight from the notebook JSON."""
    total = 0
    for path in sorted((root / "modules").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell["metadata"].get("smedx", {})
            if "minutes" in meta and (meta["path"] == "core" or not core_only):
                total += meta["minutes"]
    return total


def _check_clock(day: agenda.Day) -> None:
    for before, after in zip(day.slots, day.slots[1:], strict=False):
        assert before.end == after.start, (before, after)
    block = 0
    for slot in day.slots:
        block = block + slot.minutes if slot.kind == "section" else 0
        assert block <= agenda.MAX_BLOCK, f"{block} minutes of teaching without a break"


@pytest.mark.parametrize("path", agenda.PATHS)
def test_agenda_times_are_summed_from_the_tags(path):
    plan = agenda.build_agenda(path, "09:00")
    assert plan.teaching_minutes == _tag_minutes(ROOT, core_only=path == "1day")
    modules = agenda.read_modules()
    assert [s.id for s in plan.sections] == [s.id for s in agenda.path_sections(modules, path)]
    for day in plan.days:
        _check_clock(day)
        assert day.slots[0].kind == "arrival" and day.slots[-1].kind == "closing"


def test_one_day_has_lunch_at_noon_and_ends_in_the_afternoon():
    (day,) = agenda.build_agenda("1day", "09:00").days
    (lunch,) = [s for s in day.slots if s.kind == "lunch"]
    assert agenda.LUNCH_FROM <= lunch.start <= agenda.LUNCH_UNTIL and lunch.minutes == 60
    assert 15 * 60 <= day.slots[-1].end <= 17 * 60 + 30
    assert {s.section.path for s in day.slots if s.section} == {"core"}


def test_two_days_keep_modules_whole_and_full_has_a_session_per_module():
    two = agenda.build_agenda("2day", "08:30")
    assert len(two.days) == 2
    first, second = (set(d.modules) for d in two.days)
    assert first and second and not first & second
    assert all(sum(s.kind == "lunch" for s in d.slots) == 1 for d in two.days)
    full = agenda.build_agenda("full", "20:00")  # evening sessions, one module each
    assert [d.modules for d in full.days] == [[m.id] for m in agenda.read_modules()]
    assert not any(s.kind == "lunch" for d in full.days for s in d.slots)
    assert max(d.slots[-1].end for d in full.days) <= 22 * 60


def test_a_changed_tag_changes_the_agenda(tmp_path):
    shutil.copytree(ROOT / "modules", tmp_path / "modules")
    (path,) = (tmp_path / "modules").glob("02_*.ipynb")
    nb = json.loads(path.read_text(encoding="utf-8"))
    opening = next(c for c in nb["cells"] if c["metadata"]["smedx"].get("path") == "core")
    opening["metadata"]["smedx"]["minutes"] += 20
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    before = agenda.build_agenda("1day").teaching_minutes
    after = agenda.build_agenda("1day", root=tmp_path).teaching_minutes
    assert after == before + 20 == _tag_minutes(tmp_path, core_only=True)


@pytest.mark.parametrize(
    "path,start,field",
    [
        ("3day", "09:00", "path"),
        ("", "09:00", "path"),
        ("1day", "9h", "start"),
        ("1day", "24:00", "start"),
        ("1day", "13:00", "start"),
        ("2day", "18:30", "start"),
        ("full", "20:30", "start"),
        ("1day", "06:59", "start"),
    ],
)
def test_bad_path_or_start_is_a_kit_error(path, start, field):
    with pytest.raises(KitError) as err:
        agenda.build_agenda(path, start)
    assert err.value.field == field and err.value.zh and err.value.en


def test_cli_prints_the_agenda_and_writes_one_language_html(tmp_path, capsys):
    out = tmp_path / "agenda.html"
    argv = ["course", "agenda", "--path", "1day", "--start", "08:30", "--lang", "en"]
    assert main([*argv, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "08:30–08:45  Arrival" in printed and "Lunch" in printed
    html = out.read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "<html lang='en'>" in html
    assert not CJK.search(html), CJK.search(html)
    zh = agenda.render_agenda_html(agenda.build_agenda("1day", lang="zh"))
    assert "午餐" in zh and "Lunch" not in zh


@pytest.mark.parametrize(
    "argv,words",
    [
        (["--start", "25:61"], ("开始时间", "start time")),
        (["--path", "3天"], ("课程路径", "course path")),
    ],
)
def test_cli_bad_input_is_explained_in_either_language(argv, words, capsys):
    zh, en = words
    assert main(["course", "agenda", *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and zh in err and en not in err
    assert main(["course", "agenda", *argv, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and en in err and zh not in err


def test_printed_agenda_is_a4_with_the_day_on_it(tmp_path):
    plan = agenda.build_agenda("1day", "09:00", "zh")
    pdf = html_to_pdf(agenda.render_agenda_html(plan), tmp_path / "agenda.pdf")
    pages = pypdf.PdfReader(pdf).pages
    assert 1 <= len(pages) <= 3
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = "".join(pages_text(pdf))
    assert "午餐" in text and plan.sections[-1].title("zh") in text
    # a tag or an app name broken inside a word: 核心 · 10 分 / 钟, 报告数据浏 / 览
    lines = [line.strip() for line in text.splitlines()]
    assert not [x for x in lines if x in ("钟", "分钟", "览", "例") or x.startswith("钟")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_english_section_titles_cite_the_report_in_words(lang):
    """Titles feed timing tables, agendas, guides, slides and handouts: "Policy (section 1.1)",
    "(sections 3.1 and 3.1.2)", never "§" (both editions carry the same tags)."""
    titles = [s.title_en for m in agenda.read_modules(None, lang) for s in m.sections]
    assert titles and not [t for t in titles if "§" in t]
    assert "Policy (section 1.1)" in titles
    assert "Investment scenarios (sections 3.1 and 3.1.2)" in titles
