"""The one-machine hub's pieces on their own: settings, roles, course copies, memory cgroups, the
machine preparation, the configuration file and the `smedx hub` command.

tests/test_hub.py runs all of them together in a real JupyterHub. Tests that change the machine
(cgroups, file owners) need root, as in CI; they say so when it is missing.
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from shared_python import shared_bin
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "deploy" / "hub"

from smedx.cli import deploy as deploy_cli  # noqa: E402
from smedx.coursepack import editions  # noqa: E402
from smedx.hub import course, hooks, host, roles, spawner  # noqa: E402
from smedx.hub.settings import INSTRUCTOR_GROUP, STUDENT_GROUP, Settings  # noqa: E402


def need_root():
    if os.geteuid() != 0:
        pytest.fail("this test changes owners and cgroups: run it as root (CI does)", False)


# --- settings -----------------------------------------------------------------------------------
def test_settings_defaults_and_environment():
    assert Settings.from_env({}) == Settings()
    s = Settings.from_env(
        {
            "SMEDX_HUB_MEM_LIMIT": "734003200",
            "SMEDX_HUB_CULL_TIMEOUT": "600",
            "SMEDX_HUB_ADMINS": "a, b",
        }
    )
    assert s.mem_limit_spec == 734003200 and Settings().mem_limit_spec == "1G"
    assert s.cull_timeout == 600 and s.admins == {"a", "b"}


@pytest.mark.parametrize(
    "env",
    [
        {"SMEDX_HUB_SPAWNER": "docker"},
        {"SMEDX_HUB_CULL_TIMEOUT": "-5"},
        {"SMEDX_HUB_CULL_EVERY": "x"},
    ],
)
def test_bad_settings_are_refused_in_both_languages(env):
    with pytest.raises(ValueError) as err:
        Settings.from_env(env)
    message = str(err.value)
    assert "必须" in message or "只能" in message
    assert "must" in message


# --- roles and hooks ----------------------------------------------------------------------------
def hub_user(*groups: str):
    return SimpleNamespace(name="x", groups=[SimpleNamespace(name=g) for g in groups])


def test_roles_follow_nbgrader_group_names():
    assert roles.hub_groups(roles.TRAINER) == [INSTRUCTOR_GROUP] == ["formgrade-smedx"]
    assert roles.hub_groups(roles.LEARNER) == [STUDENT_GROUP] == ["nbgrader-smedx"]
    assert roles.hub_groups(None) == []
    assert roles.role_of_hub_user(hub_user("formgrade-smedx")) == roles.TRAINER
    assert roles.role_of_hub_user(hub_user("nbgrader-smedx")) == roles.LEARNER
    assert roles.role_of_hub_user(hub_user()) == roles.LEARNER
    assert roles.role_of_account("no-such-account-here", Settings()) is None


def test_role_environment_puts_the_role_first():
    s = Settings()
    home = Path("/home/wang")
    learner = hooks.role_environment(s, roles.LEARNER, home)
    trainer = hooks.role_environment(s, roles.TRAINER, home)
    assert learner["JUPYTER_CONFIG_PATH"].split(":") == [
        str(HUB_DIR / "jupyter" / "learner"),
        str(Path(sys.prefix) / "etc" / "jupyter"),
    ]
    assert trainer["JUPYTER_CONFIG_PATH"].startswith(str(HUB_DIR / "jupyter" / "trainer"))
    assert learner["SMEDX_ASSIGNMENT_DIR"] == "/home/wang/数转课堂/作业"
    assert "SMEDX_HUB_COURSE_DIR" not in learner
    assert trainer["SMEDX_COURSE_LINK"] == "/home/wang/课程管理"
    assert learner["PATH"].split(":")[0] == str(Path(sys.executable).parent)


def test_a_learner_starts_in_the_language_of_their_kernels(tmp_path):
    """The first module in the learner's language: Chinese by default (the learners' zh_CN
    setting), English when the learner chose English in JupyterLab or the hub sets SMEDX_LANG."""
    import asyncio

    me = pwd.getpwuid(os.getuid())
    account = pwd.struct_passwd((me.pw_name, "x", me.pw_uid, me.pw_gid, "", str(tmp_path), "sh"))
    environment = hooks.role_environment(Settings(), roles.LEARNER, tmp_path)

    def language(env: dict[str, str]) -> str:
        return asyncio.run(hooks.learner_language(account, sys.executable, env))

    assert language(environment) == "zh"
    assert language({**environment, "SMEDX_LANG": "en"}) == "en"
    setting = tmp_path / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    (setting / "translation-extension").mkdir(parents=True)
    (setting / "translation-extension" / "plugin.jupyterlab-settings").write_text(
        '{"locale": "en"}'
    )
    assert language(environment) == "en"
    assert language({**environment, "SMEDX_LANG": "zh"}) == "zh"
    assert language(environment | {"JUPYTERLAB_DIR": "/nonexistent"}) == "en"
    for page in hooks.START_MODULES.values():
        assert (ROOT / page).exists(), page


# --- course material ----------------------------------------------------------------------------
def make_kit(base: Path) -> Path:
    kit = base / "kit"
    (kit / "modules" / ".ipynb_checkpoints").mkdir(parents=True)
    (kit / "modules" / "00.ipynb").write_text("v1")
    (kit / "modules" / "answers_m00.json").write_text("{}")
    (kit / "modules" / ".ipynb_checkpoints" / "00-checkpoint.ipynb").write_text("old")
    (kit / "widgets").mkdir()
    (kit / "widgets" / "app.ipynb").write_text("app")
    (kit / "solutions" / "m01").mkdir(parents=True)
    (kit / "solutions" / "m01" / "m01.ipynb").write_text("solution")
    (kit / "nbgrader_config.py").write_text("c = get_config()")
    return kit


def test_sync_copies_what_is_missing_and_never_overwrites(tmp_path):
    kit = make_kit(tmp_path)
    dest = tmp_path / "home" / "数转课堂"
    copied = course.sync(kit, dest)
    assert sorted(p.relative_to(dest).as_posix() for p in copied) == [
        "modules/00.ipynb",
        "widgets/app.ipynb",
    ]
    (dest / "modules" / "00.ipynb").write_text("my answers")
    (kit / "modules" / "01.ipynb").write_text("new module")
    assert course.sync(kit, dest) == [dest / "modules" / "01.ipynb"]
    assert (dest / "modules" / "00.ipynb").read_text() == "my answers"
    assert not (dest / "solutions").exists()
    items = course.sync(kit, tmp_path / "课程管理", ("nbgrader_config.py", "solutions"))
    assert len(items) == 2
    assert course.main(["sync"]) == 2  # usage, not a traceback


def test_link_keeps_whatever_is_already_there(tmp_path):
    target = tmp_path / "course"
    target.mkdir()
    assert course.link(target, tmp_path / "课程管理") is True
    assert (tmp_path / "课程管理").resolve() == target
    assert course.link(tmp_path / "elsewhere", tmp_path / "课程管理") is False
    assert (tmp_path / "课程管理").resolve() == target


# --- memory cgroups -----------------------------------------------------------------------------
def test_a_user_cgroup_stops_a_process_over_its_limit():
    need_root()
    found = spawner.memory_cgroup_base()
    assert found, "no memory cgroup controller on this machine"
    base, version = found
    folder = spawner.make_user_cgroup(base, version, f"unit{secrets.token_hex(3)}", 64 * 1024**2)
    procs = folder / "cgroup.procs"

    def join():
        with open(procs, "w") as f:
            f.write(str(os.getpid()))

    try:
        small = subprocess.run(
            [sys.executable, "-c", "x = bytearray(8 * 1024**2); print('ok')"],
            preexec_fn=join,
            capture_output=True,
            text=True,
        )
        assert small.returncode == 0 and small.stdout.strip() == "ok"
        big = subprocess.run(
            [sys.executable, "-c", "x = bytearray(256 * 1024**2); print('survived')"],
            preexec_fn=join,
            capture_output=True,
            text=True,
        )
        assert big.returncode == -9 and "survived" not in big.stdout  # killed by the OOM killer
    finally:
        assert spawner.end_cgroup(folder) is True
    assert not folder.exists()


def test_the_spawner_choice():
    assert spawner.choose(Settings(spawner="local"))[1] == "jupyterhub.spawner.LocalProcessSpawner"
    kind, cls = spawner.choose(Settings(spawner="systemd"))
    assert cls == "systemdspawner.SystemdSpawner"
    __import__(cls.rsplit(".", 1)[0])  # installed, so a systemd server can use it
    need_root()
    kind, cls = spawner.choose(Settings())  # auto, on this machine (no systemd, cgroup v1)
    assert kind in ("systemd", "cgroup"), "auto found no way to enforce memory limits"
    assert spawner.cgroup_usable() is True


# --- the machine preparation --------------------------------------------------------------------
def test_the_trainers_course_copy_is_group_private_and_never_overwritten(tmp_path):
    need_root()
    kit = make_kit(tmp_path)
    (kit / "solutions" / "m01" / "answers_m01.json").write_text("{}")
    gid = grp.getgrnam("users").gr_gid
    dest = tmp_path / "course"
    copied = host.copy_course(kit, dest, gid)
    assert {p.relative_to(dest).as_posix() for p in copied} == {
        "nbgrader_config.py",
        "solutions/m01/m01.ipynb",
    }
    (kit / "trainer").mkdir()
    (kit / "trainer" / "m01.py").write_text("KEY = 42")
    assert host.copy_course(kit, dest, gid) == [dest / "trainer" / "m01.py"]
    for path in [dest, dest / "solutions", dest / "solutions" / "m01"]:
        st = path.stat()
        assert (st.st_mode & 0o7777, st.st_gid) == (0o2770, gid), path
    st = (dest / "solutions" / "m01" / "m01.ipynb").stat()
    assert (st.st_mode & 0o777, st.st_gid) == (0o660, gid)
    (dest / "gradebook.db").write_text("grades")
    (dest / "nbgrader_config.py").write_text("edited by a trainer")
    assert host.copy_course(kit, dest, gid) == []
    assert (dest / "nbgrader_config.py").read_text() == "edited by a trainer"
    assert (dest / "gradebook.db").read_text() == "grades"


def test_lock_kit_leaves_learners_only_what_their_servers_run(tmp_path):
    need_root()
    kit = make_kit(tmp_path)
    (kit / "smedx").mkdir()
    (kit / "gradebook.db").write_text("grades")
    (kit / "kit.py").write_text("#!/usr/bin/env python3")
    (kit / "kit.py").chmod(0o755)
    gid = grp.getgrnam("users").gr_gid
    locked = host.lock_kit(kit, gid)
    assert {p.name for p in locked} == {
        "gradebook.db",
        "kit.py",
        "modules",
        "nbgrader_config.py",
        "solutions",
        "widgets",
    }
    assert (kit.stat().st_mode & 0o777, kit.stat().st_gid) == (0o755, gid)
    modes = {p.name: (p.stat().st_mode & 0o777, p.stat().st_gid) for p in kit.iterdir()}
    assert modes["solutions"] == (0o750, gid)
    assert modes["gradebook.db"] == (0o640, gid)
    assert modes["kit.py"] == (0o750, gid)
    assert modes["smedx"][0] & 0o005 == 0o005  # the package stays readable


def test_the_release_copy_holds_only_learner_material(tmp_path):
    need_root()
    kit = make_kit(tmp_path)
    (kit / "exercises" / "m01").mkdir(parents=True)
    (kit / "exercises" / "m01" / "m01.ipynb").write_text("released")
    (kit / "exercises" / "m01" / "answers_m01.json").write_text("{}")  # a trainer's trial
    (kit / "docs").mkdir()
    (kit / "docs" / "methodology.md").write_text("how")
    (kit / "docs" / "instructor-guide.md").write_text("for trainers")
    (kit / "trainer").mkdir()
    (kit / "trainer" / "m01.py").write_text("KEY = 42")
    release = tmp_path / "srv" / "release"
    assert host.build_release(kit, release) == 4
    files = sorted(p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file())
    # No trainer/, no instructor guide, no trial answers (answers_* beside a notebook).
    assert files == [
        "docs/methodology.md",
        "exercises/m01/m01.ipynb",
        "modules/00.ipynb",
        "widgets/app.ipynb",
    ]
    for path in [release, *release.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
    # A rebuild replaces the copy whole: what left the kit leaves the copy.
    (kit / "widgets" / "app.ipynb").unlink()
    host.build_release(kit, release)
    assert not (release / "widgets" / "app.ipynb").exists()
    assert [p.name for p in release.parent.iterdir()] == ["release"]


# --- secure by default: `smedx hub init`, then `smedx hub check`, as real accounts ---------------
@pytest.fixture
def course_server(monkeypatch):
    """A kit checkout (a real git repository with solutions in its history), two learners and a
    trainer in groups of their own, the hub's folders in a folder everyone may enter."""
    need_root()
    base = Path(tempfile.mkdtemp(prefix="smedx-hub-units-"))
    base.chmod(0o755)  # pytest's own tmp_path is private to root: nothing there would be readable
    prefix = "smxu" + secrets.token_hex(2)
    kit = make_kit(base)
    (kit / "trainer" / "items").mkdir(parents=True)
    (kit / "trainer" / "items" / "m01.py").write_text("ANSWER = 'hidden'")
    (kit / "smedx").mkdir()
    (kit / "smedx" / "__init__.py").write_text("")
    (kit / "gradebook.db").write_text("grades")
    git = ["git", "-C", str(kit), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "solutions", "trainer", "modules", "widgets"], check=True)
    subprocess.run([*git, "commit", "-qm", "kit"], check=True)
    env = {
        "SMEDX_HUB_KIT_ROOT": str(kit),
        "SMEDX_HUB_STATE": str(base / "state"),
        "SMEDX_HUB_COURSE_DIR": str(base / "course"),
        "SMEDX_HUB_RELEASE_DIR": str(base / "release"),
        "SMEDX_EXCHANGE": str(base / "exchange"),
        "SMEDX_HUB_TRAINERS_GROUP": f"{prefix}-trainers",
        "SMEDX_HUB_LEARNERS_GROUP": f"{prefix}-learners",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    names = {"learner": f"{prefix}l1", "other": f"{prefix}l2", "trainer": f"{prefix}t1"}
    try:
        settings = Settings.from_env()
        for group in (settings.trainers_group, settings.learners_group):
            host.ensure_group(group)
        for role, name in names.items():
            group = settings.trainers_group if role == "trainer" else settings.learners_group
            host.add_user(name, group)
        yield SimpleNamespace(base=base, kit=kit, settings=settings, names=names)
    finally:
        for name in names.values():
            host.remove_user(name)
        host.remove_group(env["SMEDX_HUB_TRAINERS_GROUP"])
        host.remove_group(env["SMEDX_HUB_LEARNERS_GROUP"])
        shutil.rmtree(base, ignore_errors=True)


def as_user(name: str, *command: str) -> subprocess.CompletedProcess:
    # From "/", as a learner's server would start: a readable checkout in the working directory
    # would otherwise be imported first (CI's clone is world-readable; this machine's is not).
    return subprocess.run(
        ["runuser", "-u", name, "--", *command], capture_output=True, text=True, cwd="/"
    )


def hub_check(capsys) -> tuple[int, str]:
    args = parser().parse_args(["hub", "check"])
    code = args.func(args)
    return code, capsys.readouterr().out


def test_after_init_a_learner_reads_no_key_and_check_says_so(course_server, capsys):
    server = course_server
    s, learner, other = server.settings, server.names["learner"], server.names["other"]
    # Work the class leaves on the server: another learner's answers, collected and at home.
    other_home = Path(pwd.getpwnam(other).pw_dir)
    answers = other_home / "数转课堂" / "作业" / "m01" / "answers_m01.json"
    answers.parent.mkdir(parents=True)
    answers.write_text('{"q1": "B"}')
    other_home.chmod(0o755)  # as Debian makes homes, and as an old home may still be
    host.init(s)
    submitted = s.course_dir / "submitted" / other / "m01" / "answers_m01.json"
    submitted.parent.mkdir(parents=True)
    submitted.write_text('{"q1": "B"}')
    (s.course_dir / "gradebook.db").write_text("grades")

    # The way in: the solution out of the kit's git history.
    show = [f"HEAD:{'solutions/m01/m01.ipynb'}"]
    leak = as_user(
        learner, "git", "-c", "safe.directory=*", "-C", str(server.kit), "cat-file", "-p", *show
    )
    assert leak.returncode != 0 and "solution" not in leak.stdout
    for key in [
        server.kit / ".git" / "HEAD",
        server.kit / "solutions" / "m01" / "m01.ipynb",
        server.kit / "trainer" / "items" / "m01.py",
        server.kit / "gradebook.db",
        s.course_dir / "solutions" / "m01" / "m01.ipynb",
        s.course_dir / "trainer" / "items" / "m01.py",
        s.course_dir / "gradebook.db",
        submitted,
        answers,
        s.state_dir,
    ]:
        assert as_user(learner, "test", "-r", str(key)).returncode != 0, key
        if key.is_dir():
            assert as_user(learner, "test", "-x", str(key)).returncode != 0, key
    # What learners need stays theirs: the release copy and the package their servers import.
    for needed in [s.release_dir / "modules" / "00.ipynb", server.kit / "smedx" / "__init__.py"]:
        assert as_user(learner, "cat", str(needed)).returncode == 0, needed
    release = {p.name for p in s.release_dir.rglob("*")}
    assert release.isdisjoint(
        {".git", "solutions", "trainer", "gradebook.db", "nbgrader_config.py"}
    )
    # The trainer reaches the course and the kit's keys.
    trainer = server.names["trainer"]
    assert (
        as_user(trainer, "cat", str(s.course_dir / "trainer" / "items" / "m01.py")).returncode == 0
    )
    assert as_user(trainer, "test", "-r", str(server.kit / "solutions")).returncode == 0

    code, out = hub_check(capsys)
    assert f"ok  学员（{learner}）读不到任何答案材料" in out, out
    # smedx grade runs learner code as this account: init made it, and it reads no key either.
    assert pwd.getpwnam("smedx-grader").pw_uid != 0
    assert "ok  批改账户（smedx-grader）读不到任何答案材料" in out, out
    assert "可读取答案材料" not in out and "key material" not in out


def test_check_names_every_key_a_learner_can_read(course_server, capsys):
    server = course_server
    s = server.settings
    host.init(s)
    (server.kit / ".git").chmod(0o755)  # an update or a hand opened them again
    s.course_dir.chmod(0o2775)
    collected = s.course_dir / "submitted"
    collected.mkdir()
    collected.chmod(0o755)
    home = Path(pwd.getpwnam(server.names["other"]).pw_dir)
    home.chmod(0o711)  # enter-only still lets anyone open a file whose name they know
    code, out = hub_check(capsys)
    assert code == 1
    opened = [line for line in out.splitlines() if "可读取答案材料" in line]
    named = {line.split("答案材料：")[1].split("；")[0] for line in opened}
    assert named == {str(server.kit / ".git"), str(collected), str(home)}, out
    assert f"修复：sudo chgrp {s.trainers_group} {server.kit / '.git'} && sudo chmod o-rwx" in out
    assert f"修复：sudo chmod 0700 {home}" in out
    # `smedx hub init` closes them again.
    host.init(s)
    out = hub_check(capsys)[1]
    assert "可读取答案材料" not in out and "读不到任何答案材料" in out, out


def test_a_learner_runs_the_locked_kit(course_server, tmp_path):
    """What a learner's server reads from the kit stays readable after the lock: the package and
    its data, the hub's learner configuration and course script, the release copy."""
    server = course_server
    kit = server.base / "real-kit"  # this repository as committed, locked as /opt/smedx would be
    subprocess.run(["git", "clone", "-q", f"file://{ROOT}", str(kit)], check=True)
    settings = Settings.from_env({**os.environ, "SMEDX_HUB_KIT_ROOT": str(kit)})
    host.init(settings)
    # An interpreter learners may run, with this environment's packages and the kit's smedx first
    # (as /opt/smedx/.venv, installed editable from the kit, gives them).
    python = str(shared_bin(server.base, first=kit) / "python")
    learner = server.names["learner"]
    home = Path(pwd.getpwnam(learner).pw_dir)
    course_script = kit / "smedx" / "hub" / "course.py"
    code = "import smedx, smedx.data as d; print(smedx.__file__); print(len(d.figures()) > 0)"
    out = as_user(learner, python, "-c", code)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [str(kit / "smedx" / "__init__.py"), "True"]
    for config in ["nbgrader_config.py", "jupyter_server_config.d/smedx-learner.json"]:
        path = kit / "deploy" / "hub" / "jupyter" / "learner" / config
        assert as_user(learner, "cat", str(path)).returncode == 0, path
    sync = [python, str(course_script), "sync"]
    out = as_user(learner, *sync, str(settings.release_dir), str(home / "数转课堂"))
    assert out.returncode == 0, out.stderr
    modules = {p.relative_to(kit) for lang in ("zh", "en") for p in editions.notebooks(lang, kit)}
    copied = {p.relative_to(home / "数转课堂") for p in (home / "数转课堂" / "modules").rglob("*")}
    assert Path("modules/en/00_getting_started.ipynb") in modules and modules <= copied
    assert as_user(learner, "ls", str(kit / "solutions")).returncode != 0


# --- the configuration file, as JupyterHub loads it ---------------------------------------------
def load_config(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    loader = PyFileConfigLoader("jupyterhub_config.py", path=str(HUB_DIR))
    return loader.load_config()


def test_the_hub_configuration(monkeypatch):
    need_root()
    c = load_config(monkeypatch, SMEDX_HUB_CULL_TIMEOUT="1200", SMEDX_HUB_MEM_LIMIT="800M")
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.PAMAuthenticator.allowed_groups == {"smedx-learners", "smedx-trainers"}
    assert c.PAMAuthenticator.manage_groups is True
    assert c.Spawner.mem_limit == "800M"
    assert c.JupyterHub.spawner_class in (
        "smedx.hub.spawner.CgroupMemorySpawner",
        "systemdspawner.SystemdSpawner",
    )
    assert c.ConfigurableHTTPProxy.command == [
        str(HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy")
    ]
    (culler,) = c.JupyterHub.services
    assert culler["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    assert "--timeout=1200" in culler["command"]
    (role,) = c.JupyterHub.load_roles
    assert role["services"] == ["idle-culler"] and "delete:servers" in role["scopes"]
    c = load_config(monkeypatch, SMEDX_HUB_SPAWNER="systemd")
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert c.SystemdSpawner.disable_user_sudo is True


def test_the_proxy_pin_supports_this_node():
    import json

    package = json.loads((HUB_DIR / "package.json").read_text())
    lock = json.loads((HUB_DIR / "package-lock.json").read_text())
    pin = package["dependencies"]["configurable-http-proxy"]
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pin == "5.2.0"
    assert "engine-strict=true" in (HUB_DIR / ".npmrc").read_text()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    major = int(node.strip().lstrip("v").split(".")[0])
    for name, entry in lock["packages"].items():  # every package of the tree allows Node 20
        engines = entry.get("engines", {}).get("node", "")
        if "22.12" in engines or ">=21" in engines.replace(" ", ""):
            pytest.fail(f"{name} needs Node {engines}")
    assert major >= 20, f"configurable-http-proxy {pin} needs Node >= 20, found {node}"


# --- `smedx hub` -------------------------------------------------------------------------------
def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="smedx")
    deploy_cli.register(p.add_subparsers(dest="command"))
    return p


def test_pull_link(capsys):
    args = parser().parse_args(
        [
            "hub",
            "pull-link",
            "--hub",
            "https://hub.example.org/",
            "--repo",
            "https://git.example.org/a/smedx.git",
        ]
    )
    assert args.func(args) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://hub.example.org/hub/user-redirect/git-pull?repo=")
    assert "urlpath=lab%2Ftree%2Fsmedx%2Fmodules%2F00_" in link
    assert "branch=main" in link
    args.lang = "en"  # `smedx --lang en hub pull-link ...`: the English edition's first module
    assert args.func(args) == 0
    assert "modules%2Fen%2F00_getting_started.ipynb" in capsys.readouterr().out


def test_check_says_what_is_missing(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SMEDX_LANG", "en")  # the check lines' language
    monkeypatch.setenv("SMEDX_HUB_STATE", str(tmp_path / "missing-state"))
    monkeypatch.setenv("SMEDX_HUB_TRAINERS_GROUP", "no-such-group-" + secrets.token_hex(3))
    args = parser().parse_args(["hub", "check"])
    assert args.func(args) == 1
    out = capsys.readouterr().out
    assert "NO  state" in out and "NO  group no-such-group" in out
    assert "ok  python of the servers" in out


def test_hub_help_is_bilingual():
    help_text = (
        parser().format_help() + parser()._subparsers._group_actions[0].choices["hub"].format_help()
    )
    assert "JupyterHub" in help_text and "开课" in help_text
