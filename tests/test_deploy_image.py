"""deploy/image: the cluster image's Dockerfile, its entrypoint `start`, and Binder's (repo2docker)
hooks.

The scripts run for real here (bash, the kit's Python); the container build itself cannot run on
this machine (no Docker), see docs/deployment.md, so what the learner image would hold is read
from the Dockerfile's COPY lines and the files they name. The Binder test starts a Jupyter
server the way repo2docker does (`start` wrapping the server command) and opens the app gallery
through Voila.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from keyscan import scan, secrets

from smedx.coursepack import editions
from smedx.i18n import LANGS

ROOT = Path(__file__).resolve().parents[1]
START = ROOT / "deploy" / "image" / "start"
POSTBUILD = ROOT / "deploy" / "image" / "postBuild"
DOCKERFILE = ROOT / "deploy" / "image" / "Dockerfile"
# Only trainers may read these (nbgrader's course layout plus trainer/); .git holds them all.
KEYS = {".git", "solutions", "trainer", "gradebook.db", "submitted", "autograded", "feedback"}


def copies_by_stage() -> dict[str, list[str]]:
    """stage name -> the build-context sources of its COPY lines (continuations joined)."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    stages: dict[str, list[str]] = {}
    stage = None
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if words[0] == "FROM":
            stage = words[-1]
            stages[stage] = []
        elif words[0] == "COPY" and not any(w.startswith("--from") for w in words):
            args = [w for w in words[1:] if not w.startswith("--")]
            stages[stage] += [a.rstrip("/") for a in args[:-1]]
    return stages


def test_the_learner_image_copies_no_key():
    stages = copies_by_stage()
    assert set(stages) == {"learner", "trainer"}
    learner = stages["learner"]
    assert "smedx" in learner and "modules" in learner  # the parse found the real COPY lines
    files = []
    for source in learner:
        assert not KEYS & set(Path(source).parts), source
        assert source not in (".", "nbgrader_config.py"), source
        path = ROOT / source
        assert path.exists(), f"the Dockerfile copies {source}, which is not in the repository"
        files += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    # Nothing a source folder holds is key material either (a git repository, a gradebook).
    for path in files:
        parts = path.relative_to(ROOT).parts
        assert ".git" not in parts and not path.name.startswith("gradebook"), path
    # No key text either (graded items' answers, hidden tests, model answers of trainer/).
    assert not scan_all(files, secrets(ROOT))
    # Trainer pods get the keys they grade with, in their own image only.
    assert {"solutions", "trainer", "nbgrader_config.py"} <= set(stages["trainer"])


def scan_all(files: list[Path], found: dict[str, str]) -> list[tuple[str, str]]:
    return [hit for path in files for hit in scan(path, found)]


def test_the_build_context_never_carries_the_history_or_trial_results():
    ignored = (ROOT / "deploy" / "image" / "Dockerfile.dockerignore").read_text().split()
    for pattern in (".git", ".venv", "**/answers_*.json", "gradebook*.db", "submitted"):
        assert pattern in ignored


