"""Vendor choice: multi-criteria scoring of candidate service providers.

Criteria are the report's: what SMEs look for in a provider (section 3.2.2.2) and in a product
(3.2.2.1, the 小快轻准 factors and integration), plus security, which the report says must be
considered but gives no number for. The default weights normalise the report's multi-choice
shares (shares of firms naming a criterion, not weights), with the kit's floor for after-sales
and the kit's share for security (``datasets/kit/vendor_criteria.csv``, documented in
``docs/methodology/scenarios-vendors.md``).

Vendors are scored 1-5 on each criterion (higher is always better: 5 on cost-effectiveness means
good value). Two methods: a weighted sum, and TOPSIS (closeness to the ideal vendor, vector
normalisation, Hwang & Yoon 1981). ``sensitivity`` says how far each weight can move, the others
rescaled proportionally, before the top choice changes, and to whom.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from smedx import data
from smedx.errors import KitError
from smedx.models.common import (
    SCHEMA_VERSION,
    check_choice,
    check_number,
    check_result,
    mismatches,
)
from smedx.models.scenarios import Reason

METHODS: dict[str, tuple[str, str]] = {
    "weighted_sum": ("加权求和", "weighted sum"),
    "topsis": ("TOPSIS（逼近理想解排序法）", "TOPSIS (closeness to the ideal solution)"),
}
SCORE_LOW, SCORE_HIGH = 1, 5
CRITERIA_FILE = "vendor_criteria.csv"
EXAMPLES_FILE = "example_vendors.csv"
DECIMALS = 9  # scores equal to 9 decimals count as a tie; ties keep the input order
GRID_STEPS = 400  # TOPSIS sensitivity: scan points per unit of weight, then refine
# Each refinement rescans the bracket in 64 steps (one numpy call instead of six bisections);
# 9 rounds narrow a 1/400 step to below 1e-18, as fine as 50 bisections did.
REFINE_STEPS, REFINEMENTS = 64, 9
PAST_BOUND = 1e-6  # where the new winner of a crossed TOPSIS bound is read


# ----------------------------------------------------------------------------- criteria


@dataclass(frozen=True)
class Criterion:
    """One criterion, where its default share comes from, and its default weight."""

    key: str
    group: str  # provider (3.2.2.2) | product (3.2.2.1)
    label_zh: str
    label_en: str
    figure_id: str  # "" when the report gives no number (security)
    report_share: float | None  # percent of firms naming it; None if the report has none
    kit_share: float | None  # the kit's share where the report has none
    kit_floor: float | None  # the kit's minimum share
    share: float  # the share used for the default weight
    weight: float  # default weight (shares normalised to sum to 1)
    source_zh: str
    source_en: str
    basis_zh: str
    basis_en: str
    report_key: str = ""  # the row of figure_id that holds the report's number and wording


def _optional_float(raw: str) -> float | None:
    return float(raw) if raw.strip() else None


@cache
def criteria() -> tuple[Criterion, ...]:
    """Every criterion in the kit's order, with its report share and default weight."""
    with data.kit_path(CRITERIA_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    shares, sources = [], []
    for row in rows:
        kit_share, floor = _optional_float(row["kit_share"]), _optional_float(row["kit_floor"])
        if row["figure_id"]:
            stat = data.stat(row["figure_id"], row["report_key"])
            report = stat.value
            share = max(report, floor) if floor is not None else report
            source = (_cite(stat, "zh"), _cite(stat, "en"))
        elif kit_share is not None:
            report, share = None, kit_share
            source = ("课程设定（报告没有给出数字）", "kit's choice (the report gives no number)")
        else:
            raise KitError(
                f"{CRITERIA_FILE} 中准则 {row['key']} 既无报告数据也无课程设定份额",
                f"{CRITERIA_FILE}: criterion {row['key']} has neither report data nor a kit share",
            )
        shares.append((row, report, kit_share, floor, share))
        sources.append(source)
    total = sum(s[-1] for s in shares)
    return tuple(
        Criterion(
            key=row["key"],
            group=row["group"],
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            figure_id=row["figure_id"],
            report_share=report,
            kit_share=kit_share,
            kit_floor=floor,
            share=share,
            weight=share / total,
            source_zh=src_zh,
            source_en=src_en,
            basis_zh=row["basis_zh"],
            basis_en=row["basis_en"],
            report_key=row["report_key"],
        )
        for (row, report, kit_share, floor, share), (src_zh, src_en) in zip(
            shares, sources, strict=True
        )
    )


def _cite(stat: data.Stat, lang: str) -> str:
    line = stat.cite(lang)
    if stat.n is None and pd.isna(data.figure_info(stat.figure_id)["n"]):
        return f"{line} (N not stated)" if lang == "en" else f"{line}（报告未注明样本量）"
    return line


def _criteria_by_key() -> dict[str, Criterion]:
    return {c.key: c for c in criteria()}


def default_weights() -> dict[str, float]:
    """The report's multi-choice shares, floored/completed by the kit, normalised to sum to 1.

    The shares say how many firms *named* a criterion, not how much it weighs in a decision;
    normalising them is the kit's documented way to start a discussion, and learners override it.
    """
    return {c.key: c.weight for c in criteria()}


def reweight(weights: Mapping[str, float], criterion: str, new_weight: float) -> dict[str, float]:
    """Set one criterion's (normalised) weight, rescaling the others proportionally.

    If every other weight is zero, the rest is shared equally among the others.
    """
    keys = list(weights)
    w = _normalised(weights)
    check_choice(criterion, keys, "准则", "criterion")
    check_number(new_weight, "新权重", "new weight", low=0, high=1)
    moved = _weights_at(np.array([w[k] for k in keys]), keys.index(criterion), new_weight)
    return dict(zip(keys, moved[0].tolist(), strict=True))


# ----------------------------------------------------------------------------- vendors


@dataclass(frozen=True)
class Vendor:
    """A candidate provider scored 1-5 on criteria (higher is better on every criterion)."""

    name: str
    scores: Mapping[str, float]
    fictional: bool = False
    name_en: str = ""
    note_zh: str = ""
    note_en: str = ""

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise KitError(
                f"服务商名称不能为空，收到：{self.name!r}",
                f"a vendor needs a non-empty name, got {self.name!r}",
                field="name",
            )
        if not isinstance(self.scores, Mapping) or not self.scores:
            raise KitError(
                f"服务商“{self.name}”缺少评分：应为 {{准则: 1-5 分}}",
                f"vendor {self.name!r} has no scores: expected {{criterion: 1-5}}",
                field="scores",
            )
        known = _criteria_by_key()
        unknown = sorted(str(k) for k in self.scores if k not in known)
        if unknown:
            raise KitError(
                f"服务商“{self.name}”的评分含未知准则：{', '.join(unknown)}；可用：{', '.join(known)}",
                f"vendor {self.name!r} is scored on unknown criteria: {', '.join(unknown)}; "
                f"valid: {', '.join(known)}",
                field="scores",
            )
        for key, value in self.scores.items():
            check_number(
                value,
                f"服务商“{self.name}”在“{known[key].label_zh}”上的评分",
                f"vendor {self.name!r} score on {key}",
                low=SCORE_LOW,
                high=SCORE_HIGH,
            )
        if not isinstance(self.fictional, bool):
            raise KitError(
                f"服务商“{self.name}”的 fictional 应为 true/false，收到：{self.fictional!r}",
                f"vendor {self.name!r}: fictional must be true or false, got {self.fictional!r}",
                field="fictional",
            )
        for field in ("name_en", "note_zh", "note_en"):
            if not isinstance(getattr(self, field), str):
                raise KitError(
                    f"服务商“{self.name}”的 {field} 应为文字",
                    f"vendor {self.name!r}: {field} must be text",
                    field=field,
                )
        object.__setattr__(self, "scores", {k: self.scores[k] for k in self.scores})

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "name_en": self.name_en,
            "fictional": self.fictional,
            "note_zh": self.note_zh,
            "note_en": self.note_en,
            "scores": dict(self.scores),
        }

    @classmethod
    def from_dict(cls, raw: Mapping) -> Vendor:
        if not isinstance(raw, Mapping):
            raise KitError("服务商应为一个对象（name、scores）", "a vendor must be an object")
        fields = {"name", "name_en", "fictional", "note_zh", "note_en", "scores"}
        unknown = sorted(set(raw) - fields)
        if unknown or "name" not in raw or "scores" not in raw:
            raise KitError(
                f"服务商字段应为 {', '.join(sorted(fields))}（name、scores 必填）；"
                f"未知字段：{', '.join(unknown) or '无'}",
                f"vendor fields are {', '.join(sorted(fields))} (name and scores required); "
                f"unknown: {', '.join(unknown) or 'none'}",
            )
        return cls(**{k: raw[k] for k in raw})


