"""kit.py: a second run with nothing changed installs nothing; a changed input reinstalls."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def kit():
    spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_setup_is_a_no_op_when_nothing_changed(kit, monkeypatch):
    current_env = Path(sys.prefix).resolve() != kit.VENV.resolve()  # conda: --current-env

    def no_install(*cmd, **kw):
        raise AssertionError(f"setup tried to run {cmd}")

    monkeypatch.setattr(kit, "run", no_install)
    assert kit.setup(current_env=current_env) == kit.env_python(current_env)


def test_changed_lock_changes_the_stamp(kit, monkeypatch, tmp_path):
    before = kit.inputs_hash()
    lock = tmp_path / "requirements.lock"
    lock.write_text(kit.LOCK.read_text() + "\n# changed\n")
    monkeypatch.setattr(kit, "LOCK", lock)
    assert kit.inputs_hash() != before


@pytest.mark.parametrize(
    ("version", "supported"),
    [
        ((3, 10, 13), False),
        ((3, 11, 1), False),
        ((3, 11, 2), True),  # Debian 12's python3
        ((3, 12, 1), True),
        ((3, 13, 0), True),
        ((3, 14, 0), False),
    ],
)
def test_supported_pythons(kit, version, supported):
    problem = kit.unsupported(version)
    assert (problem is None) == supported
    if problem:
        shown = ".".join(map(str, version))
        assert f"当前为 {shown}" in problem and f"this is {shown}" in problem


def old_python() -> str:
    """A real interpreter older than the kit supports (pyenv keeps several on this image)."""
    for candidate in sorted(Path("/root/.pyenv/versions").glob("3.1[0]*/bin/python3")):
        return str(candidate)
    pytest.fail("no Python 3.10 found to try kit.py with (CI's image has pyenv's)", False)


def test_an_unsupported_python_is_refused_before_anything_is_installed(tmp_path):
    venv = tmp_path / "env"
    run = subprocess.run(
        [old_python(), str(ROOT / "kit.py"), "--venv", str(venv), "setup"],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0
    assert "需要 Python 3.11.2 至 3.13" in run.stderr and "3.11.2 to 3.13 is required" in run.stderr
    assert not venv.exists()


def test_kit_runs_the_environments_smedx_without_activation():
    run = subprocess.run(
        [sys.executable, str(ROOT / "kit.py"), "smedx", "data", "show", "2.2.2", "--lang", "en"],
        capture_output=True,
        text=True,
        env={**os.environ, "SMEDX_VENV": str(Path(sys.prefix))},
    )
    assert run.returncode == 0, run.stderr
    assert "Single-point trial stage" in run.stdout


def test_setup_says_how_to_reach_smedx(kit, capsys):
    kit.say_how_to_run_smedx(current_env=False)
    out = capsys.readouterr().out
    venv = "" if (kit.ROOT / ".venv").absolute() == kit.VENV else f" --venv {kit.VENV}"
    assert f"python3 kit.py{venv} smedx --help" in out
    assert f"source {kit.VENV / 'bin' / 'activate'}" in out


def test_lab_overrides_replace_the_old_file_whole(kit, tmp_path):
    """The Chinese default lands in the environment's JupyterLab settings whole: written beside
    it and renamed over the old file (a new inode; a reader never sees a half-written file), no
    temporary file left."""
    python = tmp_path / "python"  # answers `python -c "...print(sys.prefix)"` with tmp_path
    python.write_text(f"#!/bin/sh\necho {tmp_path / 'env'}\n")
    python.chmod(0o755)
    settings = tmp_path / "env" / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True)
    (settings / "overrides.json").write_text('{"old": {"setting": 1}, "more": "text"}' * 100)
    old = (settings / "overrides.json").stat().st_ino
    kit.install_lab_overrides(python)
    assert (settings / "overrides.json").stat().st_ino != old
    assert [p.name for p in settings.iterdir()] == ["overrides.json"]
    assert (settings / "overrides.json").read_bytes() == kit.LAB_OVERRIDES.read_bytes()
    assert '"locale": "zh_CN"' in kit.LAB_OVERRIDES.read_text()
    # learners' servers run as other accounts and must read it
    assert (settings / "overrides.json").stat().st_mode & 0o777 == 0o644


def test_start_opens_the_first_module_in_the_learners_language(kit, tmp_path):
    """Chinese by default; English when SMEDX_LANG or the learner's JupyterLab setting says so
    (the language the kernels will follow, asked of smedx.i18n in the server's environment)."""
    python = Path(sys.executable)
    base = {k: v for k, v in os.environ.items() if k != "SMEDX_LANG"}
    base["JUPYTERLAB_SETTINGS_DIR"] = str(tmp_path / "user-settings")  # no choice of the learner's
    env = kit.learner_environment(base)
    assert kit.start_language(python, env) == "zh"
    assert kit.start_language(python, {**env, "SMEDX_LANG": "en"}) == "en"
    setting = tmp_path / "user-settings" / "@jupyterlab" / "translation-extension"
    setting.mkdir(parents=True)
    (setting / "plugin.jupyterlab-settings").write_text(
        '{\n  // chosen in Settings\n  "locale": "en"\n}'
    )
    assert kit.start_language(python, env) == "en"

    assert kit.start_page("zh") == "modules/00_入门.ipynb"
    assert kit.start_page("en") == "modules/en/00_getting_started.ipynb"
