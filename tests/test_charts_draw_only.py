"""smedx.charts draws figures only: tables derived from the report live in smedx.derived (#15)."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import plotly.graph_objects as go
import pytest

import smedx.charts

CHART_MODULES = ["smedx.charts"] + [
    f"smedx.charts.{m.name}" for m in pkgutil.iter_modules(smedx.charts.__path__)
]
TABLE_TYPES = {"DataFrame", "Series"}


def _functions(tree: ast.AST):
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _names(node: ast.AST | None) -> set[str]:
    """Every name in an annotation: ``pd.DataFrame | None`` -> {"pd", "DataFrame", "None"}."""
    if node is None:
        return set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):  # a quoted annotation
        return _names(ast.parse(node.value, mode="eval"))
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


@pytest.mark.parametrize("name", CHART_MODULES)
def test_no_chart_function_is_annotated_to_return_a_table(name):
    path = Path(importlib.import_module(name).__file__)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tables = [f.name for f in _functions(tree) if _names(f.returns) & TABLE_TYPES]
    assert not tables, f"{name} returns tables from {tables}: move them to smedx.derived"


def _callable_without_arguments(function) -> bool:
    return all(
        p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in inspect.signature(function).parameters.values()
    )


@pytest.mark.parametrize("name", CHART_MODULES)
def test_chart_functions_return_figures_or_text(name):
    """Every public chart function that needs no argument draws a figure or returns text (a
    title, a source line): a DataFrame, a dict or a list of report numbers is a derived table."""
    module = importlib.import_module(name)
    called, tables = [], []
    for attr, function in vars(module).items():
        if attr.startswith("_") or not inspect.isfunction(function):
            continue
        if function.__module__ != name or not _callable_without_arguments(function):
            continue
        if inspect.signature(function).return_annotation in (None, "None"):
            continue  # use_theme, render_as_json: settings, not results
        result = function()
        if not isinstance(result, go.Figure | str):
            tables.append(f"{attr}() -> {type(result).__name__}")
        called.append(attr)
    assert not tables, f"{name}: move {tables} to smedx.derived"
    assert called or name == "smedx.charts.plan"  # plan's charts all need a plan


def test_derived_draws_nothing():
    """The derived tables import neither plotly nor the layers above the data."""
    derived = importlib.import_module("smedx.derived")
    tree = ast.parse(Path(derived.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    above = ("plotly", "ipywidgets", "smedx.charts", "smedx.ui", "smedx.exercises", "smedx.models")
    assert not [m for m in imported if m.startswith(above)]
