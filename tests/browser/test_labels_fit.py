"""Labels fit (issue #16 item 6): on every app, in both languages, at 1366x768 and at 390x844, no
tab, button or label shows less than its text. One page load per app: measured in Chinese at both
sizes, then switched to English with the page's own switch (no reload, the same kernel) and
measured again. The language switch itself is checked here too: the address bar follows it, and
the page's frame (header, results bar, links) is then English only.

Screenshots of anything cut go to test-artifacts/apps/cut-<app>-<lang>-<width>.png."""

from __future__ import annotations

import re

import pytest
from conftest import APP_SLUGS, DRAWN_CHARTS_JS, LOAD_TIMEOUT, open_app, screenshot
from harness import APP_CHARTS

pytestmark = pytest.mark.slow

SIZES = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})
CJK = re.compile(r"[\u4e00-\u9fff]")

# Every visible element whose text is wider than its box, in one pass over the page: buttons,
# tabs, labels and anything that clips or ellipsises its text (ipywidgets' descriptions do).
CUT_TEXT_JS = """root => {
  const clips = s => ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
  const kinds = 'button, label, .lm-TabBar-tab, .lm-TabBar-tabLabel, .widget-label, '
    + '.widget-toggle-button, .smedx-button';
  const found = [];
  for (const e of document.querySelectorAll(root + ' *')) {
    if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const text = (e.innerText || '').trim();
    if (!text || e.clientWidth === 0) continue;
    if (!e.matches(kinds) && !clips(getComputedStyle(e))) continue;
    if (e.scrollWidth > e.clientWidth + 1) {
      found.push({tag: e.tagName.toLowerCase(), cls: String(e.className).slice(0, 60),
                  text: text.slice(0, 60), text_px: e.scrollWidth, box_px: e.clientWidth});
    }
  }
  return found;
}"""


def cut_texts(page, root: str = ".smedx-app-frame") -> list[dict]:
    return page.evaluate(CUT_TEXT_JS, root)


def measure(page, artifacts, slug: str, lang: str) -> list[str]:
    problems = []
    for size in SIZES:
        page.set_viewport_size(size)
        page.wait_for_function("w => window.innerWidth === w", arg=size["width"])
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")  # laid out
        cut = cut_texts(page)
        if cut:
            screenshot(page, artifacts, f"cut-{slug}-{lang}-{size['width']}")
            problems += [f"{slug} {lang} {size['width']}px: {c}" for c in cut]
    page.set_viewport_size(SIZES[0])
    return problems


def switch_to_english(page, slug: str) -> None:
    page.locator(".smedx-lang-switch button[data-choice=en]").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        f"n => ({DRAWN_CHARTS_JS})() >= n", arg=APP_CHARTS[slug], timeout=LOAD_TIMEOUT
    )


@pytest.mark.parametrize("slug", APP_SLUGS)
def test_labels_fit_in_both_languages(context, server, watch, artifacts, slug):
    page = open_app(context, server, watch, slug, charts=APP_CHARTS[slug])
    problems = measure(page, artifacts, slug, "zh")
    switch_to_english(page, slug)
    assert re.search(r"[?&]lang=en\b", page.url), page.url  # the address bar follows the switch
    header = page.locator(".smedx-app-header, .smedx-quiz h2").first.inner_text()
    assert header and not CJK.search(header), header
    for frame in (".smedx-session-bar", ".smedx-nav", ".smedx-topbar"):
        shown = " ".join(page.locator(frame).all_inner_texts())
        assert not CJK.search(shown), f"{frame} in English shows {shown!r}"
    problems += measure(page, artifacts, slug, "en")
    assert not problems, "\n".join(problems)
    watch.assert_clean()


def test_a_cut_label_is_caught(context, server, watch):
    """The measurement finds the kind of label the issue names ("打开 JSON Open (0)")."""
    page = open_app(context, server, watch, "scenarios", charts=1)
    assert not cut_texts(page)
    page.evaluate(
        """() => {
            const b = document.createElement('button');
            b.className = 'smedx-button planted';
            b.style.cssText = 'width: 90px; overflow: hidden';
            b.textContent = '⬆ 打开结果文件 Open results (0)';
            document.querySelector('.smedx-session-bar').append(b);
        }"""
    )
    assert [c["cls"] for c in cut_texts(page)] == ["smedx-button planted"]


def test_the_url_sets_the_language_and_links_keep_it(context, server, watch):
    page = context.new_page()
    watch.attach(page)
    page.goto(f"{server.url}?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    shown = page.evaluate(  # all but the switch, whose 中文 names the other edition
        """() => { const g = document.querySelector('.smedx-gallery').cloneNode(true);
                   g.querySelector('.smedx-lang-switch').remove(); return g.textContent; }"""
    )
    assert "SME DX Kit" in shown and not CJK.search(shown), shown
    assert (
        page.locator(".smedx-card[data-app=plan]")
        .get_attribute("href")
        .endswith("plan.ipynb?lang=en")
    )
    page.locator(".smedx-card[data-app=plan]").click()  # a preheated kernel: the browser tells it
    page.wait_for_selector(".smedx-app-plan", timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        "() => (document.querySelector('.smedx-app-header') || {}).innerText === undefined"
        " ? false : !/[\\u4e00-\\u9fff]/.test(document.querySelector('.smedx-app-header')"
        ".innerText)",
        timeout=LOAD_TIMEOUT,
    )
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title().startswith("Action plan")
    home = page.locator(".smedx-topbar a.smedx-home")
    assert home.inner_text().startswith("← SME DX Kit") and home.get_attribute("href").endswith(
        "?lang=en"
    )
    page.locator(".smedx-lang-switch button[data-choice=zh]").click()
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'", timeout=60_000)
    assert page.url.endswith("plan.ipynb?lang=zh")
    assert "行动计划" in page.locator(".smedx-app-header").inner_text()
    assert page.locator(".smedx-nav a").first.get_attribute("href").endswith("?lang=zh")
    watch.assert_clean()
