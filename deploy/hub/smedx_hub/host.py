"""Preparing the course server, as root: groups, folders, the trainers' course, accounts.

Every step is idempotent: `smedx hub init` can run again after an update and changes nothing
that exists (a course directory with a gradebook and submissions is never overwritten).

Folders and who may read them:

| folder                         | owner:group            | mode | why                              |
|--------------------------------|------------------------|------|----------------------------------|
| state (/srv/smedx/hub)         | root:root              | 0700 | hub database and cookie secret    |
| course (/srv/smedx/course)     | root:smedx-trainers    | 2770 | solutions, gradebook, submissions |
| exchange (/srv/nbgrader/exchange) | root:root           | 1777 | nbgrader: everyone may create, nobody may remove others' |
| exchange/smedx                 | root:smedx-trainers    | 2775 | trainers release and collect here |
| each home                      | the user               | 0700 | learners cannot read each other's answers |
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import subprocess
from pathlib import Path

from .settings import COURSE_ID, Settings

# What a trainers' course directory needs from the kit (nbgrader's course root).
COURSE_ITEMS = ("nbgrader_config.py", "solutions", "exercises")


def ensure_group(name: str) -> bool:
    """Create a Unix group if missing; True if created."""
    try:
        grp.getgrnam(name)
        return False
    except KeyError:
        subprocess.run(["groupadd", name], check=True)
        return True


def _gid(group: str) -> int:
    return grp.getgrnam(group).gr_gid


def _make_dir(path: Path, mode: int, gid: int = 0) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, 0, gid)
    os.chmod(path, mode)


def copy_course(kit_root: Path, course_dir: Path, gid: int) -> list[Path]:
    """Copy the kit's nbgrader course into course_dir where missing; group gid, no access for
    others. Returns the files copied."""
    copied = []
    _make_dir(course_dir, 0o2770, gid)
    for item in COURSE_ITEMS:
        source = kit_root / item
        if not source.exists():
            continue
        paths = [source] if source.is_file() else [source, *sorted(source.rglob("*"))]
        for path in paths:
            relative = path.relative_to(kit_root)
            if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
                continue
            if relative.name.startswith("answers_") and relative.suffix == ".json":
                continue  # an instructor's trial answers stay where they were made
            target = course_dir / relative
            if path.is_dir():
                if not target.exists():
                    _make_dir(target, 0o2770, gid)
                continue
            for parent in reversed(target.relative_to(course_dir).parents[:-1]):
                if not (course_dir / parent).exists():
                    _make_dir(course_dir / parent, 0o2770, gid)
            if not target.exists():
                shutil.copyfile(path, target)
                os.chown(target, 0, gid)
                os.chmod(target, 0o660)
                copied.append(target)
    return copied


def protect(folder: Path, gid: int) -> None:
    """Make a folder of the installed kit (e.g. solutions/) readable by one group only."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 0, gid, follow_symlinks=False)
        if not path.is_symlink():
            os.chmod(path, 0o750 if path.is_dir() else 0o640)


def init(settings: Settings, protect_solutions: bool = False) -> list[str]:
    """Prepare the machine; return a list of what was done, for the administrator."""
    done = []
    for group in (settings.trainers_group, settings.learners_group):
        if ensure_group(group):
            done.append(f"group {group}")
    trainers = _gid(settings.trainers_group)
    _make_dir(settings.state_dir, 0o700)
    done.append(f"state {settings.state_dir}")
    copied = copy_course(settings.kit_root, settings.course_dir, trainers)
    done.append(f"course {settings.course_dir} ({len(copied)} new files)")
    if not settings.exchange.exists():
        _make_dir(settings.exchange, 0o1777)
    else:
        os.chmod(settings.exchange, 0o1777)
    course_exchange = settings.exchange / COURSE_ID
    if not course_exchange.exists():
        _make_dir(course_exchange, 0o2775, trainers)
    done.append(f"exchange {course_exchange}")
    if protect_solutions:
        protect(settings.kit_root / "solutions", trainers)
        done.append(f"solutions {settings.kit_root / 'solutions'} readable by trainers only")
    return done


def add_user(name: str, group: str, password: str | None = None) -> str:
    """Create a local account in a course group with a private home; return its password."""
    try:
        pwd.getpwnam(name)
        subprocess.run(["usermod", "-aG", group, name], check=True)
    except KeyError:
        subprocess.run(["useradd", "-m", "-s", "/bin/bash", "-G", group, name], check=True)
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
    password = password or secrets.token_urlsafe(9)
    subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
    return password


def remove_user(name: str) -> bool:
    """Remove a local account and its home; True if it existed."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    subprocess.run(["userdel", "-r", name], check=False, capture_output=True)
    return True


def remove_group(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    subprocess.run(["groupdel", name], check=False, capture_output=True)
    return True
