"""Grade synthetic submissions with the real ``nbgrader autograde`` command in a course copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from smedx.grading import cohort, release

ROOT = Path(__file__).resolve().parents[1]
NBGRADER = Path(sys.executable).with_name("nbgrader")


def course(tmp: Path, modules: list[str]) -> Path:
    """A course copy with ``modules`` released into its gradebook."""
    folder = cohort.course_copy(ROOT, tmp / "course")
    release.generate(folder, modules, gradebook=True)
    return folder


def autograde(folder: Path, module: str) -> subprocess.CompletedProcess:
    """``nbgrader autograde MODULE`` in the course folder, every collected submission, with the
    kit's explicit opt-in to run them with this process's rights (these tests' own submissions)."""
    env = {
        **os.environ,
        "PATH": f"{NBGRADER.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SMEDX_UNSAFE_AUTOGRADE": "1",
    }
    return subprocess.run(
        [str(NBGRADER), "autograde", module, "--force"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def scores(folder: Path, module: str, student: str) -> dict[str, tuple[float, float]]:
    """``{grade cell: (auto score, max score)}`` from the course gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", "smedx") as gb:
        sub = gb.find_submission(module, student)
        return {
            g.name: (g.auto_score, g.max_score)
            for nb in sub.notebooks
            for g in nb.grades
            if g.cell_type == "code"
        }


def graded_cells(folder: Path, module: str, student: str) -> dict[str, dict]:
    """The autograded notebook's grade cells by grade id."""
    path = folder / "autograded" / student / module / f"{module}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    return {
        c["metadata"]["nbgrader"]["grade_id"]: c
        for c in nb["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("grade")
    }