def example_vendors() -> tuple[Vendor, ...]:
    """The kit's fictional example vendors (``datasets/kit/example_vendors.csv``)."""
    with data.kit_path(EXAMPLES_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = [c.key for c in criteria()]
    return tuple(
        Vendor(
            name=row["name"],
            name_en=row["name_en"],
            fictional=row["fictional"].strip().lower() == "true",
            note_zh=row["note_zh"],
            note_en=row["note_en"],
            scores={k: float(row[k]) for k in keys},
        )
        for row in rows
    )


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class VendorScore:
    name: str
    rank: int
    score: float  # 0-100 for both methods (TOPSIS: 100 x closeness)
    input_index: int
    vendor: Vendor
    contributions: Mapping[str, float]  # weighted sum: points; TOPSIS: weighted normalised value
    gaps: Mapping[str, float]  # how far below the best vendor on each criterion (same units)
    distances: Mapping[str, float] | None  # TOPSIS: to_ideal, to_anti_ideal
    why_zh: str
    why_en: str

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "rank": self.rank,
            "score": self.score,
            "input_index": self.input_index,
            **{k: v for k, v in self.vendor.to_dict().items() if k != "name"},
            "contributions": dict(self.contributions),
            "gaps": dict(self.gaps),
            "distances": None if self.distances is None else dict(self.distances),
            "why_zh": self.why_zh,
            "why_en": self.why_en,
        }


