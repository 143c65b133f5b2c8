"""Module 01 转型动因: interpretation of the report's context numbers and a first decision.

Report numbers are read from :mod:`smedx.data` (through :mod:`smedx.derived` for the
§1.2 effects) at import time; nothing here types a report number.
"""

from __future__ import annotations

from smedx import data
from smedx.derived import EFFECT_NAMES, effects
from smedx.exercises.core import (
    Feedback,
    Option,
    Question,
    Text,
    choice_is,
    number_near,
    order_is,
    right,
    set_is,
    wrong,
)

MODULE = "m01"

# --- §1.2 effects: quality > efficiency > cost (another institute's 2023 survey) ----------------

EFFECTS = effects()
EFFECT_ORDER = EFFECTS.sort_values("clearly_better", ascending=False)["effect"].tolist()
BROAD_ORDER = EFFECTS.sort_values("at_least_average", ascending=False)["effect"].tolist()
_effect = EFFECTS.set_index("effect")
WEAKEST = EFFECT_ORDER[-1]
EFFECT_SOURCE_ZH = data.fact(_effect.loc["cost", "clear_id"])["source_zh"]
EFFECT_SOURCE_EN = data.fact(_effect.loc["cost", "clear_id"])["source_en"]
COST_BROAD = float(_effect.loc["cost", "at_least_average"])
COST_CLEAR = float(_effect.loc["cost", "clearly_better"])
QUALITY_CLEAR = float(_effect.loc["quality", "clearly_better"])
EFFICIENCY_CLEAR = float(_effect.loc["efficiency", "clearly_better"])


def _effect_summary(lang: str) -> str:
    name = 0 if lang == "zh" else 1
    return ("，" if lang == "zh" else ", ").join(
        f"{EFFECT_NAMES[e][name]} {_effect.loc[e, 'clearly_better']:g}%" for e in EFFECT_ORDER
    )


# --- §1.2 SMEDI: averages 88.4 -> 89.2, yet "累计上升 1.1 点" -----------------------------------

SMEDI_2022 = data.fact("smedi_2022")
SMEDI_2023 = data.fact("smedi_2023")
SMEDI_RISE = data.fact("smedi_cumulative_rise_2023")
SMEDI_GAP = round(SMEDI_2023["value"] - SMEDI_2022["value"], 1)

# --- §1.2 小巨人 growth gaps ---------------------------------------------------------------------

XJR_REVENUE = data.fact("xiaojuren_revenue_growth_gap")["value"]
XJR_PROFIT = data.fact("xiaojuren_profit_growth_gap")["value"]

# --- §3.1.1 goals, whole sample and by industry --------------------------------------------------

GOALS_FIGURE, GOALS_BY_INDUSTRY = "S3.1.1-goals", "S3.1.1-goals-by-industry"
_goals = data.figure(GOALS_FIGURE)
_goals = _goals[_goals["segment_key"] == ""].sort_values("value", ascending=False)
GOAL_KEYS = _goals["key"].tolist()
_goal_value = _goals.set_index("key")["value"]
_goal_label = _goals.set_index("key")[["label_zh", "label_en"]]
PROFILE_INDUSTRY = "it_services"
_industry = data.figure(GOALS_BY_INDUSTRY, segment_type="industry")
_industry = _industry[_industry["segment_key"] == PROFILE_INDUSTRY].sort_values(
    "value", ascending=False
)
INDUSTRY_ZH = _industry["segment_zh"].iloc[0]
INDUSTRY_EN = _industry["segment_en"].iloc[0]
INDUSTRY_TOP = _industry["key"].iloc[0]
INDUSTRY_TOP_VALUE = float(_industry["value"].iloc[0])
INDUSTRY_SECOND = _industry["key"].iloc[1]
INDUSTRY_SECOND_VALUE = float(_industry["value"].iloc[1])
WHOLE_TOP = GOAL_KEYS[0]
INDUSTRY_TOP_RANK_OVERALL = GOAL_KEYS.index(INDUSTRY_TOP) + 1

# --- §1.1 the self-diagnosis tool ------------------------------------------------------------

_policies = data.policies().set_index("policy_id")
TOOL_POLICY = "miit_2022_sme_digital_level_evaluation_indicators"
POLICY_CHOICES = (
    "miit_2020_sme_digital_empowerment_action_plan",
    TOOL_POLICY,
    "miit_2022_sme_dx_guide",
    "mof_miit_2023_sme_dx_city_pilot",
)


def _policy_option(policy_id: str) -> Option:
    row = _policies.loc[policy_id]
    return Option(
        policy_id, f"{row['title_zh']}（{row['date']}）", f"{row['title_en']} ({row['date']})"
    )


# --- own company: KPI weights (rule designed by this course) ----------------------------------


