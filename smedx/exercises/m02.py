"""Exercises of module 02 现状与阶段评估 (report chapter 2).

Every report number in a prompt, an option, a hint or an expected answer is read from
:mod:`smedx.data` when this module is imported, so the checkers can never drift from the data.

``m02.self_assessment`` is answered with :class:`smedx.ui.assessment.AssessmentForm`, which saves
``{"answers": {item: option}, "profile": {...}}`` under that id; its checker accepts any complete
and valid self-assessment (there is no single right stage for a learner's own company).
"""

from __future__ import annotations

from typing import Any

from smedx import data
from smedx.errors import KitError
from smedx.exercises.core import (
    Feedback,
    Option,
    Question,
    Text,
    choice_is,
    number_near,
    right,
    set_is,
    wrong,
)
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import INDUSTRIES, CompanyProfile

MODULE = "m02"
SELF_ASSESSMENT = "m02.self_assessment"


def _v(figure_id: str, key: str, segment_key: str = "") -> float:
    return float(data.stat(figure_id, key, segment_key).value)


def _pct(value: float) -> str:
    return f"{value:g}%"


def _sum(values) -> float:
    return float(round(sum(float(v) for v in values), 1))


# --- facts the questions rest on (all from smedx.data) ----------------------------------------

STAGES = data.stages()
STAGE_ZH = dict(zip(STAGES["stage_id"], STAGES["name_zh"], strict=True))
STAGE_EN = dict(zip(STAGES["stage_id"], STAGES["name_en"], strict=True))
STAGE_POS = dict(zip(STAGES["stage_id"], STAGES["order"], strict=True))
STAGE_N = data.stat("2.2.2", "digital_foundation").n

BELOW_FOUNDATION = [s for s in STAGES["stage_id"] if STAGE_POS[s] < STAGE_POS["digital_foundation"]]
BELOW_VALUES = {s: _v("2.2.2", s) for s in BELOW_FOUNDATION}
EARLY_SHARE = _sum(BELOW_VALUES.values())
EARLY_TWO = _sum(_v("2.2.2", s) for s in ("single_point", "local_build"))

PLAN = data.figure("2.1.2")
PLAN = PLAN[PLAN["segment_key"] == ""]
PLAN_INC = PLAN[PLAN["label_zh"].str.startswith("增加")]
PLAN_INCREASE = _sum(PLAN_INC["value"])
PLAN_FLAT = _v("2.1.2", "flat")
PLAN_INC_OR_FLAT = _sum([PLAN_INCREASE, PLAN_FLAT])
PLAN_TOP = [float(v) for v in PLAN_INC.sort_values("value", ascending=False)["value"]]
PLAN_N = data.stat("2.1.2", "flat").n

BAND = data.stat("2.1.1", "3_5")  # share of all firms in the 3%-5% band
BAND_FIRMS = round(BAND.value * BAND.n / 100)
BAND_POSSIBLE = [round(100 * j / BAND_FIRMS, 1) for j in range(BAND_FIRMS + 1)]
BAND_MGMT = _v("2.3.1", "internal_mgmt", "3_5")
LOW_BAND_MGMT = _v("2.3.1", "internal_mgmt", "1_2")
REV_BIG = _v("2.1.4", "3_5", "gt_100m")
REV_SMALL = _v("2.1.4", "3_5", "le_100m")
# The neighbouring 2%-3% band: its firm count fits 45.9% (17 of 37), a lead for the hypothesis.
NEXT_BAND = data.stat("2.1.1", "2_3")
NEXT_FIRMS = round(NEXT_BAND.value * NEXT_BAND.n / 100)
NEXT_HITS = round(BAND_MGMT * NEXT_FIRMS / 100)

ZJTX_HIGH = {k: _v("2.4.2", k, "zjtx") for k in ("intelligent_ops", "innovation")}
NON_HIGH = {k: _v("2.4.2", k, "non_zjtx") for k in ("intelligent_ops", "innovation")}
ZJTX_HIGH_SUM, NON_HIGH_SUM = _sum(ZJTX_HIGH.values()), _sum(NON_HIGH.values())
WHOLE_OPS = _v("2.2.2", "intelligent_ops")

SIZE = data.figure("2.2.3")
SMALL_FIRST = _v("2.2.3", "single_point", "le100")
MID_FOUNDATION = _v("2.2.3", "digital_foundation", "101_300")
WHOLE_FOUNDATION = _v("2.2.2", "digital_foundation")
SMALL_FOUNDATION_GIVEN = bool(
    ((SIZE["segment_key"] == "le100") & (SIZE["key"] == "digital_foundation")).any()
)


# --- 1. a number computed from figure 2.2.2 ----------------------------------------------------

EARLY_STAGES_ZH = "、".join(f"{STAGE_ZH[s]}（{_pct(v)}）" for s, v in BELOW_VALUES.items())
EARLY_STAGES_EN = ", ".join(f"{STAGE_EN[s]} ({_pct(v)})" for s, v in BELOW_VALUES.items())

