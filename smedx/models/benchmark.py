"""Peer benchmark: where a company stands against the report's survey, statement by statement.

Every statement carries its figure id and N and the values it rests on; where the report has no
number for the company's segment, the statement says so (``has_data=False``) instead of guessing.
Numbers come only from :mod:`smedx.data`; the two plausibility checks below (a segment's share
must be possible with the number of firms in it; a whole sample's share must lie between its two
halves) are computed from the same data, so the course can teach critical reading with them.

    >>> from smedx.models.benchmark import benchmark
    >>> b = benchmark("local_build")
    >>> [s.topic for s in b.statements][:1]
    ['stage_distribution']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, data
from smedx.errors import KitError
from smedx.models.assessment import Assessment, questionnaire, stage_label
from smedx.models.common import (
    ENTERPRISE_TYPES,
    INDUSTRIES,
    INVESTMENT_BANDS,
    SCHEMA_VERSION,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
    check_choice,
    check_result,
    jsonable,
    mismatches,
)
from smedx.typography import section_zh

KIND = "benchmark"
# Figures and fact topic used here (stable ids of the dataset contract).
FIG_STAGES = "2.2.2"
FIG_BY_SIZE = "2.2.3"
FIG_INVESTMENT = "2.1.1"
FIG_BY_INDUSTRY = "2.1.3"
FIG_OUTCOMES = "2.3.1"
FIG_TYPE_INVESTMENT = "2.4.1"
FIG_TYPE_STAGES = "2.4.2"
FIG_TYPE_OUTCOMES = "S2.4-outcomes-by-type"
FACT_TOPIC_REFERENCE = "investment_reference"
ROUNDING = 0.05  # the report prints one decimal


@dataclass(frozen=True)
class Caveat:
    zh: str
    en: str


@dataclass(frozen=True)
class Statement:
    """One benchmark sentence with the numbers and the source behind it."""

    topic: str
    has_data: bool
    text_zh: str
    text_en: str
    figure_id: str  # "" when it rests on facts.csv or on a section without a figure
    n: int | None
    values: dict[str, float]
    missing: tuple[str, ...]
    source_zh: str
    source_en: str
    caveats: tuple[Caveat, ...] = ()


@dataclass(frozen=True)
class Benchmark:
    stage: str
    stage_label_zh: str
    stage_label_en: str
    profile: CompanyProfile | None
    investment_share: float | None
    investment_band: str | None
    investment_source: str | None  # "profile", "answers" or None
    statements: tuple[Statement, ...]
    kind: str = field(default=KIND, init=False)

    def statement(self, topic: str) -> Statement:
        for s in self.statements:
            if s.topic == topic:
                return s
        raise KitError(
            f"没有主题为 {topic!r} 的对标结论；可用：{', '.join(s.topic for s in self.statements)}",
            f"no statement on {topic!r}; available: {', '.join(s.topic for s in self.statements)}",
            field="topic",
        )

    def to_dict(self) -> dict:
        out = jsonable(self)
        out["schema_version"] = SCHEMA_VERSION
        out["profile"] = None if self.profile is None else self.profile.to_dict()
        return out

    @classmethod
    def from_dict(cls, raw: Mapping) -> Benchmark:
        """Rebuild from ``to_dict()``; an edited result or one from another version is refused."""
        check_result(raw, KIND, "对标结果", "a benchmark")
        stage = check_choice(raw.get("stage"), STAGE_ORDER, "阶段", "stage")
        profile_raw = raw.get("profile")
        profile = None if profile_raw is None else CompanyProfile.from_dict(profile_raw)
        answered = None
        if raw.get("investment_source") == "answers":
            answered = check_choice(
                raw.get("investment_band"), INVESTMENT_BANDS, "投入区间", "investment band"
            )
        again = _build(stage, profile, answered)
        changed = mismatches(again.to_dict(), raw)
        if changed:
            raise KitError(
                f"对标结果与其输入不一致（被修改过或来自其他版本）：{', '.join(changed)}",
                f"benchmark does not match its inputs (edited, or from another version): "
                f"{', '.join(changed)}",
                field=changed[0],
            )
        return again


# ---------------------------------------------------------------------------------------------
# Small helpers over smedx.data
# ---------------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _vs(whole: Mapping[str, data.Stat], key: str, lang: str) -> str:
    """'(whole sample 21.6%)' when the whole sample has the key, else nothing."""
    if key not in whole:
        return ""
    value = _pct(whole[key].value)
    return f"（全样本 {value}）" if lang == "zh" else f" (whole sample {value})"


def _rows(figure_id: str, segment_key: str = "") -> dict[str, data.Stat]:
    """The values of one figure for one segment ("" = whole sample), keyed by option key."""
    return dict(_rows_cached(figure_id, segment_key))


@cache
def _rows_cached(figure_id: str, segment_key: str) -> tuple[tuple[str, data.Stat], ...]:
    # One pass over the figure's rows (data.stat per key would filter the table each time);
    # the dataset does not change while the kit runs, so the result is cached.
    frame = data.figure(figure_id)
    rows = frame[frame["segment_key"] == segment_key]
    return tuple(
        (
            row["key"],
            data.Stat(
                figure_id=str(figure_id),
                key=row["key"],
                value=float(row["value"]),
                n=None if pd.isna(row["n"]) else int(row["n"]),
                label_zh=row["label_zh"],
                label_en=row["label_en"],
                section=row["section"],
                quote=row["quote"],
                segment_key=segment_key,
            ),
        )
        for row in rows.to_dict("records")
    )


@cache
def _caption_n(figure_id: str) -> int | None:
    n = data.figure_info(figure_id)["n"]
    return None if pd.isna(n) else int(n)


@cache
def _source(figure_id: str) -> tuple[str, str]:
    return data.source_line(figure_id), data.source_line(figure_id, lang="en")


def _section_source(section: str, via_zh: str = "", via_en: str = "") -> tuple[str, str]:
    zh = f"数据来源：{REPORT_TITLE_ZH}{section_zh(section)}" + (
        f"（引自{via_zh}）" if via_zh else ""
    )
    en = f"Source: {REPORT_TITLE_EN}, section {section}" + (f" (citing {via_en})" if via_en else "")
    return zh, en


def _segment_n_note(stats: Mapping[str, data.Stat]) -> tuple[str, str]:
    if stats and all(s.n is None for s in stats.values()):
        return (
            "（报告未给出该细分群体的样本量，N 为图表标注的总样本）",
            " (the report does not state this segment's base; N is the chart's caption)",
        )
    return "", ""


def _stage_zh(stage: str) -> str:
    return stage_label(stage)


def _stage_en(stage: str) -> str:
    return stage_label(stage, "en")


def _granularity_caveat(value: float, band: str) -> Caveat | None:
    """A share of a band must be j/k of the k firms in it (k from figure 2.1.1 and its N)."""
    sample = _rows(FIG_INVESTMENT)
    if band not in sample or sample[band].n is None:
        return None
    firms = round(sample[band].value * sample[band].n / 100)
    possible = firms > 0 and any(abs(100 * j / firms - value) <= ROUNDING for j in range(firms + 1))
    if possible:
        return None
    zh_band, en_band = INVESTMENT_BANDS[band][2], INVESTMENT_BANDS[band][3]
    return Caveat(
        f"请谨慎解读：按图 {FIG_INVESTMENT}，投入 {zh_band} 的企业约占 N={sample[band].n} 的 "
        f"{_pct(sample[band].value)}，即约 {firms} 家；{firms} 家企业中不可能出现 {_pct(value)} "
        "这样的比例。",
        f"Read with care: by figure {FIG_INVESTMENT}, firms spending {en_band} are "
        f"{_pct(sample[band].value)} of N={sample[band].n}, about {firms} firms; {_pct(value)} is "
        f"not a possible share of {firms} firms.",
    )


def _between_caveat(
    key_zh: str, key_en: str, whole: float, first: float, second: float, whole_fig: str
) -> Caveat | None:
    """A whole sample's share must lie between the shares of the two groups it consists of."""
    low, high = min(first, second), max(first, second)
    if low - ROUNDING <= whole <= high + ROUNDING:
        return None
    return Caveat(
        f"请谨慎解读：两类企业“{key_zh}”的比例（{_pct(first)}、{_pct(second)}）都"
        f"{'高于' if whole < low else '低于'}全样本的 {_pct(whole)}（图 {whole_fig}）；"
        "全样本由这两类企业组成，这在算术上不可能。",
        f"Read with care: both groups' shares for '{key_en}' ({_pct(first)}, {_pct(second)}) are "
        f"{'above' if whole < low else 'below'} the whole sample's {_pct(whole)} (figure "
        f"{whole_fig}); the sample consists of these two groups, so this is arithmetically "
        "impossible.",
    )