def _kpi_checker(answer: dict) -> Feedback:
    """Sum 100 and the effect with the weakest evidence gets no more than any other (kit rule)."""
    keys = EFFECTS["effect"].tolist()
    weights = {k: float(answer.get(k, 0)) for k in keys}
    total = sum(weights.values())
    if abs(total - 100) > 1e-9:
        return wrong(
            f"三项权重合计应为 100，现在是 {total:g}。",
            f"The three weights must add up to 100; they add up to {total:g}.",
        )
    weakest = weights[WEAKEST]
    heavier = [k for k in keys if k != WEAKEST and weights[k] < weakest]
    if heavier:
        names_zh = "、".join(EFFECT_NAMES[k][0] for k in heavier)
        names_en = ", ".join(EFFECT_NAMES[k][1] for k in heavier)
        return wrong(
            f"{EFFECT_NAMES[WEAKEST][0]}的权重（{weakest:g}）高于{names_zh}。按本课程的规则，证据最弱的"
            "成效不应占最大比重——除非你能说明你的企业为什么例外。",
            f"{EFFECT_NAMES[WEAKEST][1]} ({weakest:g}) outweighs {names_en}. Under this course's "
            "rule the effect with the weakest evidence should not carry the most weight, unless "
            "you can say why your company is different.",
            0.5,
        )
    return right(
        "与报告证据一致：你的考核没有押在最难显著实现的成效上。记下这组权重，在模块 06 制定行动计划时可以参考。",
        "Consistent with the evidence: your targets do not bet on the effect that is hardest to "
        "achieve. Keep these weights in mind for your action plan in module 06.",
    )