early_stage_share = Question(
    id="m02.early_stage_share",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"根据图 2.2.2（N={STAGE_N}），有百分之多少的中小企业处于比“{STAGE_ZH['digital_foundation']}”"
        "更早的阶段（包括尚未开始转型的企业）？请填写百分数，保留一位小数，例如 12.3。",
        f"By figure 2.2.2 (N={STAGE_N}), what percentage of SMEs are at a stage earlier than "
        f"'{STAGE_EN['digital_foundation']}' (firms that have not started included)? Enter the "
        "percentage with one decimal, e.g. 12.3.",
    ),
    checker=number_near(
        EARLY_SHARE,
        0.15,
        Text(
            f"{EARLY_STAGES_ZH} 合计 {EARLY_SHARE}%。",
            f"{EARLY_STAGES_EN} add up to {EARLY_SHARE}%.",
        ),
        unit="%",
        near={
            EARLY_TWO: Text(
                f"{EARLY_TWO}% 是单点尝试和局部建设两个阶段（报告说的“六成以上”）；"
                "题目还要算上尚未开始转型的企业。",
                f"{EARLY_TWO}% is the single-point and build-out stages (the report's 'more "
                "than 60%'); the question also counts the firms that have not started.",
            ),
            _sum([EARLY_SHARE, WHOLE_FOUNDATION]): Text(
                f"你把“{STAGE_ZH['digital_foundation']}”本身也算进去了；题目要的是比它更早的阶段。",
                f"You included '{STAGE_EN['digital_foundation']}' itself; the question asks for "
                "the stages before it.",
            ),
            WHOLE_FOUNDATION: Text(
                f"{_pct(WHOLE_FOUNDATION)} 是“{STAGE_ZH['digital_foundation']}”这一个阶段的占比；"
                "题目问的是比它更早的所有阶段。",
                f"{_pct(WHOLE_FOUNDATION)} is the share at '{STAGE_EN['digital_foundation']}' "
                "itself; the question asks for all the stages before it.",
            ),
        },
    ),
    hints=(
        Text(
            f"比“{STAGE_ZH['digital_foundation']}”更早的阶段有 {len(BELOW_FOUNDATION)} 个，"
            "在图 2.2.2 中找到它们。",
            f"There are {len(BELOW_FOUNDATION)} stages earlier than "
            f"'{STAGE_EN['digital_foundation']}'; find them in figure 2.2.2.",
        ),
        Text(
            "这是单选题：每家企业只在一个阶段，所以各阶段的比例可以直接相加。",
            "It is a single-choice question: each firm is at one stage, so the shares add up.",
        ),
        Text(f"相加：{EARLY_STAGES_ZH}。", f"Add: {EARLY_STAGES_EN}."),
    ),
    solution=Text(
        f"{EARLY_STAGES_ZH}，合计 {EARLY_SHARE}%。报告说“六成以上的中小企业处于转型早期阶段”，"
        f"指的只是单点尝试和局部建设两个阶段（{EARLY_TWO}%）；再加上尚未开始的企业，"
        f"接近三分之二的企业还没有实现全部主营业务的数字化管控（报告第 2.2 节）。",
        f"{EARLY_STAGES_EN}: {EARLY_SHARE}% in total. The report's 'more than 60% are at an "
        f"early stage' counts only the single-point and local build-out stages ({EARLY_TWO}%); "
        "with the firms that have not started, nearly two in three SMEs do not yet manage all "
        "their main business digitally (report §2.2).",
    ),
    example_answer=EARLY_SHARE,
    wrong_answers=(EARLY_TWO, _sum([EARLY_SHARE, WHOLE_FOUNDATION]), WHOLE_FOUNDATION),
    number_range=(0, 100),
    points=1,
)


# --- 2. summing a single-choice figure: 2024 plans (2.1.2) --------------------------------------