def _vendor_of(raw: Mapping) -> Vendor:
    fields = ("name", "name_en", "fictional", "note_zh", "note_en", "scores")
    return Vendor.from_dict({k: raw[k] for k in fields if k in raw})


@dataclass(frozen=True)
class SensitivityItem:
    """How far one criterion's weight can move before the top choice changes.

    Between ``lower`` and ``upper`` (weights of this criterion, the others rescaled
    proportionally) the top choice stays ``winner``; just below ``lower`` it becomes ``below``,
    just above ``upper`` it becomes ``above`` (None: no change all the way to 0 or 1).
    """

    criterion: str
    label_zh: str
    label_en: str
    weight: float
    lower: float
    upper: float
    winner: str
    below: str | None
    above: str | None
    text_zh: str
    text_en: str

    def to_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "weight": self.weight,
            "lower": self.lower,
            "upper": self.upper,
            "winner": self.winner,
            "below": self.below,
            "above": self.above,
            "text_zh": self.text_zh,
            "text_en": self.text_en,
        }


@dataclass(frozen=True)
class VendorRanking:
    method: str
    weights: Mapping[str, float]  # normalised, sums to 1
    weights_source: str  # "default" (report shares + kit) | "custom"
    ranked: tuple[VendorScore, ...]
    sensitivity: tuple[SensitivityItem, ...]
    notes: tuple[Reason, ...]

    @property
    def winner(self) -> VendorScore:
        return self.ranked[0]

    def names(self) -> list[str]:
        return [v.name for v in self.ranked]

    def to_dict(self) -> dict:
        labels = _criteria_by_key()
        return {
            "kind": "vendors",
            "schema_version": SCHEMA_VERSION,
            "method": self.method,
            "weights": dict(self.weights),
            "weights_source": self.weights_source,
            "criteria": {
                k: {"label_zh": labels[k].label_zh, "label_en": labels[k].label_en}
                for k in self.weights
            },
            "ranked": [v.to_dict() for v in self.ranked],
            "sensitivity": [s.to_dict() for s in self.sensitivity],
            "notes": [n.to_dict() for n in self.notes],
        }

    @classmethod
    def from_dict(cls, raw: Mapping) -> VendorRanking:
        """Recompute a stored ranking from its vendors and weights; refuse it unless the two match."""
        check_result(raw, "vendors", "服务商比选结果", "a vendor ranking")
        try:
            entries = sorted(raw["ranked"], key=lambda e: e["input_index"])
            vendors = [_vendor_of(e) for e in entries]
            source = raw["weights_source"]
            fresh = score_vendors(
                vendors,
                None if source == "default" else raw["weights"],
                raw["method"],
                with_sensitivity=bool(raw["sensitivity"]),
            )
        except (KeyError, TypeError) as err:
            raise KitError(
                f"供应商评分结果结构不完整：{err}",
                f"the vendor ranking is incomplete or malformed: {err}",
            ) from err
        if mismatches(fresh.to_dict(), raw):
            raise KitError(
                "供应商评分结果与重新计算的结果不一致：文件可能被改动，或来自其他版本",
                "the vendor ranking does not match a recomputation: the file was edited or "
                "comes from another version",
                field="ranked",
            )
        return fresh


