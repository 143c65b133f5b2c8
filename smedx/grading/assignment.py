"""The shape of an assignment spec (``trainer/specs/mNN.py``): public types, no content.

A spec adds to the graded items (``trainer/items/mNN.py``) the assignment's title and
introduction, the optional 进阶 (advanced) part for learners who code (short pandas questions on
:mod:`smedx.data`, with reference code and a check that the trusted scorer runs) and the manually
graded reflection with its rubric. The specs themselves live in ``trainer/``: their reference
code, checks and model answers must never reach a learner.
"""

from __future__ import annotations

from dataclasses import dataclass

from smedx.exercises import Text

__all__ = ["Advanced", "AssignmentSpec", "Criterion", "Reflection", "Text", "judgement"]


@dataclass(frozen=True)
class Advanced:
    """A 进阶 question: the learner assigns ``name`` in a code cell.

    ``hidden_test`` is Python run by the trusted scorer in the grader's process (never in the
    learner's kernel) with ``data`` (:mod:`smedx.data`) and ``name`` bound to the learner's value
    as plain JSON data; it fails with an AssertionError when the value is wrong.
    """

    name: str
    kind: str  # what to assign: "text", "integer", "number" or "dict" (the visible check)
    prompt: Text
    solution: str  # reference code (solutions/ only)
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
    model_answer: Text  # an example for graders (solutions/ only)

    @property
    def points(self) -> int:
        return sum(c.points for c in self.rubric)


def judgement(item) -> Reflection | None:
    """The hand-graded reasons of a graded item (``meta["judgement"]``): a learner's own choice
    is graded against a published rubric, not against the model (m03, m05)."""
    return item.meta.get("judgement")


@dataclass(frozen=True)
class AssignmentSpec:
    module: str
    title: Text
    intro: Text
    advanced: tuple[Advanced, ...] = ()
    reflection: Reflection | None = None
    practice: bool = False  # an ungraded run-through (m00)

    @property
    def number(self) -> str:
        return self.module[1:]