plan_increase = Question(
    id="m02.plan_increase",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"图 2.1.2（N={PLAN_N}）是 2024 年数字化投入的预计增速。计划增加投入（不含“基本维持不变”）"
        "的中小企业合计占百分之多少？报告正文写的是“超过 80% 的中小企业计划增加或至少维持”——"
        "你算出的数字和这句话是什么关系？",
        f"Figure 2.1.2 (N={PLAN_N}) shows the planned 2024 change in DX spending. What share of "
        "SMEs plan to increase it (without 'roughly unchanged')? The report's text says 'more "
        "than 80% plan to increase or at least maintain': how does your number relate to it?",
    ),
    checker=number_near(
        PLAN_INCREASE,
        0.15,
        Text(
            f"四个“增加”选项合计 {PLAN_INCREASE}%；加上“基本维持不变”（{_pct(PLAN_FLAT)}）是 "
            f"{PLAN_INC_OR_FLAT}%。",
            f"The four 'increase' options add up to {PLAN_INCREASE}%; with 'roughly unchanged' "
            f"({_pct(PLAN_FLAT)}) it is {PLAN_INC_OR_FLAT}%.",
        ),
        unit="%",
        near={
            PLAN_INC_OR_FLAT: Text(
                f"你把“基本维持不变”（{_pct(PLAN_FLAT)}）也加进去了；题目只问计划增加的企业。",
                f"You added 'roughly unchanged' ({_pct(PLAN_FLAT)}) as well; the question asks "
                "only for firms planning an increase.",
            ),
            PLAN_TOP[0]: Text(
                f"{_pct(PLAN_TOP[0])} 只是最高的一根柱子；计划增加的选项不止一个，要全部相加。",
                f"{_pct(PLAN_TOP[0])} is only the tallest bar; several options mean an "
                "increase, and they all count.",
            ),
            _sum(PLAN_TOP[:2]): Text(
                f"你只加了两个“增加”选项；以“增加”开头的选项共有 {len(PLAN_TOP)} 个。",
                f"You added two 'increase' options only; {len(PLAN_TOP)} options start with "
                "'increase'.",
            ),
        },
    ),
    hints=(
        Text(
            "只看以“增加”开头的柱子，共四个。",
            "Use only the bars that start with 'Increase': there are four.",
        ),
        Text(
            "图 2.1.2 是单选题，各选项合计 100%，所以可以相加。",
            "Figure 2.1.2 is single choice and sums to 100%, so the options can be added.",
        ),
        Text(
            "相加：" + " + ".join(_pct(v) for v in PLAN_INC["value"]) + "。",
            "Add: " + " + ".join(_pct(v) for v in PLAN_INC["value"]) + ".",
        ),
    ),
    solution=Text(
        f"计划增加的企业合计 {PLAN_INCREASE}%，加上维持不变的 {_pct(PLAN_FLAT)} 共 "
        f"{PLAN_INC_OR_FLAT}%。报告“超过 80% 计划增加或至少维持”没有错，但说少了：单是计划增加的"
        f"就已超过八成，增加或维持的接近全部（报告第 2.1 节）。读图时要看清一句话概括的是哪几个选项。",
        f"Firms planning an increase add up to {PLAN_INCREASE}%; with the {_pct(PLAN_FLAT)} "
        f"planning no change, {PLAN_INC_OR_FLAT}%. The report's 'more than 80% increase or at "
        "least maintain' is true but understated: the increase alone is above 80%, and increase "
        "or maintain is nearly everyone (report §2.1). Check which options a summary sentence "
        "covers.",
    ),
    example_answer=PLAN_INCREASE,
    wrong_answers=(PLAN_INC_OR_FLAT, PLAN_TOP[0], _sum(PLAN_TOP[:2])),
    number_range=(0, 100),
    points=1,
)


# --- 3. critical reading: the 3%-5% band ---------------------------------------------------------