# ----------------------------------------------------------------------------- inputs


def _normalised(weights: object) -> dict[str, float]:
    """Validated weights over known criteria, scaled to sum to 1."""
    known = _criteria_by_key()
    if not isinstance(weights, Mapping) or not weights:
        raise KitError(
            f"权重应为 {{准则: 非负数}}，例如 {{'cost_benefit': 2}}；可用准则：{', '.join(known)}",
            f"weights must be a mapping {{criterion: non-negative number}}, e.g. "
            f"{{'cost_benefit': 2}}; criteria: {', '.join(known)}",
            field="weights",
        )
    unknown = sorted(str(k) for k in weights if k not in known)
    if unknown:
        raise KitError(
            f"未知准则：{', '.join(unknown)}；可用：{', '.join(known)}",
            f"unknown criteria: {', '.join(unknown)}; valid: {', '.join(known)}",
            field="weights",
        )
    for key, value in weights.items():
        check_number(value, f"“{known[key].label_zh}”的权重", f"weight of {key}")
        if value < 0:
            raise KitError(
                f"“{known[key].label_zh}”的权重不能为负数，收到：{value}",
                f"the weight of {key} cannot be negative, got {value}",
                field="weights",
            )
    total = sum(float(v) for v in weights.values())
    if total <= 0:
        raise KitError(
            "权重不能全部为零：至少给一个准则正的权重",
            "weights cannot all be zero: give at least one criterion a positive weight",
            field="weights",
        )
    order = [k for k in known if k in weights]  # the kit's criterion order, for stable output
    return {k: float(weights[k]) / total for k in order}


def _prepare(vendors: object, weights: object, method: object):
    check_choice(method, METHODS, "评分方法", "method")
    if isinstance(vendors, (str, bytes, Mapping)) or not isinstance(vendors, Sequence):
        raise KitError(
            "候选服务商应为一个列表",
            "vendors must be a list of vendors",
            field="vendors",
        )
    if not vendors:
        raise KitError(
            "候选服务商列表为空：请至少加入一个服务商",
            "the vendor list is empty: add at least one vendor",
            field="vendors",
        )
    items = [v if isinstance(v, Vendor) else Vendor.from_dict(v) for v in vendors]
    seen: dict[str, str] = {}
    for vendor in items:
        folded = vendor.name.strip().casefold()
        if folded in seen:
            raise KitError(
                f"服务商名称重复：“{vendor.name}”（与“{seen[folded]}”相同）；每个服务商需要不同的名称",
                f"duplicate vendor name {vendor.name!r} (same as {seen[folded]!r}); each vendor "
                "needs its own name",
                field="vendors",
            )
        seen[folded] = vendor.name
    if method == "topsis" and len(items) < 2:
        raise KitError(
            "TOPSIS 需要比较至少两个服务商",
            "TOPSIS compares vendors with each other: give at least two",
            field="vendors",
        )
    w = _normalised(default_weights() if weights is None else weights)
    keys = list(w)
    for vendor in items:
        missing = [k for k in keys if k not in vendor.scores]
        if missing:
            raise KitError(
                f"服务商“{vendor.name}”缺少以下准则的评分：{', '.join(missing)}",
                f"vendor {vendor.name!r} has no score for: {', '.join(missing)}",
                field="scores",
            )
    matrix = np.array([[float(v.scores[k]) for k in keys] for v in items])
    return items, keys, matrix, np.array([w[k] for k in keys])


