"""The instructor workflow end to end, with real Unix accounts and a real exchange folder.

One instructor and three learners (created with useradd, removed afterwards). The instructor
generates and releases m01; each learner fetches it, answers by driving the exercise widgets in a
real kernel (the widgets save answers_m01.json), saves and submits: one full marks (widgets, the
进阶 code and a reflection), one partial and late, one blank who also edits a read-only test cell
and deletes another. The instructor collects, autogrades, grades the reflections through nbgrader's
Gradebook API, generates and releases feedback; learners fetch it; grades are exported to CSV.

Run twice: gradebook on SQLite with sequential ``nbgrader autograde``, and on a PostgreSQL server
the test starts (Debian ``postgresql``) with ``smedx grade --jobs 2``. Both must give the same
exact scores. Needs root (useradd, runuser); fails loudly without it.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from shared_python import shared_bin

from smedx.grading import cohort, trainer

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENT = "m01"

pytestmark = pytest.mark.slow

# --- what each learner does -------------------------------------------------------------------

ITEMS = trainer.items(ROOT, ASSIGNMENT)  # the graded items: keys from the trainer's folder
SPEC = trainer.spec(ROOT, ASSIGNMENT)
FULL = cohort.full_answers(ASSIGNMENT, ROOT)


def _partial() -> dict:
    """Every other item right, the others with their first typical mistake, the last one left
    unanswered: question -> (answer, points the trainer's checker gives it)."""
    plan = {}
    for i, q in enumerate(ITEMS[:-1]):
        answer = q.example_answer if i % 2 == 0 else q.wrong_answers[0]
        plan[q.id] = (answer, round(q.check(answer).score * q.points, 2))
    return plan


PARTIAL = _partial()
CODE = {
    "m01-top_goal-answer": 'goals = data.figure("S3.1.1-goals")\n'
    'top_goal = goals.sort_values("value")["key"].iloc[-1]',
    "m01-n_goals_over_35-answer": 'n_goals_over_35 = int((data.figure("S3.1.1-goals")["value"] > 35).sum())',
    "m01-reflection": "我们是一家 60 人的机加工厂，先优化既有业务流程……（示例反思）",
}
REFLECTION_ONLY = {"m01-reflection": "先做协同办公。"}
TAMPERED, DELETED = (f"{ASSIGNMENT}-{q.id.split('.', 1)[1]}-test" for q in ITEMS[:2])
TAMPER = {TAMPERED: "2.0  # full marks, please"}  # a read-only test cell

FULL_CORE = float(sum(q.points for q in ITEMS))
ADVANCED = float(sum(a.points for a in SPEC.advanced))
REFLECTION = float(SPEC.reflection.points)
MAX_SCORE = FULL_CORE + ADVANCED + REFLECTION
PARTIAL_AUTO = round(sum(p for _a, p in PARTIAL.values()), 2)
MANUAL = {"learner1": 3.0, "learner2": 1.0}
LATE_PENALTY = 1.0  # PerDayPenalty: 1 point for a started day

DRIVER = '''
"""Run as a learner: open the notebook, answer with the widgets in a real kernel, save."""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

folder, plan = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
path = folder / (folder.name + ".ipynb")
nb = nbformat.read(path, as_version=4)
for cell in list(nb.cells):
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    if grade_id in plan["cells"]:
        cell.source = plan["cells"][grade_id]
    if grade_id in plan["delete"]:
        nb.cells.remove(cell)
client = NotebookClient(nb, timeout=120, allow_errors=True, resources={"metadata": {"path": str(folder)}})
answers = json.dumps(plan["answers"])
drive = nbformat.v4.new_code_cell(
    "from smedx.ui.exercise import ExerciseWidget\\n"
    "widgets = {w.question.id: w for w in Out.values() if isinstance(w, ExerciseWidget)}\\n"
    f"for qid, value in {answers}.items():\\n"
    "    widgets[qid].set_answer(value)\\n"
    "print(sorted(widgets))"
)
with client.setup_kernel():
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)
    nb.cells.append(drive)  # the learner's clicks, as code; not saved with the notebook
    client.execute_cell(drive, len(nb.cells) - 1)
    nb.cells.pop()
    outputs = [o.get("text", "") + str(o.get("evalue", "")) for o in drive.outputs]
    print("driver:", "".join(outputs))
nbformat.write(nb, path)
'''


# --- the machine: users, exchange, PostgreSQL -------------------------------------------------


def require_root() -> None:
    if os.geteuid() != 0:
        pytest.fail(
            "this test creates Unix accounts: run it as root (CI does; locally: sudo)", False
        )
    for tool in ("useradd", "userdel", "runuser"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: install Debian's passwd/util-linux", False)


class Machine:
    """Accounts with a unique prefix under one base folder; everything removed on close."""

    def __init__(self, base: Path):
        self.base = base
        self.prefix = "sx" + uuid.uuid4().hex[:6]
        self.users: dict[str, str] = {}  # role -> account name
        self.exchange = base / "exchange"
        self.exchange.mkdir()
        self.exchange.chmod(0o777)  # as an administrator sets up /srv/nbgrader/exchange
        self.bin = shared_bin(base)  # the accounts cannot always run .venv/bin

    def add(self, role: str) -> str:
        name = f"{self.prefix}{role}"
        home = self.base / "home" / name
        home.parent.mkdir(exist_ok=True)
        home.parent.chmod(0o755)
        subprocess.run(
            ["useradd", "-m", "-d", str(home), "-K", "HOME_MODE=0700", "-s", "/bin/sh", name],
            check=True,
        )
        self.users[role] = name
        return name

    def home(self, role: str) -> Path:
        return Path(pwd.getpwnam(self.users[role]).pw_dir)

    def run(self, role: str, *cmd, cwd=None, env=None, check=True) -> subprocess.CompletedProcess:
        """Run as that account, with a clean environment (nothing of root's leaks in)."""
        home = self.home(role)
        clean = {
            "HOME": str(home),
            "USER": self.users[role],
            "PATH": f"{self.bin}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "SMEDX_EXCHANGE": str(self.exchange),
            "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),  # nbconvert templates
            **(env or {}),
        }
        result = subprocess.run(
            ["runuser", "-u", self.users[role], "--", "env", "-i"]
            + [f"{k}={v}" for k, v in clean.items()]
            + [str(c) for c in cmd],
            cwd=cwd or home,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"{role} `{' '.join(map(str, cmd))}` failed ({result.returncode}):\n"
                f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
            )
        return result

    def close(self) -> None:
        for name in self.users.values():
            subprocess.run(["pkill", "-KILL", "-u", name], check=False)
            subprocess.run(["userdel", "-r", "-f", name], check=False, capture_output=True)


@pytest.fixture
def machine():
    require_root()
    base = Path(tempfile.mkdtemp(prefix="smedx-e2e-", dir="/tmp"))
    base.chmod(0o755)
    m = Machine(base)
    try:
        yield m
    finally:
        m.close()
        shutil.rmtree(base, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postgres():
    """A throwaway PostgreSQL cluster on 127.0.0.1, stopped and deleted afterwards."""
    require_root()
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        pytest.fail("PostgreSQL is not installed: apt-get install -y postgresql", False)
    bindir = Path(found[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="smedx-pg-", dir="/tmp"))
    shutil.chown(base, "postgres", "postgres")
    data, port = base / "data", free_port()

    def pg(*cmd):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, cmd)],
            check=True,
            capture_output=True,
            text=True,
            cwd=base,
        )

    pg(bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={base}"
    pg(bindir / "pg_ctl", "-D", data, "-o", options, "-l", base / "log", "-w", "start")
    try:
        pg(bindir / "psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-c",
           "CREATE DATABASE smedx_gradebook")  # fmt: skip
        yield f"postgresql://postgres@127.0.0.1:{port}/smedx_gradebook"
    finally:
        pg(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


# --- the workflow -----------------------------------------------------------------------------

GRADEBOOK_SNIPPET = """
import json, sys
from datetime import datetime
from nbgrader.api import Gradebook
from smedx.grading.release import load_config
config = load_config(".")
url, action, args = config.CourseDirectory.db_url, sys.argv[1], json.loads(sys.argv[2])
with Gradebook(url, "smedx") as gb:
    if action == "duedate":
        gb.update_or_create_assignment("m01", duedate=datetime.fromisoformat(args))
    elif action == "manual":
        for student, score in args.items():
            gb.find_grade("m01-reflection", "m01", "m01", student).manual_score = score
        gb.db.commit()
    elif action == "report":
        out = {}
        for sub in gb.assignment_submissions("m01"):
            grades = {g.name: [g.auto_score, g.manual_score, g.needs_manual_grade]
                      for nb in sub.notebooks for g in nb.grades}
            out[sub.student.id] = {"score": sub.score, "max": sub.max_score,
                                   "late": sub.late_submission_penalty, "grades": grades}
        print(json.dumps(out))
"""


def plan(answers=None, cells=None, delete=()):
    return {"answers": answers or {}, "cells": cells or {}, "delete": list(delete)}


def check_partial_plan() -> None:
    """The partial plan earns some points and misses some (so both directions are tested)."""
    assert 0 < PARTIAL_AUTO < FULL_CORE
    assert len(FULL) == len(ITEMS)


def workflow(m: Machine, gradebook_url: str | None, grade_command: list[str]) -> None:
    check_partial_plan()
    inst = m.add("inst")
    learners = {role: m.add(role) for role in ("learner1", "learner2", "learner3")}
    course = m.home("inst") / "course"
    cohort.course_copy(ROOT, course)
    subprocess.run(["chown", "-R", f"{inst}:{inst}", str(course)], check=True)
    env = {"SMEDX_GRADEBOOK_URL": gradebook_url} if gradebook_url else {}
    (m.base / "driver.py").write_text(DRIVER)
    (m.base / "gradebook.py").write_text(GRADEBOOK_SNIPPET)
    for role, name in learners.items():  # what a hub administrator puts in each learner's config
        jupyter = m.home(role) / ".jupyter"
        jupyter.mkdir()
        (jupyter / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.Exchange.root = {str(m.exchange)!r}\n"
            'c.CourseDirectory.course_id = "smedx"\n'
        )
        subprocess.run(["chown", "-R", f"{name}:{name}", str(jupyter)], check=True)

    def instructor(*cmd, check=True):
        return m.run("inst", *cmd, cwd=course, env=env, check=check)

    def gradebook(action, args):
        return instructor("python", m.base / "gradebook.py", action, json.dumps(args))

    # 1. generate and release
    instructor("nbgrader", "generate_assignment", ASSIGNMENT, "--force")
    instructor("nbgrader", "release_assignment", ASSIGNMENT, "--force")
    gradebook("duedate", "2099-01-01T00:00:00")

    # 2. learners fetch, answer with the widgets, save, submit
    def learner(role, steps):
        m.run(role, "nbgrader", "fetch_assignment", ASSIGNMENT)
        folder = m.home(role) / ASSIGNMENT
        assert not list(folder.glob("answers_*.json")), "the release must not carry answers"
        (m.base / f"{role}.json").write_text(json.dumps(steps))
        out = m.run(role, "python", m.base / "driver.py", folder, m.base / f"{role}.json").stdout
        path = folder / f"answers_{ASSIGNMENT}.json"
        saved = json.loads(path.read_text()) if path.exists() else {}
        assert {k: v["answer"] for k, v in saved.items()} == steps["answers"], out
        m.run(role, "nbgrader", "submit", ASSIGNMENT)

    learner("learner1", plan(FULL, CODE))
    learner("learner3", plan({}, TAMPER, [DELETED]))
    # nbgrader stamps a submission to the microsecond (timestamp.txt) and the gradebook keeps
    # microseconds: a due date taken now is after the two submissions that ended and before the
    # next one, no sleep needed
    due = datetime.now(UTC).replace(tzinfo=None)
    gradebook("duedate", due.isoformat())
    learner("learner2", plan({k: a for k, (a, _p) in PARTIAL.items()}, REFLECTION_ONLY))

    # a learner cannot see another's submission: the inbound folder cannot be listed, and the
    # instructor's course folder (with submitted/) is private
    inbound = m.exchange / "smedx" / "inbound"
    denied = m.run("learner2", "ls", inbound, check=False)
    assert denied.returncode != 0 and "Permission denied" in denied.stderr, denied
    names = os.listdir(inbound)
    first = next(n for n in names if n.startswith(learners["learner1"] + "+"))
    assert len(first.rsplit("+", 1)[1]) >= 12, f"submission name is guessable: {first}"
    peek = m.run("learner2", "sh", "-c", f"ls {inbound}/{learners['learner1']}+*", check=False)
    assert peek.returncode != 0, peek
    for private in (course, m.home("learner1") / ASSIGNMENT):
        assert m.run("learner2", "ls", private, check=False).returncode != 0, private

    # 3. collect, autograde, grade the reflections by hand
    instructor("nbgrader", "collect", ASSIGNMENT)
    for role, name in learners.items():
        answers = course / "submitted" / name / ASSIGNMENT / f"answers_{ASSIGNMENT}.json"
        assert answers.exists() == (role != "learner3"), f"{role}: {answers}"
    graded = instructor(*grade_command, check=False)
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    gradebook("manual", {learners[r]: s for r, s in MANUAL.items()})

    report = json.loads(gradebook("report", {}).stdout)
    l1, l2, l3 = (report[learners[r]] for r in ("learner1", "learner2", "learner3"))
    assert l1["max"] == MAX_SCORE
    assert l1["score"] == MAX_SCORE and not l1["late"], l1
    assert l2["score"] == pytest.approx(PARTIAL_AUTO + MANUAL["learner2"]), l2
    assert l2["late"] == LATE_PENALTY, l2
    assert l3["score"] == 0 and not l3["late"], l3
    # the tampered cell was restored and scored 0; the deleted one was put back and scored 0
    assert l3["grades"][TAMPERED][0] == 0
    assert l3["grades"][DELETED][0] == 0
    autograded = course / "autograded" / learners["learner3"] / ASSIGNMENT / "m01.ipynb"
    cells = {
        c["metadata"].get("nbgrader", {}).get("grade_id"): "".join(c["source"])
        for c in json.loads(autograded.read_text())["cells"]
    }
    assert "full marks, please" not in cells[TAMPERED]
    assert f'saved("{ITEMS[0].id}")' in cells[TAMPERED]
    assert DELETED in cells
    for name in learners.values():
        size = (course / "autograded" / name / ASSIGNMENT / "m01.ipynb").stat().st_size
        assert size < 1_000_000, f"{name}: autograded notebook is {size} bytes"

    # 4. feedback: generate, release, fetch
    instructor("nbgrader", "generate_feedback", ASSIGNMENT, "--force")
    instructor("nbgrader", "release_feedback", ASSIGNMENT)
    feedback = m.exchange / "smedx" / "feedback"  # pages named by a hash of each submission
    assert m.run("learner2", "ls", feedback, check=False).returncode != 0
    for role, name in learners.items():
        m.run(role, "nbgrader", "fetch_feedback", ASSIGNMENT)
        pages = list((m.home(role) / ASSIGNMENT / "feedback").glob("*/m01.html"))
        assert len(pages) == 1, f"{role}: {pages}"
        html = pages[0].read_text(encoding="utf-8")
        final = report[name]["score"] - (report[name]["late"] or 0)  # feedback shows the net
        score = f"得分：{final:.1f} / {MAX_SCORE:.1f}"
        assert score in html, f"{role}: {score!r} not in the feedback"
    assert (
        "正确"
        in next((m.home("learner1") / ASSIGNMENT / "feedback").glob("*/m01.html")).read_text()
    )

    # 5. export grades to CSV
    instructor("nbgrader", "export", "--to", "grades.csv")
    rows = {r["student_id"]: r for r in csv.DictReader((course / "grades.csv").open())}
    assert float(rows[learners["learner1"]]["score"]) == MAX_SCORE
    raw = PARTIAL_AUTO + MANUAL["learner2"]
    assert float(rows[learners["learner2"]]["raw_score"]) == pytest.approx(raw)
    assert float(rows[learners["learner2"]]["late_submission_penalty"]) == LATE_PENALTY
    assert float(rows[learners["learner2"]]["score"]) == pytest.approx(raw - LATE_PENALTY)
    assert float(rows[learners["learner3"]]["score"]) == 0.0
    assert all(float(r["max_score"]) == MAX_SCORE for r in rows.values())


def test_workflow_sqlite_sequential_autograde(machine):
    # plain nbgrader runs learner code with the instructor's rights only when told so
    workflow(
        machine, None, ["env", "SMEDX_UNSAFE_AUTOGRADE=1", "nbgrader", "autograde", ASSIGNMENT]
    )


def test_workflow_postgresql_parallel_grade(machine, postgres):
    # the instructor is not root, so there is no sandbox account: smedx grade must be told
    grade = ["smedx", "grade", ASSIGNMENT, "--jobs", "2", "--quiet", "--unsafe-same-user"]
    workflow(machine, postgres, grade)


def test_driver_script_is_valid_python():
    compile(textwrap.dedent(DRIVER), "driver.py", "exec")
