"""Repository hygiene: notebooks without outputs, ruff lint and format clean."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ["modules", "solutions", "exercises", "widgets", "smedx/reports/templates"]


def notebooks():
    for folder in NOTEBOOK_DIRS:
        for path in (ROOT / folder).rglob("*.ipynb"):
            if ".ipynb_checkpoints" not in path.parts:
                yield path


def test_committed_notebooks_carry_no_outputs():
    dirty = []
    for path in notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(
            c.get("outputs") or c.get("execution_count") for c in cells if c["cell_type"] == "code"
        ):
            dirty.append(str(path.relative_to(ROOT)))
    assert not dirty, f"strip outputs from: {dirty}"


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_lint_is_clean():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