def _fig(
    topic: str,
    figure_id: str,
    zh: str,
    en: str,
    values: Mapping[str, float] | None = None,
    missing: tuple[str, ...] = (),
    caveats: tuple[Caveat, ...] = (),
) -> Statement:
    """A statement about one figure: N from its caption, source line from the data package."""
    values = dict(values or {})
    return Statement(
        topic,
        bool(values),
        zh,
        en,
        figure_id,
        _caption_n(figure_id),
        values,
        tuple(missing),
        *_source(figure_id),
        tuple(caveats),
    )


def _no_input(topic: str, what_zh: str, what_en: str, figure_id: str) -> Statement:
    return _fig(
        topic,
        figure_id,
        f"未提供{what_zh}，无法与图 {figure_id} 对标。",
        f"No {what_en} given, so no comparison with figure {figure_id}.",
    )


# ---------------------------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------------------------


def _stage_distribution(stage: str) -> Statement:
    stats = _rows(FIG_STAGES)
    missing = tuple(s for s in STAGE_ORDER if s not in stats)
    if stage not in stats:
        return _fig(
            "stage_distribution",
            FIG_STAGES,
            f"图 {FIG_STAGES} 中没有“{_stage_zh(stage)}”的比例。",
            f"Figure {FIG_STAGES} has no share for '{_stage_en(stage)}'.",
            missing=missing,
        )
    idx = STAGE_ORDER.index(stage)
    lower = round(sum(v.value for k, v in stats.items() if STAGE_ORDER.index(k) < idx), 1)
    higher = round(sum(v.value for k, v in stats.items() if STAGE_ORDER.index(k) > idx), 1)
    same, n = stats[stage].value, stats[stage].n
    return _fig(
        "stage_distribution",
        FIG_STAGES,
        f"在报告调查的 {n} 家中小企业中，{_pct(same)} 与你同处“{_stage_zh(stage)}”，"
        f"{_pct(lower)} 处于更早的阶段，{_pct(higher)} 处于更高的阶段。",
        f"Of the {n} SMEs surveyed, {_pct(same)} are at your stage ('{_stage_en(stage)}'), "
        f"{_pct(lower)} at an earlier stage and {_pct(higher)} at a later one.",
        {"lower": lower, "same": same, "higher": higher},
        missing,
    )


