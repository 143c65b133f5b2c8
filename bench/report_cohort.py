"""Cohort report: 10,000 synthetic members against the same report for 10 members.

Both are rendered end to end, as `smedx report cohort` does it: the members are read and checked
in the command's process, then papermill runs ``smedx/reports/templates/cohort.ipynb`` in a fresh kernel (which
reads them again) and nbconvert writes the HTML. The baseline is the 10-member report rendered in
the same run; the runs alternate (small, large, small, large ...) and the medians are compared.
Target (issue 7): the 10,000-member report under 2x the 10-member one.

    .venv/bin/python bench/report_cohort.py [--members 10000] [--rounds 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from smedx.cli import report as cli
from smedx.reports import render, synthetic

TARGET = 2.0


def render_once(csv: Path, out: Path) -> float:
    start = time.perf_counter()
    [job], _problems, _cohort = cli.cohort_jobs([str(csv)], "", "zh")
    outcome = render.render(job, out, "zh", "bench")
    if not outcome.ok:
        raise SystemExit(f"render failed: {outcome.error_en}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sizes = (args.baseline, args.members)
        files = {}
        for n in sizes:
            files[n] = work / f"members_{n}.csv"
            synthetic.members_table(n, seed=n).to_csv(files[n], index=False)
        render_once(files[args.baseline], work / "warm")  # first kernel start warms disk caches
        times: dict[int, list[float]] = {n: [] for n in sizes}
        for i in range(args.rounds):
            for n in sizes:
                times[n].append(render_once(files[n], work / f"out{i}"))
        size = (work / "out0" / f"cohort_members_{args.members}.html").stat().st_size

    base = statistics.median(times[args.baseline])
    rows = []
    for n in sizes:
        median = statistics.median(times[n])
        ratio = median / base
        rows.append(
            {
                "members": n,
                "median_s": median,
                "runs_s": times[n],
                "ratio": ratio,
                "ok": ratio < TARGET,
            }
        )
    print(f"{'cohort report':<28}{'median s':>10}{'ratio':>8}  target < {TARGET:g}x")
    for r in rows:
        label = f"{r['members']:,} members" + (
            " (baseline)" if r["members"] == args.baseline else ""
        )
        verdict = "" if r["members"] == args.baseline else ("ok" if r["ok"] else "MISSED")
        print(f"{label:<28}{r['median_s']:>10.2f}{r['ratio']:>8.2f}  {verdict}")
    print(f"(HTML of the {args.members:,}-member report: {size / 1e6:.1f} MB; runs: "
          + "; ".join(f"{r['members']}: " + ", ".join(f"{t:.1f}" for t in r["runs_s"]) for r in rows)
          + ")")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
