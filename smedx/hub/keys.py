"""Which answer keys a learner account could read on the course server (`smedx hub check`).

Key material on the server:

- in the kit checkout, the trainers' course and the learners' release copy: ``.git`` (its
  history holds every solution), ``solutions/``, ``trainer/``, nbgrader's gradebook and the
  ``submitted/``, ``autograded/``, ``feedback/`` folders (everyone's answers and scores);
- the hub's state folder (its database and cookie secret);
- every other account's home (a learner's answers live there).

The candidates are listed as root; then a child process becomes a learner (its groups, gid and
uid, for good) and asks the kernel, path by path, whether it may read or enter it. A folder the
learner may only enter counts: whoever knows a file's name inside can open it. The account that
`smedx grade` runs learners' code as (smedx-grader) is asked the same, since a submission's code
runs with its rights.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shlex
from dataclasses import dataclass
from pathlib import Path

from smedx.i18n import N_, _

from .settings import Settings

# Names that are key material at the top of a course folder (nbgrader's layout plus trainer/).
KEY_NAMES = frozenset({".git", "solutions", "trainer", "submitted", "autograded", "feedback"})
# Folders never searched for nested .git: environments and packages, not course material.
NOT_SEARCHED = frozenset({".venv", "node_modules", "__pycache__", ".ipynb_checkpoints"})


@dataclass(frozen=True)
class Key:
    path: Path
    fix: str  # the command that closes it


@dataclass(frozen=True)
class Probe:
    """An identity whose rights every learner (or learner code) has."""

    name: str
    uid: int
    gid: int
    groups: tuple[int, ...]
    who: str = N_("a learner")  # English msgid, said in the current language


def is_key_name(name: str) -> bool:
    return name in KEY_NAMES or (name.startswith("gradebook") and ".db" in name)


def _lock_command(path: Path, trainers: str) -> str:
    # Trainers keep what they had (the shared course is group-writable); others lose everything.
    where = shlex.quote(str(path))
    return f"sudo chgrp {shlex.quote(trainers)} {where} && sudo chmod o-rwx {where}"


def course_keys(root: Path, trainers: str) -> list[Key]:
    """Key paths of one course folder: key names at its top, and any .git below it."""
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in sorted([*dirs, *files]):
            if name == ".git" or (here == root and is_key_name(name)):
                found.append(Key(here / name, _lock_command(here / name, trainers)))
        # Below a key nothing more needs listing; environments are not course material.
        dirs[:] = [
            d
            for d in dirs
            if d not in NOT_SEARCHED and not (d == ".git" or (here == root and is_key_name(d)))
        ]
    return found


def _group(name: str) -> grp.struct_group | None:
    try:
        return grp.getgrnam(name)
    except KeyError:
        return None


def _accounts(settings: Settings) -> list[pwd.struct_passwd]:
    """Every account of a course group (as a supplementary or a primary group)."""
    names: set[str] = set()
    for entry in filter(None, map(_group, (settings.learners_group, settings.trainers_group))):
        names.update(entry.gr_mem)
        names.update(a.pw_name for a in pwd.getpwall() if a.pw_gid == entry.gr_gid)
    return [pwd.getpwnam(name) for name in sorted(names)]


def candidates(settings: Settings, probe: Probe) -> list[Key]:
    """Every key path on this server that a learner must not be able to read."""
    trainers = settings.trainers_group
    keys = []
    for root in (settings.kit_root, settings.course_dir, settings.release_dir):
        keys += course_keys(root, trainers)
    if settings.state_dir.exists():
        state = shlex.quote(str(settings.state_dir))
        keys.append(Key(settings.state_dir, f"sudo chmod 0700 {state}"))
    for account in _accounts(settings):
        home = Path(account.pw_dir)
        if account.pw_uid != probe.uid and home.is_dir():
            keys.append(Key(home, f"sudo chmod 0700 {shlex.quote(str(home))}"))
    return keys


def learner_probe(settings: Settings) -> Probe:
    """A real learner account (not also a trainer) if there is one, else `nobody` in the
    learners' group: what every learner may read, this identity may read."""
    learners, trainers = _group(settings.learners_group), _group(settings.trainers_group)
    trainer_names = set(trainers.gr_mem) if trainers else set()
    for name in sorted(learners.gr_mem if learners else []):
        if name in trainer_names:
            continue
        account = pwd.getpwnam(name)
        groups = tuple(os.getgrouplist(name, account.pw_gid))
        return Probe(name, account.pw_uid, account.pw_gid, groups)
    nobody = pwd.getpwnam("nobody")
    gid = learners.gr_gid if learners else nobody.pw_gid
    return Probe(f"nobody+{settings.learners_group}", nobody.pw_uid, gid, (gid,))


def grader_probe() -> Probe | None:
    """The grading account that runs submissions (smedx.grading.sandbox), if it exists."""
    from smedx.grading.sandbox import GRADER

    try:
        account = pwd.getpwnam(GRADER)
    except KeyError:
        return None
    gid = account.pw_gid
    return Probe(GRADER, account.pw_uid, gid, (gid,), N_("the grading account"))


def _may_read(path: str) -> bool:
    if os.access(path, os.R_OK):
        return True
    return os.path.isdir(path) and os.access(path, os.X_OK)


def readable_by(probe: Probe, paths: list[Path]) -> list[Path]:
    """The paths the probe's identity may read (or enter), asked in a child that has become it.
    Needs root."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: become the learner for good, then ask the kernel
        code = 1
        try:
            os.close(read_end)
            os.setgroups(list(probe.groups))
            os.setgid(probe.gid)
            os.setuid(probe.uid)
            with os.fdopen(write_end, "w") as out:
                json.dump([str(p) for p in paths if _may_read(str(p))], out)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        text = answer.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the probe as {probe.name} failed")
    return [Path(p) for p in json.loads(text)]


def _report_as(settings: Settings, probe: Probe) -> list[tuple[bool, str]]:
    keys = candidates(settings, probe)
    open_paths = set(readable_by(probe, [k.path for k in keys]))
    who, name = _(probe.who), probe.name
    lines = [
        (
            False,
            _("{who} ({name}) can read key material: {path}; fix: {fix}").format(
                who=who, name=name, path=key.path, fix=key.fix
            ),
        )
        for key in keys
        if key.path in open_paths
    ]
    return lines or [
        (
            True,
            _("{who} ({name}) can read no key material ({count} places checked)").format(
                who=who, name=name, count=len(keys)
            ),
        )
    ]


def report(settings: Settings) -> list[tuple[bool, str]]:
    """(ok, line) for `smedx hub check`, in the current language: per identity (a learner, the
    grading account), one line per key it can read, or one ok line."""
    if os.geteuid() != 0:
        return [(False, _("cannot check what learners can read (needs root)"))]
    probes = [learner_probe(settings), grader_probe()]
    return [line for probe in probes if probe for line in _report_as(settings, probe)]
