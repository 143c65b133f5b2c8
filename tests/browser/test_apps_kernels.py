"""Leaving an app frees its kernel: every app is opened and left ten times in a real browser, half
by closing the page and half by the top bar's link back to the gallery, and each time the app's
kernel process must be gone within seconds; afterwards only the preheated pools remain.

The seven apps are opened side by side, each directly in a fresh browser profile, as a bookmarked
or shared link is: no earlier page has set the ``_xsrf`` cookie that Voila's shutdown request
needs (smedx/apps_xsrf.py). The first two rounds leave the apps once their widgets are drawn, the
others as soon as Voila's widget manager has registered its shutdown, as an impatient person
does. Kernels are counted as the Voila server's kernel processes (psutil): the apps serve no
kernel list."""

from __future__ import annotations

import json
import re
import time

import psutil
import pytest
from conftest import APP_SLUGS
from harness import LOAD_TIMEOUT, VIEWPORT, start_server, stop_server

from smedx import app_server as serving

pytestmark = pytest.mark.slow

VISITS = 10  # per app: even visits close the page, odd ones follow the link to the gallery
GONE_WITHIN = 20  # s for a left app's kernel process to end (shutdown, then kill after 5 s)
REFILL_WITHIN = 120  # s for the pools to be full again at the end (kernels start on 2 cores)
CONNECTION_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")


@pytest.fixture(scope="module")
def own_server(artifacts):
    """A server of its own: kernels left behind by other tests' pages must not count here."""
    started = start_server(artifacts / "voila-kernels.log")
    yield started
    stop_server(started)


def pool_size() -> int:
    """How many kernels the configuration keeps preheated for the apps of widgets/."""
    config = json.loads((serving.WIDGETS / "voila.json").read_text(encoding="utf-8"))
    pools = config["VoilaKernelManager"]["kernel_pools_config"]
    return sum(
        pools.get(path.name, pools["default"])["pool_size"]
        for path in serving.WIDGETS.glob("*.ipynb")
    )


def kernel_ids(server) -> set[str]:
    """The ids of the kernels running under the Voila server, from their processes."""
    found = set()
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            match = CONNECTION_FILE.search(" ".join(child.cmdline()))
        except psutil.NoSuchProcess:  # ended while we looked
            continue
        if match:
            found.add(match.group(1))
    return found


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout} s")


def kernel_of(page) -> str:
    return page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


# Counts the page's "beforeunload" listeners: Voila's widget manager adds the one that sends the
# shutdown when it starts, so a page can be left from then on (test instrumentation only).
COUNT_UNLOAD_LISTENERS = """
window.__unloadListeners = 0;
const add = window.addEventListener;
window.addEventListener = function (type, ...rest) {
    if (type === 'beforeunload') window.__unloadListeners += 1;
    return add.call(this, type, ...rest);
};
"""


def visit_all_and_leave(browser, server, by_link: bool, drawn: bool) -> set[str]:
    """Open every app at once, each in a fresh profile, and leave it once its widget manager runs
    (``drawn``: once its widgets are drawn). Returns the kernels the apps had."""
    contexts = [browser.new_context(viewport=VIEWPORT, locale="zh-CN") for _ in APP_SLUGS]
    for ctx in contexts:
        ctx.add_init_script(COUNT_UNLOAD_LISTENERS)
    try:
        pages = {slug: ctx.new_page() for slug, ctx in zip(APP_SLUGS, contexts, strict=True)}
        for slug, page in pages.items():  # the browser loads them side by side
            page.goto(f"{server.url}voila/render/{slug}.ipynb", wait_until="commit")
        kernels = {}
        for slug, page in pages.items():
            if drawn:
                page.wait_for_selector(f".smedx-app-{slug}", timeout=LOAD_TIMEOUT)
            page.wait_for_function("() => window.__unloadListeners > 0", timeout=LOAD_TIMEOUT)
            kernels[slug] = kernel_of(page)
            assert kernels[slug] in kernel_ids(server), f"{slug}: its kernel is not running"
        for page in pages.values():
            if by_link:
                page.locator(".smedx-topbar a").click()
            else:
                page.close(run_before_unload=True)  # as a person closing the tab
        way = "following the link to the gallery" if by_link else "closing the page"

        def left_running() -> list[str]:
            running = kernel_ids(server)
            return [slug for slug, kernel in kernels.items() if kernel in running]

        try:
            wait_for(lambda: not left_running(), GONE_WITHIN, "")
        except AssertionError:
            raise AssertionError(
                f"after {way}, the kernels of {left_running()} still ran {GONE_WITHIN} s later"
            ) from None
        if by_link:
            for page in pages.values():
                page.wait_for_selector(".smedx-gallery", timeout=30_000)
        return set(kernels.values())
    finally:
        for ctx in contexts:
            ctx.close()


def test_leaving_an_app_frees_its_kernel(browser, own_server, artifacts):
    pools = pool_size()
    wait_for(lambda: len(kernel_ids(own_server)) == pools, 60, "the pools were not full")
    left = set()
    for visit in range(VISITS):
        # the first two rounds see the apps drawn; the others leave them as soon as they can
        left |= visit_all_and_leave(browser, own_server, by_link=visit % 2 == 1, drawn=visit < 2)
    assert len(left) == VISITS * len(APP_SLUGS), "a kernel served two visits"
    wait_for(
        lambda: len(kernel_ids(own_server)) == pools,
        REFILL_WITHIN,
        f"the kernel count did not return to the pool size {pools}",
    )
    refused = re.findall(r"[45]\d\d POST /voila/api/shutdown/.*", own_server.log_text())
    assert not refused, refused[:3]


def test_shutdown_still_needs_the_xsrf_token(own_server):
    """The fix sets the cookie; it does not open the door: a shutdown posted without the token,
    or with one that does not match the cookie (another site's form), is refused."""
    import urllib.error
    import urllib.request

    kernel = sorted(kernel_ids(own_server))[0]
    url = f"{own_server.url}voila/api/shutdown/{kernel}"
    forged = "2|00000000|" + "ab" * 16 + "|1700000000"
    for headers, body in (
        ({}, b""),
        ({"Cookie": f"_xsrf={forged}"}, b"_xsrf=2|11111111|" + b"cd" * 16 + b"|1700000000"),
    ):
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    assert kernel in kernel_ids(own_server)
