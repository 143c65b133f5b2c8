"""Execution time of each teaching module vs an empty notebook, both run by papermill in the same
session (so kernel start-up and papermill's own overhead cancel out in the ratio).

    .venv/bin/python bench/module_runtime.py [--repeat 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path, workdir: Path) -> float:
    start = time.perf_counter()
    pm.execute_notebook(
        str(path),
        str(workdir / "out.ipynb"),
        cwd=str(workdir),
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="smedx-bench-") as tmp:
        workdir = Path(tmp)
        empty = workdir / "empty.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")]), empty)
        notebooks = [empty, *sorted((ROOT / "modules").glob("[0-9][0-9]_*.ipynb"))]
        times = {
            nb.stem: statistics.median(run(nb, workdir) for _ in range(args.repeat))
            for nb in notebooks
        }
    base = times["empty"]
    print(f"{'notebook':<24}{'seconds':>9}{'vs empty':>10}")
    for name, seconds in times.items():
        print(f"{name:<24}{seconds:>9.1f}{seconds / base:>10.2f}")
    if args.json:
        args.json.write_text(json.dumps({"empty": base, **times}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
