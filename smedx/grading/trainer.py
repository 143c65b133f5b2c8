"""Load the trainer-only folder (``<course root>/trainer``) by path.

Graded items (``trainer/items/mNN.py``: keys, checkers, example answers) and assignment specs
(``trainer/specs/mNN.py``: advanced questions' reference code and checks, model answers) are never
importable from a learner's ``sys.path``: trainer tools (the build, the trusted scorer) import
them from the course folder they work on. Each course root gets its own package name, so two
course folders in one process never mix.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from importlib import import_module
from pathlib import Path
from types import ModuleType

from smedx.errors import KitError
from smedx.exercises import MODULES, Question
from smedx.grading.assignment import AssignmentSpec

FOLDER = "trainer"


def folder(root: Path | str) -> Path:
    return Path(root).resolve() / FOLDER


def package(root: Path | str) -> ModuleType:
    """``<root>/trainer`` imported as a package named after its path."""
    path = folder(root)
    name = "_smedx_trainer_" + hashlib.sha1(str(path).encode()).hexdigest()[:12]
    if name in sys.modules:
        return sys.modules[name]
    init = path / "__init__.py"
    if not init.is_file():
        raise KitError(
            f"{path} 不存在：批改需要培训师专用文件夹 trainer/（答案只保存在那里）",
            f"{path} does not exist: grading needs the trainer-only folder trainer/ "
            "(the keys live only there)",
        )
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(path)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _submodule(root: Path | str, part: str, module: str) -> ModuleType | None:
    if module not in MODULES:
        raise KitError(f"没有模块 {module!r}", f"no module {module!r}")
    base = package(root).__name__
    try:
        return import_module(f"{base}.{part}.{module}")
    except ModuleNotFoundError as err:
        if err.name == f"{base}.{part}.{module}":
            return None
        raise


def items(root: Path | str, module: str) -> list[Question]:
    """The graded items of an assignment, in order (empty when it has none)."""
    found = _submodule(root, "items", module)
    qs = list(found.QUESTIONS) if found else []
    for q in qs:
        if not q.graded or q.module != module:
            raise KitError(
                f"trainer/items/{module}.py 中的 {q.id} 应是本模块的计分题（graded=True）",
                f"{q.id} in trainer/items/{module}.py must be a graded item of this module",
            )
    return qs


def spec(root: Path | str, module: str) -> AssignmentSpec:
    found = _submodule(root, "specs", module)
    if found is None:
        raise KitError(
            f"缺少作业说明 trainer/specs/{module}.py", f"missing trainer/specs/{module}.py"
        )
    return found.SPEC
