"""The modules' section tags: every cell in a section, times, objectives, exercises and apps.

The checks read the notebooks with nbformat, independently of smedx.coursepack.agenda, and then
compare with what the agenda code reads.
"""

import re
from pathlib import Path

import nbformat
import pytest

from smedx.coursepack import agenda, editions
from smedx.exercises import questions

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "modules").glob("[0-9][0-9]_*.ipynb"))
IDS = [p.stem[:2] for p in MODULES]
TIMING = re.compile(r"<!-- smedx:timing[^>]*-->\n(.*?)\n<!-- /smedx:timing -->", re.S)
ONE_DAY = (315, 345)  # "about 5.5 hours" of teaching in the core sections


def _opened(nb):
    """(opening cell, its cells) per section, from the raw cell metadata."""
    sections = []
    for cell in nb.cells:
        meta = cell.metadata.get("smedx", {})
        if "minutes" in meta:
            sections.append((meta, [cell]))
        else:
            sections[-1][1].append(cell)
    return sections


@pytest.fixture(scope="module")
def notebooks():
    return {p.stem[:2]: nbformat.read(p, as_version=4) for p in MODULES}


@pytest.mark.parametrize("number", IDS)
def test_every_cell_belongs_to_a_section_in_order(notebooks, number):
    nb = notebooks[number]
    assert nb.metadata["smedx"]["module"] == f"m{number}"
    sections = _opened(nb)
    assert [meta["section"] for meta, _ in sections] == [
        f"m{number}.s{k}" for k in range(len(sections))
    ]
    for meta, cells in sections:
        assert cells[0].cell_type == "markdown", meta["section"]
        assert {c.metadata["smedx"]["section"] for c in cells} == {meta["section"]}
        assert meta["path"] in ("core", "optional")
        assert isinstance(meta["minutes"], int) and 0 < meta["minutes"] <= 30
        assert meta["title"]["zh"] and meta["title"]["en"]
        assert not re.search(r"[\u4e00-\u9fff]", meta["title"]["en"]), meta["title"]


@pytest.mark.parametrize("number", IDS)
def test_objectives_match_the_notebook_and_core_covers_them_all(notebooks, number):
    nb = notebooks[number]
    objectives = nb.metadata["smedx"]["objectives"]
    listed = re.findall(r"^\d+\. ", nb.cells[1].source, re.M)  # the 学习目标 cell's numbered list
    assert "学习目标" in nb.cells[1].source
    assert objectives == [f"m{number}.{k}" for k in range(1, len(listed) + 1)]
    core = set()
    for meta, _ in _opened(nb):
        assert set(meta["objectives"]) <= set(objectives), meta["section"]
        if meta["path"] == "core":
            core |= set(meta["objectives"])
    assert core == set(objectives), f"objectives no core section teaches: {set(objectives) - core}"


@pytest.mark.parametrize("number", IDS)
def test_exercise_tags_name_the_sections_exercises(notebooks, number):
    """Each tagged exercise is called in its section; every practice exercise is tagged once."""
    known = {q.id for q in questions(f"m{number}")}
    tagged = []
    for meta, cells in _opened(notebooks[number]):
        code = "\n".join(c.source for c in cells if c.cell_type == "code")
        called = re.findall(r'(?:exercise\(|exercise=|grade\()"(m\d\d\.\w+)"', code)
        if "AssessmentForm()" in code:  # the self-assessment form answers its exercise
            called.append("m02.self_assessment")
        assert set(meta["exercises"]) == set(called) & known, meta["section"]
        tagged += meta["exercises"]
    assert sorted(tagged) == sorted(known)


@pytest.mark.parametrize("number", IDS)
def test_apps_are_voila_apps(notebooks, number):
    for meta, _ in _opened(notebooks[number]):
        for app in meta["apps"]:
            assert (ROOT / "widgets" / f"{app}.ipynb").exists(), (meta["section"], app)


@pytest.mark.parametrize(
    "path",
    MODULES + editions.notebooks("en"),
    ids=lambda p: f"{editions.edition_of(p)}-{p.stem[:2]}",
)
def test_visible_timing_table_is_generated_from_the_tags(path):
    """In the edition's language (tests/test_editions.py keeps the tags of both equal)."""
    nb = nbformat.read(path, as_version=4)
    (table,) = TIMING.findall(nb.cells[1].source)
    assert table == agenda.timing_table(agenda.read_module(path))
    rows = [r for r in table.splitlines()[2:] if not r.startswith("| **")]
    assert [int(r.rsplit("|", 2)[1]) for r in rows] == [meta["minutes"] for meta, _ in _opened(nb)]


def test_one_day_is_about_five_and_a_half_hours_of_core_teaching(notebooks):
    core = sum(
        meta["minutes"]
        for nb in notebooks.values()
        for meta, _ in _opened(nb)
        if meta["path"] == "core"
    )
    assert ONE_DAY[0] <= core <= ONE_DAY[1], core
    assert sum(s.minutes for s in agenda.path_sections(agenda.read_modules(), "1day")) == core


def test_agenda_reads_what_the_notebooks_say(notebooks):
    for module in agenda.read_modules():
        raw = _opened(notebooks[module.id[1:]])
        assert [(s.id, s.path, s.minutes, list(s.exercises)) for s in module.sections] == [
            (m["section"], m["path"], m["minutes"], m["exercises"]) for m, _ in raw
        ]
