"""Trainer or learner: decided by the Unix groups of the real local account.

An administrator makes someone a trainer with `usermod -aG smedx-trainers NAME` (or
`smedx hub adduser NAME --trainer`). At each login the hub copies that into its own groups, named
as nbgrader expects on a JupyterHub: ``formgrade-smedx`` for instructors, ``nbgrader-smedx`` for
students. The spawner then reads the hub groups, so what a server gets follows the account.
"""

from __future__ import annotations

import grp
import os
import pwd

from .settings import INSTRUCTOR_GROUP, STUDENT_GROUP, Settings

TRAINER = "trainer"
LEARNER = "learner"


def unix_groups(username: str) -> set[str]:
    """Names of every group of a local account (primary and supplementary)."""
    account = pwd.getpwnam(username)
    names = set()
    for gid in os.getgrouplist(username, account.pw_gid):
        try:
            names.add(grp.getgrgid(gid).gr_name)
        except KeyError:  # a gid without a name: not one of ours
            continue
    return names


def role_of_account(username: str, settings: Settings) -> str | None:
    """TRAINER, LEARNER, or None for an account in neither course group."""
    try:
        groups = unix_groups(username)
    except KeyError:
        return None
    if settings.trainers_group in groups:
        return TRAINER
    if settings.learners_group in groups:
        return LEARNER
    return None


def hub_groups(role: str | None) -> list[str]:
    """The hub groups of a role (nbgrader's naming)."""
    if role == TRAINER:
        return [INSTRUCTOR_GROUP]
    if role == LEARNER:
        return [STUDENT_GROUP]
    return []


def role_of_hub_user(user) -> str:
    """The role of a hub user (jupyterhub.user.User) from its hub groups; learner by default."""
    names = {group.name for group in user.groups}
    return TRAINER if INSTRUCTOR_GROUP in names else LEARNER
