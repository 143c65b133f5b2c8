"""JupyterLab's language is the learner's language (issue #16 item 2): a hub learner's JupyterLab
shows its menus in the language chosen in Settings → Language, and a released assignment
notebook whose language cell is emptied shows its exercise in the same language (the kernel reads
JupyterLab's setting, smedx.lab_locale). Chinese is the default (the kit's overrides.json). A
released assignment as committed pins its kernel to Chinese (test_assignment_editions.py).

Pictures: test-artifacts/lab-exercises/language-*.png."""

from __future__ import annotations

import json
import re
import shutil
import urllib.request

import pytest
from harness import LOAD_TIMEOUT, ROOT
from test_lab_exercises import machine_environment, open_notebook, start_lab, stop
from test_learner_server import hub_learner_environment

pytestmark = pytest.mark.slow

NOTEBOOK = "exercises/m01/m01.ipynb"  # a released assignment, its language cell emptied below
USER_CHOICE = "@jupyterlab/translation-extension/plugin.jupyterlab-settings"
CJK = re.compile(r"[\u4e00-\u9fff]")
MENUS = {
    "en": ["File", "Edit", "View", "Run", "Kernel"],
    "zh": ["文件", "编辑", "查看", "运行", "内核"],
}


def first_item() -> tuple[int, dict]:
    """The index of the notebook's first graded item cell, and the item's prompt."""
    cells = json.loads((ROOT / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and source.startswith("item("):
            prompt = re.search(r'"zh": "([^"]+)",\s*"en": "([^"]+)"', source)
            # the beginning of each: the page may space or break the rest differently
            return index, {"zh": prompt[1][:10], "en": prompt[2][:30]}
    raise AssertionError(f"no item( cell in {NOTEBOOK}")


@pytest.fixture(scope="module")
def lab(artifacts, tmp_path_factory):
    """A hub learner's JupyterLab whose learner chose English before it started."""
    base = tmp_path_factory.mktemp("lab-language")
    shutil.copytree(ROOT / "exercises" / "m01", base / "course" / "exercises" / "m01")
    released = base / "course" / NOTEBOOK
    nb = json.loads(released.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("id") == "m01-language":  # unpinned: the kernel follows JupyterLab
            cell["source"] = []
    released.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    choice = base / "settings" / USER_CHOICE
    choice.parent.mkdir(parents=True)
    choice.write_text('{\n  // Language\n  "locale": "en"\n}\n', encoding="utf-8")
    (base / "home" / "exchange").mkdir(parents=True)
    env = hub_learner_environment(machine_environment(), base / "home")
    with (artifacts / "lab-language.log").open("w", encoding="utf-8") as log:
        url, token, server = start_lab(base, env, base / "course", log)
        try:
            yield url, token, choice
        finally:
            stop(server)


def shown_in_lab(browser, url: str, token: str, folder, lang: str) -> tuple[list[str], str]:
    """The main menu's titles and the first exercise's text, the notebook run up to its first
    graded item (as a learner does: open it, run the cells from the top)."""
    context, page = open_notebook(browser, url, token, NOTEBOOK)
    try:
        menus = page.locator(".lm-MenuBar-item").all_inner_texts()
        index, _prompt = first_item()
        page.evaluate(
            """i => { const panel = window.jupyterapp.shell.currentWidget;
                      panel.content.activeCellIndex = i + 1; }""",
            index,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-above')")
        exercise = page.locator(".smedx-exercise").first
        exercise.wait_for(timeout=LOAD_TIMEOUT)
        text = exercise.inner_text()
        page.screenshot(path=str(folder / f"language-{lang}.png"))
        return [m.strip() for m in menus], text
    finally:
        context.close()


def shut_down_kernels(url: str, token: str) -> None:
    """End every session, as closing the notebook and its kernel does: the next one starts anew."""
    with urllib.request.urlopen(f"{url}api/sessions?token={token}", timeout=30) as answer:
        sessions = json.load(answer)
    for session in sessions:
        request = urllib.request.Request(
            f"{url}api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=60).close()


@pytest.fixture(scope="module")
def folder(artifacts):
    path = artifacts.parent / "lab-exercises"
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_the_learners_english_and_then_the_chinese_default(browser, lab, folder):
    url, token, choice = lab
    _index, prompt = first_item()
    menus, text = shown_in_lab(browser, url, token, folder, "en")
    assert menus[: len(MENUS["en"])] == MENUS["en"], menus
    assert prompt["en"] in text and not CJK.search(text), text
    shut_down_kernels(url, token)
    choice.unlink()  # back to the default: the kit's overrides.json says zh_CN
    menus, text = shown_in_lab(browser, url, token, folder, "zh")
    assert menus[: len(MENUS["zh"])] == MENUS["zh"], menus
    assert prompt["zh"] in text and prompt["en"] not in text, text
