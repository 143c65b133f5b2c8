"""A "form" question names the component that answers it by a short name (``Question.form``, one
of ``FORMS``); smedx.ui.forms is the one map from name to class. Public data that names a form
by a class path (as older releases did) or by an unknown name is refused with a clear message."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from smedx import exercises
from smedx.errors import KitError
from smedx.exercises.core import FORMS
from smedx.grading import trainer
from smedx.grading.public import public_data, public_question
from smedx.i18n import using
from smedx.ui.forms import form_class

ROOT = Path(__file__).resolve().parents[1]


def all_items() -> list[exercises.Question]:
    graded = [q for m in exercises.MODULES for q in trainer.items(ROOT, m)]
    return exercises.all_questions() + graded


def test_a_question_names_a_declared_form_exactly_when_a_form_answers_it():
    for q in all_items():
        assert (q.kind == "form") == (q.form is not None), q.id
        assert q.form is None or q.form in FORMS, q.id
        assert "component" not in q.meta, q.id  # the class path is the registry's business


def test_every_form_resolves_to_a_class_that_takes_its_questions_options():
    used = set()
    for q in all_items():
        if q.form is None:
            continue
        component = form_class(q.form)
        assert inspect.isclass(component), q.form
        # a TypeError here: the component no longer takes what the question tells it
        inspect.signature(component).bind_partial(**q.meta.get("form_options", {}))
        used.add(q.form)
    assert used == set(FORMS)  # no declared name is left without a question, nor a class


def _graded_form_data() -> dict:
    q = next(q for q in trainer.items(ROOT, "m02") if q.kind == "form")
    data = public_data(q)
    assert data["form"] == "assessment" and public_question(data).form == "assessment"
    return data


@pytest.mark.parametrize(
    "change",
    [
        {"form": "smedx.ui.assessment.AssessmentForm"},
        {"form": "survey"},
        {"form": None},
        {"component": "smedx.ui.assessment.AssessmentForm"},  # an older release's public data
    ],
    ids=["class-path", "unknown", "missing", "old-component-key"],
)
def test_public_data_naming_no_known_form_is_refused(change):
    data = {**_graded_form_data(), **change}
    if "component" in change:
        del data["form"]
    with pytest.raises(KitError) as refused:
        public_question(data)
    assert (
        "未知的表单" in refused.value.zh
        and "assessment, scenarios, genai, plan" in refused.value.zh
    )
    assert "unknown form" in refused.value.en and "fetch the assignment again" in refused.value.en
    with using("en"):
        assert "unknown form" in refused.value.message("en")


def test_the_registry_refuses_an_unknown_name():
    with pytest.raises(KitError, match="unknown form 'smedx.ui.plan.PlanBuilder'"):
        form_class("smedx.ui.plan.PlanBuilder")


def test_importing_the_registry_imports_no_form():
    code = (
        "import sys, smedx.ui.forms; "
        "print(sorted(m for m in sys.modules if m.startswith('smedx.ui.') and m != 'smedx.ui.forms'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
