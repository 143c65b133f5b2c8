"""A learner's JupyterLab loads only what a learner uses; a trainer's keeps nbgrader's tools.

Three real servers of this environment, started in parallel as they are started for real: the
self-study learner (`kit.py start`), a learner on the course hub (the spawner's environment,
deploy/hub/jupyter/learner) and a trainer (`kit.py start --trainer`). Each is read as JupyterLab
reads it: the page config of /lab (which plugins the page loads, the news switch), the settings
API (the news setting), and the routes of the server extensions (a disabled one answers 404).
"""

from __future__ import annotations

import html
import importlib.metadata
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
HUB_DIR = ROOT / "deploy" / "hub"
TOKEN = uuid.uuid4().hex

# nbgrader's JupyterLab plugins a trainer uses and a learner must not see.
TRAINER_PLUGINS = {
    "@jupyter/nbgrader:formgrader",  # the formgrader and its menu entries
    "@jupyter/nbgrader:create-assignment",  # the Create Assignment sidebar
    "@jupyter/nbgrader:validate-assignment",  # the Validate button on every notebook
    "@jupyter/nbgrader:course-list",  # the trainers' course list
    "@jupyterlab/extensionmanager-extension",  # installing lab extensions is not a learner's job
}
# Fetch and submit: a hub learner keeps them; a self-study learner has no exchange to use.
EXCHANGE_PLUGINS = {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:menu"}
# One route of each nbgrader server extension.
FORMGRADER, COURSE_LIST = "formgrader", "formgraders"
ASSIGNMENT_LIST = "assignments?course_id=smedx"
VALIDATOR_LOADED = "smedx.lazy_nbgrader: loading nbgrader's validator"
# An import of nbgrader in the hub learner's server (started with `python -X importtime`).
NBGRADER_IMPORTED = re.compile(r"^import time:.*\| +nbgrader(\.|$)", re.M)
COURSE, ASSIGNMENT = "smedx", "a1"


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


kit = load("kit", ROOT / "kit.py")


def hub_learner_environment(env: dict[str, str], home: Path) -> dict[str, str]:
    """``env`` with the variables the hub's spawner gives a learner's server (smedx.hub.hooks)."""
    from smedx.hub import hooks, roles
    from smedx.hub.settings import Settings

    settings = Settings.from_env(
        {"SMEDX_HUB_PYTHON": sys.executable, "SMEDX_EXCHANGE": str(home / "exchange")}
    )
    return {**env, **hooks.role_environment(settings, roles.LEARNER, home)}


class Lab:
    def __init__(self, name: str, env: dict[str, str], folder: Path):
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        extra = [
            "--no-browser",
            f"--ServerApp.port={self.port}",
            f"--IdentityProvider.token={TOKEN}",
        ]
        command = kit.start_command(Path(sys.executable), extra)
        if name.startswith("hub-"):  # serves its own folder, as a hub learner's serves the home
            command = [c for c in command if not c.startswith("--ServerApp.root_dir=")]
            command.append(f"--ServerApp.root_dir={folder}")
        if name == "hub-learner":  # its log shows every module the server itself imports
            command[1:1] = ["-X", "importtime"]
        self.log = folder / "server.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                env=env,
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def get(self, path: str) -> requests.Response:
        headers = {"Authorization": f"token {TOKEN}"}
        return requests.get(f"{self.url}/{path}", headers=headers, timeout=60)

    def post(self, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {TOKEN}"}
        return requests.post(f"{self.url}/{path}", headers=headers, timeout=120, **kwargs)

    def wait(self, deadline: float) -> None:
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{self.name} server did not start:\n{self.log.read_text()[-3000:]}")
            try:
                if self.get("api/status").ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)

    def loaded_extensions(self) -> set[str]:
        """The server extensions this server loaded, as its log lists them."""
        found = re.findall(
            r"ServerApp\] (\S+) \| extension was successfully loaded", self.log.read_text()
        )
        assert found, self.log.read_text()[-3000:]
        return set(found)

    def page_config(self) -> dict:
        page = self.get("lab")
        page.raise_for_status()
        found = re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
            page.text,
            re.S,
        )
        assert found, page.text[:2000]
        return json.loads(html.unescape(found.group(1)))

    def stop(self) -> None:
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def nbgrader_handlers_environment(hub: dict[str, str], config: Path) -> dict[str, str]:
    """``hub`` with nbgrader's own assignment list instead of smedx.lazy_nbgrader: the reference
    for the replies (same exchange, same home, a sibling root_dir, so the same relative paths)."""
    extensions = {"nbgrader.server_extensions.assignment_list": True, "smedx.lazy_nbgrader": False}
    (config / "jupyter_server_config.d").mkdir(parents=True)
    (config / "jupyter_server_config.d" / "reference.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": extensions}})
    )
    return {
        **hub,
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(config), hub["JUPYTER_CONFIG_PATH"]]),
    }