POSSIBLE_ZH = "、".join(f"{p:g}%" for p in BAND_POSSIBLE)
POSSIBLE_EN = ", ".join(f"{p:g}%" for p in BAND_POSSIBLE)
band_3_5 = Question(
    id="m02.band_3_5",
    module=MODULE,
    kind="multi",
    prompt=Text(
        f"报告第 2.3 节写道：投入占营收 3%—5% 的企业中，有 {_pct(BAND_MGMT)} 实现了内部管理和流程的"
        f"数字化和智能化，明显高于 1%—2% 区间的 {_pct(LOW_BAND_MGMT)}。而图 2.1.1 显示，投入在 "
        f"3%（含）-5% 的企业只占 N={BAND.n} 的 {_pct(BAND.value)}。下面哪些说法是数据能支持的？"
        "（多选）",
        f"Report §2.3 says {_pct(BAND_MGMT)} of firms spending 3%-5% of revenue digitalised "
        f"their internal management and processes, clearly more than the {_pct(LOW_BAND_MGMT)} "
        f"of the 1%-2% band. Figure 2.1.1 puts only {_pct(BAND.value)} of N={BAND.n} in the "
        "3%-5% band. Which statements does the data support? (select all)",
    ),
    options=(
        Option(
            "few_firms",
            f"3%—5% 区间只有约 {BAND_FIRMS} 家企业（{_pct(BAND.value)} × {BAND.n}）",
            f"The 3%-5% band holds only about {BAND_FIRMS} firms ({_pct(BAND.value)} × {BAND.n})",
        ),
        Option(
            "impossible",
            f"{BAND_FIRMS} 家企业中，达成某项成效的比例只可能是 {POSSIBLE_ZH}，"
            f"{_pct(BAND_MGMT)} 与图 2.1.1 矛盾",
            f"Among {BAND_FIRMS} firms a share can only be {POSSIBLE_EN}; "
            f"{_pct(BAND_MGMT)} contradicts figure 2.1.1",
        ),
        Option(
            "causal",
            f"把投入从 1%—2% 提高到 3%—5%，内部管理成效的可能性会提高约 "
            f"{BAND_MGMT - LOW_BAND_MGMT:.1f} 个百分点",
            f"Raising spending from 1%-2% to 3%-5% makes an internal-management outcome about "
            f"{BAND_MGMT - LOW_BAND_MGMT:.1f} points more likely",
        ),
        Option(
            "count",
            f"约有 {round(BAND_MGMT * BAND.n / 100)} 家投入 3%—5% 的企业实现了内部管理数字化"
            f"（{_pct(BAND_MGMT)} × {BAND.n}）",
            f"About {round(BAND_MGMT * BAND.n / 100)} firms spending 3%-5% digitalised internal "
            f"management ({_pct(BAND_MGMT)} × {BAND.n})",
        ),
        Option(
            "distrust_all",
            "这个矛盾说明整份报告的数据都不可信，不必再看",
            "This contradiction shows none of the report's data can be trusted",
        ),
    ),
    checker=set_is(
        {"few_firms", "impossible"},
        Text(
            f"{_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} 家，{BAND_FIRMS} 家中不可能有 "
            f"{_pct(BAND_MGMT)}。这个数字不能用来支撑“投入越多成效越好”。",
            f"{_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} firms, and {_pct(BAND_MGMT)} is "
            f"impossible among {BAND_FIRMS}. The number cannot support 'more spending, more "
            "results'.",
        ),
        why_not={
            "causal": Text(
                "比较两个投入区间的比例只能看到相关，不能说明是投入“导致”了成效；何况这个区间的 "
                f"{_pct(BAND_MGMT)} 本身就有矛盾。",
                "Comparing two spending bands shows association, not that spending causes "
                f"results; and this band's {_pct(BAND_MGMT)} is itself contradictory.",
            ),
            "count": Text(
                f"{_pct(BAND_MGMT)} 的分母是 3%—5% 区间里的企业，不是全部 {BAND.n} 家；"
                f"这个区间本身才约 {BAND_FIRMS} 家。",
                f"The base of {_pct(BAND_MGMT)} is the firms in the 3%-5% band, not all "
                f"{BAND.n}; the band itself holds only about {BAND_FIRMS}.",
            ),
            "distrust_all": Text(
                "一个数字有矛盾，说明这个数字要谨慎使用，并不说明其余数据都错了；要逐项核对。",
                "One contradictory number calls for care with that number, not for discarding "
                "the rest; check each one.",
            ),
        },
    ),
    hints=(
        Text(
            f"先算：图 2.1.1 中 3%—5% 区间有多少家企业？{_pct(BAND.value)} × {BAND.n} = ？",
            f"First: how many firms are in the 3%-5% band of figure 2.1.1? "
            f"{_pct(BAND.value)} × {BAND.n} = ?",
        ),
        Text(
            f"{BAND_FIRMS} 家企业中有 0、1、2…… 家达成成效时，比例分别是多少？{_pct(BAND_MGMT)} 在其中吗？",
            f"If 0, 1, 2 ... of {BAND_FIRMS} firms report an outcome, what are the shares? "
            f"Is {_pct(BAND_MGMT)} one of them?",
        ),
        Text(
            f"{_pct(BAND_MGMT)} 的分母是该区间的企业，不是全部 {BAND.n} 家；而比较两个区间的比例，"
            "也不能说明投入“导致”了成效。一个矛盾的数字也不等于整份报告都错了。",
            f"The base of {_pct(BAND_MGMT)} is the firms in the band, not all {BAND.n}; comparing "
            "two bands does not show that spending 'causes' results; and one contradictory number "
            "does not make the whole report wrong.",
        ),
    ),
    solution=Text(
        f"正确的是前两项。{_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} 家，{BAND_FIRMS} 家中的比例只能是 "
        f"{POSSIBLE_ZH}，{_pct(BAND_MGMT)} 不可能出现。一个可能的原因（推测，报告没有说明）："
        "行百分比和列百分比读混了。图 2.1.4 说营收超 1 亿元的企业中 "
        f"{_pct(REV_BIG)} 投入在 3%—5%、1 亿元以下的是 {_pct(REV_SMALL)}——这恰好是约 {BAND_FIRMS} 家"
        f"企业中的 {round(REV_BIG * BAND_FIRMS / 100)} 家和 {round(REV_SMALL * BAND_FIRMS / 100)} 家，"
        f"更像“3%—5% 区间这 {BAND_FIRMS} 家企业里，营收超 1 亿元的占 {_pct(REV_BIG)}”（按列算的比例）。"
        f"同样，{_pct(BAND_MGMT)} 恰好等于 {NEXT_HITS}/{NEXT_FIRMS}，而相邻的 2%—3% 区间约有 "
        f"{NEXT_FIRMS} 家企业（{_pct(NEXT_BAND.value)} × {NEXT_BAND.n}），可能属于别的区间或别的分母。"
        "所以：这个区间的数字只能作为线索，不能作为“多投入就有更好成效”的证据；比较不同区间也只是"
        "相关，不是因果；但一个数字有矛盾，并不意味着其余数据都不可信——要逐项核对，并把原因写成"
        "推测而不是结论。",
        f"The first two. {_pct(BAND.value)} × {BAND.n} ≈ {BAND_FIRMS} firms, so a share can only be "
        f"{POSSIBLE_EN}; {_pct(BAND_MGMT)} is impossible. A likely cause (a hypothesis; the "
        "report does not say): row and column percentages mixed up. Figure 2.1.4 says "
        f"{_pct(REV_BIG)} of firms with revenue above CNY 100m spend 3%-5%, and {_pct(REV_SMALL)} of "
        f"smaller ones: exactly {round(REV_BIG * BAND_FIRMS / 100)} and "
        f"{round(REV_SMALL * BAND_FIRMS / 100)} of about {BAND_FIRMS} firms, which reads more like "
        f"'of the {BAND_FIRMS} firms in the 3%-5% band, {_pct(REV_BIG)} have revenue above CNY "
        f"100m' (a column percentage). Likewise {_pct(BAND_MGMT)} is exactly {NEXT_HITS}/"
        f"{NEXT_FIRMS}, and the neighbouring 2%-3% band holds about {NEXT_FIRMS} firms "
        f"({_pct(NEXT_BAND.value)} × {NEXT_BAND.n}): it may belong to another band or base. So the "
        "band's numbers are a lead, not evidence that 'more spending brings better results'; "
        "comparing bands shows association, not cause; and one contradictory number does not "
        "discredit the rest: check each one, and state the cause as a hypothesis, not a finding.",
    ),
    example_answer=["few_firms", "impossible"],
    wrong_answers=(
        ["causal"],
        ["few_firms", "impossible", "causal"],
        ["count"],
        ["few_firms", "distrust_all"],
    ),
    points=2,
)


