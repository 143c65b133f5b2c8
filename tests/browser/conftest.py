"""A real `smedx apps` server (Voila, preheated kernels) and a real headless Chromium (Debian's
``chromium`` package, driven by Playwright; `playwright install` is never needed).

Every page opened through :func:`open_app` records console errors, page errors and failed
requests; :meth:`Watch.assert_clean` fails a test on any of them and on any traceback the server
or a kernel wrote to the server log meanwhile. Screenshots go to ``test-artifacts/apps/``.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from harness import (  # noqa: F401  (re-exported for the tests)
    CHROMIUM,
    CHROMIUM_ARGS,
    DRAWN_CHARTS_JS,
    LOAD_TIMEOUT,
    ROOT,
    VIEWPORT,
    Server,
    free_port,
    start_server,
    stop_server,
)

from smedx.ui.apps import APPS

ARTIFACTS = ROOT / "test-artifacts" / "apps"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server(artifacts):
    started = start_server(artifacts / "voila.log")
    yield started
    stop_server(started)


# Module scope, not session: a live sync Playwright keeps its asyncio loop marked as running in
# the main thread, which would break every later test that starts an event loop of its own.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install the Debian package `chromium` "
            "(apt-get install chromium fonts-noto-cjk)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What went wrong while a page was open (console, page errors, requests, server log)."""

    server: Server
    log_start: int
    problems: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text[:400]}")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {str(e)[:400]}"))
        page.on(
            "requestfailed",
            lambda r: self.problems.append(f"request failed: {r.url[:200]} {r.failure}"),
        )

    def server_errors(self) -> list[str]:
        text = self.server.log_text()[self.log_start :]
        return [
            line
            for line in text.splitlines()
            if "Traceback" in line or re.search(r"\b(ERROR|CRITICAL)\b", line)
        ]

    def assert_clean(self) -> None:
        found = self.problems + self.server_errors()
        assert not found, "\n".join(found)


@pytest.fixture
def context(browser, server):
    """A fresh browser profile (empty localStorage) at 1366x768; external requests blocked."""
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="zh-CN")
    local = ("http://127.0.0.1:", "data:", "blob:")

    def guard(route):
        if route.request.url.startswith(local):
            route.continue_()
        else:  # the apps must not need the internet; a request out is a failure
            route.abort()

    ctx.route("**/*", guard)
    yield ctx
    ctx.close()


@pytest.fixture
def watch(server) -> Watch:
    return Watch(server, len(server.log_text()))


def open_app(context, server, watch: Watch, slug: str, *, charts: int = 1):
    """Open one app; wait until its widgets and at least ``charts`` plotly charts are drawn."""
    page = context.new_page()
    watch.attach(page)
    started = time.monotonic()
    page.goto(f"{server.url}voila/render/{slug}.ipynb", wait_until="commit")
    page.wait_for_selector(f".smedx-app-{slug}", timeout=LOAD_TIMEOUT)
    if charts:
        page.wait_for_function(
            f"n => ({DRAWN_CHARTS_JS})() >= n",
            arg=charts,
            timeout=LOAD_TIMEOUT,
        )
    page.loaded_after = time.monotonic() - started
    return page


def traces(page, index: int = 0) -> list[dict]:
    """The data of the index-th plotly chart of the page, as drawn in the browser."""
    return page.evaluate(
        """i => {
            const gd = document.querySelectorAll('.smedx-app .js-plotly-plot')[i];
            return (gd && gd.data || []).map(t => ({
                x: Array.from(t.x || []), y: Array.from(t.y || []),
                r: Array.from(t.r || []), name: t.name || '',
                color: JSON.stringify((t.marker || {}).color || null)}));
        }""",
        index,
    )


def misfit_margins(page) -> list[dict]:
    """Drawn charts whose margins, set by the kit to fit the labels and axis titles
    (``smedx.ui.chart.fit_label_margin``, ``smedx.charts.Y_TITLE_MARGIN``), were too narrow:
    plotly widened one (which costs a second drawing). Horizontal bars also fail when an empty
    band over 40 px is left of their widest label."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.smedx-app .js-plotly-plot'))
            .filter(gd => gd._fullLayout)
            .map(gd => {
                const size = gd._fullLayout._size, margin = gd._fullLayout.margin;
                const left = gd.querySelector('.main-svg').getBoundingClientRect().left;
                const bars = (gd.data || []).some(t => t.orientation === 'h');
                const labels = Array.from(gd.querySelectorAll('.ytick text'))
                    .map(t => t.getBoundingClientRect().left - left);
                return {title: (gd.layout.title || {}).text, margin, size,
                        widened: ['l', 'r', 't', 'b'].filter(k => Math.round(size[k]) > margin[k]),
                        band: bars ? Math.round(Math.min(...labels)) : 0};
            })
            .filter(c => c.widened.length || c.band < 0 || c.band > 40)"""
    )


def wait_changed(page, before, index: int = 0, timeout: float = 60) -> list[dict]:
    """Wait until the index-th chart's traces differ from ``before``; return them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = traces(page, index)
        if now and now != before:
            return now
        page.wait_for_timeout(200)
    raise AssertionError(f"chart {index} did not change in {timeout} s")


def wait_text(page, selector: str, needle: str, timeout: float = 60) -> str:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "([sel, text]) => Array.from(document.querySelectorAll(sel))"
            ".some(e => e.innerText.includes(text))",
            arg=[selector, needle],
            timeout=timeout * 1000,
        )
    except PlaywrightTimeout:
        # say what the page showed instead, and keep its picture for the CI log
        shown = page.evaluate(
            "sel => Array.from(document.querySelectorAll(sel)).map(e => e.innerText).join(' | ')",
            selector,
        )
        screenshot(page, ARTIFACTS, "failed-wait-text")
        raise AssertionError(
            f"{needle!r} not shown in {selector} within {timeout} s; it showed: {shown[:1500]!r}"
        ) from None
    return needle


def screenshot(page, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def downloads(tmp_path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


APP_SLUGS = [a.slug for a in APPS]
