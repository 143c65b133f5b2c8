"""Graded items of assignment 02 现状与阶段评估 (trainer-only): parallel forms of module 02's
practice items.

Each item assesses the learning objective of the practice item named in ``meta["parallel_of"]``
with other figures, numbers or options. Every report number is read from :mod:`smedx.data` at
import time. The self-assessment item is answered with the module's AssessmentForm, which saves
under ``m02.self_assessment`` (``meta["answer_id"]``).
"""

from __future__ import annotations

from typing import Any

from smedx import data
from smedx.errors import KitError
from smedx.exercises.core import (
    Feedback,
    Option,
    Premise,
    Question,
    Text,
    choice_is,
    number_near,
    right,
    set_is,
    wrong,
)

# The module's own data helpers and stage facts, so practice and assessment read the report alike.
from smedx.exercises.m02 import STAGE_EN, STAGE_N, STAGE_POS, STAGE_ZH, STAGES, _pct, _sum, _v
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile

MODULE = "m02"

OBJECTIVES = {
    1: "1 投入：说出数字化投入的主要区间和 2024 年的投入计划 · know the spending levels and 2024 "
    "plans",
    2: "2 阶段：说明五个阶段的特征和企业在各阶段的分布 · explain the five stages and their "
    "distribution",
    3: "3 读单选题图表：知道什么时候能相加、什么时候不能 · read single-choice charts correctly",
    4: "4 缺口与矛盾：识别报告数据中的缺口和矛盾，不过度解读 · spot gaps and contradictions in the "
    "data",
    5: "5 自评与对标：给自己的企业定位阶段，看清差距，与同行对标 · place your own company, see its "
    "gaps and peers",
}


def _meta(objective: int, parallel_of: str, **extra: Any) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of, **extra}


# --- 1. figure 2.2.2: the digital-foundation stage or later -------------------------------------

LATER = [s for s in STAGES["stage_id"] if STAGE_POS[s] >= STAGE_POS["digital_foundation"]]
LATER_VALUES = {s: _v("2.2.2", s) for s in LATER}
LATER_SHARE = _sum(LATER_VALUES.values())
TOP_TWO = _sum(_v("2.2.2", s) for s in ("intelligent_ops", "innovation"))
FOUNDATION = _v("2.2.2", "digital_foundation")
NOT_STARTED = _v("2.2.2", "not_started")
LATER_ZH = "、".join(f"{STAGE_ZH[s]}（{_pct(v)}）" for s, v in LATER_VALUES.items())
LATER_EN = ", ".join(f"{STAGE_EN[s]} ({_pct(v)})" for s, v in LATER_VALUES.items())

# --- 2. figure 2.1.2: plans to raise spending by 5% or more -------------------------------------

_plan = data.figure("2.1.2")
_plan = _plan[_plan["segment_key"] == ""]
PLAN_N = data.stat("2.1.2", "flat").n
AT_LEAST_5 = ("inc_gt20", "inc_10_20", "inc_5_10")
PLAN_5 = _sum(_v("2.1.2", k) for k in AT_LEAST_5)
PLAN_10 = _sum(_v("2.1.2", k) for k in AT_LEAST_5[:2])
PLAN_ANY = _sum(_plan[_plan["label_zh"].str.startswith("增加")]["value"])
_plan_label = _plan.set_index("key")["label_zh"]
_plan_label_en = _plan.set_index("key")["label_en"]
PLAN_5_ZH = " + ".join(f"{_plan_label[k]} {_pct(_v('2.1.2', k))}" for k in AT_LEAST_5)
PLAN_5_EN = " + ".join(_pct(_v("2.1.2", k)) for k in AT_LEAST_5)

# --- 3. figure 2.2.3: a size band the report does not give --------------------------------------

SIZE = data.figure("2.2.3")
MISSING = ("2.2.3", "301_500", "single_point")
SMALL_SINGLE = _v("2.2.3", "single_point", "le100")
WHOLE_SINGLE = _v("2.2.2", "single_point")
_size_label = SIZE.drop_duplicates("segment_key").set_index("segment_key")[
    ["segment_zh", "segment_en"]
]

