"""The course's practice exercises, declared once in ``smedx.exercises.mNN``: instant feedback,
ordered hints and a solution. Nothing here is graded: graded items are parallel forms kept in the
course's trainer-only folder (``trainer/items``) and scored outside the learner's kernel."""

from __future__ import annotations

from importlib import import_module

from smedx.errors import KitError
from smedx.exercises.core import FORMS, Feedback, Option, Premise, Question, Text
from smedx.exercises.store import AnswerStore

MODULES = ("m00", "m01", "m02", "m03", "m04", "m05", "m06")

__all__ = [
    "FORMS",
    "AnswerStore",
    "Feedback",
    "Option",
    "Premise",
    "Question",
    "Text",
    "check",
    "grade",
    "premises",
    "question",
    "questions",
    "register",
]

_REGISTERED: dict[str, Question] = {}  # graded items' public parts shown in this kernel


def register(q: Question) -> None:
    """Make a graded item's public part (built from its notebook) known to :func:`question`."""
    _REGISTERED[q.id] = q


def _module(module: str):
    if module not in MODULES:
        raise KitError(
            f"没有模块 {module!r}；可用：{', '.join(MODULES)}",
            f"no module {module!r}; available: {', '.join(MODULES)}",
        )
    try:
        return import_module(f"smedx.exercises.{module}")
    except ModuleNotFoundError:
        return None


def questions(module: str) -> list[Question]:
    found = _module(module)
    return list(found.QUESTIONS) if found else []


def premises(module: str) -> list[Premise]:
    """What a module's questions assume of the data (checked by the tests, not at import)."""
    found = _module(module)
    return list(found.PREMISES) if found else []


def all_questions() -> list[Question]:
    return [q for module in MODULES for q in questions(module)]


def question(question_id: str) -> Question:
    if question_id in _REGISTERED:
        return _REGISTERED[question_id]
    module = question_id.split(".", 1)[0]
    found = {q.id: q for q in questions(module)} if module in MODULES else {}
    if question_id not in found:
        known = ", ".join(q.id for q in all_questions())
        raise KitError(
            f"没有练习 {question_id!r}；可用：{known}",
            f"no exercise {question_id!r}; available: {known}",
        )
    return found[question_id]


def check(question_id: str, answer) -> Feedback:
    return question(question_id).check(answer)


def grade(question_id: str, folder=None) -> Feedback:
    """Check the answer saved for ``question_id`` in a folder (practice: the module's checker)."""
    q = question(question_id)
    return q.check(AnswerStore(q.module, folder).get(question_id))
