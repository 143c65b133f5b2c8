"""Quiz options in JupyterLab: every module notebook and every released graded notebook
(exercises/) is run in a real JupyterLab ("Restart Kernel and Run All Cells", as a learner does)
and every exercise is measured at 1366 and 1024 px wide:
no two options overlap (an option's box together with any text running out of it), each option
shows its radio button or checkbox before its first line, and no option text is cut.

Pictures of every exercise are saved to test-artifacts/lab-exercises/ (look at them)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from harness import LOAD_TIMEOUT, ROOT, free_port
from test_learner_server import hub_learner_environment

from smedx.exercises import question

pytestmark = pytest.mark.slow

# paths under the JupyterLab root, which holds copies of modules/ and exercises/
NOTEBOOKS = sorted(f"modules/{p.name}" for p in (ROOT / "modules").glob("*.ipynb")) + sorted(
    f"exercises/{p.parent.name}/{p.name}" for p in (ROOT / "exercises").glob("m*/m*.ipynb")
)
# The English edition has the same cells (tests/test_editions.py); one module of it here shows
# that its longer labels fit too, without running every module twice in the browser.
NOTEBOOKS.append("modules/en/00_getting_started.ipynb")
WIDTHS = (1366, 1024)
RUN_TIMEOUT = 600_000  # ms for one module's cells on a shared 2-core machine


def short(notebook: str) -> str:
    """m00 for modules/00_入门.ipynb, en00 for modules/en/00_getting_started.ipynb, e01 for the
    graded exercises/m01/m01.ipynb."""
    return re.sub(
        r"^(\w)\w+/(en/)?(m?)(\d\d).*", lambda m: (m[2] or m[1]).strip("/") + m[4], notebook
    )


# Every cell in the page (JupyterLab otherwise leaves cells far out of view out of the page, and
# they could not be measured). The news pop-up is left to the role's own configuration.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
# A pop-up notification (JupyterLab's news question is one) over the page.
POP_UP = ".Toastify__toast"
# nbgrader as the page shows it: its sidebar tab and the notebook's Validate button.
NBGRADER_UI_JS = """() => ({
    createAssignment: Array.from(document.querySelectorAll('.jp-SideBar .lm-TabBar-tab'))
        .some(t => /Create Assignment/.test(t.title)),
    validate: document.querySelectorAll('.jp-NotebookPanel-toolbar .validate-button').length,
    extensionManager: !!document.querySelector('.lm-TabBar-tab[data-id="extensionmanager.main-view"]'),
})"""
# Per exercise (.smedx-exercise): the problems of its options (radio labels, checkboxes).
OPTION_PROBLEMS_JS = r"""() => {
  const TOL = 1;  // px: anti-aliasing and rounding
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOL
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOL;
  const union = (a, b) => ({left: Math.min(a.left, b.left), right: Math.max(a.right, b.right),
    top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom)});
  const drawn = option => {  // the option's box and its text where the text runs out of it
    const range = document.createRange();
    range.selectNodeContents(option);
    return union(option.getBoundingClientRect(), range.getBoundingClientRect());
  };
  const textBox = option => {  // where the option's words are drawn
    const walk = document.createTreeWalker(option, NodeFilter.SHOW_TEXT);
    let box = null;
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width && r.height) box = box ? union(box, r) : r;  // not a hidden label
    }
    return box;
  };
  const exercises = [];
  document.querySelectorAll('.smedx-exercise').forEach(ex => {
    const title = ex.querySelector('b[data-exercise]');  // the id is not shown, only kept here
    const name = title ? title.dataset.exercise : '?';
    const options = Array.from(ex.querySelectorAll('.widget-radio-box label, .widget-checkbox'));
    const problems = [];
    const boxes = options.map(drawn);
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, k) => {
      if (overlap(a, b)) problems.push(`options ${i + 1} and ${i + k + 2} overlap`);
    }));
    options.forEach((option, i) => {
      const input = option.querySelector('input');
      option.scrollIntoView({block: 'center'});
      const r = input && input.getBoundingClientRect();
      const box = option.getBoundingClientRect();
      const hit = r && document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (!r || r.width < 8 || r.height < 8 || r.left < box.left - TOL || r.right > box.right + TOL
          || r.top < box.top - TOL || r.bottom > box.bottom + TOL || hit !== input)
        problems.push(`option ${i + 1} does not show its control`);
      const words = textBox(option);
      if (!words) problems.push(`option ${i + 1} shows no text`);
      else if (r && (r.right > words.left + TOL || r.top > words.top + 12))
        problems.push(`option ${i + 1}: its control is not before its first line`);
      const label = option.querySelector('.widget-label-basic') || option;
      if (label.scrollWidth > label.clientWidth + TOL) problems.push(`option ${i + 1} is cut`);
    });
    exercises.push({name, options: options.length, problems});
  });
  return exercises;
}"""


def expected_exercises(notebook) -> list[str]:
    """The exercises the notebook shows as ExerciseWidgets: its exercise("id") cells, components
    given an exercise, graded item({...}) cells ("form" items are answered by their component)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    practice = re.findall(r'\bexercise(?:\(\s*|=)"([^"]+)"', code)
    graded = re.findall(
        r'\bitem\(\s*\{\s*"id":\s*"([^"]+)",\s*"module":\s*"\w+",\s*"kind":\s*"(\w+)"', code
    )
    return [i for i in practice if question(i).kind != "form"] + [
        i for i, kind in graded if kind != "form"
    ]


