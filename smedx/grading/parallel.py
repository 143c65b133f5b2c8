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
import json
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
from smedx.i18n import N_, _
from smedx.typography import display_width


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
    # (time, process id, step) of this submission in its worker (``--profile``)
    events: list[tuple[float, int, str]] = field(default_factory=list, repr=False)


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


def _reuse_engines() -> None:
    """nbgrader makes a new SQLAlchemy engine for every ``Gradebook`` it opens (about eight per
    submission), and SQLAlchemy caches compiled queries per engine, so every query was compiled
    again each time (most of the writer's time). In this process: one engine per gradebook URL.
    ``Gradebook.close`` still disposes of the engine's connections; the engine stays usable."""
    import nbgrader.api

    if getattr(nbgrader.api.create_engine, "reused", False):
        return
    make = nbgrader.api.create_engine
    engines: dict = {}

    def create_engine(url, *args, **kwargs):
        key = (os.getpid(), str(url), args, tuple(sorted(kwargs.items())))  # never across fork
        if key not in engines:
            engines[key] = make(url, *args, **kwargs)
        return engines[key]

    create_engine.reused = True
    nbgrader.api.create_engine = create_engine


def _check_schemas_once() -> None:
    """nbgrader's ``CheckCellMetadata`` validates each nbgrader cell with ``jsonschema.validate``,
    which first checks nbgrader's own schema against the JSON Schema meta-schema, every time
    (about a third of a worker's CPU outside the kernel). In this process a schema is checked
    once; every cell is still validated, raising the error ``jsonschema.validate`` raises."""
    import types

    from jsonschema import exceptions, validators
    from nbgrader.nbgraderformat import common

    if isinstance(common.jsonschema, types.SimpleNamespace):
        return
    checked: set = set()

    def validate(instance, schema, cls=None, *args, **kwargs):
        cls = cls or validators.validator_for(schema)
        key = (cls, json.dumps(schema, sort_keys=True))
        if key not in checked:
            cls.check_schema(schema)
            checked.add(key)
        error = exceptions.best_match(cls(schema, *args, **kwargs).iter_errors(instance))
        if error is not None:
            raise error

    common.jsonschema = types.SimpleNamespace(validate=validate)  # all it uses of jsonschema


