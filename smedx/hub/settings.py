"""Every value of the one-machine hub that differs between machines, from environment variables.

The defaults suit a dedicated course server (Debian/Ubuntu, the kit checked out in /opt/smedx or
anywhere else); a test or a second hub on the same machine changes them through the environment.

| variable                    | default                    | what                                  |
|-----------------------------|----------------------------|---------------------------------------|
| SMEDX_HUB_BIND_URL          | http://127.0.0.1:8000      | where the proxy listens (put TLS in front) |
| SMEDX_HUB_STATE             | /srv/smedx/hub             | hub database, cookie secret, proxy pid |
| SMEDX_HUB_COURSE_DIR        | /srv/smedx/course          | the trainers' shared nbgrader course  |
| SMEDX_HUB_RELEASE_DIR       | /srv/smedx/release         | the learners' release-only copy of the course |
| SMEDX_HUB_KIT_ROOT          | this checkout              | the kit checkout `hub init` locks to trainers |
| SMEDX_EXCHANGE              | /srv/nbgrader/exchange     | nbgrader's exchange (as nbgrader_config.py) |
| SMEDX_HUB_TRAINERS_GROUP    | smedx-trainers             | Unix group of trainers                |
| SMEDX_HUB_LEARNERS_GROUP    | smedx-learners             | Unix group of learners                |
| SMEDX_HUB_ADMINS            | (none)                     | comma-separated hub admin accounts    |
| SMEDX_HUB_MEM_LIMIT         | 1G                         | memory of one user (server + kernels) |
| SMEDX_HUB_SPAWNER           | auto                       | auto, systemd, cgroup or local        |
| SMEDX_HUB_CULL_TIMEOUT      | 3600                       | seconds idle before a server is stopped |
| SMEDX_HUB_CULL_EVERY        | 300                        | seconds between culler runs           |
| SMEDX_HUB_ACTIVITY_INTERVAL | 300                        | seconds between activity reports      |
| SMEDX_HUB_COURSE_FOLDER     | 数转课堂                   | folder of course material in each home |
| SMEDX_HUB_PYTHON            | the hub's own python       | interpreter the users' servers run     |

The users' servers use the kit's environment (the hub's): its packages, its Jupyter data
(JupyterLab with the Chinese default, Voila templates, nbgrader's extensions) and its Jupyter
config. SMEDX_HUB_PYTHON is only for machines where other accounts cannot execute the hub's own
interpreter (e.g. a venv made from a pyenv Python inside /root): there, a venv of the system's
python3 of the same version that loads the kit's site-packages (bench/class_load.py makes one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The hub serves a checkout of the kit (modules/, widgets/, trainer/, nbgrader_config.py are not
# part of the installed package): by default the checkout this package is imported from.
KIT_ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = KIT_ROOT / "deploy" / "hub"  # jupyterhub_config.py, roles' Jupyter config, the proxy

# Hub group names follow nbgrader's JupyterHub convention: formgrade-<course> for instructors,
# nbgrader-<course> for students (nbgrader.auth.JupyterHubAuthPlugin reads them).
COURSE_ID = "smedx"
INSTRUCTOR_GROUP = f"formgrade-{COURSE_ID}"
STUDENT_GROUP = f"nbgrader-{COURSE_ID}"

SPAWNER_CHOICES = ("auto", "systemd", "cgroup", "local")


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(
            f"{name} 必须是正整数（秒），现在是 {raw!r} / {name} must be a positive integer "
            f"(seconds), got {raw!r}"
        )
    return value


@dataclass(frozen=True)
class Settings:
    bind_url: str = "http://127.0.0.1:8000"
    state_dir: Path = Path("/srv/smedx/hub")
    course_dir: Path = Path("/srv/smedx/course")
    release_dir: Path = Path("/srv/smedx/release")
    exchange: Path = Path("/srv/nbgrader/exchange")
    trainers_group: str = "smedx-trainers"
    learners_group: str = "smedx-learners"
    admins: frozenset[str] = field(default_factory=frozenset)
    mem_limit: str = "1G"
    spawner: str = "auto"
    cull_timeout: int = 3600
    cull_every: int = 300
    activity_interval: int = 300
    course_folder: str = "数转课堂"
    kit_root: Path = KIT_ROOT
    python: Path = Path(sys.executable)
    env_prefix: Path = Path(sys.prefix)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        spawner = env.get("SMEDX_HUB_SPAWNER", "auto").strip() or "auto"
        if spawner not in SPAWNER_CHOICES:
            raise ValueError(
                f"SMEDX_HUB_SPAWNER 只能是 {', '.join(SPAWNER_CHOICES)}，现在是 {spawner!r} / "
                f"SMEDX_HUB_SPAWNER must be one of {', '.join(SPAWNER_CHOICES)}, got {spawner!r}"
            )
        admins = frozenset(
            name.strip() for name in env.get("SMEDX_HUB_ADMINS", "").split(",") if name.strip()
        )
        return cls(
            bind_url=env.get("SMEDX_HUB_BIND_URL", cls.bind_url),
            state_dir=Path(env.get("SMEDX_HUB_STATE", str(cls.state_dir))),
            course_dir=Path(env.get("SMEDX_HUB_COURSE_DIR", str(cls.course_dir))),
            release_dir=Path(env.get("SMEDX_HUB_RELEASE_DIR", str(cls.release_dir))),
            exchange=Path(env.get("SMEDX_EXCHANGE", str(cls.exchange))),
            trainers_group=env.get("SMEDX_HUB_TRAINERS_GROUP", cls.trainers_group),
            learners_group=env.get("SMEDX_HUB_LEARNERS_GROUP", cls.learners_group),
            admins=admins,
            mem_limit=env.get("SMEDX_HUB_MEM_LIMIT", cls.mem_limit),
            spawner=spawner,
            cull_timeout=_positive_int(env, "SMEDX_HUB_CULL_TIMEOUT", cls.cull_timeout),
            cull_every=_positive_int(env, "SMEDX_HUB_CULL_EVERY", cls.cull_every),
            activity_interval=_positive_int(
                env, "SMEDX_HUB_ACTIVITY_INTERVAL", cls.activity_interval
            ),
            course_folder=env.get("SMEDX_HUB_COURSE_FOLDER", cls.course_folder),
            python=Path(env.get("SMEDX_HUB_PYTHON", str(cls.python))),
            kit_root=Path(env.get("SMEDX_HUB_KIT_ROOT", str(cls.kit_root))),
        )

    @property
    def mem_limit_spec(self) -> int | str:
        """Spawner.mem_limit: plain digits are bytes, else a size with K/M/G/T ("1G")."""
        return int(self.mem_limit) if self.mem_limit.isdigit() else self.mem_limit

    # --- derived paths ---------------------------------------------------------------------
    @property
    def bin_dir(self) -> Path:
        """The kit environment's scripts (jupyterhub, jupyterhub-singleuser)."""
        return self.env_prefix / "bin"

    @property
    def proxy_command(self) -> Path:
        """configurable-http-proxy installed by `npm ci` in deploy/hub (see package.json)."""
        return HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"

    def role_config_dir(self, role: str) -> Path:
        """The Jupyter config folder a role's servers get on JUPYTER_CONFIG_PATH."""
        return HUB_DIR / "jupyter" / role
