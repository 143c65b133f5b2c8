"""Questions declared once: prompt, options, checker, ordered hints, solution (zh-CN and en,
each a :class:`~smedx.i18n.Bilingual`: shown in the current language).

The same :meth:`Question.check` serves the instant feedback in a notebook and nbgrader's hidden
tests, so the two can never disagree. A checker takes a plain answer value (a key, a list of
keys, a number, a dict, a string) and never raises on a malformed answer: it says what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal

from smedx.errors import KitError
from smedx.i18n import Bilingual
from smedx.typography import chinese

# "form": answered by a whole component (e.g. the self-assessment form), which saves a dict;
# ``Question.form`` names it.
Kind = Literal["choice", "multi", "number", "ranking", "allocation", "text", "form"]

# The components that answer "form" questions, by short name; smedx.ui.forms maps each name to
# its class (this layer imports no UI). Public data of a graded form item carries the name.
FORMS = ("assessment", "scenarios", "genai", "plan")


def form_name(name: Any) -> str:
    """``name`` if it names a form, else a KitError that lists the names (a dotted class path
    from an older release included)."""
    if name in FORMS:
        return name
    raise KitError(
        f"未知的表单 {name!r}：可用 {', '.join(FORMS)}。请重新获取作业",
        f"unknown form {name!r}: expected one of {', '.join(FORMS)}; fetch the assignment again",
    )


@dataclass(frozen=True)
class Text(Bilingual):
    """A question's prompt, hint or solution; ``str()`` is the current language (Bilingual)."""

    def __post_init__(self):
        object.__setattr__(self, "zh", chinese(self.zh))


@dataclass(frozen=True, init=False)
class Option(Bilingual):
    """One answer option: ``Option(key, zh, en)``; its label is ``text()``."""

    key: str

    def __init__(self, key: str, zh: str, en: str):
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "zh", chinese(zh))
        object.__setattr__(self, "en", en)


@dataclass(frozen=True, init=False)
class Feedback(Bilingual):
    """The result of a check: ``Feedback(correct, score, zh, en)``. ``score`` is the fraction
    of the question's points earned; ``str()`` is the mark and the current language's text."""

    correct: bool
    score: float

    def __init__(self, correct: bool, score: float, zh: str, en: str):
        object.__setattr__(self, "correct", correct)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "zh", chinese(zh))
        object.__setattr__(self, "en", en)

    def __str__(self) -> str:
        return f"{'✔' if self.correct else '✘'} {self.text()}"


def right(zh: str = "正确！", en: str = "Correct!") -> Feedback:
    return Feedback(True, 1.0, zh, en)


def wrong(zh: str, en: str, score: float = 0.0) -> Feedback:
    return Feedback(False, score, zh, en)


@dataclass(frozen=True)
class Question:
    """One exercise. ``checker`` receives a normalised answer and returns Feedback.

    ``example_answer`` is an answer the checker accepts and ``wrong_answers`` typical mistakes it
    must reject; the tests run both through the checker for every question.
    """

    id: str
    module: str
    kind: Kind
    prompt: Text
    checker: Callable[[Any], Feedback]
    hints: tuple[Text, ...]
    solution: Text
    example_answer: Any
    wrong_answers: tuple[Any, ...] = ()
    options: tuple[Option, ...] = ()
    points: int = 1
    graded: bool = False  # graded items live in trainer/items, never in this package
    number_range: tuple[float, float] | None = None
    form: str | None = None  # kind "form": which of FORMS answers it
    meta: dict = field(default_factory=dict, compare=False)

    def option_keys(self) -> list[str]:
        return [o.key for o in self.options]

    def check(self, answer: Any) -> Feedback:
        if answer is None or (
            isinstance(answer, (str, list, tuple, set, frozenset, dict)) and not answer
        ):
            return wrong(
                "还没有作答。请先用上面的控件选择或填写答案。",
                "No answer yet. Use the controls above to answer first.",
            )
        problem = self._shape_problem(answer)
        if problem:
            return problem
        normal = _normalise(self.kind, answer)
        feedback = self.checker(normal)
        target = getattr(self.checker, "target", None)
        if self.kind == "multi" and target is not None and not feedback.correct:
            return self._per_option(normal, target, feedback)
        return feedback

    def _per_option(self, answer: frozenset, target: frozenset, feedback: Feedback) -> Feedback:
        """Name each wrong pick with the reason it is wrong, and count the missing ones without
        naming them (that would give the answer away)."""
        label = {o.key: o for o in self.options}
        why_not = getattr(self.checker, "why_not", {})
        zh, en = [], []
        for key in [o.key for o in self.options if o.key in answer - target]:
            reason = why_not.get(key)
            zh.append(f"✘「{label[key].zh}」" + (f"：{reason.zh}" if reason else "不对。"))
            en.append(f"✘ '{label[key].en}'" + (f": {reason.en}" if reason else " is wrong."))
        missing = len(target - answer)
        if missing:
            zh.append(f"还有 {missing} 项应选而没选。")
            en.append(f"{missing} more option{'s' if missing > 1 else ''} should be ticked.")
        right_count = len(answer & target)
        zh.insert(0, f"选对了 {right_count} 项。")
        en.insert(0, f"{right_count} right.")
        return wrong("\n".join(zh), "\n".join(en), feedback.score)

    def _shape_problem(self, answer: Any) -> Feedback | None:
        keys = self.option_keys()
        if self.kind == "choice" and answer not in keys:
            return wrong(
                f"答案应是以下选项之一：{', '.join(keys)}",
                f"the answer must be one of: {', '.join(keys)}",
            )
        if self.kind in ("multi", "ranking"):
            if isinstance(answer, str) or not isinstance(answer, Sequence):
                return wrong("答案应是一个选项列表。", "the answer must be a list of options.")
            unknown = [a for a in answer if a not in keys]
            if unknown:
                return wrong(
                    f"未知选项：{', '.join(map(str, unknown))}",
                    f"unknown options: {', '.join(map(str, unknown))}",
                )
            if self.kind == "ranking" and len(set(answer)) != len(answer):
                return wrong("排序中每个选项只能出现一次。", "each option may appear only once.")
        if self.kind == "number" and not _is_number(answer):
            return wrong("请输入一个数字。", "please enter a number.")
        if self.kind == "allocation" and not (
            isinstance(answer, dict) and all(map(_is_number, answer.values()))
        ):
            return wrong(
                "答案应是每个选项对应一个数字。", "the answer must map each option to a number."
            )
        if self.kind == "text" and not isinstance(answer, str):
            return wrong("请输入文字。", "please enter text.")
        return None


