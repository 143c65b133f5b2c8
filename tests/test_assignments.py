"""solutions/ and exercises/: generated from trainer/, released by nbgrader, no key in any learner
notebook or in any cell source nbgrader would run in a learner's kernel, and every assignment gives
the reference full marks and a blank notebook zero (otter-style), scored by the trusted scorer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from autograde import autograde, scores
from keyscan import scan, secrets

from smedx.grading import build, cohort, trainer
from smedx.grading.assignment import judgement
from smedx.grading.cli import drift
from smedx.grading.public import public_data

ROOT = Path(__file__).resolve().parents[1]
MODULES = build.modules_to_build(ROOT)
GRADED = [m for m in MODULES if not trainer.spec(ROOT, m).practice]
REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_every_module_with_questions_has_an_assignment():
    assert set(GRADED) | {"m00"} >= {"m01", "m02", "m03", "m04", "m05", "m06"} & set(MODULES)
    for folder in ("solutions", "exercises"):
        found = sorted(p.name for p in (ROOT / folder).iterdir() if p.is_dir())
        assert found == MODULES, f"{folder}/ holds {found}, the generator makes {MODULES}"


@pytest.mark.parametrize("module", MODULES)
def test_solutions_match_the_generator(module):
    committed = build.source_path(ROOT, module).read_text(encoding="utf-8")
    assert committed == build.text(build.notebook(ROOT, module)), (
        f"solutions/{module} is stale: run `smedx assignments build {module}`"
    )


@pytest.mark.slow
def test_exercises_match_a_fresh_release():
    problems = drift(ROOT, MODULES)
    assert not problems, "\n".join(problems) + "\nrun `smedx assignments build`"


def solution_regions() -> list[str]:
    """Every line of a solution region in solutions/ and every model answer cell's text."""
    texts = []
    for module in MODULES:
        for cell in cells(build.source_path(ROOT, module)):
            text = source(cell)
            for _kind, region in REGION.findall(text):
                texts += region.splitlines()
            if nbgrader(cell).get("solution") and cell["cell_type"] == "markdown":
                texts += text.splitlines()
    return sorted({t.strip() for t in texts if len(t.strip()) >= 8})


def test_nothing_hidden_reaches_learners():
    keys = secrets(ROOT)
    assert scan(ROOT / "solutions", keys), "the scan finds keys where they are"
    assert not scan(ROOT / "exercises", keys)
    released = {p: p.read_text(encoding="utf-8") for p in (ROOT / "exercises").rglob("*.ipynb")}
    sources = {p: "\n".join(source(c) for c in json.loads(t)["cells"]) for p, t in released.items()}
    leaks = [
        (str(p.relative_to(ROOT)), text)
        for text in solution_regions()
        for p, body in sources.items()
        if text in body
    ]
    assert not leaks, leaks[:10]
    for path, body in sources.items():
        for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "NotImplementedError", "example_answer"):
            assert marker not in body, f"{path}: {marker}"
    assert len(solution_regions()) > 20  # the check has something to look for


TEST_SOURCE = re.compile(r'saved\("m\d\d\.[\w.]+"\)|record\(globals\(\), "\w+", "\w+"\)')


@pytest.mark.parametrize("module", GRADED)
def test_no_cell_nbgrader_runs_for_a_learner_holds_a_key(module):
    """nbgrader restores read-only cells from solutions/ and runs them in the learner's kernel:
    a graded cell's source there may only name what it shows, never check it."""
    keys = secrets(ROOT)
    for cell in cells(build.source_path(ROOT, module)):
        meta = nbgrader(cell)
        if meta.get("solution"):
            continue  # the learner's own cell: nbgrader keeps what the learner wrote
        if meta.get("grade"):
            assert TEST_SOURCE.fullmatch(source(cell)), source(cell)
        hits = [label for label, key in keys.items() if key in source(cell)]
        assert not hits, (meta.get("grade_id"), hits)


def test_no_answer_file_is_committed_or_released():
    for folder in ("solutions", "exercises"):
        assert not list((ROOT / folder).rglob("answers_*.json")), folder


