"""The objective part of a planner's form answer (modules 03 and 05): complete inputs, 1-3 picks
from the catalogue, a justification of some substance.

A learner's own choice is a judgement, not a key: these checks never compare the picks with the
model. The model's ranking is shown beside them as a reference (see ``m03.check_plan`` and
``m05.check_pilots``); graded forms add a hand-graded rubric (``trainer/items``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from smedx.exercises.core import Feedback, wrong

MAX_PICKS = 3
MIN_JUSTIFICATION = 20  # characters without spaces: about one full sentence in Chinese


def not_a_form(answer: Any) -> Feedback | None:
    if isinstance(answer, Mapping):
        return None
    return wrong(
        "答案应是工具表单保存的内容（行业、阶段……、你的选择和理由）：请用上方的工具作答。",
        "the answer must be what the tool's form saves (industry, stage, ..., your choice and "
        "reasons): answer with the tool above.",
    )


def one_of(
    answer: Mapping, field: str, catalogue: Mapping, name: tuple[str, str]
) -> Feedback | None:
    """``answer[field]`` must be one key of ``catalogue``."""
    if answer.get(field) in catalogue:
        return None
    return wrong(
        f"请在工具里选择“{name[0]}”（现在：{answer.get(field)!r}）。",
        f"choose the '{name[1]}' in the tool (now: {answer.get(field)!r}).",
    )


def keys_problem(
    answer: Mapping,
    field: str,
    catalogue: Mapping,
    name: tuple[str, str],
    low: int,
    high: int,
) -> Feedback | None:
    """``answer[field]`` must list ``low``..``high`` different keys of ``catalogue``."""
    keys = answer.get(field)
    if not isinstance(keys, list) or any(not isinstance(k, str) for k in keys):
        return wrong(f"“{name[0]}”应是一个列表。", f"'{name[1]}' must be a list.")
    unknown = [k for k in keys if k not in catalogue]
    if unknown:
        return wrong(
            f"“{name[0]}”中有未知的选项：{', '.join(unknown)}。",
            f"unknown '{name[1]}': {', '.join(unknown)}.",
        )
    if len(set(keys)) != len(keys):
        return wrong(f"“{name[0]}”中每项只能选一次。", f"each '{name[1]}' may be chosen only once.")
    if not low <= len(keys) <= high:
        span = f"{low}" if low == high else f"{low} 至 {high}"
        span_en = f"{low}" if low == high else f"{low} to {high}"
        return wrong(
            f"请选 {span} 个“{name[0]}”（现在选了 {len(keys)} 个）。",
            f"choose {span_en} '{name[1]}' (you chose {len(keys)}).",
        )
    return None


def justification_problem(answer: Mapping) -> Feedback | None:
    """A reason of at least MIN_JUSTIFICATION characters (spaces not counted)."""
    text = answer.get("justification")
    length = len("".join(text.split())) if isinstance(text, str) else 0
    if length >= MIN_JUSTIFICATION:
        return None
    return wrong(
        f"请写下你的理由（至少 {MIN_JUSTIFICATION} 个字，现在 {length} 个）：为什么选这些，"
        "尤其是与模型排名不同的地方。",
        f"write your reasons (at least {MIN_JUSTIFICATION} characters without spaces, now "
        f"{length}): why these, above all where you differ from the model's ranking.",
    )


def picks_problem(
    answer: Mapping,
    inputs: Feedback | None,
    field: str,
    catalogue: Mapping,
    name: tuple[str, str],
    *,
    justified: bool = True,
) -> Feedback | None:
    """A planner form's objective part: its inputs' problem (already checked), then 1 to
    MAX_PICKS picks from ``catalogue`` in ``answer[field]``, then (if ``justified``) the reasons."""
    problem = inputs or keys_problem(answer, field, catalogue, name, 1, MAX_PICKS)
    if problem or not justified:
        return problem
    return justification_problem(answer)


def case_problem(answer: Mapping, case: Mapping, names: Mapping) -> Feedback | None:
    """A graded form's inputs must be the case's: the fields that differ, named (lists compared
    as sets of keys, in any order)."""

    def same(field: str) -> bool:
        given, wanted = answer[field], case[field]
        if isinstance(wanted, list | tuple):
            return sorted(given) == sorted(wanted)
        return given == wanted

    off = [field for field in case if not same(field)]
    if not off:
        return None
    return wrong(
        "输入的企业情况与题目不一致：" + "、".join(names[f][0] for f in off) + "。",
        "The company you entered differs from the case: "
        + ", ".join(names[f][1] for f in off)
        + ".",
    )


def first_problem(*problems: Feedback | None) -> Feedback | None:
    return next((p for p in problems if p is not None), None)


def paper_fields(names: Mapping, catalogues: Mapping) -> tuple:
    """A form's fields for a paper worksheet: ((name_zh, name_en, ((zh, en), ...)), ...)."""
    return tuple(
        (names[field][0], names[field][1], tuple(catalogue.values()))
        for field, catalogue in catalogues.items()
    )