def machine_environment() -> dict[str, str]:
    """This process's environment without its Jupyter variables: the server sees only its role's."""
    return {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}


def start_lab(base, env: dict[str, str], root, log) -> tuple[str, str, subprocess.Popen]:
    """JupyterLab on 127.0.0.1 with a token, serving ``root``; returns once it answers. The page
    exposes the app (window.jupyterapp) so a test can read the notebook model."""
    for name, value in LAB_SETTINGS.items():
        path = base / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
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
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    env = {
        **env,
        "JUPYTER_CONFIG_DIR": str(base / "user-config"),  # no ~/.jupyter of this machine
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=5):
                return url, token, server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop(server)
                raise RuntimeError("JupyterLab did not start") from None
            time.sleep(1)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="module")
def lab(artifacts, tmp_path_factory):
    """A hub learner's JupyterLab (the spawner's environment, deploy/hub/jupyter/learner) over
    copies of modules/ and exercises/ (running a notebook writes its answer file beside it)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for folder in ("modules", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    (base / "home" / "exchange").mkdir(parents=True)
    env = hub_learner_environment(machine_environment(), base / "home")
    with (artifacts / "lab-exercises.log").open("w", encoding="utf-8") as log:
        url, token, server = start_lab(base, env, root, log)
        try:
            yield url, token
        finally:
            stop(server)


@pytest.fixture(scope="module")
def trainer_lab(artifacts, tmp_path_factory):
    """A trainer's JupyterLab (`kit.py start --trainer`: the environment as installed)."""
    base = tmp_path_factory.mktemp("trainer-lab")
    (base / "course" / "modules").mkdir(parents=True)
    shutil.copy(ROOT / NOTEBOOKS[0], base / "course" / NOTEBOOKS[0])
    with (artifacts / "lab-trainer.log").open("w", encoding="utf-8") as log:
        url, token, server = start_lab(base, machine_environment(), base / "course", log)
        try:
            yield url, token
        finally:
            stop(server)


# Run-all has finished: every code cell of the notebook model has an execution count (read from
# the model: a collapsed cell shows a placeholder prompt that never gets one) and the kernel is
# idle, or a cell failed (run-all stops there; the test then reports the error).
RUN_FINISHED_JS = """() => {
    if (document.querySelector("[data-mime-type='application/vnd.jupyter.error']")) return true;
    const panel = window.jupyterapp.shell.currentWidget;
    const session = panel && panel.sessionContext && panel.sessionContext.session;
    if (!session || !session.kernel || session.kernel.status !== 'idle') return false;
    const cells = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
    return cells.length > 0 && cells.every(c => c.executionCount !== null);
}"""


def run_all(page) -> None:
    """Restart the kernel and run every cell, as from the toolbar; wait until all have run."""
    page.wait_for_function(  # the kernel has started: "Python 3 (ipykernel) | 空闲 (Idle)"
        r"""() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
            .some(e => /\|\s*(空闲|Idle)$/.test(e.innerText.trim()))""",
        timeout=LOAD_TIMEOUT,
    )
    page.click("[data-command='notebook:restart-run-all']")
    page.click(".jp-Dialog-button.jp-mod-accept")
    page.wait_for_function(RUN_FINISHED_JS, timeout=RUN_TIMEOUT)


