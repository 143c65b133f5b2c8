"""The kit's wheel, built once per test process from the working tree (pyproject.toml).

test_wheel.py installs it outside the checkout; test_keys_unreachable.py scans it for keys.
"""

from __future__ import annotations

import atexit
import fcntl
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@cache
def built_wheel() -> Path:
    """``pip wheel --no-deps .`` with build isolation (pyproject's setuptools, not ours)."""
    out = Path(tempfile.mkdtemp(prefix="smedx-wheel-"))
    atexit.register(shutil.rmtree, out, True)
    (ROOT / "build").mkdir(exist_ok=True)
    # setuptools builds inside the checkout (build/): one build at a time (parallel test workers)
    with open(ROOT / "build" / ".wheel.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # setuptools never empties build/lib: a module moved or deleted since the last build
        # would still be packed
        shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", ".", "-w", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=600,
        )
    (wheel,) = out.glob("smedx-*.whl")
    return wheel