def _size_band(stage: str, size_band: str | None) -> Statement:
    if size_band is None:
        return _no_input("size_band", "企业规模（人数）", "size band (employees)", FIG_BY_SIZE)
    stats = _rows(FIG_BY_SIZE, size_band)
    band_zh, band_en = SIZE_BANDS[size_band]
    missing = tuple(s for s in STAGE_ORDER if s not in stats)
    if not stats:
        return _fig(
            "size_band",
            FIG_BY_SIZE,
            f"报告没有给出{band_zh}企业的阶段分布数值。",
            f"The report gives no stage shares for firms with {band_en.lower()}.",
            missing=missing,
        )
    whole = _rows(FIG_STAGES)
    given_zh = "，".join(
        f"{_stage_zh(k)} {_pct(s.value)}" + _vs(whole, k, "zh") for k, s in stats.items()
    )
    given_en = ", ".join(
        f"{_stage_en(k)} {_pct(s.value)}" + _vs(whole, k, "en") for k, s in stats.items()
    )
    if stage in stats:
        own_zh = f"与你同阶段的比例为 {_pct(stats[stage].value)}。"
        own_en = f"The share at your stage is {_pct(stats[stage].value)}."
    else:
        own_zh = f"报告没有给出该规模段处于“{_stage_zh(stage)}”的比例。"
        own_en = f"The report gives no share for '{_stage_en(stage)}' in this size band."
    note_zh, note_en = _segment_n_note(stats)
    return _fig(
        "size_band",
        FIG_BY_SIZE,
        f"{band_zh}的企业：报告只给出了 {given_zh}；未给出："
        f"{'、'.join(_stage_zh(s) for s in missing)}。{own_zh}{note_zh}",
        f"Firms with {band_en.lower()}: the report gives only {given_en}; not given: "
        f"{', '.join(_stage_en(s) for s in missing)}. {own_en}{note_en}",
        {k: s.value for k, s in stats.items()},
        missing,
    )


