"""Widget latency: value change -> updated model and figure, p50/p95 over 50 changes.

Each widget is measured against a baseline in the same run: a one-line plotly dropdown (a
Dropdown whose observer swaps the y values of a FigureWidget bar). Target (issue 4): p95 within
1.5x of the baseline's p95 and under 100 ms. Measured inside a real IPython kernel, so the widget
comm messages (FigureWidget diffs) are serialised and sent as in a notebook; the browser side is
measured by the app benchmarks.

    .venv/bin/python bench/widget_latency.py [--changes 50] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import WIDGET_CASES  # noqa: E402  (bench/cases.py: one entry per widget)


def baseline() -> tuple[w.Widget, list[Callable[[], None]]]:
    series = {name: [i * k % 7 + 1 for i in range(6)] for k, name in enumerate("abcde", 1)}
    fig = go.FigureWidget(go.Bar(x=list("uvwxyz"), y=series["a"]))
    dropdown = w.Dropdown(options=list(series))
    dropdown.observe(lambda c: setattr(fig.data[0], "y", series[c["new"]]), "value")
    names = list(series)
    return dropdown, [lambda n=n: setattr(dropdown, "value", n) for n in names[1:] + names[:1]]


def measure(changes: list[Callable[[], None]], count: int) -> dict:
    for change in changes:  # warm up caches and the first figure diff
        change()
    times = []
    for i in range(count):
        start = time.perf_counter()
        changes[i % len(changes)]()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[max(0, int(round(0.95 * len(times))) - 1)],
    }


def run_all(count: int) -> list[dict]:
    """Runs inside the kernel: the baseline, then every registered widget."""
    _widget, base_changes = baseline()
    base = measure(base_changes, count)
    rows = [{"widget": "baseline: dropdown + chart", **base, "ratio_p95": 1.0, "ok": True}]
    for name, factory in WIDGET_CASES.items():
        module, _, attr = factory.rpartition(":")
        _widget, changes = getattr(importlib.import_module(module), attr)()
        result = measure(changes, count)
        ratio = result["p95_ms"] / base["p95_ms"]
        rows.append(
            {
                "widget": name,
                **result,
                "ratio_p95": ratio,
                "ok": ratio <= 1.5 and result["p95_ms"] < 100,
            }
        )
    return rows


def in_kernel(count: int) -> list[dict]:
    import nbformat
    from nbclient import NotebookClient

    here = Path(__file__).resolve().parent
    code = (
        f"import sys, json; sys.path.insert(0, {str(here)!r})\n"
        f"import widget_latency\nprint(json.dumps(widget_latency.run_all({count})))"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, timeout=600, kernel_name="python3").execute()
    return json.loads(nb.cells[0].outputs[-1]["text"])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = in_kernel(args.changes)

    print(f"{'widget':<34}{'p50 ms':>9}{'p95 ms':>9}{'p95/base':>10}  target")
    for r in rows:
        print(
            f"{r['widget']:<34}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['ratio_p95']:>10.2f}"
            f"  {'ok' if r['ok'] else 'MISSED'}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
