"""Voila apps in a real browser: time-to-interactive (page opened -> widgets shown and every chart
drawn) of each app, cold and preheated, against a one-dropdown-one-chart hello app served by the
same server in the same run; and interaction latency (a control changed -> the chart redrawn),
p50/p95. Targets (issue 6): each app within 1.25x of hello in the same mode; p95 under 150 ms.

The language switch (issue 16): in the same page, after the ordinary updates, the app's 中文 |
English switch is clicked back and forth (--switches times); a switch is done when the page's
lang, its header and every chart are in the new language and drawn again. Reported as p50 ms and
as a ratio to the same app's ordinary update (p50 / p50), with the Chinese characters still
visible after a switch to English (0 when every visible text was re-rendered).

    .venv/bin/python bench/app_tti.py [--runs 3] [--changes 30] [--switches 6] [--json out.json]
                                      [--apps assessment,plan] [--modes preheated,cold]
                                      [--lang en]

--lang opens every page with ?lang= (a preheated kernel built the app in the server's language, so
the page is rebuilt in the asked one); an app is then ready once its header is shown in that
language. --changes 0 leaves out the latency and switch measurements.

Chromium (Debian `chromium`) is driven by Playwright. Each page load uses a fresh browser
profile (no cache), as a first visit does. The server is the `smedx apps` one (widgets/voila.json,
the kit's template), serving a copy of widgets/ plus hello.ipynb.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from harness import (  # noqa: E402
    APP_CHARTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DRAWN_CHARTS_JS,
    VIEWPORT,
    start_server,
    stop_server,
)

from smedx import app_server as serving  # noqa: E402

HELLO = """import ipywidgets as w
import plotly.graph_objects as go
from smedx.ui.chart import ChartView

series = {name: [(i * k) % 7 + 1 for i in range(6)] for k, name in enumerate("abcde", 1)}
figure = go.Figure(go.Bar(x=list("uvwxyz"), y=series["a"]), layout=dict(width=600, height=400))
view = ChartView(figure)
choice = w.Dropdown(options=list(series), description="系列 Series")


def redraw(change):
    figure.data[0].y = series[change["new"]]
    view.update(figure)