def release(exchange: Path) -> None:
    """An assignment released into the exchange, laid out as `nbgrader release_assignment` does."""
    course = exchange / COURSE
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (course / "outbound" / ASSIGNMENT).mkdir(parents=True)
    (course / "outbound" / ASSIGNMENT / "task.ipynb").write_text(json.dumps(notebook))
    (course / "inbound").mkdir()
    (course / "inbound").chmod(0o733)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    base = tmp_path_factory.mktemp("labs")
    (base / "home" / "exchange").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env["JUPYTER_CONFIG_DIR"] = str(base / "user-config")  # no ~/.jupyter of this machine
    hub = hub_learner_environment({**env, "JUPYTER_DATA_DIR": str(base / "data")}, base / "home")
    envs = {
        "self-study": kit.learner_environment(env),
        "hub-learner": hub,
        "hub-nbgrader": nbgrader_handlers_environment(hub, base / "nbgrader-config"),
        "trainer": env,
    }
    release(base / "home" / "exchange")
    servers = {}
    try:
        for name, server_env in envs.items():
            folder = base / name
            folder.mkdir()
            servers[name] = Lab(name, server_env, folder)
        deadline = time.monotonic() + 120
        for server in servers.values():
            server.wait(deadline)
        yield servers
    finally:
        for server in servers.values():
            server.process.terminate()
        for server in servers.values():
            server.stop()


def disabled(config: dict) -> set[str]:
    return set(config["disabledExtensions"])  # the page gets the list of those set to true


def test_self_study_learner_loads_no_nbgrader_and_no_news(labs):
    lab = labs["self-study"]
    config = lab.page_config()
    assert disabled(config) >= TRAINER_PLUGINS | EXCHANGE_PLUGINS
    assert config["news"] == {"disabled": True}
    for route in (FORMGRADER, COURSE_LIST, ASSIGNMENT_LIST):
        assert lab.get(route).status_code == 404, route
    assert not {name for name in lab.loaded_extensions() if name.startswith("nbgrader")}


def test_hub_learner_keeps_fetch_and_submit_without_trainer_tools(labs):
    lab = labs["hub-learner"]
    config = lab.page_config()
    assert disabled(config) >= TRAINER_PLUGINS
    assert not EXCHANGE_PLUGINS & disabled(config)  # the Assignments page and its menu
    assert config["news"] == {"disabled": True}
    assert lab.get(FORMGRADER).status_code == 404
    assert lab.get(COURSE_LIST).status_code == 404
    loaded = lab.loaded_extensions()
    assert "smedx.lazy_nbgrader" in loaded
    assert not {name for name in loaded if name.startswith("nbgrader")}
    assert lab.get("assignments/nothing").status_code == 404


