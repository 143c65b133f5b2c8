"""`smedx hub`: run the course on one server with JupyterHub (deploy/hub/).

    sudo smedx hub install-proxy       # configurable-http-proxy into deploy/hub/node_modules (npm ci)
    sudo smedx hub init                # groups, state, trainers-only course and kit, learners' copy
    sudo smedx hub adduser wang        # a learner with a private home; prints the password
    sudo smedx hub adduser li --trainer
    sudo smedx hub check               # what is ready, what is missing, any key a learner can read
    sudo smedx hub start               # JupyterHub on SMEDX_HUB_BIND_URL (default 127.0.0.1:8000)
    sudo smedx hub start -- --debug    # options after "--" go to jupyterhub
    smedx hub pull-link --hub https://hub.example.org --repo https://git.example.org/smedx.git
                                       # opens the first module (--lang en: the English one)

Settings come from SMEDX_HUB_* variables (smedx/hub/settings.py); docs/deployment.md walks
through a whole server. The helpers are the subpackage smedx.hub (the hub's configuration,
deploy/hub/jupyterhub_config.py, imports them too); the hub serves a checkout of the kit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from smedx.errors import KitError
from smedx.hub.hooks import START_MODULES
from smedx.hub.settings import HUB_DIR
from smedx.i18n import N_, _

CONFIG = HUB_DIR / "jupyterhub_config.py"


def _hub_modules():
    """The hub's helpers (smedx.hub), once the kit checkout the hub serves is found."""
    if not CONFIG.is_file():
        raise KitError(
            f"找不到 {CONFIG}：JupyterHub 需要课程仓库，请在克隆的仓库中运行（pip install -e .）。",
            f"{CONFIG} not found: the hub serves the course repository, run it from a checkout "
            "of the kit (pip install -e .).",
        )
    from smedx.hub import host, keys, settings, spawner

    return host, keys, settings, spawner


def _need_root() -> None:
    if os.geteuid() != 0:
        raise KitError(
            "此命令需要 root 权限（管理本机账号与文件夹），请用 sudo 运行。",
            "this command needs root (it manages local accounts and folders): run it with sudo.",
        )


