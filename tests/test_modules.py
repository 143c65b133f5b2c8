"""Every teaching module, in both editions (modules/, modules/en/), runs top to bottom headless,
with no error, no warning, small outputs, and outputs in the edition's language
(tests/edition_language.py)."""

import json

import nbformat
import pytest
from edition_language import output_problems
from nbclient import NotebookClient

from smedx.coursepack import editions

MODULES = editions.notebooks("zh") + editions.notebooks("en")
MAX_OUTPUT_BYTES = 1_000_000  # no embedded plotly.js: JSON figures only


def test_all_seven_modules_exist_in_both_editions():
    for lang in editions.LANGS:
        assert [p.name[:2] for p in editions.notebooks(lang)] == [f"{n:02d}" for n in range(7)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", MODULES, ids=[f"{editions.edition_of(p)}-{p.stem}" for p in MODULES]
)
def test_module_executes_cleanly(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    problems = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                problems.append(f"error: {out['ename']}: {out['evalue']}")
            if out["output_type"] == "stream" and out["name"] == "stderr":
                problems.append(f"stderr: {out['text'][:300]}")
            if "Warning" in json.dumps(out.get("data", {})) + out.get("text", ""):
                problems.append(f"warning in output: {str(out)[:300]}")
    problems += output_problems(nb, editions.edition_of(path))
    assert not problems, problems
    size = len(nbformat.writes(nb).encode())
    assert size < MAX_OUTPUT_BYTES, f"{path.name} executed is {size} bytes"
    charts = sum(
        "application/vnd.plotly.v1+json" in json.dumps(o.get("data", {}))
        or "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert charts >= 3, f"{path.name}: only {charts} chart/widget outputs"
