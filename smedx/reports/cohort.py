"""Cohort aggregation: an association's members against the national survey, figure by figure.

Pure functions over the members table of :mod:`smedx.reports.members` (its columns are
documented there): they read the report's numbers through :mod:`smedx.data` and return frozen
dataclasses; nothing here draws, prints or writes.

Anonymity follows :mod:`smedx.reports.privacy` (the rules the cohort app uses too): a group of
fewer than :data:`MIN_GROUP` members is never described, nor is a group whose members all share
one value (a 100 % row); a breakdown hides further segments until the hidden ones, recovered
together by subtracting the shown ones from the total, are a mixed crowd of five or more; a
multiple-choice option chosen by none or all of its base is not shown. A cohort of fewer than
five members gets no figures at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smedx import data
from smedx.i18n import Bilingual
from smedx.models.assessment import questionnaire, stage_label
from smedx.models.common import (
    ENTERPRISE_TYPES,
    INDUSTRIES,
    INVESTMENT_BANDS,
    SIZE_BANDS,
    STAGE_ORDER,
)
from smedx.reports import privacy
from smedx.reports.members import ABOVE_TOP_BAND, QUESTIONS, question_options
from smedx.reports.privacy import MIN_GROUP

Z_95 = 1.96
NOT_GIVEN = "__not_given__"

# The report figure each comparison mirrors, in the order of the cohort report.
TOPICS: dict[str, str] = {
    "stage": "2.2.2",
    "investment": "2.1.1",
    "goals": QUESTIONS["goals"],
    "challenges": QUESTIONS["challenges"],
    "help_wanted": QUESTIONS["help_wanted"],
}
SEGMENT_TYPES: dict[str, tuple[Mapping[str, tuple], str]] = {
    # segment column -> (vocabulary, the report figure that breaks stages down by it, or "")
    "industry": (INDUSTRIES, ""),
    "size_band": (SIZE_BANDS, "2.2.3"),
    "enterprise_type": (ENTERPRISE_TYPES, "2.4.2"),
}


Caveat = Bilingual  # a caveat comes with both languages; the report shows one


# What a reader must know about each report figure before comparing with it (kit text, drawn
# from the dataset's notes in datasets/report2024/values.csv).
FIGURE_CAVEATS: dict[str, tuple[Caveat, ...]] = {
    "2.2.2": (
        Caveat(
            "报告中的阶段是受访企业在调查中的自我判断；会员的阶段来自本课程的自评问卷（或会员表中的"
            "阶段列），两者不是同一测量工具。",
            "The report's stages are the surveyed firms' own judgement; the members' stages come "
            "from the kit's questionnaire (or the stage column of the member table), which is "
            "not the same instrument.",
        ),
        Caveat(
            "报告的“智能运营阶段”全样本比例（11.4%）低于两类企业各自的比例（13.8%、12.1%，图 2.4.2），"
            "在算术上不可能，请谨慎解读。",
            "The report's whole-sample share at the intelligent-operations stage (11.4%) is below "
            "both enterprise types' shares (13.8%, 12.1%, figure 2.4.2), which is arithmetically "
            "impossible: read it with care.",
        ),
    ),
    "2.1.1": (
        Caveat(
            "报告的 3%-5% 与 5%-7% 两档分别只有约 4 家、5 家企业（N=494 的 0.8%、1.0%）；报告没有 7% "
            "以上的区间。会员的区间优先取企业信息中的投入比例，其次取问卷 M4 题的答案。",
            "The report's 3%-5% and 5%-7% bands hold only about 4 and 5 firms (0.8% and 1.0% of "
            "N=494); it has no band above 7%. A member's band comes from the profile's investment "
            "share where given, otherwise from its answer to item M4.",
        ),
    ),
    "S3.1.1-goals": (
        Caveat(
            "报告正文给出这些目标的比例，但没有说明样本量和年份。",
            "The report's text gives these goals' shares but states neither the base nor the year.",
        ),
    ),
    "3.3.1.1": (
        Caveat(
            "该图的数值在报告文本提取中丢失，只有正文给出的 5 个选项的比例；其余选项未知。"
            "“资金紧张”与“数据安全和隐私保护”同为 36.8%，可能是重复。",
            "The chart's values were lost in the report's text extraction; only the five options "
            "named in the text have shares, the others are unknown. 'Tight funding' and 'data "
            "security and privacy' are both 36.8%, possibly a repeat.",
        ),
    ),
    "3.3.2.1": (
        Caveat(
            "该图的数值来自报告正文（图表数值在文本提取中丢失）。",
            "These values come from the report's text (the chart's values were lost in the text "
            "extraction).",
        ),
    ),
}

GENERAL_CAVEATS: tuple[Caveat, ...] = (
    Caveat(
        "会员不是随机样本：与全国调查的差异只描述本会员群体，不能推断到本地区或本行业的全部企业；"
        "本报告没有做显著性检验。",
        "The members are not a random sample: differences from the national survey describe "
        "this group only and cannot be generalised to all firms of the region or industry; no "
        "significance test is made.",
    ),
    Caveat(
        "全国数据来自报告的问卷调查（500 家中小企业的中高层管理人员，覆盖 28 个省市、13 个行业）；"
        "各图的样本量不同，见每张图下的来源行。",
        "The national figures come from the report's survey (senior and middle managers of 500 "
        "SMEs in 28 provinces and 13 industries); the base differs from figure to figure, see "
        "the source line under each chart.",
    ),
    Caveat(
        f"为保护会员隐私，少于 {MIN_GROUP} 家会员的群体不展示任何数字，全部会员处于同一类别的群体"
        f"（100% 的一行）也不展示；细分中被隐藏的组合起来（用总数减去其他组可以算出）若少于 "
        f"{MIN_GROUP} 家或处于同一类别，就再隐藏其他组；隐藏组不显示人数。无人或全员选择的多选项也不显示。",
        f"To protect members' privacy, no number is shown for a group of fewer than {MIN_GROUP} "
        "members, nor for a group whose members all share one value (a 100% row); when the hidden "
        f"groups of a breakdown taken together (the total minus the others) would be fewer than "
        f"{MIN_GROUP} or all alike, further groups are hidden; hidden groups show no size. A "
        "multiple-choice option chosen by no member or by all is not shown either.",
    ),
    Caveat(
        "多选题的比例之和可超过 100%。",
        "Shares of a multiple-choice question can add up to more than 100%.",
    ),
)


# --------------------------------------------------------------------------------------------
# Results.


@dataclass(frozen=True)
class ShareRow:
    """One option: the members' count and share (None when suppressed) and the report's share
    (None when the report gives none)."""

    key: str
    label_zh: str
    label_en: str
    count: int | None
    share: float | None  # percent of the base
    national: float | None

    @property
    def difference(self) -> float | None:
        """Percentage points, members minus national, on the rounded shares shown."""
        if self.share is None or self.national is None:
            return None
        return round(round(self.share, 1) - self.national, 1)


@dataclass(frozen=True)
class Comparison:
    topic: str
    figure_id: str
    title_zh: str
    title_en: str
    multiple: bool  # a multiple-choice question: shares do not add up to 100
    base: int  # members in the base (those who answered)
    suppressed: bool  # no member numbers: base below MIN_GROUP, or (single choice) all alike
    national_n: int | None
    rows: tuple[ShareRow, ...]
    caveats: tuple[Caveat, ...]

    @property
    def available(self) -> bool:
        """Whether any member answered (otherwise the members' data lacks this question)."""
        return self.base > 0

    def row(self, key: str) -> ShareRow:
        return next(r for r in self.rows if r.key == key)


@dataclass(frozen=True)
class Segment:
    key: str  # a vocabulary key, or NOT_GIVEN
    label_zh: str
    label_en: str
    size: int  # never shown when hidden
    hidden: str  # "" shown, else privacy.SMALL, UNIFORM or COMPLEMENTARY
    stages: dict[str, float] | None  # percent per stage key; None when hidden
    report: dict[str, float]  # the report's shares for this segment (only those it gives)


@dataclass(frozen=True)
class SegmentTable:
    segment_type: str
    figure_id: str  # the report's breakdown of stages by this segment type, or ""
    segments: tuple[Segment, ...]

    @property
    def shown(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if not s.hidden)


@dataclass(frozen=True)
class DimensionRow:
    key: str
    label_zh: str
    label_en: str
    max_points: int
    mean: float
    percent: float  # mean as percent of max_points


@dataclass(frozen=True)
class LevelRow:
    level: int
    label_zh: str
    label_en: str
    count: int
    share: float


@dataclass(frozen=True)
class Scores:
    """The kit's questionnaire scores of the members who answered it (no national figure)."""

    base: int
    suppressed: bool
    mean_total: float | None
    dimensions: tuple[DimensionRow, ...]
    levels: tuple[LevelRow, ...]  # empty when every member is at one level


@dataclass(frozen=True)
class Overview:
    members: int
    with_answers: int
    stage_given: int  # stage from the member table's stage column
    stage_from_plan: int
    with_investment: int
    answered: dict[str, int]  # per multiple-choice question
    suppressed: bool  # the whole cohort is below MIN_GROUP
    margin_of_error: float | None  # 95%, worst case (p = 50%), percentage points


# --------------------------------------------------------------------------------------------
# Helpers over smedx.data.


def national(figure_id: str) -> dict[str, tuple[float, str, str]]:
    """The whole-sample values of a report figure: key -> (value, label_zh, label_en)."""
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == ""]
    return {r.key: (float(r.value), r.label_zh, r.label_en) for r in rows.itertuples()}


