"""An interpreter other Unix accounts can run, with this environment's packages.

The tests that run things as other accounts (the grading workflow, the hub, the hub's pieces) all
need one. ``.venv`` may be made from a Python in root's private home (pyenv under /root, as on
CI), which other accounts cannot execute; worse, a venv binary whose libpython is unreadable
silently falls back to the system's libpython and standard library, so "it starts" is not
enough: the probe asks for this very ``sys.version``. Where the accounts cannot run this
interpreter, they run the readable copy the grading sandbox makes for its own accounts
(smedx.grading.sandbox, once per machine and venv, kept in /var/cache/smedx): one copy for the
kit and its tests.
"""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
from pathlib import Path

from smedx.grading import sandbox

BIN = Path(sys.executable).parent
VERSION = f"python{sys.version_info.major}.{sys.version_info.minor}"
PACKAGES = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
# Commands the accounts run from PATH, as .venv/bin has them.
TOOLS = {"nbgrader": "nbgrader", "smedx": "smedx.cli", "alembic": "alembic", "jupyter": "jupyter"}


def _others_run(python: Path, *modules: str) -> bool:
    """Whether another account runs ``python`` as this very interpreter (and imports those)."""
    # the version first: a fallback interpreter stops there, before seconds of imports
    code = f"import sys\nif sys.version != {sys.version!r}: sys.exit(1)\n"
    code += "".join(f"import {module}\n" for module in modules)
    probe = subprocess.run(
        ["runuser", "-u", "nobody", "--", str(python), "-c", code], capture_output=True
    )
    return probe.returncode == 0


@functools.cache
def _venv_is_shared() -> bool:
    return _others_run(BIN / "python", "smedx", "nbgrader", "jupyterhub")


@functools.cache
def _base() -> tuple[Path, dict[str, str]]:
    """This interpreter's base, where other accounts can run it, and the variables it needs."""
    own = Path(sys.base_prefix) / "bin" / VERSION
    if _others_run(own):
        return own, {}
    python, env = sandbox._runtime_copy()
    return Path(python), env


def shared_bin(folder: Path, first: Path | None = None) -> Path:
    """A bin folder other accounts can run: ``python`` and TOOLS, with this environment's
    packages (and ``first`` ahead of them on sys.path, as an editable install of it would).

    .venv/bin itself when the accounts can run it and nothing goes first; else a venv in
    ``folder`` (deleted with it) of the shareable base interpreter whose .pth loads .venv's
    site-packages. Its ``python`` sets what the base needs (LD_LIBRARY_PATH for the copy), so a
    clean environment runs it and the kernels it starts inherit that.
    """
    if first is None and _venv_is_shared():
        return BIN
    base, needs = _base()
    venv = folder / "shared-python"
    subprocess.run(
        [base, "-m", "venv", "--without-pip", venv], check=True, env={**os.environ, **needs}
    )
    site = next(venv.glob("lib/python3*/site-packages"))
    ahead = f"{first}\n" if first else ""
    (site / "smedx_env.pth").write_text(f"{ahead}import site; site.addsitedir({str(PACKAGES)!r})\n")
    bin_ = venv / "bin"
    if needs:
        exports = "".join(f"{k}={shlex.quote(v)}; export {k}\n" for k, v in needs.items())
        for name in ("python", "python3"):
            _script(bin_ / name, f'{exports}exec {shlex.quote(str(bin_ / VERSION))} "$@"')
    for tool, module in TOOLS.items():
        _script(bin_ / tool, f'exec {shlex.quote(str(bin_ / "python"))} -m {module} "$@"')
    return bin_


def _script(path: Path, body: str) -> None:
    path.unlink(missing_ok=True)  # venv's python links point at the base interpreter
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