# ----------------------------------------------------------------------------- methods


def _batch_scores(matrix: np.ndarray, weights: np.ndarray, method: str) -> np.ndarray:
    """Scores 0-100 of every vendor (columns) for every weight vector (rows of ``weights``)."""
    weights = np.atleast_2d(weights)
    if method == "weighted_sum":
        scores = 100 * weights @ ((matrix - SCORE_LOW) / (SCORE_HIGH - SCORE_LOW)).T
    else:
        closeness, _, _ = _topsis(matrix, weights)
        scores = 100 * closeness
    # normalised weights may sum to 1 + 2e-16: a top vendor read 100.00000000000001 (hypothesis)
    return np.clip(scores, 0.0, 100.0)


def _topsis(matrix: np.ndarray, weights: np.ndarray):
    """Closeness (T x m), distance to ideal and to anti-ideal, for T weight vectors."""
    normalised = matrix / np.sqrt((matrix**2).sum(axis=0))  # scores >= 1: norms are positive
    weighted = weights[:, None, :] * normalised[None, :, :]
    ideal = weighted.max(axis=1, keepdims=True)
    anti = weighted.min(axis=1, keepdims=True)
    to_ideal = np.sqrt(((weighted - ideal) ** 2).sum(axis=2))
    to_anti = np.sqrt(((weighted - anti) ** 2).sum(axis=2))
    total = to_ideal + to_anti
    # total is 0 only when every vendor is identical on every weighted criterion: a tie.
    closeness = np.divide(to_anti, total, out=np.full_like(total, 0.5), where=total > 0)
    return closeness, to_ideal, to_anti


def _order(scores: np.ndarray) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-round(float(scores[i]), DECIMALS), i))


def _winners(scores: np.ndarray) -> np.ndarray:
    """Index of the top vendor in each row; ties to 9 decimals go to the earlier vendor."""
    return np.argmax(np.round(scores, DECIMALS), axis=1)  # argmax keeps the first maximum


def _weights_at(w: np.ndarray, c: int, t) -> np.ndarray:
    """Weight vectors with criterion ``c`` at ``t`` and the others rescaled proportionally."""
    t = np.atleast_1d(np.asarray(t, dtype=float))
    others = w.copy()
    others[c] = 0.0
    if others.sum() > 0:
        share = others / others.sum()
    else:  # nothing to rescale: share the rest equally
        share = np.full_like(w, 1.0 / max(len(w) - 1, 1))
        share[c] = 0.0
    moved = (1 - t)[:, None] * share[None, :]
    moved[:, c] = t
    return moved


# ----------------------------------------------------------------------------- public API


