"""The action plan: current -> target stage in 12 months, with scenarios, vendors, GenAI pilots,
a quarter-by-quarter timeline, a budget set against the report's ranges, KPIs and external help.

``build_plan`` combines the other models' results (an ``Assessment`` and, where there are any, a
``ScenarioRanking``, a ``VendorRanking`` and a ``GenAIPortfolio``: objects, checked once where
they entered the kit, see :mod:`smedx.models.registry`). ``plan_to_json`` / ``plan_from_json``
store a plan as a JSON file with a sha256 checksum
of its content, so a file that was edited by hand, truncated or made by another version is
refused with a clear message. The checksum detects accidental edits; it is not a signature
(anyone can recompute it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, data, strict_json
from smedx.errors import KitError
from smedx.models.assessment import Assessment, Gap
from smedx.models.common import (
    INVESTMENT_BANDS,
    SCHEMA_VERSION,
    STAGE_ORDER,
    CompanyProfile,
    check_choice,
    check_number,
    check_result,
    cite,
    figure_rows,
    investment_band,
    jsonable,
    lower_first,
    pct,
    recommendation,
    report_stat,
    restore,
    stage_rows,
)
from smedx.models.genai import GenAIPortfolio, Note, report_note
from smedx.models.scenarios import ScenarioRanking
from smedx.models.vendors import VendorRanking
from smedx.typography import section_zh

MAX_PLAN_BYTES = 1_000_000
HASH_ALGORITHM = "sha256"
HORIZONS = tuple(range(3, 25, 3))  # whole quarters, up to two years
MAX_REVENUE_10K_CNY = 10_000_000.0  # 1,000 亿元: far above any SME; catches unit mistakes
PICKS = 3  # scenarios, vendors and pilots carried into the plan
REVENUE_BAND_LIMIT_10K_CNY = 10_000.0  # 1 亿元, the report's revenue split (figure 2.1.4)

BUDGET_FIGURE = "2.1.1"
OUTCOME_FIGURE = "2.3.1"
HELP_FIGURE = "3.3.2.1"
STAGE_FIGURE = "2.2.2"
REVENUE_FIGURE = "2.1.4"
REFERENCE_FACTS = (
    "dx_investment_share_all_enterprises_2021",
    "dx_investment_share_multinationals",
    "dx_investment_share_top50_multinationals",
)

# KPI per outcome category of figure 2.3.1 (the metrics are kit design).
KPI_METRICS: dict[str, tuple[str, str]] = {
    "competitiveness": (
        "客户满意度或复购率；新产品/新服务收入占比",
        "customer satisfaction or repeat-purchase rate; revenue share of new products/services",
    ),
    "efficiency": (
        "关键流程周期（如订单交付天数）；人均产出",
        "cycle time of a key process (e.g. order-to-delivery days); output per employee",
    ),
    "cost": ("单位运营成本；IT 运维工时", "unit operating cost; IT maintenance hours"),
    "internal_mgmt": (
        "线上审批与流程覆盖率；月度报表出具天数",
        "share of approvals and processes online; days to close the monthly report",
    ),
}
KPI_TARGET = (
    "第 1 季度测得基线后，由企业自定 12 个月目标（本工具不替你设定数字）",
    "set your own 12-month target once the baseline is measured in quarter 1 (the kit does not "
    "invent numbers for you)",
)

# Which questionnaire items must be in place before another can be built (kit design, see
# docs/methodology/genai-plan.md): data standards follow mapped processes, a data platform needs
# infrastructure and standard data, dashboards (M5) need both, the main business is digitised on
# the infrastructure, and outcomes (R*) come after the work that produces them.
PREREQUISITES: dict[str, tuple[str, ...]] = {
    "F3": ("F2",),
    "F4": ("F1", "F3"),
    "M5": ("F3", "F4"),
    **{f"O{i}": ("F1",) for i in range(1, 7)},
}
OUTCOME_PREFIX = "R"
INVESTMENT_ITEM = "M4"
# M4's options are the report's spending bands (figure 2.1.1): the least share each one means.
INVESTMENT_OPTION_SHARE = {"a": 0.0, "b": 1.0, "c": 2.0, "d": 3.0, "e": 5.0}

# Where to find each kind of external help (kit advice, pointing to chapter 5 of the report).
HELP_WHERE: dict[str, tuple[str, str, str]] = {
    "training": (
        "association_4",
        "行业协会培训班、在线课程；本课程",
        "association courses, online",
    ),
    "peer_leaders": (
        "association_1",
        "协会组织的标杆企业参访与交流",
        "benchmark visits by associations",
    ),
    "cooperation_platform": (
        "association_1",
        "加入协会或产业联盟的合作平台",
        "an association platform",
    ),
    "solution_recommendation": (
        "sme_2",
        "中小企业服务平台、行业垂直平台的方案推荐",
        "SME service platforms and vertical platforms",
    ),
    "tech_problems": (
        "association_2",
        "协会专家一对一咨询；服务商一站式支持",
        "expert consultations",
    ),
    "ongoing_support": (
        "provider_2",
        "合同写明升级与售后条款",
        "upgrade and after-sales terms in contracts",
    ),
    "funding": (
        "sme_2",
        "国家与地方数字化专项资金、政策",
        "national and local DX funds and policies",
    ),
}


# --------------------------------------------------------------------------------------------
# The plan's parts.


@dataclass(frozen=True)
class StageStep:
    current: str
    current_zh: str
    current_en: str
    target: str
    target_zh: str
    target_en: str
    level: int
    total: float


@dataclass(frozen=True)
class PlanGap:
    """A questionnaire answer to move before the target stage is in reach, and when."""

    item: str
    label_zh: str
    label_en: str
    current: str
    needed: str
    needed_text_zh: str  # the answer to reach, in words ("" when the assessment gives none)
    needed_text_en: str
    quarter: int


@dataclass(frozen=True)
class Choice:
    """A chosen investment scenario (from the scenario ranking)."""

    key: str
    label_zh: str
    label_en: str
    score: float


@dataclass(frozen=True)
class VendorPick:
    name: str
    name_en: str
    fictional: bool  # the kit's example vendors are fictional and stay labelled so
    score: float


@dataclass(frozen=True)
class Pilot:
    key: str
    label_zh: str
    label_en: str
    value: float
    feasibility: float
    risk: float


@dataclass(frozen=True)
class Budget:
    """The plan's money: each year revenue x share, so amount = revenue x share x years of the
    plan; and where that share sits among peers."""

    revenue_10k_cny: float
    share_percent: float
    amount_10k_cny: float
    per_quarter_10k_cny: tuple[float, ...]
    band: str | None  # the report's band (figure 2.1.1); None above its highest band
    band_zh: str
    band_en: str
    peers_below: float | None  # percent of the N=494 sample in lower bands
    peers_same: float | None
    peers_above: float | None
    comparisons: tuple[Note, ...]


@dataclass(frozen=True)
class KPI:
    category: str
    label_zh: str
    label_en: str
    metric_zh: str
    metric_en: str
    target_zh: str
    target_en: str
    evidence: tuple[Note, ...]


@dataclass(frozen=True)
class HelpItem:
    key: str
    label_zh: str
    label_en: str
    share: float
    recommended: bool
    where_zh: str
    where_en: str
    source: Note


@dataclass(frozen=True)
class Task:
    kind: str
    zh: str
    en: str


@dataclass(frozen=True)
class Quarter:
    index: int
    month_from: int
    month_to: int
    budget_10k_cny: float
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class ActionPlan:
    profile: CompanyProfile | None
    horizon_months: int
    stage: StageStep
    gaps: tuple[PlanGap, ...]
    scenarios: tuple[Choice, ...]
    vendors: tuple[VendorPick, ...]
    pilots: tuple[Pilot, ...]
    budget: Budget
    kpis: tuple[KPI, ...]
    external_help: tuple[HelpItem, ...]
    timeline: tuple[Quarter, ...]
    notes: tuple[Note, ...]

    def to_dict(self) -> dict:
        return {"kind": "plan", "schema_version": SCHEMA_VERSION, **jsonable(self)}

    @classmethod
    def from_dict(cls, raw: Mapping) -> ActionPlan:
        check_result(raw, "plan", "行动计划", "an action plan")
        body = {k: v for k, v in raw.items() if k not in ("kind", "schema_version")}
        plan = restore(cls, body)
        _check_consistent(plan)
        return plan


def _check_consistent(plan: ActionPlan) -> None:
    """Cross-field rules a stored plan must keep (types are checked by ``restore``)."""
    for key in (plan.stage.current, plan.stage.target):
        check_choice(key, STAGE_ORDER, "数字化阶段", "stage")
    if STAGE_ORDER.index(plan.stage.target) < STAGE_ORDER.index(plan.stage.current):
        raise _lower_target(plan.stage.current, plan.stage.target)
    if plan.horizon_months not in HORIZONS or len(plan.timeline) != plan.horizon_months // 3:
        raise KitError(
            "计划周期与季度数不一致",
            "the plan's horizon does not match its quarters",
            field="timeline",
        )


# --------------------------------------------------------------------------------------------
# Input checks.


@dataclass(frozen=True)
class _Stages:
    rows: dict

    def zh(self, key: str) -> str:
        return self.rows[key]["name_zh"]

    def en(self, key: str) -> str:
        return self.rows[key]["name_en"]


def _stages() -> _Stages:
    return _Stages(stage_rows())


def _lower_target(current: str, target: str) -> KitError:
    names = _stages()
    return KitError(
        f"目标阶段（{names.zh(target)}）低于当前阶段（{names.zh(current)}）；目标应不低于当前阶段",
        f"the target stage ({names.en(target)}) is below the current stage ({names.en(current)}); "
        "the target must be the current stage or higher",
        field="target_stage",
    )


def _check_target(current: str, target: str | None) -> str:
    if target is None:
        index = STAGE_ORDER.index(current)
        return STAGE_ORDER[min(index + 1, len(STAGE_ORDER) - 1)]
    check_choice(target, STAGE_ORDER, "目标阶段", "target stage")
    if STAGE_ORDER.index(target) < STAGE_ORDER.index(current):
        raise _lower_target(current, target)
    return target


def _check_money(revenue: object, share: object, horizon: object) -> tuple[float, float, int]:
    revenue = check_number(
        revenue, "营业收入（万元）", "revenue (10k CNY)", low=0, high=MAX_REVENUE_10K_CNY
    )
    if revenue <= 0:
        raise KitError(
            "营业收入（万元）必须大于 0，预算按营收的百分比计算",
            "revenue (10k CNY) must be above 0: the budget is a percent of revenue",
            field="revenue",
        )
    share = check_number(
        share, "数字化投入占营收比例（%）", "budget share (% of revenue)", low=0, high=100
    )
    if share <= 0:
        raise KitError(
            "数字化投入占营收比例必须大于 0%（例如 1.5 表示 1.5%）",
            "the budget share must be above 0% (e.g. 1.5 means 1.5%)",
            field="budget_share",
        )
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon not in HORIZONS:
        raise KitError(
            f"计划周期应为 3 的倍数的月数（3–24），收到：{horizon!r}",
            f"the horizon must be a whole number of quarters in months (3-24), got {horizon!r}",
            field="horizon_months",
        )
    return revenue, share, horizon


def _expect(value: object, cls: type, what_zh: str, what_en: str, field: str) -> None:
    """A model result object of ``cls``: a dict must be parsed where it enters the kit."""
    if not isinstance(value, cls):
        raise KitError(
            f"{what_zh}应为 {cls.__name__} 对象（保存的结果请先用 smedx.models.registry.parse "
            f"读取），收到：{type(value).__name__}",
            f"{what_en} must be a model result ({cls.__name__}; read a stored result with "
            f"smedx.models.registry.parse first), got {type(value).__name__}",
            field=field,
        )


def _picks(
    scenarios: ScenarioRanking | None,
    vendors: VendorRanking | None,
    genai: GenAIPortfolio | None,
) -> tuple[list[Choice], list[VendorPick], list[Pilot]]:
    """The first scenarios, vendors and pilots of the other tools' results."""
    for value, cls, zh, en, field in (
        (scenarios, ScenarioRanking, "场景排序结果", "the scenario ranking", "scenarios"),
        (vendors, VendorRanking, "服务商比选结果", "the vendor ranking", "vendors"),
        (genai, GenAIPortfolio, "生成式 AI 用例评估结果", "the GenAI portfolio", "genai"),
    ):
        if value is not None:
            _expect(value, cls, zh, en, field)
    choices = [
        Choice(key=s.key, label_zh=s.label_zh, label_en=s.label_en, score=float(s.score))
        for s in (scenarios.ranked if scenarios else ())[:PICKS]
    ]
    vendor_picks = [
        VendorPick(
            name=v.name,
            name_en=v.vendor.name_en,
            fictional=v.vendor.fictional,
            score=float(v.score),
        )
        for v in (vendors.ranked if vendors else ())[:PICKS]
    ]
    pilots = [
        Pilot(
            key=p.key,
            label_zh=p.label_zh,
            label_en=p.label_en,
            value=float(p.value),
            feasibility=float(p.feasibility),
            risk=float(p.risk),
        )
        for p in (genai.shortlist if genai else ())[:PICKS]
    ]
    return choices, vendor_picks, pilots