def caption_n(figure_id: str) -> int | None:
    n = data.figure_info(figure_id)["n"]
    return None if pd.isna(n) else int(n)


def margin_of_error(n: int) -> float | None:
    """Worst-case 95% margin of error of a share among n members, in percentage points."""
    return None if n <= 0 else round(100 * Z_95 * math.sqrt(0.25 / n), 1)


def _share(count: int, base: int) -> float:
    return 100.0 * count / base if base else 0.0


def _title(figure_id: str) -> tuple[str, str]:
    info = data.figure_info(figure_id)
    return info["title_zh"], info["title_en"]


def _comparison(topic, figure_id, multiple, base, counts, labels, caveats=()) -> Comparison:
    """counts: key -> members' count, in display order; labels: key -> (zh, en).

    Single choice: no member number when the base is small or all are in one option. Multiple
    choice: each option on its own (see privacy.option_hidden)."""
    if multiple:
        suppressed = base < MIN_GROUP
        hide = {k: privacy.option_hidden(int(c), base) for k, c in counts.items()}
    else:
        suppressed = bool(privacy.whole_hidden({k: int(c) for k, c in counts.items()}))
        hide = dict.fromkeys(counts, suppressed)
    nat = national(figure_id)
    rows = tuple(
        ShareRow(
            key=key,
            label_zh=labels[key][0],
            label_en=labels[key][1],
            count=None if hide[key] else int(count),
            share=None if hide[key] else _share(int(count), base),
            national=nat[key][0] if key in nat else None,
        )
        for key, count in counts.items()
    )
    title_zh, title_en = _title(figure_id)
    return Comparison(
        topic=topic,
        figure_id=figure_id,
        title_zh=title_zh,
        title_en=title_en,
        multiple=multiple,
        base=int(base),
        suppressed=suppressed,
        national_n=caption_n(figure_id),
        rows=rows,
        caveats=FIGURE_CAVEATS.get(figure_id, ()) + tuple(caveats),
    )