def _industry(industry: str | None) -> list[Statement]:
    if industry is None:
        return [_no_input("industry_investment", "行业", "industry", FIG_BY_INDUSTRY)]
    ind_zh, ind_en = INDUSTRIES[industry]
    stats = _rows(FIG_BY_INDUSTRY, industry)
    if stats:
        note_zh, note_en = _segment_n_note(stats)
        first = _fig(
            "industry_investment",
            FIG_BY_INDUSTRY,
            f"{ind_zh}（报告的 Top10 行业之一）："
            + "，".join(f"投入占营收 {s.label_zh} 的企业占 {_pct(s.value)}" for s in stats.values())
            + f"。{note_zh}",
            f"{ind_en} (one of the report's top-10 industries): "
            + ", ".join(f"{_pct(s.value)} spend {s.label_en.lower()}" for s in stats.values())
            + f".{note_en}",
            {k: s.value for k, s in stats.items()},
        )
    else:
        first = _fig(
            "industry_investment",
            FIG_BY_INDUSTRY,
            f"报告没有给出{ind_zh}的投入数据（图 {FIG_BY_INDUSTRY} 只列出 Top10 行业）。",
            f"The report gives no spending data for {ind_en} (figure {FIG_BY_INDUSTRY} lists its "
            "top-10 industries only).",
        )
    out = [first]
    if data.figure(FIG_STAGES, segment_type="industry").empty:
        out.append(
            Statement(
                "industry_stage",
                False,
                f"报告没有按行业给出阶段分布数值（2.2 节对行业只作定性描述），无法对标{ind_zh}的阶段。",
                "The report gives no stage shares by industry (section 2.2 describes industries "
                f"only qualitatively), so {ind_en} cannot be compared by stage.",
                "",
                None,
                {},
                (),
                *_section_source("2.2"),
            )
        )
    return out


def _investment_distribution(
    band: str | None, share: float | None, source: str | None
) -> Statement:
    if band is None and share is None:
        return _no_input(
            "investment_distribution", "数字化投入占营收的比例", "investment share", FIG_INVESTMENT
        )
    stats = _rows(FIG_INVESTMENT)
    order = list(INVESTMENT_BANDS)
    if source == "answers":
        you_zh = f"你的数字化投入约占营收 {INVESTMENT_BANDS[band][2]}（来自问卷中投入题的答案）"
        you_en = f"You invest about {INVESTMENT_BANDS[band][3]} of revenue (questionnaire answer)"
    else:
        you_zh = f"你的数字化投入占营收 {share:g}%" + (
            f"（{INVESTMENT_BANDS[band][2]}）" if band else ""
        )
        you_en = f"You invest {share:g}% of revenue" + (
            f" ({INVESTMENT_BANDS[band][3]})" if band else ""
        )
    if band is None:  # above the report's top band
        top = INVESTMENT_BANDS[order[-1]]
        lower = round(sum(s.value for s in stats.values()), 1)
        return _fig(
            "investment_distribution",
            FIG_INVESTMENT,
            f"{you_zh}，高于报告 2023 年分布中最高的区间（{top[2]}）：{_pct(lower)} 的被调查企业低于你。",
            f"{you_en}, above the report's top 2023 band ({top[3]}): {_pct(lower)} of the "
            "surveyed firms invest less.",
            {"lower": lower, "same": 0.0, "higher": 0.0},
        )
    missing = tuple(b for b in order if b not in stats)
    if band not in stats:
        return _fig(
            "investment_distribution",
            FIG_INVESTMENT,
            f"图 {FIG_INVESTMENT} 中没有 {INVESTMENT_BANDS[band][2]} 区间的比例。",
            f"Figure {FIG_INVESTMENT} has no share for the band {INVESTMENT_BANDS[band][3]}.",
            missing=missing,
        )
    idx = order.index(band)
    lower = round(sum(stats[b].value for b in order[:idx] if b in stats), 1)
    higher = round(sum(stats[b].value for b in order[idx + 1 :] if b in stats), 1)
    same = stats[band].value
    return _fig(
        "investment_distribution",
        FIG_INVESTMENT,
        f"{you_zh}。2023 年被调查企业中，{_pct(same)} 与你在同一区间，{_pct(lower)} 低于该区间，"
        f"{_pct(higher)} 高于该区间。",
        f"{you_en}. In 2023, {_pct(same)} of the surveyed firms were in the same band, "
        f"{_pct(lower)} below it and {_pct(higher)} above it.",
        {"lower": lower, "same": same, "higher": higher},
        missing,
    )


