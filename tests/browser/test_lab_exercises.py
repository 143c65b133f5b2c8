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

from smedx.exercises import question

pytestmark = pytest.mark.slow

# paths under the JupyterLab root, which holds copies of modules/ and exercises/
NOTEBOOKS = sorted(f"modules/{p.name}" for p in (ROOT / "modules").glob("*.ipynb")) + sorted(
    f"exercises/{p.parent.name}/{p.name}" for p in (ROOT / "exercises").glob("m*/m*.ipynb")
)
WIDTHS = (1366, 1024)
RUN_TIMEOUT = 600_000  # ms for one module's cells on a shared 2-core machine


def short(notebook: str) -> str:
    """m00 for modules/00_入门.ipynb, e01 for the graded exercises/m01/m01.ipynb."""
    return re.sub(r"^(\w)\w+/(m?)(\d\d).*", r"\1\3", notebook)


# Every cell in the page (JupyterLab otherwise leaves cells far out of view out of the page, and
# they could not be measured); no news pop-up over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
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
    const title = ex.querySelector('b');
    const name = title ? title.innerText.replace(/^.*Exercise\s*/, '') : '?';
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


@pytest.fixture(scope="module")
def lab(artifacts, tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, over copies of modules/ and exercises/ (running a
    notebook writes its answer file beside it)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for folder in ("modules", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
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
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
    }
    log = (artifacts / "lab-exercises.log").open("w", encoding="utf-8")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(1)
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def run_all(page) -> None:
    """Restart the kernel and run every cell, as from the toolbar; wait until all have run."""
    page.wait_for_function(  # the kernel has started: "Python 3 (ipykernel) | 空闲 (Idle)"
        r"""() => Array.from(document.querySelectorAll('.jp-StatusBar-TextItem'))
            .some(e => /\|\s*(空闲|Idle)$/.test(e.innerText.trim()))""",
        timeout=LOAD_TIMEOUT,
    )
    page.click("[data-command='notebook:restart-run-all']")
    page.click(".jp-Dialog-button.jp-mod-accept")
    page.wait_for_function(
        r"""() => {
            const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
            return prompts.length && prompts.every(p => /\[\d+\]/.test(p.innerText));
        }""",
        timeout=RUN_TIMEOUT,
    )


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
        exercises = page.locator(".smedx-exercise")
        expected = expected_exercises(ROOT / notebook)
        shown = exercises.evaluate_all(
            "els => els.map(e => e.querySelector('b').innerText.replace(/^.*Exercise\\s*/, ''))"
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
