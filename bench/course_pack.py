"""Course pack: the whole 2-day pack (every module) against one module's 2-day pack.

Both are built end to end as `smedx course pack --path 2day` does it (agenda, self-assessment form,
slides with Chromium-drawn pictures, handouts and trainer sheets, folder and zip). The baseline is
one module's pack (module 02 by default) built in the same run; the runs alternate (one, all, one,
all ...) and the medians are compared. Target (issue 18): the pack grows no faster than the number
of modules, i.e. whole / one module <= number of modules; the content ratio (charts drawn) is
printed beside it, since modules differ in size.

    .venv/bin/python bench/course_pack.py [--module 02] [--rounds 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from smedx.coursepack import pack
from smedx.coursepack.outline import module_numbers, normalise_module, outline

PATH = "2day"


def build_once(out: Path, modules: list[str] | None) -> float:
    start = time.perf_counter()
    pack.build_pack(PATH, out, "zh", modules=modules, progress=False)
    return time.perf_counter() - start


def charts(numbers: list[str]) -> int:
    return sum(len(outline(n, "zh", PATH).charts) for n in numbers)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--module", default="02")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    one = normalise_module(args.module)
    everything = module_numbers()

    times: dict[str, list[float]] = {"one": [], "all": []}
    with tempfile.TemporaryDirectory() as tmp:
        build_once(Path(tmp) / "warm", [one])  # first Chromium start warms disk caches
        for i in range(args.rounds):
            times["one"].append(build_once(Path(tmp) / f"one{i}", [one]))
            times["all"].append(build_once(Path(tmp) / f"all{i}", None))

    base, whole = statistics.median(times["one"]), statistics.median(times["all"])
    ratio, limit = whole / base, len(everything)
    content = charts(everything) / max(1, charts([one]))
    row = {
        "module": one,
        "one_module_s": base,
        "all_modules_s": whole,
        "runs_s": times,
        "ratio": ratio,
        "modules": limit,
        "chart_ratio": content,
        "ok": ratio <= limit,
    }
    print(f"{'course pack (2day)':<34}{'median s':>10}{'ratio':>8}  target <= {limit}x (modules)")
    print(f"{'module ' + one + ' only (baseline)':<34}{base:>10.1f}{1:>8.2f}")
    verdict = "ok" if row["ok"] else "MISSED"
    print(f"{'all ' + str(limit) + ' modules':<34}{whole:>10.1f}{ratio:>8.2f}  {verdict}")
    print(f"{'(charts drawn, all / one)':<34}{'':>10}{content:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(row, indent=2), encoding="utf-8")
    return 0 if row["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
