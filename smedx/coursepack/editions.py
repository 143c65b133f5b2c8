"""The course's two editions: the Chinese modules in ``modules/`` and the English ones in
``modules/en/``.

Both editions hold the same cells in the same order with the same metadata; their code cells are
identical except the hidden cell right after ``from smedx.course import *``, which sets the
notebook's language (``language("zh")`` or ``language("en")``). tests/test_editions.py keeps them
in sync.
"""

from __future__ import annotations

from pathlib import Path

from smedx.course_folder import course_folder

LANGS = ("zh", "en")
COURSE_IMPORT = "from smedx.course import *"


def folder(lang: str = "zh", root: Path | None = None) -> Path:
    base = course_folder(root) / "modules"
    return base / "en" if lang == "en" else base


def notebooks(lang: str = "zh", root: Path | None = None) -> list[Path]:
    """The edition's module notebooks, in module order."""
    return sorted(folder(lang, root).glob("[0-9][0-9]_*.ipynb"))


def notebook(number: str, lang: str = "zh", root: Path | None = None) -> Path | None:
    """Module ``number`` ("02") of an edition, or None when that edition lacks it."""
    found = sorted(folder(lang, root).glob(f"{number}_*.ipynb"))
    return found[0] if found else None


def edition_of(path: Path) -> str:
    """The language of a module notebook, from the folder it sits in."""
    return "en" if Path(path).parent.name == "en" else "zh"


def language_cell(lang: str) -> str:
    """The source of the cell that sets an edition's language."""
    return f'language("{lang}")'