def install_proxy(hub_dir: Path = HUB_DIR) -> Path:
    """`npm ci` in deploy/hub: the pinned configurable-http-proxy; return its command."""
    npm = shutil.which("npm")
    if npm is None:
        raise KitError(
            "找不到 npm：请先安装 Node.js 20 或更高版本（含 npm）。",
            "npm not found: install Node.js 20 or newer (with npm) first.",
        )
    result = subprocess.run(
        [npm, "ci", "--engine-strict", "--no-audit", "--no-fund"],
        cwd=hub_dir,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise KitError(
            f"npm ci 失败（Node.js 版本须 ≥ 20）：\n{result.stderr[-1500:]}",
            f"npm ci failed (Node.js must be >= 20):\n{result.stderr[-1500:]}",
        )
    return hub_dir / "node_modules" / ".bin" / "configurable-http-proxy"


def pull_link(hub: str, repo: str, branch: str = "main", path: str = "") -> str:
    """An nbgitpuller link: opening it pulls (merges) the repository into the user's home."""
    name = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    target = f"lab/tree/{name}/{path}".rstrip("/")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": target})
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def checks(settings, spawner, keys) -> list[tuple[bool, str]]:
    """(ok, what) for each thing the hub needs on this machine, then one line per answer key a
    learner account can read (checked as that account)."""
    import grp

    def group_exists(name: str) -> bool:
        try:
            grp.getgrnam(name)
            return True
        except KeyError:
            return False

    kind = spawner.choose(settings)[0]
    return [
        (os.geteuid() == 0, _("running as root")),
        (settings.proxy_command.exists(), f"configurable-http-proxy: {settings.proxy_command}"),
        (settings.python.exists(), _("python of the servers: {path}").format(path=settings.python)),
        (
            group_exists(settings.trainers_group),
            _("group {name}").format(name=settings.trainers_group),
        ),
        (
            group_exists(settings.learners_group),
            _("group {name}").format(name=settings.learners_group),
        ),
        (settings.state_dir.is_dir(), _("state {path}").format(path=settings.state_dir)),
        (
            (settings.course_dir / "nbgrader_config.py").exists(),
            _("course {path}").format(path=settings.course_dir),
        ),
        (
            (settings.release_dir / "modules").is_dir(),
            _("learners' copy {path}").format(path=settings.release_dir),
        ),
        (settings.exchange.is_dir(), _("exchange {path}").format(path=settings.exchange)),
        (
            kind != "local",
            _("memory limit {limit} ({kind})").format(limit=settings.mem_limit, kind=kind),
        ),
        *keys.report(settings),
    ]


# --- command handlers -------------------------------------------------------------------------
def _install_proxy(args: argparse.Namespace) -> int:
    print(f"configurable-http-proxy: {install_proxy()}")
    return 0


def _init(args: argparse.Namespace) -> int:
    _need_root()
    host, _, settings_mod, _ = _hub_modules()
    for line in host.init(settings_mod.Settings.from_env()):
        print(f"  ok  {line}")
    return 0


def _adduser(args: argparse.Namespace) -> int:
    _need_root()
    host, _, settings_mod, _ = _hub_modules()
    settings = settings_mod.Settings.from_env()
    group = settings.trainers_group if args.trainer else settings.learners_group
    password = host.add_user(args.name, group)
    print(f"{args.name}\t{password}\t({group})")
    return 0


def _deluser(args: argparse.Namespace) -> int:
    _need_root()
    host, _, _, _ = _hub_modules()
    if not host.remove_user(args.name):
        raise KitError(f"没有账号 {args.name}。", f"no account {args.name}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    _, keys, settings_mod, spawner = _hub_modules()
    results = checks(settings_mod.Settings.from_env(), spawner, keys)
    for ok, what in results:
        print(f"  {'ok ' if ok else 'NO '} {what}")
    return 0 if all(ok for ok, _ in results) else 1


def _start(args: argparse.Namespace) -> int:
    _need_root()
    _, _, settings_mod, _ = _hub_modules()
    settings = settings_mod.Settings.from_env()
    if not settings.proxy_command.exists():
        raise KitError(
            "尚未安装 configurable-http-proxy：请先运行 smedx hub install-proxy。",
            "configurable-http-proxy is not installed: run `smedx hub install-proxy` first.",
        )
    jupyterhub = settings.bin_dir / "jupyterhub"
    extra = args.extra[1:] if args.extra[:1] == ["--"] else args.extra
    command = [str(jupyterhub), "-f", str(CONFIG), *extra]
    os.chdir(settings.state_dir if settings.state_dir.is_dir() else "/")
    os.execv(command[0], command)
    return 0  # not reached


def _pull_link(args: argparse.Namespace) -> int:
    path = args.path or START_MODULES[getattr(args, "lang", "zh")]
    print(pull_link(args.hub, args.repo, args.branch, path))
    return 0


EXAMPLES = (
    ("sudo smedx hub install-proxy", N_("configurable-http-proxy into deploy/hub/ (npm ci)")),
    ("sudo smedx hub init", N_("groups, state, trainers-only course and kit, learners' copy")),
    ("sudo smedx hub adduser wang", N_("a learner with a private home; prints the password")),
    ("sudo smedx hub adduser li --trainer", N_("a trainer")),
    ("sudo smedx hub check", N_("what is ready, what is missing, any key a learner can read")),
    ("sudo smedx hub start", N_("JupyterHub on SMEDX_HUB_BIND_URL (default 127.0.0.1:8000)")),
    ("sudo smedx hub start -- --debug", N_('options after "--" go to jupyterhub')),
    ("smedx hub pull-link --hub URL --repo URL", N_("a link that opens the first module")),
)


def _epilog() -> str:
    lines = [_("examples:")]
    lines += [f"  {command:<41} {_(what)}" for command, what in EXAMPLES]
    lines.append(
        _("Settings come from SMEDX_HUB_* variables; docs/deployment.md walks through a server.")
    )
    return "\n".join(lines) + "\n"


def register(subparsers: argparse._SubParsersAction) -> None:
    hub = subparsers.add_parser(
        "hub",
        help=_("run the course on one server with JupyterHub"),
        description=_("run the course on one server with JupyterHub"),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    sub.add_parser(
        "install-proxy", help=_("install configurable-http-proxy (npm ci)")
    ).set_defaults(func=_install_proxy)
    sub.add_parser(
        "init",
        help=_(
            "prepare this machine: course and kit for trainers only, learners get a release-only "
            "copy (needs root)"
        ),
    ).set_defaults(func=_init)
    add = sub.add_parser("adduser", help=_("add a learner or trainer account"))
    add.add_argument("name", help=_("account name"))
    add.add_argument("--trainer", action="store_true", help=_("a trainer"))
    add.set_defaults(func=_adduser)
    delete = sub.add_parser("deluser", help=_("remove an account and its home"))
    delete.add_argument("name", help=_("account name"))
    delete.set_defaults(func=_deluser)
    sub.add_parser("check", help=_("check this machine and what learners can read")).set_defaults(
        func=_check
    )
    start = sub.add_parser("start", help=_("start JupyterHub (needs root)"))
    start.add_argument(
        "extra", nargs=argparse.REMAINDER, help=_("arguments after “--” go to jupyterhub")
    )
    start.set_defaults(func=_start)
    link = sub.add_parser("pull-link", help=_("make an nbgitpuller link"))
    link.add_argument("--hub", required=True, help=_("hub URL"))
    link.add_argument("--repo", required=True, help=_("course repository URL"))
    link.add_argument("--branch", default="main", help=_("branch (default: main)"))
    link.add_argument(
        "--path", help=_("file to open (default: the first module in the --lang language)")
    )
    link.set_defaults(func=_pull_link)
