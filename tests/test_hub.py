"""A real JupyterHub on 127.0.0.1 with real local accounts, driven through its HTTP API.

The module starts deploy/hub/jupyterhub_config.py as it runs on a course server: PAM login of
accounts made with useradd, configurable-http-proxy from npm (deploy/hub/node_modules, installed
with `npm ci` if missing), servers spawned as those accounts in memory-limited cgroups, the idle
culler as a hub service. The kit checkout that `smedx hub init` locks is a git clone of this
repository (its history holds the solutions, as /opt/smedx's does). Everything it creates
(accounts, groups, folders) has a random prefix and is removed at the end; the hub and its
servers stop with it.

Needs root (CI runs as root), Node.js >= 20 with npm, and a writable memory cgroup; without them
the tests fail with a message saying which is missing. About 3-4 minutes on 2 cores.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import keyscan
import pytest
import requests
import websocket
from shared_python import shared_bin

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "deploy" / "hub"
PYTHON = sys.executable
COURSE_FOLDER = "数转课堂"
MEM_LIMIT = 1024**3  # 1 GiB per user in this hub
CULL_TIMEOUT = 60
ARTIFACTS = ROOT / "test-artifacts" / "hub"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# `smedx hub ...` through deploy_cli's own parser (what the `smedx` command runs for `hub`)
SMEDX_HUB_CLI = (
    "import argparse, sys\n"
    "from smedx.cli import deploy as deploy_cli\n"
    "p = argparse.ArgumentParser(prog='smedx')\n"
    "deploy_cli.register(p.add_subparsers())\n"
    "a = p.parse_args(sys.argv[1:])\n"
    "sys.exit(a.func(a))\n"
)


def run_cli(env: dict[str, str], *args: str) -> str:
    """`smedx hub ...` through deploy_cli's own parser, in a child process with env."""
    result = subprocess.run(
        [PYTHON, "-c", SMEDX_HUB_CLI, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"smedx {' '.join(args)}: {result.stdout}\n{result.stderr}"
    return result.stdout


@dataclass
class Hub:
    url: str
    env: dict[str, str]
    tmp: Path
    log: Path
    passwords: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # role -> account name
    tokens: dict[str, str] = field(default_factory=dict)

    # --- the hub's HTTP API -------------------------------------------------------------------
    def form_login(self, name: str, password: str) -> requests.Response:
        """The login page, as a browser submits it (creates the hub user, syncs its groups)."""
        s = requests.Session()
        s.get(f"{self.url}/hub/login", timeout=30)
        return s.post(
            f"{self.url}/hub/login",
            data={"username": name, "password": password, "_xsrf": s.cookies.get("_xsrf", "")},
            allow_redirects=False,
            timeout=60,
        )

    def api_token(self, name: str, password: str) -> requests.Response:
        """POST /hub/api/users/NAME/tokens authenticated by username and password (PAM)."""
        return requests.post(
            f"{self.url}/hub/api/users/{name}/tokens",
            json={"auth": {"username": name, "password": password}, "note": "test_hub"},
            timeout=60,
        )

    def token(self, name: str) -> str:
        if name not in self.tokens:
            assert self.form_login(name, self.passwords[name]).status_code == 302
            reply = self.api_token(name, self.passwords[name])
            assert reply.status_code == 201, reply.text
            self.tokens[name] = reply.json()["token"]
        return self.tokens[name]

    def get(self, name: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {self.token(name)}"}
        return requests.get(f"{self.url}{path}", headers=headers, timeout=120, **kw)

    def post(self, name: str, path: str, **kw) -> requests.Response:
        headers = {"Authorization": f"token {self.token(name)}"}
        return requests.post(f"{self.url}{path}", headers=headers, timeout=300, **kw)

    def server(self, name: str) -> dict | None:
        reply = self.get(name, f"/hub/api/users/{name}")
        reply.raise_for_status()
        return reply.json()["servers"].get("")

    def spawn(self, name: str, timeout: float = 240) -> dict:
        """Start NAME's server (if not running) and wait until it is ready."""
        state = self.server(name)
        if not (state and state.get("ready")):
            if not state:
                reply = self.post(name, f"/hub/api/users/{name}/server")
                assert reply.status_code in (201, 202), reply.text
            deadline = time.monotonic() + timeout
            while not (state and state.get("ready")):
                assert time.monotonic() < deadline, f"{name}'s server not ready:\n{self.tail()}"
                time.sleep(1)
                state = self.server(name)
        return state

    def user_api(self, name: str, path: str) -> str:
        self.spawn(name)
        return f"/user/{name}/{path.lstrip('/')}"

    def tail(self, n: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])


def require_machine() -> None:
    problems = []
    if os.geteuid() != 0:
        problems.append("root (to create local accounts and spawn servers as them)")
    if shutil.which("npm") is None:
        problems.append("Node.js >= 20 with npm (for configurable-http-proxy)")
    if problems:
        pytest.fail("test_hub needs " + "; ".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def hub():
    require_machine()
    from smedx.cli import deploy as deploy_cli
    from smedx.hub import host

    if not (HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        deploy_cli.install_proxy()

    prefix = "smxh" + secrets.token_hex(2)
    tmp = Path(tempfile.mkdtemp(prefix="smedx-hub-"))
    tmp.chmod(0o755)  # learners must reach the exchange inside it
    ports = [free_port() for _ in range(3)]
    kit = tmp / "kit"
    subprocess.run(["git", "clone", "-q", f"file://{ROOT}", str(kit)], check=True)
    env = {
        **os.environ,
        "SMEDX_HUB_KIT_ROOT": str(kit),
        "SMEDX_HUB_RELEASE_DIR": str(tmp / "release"),
        "SMEDX_HUB_STATE": str(tmp / "state"),
        "SMEDX_HUB_COURSE_DIR": str(tmp / "course"),
        "SMEDX_EXCHANGE": str(tmp / "exchange"),
        "SMEDX_HUB_TRAINERS_GROUP": f"{prefix}-trainers",
        "SMEDX_HUB_LEARNERS_GROUP": f"{prefix}-learners",
        "SMEDX_HUB_MEM_LIMIT": "1G",
        "SMEDX_HUB_SPAWNER": "cgroup",
        "SMEDX_HUB_CULL_TIMEOUT": str(CULL_TIMEOUT),
        "SMEDX_HUB_CULL_EVERY": "10",
        "SMEDX_HUB_ACTIVITY_INTERVAL": "10",
        "SMEDX_HUB_PYTHON": str(shared_bin(tmp) / "python"),  # one the accounts can run
    }
    users = {
        "learner": f"{prefix}l1",
        "trainer": f"{prefix}t1",
        "idle": f"{prefix}l2",
        "outsider": f"{prefix}x1",
    }
    log = tmp / "hub.log"
    process = None
    try:
        run_cli(env, "hub", "init")
        passwords = {}
        for role, name in users.items():
            if role == "outsider":  # an account in neither course group
                passwords[name] = host.add_user(name, "users")
                continue
            extra = ["--trainer"] if role == "trainer" else []
            line = run_cli(env, "hub", "adduser", name, *extra).strip()
            passwords[name] = line.split("\t")[1]
        hub_port, api_port, proxy_api_port = ports
        # The documented start command: `smedx hub start [jupyterhub options]`.
        options = [
            f"--JupyterHub.bind_url=http://127.0.0.1:{hub_port}",
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{api_port}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{proxy_api_port}",
        ]
        with log.open("w") as out:
            process = subprocess.Popen(
                [PYTHON, "-c", SMEDX_HUB_CLI, "hub", "start", "--", *options],
                cwd=tmp,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        the_hub = Hub(f"http://127.0.0.1:{hub_port}", env, tmp, log, passwords, users)
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"the hub exited:\n{the_hub.tail()}"
            assert time.monotonic() < deadline, f"the hub did not start:\n{the_hub.tail()}"
            try:
                if requests.get(f"{the_hub.url}/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(1)
        print(run_cli(env, "hub", "check"))  # every line ok, or it fails
        # The idle learner's server starts now and is left alone: the culler should stop it
        # while the other tests run (test_idle_servers_are_culled checks).
        idle = users["idle"]
        reply = the_hub.post(idle, f"/hub/api/users/{idle}/server")
        assert reply.status_code in (201, 202), reply.text
        yield the_hub
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the hub stops its servers and the proxy
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        from smedx.hub import spawner

        for name in users.values():
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            host.remove_user(name)
            spawner.end_cgroup(user_cgroup(name))
        host.remove_group(env["SMEDX_HUB_TRAINERS_GROUP"])
        host.remove_group(env["SMEDX_HUB_LEARNERS_GROUP"])
        if log.exists():  # kept for whoever reads a failure (test-artifacts/ is git-ignored)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(log, ARTIFACTS / "hub.log")
        shutil.rmtree(tmp, ignore_errors=True)


def user_cgroup(name: str) -> Path:
    """The memory cgroup folder the hub's spawner makes for a user (smedx/hub/spawner.py)."""
    from smedx.hub import spawner

    base, _ = spawner.memory_cgroup_base()
    return base / spawner.SUBTREE / f"user-{name}"


# --- helpers over the kernel websocket ----------------------------------------------------------
def send_cell(hub: Hub, name: str, kernel_id: str, code: str, timeout: float = 120):
    """Open /user/NAME/api/kernels/ID/channels and send an execute_request; return (ws, id)."""
    ws_url = hub.url.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel_id}/channels"
    ws = websocket.create_connection(
        ws_url, header=[f"Authorization: token {hub.token(name)}"], timeout=timeout
    )
    msg_id = uuid.uuid4().hex
    header = {
        "msg_id": msg_id,
        "username": name,
        "session": uuid.uuid4().hex,
        "msg_type": "execute_request",
        "version": "5.3",
    }
    content = {
        "code": code,
        "silent": False,
        "store_history": False,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
    ws.send(json.dumps({**message, "channel": "shell", "buffers": []}))
    return ws, msg_id


def run_cell(hub: Hub, name: str, kernel_id: str, code: str, timeout: float = 120) -> dict:
    """Execute code in a kernel through the hub; return the execute_reply and what it printed."""
    ws, msg_id = send_cell(hub, name, kernel_id, code, timeout)
    printed, reply, idle = [], None, False
    deadline = time.monotonic() + timeout
    try:
        while not (reply is not None and idle):
            assert time.monotonic() < deadline, "no execute_reply"
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, body = msg["msg_type"], msg["content"]
            if kind == "stream":
                printed.append(body["text"])
            elif kind == "error":
                printed.append("\n".join(body["traceback"]))
            elif kind == "execute_reply":
                reply = body
            elif kind == "status":
                idle = body["execution_state"] == "idle"
    finally:
        ws.close()
    return {"reply": reply, "text": "".join(printed)}


def start_kernel(hub: Hub, name: str) -> str:
    reply = hub.post(name, hub.user_api(name, "api/kernels"), json={"name": "python3"})
    assert reply.status_code == 201, reply.text
    return reply.json()["id"]


# --- the tests ----------------------------------------------------------------------------------
def test_login_through_the_hub_api(hub):
    learner, trainer, outsider = (hub.users[k] for k in ("learner", "trainer", "outsider"))
    assert hub.api_token(learner, "wrong password").status_code == 403
    # An account in neither course group cannot log in, with the right password.
    assert hub.form_login(outsider, hub.passwords[outsider]).status_code != 302
    for name, group in ((learner, "nbgrader-smedx"), (trainer, "formgrade-smedx")):
        me = hub.get(name, "/hub/api/user").json()
        assert me["name"] == name
        assert me["groups"] == [group]


def test_learner_gets_the_course_and_a_chinese_jupyterlab(hub):
    learner = hub.users["learner"]
    state = hub.spawn(learner)
    assert state["url"] == f"/user/{learner}/"
    folder = quote(f"{COURSE_FOLDER}/modules")
    listing = hub.get(learner, hub.user_api(learner, f"api/contents/{folder}")).json()
    names = {item["name"] for item in listing["content"]}
    kit = Path(hub.env["SMEDX_HUB_KIT_ROOT"])
    # the Chinese edition's notebooks and the English edition's folder
    assert {p.name for p in (kit / "modules").glob("*.ipynb")} | {"en"} <= names
    # Open the first module as JupyterLab does: the page, then the notebook's content.
    module = quote(f"{COURSE_FOLDER}/modules/00_入门.ipynb")
    page = hub.get(learner, hub.user_api(learner, f"lab/tree/{module}"))
    assert page.status_code == 200 and "jupyter-config-data" in page.text
    notebook = hub.get(learner, hub.user_api(learner, f"api/contents/{module}")).json()
    assert notebook["type"] == "notebook" and notebook["content"]["cells"]
    assert notebook["writable"] is True  # the learner's own copy
    # The Chinese UI is the default (deploy/lab/overrides.json in the servers' environment).
    settings = hub.get(
        learner,
        hub.user_api(learner, "lab/api/settings/@jupyterlab/translation-extension:plugin"),
    ).json()
    assert settings["schema"]["properties"]["locale"]["default"] == "zh_CN"
    assert settings["settings"].get("locale", "zh_CN") == "zh_CN"  # the learner kept it
    languages = hub.get(learner, hub.user_api(learner, "lab/api/translations")).json()
    assert "zh_CN" in languages["data"]  # the language pack is there to use it
    # nbgitpuller links (course updates, docs/deployment.md) reach the learner's server.
    link = "git-pull?repo=https%3A%2F%2Fgit.example.org%2Fsmedx.git&branch=main"
    pull = hub.get(learner, hub.user_api(learner, link))
    assert pull.status_code == 200 and "nbgitpuller" in pull.text


def test_a_cell_runs_as_the_learner_who_cannot_read_the_course_or_others(hub):
    learner, trainer = hub.users["learner"], hub.users["trainer"]
    hub.spawn(trainer)  # the trainer's home exists and holds the course link
    kernel = start_kernel(hub, learner)
    code = f"""
import json, os
from smedx import data
def readable(path):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path).read(1)
        return True
    except PermissionError:
        return False
print(json.dumps({{
    "uid": os.getuid(),
    "figures": len(data.figures()),
    "course": readable({str(hub.tmp / "course" / "solutions")!r}),
    "gradebook_dir": readable({str(hub.tmp / "course")!r}),
    "trainer_home": readable({pwd.getpwnam(trainer).pw_dir!r}),
}}))
"""
    out = run_cell(hub, learner, kernel, code)
    assert out["reply"]["status"] == "ok", out["text"]
    result = json.loads(out["text"].strip().splitlines()[-1])
    assert result["uid"] == pwd.getpwnam(learner).pw_uid
    assert result["figures"] > 0
    assert result == {**result, "course": False, "gradebook_dir": False, "trainer_home": False}


def test_a_voila_app_renders_through_the_hub(hub):
    learner = hub.users["learner"]
    widgets = Path(hub.env["SMEDX_HUB_KIT_ROOT"]) / "widgets"
    apps = sorted(p.name for p in widgets.glob("*.ipynb") if p.name != "index.ipynb")
    assert apps, "widgets/ has no app notebook"
    app = quote(f"{COURSE_FOLDER}/widgets/{apps[0]}")
    page = hub.get(learner, hub.user_api(learner, f"voila/render/{app}"))
    assert page.status_code == 200, page.text[-2000:]
    assert "application/vnd.jupyter.widget-view+json" in page.text
    assert "Traceback" not in page.text


def test_only_the_trainer_reaches_the_formgrader(hub):
    learner, trainer = hub.users["learner"], hub.users["trainer"]
    reply = hub.get(trainer, hub.user_api(trainer, "formgrader"))
    assert reply.status_code == 200 and "formgrader" in reply.text.lower()
    assignments = hub.get(trainer, hub.user_api(trainer, "formgrader/api/assignments")).json()
    assert "m00" in {a["name"] for a in assignments}
    assert hub.get(learner, hub.user_api(learner, "formgrader")).status_code == 404
    lab = hub.get(learner, hub.user_api(learner, "lab")).text
    assert "@jupyter/nbgrader:formgrader" in lab  # listed among the disabled extensions
    assert "@jupyter/nbgrader:formgrader" not in hub.get(trainer, f"/user/{trainer}/lab").text


def test_nbgrader_exchange_between_trainer_and_learner(hub):
    learner, trainer = hub.users["learner"], hub.users["trainer"]
    for step in ("assign", "release"):
        reply = hub.post(trainer, hub.user_api(trainer, f"formgrader/api/assignment/m00/{step}"))
        assert reply.status_code == 200 and reply.json()["success"], reply.text
    listed = hub.get(learner, hub.user_api(learner, "assignments?course_id=smedx")).json()
    assert listed["success"], listed
    assert "m00" in {a["assignment_id"] for a in listed["value"]}
    form = {"course_id": "smedx", "assignment_id": "m00"}
    for action in ("fetch", "submit"):
        reply = hub.post(learner, hub.user_api(learner, f"assignments/{action}"), data=form)
        assert reply.status_code == 200 and reply.json()["success"], reply.text
    fetched = Path(pwd.getpwnam(learner).pw_dir, COURSE_FOLDER, "作业", "m00")
    assert any(fetched.glob("*.ipynb"))
    reply = hub.post(trainer, hub.user_api(trainer, "formgrader/api/assignment/m00/collect"))
    assert reply.status_code == 200 and reply.json()["success"], reply.text
    assert any((hub.tmp / "course" / "submitted" / learner / "m00").glob("*.ipynb"))


def as_account(name: str, *command: str) -> subprocess.CompletedProcess:
    """A command run as a local account (runuser: its uid, gid and groups)."""
    return subprocess.run(["runuser", "-u", name, "--", *command], capture_output=True, text=True)


def test_no_learner_account_reads_a_key_and_check_names_one_opened(hub):
    """After `smedx hub init` and a collect (test_nbgrader_exchange...): another learner tries the
    issue's way in (the kit's git history) and every other key; then a key opened by hand."""
    learner, other = hub.users["learner"], hub.users["idle"]
    kit, course = Path(hub.env["SMEDX_HUB_KIT_ROOT"]), hub.tmp / "course"
    collected = course / "submitted" / learner / "m00"
    assert any(collected.glob("*.ipynb")), "run after test_nbgrader_exchange_between_..."
    show = ["cat-file", "-p", "HEAD:solutions/m01/m01.ipynb"]
    leak = as_account(other, "git", "-c", "safe.directory=*", "-C", str(kit), *show)
    assert leak.returncode != 0 and "nbgrader" not in leak.stdout
    keys = [
        kit / ".git",
        kit / "solutions",
        kit / "trainer",
        course / "solutions",
        course / "trainer",
        course / "gradebook.db",
        collected,
        *collected.glob("*"),
        Path(pwd.getpwnam(learner).pw_dir),
    ]
    for key in keys:
        assert as_account(other, "test", "-r", str(key)).returncode != 0, key
        assert as_account(other, "test", "-x", str(key)).returncode != 0, key
    release = Path(hub.env["SMEDX_HUB_RELEASE_DIR"])
    assert (
        as_account(other, "test", "-r", str(release / "modules" / "00_入门.ipynb")).returncode == 0
    )
    assert not {".git", "solutions", "trainer", "gradebook.db"} & {
        p.name for p in release.rglob("*")
    }
    # No key text in the learners' copy nor in a learner's own course folder.
    found = keyscan.secrets(ROOT)
    assert found, "tests/keyscan.py found no key to look for"
    learner_copy = Path(pwd.getpwnam(learner).pw_dir) / COURSE_FOLDER
    assert not keyscan.scan(release, found) and not keyscan.scan(learner_copy, found)

    english = {**hub.env, "SMEDX_LANG": "en"}  # the check lines' language
    assert "can read key material" not in run_cli(english, "hub", "check")
    (kit / ".git").chmod(0o755)  # a hand opened the history again
    try:
        opened = subprocess.run(
            [PYTHON, "-c", SMEDX_HUB_CLI, "hub", "check"],
            env=english,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert opened.returncode == 1, opened.stdout
        assert f"can read key material: {kit / '.git'}; fix: sudo chgrp" in opened.stdout
    finally:
        run_cli(hub.env, "hub", "init")  # closes it again
    assert "can read key material" not in run_cli(english, "hub", "check")


def test_memory_limit_stops_a_runaway_kernel_not_the_server(hub):
    learner = hub.users["learner"]
    hub.spawn(learner)
    server_pids = subprocess.run(
        ["pgrep", "-u", learner, "-f", "jupyterhub.singleuser"], capture_output=True, text=True
    ).stdout.split()
    assert server_pids, "no single-user server process"
    memory_line = next(
        line
        for line in Path(f"/proc/{server_pids[0]}/cgroup").read_text().splitlines()
        if "memory" in line.split(":")[1] or line.startswith("0::")
    )
    assert memory_line.endswith(f"smedx-hub/user-{learner}"), memory_line
    folder = user_cgroup(learner)
    limit = next(f for f in ("memory.limit_in_bytes", "memory.max") if (folder / f).exists())
    assert int((folder / limit).read_text()) == MEM_LIMIT  # SMEDX_HUB_MEM_LIMIT=1G
    kernel = start_kernel(hub, learner)
    out = run_cell(hub, learner, kernel, "import os\nprint(os.getpid())")
    kernel_pid = int(out["text"].strip())
    # The kernel is in the user's cgroup too (it was forked by the server).
    assert (
        Path(f"/proc/{kernel_pid}/cgroup").read_text()
        == Path(f"/proc/{server_pids[0]}/cgroup").read_text()
    )
    ws, _ = send_cell(hub, learner, kernel, f"hog = bytearray({MEM_LIMIT + 300 * 1024**2})")
    deadline = time.monotonic() + 90
    while Path(f"/proc/{kernel_pid}").exists():
        assert time.monotonic() < deadline, "the runaway kernel was not stopped"
        time.sleep(0.5)
    ws.close()
    assert Path(f"/proc/{server_pids[0]}").exists(), "the server was killed, not the kernel"
    assert hub.get(learner, hub.user_api(learner, "api/status")).status_code == 200
    # The server restarts the kernel: the learner can go on working.
    deadline = time.monotonic() + 90
    while True:
        try:
            out = run_cell(hub, learner, kernel, "print(6 * 7)", timeout=30)
            if out["text"].strip() == "42":
                break
        except (AssertionError, websocket.WebSocketException, OSError):
            pass
        assert time.monotonic() < deadline, "the kernel did not come back"
        time.sleep(2)


def test_idle_servers_are_culled(hub):
    """The idle learner's server was started with the hub and never used since."""
    idle = hub.users["idle"]
    culled = f"Culling server {idle}"  # what jupyterhub-idle-culler logs
    deadline = time.monotonic() + CULL_TIMEOUT + 180
    while hub.server(idle) or culled not in hub.log.read_text():
        assert time.monotonic() < deadline, f"{idle}'s idle server was not culled:\n{hub.tail()}"
        time.sleep(5)
    # Its memory cgroup went with it (and any kernel left inside).
    folder = user_cgroup(idle)
    deadline = time.monotonic() + 30
    while folder.exists():
        assert time.monotonic() < deadline, f"{folder} was not removed"
        time.sleep(1)
