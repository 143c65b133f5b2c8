"""A learner's markup never acts on the feedback page (issue #14 item 6).

Real ``nbgrader autograde`` then ``generate_feedback`` of an m01 submission whose coded answer
displays a forged score in HTML, JavaScript, an SVG with ``onload`` and an output that copies the
trusted scorer's mark, and whose reflection (a markdown answer) holds ``<script>``, ``<style>``
and a positioned ``<div>``. The page must show all of it as text at most, show the real score,
and still render the trusted scorer's messages as HTML.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from autograde import NBGRADER, autograde
from bs4 import BeautifulSoup

from smedx.grading import cohort, trainer

pytestmark = pytest.mark.slow

MODULE = "m01"
LEARNER = "attacker"
ROOT = Path(__file__).resolve().parents[1]
SPEC = trainer.spec(ROOT, MODULE)

FORGED_DIV = (
    '<style>h4{visibility:hidden}</style><div style="position:fixed;top:0;left:0;width:100%;'
    'background:#fff;z-index:9999">得分 Score：100 / 100 ✔ FORGED</div>'
    '<script>document.title="FORGED"</script>'
)
ATTACK_CODE = f"""
from IPython.display import HTML, SVG, Javascript, display
display(HTML({FORGED_DIV!r}))
display(Javascript('document.title = "FORGED-JS"'))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\\'FORGED-SVG\\'">'
            '<text y="20">FORGED-SVG</text></svg>'))
display({{"text/html": "<b>FORGED-HTML-ONLY</b>"}}, raw=True)
display({{"text/html": "<b>FORGED-MARK</b>", "text/plain": "mark copied"}},
        metadata={{"smedx": {{"scored": "{MODULE}-top_goal-answer"}}}}, raw=True)
display({{"text/html": "<b>FORGED-MARK2</b>", "text/plain": "mark copied"}},
        metadata={{"smedx": {{"scored": "{MODULE}-top_goal-test"}}}}, raw=True)
print("learner print <i>stays text</i>")
"""
REFLECTION = (
    "我的反思：数字化先从订单开始。\n\n"
    "<script>document.title='FORGED-MD'</script>\n\n"
    "<style>h4 { visibility: hidden }</style>\n\n"
    '<div style="position:fixed;top:0;z-index:9999" class="navbar-fixed-top">FORGED-MD 100 / 100'
    "</div>\n\n"
    '<img src="x" onerror="document.title=1"> [link](javascript:alert(1))\n'
)


@pytest.fixture(scope="module")
def page(tmp_path_factory, released_course):
    folder = released_course(tmp_path_factory.mktemp("feedback") / "course", [MODULE])
    answer = f"{MODULE}-{SPEC.advanced[0].name}-answer"
    assert answer == f"{MODULE}-top_goal-answer"  # the mark the attack copies names this cell
    cells = {
        answer: SPEC.advanced[0].solution + "\n" + ATTACK_CODE,
        f"{MODULE}-reflection": REFLECTION,
    }
    cohort.submit(folder, MODULE, LEARNER, cohort.full_answers(MODULE, ROOT), cells=cells)
    result = autograde(folder, MODULE)
    assert result.returncode == 0, result.stderr[-3000:]
    feedback = subprocess.run(
        [str(NBGRADER), "generate_feedback", MODULE, "--force"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    html = (folder / "feedback" / LEARNER / MODULE / f"{MODULE}.html").read_text(encoding="utf-8")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", "smedx") as gb:
        sub = gb.find_submission(MODULE, LEARNER)
        total, top = sub.score, sub.max_score
        graded = [g.name for nb in sub.notebooks for g in nb.grades if g.cell_type == "code"]
    return html, total, top, graded, folder


def test_no_script_and_no_learner_style(page):
    html, *_ = page
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all("script") == []
    assert not soup.body.find_all("style")
    for style in soup.find_all("style"):  # the kit's and nbgrader's stylesheets only
        assert not re.search(r"h4\s*\{\s*visibility", style.text) and "FORGED" not in style.text
    for tag in soup.find_all(True):
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag
        assert "position" not in tag.get("style", ""), tag
        assert "javascript:" not in tag.get("href", "").lower(), tag
    assert not soup.find_all(["svg", "iframe", "object", "embed", "form"])
    assert not soup.find_all("img")  # a learner's image or SVG is never drawn
    assert "navbar-fixed-top" not in str(soup.body.find_all(class_=True))


def test_forged_text_is_only_visible_markup(page):
    html, *_ = page
    soup = BeautifulSoup(html, "html.parser")
    answer = soup.find("a", attrs={"name": f"{MODULE}-reflection"}).find_parent("div")
    for tag in soup.find_all(True):
        own = "".join(s for s in tag.find_all(string=True, recursive=False))
        if "FORGED" not in own:
            continue
        # shown as the learner's markup in plain text, as their highlighted code, or as a bare
        # block of their own written answer
        code = tag.find_parent("div", class_="input_area") is not None
        bare = not tag.attrs and answer in tag.parents
        assert "<" in own or tag.name == "pre" or code or bare, (tag.name, tag.attrs, own[:200])
    # the outputs without plain text, and the copied marks, render no HTML of the learner's
    assert not soup.find_all("b", string=re.compile("FORGED"))
    assert soup.find(string=re.compile("mark copied"))
    assert soup.find(string=re.compile("此输出不在反馈页显示"))
    assert soup.find("pre", string=re.compile(r"learner print <i>stays text</i>"))


def test_real_score_and_trusted_messages_render(page):
    html, total, top, graded, _ = page
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find("h4").get_text()
    assert f"得分：{round(float(total), 2)} / {round(float(top), 2)}" in heading
    assert "Score" not in heading and soup.html["lang"] == "zh-CN"
    assert round(float(total), 2) < 100
    messages = soup.find_all("div", class_="smedx-score")
    assert len(messages) == len(graded)  # one per graded code cell, rendered as HTML
    scores = [m.find("div").get_text() for m in messages]  # the kit's line, not the answer
    assert all("得分" in line and "Score" not in line for line in scores), scores
    assert soup.find(string=re.compile("我的反思：数字化先从订单开始"))
    assert "ExerciseWidget(" not in soup.get_text()  # the answer forms are not dumped as text


def test_content_security_policy_forbids_scripts(page):
    html, *_ = page
    soup = BeautifulSoup(html, "html.parser")
    meta = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    policy = meta["content"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    first = soup.head.find(["meta", "style", "link", "script"], attrs={"charset": False})
    assert first is meta  # before any style, so it covers the whole page


FORMGRADER = """
import sys
from nbconvert.exporters import HTMLExporter
from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

