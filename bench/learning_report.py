"""Learning report: 2,000 synthetic learners (4,000 answers files) against the same report for 20.

End to end as `smedx report learning` does it: the answers files are read from a folder and
checked, scored with the trainer's key, the bootstrap runs and the HTML is written. The baseline
is the 20-learner report in the same run; the runs alternate (small, large, ...) and the medians
are compared. The synthetic learners come from reports/examples/learning_generate.py (seeded).

    .venv/bin/python bench/learning_report.py [--learners 2000] [--rounds 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import runpy
import statistics
import sys
import tempfile
import time
from pathlib import Path

from smedx.quiz import save
from smedx.reports import learning, learning_view

ROOT = Path(__file__).resolve().parents[1]


def write_results(n: int, folder: Path) -> None:
    generate = runpy.run_path(str(ROOT / "reports" / "examples" / "learning_generate.py"))
    for result in generate["results"](n, seed=n):
        save(result, folder / result.learner)


def report_once(folder: Path, out: Path) -> float:
    start = time.perf_counter()
    results, problems = learning.read([folder])
    if problems:
        raise SystemExit(f"bad input: {problems[0].text('en')}")
    report = learning.build(results, learning.trainer_key(ROOT))
    learning_view.write(report, out, "zh")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    sizes = (args.baseline, args.learners)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            write_results(n, work / f"in{n}")
        report_once(work / f"in{args.baseline}", work / "warm")  # imports, plotly.js, key
        times: dict[int, list[float]] = {n: [] for n in sizes}
        for i in range(args.rounds):
            for n in sizes:
                times[n].append(report_once(work / f"in{n}", work / f"out{n}-{i}"))
    base = statistics.median(times[args.baseline])
    rows = [
        {
            "learners": n,
            "median_s": statistics.median(times[n]),
            "runs_s": times[n],
            "ratio": statistics.median(times[n]) / base,
        }
        for n in sizes
    ]
    print(f"{'learning report':<28}{'median s':>10}{'ratio':>8}")
    for r in rows:
        label = f"{r['learners']:,} learners" + (
            " (baseline)" if r["learners"] == args.baseline else ""
        )
        print(f"{label:<28}{r['median_s']:>10.2f}{r['ratio']:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
