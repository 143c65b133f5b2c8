"""The cluster's nbgrader exchange (deploy/z2jh/smedx_exchange_k8s.py) with real nbgrader.

On the cluster one volume is mounted per role by Kubernetes subPaths (deploy/z2jh/values.yaml):
a learner sees ``smedx/outbound`` (read-only), ``smedx/inbound/<self>`` and
``smedx/feedback/<self>`` as the course's outbound, inbound and feedback folders; a trainer sees
the whole ``smedx`` folder. Here the same views are made with symbolic links, and a whole round
runs through nbgrader's own steps: generate, release, fetch, submit (two learners and one forged
file), the per-learner collect, autograde, generate feedback, the per-learner feedback release,
fetch feedback. What is not tested here is Kubernetes itself (see docs/deployment.md).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.apps.api import NbGraderAPI
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import (
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeSubmit,
)
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy" / "z2jh"))  # in the image it is in site-packages

pytestmark = pytest.mark.slow  # executes the notebook (autograde): about 10 s


def assignment_notebook() -> nbformat.NotebookNode:
    """A one-question nbgrader notebook: a solution cell and its test."""
    nb = nbformat.v4.new_notebook()
    meta = {"schema_version": 3, "locked": False, "points": 0, "solution": True, "grade": False}
    answer = nbformat.v4.new_code_cell(
        "### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION",
        metadata={"nbgrader": {**meta, "grade_id": "answer"}},
    )
    test_meta = {**meta, "locked": True, "points": 1, "solution": False, "grade": True}
    test = nbformat.v4.new_code_cell(
        "assert answer == 42", metadata={"nbgrader": {**test_meta, "grade_id": "test_answer"}}
    )
    nb.cells = [answer, test]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def trainer_api(course: Path, volume: Path) -> NbGraderAPI:
    cfg = Config()
    cfg.CourseDirectory.root = str(course)
    cfg.CourseDirectory.course_id = "smedx"
    cfg.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    cfg.Exchange.root = str(volume)
    cfg.Exchange.cache = str(course / "cache")
    cfg.ExchangeFactory.collect = "smedx_exchange_k8s.PerLearnerCollect"
    cfg.ExchangeFactory.release_feedback = "smedx_exchange_k8s.PerLearnerReleaseFeedback"
    return NbGraderAPI(config=cfg)


def learner_view(base: Path, volume: Path, name: str) -> Path:
    """The exchange root a learner's pod sees (the subPath mounts, as symbolic links)."""
    shared = volume / "smedx"
    view = base / "views" / name / "smedx"
    view.mkdir(parents=True)
    for folder in ("inbound", "feedback"):  # the init container makes these on the cluster
        (shared / folder / name).mkdir(parents=True, exist_ok=True)
        (view / folder).symlink_to(shared / folder / name)
    (view / "outbound").symlink_to(shared / "outbound")
    return view.parent


def learner_step(step, base: Path, view_root: Path, name: str, **extra):
    cfg = Config()
    cfg.CourseDirectory.course_id = "smedx"
    cfg.CourseDirectory.student_id = name  # on the cluster: from JUPYTERHUB_USER (user jovyan)
    cfg.Exchange.root = str(view_root)
    cfg.Exchange.cache = str(base / "cache" / name)
    cfg.Exchange.assignment_dir = str(base / "homes" / name)
    (base / "homes" / name).mkdir(parents=True, exist_ok=True)
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id = "ps1"
    app = step(coursedir=coursedir, authenticator=Authenticator(config=cfg), config=cfg, **extra)
    app.start()
    return base / "homes" / name / "ps1"


def test_a_whole_round_through_per_learner_folders(tmp_path, monkeypatch):
    # nbgrader runs `alembic` from PATH: the one of this environment.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    course, volume = tmp_path / "course", tmp_path / "volume"
    (course / "source" / "ps1").mkdir(parents=True)
    nbformat.write(assignment_notebook(), course / "source" / "ps1" / "ps1.ipynb")
    (volume / "smedx").mkdir(parents=True)
    api = trainer_api(course, volume)
    for step in (api.generate_assignment, api.release_assignment):
        result = step("ps1")
        assert result["success"], result.get("error") or result.get("log")

    views = {name: learner_view(tmp_path, volume, name) for name in ("wang", "zhao")}
    for name, view in views.items():
        home = learner_step(ExchangeFetchAssignment, tmp_path, view, name)
        nb = nbformat.read(home / "ps1.ipynb", as_version=4)
        if name == "wang":
            nb.cells[0].source = "answer = 42"
        nbformat.write(nb, home / "ps1.ipynb")
        learner_step(ExchangeSubmit, tmp_path, view, name)
    # Each learner's inbound holds only their own submission.
    assert [p.name.split("+")[0] for p in (views["wang"] / "smedx" / "inbound").iterdir()] == [
        "wang"
    ]
    # wang forges a later submission in zhao's name inside his own folder (the only one he can
    # write): were it collected, it would replace zhao's own.
    wang_inbound = volume / "smedx" / "inbound" / "wang"
    parts = next(wang_inbound.iterdir()).name.split("+")
    forged = "+".join(["zhao", parts[1], "2099" + parts[2][4:], parts[3]])
    shutil.copytree(wang_inbound / "+".join(parts), wang_inbound / forged)

    result = api.collect("ps1")
    assert result["success"], result.get("error")
    assert "submitted from 'wang'" in result["log"]
    submitted = course / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["wang", "zhao"]
    zhao_nb = nbformat.read(submitted / "zhao" / "ps1" / "ps1.ipynb", as_version=4)
    assert "answer = 42" not in zhao_nb.cells[0].source  # zhao's own, not wang's forgery

    for name in ("wang", "zhao"):
        for step in (api.autograde, api.generate_feedback, api.release_feedback):
            result = step("ps1", name)
            assert result["success"], result.get("error") or result.get("log")
    for name in ("wang", "zhao"):
        released = list((volume / "smedx" / "feedback" / name).glob("*.html"))
        assert len(released) == 1, f"{name}: {released}"
    assert not list((volume / "smedx" / "feedback").glob("*.html"))  # nothing shared

    with Gradebook(api.coursedir.db_url, "smedx") as gb:
        scores = {name: gb.find_submission("ps1", name).score for name in ("wang", "zhao")}
    assert scores == {"wang": 1, "zhao": 0}
    for name, view in views.items():
        home = learner_step(ExchangeFetchFeedback, tmp_path, view, name)
        (feedback,) = (home / "feedback").glob("*/ps1.html")
        assert "test_answer" in feedback.read_text()