# --- 4. 专精特新 vs others (2.4.2, section 2.4) ---------------------------------------------------

zjtx_supported = Question(
    id="m02.zjtx_supported",
    module=MODULE,
    kind="choice",
    prompt=Text(
        "关于专精特新梯队企业与非梯队企业（报告第 2.4 节，图 2.4.2 与 2.4 节正文），下面哪一句是数据"
        "支持的？",
        "About SRDI-tier (专精特新) firms and other SMEs (report §2.4, figure 2.4.2 and the "
        "section's text), which statement does the data support?",
    ),
    options=(
        Option(
            "higher_stages",
            f"专精特新梯队企业处于智能运营和创新发展阶段的比例合计 {ZJTX_HIGH_SUM}%，"
            f"高于非梯队企业的 {NON_HIGH_SUM}%",
            f"{ZJTX_HIGH_SUM}% of SRDI-tier firms are at the intelligent-operations or "
            f"innovation stage, more than the {NON_HIGH_SUM}% of other SMEs",
        ),
        Option(
            "most_advanced",
            "多数专精特新梯队企业已进入智能运营阶段",
            "Most SRDI-tier firms have reached the intelligent-operations stage",
        ),
        Option(
            "causes",
            "数据证明：评上专精特新会让企业的转型成效更好",
            "The data proves that becoming an SRDI firm improves transformation results",
        ),
        Option(
            "reversed",
            "非梯队企业在竞争力、效率和开拓新市场三项成效上都高于专精特新梯队企业",
            "Other SMEs report more of all three outcomes (competitiveness, efficiency, new "
            "markets) than SRDI-tier firms",
        ),
    ),
    checker=choice_is(
        "higher_stages",
        Text(
            f"{' + '.join(_pct(v) for v in ZJTX_HIGH.values())} = {ZJTX_HIGH_SUM}%，"
            f"{' + '.join(_pct(v) for v in NON_HIGH.values())} = {NON_HIGH_SUM}%。",
            f"{' + '.join(_pct(v) for v in ZJTX_HIGH.values())} = {ZJTX_HIGH_SUM}%, "
            f"{' + '.join(_pct(v) for v in NON_HIGH.values())} = {NON_HIGH_SUM}%.",
        ),
        near={
            "most_advanced": Text(
                f"只有 {_pct(ZJTX_HIGH['intelligent_ops'])} 的专精特新梯队企业处于智能运营阶段，远不是多数。",
                f"Only {_pct(ZJTX_HIGH['intelligent_ops'])} of SRDI-tier firms are at the "
                "intelligent-operations stage: far from most.",
            ),
            "causes": Text(
                "调查数据只能说明两类企业有差异（相关），不能说明“评上专精特新”是原因。",
                "Survey data shows that the two groups differ (association), not that the "
                "SRDI label is the cause.",
            ),
            "reversed": Text(
                "方向反了：三项成效都是专精特新梯队企业的比例更高。",
                "The other way round: SRDI-tier firms report all three outcomes more often.",
            ),
        },
    ),
    hints=(
        Text(
            "图 2.4.2 只给出了两个高级阶段的数值：智能运营和创新发展。",
            "Figure 2.4.2 gives values only for the two advanced stages: intelligent operations "
            "and innovation.",
        ),
        Text(
            "“多数”意味着超过 50%。调查能说明“不同”，能说明“因为”吗？",
            "'Most' means above 50%. Can a survey show 'because', or only 'different'?",
        ),
        Text(
            "把两个高级阶段的比例分别相加，再比较两类企业。",
            "Add the two advanced stages' shares for each group, then compare.",
        ),
    ),
    solution=Text(
        f"第一句正确：专精特新梯队企业 {ZJTX_HIGH_SUM}% vs 非梯队企业 {NON_HIGH_SUM}%（图 2.4.2）。"
        f"但也请注意一个矛盾：两类企业处于智能运营阶段的比例（{_pct(ZJTX_HIGH['intelligent_ops'])}、"
        f"{_pct(NON_HIGH['intelligent_ops'])}）都高于全部样本的 {_pct(WHOLE_OPS)}（图 2.2.2），而全部"
        "样本正是由这两类企业组成——这在算术上不可能，可能是两个图的口径不同，报告没有说明。"
        "所以差距的方向可以参考，具体大小要谨慎。",
        f"The first statement: SRDI tier {ZJTX_HIGH_SUM}% vs others {NON_HIGH_SUM}% (figure "
        f"2.4.2). Note a contradiction too: both groups' intelligent-operations shares "
        f"({_pct(ZJTX_HIGH['intelligent_ops'])}, {_pct(NON_HIGH['intelligent_ops'])}) are above "
        f"the whole sample's {_pct(WHOLE_OPS)} (figure 2.2.2), which consists of exactly these "
        "two groups: arithmetically impossible, perhaps different bases, which the report does "
        "not explain. Trust the direction of the gap more than its size.",
    ),
    example_answer="higher_stages",
    wrong_answers=("most_advanced", "causes", "reversed"),
    points=1,
)