def test_hub_learner_lists_fetches_and_submits_as_nbgrader_without_importing_it(labs):
    """smedx.lazy_nbgrader answers each route in a child process: the same JSON as nbgrader's
    own handlers (a server of the same environment with them loaded, on the same exchange)."""
    lab, nbgrader = labs["hub-learner"], labs["hub-nbgrader"]
    version = lab.get("nbgrader_version?version=0").json()
    assert version["success"] is False  # nbgrader's answer to a mismatched labextension
    current = importlib.metadata.version("nbgrader")
    routes = (ASSIGNMENT_LIST, "courses", "assignments", f"nbgrader_version?version={current}")
    for route in (*routes, "nbgrader_version?version=0", "nbgrader_version"):
        ours, theirs = lab.get(route), nbgrader.get(route)
        assert ours.status_code == theirs.status_code, (route, ours.text, theirs.text)
        if ours.ok:
            assert ours.json() == theirs.json(), route
    released = lab.get(ASSIGNMENT_LIST).json()
    assert [(a["assignment_id"], a["status"]) for a in released["value"]] == [
        (ASSIGNMENT, "released")
    ], released
    assert lab.get(f"nbgrader_version?version={current}").json() == {"success": True}

    form = {"course_id": COURSE, "assignment_id": ASSIGNMENT}
    fetched = lab.post("assignments/fetch", data=form)
    assert fetched.status_code == 200, fetched.text
    statuses = [(a["assignment_id"], a["status"]) for a in fetched.json()["value"]]
    assert statuses == [(ASSIGNMENT, "fetched")], fetched.text
    # nbgrader's fetch of an assignment already fetched fails silently and replies the list
    assert fetched.json() == nbgrader.post("assignments/fetch", json=form).json()

    submitted = lab.post("assignments/submit", json=form)  # the frontend sends a JSON body
    assert submitted.status_code == 200, submitted.text
    assert [a["status"] for a in submitted.json()["value"]] == ["fetched", "submitted"]
    assert (
        submitted.json() == nbgrader.get(ASSIGNMENT_LIST).json() == lab.get(ASSIGNMENT_LIST).json()
    )
    assert lab.post("assignments/submit", data={"course_id": COURSE}).status_code == 400

    assert not NBGRADER_IMPORTED.search(lab.log.read_text())


def test_hub_learner_validates_a_notebook_through_nbgrader(labs):
    """The assignment list's Validate button: nbgrader's validator runs the notebook."""
    lab = labs["hub-learner"]
    grade = {"grade": True, "grade_id": "t1", "locked": True, "points": 1, "schema_version": 3}
    grade.update({"solution": False, "task": False})
    cell = {"cell_type": "code", "source": "1 / 0", "metadata": {"nbgrader": grade}}
    cell.update({"outputs": [], "execution_count": None})
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (lab.log.parent / "v.ipynb").write_text(json.dumps(notebook))
    reply = requests.post(
        f"{lab.url}/assignments/validate",
        data={"path": "v.ipynb"},
        headers={"Authorization": f"token {TOKEN}"},
        timeout=120,
    )
    assert reply.status_code == 200, reply.text
    result = reply.json()
    assert result["success"] and "ZeroDivisionError" in json.dumps(result["value"]), result
    assert lab.log.read_text().count(VALIDATOR_LOADED) == 1
    assert NBGRADER_IMPORTED.search(lab.log.read_text())  # the validator did import nbgrader


def test_trainer_keeps_every_nbgrader_tool(labs):
    lab = labs["trainer"]
    assert not {name for name in disabled(lab.page_config()) if "nbgrader" in name}
    assert lab.get(FORMGRADER).status_code == 200
    assert lab.get(COURSE_LIST).status_code == 200
    assert {name for name in lab.loaded_extensions() if name.startswith("nbgrader")} == {
        f"nbgrader.server_extensions.{name}"
        for name in ("formgrader", "course_list", "assignment_list", "validate_assignment")
    }


@pytest.mark.parametrize("name", ["self-study", "hub-learner", "trainer"])
def test_the_news_pop_up_is_off(labs, name):
    """JupyterLab asks whether to fetch news while ``fetchNews`` is "none" (its default); the
    kit's overrides.json (installed by kit.py setup) makes "false" the default for everyone."""
    reply = labs[name].get("lab/api/settings/@jupyterlab/apputils-extension:notification")
    reply.raise_for_status()
    defaults = {
        key: value.get("default") for key, value in reply.json()["schema"]["properties"].items()
    }
    assert defaults["fetchNews"] == "false"
    assert defaults["checkForUpdates"] is False


