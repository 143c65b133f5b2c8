"""What an assignment notebook imports: the exercise widget, the visible check, the hidden score.

An autograded question in ``solutions/mNN/mNN.ipynb`` is four cells::

    exercise("m01.cost_expectation")          # read-only: the widget; answers saved to a file

    # Answer with the widget above ...        # "autograded answer" cell: the release keeps
    ### BEGIN SOLUTION                         # only these comment lines
    answer("m01.cost_expectation", "cautious")
    ### END SOLUTION

    check_saved("m01.cost_expectation")       # read-only test cell, worth the question's points
    ### BEGIN HIDDEN TESTS
    points("m01.cost_expectation")
    ### END HIDDEN TESTS

The widget saves every change to ``answers_m01.json`` beside the notebook
(:mod:`smedx.exercises.store`), so the answer survives a kernel restart, reopening, ``nbgrader
submit`` / ``collect`` and the re-execution by autograde (which runs the notebook in the learner's
submission folder). :func:`answer` gives an answer in code: the instructor's reference answer in
``solutions/`` (kept in the kernel only, so running the source notebook writes no answer file
there), or a learner who prefers code; it wins over the saved widget answer.

:func:`check_saved` shows what is saved and never stops "Run All" (except under ``nbgrader
validate``). :func:`points` ends the test cell with the points earned as a number: nbgrader reads
a test cell's numeric result as partial credit (``nbgrader.utils.determine_grade`` ->
``get_partial_grade``), so a checker's partial score (2 of 3 items of a multiple choice) becomes
partial points. It prints the checker's feedback, which the learner reads in the feedback report.
Warnings are silenced because any text on stderr makes nbgrader give the cell zero.
"""

from __future__ import annotations

import inspect
import numbers
import os
import warnings
from collections.abc import Mapping
from importlib import import_module
from typing import Any

from smedx import data
from smedx.errors import KitError
from smedx.exercises import AnswerStore, Feedback, question
from smedx.ui.exercise import ExerciseWidget

__all__ = [
    "answer",
    "check_saved",
    "check_variable",
    "data",
    "exercise",
    "feedback",
    "form",
    "points",
    "saved_answers",
]

_CODED: dict[str, Any] = {}  # answers given with answer() in this kernel


def _hide_solution(widget):
    button = getattr(widget, "solution_button", None)
    if button is not None:
        button.disabled = True
        button.layout.display = "none"
    return widget


def exercise(question_id: str) -> ExerciseWidget:
    """The module's exercise widget without its Solution button (this is graded work).

    Built directly rather than through :mod:`smedx.course`, which also sets up the chart theme:
    assignments draw no charts, and importing plotly's renderers (nbformat, jsonschema) costs
    every autograded kernel seconds.
    """
    return _hide_solution(ExerciseWidget(question(question_id)))


def saved_answers(module: str) -> dict:
    """What this notebook's folder holds for a module, so learners can check what they saved."""
    return AnswerStore(module).all()


def form(question_id: str, **options: Any):
    """The form component a ``form`` question is answered with (it saves the answer itself).

    ``options`` go to the component (e.g. ``example=True``); it is told the exercise when it
    takes one, and any Solution button it has is hidden, as in :func:`exercise`.
    """
    from smedx import charts

    charts.use_theme()  # a form's ChartViews use the kit's theme
    q = question(question_id)
    module, _, name = q.meta["component"].rpartition(".")
    component = getattr(import_module(module), name)
    if "exercise" in inspect.signature(component).parameters:
        options.setdefault("exercise", question_id)
    return _hide_solution(component(**options))


def answer(question_id: str, value: Any) -> None:
    """Answer a question in code instead of with its widget (kept in this kernel only)."""
    question(question_id)  # an unknown id fails here, with the list of known ones
    _CODED[question_id] = value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def current_answer(question_id: str) -> Any:
    """The answer that will be graded: one given in code, else the one the widget saved."""
    if question_id in _CODED:
        return _CODED[question_id]
    return AnswerStore(question(question_id).module).get(question_id)


def check_saved(question_id: str) -> None:
    """Visible test: say what is saved for the question, or what to do when nothing is.

    It does not raise for a missing answer, so "Run All" in a fresh notebook reaches every widget
    below; only ``nbgrader validate`` (the Validate button) turns a missing answer into a failure.
    Grading does not depend on it: the hidden :func:`points` gives a missing answer zero.
    """
    try:
        value = current_answer(question_id)
        problem = ""
    except KitError as err:
        value, problem = None, str(err)
    if not _empty(value):
        print(f"✔ 已保存的答案 / saved answer: {value!r}")
        return
    message = problem or (
        f"⚠ {question_id}：还没有保存答案。请在上方控件中作答，改动会自动保存。\n"
        f"⚠ {question_id}: no answer saved yet. Answer with the widget above; changes are "
        "saved automatically."
    )
    if os.environ.get("NBGRADER_EXECUTION") == "validate":
        raise AssertionError(message)
    print(message)


KINDS = {
    "text": (str, "一段文字（字符串）", "text (a string)"),
    "integer": (numbers.Integral, "一个整数", "an integer"),
    "number": (numbers.Real, "一个数字", "a number"),
    "dict": (Mapping, "一个字典", "a dict"),
}


def check_variable(namespace: dict, name: str, kind: str) -> None:
    """Visible test of a 进阶 (optional, coded) question: ``name`` holds a value of ``kind``.

    An optional question left unanswered prints a note instead of failing, so "Run All" goes on.
    """
    if name not in namespace:
        print(f"（选做）还没有定义 {name}。/ (optional) {name} is not defined yet.")
        return
    value, (expected, zh, en) = namespace[name], KINDS[kind]
    if isinstance(value, bool) or not isinstance(value, expected):
        raise AssertionError(
            f"{name} 应是{zh}，现在是 {type(value).__name__}。\n"
            f"{name} must be {en}; it is a {type(value).__name__}."
        )
    print(f"{name} = {value!r}")


def feedback(question_id: str) -> Feedback:
    """The checker's verdict on the answer that will be graded (an unreadable file scores 0)."""
    try:
        value = current_answer(question_id)
    except KitError as err:
        return Feedback(False, 0.0, err.zh, err.en)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return question(question_id).check(value)


def points(question_id: str) -> float:
    """Hidden test: print the checker's feedback and return the points earned."""
    result = feedback(question_id)
    print(result)
    return round(result.score * question(question_id).points, 2)