# --- 5. a gap in the data: size bands (2.2.3) ----------------------------------------------------

size_gap = Question(
    id="m02.size_gap",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"图 2.2.3 按企业人数比较阶段。报告给出：100 人以内的企业有 {_pct(SMALL_FIRST)} 处于单点尝试"
        f"阶段；101—300 人的企业有 {_pct(MID_FOUNDATION)} 处于数字底座建设阶段。那么，100 人以内的"
        "企业有多少处于数字底座建设阶段？",
        f"Figure 2.2.3 compares stages by headcount. The report gives: {_pct(SMALL_FIRST)} of "
        f"firms with up to 100 staff are at the single-point stage; {_pct(MID_FOUNDATION)} of "
        "firms with 101-300 staff are at the digital-foundation stage. What share of firms with up "
        "to 100 staff are at the digital-foundation stage?",
    ),
    options=(
        Option(
            "same_as_mid",
            f"{_pct(MID_FOUNDATION)}，和 101—300 人的企业一样",
            f"{_pct(MID_FOUNDATION)}, the same as firms with 101-300 staff",
        ),
        Option(
            "whole",
            f"{_pct(WHOLE_FOUNDATION)}，即全部样本的数值",
            f"{_pct(WHOLE_FOUNDATION)}, the whole sample's value",
        ),
        Option(
            "lower_given",
            f"低于 {_pct(MID_FOUNDATION)}——报告给出了这个数字",
            f"Below {_pct(MID_FOUNDATION)}: the report gives this number",
        ),
        Option(
            "not_given",
            "报告没有给出这个数字，不能从数据中得出",
            "The report does not give this number; the data cannot tell",
        ),
    ),
    checker=choice_is(
        "not_given",
        Text(
            f"图 2.2.3 的数值在文本中丢失，正文只给出了 {len(SIZE)} 个数，其中没有这一项。",
            f"Figure 2.2.3's values are lost in the text; the prose gives {len(SIZE)} numbers, "
            "and this is not one of them.",
        ),
        near={
            "same_as_mid": Text(
                "这是另一个规模段的数字，不能套用。",
                "That is another size band's number; it does not carry over.",
            ),
            "whole": Text(
                "全部样本的比例不等于某个规模段的比例。",
                "The whole sample's share is not a size band's share.",
            ),
            "lower_given": Text(
                "报告说规模越大、高级阶段的比例越高，这是趋势描述，没有给出 100 人以内企业的具体数字。",
                "The report describes a trend (bigger firms, more advanced stages) but gives no "
                "number for firms with up to 100 staff.",
            ),
        },
    ),
    hints=(
        Text(
            "看本课的“数据缺口”图：哪些格子写着“未给出”？",
            "Look at the module's gap grid: which cells read 'not given'?",
        ),
        Text(
            "别的规模段或全部样本的数字，能代替这个规模段吗？",
            "Can another band's or the whole sample's number stand in for this band?",
        ),
    ),
    solution=Text(
        "报告没有给出。图 2.2.3 的图表数值在提取中丢失，正文只给出了 100 人以内企业的单点尝试比例，"
        "以及两个较大规模段的数字底座建设和智能运营比例（报告第 2.2 节）。数据没有的，就说“没有”，"
        "不要用别的分组去猜——本课程的对标工具也是这样做的。",
        "Not given. Figure 2.2.3's chart values are lost; the prose gives only the single-point "
        "share of firms with up to 100 staff and the digital-foundation and intelligent-operations "
        "shares of the two larger bands (report §2.2). Where the data is silent, say so rather than "
        "guess from another group: the kit's benchmark does the same.",
    ),
    example_answer="not_given",
    wrong_answers=("same_as_mid", "whole", "lower_given"),
    points=1,
    meta={"requires_missing": ("2.2.3", "le100", "digital_foundation")},
)