# --------------------------------------------------------------------------------------------
# The five comparisons.


def stage_comparison(members: pd.DataFrame) -> Comparison:
    """Members per stage (figure 2.2.2's categories, in stage order) against the survey."""
    figure_id = TOPICS["stage"]
    nat = national(figure_id)
    counts = members["stage"].value_counts()
    labels = {
        k: (nat[k][1], nat[k][2]) if k in nat else (stage_label(k), stage_label(k, "en"))
        for k in STAGE_ORDER
    }
    ordered = {k: int(counts.get(k, 0)) for k in STAGE_ORDER}
    return _comparison("stage", figure_id, False, len(members), ordered, labels)


def investment_comparison(members: pd.DataFrame) -> Comparison:
    """Members per spending band of figure 2.1.1; those above 7% get a row of their own."""
    figure_id = TOPICS["investment"]
    with_band = members[members["band"] != ""]
    counts = with_band["band"].value_counts()
    labels = {k: (zh, en) for k, (_lo, _hi, zh, en) in INVESTMENT_BANDS.items()}
    ordered = {k: int(counts.get(k, 0)) for k in INVESTMENT_BANDS}
    if counts.get(ABOVE_TOP_BAND, 0):
        labels[ABOVE_TOP_BAND] = (
            "7% 及以上（报告无此区间）",
            "7% or more (no such band in the report)",
        )
        ordered[ABOVE_TOP_BAND] = int(counts[ABOVE_TOP_BAND])
    return _comparison("investment", figure_id, False, len(with_band), ordered, labels)