# --- 4. the 5%-7% band: few firms, but possible shares ------------------------------------------

BAND = data.stat("2.1.1", "5_7")
BAND_FIRMS = round(BAND.value * BAND.n / 100)
BAND_EFF = _v("2.3.1", "efficiency", "5_7")
BAND_COST = _v("2.3.1", "cost", "5_7")
LOW_EFF = _v("2.3.1", "efficiency", "1_2")
IMPOSSIBLE = _v("2.3.1", "internal_mgmt", "3_5")  # the 3%-5% band's impossible share
POSSIBLE = [round(100 * j / BAND_FIRMS, 1) for j in range(BAND_FIRMS + 1)]
EFF_FIRMS = round(BAND_EFF * BAND_FIRMS / 100)
COST_FIRMS = round(BAND_COST * BAND_FIRMS / 100)
STEP = round(100 / BAND_FIRMS, 1)

# --- 5. stages by size (2.2.3) ------------------------------------------------------------------

MID_FOUND = _v("2.2.3", "digital_foundation", "101_300")
BIG_FOUND = _v("2.2.3", "digital_foundation", "301_500")
MID_OPS = _v("2.2.3", "intelligent_ops", "101_300")
BIG_OPS = _v("2.2.3", "intelligent_ops", "301_500")

# --- 6. the self-assessment with a full company profile -----------------------------------------

PROFILE_FIELDS = {  # industry always has a value in the form ("other" by default)
    "size_band": ("企业规模", "size band"),
    "enterprise_type": ("企业类型", "enterprise type"),
    "investment_share": ("数字化投入占营收比例", "investment share"),
}


def _check_profiled_assessment(answer: Any) -> Feedback:
    """Full marks for a complete, valid self-assessment with the profile the peer benchmark
    needs (size, type, spending share); half for a complete one without it."""
    if not isinstance(answer, dict) or not isinstance(answer.get("answers"), dict):
        return wrong(
            "没有找到保存的自评。请在自评表中回答全部题目，表单会自动保存。",
            "No saved self-assessment found. Answer every item in the form; it saves "
            "automatically.",
        )
    raw = answer.get("profile")
    try:
        profile = None if raw is None else CompanyProfile.from_dict(raw)
        result = assess(answer["answers"], profile)
    except KitError as err:
        return wrong(
            f"自评还不完整或有误：{err.zh}",
            f"The self-assessment is incomplete or invalid: {err.en}",
        )
    missing = [f for f in PROFILE_FIELDS if profile is None or getattr(profile, f) is None]
    if missing:
        return wrong(
            "自评已完整，但企业信息还缺："
            + "、".join(PROFILE_FIELDS[f][0] for f in missing)
            + "。填上它们，才能与同规模、同类型、同投入的同行对标。",
            "The self-assessment is complete, but the profile lacks: "
            + ", ".join(PROFILE_FIELDS[f][1] for f in missing)
            + ". Fill them in to compare with peers of your size, type and spending.",
            0.5,
        )
    return right(
        f"自评和企业信息都已完整：{result.stage_label_zh}，{result.level_label_zh}。",
        f"Self-assessment and profile complete: {result.stage_label_en}, {result.level_label_en}.",
    )


_ITEMS = questionnaire().items
_ANSWERS = {it.id: it.options[1].id for it in _ITEMS}
_PROFILE = CompanyProfile("retail", "101_300", "zjtx", 8000.0, 1.5).to_dict()


