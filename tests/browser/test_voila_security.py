"""Voila must not let a user run code or read files outside widgets/ (tested against the real
`smedx apps` server), and the apps also open inside JupyterLab at /voila/render/."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from conftest import open_app, screenshot
from harness import LOAD_TIMEOUT, free_port
from tornado import websocket

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SECRET = (ROOT / "pyproject.toml").read_text(encoding="utf-8")[:40]  # "[build-system]..."

PROBES = [
    "/voila/files/../pyproject.toml",
    "/voila/files/%2e%2e/pyproject.toml",
    "/voila/files/..%2Fpyproject.toml",
    "/voila/files/voila.json",
    "/voila/files/assessment.ipynb",
    "/voila/static/..%2F..%2F..%2F..%2F..%2F..%2Fpyproject.toml",
    "/voila/templates/..%2F..%2F..%2Fpyproject.toml",
    "/voila/labextensions/..%2F..%2F..%2Fpyproject.toml",
    "/voila/render/..%2Fpyproject.toml",
    "/voila/render/%2E%2E/README.md",
    "/voila/render/../modules/00_%E5%85%A5%E9%97%A8.ipynb",
    "/voila/tree/..",
    "/voila/api/contents/..",
    "/voila/api/contents/%2E%2E",
    "/voila/api/contents/..%2Fsmedx",
    "/api/contents",
    "/api/contents/pyproject.toml",
    "/api/sessions",
    "/api/terminals",
    "/api/kernelspecs",
    "/files/pyproject.toml",
    "/lab",
    "/lab/tree/pyproject.toml",
    "/tree",
    "/notebooks/assessment.ipynb",
    "/edit/pyproject.toml",
    "/terminals/1",
]


def request(port: int, method: str, path: str, body: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.parametrize("path", PROBES)
def test_no_file_outside_widgets_and_no_jupyter_api(server, path):
    status, body = request(server.port, "GET", path)
    assert SECRET not in body and "[build-system]" not in body
    assert "smedx.ui.apps import launch" not in body  # notebook sources are not served either
    assert "Traceback" not in body  # not even for a request Voila fails on (500)
    assert status >= 300, (path, status)


def test_contents_api_lists_widgets_only(server):
    status, body = request(server.port, "GET", "/voila/api/contents")
    assert status == 200
    names = {item["name"] for item in json.loads(body)["content"]}
    widgets = {p.name for p in (ROOT / "widgets").iterdir()}
    assert names <= widgets and "pyproject.toml" not in names
    status, body = request(server.port, "GET", "/voila/api/contents/assessment.ipynb")
    assert "launch(" not in body  # no notebook content through the API


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_no_kernel_can_be_started_or_changed(server, method):
    status, _body = request(server.port, method, "/api/kernels", json.dumps({"name": "python3"}))
    assert status in (403, 404, 405)
    status, _body = request(server.port, method, "/api/sessions", json.dumps({"path": "x"}))
    assert status in (403, 404, 405)


def test_kernel_refuses_code_sent_over_its_websocket(context, server, watch, tmp_path):
    """Open an app, then send its kernel an execute_request as a hostile page could: the code
    must never run (Voila passes only widget messages to a kernel)."""
    page = open_app(context, server, watch, "explorer")
    kernel = page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    marker = tmp_path / "pwned.txt"
    code = f"open({str(marker)!r}, 'w').write('ran')"
    session = uuid.uuid4().hex

    def message(msg_type: str, content: dict) -> str:
        return json.dumps(
            {
                "header": {
                    "msg_id": uuid.uuid4().hex,
                    "username": "attacker",
                    "session": session,
                    "msg_type": msg_type,
                    "version": "5.3",
                    "date": "2024-01-01T00:00:00Z",
                },
                "parent_header": {},
                "metadata": {},
                "content": content,
                "channel": "shell",
                "buffers": [],
            }
        )

    async def attack() -> list[dict]:
        url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel}/channels?session_id={session}"
        conn = await websocket.websocket_connect(url)
        request_code = {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {"x": code},
            "allow_stdin": False,
            "stop_on_error": True,
        }
        conn.write_message(message("execute_request", request_code))
        conn.write_message(message("inspect_request", {"code": code, "cursor_pos": 1}))
        conn.write_message(message("complete_request", {"code": "open", "cursor_pos": 4}))
        conn.write_message(message("kernel_info_request", {}))
        replies = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                raw = await asyncio_wait(conn.read_message(), 2)
            except TimeoutError:
                continue
            if raw is None:
                break
            if isinstance(raw, str):
                reply = json.loads(raw)
                replies.append(reply)
                # the kernel answers shell requests in order: once our last one is answered,
                # whatever the earlier ones would have got has arrived
                kind = reply.get("msg_type") or reply.get("header", {}).get("msg_type")
                parent = reply.get("parent_header") or {}
                if kind == "kernel_info_reply" and parent.get("session") == session:
                    break
        conn.close()
        return replies

    found: list[list[dict]] = []  # Playwright owns this thread's event loop: use another thread
    worker = threading.Thread(target=lambda: found.append(asyncio.run(attack())))
    worker.start()
    worker.join(timeout=60)
    replies = found[0]
    types = {r.get("msg_type") or r.get("header", {}).get("msg_type") for r in replies}
    assert "kernel_info_reply" in types  # the connection worked: only the code was refused
    assert not types & {"execute_reply", "execute_result", "inspect_reply", "complete_reply"}
    assert not marker.exists()
    # the app itself still works after the attempt
    before = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].y.length")
    page.locator(".smedx-app select").first.select_option(index=3)
    page.wait_for_function(
        "n => document.querySelector('.js-plotly-plot').data[0].y.length !== n",
        arg=before,
        timeout=LOAD_TIMEOUT,
    )
    assert not marker.exists()  # nor later: the kernel has since run the app's own requests


async def asyncio_wait(future, seconds: float):
    return await asyncio.wait_for(future, seconds)


def test_apps_open_inside_jupyterlab(browser, artifacts, tmp_path):
    """JupyterLab's Voila extension renders the same notebooks at /voila/render/widgets/."""
    port, token = free_port(), uuid.uuid4().hex
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = (artifacts / "jupyterlab.log").open("w", encoding="utf-8")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    lab = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", f"/api/status?token={token}")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        ctx = browser.new_context(viewport={"width": 1366, "height": 768})
        page = ctx.new_page()
        page.goto(
            f"http://127.0.0.1:{port}/voila/render/widgets/explorer.ipynb?token={token}",
            wait_until="commit",
        )
        page.wait_for_selector(
            ".smedx-app-explorer .js-plotly-plot .main-svg", timeout=LOAD_TIMEOUT
        )
        assert "Traceback" not in page.content()
        nav = page.locator(".smedx-app-explorer").inner_text()
        assert "报告数据浏览" in nav
        screenshot(page, artifacts, "jupyterlab-voila-render-explorer")
        ctx.close()
        assert "Traceback" not in (artifacts / "jupyterlab.log").read_text(encoding="utf-8")
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=60)
        except subprocess.TimeoutExpired:
            lab.kill()
        log.close()
