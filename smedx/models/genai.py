"""GenAI use cases: value x feasibility quadrant, risk, and a pilot shortlist.

The catalogue (``datasets/kit/genai_usecases.csv``) is the kit's own design: every use case is
named in the report (its section and a verbatim phrase are kept, with the kit's English
translation of the phrase in ``source_quote_translation_en``), while its value, data and skill
needs, minimum stage and privacy level are the kit's judgement, each row with its basis. The
scoring rules below are documented in ``docs/methodology/genai-plan.md``.

    >>> from smedx.models.common import CompanyProfile
    >>> folio = prioritise(CompanyProfile(industry="retail"), "local_build",
    ...                    data_readiness="scattered", skills="basic")
    >>> [item.key for item in folio.shortlist]
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, data
from smedx.errors import KitError
from smedx.i18n import Bilingual
from smedx.models.common import (
    INDUSTRIES,
    SCHEMA_VERSION,
    STAGE_ORDER,
    CompanyProfile,
    check_choice,
    check_result,
    cite,
    jsonable,
    lower_first,
    mismatches,
    pct,
    recommendation,
    report_stat,
    restore,
    stage_rows,
)
from smedx.typography import section_zh, sections_zh, space_cjk

CATALOGUE_FILE = "genai_usecases.csv"

# Ordered capability levels; the catalogue's data_needs / skill_needs use the same keys.
DATA_READINESS: dict[str, tuple[int, str, str]] = {
    "none": (0, "几乎没有可用的电子数据", "hardly any usable digital data"),
    "scattered": (
        1,
        "数据分散在表格、邮件和个人电脑中",
        "data scattered in spreadsheets, mail, PCs",
    ),
    "organised": (2, "主要业务数据已集中存放、有人维护", "core business data centralised and kept"),
    "governed": (
        3,
        "有统一的数据平台或知识库及权限管理",
        "a governed data platform / knowledge base",
    ),
}
SKILL_LEVELS: dict[str, tuple[int, str, str]] = {
    "none": (0, "没有人用过 AI 工具", "nobody has used AI tools"),
    "basic": (1, "员工会用通用 AI 助手", "staff use general AI assistants"),
    "advanced": (
        2,
        "有人能写提示词、配置工具并评估结果",
        "someone can prompt, configure, evaluate",
    ),
    "developer": (3, "有能集成接口、做开发的技术人员", "developers who can integrate APIs"),
}
PRIVACY_LEVELS: dict[str, int] = {"low": 0, "medium": 1, "high": 2}

# The report's GenAI challenges (figure 3.3.1.2); the catalogue marks which ones a use case meets.
CHALLENGE_FIGURE = "3.3.1.2"
USAGE_FIGURE = "S3.2.1-genai-use"  # GenAI use shares by area (software development, product R&D)
CHALLENGE_KEYS: tuple[str, ...] = (
    "unclear_benefit",
    "few_applications",
    "unclear_scenarios",
    "weak_targeting",
)
# What a pilot does about each challenge (kit advice).
CHALLENGE_ADVICE: dict[str, tuple[str, str]] = {
    "unclear_benefit": (
        "试点前先定可量化的成效指标和基线",
        "set a measurable KPI and baseline first",
    ),
    "few_applications": ("先试用现成产品，不要自建", "trial an existing product, do not build"),
    "unclear_scenarios": ("写清谁在哪个环节使用", "write down who uses it at which step"),
    "weak_targeting": ("用企业自己的资料做测试集", "test it on the company's own material"),
}

# Report section 3.3.1: data-intensive industries find data security and privacy harder.
DATA_INTENSIVE_INDUSTRIES: tuple[str, ...] = ("healthcare", "finance")

QUADRANTS: dict[str, tuple[str, str]] = {
    "quick_win": ("速赢：高价值、易落地", "Quick win: high value, feasible"),
    "strategic_bet": ("战略投入：高价值、需先补短板", "Strategic bet: high value, gaps to close"),
    "fill_in": ("顺手做：易落地、价值一般", "Fill-in: feasible, modest value"),
    "avoid_for_now": ("暂缓：价值一般、难落地", "Avoid for now: modest value, hard to do"),
}
QUADRANT_ORDER: tuple[str, ...] = tuple(QUADRANTS)

# Scoring parameters (kit design, see the methodology document).
VALUE_PER_POINT = 20  # base value 1..5 -> 20..100
INDUSTRY_BOOST = 20  # one more point where the report ties the use case to the industry
DATA_GAP_PENALTY = 20  # per missing data-readiness level
SKILL_GAP_PENALTY = 20  # per missing skill level
STAGE_GAP_PENALTY = 15  # per stage below the use case's minimum stage
RISK_WEIGHTS = {"privacy": 0.5, "adoption": 0.3, "regulatory": 0.2}
REGULATORY_RISK = {"public_facing": 100.0, "publishes_content": 50.0, "internal": 0.0}
PRIORITY_WEIGHTS = {"value": 0.4, "feasibility": 0.4, "safety": 0.2}  # safety = 100 - risk
QUADRANT_THRESHOLD = 65.0  # on both axes: between the value grid points 60 (base 3) and 80 (base 4)
PILOT_RISK_LIMIT = 70.0  # a first pilot should not carry more risk than this

# External public regulation, NOT from the report (kit content; check the current rules).
REGULATION_SOURCE = "external:生成式人工智能服务管理暂行办法"
FILING_NOTE = (
    "外部法规（非报告内容）：面向境内公众提供生成式 AI 服务，适用《生成式人工智能服务管理暂行办法》"
    "（2023 年 8 月 15 日起施行）；具有舆论属性或者社会动员能力的，须开展安全评估并履行算法备案手续"
    "（第十七条）；调用已备案大模型对外提供服务的，各地网信部门另有登记要求。企业内部使用、"
    "未向公众提供服务的，不适用该办法（第二条）。上线前请核实最新要求，本工具不构成法律意见。",
    "External regulation (not from the report): offering a generative AI service to the public in "
    "China falls under the Interim Measures for the Management of Generative AI Services (in force "
    "since 15 August 2023); services with public-opinion attributes or social-mobilisation "
    "capacity need a security assessment and algorithm filing (Art. 17), and apps that call an "
    "already-filed model are registered with the local cyberspace office. Internal use that offers "
    "no service to the public is outside the Measures (Art. 2). Check the current rules before "
    "launch; this tool is not legal advice.",
)
LABELLING_NOTE = (
    "外部法规（非报告内容）：公开发布 AI 生成的文字、图片、视频时，应按《人工智能生成合成内容标识办法》"
    "（2025 年 9 月 1 日起施行）等规定进行标识，发布前人工审核。请核实最新要求。",
    "External regulation (not from the report): AI-generated text, images or video that are "
    "published must be labelled under the Measures for Labelling AI-Generated Synthetic Content (in "
    "force since 1 September 2025) and related rules; review before publishing. Check the current "
    "rules.",
)


# --------------------------------------------------------------------------------------------
# A bilingual note (report_note builds one on a report value).


@dataclass(frozen=True)
class Note(Bilingual):
    """A learner-facing statement in both languages (shown in one: ``text()``); ``source`` says
    where it comes from: ``report:<figure id or section>``, ``kit`` (the kit's own design) or
    ``external:<name>``."""

    source: str


def report_note(stat: data.Stat, zh: str, en: str) -> Note:
    """A statement built on one report value, with its citation (figure id and N) appended."""
    return Note(
        zh=f"{zh}（{cite(stat.figure_id, stat.n, 'zh')}）",
        en=f"{en} ({cite(stat.figure_id, stat.n, 'en')})",
        source=f"report:{stat.figure_id}",
    )


# --------------------------------------------------------------------------------------------
# The catalogue.


@dataclass(frozen=True)
class UseCase:
    """One row of the kit's GenAI use-case catalogue."""

    key: str
    label_zh: str
    label_en: str
    source_section: str
    source_quote: str
    source_quote_translation_en: str  # the kit's translation, shown with the Chinese original
    usage_stat: str  # "figure_id:key" of a report share for this use area, or ""
    base_value: int
    industry_boost: tuple[str, ...]
    data_needs: str
    skill_needs: str
    min_stage: str
    privacy: str
    public_facing: bool
    publishes_content: bool
    challenges: tuple[str, ...]
    basis_zh: str
    basis_en: str


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _catalogue_error(line: int, zh: str, en: str) -> KitError:
    return KitError(f"{CATALOGUE_FILE} 第 {line} 行：{zh}", f"{CATALOGUE_FILE} line {line}: {en}")


def _parse_row(row: dict, line: int) -> UseCase:
    try:
        base = int(row["base_value"])
    except ValueError:
        base = 0
    if not 1 <= base <= 5:
        raise _catalogue_error(line, "base_value 应为 1–5", "base_value must be 1-5")
    checks = [
        (row["data_needs"], DATA_READINESS),
        (row["skill_needs"], SKILL_LEVELS),
        (row["min_stage"], STAGE_ORDER),
        (row["privacy"], PRIVACY_LEVELS),
        (row["public_facing"], ("true", "false")),
        (row["publishes_content"], ("true", "false")),
    ]
    for value, allowed in checks:
        if value not in allowed:
            raise _catalogue_error(line, f"无效取值 {value!r}", f"invalid value {value!r}")
    for key in _split(row["challenges"]):
        if key not in CHALLENGE_KEYS:
            raise _catalogue_error(line, f"未知挑战 {key!r}", f"unknown challenge {key!r}")
    for key in _split(row["industry_boost"]):
        if key not in INDUSTRIES:
            raise _catalogue_error(line, f"未知行业 {key!r}", f"unknown industry {key!r}")
    if row.get("content_kind") != "kit_design" or not row["key"] or not row["basis_en"]:
        raise _catalogue_error(
            line, "缺少键、依据或 kit_design 标记", "key, basis or label missing"
        )
    if not row.get("source_quote_translation_en"):
        raise _catalogue_error(
            line,
            "缺少报告原文短语的英文译文（source_quote_translation_en）",
            "the English translation of the report's phrase (source_quote_translation_en) is missing",
        )
    return UseCase(
        key=row["key"],
        label_zh=row["label_zh"],
        label_en=row["label_en"],
        source_section=row["source_section"],
        source_quote=row["source_quote"],
        source_quote_translation_en=row["source_quote_translation_en"],
        usage_stat=row["usage_stat"],
        base_value=base,
        industry_boost=_split(row["industry_boost"]),
        data_needs=row["data_needs"],
        skill_needs=row["skill_needs"],
        min_stage=row["min_stage"],
        privacy=row["privacy"],
        public_facing=row["public_facing"] == "true",
        publishes_content=row["publishes_content"] == "true",
        challenges=_split(row["challenges"]),
        basis_zh=row["basis_zh"],
        basis_en=row["basis_en"],
    )


@cache
def use_cases() -> tuple[UseCase, ...]:
    """The catalogue, validated; raises a KitError naming the bad line."""
    path = data.kit_path(CATALOGUE_FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [_parse_row(row, line) for line, row in enumerate(csv.DictReader(fh), start=2)]
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise KitError(f"{CATALOGUE_FILE} 含重复的键", f"{CATALOGUE_FILE} has duplicate keys")
    return tuple(rows)


def use_case(key: str) -> UseCase:
    catalogue = {uc.key: uc for uc in use_cases()}
    return catalogue[check_choice(key, catalogue, "生成式 AI 用例", "GenAI use case")]


@cache
def challenge_stats() -> dict[str, data.Stat]:
    """The report's four GenAI challenges (figure 3.3.1.2, N=404)."""
    return {key: report_stat(CHALLENGE_FIGURE, key) for key in CHALLENGE_KEYS}


# --------------------------------------------------------------------------------------------
# Results.


@dataclass(frozen=True)
class GenAIParts:
    """How the three scores were made, so a learner can recompute them by hand."""

    base_value: int
    industry_boost: bool
    data_gap: int
    skill_gap: int
    stage_gap: int
    privacy_level: str
    privacy_risk: float
    adoption_risk: float
    regulatory_risk: float


@dataclass(frozen=True)
class GenAIItem:
    key: str
    label_zh: str
    label_en: str
    source_section: str
    source_quote: str
    value: float
    feasibility: float
    risk: float
    priority: float
    quadrant: str
    quadrant_zh: str
    quadrant_en: str
    public_facing: bool
    publishes_content: bool
    challenges: tuple[str, ...]
    parts: GenAIParts
    reasons: tuple[Note, ...]


@dataclass(frozen=True)
class GenAIInputs:
    profile: CompanyProfile
    stage: str
    data_readiness: str
    skills: str
    selected: tuple[str, ...] | None
    shortlist_size: int


@dataclass(frozen=True)
class GenAIPortfolio:
    """Every considered use case (highest priority first), the pilot shortlist and notes."""

    inputs: GenAIInputs
    items: tuple[GenAIItem, ...]
    shortlist: tuple[GenAIItem, ...]
    notes: tuple[Note, ...]

    def item(self, key: str) -> GenAIItem:
        for item in self.items:
            if item.key == key:
                return item
        raise KitError(f"组合中没有用例 {key!r}", f"no use case {key!r} in this portfolio")

    def quadrant(self, name: str) -> tuple[GenAIItem, ...]:
        check_choice(name, QUADRANTS, "象限", "quadrant")
        return tuple(item for item in self.items if item.quadrant == name)

    def to_dict(self) -> dict:
        return {"kind": "genai", "schema_version": SCHEMA_VERSION, **jsonable(self)}

    @classmethod
    def from_dict(cls, raw: Mapping) -> GenAIPortfolio:
        check_result(raw, "genai", "生成式 AI 用例评估结果", "a GenAI portfolio")
        body = {k: v for k, v in raw.items() if k not in ("kind", "schema_version")}
        folio = restore(cls, body)
        # A stored result must be what its inputs give today: catches hand edits and results
        # made with another catalogue or dataset.
        given = folio.inputs
        fresh = prioritise(
            given.profile,
            given.stage,
            given.selected,
            data_readiness=given.data_readiness,
            skills=given.skills,
            shortlist_size=given.shortlist_size,
        )
        if mismatches(fresh.to_dict(), raw):
            raise KitError(
                "生成式 AI 结果与按当前数据重新计算的结果不一致：文件可能被改动，或来自其他版本",
                "the GenAI result does not match a recomputation from its inputs: it was edited "
                "or comes from another version",
                field="items",
            )
        return folio


# --------------------------------------------------------------------------------------------
# Scoring.


def quadrant_of(value: float, feasibility: float) -> str:
    high_value = value >= QUADRANT_THRESHOLD
    feasible = feasibility >= QUADRANT_THRESHOLD
    if high_value:
        return "quick_win" if feasible else "strategic_bet"
    return "fill_in" if feasible else "avoid_for_now"


def _parts(uc: UseCase, profile: CompanyProfile, stage: str, readiness: str, skills: str):
    boosted = profile.industry in uc.industry_boost
    value = min(100.0, float(uc.base_value * VALUE_PER_POINT + (INDUSTRY_BOOST if boosted else 0)))
    data_gap = max(0, DATA_READINESS[uc.data_needs][0] - DATA_READINESS[readiness][0])
    skill_gap = max(0, SKILL_LEVELS[uc.skill_needs][0] - SKILL_LEVELS[skills][0])
    stage_gap = max(0, STAGE_ORDER.index(uc.min_stage) - STAGE_ORDER.index(stage))
    feasibility = max(
        0.0,
        100.0
        - DATA_GAP_PENALTY * data_gap
        - SKILL_GAP_PENALTY * skill_gap
        - STAGE_GAP_PENALTY * stage_gap,
    )
    level = PRIVACY_LEVELS[uc.privacy]
    if profile.industry in DATA_INTENSIVE_INDUSTRIES:
        level = min(level + 1, max(PRIVACY_LEVELS.values()))
    privacy_level = next(k for k, v in PRIVACY_LEVELS.items() if v == level)
    privacy_risk = 50.0 * level
    shares = challenge_stats()
    total = sum(s.value for s in shares.values())
    adoption = round(100.0 * sum(shares[c].value for c in uc.challenges) / total, 1)
    if uc.public_facing:
        regulatory = REGULATORY_RISK["public_facing"]
    elif uc.publishes_content:
        regulatory = REGULATORY_RISK["publishes_content"]
    else:
        regulatory = REGULATORY_RISK["internal"]
    parts = GenAIParts(
        base_value=uc.base_value,
        industry_boost=boosted,
        data_gap=data_gap,
        skill_gap=skill_gap,
        stage_gap=stage_gap,
        privacy_level=privacy_level,
        privacy_risk=privacy_risk,
        adoption_risk=adoption,
        regulatory_risk=regulatory,
    )
    risk = round(
        RISK_WEIGHTS["privacy"] * privacy_risk
        + RISK_WEIGHTS["adoption"] * adoption
        + RISK_WEIGHTS["regulatory"] * regulatory,
        1,
    )
    return value, feasibility, risk, parts


def sections_en(sections: str) -> str:
    """Sections as the catalogue lists them ("1.3; 2.1; appendix 1.2") named in English:
    "sections 1.3 and 2.1 and Appendix 1.2"; "5" is chapter 5."""
    parts = [p.strip() for p in sections.split(";") if p.strip()]
    numbered = [p for p in parts if "." in p and p[0].isdigit()]
    names = (
        [f"section{'s' if len(numbered) > 1 else ''} {' and '.join(numbered)}"] if numbered else []
    )
    for part in parts:
        if part.isdigit():
            names.append(f"chapter {part}")
        elif part.startswith("appendix"):
            names.append(f"Appendix {part.removeprefix('appendix').strip()}")
    return " and ".join(names)


def _section_note(uc: UseCase) -> Note:
    return Note(
        zh=space_cjk(
            f"报告{sections_zh(uc.source_section)}提到：“{uc.source_quote}”（{REPORT_TITLE_ZH}）"
        ),
        en=f"Named in {sections_en(uc.source_section)} of the report: "
        f"“{uc.source_quote_translation_en}” (the kit's translation of “{uc.source_quote}”; "
        f"{REPORT_TITLE_EN})",
        source=f"report:{uc.source_section}",
    )


def _reasons(uc: UseCase, item: dict, parts: GenAIParts, profile: CompanyProfile) -> list[Note]:
    zh_q, en_q = QUADRANTS[item["quadrant"]]
    reasons = [
        Note(
            zh=f"{zh_q}（价值 {item['value']:g}，可行性 {item['feasibility']:g}，"
            f"风险 {item['risk']:g}，优先分 {item['priority']:g}）",
            en=f"{en_q} (value {item['value']:g}, feasibility {item['feasibility']:g}, "
            f"risk {item['risk']:g}, priority {item['priority']:g})",
            source="kit",
        ),
        _section_note(uc),
    ]
    if uc.usage_stat:
        figure_id, key = uc.usage_stat.split(":")
        usage = report_stat(figure_id, key)
        reasons.append(
            report_note(
                usage,
                f"{pct(usage)} 的中小企业在{usage.label_zh}中使用生成式 AI（报告未说明基数）",
                f"{pct(usage)} of SMEs use generative AI in {lower_first(usage.label_en)} "
                "(the report does not state the base)",
            )
        )
    else:
        reasons.append(
            Note(
                zh=f"报告只给出生成式 AI 在软件开发和产品研发中的使用比例，没有“{uc.label_zh}”的使用数据"
                f"（{cite(USAGE_FIGURE, None, 'zh')}）",
                en=f"The report gives GenAI use shares only for software development and product "
                f"R&D; it has no data on {lower_first(uc.label_en)} "
                f"({cite(USAGE_FIGURE, None, 'en')})",
                source=f"report:{USAGE_FIGURE}",
            )
        )
    if parts.industry_boost:
        zh_ind, en_ind = INDUSTRIES[profile.industry]
        reasons.append(
            Note(
                zh=f"行业加分：用例目录把此用例列为{zh_ind}的重点，价值 +{INDUSTRY_BOOST}",
                en=f"Industry bonus: the catalogue marks this use case for {en_ind}, value "
                f"+{INDUSTRY_BOOST}",
                source="kit",
            )
        )
    reasons.append(
        Note(
            zh=f"评分依据（课程设计）：{uc.basis_zh}",
            en=f"Basis of the scores (kit design): {uc.basis_en}",
            source="kit",
        )
    )
    gaps_zh, gaps_en = [], []
    if parts.data_gap:
        gaps_zh.append(f"数据需达到“{DATA_READINESS[uc.data_needs][1]}”")
        gaps_en.append(f"data must reach '{DATA_READINESS[uc.data_needs][2]}'")
    if parts.skill_gap:
        gaps_zh.append(f"技能需达到“{SKILL_LEVELS[uc.skill_needs][1]}”")
        gaps_en.append(f"skills must reach '{SKILL_LEVELS[uc.skill_needs][2]}'")
    if parts.stage_gap:
        row = stage_rows()[uc.min_stage]
        gaps_zh.append(f"至少处于{row['name_zh']}")
        gaps_en.append(f"at least the {lower_first(row['name_en'])}")
    if gaps_zh:
        reasons.append(
            Note(
                zh="需先补齐：" + "；".join(gaps_zh),
                en="Gaps to close first: " + "; ".join(gaps_en),
                source="kit",
            )
        )
    for key in uc.challenges:
        stat = challenge_stats()[key]
        advice_zh, advice_en = CHALLENGE_ADVICE[key]
        reasons.append(
            report_note(
                stat,
                f"{pct(stat)} 的中小企业认为生成式 AI“{stat.label_zh}”——{advice_zh}",
                f"{pct(stat)} of SMEs see '{lower_first(stat.label_en)}' in GenAI: {advice_en}",
            )
        )
    if parts.privacy_level == "high":
        reasons.append(
            Note(
                zh="隐私敏感度高：优先本地部署或签订数据处理协议，勿上传客户个人信息",
                en="High privacy sensitivity: prefer local deployment or a data-processing "
                "agreement; do not upload customers' personal data",
                source="kit",
            )
        )
    if uc.public_facing:
        reasons.append(Note(*FILING_NOTE, source=REGULATION_SOURCE))
    elif uc.publishes_content:
        reasons.append(Note(*LABELLING_NOTE, source="external:人工智能生成合成内容标识办法"))
    return reasons


def _portfolio_notes(items: list[GenAIItem], shortlist: list[GenAIItem], size: int) -> list[Note]:
    aware = report_stat("S3.2.1-genai", "aware")
    frequent = report_stat("S3.2.1-genai", "frequent_use")
    rec = recommendation("sme_3")
    notes = [
        report_note(
            aware,
            f"认知与使用的落差：{pct(aware)} 的中小企业对生成式 AI 有所了解，但只有 {pct(frequent)} "
            "在工作中经常使用——从少数可衡量的试点起步",
            f"The awareness-use gap: {pct(aware)} of SMEs know about generative AI but only "
            f"{pct(frequent)} use it often at work; start with a few measurable pilots",
        ),
        Note(
            zh=f"报告{section_zh(rec['section'])}建议：{rec['title_zh']}——试点先从企业内部用例开始",
            en=f"Section {rec['section']} of the report recommends: {rec['title_en']}; so pilots "
            "start with internal use cases",
            source=f"report:{rec['section']}",
        ),
    ]
    risky = [
        i for i in items if i.quadrant in ("quick_win", "fill_in") and i.risk >= PILOT_RISK_LIMIT
    ]
    if risky:
        names_zh = "、".join(i.label_zh for i in risky)
        names_en = ", ".join(i.label_en for i in risky)
        notes.append(
            Note(
                zh=f"可行但风险达到 {PILOT_RISK_LIMIT:g} 分以上，暂不作为首批试点：{names_zh}"
                "（先完成隐私与合规准备）",
                en=f"Feasible but risk {PILOT_RISK_LIMIT:g} or more, so not a first pilot: "
                f"{names_en} (prepare privacy and compliance first)",
                source="kit",
            )
        )
    if len(shortlist) < size:
        notes.append(
            Note(
                zh=f"只有 {len(shortlist)} 个用例满足试点条件（可行性 ≥ {QUADRANT_THRESHOLD:g} 且风险 "
                f"< {PILOT_RISK_LIMIT:g}）；请先补齐“战略投入”类用例的数据与技能短板",
                en=f"Only {len(shortlist)} use cases meet the pilot conditions (feasibility ≥ "
                f"{QUADRANT_THRESHOLD:g}, risk < {PILOT_RISK_LIMIT:g}); close the data and skill "
                "gaps of the strategic bets first",
                source="kit",
            )
        )
    if any(i.public_facing for i in items):
        notes.append(Note(*FILING_NOTE, source=REGULATION_SOURCE))
    return notes


def _check_selected(selected: Sequence[str] | None) -> tuple[str, ...] | None:
    if selected is None:
        return None
    if isinstance(selected, (str, bytes)) or not isinstance(selected, Sequence):
        raise KitError(
            "selected 应为用例键的列表，例如 ['meeting_minutes', 'marketing_copy']",
            "selected must be a list of use-case keys, e.g. ['meeting_minutes', 'marketing_copy']",
            field="selected",
        )
    if not selected:
        raise KitError(
            "至少选择一个生成式 AI 用例（或不传 selected 以评估全部用例）",
            "select at least one GenAI use case (or omit selected to assess them all)",
            field="selected",
        )
    catalogue = [uc.key for uc in use_cases()]
    for key in selected:
        check_choice(key, catalogue, "生成式 AI 用例", "GenAI use case")
    if len(set(selected)) != len(selected):
        raise KitError(
            "所选用例有重复", "the selected use cases contain duplicates", field="selected"
        )
    return tuple(selected)


def prioritise(
    profile: CompanyProfile,
    stage: str,
    selected: Sequence[str] | None = None,
    *,
    data_readiness: str = "scattered",
    skills: str = "basic",
    shortlist_size: int = 3,
) -> GenAIPortfolio:
    """Score GenAI use cases for one company and pick the first pilots.

    ``stage`` is the company's stage (from the assessment); ``data_readiness`` and ``skills`` are
    levels of :data:`DATA_READINESS` / :data:`SKILL_LEVELS`; ``selected`` limits the catalogue to
    the listed keys (default: all). Returns a :class:`GenAIPortfolio`.
    """
    if isinstance(profile, Mapping):
        profile = CompanyProfile.from_dict(profile)
    if not isinstance(profile, CompanyProfile):
        raise KitError(
            "企业信息必须是 CompanyProfile 或一个对象",
            "profile must be a CompanyProfile or a mapping",
            field="profile",
        )
    check_choice(stage, STAGE_ORDER, "数字化阶段", "stage")
    check_choice(data_readiness, DATA_READINESS, "数据准备度", "data readiness")
    check_choice(skills, SKILL_LEVELS, "AI 技能水平", "skills level")
    if (
        isinstance(shortlist_size, bool)
        or not isinstance(shortlist_size, int)
        or not (1 <= shortlist_size <= 10)
    ):
        raise KitError(
            f"试点数量应为 1–10 的整数，收到：{shortlist_size!r}",
            f"shortlist size must be an integer from 1 to 10, got {shortlist_size!r}",
            field="shortlist_size",
        )
    chosen = _check_selected(selected)
    catalogue = [uc for uc in use_cases() if chosen is None or uc.key in chosen]

    items = []
    for uc in catalogue:
        value, feasibility, risk, parts = _parts(uc, profile, stage, data_readiness, skills)
        priority = round(
            PRIORITY_WEIGHTS["value"] * value
            + PRIORITY_WEIGHTS["feasibility"] * feasibility
            + PRIORITY_WEIGHTS["safety"] * (100.0 - risk),
            1,
        )
        quadrant = quadrant_of(value, feasibility)
        head = {
            "value": value,
            "feasibility": feasibility,
            "risk": risk,
            "priority": priority,
            "quadrant": quadrant,
        }
        items.append(
            GenAIItem(
                key=uc.key,
                label_zh=uc.label_zh,
                label_en=uc.label_en,
                source_section=uc.source_section,
                source_quote=uc.source_quote,
                value=value,
                feasibility=feasibility,
                risk=risk,
                priority=priority,
                quadrant=quadrant,
                quadrant_zh=QUADRANTS[quadrant][0],
                quadrant_en=QUADRANTS[quadrant][1],
                public_facing=uc.public_facing,
                publishes_content=uc.publishes_content,
                challenges=uc.challenges,
                parts=parts,
                reasons=tuple(_reasons(uc, head, parts, profile)),
            )
        )
    items.sort(key=lambda i: (-i.priority, i.key))
    candidates = [
        i for i in items if i.quadrant in ("quick_win", "fill_in") and i.risk < PILOT_RISK_LIMIT
    ]
    candidates.sort(key=lambda i: (QUADRANT_ORDER.index(i.quadrant), -i.priority, i.key))
    shortlist = candidates[:shortlist_size]
    inputs = GenAIInputs(
        profile=profile,
        stage=stage,
        data_readiness=data_readiness,
        skills=skills,
        selected=chosen,
        shortlist_size=shortlist_size,
    )
    return GenAIPortfolio(
        inputs=inputs,
        items=tuple(items),
        shortlist=tuple(shortlist),
        notes=tuple(_portfolio_notes(items, shortlist, shortlist_size)),
    )