def run_in_new_kernel(lab: Lab, code: str) -> str:
    """Start a python3 kernel on the server, run code as a notebook cell does; its stdout."""
    kernel = requests.post(
        f"{lab.url}/api/kernels",
        json={"name": "python3"},
        headers={"Authorization": f"token {TOKEN}"},
        timeout=60,
    ).json()["id"]
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{lab.port}/api/kernels/{kernel}/channels",
        header=[f"Authorization: token {TOKEN}"],
        timeout=120,
    )
    try:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "version": "5.3"}
        header.update({"username": "test", "session": uuid.uuid4().hex})
        content = {"code": code, "silent": False, "allow_stdin": False}
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        ws.send(json.dumps({**message, "channel": "shell", "buffers": []}))
        # The reply (shell) can overtake the output (iopub); the kernel's "idle" status comes on
        # iopub after the cell's last output, so the output is complete once both have arrived.
        out, replied, idle = [], False, False
        while not (replied and idle):
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            if msg["msg_type"] == "status":
                idle = idle or msg["content"]["execution_state"] == "idle"
            if msg["msg_type"] == "execute_reply":
                assert msg["content"]["status"] == "ok", msg["content"]
                replied = True
        return "".join(out)
    finally:
        ws.close()
        requests.delete(
            f"{lab.url}/api/kernels/{kernel}", headers={"Authorization": f"token {TOKEN}"}
        )


@pytest.mark.parametrize(
    ("name", "learner"), [("self-study", True), ("hub-learner", True), ("trainer", False)]
)
def test_learners_kernel_has_no_debugger(labs, name, learner):
    """A learner's python3 kernel is smedx.kernel (kernelspec: no debugger) and starts without
    loading debugpy; a trainer's is ipykernel's own, debugger included."""
    lab = labs[name]
    spec = lab.get("api/kernelspecs").json()["kernelspecs"]["python3"]["spec"]
    assert ("smedx.kernel" in spec["argv"]) is learner
    assert spec["metadata"]["debugger"] is not learner
    loaded = run_in_new_kernel(lab, "import sys; print(sys.modules.get('debugpy') is not None)")
    assert loaded.strip() == str(not learner)


# --- the kernel: a module's first cell imports only what the module needs ----------------------
LAZY = ["rfc3987_syntax", "lark", "smedx.ui.explorer", "nbgrader", "plotly.express"]
FIRST_CELL = f"""
import json, sys
from smedx.course import *
before = [name for name in {LAZY!r} if name in sys.modules]
figure = chart("2.1.2")
bundle = figure._repr_mimebundle_()
explorer = explore("2.1.2")
import plotly.io._renderers as renderers
import jsonschema
checker = jsonschema.FormatChecker()
print(json.dumps({{
    "before": before,
    "mime": sorted(bundle),
    "explorer": type(explorer).__name__,
    "nbformat": renderers.nbformat is not None,
    "email_checked": not checker.conforms("not an address", "email"),
    "iri_grammar_importable": __import__("importlib").util.find_spec("rfc3987_syntax") is not None,
}}))
"""


def test_the_first_cell_imports_no_unused_module_and_charts_still_display():
    """`from smedx.course import *` (every module's first cell) leaves the lazy modules out; the
    figures still display as plotly JSON (plotly's renderers found nbformat), the explorer opens
    on demand, and jsonschema's other format checks still work in the kernel."""
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "SMEDX_BATCH")}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_CELL], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {
        "before": [],
        "mime": ["application/vnd.plotly.v1+json"],
        "explorer": "FigureExplorer",
        "nbformat": True,
        "email_checked": True,
        "iri_grammar_importable": True,
    }