QUESTIONS = [
    Question(
        id="m02.g_foundation_or_later",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"根据图 2.2.2（N={STAGE_N}），有百分之多少的中小企业已经进入“{STAGE_ZH['digital_foundation']}”"
            "或更高的阶段？请填写百分数，保留一位小数。",
            f"By figure 2.2.2 (N={STAGE_N}), what percentage of SMEs have reached "
            f"'{STAGE_EN['digital_foundation']}' or a later stage? Enter the percentage with one "
            "decimal.",
        ),
        checker=number_near(
            LATER_SHARE,
            0.15,
            Text(f"{LATER_ZH} 合计 {LATER_SHARE}%。", f"{LATER_EN} add up to {LATER_SHARE}%."),
            unit="%",
        ),
        hints=(
            Text(
                f"“{STAGE_ZH['digital_foundation']}”本身也算在内。",
                f"'{STAGE_EN['digital_foundation']}' itself counts.",
            ),
            Text(
                "单选题：每家企业只在一个阶段，所以各阶段的比例可以相加。",
                "Single choice: each firm is at one stage, so the shares add up.",
            ),
        ),
        solution=Text(
            f"{LATER_ZH}，合计 {LATER_SHARE}%。只加两个最高阶段是 {TOP_TWO}%，漏掉了数字底座建设阶段。",
            f"{LATER_EN}: {LATER_SHARE}% in total. The two highest stages alone give {TOP_TWO}%, "
            "which leaves out the digital-foundation stage.",
        ),
        example_answer=LATER_SHARE,
        wrong_answers=(TOP_TWO, FOUNDATION, _sum([LATER_SHARE, NOT_STARTED])),
        number_range=(0, 100),
        meta=_meta(3, "m02.early_stage_share"),
    ),
    Question(
        id="m02.g_plan_at_least_5",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"图 2.1.2（N={PLAN_N}）是 2024 年数字化投入的预计增速。计划把投入增加 5% 或更多的中小企业"
            "合计占百分之多少？保留一位小数。",
            f"Figure 2.1.2 (N={PLAN_N}) shows the planned 2024 change in DX spending. What share "
            "of SMEs plan to raise it by 5% or more? One decimal.",
        ),
        checker=number_near(
            PLAN_5,
            0.15,
            Text(
                f"{PLAN_5_ZH} = {PLAN_5}%。",
                f"{PLAN_5_EN} = {PLAN_5}%.",
            ),
            unit="%",
        ),
        hints=(
            Text(
                "“5% 或更多”包括三个选项：" + "、".join(_plan_label[k] for k in AT_LEAST_5) + "。",
                "'5% or more' covers three options: "
                + "; ".join(_plan_label_en[k] for k in AT_LEAST_5)
                + ".",
            ),
            Text(
                f"“{_plan_label['inc_lt5']}”不算。",
                f"'{_plan_label_en['inc_lt5']}' does not count.",
            ),
        ),
        solution=Text(
            f"{PLAN_5_ZH} = {PLAN_5}%。全部计划增加的是 {PLAN_ANY}%；增加 10% 或更多的只有 {PLAN_10}%："
            "多数企业计划的是温和增长。",
            f"{PLAN_5_EN} = {PLAN_5}%. All firms planning an increase make {PLAN_ANY}%; 10% or "
            f"more only {PLAN_10}%: most plan a moderate rise.",
        ),
        example_answer=PLAN_5,
        wrong_answers=(PLAN_ANY, PLAN_10, _v("2.1.2", "inc_5_10")),
        number_range=(0, 100),
        meta=_meta(1, "m02.plan_increase"),
    ),
    Question(
        id="m02.g_size_gap_301",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"图 2.2.3 按企业人数比较阶段。报告给出：100 人以内的企业有 {_pct(SMALL_SINGLE)} 处于单点"
            f"尝试阶段；301—500 人的企业有 {_pct(BIG_FOUND)} 处于数字底座建设阶段。那么，301—500 人的"
            "企业有多少处于单点尝试阶段？",
            f"Figure 2.2.3 compares stages by headcount. The report gives: {_pct(SMALL_SINGLE)} "
            f"of firms with up to 100 staff are at the single-point stage; {_pct(BIG_FOUND)} of "
            "firms with 301-500 staff are at the digital-foundation stage. What share of firms "
            "with 301-500 staff are at the single-point stage?",
        ),
        options=(
            Option(
                "same_as_small",
                f"{_pct(SMALL_SINGLE)}，和 100 人以内的企业一样",
                f"{_pct(SMALL_SINGLE)}, the same as firms with up to 100 staff",
            ),
            Option(
                "whole",
                f"{_pct(WHOLE_SINGLE)}，即全部样本的数值",
                f"{_pct(WHOLE_SINGLE)}, the whole sample's value",
            ),
            Option(
                "not_in_report",
                f"报告没有给出具体数字，只说 100 人以内企业的 {_pct(SMALL_SINGLE)} “明显高于其他更大规模的"
                "中小企业”：只能说它更低，具体多少“未给出”",
                f"The report gives no number; it only says the {_pct(SMALL_SINGLE)} of firms with up "
                "to 100 staff is 'clearly higher than in larger SMEs': it is lower, by how much is "
                "'not given'",
            ),
            Option(
                "zero",
                "0%：报告正文列出了 100 人以内企业的单点尝试比例和 301—500 人企业的数字底座比例，"
                "唯独没有提到 301—500 人企业处于单点尝试阶段，说明这一规模段没有企业处于该阶段",
                "0%: the report's text gives the single-point share of firms with up to 100 staff "
                "and the digital-foundation share of firms with 301-500 staff, but never mentions "
                "301-500 firms at the single-point stage, so none of them is there",
            ),
        ),
        checker=choice_is(
            "not_in_report",
            Text(
                f"图 2.2.3 的数值在文本中丢失，正文只给出了 {len(SIZE)} 个数，其中没有这一项。",
                f"Figure 2.2.3's values are lost in the text; the prose gives {len(SIZE)} "
                "numbers, and this is not one of them.",
            ),
            near={
                "same_as_small": Text(
                    "这是另一个规模段的数字，不能套用。",
                    "That is another size band's number; it does not carry over.",
                ),
                "whole": Text(
                    "全部样本的比例不等于某个规模段的比例。",
                    "The whole sample's share is not a size band's share.",
                ),
                "zero": Text(
                    "没有给出不等于是 0：报告只是没有印出这个数。",
                    "Not given is not zero: the report simply does not print the number.",
                ),
            },
        ),
        hints=(
            Text(
                "看本课的“数据缺口”图：哪些格子写着“未给出”？",
                "Look at the module's gap grid: which cells read 'not given'?",
            ),
        ),
        solution=Text(
            "报告没有给出具体数字。正文只给出 100 人以内企业的单点尝试比例（并说它明显高于更大规模的企业），"
            "以及两个较大规模段的数字底座建设和智能运营比例（报告 §2.2）。能说的是“更低”，不要用别的"
            "分组去猜具体数字，也不要把“未给出”当成 0。",
            "No number is given. The prose gives only the single-point share of firms with up to "
            "100 staff (saying it is clearly higher than in larger firms) and the "
            "digital-foundation and intelligent-operations shares of the two larger bands "
            "(report §2.2). One can say 'lower'; do not guess a number from another group, and "
            "do not read 'not given' as zero.",
        ),
        example_answer="not_in_report",
        wrong_answers=("same_as_small", "whole", "zero"),
        meta=_meta(4, "m02.size_gap", requires_missing=MISSING),
    ),
    Question(
        id="m02.g_band_5_7",
        module=MODULE,
        graded=True,
        kind="multi",
        points=2,
        prompt=Text(
            f"报告 §2.3 写道：投入占营收 5%—7% 的企业中，{_pct(BAND_EFF)} 提升了业务效率和生产力，"
            f"{_pct(BAND_COST)} 降低了运营成本；1%—2% 区间提升效率的是 {_pct(LOW_EFF)}。图 2.1.1 中，"
            f"投入在 5%（含）-7% 的企业占 N={BAND.n} 的 {_pct(BAND.value)}。下面哪些说法是数据能支持的？"
            "（多选）",
            f"Report §2.3 says that among firms spending 5%-7% of revenue, {_pct(BAND_EFF)} raised "
            f"efficiency and productivity and {_pct(BAND_COST)} cut operating costs; in the 1%-2% "
            f"band {_pct(LOW_EFF)} raised efficiency. In figure 2.1.1 the 5%-7% band is "
            f"{_pct(BAND.value)} of N={BAND.n}. Which statements does the data support? (select "
            "all)",
        ),
        options=(
            Option(
                "five_firms",
                f"5%—7% 区间只有约 {BAND_FIRMS} 家企业（{_pct(BAND.value)} × {BAND.n}）",
                f"The 5%-7% band holds only about {BAND_FIRMS} firms ({_pct(BAND.value)} × "
                f"{BAND.n})",
            ),
            Option(
                "possible",
                f"{_pct(BAND_EFF)} 和 {_pct(BAND_COST)} 在 {BAND_FIRMS} 家企业中是可能的"
                f"（{EFF_FIRMS} 家和 {COST_FIRMS} 家）",
                f"{_pct(BAND_EFF)} and {_pct(BAND_COST)} are possible among {BAND_FIRMS} firms "
                f"({EFF_FIRMS} and {COST_FIRMS} firms)",
            ),
            Option(
                "tiny",
                f"{BAND_FIRMS} 家中多一家或少一家，比例就差 {STEP:g} 个百分点，所以 {_pct(BAND_EFF)} 与 "
                f"{_pct(LOW_EFF)} 的差距不足以说明“投入越多、效率越好”",
                f"One firm more or less among {BAND_FIRMS} moves the share by {STEP:g} points, so "
                f"the gap between {_pct(BAND_EFF)} and {_pct(LOW_EFF)} cannot show that 'more "
                "spending brings more efficiency'",
            ),
            Option(
                "contradiction",
                f"{_pct(BAND_EFF)} 与图 2.1.1 矛盾，说明这组数字有误",
                f"{_pct(BAND_EFF)} contradicts figure 2.1.1, so the numbers are wrong",
            ),
            Option(
                "causal",
                f"把投入提高到 5%—7%，提升效率的可能性会增加约 {BAND_EFF - LOW_EFF:.1f} 个百分点",
                f"Raising spending to 5%-7% makes an efficiency gain about "
                f"{BAND_EFF - LOW_EFF:.1f} points more likely",
            ),
            Option(
                "count",
                f"约有 {round(BAND_EFF * BAND.n / 100)} 家投入 5%—7% 的企业提升了效率"
                f"（{_pct(BAND_EFF)} × {BAND.n}）",
                f"About {round(BAND_EFF * BAND.n / 100)} firms spending 5%-7% raised efficiency "
                f"({_pct(BAND_EFF)} × {BAND.n})",
            ),
        ),
        checker=set_is(
            {"five_firms", "possible", "tiny"},
            Text(
                f"{BAND_FIRMS} 家企业中，比例只能是 "
                + "、".join(f"{p:g}%" for p in POSSIBLE)
                + f"；{_pct(BAND_EFF)} 和 {_pct(BAND_COST)} 都在其中，不矛盾，但样本太小，不能作为证据。",
                f"Among {BAND_FIRMS} firms a share can only be "
                + ", ".join(f"{p:g}%" for p in POSSIBLE)
                + f"; {_pct(BAND_EFF)} and {_pct(BAND_COST)} are among them, so no contradiction, "
                "but the sample is too small to be evidence.",
            ),
        ),
        hints=(
            Text(
                f"先算：{_pct(BAND.value)} × {BAND.n} ≈ ？家企业。",
                f"First: {_pct(BAND.value)} × {BAND.n} ≈ how many firms?",
            ),
            Text(
                "这些企业中有 0、1、2…… 家达成成效时，比例分别是多少？",
                "If 0, 1, 2 ... of them report an outcome, what are the shares?",
            ),
            Text(
                f"{_pct(BAND_EFF)} 的分母是该区间的企业，不是全部 {BAND.n} 家。",
                f"The base of {_pct(BAND_EFF)} is the firms in the band, not all {BAND.n}.",
            ),
        ),
        solution=Text(
            f"前三项成立。{_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} 家；{EFF_FIRMS} 家 = {_pct(BAND_EFF)}，"
            f"{COST_FIRMS} 家 = {_pct(BAND_COST)}，算术上可能（与 3%—5% 区间的 {_pct(IMPOSSIBLE)} 不同，那是"
            f"不可能的）。但只有 {BAND_FIRMS} 家，一家之差就是 {STEP:g} 个百分点，比较区间也只是相关，不是因果。",
            f"The first three. {_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} firms; {EFF_FIRMS} "
            f"firms = {_pct(BAND_EFF)}, {COST_FIRMS} = {_pct(BAND_COST)}: arithmetically possible "
            f"(unlike the 3%-5% band's {_pct(IMPOSSIBLE)}, which is impossible). But with "
            f"{BAND_FIRMS} firms one firm is {STEP:g} points, and comparing bands shows "
            "association, not cause.",
        ),
        example_answer=["five_firms", "possible", "tiny"],
        wrong_answers=(
            ["five_firms", "contradiction"],
            ["five_firms", "possible", "tiny", "causal"],
            ["count"],
            ["five_firms", "possible"],
        ),
        meta=_meta(4, "m02.band_3_5"),
    ),
    Question(
        id="m02.g_size_stages",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            "关于不同人数规模的企业所处的阶段（报告 §2.2，图 2.2.3 与正文），下面哪一句是数据支持的？",
            "About the stages of firms of different headcount (report §2.2, figure 2.2.3 and its "
            "text), which statement does the data support?",
        ),
        options=(
            Option(
                "majority_ops",
                "多数 301—500 人的企业已进入智能运营阶段",
                "Most firms with 301-500 staff have reached the intelligent-operations stage",
            ),
            Option(
                "bigger_later",
                f"301—500 人的企业处于数字底座建设和智能运营阶段的比例（{_pct(BIG_FOUND)}、"
                f"{_pct(BIG_OPS)}）都高于 101—300 人的企业（{_pct(MID_FOUND)}、{_pct(MID_OPS)}）",
                f"Firms with 301-500 staff are more often at the digital-foundation and "
                f"intelligent-operations stages ({_pct(BIG_FOUND)}, {_pct(BIG_OPS)}) than firms "
                f"with 101-300 staff ({_pct(MID_FOUND)}, {_pct(MID_OPS)})",
            ),
            Option(
                "grow_to_advance",
                f"数据证明：301—500 人的企业处于数字底座建设和智能运营阶段的比例（{_pct(BIG_FOUND)}、"
                f"{_pct(BIG_OPS)}）都高于 101—300 人的企业，所以企业只要增加人数，就会进入更高的阶段",
                f"The data proves it: firms with 301-500 staff are more often at the "
                f"digital-foundation and intelligent-operations stages ({_pct(BIG_FOUND)}, "
                f"{_pct(BIG_OPS)}) than firms with 101-300 staff, so hiring more staff moves a firm "
                "to a later stage",
            ),
            Option(
                "mid_more_single",
                f"101—300 人的企业处于单点尝试阶段的比例高于 100 人以内企业的 {_pct(SMALL_SINGLE)}",
                f"More firms with 101-300 staff are at the single-point stage than the "
                f"{_pct(SMALL_SINGLE)} of firms with up to 100 staff",
            ),
        ),
        checker=choice_is(
            "bigger_later",
            Text(
                f"{_pct(BIG_FOUND)} > {_pct(MID_FOUND)}，{_pct(BIG_OPS)} > {_pct(MID_OPS)}。",
                f"{_pct(BIG_FOUND)} > {_pct(MID_FOUND)}, {_pct(BIG_OPS)} > {_pct(MID_OPS)}.",
            ),
            near={
                "majority_ops": Text(
                    f"只有 {_pct(BIG_OPS)} 处于智能运营阶段，远不是多数。",
                    f"Only {_pct(BIG_OPS)} are at the intelligent-operations stage: far from most.",
                ),
                "grow_to_advance": Text(
                    "调查只能说明不同规模的企业有差异（相关），不能说明人数是原因。",
                    "A survey shows that size bands differ (association), not that headcount is "
                    "the cause.",
                ),
                "mid_more_single": Text(
                    f"方向反了：报告说 100 人以内企业的 {_pct(SMALL_SINGLE)} 明显高于更大规模的企业。",
                    f"The other way round: the report says the {_pct(SMALL_SINGLE)} of firms with up "
                    "to 100 staff is clearly higher than in larger firms.",
                ),
            },
        ),
        hints=(
            Text(
                "图 2.2.3 只给出了少数几个格子的数值，先找到它们。",
                "Figure 2.2.3 gives values for a few cells only: find them first.",
            ),
            Text("“多数”意味着超过 50%。", "'Most' means above 50%."),
        ),
        solution=Text(
            f"第二句正确：301—500 人 {_pct(BIG_FOUND)}、{_pct(BIG_OPS)}，101—300 人 {_pct(MID_FOUND)}、"
            f"{_pct(MID_OPS)}（报告 §2.2）。这是相关而非因果；报告也没有给出这些规模段的样本量。",
            f"The second: 301-500 staff {_pct(BIG_FOUND)}, {_pct(BIG_OPS)}; 101-300 staff "
            f"{_pct(MID_FOUND)}, {_pct(MID_OPS)} (report §2.2). Association, not cause; the "
            "report gives no sample sizes for the bands either.",
        ),
        example_answer="bigger_later",
        wrong_answers=("majority_ops", "grow_to_advance", "mid_more_single"),
        meta=_meta(2, "m02.zjtx_supported"),
    ),
    Question(
        id="m02.g_profiled_assessment",
        module=MODULE,
        graded=True,
        kind="form",  # answered by smedx.ui.assessment.AssessmentForm
        points=2,
        prompt=Text(
            f"用本课的自评表评估你自己的企业：回答全部 {len(_ITEMS)} 道题，选好行业，并填写企业信息中的"
            "人数规模、企业类型和数字化投入占营收比例（同行对标要用到它们；营业收入可不填）。表单会自动保存。"
            "你的企业处于哪个阶段没有标准答案。",
            f"Assess your own company with the module's form: answer all {len(_ITEMS)} items, "
            "choose your industry and fill in the profile's size band, enterprise type and "
            "spending share (the "
            "peer benchmark needs them; revenue is optional). The form saves automatically. "
            "There is no right stage for your company.",
        ),
        checker=_check_profiled_assessment,
        hints=(
            Text(
                "自评表按四个维度分页，每一页的题目都要回答。",
                "The form has a tab per dimension; answer the items on every tab.",
            ),
            Text(
                "企业信息在表单上方：规模、类型和投入比例都要选或填。",
                "The profile is at the top of the form: choose or fill size, type and spending "
                "share.",
            ),
        ),
        solution=Text(
            "没有唯一答案。照实作答并填写完整的企业信息，对标结果才有意义。",
            "There is no single answer. Answer honestly and complete the profile, so the "
            "benchmark means something.",
        ),
        example_answer={"answers": _ANSWERS, "profile": _PROFILE},
        wrong_answers=(
            {"answers": _ANSWERS, "profile": None},
            {"answers": _ANSWERS, "profile": {**_PROFILE, "size_band": None}},
            {"answers": dict(list(_ANSWERS.items())[:-1]), "profile": _PROFILE},
            {"answers": {**_ANSWERS, _ITEMS[0].id: "z"}, "profile": _PROFILE},
            {"stage": "innovation"},
        ),
        form="assessment",
        meta=_meta(5, "m02.self_assessment", answer_id="m02.self_assessment"),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "figure 2.2.3 lacks the value the missing-value item asks about",
        lambda: not ((SIZE["segment_key"] == MISSING[1]) & (SIZE["key"] == MISSING[2])).any(),
    ),
    Premise(
        "the band's shares are possible shares of its number of firms",
        lambda: BAND_EFF in POSSIBLE and BAND_COST in POSSIBLE,
    ),
    Premise(
        "the 301-500 band is ahead of the 101-300 band in both stages",
        lambda: BIG_FOUND > MID_FOUND and BIG_OPS > MID_OPS,
    ),
)
