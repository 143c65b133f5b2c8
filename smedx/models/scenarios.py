"""Scenario selection: rank the report's investment scenarios (figure 3.1.2.1) for one company.

A scenario's score (0-100) is the weighted sum of six parts, each a number between 0 and 1:

- ``prevalence``: the share of SMEs planning to invest in it in 2024 (report);
- ``momentum``: its 2023 -> 2024 change (report), 0.5 meaning "no change / no evidence";
- ``industry``: the share of the company's industry naming it (report, only where it has one);
- ``goals``: affinity of the chosen goals with it (kit table ``goal_scenario_affinity.csv``);
- ``stage``: fit with the company's stage (kit table ``stage_scenario_fit.csv``);
- ``budget``: fit of the budget band with its cost tier (kit file ``scenario_model.json``).

Part weights and rules live in ``datasets/kit/scenario_model.json`` and are documented in
``docs/methodology/scenarios-vendors.md``. Every part carries a reason in zh and en that cites the
report's figure and N, or says plainly that the report has no number for it.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from smedx import data, glossary
from smedx.errors import KitError
from smedx.models.common import (
    INDUSTRIES,
    INVESTMENT_BANDS,
    SCHEMA_VERSION,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
    check_choice,
    check_result,
    mismatches,
)
from smedx.typography import section_en, section_zh, space_cjk

SCENARIO_FIGURE = "3.1.2.1"
GOAL_FIGURE = "S3.1.1-goals"
PLAN_YEAR, BASE_YEAR = "2024", "2023"
PARTS = ("prevalence", "momentum", "industry", "goals", "stage", "budget")
# The report's 制造业 aggregate stands in for its manufacturing sub-industries (3.1.2).
INDUSTRY_FALLBACK = {
    "discrete_manufacturing": "manufacturing",
    "process_manufacturing": "manufacturing",
}
AFFINITY_FILE = "goal_scenario_affinity.csv"
STAGE_FIT_FILE = "stage_scenario_fit.csv"
MODEL_FILE = "scenario_model.json"
MAX_FIT = 3  # affinities and fits are on a 0-3 scale


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """One sentence in both languages and where it comes from (figure and N, or a kit file)."""

    zh: str
    en: str
    source: str

    def __post_init__(self) -> None:
        # sentences are put together from several tables: one spacing rule for the whole
        object.__setattr__(self, "zh", space_cjk(self.zh))

    def to_dict(self) -> dict:
        return {"zh": self.zh, "en": self.en, "source": self.source}


@dataclass(frozen=True)
class Part:
    """One part of a scenario's score: value in [0, 1], points = 100 * weight * value."""

    key: str
    label_zh: str
    label_en: str
    weight: float
    value: float
    points: float
    evidence: float | None  # the raw number behind the value (a share, a change, a fit)

    def to_dict(self) -> dict:
        return {
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "weight": self.weight,
            "value": self.value,
            "points": self.points,
            "max": 100 * self.weight,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ScenarioScore:
    key: str
    label_zh: str
    label_en: str
    score: float
    parts: tuple[Part, ...]
    reasons: tuple[Reason, ...]

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "score": self.score,
            "parts": {p.key: p.to_dict() for p in self.parts},
            "reasons": [r.to_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class ScenarioRanking:
    """Scenarios best first, with the inputs that produced them and notes on missing data."""

    ranked: tuple[ScenarioScore, ...]
    inputs: Mapping
    notes: tuple[Reason, ...]

    def keys(self) -> list[str]:
        return [s.key for s in self.ranked]

    def get(self, key: str) -> ScenarioScore:
        for item in self.ranked:
            if item.key == key:
                return item
        raise KitError(
            f"没有场景 {key!r}；可选：{', '.join(self.keys())}",
            f"no scenario {key!r}; valid: {', '.join(self.keys())}",
            field="scenario",
        )

    def to_dict(self) -> dict:
        return {
            "kind": "scenarios",
            "schema_version": SCHEMA_VERSION,
            "ranked": [s.to_dict() for s in self.ranked],
            "inputs": {
                "profile": dict(self.inputs["profile"]),
                "stage": self.inputs["stage"],
                "goals": list(self.inputs["goals"]),
                "budget_band": self.inputs["budget_band"],
            },
            "notes": [n.to_dict() for n in self.notes],
        }

    @classmethod
    def from_dict(cls, raw: Mapping) -> ScenarioRanking:
        """Recompute a stored ranking from its inputs; refuse it unless the two match."""
        check_result(raw, "scenarios", "场景排序结果", "a scenario ranking")
        inputs = raw.get("inputs")
        if not isinstance(inputs, Mapping) or set(inputs) != {
            "profile",
            "stage",
            "goals",
            "budget_band",
        }:
            raise KitError(
                "场景排序结果缺少 inputs（profile、stage、goals、budget_band）",
                "scenario ranking lacks its inputs (profile, stage, goals, budget_band)",
                field="inputs",
            )
        fresh = rank_scenarios(
            CompanyProfile.from_dict(inputs["profile"]),
            inputs["stage"],
            inputs["goals"],
            inputs["budget_band"],
        )
        if mismatches(fresh.to_dict(), raw):
            raise KitError(
                "场景排序结果与按当前数据重新计算的结果不一致：文件可能被改动，或来自其他版本",
                "the scenario ranking does not match a recomputation with the current data: "
                "the file was edited or comes from another version",
                field="ranked",
            )
        return fresh


# ----------------------------------------------------------------------------- catalogues


@cache
def scenario_catalogue() -> dict[str, tuple[str, str]]:
    """The report's scenarios (keys of figure 3.1.2.1, in the report's order) -> (zh, en)."""
    rows = data.figure(SCENARIO_FIGURE)
    catalogue: dict[str, tuple[str, str]] = {}
    for row in rows.itertuples():
        catalogue.setdefault(row.key, (row.label_zh, row.label_en))
    return catalogue


@cache
def goal_catalogue() -> dict[str, tuple[str, str]]:
    """The report's transformation goals (S3.1.1-goals) -> (zh, en)."""
    rows = data.figure(GOAL_FIGURE)
    rows = rows[rows["segment_key"] == ""]
    return {row.key: (row.label_zh, row.label_en) for row in rows.itertuples()}


def _read_csv(name: str) -> list[dict]:
    with data.kit_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fit_value(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_FIT:
        raise KitError(
            f"课程设计表 {name} 中有无效分值 {raw!r}（应为 0-{MAX_FIT} 的整数）",
            f"kit table {name} has an invalid value {raw!r} (expected an integer 0-{MAX_FIT})",
        )
    return value


def _grid(name: str, row_key: str, col_key: str, value_key: str, rows_expected, cols_expected):
    """Read a kit table keyed by (row, scenario); every pair must be present exactly once."""
    grid: dict[tuple[str, str], dict] = {}
    for row in _read_csv(name):
        pair = (row[row_key], row[col_key])
        if pair in grid:
            raise KitError(f"课程设计表 {name} 中 {pair} 重复", f"kit table {name} repeats {pair}")
        grid[pair] = {**row, value_key: _fit_value(row[value_key], name)}
    expected = {(r, c) for r in rows_expected for c in cols_expected}
    missing, extra = expected - set(grid), set(grid) - expected
    if missing or extra:
        raise KitError(
            f"课程设计表 {name} 与报告的场景/目标不一致：缺少 {sorted(missing)}，多出 {sorted(extra)}",
            f"kit table {name} does not match the report's keys: missing {sorted(missing)}, "
            f"unexpected {sorted(extra)}",
        )
    return grid


@cache
def goal_affinity() -> dict[tuple[str, str], dict]:
    """(goal, scenario) -> row of the kit's affinity table (affinity 0-3, rationale, basis)."""
    return _grid(
        AFFINITY_FILE, "goal", "scenario", "affinity", goal_catalogue(), scenario_catalogue()
    )


@cache
def stage_fit() -> dict[tuple[str, str], dict]:
    """(stage, scenario) -> row of the kit's stage-fit table (fit 0-3, basis)."""
    return _grid(STAGE_FIT_FILE, "stage", "scenario", "fit", STAGE_ORDER, scenario_catalogue())


_BASIS_PART = re.compile(r"(\d+(?:\.\d+)*)\s*(?:\((.+)\))?")


def basis_parts(basis: str) -> list[tuple[str, str]]:
    """A kit table's basis ("3.1.2 (quote); 2.2") as (section, quote) pairs; quote may be ""."""
    parts = []
    for piece in basis.split(";"):
        match = _BASIS_PART.fullmatch(piece.strip())
        if match is None:
            raise KitError(
                f"课程设计表的依据“{basis}”应写成“章节 (原文引文); 章节”",
                f"a kit table's basis '{basis}' must read 'section (quote); section'",
            )
        parts.append((match.group(1), match.group(2) or ""))
    return parts


def basis_text(basis: str, lang: str) -> str:
    """The basis as a reader of ``lang`` reads it: 报告第 3.1.2 节“原文”、第 2.2 节 (the report's
    own words) or §3.1.2 “translation”; §2.2 (``basis_en``, the kit's translation)."""
    if lang == "en":
        return "; ".join(f"§{s} “{q}”" if q else section_en(s) for s, q in basis_parts(basis))
    named = [section_zh(s) + (f"“{q}”" if q else "") for s, q in basis_parts(basis)]
    return "报告" + "、".join(named)


@cache
def design() -> dict:
    """The kit's scoring design: part weights, momentum cap, cost tiers, budget fit."""
    raw = json.loads(data.kit_path(MODEL_FILE).read_text(encoding="utf-8"))
    parts = {p["part"]: p for p in raw["parts"]}
    weights = [parts[k]["weight"] for k in PARTS if k in parts]
    if set(parts) != set(PARTS) or not math.isclose(sum(weights), 1.0, abs_tol=1e-9):
        raise KitError(
            f"{MODEL_FILE} 的评分部分应为 {', '.join(PARTS)}，权重之和为 1",
            f"{MODEL_FILE} must define the parts {', '.join(PARTS)} with weights summing to 1",
        )
    tiers = {row["scenario"]: row for row in raw["cost_tiers"]}
    budget = {row["band"]: row for row in raw["budget_fit"]}
    if set(tiers) != set(scenario_catalogue()) or set(budget) != set(INVESTMENT_BANDS):
        raise KitError(
            f"{MODEL_FILE} 的投入强度档位或预算契合度不完整",
            f"{MODEL_FILE} lacks a cost tier for some scenario or a budget band",
        )
    for row in budget.values():
        for tier in {t["tier"] for t in tiers.values()}:
            _fit_value(str(row[f"tier_{tier}"]), MODEL_FILE)
    return {"parts": parts, "cap": float(raw["momentum_cap_pp"]), "tiers": tiers, "budget": budget}


def part_weights() -> dict[str, float]:
    """The kit's weight of each scoring part (they sum to 1)."""
    return {k: float(design()["parts"][k]["weight"]) for k in PARTS}


# ----------------------------------------------------------------------------- scoring


def rank_scenarios(
    profile: CompanyProfile, stage: str, goals: Sequence[str], budget_band: str
) -> ScenarioRanking:
    """Rank the report's investment scenarios for one company, best first.

    ``stage`` is a stage id (``smedx.models.common.STAGE_ORDER``), ``goals`` one or more of the
    report's goal keys (``goal_catalogue()``), ``budget_band`` an investment band key
    (``common.INVESTMENT_BANDS``: lt1, 1_2, 2_3, 3_5, 5_7).
    """
    if not isinstance(profile, CompanyProfile):
        raise KitError(
            "企业信息应为 CompanyProfile（可用 CompanyProfile.from_dict 从字典创建）",
            "profile must be a CompanyProfile (build one with CompanyProfile.from_dict)",
            field="profile",
        )
    check_choice(stage, STAGE_ORDER, "转型阶段", "stage")
    goals = _check_goals(goals)
    check_choice(budget_band, INVESTMENT_BANDS, "预算档位", "budget band")

    scored = [
        _score(key, labels, profile, stage, goals, budget_band)
        for key, labels in scenario_catalogue().items()
    ]
    order = list(scenario_catalogue())
    # Ties (to 9 decimals) keep the report's order, so the ranking is deterministic.
    scored.sort(key=lambda s: (-round(s.score, 9), order.index(s.key)))
    return ScenarioRanking(
        ranked=tuple(scored),
        inputs={
            "profile": profile.to_dict(),
            "stage": stage,
            "goals": tuple(goals),
            "budget_band": budget_band,
        },
        notes=tuple(_notes(profile)),
    )


def _check_goals(goals: object) -> list[str]:
    valid = goal_catalogue()
    if isinstance(goals, str) or not isinstance(goals, Sequence):
        raise KitError(
            f"目标应为一个列表，例如 ['cost_reduction']；可选：{', '.join(valid)}",
            f"goals must be a list, e.g. ['cost_reduction']; choose from: {', '.join(valid)}",
            field="goals",
        )
    if not goals:
        raise KitError(
            f"请至少选择一个转型目标；可选：{', '.join(valid)}",
            f"choose at least one goal; options: {', '.join(valid)}",
            field="goals",
        )
    for goal in goals:
        check_choice(goal, valid, "转型目标", "goal")
    if len(set(goals)) != len(goals):
        raise KitError("转型目标有重复", "goals contain duplicates", field="goals")
    return list(goals)


def _part(key: str, value: float, evidence: float | None) -> Part:
    spec = design()["parts"][key]
    weight = float(spec["weight"])
    return Part(
        key=key,
        label_zh=spec["label_zh"],
        label_en=spec["label_en"],
        weight=weight,
        value=value,
        points=100 * weight * value,
        evidence=evidence,
    )


@cache
def _scenario_stats() -> dict[tuple[str, str], data.Stat]:
    """Every value of figure 3.1.2.1 by (scenario, segment), looked up once."""
    rows = data.figure(SCENARIO_FIGURE)
    return {
        (row.key, row.segment_key): data.stat(SCENARIO_FIGURE, row.key, row.segment_key)
        for row in rows.itertuples()
    }


def _stat(key: str, segment: str) -> data.Stat | None:
    return _scenario_stats().get((key, segment))


@cache
def _cite(stat: data.Stat, lang: str) -> str:
    """The report citation of one value; says so where the report gives no N for it."""
    line = stat.cite(lang)
    info = data.figure_info(stat.figure_id)
    if stat.n is not None or stat.segment_key in (PLAN_YEAR, BASE_YEAR):
        return line
    if pd.isna(info["n"]):
        return f"{line} (N not stated)" if lang == "en" else f"{line}（报告未注明样本量）"
    if stat.segment_key:
        if lang == "en":
            return f"{line} (whole sample; the segment's own base is not stated)"
        return f"{line}（全样本；该细分的样本量未注明）"
    return line


@cache
def _source(stat: data.Stat) -> str:
    n = stat.n if stat.n is not None else data.figure_info(stat.figure_id)["n"]
    n_text = "N not stated" if pd.isna(n) else f"N={int(n)}"
    where = f"segment {stat.segment_key}, " if stat.segment_key else ""
    return f"report figure {stat.figure_id} ({where}{n_text})"


def _score(key, labels, profile, stage, goals, band) -> ScenarioScore:
    zh, en = labels
    parts, reasons = [], []

    # prevalence: the 2024 planned share
    plan = _stat(key, PLAN_YEAR)
    if plan is None:
        average = _average_plan_share()
        parts.append(_part("prevalence", average / 100, None))
        reasons.append(
            Reason(
                f"报告没有给出全样本中计划在 {PLAN_YEAR} 年投入“{zh}”的企业占比：本项按报告给出数字的"
                f"各场景的平均值 {average:.1f}% 计（既不加分也不扣分，不计 0 分）。",
                f"The report gives no whole-sample share of SMEs planning to invest in {en} in "
                f"{PLAN_YEAR}: this part takes the average of the scenarios it does give, "
                f"{average:.1f}% (neither a bonus nor a penalty, and not a 0).",
                f"report figure {SCENARIO_FIGURE}: no value; average of the values given",
            )
        )
    else:
        parts.append(_part("prevalence", plan.value / 100, plan.value))
        reasons.append(
            Reason(
                f"{plan.value:g}% 的中小企业计划在 {PLAN_YEAR} 年投入“{zh}”。{_cite(plan, 'zh')}",
                f"{plan.value:g}% of SMEs plan to invest in {en} in {PLAN_YEAR}. "
                f"{_cite(plan, 'en')}",
                _source(plan),
            )
        )

    # momentum: the 2023 -> 2024 change, 0.5 = no change or no evidence of one
    base = _stat(key, BASE_YEAR)
    cap = design()["cap"]
    if plan is None or base is None:
        parts.append(_part("momentum", 0.5, None))
        reasons.append(
            Reason(
                f"报告没有给出“{zh}”在 {BASE_YEAR} 和 {PLAN_YEAR} 两年的全样本数值，无法计算变化，"
                "本项取中性值 0.5。",
                f"The report does not give whole-sample values for {en} in both {BASE_YEAR} and "
                f"{PLAN_YEAR}, so no change can be computed; this part takes the neutral 0.5.",
                f"report figure {SCENARIO_FIGURE}: no value for one of the years",
            )
        )
    else:
        change = plan.value - base.value
        value = 0.5 + max(-cap, min(cap, change)) / (2 * cap)
        parts.append(_part("momentum", value, change))
        verb_zh = "上升" if change > 0 else "下降" if change < 0 else "持平，变化"
        verb_en = "up" if change > 0 else "down" if change < 0 else "unchanged,"
        reasons.append(
            Reason(
                f"“{zh}”从 {BASE_YEAR} 年的 {base.value:g}% 到 {PLAN_YEAR} 年的 {plan.value:g}%，"
                f"{verb_zh} {abs(change):.1f} 个百分点。{_cite(base, 'zh')}",
                f"{en}: {base.value:g}% in {BASE_YEAR} -> {plan.value:g}% in {PLAN_YEAR}, "
                f"{verb_en} {abs(change):.1f} points. {_cite(base, 'en')}",
                _source(base),
            )
        )

    # industry: the share of the company's industry naming the scenario
    industry = profile.industry
    ind_zh, ind_en = INDUSTRIES[industry]
    own = _stat(key, industry)
    fallback = INDUSTRY_FALLBACK.get(industry)
    aggregate = _stat(key, fallback) if fallback else None
    # Without a number for the industry, the industry is taken to be like all SMEs (the report's
    # whole-sample share) rather than scored 0: no number is not a sign that it ignores the scenario.
    used = next((s for s in (own, aggregate, plan, base) if s is not None), None)
    if used is None:
        average = _average_plan_share()
        parts.append(_part("industry", average / 100, None))
        reasons.append(
            Reason(
                f"报告没有“{ind_zh}”或全体中小企业在“{zh}”场景上的数字：本项按报告给出数字的各场景的"
                f"平均值 {average:.1f}% 计（不计 0 分）。",
                f"The report has no number for {ind_en} or for all SMEs on {en}: this part takes "
                f"the average of the scenarios it does give, {average:.1f}% (not a 0).",
                f"report figure {SCENARIO_FIGURE}: no value; average of the values given",
            )
        )
    else:
        parts.append(_part("industry", used.value / 100, used.value))
        if used is own:
            stand_in_zh = stand_in_en = ""
        elif used is aggregate:
            stand_in_zh = "（报告没有本行业的单独数据，采用报告“制造业”整体数据）"
            stand_in_en = (
                " (no separate number for this industry; the report's manufacturing aggregate "
                "is used)"
            )
        else:
            stand_in_zh = (
                f"（报告没有{ind_zh}在该场景上的数字，暂按全体中小企业的占比计，不计 0 分）"
            )
            stand_in_en = (
                f" (the report has no number for {ind_en} here, so the share of all SMEs stands "
                "in for it instead of a 0)"
            )
        industry_number = used is own or used is aggregate  # else the whole sample's
        who_zh, who_en = (ind_zh, ind_en) if industry_number else ("全体", "all")
        year_zh = "，报告未说明该数字的年份" if industry_number else ""
        year_en = "; the report does not say which year" if industry_number else ""
        reasons.append(
            Reason(
                f"{used.value:g}% 的{who_zh}中小企业把“{zh}”列为重点投入场景"
                f"{stand_in_zh}{year_zh}。{_cite(used, 'zh')}",
                f"{used.value:g}% of {who_en} SMEs name {en} as a key investment scenario"
                f"{stand_in_en}{year_en}. {_cite(used, 'en')}",
                _source(used),
            )
        )

    # goals: the kit's affinity table, averaged over the chosen goals
    affinity = goal_affinity()
    fits = [affinity[(g, key)]["affinity"] for g in goals]
    mean = sum(fits) / len(fits)
    parts.append(_part("goals", mean / MAX_FIT, mean))
    goal_names = goal_catalogue()
    for goal in goals:
        row = affinity[(goal, key)]
        g_zh, g_en = goal_names[goal]
        reasons.append(
            Reason(
                f"目标“{g_zh}”与“{zh}”的契合度 {row['affinity']}/{MAX_FIT}：{row['rationale_zh']}"
                f"（课程设计，依据{basis_text(row['basis'], 'zh')}）",
                f"Goal '{g_en}' fits {en} {row['affinity']}/{MAX_FIT}: {row['rationale_en']} "
                f"(kit design, based on {basis_text(row['basis_en'], 'en')})",
                f"kit {AFFINITY_FILE}",
            )
        )

    # stage: the kit's stage-fit table
    row = stage_fit()[(stage, key)]
    parts.append(_part("stage", row["fit"] / MAX_FIT, float(row["fit"])))
    stage_zh, stage_en = _stage_names(stage)
    reasons.append(
        Reason(
            f"“{stage_zh}”与“{zh}”的契合度 {row['fit']}/{MAX_FIT}：{row['rationale_zh']}"
            f"（课程设计，依据{basis_text(row['basis'], 'zh')}）",
            f"{stage_en} fits {en} {row['fit']}/{MAX_FIT}: {row['rationale_en']} "
            f"(kit design, based on {basis_text(row['basis_en'], 'en')})",
            f"kit {STAGE_FIT_FILE}",
        )
    )

    # budget: the band's fit with the scenario's cost tier
    tier_row = design()["tiers"][key]
    band_row = design()["budget"][band]
    fit = int(band_row[f"tier_{tier_row['tier']}"])
    parts.append(_part("budget", fit / MAX_FIT, float(fit)))
    _low, _high, band_zh, band_en = INVESTMENT_BANDS[band]
    reasons.append(
        Reason(
            f"投入占营收{band_zh}与“{zh}”（投入强度第 {tier_row['tier']} 档：{tier_row['basis_zh']}）"
            f"的契合度 {fit}/{MAX_FIT}：{band_row['basis_zh']}（课程设计）",
            f"A budget of {band_en} of revenue fits {en} (cost tier {tier_row['tier']}: "
            f"{tier_row['basis_en']}) {fit}/{MAX_FIT}: {band_row['basis_en']} (kit design)",
            f"kit {MODEL_FILE}",
        )
    )

    score = sum(p.points for p in parts)
    return ScenarioScore(key, zh, en, score, tuple(parts), tuple(reasons))


@cache
def _average_plan_share() -> float:
    """The mean whole-sample planned share over the scenarios the report gives one for: what a
    scenario without a number is scored at, so a gap in the report's data neither raises nor
    sinks it."""
    shares = [
        stat.value for (_key, segment), stat in _scenario_stats().items() if segment == PLAN_YEAR
    ]
    return sum(shares) / len(shares)


def _stage_names(stage: str) -> tuple[str, str]:
    return glossary.name("stage", stage), glossary.name("stage", stage, "en")


def _notes(profile: CompanyProfile) -> list[Reason]:
    """What the report cannot tell this company, said once for the whole ranking."""
    notes = []
    if profile.size_band is not None:
        size_zh, size_en = SIZE_BANDS[profile.size_band]
        notes.append(
            Reason(
                f"报告没有按企业规模划分的投入场景数据，规模（{size_zh}）未参与评分。",
                f"The report has no scenario data by company size; the size band ({size_en}) "
                "does not enter the score.",
                f"report figure {SCENARIO_FIGURE}: no size-band rows",
            )
        )
    if profile.enterprise_type is not None:
        notes.append(
            Reason(
                "报告没有按企业类型（专精特新梯队/非梯队）划分的投入场景数据，企业类型未参与评分。",
                "The report has no scenario data by enterprise type (专精特新 tier or not); the "
                "type does not enter the score.",
                f"report figure {SCENARIO_FIGURE}: no enterprise-type rows",
            )
        )
    notes.append(
        Reason(
            "预算档位是投入占营收的比例：同样 1% 的投入，营收越小金额越少，请结合实际金额判断。",
            "The budget band is a share of revenue: the same 1% buys less in a smaller firm, so "
            "check the amount as well.",
            f"kit {MODEL_FILE}",
        )
    )
    return notes
