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


# Every text of a drawn plotly chart (titles, tick labels, axis titles, legend, annotations such
# as the source line, bar and point labels) must lie inside the chart's svg, inside the plot area
# when plotly clips it there, away from other texts and from the markers of scatter traces, and
# must not be turned on its side. The hover layer and the mode bar are not part of the drawing.
TEXT_PROBLEMS_JS = """sel => {
  const TOL = 2;  // px a box may cross an edge or another box (anti-aliasing, line boxes)
  const inside = (a, b) => a.left >= b.left - TOL && a.right <= b.right + TOL
    && a.top >= b.top - TOL && a.bottom <= b.bottom + TOL;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOL
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOL;
  const shown = e => {
    for (let n = e; n && n.tagName !== 'svg'; n = n.parentNode) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
    }
    return true;
  };
  const clipOf = e => {  // the rectangle of the nearest clip-path that applies to e
    for (let n = e; n && n.tagName !== 'svg'; n = n.parentNode) {
      const url = n.getAttribute && n.getAttribute('clip-path');
      const m = url && url.match(/#([^)'"]+)/);
      const clip = m && n.ownerSVGElement && document.getElementById(m[1]);
      const r = clip && clip.firstElementChild;
      if (r) {  // a clip rectangle is in the user space of the element that refers to it
        const at = n.getScreenCTM(), num = k => parseFloat(r.getAttribute(k)) || 0;
        const a = new DOMPoint(num('x'), num('y')).matrixTransform(at);
        const b = new DOMPoint(num('x') + num('width'), num('y') + num('height')).matrixTransform(at);
        return {left: Math.min(a.x, b.x), right: Math.max(a.x, b.x),
                top: Math.min(a.y, b.y), bottom: Math.max(a.y, b.y)};
      }
    }
    return null;
  };
  const name = e => {
    const g = e.closest('[class]:not(text):not(tspan)');
    return `${e.getAttribute('class') || 'text'} in ${g ? g.getAttribute('class') : '?'}`;
  };
  const problems = [];
  document.querySelectorAll(sel).forEach((gd, chart) => {
    const svg = gd.querySelector('.main-svg');
    if (!svg) return;
    const title = ((gd.layout || {}).title || {}).text || (gd.layout || {}).title || '';
    const paper = svg.getBoundingClientRect();
    const texts = Array.from(gd.querySelectorAll('.main-svg text'))
      .filter(t => !t.closest('.hoverlayer, .modebar, .menulayer') && t.textContent.trim())
      .filter(shown)
      .map(t => ({t, box: t.getBoundingClientRect(), text: t.textContent.trim()}))
      .filter(x => x.box.width > 0 && x.box.height > 0);
    const say = (what, a, b) => problems.push({chart, title: String(title).slice(0, 60), what,
      text: a.text.slice(0, 60), where: name(a.t), other: b ? b.text.slice(0, 60) : null,
      otherWhere: b && b.t ? name(b.t) : null});
    texts.forEach((a, i) => {
      if (!inside(a.box, paper)) say('outside the chart', a);
      const clip = clipOf(a.t);
      if (clip && !inside(a.box, clip)) say('clipped by the plot area', a);
      const m = a.t.getScreenCTM();  // as drawn, after every rotation of the text and its groups
      const turn = Math.abs(Math.atan2(m.b, m.a) * 180 / Math.PI);
      if (turn >= 60 && turn <= 120 && a.t.closest('.xtick, .ytick')) say('turned on its side', a);
      texts.slice(i + 1).forEach(b => { if (overlap(a.box, b.box)) say('overlaps text', a, b); });
    });
    const markers = Array.from(gd.querySelectorAll('.scatterlayer path.point')).filter(shown)
      .map(p => ({t: p, box: p.getBoundingClientRect(), text: 'marker'}));
    texts.filter(a => a.t.closest('.annotation, .g-gtitle, .legend, .xtick, .ytick'))
      .forEach(a => markers.forEach(m => { if (overlap(a.box, m.box)) say('under a marker', a, m); }));
  });
  return problems;
}"""


def text_problems(page, selector: str = ".smedx-app .js-plotly-plot") -> list[dict]:
    """Texts of the drawn charts that are cut off, clipped, on their side or overlapping
    (:data:`TEXT_PROBLEMS_JS`); an empty list when every chart reads cleanly."""
    return page.evaluate(TEXT_PROBLEMS_JS, selector)