def choice_comparison(members: pd.DataFrame, question: str) -> Comparison:
    """A multiple-choice question (goals, challenges, help_wanted) among those who answered."""
    figure_id = QUESTIONS[question]
    answered = members[members[f"{question}.answered"].astype(bool)]
    options = question_options(figure_id)
    counts = {k: int(answered[f"{question}.{k}"].astype(bool).sum()) for k in options}
    return _comparison(question, figure_id, True, len(answered), counts, options)


def comparisons(members: pd.DataFrame) -> tuple[Comparison, ...]:
    """All five, in the report's order: stage, investment, goals, challenges, help wanted."""
    return (
        stage_comparison(members),
        investment_comparison(members),
        *(choice_comparison(members, q) for q in QUESTIONS),
    )


# --------------------------------------------------------------------------------------------
# Segments.


def segments(members: pd.DataFrame, segment_type: str) -> SegmentTable:
    """Members' stage distribution per segment (with "not given" as a segment of its own)."""
    vocabulary, figure_id = SEGMENT_TYPES[segment_type]
    column = members[segment_type].fillna("").replace("", NOT_GIVEN)
    sizes = column.value_counts()
    keys = [k for k in vocabulary if sizes.get(k, 0)] + (
        [NOT_GIVEN] if sizes.get(NOT_GIVEN, 0) else []
    )
    counts = {
        key: {s: int(n) for s, n in members.loc[column == key, "stage"].value_counts().items()}
        for key in keys
    }
    hidden = privacy.hidden_groups(counts)
    report = _segment_report(figure_id, segment_type)
    out = []
    for key in keys:
        zh, en = vocabulary[key][:2] if key != NOT_GIVEN else ("未填写", "not given")
        stages = None
        if key not in hidden:
            stages = {s: _share(counts[key].get(s, 0), int(sizes[key])) for s in STAGE_ORDER}
        out.append(
            Segment(
                key=key,
                label_zh=zh,
                label_en=en,
                size=int(sizes[key]),
                hidden=hidden.get(key, ""),
                stages=stages,
                report=report.get(key, {}),
            )
        )
    return SegmentTable(segment_type, figure_id, tuple(out))


def _segment_report(figure_id: str, segment_type: str) -> dict[str, dict[str, float]]:
    if not figure_id:
        return {}
    rows = data.figure(figure_id, segment_type=segment_type)
    out: dict[str, dict[str, float]] = {}
    for row in rows.itertuples():
        out.setdefault(row.segment_key, {})[row.key] = float(row.value)
    return out


# --------------------------------------------------------------------------------------------
# The kit's scores and the overview.


def scores(members: pd.DataFrame) -> Scores:
    q = questionnaire()
    scored = members[members["total"].notna()]
    base = len(scored)
    if base < MIN_GROUP:
        return Scores(base, True, None, (), ())
    dims = tuple(
        DimensionRow(
            key=d.key,
            label_zh=d.label_zh,
            label_en=d.label_en,
            max_points=d.max_points,
            mean=float(scored[f"dim.{d.key}"].mean()),
            percent=100.0 * float(scored[f"dim.{d.key}"].mean()) / d.max_points,
        )
        for d in q.dimensions
    )
    counts = scored["level"].astype(int).value_counts()
    if privacy.whole_hidden({str(k): int(v) for k, v in counts.items()}):
        return Scores(base, False, float(scored["total"].mean()), dims, ())
    levels = tuple(
        LevelRow(
            lv.level,
            lv.label_zh,
            lv.label_en,
            int(counts.get(lv.level, 0)),
            _share(int(counts.get(lv.level, 0)), base),
        )
        for lv in q.levels
    )
    return Scores(base, False, float(scored["total"].mean()), dims, levels)


