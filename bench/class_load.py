"""A whole class on the one-server hub: N learners log in, work through module 02, submit m02.

The real hub of deploy/hub (`smedx hub init`, `smedx hub start`, its PAM login, its memory-cgroup
spawner, the learners' Jupyter configuration) runs on 127.0.0.1 with N + 1 fresh local accounts.
Each simulated learner does what a learner does in the browser, over the same HTTP and websocket
calls JupyterLab makes (as hubtraf does, without a browser):

1. logs in through the hub's login form, starts their server, waits for it (the spawn);
2. opens module 02 (a kernel session in the module's folder) and runs every code cell as
   "Run All" does: all execute_requests at once, outputs read from the kernel websocket;
3. answers its widget exercises the way a click does (comm "update" messages to the widget
   models: the practice questions and the self-assessment form); the answers file on disk is
   then read back: every answer sent must be in it;
4. opens one Voila app (the page, then its kernel's websocket);
5. fetches and submits assignment m02 through nbgrader's assignment list (the exchange).

Meanwhile a trainer releases m02, collects once half the class has submitted and again at the
end, then runs `smedx grade m02` (as the course server does: root, sandboxed grading account).
A monitor samples the memory (PSS and RSS) and CPU time of each learner's processes.

Reported per N: spawn success rate, time to first cell output (from the login click) p50/p95,
cell latency, widget answers lost (must be 0), submissions received and graded (must be N),
memory per learner, CPU seconds per learner and of the machine. The run starts with one learner
alone (the in-run baseline: each class's p95 first output is also given as a ratio to it); a sweep
(`--learners 5,10,20`) stops at the first N where p95 first output passes 10 s or anything fails,
and says so.

    sudo .venv/bin/python bench/class_load.py --learners 10 [--mode staggered|at-once]
        [--every 2] [--out class_load.json]

Needs root (accounts, cgroups), Node.js with npm (configurable-http-proxy). Everything it makes
(accounts, groups, cgroups, folders) has a random prefix and is removed at the end, also after a
failure; the hub and its servers stop with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "deploy" / "hub"
sys.path.insert(0, str(ROOT))
from smedx.errors import KitError  # noqa: E402
from smedx.files import write_atomic  # noqa: E402

PYTHON = sys.executable
COURSE_FOLDER = "数转课堂"
MODULE = "modules/02_现状与阶段评估.ipynb"
ANSWERS = "modules/answers_m02.json"
ASSIGNMENT = "m02"
VOILA_APP = "widgets/assessment.ipynb"
FIRST_OUTPUT_LIMIT = 10.0  # seconds: the p95 a class should not wait longer than
SAMPLE_EVERY = 1.0
MB = 1024 * 1024

# `smedx hub ...` through deploy_cli's own parser (what the `smedx` command runs for `hub`).
SMEDX_HUB_CLI = (
    "import argparse, sys\n"
    "from smedx.cli import deploy as deploy_cli\n"
    "p = argparse.ArgumentParser(prog='smedx')\n"
    "deploy_cli.register(p.add_subparsers())\n"
    "a = p.parse_args(sys.argv[1:])\n"
    "sys.exit(a.func(a))\n"
)

_print_lock = threading.Lock()
_t0 = time.monotonic()


def say(text: str) -> None:
    with _print_lock:
        print(f"[{time.monotonic() - _t0:7.1f}s] {text}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return round(ordered[int(rank) - 1], 2)


# --- the machine and the hub ------------------------------------------------------------------
def require_machine() -> None:
    if os.geteuid() != 0:
        raise KitError(
            "需要 root：要新建本地账号并以它们的身份启动服务器（sudo .venv/bin/python "
            "bench/class_load.py …）。",
            "needs root: it creates local accounts and starts servers as them (sudo "
            ".venv/bin/python bench/class_load.py ...).",
        )
    if shutil.which("npm") is None and not (HUB_DIR / "node_modules" / ".bin").exists():
        raise KitError(
            "需要 Node.js（≥ 20）和 npm 来安装 configurable-http-proxy。",
            "needs Node.js (>= 20) with npm for configurable-http-proxy.",
        )


def servers_python(base: Path) -> Path:
    """An interpreter the learners' accounts can run, with this environment's packages (a venv of
    a Python they can run, loading them, where this one lives in root's home; see test_hub.py)."""
    probe = subprocess.run(
        ["runuser", "-u", "nobody", "--", PYTHON, "-c", "import smedx, jupyterhub"],
        capture_output=True,
        cwd="/",  # not from a checkout in the working directory
    )
    if probe.returncode == 0:
        return Path(PYTHON)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    # The base interpreter where other accounts can run it (CI copies 3.13 to /opt), else Debian's.
    for system in (Path(sys.base_prefix) / "bin" / f"python{version}", Path("/usr/bin/python3")):
        found = subprocess.run(
            ["runuser", "-u", "nobody", "--", system, "-c", "import sys; print(sys.version)"],
            capture_output=True,
            text=True,
        )
        if found.returncode == 0 and found.stdout.startswith(version):
            break
    else:
        raise KitError(
            f"其他账号无法运行 {PYTHON}，也找不到他们能运行的 Python {version}。",
            f"other accounts cannot run {PYTHON} and no Python {version} they can run was found.",
        )
    shim = base / "env"
    subprocess.run([system, "-m", "venv", "--without-pip", shim], check=True)
    site = next(shim.glob("lib/python3*/site-packages"))
    packages = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    (site / "smedx_env.pth").write_text(f"import site; site.addsitedir({str(packages)!r})\n")
    for tool, module in (("alembic", "alembic"), ("nbgrader", "nbgrader"), ("jupyter", "jupyter")):
        wrapper = shim / "bin" / tool
        wrapper.write_text(f'#!/bin/sh\nexec {shim}/bin/python -m {module} "$@"\n')
        wrapper.chmod(0o755)
    return shim / "bin" / "python"


def run_cli(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-c", SMEDX_HUB_CLI, *args], env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise RuntimeError(f"smedx {' '.join(args)}: {result.stdout}\n{result.stderr}")
    return result.stdout


@dataclass
class Hub:
    url: str
    env: dict[str, str]
    tmp: Path
    log: Path
    trainer: str
    learners: list[str]
    passwords: dict[str, str]
    process: subprocess.Popen | None = None

    @property
    def course(self) -> Path:
        return self.tmp / "course"

    def tail(self, n: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])


class HubUnderLoad:
    """A fresh hub with a trainer and n learner accounts; everything removed on exit."""

    def __init__(self, n: int):
        self.n = n
        self.prefix = "smxc" + secrets.token_hex(2)
        self.tmp = Path(tempfile.mkdtemp(prefix="smedx-class-"))
        self.names: list[str] = []
        self.hub: Hub | None = None

    def __enter__(self) -> Hub:
        try:
            return self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def _start(self) -> Hub:
        from smedx.cli import deploy as deploy_cli
        from smedx.hub import host

        if not (HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy").exists():
            deploy_cli.install_proxy()
        tmp = self.tmp
        tmp.chmod(0o755)  # learners reach the exchange inside it
        kit = tmp / "kit"
        subprocess.run(["git", "clone", "-q", f"file://{ROOT}", str(kit)], check=True)
        env = {
            **os.environ,
            "SMEDX_HUB_KIT_ROOT": str(kit),
            "SMEDX_HUB_RELEASE_DIR": str(tmp / "release"),
            "SMEDX_HUB_STATE": str(tmp / "state"),
            "SMEDX_HUB_COURSE_DIR": str(tmp / "course"),
            "SMEDX_EXCHANGE": str(tmp / "exchange"),
            "SMEDX_HUB_TRAINERS_GROUP": f"{self.prefix}-trainers",
            "SMEDX_HUB_LEARNERS_GROUP": f"{self.prefix}-learners",
            "SMEDX_HUB_MEM_LIMIT": "1G",
            "SMEDX_HUB_SPAWNER": os.environ.get("SMEDX_HUB_SPAWNER", "cgroup"),
            "SMEDX_HUB_PYTHON": str(servers_python(tmp)),
        }
        say(f"hub init ({self.prefix}: 1 trainer, {self.n} learners)")
        run_cli(env, "hub", "init")
        trainer = f"{self.prefix}t"
        learners = [f"{self.prefix}l{i:03d}" for i in range(1, self.n + 1)]
        passwords = {}
        for name in [trainer, *learners]:
            self.names.append(name)
            group = env[
                "SMEDX_HUB_TRAINERS_GROUP" if name == trainer else "SMEDX_HUB_LEARNERS_GROUP"
            ]
            passwords[name] = host.add_user(name, group)
        hub_port, api_port, proxy_api_port = (free_port() for _ in range(3))
        options = [
            f"--JupyterHub.bind_url=http://127.0.0.1:{hub_port}",
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{api_port}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{proxy_api_port}",
            # A class logs in within minutes: do not let the hub queue spawns below the class size.
            f"--JupyterHub.concurrent_spawn_limit={max(100, self.n)}",
        ]
        log = tmp / "hub.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [PYTHON, "-c", SMEDX_HUB_CLI, "hub", "start", "--", *options],
                cwd=tmp,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.hub = Hub(
            f"http://127.0.0.1:{hub_port}", env, tmp, log, trainer, learners, passwords, process
        )
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the hub exited:\n{self.hub.tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start:\n{self.hub.tail()}")
            try:
                if requests.get(f"{self.hub.url}/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        say(f"hub up at {self.hub.url}")
        return self.hub

    def __exit__(self, *_exc) -> None:
        from smedx.hub import host, spawner

        process = self.hub.process if self.hub else None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the hub stops its servers and the proxy
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        found = spawner.memory_cgroup_base()
        for name in self.names:
            kill_account_processes(name)
            host.remove_user(name)
            if found:
                spawner.end_cgroup(found[0] / spawner.SUBTREE / f"user-{name}")
        host.remove_group(f"{self.prefix}-trainers")
        host.remove_group(f"{self.prefix}-learners")
        shutil.rmtree(self.tmp, ignore_errors=True)


def account_processes(name: str) -> list[psutil.Process]:
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return []
    found = []
    for proc in psutil.process_iter(["uids"]):
        uids = proc.info["uids"]
        if uids is not None and uids.real == uid:
            found.append(proc)
    return found


def kill_account_processes(name: str) -> None:
    """SIGKILL what is left of one of this run's accounts (each by its pid)."""
    for proc in account_processes(name):
        with contextlib.suppress(psutil.Error):
            proc.kill()


# --- the monitor: memory and CPU of each learner's processes ------------------------------------
class Monitor(threading.Thread):
    def __init__(self, names: list[str], hub_pid: int):
        super().__init__(daemon=True)
        self.names = names
        self.hub_pid = hub_pid
        self.stop_event = threading.Event()
        self.peak_pss: dict[str, int] = dict.fromkeys(names, 0)
        self.peak_rss: dict[str, int] = dict.fromkeys(names, 0)
        self.last_pss: dict[str, int] = dict.fromkeys(names, 0)
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (owner, most CPU seconds seen)
        self.busy: list[float] = []  # machine CPU use per sample, 0..1
        self.uids = {pwd.getpwnam(n).pw_uid: n for n in names}

    def run(self) -> None:
        last = psutil.cpu_times()
        while not self.stop_event.wait(SAMPLE_EVERY):
            now = psutil.cpu_times()
            total = sum(now) - sum(last)
            idle = (now.idle + getattr(now, "iowait", 0)) - (last.idle + getattr(last, "iowait", 0))
            if total > 0:
                self.busy.append(1 - idle / total)
            last = now
            self.sample()

    def sample(self) -> None:
        pss = dict.fromkeys(self.names, 0)
        rss = dict.fromkeys(self.names, 0)
        hub_tree = {self.hub_pid}
        with contextlib.suppress(psutil.Error):
            hub_tree |= {p.pid for p in psutil.Process(self.hub_pid).children(recursive=True)}
        for proc in psutil.process_iter(["uids"]):
            uids = proc.info["uids"]
            owner = self.uids.get(uids.real) if uids else None
            if owner is None and proc.pid in hub_tree:
                owner = "hub"  # the hub, the proxy, the idle culler (root)
            if owner is None:
                continue
            try:
                times = proc.cpu_times()
                seconds = times.user + times.system
                if owner != "hub":
                    info = proc.memory_full_info()
                    pss[owner] += info.pss
                    rss[owner] += info.rss
            except psutil.Error:
                continue
            self.cpu[proc.pid] = (owner, max(seconds, self.cpu.get(proc.pid, ("", 0.0))[1]))
        for name in self.names:
            self.peak_pss[name] = max(self.peak_pss[name], pss[name])
            self.peak_rss[name] = max(self.peak_rss[name], rss[name])
        self.last_pss = pss

    def cpu_seconds(self) -> dict[str, float]:
        per: dict[str, float] = {}
        for owner, seconds in self.cpu.values():
            per[owner] = per.get(owner, 0.0) + seconds
        return per

    def finish(self) -> None:
        self.stop_event.set()
        self.join(timeout=30)


# --- one learner, over HTTP and the kernel websocket -------------------------------------------
@dataclass
class LearnerResult:
    name: str
    arrived: float = 0.0  # monotonic time of the login click
    spawned: bool = False
    spawn_s: float | None = None
    first_output_s: float | None = None
    cell_s: list[float] = field(default_factory=list)
    run_all_s: float | None = None
    answers_sent: dict[str, object] = field(default_factory=dict)
    answers_lost: list[str] = field(default_factory=list)
    answer_s: list[float] = field(default_factory=list)
    voila_s: float | None = None
    submitted: bool = False
    errors: list[str] = field(default_factory=list)


class Learner:
    def __init__(self, hub: Hub, name: str, result: LearnerResult):
        self.hub, self.name, self.result = hub, name, result
        self.session = requests.Session()
        self.token = ""

    # the hub: login form, token, spawn ----------------------------------------------------------
    def login(self) -> None:
        url = self.hub.url
        self.session.get(f"{url}/hub/login", timeout=60)
        reply = self.session.post(
            f"{url}/hub/login",
            data={
                "username": self.name,
                "password": self.hub.passwords[self.name],
                "_xsrf": self.session.cookies.get("_xsrf", ""),
            },
            allow_redirects=False,
            timeout=120,
        )
        if reply.status_code != 302:
            raise RuntimeError(f"login: HTTP {reply.status_code}")
        # A token by name and password (no login cookie, so no xsrf): the API calls use it.
        reply = requests.post(
            f"{url}/hub/api/users/{self.name}/tokens",
            json={"auth": {"username": self.name, "password": self.hub.passwords[self.name]}},
            timeout=120,
        )
        reply.raise_for_status()
        self.token = reply.json()["token"]
        self.session.headers["Authorization"] = f"token {self.token}"

    def spawn(self) -> None:
        url = f"{self.hub.url}/hub/api/users/{self.name}/server"
        reply = self.session.post(url, timeout=300)
        if reply.status_code not in (201, 202):
            raise RuntimeError(f"spawn: HTTP {reply.status_code} {reply.text[:300]}")
        # The spawn's progress events, as the hub's spawn-pending page reads them.
        with self.session.get(f"{url}/progress", stream=True, timeout=300) as events:
            for line in events.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("failed"):
                    raise RuntimeError(f"spawn failed: {event.get('message')}")
                if event.get("ready"):
                    return
        raise RuntimeError("spawn: the progress stream ended before the server was ready")

    def api(self, method: str, path: str, **kw) -> requests.Response:
        reply = self.session.request(
            method, f"{self.hub.url}/user/{self.name}/{path}", timeout=300, **kw
        )
        if reply.status_code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {reply.status_code} {reply.text[:300]}")
        return reply

    def channels(self, kernel_id: str) -> websocket.WebSocket:
        ws_url = self.hub.url.replace("http", "ws", 1)
        return websocket.create_connection(
            f"{ws_url}/user/{self.name}/api/kernels/{kernel_id}/channels",
            header=[f"Authorization: token {self.token}"],
            timeout=300,
        )

    # module 02: Run All, then the widget answers ------------------------------------------------
    def run_module(self) -> None:
        path = f"{COURSE_FOLDER}/{MODULE}"
        session = self.api(
            "POST",
            "api/sessions",
            json={
                "path": path,
                "name": Path(path).name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        ).json()
        notebook = self.api("GET", f"api/contents/{quote(path)}").json()["content"]
        cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        ws = self.channels(session["kernel"]["id"])
        try:
            models = self._run_all(ws, cells)
            self._answer(ws, cells, models)
        finally:
            ws.close()
            self.api("DELETE", f"api/sessions/{session['id']}")

    def _send(self, ws, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "username": self.name,
            "session": uuid.uuid4().hex,
            "msg_type": msg_type,
            "version": "5.3",
        }
        ws.send(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        return msg_id

    def _run_all(self, ws, cells: list[dict]) -> list[list[dict]]:
        """Send every code cell at once (Run All); return the widget models each cell opened."""
        ids = []
        for cell in cells:
            source = cell_source(cell)
            ids.append(
                self._send(
                    ws,
                    "execute_request",
                    {
                        "code": source,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                )
            )
        index = {msg_id: i for i, msg_id in enumerate(ids)}
        started: dict[str, float] = {}
        replied: set[str] = set()
        idle: set[str] = set()
        models: dict[str, list[dict]] = {msg_id: [] for msg_id in ids}
        run_start = time.monotonic()
        # A cell is done when its reply (shell) and its idle status (iopub, after every output
        # and widget of the cell) are in: the two channels are not ordered with each other.
        while len(replied) < len(ids) or len(idle) < len(ids):
            msg = json.loads(ws.recv())
            parent = msg.get("parent_header", {}).get("msg_id")
            if parent not in index:
                continue
            kind, body, now = msg["msg_type"], msg["content"], time.monotonic()
            if kind == "status" and body["execution_state"] == "busy":
                started.setdefault(parent, now)
            elif kind == "status" and body["execution_state"] == "idle":
                idle.add(parent)
                self.result.cell_s.append(now - started.get(parent, now))
            elif kind in ("stream", "display_data", "execute_result", "error"):
                if self.result.first_output_s is None:
                    self.result.first_output_s = now - self.result.arrived
                if kind == "error":
                    raise RuntimeError(f"cell {index[parent]}: {body['ename']}: {body['evalue']}")
            elif kind == "comm_open":
                models[parent].append({"comm_id": body["comm_id"], **body["data"]["state"]})
            elif kind == "execute_reply":
                if body["status"] != "ok":
                    raise RuntimeError(f"cell {index[parent]}: {body['status']}")
                replied.add(parent)
        self.result.run_all_s = time.monotonic() - run_start
        return [models[msg_id] for msg_id in ids]

    def _answer(self, ws, cells: list[dict], models: list[list[dict]]) -> None:
        """Answer each exercise as a click would: comm updates to its input widget models."""
        from smedx.exercises import question

        for cell, opened in zip(cells, models, strict=True):
            source = cell_source(cell)
            found = re.search(r'exercise\("([^"]+)"\)', source)
            if found:
                q = question(found.group(1))
                for comm_id, state in answer_updates(q, opened):
                    self._update(ws, comm_id, state)
                self.result.answers_sent[q.id] = q.example_answer
            elif "AssessmentForm()" in source:
                items = [m for m in opened if is_questionnaire_dropdown(m)]
                if not items:
                    raise RuntimeError("AssessmentForm: no questionnaire dropdown opened")
                for model in items:
                    self._update(ws, model["comm_id"], {"index": 1})
                self.result.answers_sent["m02.self_assessment"] = len(items)

    def _update(self, ws, comm_id: str, state: dict) -> None:
        start = time.monotonic()
        msg_id = self._send(
            ws,
            "comm_msg",
            {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )
        while True:  # the kernel is idle again once the change was handled (and saved)
            msg = json.loads(ws.recv())
            if (
                msg.get("parent_header", {}).get("msg_id") == msg_id
                and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"
            ):
                break
        self.result.answer_s.append(time.monotonic() - start)

    def check_answers(self) -> None:
        """Read the answers file on disk: every answer sent must be saved in it."""
        home = Path(pwd.getpwnam(self.name).pw_dir)
        path = home / COURSE_FOLDER / ANSWERS
        try:
            saved = json.loads(path.read_text())
        except (OSError, ValueError):
            saved = {}
        for qid, sent in self.result.answers_sent.items():
            entry = saved.get(qid, {}).get("answer") if isinstance(saved.get(qid), dict) else None
            if qid == "m02.self_assessment":
                ok = isinstance(entry, dict) and len(entry.get("answers", {})) == sent
            else:
                ok = same_answer(entry, sent)
            if not ok:
                self.result.answers_lost.append(qid)

    # a Voila app, then the assignment ------------------------------------------------------------
    def open_voila(self) -> None:
        start = time.monotonic()
        page = self.api("GET", f"voila/render/{quote(f'{COURSE_FOLDER}/{VOILA_APP}')}").text
        if "Traceback" in page or "application/vnd.jupyter.widget-view+json" not in page:
            raise RuntimeError("voila: the app page has no widgets or shows a traceback")
        found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page)
        if not found:
            raise RuntimeError("voila: no kernel id in the page")
        ws = self.channels(found.group(1))
        try:
            msg_id = self._send(ws, "kernel_info_request", {})
            while True:
                msg = json.loads(ws.recv())
                if (
                    msg.get("parent_header", {}).get("msg_id") == msg_id
                    and msg["msg_type"] == "kernel_info_reply"
                ):
                    break
        finally:
            ws.close()
        self.result.voila_s = time.monotonic() - start

    def fetch_and_submit(self) -> None:
        form = {"course_id": "smedx", "assignment_id": ASSIGNMENT}
        for action in ("fetch", "submit"):
            reply = self.api("POST", f"assignments/{action}", data=form).json()
            if not reply.get("success"):
                raise RuntimeError(f"{action}: {str(reply)[:300]}")
        self.result.submitted = True


def cell_source(cell: dict) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def answer_updates(q, opened: list[dict]) -> list[tuple[str, dict]]:
    """The widget state changes that put q.example_answer into an ExerciseWidget's controls."""
    keys = q.option_keys()
    answer = q.example_answer

    def one(model_name: str) -> dict:
        found = [m for m in opened if m.get("_model_name") == model_name]
        if len(found) != 1:
            raise RuntimeError(f"{q.id}: {len(found)} {model_name} widgets opened, expected 1")
        return found[0]

    if q.kind == "choice":
        radio = one("RadioButtonsModel")
        return [(radio["comm_id"], {"index": keys.index(answer)})]
    if q.kind == "multi":
        boxes = [m for m in opened if m.get("_model_name") == "CheckboxModel"]
        return [
            (b["comm_id"], {"value": True}) for b, k in zip(boxes, keys, strict=True) if k in answer
        ]
    if q.kind == "number":
        box = one("BoundedFloatTextModel")
        return [(box["comm_id"], {"value": float(answer)})]
    if q.kind == "text":
        area = one("TextareaModel")
        return [(area["comm_id"], {"value": str(answer)})]
    raise RuntimeError(f"{q.id}: no simulated click for a {q.kind} question")


# A questionnaire option reads "1. …（2 分）" on a Chinese page, "1. … (2 pts)" on an English one.
POINTS_LABEL = re.compile(r"(（\d+ 分）| \(\d+ pts\))$")


def is_questionnaire_dropdown(model: dict) -> bool:
    labels = model.get("_options_labels") or []
    return (
        model.get("_model_name") == "DropdownModel"
        and len(labels) > 1
        and bool(POINTS_LABEL.search(labels[1]))
    )


def same_answer(saved, sent) -> bool:
    if isinstance(sent, (int, float)) and isinstance(saved, (int, float)):
        return abs(float(saved) - float(sent)) < 1e-9
    if isinstance(sent, (list, tuple, set)):
        return isinstance(saved, list) and sorted(saved) == sorted(sent)
    return saved == sent


def learner_day(hub: Hub, name: str, result: LearnerResult, submitted: threading.Semaphore) -> None:
    learner = Learner(hub, name, result)
    step = "login"
    try:
        result.arrived = time.monotonic()
        learner.login()
        step = "spawn"
        learner.spawn()
        result.spawned = True
        result.spawn_s = time.monotonic() - result.arrived
        say(f"{name} server ready ({result.spawn_s:.1f} s after login)")
        step = "module 02"
        learner.run_module()
        learner.check_answers()
        say(
            f"{name} ran module 02 (first output {result.first_output_s:.1f} s, "
            f"{len(result.answers_sent)} answers, {len(result.answers_lost)} lost)"
        )
        step = "voila"
        learner.open_voila()
        step = "assignment"
        learner.fetch_and_submit()
        say(f"{name} submitted {ASSIGNMENT}")
    except Exception as err:  # noqa: BLE001 - a learner's failure is a result, not a crash
        result.errors.append(f"{step}: {type(err).__name__}: {str(err)[:400]}")
        say(f"{name} FAILED at {step}: {err}")
    finally:
        submitted.release()


# --- the trainer ------------------------------------------------------------------------------------
class Trainer:
    def __init__(self, hub: Hub):
        self.hub = hub
        self.learner = Learner(hub, hub.trainer, LearnerResult(hub.trainer))

    def release(self) -> None:
        self.learner.login()
        self.learner.spawn()
        for step in ("assign", "release"):
            reply = self.learner.api("POST", f"formgrader/api/assignment/{ASSIGNMENT}/{step}")
            if not reply.json().get("success"):
                raise RuntimeError(f"{step} {ASSIGNMENT}: {reply.text[:500]}")
        say(f"trainer released {ASSIGNMENT}")

    def collect(self) -> None:
        reply = self.learner.api("POST", f"formgrader/api/assignment/{ASSIGNMENT}/collect")
        if not reply.json().get("success"):
            raise RuntimeError(f"collect: {reply.text[:500]}")

    def received(self) -> list[str]:
        submitted = self.hub.course / "submitted"
        return sorted(p.name for p in submitted.glob("*") if any((p / ASSIGNMENT).glob("*.ipynb")))

    def grade(self) -> dict:
        """`smedx grade m02` in the course directory, as root (the sandboxed grading account)."""
        out = self.hub.tmp / "grades.json"
        start = time.monotonic()
        result = subprocess.run(
            [
                PYTHON,
                "-m",
                "smedx.cli",
                "grade",
                ASSIGNMENT,
                "--course-dir",
                str(self.hub.course),
                "--quiet",
                "--json",
                str(out),
            ],
            env=self.hub.env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        seconds = time.monotonic() - start
        try:
            outcomes = json.loads(out.read_text())
        except (OSError, ValueError):
            outcomes = None
        return {
            "exit": result.returncode,
            "seconds": round(seconds, 1),
            "outcomes": outcomes,
            "stderr": result.stderr[-1500:] if result.returncode else "",
        }


# --- one class, and a sweep -----------------------------------------------------------------------
def run_class(n: int, mode: str, every: float) -> dict:
    """One hub, one trainer, n learners: the whole scenario; returns the summary."""
    load_at_start = round(os.getloadavg()[0], 2)  # others' work on the machine skews timings
    with HubUnderLoad(n) as hub:
        trainer = Trainer(hub)
        trainer.release()
        monitor = Monitor(hub.learners, hub.process.pid)
        monitor.start()
        results = {name: LearnerResult(name) for name in hub.learners}
        finished = threading.Semaphore(0)
        start = time.monotonic()
        with ThreadPoolExecutor(max_workers=n) as pool:
            for i, name in enumerate(hub.learners):
                if mode == "staggered" and i:
                    time.sleep(every)
                pool.submit(learner_day, hub, name, results[name], finished)
            # The trainer collects while the class is still working, once half have finished.
            for _ in range(max(1, n // 2)):
                finished.acquire()
            trainer.collect()
            say(f"trainer collected (first pass): {len(trainer.received())} submissions")
        class_seconds = time.monotonic() - start
        monitor.sample()
        monitor.finish()
        trainer.collect()
        received = trainer.received()
        say(f"trainer collected: {len(received)} submissions; smedx grade {ASSIGNMENT} ...")
        grading = trainer.grade()
        say(f"smedx grade exit {grading['exit']} in {grading['seconds']} s")
        return summarize(
            n, mode, every, load_at_start, results, received, grading, monitor, class_seconds
        )


def summarize(
    n, mode, every, load_at_start, results, received, grading, monitor, class_seconds
) -> dict:
    rs = list(results.values())
    first = [r.first_output_s for r in rs if r.first_output_s is not None]
    cells = [s for r in rs for s in r.cell_s]
    cpu = monitor.cpu_seconds()
    learner_cpu = [cpu.get(r.name, 0.0) for r in rs]
    pss = [monitor.peak_pss[r.name] / MB for r in rs if r.spawned]
    rss = [monitor.peak_rss[r.name] / MB for r in rs if r.spawned]
    end = [monitor.last_pss[r.name] / MB for r in rs if r.spawned]
    outcomes = grading["outcomes"]
    graded = (
        len([o for o in outcomes if o.get("ok", o.get("status") == "ok")])
        if isinstance(outcomes, list)
        else None
    )
    summary = {
        "learners": n,
        "mode": mode,
        "every_s": every if mode == "staggered" else 0,
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 1024**3, 1),
        "load_at_start": load_at_start,
        "class_seconds": round(class_seconds, 1),
        "spawn_success_rate": round(sum(r.spawned for r in rs) / n, 3),
        "spawn_s": {
            "p50": percentile([r.spawn_s for r in rs if r.spawn_s], 50),
            "p95": percentile([r.spawn_s for r in rs if r.spawn_s], 95),
        },
        "first_output_s": {
            "p50": percentile(first, 50),
            "p95": percentile(first, 95),
            "max": percentile(first, 100),
        },
        "cell_s": {
            "p50": percentile(cells, 50),
            "p95": percentile(cells, 95),
            "max": percentile(cells, 100),
        },
        "run_all_s": {
            "p50": percentile([r.run_all_s for r in rs if r.run_all_s], 50),
            "p95": percentile([r.run_all_s for r in rs if r.run_all_s], 95),
        },
        "answer_s": {
            "p50": percentile([s for r in rs for s in r.answer_s], 50),
            "p95": percentile([s for r in rs for s in r.answer_s], 95),
        },
        "answers_sent": sum(len(r.answers_sent) for r in rs),
        "answers_lost": sum(len(r.answers_lost) for r in rs),
        "voila_s": {
            "p50": percentile([r.voila_s for r in rs if r.voila_s], 50),
            "p95": percentile([r.voila_s for r in rs if r.voila_s], 95),
        },
        "submissions_sent": sum(r.submitted for r in rs),
        "submissions_received": len(received),
        "graded": graded,
        "grade_exit": grading["exit"],
        "grade_s": grading["seconds"],
        "memory_per_learner_mb": {
            "pss_p50": round(statistics.median(pss), 1) if pss else None,
            "pss_max": round(max(pss), 1) if pss else None,
            "rss_p50": round(statistics.median(rss), 1) if rss else None,
            "rss_max": round(max(rss), 1) if rss else None,
            # after the class, every learner idle with the module's and the app's kernels open
            "pss_at_end_p50": round(statistics.median(end), 1) if end else None,
        },
        "cpu_s_per_learner": {
            "mean": round(statistics.mean(learner_cpu), 1) if learner_cpu else None,
            "max": round(max(learner_cpu), 1) if learner_cpu else None,
        },
        "cpu_s_hub": round(cpu.get("hub", 0.0), 1),
        "machine_cpu_busy": {
            "mean": round(statistics.mean(monitor.busy), 2) if monitor.busy else None,
            "max": round(max(monitor.busy), 2) if monitor.busy else None,
        },
        "failures": {r.name: r.errors for r in rs if r.errors},
        "lost": {r.name: r.answers_lost for r in rs if r.answers_lost},
    }
    if grading["stderr"]:
        summary["grade_stderr"] = grading["stderr"]
    summary["ok"] = healthy(summary)
    return summary


def healthy(s: dict) -> bool:
    """No failure of any kind: every spawn, every answer, every submission received and graded."""
    n = s["learners"]
    return (
        s["spawn_success_rate"] == 1
        and s["answers_lost"] == 0
        and not s["failures"]
        and s["submissions_received"] == n
        and s["grade_exit"] == 0
    )


def table(rows: list[dict]) -> str:
    head = (
        "N",
        "mode",
        "spawn ok",
        "first out p50/p95 s",
        "cell p95 s",
        "lost",
        "received",
        "PSS MB/learner",
        "CPU s/learner",
        "machine busy",
        "first out p95 vs alone",
    )
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for s in rows:
        fo, mem = s["first_output_s"], s["memory_per_learner_mb"]
        lines.append(
            " | ".join(
                str(x)
                for x in (
                    s["learners"],
                    s["mode"],
                    f"{s['spawn_success_rate']:.0%}",
                    f"{fo['p50']}/{fo['p95']}",
                    s["cell_s"]["p95"],
                    s["answers_lost"],
                    f"{s['submissions_received']}/{s['learners']}",
                    f"{mem['pss_p50']} (max {mem['pss_max']})",
                    s["cpu_s_per_learner"]["mean"],
                    s["machine_cpu_busy"]["mean"],
                    s.get("first_output_p95_vs_alone", "-"),
                )
            )
        )
    return "\n".join(lines)


def parse_counts(text: str) -> list[int]:
    try:
        counts = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1 or counts != sorted(set(counts)):
        raise KitError(
            f"--learners 应为递增的正整数列表，如 5,10,20；现在是 {text!r}。",
            f"--learners must be increasing positive integers such as 5,10,20; got {text!r}.",
        )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", default="5", help="N, or a sweep such as 5,10,20 (default 5)")
    parser.add_argument("--mode", choices=("staggered", "at-once"), default="staggered")
    parser.add_argument(
        "--every",
        type=float,
        default=3.0,
        help="seconds between two arrivals when staggered (default 3)",
    )
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    try:
        counts = parse_counts(args.learners)
        if args.every < 0:
            raise KitError("--every 不能为负数。", "--every cannot be negative.")
        require_machine()
    except KitError as err:
        print(f"错误：{err.zh}\nerror: {err.en}", file=sys.stderr)
        return 2
    rows, limit, alone = [], None, None
    # One learner alone on the same machine first: the in-run baseline of the ratios.
    for n in counts if counts[0] == 1 else [1, *counts]:
        say(f"--- class of {n}, {args.mode} ---")
        s = run_class(n, args.mode, args.every)
        p95 = s["first_output_s"]["p95"]
        alone = p95 if n == 1 else alone
        if alone and p95:
            s["first_output_p95_vs_alone"] = round(p95 / alone, 2)
        rows.append(s)
        print(table([s]), flush=True)
        if not s["ok"]:
            limit = n
            break
        # The baseline does not stop a sweep: one learner alone past 10 s is a slow machine.
        if n in counts and (p95 or 0) > FIRST_OUTPUT_LIMIT:
            limit = n
            break
    report = {
        "runs": rows,
        "first_n_past_limit": limit,
        "limit": f"p95 first output > {FIRST_OUTPUT_LIMIT:g} s or any failure",
    }
    print("\n" + table(rows))
    print(
        f"\nfirst N past the limit ({report['limit']}): "
        f"{limit if limit is not None else f'none up to {counts[-1]}'}"
        " (the first row, one learner alone, is the baseline of the ratios)"
    )
    if args.out:
        write_atomic(args.out, json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if all(s["ok"] for s in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
