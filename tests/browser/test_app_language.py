"""The web apps in one language (issue #16 item 2): the server's language (SMEDX_LANG, as
`smedx apps` passes it on) for the gallery, the 404 page and every app opened without ?lang=;
?lang= wins. An app opened with ?lang= other than the server's (a preheated kernel built it in
the server's language) never shows the wrong language first. English pages draw Latin text with a
Latin font (a CJK font draws ’ and “ ” full-width).

Screenshots: test-artifacts/apps/lang-*.png (1366x768 and 390x844)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html import unescape

import pytest
from conftest import LOAD_TIMEOUT, VIEWPORT, open_app, screenshot
from harness import DRAWN_CHARTS_JS, start_server, stop_server
from lang_check import english_words, has_han, stray_han

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
FILE_TYPES = {"CSV", "HTML"}  # a Chinese text names file types in Latin letters ("下载 CSV")
LATIN_FONT = re.compile(
    r"^\s*\"?(Segoe UI|Roboto|Helvetica Neue|Arial|Liberation Sans|DejaVu Sans)"
)


@pytest.fixture(scope="module")
def english_server(artifacts):
    """`SMEDX_LANG=en smedx apps --no-preheat`: kernels start per page, so it is up in seconds."""
    started = start_server(artifacts / "voila-en.log", preheat=False, lang="en")
    yield started
    stop_server(started)


@pytest.fixture
def english_context(browser, english_server):
    ctx = browser.new_context(viewport=VIEWPORT, locale="zh-CN")  # the browser's locale is no hint
    yield ctx
    ctx.close()


def served(url: str) -> tuple[int, str, str]:
    """Status, <title> and visible text of a page as the server sends it (no script runs)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, html = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        status, html = err.code, err.read().decode("utf-8")
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
    body = re.sub(
        r"<(script|style|noscript)\b.*?</\1>",
        " ",
        re.split(r"<body[^>]*>", html, maxsplit=1)[1],
        flags=re.S,
    )
    return status, title, " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def english(text: str) -> list[str]:
    """The English words of a Chinese text."""
    return [word for word in english_words(text) if word not in FILE_TYPES]


def gallery_text(page) -> str:
    """The gallery's visible text but its switch, whose 中文 names the other edition."""
    return page.evaluate(
        """() => { const g = document.querySelector('.smedx-gallery').cloneNode(true);
                   g.querySelector('.smedx-lang-switch').remove(); return g.textContent; }"""
    )


def frame_text(page) -> str:
    """What an app page shows in its fixed parts: top bar, header, results bar, links, title."""
    parts = [page.title()]
    for frame in (".smedx-topbar", ".smedx-app-header, .smedx-quiz h2", ".smedx-nav"):
        parts += page.locator(frame).all_inner_texts()
    return " ".join(parts)


def test_the_server_language_is_the_gallery_s_and_the_apps(english_context, english_server):
    page = english_context.new_page()
    page.goto(english_server.url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "SME DX Kit · the apps"
    shown = gallery_text(page)
    assert "SME DX Kit" in shown and not has_han(shown), shown
    assert page.locator(".smedx-card[data-app=plan]").get_attribute("href").endswith("?lang=en")
    for size, name in ((VIEWPORT, "lang-gallery-en-1366"), (PHONE, "lang-gallery-en-390")):
        page.set_viewport_size(size)
        screenshot(page, english_server.log.parent, name)
    page.goto(f"{english_server.url}?lang=zh")  # the URL wins
    assert page.title() == "数转课堂 · 应用目录" and not english(gallery_text(page))

    app = english_context.new_page()  # an app without ?lang: its kernel inherits SMEDX_LANG
    response = app.goto(f"{english_server.url}voila/render/scenarios.ipynb", wait_until="commit")
    assert '<html lang="en">' in response.text()  # its top bar is English from the first paint
    app.wait_for_selector(".smedx-app-scenarios .smedx-app-header", timeout=LOAD_TIMEOUT)
    assert app.locator("html").get_attribute("lang") == "en"
    shown = frame_text(app)
    assert "Scenario planner" in shown and not has_han(shown), shown


def test_an_app_asked_in_the_other_language_is_shown_in_it(english_context, english_server):
    """A kernel started for the page (no preheat) builds it in ?lang= at once: the page that
    waits for the language is shown as soon as its switch marks it (not after a timeout)."""
    page = english_context.new_page()
    page.goto(f"{english_server.url}voila/render/quiz.ipynb?lang=zh", wait_until="commit")
    page.wait_for_selector(".smedx-app-quiz", state="visible", timeout=LOAD_TIMEOUT)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    shown = frame_text(page)
    assert "课前/课后测" in shown and not english(shown), shown


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("zh", "", "没有这个页面 · 数转课堂"),
        ("en", "?lang=en", "Page not found · SME DX Kit"),
    ],
)
def test_404_page_in_one_language(server, lang, query, title):
    for path in ("no-such-page", "voila/render/no-such-app.ipynb"):  # tornado's and Voila's 404
        status, shown_title, text = served(f"{server.url}{path}{query}")
        assert status == 404 and shown_title == title, (path, shown_title)
        if lang == "en":
            assert "There is no such page." in text and not has_han(text), text
        else:
            assert "没有这个页面。" in text and not english(text), text


