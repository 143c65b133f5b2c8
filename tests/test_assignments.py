"""solutions/ and exercises/: generated, released by nbgrader, nothing hidden leaks, and every
assignment's tests give the reference full marks and a blank notebook zero (otter-style)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smedx.exercises import questions
from smedx.grading import build, cohort, parallel, release
from smedx.grading.cli import drift
from smedx.grading.specs import spec

ROOT = Path(__file__).resolve().parents[1]
MODULES = build.modules_to_build()
GRADED = [m for m in MODULES if not spec(m).practice]
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
    assert committed == build.text(build.notebook(module)), (
        f"solutions/{module} is stale: run `smedx assignments build {module}`"
    )


@pytest.mark.slow
def test_exercises_match_a_fresh_release():
    problems = drift(ROOT, MODULES)
    assert not problems, "\n".join(problems) + "\nrun `smedx assignments build`"


def hidden_texts() -> list[str]:
    """Every line of a solution region or hidden test, model answers, question solutions."""
    texts = []
    for module in MODULES:
        for cell in cells(build.source_path(ROOT, module)):
            text = source(cell)
            for _kind, region in REGION.findall(text):
                texts += region.splitlines()
            if nbgrader(cell).get("solution") and cell["cell_type"] == "markdown":
                texts += text.splitlines()
        for q in build.assignment_questions(module):
            texts += [q.solution.zh, q.solution.en]
        if spec(module).reflection:
            texts += [spec(module).reflection.model_answer.zh]
    return sorted({t.strip() for t in texts if len(t.strip()) >= 8})


def test_nothing_hidden_reaches_learners():
    released = {p: p.read_text(encoding="utf-8") for p in (ROOT / "exercises").rglob("*.ipynb")}
    sources = {p: "\n".join(source(c) for c in json.loads(t)["cells"]) for p, t in released.items()}
    leaks = [
        (str(p.relative_to(ROOT)), text)
        for text in hidden_texts()
        for p, body in sources.items()
        if text in body
    ]
    assert not leaks, leaks[:10]
    for path, body in sources.items():
        for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "NotImplementedError", "points("):
            assert marker not in body, f"{path}: {marker}"
    assert len(hidden_texts()) > 50  # the check has something to look for


def test_no_answer_file_is_committed_or_released():
    for folder in ("solutions", "exercises"):
        assert not list((ROOT / folder).rglob("answers_*.json")), folder


@pytest.mark.parametrize("module", GRADED)
def test_assignment_structure_and_points(module):
    s = spec(module)
    nb = cells(build.source_path(ROOT, module))
    by_id = {nbgrader(c).get("grade_id"): c for c in nb}
    graded = [q for q in questions(module) if q.graded]
    assert graded and len(s.advanced) == 2 and s.reflection
    for q in graded:
        slug = f"{module}-{q.id.split('.', 1)[1]}"
        assert source(by_id[f"{slug}-widget"]) == f'exercise("{q.id}")'
        assert nbgrader(by_id[f"{slug}-answer"])["solution"]
        test = by_id[f"{slug}-test"]
        assert nbgrader(test)["points"] == q.points and nbgrader(test)["locked"]
        assert f'points("{q.id}")' in source(test)
    manual = [c for c in nb if nbgrader(c).get("solution") and nbgrader(c).get("grade")]
    assert len(manual) == 1 and manual[0]["cell_type"] == "markdown"
    assert nbgrader(manual[0])["points"] == s.reflection.points >= 1
    rubric = source(by_id[f"{module}-reflection-prompt"])
    assert "评分标准" in rubric and "Rubric" in rubric
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
def test_reference_gets_full_marks_and_a_blank_notebook_zero(tmp_path):
    from nbgrader.api import Gradebook

    course = cohort.course_copy(ROOT, tmp_path / "course")
    release.generate(course, MODULES, gradebook=True)
    url = f"sqlite:///{course / 'gradebook.db'}"
    for module in MODULES:
        cohort.submit(course, module, "reference", cells=reference_cells(module))
        cohort.submit(course, module, "blank")
        outcomes = parallel.grade(course, module, jobs=2, progress=False)
        assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
        with Gradebook(url, "smedx") as gb:
            for student in ("reference", "blank"):
                sub = gb.find_submission(module, student)
                for nb in sub.notebooks:
                    for g in nb.grades:
                        manual = g.cell_type == "markdown"
                        if student == "blank":
                            assert g.auto_score == 0 and not g.needs_manual_grade, g.name
                        elif manual:
                            assert g.needs_manual_grade, f"{module} {g.name} needs a grader"
                        else:
                            assert g.auto_score == g.max_score, f"{module} {g.name}: {g.auto_score}"
                path = course / "autograded" / student / module / f"{module}.ipynb"
                assert path.stat().st_size < 1_000_000, f"{path}: {path.stat().st_size} bytes"