def _investment_reference(band: str | None, share: float | None) -> Statement:
    facts = data.facts()
    refs = facts[facts["topic"] == FACT_TOPIC_REFERENCE].sort_values("value")
    if refs.empty:
        return Statement(
            "investment_reference",
            False,
            "数据集中没有找到 2.1 节的投入参考点，无法比较。",
            "The dataset holds no investment reference points of section 2.1, so no comparison.",
            "",
            None,
            {},
            (),
            *_section_source("2.1"),
        )
    values = {r.fact_id: float(r.value) for r in refs.itertuples()}
    source = _section_source("2.1", refs.iloc[0]["source_zh"], refs.iloc[0]["source_en"])
    if band is None and share is None:
        return Statement(
            "investment_reference",
            False,
            "未提供投入比例，无法与参考点比较。参考点："
            + "；".join(f"{r.label_zh} {r.value:g}%" for r in refs.itertuples())
            + "。",
            "No investment share given, so no comparison with the reference points: "
            + "; ".join(f"{r.label_en} {r.value:g}%" for r in refs.itertuples())
            + ".",
            "",
            None,
            values,
            (),
            *source,
        )
    low, high = (share, share) if share is not None else INVESTMENT_BANDS[band][:2]
    parts_zh, parts_en = [], []
    for r in refs.itertuples():
        ref = float(r.value)
        if low > ref or (share is None and low >= ref):
            zh, en = "高于", "above"
        elif high < ref or (share is None and high <= ref):
            zh, en = "低于", "below"
        elif share is not None:
            zh, en = "等于", "equal to"
        else:  # a band that contains the reference point: no verdict
            zh, en = "所在区间包含", "in a band that contains"
        parts_zh.append(f"{zh}{r.label_zh}（{r.value:g}%）")
        parts_en.append(f"{en} the {r.label_en[:1].lower()}{r.label_en[1:]} ({r.value:g}%)")
    you_zh = f"{share:g}%" if share is not None else INVESTMENT_BANDS[band][2]
    you_en = f"{share:g}%" if share is not None else INVESTMENT_BANDS[band][3]
    return Statement(
        "investment_reference",
        True,
        f"你的投入占比（{you_zh}）：" + "；".join(parts_zh) + "。这些参考点不是本次调查的数据。",
        f"Your investment share ({you_en}) is "
        + "; ".join(parts_en)
        + ". These reference points are not data of this survey.",
        "",
        None,
        values,
        (),
        *source,
    )


def _outcomes(band: str | None) -> list[Statement]:
    whole = _rows(FIG_OUTCOMES)
    out = [
        _fig(
            "outcomes_overall",
            FIG_OUTCOMES,
            "全部被调查企业报告的转型成效："
            + "，".join(f"{s.label_zh} {_pct(s.value)}" for s in whole.values())
            + "。",
            "Outcomes reported by all surveyed firms: "
            + ", ".join(f"{s.label_en.lower()} {_pct(s.value)}" for s in whole.values())
            + ".",
            {k: s.value for k, s in whole.items()},
        )
    ]
    if band is None:
        return [
            *out,
            _no_input("outcomes_by_investment", "投入区间", "investment band", FIG_OUTCOMES),
        ]
    stats = _rows(FIG_OUTCOMES, band)
    band_zh, band_en = INVESTMENT_BANDS[band][2], INVESTMENT_BANDS[band][3]
    missing = tuple(k for k in whole if k not in stats)
    if not stats:
        return [
            *out,
            _fig(
                "outcomes_by_investment",
                FIG_OUTCOMES,
                f"报告没有给出投入占营收 {band_zh} 的企业的成效数据；只能参考全样本。",
                f"The report gives no outcome data for firms spending {band_en} of revenue; only "
                "the whole sample is available.",
                missing=missing,
            ),
        ]
    given_zh = "，".join(
        f"{s.label_zh} {_pct(s.value)}" + _vs(whole, k, "zh") for k, s in stats.items()
    )
    given_en = ", ".join(
        f"{s.label_en.lower()} {_pct(s.value)}" + _vs(whole, k, "en") for k, s in stats.items()
    )
    note_zh, note_en = _segment_n_note(stats)
    caveats = tuple(c for c in (_granularity_caveat(s.value, band) for s in stats.values()) if c)
    return [
        *out,
        _fig(
            "outcomes_by_investment",
            FIG_OUTCOMES,
            f"投入占营收 {band_zh} 的企业报告：{given_zh}；报告未给出该区间的："
            f"{'、'.join(whole[k].label_zh for k in missing) or '无'}。{note_zh}",
            f"Firms spending {band_en} of revenue report: {given_en}; not given for this band: "
            f"{', '.join(whole[k].label_en.lower() for k in missing) or 'none'}.{note_en}",
            {k: s.value for k, s in stats.items()},
            missing,
            caveats,
        ),
    ]


