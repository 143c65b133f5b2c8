"""Preparing the course server, as root: groups, folders, the trainers' course, accounts.

Every step is idempotent: `smedx hub init` can run again after an update and changes nothing
that exists (a course directory with a gradebook and submissions is never overwritten); it
locks again whatever an update or a hand opened, and rebuilds the learners' release copy.

Folders and who may read them (secure by default: there is no flag to leave keys open):

| folder                         | owner:group            | mode | why                              |
|--------------------------------|------------------------|------|----------------------------------|
| kit (/opt/smedx)               | root:smedx-trainers    | 0755 | learners see the names inside     |
|   .venv smedx datasets reports deploy | as checked out  | o+rX | what learners' servers run        |
|   everything else (.git, solutions, trainer, ...) | root:smedx-trainers | o-rwx | trainers only |
| state (/srv/smedx/hub)         | root:root              | 0700 | hub database and cookie secret    |
| course (/srv/smedx/course)     | root:smedx-trainers    | 2770 | solutions, trainer/, gradebook, submissions |
| release (/srv/smedx/release)   | root:root              | 0755 | learners' copy: modules, widgets, exercises, datasets, methodology |
| exchange (/srv/nbgrader/exchange) | root:root           | 1777 | nbgrader: everyone may create, nobody may remove others' |
| exchange/smedx                 | root:smedx-trainers    | 2775 | trainers release and collect here |
| each home of a course account  | the user               | 0700 | learners cannot read each other's answers |

It also makes the unprivileged account `smedx grade` runs submissions as (smedx-grader,
smedx.grading.sandbox), so grading works out of the box.
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from smedx.i18n import _

from . import course as course_files
from .settings import COURSE_ID, Settings

# What a trainers' course directory needs from the kit (nbgrader's course root, the keys).
COURSE_ITEMS = ("nbgrader_config.py", "solutions", "exercises", "trainer")
# What the learners' servers read from the kit checkout itself: the environment, the package,
# its data and report templates, the hub's learner configuration. Nothing here holds a key.
LEARNER_RUNTIME = (".venv", "smedx", "datasets", "reports", "deploy")
# The learners' release-only copy of the course (their homes are filled from it).
RELEASE_ITEMS = (
    "modules",
    "widgets",
    "exercises",
    "datasets",
    "docs/methodology.md",
    "docs/methodology",
)


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


def lock_kit(kit_root: Path, gid: int) -> list[Path]:
    """Make the kit checkout trainers-only except what the learners' servers run.

    The checkout itself stays listable (0755): Python finds a package on sys.path by listing its
    folder, and the names of the entries are no secret.
    Every other top-level entry (.git, solutions/, trainer/, a gradebook, ...) gets group gid and
    loses every right of others; trainers keep the owner's read and execute rights. Returns the
    entries locked."""
    os.chown(kit_root, -1, gid)
    os.chmod(kit_root, 0o755)
    locked = []
    for entry in sorted(kit_root.iterdir()):
        if entry.is_symlink():
            continue  # a link's own mode means nothing; its target is locked or not by name
        mode = entry.stat().st_mode & 0o7777
        if entry.name in LEARNER_RUNTIME:
            os.chmod(entry, mode | (0o005 if entry.is_dir() else 0o004))
            continue
        owner = mode & 0o700
        os.chown(entry, -1, gid)
        os.chmod(entry, (mode & 0o7000) | owner | ((owner >> 3) & 0o050))
        locked.append(entry)
    return locked


def _copy_public(source: Path, target: Path) -> int:
    """Copy a file or folder of the kit for everyone to read; skip trial answers, caches and
    hidden files (course.skipped). Returns the number of files copied."""
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        os.chmod(target, 0o644)
        return 1
    count = 0
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if course_files.skipped(relative) or path.is_symlink():
            continue
        if path.is_dir():
            (target / relative).mkdir(parents=True, exist_ok=True)
        else:
            count += _copy_public(path, target / relative)
    return count


def build_release(kit_root: Path, release_dir: Path) -> int:
    """(Re)build the learners' release-only copy: RELEASE_ITEMS of the kit and nothing else,
    readable by all. Built beside the old copy, then put in its place. Returns the file count."""
    release_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{release_dir.name}-", dir=release_dir.parent))
    try:
        count = 0
        for item in RELEASE_ITEMS:
            if (kit_root / item).exists():
                count += _copy_public(kit_root / item, fresh / item)
        for folder in [fresh, *(p for p in fresh.rglob("*") if p.is_dir())]:
            os.chmod(folder, 0o755)
        old = release_dir.with_name(fresh.name + "-old")
        if release_dir.exists():
            release_dir.rename(old)
        fresh.rename(release_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return count


def close_homes(groups: tuple[str, ...]) -> list[Path]:
    """Mode 0700 for the home of every account in these groups; returns the homes changed."""
    changed = []
    for group in groups:
        for name in grp.getgrnam(group).gr_mem:
            home = Path(pwd.getpwnam(name).pw_dir)
            if home.is_dir() and home.stat().st_mode & 0o077:
                os.chmod(home, 0o700)
                changed.append(home)
    return changed


def init(settings: Settings) -> list[str]:
    """Prepare the machine; return a list of what was done, for the administrator (in the
    current language)."""
    done = []
    for group in (settings.trainers_group, settings.learners_group):
        if ensure_group(group):
            done.append(_("group {name}").format(name=group))
    trainers = _gid(settings.trainers_group)
    _make_dir(settings.state_dir, 0o700)
    done.append(_("state {path}").format(path=settings.state_dir))
    copied = copy_course(settings.kit_root, settings.course_dir, trainers)
    done.append(
        _("course {path} ({count} new files, trainers only)").format(
            path=settings.course_dir, count=len(copied)
        )
    )
    locked = lock_kit(settings.kit_root, trainers)
    done.append(
        _("kit {path} ({count} entries trainers only)").format(
            path=settings.kit_root, count=len(locked)
        )
    )
    files = build_release(settings.kit_root, settings.release_dir)
    done.append(
        _("release {path} ({count} files, for learners)").format(
            path=settings.release_dir, count=files
        )
    )
    if not settings.exchange.exists():
        _make_dir(settings.exchange, 0o1777)
    else:
        os.chmod(settings.exchange, 0o1777)
    course_exchange = settings.exchange / COURSE_ID
    if not course_exchange.exists():
        _make_dir(course_exchange, 0o2775, trainers)
    done.append(_("exchange {path}").format(path=course_exchange))
    closed = close_homes((settings.trainers_group, settings.learners_group))
    done.append(_("homes ({count} made private)").format(count=len(closed)))
    # `smedx grade` runs each submission as this unprivileged account: make it now, so grading
    # works out of the box (more accounts, one per parallel job, are made as they are needed).
    from smedx.grading.sandbox import ensure_grader_account

    done.append(_("grading account {name}").format(name=ensure_grader_account().pw_name))
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
