"""Synthetic cohorts: a throwaway course folder and learners' submissions, for rehearsals,
tests and the grading benchmark.

A submission is what ``nbgrader collect`` leaves in ``submitted/<learner>/<assignment>/``: the
released notebook (optionally with code or text written into answer cells), the learner's
widget answer file and ``timestamp.txt``. Widget answers are written with the same
:class:`~smedx.exercises.AnswerStore` the widgets use.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from smedx.course_folder import course_folder
from smedx.exercises import AnswerStore
from smedx.grading.public import answer_id

COURSE_FILES = ("nbgrader_config.py",)
COURSE_DIRS = ("solutions", "exercises", "trainer")


def course_copy(repo: Path | str, dest: Path | str) -> Path:
    """A course folder with the repository's config, solutions/, exercises/ and trainer/ (no
    gradebook)."""
    repo, dest = Path(repo), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        shutil.copy2(repo / name, dest / name)
    for name in COURSE_DIRS:
        shutil.copytree(
            repo / name,
            dest / name,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return dest


def full_answers(assignment: str, root: Path | str | None = None) -> dict[str, Any]:
    """Every graded item answered with its example (correct) answer, keyed as the answer file
    keys it (trainer-side: the keys come from ``root/trainer``; default: :func:`course_folder`)."""
    from smedx.grading.build import assignment_questions

    questions = assignment_questions(course_folder(root), assignment)
    return {answer_id(q): q.example_answer for q in questions}


def wrong_answers(assignment: str, root: Path | str | None = None) -> dict[str, Any]:
    """Every item answered with its first typical mistake."""
    from smedx.grading.build import assignment_questions

    qs = assignment_questions(course_folder(root), assignment)
    return {answer_id(q): q.wrong_answers[0] for q in qs if q.wrong_answers}


def set_cell(nb: dict, grade_id: str, source: str) -> None:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = source
            return
    raise KeyError(grade_id)


def submit(
    course: Path | str,
    assignment: str,
    student: str,
    answers: dict[str, Any] | None = None,
    *,
    cells: dict[str, str] | None = None,
    timestamp: datetime | None = None,
) -> Path:
    """Write ``submitted/<student>/<assignment>/`` as ``nbgrader collect`` would."""
    course = Path(course)
    release = course / "exercises" / assignment
    folder = course / "submitted" / student / assignment
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in release.iterdir():
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            for grade_id, source in (cells or {}).items():
                set_cell(nb, grade_id, source)
            text = json.dumps(nb, ensure_ascii=False, indent=1)
            (folder / path.name).write_text(text, encoding="utf-8")
        elif path.is_file():
            shutil.copy2(path, folder / path.name)
    for key, value in (answers or {}).items():
        AnswerStore(key.split(".", 1)[0], folder).put(key, value)
    stamp = (timestamp or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    (folder / "timestamp.txt").write_text(stamp)
    return folder
