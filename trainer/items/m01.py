"""Graded items of assignment 01 转型动因 (trainer-only): parallel forms of module 01's practice items.

Each item assesses the same learning objective as the practice item named in
``meta["parallel_of"]`` with other figures, numbers or options, so that the module's "查看答案"
does not answer the assignment. Report numbers are read from :mod:`smedx.data` (the §1.2 effects
through :mod:`smedx.derived`) at import time; nothing here types a report number.
"""

from __future__ import annotations

from smedx import data
from smedx.derived import EFFECT_NAMES, effects
from smedx.exercises.core import (
    Feedback,
    Option,
    Premise,
    Question,
    Text,
    choice_is,
    number_near,
    order_is,
    right,
    set_is,
    wrong,
)

# Module 01's policy table and option builder, so practice and assessment name policies alike.
from smedx.exercises.m01 import _policies, _policy_option

MODULE = "m01"
SAMPLE = int(data.fact("sample_firms")["value"])

# Module 01's learning objectives, as its notebook states them.
OBJECTIVES = {
    1: "1 政策与工具：说出主要政策，并找到适合自己企业的工具 · know the key policies and tools",
    2: "2 宏观数字：正确解读 SMEDI、“小巨人”增速差等数字，发现口径问题 · read the macro numbers "
    "critically",
    3: "3 成效：说明“提质 > 增效 > 降本”，为企业设定合理预期 · explain quality > efficiency > cost "
    "and set realistic expectations",
    4: "4 新技术：说明云、SaaS、人工智能如何降低转型门槛 · explain how cloud, SaaS and AI lower the "
    "threshold",
    5: "5 目标：比较全部样本与不同行业的目标，提出有依据的首要目标 · compare goals across industries "
    "and propose a first goal",
}


def _meta(objective: int, parallel_of: str) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of}


# --- §1.2 effects (another institute's 2023 survey, quoted by the report) ------------------------

EFFECTS = effects().set_index("effect")
BROAD_WEAK_FIRST = EFFECTS.sort_values("at_least_average").index.tolist()
STRONGEST = EFFECTS["clearly_better"].idxmax()
SOURCE_ZH = data.fact(EFFECTS.loc["efficiency", "clear_id"])["source_zh"]
SOURCE_EN = data.fact(EFFECTS.loc["efficiency", "clear_id"])["source_en"]
EFF_BROAD = float(EFFECTS.loc["efficiency", "at_least_average"])
EFF_CLEAR = float(EFFECTS.loc["efficiency", "clearly_better"])
QUALITY_BROAD = float(EFFECTS.loc["quality", "at_least_average"])
QUALITY_CLEAR = float(EFFECTS.loc["quality", "clearly_better"])
COST_CLEAR = float(EFFECTS.loc["cost", "clearly_better"])


def _name(effect: str, lang: str) -> str:
    return EFFECT_NAMES[effect][0 if lang == "zh" else 1]


def _broad_summary(lang: str) -> str:
    sep = "，" if lang == "zh" else ", "
    return sep.join(
        f"{_name(e, lang)} {EFFECTS.loc[e, 'at_least_average']:g}%" for e in BROAD_WEAK_FIRST
    )


# --- §1.2 SMEDI and the 小巨人 profit gap --------------------------------------------------------

SMEDI_2022 = data.fact("smedi_2022")
SMEDI_2023 = data.fact("smedi_2023")
SMEDI_RISE = data.fact("smedi_cumulative_rise_2023")
SMEDI_POINTS = round(SMEDI_2023["value"] - SMEDI_2022["value"], 1)
SMEDI_PERCENT = round(100 * (SMEDI_2023["value"] - SMEDI_2022["value"]) / SMEDI_2022["value"], 1)
XJR_PROFIT = data.fact("xiaojuren_profit_growth_gap")["value"]
XJR_REVENUE = data.fact("xiaojuren_revenue_growth_gap")["value"]

# --- §3.1.1 goals of one industry --------------------------------------------------------------