def overview(members: pd.DataFrame) -> Overview:
    n = len(members)
    source = members["stage_source"]
    return Overview(
        members=n,
        with_answers=int((source == "answers").sum()),
        stage_given=int((source == "given").sum()),
        stage_from_plan=int((source == "plan").sum()),
        with_investment=int((members["band"] != "").sum()),
        answered={q: int(members[f"{q}.answered"].astype(bool).sum()) for q in QUESTIONS},
        suppressed=n < MIN_GROUP,
        margin_of_error=margin_of_error(n),
    )


# --------------------------------------------------------------------------------------------
# Repeat assessments: the same members at two dates.


MOVES = {
    "up": ("阶段上升", "moved up a stage or more"),
    "same": ("阶段不变", "same stage"),
    "down": ("阶段下降", "moved down"),
}


@dataclass(frozen=True)
class ChangeRow:
    key: str
    label_zh: str
    label_en: str
    max_points: int
    change: float  # mean change in points, T1 minus T0


@dataclass(frozen=True)
class PairedChange:
    """Members assessed on two days (T0: the first day, T1: the newest assessment), compared
    member by member; only members present at both dates count. Nothing is shown for fewer than
    MIN_GROUP pairs; the stage moves follow the same rule as any distribution."""

    pairs: int
    suppressed: bool
    first_t0: str  # the earliest and latest dates of the pairs (ISO days), "" when none
    last_t1: str
    total_change: float | None
    dimensions: tuple[ChangeRow, ...]
    moves: dict[str, int] | None  # up / same / down; None when hidden


def baselines(current: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Each member's T0 (indexed by id): of its assessments made on days before its newest one,
    the last one of the earliest day. Members assessed on one day only have none."""
    dated = history[history["assessed_at"].notna() & history["total"].notna()]
    if dated.empty:
        return dated.set_index("id")
    newest_day = current.set_index("id")["assessed_at"].dt.normalize()
    day = dated["assessed_at"].dt.normalize()
    earlier = dated[day < dated["id"].map(newest_day)]
    if earlier.empty:
        return earlier.set_index("id")
    day = earlier["assessed_at"].dt.normalize()
    first = earlier[day == day.groupby(earlier["id"]).transform("min")]
    return first.sort_values("assessed_at").drop_duplicates("id", keep="last").set_index("id")


def paired_change(current: pd.DataFrame, history: pd.DataFrame) -> PairedChange:
    t0 = baselines(current, history)
    t1 = current[current["total"].notna()].set_index("id")
    ids = [i for i in t1.index if i in t0.index]
    pairs = len(ids)
    if pairs < MIN_GROUP:
        return PairedChange(pairs, True, "", "", None, (), None)
    before, after = t0.loc[ids], t1.loc[ids]
    dims = tuple(
        ChangeRow(
            d.key,
            d.label_zh,
            d.label_en,
            d.max_points,
            float((after[f"dim.{d.key}"] - before[f"dim.{d.key}"]).mean()),
        )
        for d in questionnaire().dimensions
    )
    step = after["stage"].map(STAGE_ORDER.index) - before["stage"].map(STAGE_ORDER.index)
    moves = {
        "up": int((step > 0).sum()),
        "same": int((step == 0).sum()),
        "down": int((step < 0).sum()),
    }
    return PairedChange(
        pairs=pairs,
        suppressed=False,
        first_t0=before["assessed_at"].min().date().isoformat(),
        last_t1=after["assessed_at"].max().date().isoformat(),
        total_change=float((after["total"] - before["total"]).mean()),
        dimensions=dims,
        moves=None if privacy.whole_hidden(moves) else moves,
    )
