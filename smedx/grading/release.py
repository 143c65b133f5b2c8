"""Run nbgrader in-process with the course's configuration: the release (solutions -> exercises).

nbgrader's command-line apps read ``nbgrader_config.py`` from Jupyter's config folders and from
the current folder; :func:`load_config` reads the same files, lowest priority first, so
``smedx`` commands behave like ``nbgrader`` started in the course folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from smedx.errors import KitError

CONFIG_FILE = "nbgrader_config.py"


def tools_on_path() -> None:
    """nbgrader's Gradebook runs the ``alembic`` command when it creates a database: make the
    environment's scripts findable even when it was not activated (``.venv/bin/smedx ...``)."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def load_config(root: Path | str):
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    if not (root / CONFIG_FILE).exists():
        raise KitError(
            f"{root} 不是课程文件夹（没有 {CONFIG_FILE}）",
            f"{root} is not a course folder (no {CONFIG_FILE})",
        )
    config = Config()
    folders = [Path(p) for p in reversed(jupyter_config_path())] + [root]
    for folder in folders:
        if (folder / CONFIG_FILE).exists():
            config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(folder)).load_config())
    return config


def generate(
    root: Path | str,
    modules: list[str],
    *,
    release_dir: Path | str | None = None,
    gradebook: bool = False,
) -> None:
    """``nbgrader generate_assignment --force`` for each module, into ``release_dir`` if given.

    Without ``gradebook`` nothing is written to the gradebook (``--no-db``): the committed
    ``exercises/`` does not depend on anyone's grades.
    """
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    config = load_config(root)
    if release_dir is not None:
        config.CourseDirectory.release_directory = str(Path(release_dir).resolve())
    config.GenerateAssignment.no_database = not gradebook
    config.SaveCells.enabled = gradebook  # what `nbgrader generate_assignment --no-db` sets
    tools_on_path()
    coursedir = CourseDirectory(config=config)
    for module in modules:
        coursedir.assignment_id = module
        converter = GenerateAssignment(coursedir=coursedir, config=config)
        converter.force = True
        result = capture_log(converter)
        if not result["success"]:
            raise KitError(
                f"生成作业 {module} 失败：\n{result.get('log', '')}{result.get('error', '')}",
                f"generating {module} failed:\n{result.get('log', '')}{result.get('error', '')}",
            )