_goals = data.figure("S3.1.1-goals")
_goals = _goals[_goals["segment_key"] == ""].sort_values("value", ascending=False)
GOAL_KEYS = _goals["key"].tolist()
_goal_value = _goals.set_index("key")["value"]
_goal_label = _goals.set_index("key")[["label_zh", "label_en"]]
CASE_INDUSTRY = "process_manufacturing"
_industry = data.figure("S3.1.1-goals-by-industry", segment_type="industry")
_industry = _industry[_industry["segment_key"] == CASE_INDUSTRY].sort_values(
    "value", ascending=False
)
INDUSTRY_ZH, INDUSTRY_EN = _industry["segment_zh"].iloc[0], _industry["segment_en"].iloc[0]
IND_TOP, IND_SECOND = _industry["key"].iloc[0], _industry["key"].iloc[1]
IND_TOP_VALUE = float(_industry["value"].iloc[0])
IND_SECOND_VALUE = float(_industry["value"].iloc[1])
WHOLE_TOP = GOAL_KEYS[0]
IND_TOP_RANK = GOAL_KEYS.index(IND_TOP) + 1

# --- §1.1 public services policy ----------------------------------------------------------------

SERVICE_POLICY = "miit_2023_sme_public_service_system_opinion"
POLICY_CHOICES = (
    "miit_2022_sme_digital_level_evaluation_indicators",
    "mof_miit_2023_sme_dx_city_pilot",
    SERVICE_POLICY,
    "miit_mof_2022_fiscal_support_dx_pilot",
)


# --- KPI weights for a fictional company (rule designed by this course) -------------------------


def _kpi_case_checker(answer: dict) -> Feedback:
    """Kit rule: 100 in all, and the effect with the strongest evidence weighs at least as much
    as each of the others."""
    keys = EFFECTS.index.tolist()
    weights = {k: float(answer.get(k, 0)) for k in keys}
    total = sum(weights.values())
    if abs(total - 100) > 1e-9:
        return wrong(
            f"三项权重合计应为 100，现在是 {total:g}。",
            f"The three weights must add up to 100; they add up to {total:g}.",
        )
    heavier = [k for k in keys if k != STRONGEST and weights[k] > weights[STRONGEST]]
    if heavier:
        names_zh = "、".join(_name(k, "zh") for k in heavier)
        names_en = ", ".join(_name(k, "en") for k in heavier)
        return wrong(
            f"{names_zh}的权重高于{_name(STRONGEST, 'zh')}（{weights[STRONGEST]:g}）。按本课程的规则，"
            "第一年最有把握显著实现的成效应占最大（或并列最大）的比重。",
            f"{names_en} outweighs {_name(STRONGEST, 'en')} ({weights[STRONGEST]:g}). Under this "
            "course's rule the effect most likely to show clearly in year one carries the largest "
            "(or an equal largest) weight.",
            0.5,
        )
    return right(
        f"与报告证据一致：把最大的权重放在证据最强的{_name(STRONGEST, 'zh')}上。",
        f"Consistent with the evidence: the largest weight is on {_name(STRONGEST, 'en')}, the "
        "effect with the strongest evidence.",
    )


