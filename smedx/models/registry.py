"""The models' stored results: one registry of kind -> result class, and the one typed border.

A result enters the kit as a dict in a session file, a CLI input file, an upload or an nbgrader
answer; ``parse(kind, raw)`` turns it into its model's object once (the model's ``from_dict``
checks the kind and schema version and recomputes the result from its own inputs; a plan's
checksum is verified). Past that border everything passes objects: ``build_plan`` takes an
``Assessment``, a ``ScenarioRanking`` and so on. ``stored(result)`` is the way back out.

    ranking = parse("scenarios", json.loads(text))     # KitError (zh, en) on anything forged
    stored(ranking) == ranking.to_dict()
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from smedx.errors import KitError

# kind -> (module, class); imported on first use so that a session bar stays light to import.
RESULT_CLASSES: dict[str, tuple[str, str]] = {
    "assessment": ("smedx.models.assessment", "Assessment"),
    "benchmark": ("smedx.models.benchmark", "Benchmark"),
    "scenarios": ("smedx.models.scenarios", "ScenarioRanking"),
    "vendors": ("smedx.models.vendors", "VendorRanking"),
    "genai": ("smedx.models.genai", "GenAIPortfolio"),
    "plan": ("smedx.models.plan", "ActionPlan"),
}
KINDS: tuple[str, ...] = tuple(RESULT_CLASSES)


def result_class(kind: str) -> type:
    """The class of a result ``kind`` (KitError naming the kinds on anything else)."""
    if kind not in RESULT_CLASSES:
        raise KitError(
            f"未知的结果类型 {kind!r}；可用：{', '.join(KINDS)}",
            f"unknown result kind {kind!r}; expected one of: {', '.join(KINDS)}",
            field="kind",
        )
    module, name = RESULT_CLASSES[kind]
    return getattr(import_module(module), name)


def kind_of(result: object) -> str:
    """The kind of a model result object (KitError for anything that is not one)."""
    for kind in KINDS:
        if isinstance(result, result_class(kind)):
            return kind
    raise KitError(
        f"无法识别的结果：{type(result).__name__}",
        f"not a model result: {type(result).__name__}",
        field="kind",
    )


def parse(kind: str, raw: object) -> Any:
    """A stored result of ``kind`` as its model's object, validated and recomputed once.

    A plan is a checksummed document (:func:`smedx.models.plan.plan_document`): the checksum is
    verified on the document as given."""
    cls = result_class(kind)
    if kind == "plan":
        return import_module("smedx.models.plan").plan_from_document(raw)
    return cls.from_dict(raw)


def stored(result: object) -> dict:
    """A result as it is stored: ``to_dict()``; a plan with its checksum."""
    if kind_of(result) == "plan":
        return import_module("smedx.models.plan").plan_document(result)
    return result.to_dict()