# --- 6. the learner's own self-assessment (answered with the AssessmentForm) -------------------


def _check_self_assessment(answer: Any) -> Feedback:
    """Correct when the saved form holds a complete, valid assessment (any stage is fine)."""
    if not isinstance(answer, dict) or not isinstance(answer.get("answers"), dict):
        return wrong(
            "没有找到保存的自评。请在上面的自评表中回答全部题目，表单会自动保存。",
            "No saved self-assessment found. Answer every item in the form above; it saves "
            "automatically.",
        )
    raw_profile = answer.get("profile")
    try:
        profile = None if raw_profile is None else CompanyProfile.from_dict(raw_profile)
        result = assess(answer["answers"], profile)
    except KitError as err:
        return wrong(
            f"自评还不完整或有误：{err.zh}",
            f"The self-assessment is incomplete or invalid: {err.en}",
        )
    return right(
        f"自评已完整保存：{result.stage_label_zh}，{result.level_label_zh}，"
        f"总分 {result.total}/{result.max_total}。",
        f"Self-assessment saved and complete: {result.stage_label_en}, {result.level_label_en}, "
        f"total {result.total}/{result.max_total}.",
    )


_ITEMS = questionnaire().items
_EXAMPLE_ANSWERS = {it.id: it.options[2].id for it in _ITEMS}
_EXAMPLE_PROFILE = CompanyProfile("discrete_manufacturing", "le100", "non_zjtx", None, 2.5)

self_assessment = Question(
    id=SELF_ASSESSMENT,
    module=MODULE,
    kind="form",  # answered by smedx.ui.assessment.AssessmentForm, not by ExerciseWidget
    prompt=Text(
        f"用本课的自评表评估你自己的企业：回答全部 {len(_ITEMS)} 道题（企业信息可选填），"
        "表单会自动保存。你的企业处于哪个阶段没有标准答案——只要自评完整、有效，就能得分。",
        f"Assess your own company with the module's form: answer all {len(_ITEMS)} items (the "
        "profile is optional); the form saves automatically. There is no right stage for your "
        "company: any complete, valid self-assessment earns the points.",
    ),
    checker=_check_self_assessment,
    hints=(
        Text(
            "自评表按四个维度分成几页（数字化基础 / 经营 / 管理 / 成效），每一页的题目都要回答。",
            "The form has a tab per dimension (foundation / operations / management / "
            "outcomes); answer the items on every tab.",
        ),
        Text(
            "表单上方的提示会显示还差哪些题；红色信息说明输入有误，改正即可，已填内容不会丢失。",
            "The message above the results lists what is missing; a red message explains a bad "
            "input. Fix it: nothing you entered is lost.",
        ),
    ),
    solution=Text(
        "没有唯一答案。照实作答，比“答高分”更有用：结果中的“差距”告诉你进入下一阶段要改变哪些做法。",
        "There is no single answer. Answering honestly is more useful than scoring high: the "
        "'gaps' in the result show what must change to reach the next stage.",
    ),
    example_answer={"answers": _EXAMPLE_ANSWERS, "profile": _EXAMPLE_PROFILE.to_dict()},
    wrong_answers=(
        {"answers": dict(list(_EXAMPLE_ANSWERS.items())[:-1]), "profile": None},
        {"answers": {**_EXAMPLE_ANSWERS, _ITEMS[0].id: "z"}, "profile": None},
        {
            "answers": _EXAMPLE_ANSWERS,
            "profile": {**_EXAMPLE_PROFILE.to_dict(), "investment_share": "abc"},
        },
        {"stage": "innovation"},
    ),
    points=2,
    form="assessment",
)


# --- 7. reflection (not graded) ----------------------------------------------------------------


def _check_reflection(answer: str) -> Feedback:
    if len(answer) < 15:
        return wrong(
            "请多写几句：哪一项差距、为什么、下一步做什么。",
            "Please write a little more: which gap, why, and what you will do next.",
        )
    return right(
        "已保存。可以在小组讨论中分享你的想法。",
        "Saved. Share your thoughts in the group discussion.",
    )