# --------------------------------------------------------------------------------------------
# Budget, KPIs, external help.


def _doubtful(figure_id: str, key: str, segment_key: str = "") -> bool:
    """True when the dataset notes say the report's own number conflicts with its other data:
    such a number is never shown as a peer figure."""
    match = [
        r for r in figure_rows(figure_id) if (r["key"], r["segment_key"]) == (key, segment_key)
    ]
    notes = str(match[0]["notes"]) if match else ""
    return "mplausible" in notes or "ontradict" in notes


@cache
def _fact(fact_id: str) -> dict:
    return data.fact(fact_id)


def _fact_note(fact_id: str, share: float) -> Note:
    fact = _fact(fact_id)
    ref = float(fact["value"])
    zh_cmp = "高于" if share > ref else "低于" if share < ref else "等于"
    en_cmp = "above" if share > ref else "below" if share < ref else "equal to"
    return Note(
        zh=f"你的投入比例 {share:g}% {zh_cmp} {ref:g}%（{fact['label_zh']}）（数据来源：{REPORT_TITLE_ZH}"
        f"{section_zh(fact['section'])}，原始来源：{fact['source_zh']}）",
        en=f"Your share of {share:g}% is {en_cmp} {ref:g}% ({lower_first(fact['label_en'])}) (Source: "
        f"{REPORT_TITLE_EN}, section {fact['section']}, originally {fact['source_en']})",
        source=f"report:{fact['section']}",
    )