QUESTIONS = [
    Question(
        id="m01.g_effect_broad_rank",
        module=MODULE,
        graded=True,
        kind="ranking",
        points=1,
        prompt=Text(
            "报告 §1.2 引用的调研还给出了一个“宽口径”：产品合格率“达到行业平均水平以上”、人均营收“位于行业平均水平以上”的企业占比，"
            "成本“位于行业平均水平及以下”的企业占比。按这个宽口径，把三类成效从弱到强排序"
            "（占比最低的排第一）。",
            "The survey quoted in §1.2 also gives a broad measure: the share of firms whose quality "
            "or efficiency is 'at or above the industry average', and whose cost is 'at or below "
            "the average'. On this broad measure, rank the three effects from weakest to strongest "
            "(lowest share first).",
        ),
        options=tuple(Option(e, *EFFECT_NAMES[e]) for e in sorted(EFFECTS.index)),
        checker=order_is(
            BROAD_WEAK_FIRST,
            Text(
                f"{_broad_summary('zh')}。宽口径下三者都不低，但降本仍然最弱。",
                f"{_broad_summary('en')}. On the broad measure all three are high, yet cost is "
                "still the weakest.",
            ),
        ),
        hints=(
            Text(
                "看成效图中浅色的柱子（平均及以上 / 平均及以下），不是深色的。",
                "Use the light bars (at or above / at or below the average), not the dark ones.",
            ),
            Text("题目要求从弱到强：最小的数排第一。", "Weakest first: the smallest number first."),
        ),
        solution=Text(
            f"{' < '.join(_name(e, 'zh') for e in BROAD_WEAK_FIRST)}（{_broad_summary('zh')}）。"
            f"数据出自{SOURCE_ZH}，基数是开展了数字化转型的中小企业。",
            f"{' < '.join(_name(e, 'en') for e in BROAD_WEAK_FIRST)} ({_broad_summary('en')}). "
            f"Source: {SOURCE_EN}; the base is SMEs that carried out digital transformation.",
        ),
        example_answer=list(BROAD_WEAK_FIRST),
        wrong_answers=(
            list(reversed(BROAD_WEAK_FIRST)),
            [BROAD_WEAK_FIRST[1], BROAD_WEAK_FIRST[0], BROAD_WEAK_FIRST[2]],
        ),
        meta=_meta(3, "m01.effect_rank"),
    ),
    Question(
        id="m01.g_efficiency_expectation",
        module=MODULE,
        graded=True,
        kind="choice",
        points=2,
        prompt=Text(
            "生产副总说：“上了新系统，第一年我们的人均营业收入就要明显高于同行。”根据报告 §1.2 "
            "引用的数据，最恰当的回应是？",
            "Your production director says: 'With the new system, our revenue per employee must be "
            "clearly above our peers' in the first year.' Based on the data the report quotes in "
            "§1.2, what is the best reply?",
        ),
        options=(
            Option(
                "clearly_most",
                f"目标很现实：{EFF_BROAD:g}% 的企业人均营收明显高于行业平均",
                f"Realistic: {EFF_BROAD:g}% of firms have revenue per employee clearly above "
                "average",
            ),
            Option(
                "drop_efficiency",
                "效率是三类成效中证据最弱的一项，应该放弃效率目标，只考核成本",
                "Efficiency is the weakest of the three effects: drop it and measure cost only",
            ),
            Option(
                "baseline_first",
                f"约 {EFF_BROAD:g}% 的企业人均营收位于行业平均水平以上，但明显高于平均的只有约 "
                f"{EFF_CLEAR:g}%。“明显领先”的目标应更谨慎，并先测出基线",
                f"About {EFF_BROAD:g}% of firms are at or above the average, but only about "
                f"{EFF_CLEAR:g}% are clearly above it. Be more cautious about 'clearly ahead' and "
                "measure a baseline first",
            ),
            Option(
                "this_survey",
                f"这些数字来自本报告对 {SAMPLE} 家企业的问卷调研，覆盖多个行业和规模；多数同类企业"
                "已经做到，所以只要系统上线，我们第一年就能达到“明显高于同行”",
                f"These numbers come from this report's own survey of {SAMPLE} firms across "
                "industries and sizes; most comparable firms already got there, so once the system "
                "is live we can be clearly ahead of our peers in year one",
            ),
        ),
        checker=choice_is(
            "baseline_first",
            Text(
                f"“平均及以上”（{EFF_BROAD:g}%）和“明显优于”（约 {EFF_CLEAR:g}%）差得很远。",
                f"'At or above average' ({EFF_BROAD:g}%) is far from 'clearly above' (about "
                f"{EFF_CLEAR:g}%).",
            ),
            near={
                "clearly_most": Text(
                    f"{EFF_BROAD:g}% 是“位于行业平均水平以上”的比例，不是“明显高于”。",
                    f"{EFF_BROAD:g}% is the share 'at or above the average', not 'clearly above'.",
                ),
                "drop_efficiency": Text(
                    f"证据最弱的是降本（明显优于的仅约 {COST_CLEAR:g}%），不是效率。",
                    f"The weakest evidence is for cost (only about {COST_CLEAR:g}% clearly "
                    "better), not efficiency.",
                ),
                "this_survey": Text(
                    "看数据来源：这是报告转引的另一家机构的调研。",
                    "Check the source: the report quotes another institute's survey here.",
                ),
            },
        ),
        hints=(
            Text(
                "效率有两个数字：哪一个是“明显优于”？",
                "Efficiency has two numbers: which one is 'clearly better'?",
            ),
            Text("看图下的数据来源。", "Read the source line under the chart."),
        ),
        solution=Text(
            f"应先测基线、把“明显领先”的目标定得更谨慎。效率：平均水平以上约 {EFF_BROAD:g}%，明显高于平均约 "
            f"{EFF_CLEAR:g}%；数据来自{SOURCE_ZH}，"
            "描述的是已开展转型的企业整体，不是对某家企业第一年的承诺。",
            f"Measure a baseline and be cautious about 'clearly ahead'. Efficiency: about "
            f"{EFF_BROAD:g}% at or above average, about {EFF_CLEAR:g}% clearly "
            f"above. The source is {SOURCE_EN}; it describes transformed firms overall, not a "
            "first-year promise for one company.",
        ),
        example_answer="baseline_first",
        wrong_answers=("clearly_most", "drop_efficiency", "this_survey"),
        meta=_meta(3, "m01.cost_expectation"),
    ),
    Question(
        id="m01.g_smedi_percent",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"报告 §1.2：SMEDI 平均值从 {SMEDI_2022['period']} 年的 {SMEDI_2022['value']:g} 升到 "
            f"{SMEDI_2023['period']} 年的 {SMEDI_2023['value']:g}。按百分比（不是点数）计算，上升了"
            "百分之多少？保留一位小数。",
            f"Report §1.2: the SMEDI average rose from {SMEDI_2022['value']:g} in "
            f"{SMEDI_2022['period']} to {SMEDI_2023['value']:g} in {SMEDI_2023['period']}. By "
            "what percentage (not points) did it rise? One decimal.",
        ),
        checker=number_near(
            SMEDI_PERCENT,
            0.06,
            Text(
                f"({SMEDI_2023['value']:g} − {SMEDI_2022['value']:g}) ÷ {SMEDI_2022['value']:g} ≈ "
                f"{SMEDI_PERCENT:g}%：上升 {SMEDI_POINTS:g} 点，约合 {SMEDI_PERCENT:g}%。",
                f"({SMEDI_2023['value']:g} − {SMEDI_2022['value']:g}) ÷ {SMEDI_2022['value']:g} "
                f"≈ {SMEDI_PERCENT:g}%: {SMEDI_POINTS:g} points is about {SMEDI_PERCENT:g}%.",
            ),
            "%",
        ),
        hints=(
            Text("百分比变化 = 变化量 ÷ 原来的值 × 100。", "Percent change = change ÷ old × 100."),
            Text(
                f"原来的值是 {SMEDI_2022['period']} 年的平均值。",
                f"The old value is the {SMEDI_2022['period']} average.",
            ),
        ),
        solution=Text(
            f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_POINTS:g} 点；"
            f"{SMEDI_POINTS:g} ÷ {SMEDI_2022['value']:g} × 100 ≈ {SMEDI_PERCENT:g}%。点数和百分比是"
            f"两回事；报告说的“累计上升 {SMEDI_RISE['value']:g} 点”又是另一种口径。",
            f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_POINTS:g} points; "
            f"{SMEDI_POINTS:g} ÷ {SMEDI_2022['value']:g} × 100 ≈ {SMEDI_PERCENT:g}%. Points and "
            f"percent differ; the report's 'rose {SMEDI_RISE['value']:g} points' is yet another "
            "measure.",
        ),
        example_answer=SMEDI_PERCENT,
        wrong_answers=(
            SMEDI_POINTS,
            SMEDI_RISE["value"],
            round(100 * SMEDI_2023["value"] / SMEDI_2022["value"], 1),
        ),
        number_range=(-100, 1000),
        meta=_meta(2, "m01.smedi_gap"),
    ),
    Question(
        id="m01.g_quality_reading",
        module=MODULE,
        graded=True,
        kind="choice",
        points=2,
        prompt=Text(
            f"同事在协会简报草稿里写：“{QUALITY_BROAD:g}% 的中小企业通过数字化转型，产品质量超过了"
            "同行。”对照报告 §1.2，这句话该怎么改？",
            f"A colleague's draft newsletter says: '{QUALITY_BROAD:g}% of SMEs beat their peers on "
            "quality thanks to digital transformation.' Checking §1.2, how should it be fixed?",
        ),
        options=(
            Option(
                "fine",
                "不用改，报告就是这样说的",
                "Leave it: that is what the report says",
            ),
            Option(
                "measure_and_source",
                f"报告说的是超过 {QUALITY_BROAD:g}% 的企业产品合格率“达到行业平均水平以上”，明显高于的约 {QUALITY_CLEAR:g}%；"
                "基数是已开展转型的企业，数字出自报告转引的另一家机构调研，也不能说明是转型“带来”的。"
                "应写明口径和来源",
                f"The report says more than {QUALITY_BROAD:g}% have a pass rate 'at or above the "
                f"industry average', about {QUALITY_CLEAR:g}% clearly above it; the base is firms "
                "that transformed, the number comes from another institute's survey the report "
                "quotes, and it does not show the transformation caused it. State the measure and "
                "the source",
            ),
            Option(
                "swap",
                f"把 {QUALITY_BROAD:g}% 换成 {QUALITY_CLEAR:g}%，其余不变",
                f"Replace {QUALITY_BROAD:g}% with {QUALITY_CLEAR:g}% and keep the rest",
            ),
            Option(
                "drop",
                "这个数字不可信，删掉所有成效数据",
                "The number cannot be trusted: drop all the effects data",
            ),
        ),
        checker=choice_is(
            "measure_and_source",
            Text(
                "口径（平均及以上 vs 明显优于）、基数（已转型企业）、来源（转引）和因果，四点都要交代。",
                "Measure (at or above vs clearly better), base (transformed firms), source (quoted) "
                "and causation: all four need stating.",
            ),
            near={
                "swap": Text(
                    f"换成 {QUALITY_CLEAR:g}% 口径对了，但仍没有说明基数、来源，也仍在暗示因果。",
                    f"{QUALITY_CLEAR:g}% fixes the measure, but the base, the source and the "
                    "implied causation are still wrong.",
                ),
                "fine": Text(
                    "报告说的是“达到行业平均水平以上”，不是“超过同行”。",
                    "The report says 'at or above the industry average', not 'beat their peers'.",
                ),
                "drop": Text(
                    "数字本身没有问题，问题在于怎么转述它：写清口径和来源即可。",
                    "The number is fine; the problem is how it is retold: state its measure and "
                    "source.",
                ),
            },
        ),
        hints=(
            Text(
                "“平均及以上”包含“正好平均”的企业吗？",
                "Does 'at or above average' include firms that are just average?",
            ),
            Text(
                "这组数字是谁调研的，调研的是哪些企业？",
                "Whose survey is this, and which firms did it cover?",
            ),
        ),
        solution=Text(
            f"可写为：“据报告转引的{SOURCE_ZH}，开展数字化转型的中小企业中，超过 {QUALITY_BROAD:g}% 的产品"
            f"合格率达到行业平均水平以上，约 {QUALITY_CLEAR:g}% 明显高于行业平均。”不写“因为转型”。",
            f"Write: 'According to {SOURCE_EN}, quoted in the report, among SMEs that carried out "
            f"digital transformation {QUALITY_BROAD:g}% have a product pass rate at or above the "
            f"industry average and {QUALITY_CLEAR:g}% clearly above it.' Do not write 'thanks to'.",
        ),
        example_answer="measure_and_source",
        wrong_answers=("fine", "swap", "drop"),
        meta=_meta(2, "m01.smedi_reading"),
    ),
    Question(
        id="m01.g_xiaojuren_profit",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"报告 §1.2：专精特新“小巨人”企业的利润总额增速比规模以上工业中小企业高出 {XJR_PROFIT:g} "
            "个百分点。下面哪种理解是正确的？",
            f"Report §1.2: the total-profit growth of 'little giant' firms (专精特新) is "
            f"{XJR_PROFIT:g} percentage points higher than that of industrial SMEs above "
            "designated size. Which reading is right?",
        ),
        options=(
            Option(
                "times",
                f"“小巨人”的利润是规上工业中小企业的 {1 + XJR_PROFIT / 100:g} 倍",
                f"Little giants' profit is {1 + XJR_PROFIT / 100:g} times that of industrial SMEs",
            ),
            Option(
                "rate",
                f"“小巨人”的利润总额增长了 {XJR_PROFIT:g}%",
                f"Little giants' total profit grew by {XJR_PROFIT:g}%",
            ),
            Option(
                "four_times",
                f"利润增速差是营收增速差（{XJR_REVENUE:g} 个百分点）的约 "
                f"{XJR_PROFIT / XJR_REVENUE:.0f} 倍，说明“小巨人”每多一元营收带来的利润更多，"
                f"所以它们的利润率是其他企业的 {XJR_PROFIT / XJR_REVENUE:.0f} 倍",
                f"The profit gap is about {XJR_PROFIT / XJR_REVENUE:.0f} times the revenue gap "
                f"({XJR_REVENUE:g} points), so each extra yuan of revenue brings little giants "
                f"more profit: their margin is {XJR_PROFIT / XJR_REVENUE:.0f} times the others'",
            ),
            Option(
                "points_gap",
                f"两个增速之差为 {XJR_PROFIT:g} 个百分点；报告没有给出规上工业中小企业的利润增速，"
                "所以不知道“小巨人”的实际增速",
                f"The two growth rates differ by {XJR_PROFIT:g} points; the report gives no base "
                "rate, so the little giants' actual growth is unknown",
            ),
        ),
        checker=choice_is(
            "points_gap",
            Text(
                "“个百分点”是两个增速之差，没有基准增速就算不出实际增速，更推不出利润或利润率的倍数。",
                "Percentage points are a difference of two rates; without the base rate there is "
                "no actual growth, let alone a multiple of profit or margin.",
            ),
            near={
                "times": Text(
                    "增速之差说的是增长快慢，不是利润规模的倍数。",
                    "A gap in growth rates is about speed of growth, not a multiple of profit.",
                ),
                "rate": Text(
                    f"{XJR_PROFIT:g} 是“高出”的部分，不是增速本身。",
                    f"{XJR_PROFIT:g} is the difference, not the growth rate itself.",
                ),
                "four_times": Text(
                    "增速差之间的倍数说明不了利润率：报告没有给出任何利润率。",
                    "A ratio of two growth gaps says nothing about margins: the report gives none.",
                ),
            },
        ),
        hints=(
            Text("“个百分点”和“%”有什么区别？", "How do 'percentage points' differ from '%'?"),
            Text("报告给出基准增速了吗？", "Does the report give the base growth rate?"),
        ),
        solution=Text(
            f"增速之差：利润总额增速高 {XJR_PROFIT:g} 个百分点（营收增速高 {XJR_REVENUE:g} 个百分点）。"
            "基准增速报告没有给出（来源：工信部数据），所以只能说“小巨人”增长更快，不能说快多少倍。",
            f"A gap between growth rates: profit +{XJR_PROFIT:g} points (revenue "
            f"+{XJR_REVENUE:g}). The base rates are not given (source: MIIT data): little giants "
            "grew faster, but by how many times cannot be said.",
        ),
        example_answer="points_gap",
        wrong_answers=("times", "rate", "four_times"),
        meta=_meta(2, "m01.xiaojuren_reading"),
    ),
    Question(
        id="m01.g_goal_process_mfg",
        module=MODULE,
        graded=True,
        kind="choice",
        points=2,
        prompt=Text(
            f"案例：一家 150 人的{INDUSTRY_ZH}企业（虚构）请你建议第一个转型目标，并用同行业企业的数据"
            f"支持。按报告 §3.1.1，{INDUSTRY_ZH}企业最常把哪个目标放在首位？",
            f"Case: a (fictional) 150-person company in {INDUSTRY_EN} asks you for a first "
            "transformation goal backed by what peers in its industry do. According to §3.1.1, "
            f"which goal do {INDUSTRY_EN} SMEs most often put first?",
        ),
        options=tuple(
            Option(k, _goal_label.loc[k, "label_zh"], _goal_label.loc[k, "label_en"])
            for k in GOAL_KEYS
        ),
        checker=choice_is(
            IND_TOP,
            Text(
                f"{INDUSTRY_ZH}：{_goal_label.loc[IND_TOP, 'label_zh']} {IND_TOP_VALUE:g}%，"
                f"而在全部样本中它只排第 {IND_TOP_RANK} 位。",
                f"{INDUSTRY_EN}: {_goal_label.loc[IND_TOP, 'label_en']} {IND_TOP_VALUE:g}%, "
                f"although it ranks only #{IND_TOP_RANK} in the whole sample.",
            ),
            near={
                WHOLE_TOP: Text(
                    f"这是全部样本的首要目标（{_goal_value[WHOLE_TOP]:g}%），题目问的是{INDUSTRY_ZH}。",
                    f"That is the whole sample's top goal ({_goal_value[WHOLE_TOP]:g}%); the "
                    f"question is about {INDUSTRY_EN}.",
                ),
                IND_SECOND: Text(
                    f"接近了：这是该行业的第二位（{IND_SECOND_VALUE:g}%）。",
                    f"Close: that is the industry's second goal ({IND_SECOND_VALUE:g}%).",
                ),
            },
        ),
        hints=(
            Text(
                f"在按行业的目标热力图中找“{INDUSTRY_ZH}”这一行。",
                f"Find the '{INDUSTRY_EN}' row in the goals-by-industry heatmap.",
            ),
        ),
        solution=Text(
            f"{_goal_label.loc[IND_TOP, 'label_zh']}（{IND_TOP_VALUE:g}%），其次是"
            f"{_goal_label.loc[IND_SECOND, 'label_zh']}（{IND_SECOND_VALUE:g}%）；全部样本排第一的是"
            f"{_goal_label.loc[WHOLE_TOP, 'label_zh']}（{_goal_value[WHOLE_TOP]:g}%）。报告没有给出各行业"
            "的样本量，行业数字宜作参考。",
            f"{_goal_label.loc[IND_TOP, 'label_en']} ({IND_TOP_VALUE:g}%), then "
            f"{_goal_label.loc[IND_SECOND, 'label_en']} ({IND_SECOND_VALUE:g}%); the whole sample "
            f"puts {_goal_label.loc[WHOLE_TOP, 'label_en']} first ({_goal_value[WHOLE_TOP]:g}%). "
            "The report gives no sample size per industry: treat the numbers as indicative.",
        ),
        example_answer=IND_TOP,
        wrong_answers=(WHOLE_TOP, IND_SECOND),
        meta=_meta(5, "m01.goal_for_industry"),
    ),
    Question(
        id="m01.g_policy_services",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            "你的企业想就近找公共服务机构做人才培训和诊断咨询。报告 §1.1 介绍的哪份文件提出发挥国家、"
            "省、市、县四级中小企业公共服务机构的作用，提供这类服务？",
            "Your company wants training and diagnostic consulting from a nearby public service "
            "body. Which document introduced in §1.1 mobilises the national, provincial, city and "
            "county SME public service bodies to offer such services?",
        ),
        options=tuple(_policy_option(p) for p in POLICY_CHOICES),
        checker=choice_is(
            SERVICE_POLICY,
            Text(
                _policies.loc[SERVICE_POLICY, "summary_zh"],
                _policies.loc[SERVICE_POLICY, "summary_en"],
            ),
            near={
                "miit_2022_sme_digital_level_evaluation_indicators": Text(
                    "《评测指标》是企业自我诊断的工具，不是组织服务机构的文件。",
                    "The evaluation indicators are a self-diagnosis tool, not a document that "
                    "organises service bodies.",
                ),
                "miit_mof_2022_fiscal_support_dx_pilot": Text(
                    "这份通知支持的是公共服务平台和试点企业的财政试点，不是四级公共服务机构。",
                    "This notice funds pilot platforms and pilot firms; it does not organise the "
                    "four levels of public service bodies.",
                ),
                "mof_miit_2023_sme_dx_city_pilot": Text(
                    "城市试点文件讲的是分批组织城市试点，不是四级公共服务机构。",
                    "The city-pilot notice organises pilots by city, not the four levels of "
                    "public service bodies.",
                ),
            },
        ),
        hints=(
            Text(
                "在政策时间线中读一读 2023 年的文件。",
                "Read the 2023 documents in the policy timeline.",
            ),
            Text("关键词：“四级”“公共服务”。", "Keywords: 'four levels', 'public service'."),
        ),
        solution=Text(
            f"《{_policies.loc[SERVICE_POLICY, 'title_zh']}》（{_policies.loc[SERVICE_POLICY, 'doc_number']}，"
            f"{_policies.loc[SERVICE_POLICY, 'date']}）：{_policies.loc[SERVICE_POLICY, 'summary_zh']}",
            f"{_policies.loc[SERVICE_POLICY, 'title_en']} "
            f"({_policies.loc[SERVICE_POLICY, 'doc_number']}, {_policies.loc[SERVICE_POLICY, 'date']}): "
            f"{_policies.loc[SERVICE_POLICY, 'summary_en']}",
        ),
        example_answer=SERVICE_POLICY,
        wrong_answers=tuple(p for p in POLICY_CHOICES if p != SERVICE_POLICY),
        meta=_meta(1, "m01.policy_tool"),
    ),
    Question(
        id="m01.g_ai_examples",
        module=MODULE,
        graded=True,
        kind="multi",
        points=1,
        prompt=Text(
            "报告 §1.3 说人工智能正助力中小企业降本增效。报告举了哪些应用例子？（可多选）",
            "§1.3 says AI helps SMEs cut costs and raise efficiency. Which examples of use does "
            "the report give? (several may apply)",
        ),
        options=(
            Option(
                "inspection",
                "在生产制造中用于智能制造、智能检测",
                "Smart manufacturing and smart inspection in production",
            ),
            Option(
                "demand",
                "实时分析供应链数据、预测需求变化，及时调整库存和采购",
                "Real-time supply-chain analysis to forecast demand and adjust stock and "
                "purchasing",
            ),
            Option(
                "routes",
                "规划智能配送路线，减少运输时间和成本",
                "Planning delivery routes to cut transport time and cost",
            ),
            Option(
                "no_staff",
                "让企业不再需要数字化人才",
                "Removing the need for digitally skilled staff",
            ),
            Option(
                "free",
                "让转型不再需要任何资金投入",
                "Making transformation free of any spending",
            ),
        ),
        checker=set_is(
            {"inspection", "demand", "routes"},
            Text(
                "报告列举了智能制造与检测、供应链预测和配送路线规划。人才和资金仍是 §3.3.1 中的主要困难。",
                "The report lists smart manufacturing and inspection, supply-chain forecasting and "
                "route planning. Talent and funding remain major difficulties in §3.3.1.",
            ),
        ),
        hints=(
            Text("只选 §1.3 中写到的例子。", "Pick only examples written in §1.3."),
            Text(
                "报告在第三章把缺人才、缺资金列为主要困难。",
                "Chapter 3 lists lack of talent and funding as major difficulties.",
            ),
        ),
        solution=Text(
            "智能制造与智能检测、供应链数据分析与需求预测、智能配送路线规划。报告没有说人工智能让企业"
            "不需要人才或资金。",
            "Smart manufacturing and inspection, supply-chain analysis and demand forecasting, "
            "delivery route planning. The report does not say AI removes the need for talent or "
            "money.",
        ),
        example_answer=["inspection", "demand", "routes"],
        wrong_answers=(
            ["inspection", "no_staff"],
            ["free"],
            ["inspection", "demand", "routes", "free"],
        ),
        meta=_meta(4, "m01.saas_claims"),
    ),
    Question(
        id="m01.g_kpi_case",
        module=MODULE,
        graded=True,
        kind="allocation",
        points=2,
        prompt=Text(
            "一家虚构的 60 人食品加工企业正在制定数字化项目第一年的成效考核权重（质量 / 效率 / 成本，"
            "合计 100）。按本课程设计的规则给出一组权重：合计为 100，且证据最强的成效（见 §1.2 成效图中"
            "“明显优于行业平均”的比例）的权重不低于其他任何一项。",
            "A fictional 60-person food processor is setting first-year targets for its digital "
            "project across quality / efficiency / cost (100 points in total). Give weights under "
            "the course's rule: the total is 100, and the effect with the strongest evidence (the "
            "'clearly better than average' shares in the §1.2 effects chart) weighs no less than "
            "any other.",
        ),
        options=tuple(Option(e, *EFFECT_NAMES[e]) for e in EFFECTS.index),
        checker=_kpi_case_checker,
        hints=(
            Text("先让三项加起来等于 100。", "First make the three add up to 100."),
            Text(
                "哪一类成效“明显优于行业平均”的企业最多？",
                "Which effect has the most firms clearly better than average?",
            ),
        ),
        solution=Text(
            f"例如 质量 50、效率 30、成本 20。证据最强的是{_name(STRONGEST, 'zh')}（明显优于行业平均约 "
            f"{EFFECTS.loc[STRONGEST, 'clearly_better']:g}%）。这条规则是本课程的设定，不是报告的结论。",
            f"For example quality 50, efficiency 30, cost 20. The strongest evidence is for "
            f"{_name(STRONGEST, 'en')} (about {EFFECTS.loc[STRONGEST, 'clearly_better']:g}% clearly "
            "better than average). The rule is this course's, not the report's.",
        ),
        example_answer={"quality": 50, "efficiency": 30, "cost": 20},
        wrong_answers=(
            {"quality": 20, "efficiency": 30, "cost": 50},
            {"quality": 30, "efficiency": 40, "cost": 30},
            {"quality": 60, "efficiency": 30, "cost": 20},
        ),
        meta=_meta(3, "m01.kpi_weights"),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "the industry case must differ from the whole sample",
        lambda: IND_TOP != WHOLE_TOP,
    ),
)