QUESTIONS = [
    Question(
        id="m01.effect_rank",
        module=MODULE,
        kind="ranking",
        points=1,
        prompt=Text(
            "报告第 1.2 节引用的调研中，按“明显优于行业平均水平”的企业占比，把数字化转型的三类成效"
            "从强到弱排序。",
            "In the survey the report cites in §1.2, rank the three effects of digital "
            "transformation from strongest to weakest by the share of firms 'clearly better than "
            "the industry average'.",
        ),
        # listed alphabetically by key, so the list order does not give the answer away
        options=tuple(
            Option(e, EFFECT_NAMES[e][0], EFFECT_NAMES[e][1]) for e in sorted(EFFECTS["effect"])
        ),
        checker=order_is(
            EFFECT_ORDER,
            Text(
                f"{_effect_summary('zh')}。报告的结论是：提质最明显，增效次之，降本仍待挖掘。",
                f"{_effect_summary('en')}. The report's reading: quality first, efficiency "
                "second, cost savings still to be unlocked.",
            ),
            near={
                tuple(reversed(EFFECT_ORDER)): Text(
                    "你排成了从弱到强。题目要的是从强到弱：“明显优于”占比最高的排第一。",
                    "You ranked from weakest to strongest. The question asks for strongest "
                    "first: the highest share 'clearly better' goes on top.",
                ),
                (EFFECT_ORDER[1], EFFECT_ORDER[0], EFFECT_ORDER[2]): Text(
                    f"最后一位对了，但前两位颠倒了：再比较{EFFECT_NAMES[EFFECT_ORDER[0]][0]}和"
                    f"{EFFECT_NAMES[EFFECT_ORDER[1]][0]}的深色柱子（明显优于行业平均）。",
                    "The last place is right but the first two are swapped: compare the dark "
                    f"bars ('clearly better') of {EFFECT_NAMES[EFFECT_ORDER[0]][1]} and "
                    f"{EFFECT_NAMES[EFFECT_ORDER[1]][1]} again.",
                ),
            },
        ),
        hints=(
            Text(
                "看“数字化转型成效”图中深色的柱子（明显优于行业平均）。",
                "Look at the dark bars (clearly better than average) in the effects chart.",
            ),
            Text(
                "报告原文：“提质的作用最为明显，增效次之……”",
                "The report: 'the effect on quality is the most obvious, efficiency next …'",
            ),
        ),
        solution=Text(
            f"{' > '.join(EFFECT_NAMES[e][0] for e in EFFECT_ORDER)}（{_effect_summary('zh')}）。"
            f"注意：这些数字出自{EFFECT_SOURCE_ZH}，不是本报告自己的问卷；基数是“开展了数字化转型的中小企业”。",
            f"{' > '.join(EFFECT_NAMES[e][1] for e in EFFECT_ORDER)} ({_effect_summary('en')}). "
            f"Note: these numbers come from {EFFECT_SOURCE_EN}, not from this report's own survey; "
            "the base is SMEs that have carried out digital transformation.",
        ),
        example_answer=list(EFFECT_ORDER),
        wrong_answers=(
            list(reversed(EFFECT_ORDER)),
            [EFFECT_ORDER[1], EFFECT_ORDER[0], EFFECT_ORDER[2]],
        ),
    ),
    Question(
        id="m01.cost_expectation",
        module=MODULE,
        kind="choice",
        points=2,
        prompt=Text(
            "老板说：“数字化转型第一年，我们的成本就要明显低于同行。”根据报告第 1.2 节引用的数据，"
            "最恰当的回应是？",
            "Your boss says: 'In the first year of digital transformation our costs must be "
            "clearly below our peers'.' Based on the data the report cites in §1.2, what is the "
            "best reply?",
        ),
        options=(
            Option(
                "cautious",
                f"降本是三类成效中证据最弱的：只有约 {COST_CLEAR:g}% 的企业成本明显低于行业平均。"
                "应设定更谨慎的降本目标，同时用质量和效率指标衡量早期成效",
                f"Cost is the weakest of the three effects: only about {COST_CLEAR:g}% of firms "
                "have costs clearly below average. Set a more cautious cost target and measure "
                "early results with quality and efficiency too",
            ),
            Option(
                "realistic",
                f"目标很现实：报告引用的数据显示超过 {COST_BROAD:g}% 的企业转型后成本明显低于行业平均，"
                "第一年就降本是多数企业都能做到的，可以直接写进年度目标",
                f"Realistic: the data the report quotes show that more than {COST_BROAD:g}% of "
                "firms have costs clearly below their industry's average after transforming, so "
                "cutting costs in year one is what most firms achieve and can go straight into "
                "the annual targets",
            ),
            Option(
                "postpone",
                "数据表明数字化会推高成本，应推迟转型",
                "The data show digitalisation raises costs, so postpone it",
            ),
            Option(
                "own_survey",
                "这些数据来自本报告对 500 家企业的调研，可以直接作为我们的目标",
                "These numbers come from this report's survey of 500 firms and can be used as our "
                "target directly",
            ),
        ),
        checker=choice_is(
            "cautious",
            Text(
                f"“位于行业平均及以下”（{COST_BROAD:g}%）与“明显低于行业平均”（约 {COST_CLEAR:g}%）差别"
                "很大：多数企业降了一些成本，但很少显著优于同行。",
                f"'At or below the average' ({COST_BROAD:g}%) is very different from 'clearly "
                f"below' (about {COST_CLEAR:g}%): most firms cut some cost, few beat their peers "
                "clearly.",
            ),
            near={
                "realistic": Text(
                    f"{COST_BROAD:g}% 是“位于行业平均水平及以下”的比例，不是“明显低于”。再读一遍原文。",
                    f"{COST_BROAD:g}% is the share 'at or below the average', not 'clearly below'. "
                    "Read the wording again.",
                ),
                "own_survey": Text(
                    "看图下的数据来源：这些数字是报告转引的另一家机构的调研。",
                    "Check the source line: the report quotes another institute's survey here.",
                ),
                "postpone": Text(
                    "报告没有这样说：多数企业的成本在行业平均及以下。",
                    "The report says nothing of the kind: most firms' costs are at or below "
                    "average.",
                ),
            },
        ),
        hints=(
            Text(
                "成本的两个数字分别是什么口径？“平均及以下”和“明显低于”是一回事吗？",
                "What do the two cost numbers measure? Is 'at or below average' the same as "
                "'clearly below'?",
            ),
            Text(
                "和质量、效率比，成本的“明显优于”比例是高还是低？",
                "Compared with quality and efficiency, is cost's 'clearly better' share high or "
                "low?",
            ),
            Text(
                "看看图下的数据来源：是谁做的调研？",
                "Read the source line under the chart: whose survey is it?",
            ),
        ),
        solution=Text(
            f"选“谨慎”。明显优于行业平均的比例：{_effect_summary('zh')}——降本最弱。"
            f"超过 {COST_BROAD:g}% 只说明成本“位于行业平均水平及以下”。数据来源是{EFFECT_SOURCE_ZH}，"
            "而不是本报告的问卷；它描述的是已开展转型的企业整体，不是对某家企业第一年的承诺。",
            f"'Cautious'. Shares clearly better than average: {_effect_summary('en')}; cost is "
            f"the weakest. 'More than {COST_BROAD:g}%' only means costs 'at or below the "
            f"average'. The source is {EFFECT_SOURCE_EN}, not this report's survey; it describes "
            "transformed firms overall, not a first-year promise for one company.",
        ),
        example_answer="cautious",
        wrong_answers=("realistic", "postpone", "own_survey"),
    ),
    Question(
        id="m01.smedi_gap",
        module=MODULE,
        kind="number",
        points=1,
        prompt=Text(
            f"报告第 1.2 节：中小企业发展指数（SMEDI）{SMEDI_2023['period']} 年平均值为 "
            f"{SMEDI_2023['value']:g}，高于 {SMEDI_2022['period']} 年的 {SMEDI_2022['value']:g}。"
            "两年平均值相差多少点？",
            f"Report §1.2: the SME Development Index (SMEDI) averaged {SMEDI_2023['value']:g} in "
            f"{SMEDI_2023['period']}, above {SMEDI_2022['value']:g} in {SMEDI_2022['period']}. "
            "By how many points do the two averages differ?",
        ),
        checker=number_near(
            SMEDI_GAP,
            0.05,
            Text(
                f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_GAP:g} 点。"
                f"请注意报告同一句话里还说“累计上升 {SMEDI_RISE['value']:g} 点”——下一题讨论。",
                f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_GAP:g} points. Note "
                f"the same sentence says the index 'rose {SMEDI_RISE['value']:g} points "
                "cumulatively': see the next exercise.",
            ),
            " 点",
            near={
                SMEDI_RISE["value"]: Text(
                    f"{SMEDI_RISE['value']:g} 是报告写的“累计上升”，不是你算出来的。用两年的平均值"
                    "相减，看看是否一样。",
                    f"{SMEDI_RISE['value']:g} is the report's 'cumulative rise', not your own "
                    "result. Subtract one year's average from the other and see whether they "
                    "match.",
                ),
                SMEDI_2023["value"]: Text(
                    f"{SMEDI_2023['value']:g} 是 {SMEDI_2023['period']} 年的平均值本身；"
                    "题目问的是两年之间相差多少。",
                    f"{SMEDI_2023['value']:g} is the {SMEDI_2023['period']} average itself; the "
                    "question asks for the difference between the two years.",
                ),
            },
        ),
        hints=(
            Text("用 2023 年的平均值减去 2022 年的。", "Subtract the 2022 average from 2023's."),
            Text(
                "不要直接抄报告里的另一个数字，自己算。",
                "Do not copy the other number in the sentence; work it out.",
            ),
        ),
        solution=Text(
            f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_GAP:g} 点，"
            f"而不是报告写的“累计上升 {SMEDI_RISE['value']:g} 点”。",
            f"{SMEDI_2023['value']:g} − {SMEDI_2022['value']:g} = {SMEDI_GAP:g} points, not the "
            f"'{SMEDI_RISE['value']:g} points' the report mentions.",
        ),
        example_answer=SMEDI_GAP,
        wrong_answers=(SMEDI_RISE["value"], SMEDI_2023["value"]),
        number_range=(-100, 100),
    ),
    Question(
        id="m01.smedi_reading",
        module=MODULE,
        kind="choice",
        points=2,
        prompt=Text(
            f"报告说 {SMEDI_RISE['period']} 年 SMEDI“累计上升 {SMEDI_RISE['value']:g} 点”，"
            f"但两年平均值只差 {SMEDI_GAP:g} 点。你要在协会简报里引用这个指数，应该怎么写？",
            f"The report says SMEDI 'rose {SMEDI_RISE['value']:g} points cumulatively' in "
            f"{SMEDI_RISE['period']}, yet the annual averages differ by only {SMEDI_GAP:g}. You "
            "want to quote the index in an association newsletter. What do you write?",
        ),
        options=(
            Option(
                "error",
                f"报告算错了：两年平均值只差 {SMEDI_GAP:g} 点，累计上升 {SMEDI_RISE['value']:g} 点"
                f"不可能成立，简报里应改写为“上升 {SMEDI_GAP:g} 点”并注明是我们的更正",
                f"The report miscalculated: the annual averages differ by only {SMEDI_GAP:g}, so a "
                f"cumulative rise of {SMEDI_RISE['value']:g} is impossible; write 'rose "
                f"{SMEDI_GAP:g} points' in the newsletter and add a footnote saying that the "
                "association corrected the report's figure",
            ),
            Option(
                "two_measures",
                f"两个数字很可能口径不同：{SMEDI_RISE['value']:g} 点是年内累计变化，"
                f"{SMEDI_GAP:g} 点是年平均值之差；报告没有给出起止值，无法核对，引用时分别注明口径",
                f"They probably measure different things: {SMEDI_RISE['value']:g} is the change "
                f"within the year, {SMEDI_GAP:g} the gap between annual averages; the report gives "
                "no start or end values to check, so quote each with what it measures",
            ),
            Option(
                "rounding",
                "差异是四舍五入造成的，可以忽略",
                "The difference is a rounding effect and can be ignored",
            ),
            Option(
                "bigger",
                f"用更大的 {SMEDI_RISE['value']:g} 点，因为它更能说明形势向好",
                f"Use the larger {SMEDI_RISE['value']:g}, since it shows the upturn better",
            ),
        ),
        checker=choice_is(
            "two_measures",
            Text(
                "好的批判性阅读：发现数字对不上时，先想“是不是口径不同”，再看报告给没给足够的信息"
                "核对；不能核对就如实注明。",
                "Good critical reading: when numbers disagree, first ask whether they measure "
                "different things, then whether the report gives enough to check; if not, say so.",
            ),
            near={
                "error": Text(
                    "可能是错误，但也可能是不同口径（年内累计 vs 年平均值）。没有起止值，"
                    "我们无法断定报告算错。",
                    "It may be an error, but it may also be a different measure (within-year vs "
                    "annual average). Without start and end values we cannot say it is wrong.",
                ),
                "rounding": Text(
                    f"四舍五入最多造成约 0.1 的差异，解释不了 {SMEDI_RISE['value'] - SMEDI_GAP:.1f} 点。",
                    "Rounding accounts for at most about 0.1, not "
                    f"{SMEDI_RISE['value'] - SMEDI_GAP:.1f} points.",
                ),
                "bigger": Text(
                    "挑对自己有利的数字而不说明口径，会误导读者。",
                    "Picking the more flattering number without saying what it measures misleads "
                    "readers.",
                ),
            },
        ),
        hints=(
            Text(
                "“累计上升”和“平均值”描述的是同一件事吗？",
                "Do 'cumulative rise' and 'annual average' describe the same thing?",
            ),
            Text(
                "报告有没有给出 2023 年初和年末的指数值？",
                "Does the report give the index at the start and the end of 2023?",
            ),
            Text(
                f"四舍五入能解释 {SMEDI_RISE['value'] - SMEDI_GAP:.1f} 点的差异吗？",
                f"Can rounding explain a gap of {SMEDI_RISE['value'] - SMEDI_GAP:.1f} points?",
            ),
        ),
        solution=Text(
            f"{SMEDI_RISE['value']:g} 点很可能是 {SMEDI_RISE['period']} 年内（如年末相对年初）的"
            f"累计变化，{SMEDI_GAP:g} 点是两个年平均值之差，两者不一定矛盾，但不能混用。报告没有给出"
            f"年内起止值，也没有说明 {SMEDI_2022['period']} 年的 {SMEDI_2022['value']:g} 是否为平均值，"
            f"所以无法核对。引用时写清楚：“{SMEDI_2023['period']} 年平均值 {SMEDI_2023['value']:g}"
            f"（{SMEDI_2022['period']} 年 {SMEDI_2022['value']:g}）；报告称年内累计上升 "
            f"{SMEDI_RISE['value']:g} 点”，并注明来源为中国中小企业协会。",
            f"{SMEDI_RISE['value']:g} is probably the change within {SMEDI_RISE['period']} "
            f"(e.g. end vs start), {SMEDI_GAP:g} the gap between annual averages: not "
            "necessarily a contradiction, but not interchangeable. The report gives no "
            f"within-year values and does not say whether {SMEDI_2022['period']}'s figure is an "
            f"average, so it cannot be checked. Quote: '{SMEDI_2023['period']} average "
            f"{SMEDI_2023['value']:g} ({SMEDI_2022['period']}: {SMEDI_2022['value']:g}); the "
            "report says it rose "
            f"{SMEDI_RISE['value']:g} points over the year', citing the China Association of SMEs.",
        ),
        example_answer="two_measures",
        wrong_answers=("error", "rounding", "bigger"),
    ),
    Question(
        id="m01.xiaojuren_reading",
        module=MODULE,
        kind="choice",
        points=1,
        prompt=Text(
            f"报告第 1.2 节：专精特新“小巨人”企业比规模以上工业中小企业的营业收入增速高出 "
            f"{XJR_REVENUE:g} 个百分点。下面哪种理解是正确的？",
            f"Report §1.2: the revenue growth of SRDI (专精特新) 'little giant' firms is "
            f"{XJR_REVENUE:g} percentage points higher than that of industrial SMEs above "
            "designated size. Which reading is right?",
        ),
        options=(
            Option(
                "growth",
                f"“小巨人”企业的营业收入增长了 {XJR_REVENUE:g}%",
                f"'Little giants' grew their revenue by {XJR_REVENUE:g}%",
            ),
            Option(
                "gap",
                f"若规上工业中小企业营收增速为 x%，“小巨人”约为 (x + {XJR_REVENUE:g})%；报告没有给出 x",
                f"If industrial SMEs grew revenue by x%, 'little giants' grew by about "
                f"(x + {XJR_REVENUE:g})%; the report does not give x",
            ),
            Option(
                "ratio",
                f"“小巨人”企业的营业收入是规上工业中小企业的 {1 + XJR_REVENUE / 100:g} 倍",
                f"'Little giants' have {1 + XJR_REVENUE / 100:g} times the revenue of industrial "
                "SMEs",
            ),
            Option(
                "digital",
                "这证明了数字化转型使“小巨人”增长更快",
                "This proves digital transformation made the little giants grow faster",
            ),
        ),
        checker=choice_is(
            "gap",
            Text(
                "“百分点”是两个百分比之差。报告没给出基准增速，所以不知道“小巨人”的实际增速。",
                "'Percentage points' are a difference between two percentages. Without the base "
                "rate we do not know the little giants' actual growth.",
            ),
            near={
                "digital": Text(
                    "报告只说“小巨人”在创新、效率等方面有优势、增长更快，没有证明这是数字化转型的结果。"
                    "相关不等于因果。",
                    "The report says little giants have advantages and grew faster; it does not "
                    "show that digital transformation caused it. Correlation is not causation.",
                ),
                "growth": Text(
                    f"{XJR_REVENUE:g} 是“高出”的部分，不是增速本身。",
                    f"{XJR_REVENUE:g} is the difference, not the growth rate itself.",
                ),
                "ratio": Text(
                    "“高出 N 个百分点”是两个增速相减的差，不是营收规模的倍数；报告没有比较两类"
                    "企业的营收规模。",
                    "'N percentage points higher' is one growth rate minus another, not a "
                    "multiple of revenue; the report does not compare the two groups' revenue.",
                ),
            },
        ),
        hints=(
            Text("“个百分点”和“%”有什么区别？", "How do 'percentage points' differ from '%'?"),
            Text(
                "报告有没有给出规上工业中小企业的营收增速？",
                "Does the report give the revenue growth of industrial SMEs?",
            ),
        ),
        solution=Text(
            f"增速之差：营收增速高 {XJR_REVENUE:g} 个百分点，利润总额增速高 {XJR_PROFIT:g} 个百分点。"
            "基准增速报告没有给出（来源：工信部数据）。报告把它作为“专精特新”企业增长韧性的证据，"
            "但没有说这是数字化转型造成的。",
            f"Gaps between growth rates: revenue +{XJR_REVENUE:g} pp, total profit "
            f"+{XJR_PROFIT:g} pp. The base rates are not given (source: MIIT data). The report "
            "uses this as evidence of SRDI (专精特新) firms' resilience, not as an effect of digital "
            "transformation.",
        ),
        example_answer="gap",
        wrong_answers=("growth", "ratio", "digital"),
    ),
    Question(
        id="m01.goal_for_industry",
        module=MODULE,
        kind="choice",
        points=2,
        prompt=Text(
            f"案例：一家 80 人的{INDUSTRY_ZH}企业准备启动数字化转型，老板请你提出第一个转型目标的"
            f"建议，并用报告中同行业企业的数据支持。按报告第 3.1.1 节，{INDUSTRY_ZH}企业最常把哪个"
            "目标放在首位？",
            f"Case: an 80-person company in {INDUSTRY_EN} is starting its digital "
            "transformation; the owner asks you to propose a first goal backed by what peers in "
            f"the same industry do. According to §3.1.1, which goal do {INDUSTRY_EN} SMEs most "
            "often put first?",
        ),
        options=tuple(
            Option(k, _goal_label.loc[k, "label_zh"], _goal_label.loc[k, "label_en"])
            for k in GOAL_KEYS
        ),
        checker=choice_is(
            INDUSTRY_TOP,
            Text(
                f"{INDUSTRY_ZH}：{_goal_label.loc[INDUSTRY_TOP, 'label_zh']} {INDUSTRY_TOP_VALUE:g}%，"
                f"而在全部样本中它只排第 {INDUSTRY_TOP_RANK_OVERALL} 位。行业不同，优先目标就不同。",
                f"{INDUSTRY_EN}: {_goal_label.loc[INDUSTRY_TOP, 'label_en']} "
                f"{INDUSTRY_TOP_VALUE:g}%, although it ranks only #{INDUSTRY_TOP_RANK_OVERALL} in the "
                "whole sample. Priorities differ by industry.",
            ),
            near={
                WHOLE_TOP: Text(
                    f"这是全部样本的首要目标（{_goal_value[WHOLE_TOP]:g}%），但题目问的是{INDUSTRY_ZH}。"
                    "看按行业的热力图。",
                    f"That is the whole sample's top goal ({_goal_value[WHOLE_TOP]:g}%), but the "
                    f"question is about {INDUSTRY_EN}. Look at the heatmap by industry.",
                ),
                INDUSTRY_SECOND: Text(
                    f"接近了：这是该行业的第二位（{INDUSTRY_SECOND_VALUE:g}%）。",
                    f"Close: that is the industry's second goal ({INDUSTRY_SECOND_VALUE:g}%).",
                ),
            },
        ),
        hints=(
            Text(
                "全部样本的排序不一定适用于某个行业。",
                "The whole sample's ranking need not hold for one industry.",
            ),
            Text(
                f"在“不同行业的数字化转型目标”热力图中找到“{INDUSTRY_ZH}”这一行。",
                f"Find the '{INDUSTRY_EN}' row in the goals-by-industry heatmap.",
            ),
        ),
        solution=Text(
            f"{_goal_label.loc[INDUSTRY_TOP, 'label_zh']}（{INDUSTRY_TOP_VALUE:g}%），其次是"
            f"{_goal_label.loc[INDUSTRY_SECOND, 'label_zh']}（{INDUSTRY_SECOND_VALUE:g}%）。"
            f"全部样本中排第一的是{_goal_label.loc[WHOLE_TOP, 'label_zh']}"
            f"（{_goal_value[WHOLE_TOP]:g}%），而{_goal_label.loc[INDUSTRY_TOP, 'label_zh']}"
            f"只排第 {INDUSTRY_TOP_RANK_OVERALL} 位"
            f"（{_goal_value[INDUSTRY_TOP]:g}%）。注意：报告没有给出各行业的样本量，"
            "每个行业只是 500 家中的一小部分，宜作参考而非定论；最终目标还要结合你企业自己的问题。",
            f"{_goal_label.loc[INDUSTRY_TOP, 'label_en']} ({INDUSTRY_TOP_VALUE:g}%), then "
            f"{_goal_label.loc[INDUSTRY_SECOND, 'label_en']} ({INDUSTRY_SECOND_VALUE:g}%). In the "
            f"whole sample {_goal_label.loc[WHOLE_TOP, 'label_en']} comes first "
            f"({_goal_value[WHOLE_TOP]:g}%) and {_goal_label.loc[INDUSTRY_TOP, 'label_en']} "
            "ranks only "
            f"#{INDUSTRY_TOP_RANK_OVERALL} ({_goal_value[INDUSTRY_TOP]:g}%). Note: the report "
            "gives no sample size per industry; treat industry numbers as indicative, and weigh "
            "them against your own company's problems.",
        ),
        example_answer=INDUSTRY_TOP,
        wrong_answers=tuple(k for k in (WHOLE_TOP, INDUSTRY_SECOND) if k != INDUSTRY_TOP),
    ),
    Question(
        id="m01.policy_tool",
        module=MODULE,
        kind="choice",
        points=1,
        prompt=Text(
            "你想先给自己的企业做一次数字化“体检”，并且希望结果将来对申报专精特新有帮助。"
            "报告第 1.1 节介绍的哪份文件提供了这样的自我诊断工具？",
            "You want to give your company a digital 'check-up' first, ideally one that also "
            "helps a future SRDI (专精特新) application. Which document introduced in §1.1 provides such "
            "a self-diagnosis tool?",
        ),
        options=tuple(_policy_option(p) for p in POLICY_CHOICES),
        checker=choice_is(
            TOOL_POLICY,
            Text(
                f"{_policies.loc[TOOL_POLICY, 'summary_zh']}模块 02 会带你做一次类似的自我评估。",
                f"{_policies.loc[TOOL_POLICY, 'summary_en']} Module 02 walks you "
                "through a similar self-assessment.",
            ),
            near={
                "miit_2020_sme_digital_empowerment_action_plan": Text(
                    "这份 2020 年的行动方案提出了重点任务和保障措施，是政府的工作部署，"
                    "不是企业自己用的诊断工具。",
                    "The 2020 action plan sets out tasks and safeguards for government work; it "
                    "is not a tool a firm uses to diagnose itself.",
                ),
                "mof_miit_2023_sme_dx_city_pilot": Text(
                    "城市试点是以城市为单位组织的试点工作，不是给单个企业做自我诊断的工具。",
                    "The city pilots are organised city by city; they are not a self-diagnosis "
                    "tool for a single firm.",
                ),
                "miit_2022_sme_dx_guide": Text(
                    "《指南》帮助找准转型定位和思路，但报告说提供“自我诊断科学工具”的是另一份文件。",
                    "The Guide helps firms find their approach; the report names another document "
                    "as the self-diagnosis tool.",
                ),
            },
        ),
        hints=(
            Text(
                "打开上面的政策时间线，逐个读一读 2022 年的文件。",
                "Open the policy timeline above and read the 2022 documents one by one.",
            ),
            Text(
                "关键词：“自我诊断”“专精特新企业认定标准”。",
                "Keywords: 'self-diagnosis', 'SRDI (专精特新) recognition criteria'.",
            ),
        ),
        solution=Text(
            f"《{_policies.loc[TOOL_POLICY, 'title_zh']}》（{_policies.loc[TOOL_POLICY, 'doc_number']}，"
            f"{_policies.loc[TOOL_POLICY, 'date']}）：{_policies.loc[TOOL_POLICY, 'summary_zh']}",
            f"{_policies.loc[TOOL_POLICY, 'title_en']} ({_policies.loc[TOOL_POLICY, 'doc_number']}, "
            f"{_policies.loc[TOOL_POLICY, 'date']}): {_policies.loc[TOOL_POLICY, 'summary_en']}",
        ),
        example_answer=TOOL_POLICY,
        wrong_answers=tuple(p for p in POLICY_CHOICES if p != TOOL_POLICY),
    ),
    Question(
        id="m01.saas_claims",
        module=MODULE,
        kind="multi",
        points=1,
        prompt=Text(
            "报告第 1.3 节说 SaaS 模式“进一步降低了中小企业数字化转型的门槛”。报告给出的理由有哪些？（可多选）",
            "§1.3 says SaaS 'further lowers the threshold' of digital transformation for SMEs. "
            "Which reasons does the report give? (several may apply)",
        ),
        options=(
            Option(
                "subscription",
                "订阅、按需付费，避免一次性较高支出",
                "Subscription, pay as you go: no large one-off outlay",
            ),
            Option(
                "maintenance",
                "由服务商负责软件的升级和维护",
                "The provider upgrades and maintains the software",
            ),
            Option(
                "scaling",
                "可按需增加用户数量、存储容量或更高级的功能",
                "Users, storage or advanced features can be added as needed",
            ),
            Option(
                "security",
                "数据安全和隐私保护不再需要企业操心",
                "Data security and privacy are no longer the firm's concern",
            ),
            Option(
                "no_staff",
                "企业不再需要任何懂数字化的人才",
                "The firm no longer needs any digitally skilled staff",
            ),
        ),
        checker=set_is(
            {"subscription", "maintenance", "scaling"},
            Text(
                "报告列举了订阅付费、服务商维护和灵活扩展三点。数据安全和人才仍是报告第 3.3.1 节中的主要挑战。",
                "The report lists subscription pricing, provider maintenance and flexible "
                "scaling. Data security and talent remain major challenges in §3.3.1.",
            ),
            why_not={
                "security": Text(
                    "第 1.3 节没有这样说；在第 3.3.1 节中，数据安全和隐私保护仍是中小企业的主要挑战之一，"
                    "用 SaaS 时数据交给了服务商，更要问清楚。",
                    "§1.3 does not say so; in §3.3.1 data security and privacy remain a major "
                    "challenge, and with SaaS your data sit with the provider, so ask all the "
                    "more.",
                ),
                "no_staff": Text(
                    "第 1.3 节没有这样说；缺乏专业人才恰是第 3.3.1 节中排在首位的挑战，软件再好也要有人用好它。",
                    "§1.3 does not say so; lack of skilled staff is the top challenge in §3.3.1, "
                    "and even good software needs people who use it well.",
                ),
            },
        ),
        hints=(
            Text(
                "只选报告第 1.3 节中写到的理由，不选你自己推断的。",
                "Pick only reasons written in §1.3, not ones you infer.",
            ),
            Text(
                "模块 03 会看到：缺乏人才和数据安全都是中小企业常提的困难。",
                "In module 03 you will see that lack of talent and data security are common "
                "difficulties.",
            ),
        ),
        solution=Text(
            "订阅按需付费（避免一次性较高支出）、服务商负责升级维护、灵活扩展。报告没有说 SaaS "
            "解决了数据安全或人才问题——恰恰相反，它们在第三章中是主要挑战。选 SaaS 时仍要问清"
            "数据安全和谁来用好它。",
            "Subscription pricing (no large one-off outlay), provider maintenance and flexible "
            "scaling. The report does not say SaaS solves data security or talent; chapter 3 "
            "lists both as major challenges. When choosing SaaS, still ask about data security "
            "and who will use it well.",
        ),
        example_answer=["subscription", "maintenance", "scaling"],
        wrong_answers=(
            ["subscription", "security"],
            ["no_staff"],
            ["subscription", "maintenance", "scaling", "security"],
        ),
    ),
    Question(
        id="m01.kpi_weights",
        module=MODULE,
        kind="allocation",
        points=2,
        prompt=Text(
            "为你自己企业第一年的数字化项目分配成效考核权重（质量 / 效率 / 成本，合计 100）。"
            "没有唯一正确答案；检查的是与报告证据是否一致。规则（本课程自行设计）：合计为 100，"
            "且证据最弱的成效（见第 1.2 节的成效图）的权重不高于其他任何一项。",
            "Split the first-year targets of your own company's digital project across quality "
            "/ efficiency / cost (100 points in total). There is no single right answer; the check "
            "is consistency with the report's evidence. Rule (designed by this course): the total "
            "is 100, and the effect with the weakest evidence (see the §1.2 effects chart) weighs "
            "no more than any other.",
        ),
        options=tuple(Option(e, EFFECT_NAMES[e][0], EFFECT_NAMES[e][1]) for e in EFFECTS["effect"]),
        checker=_kpi_checker,
        hints=(
            Text("先让三个滑块加起来等于 100。", "First make the three sliders add up to 100."),
            Text(
                "哪一类成效“明显优于行业平均”的企业最少？",
                "Which effect has the fewest firms clearly better than average?",
            ),
            Text(
                "想想你企业最痛的问题是质量、效率还是成本，再在规则内调整。",
                "Think about whether your worst problem is quality, efficiency or cost, then "
                "adjust within the rule.",
            ),
        ),
        solution=Text(
            f"例如 质量 40、效率 40、成本 20。证据最弱的是{EFFECT_NAMES[WEAKEST][0]}"
            f"（明显优于行业平均的仅约 {_effect.loc[WEAKEST, 'clearly_better']:g}%），所以它不宜占最大权重。"
            "这条规则是本课程的建议，不是报告的结论；如果你的企业成本问题特别突出，可以在"
            "培训中讨论为何例外。",
            f"For example quality 40, efficiency 40, cost 20. The weakest evidence is for "
            f"{EFFECT_NAMES[WEAKEST][1]} (only about {_effect.loc[WEAKEST, 'clearly_better']:g}% "
            "clearly better than average), so it should not carry the most weight. The rule is "
            "this course's advice, not the report's finding; if cost is your company's burning "
            "issue, discuss the exception in class.",
        ),
        example_answer={"quality": 40, "efficiency": 40, "cost": 20},
        wrong_answers=(
            {"quality": 20, "efficiency": 20, "cost": 60},
            {"quality": 50, "efficiency": 30, "cost": 30},
            {"quality": 10, "efficiency": 30, "cost": 20},
        ),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = ()
