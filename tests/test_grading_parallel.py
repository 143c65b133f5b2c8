"""``smedx grade --jobs 2`` against sequential ``nbgrader autograde`` on the same cohort.

Two copies of one course with identical gradebooks (due date set, an extension granted), the
same six submissions: full marks, partial, blank, late by two days, late but within an
extension, and one broken notebook. The parallel run must give every learner exactly the grades,
flags and late penalties the sequential run gives, name the broken submission and exit
non-zero while grading the others, and leave a SQLite gradebook that passes integrity_check.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smedx.grading import cohort, parallel

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


def test_parallel_grade_matches_sequential_autograde(tmp_path, released_course):
    one = released_course(tmp_path / "sequential", [ASSIGNMENT])
    make_cohort(one)
    two = tmp_path / "parallel"
    shutil.copytree(one, two)
    (two / "nbgrader_config.py").write_bytes((one / "nbgrader_config.py").read_bytes())

    sequential = run(one, "nbgrader", "autograde", ASSIGNMENT, SMEDX_UNSAFE_AUTOGRADE="1")
    profile = tmp_path / "profile.json"
    parallel = run(two, "smedx", "grade", ASSIGNMENT, "--jobs", "2", "--profile", str(profile))

    assert sequential.returncode != 0  # nbgrader also fails on the broken notebook
    assert parallel.returncode == 1, parallel.stdout + parallel.stderr
    assert "broken" in parallel.stderr.splitlines()[-1], parallel.stderr[-2000:]
    assert "does not appear to be JSON" in parallel.stderr  # the reason, not "see above"
    assert "批改 m01" in parallel.stderr  # the progress bar, in Chinese only
    summary = parallel.stdout
    assert summary.splitlines()[0].split() == ["学员", "分数", "迟交扣分", "状态"]
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
    check_profile(json.loads(profile.read_text()), graded)


def check_profile(timeline: dict, graded: list[str]) -> None:
    """--profile: each graded submission's steps in order, in one of the two workers, and
    recorded by the writer after its worker finished it."""
    order = ["submission starting", "converter ready", "scratch ready", "kernel starting",
             "kernel started", "kernel ready", "cell", "kernel stopping", "kernel stopped",
             "cleaned up", "submission done"]  # fmt: skip
    assert len(timeline["workers"]) == 2 and timeline["jobs"] == 2
    steps = timeline["steps"]
    for student in graded:
        mine = [s["step"] for s in steps if s["student"] == student]
        mine = [m for m in mine if not m.startswith("worker")]
        first = [m.split(" ")[0] if m.startswith("cell ") else m for m in mine]
        assert list(dict.fromkeys(first)) == order, (student, mine)
        done = next(s["t"] for s in steps if s["student"] == student and s["step"] == order[-1])
        recorded = next(s["t"] for s in steps if s["step"] == f"recorded {student}")
        assert done <= recorded
    broken = [s["step"] for s in steps if s["student"] == "broken"]
    assert "submission done" in broken and "kernel starting" not in broken
    for worker in timeline["workers"].values():
        assert worker["busy_s"] + worker["idle_s"] == pytest.approx(timeline["workers_s"], abs=0.03)
    assert sum(w["submissions"] for w in timeline["workers"].values()) == len(graded) + 1


def test_profile_in_a_missing_folder_is_refused_before_grading(tmp_path):
    result = run(tmp_path, "smedx", "grade", ASSIGNMENT, "--profile", "no/such/folder/t.json")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "--profile 的文件夹不存在" in result.stderr and "Traceback" not in result.stderr
    assert "the folder for --profile does not exist" not in result.stderr  # one language


def test_timeline_names_idle_time_per_worker():
    """Start-up, gaps and tail of each worker, from the steps alone (times in seconds)."""
    main = [(0.0, 1, "smedx grade starting"), (2.0, 1, "workers starting"),
            (9.5, 1, "recording b"), (9.75, 1, "recorded b"), (10.0, 1, "all recorded"),
            (10.5, 1, "smedx grade done")]  # fmt: skip

    def outcome(name, pid, start, end):
        events = [(start, pid, "submission starting"), (end, pid, "submission done")]
        return parallel.Outcome(name, True, events=events)

    outcomes = [outcome("a", 7, 2.5, 5.0), outcome("b", 7, 6.0, 9.0), outcome("c", 8, 3.0, 10.0)]
    timeline = parallel.timeline(main, outcomes, 2)
    assert timeline["before_workers_s"] == 2.0 and timeline["workers_s"] == 8.0
    assert timeline["after_workers_s"] == 0.5 and timeline["writer_busy_s"] == 0.25
    assert timeline["workers"]["7"] == {"submissions": 2, "startup_s": 0.5, "busy_s": 5.5,
                                        "gaps_s": 1.0, "tail_s": 1.0, "idle_s": 2.5}  # fmt: skip
    assert timeline["workers"]["8"]["idle_s"] == 1.0 and timeline["workers"]["8"]["tail_s"] == 0.0
    assert [s["step"] for s in timeline["steps"]][:3] == [
        "smedx grade starting", "workers starting", "submission starting"]  # fmt: skip


def test_nbgrader_schema_is_checked_once_and_cells_still_validated(monkeypatch):
    """A worker checks nbgrader's cell-metadata schema once, not once per cell; a cell whose
    metadata breaks the schema is still refused with jsonschema's error."""
    import jsonschema
    import nbformat
    from nbgrader.nbgraderformat import ValidationError, common
    from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

    monkeypatch.setattr(common, "jsonschema", common.jsonschema)  # restored after the test
    checks = []
    check = jsonschema.Draft4Validator.check_schema.__func__
    monkeypatch.setattr(
        jsonschema.Draft4Validator,
        "check_schema",
        classmethod(lambda cls, schema, *a, **k: checks.append(1) or check(cls, schema, *a, **k)),
    )
    nb = nbformat.v4.new_notebook()
    for i in range(5):
        cell = nbformat.v4.new_code_cell("x = 1")
        cell.metadata.nbgrader = {"schema_version": 3, "grade": False, "solution": True,
                                  "locked": False, "task": False, "grade_id": f"c{i}"}  # fmt: skip
        nb.cells.append(cell)
    parallel._check_schemas_once()
    MetadataValidatorV3().validate_nb(nb)
    MetadataValidatorV3().validate_nb(nb)
    assert len(checks) == 1
    nb.cells[3].metadata.nbgrader["points"] = "many"
    with pytest.raises(ValidationError, match="many"):
        MetadataValidatorV3().validate_nb(nb)


def test_plain_autograde_refuses_to_run_learner_code_as_the_trainer(tmp_path, released_course):
    """nbgrader autograde (and the formgrader's button) would run it with the trainer's rights."""
    course = released_course(tmp_path / "course", [ASSIGNMENT])
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
