"""kit.py: a second run with nothing changed installs nothing; a changed input reinstalls."""

import importlib.util
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