def run_start(home: Path, *command: str, **env: str) -> dict[str, str]:
    """Run start with a clean environment; return the environment the command saw."""
    base = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(home),
        "SMEDX_PYTHON": sys.executable,
        **env,
    }
    out = subprocess.run(
        [str(START), *(command or ("env", "-0"))],
        env=base,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return dict(item.split("=", 1) for item in out.stdout.split("\0") if "=" in item)


def test_a_learner_pod_gets_the_course_material_and_keeps_their_work(tmp_path):
    seen = run_start(tmp_path, SMEDX_ROLE="learner", SMEDX_KIT=str(ROOT))
    course = tmp_path / "数转课堂"
    modules = {p.relative_to(ROOT) for lang in LANGS for p in editions.notebooks(lang)}
    assert Path("modules/en/00_getting_started.ipynb") in modules
    assert modules <= {p.relative_to(course) for p in (course / "modules").rglob("*.ipynb")}
    assert (course / "widgets" / "assessment.ipynb").exists()
    assert not (tmp_path / "课程管理").exists()  # learners get no course directory
    assert seen["JUPYTER_PATH"].split(":")[0] == str(ROOT / "smedx" / "apps_share")
    assert "JUPYTER_CONFIG_PATH" not in seen  # the hub's role configuration is kept as it is
    # A learner's edited module survives the next start; a deleted one comes back.
    edited = course / "modules" / "00_入门.ipynb"
    edited.write_text("my notes")
    (course / "modules" / "01_转型动因.ipynb").unlink()
    run_start(tmp_path, SMEDX_ROLE="learner", SMEDX_KIT=str(ROOT))
    assert edited.read_text() == "my notes"
    assert (course / "modules" / "01_转型动因.ipynb").exists()


def test_a_trainer_pod_also_gets_the_nbgrader_course(tmp_path):
    run_start(tmp_path, SMEDX_ROLE="trainer", SMEDX_KIT=str(ROOT))
    course = tmp_path / "课程管理"
    assert (course / "nbgrader_config.py").read_bytes() == (
        ROOT / "nbgrader_config.py"
    ).read_bytes()
    assert (course / "solutions" / "m01" / "m01.ipynb").exists()
    assert (course / "exercises" / "m01" / "m01.ipynb").exists()
    assert (course / "trainer").is_dir()  # the keys the trainer grades with
    assert not list(course.rglob("answers_*.json"))  # trial answers stay where they were made


def test_binder_gets_the_apps_voila_settings_and_no_copies(tmp_path):
    seen = run_start(tmp_path)  # no SMEDX_ROLE: Binder; the kit is found from the script's place
    assert seen["JUPYTER_CONFIG_PATH"].split(":")[0] == str(ROOT / "widgets")
    assert (ROOT / "widgets" / "voila.json").exists()
    assert not (tmp_path / "数转课堂").exists()


def test_postbuild_makes_chinese_the_default(tmp_path):
    out = subprocess.run(
        [str(POSTBUILD)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NB_PYTHON_PREFIX": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert settings.read_bytes() == (ROOT / "deploy" / "lab" / "overrides.json").read_bytes()
    assert (ROOT / "solutions").is_dir()  # a checkout keeps its keys: only Binder's copy loses them


def test_postbuild_removes_the_keys_from_binders_copy(tmp_path):
    """repo2docker copies the whole repository to REPO_DIR and runs postBuild there."""
    repo = tmp_path / "repo"
    for folder in (".git/objects", "solutions/m01", "trainer/items", "modules", "deploy/lab"):
        (repo / folder).mkdir(parents=True)
    (repo / "solutions" / "m01" / "m01.ipynb").write_text("solution")
    (repo / "trainer" / "items" / "m01.py").write_text("KEY")
    (repo / "modules" / "00.ipynb").write_text("module")
    (repo / "deploy" / "lab" / "overrides.json").write_text("{}")
    env = {"PATH": "/usr/bin:/bin", "NB_PYTHON_PREFIX": str(tmp_path / "env")}
    elsewhere = subprocess.run(
        [str(POSTBUILD)], cwd=repo, env={**env, "REPO_DIR": str(tmp_path)}, capture_output=True
    )
    assert elsewhere.returncode == 0 and (repo / "solutions").is_dir()  # not repo2docker's copy
    binder = subprocess.run(
        [str(POSTBUILD)], cwd=repo, env={**env, "REPO_DIR": str(repo)}, capture_output=True
    )
    assert binder.returncode == 0, binder.stderr
    assert sorted(p.name for p in repo.iterdir()) == ["deploy", "modules"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_the_binder_link_opens_the_app_gallery(tmp_path):
    """As Binder runs it: `start` wraps the Jupyter server in the repository; the link's
    urlpath (voila/tree/widgets) shows the gallery and its links open the apps."""
    port, token = free_port(), uuid.uuid4().hex
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
    command += [f"--ServerApp.port={port}", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={ROOT}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    env.update(SMEDX_PYTHON=sys.executable, JUPYTER_CONFIG_DIR=str(tmp_path / ".jupyter"))
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(START), *command], env=env, stdout=out, stderr=out)
    url, headers = f"http://127.0.0.1:{port}", {"Authorization": f"token {token}"}
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            try:
                if requests.get(f"{url}/api/status", headers=headers, timeout=5).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.5)
        gallery = requests.get(f"{url}/voila/tree/widgets", headers=headers, timeout=60)
        assert gallery.status_code == 200
        assert "应用目录" in gallery.text  # the kit's gallery template, not Voila's file list
        links = re.findall(r'class="smedx-card" data-app="[^"]+" href="([^"]+)"', gallery.text)
        assert len(links) == len(list((ROOT / "widgets").glob("*.ipynb")))
        first = requests.get(f"{url}{links[0]}", headers=headers, timeout=180)
        assert first.status_code == 200, f"{links[0]}: {first.status_code}"
        assert "application/vnd.jupyter.widget-view+json" in first.text
        # The kit's Voila settings hold: no file outside widgets/ is served through Voila.
        outside = requests.get(f"{url}/voila/files/pyproject.toml", headers=headers, timeout=30)
        assert outside.status_code in (403, 404)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
