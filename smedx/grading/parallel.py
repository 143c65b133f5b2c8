"""``smedx grade``: autograde a cohort in parallel without ever sharing the gradebook.

What takes time in autograde is running each notebook (a kernel per submission); what must not
run concurrently is writing the gradebook (SQLite takes one writer, and a reader that wants to
write can fail at once with "database is locked"). So the work is split:

- **workers** (``--jobs N`` processes) run nbgrader's ``Autograde`` converter without its two
  grade-saving steps (the writer runs those), one submission at a time, against a *private*
  SQLite gradebook holding a copy of the assignment (notebooks, graded cells, read-only cell
  sources, taken from the course gradebook through the Gradebook API, so a PostgreSQL gradebook
  works the same way). They write
  ``autograded/<learner>/<assignment>/`` exactly as ``nbgrader autograde`` does.
- **one writer**, this process, records each finished submission in the course gradebook with
  nbgrader's own steps: ``Autograde.init_assignment`` (learner, submission time, notebooks not
  submitted) and the ``SaveAutoGrades`` and ``AssignLatePenalties`` preprocessors, run on the
  notebook the worker executed. Scores, "needs manual grading" flags and late penalties are
  therefore what a sequential ``nbgrader autograde`` computes (the tests compare the two).

Learner code runs in a sandbox (:mod:`smedx.grading.sandbox`): each kernel as an unprivileged
grading account (``smedx-grader``, one account per job) in a scratch folder holding only that
submission, with private temporary folders and IPC, and limits on time, memory, processes and
output. Deleted graded cells are restored from the source first (the course configuration's
:class:`smedx.grading.trusted.RestoreCells`). A limit that was hit is named in the outcome
(``limits``) and the summary instead of "done". Without root (no second account) ``smedx grade``
refuses unless told ``--unsafe-same-user``.

A submission that fails (a broken notebook) is reported by name and left out of the gradebook;
the others are still graded and the exit status is non-zero. SIGINT or SIGTERM stops the workers
and their kernels, but only once the submission being recorded is recorded whole; if this
process is killed outright, the workers get SIGTERM from Linux (parent-death signal) and kill
their kernels, and the next run deletes what is left. Grades already recorded are never lost.
"""

from __future__ import annotations

import contextlib
import glob
import multiprocessing
import os
import shutil
import signal
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from smedx.errors import KitError
from smedx.grading import sandbox
from smedx.grading.release import load_config, tools_on_path


@dataclass
class Outcome:
    """What happened to one learner's submission."""

    student: str
    ok: bool
    seconds: float = 0.0
    score: float | None = None
    max_score: float | None = None
    late_penalty: float | None = None
    needs_manual: bool = False
    limits: list[str] = field(default_factory=list)  # sandbox limits hit: timeout, memory, ...
    error: str = ""
    log: str = field(default="", repr=False)


# --- the course gradebook -> a private copy of one assignment ----------------------------------


def snapshot(db_url: str, course_id: str, assignment: str, target: Path) -> None:
    """Copy what autograde reads about ``assignment`` into a new SQLite gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as main:
        _new_sqlite_gradebook(target, main)  # before nbgrader opens it (no alembic subprocess)
        with Gradebook(f"sqlite:///{target}", course_id) as copy:
            try:
                source = main.find_assignment(assignment)
            except MissingEntry:
                raise KitError(
                    f"成绩册里没有作业 {assignment}：先运行 nbgrader generate_assignment {assignment}",
                    f"the gradebook has no assignment {assignment}: run "
                    f"nbgrader generate_assignment {assignment} first",
                ) from None
            copy.update_or_create_assignment(assignment, duedate=source.duedate)
            for nb in source.notebooks:
                copy.update_or_create_notebook(nb.name, assignment, kernelspec=nb.kernelspec)
                for c in nb.grade_cells:
                    copy.update_or_create_grade_cell(
                        c.name, nb.name, assignment, max_score=c.max_score, cell_type=c.cell_type
                    )
                for c in nb.solution_cells:
                    copy.update_or_create_solution_cell(c.name, nb.name, assignment)
                for c in nb.task_cells:
                    copy.update_or_create_task_cell(
                        c.name, nb.name, assignment, max_score=c.max_score, cell_type=c.cell_type
                    )
                for c in nb.source_cells:
                    copy.update_or_create_source_cell(
                        c.name,
                        nb.name,
                        assignment,
                        cell_type=c.cell_type,
                        locked=c.locked,
                        source=c.source,
                        checksum=c.checksum,
                    )


def _new_sqlite_gradebook(target: Path, like) -> None:
    """Create the empty gradebook with the main one's schema version. Left to itself nbgrader
    asks the ``alembic`` command for it, a subprocess that costs seconds of CPU per run."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, text

    try:
        version = like.db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no version table (a very old gradebook): let nbgrader ask alembic
        like.db.rollback()
        return
    engine = create_engine(f"sqlite:///{target}")
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            )
            connection.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": version})
    finally:
        engine.dispose()