reflection = Question(
    id="m02.reflection",
    module=MODULE,
    kind="text",
    prompt=Text(
        "结合你的自评结果和同行对标：你的企业最该先补的一项差距是什么？为什么是它？"
        "下一步由谁、在什么时间做什么？",
        "From your self-assessment and the peer benchmark: which gap should your company close "
        "first, why that one, and who does what by when?",
    ),
    checker=_check_reflection,
    hints=(
        Text(
            "看自评结果里的“进入下一阶段的差距”，先看标为“门槛”的题目。",
            "Look at the 'gaps to the next stage' in your result; start with those marked as "
            "gates.",
        ),
        Text(
            "想一想：补这一项需要多少投入？和同一投入区间的同行相比如何？",
            "Consider: what will closing it cost, and how does that compare with peers in your "
            "spending band?",
        ),
    ),
    solution=Text(
        "没有标准答案。好的回答点名一项具体差距，说明它为什么是前提（例如门槛），并给出负责人和时间。",
        "No single answer. A good answer names one concrete gap, says why it comes first (e.g. a "
        "gate), and gives an owner and a date.",
    ),
    example_answer="先打通主营业务的数据：今年内由运营总监牵头，把三条业务线都接入 ERP。",
    wrong_answers=("数据",),
    graded=False,
)


# --- 8. pick an industry with the report's definitions (section 2.1, footnote) ----------------

INDUSTRY_LABELS = {
    k: INDUSTRIES[k]
    for k in (
        "process_manufacturing",
        "discrete_manufacturing",
        "personal_consumer_services",
        "retail",
    )
}

industry_pick = Question(
    id="m02.industry_pick",
    module=MODULE,
    kind="choice",
    prompt=Text(
        "一家虚构的示例企业在连续运转的生产线上生产酱油和食醋，卖给超市和餐馆。按报告的行业划分"
        "说明（第 2.1 节脚注），它属于哪个行业？",
        "A fictional example company makes soy sauce and vinegar on continuously running lines "
        "and sells them to supermarkets and restaurants. By the report's industry definitions "
        "(§2.1 footnote), which industry is it in?",
    ),
    options=tuple(Option(k, *v) for k, v in INDUSTRY_LABELS.items()),
    checker=choice_is(
        "process_manufacturing",
        Text(
            "流程制造业指“通过连续流程生产产品”的制造商，报告举的例子就包括食品。",
            "Process manufacturing means makers that produce through continuous processes; the "
            "report's examples include food.",
        ),
        near={
            "discrete_manufacturing": Text(
                "离散制造业生产一件件离散的产品或组件（汽车、电子设备、机械、家具）；酱油是在连续"
                "流程中生产的。",
                "Discrete manufacturing makes separate products or parts (cars, electronics, "
                "machinery, furniture); soy sauce comes out of a continuous process.",
            ),
            "personal_consumer_services": Text(
                "个人消费服务业为个人消费者提供服务（餐饮、酒店、娱乐、健身、美容）；这家企业是"
                "生产产品，餐馆只是它的客户。",
                "Personal consumer services serve individual consumers (restaurants, hotels, "
                "leisure, fitness, beauty); this firm makes products, and restaurants are its "
                "customers.",
            ),
            "retail": Text(
                "零售业直接向消费者销售商品；这家企业自己生产，超市才是零售商。",
                "Retail sells goods directly to consumers; this firm makes them, the "
                "supermarkets are the retailers.",
            ),
        },
    ),
    hints=(
        Text(
            "先问：它是生产产品，还是提供服务或销售别人的商品？",
            "First ask: does it make products, or serve people, or sell others' goods?",
        ),
        Text(
            "制造业分两类：连续流程（如石化、冶金、食品、医药、建材）和一件件离散的产品。",
            "Manufacturing comes in two kinds: continuous processes (petrochemicals, metals, "
            "food, medicine, building materials) and separate, discrete products.",
        ),
    ),
    solution=Text(
        "流程制造业。报告第 2.1 节脚注：流程制造业“与离散制造业相对”，通过连续流程生产产品（石化、"
        "冶金、食品、医药、建材等）；离散制造业生产离散的产品或组件（汽车、电子设备、机械、家具"
        "等）；个人消费服务业为个人消费者提供服务（餐饮、酒店、娱乐、健身、美容等）；专业服务业以"
        "专业知识和技能满足客户需求（法律、会计、工程、建筑设计、管理咨询等）。在自评表和规划器里"
        "选行业时用同样的划分。",
        "Process manufacturing. Report §2.1 footnote: process manufacturing, 'as opposed to "
        "discrete', produces through continuous processes (petrochemicals, metals, food, "
        "medicine, building materials); discrete manufacturing makes separate products or parts "
        "(cars, electronics, machinery, furniture); personal consumer services serve individual "
        "consumers (restaurants, hotels, leisure, fitness, beauty); professional services meet "
        "clients' needs with expertise (legal, accounting, engineering, architecture, consulting). "
        "Use the same definitions when you pick your industry in the form and the planner.",
    ),
    example_answer="process_manufacturing",
    wrong_answers=("discrete_manufacturing", "personal_consumer_services", "retail"),
    points=1,
)


QUESTIONS = [
    early_stage_share,
    plan_increase,
    size_gap,
    band_3_5,
    zjtx_supported,
    self_assessment,
    reflection,
    industry_pick,
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = ()
