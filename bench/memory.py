"""Memory of one learner: the single-user server plus the kernel after working through a module.

A real Jupyter server is started for each configuration below; for each module notebook a kernel
is started in the module's folder and every code cell is executed through the kernel websocket,
as "Run All" does; then the RSS (and PSS/USS) of the server and of the kernel are read with psutil.

Configurations, measured in the same run:

``baseline``    the environment as installed, every server extension and JupyterLab plugin
                (nbgrader's formgrader, course list, ...), and the kernel's imports as
                ``smedx.course`` made them before issue 20 (jsonschema's IRI grammar, the explorer);
``hub``         a learner's server on the course hub (deploy/hub/jupyter/learner: the assignment
                list for fetch/submit, answered by nbgrader's handlers in a short-lived child
                process by smedx.lazy_nbgrader; no trainer tools; the python3 kernel without
                debugger); after the modules an assignment released into a local exchange is
                listed, fetched and submitted, and the server measured again (what a learner's
                server weighs after using the Assignments page);
``self-study``  ``python3 kit.py start`` (deploy/lab/learner: no nbgrader at all; the same kernel).

Target (issue 20): a whole learner (server + kernel, RSS) at most 240 MB; the ratio to the
baseline is printed for each. The capacity table in docs/deployment.md uses these numbers.

    .venv/bin/python bench/memory.py [--modules 00 02] [--configs hub self-study]
                                     [--json bench/results/memory.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
HUB_LEARNER_CONFIG = ROOT / "deploy" / "hub" / "jupyter" / "learner"
LEARNER_DATA = ROOT / "deploy" / "lab" / "learner-data"  # the python3 kernel without debugger
MB = 1024 * 1024
TARGET_MB = 240
TOKEN = uuid.uuid4().hex
# What `from smedx.course import *` imported before it skipped them (see smedx/course.py).
EAGER_IMPORTS = "import rfc3987_syntax, smedx.ui.explorer"


def _kit():
    spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
    kit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kit)
    return kit


def jupyter_paths(configuration: str) -> dict[str, str]:
    """JUPYTER_CONFIG_PATH and JUPYTER_PATH of a configuration's server (the environment's own
    folders last)."""
    own = {
        "JUPYTER_CONFIG_PATH": str(Path(sys.prefix) / "etc" / "jupyter"),
        "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter"),
    }
    if configuration == "baseline":
        return own
    if configuration == "hub":  # as smedx/hub/hooks.py sets them
        first = {"JUPYTER_CONFIG_PATH": HUB_LEARNER_CONFIG, "JUPYTER_PATH": LEARNER_DATA}
        return {name: os.pathsep.join([str(first[name]), path]) for name, path in own.items()}
    if configuration == "self-study":  # as kit.py start sets them
        env = _kit().learner_environment(own)
        return {name: env[name] for name in own}
    raise ValueError(configuration)


CONFIGURATIONS = ("baseline", "hub", "self-study")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Jupyter server on 127.0.0.1 serving a copy of the course folder."""

    def __init__(self, folder: Path, configuration: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            **jupyter_paths(configuration),
            "SMEDX_ASSIGNMENT_DIR": str(folder / "作业"),
            "SMEDX_EXCHANGE": str(folder / "exchange"),
        }
        env.pop("SMEDX_BATCH", None)  # a learner works interactively
        env.pop("NBGRADER_EXECUTION", None)
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1"]
        command += [f"--ServerApp.port={self.port}", f"--IdentityProvider.token={TOKEN}"]
        command += [f"--ServerApp.root_dir={folder}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(folder / "server.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.headers = {"Authorization": f"token {TOKEN}"}
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {(folder / 'server.log').read_text()}")
            try:
                if requests.get(f"{self.url}/api/status", headers=self.headers).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)

    def session(self, notebook: str) -> str:
        """A kernel for a notebook (its folder is the kernel's working folder); its id."""
        body = {"path": notebook, "type": "notebook", "kernel": {"name": "python3"}}
        reply = requests.post(f"{self.url}/api/sessions", json=body, headers=self.headers)
        reply.raise_for_status()
        return reply.json()["kernel"]["id"]

    def shutdown_kernel(self, kernel_id: str) -> None:
        requests.delete(f"{self.url}/api/kernels/{kernel_id}", headers=self.headers)

    def kernel_process(self, kernel_id: str) -> psutil.Process:
        for child in psutil.Process(self.process.pid).children(recursive=True):
            if any(kernel_id in part for part in child.cmdline()):
                return child
        raise RuntimeError(f"no process for kernel {kernel_id}")

    def run(self, kernel_id: str, code: str, timeout: float = 300) -> None:
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels",
            header=[f"Authorization: token {TOKEN}"],
            timeout=timeout,
        )
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": "bench", "session": uuid.uuid4().hex}
        header.update({"msg_type": "execute_request", "version": "5.3"})
        content = {"code": code, "silent": False, "store_history": True}
        content.update({"user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content}
        ws.send(json.dumps({**message, "channel": "shell", "buffers": []}))
        try:
            while True:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    raise RuntimeError("\n".join(msg["content"]["traceback"])[-2000:])
                if msg["msg_type"] == "execute_reply":
                    return
        finally:
            ws.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def memory(process: psutil.Process) -> dict[str, float]:
    info = process.memory_full_info()
    return {"rss": info.rss / MB, "pss": info.pss / MB, "uss": info.uss / MB}


def code_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def use_assignments(server: Server, exchange: Path, modules: Path) -> None:
    """Release a module as assignment m00 (the exchange layout `nbgrader release_assignment`
    makes), then list, fetch and submit it as the Assignments page does."""
    outbound = exchange / "smedx" / "outbound" / "m00"
    outbound.mkdir(parents=True)
    shutil.copy(min(modules.glob("00*.ipynb")), outbound)
    (exchange / "smedx" / "inbound").mkdir()
    form = {"course_id": "smedx", "assignment_id": "m00"}
    replies = [requests.get(f"{server.url}/assignments?course_id=smedx", headers=server.headers)]
    for action in ("fetch", "submit"):
        url = f"{server.url}/assignments/{action}"
        replies.append(requests.post(url, data=form, headers=server.headers))
    for reply in replies:
        reply.raise_for_status()
        if not reply.json()["success"]:
            raise RuntimeError(f"assignment list failed: {reply.text[:2000]}")


def measure(modules: list[str], configuration: str) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="smedx-memory-"))
    course = workdir / "数转课堂"
    shutil.copytree(ROOT / "modules", course / "modules")
    server = Server(workdir, configuration)
    preamble = [EAGER_IMPORTS] if configuration == "baseline" else []
    try:
        server_idle = memory(psutil.Process(server.process.pid))
        bare = server.session("数转课堂/modules/bare.ipynb")
        server.run(bare, "pass")
        baseline = memory(server.kernel_process(bare))
        server.shutdown_kernel(bare)
        rows = []
        for notebook in sorted((course / "modules").glob("*.ipynb")):
            if modules and notebook.name[:2] not in modules:
                continue
            relative = f"数转课堂/modules/{notebook.name}"
            kernel = server.session(relative)
            start = time.perf_counter()
            for cell in preamble + code_cells(notebook):
                server.run(kernel, cell)
            seconds = time.perf_counter() - start
            kernel_mem = memory(server.kernel_process(kernel))
            server_mem = memory(psutil.Process(server.process.pid))
            rows.append(
                {
                    "module": notebook.name,
                    "seconds": round(seconds, 1),
                    "kernel": kernel_mem,
                    "server": server_mem,
                    "learner_rss": kernel_mem["rss"] + server_mem["rss"],
                    "learner_pss": kernel_mem["pss"] + server_mem["pss"],
                }
            )
            server.shutdown_kernel(kernel)
        worst = max(row["learner_rss"] for row in rows)
        result = {
            "configuration": configuration,
            "server_idle": server_idle,
            "bare_kernel": baseline,
            "modules": rows,
            "worst_learner_rss": worst,
        }
        if configuration == "hub":  # what the Assignments page leaves in the server
            use_assignments(server, workdir / "exchange", course / "modules")
            after = memory(psutil.Process(server.process.pid))
            result["server_after_assignments"] = after
            worst_kernel = max(row["kernel"]["rss"] for row in rows)
            result["learner_rss_after_assignments"] = after["rss"] + worst_kernel
        return result
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def report(result: dict, baseline: dict | None) -> bool:
    """Print one configuration's table; True if its worst learner meets the target."""
    name = result["configuration"]
    base = result["bare_kernel"]["rss"]
    print(
        f"== {name}: server idle RSS {result['server_idle']['rss']:.0f} MB, bare kernel RSS "
        f"{base:.0f} MB (PSS {result['bare_kernel']['pss']:.0f})"
    )
    before = {row["module"]: row for row in baseline["modules"]} if baseline else {}
    head = f"{'module':<28}{'run s':>7}{'kernel RSS':>12}{'server RSS':>12}"
    print(head + f"{'learner RSS':>13}{'learner PSS':>13}{'x baseline':>12}")
    for row in result["modules"]:
        old = before.get(row["module"])
        ratio = f"{row['learner_rss'] / old['learner_rss']:.2f}" if old else "-"
        print(
            f"{row['module']:<28}{row['seconds']:>7.1f}{row['kernel']['rss']:>12.0f}"
            f"{row['server']['rss']:>12.0f}{row['learner_rss']:>13.0f}"
            f"{row['learner_pss']:>13.0f}{ratio:>12}"
        )
    if "server_after_assignments" in result:
        after = result["server_after_assignments"]
        whole = result["learner_rss_after_assignments"]
        print(
            f"after the assignment list is opened (list, fetch, submit): server RSS "
            f"{after['rss']:.0f} MB (PSS {after['pss']:.0f}); learner (server + worst kernel) "
            f"{whole:.0f} MB; target <= {TARGET_MB} MB: {'met' if whole <= TARGET_MB else 'NOT met'}"
        )
    worst = result["worst_learner_rss"]
    ok = worst <= TARGET_MB and result.get("learner_rss_after_assignments", 0) <= TARGET_MB
    ratio = f", {worst / baseline['worst_learner_rss']:.2f} x baseline" if baseline else ""
    print(
        f"worst learner (server + kernel RSS): {worst:.0f} MB{ratio}; target <= {TARGET_MB} MB: "
        f"{'met' if ok else 'NOT met'}\n"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--modules", nargs="*", default=[], help="module numbers, e.g. 00 02")
    parser.add_argument(
        "--configs",
        nargs="*",
        choices=CONFIGURATIONS,
        default=list(CONFIGURATIONS),
        help="which servers to measure (the baseline, when listed, is run first)",
    )
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    results, baseline, ok = [], None, True
    for configuration in [c for c in CONFIGURATIONS if c in args.configs]:
        result = measure(args.modules, configuration)
        results.append(result)
        if configuration == "baseline":
            baseline = result
            report(result, None)
        else:
            ok &= report(result, baseline)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(results, indent=2, ensure_ascii=False)
        partial = args.json.with_name(f".{args.json.name}.{os.getpid()}")
        partial.write_text(text)
        os.replace(partial, args.json)  # whole or not at all
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