# --- workers ----------------------------------------------------------------------------------

_WORKER: dict = {}


def _quiet_sqlalchemy() -> None:
    """nbgrader 0.9 with SQLAlchemy 2 warns on every new submission; it is harmless noise."""
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def _start_worker(root: str, template: str, run: sandbox.Run) -> None:
    """Each worker gets its own copy of the private gradebook; it dies with the parent and
    takes its kernels with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _worker_stop)
    sandbox.die_with_parent()
    _quiet_sqlalchemy()
    private = Path(template).parent / f"worker-{os.getpid()}.db"
    shutil.copyfile(template, private)
    config = load_config(root)
    config.CourseDirectory.db_url = f"sqlite:///{private}"
    _WORKER["config"] = config
    sandbox.ACTIVE["run"] = run
    sandbox.ACTIVE["slot"] = sandbox.acquire_slot(run)


def _worker_stop(signum, frame) -> None:
    active = sandbox.ACTIVE
    if "slot" in active and "job" in active:
        sandbox.kill_job(active["run"], active["slot"], active["job"])
    os._exit(128 + signum)


def _autograde(assignment: str, student: str) -> Outcome:
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.preprocessors import AssignLatePenalties, Execute, SaveAutoGrades
    from nbgrader.utils import capture_log
    from traitlets.utils.importstring import import_item

    start = time.perf_counter()
    config = _WORKER["config"]
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id, coursedir.student_id = assignment, student
    converter = Autograde(coursedir=coursedir, config=config)
    # Grades go into the course gradebook once, by the one writer (record): skip them here.
    # Notebooks run in the sandbox; every other configured step runs here, as configured.
    steps = []
    for p in converter.autograde_preprocessors:
        p = import_item(p) if isinstance(p, str) else p
        if p in (SaveAutoGrades, AssignLatePenalties):
            continue
        is_execute = isinstance(p, type) and issubclass(p, Execute)  # TrainerExecute too
        steps.append(sandbox.SandboxedExecute if is_execute else p)
    converter.autograde_preprocessors = steps
    converter.force = True
    converter.create_student = True
    sandbox.ACTIVE["job"] = student
    sandbox.ACTIVE["limits"] = set()
    result = capture_log(converter)
    return Outcome(
        student,
        bool(result["success"]),
        seconds=time.perf_counter() - start,
        limits=sorted(sandbox.ACTIVE["limits"]),
        error="" if result["success"] else _failure(result),
        log=result.get("log", ""),
    )


def _failure(result: dict) -> str:
    """What went wrong: nbgrader logs the real traceback and then raises a generic
    "see the above traceback", so the log is the useful part."""
    return result.get("log") or result.get("error", "")


# --- the one writer ---------------------------------------------------------------------------


@cache
def _record_class():
    """``Autograde`` minus execution, on the notebooks a worker already wrote (built lazily:
    importing nbgrader is slow and ``smedx --help`` should not pay for it)."""
    import nbformat
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    class RecordGrades(Autograde):
        def init_destination(self, assignment_id: str, student_id: str) -> bool:
            return True  # keep the worker's autograded/ folder

        def convert_single_notebook(self, notebook_filename: str) -> None:
            # notebook_filename is the submitted notebook; grade the executed one beside it.
            # Only the grade-saving steps run: no export, the file is already in place.
            executed = os.path.join(
                self._format_dest(self.coursedir.assignment_id, self.coursedir.student_id),
                os.path.basename(notebook_filename),
            )
            resources = self.init_single_notebook_resources(notebook_filename)
            nb = nbformat.read(executed, as_version=4)
            for step in (SaveAutoGrades, AssignLatePenalties):
                nb, resources = step(parent=self.exporter).preprocess(nb, resources)

    return RecordGrades


def _summary(db_url: str, course_id: str, assignment: str, outcome: Outcome) -> Outcome:
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        submission = gb.find_submission(assignment, outcome.student)
        outcome.score = submission.score
        outcome.max_score = submission.max_score
        outcome.late_penalty = submission.late_submission_penalty
        outcome.needs_manual = submission.needs_manual_grade
    return outcome


def record(root: Path | str, assignment: str, outcome: Outcome, config=None) -> Outcome:
    """Write one executed submission into the course gradebook (only this process writes)."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    config = config or load_config(root)
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id, coursedir.student_id = assignment, outcome.student
    recorder = _record_class()(coursedir=coursedir, config=config)
    recorder.force = True
    recorder.create_student = True
    result = capture_log(recorder)
    if not result["success"]:
        outcome.ok = False
        outcome.error = _failure(result)
        return outcome
    return _summary(coursedir.db_url, coursedir.course_id, assignment, outcome)


