"""Issue 17 item 5: a manager sees the widget, not the code. In every module the plumbing cells
(cells that only import, and the cell that sets the edition's language) have their input collapsed
(JupyterLab's ``jupyter.source_hidden``), and no other cell is: every chart, widget and exercise call
stays visible and runnable. Both editions (modules/, modules/en/)."""

import ast

import nbformat
import pytest

from smedx.coursepack import editions

MODULES = editions.notebooks("zh") + editions.notebooks("en")
LANGUAGE_CELLS = {editions.language_cell(lang) for lang in editions.LANGS}
# Module 00 teaches running a cell with this one ("第一步：运行下面这一格"): it stays visible there.
TAUGHT = {("00", "from smedx.course import *")}


def is_plumbing(module: str, source: str) -> bool:
    """A code cell is plumbing when every statement in it is an import (and module 00 does not
    use it to teach running a cell), or when it sets the edition's language."""
    if (module, source.strip()) in TAUGHT:
        return False
    if source.strip() in LANGUAGE_CELLS:
        return True
    body = ast.parse(source).body
    return bool(body) and all(isinstance(s, ast.Import | ast.ImportFrom) for s in body)


def collapsed(cell) -> bool:
    return cell.metadata.get("jupyter", {}).get("source_hidden", False) is True


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{editions.edition_of(p)}-{p.stem[:2]}")
def test_plumbing_cells_are_collapsed_and_nothing_else_is(path):
    module = path.name[:2]
    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    wrong = [
        ("should be collapsed" if is_plumbing(module, c.source) else "must stay visible", c.source)
        for c in code
        if collapsed(c) != is_plumbing(module, c.source)
    ]
    assert not wrong, wrong
    assert any(collapsed(c) for c in code), "a module with no plumbing cell: the rule is stale"
    # outputs stay shown: only the input of a plumbing cell folds away
    assert not [c.source for c in code if c.metadata.get("jupyter", {}).get("outputs_hidden")]


def test_the_rule_knows_plumbing_from_learner_cells():
    assert is_plumbing("02", "from smedx.course import *")
    assert is_plumbing("03", "from smedx.ui.scenarios import ScenarioPlanner")
    assert is_plumbing("01", "import json\nfrom smedx import data")
    assert is_plumbing("00", 'language("en")')
    assert not is_plumbing("00", "from smedx.course import *")  # taught in module 00
    assert not is_plumbing("02", 'exercise("m02.plan_increase")')
    assert not is_plumbing("06", "pilots = GenAICanvas.from_saved()")
    assert not is_plumbing("02", "AssessmentForm()")