def _budget(revenue: float, share: float, quarters: int) -> Budget:
    # The share is of each year's revenue: a quarter gets a quarter of it, whatever the horizon.
    # Rounding the running total keeps every quarter within a cent of that and the sum exact.
    quarterly = revenue * share / 100.0 / 4
    running = [round(quarterly * k, 2) for k in range(quarters + 1)]
    amount = running[-1]
    per_quarter = [round(running[k + 1] - running[k], 2) for k in range(quarters)]
    band = investment_band(share)
    dist = {key: report_stat(BUDGET_FIGURE, key) for key in INVESTMENT_BANDS}
    keys = list(INVESTMENT_BANDS)
    comparisons = []
    if band is None:
        band_zh, band_en = "高于 7%（报告最高区间之上）", "above 7% (beyond the report's bands)"
        below, same, above = round(sum(s.value for s in dist.values()), 1), None, None
        first = dist[keys[0]]
        comparisons.append(
            Note(
                zh=f"报告调研的投入区间最高为 5%（含）-7%；高于 7% 的企业报告没有数据"
                f"（{cite(first.figure_id, first.n, 'zh')}）",
                en=f"The report's highest spending band is 5% to 7%; it has no data above 7% "
                f"({cite(first.figure_id, first.n, 'en')})",
                source=f"report:{BUDGET_FIGURE}",
            )
        )
    else:
        _low, _high, band_zh, band_en = INVESTMENT_BANDS[band]
        i = keys.index(band)
        below = round(sum(dist[k].value for k in keys[:i]), 1)
        same = dist[band].value
        above = round(sum(dist[k].value for k in keys[i + 1 :]), 1)
        comparisons.append(
            report_note(
                dist[band],
                f"你的投入比例 {share:g}% 属于“{band_zh}”区间：2023 年 {pct(dist[band])} 的中小企业在此"
                f"区间，{below:.1f}% 在更低区间，{above:.1f}% 在更高区间",
                f"Your share of {share:g}% is in the band '{band_en}': in 2023, {pct(dist[band])} "
                f"of SMEs were in this band, {below:.1f}% lower and {above:.1f}% higher",
            )
        )
    comparisons.extend(_fact_note(fact_id, share) for fact_id in REFERENCE_FACTS)
    revenue_band = "gt_100m" if revenue > REVENUE_BAND_LIMIT_10K_CNY else "le_100m"
    segment = [r for r in figure_rows(REVENUE_FIGURE) if r["segment_key"] == revenue_band]
    if segment and not _doubtful(REVENUE_FIGURE, "3_5", revenue_band):
        stat = report_stat(REVENUE_FIGURE, "3_5", revenue_band)
        comparisons.append(
            report_note(
                stat,
                f"{segment[0]['segment_zh']}的中小企业中，{pct(stat)} 的投入占营收 3%-5%",
                f"Among SMEs with {lower_first(segment[0]['segment_en'])}, {pct(stat)} spend 3% "
                "to 5% of revenue",
            )
        )
    return Budget(
        revenue_10k_cny=revenue,
        share_percent=share,
        amount_10k_cny=amount,
        per_quarter_10k_cny=tuple(per_quarter),
        band=band,
        band_zh=band_zh,
        band_en=band_en,
        peers_below=below,
        peers_same=same,
        peers_above=above,
        comparisons=tuple(comparisons),
    )


