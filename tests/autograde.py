"""Grade synthetic submissions with the real ``nbgrader autograde`` command in a course copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from smedx.grading import cohort, release

ROOT = Path(__file__).resolve().parents[1]
NBGRADER = Path(sys.executable).with_name("nbgrader")


class ReleasedCourses:
    """Course folders with modules released into their gradebook, each module set built once (a
    release costs tens of seconds); every caller gets a private copy it may change."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.built: dict[tuple[str, ...], Path] = {}

    def __call__(self, dest: Path, modules: Iterable[str] = ("m01",)) -> Path:
        key = tuple(modules)
        if key not in self.built:
            folder = cohort.course_copy(ROOT, self.workdir / "-".join(key))
            release.generate(folder, list(key), gradebook=True)
            self.built[key] = folder
        # the config finds the course from its own path and the gradebook is relative: a copy is
        # the same course
        shutil.copytree(self.built[key], dest, symlinks=True, dirs_exist_ok=True)
        return dest


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
