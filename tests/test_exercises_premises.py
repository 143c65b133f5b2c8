"""What the exercises assume of the report's data is a named check per module (``PREMISES``),
run here, never an ``assert`` at import: a data change fails these tests, not a learner's
kernel with a bare AssertionError."""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

import pytest

from smedx import data, exercises
from smedx.exercises.core import Premise, broken_premises
from smedx.grading import trainer

ROOT = Path(__file__).resolve().parents[1]
GRADED = [m for m in exercises.MODULES if m != "m00"]
SOURCES = sorted((ROOT / "smedx" / "exercises").glob("*.py")) + sorted(
    (ROOT / "trainer" / "items").glob("*.py")
)


def graded_items(module: str):
    return import_module(f"{trainer.package(ROOT).__name__}.items.{module}")


@pytest.mark.parametrize("module", exercises.MODULES)
def test_the_practice_questions_premises_hold(module):
    assert broken_premises(exercises.premises(module)) == []


@pytest.mark.parametrize("module", GRADED)
def test_the_graded_items_premises_hold(module):
    premises = graded_items(module).PREMISES
    assert all(isinstance(p, Premise) for p in premises)
    assert broken_premises(premises) == []


def test_a_broken_premise_is_reported(monkeypatch):
    from smedx.exercises import m05

    monkeypatch.setattr(m05, "_aware_firms", m05._n_challenges + 1)  # the 404 coincidence gone
    assert broken_premises(m05.PREMISES) == [m05.PREMISES[0].description]


def test_a_change_in_the_data_breaks_the_premise_that_reads_it(monkeypatch):
    from smedx.exercises import m03

    real = data.figure_info
    monkeypatch.setattr(data, "figure_info", lambda f: {**real(f), "choice": "single"})
    assert broken_premises(m03.PREMISES) == [m03.PREMISES[0].description]


def test_a_premise_that_cannot_be_evaluated_is_reported_with_its_error():
    broken = broken_premises([Premise("the figure has a row", lambda: data.stat("9.9.9", "x"))])
    assert len(broken) == 1 and broken[0].startswith("the figure has a row (KitError")


def _module_level(tree: ast.Module):
    """Statements that run at import: the module's, and those nested in its if/for/with/try."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            todo += [n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nothing_is_asserted_at_import_and_every_module_declares_its_premises(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    asserts = [n.lineno for n in _module_level(tree) if isinstance(n, ast.Assert)]
    assert not asserts, f"{path.name}: assert at import on lines {asserts}; make it a Premise"
    if path.stem.startswith("m0"):
        declared = {
            getattr(t, "id", None)
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
        }
        assert "PREMISES" in declared, f"{path.name} declares no PREMISES (an empty tuple will do)"