def _kpis(band: str | None) -> list[KPI]:
    kpis = []
    band_keys = {
        (r["segment_key"], r["key"])
        for r in figure_rows(OUTCOME_FIGURE)
        if r["segment_type"] == "investment_band"
    }
    for category, (metric_zh, metric_en) in KPI_METRICS.items():
        stat = report_stat(OUTCOME_FIGURE, category)
        evidence = [
            report_note(
                stat,
                f"{pct(stat)} 的中小企业通过数字化转型实现了“{stat.label_zh}”",
                f"{pct(stat)} of SMEs report '{lower_first(stat.label_en)}' from digital transformation",
            )
        ]
        if (band, category) in band_keys and not _doubtful(OUTCOME_FIGURE, category, band):
            peer = report_stat(OUTCOME_FIGURE, category, band)
            evidence.append(
                report_note(
                    peer,
                    f"与你投入水平相同（{INVESTMENT_BANDS[band][2]}）的企业中，{pct(peer)} 实现了这一成效",
                    f"Among SMEs at your spending level ({INVESTMENT_BANDS[band][3]}), "
                    f"{pct(peer)} report this outcome",
                )
            )
        elif (band, category) in band_keys:
            evidence.append(
                Note(
                    zh=f"报告中投入水平为“{INVESTMENT_BANDS[band][2]}”的企业在这一成效上的数字与报告"
                    f"其他数据矛盾，此处不引用（{cite(OUTCOME_FIGURE, None, 'zh')}，见数据说明）",
                    en=f"The report's number on this outcome for SMEs spending "
                    f"{INVESTMENT_BANDS[band][3]} conflicts with its other data and is not quoted "
                    f"({cite(OUTCOME_FIGURE, None, 'en')}; see the dataset notes)",
                    source=f"report:{OUTCOME_FIGURE}",
                )
            )
        else:
            level_zh = INVESTMENT_BANDS[band][2] if band else "高于 7%"
            level_en = INVESTMENT_BANDS[band][3] if band else "above 7%"
            evidence.append(
                Note(
                    zh=f"报告没有投入水平为“{level_zh}”的企业在这一成效上的数据（{cite(OUTCOME_FIGURE, None, 'zh')}）",
                    en=f"The report has no data on this outcome for SMEs spending {level_en} "
                    f"({cite(OUTCOME_FIGURE, None, 'en')})",
                    source=f"report:{OUTCOME_FIGURE}",
                )
            )
        kpis.append(
            KPI(
                category=category,
                label_zh=stat.label_zh,
                label_en=stat.label_en,
                metric_zh=metric_zh,
                metric_en=metric_en,
                target_zh=KPI_TARGET[0],
                target_en=KPI_TARGET[1],
                evidence=tuple(evidence),
            )
        )
    return kpis