# --- the command ------------------------------------------------------------------------------


def submitted_students(root: Path | str, assignment: str, config=None) -> list[str]:
    from nbgrader.coursedir import CourseDirectory

    coursedir = CourseDirectory(config=config or load_config(root))
    pattern = coursedir.format_path(coursedir.submitted_directory, "*", assignment)
    return sorted(Path(p).parent.name for p in glob.glob(pattern) if Path(p).is_dir())


def grade(
    root: Path | str,
    assignment: str,
    *,
    jobs: int = 2,
    students: list[str] | None = None,
    progress: bool = True,
    unsafe_same_user: bool = False,
) -> list[Outcome]:
    """Autograde every submission of ``assignment`` (or ``students``) with ``jobs`` workers."""
    from nbgrader.coursedir import CourseDirectory

    tools_on_path()
    _quiet_sqlalchemy()
    root = str(Path(root).resolve())
    config = load_config(root)
    coursedir = CourseDirectory(config=config)
    students = students or submitted_students(root, assignment, config)
    if not students:
        raise KitError(
            f"作业 {assignment} 还没有收取到的提交（先运行 nbgrader collect {assignment}）",
            f"no collected submissions for {assignment} (run nbgrader collect {assignment})",
        )
    limits = sandbox.Sandbox(config=config)
    run = sandbox.prepare(Path(root), max(1, jobs), limits, unsafe_same_user)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        run.private.mkdir(mode=0o700)
        template = run.private / "assignment.db"
        snapshot(coursedir.db_url, coursedir.course_id, assignment, template)
        return _run_pool(root, assignment, students, jobs, progress, config, template, run)
    finally:
        signal.signal(signal.SIGTERM, previous)
        sandbox.finish(run)


class Stopped(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _stop(signum, frame) -> None:
    raise Stopped


@contextlib.contextmanager
def _signals_deferred():
    """Hold SIGINT and SIGTERM until the block ends (nbgrader's converters swallow the
    KeyboardInterrupt and report the submission as failed), then act on them."""
    pending: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in stops}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if pending:
            signal.raise_signal(pending[0])


def _run_pool(root, assignment, students, jobs, progress, config, template, run) -> list[Outcome]:
    from tqdm import tqdm

    outcomes: list[Outcome] = []
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs),
        mp_context=context,
        initializer=_start_worker,
        initargs=(root, str(template), run),
    )
    try:
        futures = [pool.submit(_autograde, assignment, s) for s in students]
        bar = tqdm(
            total=len(futures),
            desc=f"批改 grading {assignment}",
            unit="份",
            disable=not progress,
            file=sys.stderr,
        )
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as err:  # a worker died (out of memory, killed)
                student = students[futures.index(future)]
                outcome = Outcome(student, False, error=f"{type(err).__name__}: {err}")
            if outcome.ok:
                with _signals_deferred():  # a submission is recorded whole
                    outcome = record(root, assignment, outcome, config)
            outcomes.append(outcome)
            bar.set_postfix_str(("✔ " if outcome.ok else "✘ ") + outcome.student)
            bar.update()
        bar.close()
    except BaseException:  # Ctrl-C, SIGTERM, a failing writer: stop the workers and kernels now
        workers = list((pool._processes or {}).values())  # the executor has no public handle
        for worker in workers:
            worker.terminate()  # their SIGTERM handler kills their kernels
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.join(timeout=10)
        raise
    pool.shutdown()
    return sorted(outcomes, key=lambda o: o.student)


def summary_lines(outcomes: list[Outcome]) -> list[str]:
    def number(x: float | None) -> str:
        return "—" if x is None else f"{x:g}"

    lines = [f"{'学员 learner':<24} {'得分 score':>12} {'迟交扣分 late':>14}  状态 status"]
    for o in outcomes:
        if o.ok:
            status = "待人工评分 needs manual grading" if o.needs_manual else "完成 done"
            if o.limits:
                named = "、".join(sandbox.LIMIT_NAMES[limit] for limit in o.limits)
                status = f"达到限制 limit hit: {named}"
            score = f"{number(o.score)}/{number(o.max_score)}"
            lines.append(f"{o.student:<24} {score:>12} {number(o.late_penalty):>14}  {status}")
        else:
            lines.append(f"{o.student:<24} {'—':>12} {'—':>14}  失败 FAILED")
    return lines