app = FormgradeExtension()  # as nbgrader's server extension builds it, in the course folder
app.root_dir = sys.argv[1]
app.initialize([])
resources = {"assignment_id": "m01", "notebook_id": "m01", "submission_id": "s", "index": 0,
             "total": 1, "base_url": "/", "student": "attacker", "last_name": None,
             "first_name": None, "notebook_path": "course/autograded/attacker/m01/m01.ipynb"}
html, _ = HTMLExporter(config=app.config).from_filename(
    "autograded/attacker/m01/m01.ipynb", resources=resources)
sys.stdout.write(html)
"""


def test_formgrader_shows_the_submission_without_learner_markup(page):
    """The trainer's grading view: nbgrader's own template, the learner's markup inert."""
    *_, folder = page
    shown = subprocess.run(
        [sys.executable, "-c", FORMGRADER, str(folder.parent)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shown.returncode == 0, shown.stderr[-3000:]
    soup = BeautifulSoup(shown.stdout, "html.parser")
    assert soup.find_all("textarea")  # the grading form (formgrade template), not the feedback
    assert not [t for t in soup.find_all("script") if "FORGED" in t.text]
    for style in soup.find_all("style"):
        assert not re.search(r"h4\s*\{\s*visibility", style.text)
    cells = soup.find_all("div", class_="cell")  # the notebook, not the formgrader's own page
    assert cells
    # nbgrader's own formgrade macros carry onclick="toggle_name(...)"; under Python 3.13 the parsed
    # page has that header inside a cell's div, so those exact handlers are allowed (the template's).
    for tag in (t for cell in cells for t in cell.find_all(True)):
        handlers = {a: v for a, v in tag.attrs.items() if a.lower().startswith("on")}
        assert all(v.startswith("toggle_name(") for v in handlers.values()), tag
        assert "position" not in tag.get("style", ""), tag
    assert not soup.find_all("svg")
    assert not [i for i in soup.find_all("img") if "svg" in i.get("src", "")]
    # sanitized, not text-only: harmless tags such as <b> may stay in the trainer's view
    assert soup.find("b", string="FORGED-HTML-ONLY")