def _compare_types(keys, mine, theirs, label, other_label: str, lang: str) -> str:
    """'label 13.8% (other 12.1%), …' in one language."""
    parts = []
    for k in keys:
        text = f"{label(k)} {_pct(mine[k].value)}"
        if k in theirs:
            other = f"{other_label} {_pct(theirs[k].value)}"
            text += f"（{other}）" if lang == "zh" else f" ({other})"
        parts.append(text)
    return ("，" if lang == "zh" else ", ").join(parts)


def _type_caveats(keys, mine, theirs, whole, label_zh, label_en, whole_fig) -> tuple[Caveat, ...]:
    found = (
        _between_caveat(
            label_zh(k), label_en(k), whole[k].value, mine[k].value, theirs[k].value, whole_fig
        )
        for k in keys
        if k in theirs and k in whole
    )
    return tuple(c for c in found if c)


def _enterprise_type(stage: str, etype: str | None) -> list[Statement]:
    if etype is None:
        return [
            _no_input(
                "enterprise_type",
                "企业类型（是否专精特新梯队企业）",
                "enterprise type (SRDI tier or not)",
                FIG_TYPE_STAGES,
            )
        ]
    other = next(k for k in ENTERPRISE_TYPES if k != etype)
    you_zh, you_en = ENTERPRISE_TYPES[etype]
    oth_zh, oth_en = ENTERPRISE_TYPES[other]
    out = []

    def both(mine, theirs):
        return {
            f"{seg}.{k}": v.value
            for seg, rows in ((etype, mine), (other, theirs))
            for k, v in rows.items()
        }

    # Stages by type (figure 2.4.2) against the whole sample (figure 2.2.2)
    mine, theirs, whole = (
        _rows(FIG_TYPE_STAGES, etype),
        _rows(FIG_TYPE_STAGES, other),
        _rows(FIG_STAGES),
    )
    missing = tuple(s for s in STAGE_ORDER if s not in mine)
    if mine:
        keys = [k for k in STAGE_ORDER if k in mine]
        cmp_zh = _compare_types(keys, mine, theirs, _stage_zh, oth_zh, "zh")
        cmp_en = _compare_types(keys, mine, theirs, _stage_en, oth_en, "en")
        if stage in mine:
            own_zh = f"与你同阶段的比例为 {_pct(mine[stage].value)}。"
            own_en = f"The share at your stage is {_pct(mine[stage].value)}."
        else:
            own_zh = f"报告没有给出{you_zh}处于“{_stage_zh(stage)}”的比例。"
            own_en = f"The report gives no share of {you_en} at '{_stage_en(stage)}'."
        out.append(
            _fig(
                "enterprise_type_stage",
                FIG_TYPE_STAGES,
                f"{you_zh}：{cmp_zh}；其余阶段报告未按企业类型给出。{own_zh}",
                f"{you_en}: {cmp_en}; the other stages are not given by enterprise type. {own_en}",
                both(mine, theirs),
                missing,
                _type_caveats(keys, mine, theirs, whole, _stage_zh, _stage_en, FIG_STAGES),
            )
        )
    else:
        out.append(
            _fig(
                "enterprise_type_stage",
                FIG_TYPE_STAGES,
                f"报告没有给出{you_zh}的阶段分布数值。",
                f"The report gives no stage shares for {you_en}.",
                missing=missing,
            )
        )

    # Investment by type (figure 2.4.1) against the whole sample (figure 2.1.1)
    mine, sample = _rows(FIG_TYPE_INVESTMENT, etype), _rows(FIG_INVESTMENT)
    missing = tuple(b for b in INVESTMENT_BANDS if b not in mine)
    if mine:
        parts_zh = "，".join(
            f"投入 {INVESTMENT_BANDS[k][2]} 的占 {_pct(s.value)}" + _vs(sample, k, "zh")
            for k, s in mine.items()
        )
        parts_en = ", ".join(
            f"{_pct(s.value)} spend {INVESTMENT_BANDS[k][3]}" + _vs(sample, k, "en")
            for k, s in mine.items()
        )
        out.append(
            _fig(
                "enterprise_type_investment",
                FIG_TYPE_INVESTMENT,
                f"{you_zh}：{parts_zh}；其余投入区间报告未给出数值。",
                f"{you_en}: {parts_en}; the report gives no numbers for the other bands.",
                {k: s.value for k, s in mine.items()},
                missing,
            )
        )
    else:
        out.append(
            _fig(
                "enterprise_type_investment",
                FIG_TYPE_INVESTMENT,
                f"报告没有给出{you_zh}的投入分布数值。",
                f"The report gives no spending shares for {you_en}.",
                missing=missing,
            )
        )

    # Outcomes by type (section 2.4 prose) against the whole sample (figure 2.3.1)
    mine, theirs = _rows(FIG_TYPE_OUTCOMES, etype), _rows(FIG_TYPE_OUTCOMES, other)
    whole = _rows(FIG_OUTCOMES)
    if mine:
        keys = list(mine)

        def label_zh(k):
            return mine[k].label_zh

        def label_en(k):
            return mine[k].label_en.lower()

        no_n = _caption_n(FIG_TYPE_OUTCOMES) is None
        out.append(
            _fig(
                "enterprise_type_outcomes",
                FIG_TYPE_OUTCOMES,
                f"{you_zh}报告的成效："
                + _compare_types(keys, mine, theirs, label_zh, oth_zh, "zh")
                + "。"
                + ("（报告未给出两类企业的样本量）" if no_n else ""),
                f"Outcomes reported by {you_en}: "
                + _compare_types(keys, mine, theirs, label_en, oth_en, "en")
                + "."
                + (" (The report does not state the two groups' bases.)" if no_n else ""),
                both(mine, theirs),
                (),
                _type_caveats(keys, mine, theirs, whole, label_zh, label_en, FIG_OUTCOMES),
            )
        )
    else:
        out.append(
            _fig(
                "enterprise_type_outcomes",
                FIG_TYPE_OUTCOMES,
                f"报告没有给出{you_zh}的成效数值。",
                f"The report gives no outcome shares for {you_en}.",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _answered_band(assessment: Assessment) -> str | None:
    for it in questionnaire().items:
        if it.id in assessment.answers:
            band = it.option(assessment.answers[it.id]).investment_band
            if band is not None:
                return band
    return None


def _build(stage: str, profile: CompanyProfile | None, answered_band: str | None) -> Benchmark:
    share = band = source = None
    if profile is not None and profile.investment_share is not None:
        share, band, source = profile.investment_share, profile.investment_band, "profile"
    elif answered_band is not None:
        band, source = answered_band, "answers"
    statements = [
        _stage_distribution(stage),
        _size_band(stage, None if profile is None else profile.size_band),
        *_industry(None if profile is None else profile.industry),
        _investment_distribution(band, share, source),
        _investment_reference(band, share),
        *_outcomes(band),
        *_enterprise_type(stage, None if profile is None else profile.enterprise_type),
    ]
    return Benchmark(
        stage=stage,
        stage_label_zh=_stage_zh(stage),
        stage_label_en=_stage_en(stage),
        profile=profile,
        investment_share=share,
        investment_band=band,
        investment_source=source,
        statements=tuple(statements),
    )


def benchmark(assessment: Assessment | str, profile: CompanyProfile | None = None) -> Benchmark:
    """Compare a company with the report's survey.

    ``assessment`` is an :class:`Assessment` or a stage id. ``profile`` defaults to the
    assessment's profile; its investment share wins over the questionnaire's spending answer.
    """
    if isinstance(assessment, Assessment):
        stage = assessment.stage
        profile = profile if profile is not None else assessment.profile
        answered = _answered_band(assessment)
    elif isinstance(assessment, str):
        stage = check_choice(assessment, STAGE_ORDER, "阶段", "stage")
        answered = None
    else:
        raise KitError(
            f"需要一个评估结果或阶段编号，收到：{type(assessment).__name__}",
            f"expected an Assessment or a stage id, got {type(assessment).__name__}",
            field="assessment",
        )
    if profile is not None and not isinstance(profile, CompanyProfile):
        raise KitError(
            "企业信息必须是 CompanyProfile", "profile must be a CompanyProfile", field="profile"
        )
    return _build(stage, profile, answered)
