"""Batch of company reports: --jobs 2 against --jobs 1, in the same run.

50 fictional companies (answers, profile with revenue and spending, goals: every section of the
company report, the action plan included) are written as one JSON file each; then the whole folder
is rendered as `smedx report company FOLDER --jobs N` does it, first with one worker, then with
two. Each report is its own papermill run (a fresh kernel) plus the nbconvert export.
Target (issue 7): the speed-up of --jobs 2 over --jobs 1 at least 1.7x. The machine needs two
free cores for that; the table prints the load average so a busy machine shows.

    .venv/bin/python bench/report_batch.py [--companies 50] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from smedx.cli import report as cli
from smedx.reports import render, synthetic

TARGET = 1.7


def write_companies(folder: Path, count: int) -> None:
    for record in synthetic.members(count, seed=50, stage_only_share=0.0):
        record["goals"] = record.get("goals") or ["cost_reduction"]
        for key in ("challenges", "help_wanted"):
            record.pop(key, None)
        path = folder / f"{record['id']}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def run(folder: Path, out: Path, workers: int) -> tuple[float, int]:
    start = time.perf_counter()
    jobs, problems = cli.company_jobs([str(folder)], "zh")
    if problems:
        raise SystemExit(f"bad bench input: {problems[0].text('en')}")
    outcomes = render.render_all(jobs, out, "zh", workers=workers, progress=True)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise SystemExit(f"render failed: {failed[0].error_en}")
    return time.perf_counter() - start, len(outcomes)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--companies", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "companies"
        folder.mkdir()
        write_companies(folder, args.companies)
        warm = work / "warm"
        warm.mkdir()
        write_companies(warm, 1)
        run(warm, work / "warm_out", 1)  # first kernel start warms disk caches
        load_before = os.getloadavg()[0]
        one, count = run(folder, work / "jobs1", 1)
        two, _ = run(folder, work / "jobs2", 2)
        load_after = os.getloadavg()[0]

    speedup = one / two
    rows = [
        {"jobs": 1, "seconds": one, "per_report_s": one / count, "speedup": 1.0},
        {"jobs": 2, "seconds": two, "per_report_s": two / count, "speedup": speedup},
    ]
    print(f"{count} company reports{'':<8}{'seconds':>9}{'s/report':>10}{'speed-up':>10}  "
          f"target >= {TARGET:g}x")  # fmt: skip
    for r in rows:
        verdict = "" if r["jobs"] == 1 else ("ok" if speedup >= TARGET else "MISSED")
        print(
            f"--jobs {r['jobs']} {'(baseline)' if r['jobs'] == 1 else '':<17}"
            f"{r['seconds']:>9.1f}{r['per_report_s']:>10.2f}{r['speedup']:>10.2f}  {verdict}"
        )
    print(
        f"(cores: {os.cpu_count()}; load average before/after: {load_before:.1f}/{load_after:.1f})"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