def _help(stage_target: str, has_vendors: bool, share: float) -> list[HelpItem]:
    recommended = {"training"}
    if not has_vendors:
        recommended.add("solution_recommendation")
    if STAGE_ORDER.index(stage_target) >= STAGE_ORDER.index("digital_foundation"):
        recommended.add("peer_leaders")
    if share >= INVESTMENT_BANDS["3_5"][0]:
        recommended.add("funding")
    items = []
    for row in figure_rows(HELP_FIGURE):
        if row["segment_key"]:
            continue
        key = row["key"]
        stat = report_stat(HELP_FIGURE, key)
        rec_id, where_zh, where_en = HELP_WHERE.get(key, ("", "", ""))
        rec = recommendation(rec_id) if rec_id else None
        if rec is not None:
            where_zh += f"（报告{section_zh(rec['section'])}：{rec['title_zh']}）"
            where_en += f" (report section {rec['section']}: {rec['title_en']})"
        items.append(
            HelpItem(
                key=key,
                label_zh=stat.label_zh,
                label_en=stat.label_en,
                share=stat.value,
                recommended=key in recommended,
                where_zh=where_zh,
                where_en=where_en,
                source=report_note(
                    stat,
                    f"{pct(stat)} 的中小企业需要“{stat.label_zh}”",
                    f"{pct(stat)} of SMEs need '{lower_first(stat.label_en)}'",
                ),
            )
        )
    items.sort(key=lambda h: (-h.share, h.key))
    return items


