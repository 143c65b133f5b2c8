"""The hub's hooks: hub groups at login, and what a server gets before it starts.

- ``post_auth_hook``: copies the account's course role (Unix group) into the hub groups that
  nbgrader uses (``formgrade-smedx`` / ``nbgrader-smedx``), at every login.
- ``pre_spawn_hook``: as the user (never as root), copies missing course material from the
  learners' release copy (never from the trainers-only kit checkout) into the home,
  links a trainer's course folder, and gives the server the Jupyter configuration of its role on
  ``JUPYTER_CONFIG_PATH`` (deploy/hub/jupyter/trainer or .../learner): the formgrader and
  create-assignment only for trainers, the exchange and course id for everyone.
"""

from __future__ import annotations

import asyncio
import os
import pwd
from pathlib import Path

from tornado import web

from . import roles
from .settings import HUB_DIR, Settings

COURSE_LINK = "课程管理"  # a trainer's link to the shared nbgrader course
ASSIGNMENTS = "作业"  # where a learner's fetched assignments go, inside the course folder
# A learner's first page: the first module in the language the learner's kernels will follow.
START_MODULES = {"zh": "modules/00_入门.ipynb", "en": "modules/en/00_getting_started.ipynb"}
# What a server's environment tells smedx.i18n.language() (SMEDX_LANG, where JupyterLab settings are).
LANGUAGE_VARIABLES = ("SMEDX_LANG", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH", "JUPYTERLAB_DIR")
# Learners' Jupyter data first: their python3 kernel has no debugger (smedx/kernel.py).
LEARNER_DATA = HUB_DIR.parent / "lab" / "learner-data"


def post_auth_hook_for(settings: Settings):
    def post_auth_hook(authenticator, handler, authentication):
        name = authentication["name"]
        role = roles.role_of_account(name, settings)
        if role is None and name not in settings.admins:
            raise web.HTTPError(
                403,
                f"账号 {name} 不在课程的学员组或培训师组中，请联系管理员。 / The account {name} is "
                "in neither the learners' nor the trainers' group; ask the administrator.",
            )
        authentication["groups"] = roles.hub_groups(role)
        return authentication

    return post_auth_hook


def role_environment(settings: Settings, role: str, home: Path) -> dict[str, str]:
    """Variables a server of this role gets (read by deploy/hub/jupyter/<role>/*)."""
    prefix = settings.env_prefix
    env = {
        # The role's folder first (it wins), then the kit environment's own Jupyter config and
        # data: explicit, so a server started by another interpreter sees the same extensions.
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(settings.role_config_dir(role)), str(prefix / "etc" / "jupyter")]
        ),
        "JUPYTER_PATH": os.pathsep.join(
            ([str(LEARNER_DATA)] if role == roles.LEARNER else [])
            + [str(prefix / "share" / "jupyter")]
        ),
        # nbgrader runs `alembic` (and a terminal runs `nbgrader`) from PATH.
        "PATH": os.pathsep.join(
            dict.fromkeys(
                [str(settings.python.parent), str(prefix / "bin"), "/usr/local/bin", "/usr/bin"]
                + ["/bin"]
            )
        ),
        "JUPYTERLAB_DIR": str(prefix / "share" / "jupyter" / "lab"),
        "SMEDX_EXCHANGE": str(settings.exchange),
        "SMEDX_ASSIGNMENT_DIR": str(home / settings.course_folder / ASSIGNMENTS),
        "JUPYTERHUB_ACTIVITY_INTERVAL": str(settings.activity_interval),
    }
    if role == roles.TRAINER:
        env["SMEDX_HUB_COURSE_DIR"] = str(settings.course_dir)
        env["SMEDX_COURSE_LINK"] = str(home / COURSE_LINK)
    return env


async def run_as(
    account: pwd.struct_passwd,
    command: list[str],
    timeout: float = 120,
    environment: dict[str, str] | None = None,
) -> str:
    """Run a command as a local account (its uid, gid and groups) in its home; return stdout."""
    process = await asyncio.create_subprocess_exec(
        *command,
        user=account.pw_uid,
        group=account.pw_gid,
        extra_groups=[],
        cwd=account.pw_dir,
        env={
            **(environment or {}),
            "HOME": account.pw_dir,
            "USER": account.pw_name,
            "LANG": "C.UTF-8",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} as {account.pw_name} failed: {err.decode()[-2000:]}")
    return out.decode()


async def learner_language(
    account: pwd.struct_passwd, python: str, environment: dict[str, str]
) -> str:
    """The language the learner's kernels will follow, asked as the learner (who may read their
    own JupyterLab settings): SMEDX_LANG if the hub sets it, else the learner's choice in
    Settings → Language, else the learners' zh_CN default. Chinese if the question fails."""
    code = "from smedx.i18n import language; print(language())"
    kept = {k: environment[k] for k in LANGUAGE_VARIABLES if k in environment}
    try:
        answer = (await run_as(account, [python, "-c", code], 60, kept)).strip()
    except (TimeoutError, RuntimeError, OSError):
        return "zh"
    return answer if answer in START_MODULES else "zh"


def pre_spawn_hook_for(settings: Settings):
    course_script = str(Path(__file__).with_name("course.py"))
    python = str(settings.python)

    async def pre_spawn_hook(spawner):
        account = pwd.getpwnam(spawner.user.name)
        home = Path(account.pw_dir)
        role = roles.role_of_hub_user(spawner.user)
        folder = home / settings.course_folder
        spawner.log.info(
            await run_as(
                account, [python, course_script, "sync", str(settings.release_dir), str(folder)]
            )
        )
        if role == roles.TRAINER:
            link = [
                python,
                course_script,
                "link",
                str(settings.course_dir),
                str(home / COURSE_LINK),
            ]
            spawner.log.info(await run_as(account, link))
        # A new dict: the configured one is shared by every spawner.
        spawner.environment = {**spawner.environment, **role_environment(settings, role, home)}
        if role == roles.LEARNER:
            start = START_MODULES[await learner_language(account, python, spawner.environment)]
            if (folder / start).exists():
                spawner.default_url = f"/lab/tree/{settings.course_folder}/{start}"

    return pre_spawn_hook