def score_vendors(
    vendors: Sequence[Vendor],
    weights: Mapping[str, float] | None = None,
    method: str = "weighted_sum",
    *,
    with_sensitivity: bool = True,
) -> VendorRanking:
    """Rank vendors, best first, with per-criterion contributions, reasons and sensitivity.

    ``weights``: {criterion: non-negative number}, normalised here; None uses
    ``default_weights()``. Criteria not in ``weights`` are not used. ``method``:
    "weighted_sum" or "topsis".
    """
    items, keys, matrix, w = _prepare(vendors, weights, method)
    labels = _criteria_by_key()
    w_row = w[None, :]
    # One scoring path for ranking and sensitivity, so both always agree on the winner.
    scores = _batch_scores(matrix, w, method)[0]
    if method == "weighted_sum":
        parts = 100 * w_row * (matrix - SCORE_LOW) / (SCORE_HIGH - SCORE_LOW)
        to_ideal = to_anti = None
    else:
        _closeness, to_ideal, to_anti = _topsis(matrix, w_row)
        parts = w_row * matrix / np.sqrt((matrix**2).sum(axis=0))
    gaps = parts.max(axis=0)[None, :] - parts
    order = _order(scores)

    ranked = []
    for rank, i in enumerate(order, start=1):
        contributions = dict(zip(keys, parts[i].tolist(), strict=True))
        gap = dict(zip(keys, gaps[i].tolist(), strict=True))
        distances = None
        if method == "topsis":
            distances = {"to_ideal": float(to_ideal[0, i]), "to_anti_ideal": float(to_anti[0, i])}
        why_zh, why_en = _why(method, rank, i, order, items, keys, parts, scores, distances, labels)
        ranked.append(
            VendorScore(
                name=items[i].name,
                rank=rank,
                score=float(scores[i]),
                input_index=i,
                vendor=items[i],
                contributions=contributions,
                gaps=gap,
                distances=distances,
                why_zh=why_zh,
                why_en=why_en,
            )
        )
    return VendorRanking(
        method=method,
        weights=dict(zip(keys, w.tolist(), strict=True)),
        weights_source="default" if weights is None else "custom",
        ranked=tuple(ranked),
        sensitivity=_sensitivity(items, keys, matrix, w, method) if with_sensitivity else (),
        notes=tuple(_notes(items, weights is None, method)),
    )


def sensitivity(
    vendors: Sequence[Vendor],
    weights: Mapping[str, float] | None = None,
    method: str = "weighted_sum",
) -> tuple[SensitivityItem, ...]:
    """For each criterion: the range of its weight (others rescaled proportionally) over which
    the top choice stays the same, and who takes over beyond each end."""
    items, keys, matrix, w = _prepare(vendors, weights, method)
    return _sensitivity(items, keys, matrix, w, method)


# ----------------------------------------------------------------------------- sensitivity


def _sensitivity(items, keys, matrix, w, method) -> tuple[SensitivityItem, ...]:
    top = _order(_batch_scores(matrix, w, method)[0])[0]
    result = []
    for c, key in enumerate(keys):
        if len(keys) == 1 or len(items) == 1:
            lower, below, upper, above = 0.0, None, 1.0, None
            if len(keys) == 1:
                lower = upper = 1.0
        elif method == "weighted_sum":
            (lower, below), (upper, above) = _linear_bounds(matrix, w, c, top)
        else:
            lower, below = _scan(matrix, w, c, top, method, downwards=True)
            upper, above = _scan(matrix, w, c, top, method, downwards=False)
        result.append(
            _sensitivity_item(
                key,
                float(w[c]),
                lower,
                upper,
                items[top].name,
                None if below is None else items[below].name,
                None if above is None else items[above].name,
            )
        )
    return tuple(result)


def _linear_bounds(matrix, w, c, top):
    """Exact bounds for the weighted sum: each score is a straight line in the weight ``t``."""
    points = 100 * (matrix - SCORE_LOW) / (SCORE_HIGH - SCORE_LOW)
    at_zero = points @ _weights_at(w, c, 0.0)[0]  # score when the criterion weighs nothing
    at_one = points[:, c]  # score when it weighs everything
    lower, below, upper, above = 0.0, None, 1.0, None
    for k in range(len(matrix)):
        if k == top:
            continue
        d0, d1 = at_zero[top] - at_zero[k], at_one[top] - at_one[k]
        if d0 == d1:
            continue  # parallel lines never cross
        crossing = d0 / (d0 - d1)
        if not 0.0 <= crossing <= 1.0:
            continue
        slope = at_one[k] - at_zero[k]
        # k ahead at t=0 takes over below the crossing, k ahead at t=1 above it; on a tie in t
        # the vendor rising fastest away from the crossing is the one ahead just beyond it.
        if (
            d0 < 0
            and crossing <= w[c]
            and (below is None or (crossing, -slope) > (lower, -(at_one[below] - at_zero[below])))
        ):
            lower, below = crossing, k
        if (
            d1 < 0
            and crossing >= w[c]
            and (above is None or (-crossing, slope) > (-upper, at_one[above] - at_zero[above]))
        ):
            upper, above = crossing, k
    return (float(lower), below), (float(upper), above)