def _start_worker(root: str, template: str, run: sandbox.Run) -> None:
    """Each worker gets its own copy of the private gradebook; it dies with the parent and
    takes its kernels with it."""
    _WORKER["events"] = [(time.time(), "worker starting")]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _worker_stop)
    sandbox.die_with_parent()
    _quiet_sqlalchemy()
    _reuse_engines()
    _check_schemas_once()
    private = Path(template).parent / f"worker-{os.getpid()}.db"
    shutil.copyfile(template, private)
    config = load_config(root)
    config.CourseDirectory.db_url = f"sqlite:///{private}"
    _WORKER["config"] = config
    sandbox.ACTIVE["run"] = run
    sandbox.ACTIVE["slot"] = sandbox.acquire_slot(run)
    _WORKER["events"].append((time.time(), "worker ready"))


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
    events = sandbox.ACTIVE["events"] = _WORKER.pop("events", [])
    sandbox.mark("submission starting")
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
    sandbox.mark("converter ready")
    result = capture_log(converter)
    sandbox.mark("submission done")
    return Outcome(
        student,
        bool(result["success"]),
        seconds=time.perf_counter() - start,
        limits=sorted(sandbox.ACTIVE["limits"]),
        error="" if result["success"] else _failure(result),
        log=result.get("log", ""),
        events=[(t, os.getpid(), event) for t, event in events],
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
    profile: Path | str | None = None,
) -> list[Outcome]:
    """Autograde every submission of ``assignment`` (or ``students``) with ``jobs`` workers;
    ``profile``: also write a JSON timeline of every step there (:func:`write_profile`)."""
    from nbgrader.coursedir import CourseDirectory

    main = [(time.time(), os.getpid(), "smedx grade starting")]
    tools_on_path()
    _quiet_sqlalchemy()
    _reuse_engines()
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
    main.append((time.time(), os.getpid(), "sandbox prepared"))
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        run.private.mkdir(mode=0o700)
        template = run.private / "assignment.db"
        snapshot(coursedir.db_url, coursedir.course_id, assignment, template)
        main.append((time.time(), os.getpid(), "gradebook copied"))
        outcomes = _run_pool(
            root, assignment, students, jobs, progress, config, template, run, main
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
        sandbox.finish(run)
    main.append((time.time(), os.getpid(), "smedx grade done"))
    if profile:
        write_profile(profile, main, outcomes, jobs)
    return outcomes


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


def _run_pool(root, assignment, students, jobs, progress, config, template, run, main):
    from tqdm import tqdm

    outcomes: list[Outcome] = []
    main.append((time.time(), os.getpid(), "workers starting"))
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
            desc=progress_label(assignment),
            unit=_("submissions"),
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
                main.append((time.time(), os.getpid(), f"recording {outcome.student}"))
                with _signals_deferred():  # a submission is recorded whole
                    outcome = record(root, assignment, outcome, config)
                main.append((time.time(), os.getpid(), f"recorded {outcome.student}"))
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
    main.append((time.time(), os.getpid(), "all recorded"))
    pool.shutdown()
    main.append((time.time(), os.getpid(), "workers stopped"))
    return sorted(outcomes, key=lambda o: o.student)


# --- where the time goes ----------------------------------------------------------------------


def timeline(main: list, outcomes: list[Outcome], jobs: int) -> dict:
    """Every step of the run in seconds from its start, and per worker what it did: how long
    it took to start, its time on submissions, the gaps between them and the idle tail."""
    start = main[0][0]
    steps = [(t, pid, "", event) for t, pid, event in main]
    steps += [(t, pid, o.student, event) for o in outcomes for t, pid, event in o.events]
    steps.sort()
    pool = next(t for t, _, e in main if e == "workers starting")
    end = next((t for t, _, e in main if e == "all recorded"), steps[-1][0])
    workers = {}
    for pid in sorted({pid for o in outcomes for _time, pid, _step in o.events}):
        spans = sorted(
            (_at(o, "submission starting"), _at(o, "submission done"))
            for o in outcomes
            if o.events and o.events[0][1] == pid
        )
        busy = sum(b - a for a, b in spans)
        workers[str(pid)] = {
            "submissions": len(spans),
            "startup_s": round(spans[0][0] - pool, 2),
            "busy_s": round(busy, 2),
            "gaps_s": round(sum(b[0] - a[1] for a, b in zip(spans, spans[1:], strict=False)), 2),
            "tail_s": round(end - spans[-1][1], 2),
            "idle_s": round(end - pool - busy, 2),
        }
    writer = sum(
        b - a
        for (a, _, x), (b, _, y) in zip(main, main[1:], strict=False)
        if x.startswith("recording ") and y.startswith("recorded ")
    )
    return {
        "jobs": jobs,
        "started": start,  # seconds since the epoch
        "total_s": round(main[-1][0] - start, 2),
        "before_workers_s": round(pool - start, 2),
        "workers_s": round(end - pool, 2),
        "after_workers_s": round(main[-1][0] - end, 2),
        "writer_busy_s": round(writer, 2),
        "workers": workers,
        "steps": [
            {"t": round(t - start, 3), "pid": pid, "student": who, "step": event}
            for t, pid, who, event in steps
        ],
    }


def _at(outcome: Outcome, event: str) -> float:
    return next(t for t, _, e in outcome.events if e == event)


def write_profile(path: Path | str, main: list, outcomes: list[Outcome], jobs: int) -> None:
    from smedx.files import write_atomic

    write_atomic(path, json.dumps(timeline(main, outcomes, jobs), indent=1))


# The sandbox's limits as the trainer's summary names them (the notes written into a graded
# notebook keep sandbox.LIMIT_NAMES).
LIMIT_LABELS = {
    "timeout": N_("timeout"),
    "memory": N_("memory"),
    "processes": N_("processes"),
    "output": N_("output too large"),
    "kernel": N_("kernel stopped"),
}


def progress_label(assignment: str) -> str:
    """The progress bar's label, in the current language."""
    return _("grading {assignment}").format(assignment=assignment)


def summary_lines(outcomes: list[Outcome]) -> list[str]:
    """One line per learner under a header, in the current language."""

    def number(x: float | None) -> str:
        return "—" if x is None else f"{x:g}"

    def cell(text: str, width: int, left: bool = False) -> str:
        gap = " " * max(0, width - display_width(text))
        return text + gap if left else gap + text

    header = (_("learner"), _("score"), _("late penalty"), _("status"))
    lines = [f"{cell(header[0], 24, True)}{cell(header[1], 13)}{cell(header[2], 15)}  {header[3]}"]
    for o in outcomes:
        if o.ok:
            status = _("needs manual grading") if o.needs_manual else _("done")
            if o.limits:
                named = _(", ").join(_(LIMIT_LABELS[limit]) for limit in o.limits)
                status = _("limit hit: {limits}").format(limits=named)
            score = f"{number(o.score)}/{number(o.max_score)}"
            late = number(o.late_penalty)
        else:
            score, late, status = "—", "—", _("FAILED")
        lines.append(f"{cell(o.student, 24, True)}{cell(score, 13)}{cell(late, 15)}  {status}")
    return lines
