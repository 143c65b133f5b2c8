"""Start and stop a real `smedx apps` server, and the Chromium flags: shared by the browser tests
(tests/browser/conftest.py) and the app benchmark (bench/app_tti.py)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from smedx import app_server as serving

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SMEDX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}
# How many plotly charts each app draws once it is ready (tests and bench/app_tti.py wait for them)
APP_CHARTS = {
    "assessment": 3,
    "scenarios": 1,
    "vendors": 2,
    "genai": 1,
    "explorer": 1,
    "plan": 1,
    "cohort": 2,
    "quiz": 0,
}
# How many charts of the app are drawn (plotly draws several .main-svg layers per chart)
DRAWN_CHARTS_JS = """() => Array.from(document.querySelectorAll('.smedx-app .js-plotly-plot'))
    .filter(chart => chart.querySelector('.main-svg')).length"""
START_TIMEOUT = 420  # s: seven pools of kernels on a shared 2-core machine
LOAD_TIMEOUT = 180_000  # ms


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    port: int
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(
    log: Path, *, preheat: bool = True, root: Path | None = None, lang: str = "zh"
) -> Server:
    """Start Voila as `smedx apps` does, in ``lang`` (its SMEDX_LANG); returns once the gallery
    answers and the pools are full."""
    port = free_port()
    cmd = serving.voila_command(
        root=root or serving.WIDGETS,
        port=port,
        open_browser=False,
        preheat=preheat,
        config_dir=serving.WIDGETS,
        lang=lang,
    )
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        cmd,
        env=serving.voila_env(lang=lang),
        cwd=root or serving.WIDGETS,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}/", port, log, process)
    notebooks = {p.name for p in (root or serving.WIDGETS).glob("*.ipynb")}
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{server.log_text()[-3000:]}")
        filled = set(re.findall(r"Kernel pool of (\S+) is filled", server.log_text()))
        if (not preheat or filled >= notebooks) and _answers(server.url):
            return server
        time.sleep(0.25)
    stop_server(server)
    raise RuntimeError(f"Voila did not start in {START_TIMEOUT} s:\n{server.log_text()[-3000:]}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def stop_server(server: Server) -> None:
    """SIGTERM (Voila shuts its kernels down), then SIGKILL for the whole group if needed."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=30)
