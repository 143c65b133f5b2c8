"""Per assignment, what ``smedx.exercises`` does not hold.

``smedx.exercises.mNN`` declares the widget questions (checker, points, hints); a spec here adds
the assignment's title and introduction, the optional 进阶 (advanced) part for learners who code
(short pandas questions on :mod:`smedx.data`, with their reference code and tests) and the
manually graded reflection with its rubric. ``smedx assignments build`` turns both into
``solutions/mNN/mNN.ipynb``.

Test code in a spec is ordinary assignment code: ``data`` is :mod:`smedx.data`. A hidden test
computes the expected value from the data itself, so no report number is typed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from smedx.errors import KitError
from smedx.exercises import MODULES, Text

__all__ = ["Advanced", "AssignmentSpec", "Criterion", "Reflection", "Text", "spec", "specs"]


@dataclass(frozen=True)
class Advanced:
    """A 进阶 question: the learner assigns ``name`` in a code cell."""

    name: str
    kind: str  # what to assign: "text", "integer", "number" or "dict" (the visible check)
    prompt: Text
    solution: str  # reference code (hidden from learners)
    hidden_test: str  # compares with a value computed from smedx.data
    points: int = 1


@dataclass(frozen=True)
class Criterion:
    points: int
    text: Text


@dataclass(frozen=True)
class Reflection:
    """A free-text answer graded by hand against a rubric that learners see too."""

    prompt: Text
    rubric: tuple[Criterion, ...]
    model_answer: Text  # an example for graders (hidden from learners)

    @property
    def points(self) -> int:
        return sum(c.points for c in self.rubric)


@dataclass(frozen=True)
class AssignmentSpec:
    module: str
    title: Text
    intro: Text
    advanced: tuple[Advanced, ...] = ()
    reflection: Reflection | None = None
    practice: bool = False  # an ungraded run-through (m00)
    form_options: dict = field(default_factory=dict)  # question id -> options of its form

    @property
    def number(self) -> str:
        return self.module[1:]


def spec(module: str) -> AssignmentSpec:
    if module not in MODULES:
        raise KitError(f"没有模块 {module!r}", f"no module {module!r}")
    return import_module(f"smedx.grading.specs.{module}").SPEC


def specs() -> list[AssignmentSpec]:
    return [spec(m) for m in MODULES]
