"""``smedx grade --jobs 2`` against sequential ``nbgrader autograde`` on the same cohort.

Two copies of one course with identical gradebooks (due date set, an extension granted), the
same six submissions: full marks, partial, blank, late by two days, late but within an
extension, and one broken notebook. The parallel run must give every learner exactly the grades,
flags and late penalties the sequential run gives, name the broken submission and exit
non-zero while grading the others, and leave a SQLite gradebook that passes integrity_check.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smedx.grading import cohort, release

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENT = "m01"
DUE = datetime(2030, 3, 1, 12, 0)

pytestmark = pytest.mark.slow


def grades(db: Path) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{db}", "smedx") as gb:
        for sub in gb.assignment_submissions(ASSIGNMENT):
            out[sub.student.id] = {
                "score": sub.score,
                "late": sub.late_submission_penalty,
                "timestamp": sub.timestamp,
                "grades": {
                    g.name: (g.auto_score, g.needs_manual_grade)
                    for nb in sub.notebooks
                    for g in nb.grades
                },
                "comments": {c.name: c.auto_comment for nb in sub.notebooks for c in nb.comments},
            }
    return out


def make_cohort(course: Path) -> None:
    from nbgrader.api import Gradebook

    full = cohort.full_answers(ASSIGNMENT)
    wrong = cohort.wrong_answers(ASSIGNMENT)
    half = {k: (v if i % 2 else wrong[k]) for i, (k, v) in enumerate(full.items())}
    on_time = DUE.replace(tzinfo=UTC) - timedelta(hours=1)
    two_days = DUE.replace(tzinfo=UTC) + timedelta(days=1, hours=2)
    coded = {
        "m01-top_goal-answer": 'top_goal = "process_optimisation"',
        "m01-reflection": "先理顺订单流程。",
    }
    cohort.submit(course, ASSIGNMENT, "full", full, cells=coded, timestamp=on_time)
    cohort.submit(course, ASSIGNMENT, "half", half, timestamp=on_time)
    cohort.submit(course, ASSIGNMENT, "blank", timestamp=on_time)
    cohort.submit(course, ASSIGNMENT, "late", full, timestamp=two_days)
    cohort.submit(course, ASSIGNMENT, "extended", full, timestamp=two_days)
    broken = cohort.submit(course, ASSIGNMENT, "broken", full, timestamp=on_time)
    (broken / f"{ASSIGNMENT}.ipynb").write_text("{this is not a notebook")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smedx") as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=DUE)
        gb.update_or_create_student("extended")
        gb.update_or_create_submission(ASSIGNMENT, "extended", extension=timedelta(days=3))


def run(course: Path, *cmd: str, **extra: str) -> subprocess.CompletedProcess:
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(course), "LANG": "C.UTF-8", **extra}
    return subprocess.run(
        [str(BIN / cmd[0]), *cmd[1:]], cwd=course, env=env, capture_output=True, text=True
    )


def test_parallel_grade_matches_sequential_autograde(tmp_path):
    one = cohort.course_copy(ROOT, tmp_path / "sequential")
    release.generate(one, [ASSIGNMENT], gradebook=True)
    make_cohort(one)
    two = tmp_path / "parallel"
    shutil.copytree(one, two)
    (two / "nbgrader_config.py").write_bytes((one / "nbgrader_config.py").read_bytes())

    sequential = run(one, "nbgrader", "autograde", ASSIGNMENT, SMEDX_UNSAFE_AUTOGRADE="1")
    parallel = run(two, "smedx", "grade", ASSIGNMENT, "--jobs", "2")

    assert sequential.returncode != 0  # nbgrader also fails on the broken notebook
    assert parallel.returncode == 1, parallel.stdout + parallel.stderr
    assert "broken" in parallel.stderr.splitlines()[-1], parallel.stderr[-2000:]
    assert "does not appear to be JSON" in parallel.stderr  # the reason, not "see above"
    assert "批改 grading m01" in parallel.stderr  # the progress bar
    summary = parallel.stdout
    for student in ("full", "half", "blank", "late", "extended"):
        assert any(line.startswith(student) for line in summary.splitlines()), summary

    a, b = grades(one / "gradebook.db"), grades(two / "gradebook.db")
    graded = ["blank", "extended", "full", "half", "late"]
    first = next(iter(b["full"]["grades"]))  # the first graded cell
    assert sorted(s for s in b if b[s]["grades"][first][0] is not None) == graded
    for student in graded:
        assert a[student] == b[student], student
    # the numbers themselves
    assert b["full"]["score"] == 14.0  # 13 core + top_goal; the reflection awaits a grader
    assert b["full"]["grades"]["m01-reflection"] == (None, True)
    assert b["blank"]["score"] == 0.0
    assert b["late"]["score"] == 13.0 and b["late"]["late"] == 2.0  # two started days
    assert b["extended"]["late"] in (None, 0.0)
    assert 0 < b["half"]["score"] < 13.0
    for db in (one, two):
        check = sqlite3.connect(db / "gradebook.db").execute("PRAGMA integrity_check").fetchone()
        assert check == ("ok",)
    for course in (one, two):  # a failed submission leaves no autograded notebook behind
        assert not (course / "autograded" / "broken" / ASSIGNMENT).exists()
        assert all((course / "autograded" / s / ASSIGNMENT / "m01.ipynb").exists() for s in graded)


def test_plain_autograde_refuses_to_run_learner_code_as_the_trainer(tmp_path):
    """nbgrader autograde (and the formgrader's button) would run it with the trainer's rights."""
    course = cohort.course_copy(ROOT, tmp_path / "course")
    release.generate(course, [ASSIGNMENT], gradebook=True)
    marker = tmp_path / "learner-code-ran"
    full = cohort.full_answers(ASSIGNMENT)
    cohort.submit(course, ASSIGNMENT, "learner", full, cells={
        "m01-top_goal-answer": f"open({str(marker)!r}, 'w').write('ran')"})  # fmt: skip

    refused = run(course, "nbgrader", "autograde", ASSIGNMENT)
    assert refused.returncode != 0
    log = refused.stdout + refused.stderr
    assert "sudo smedx grade" in log and "SMEDX_UNSAFE_AUTOGRADE=1" in log, log[-3000:]
    assert "为安全起见" in log, log[-3000:]
    assert not marker.exists()  # no learner code ran
    assert not (course / "autograded" / "learner" / ASSIGNMENT).exists()

    allowed = run(course, "nbgrader", "autograde", ASSIGNMENT, SMEDX_UNSAFE_AUTOGRADE="1")
    assert allowed.returncode == 0, allowed.stderr[-3000:]
    assert marker.read_text() == "ran"
