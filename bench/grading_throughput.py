"""Grading throughput: sequential ``nbgrader autograde`` vs ``smedx grade --jobs 2``, same run.

A cohort of synthetic submissions of m01 (full, partial and blank answers in turn) in three
identical copies of a course. The commands are timed end to end as a trainer runs them (process
start included): nbgrader, ``smedx grade`` with its sandbox (as root: kernels run as the grading
accounts, with limits, each in private temporary folders) and ``smedx grade --unsafe-same-user``
(no sandbox). Per-submission time is compared with a plain papermill run of the same notebook
(the notebook nbgrader executes: the submission with its hidden tests restored) in this process,
and the sandbox's per-submission time with the unsandboxed one.

Targets (issues 5 and 14): throughput >= 1.7x sequential nbgrader with the sandbox on (the last
line says whether it is met); per-submission time <= 1.3x papermill. The sandbox overhead ratio is
reported, not targeted. Exit status 0 only when every target is met.

    .venv/bin/python bench/grading_throughput.py [--cohort 40] [--jobs 2] [--papermill-runs 1]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENT = "m01"


def build_cohort(course: Path, size: int) -> None:
    from smedx.grading import cohort, release

    cohort.course_copy(ROOT, course)
    release.generate(course, [ASSIGNMENT], gradebook=True)
    full, wrong = cohort.full_answers(ASSIGNMENT), cohort.wrong_answers(ASSIGNMENT)
    half = {k: (v if i % 2 else wrong[k]) for i, (k, v) in enumerate(full.items())}
    for i in range(size):
        answers = (full, half, {})[i % 3]
        cohort.submit(course, ASSIGNMENT, f"learner{i:03d}", answers)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(course: Path, *cmd: str) -> tuple[float, float, str]:
    """Wall time of the command, CPU time of it and its descendants (kernels included: far less
    sensitive than wall time to other load on a shared machine), and what it wrote to stderr."""
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(course), "LANG": "C.UTF-8"}
    env["SMEDX_UNSAFE_AUTOGRADE"] = "1"  # plain nbgrader autograde: the kit's explicit opt-in
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return elapsed, cpu, result.stderr


def scores(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smedx") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}


def papermill_seconds(course: Path, runs: int) -> float:
    """Execute the notebook nbgrader executed (outputs cleared) with papermill, in its folder."""
    import nbformat
    import papermill

    times = []
    for i in range(runs):
        folder = course / "autograded" / f"learner{i:03d}" / ASSIGNMENT
        nb = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "run"
            shutil.copytree(folder, work)
            for path in work.rglob("*"):
                path.chmod(0o644 if path.is_file() else 0o755)
            nbformat.write(nb, work / "in.ipynb")
            start = time.perf_counter()
            # run every cell, as autograde does (unanswered 进阶 tests raise)
            with contextlib.suppress(papermill.PapermillExecutionError):
                papermill.execute_notebook(
                    str(work / "in.ipynb"),
                    str(work / "out.ipynb"),
                    cwd=str(work),
                    kernel_name="python3",
                    progress_bar=False,
                    allow_errors=True,
                )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def idle_summary(profile: dict, start: float, seconds: float) -> dict:
    """From ``smedx grade --profile``: the serial parts (process start and imports before
    grading begins, sandbox and gradebook preparation, the end) and, per worker core, the time
    it was idle, plus the mean of each step of a submission."""
    workers = profile["workers"].values()
    steps = {
        "process start and imports": round(profile["started"] - start, 2),
        "sandbox and gradebook preparation": profile["before_workers_s"],
        "workers running": profile["workers_s"],
        "after the workers, to exit": round(
            seconds
            - (profile["started"] - start)
            - profile["before_workers_s"]
            - profile["workers_s"],
            2,
        ),
        "writer busy (in parallel with the workers)": profile["writer_busy_s"],
        "idle per worker: start": round(statistics.mean(w["startup_s"] for w in workers), 2),
        "idle per worker: between submissions": round(
            statistics.mean(w["gaps_s"] for w in workers), 2
        ),
        "idle per worker: tail": round(statistics.mean(w["tail_s"] for w in workers), 2),
        "idle per worker: total": round(statistics.mean(w["idle_s"] for w in workers), 2),
    }
    steps.update(submission_steps(profile["steps"]))
    return steps


# A submission's steps in a worker, as --profile names them: (label, from, to).
PHASES = (
    ("nbgrader steps before the kernel", "converter ready", "scratch ready"),
    ("kernel process start", "kernel starting", "kernel started"),
    ("kernel ready (imports, first reply)", "kernel started", "kernel ready"),
    ("cells", "kernel ready", "kernel stopping"),
    ("kernel stop and cleanup", "kernel stopping", "cleaned up"),
    ("nbgrader steps after the kernel", "cleaned up", "submission done"),
)


def submission_steps(steps: list[dict]) -> dict:
    """Mean seconds of each step of a submission."""
    at: dict[str, dict[str, float]] = {}
    for step in steps:
        if step["student"]:
            at.setdefault(step["student"], {})[step["step"]] = step["t"]
    out = {}
    for label, first, last in PHASES:
        spans = [t[last] - t[first] for t in at.values() if first in t and last in t]
        out[f"per submission: {label}"] = round(statistics.mean(spans), 2) if spans else None
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cohort", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--papermill-runs", type=int, default=5)
    parser.add_argument("--json", help="write the numbers to this file")
    args = parser.parse_args()

    load_start = os.getloadavg()[0]  # other work on the machine makes wall times noisy
    with tempfile.TemporaryDirectory(prefix="smedx-bench-") as tmp:
        one, two = Path(tmp) / "sequential", Path(tmp) / "parallel"
        three = Path(tmp) / "unsandboxed"
        print(f"cohort: {args.cohort} submissions of {ASSIGNMENT} ...", flush=True)
        build_cohort(one, args.cohort)
        shutil.copytree(one, two)
        shutil.copytree(one, three)

        t_seq, cpu_seq, _ = timed(one, str(BIN / "nbgrader"), "autograde", ASSIGNMENT)
        print(f"sequential nbgrader autograde: {t_seq:.1f} s", flush=True)

        def smedx_grade(course: Path, *flags: str) -> tuple[float, float, float, str, dict]:
            """Wall and CPU time of the command, the median worker time per submission, its
            stderr and its timeline (``--profile``)."""
            outcomes, profile = course / "outcomes.json", course / "profile.json"
            cmd = [str(BIN / "smedx"), "grade", ASSIGNMENT, "--jobs", str(args.jobs), "--quiet"]
            start = time.time()
            seconds, cpu, err = timed(
                course, *cmd, "--json", str(outcomes), "--profile", str(profile), *flags
            )
            rows = json.loads(outcomes.read_text())
            steps = idle_summary(json.loads(profile.read_text()), start, seconds)
            return seconds, cpu, statistics.median(o["seconds"] for o in rows), err, steps

        t_par, cpu_par, worker, err, steps_par = smedx_grade(two)
        # smedx grade says so when kernels cannot get private temporary folders (namespaces)
        temp = "swept after each submission" if "提示 note" in err else "private (namespaces)"
        print(f"smedx grade --jobs {args.jobs} (sandbox): {t_par:.1f} s", flush=True)
        t_open, cpu_open, worker_open, _, steps_open = smedx_grade(three, "--unsafe-same-user")
        print(f"smedx grade --jobs {args.jobs} --unsafe-same-user: {t_open:.1f} s", flush=True)
        same = scores(one) == scores(two) == scores(three)
        sizes = [p.stat().st_size for p in (two / "autograded").rglob("*.ipynb")]
        t_pm = papermill_seconds(two, args.papermill_runs)

    n = args.cohort
    result = {
        "cohort": n,
        "jobs": args.jobs,
        "sequential_s": round(t_seq, 1),
        "parallel_s": round(t_par, 1),
        "throughput_ratio": round(t_seq / t_par, 2),
        "sequential_per_submission_s": round(t_seq / n, 2),
        "smedx_worker_per_submission_s": round(worker, 2),
        "unsandboxed_parallel_s": round(t_open, 1),
        "unsandboxed_worker_per_submission_s": round(worker_open, 2),
        "sandbox_overhead_ratio": round(worker / worker_open, 2),
        "sequential_cpu_s": round(cpu_seq, 1),
        "parallel_cpu_s": round(cpu_par, 1),
        "unsandboxed_parallel_cpu_s": round(cpu_open, 1),
        # what the ratio could reach with N idle cores and no serial part: a bound, not a measure
        "cpu_bound_ratio": round(args.jobs * cpu_seq / cpu_par, 2),
        "papermill_per_run_s": round(t_pm, 2),
        "worker_vs_papermill": round(worker / t_pm, 2),
        "sequential_vs_papermill": round(t_seq / n / t_pm, 2),
        "sandbox_timeline": steps_par,
        "unsandboxed_timeline": steps_open,
        "sandbox_temp_folders": temp,
        "same_scores": same,
        "load_average_1min": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "largest_autograded_notebook_kb": round(max(sizes) / 1024, 1),
    }
    print()
    print(f"{'measure':<44} {'value':>10}  target")
    rows = [
        ("sequential nbgrader autograde (s)", result["sequential_s"], ""),
        (f"smedx grade --jobs {args.jobs}, sandbox (s)", result["parallel_s"], ""),
        ("throughput ratio (sequential / parallel)", result["throughput_ratio"], ">= 1.7"),
        (f"smedx grade --jobs {args.jobs}, no sandbox (s)", result["unsandboxed_parallel_s"], ""),
        ("per submission, sandbox / no sandbox", result["sandbox_overhead_ratio"], ""),
        ("CPU seconds: sequential nbgrader", result["sequential_cpu_s"], ""),
        ("CPU seconds: smedx grade, sandbox", result["parallel_cpu_s"], ""),
        ("CPU seconds: smedx grade, no sandbox", result["unsandboxed_parallel_cpu_s"], ""),
        ("  bound: jobs x nbgrader CPU / sandbox CPU", result["cpu_bound_ratio"], ""),
        ("papermill run of the same notebook (s)", result["papermill_per_run_s"], ""),
        ("smedx grade per submission (worker, s)", result["smedx_worker_per_submission_s"], ""),
        ("  ratio to papermill", result["worker_vs_papermill"], "<= 1.3"),
        ("nbgrader per submission (total / n, s)", result["sequential_per_submission_s"], ""),
        ("  ratio to papermill", result["sequential_vs_papermill"], ""),
        ("same scores in both gradebooks", same, "True"),
        ("largest autograded notebook (kB)", result["largest_autograded_notebook_kb"], "< 1024"),
    ]
    for name, value, target in rows:
        print(f"{name:<44} {value!s:>10}  {target}")
    print("\nwhere the wall time of smedx grade goes (s; idle: a worker with no submission)")
    print(f"{'':<44} {'sandbox':>10} {'no sandbox':>11}")
    for key in steps_par:
        print(f"{key:<44} {steps_par[key]!s:>10} {steps_open[key]!s:>11}")
    print(f"{'sandbox temporary folders':<44} {temp:>10}")
    start_load, end_load = result["load_average_1min"]
    print(f"{'load average (1 min), start / end':<44} {f'{start_load} / {end_load}':>10}")
    met = result["throughput_ratio"] >= 1.7
    print(
        f"\nsandboxed smedx grade --jobs {args.jobs} vs sequential nbgrader autograde: "
        f"{t_seq:.1f} s / {t_par:.1f} s = {t_seq / t_par:.2f}x, target >= 1.7x: "
        + ("MET" if met else "NOT MET")
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    ok = same and met and result["worker_vs_papermill"] <= 1.3
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
