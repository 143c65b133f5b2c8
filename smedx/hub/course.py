"""The course material in a learner's home: copy what is missing, never overwrite.

The hub runs this file *as the user* (never as root) before each server starts, so a learner's
own files and links in their home cannot redirect a privileged copy anywhere else:

    python course.py sync SOURCE DEST [ITEM ...]  # modules/ and widgets/ -> DEST/modules, ...
    python course.py link TARGET LINK             # LINK -> TARGET (a trainer's course folder)

On the one-server hub SOURCE is the learners' release-only copy (/srv/smedx/release, built by
`smedx hub init`): the kit checkout itself is readable by trainers only. ITEMs are files or
folders of SOURCE (default: modules widgets); on a cluster a trainer's course folder is filled
the same way from the trainer image (nbgrader_config.py solutions exercises trainer).

A module the learner already has (edited, answered) stays as it is; a module added to the kit
since the last login appears. To push changed versions of existing files, trainers use
nbgitpuller links instead (docs/deployment.md), which merge rather than overwrite.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

LEARNER_FOLDERS = ("modules", "widgets")
SKIPPED_PARTS = {".ipynb_checkpoints", "__pycache__"}


def skipped(relative: Path) -> bool:
    if any(part in SKIPPED_PARTS or part.startswith(".") for part in relative.parts):
        return True
    # Answers that a trial run left beside a notebook belong to whoever made them.
    return relative.name.startswith("answers_") and relative.suffix == ".json"


def _copy_missing(path: Path, target: Path, copied: list[Path]) -> None:
    if path.is_dir():
        target.mkdir(parents=True, exist_ok=True)
    elif not target.exists() and not target.is_symlink():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied.append(target)


def sync(source_root: Path, dest: Path, items: tuple[str, ...] = LEARNER_FOLDERS) -> list[Path]:
    """Copy every file of source_root/<item> missing under dest/<item>; return what was copied."""
    copied: list[Path] = []
    dest.mkdir(parents=True, exist_ok=True)
    for item in items:
        source = source_root / item
        if source.is_file():
            _copy_missing(source, dest / item, copied)
            continue
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source_root)
            if skipped(relative.relative_to(item)) or path.is_symlink():
                continue
            _copy_missing(path, dest / relative, copied)
    return copied


def link(target: Path, link_path: Path) -> bool:
    """Make link_path a symlink to target unless something is already there; True if made."""
    if link_path.exists() or link_path.is_symlink():
        return False
    link_path.symlink_to(target, target_is_directory=True)
    return True


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "sync":
        copied = sync(Path(argv[1]), Path(argv[2]), tuple(argv[3:]) or LEARNER_FOLDERS)
        print(f"copied {len(copied)} file(s) into {argv[2]}")
        return 0
    if len(argv) == 3 and argv[0] == "link":
        made = link(Path(argv[1]), Path(argv[2]))
        print(f"{'linked' if made else 'kept'} {argv[2]}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