@dataclass(frozen=True)
class Premise:
    """A fact about the report's data that a question is built on (its right answer, a
    distractor, a targeted message). The tests check every module's ``PREMISES``; nothing is
    checked at import, so a data change fails a test, never a learner's ``import``."""

    description: str
    holds: Callable[[], bool]


def broken_premises(premises: Sequence[Premise]) -> list[str]:
    """The descriptions of the premises that do not hold (one that raises does not hold)."""
    broken = []
    for premise in premises:
        try:
            ok = bool(premise.holds())
        except Exception as err:  # a premise that cannot be evaluated is broken, and says why
            broken.append(f"{premise.description} ({type(err).__name__}: {err})")
            continue
        if not ok:
            broken.append(premise.description)
    return broken


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _normalise(kind: Kind, answer: Any) -> Any:
    if kind == "multi":
        return frozenset(answer)
    if kind == "ranking":
        return tuple(answer)
    if kind == "number":
        return float(answer)
    if kind == "text":
        return answer.strip()
    return answer


# --- checker builders for the common shapes --------------------------------------------------


NOT_YET = Text(
    "还不对。再读一遍题目和相关的图表或段落。",
    "Not yet: read the question and the chart or paragraph it refers to again.",
)


def choice_is(key: str, why: Text, *, near: dict[str, Text] | None = None) -> Callable:
    """Correct when the chosen key is ``key``; ``near`` gives targeted feedback per wrong key."""

    def check(answer: str) -> Feedback:
        if answer == key:
            return right(f"正确！{why.zh}", f"Correct! {why.en}")
        if near and answer in near:
            return wrong(near[answer].zh, near[answer].en)
        return wrong(NOT_YET.zh, NOT_YET.en)

    return check


def set_is(keys: set[str], why: Text, *, why_not: dict[str, Text] | None = None) -> Callable:
    """Correct when exactly ``keys`` are selected; partial credit for a subset without mistakes.

    ``why_not`` explains, per wrong option, why it does not belong; :meth:`Question.check` names
    each wrong pick with it."""
    target = frozenset(keys)

    def check(answer: frozenset) -> Feedback:
        if answer == target:
            return right(f"正确！{why.zh}", f"Correct! {why.en}")
        extra, missing = answer - target, target - answer
        score = 0.0 if extra else round(len(answer & target) / len(target), 2)
        zh = (
            f"选对了 {len(answer & target)} 项"
            + (f"，多选了 {len(extra)} 项" if extra else "")
            + (f"，还漏了 {len(missing)} 项" if missing else "")
        )
        en = (
            f"{len(answer & target)} right"
            + (f", {len(extra)} extra" if extra else "")
            + (f", {len(missing)} missing" if missing else "")
        )
        return wrong(zh + "。", en + ".", score)

    check.target = target
    check.why_not = dict(why_not or {})
    return check


def number_near(
    target: float,
    tolerance: float,
    why: Text,
    unit: str = "",
    *,
    near: dict[float, Text] | None = None,
) -> Callable:
    """Correct within ``tolerance`` of ``target``; ``near`` diagnoses known mistakes (the value a
    typical slip gives, matched with the same tolerance)."""

    def check(answer: float) -> Feedback:
        if abs(answer - target) <= tolerance:
            return right(f"正确！{why.zh}", f"Correct! {why.en}")
        for value, diagnosis in (near or {}).items():
            if abs(answer - value) <= tolerance:
                return wrong(diagnosis.zh, diagnosis.en)
        direction = ("偏大", "too high") if answer > target else ("偏小", "too low")
        return wrong(
            f"{answer:g}{unit} {direction[0]}了，再算一遍。",
            f"{answer:g}{unit} is {direction[1]}; work it out again.",
        )

    return check


def order_is(
    keys: Sequence[str], why: Text, *, near: dict[tuple[str, ...], Text] | None = None
) -> Callable:
    target = tuple(keys)

    def check(answer: tuple) -> Feedback:
        if answer == target:
            return right(f"正确！{why.zh}", f"Correct! {why.en}")
        if near and answer in near:
            place = sum(a == b for a, b in zip(answer, target, strict=False))
            return wrong(near[answer].zh, near[answer].en, round(place / len(target), 2))
        place = sum(a == b for a, b in zip(answer, target, strict=False))
        return wrong(
            f"有 {place} 个位置排对了。",
            f"{place} positions are right.",
            round(place / len(target), 2),
        )

    return check