# --------------------------------------------------------------------------------------------
# Timeline.


def vendor_label(vendor: VendorPick, lang: str = "zh") -> str:
    """A vendor's name, marked as fictional where it is one of the kit's examples."""
    if lang == "en":
        name = vendor.name_en or vendor.name
        flagged = vendor.fictional and "fictional" not in name.lower()
        return name + (" (fictional example)" if flagged else "")
    flagged = vendor.fictional and "虚构" not in vendor.name
    return vendor.name + ("（虚构示例）" if flagged else "")


def _timeline(
    quarters: int,
    budget: Budget,
    stage: StageStep,
    gaps: tuple[Gap, ...],
    scenarios: list[Choice],
    vendors: list[VendorPick],
    pilots: list[Pilot],
    help_items: list[HelpItem],
) -> tuple[list[Quarter], list[PlanGap]]:
    tasks: list[list[Task]] = [[] for _ in range(quarters)]
    work = max(1, quarters - 1)  # the last quarter reviews, unless there is only one

    def add(q: int, kind: str, zh: str, en: str) -> None:
        tasks[min(q, quarters) - 1].append(Task(kind, zh, en))

    add(
        1, "baseline", "按 KPI 清单测量基线，记录当前数值", "measure the KPI baseline and record it"
    )
    for h in (h for h in help_items if h.recommended):
        add(
            1,
            "help",
            f"获取外部帮助：{h.label_zh}——{h.where_zh}",
            f"get external help: {h.label_en}, via {h.where_en}",
        )
    if vendors:
        add(
            1,
            "vendor",
            "在候选服务商中比选并签约：" + "、".join(vendor_label(v, "zh") for v in vendors),
            "compare and contract one of the shortlisted vendors: "
            + ", ".join(vendor_label(v, "en") for v in vendors),
        )
    else:
        add(
            1,
            "vendor",
            "用服务商比选工具形成候选名单",
            "build a vendor shortlist with the vendor tool",
        )
    for i, s in enumerate(scenarios):
        q = 1 if quarters == 1 else min(2 + i, work)
        add(q, "scenario", f"实施投入场景：{s.label_zh}", f"implement the scenario: {s.label_en}")
    for i, p in enumerate(pilots):
        start = min(1 + i, work)
        add(
            start,
            "pilot_start",
            f"启动生成式 AI 试点：{p.label_zh}（先定成效指标与基线）",
            f"start the GenAI pilot: {p.label_en} (define its KPI and baseline first)",
        )
        add(
            min(start + 1, quarters),
            "pilot_review",
            f"评估试点“{p.label_zh}”：达到指标则推广，否则停止",
            f"review the pilot '{p.label_en}': scale it if it met its KPI, otherwise stop it",
        )
    plan_gaps = []
    for gap, q in _schedule(gaps, work):  # prerequisites first within each quarter
        need_zh, need_en = gap.needed_text_zh, gap.needed_text_en
        plan_gaps.append(
            PlanGap(
                item=gap.item,
                label_zh=gap.label_zh,
                label_en=gap.label_en,
                current=gap.current,
                needed=gap.needed,
                needed_text_zh=need_zh,
                needed_text_en=need_en,
                quarter=q,
            )
        )
        if gap.item == INVESTMENT_ITEM:
            add(q, *_investment_task(gap, budget.share_percent))
            continue
        add(
            q,
            "gap",
            f"补齐差距：{gap.label_zh}" + (f"——达到“{need_zh}”" if need_zh else ""),
            f"close the gap: {gap.label_en}" + (f", reaching '{need_en}'" if need_en else ""),
        )
    position = {gap.item: i for i, gap in enumerate(gaps)}
    plan_gaps.sort(key=lambda g: position[g.item])  # listed as the assessment lists them
    add(
        quarters,
        "reassess",
        f"重新自评，检查是否达到{stage.target_zh}",
        f"assess again and check whether the {lower_first(stage.target_en)} is reached",
    )
    add(
        quarters,
        "review",
        "对照 KPI 基线复盘，制定下一年度计划与预算",
        "review the KPIs against the baseline; plan next year's work and budget",
    )
    timeline = [
        Quarter(
            index=q + 1,
            month_from=3 * q + 1,
            month_to=3 * q + 3,
            budget_10k_cny=budget.per_quarter_10k_cny[q],
            tasks=tuple(tasks[q]),
        )
        for q in range(quarters)
    ]
    return timeline, plan_gaps