choice.observe(redraw, names="value")
hello = w.VBox([choice, view])
hello.add_class("smedx-app")
hello.add_class("smedx-app-hello")
hello"""

CHARTS = {"hello": 1, **APP_CHARTS}

# How a user changes something that redraws a chart: which <select> (found by a JS predicate on
# the element), which chart index must redraw. Cohort has no control that redraws without files.
INTERACTIONS = {  # (predicate on the <select> element and its text, chart index)
    "hello": ("(s, t) => true", 0),
    "scenarios": ("(s, t) => s.options.length === 6 && t.includes('阶段')", 0),
    "vendors": ("(s, t) => s.options.length === 5 && t.trim().startsWith('1')", 0),
    "genai": ("(s, t) => t.includes('数据分散')", 0),
    "explorer": ("(s, t) => t.includes('图 2.2.2')", 0),
    "plan": ("(s, t) => t.includes('个月')", 0),
    "assessment": ("(s, t) => t.includes('分）') && s.closest('.widget-tab-contents')", 0),
}

READY_JS = f"""([slug, charts, lang]) => {{
    const app = document.querySelector('.smedx-app-' + slug);
    const header = document.querySelector('.smedx-app-header, .smedx-quiz h2');
    const shown = !lang || !header || (header.checkVisibility({{visibilityProperty: true}})
        && /[\u4e00-\u9fff]/.test(header.innerText) === (lang === 'zh'));
    return app && shown && ({DRAWN_CHARTS_JS})() >= charts ? performance.now() : false;
}}"""

# One change: pick the next option of the control, then wait (rAF polling) until the chart at
# `index` is a new chart element (an app that creates its charts anew) or its data changed; return
# the milliseconds.
CHANGE_JS = r"""async ([predicate, index, step]) => {
    const pick = eval(predicate);
    // ipywidgets writes option labels with no-break spaces: compare normalised text
    const selects = Array.from(document.querySelectorAll('.smedx-app select'))
        .filter(s => pick(s, s.textContent.replace(/\s+/g, ' ')));
    const control = selects.find(s => s.offsetParent !== null) || selects[0];
    const chart = () => document.querySelectorAll('.smedx-app .js-plotly-plot')[index];
    const before = chart();
    const data = before ? JSON.stringify(before.data.map(t => [t.x, t.y, t.r])) : '';
    // the real choices (not a "— choose —" placeholder), then the next one after the current
    const real = Array.from(control.options).map((o, i) => [o.text, i])
        .filter(([text]) => !text.trim().startsWith('—')).map(([, i]) => i);
    const at = real.indexOf(control.selectedIndex);
    const next = real[(at + 1 + step % Math.max(1, real.length - 1)) % real.length];
    const start = performance.now();
    control.selectedIndex = next;
    control.dispatchEvent(new Event('change', { bubbles: true }));
    return await new Promise((resolve, reject) => {
        const limit = start + 20000;
        const poll = () => {
            const now = chart();
            const changed = now && now.querySelector('.main-svg') && (now !== before ||
                JSON.stringify(now.data.map(t => [t.x, t.y, t.r])) !== data);
            if (changed) resolve(performance.now() - start);
            else if (performance.now() > limit) reject(new Error('no redraw'));
            else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
    });
}"""


# One language switch: click the switch, then wait (rAF polling) until the page's lang is the new
# one, the header reads in it and every chart is drawn again; the milliseconds, and how many
# Chinese characters the app still shows (after a switch to English).
SWITCH_JS = (
    r"""async ([lang, charts]) => {
    const cjk = /[\u4e00-\u9fff]/g;
    const header = () => (document.querySelector('.smedx-app-header, .smedx-quiz h2') || {})
        .innerText || '';
    const before = header();
    const start = performance.now();
    document.querySelector(`.smedx-lang-switch button[data-choice=${lang}]`).click();
    const want = lang === 'en' ? 'en' : 'zh-CN';
    return await new Promise((resolve, reject) => {
        const limit = start + 60000;
        const poll = () => {
            const now = header();
            const inLang = lang === 'en' ? !now.match(cjk) : !!now.match(cjk);
            if (document.documentElement.lang === want && now && now !== before && inLang
                && ("""
    + DRAWN_CHARTS_JS
    + r""")() >= charts) {
                const shown = document.querySelector('.smedx-app-frame').innerText;
                resolve([performance.now() - start, (shown.match(cjk) || []).length]);
            } else if (performance.now() > limit) reject(new Error('no switch'));
            else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
    });
}"""
)


def make_root(folder: Path, apps: list[str]) -> Path:
    for slug in apps:
        if slug != "hello":
            shutil.copy(serving.WIDGETS / f"{slug}.ipynb", folder / f"{slug}.ipynb")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(HELLO, id="hello")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "hello.ipynb")
    return folder


def time_to_interactive(browser, url: str, slug: str, lang: str = "") -> float:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        query = f"?lang={lang}" if lang else ""
        page.goto(f"{url}voila/render/{slug}.ipynb{query}", wait_until="commit")
        handle = page.wait_for_function(READY_JS, arg=[slug, CHARTS[slug], lang], timeout=300_000)
        return handle.json_value() / 1000
    finally:
        context.close()


def answer_all(page) -> None:
    """The assessment redraws its radar only once every item is answered: answer them."""
    for tab in page.locator(".lm-TabBar-tab").all()[1:]:
        tab.click()
        visible = page.locator(".widget-tab-contents select:visible")
        for i in range(visible.count()):
            visible.nth(i).select_option(index=2)
    page.wait_for_function(
        "() => document.querySelector('.smedx-app').innerText.includes('阶段：')",
        timeout=120_000,
    )
    page.locator(".lm-TabBar-tab").nth(1).click()


def latency(browser, url: str, slug: str, changes: int, switches: int = 0) -> dict:
    predicate, index = INTERACTIONS[slug]
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{url}voila/render/{slug}.ipynb", wait_until="commit")
        page.wait_for_function(READY_JS, arg=[slug, CHARTS[slug], ""], timeout=300_000)
        if slug == "assessment":
            answer_all(page)
        for step in range(3):  # warm up
            page.evaluate(CHANGE_JS, [predicate, index, step])
        times = sorted(page.evaluate(CHANGE_JS, [predicate, index, s]) for s in range(changes))
        switched, left = [], 0
        if slug != "hello":
            for turn in range(switches):  # English, Chinese, English, ...
                ms, cjk = page.evaluate(SWITCH_JS, ["en" if turn % 2 == 0 else "zh", CHARTS[slug]])
                switched.append(ms)
                left = max(left, cjk) if turn % 2 == 0 else left
    finally:
        context.close()
    found = {
        "p50_ms": statistics.median(times),
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)],
    }
    if switched:
        found["switch_p50_ms"] = statistics.median(switched)
        found["switch_ratio"] = found["switch_p50_ms"] / found["p50_ms"]
        found["switch_cjk_left"] = left
    return found


def measure_mode(
    browser, root: Path, preheat: bool, apps: list[str], runs: int, lang: str = ""
) -> dict:
    log = root / f"voila-{'preheated' if preheat else 'cold'}.log"
    server = start_server(log, preheat=preheat, root=root)
    try:
        if preheat:
            time.sleep(20)  # let the pools finish executing their notebooks
        samples: dict[str, list[float]] = {slug: [] for slug in apps}
        for _run in range(runs):
            for slug in apps:  # interleaved, so that load drifts hit every app alike
                samples[slug].append(time_to_interactive(browser, server.url, slug, lang))
                if preheat:
                    time.sleep(2)
        return {slug: statistics.median(values) for slug, values in samples.items()}
    finally:
        stop_server(server)


def progress(what: str, value) -> None:
    print(f"[app_tti] {what}: {value}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="page loads per app and mode (median)")
    parser.add_argument("--changes", type=int, default=30, help="redraws timed per app")
    parser.add_argument(
        "--switches", type=int, default=6, help="language switches timed per app (0: none)"
    )
    parser.add_argument(
        "--apps",
        default=",".join(a for a in CHARTS if a != "hello"),
        help="comma-separated apps (hello is always measured)",
    )
    parser.add_argument(
        "--modes", default="preheated,cold", help='kernel modes; "" measures latency only'
    )
    parser.add_argument(
        "--lang", default="", choices=["", "zh", "en"], help="open the pages with ?lang= (TTI)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    apps = ["hello", *[a for a in args.apps.split(",") if a and a != "hello"]]
    modes = [m for m in args.modes.split(",") if m]  # --modes "" measures latency only
    from playwright.sync_api import sync_playwright

    results: dict[str, dict] = {slug: {} for slug in apps}
    with tempfile.TemporaryDirectory(prefix="smedx-bench-apps-") as tmp:
        root = make_root(Path(tmp), apps)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for mode in modes:
                tti = measure_mode(browser, root, mode == "preheated", apps, args.runs, args.lang)
                for slug, seconds in tti.items():
                    results[slug][f"{mode}_s"] = seconds
                    results[slug][f"{mode}_ratio"] = seconds / tti["hello"]
                progress(mode, tti)
            if args.changes:
                server = start_server(root / "voila-latency.log", preheat=True, root=root)
                try:
                    for slug in apps:
                        if slug not in INTERACTIONS:
                            continue
                        try:
                            results[slug].update(
                                latency(browser, server.url, slug, args.changes, args.switches)
                            )
                        except Exception as err:  # one app's failure must not hide the others
                            results[slug]["latency_error"] = str(err).splitlines()[0]
                        progress(slug, results[slug])
                finally:
                    stop_server(server)
            browser.close()

    head = f"{'app':<12}"
    for mode in modes:
        head += f"{mode + ' s':>14}{'x hello':>9}"
    print(head + f"{'p50 ms':>9}{'p95 ms':>9}{'switch ms':>10}{'x update':>9}  target")
    for slug in apps:
        r = results[slug]
        line = f"{slug:<12}"
        ok = True
        for mode in modes:
            line += f"{r[f'{mode}_s']:>14.2f}{r[f'{mode}_ratio']:>9.2f}"
            ok &= slug == "hello" or r[f"{mode}_ratio"] <= 1.25
        if "p95_ms" in r:
            line += f"{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}"
            ok &= r["p95_ms"] < 150
            if "switch_p50_ms" in r:
                line += f"{r['switch_p50_ms']:>10.0f}{r['switch_ratio']:>9.1f}"
                if r["switch_cjk_left"]:
                    line += f" ({r['switch_cjk_left']} 汉字 left in English)"
            else:
                line += f"{'-':>10}{'-':>9}"
        elif "latency_error" in r:
            line += f"{'error':>9}{'':>9}"
            ok = False
        else:
            line += f"{'-':>9}{'-':>9}"
        r["ok"] = ok
        print(line + f"  {'ok' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