@pytest.fixture(scope="module")
def folder(artifacts):
    path = artifacts.parent / "lab-exercises"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[short(n) for n in NOTEBOOKS])
def test_quiz_options_never_overlap_in_jupyterlab(browser, lab, folder, notebook):
    url, token = lab
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 768}, locale="zh-CN")
    try:
        page = context.new_page()
        # ?reset: JupyterLab's default layout, not the one the previous module left behind
        page.goto(f"{url}lab/tree/{notebook}?reset&token={token}", wait_until="commit")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=LOAD_TIMEOUT)
        run_all(page)
        failed = page.locator("[data-mime-type='application/vnd.jupyter.error']")
        assert not failed.count(), f"a cell failed: {failed.first.inner_text()[:1500]}"
        assert not page.locator(POP_UP).count(), page.locator(POP_UP).first.inner_text()
        exercises = page.locator(".smedx-exercise")
        expected = expected_exercises(ROOT / notebook)
        shown = exercises.evaluate_all(  # the id is in a class for tests (the page shows none)
            "els => els.map(e => [...e.classList].find(c => /^smedx-exercise-m/.test(c))"
            ".slice('smedx-exercise-'.length).replace('-', '.'))"
        )
        assert expected and shown == expected
        stem = short(notebook)
        found = []
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 768})
            page.wait_for_function(  # the notebook has taken the new width
                "w => document.querySelector('.jp-Notebook').getBoundingClientRect().right <= w",
                arg=width,
            )
            page.screenshot(path=str(folder / f"{stem}-page-{width}.png"))
            for ex in page.evaluate(OPTION_PROBLEMS_JS):
                found += [f"{ex['name']} at {width} px: {p}" for p in ex["problems"]]
            for i in range(exercises.count()):
                exercises.nth(i).scroll_into_view_if_needed()
                exercises.nth(i).screenshot(path=str(folder / f"{stem}-{i + 1}-{width}.png"))
        assert not found, "\n".join(found)
    finally:
        context.close()


def open_notebook(browser, url: str, token: str, notebook: str):
    """A page with the notebook open and its kernel started (JupyterLab fully restored)."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{url}lab/tree/{notebook}?reset&token={token}", wait_until="commit")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        """() => { const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                   const session = panel && panel.sessionContext && panel.sessionContext.session;
                   return !!(session && session.kernel && session.kernel.status === 'idle'); }""",
        timeout=LOAD_TIMEOUT,
    )
    return context, page


def nbgrader_ui(page) -> dict:
    """What nbgrader shows on the page (NBGRADER_UI_JS) and the items of its main menu that can
    be seen (the menu is opened as a user does, then closed)."""
    ui = {**page.evaluate(NBGRADER_UI_JS), "menu": []}
    menu = page.locator(".lm-MenuBar-item", has_text="Nbgrader")
    if menu.count():
        menu.click()
        items = page.locator(".lm-Menu .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel")
        items.first.wait_for()
        ui["menu"] = items.all_inner_texts()
        page.keyboard.press("Escape")
    return ui


def test_a_learners_lab_shows_no_trainer_tool_and_no_news(browser, lab, folder):
    """Issue 16 item 7: the hub learner's JupyterLab keeps the assignment list (fetch, submit)
    and shows neither the Create Assignment sidebar, the Validate button, the formgrader or
    course list, the extension manager, nor the news question."""
    context, page = open_notebook(browser, *lab, NOTEBOOKS[0])
    try:
        ui = nbgrader_ui(page)
        page.screenshot(path=str(folder / "learner-lab.png"))
        assert ui == {
            "createAssignment": False, "validate": 0, "extensionManager": False,
            "menu": ["Assignment List"],
        }  # fmt: skip
        assert not page.locator(POP_UP).count(), page.locator(POP_UP).first.inner_text()
    finally:
        context.close()


def test_a_trainers_lab_keeps_nbgrader(browser, trainer_lab, folder):
    context, page = open_notebook(browser, *trainer_lab, NOTEBOOKS[0])
    try:
        ui = nbgrader_ui(page)
        page.screenshot(path=str(folder / "trainer-lab.png"))
        assert ui["createAssignment"] and ui["validate"] == 1 and ui["extensionManager"]
        assert {"Assignment List", "Course List", "Formgrader", "Create assignment"} <= set(
            ui["menu"]
        )
    finally:
        context.close()