def _schedule(gaps: tuple[Gap, ...], work: int) -> list[tuple[Gap, int]]:
    """Each gap with its quarter: never before the gaps it builds on (strictly after them while
    quarters remain), otherwise in the least loaded quarter, so the work is spread out."""
    planned = {g.item for g in gaps}

    def needs(item: str) -> set[str]:
        if item.startswith(OUTCOME_PREFIX):  # outcomes follow every other change in the plan
            return {i for i in planned if not i.startswith(OUTCOME_PREFIX)}
        return set(PREREQUISITES.get(item, ())) & planned

    order: list[Gap] = []
    pending = list(gaps)
    while pending:  # prerequisites first; ties keep the assessment's order (gates, then weakest)
        ready = next(g for g in pending if needs(g.item) <= {o.item for o in order})
        order.append(ready)
        pending.remove(ready)
    quarter: dict[str, int] = {}
    load = [0] * (work + 1)
    for gap in order:
        earliest = min(work, 1 + max((quarter[p] for p in needs(gap.item)), default=0))
        q = min(range(earliest, work + 1), key=lambda k: (load[k], k))
        quarter[gap.item] = q
        load[q] += 1
    return [(gap, quarter[gap.item]) for gap in order]


def _investment_task(gap: Gap, share: float) -> tuple[str, str, str]:
    """The investment gap against the plan's own budget: met by it, or a decision to take first."""
    least = INVESTMENT_OPTION_SHARE.get(gap.needed, 0.0)
    if share >= least:
        return (
            "gap",
            f"数字化投入达到“{gap.needed_text_zh}”：本计划预算按营收的 {share:g}% 编制，已满足",
            f"digital investment reaches '{gap.needed_text_en}': this plan's budget "
            f"of {share:g}% of revenue meets it",
        )
    return (
        "budget_decision",
        f"预算与目标不一致：目标阶段需要数字化投入至少占营收 {least:g}%，本计划预算只按 {share:g}% "
        f"编制。先决定：把预算比例提高到 {least:g}% 以上并重新生成计划，或降低目标阶段",
        f"budget and target disagree: the target stage needs digital investment of at least "
        f"{least:g}% of revenue, but this plan is costed at {share:g}%. Decide first: raise the "
        "budget share and build the plan again, or lower the target stage",
    )


# --------------------------------------------------------------------------------------------
# The plan.


def build_plan(
    assessment: Assessment,
    scenarios: ScenarioRanking | None = None,
    vendors: VendorRanking | None = None,
    genai: GenAIPortfolio | None = None,
    *,
    revenue_10k_cny: float,
    budget_share: float,
    target_stage: str | None = None,
    horizon_months: int = 12,
) -> ActionPlan:
    """Combine the other models' results into an action plan (their first three scenarios,
    vendors and pilots; a GenAI portfolio's shortlist may be the learner's own).

    ``revenue_10k_cny`` is annual revenue in 万元; ``budget_share`` the percent of revenue to
    invest (1.5 = 1.5%); ``target_stage`` defaults to the stage after the current one.
    """
    _expect(assessment, Assessment, "评估结果", "the assessment", "assessment")
    current = assessment.stage
    target = _check_target(current, target_stage)
    revenue, share, horizon = _check_money(revenue_10k_cny, budget_share, horizon_months)
    picks, vendor_picks, pilots = _picks(scenarios, vendors, genai)
    names = _stages()
    stage = StageStep(
        current=current,
        current_zh=names.zh(current),
        current_en=names.en(current),
        target=target,
        target_zh=names.zh(target),
        target_en=names.en(target),
        level=assessment.level,
        total=float(assessment.total),
    )
    quarters = horizon // 3
    budget = _budget(revenue, share, quarters)
    help_items = _help(target, bool(vendor_picks), share)
    timeline, plan_gaps = _timeline(
        quarters, budget, stage, assessment.gaps, picks, vendor_picks, pilots, help_items
    )
    plan = ActionPlan(
        profile=assessment.profile,
        horizon_months=horizon,
        stage=stage,
        gaps=tuple(plan_gaps),
        scenarios=tuple(picks),
        vendors=tuple(vendor_picks),
        pilots=tuple(pilots),
        budget=budget,
        kpis=tuple(_kpis(budget.band)),
        external_help=tuple(help_items),
        timeline=tuple(timeline),
        notes=tuple(_notes(stage, picks, vendor_picks, pilots, horizon)),
    )
    try:  # a label with a lone surrogate (a bad "\ud800" escape in an input file) cannot be saved
        _canonical(plan.to_dict()).encode("utf-8")
    except UnicodeEncodeError as err:
        raise KitError(
            "输入中含无效字符（孤立的代理码位），请检查各结果文件中的文字",
            "the inputs hold invalid characters (lone surrogates); check the texts in the result "
            "files",
            field="text",
        ) from err
    return plan