def _scan(matrix, w, c, top, method, *, downwards: bool):
    """Numeric bounds (TOPSIS): scan from the current weight to 0 or 1, then refine the step
    where the winner first changes.

    A change of winner narrower than one grid step (1/GRID_STEPS) could be missed.
    """
    start, end = float(w[c]), 0.0 if downwards else 1.0
    if start == end:
        return end, None
    steps = max(1, math.ceil(abs(end - start) * GRID_STEPS))
    grid = np.linspace(start, end, steps + 1)
    winners = _winners(_batch_scores(matrix, _weights_at(w, c, grid), method))
    changed = np.nonzero(winners != top)[0]
    if changed.size == 0:
        return end, None
    inside, outside = grid[changed[0] - 1], grid[changed[0]]
    for _ in range(REFINEMENTS):
        sub = np.linspace(inside, outside, REFINE_STEPS + 1)  # both ends kept exactly
        first = int(
            np.argmax(_winners(_batch_scores(matrix, _weights_at(w, c, sub), method)) != top)
        )
        inside, outside = sub[first - 1], sub[first]
    # Who takes over: the winner just past the refined bound, clear of the near-ties (9
    # decimals) the bound itself sits in when several rivals cross at once. (The scan point past
    # the change could name a later winner: a rival may lead for less than one grid step.)
    past = min(max(inside + (-PAST_BOUND if downwards else PAST_BOUND), 0.0), 1.0)
    new = int(_winners(_batch_scores(matrix, _weights_at(w, c, past), method))[0])
    if new == top:  # a lead narrower than that: the scan point past the change names it
        new = int(winners[changed[0]])
    return float(inside), new


def _sensitivity_item(key, weight, lower, upper, winner, below, above) -> SensitivityItem:
    label = _criteria_by_key()[key]
    zh = [
        f"“{label.label_zh}”当前权重 {weight:.1%}：在 {lower:.1%} 至 {upper:.1%} 之间"
        f"（其余权重按比例调整），首选仍是“{winner}”。"
    ]
    en = [
        f"{label.label_en} now weighs {weight:.1%}: between {lower:.1%} and {upper:.1%} (the "
        f"other weights rescaled proportionally) the top choice stays {winner}."
    ]
    if below is None:
        zh.append("降到 0 也不会改变首选。")
        en.append("Even at 0 the top choice does not change.")
    else:
        zh.append(f"低于 {lower:.1%} 时首选变为“{below}”。")
        en.append(f"Below {lower:.1%} the top choice becomes {below}.")
    if above is None:
        zh.append("升到 100% 也不会改变首选。")
        en.append("Even at 100% the top choice does not change.")
    else:
        zh.append(f"高于 {upper:.1%} 时首选变为“{above}”。")
        en.append(f"Above {upper:.1%} the top choice becomes {above}.")
    return SensitivityItem(
        criterion=key,
        label_zh=label.label_zh,
        label_en=label.label_en,
        weight=weight,
        lower=lower,
        upper=upper,
        winner=winner,
        below=below,
        above=above,
        text_zh="".join(zh),
        text_en=" ".join(en),
    )


# ----------------------------------------------------------------------------- texts