def test_404_page_follows_the_server_language(english_server):
    status, title, text = served(f"{english_server.url}no-such-page")
    assert status == 404 and title == "Page not found · SME DX Kit" and not has_han(text), text
    status, title, text = served(f"{english_server.url}no-such-page?lang=zh")
    assert title == "没有这个页面 · 数转课堂" and not english(text), text


# Every animation frame from the first paint on, the app's visible text (visibility and display
# respected: innerText), but its language switch, whose 中文 | English names both editions.
RECORD_SHOWN_JS = """(() => {
  window.smedxShown = [];
  const look = () => {
    const frame = document.querySelector('.smedx-app-frame');
    if (frame) {
      const sw = frame.querySelector('.smedx-lang-switch');
      const text = frame.innerText.replace(sw ? sw.innerText : '', '').trim();
      const last = window.smedxShown[window.smedxShown.length - 1];
      if (text && text !== last) window.smedxShown.push(text);
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""


def test_preheated_app_opened_in_english_never_shows_chinese(context, server, watch, artifacts):
    """The session's server is Chinese and preheated: its kernels built the app in Chinese before
    the request; the page must not show that before it is rebuilt in English."""
    page = context.new_page()
    watch.attach(page)
    page.add_init_script(RECORD_SHOWN_JS)
    page.goto(f"{server.url}voila/render/scenarios.ipynb?lang=en", wait_until="commit")
    page.wait_for_selector(".smedx-app-header", state="visible", timeout=LOAD_TIMEOUT)
    screenshot(page, artifacts, "lang-first-paint-scenarios-en")
    page.wait_for_function(f"() => ({DRAWN_CHARTS_JS})() >= 1", timeout=LOAD_TIMEOUT)
    header = page.locator(".smedx-app-header").inner_text()
    assert header.startswith("Scenario planner"), header
    seen = page.evaluate("() => window.smedxShown")
    chinese = [line for text in seen for line in text.splitlines() if stray_han(line)]
    assert seen and not chinese, chinese[:20]

    font = page.evaluate(
        "() => getComputedStyle(document.querySelector('.smedx-app-header')).fontFamily"
    )
    assert LATIN_FONT.match(font), font
    page.set_viewport_size(PHONE)
    screenshot(page, artifacts, "lang-scenarios-en-390")
    # the rebuild in English closes the Chinese page's widgets only once the browser has set
    # them up (smedx.ui.apps.CLOSE_REPLACED_AFTER_S): anywidget reported a failed set-up before
    watch.assert_clean()


# The width of a right single quote, in em, as the page draws it
QUOTE_EM_JS = """sel => { const s = document.createElement('span'); s.textContent = '’’’’';
  document.querySelector(sel).append(s); const w = s.getBoundingClientRect().width / 4;
  const em = parseFloat(getComputedStyle(s).fontSize); s.remove(); return w / em; }"""


def test_english_pages_draw_latin_text_with_a_latin_font(context, server):
    """A CJK-first font stack draws ’ “ ” full-width in English text ("the kit’s")."""
    page = context.new_page()
    page.goto(f"{server.url}?lang=en")
    font = page.evaluate("() => getComputedStyle(document.querySelector('.smedx-lead')).fontFamily")
    assert LATIN_FONT.match(font) and "Noto Sans CJK SC" in font, font  # CJK stays the fallback
    quote_em = page.evaluate(QUOTE_EM_JS, ".smedx-lead")
    assert quote_em < 0.5, f"’ is {quote_em:.2f} em wide: drawn by a CJK font"  # Latin: 0.21
    page.goto(f"{server.url}?lang=zh")  # Chinese text keeps its font (and its full-width quotes)
    assert page.evaluate(QUOTE_EM_JS, ".smedx-lead") > 0.5  # Noto Sans CJK's: 0.63 em


def test_chinese_pages_keep_the_chinese_font(context, server, watch):
    page = open_app(context, server, watch, "quiz", charts=0)
    font = page.evaluate("() => getComputedStyle(document.querySelector('.smedx-quiz')).fontFamily")
    assert font.lstrip().startswith('"Noto Sans CJK SC"'), font
    watch.assert_clean()
