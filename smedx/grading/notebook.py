"""What an assignment notebook imports. It holds no key: graded items are scored after
submission by a trusted step in the grader's process (:mod:`smedx.grading.trusted`).

A graded widget question in ``solutions/mNN/mNN.ipynb`` (and in the released copy) is::

    item({"id": "m01.g_cost", "kind": "choice", "prompt": {...}, "options": [...], ...})
    saved("m01.g_cost")          # read-only autograder test cell, worth the item's points

:func:`item` shows the widget built from the item's public part (prompt, options: plain data,
no key). Every change is saved to ``answers_m01.json`` beside the notebook
(:mod:`smedx.exercises.store`) and confirmed with "已保存" ("Saved"); there is no Check, Hint or
Solution button. :func:`saved` shows what is saved, as the option texts chosen. When the
submission is autograded, the trusted scorer reads ``answers_m01.json`` from the submission
folder, checks it with the trainer's keys and replaces the test cell's outputs with the score and
the kit's message: whatever the learner's kernel printed or patched does not count.

A 进阶 (advanced, coded) question's test cell calls :func:`record`, which shows the learner's
variable and records it as plain JSON data for the scorer to check.

The practice assignment (m00) uses the module's practice items with :func:`exercise` and
:func:`check_saved`.
"""

from __future__ import annotations

import inspect
import json
import math
import numbers
import os
from collections.abc import Mapping
from typing import Any

from smedx import data
from smedx.errors import KitError
from smedx.exercises import AnswerStore, question, register
from smedx.grading.public import RECORD_MIME, describe, public_question
from smedx.i18n import N_, _, language
from smedx.ui.exercise import ExerciseWidget
from smedx.ui.forms import form_class

__all__ = [
    "RECORD_MIME",
    "answer",
    "check_saved",
    "data",
    "exercise",
    "item",
    "record",
    "saved",
    "saved_answers",
]


def _hide(widget, *names: str):
    for name in names:
        button = getattr(widget, name, None)
        if button is not None:
            button.disabled = True
            button.layout.display = "none"
    return widget


def exercise(question_id: str) -> ExerciseWidget:
    """A practice item's widget without its Solution button (practice assignment m00)."""
    return _hide(ExerciseWidget(question(question_id)), "solution_button")


def item(public: dict):
    """The widget of a graded item, built from its public part; it saves, it does not judge.

    A form item is answered by the component its form names (:mod:`smedx.ui.forms`: the
    self-assessment form, the plan builder...), told the item's id when it takes one; the
    component's Hint and Solution buttons are hidden.
    """
    q = public_question(public)
    register(q)
    if q.kind != "form":
        return _hide(ExerciseWidget(q), "check_button", "hint_button", "solution_button")
    from smedx import charts

    charts.use_theme()  # a form's ChartViews use the kit's theme
    component = form_class(q.form)
    options = dict(q.meta.get("form_options", {}))
    parameters = inspect.signature(component).parameters
    if "exercise" in parameters:
        options["exercise"] = q.id
    if "practice" in parameters:
        options["practice"] = False  # no practice check's ✔/✘ before submission
    return _hide(component(**options), "hint_button", "solution_button")


def answer(question_id: str, value: Any) -> None:
    """Answer a graded question in code instead of with its widget: saved like a widget answer."""
    q = question(question_id)  # an unknown id fails here, with the list of known ones
    AnswerStore(q.module).put(q.meta.get("answer_id", q.id), value)


def saved_answers(module: str) -> dict:
    """What this notebook's folder holds for a module, so learners can check what they saved."""
    return AnswerStore(module).all()


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _no_answer(question_id: str, problem: str) -> None:
    message = problem or "⚠ " + _(
        "No answer saved yet. Answer with the widget above; changes are saved automatically."
    )
    if os.environ.get("NBGRADER_EXECUTION") == "validate":
        raise AssertionError(message)
    print(message)


def saved(question_id: str) -> None:
    """Visible part of a graded item's test cell: what is saved, never whether it is right.

    It does not raise for a missing answer, so "Run All" in a fresh notebook reaches every widget
    below; only ``nbgrader validate`` (the Validate button) turns a missing answer into a failure.
    """
    try:
        q = question(question_id)
        value = AnswerStore(q.module).get(q.meta.get("answer_id", q.id))
        problem = ""
    except KitError as err:
        q, value, problem = None, None, err.message(language())
    if q is not None and not _empty(value):
        print("✔ " + _("Saved: {answer}").format(answer=describe(q, value).text()))
        return
    _no_answer(question_id, problem)


def check_saved(question_id: str) -> None:
    """Practice assignment: say what is saved for a practice item (no score)."""
    try:
        value = AnswerStore(question(question_id).module).get(question_id)
        problem = ""
    except KitError as err:
        value, problem = None, err.message(language())
    if not _empty(value):
        print("✔ " + _("Saved answer: {answer}").format(answer=repr(value)))
        return
    _no_answer(question_id, problem)


KINDS = {
    "text": (str, N_("text (a string)")),
    "integer": (numbers.Integral, N_("an integer")),
    "number": (numbers.Real, N_("a number")),
    "dict": (Mapping, N_("a dict")),
}


def _plain(value: Any) -> Any:
    """``value`` as JSON data (numpy scalars and pandas values become Python ones)."""
    return json.loads(
        json.dumps(value, default=lambda v: v.item() if hasattr(v, "item") else str(v))
    )


def record(namespace: dict, name: str, kind: str):
    """Test cell of a 进阶 (optional, coded) question: show ``name`` and record it as data.

    An optional question left unanswered prints a note instead of failing, so "Run All" goes on.
    The recorded value is what the trusted scorer checks after submission.
    """
    from IPython.display import display

    if name not in namespace:
        print(_("(optional) {name} is not defined yet.").format(name=name))
        return
    value, (expected, what) = namespace[name], KINDS[kind]
    if isinstance(value, bool) or not isinstance(value, expected):
        raise AssertionError(
            _("{name} must be {what}; it is a {type}.").format(
                name=name, what=_(what), type=type(value).__name__
            )
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise AssertionError(_("{name} is not a finite number.").format(name=name))
    display(
        {RECORD_MIME: {"name": name, "value": _plain(value)}, "text/plain": f"{name} = {value!r}"},
        raw=True,
    )