def _notes(stage: StageStep, picks, vendor_picks, pilots, horizon: int) -> list[Note]:
    notes = []
    if stage.target != "not_started":
        stat = report_stat(STAGE_FIGURE, stage.target)
        notes.append(
            report_note(
                stat,
                f"目标阶段：{stage.target_zh}——{pct(stat)} 的中小企业处于该阶段",
                f"Target: the {lower_first(stage.target_en)}; {pct(stat)} of SMEs are at this stage",
            )
        )
    jump = STAGE_ORDER.index(stage.target) - STAGE_ORDER.index(stage.current)
    if jump == 0:
        notes.append(
            Note(
                "目标与当前阶段相同：本计划用于巩固当前阶段",
                "The target is the current stage: this plan consolidates it",
                "kit",
            )
        )
    elif jump > 1:
        notes.append(
            Note(
                f"{horizon} 个月内跨越 {jump} 个阶段非常有挑战：考虑分步设定目标",
                f"Moving up {jump} stages in {horizon} months is very ambitious: consider a "
                "step-by-step target",
                "kit",
            )
        )
    missing = [
        (not picks, "投入场景排序", "scenario ranking"),
        (not vendor_picks, "服务商比选", "vendor comparison"),
        (not pilots, "生成式 AI 试点清单", "GenAI pilot shortlist"),
    ]
    for absent, zh, en in missing:
        if absent:
            notes.append(
                Note(
                    f"本计划未包含{zh}：可先完成对应工具再重新生成计划",
                    f"This plan has no {en}: run that tool and build the plan again",
                    "kit",
                )
            )
    return notes


# --------------------------------------------------------------------------------------------
# Files.


def _canonical(content: Mapping) -> str:
    return json.dumps(
        content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def _digest(content: Mapping) -> str:
    # surrogatepass: a hand-made file with a lone surrogate gets a mismatch, not a crash
    return hashlib.sha256(_canonical(content).encode("utf-8", "surrogatepass")).hexdigest()


def plan_document(plan: ActionPlan) -> dict:
    """The plan as stored: its ``to_dict()`` with a sha256 checksum of that content."""
    if not isinstance(plan, ActionPlan):
        raise KitError("只能保存 ActionPlan 对象", "only an ActionPlan can be saved", field="plan")
    content = plan.to_dict()
    return {**content, "integrity": {"algorithm": HASH_ALGORITHM, "digest": _digest(content)}}


def plan_to_json(plan: ActionPlan) -> str:
    """The plan as a readable JSON document with a sha256 checksum of its content."""
    return json.dumps(plan_document(plan), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def plan_from_json(text: str | bytes) -> ActionPlan:
    """Read a plan file; refuse one that is too big, not JSON, not a plan, from another schema
    version, or whose content no longer matches its checksum (edited or damaged)."""
    return plan_from_document(strict_json.loads(text, MAX_PLAN_BYTES))


def plan_from_document(raw: object) -> ActionPlan:
    """A parsed plan file, checked as :func:`plan_from_json` does after parsing."""
    check_result(raw, "plan", "行动计划", "an action plan")
    integrity = raw.get("integrity")
    if (
        not isinstance(integrity, Mapping)
        or set(integrity) != {"algorithm", "digest"}
        or integrity.get("algorithm") != HASH_ALGORITHM
        or not isinstance(integrity.get("digest"), str)
    ):
        raise KitError(
            "计划文件缺少有效的校验信息（integrity）：它不是本工具保存的，或已被改动",
            "the plan file has no valid checksum ('integrity'): it was not saved by this kit, "
            "or it was edited",
            field="integrity",
        )
    content = {k: v for k, v in raw.items() if k != "integrity"}
    if _digest(content) != integrity["digest"]:
        raise KitError(
            "计划文件的内容与校验和不符：文件在保存后被修改或损坏。请重新生成计划，不要手工编辑文件",
            "the plan file's content does not match its checksum: it was changed or damaged "
            "after saving. Build the plan again instead of editing the file by hand",
            field="integrity",
        )
    return ActionPlan.from_dict(content)
