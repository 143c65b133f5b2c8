"""Issue 16 item 3: graded assignments in one language (smedx/grading/build.py).

The committed solutions/ and exercises/ are the Chinese edition; `smedx assignments build --lang
en` builds the English edition into a course folder for an English class. Both editions have the
same cells, grade ids, points and code, so nbgrader grades them alike; only the markdown and the
hidden read-only cell that pins the learner's kernel to the notebook's language differ. The
language rules are test_editions.py's (the modules' editions).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from lang_check import has_han
from nbclient import NotebookClient
from test_editions import english_runs, unglossed_chinese

from smedx.cli import main
from smedx.grading import build, cohort, stubs

ROOT = Path(__file__).resolve().parents[1]
MODULES = build.modules_to_build(ROOT)


def _markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _released(root: Path, module: str):
    return nbformat.read(root / "exercises" / module / f"{module}.ipynb", as_version=4)


def _code(source: str) -> list[str]:
    """A code cell's lines without comments (an answer cell's instruction is in its language)."""
    return [line for line in source.splitlines() if not line.startswith("# ")]


def _by_id(nb) -> dict:
    return {c.id: c for c in nb.cells}


@pytest.mark.parametrize("module", MODULES)
def test_committed_edition_is_chinese_only(module):
    for nb in (
        nbformat.read(build.source_path(ROOT, module), as_version=4),
        _released(ROOT, module),
    ):
        runs = [run for text in _markdown(nb) for run in english_runs(text)]
        assert not runs, f"{module}: English in the Chinese edition: {runs[:5]}"
        assert _by_id(nb)[f"{module}-language"].source.endswith('set_language("zh")')
        assert nb.metadata.smedx.lang == "zh"


@pytest.mark.parametrize("module", MODULES)
def test_english_edition_has_no_unglossed_chinese(module):
    nb = build.notebook(ROOT, module, "en")
    found = [line for text in _markdown(nb) for line in unglossed_chinese(text)]
    assert not found, f"{module}: Chinese without a gloss in the English edition: {found[:5]}"


@pytest.mark.parametrize("module", MODULES)
def test_both_editions_have_the_same_cells_grades_and_code(module):
    zh, en = (build.notebook(ROOT, module, lang) for lang in ("zh", "en"))
    assert [(c.id, c.cell_type, c.metadata.get("nbgrader")) for c in zh.cells] == [
        (c.id, c.cell_type, c.metadata.get("nbgrader")) for c in en.cells
    ], "cells, grade ids or points differ between the editions"
    pin = f"{module}-language"
    code = {lang: {c.id: _code(c.source) for c in nb.cells if c.cell_type == "code" and c.id != pin}
            for lang, nb in (("zh", zh), ("en", en))}  # fmt: skip
    assert code["zh"] == code["en"]
    for lang, nb in (("zh", zh), ("en", en)):
        cell = _by_id(nb)[pin]
        assert cell.metadata.nbgrader.locked and cell.metadata.jupyter.source_hidden
        assert cell.source.endswith(f'set_language("{lang}")')
    assert _markdown(zh) != _markdown(en)


def test_build_refuses_an_unknown_language():
    with pytest.raises(ValueError):
        build.notebook(ROOT, "m01", "fr")
    with pytest.raises(SystemExit) as refused:  # argparse: "invalid choice: 'fr'"
        main(["assignments", "build", "m01", "--lang", "fr", "--course-dir", "/nonexistent"])
    assert refused.value.code == 2


def test_english_class_gets_an_english_release_that_grades_alike(tmp_path, monkeypatch, capsys):
    """Built on demand into a course folder; a Chinese JupyterLab (SMEDX_LANG=zh) still shows it
    in English; its grade cells are the committed release's, same checksums and points."""
    module = "m01"
    course = cohort.course_copy(ROOT, tmp_path / "course")
    args = [module, "--course-dir", str(course)]
    assert main(["assignments", "build", *args, "--lang", "en"]) == 0
    assert "English edition" in capsys.readouterr().out
    assert main(["--lang", "en", "assignments", "check", *args]) == 0
    assert main(["assignments", "check", *args]) == 1  # the folder no longer holds the Chinese
    assert "--lang en" not in capsys.readouterr().err

    english, chinese = _released(course, module), _released(ROOT, module)

    def grades(nb):  # a code cell's checksum covers its source; a written answer's is its stub
        return {
            c.id: (c.cell_type, c.metadata.nbgrader.get("points"), c.cell_type == "code"
                   and c.metadata.nbgrader["checksum"])
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")
        }  # fmt: skip

    assert grades(english) == grades(chinese) and grades(english)
    reflection = _by_id(english)[f"{module}-reflection"].source
    assert reflection == stubs.TEXT_STUB.en  # nbgrader's stub in the notebook's language

    monkeypatch.setenv("SMEDX_LANG", "zh")  # the learner's JupyterLab is Chinese
    client = NotebookClient(
        english, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    printed = "".join(
        out.get("text", "")
        for c in english.cells
        if c.id.endswith("-test")
        for out in c.get("outputs", [])
    )
    assert "No answer saved yet" in printed and not has_han(printed), printed[:300]
