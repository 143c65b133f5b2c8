"""Every app on a phone: a 390x844 screen with touch, as a plain mobile browser and as WeChat's
in-app browser (its user agent). Nothing scrolls sideways, tab labels are whole, charts fit the
screen and read cleanly, and every control is a tap target of at least 24 px.

Screenshots go to test-artifacts/apps/phone-<app>-<browser>.png (look at them)."""

from __future__ import annotations

import pytest
from conftest import APP_SLUGS, open_app, screenshot, text_problems
from harness import APP_CHARTS

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
USER_AGENTS = {
    "mobile": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
    "wechat": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI "
        "Language/zh_CN"
    ),
}
TAP = 24  # px: WCAG 2.2 target size (minimum)

# What a finger can miss: each visible control smaller than TAP px either way. A checkbox or a
# radio button counts with its label (tapping the label ticks it); a slider by its handle.
SMALL_TARGETS_JS = """min => Array.from(document.querySelectorAll(
        '.smedx-app :is(button, select, input, textarea, a[href], .lm-TabBar-tab, .noUi-handle)'))
    .filter(e => e.type !== 'hidden' && e.checkVisibility({opacityProperty: true,
                                                           visibilityProperty: true}))
    .map(e => {
        const target = e.matches('input[type=checkbox], input[type=radio]')
            && e.closest('label') || e;
        const box = target.getBoundingClientRect();
        return {tag: e.tagName, type: e.type || '', text: (target.innerText || e.value || '')
                .trim().slice(0, 40), width: Math.round(box.width), height: Math.round(box.height)};
    })
    .filter(t => t.width > 0 && (t.width < min || t.height < min))"""

# Tab labels cut short ("企 数 数 数"): a label narrower than its text, or a single character.
CUT_TABS_JS = """() => Array.from(document.querySelectorAll('.smedx-app .lm-TabBar-tab'))
    .filter(tab => tab.checkVisibility())
    .map(tab => {
        const label = tab.querySelector('.lm-TabBar-tabLabel') || tab;
        return {text: label.textContent.trim(), shown: label.innerText.trim(),
                cut: label.scrollWidth > label.clientWidth + 1,
                width: Math.round(label.getBoundingClientRect().width)};
    })
    .filter(t => t.cut || t.width < 2 * t.text.length || t.shown.length < 2)"""

# Charts wider than the screen or drawn past its edges
WIDE_CHARTS_JS = """() => Array.from(document.querySelectorAll('.smedx-app .js-plotly-plot .main-svg'))
    .filter(svg => svg.checkVisibility())
    .map(svg => svg.getBoundingClientRect())
    .filter(box => box.left < -1 || box.right > innerWidth + 1)
    .map(box => ({left: Math.round(box.left), right: Math.round(box.right)}))"""


@pytest.fixture(params=sorted(USER_AGENTS))
def phone(request, browser, server):
    """A fresh phone browser profile; requests leaving the machine are blocked."""
    ctx = browser.new_context(
        viewport=PHONE,
        user_agent=USER_AGENTS[request.param],
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="zh-CN",
    )
    ctx.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
            else route.abort()
        ),
    )
    ctx.kind = request.param
    yield ctx
    ctx.close()


def show_every_tab(page) -> None:
    """Open each tab once, so the charts and controls of hidden tabs are drawn and checked too."""
    tabs = page.locator(".smedx-app .lm-TabBar-tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        page.wait_for_timeout(300)
    if tabs.count():
        tabs.first.click()


@pytest.mark.parametrize("slug", APP_SLUGS)
def test_app_fits_a_phone(phone, server, watch, artifacts, slug):
    page = open_app(phone, server, watch, slug, charts=APP_CHARTS[slug])
    assert "MicroMessenger" in page.evaluate("navigator.userAgent") or phone.kind != "wechat"
    page.wait_for_timeout(1000)  # let late widgets settle
    show_every_tab(page)
    page.wait_for_timeout(1000)  # charts of the tabs just shown are fitted to the screen
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], (
        f"the page scrolls sideways: {width[0]} px on a {width[1]} px screen"
    )
    found = {
        "tab labels cut short": page.evaluate(CUT_TABS_JS),
        "charts past the screen's edges": page.evaluate(WIDE_CHARTS_JS),
        "chart texts cut off or overlapping": text_problems(page),
        f"controls smaller than {TAP} px": page.evaluate(SMALL_TARGETS_JS, TAP),
    }
    # the whole app in one picture: a screen as tall as the app (measured above at 844 px)
    tall = page.evaluate(
        "() => { const bottom = document.querySelector('.smedx-app').getBoundingClientRect()"
        ".bottom + scrollY; scrollTo(0, 0); return bottom; }"
    )
    page.set_viewport_size({"width": PHONE["width"], "height": min(8000, int(tall) + 40)})
    page.wait_for_timeout(500)
    screenshot(page, artifacts, f"phone-{slug}-{phone.kind}")
    assert not any(found.values()), "\n".join(
        f"{what}: {item}" for what, items in found.items() for item in items
    )
    watch.assert_clean()


def test_every_explorer_figure_reads_cleanly_on_a_phone(phone, server, watch):
    """The report explorer draws every figure of the report in one chart: each must fit."""
    from smedx.ui.report_explorer import figure_options

    page = open_app(phone, server, watch, "explorer")
    picker = page.locator(".smedx-app select").first
    current = picker.evaluate("s => s.options[s.selectedIndex].textContent.replace(/\\xa0/g, ' ')")
    title = (
        "() => JSON.stringify(document.querySelector('.smedx-app .js-plotly-plot').layout.title)"
    )
    found = {}
    for label, figure_id in figure_options():
        if label != current:
            before = page.evaluate(title)
            picker.select_option(label=label)
            page.wait_for_function(f"b => ({title})() !== b", arg=before, timeout=60_000)
            page.wait_for_timeout(300)  # the drawing that follows the new figure
        if problems := text_problems(page):
            found[figure_id] = problems
    assert not found, "\n".join(f"{fid}: {p}" for fid, items in found.items() for p in items)
    watch.assert_clean()