@pytest.mark.parametrize("module", GRADED)
def test_assignment_structure_and_points(module):
    s = trainer.spec(ROOT, module)
    nb = cells(build.source_path(ROOT, module))
    by_id = {nbgrader(c).get("grade_id"): c for c in nb}
    graded = trainer.items(ROOT, module)
    assert graded and len(s.advanced) == 2 and s.reflection
    for q in graded:
        slug = f"{module}-{q.id.split('.', 1)[1]}"
        widget = source(by_id[f"{slug}-widget"])
        assert (
            widget == build.call("item", public_data(q))
            and nbgrader(by_id[f"{slug}-widget"])["locked"]
        )
        assert f"{slug}-answer" not in by_id  # nothing to write: the widget saves the answer
        test = by_id[f"{slug}-test"]
        assert nbgrader(test)["points"] == q.points and nbgrader(test)["locked"]
        assert source(test) == f'saved("{q.id}")'
    manual = [c for c in nb if nbgrader(c).get("solution") and nbgrader(c).get("grade")]
    judged = [q for q in graded if judgement(q)]  # a learner's own choice: reasons by hand
    assert bool(judged) == (module in ("m03", "m05"))
    assert len(manual) == 1 + len(judged) and all(c["cell_type"] == "markdown" for c in manual)
    assert nbgrader(by_id[f"{module}-reflection"])["points"] == s.reflection.points >= 1
    rubric = source(by_id[f"{module}-reflection-prompt"])
    assert "评分标准" in rubric and "Rubric" not in rubric  # the committed edition is Chinese
    for q in judged:
        slug, reasons = f"{module}-{q.id.split('.', 1)[1]}", judgement(q)
        assert nbgrader(by_id[f"{slug}-reasons"])["points"] == reasons.points >= 1
        published = source(by_id[f"{slug}-rubric"])
        assert nbgrader(by_id[f"{slug}-rubric"])["locked"] and "评分标准" in published
        assert all(c.text.zh in published and c.text.en not in published for c in reasons.rubric)
    total = sum(nbgrader(c).get("points", 0) for c in nb if nbgrader(c).get("grade"))
    header = source(nb[0])
    assert f"**{total}**" in header, f"header total differs from the cells' {total} points"
    released = cells(ROOT / "exercises" / module / f"{module}.ipynb")
    for cell in released:
        if nbgrader(cell).get("solution") and cell["cell_type"] == "code":
            assert all(
                line.startswith("#") or not line.strip() for line in source(cell).split("\n")
            )


def test_practice_assignment_grades_nothing():
    nb = cells(build.source_path(ROOT, "m00"))
    assert not [c for c in nb if nbgrader(c).get("grade")]


# --- otter-style: the tests against the reference and against a blank notebook -----------------


def reference_cells(module: str) -> dict[str, str]:
    """What a learner who answers everything in code would write: the solution regions."""
    answers = {}
    for cell in cells(build.source_path(ROOT, module)):
        meta = nbgrader(cell)
        if meta.get("solution"):
            text = source(cell)
            if cell["cell_type"] == "code":
                text = "\n".join(body for _kind, body in REGION.findall(text))
            answers[meta["grade_id"]] = text
    return answers


@pytest.mark.slow
def test_reference_gets_full_marks_and_a_blank_notebook_zero(tmp_path, released_course):
    course = released_course(tmp_path / "course", MODULES)
    for module in GRADED:
        full = cohort.full_answers(module, ROOT)
        cohort.submit(course, module, "reference", full, cells=reference_cells(module))
        cohort.submit(course, module, "blank")
        result = autograde(course, module)
        assert result.returncode == 0, result.stderr[-3000:]
        for student in ("reference", "blank"):
            for name, (score, top) in scores(course, module, student).items():
                want = top if student == "reference" else 0
                assert score == want, f"{module} {student} {name}: {score} / {top}"
            path = course / "autograded" / student / module / f"{module}.ipynb"
            assert path.stat().st_size < 1_000_000, f"{path}: {path.stat().st_size} bytes"