def _why(method, rank, i, order, items, keys, parts, scores, distances, labels):
    """Why a vendor sits where it does, in both languages."""
    zh_of = {k: labels[k].label_zh for k in keys}
    en_of = {k: labels[k].label_en for k in keys}
    if method == "weighted_sum":
        best = sorted(range(len(keys)), key=lambda j: -parts[i, j])[:2]
        zh = [
            f"综合得分 {scores[i]:.1f}/100，排名第 {rank}。主要得分来自"
            + "、".join(f"“{zh_of[keys[j]]}”（{parts[i, j]:.1f} 分）" for j in best)
            + "。"
        ]
        en = [
            f"Score {scores[i]:.1f}/100, rank {rank}. Most points from "
            + " and ".join(f"{en_of[keys[j]]} ({parts[i, j]:.1f})" for j in best)
            + "."
        ]
        unit_zh, unit_en = " 分", " points"
    else:
        far = max(range(len(keys)), key=lambda j: parts[:, j].max() - parts[i, j])
        gap = parts[:, far].max() - parts[i, far]
        zh = [
            f"贴近度 {scores[i] / 100:.3f}（得分 {scores[i]:.1f}），距理想解 "
            f"{distances['to_ideal']:.3f}、距负理想解 {distances['to_anti_ideal']:.3f}，排名第 {rank}。"
        ]
        en = [
            f"Closeness {scores[i] / 100:.3f} (score {scores[i]:.1f}), distance to the ideal "
            f"{distances['to_ideal']:.3f}, to the anti-ideal {distances['to_anti_ideal']:.3f}; "
            f"rank {rank}."
        ]
        if gap > 0:
            zh.append(f"离最优差距最大的是“{zh_of[keys[far]]}”（{gap:.3f}）。")
            en.append(f"Furthest from the best on {en_of[keys[far]]} ({gap:.3f}).")
        unit_zh, unit_en = "", ""
    if len(order) > 1:
        ref = order[1] if rank == 1 else order[0]
        diff = parts[i] - parts[ref]
        lead = scores[i] - scores[ref]
        if rank == 1:
            j = int(np.argmax(diff))
            if round(lead, DECIMALS) == 0:
                zh.append(f"与“{items[ref].name}”同分，按输入顺序排在前面。")
                en.append(f"Tied with {items[ref].name}; listed first by input order.")
            else:
                zh.append(
                    f"领先第 2 名“{items[ref].name}” {lead:.1f} 分，优势最大的是"
                    f"“{zh_of[keys[j]]}”（+{diff[j]:.{1 if unit_zh else 3}f}{unit_zh}）。"
                )
                en.append(
                    f"Ahead of {items[ref].name} by {lead:.1f}; the biggest edge is "
                    f"{en_of[keys[j]]} (+{diff[j]:.{1 if unit_en else 3}f}{unit_en})."
                )
        else:
            j = int(np.argmin(diff))
            zh.append(
                f"落后第 1 名“{items[ref].name}” {-lead:.1f} 分，差距最大的是"
                f"“{zh_of[keys[j]]}”（{diff[j]:.{1 if unit_zh else 3}f}{unit_zh}）。"
            )
            en.append(
                f"Behind {items[ref].name} by {-lead:.1f}; the biggest shortfall is "
                f"{en_of[keys[j]]} ({diff[j]:.{1 if unit_en else 3}f}{unit_en})."
            )
    return "".join(zh), " ".join(en)


def _notes(items, default: bool, method: str) -> list[Reason]:
    notes = []
    if default:
        notes.append(
            Reason(
                "默认权重：把报告中提及各因素的企业占比（多选题，占比之和超过 100%）归一化为权重。"
                "占比表示“有多少企业提到”，不等于“有多重要”；售后服务设有课程下限，安全性份额为课程设定。"
                "请按企业自身情况调整。",
                "Default weights: the report's shares of firms naming each factor (a multi-choice "
                "question, so the shares add up to more than 100%) normalised to sum to 1. A share "
                "says how many firms named a factor, not how much it matters; after-sales has the "
                "kit's floor and security the kit's share. Adjust them to your company.",
                f"report figure 3.2.2.1 and section 3.2.2.2; kit {CRITERIA_FILE}",
            )
        )
    if method == "topsis":
        notes.append(
            Reason(
                "TOPSIS：按列向量归一化后加权，计算每个服务商到理想解（各准则最优值）和负理想解"
                "（各准则最差值）的距离，贴近度 = 距负理想解 ÷（两距离之和）。",
                "TOPSIS: columns are vector-normalised and weighted; each vendor's distance to the "
                "ideal (best value on every criterion) and the anti-ideal (worst) gives its "
                "closeness = distance to anti-ideal / (sum of both distances).",
                "Hwang & Yoon (1981)",
            )
        )
    if any(v.fictional for v in items):
        notes.append(
            Reason(
                "标注“虚构”的服务商是课程编造的示例，不代表任何真实企业。",
                "Vendors marked fictional are examples made up by the kit, not real companies.",
                f"kit {EXAMPLES_FILE}",
            )
        )
    return notes
