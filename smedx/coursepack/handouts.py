"""`smedx course handouts`: a printable A4 PDF per module, and a trainer sheet with the answers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
MODULES_DIR = ROOT / "modules"


def module_paths() -> dict[str, Path]:
    """Module number ("00".."06") -> its notebook in modules/."""
    return {p.name[:2]: p for p in sorted(MODULES_DIR.glob("[0-9][0-9]_*.ipynb"))}


@cache
def _titles(nn: str) -> tuple[str, str]:
    path = module_paths().get(nn)
    zh, en = f"模块 {nn}", f"Module {nn}"
    if path is None:
        return zh, en
    first = nbformat.read(path, as_version=4).cells[0].source
    for line in first.splitlines():
        if line.startswith("# 模块"):
            zh = line[2:].strip()
        elif line.startswith("# Module"):
            en = line[2:].strip()
    return zh, en


def module_title(nn: str, lang: str = "zh", *, short: bool = False) -> str:
    """The module's heading in one language, e.g. "模块 01 · 转型动因：…" (short: up to the colon)."""
    title = _titles(nn)[1 if lang == "en" else 0]
    return title.split("：")[0].split(": ")[0] if short else title


def register(actions) -> None:
    pass
