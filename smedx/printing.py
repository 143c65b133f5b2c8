"""Printable output with the Debian Chromium, offline: HTML to an A4 PDF, a page or a chart to a PNG.

Why Chromium and not kaleido or a PDF library: the trainer's machine already needs Chromium for
the apps' tests and it renders the kit's plotly bundle and Chinese fonts exactly as the apps do;
kaleido would download its own Chrome, which a classroom without internet cannot. Each call uses a
fresh profile, so calls may run side by side. Tests read a PDF's Chinese text with
``tests/pdf_text.pages_text`` (the CJK font maps some characters to radical forms such as ⻚).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from smedx.errors import KitError
from smedx.files import write_atomic

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    """The browser to print with: SMEDX_CHROMIUM, else the first Chromium or Chrome on PATH."""
    chosen = os.environ.get("SMEDX_CHROMIUM")
    if chosen:
        if shutil.which(chosen):
            return shutil.which(chosen)
        raise KitError(
            f"SMEDX_CHROMIUM 指向的浏览器不存在：{chosen}",
            f"SMEDX_CHROMIUM names a browser that does not exist: {chosen}",
        )
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise KitError(
        "找不到 Chromium 浏览器，无法生成 PDF 或图片。Debian/Ubuntu 上请运行：sudo apt install chromium",
        "Chromium was not found, so no PDF or picture can be made. "
        "On Debian/Ubuntu run: sudo apt install chromium",
    )


def html_to_pdf(html: str, out: Path, *, timeout: float = 120) -> Path:
    """Print a whole HTML document to ``out`` (paper size from its CSS ``@page``, A4 by default)."""
    data = _render(html, ["--print-to-pdf={target}", "--no-pdf-header-footer"], "pdf", timeout)
    if not data.startswith(b"%PDF"):
        raise _failed("PDF", "no PDF was written")
    return write_atomic(out, data)


def html_to_png(html: str, out: Path, *, width: int, height: int, timeout: float = 120) -> Path:
    """A screenshot of the page's first ``width`` × ``height`` CSS pixels, after its scripts ran."""
    data = _render(
        html,
        ["--screenshot={target}", f"--window-size={width},{height}", "--virtual-time-budget=20000"],
        "png",
        timeout,
    )
    if not data.startswith(b"\x89PNG"):
        raise _failed("PNG", "no picture was written")
    return write_atomic(out, data)


def figure_to_png(fig, out: Path, *, width: int = 1200, height: int = 675) -> Path:
    """A plotly figure as a PNG, drawn by the kit's own plotly.js bundle (no network)."""
    return html_to_png(
        figure_html(fig, width=width, height=height), out, width=width, height=height
    )


def figure_html(fig, *, width: int, height: int) -> str:
    """A page that draws ``fig`` at exactly ``width`` × ``height`` with no margin around it."""
    bundle = resources.files("smedx.assets").joinpath("plotly-kit.min.js").read_text("utf-8")
    spec = json.loads(fig.to_json())
    layout = {**spec.get("layout", {}), "width": width, "height": height}
    # "</" would end the script element early; JSON allows the escaped form.
    payload = json.dumps({"data": spec.get("data", []), "layout": layout}).replace("</", "<\\/")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<style>html,body{margin:0;padding:0;background:#fff}</style>"
        f"<script>{bundle}</script></head><body><div id='chart'></div><script>"
        f"const spec = {payload};"
        "Plotly.newPlot('chart', spec.data, spec.layout, {staticPlot: true, displayModeBar: false});"
        "</script></body></html>"
    )


def _render(html: str, action: list[str], suffix: str, timeout: float) -> bytes:
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="smedx-print-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / f"out.{suffix}"
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            *(arg.format(target=target) for arg in action),
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as err:
            raise _failed(suffix.upper(), f"no answer within {timeout:.0f} s") from err
        if not target.exists():
            raise _failed(suffix.upper(), (done.stderr or "").strip()[-300:] or "no output")
        return target.read_bytes()


def _failed(kind: str, why: str) -> KitError:
    return KitError(
        f"Chromium 未能生成 {kind}：{why}", f"Chromium could not make the {kind}: {why}"
    )
