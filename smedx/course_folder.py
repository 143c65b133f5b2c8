"""The course folder a trainer-side step works on: modules/, docs/trainer/, solutions/, trainer/.

The package may be an installed wheel, which holds no modules and no answer keys, so nothing
trainer-side assumes it sits inside a checkout of the course. Where a caller passes no folder,
:func:`course_folder` takes, in this order: the one chosen for this process (:func:`using_course`,
what a command's ``--course FOLDER`` sets), ``SMEDX_COURSE``, the current folder, the checkout
this package is imported from (an editable install); a clear error when none is a course.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from smedx.errors import KitError

ENV = "SMEDX_COURSE"
MARKERS = ("nbgrader_config.py", "modules")  # what the course repository has at its top
_chosen: Path | None = None


def is_course(folder: Path | str) -> bool:
    return all((Path(folder) / name).exists() for name in MARKERS)


def course_folder(root: Path | str | None = None) -> Path:
    """``root`` when given, else the course this process works on (see the module's text)."""
    if root is not None:
        return Path(root)
    if _chosen is not None:
        return _chosen
    if os.environ.get(ENV, "").strip():
        return checked(os.environ[ENV].strip(), ENV)
    checkout = Path(__file__).resolve().parents[1]
    for candidate in (Path.cwd(), checkout):
        if is_course(candidate):
            return candidate
    raise KitError(
        "找不到课程文件夹：请在课程仓库中运行，或用 --course 文件夹（或环境变量 SMEDX_COURSE）指明",
        "no course folder found: run this in the course repository, or name it with "
        "--course FOLDER (or SMEDX_COURSE)",
        field="course",
    )


def checked(folder: Path | str, where: str = "--course") -> Path:
    """``folder`` if it is a course folder, else a KitError that says what is missing."""
    folder = Path(folder)
    if not is_course(folder):
        raise KitError(
            f"{where} {folder} 不是课程文件夹（应含 nbgrader_config.py 和 modules/）",
            f"{where} {folder} is not a course folder (it needs nbgrader_config.py and modules/)",
            field="course",
        )
    return folder


def inside_a_course(path: Path | str) -> bool:
    """Whether ``path`` lies in a course folder (committed or shared with the course)."""
    return any(is_course(folder) for folder in Path(path).resolve().parents)


@contextlib.contextmanager
def using_course(folder: Path | str | None) -> Iterator[None]:
    """Work on ``folder`` (checked) for a while; None: keep the default."""
    global _chosen
    before = _chosen
    if folder is not None:
        _chosen = checked(folder)
    try:
        yield
    finally:
        _chosen = before
