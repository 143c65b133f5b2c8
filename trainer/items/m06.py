"""Graded items of assignment 06 案例与行动计划 (trainer-only): parallel forms of module 06's
practice items.

Each item assesses the learning objective of the practice item named in ``meta["parallel_of"]``
with other figures, numbers, options or a different company. Report numbers come from
:mod:`smedx.data`, budgets from :func:`smedx.models.plan.build_plan`, at import time. Amounts
that describe the fictional example companies are the kit's, and the prompts say so.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from smedx import data
from smedx.derived import outcome_metrics
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
from smedx.exercises.m06 import example_plan
from smedx.models import plan as plan_model

MODULE = "m06"
SAMPLE = int(data.fact("sample_firms")["value"])

OBJECTIVES = {
    2: "2 检查案例数字：算出真实幅度，分辨成效数字与概况数字，识别下限和“可带来” · check the cases' "
    "numbers",
    3: "3 联合发布方：说明案例与附录由联合发布方参与撰写意味着什么 · weigh who wrote the cases and "
    "appendices",
    4: "4 建议对应参与方：把第五章的建议对应到三类参与方 · match chapter 5's recommendations to "
    "stakeholders",
    5: "5 行动计划：做出预算与企业实际能力一致的 12 个月计划 · build a 12-month plan whose budget "
    "fits what the company can spend",
}


def _meta(objective: int, parallel_of: str, **extra: Any) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of, **extra}


def _g(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


_cases = data.cases().set_index("case_id")
_metrics = data.case_metrics().set_index("metric_id")

# --- 1. a lower bound turned into money (case 4.3) ----------------------------------------------

SAVING = _metrics.loc["juxing_customer_cost_saving"]
CLIENT_COST = 200.0  # 万元 a year: a fictional client of the kit's example, not a report number
FLOOR = round(CLIENT_COST * SAVING["value"] / 100, 1)
JUXING_ZH, JUXING_EN = _cases.loc["juxing", "company_zh"], _cases.loc["juxing", "company_en"]

# --- 2. outcome numbers vs profile numbers -----------------------------------------------------

NUMBER_CHOICES = (
    "taifang_patents",
    "taifang_data_processing_efficiency",
    "cixin_network_requirements",
    "juxing_staff_material_handling",
    "detu_rd_sites",
    "detu_resource_response_time",
    "naidejia_challenge_areas",
)
OUTCOMES = set(outcome_metrics()["metric_id"]) & set(NUMBER_CHOICES)


def _number_option(metric_id: str) -> Option:
    row = _metrics.loc[metric_id]
    case = _cases.loc[row["case_id"]]
    return Option(
        metric_id,
        f"{case['company_zh']}（{case['section']}）：{row['claim_zh']}",
        f"{case['company_en']} ({case['section']}): {row['claim_en']}",
    )


def _listed(keys, lang: str) -> str:
    col = "claim_zh" if lang == "zh" else "claim_en"
    sep = "；" if lang == "zh" else "; "
    return sep.join(_metrics.loc[k, col] for k in NUMBER_CHOICES if k in keys)


# --- 3. the co-publisher's own platform (appendix 1.3) ------------------------------------------

BAIYING = data.fact("baiying_service_providers")
BAIYING_SAAS = data.fact("baiying_saas_partners")

# --- 4. recommendations addressed to associations (§5.3) ---------------------------------------

_recs = data.recommendations()
_recs = _recs[_recs["order"] > 0].set_index("rec_id")
_ASSOC = ["association_1", "association_3", "association_4"]
_OTHERS = ["sme_2", "provider_3", "provider_1", "sme_3"]
_REC_ORDER = ["sme_2", "association_3", "provider_3", "association_1", "sme_3", "provider_1"]
_REC_ORDER += ["association_4"]
_REC_KEYS = {rec: f"a{i + 1}" for i, rec in enumerate(_REC_ORDER)}
_ASSOC_KEYS = {_REC_KEYS[r] for r in _ASSOC}
_WHO = {
    "sme": ("中小企业（§5.1）", "SMEs (5.1)"),
    "provider": ("转型服务方（§5.2）", "service providers (5.2)"),
    "association": ("产业联盟及行业协会（§5.3）", "alliances and associations (5.3)"),
}


def _rec_line(rec: str, lang: str) -> str:
    row = _recs.loc[rec]
    who = _WHO[row["stakeholder"]][0 if lang == "zh" else 1]
    return f"{row['title_zh']} → {who}" if lang == "zh" else f"{row['title_en']} -> {who}"


# --- 5. and 6. a second fictional company's budget ---------------------------------------------

CASE_REVENUE = 1200.0  # 万元, a fictional example company
CASE_AMOUNT = 42.0  # 万元 it can invest in the next 12 months
SHARE = round(100 * CASE_AMOUNT / CASE_REVENUE, 4)
AMOUNT_TOLERANCE = 0.02  # 2% of the amount, or 0.5 万元, whichever is larger


def _close(budget: float, amount: float) -> bool:
    return abs(budget - amount) <= max(0.5, AMOUNT_TOLERANCE * amount)


def check_case_share(answer: float) -> Feedback:
    """Correct when the plan model, given the case's revenue and this share, budgets the case's
    amount."""
    try:
        plan = example_plan(answer, CASE_REVENUE)
    except KitError as err:
        return wrong(
            f"计划工具不接受这个比例：{err.zh}", f"the plan tool refuses this share: {err.en}"
        )
    budget = plan.budget.amount_10k_cny
    if _close(budget, CASE_AMOUNT):
        return right(
            f"正确！{_g(CASE_REVENUE)} 万元 × {answer:g}% = {budget:g} 万元，属于“{plan.budget.band_zh}”。",
            f"Correct! {_g(CASE_REVENUE)} × {answer:g}% = {budget:g} (10k CNY), band "
            f"'{plan.budget.band_en}'.",
        )
    percent_zh = "（投入比例按百分数填写：3 表示 3%）" if budget < CASE_AMOUNT / 10 else ""
    percent_en = " (enter the share in percent: 3 means 3%)" if percent_zh else ""
    return wrong(
        f"按 {answer:g}% 计算，计划预算是 {budget:g} 万元，不是 {_g(CASE_AMOUNT)} 万元{percent_zh}。",
        f"At {answer:g}% the plan budgets {budget:g} (10k CNY), not {_g(CASE_AMOUNT)}{percent_en}.",
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def check_case_plan(answer: Any) -> Feedback:
    """The saved plan opens (checksum intact), is built on the case's revenue, and its budget
    matches the amount entered, which must be the case's amount."""
    if not isinstance(answer, dict) or not isinstance(answer.get("plan_json"), str):
        return wrong(
            "没有找到保存的计划。请先在计划工具中生成计划，再点“保存为练习答案”。",
            "No saved plan found. Build a plan in the plan tool, then press 'Save as my answer'.",
        )
    amount = answer.get("amount_10k_cny")
    if not _is_number(amount) or not _close(amount, CASE_AMOUNT):
        return wrong(
            f"“能投入的金额”应填这家企业的 {_g(CASE_AMOUNT)} 万元。",
            f"'Amount you can invest' should be this company's {_g(CASE_AMOUNT)} (10k CNY).",
        )
    try:
        plan = plan_model.plan_from_json(answer["plan_json"])
    except KitError as err:
        return wrong(f"保存的计划无法打开：{err.zh}", f"the saved plan cannot be opened: {err.en}")
    b = plan.budget
    if not math.isclose(b.revenue_10k_cny, CASE_REVENUE):
        return wrong(
            f"计划中的年营业收入是 {_g(b.revenue_10k_cny)} 万元，应为这家企业的 {_g(CASE_REVENUE)} 万元。",
            f"The plan's revenue is {_g(b.revenue_10k_cny)}; this company's is "
            f"{_g(CASE_REVENUE)} (10k CNY).",
            0.5,
        )
    if not _close(b.amount_10k_cny, CASE_AMOUNT):
        return wrong(
            f"计划预算是 {b.amount_10k_cny:g} 万元（{_g(b.revenue_10k_cny)} × {b.share_percent:g}%），"
            f"与能投入的 {_g(CASE_AMOUNT)} 万元不符：把比例改为约 {SHARE:g}%，重新生成并保存。",
            f"The plan budgets {b.amount_10k_cny:g} ({_g(b.revenue_10k_cny)} × "
            f"{b.share_percent:g}%), not the {_g(CASE_AMOUNT)} available: set the share to about "
            f"{SHARE:g}%, build and save again.",
            0.5,
        )
    return right(
        f"一致！预算 {b.amount_10k_cny:g} 万元（{_g(b.revenue_10k_cny)} × {b.share_percent:g}%），"
        f"属于报告的“{b.band_zh}”区间。",
        f"Consistent! Budget {b.amount_10k_cny:g} ({_g(b.revenue_10k_cny)} × "
        f"{b.share_percent:g}%), band '{b.band_en}'.",
    )


_case_json = plan_model.plan_to_json(example_plan(SHARE, CASE_REVENUE))
_double_json = plan_model.plan_to_json(example_plan(2 * SHARE, CASE_REVENUE))
_other_revenue_json = plan_model.plan_to_json(example_plan(100 * CASE_AMOUNT / 2000.0, 2000.0))


QUESTIONS = [
    Question(
        id="m06.g_saving_floor",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"案例 4.3（{JUXING_ZH}）说其方案“{SAVING['claim_zh']}”。假设一家客户每年的相关成本是 "
            f"{_g(CLIENT_COST)} 万元（本课程设定的假设数字，不是报告数据）。按报告这句话，这家客户每年"
            "至少能节约多少万元？",
            f"Case 4.3 ({JUXING_EN}) says its solution '{SAVING['claim_en'].lower()}'. Suppose a "
            f"client's related costs are {_g(CLIENT_COST)} (10k CNY) a year (a figure the course "
            "assumes, not report data). Going by that sentence, how much does the client save at "
            "least each year, in 10k CNY?",
        ),
        checker=number_near(
            FLOOR,
            0.5,
            Text(
                f"{_g(CLIENT_COST)} × {SAVING['value']:g}% = {FLOOR:g} 万元：“超过”只给出下限，"
                "而且是“能够”带来的效果，不是保证。",
                f"{_g(CLIENT_COST)} × {SAVING['value']:g}% = {FLOOR:g}: 'more than' gives only a "
                "lower bound, and it is what the solution 'can' do, not a promise.",
            ),
            " 万元",
        ),
        hints=(
            Text("节约金额 = 原成本 × 节约比例。", "Saving = original cost × saving share."),
            Text(
                f"“超过 {SAVING['value']:g}%”的下限就是 {SAVING['value']:g}%。",
                f"The lower bound of 'more than {SAVING['value']:g}%' is {SAVING['value']:g}%.",
            ),
        ),
        solution=Text(
            f"{_g(CLIENT_COST)} × {SAVING['value']:g}% = {FLOOR:g} 万元（下限）。报告没有给出测算方法和"
            "样本，只说“能够”节约；用作预期时要打折，并在试点中测出自己的基线。（报告 §4.3）",
            f"{_g(CLIENT_COST)} × {SAVING['value']:g}% = {FLOOR:g} (a lower bound). The report "
            "gives no method or sample, only what the solution 'can' save; discount it and "
            "measure your own baseline in a pilot. (§4.3)",
        ),
        example_answer=FLOOR,
        wrong_answers=(SAVING["value"], CLIENT_COST - FLOOR, CLIENT_COST / 2),
        number_range=(-1e6, 1e6),
        meta=_meta(2, "m06.cut"),
    ),
    Question(
        id="m06.g_outcome_numbers",
        module=MODULE,
        graded=True,
        kind="multi",
        points=2,
        prompt=Text(
            "下面是第四章案例中出现的数字。哪些是说明数字化“成效”的数字（效率、人数、时间、成本的"
            "变化）？只描述企业概况或项目结构的数字不算。（多选）",
            "Below are numbers from the cases of chapter 4. Which of them describe an outcome of "
            "the transformation (a change in efficiency, staff, time or cost)? Numbers that only "
            "describe the company or the project do not count. (select all that apply)",
        ),
        options=tuple(_number_option(k) for k in NUMBER_CHOICES),
        checker=set_is(
            OUTCOMES,
            Text(
                f"成效数字：{_listed(OUTCOMES, 'zh')}。其余是概况或项目结构。",
                f"Outcome numbers: {_listed(OUTCOMES, 'en')}. The rest describe the company or "
                "the project.",
            ),
        ),
        hints=(
            Text(
                "问自己：这个数字是转型“之后变了什么”，还是企业“本来是什么样”？",
                "Ask: does the number say what changed after the transformation, or what the "
                "company is like?",
            ),
            Text(
                "“三大挑战”“四大需求”描述的是项目，不是成效。",
                "'Three challenges' or 'four needs' describe the project, not its outcome.",
            ),
        ),
        solution=Text(
            f"成效数字：{_listed(OUTCOMES, 'zh')}。它们多是下限（“以上”）、范围或“能够”的表述，"
            "报告没有给出测量方法或基线。（报告 §4.1–§4.6）",
            f"Outcome numbers: {_listed(OUTCOMES, 'en')}. Most are lower bounds ('more than'), "
            "ranges or 'can' statements, with no method or baseline in the report. (§4.1-§4.6)",
        ),
        example_answer=sorted(OUTCOMES),
        wrong_answers=(
            list(NUMBER_CHOICES),
            sorted(set(NUMBER_CHOICES) - OUTCOMES),
            sorted(OUTCOMES | {"taifang_patents"}),
            sorted(OUTCOMES)[:1],
        ),
        meta=_meta(2, "m06.outcomes"),
    ),
    Question(
        id="m06.g_appendix_platform",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"报告附录 1.3 写道：联想百应平台已聚合 {_g(BAIYING['value'])} 多家服务商和 "
            f"{_g(BAIYING_SAAS['value'])} 多家 SaaS 生态伙伴。你要在协会的服务商推荐会上引用这个数字，"
            "怎样最合适？",
            f"Appendix 1.3 says Lenovo's Baiying platform brings together more than "
            f"{_g(BAIYING['value'])} service providers and more than {_g(BAIYING_SAAS['value'])} "
            "SaaS partners. You want to quote it at an association's provider fair. What is the "
            "best way?",
        ),
        options=(
            Option(
                "verified",
                "这是经过第三方核实的统计，可以直接作为选择平台的依据",
                "It is a third-party-verified count and can decide the choice of platform",
            ),
            Option(
                "co_publisher",
                "注明这是报告联合发布方对自己平台的介绍（附录），不是独立调研的结果；选平台前还要"
                "对比其他平台并向用过的同行了解",
                "Say it is the co-publisher describing its own platform (appendix), not an "
                "independent finding; compare other platforms and ask peers who used it before "
                "choosing",
            ),
            Option(
                "survey",
                f"这些服务商来自报告对 {SAMPLE} 家企业的问卷调研，样本覆盖多个行业和规模，代表全国市场；"
                "可以在对接会上直接作为选平台的依据引用",
                f"These providers come from the report's survey of {SAMPLE} firms across "
                "industries and sizes, so they represent the national market; at the fair you can "
                "quote the count as it is, as grounds for choosing the platform",
            ),
            Option(
                "best",
                "服务商数量最多，说明它是中小企业最好的平台",
                "The largest number of providers shows it is the best platform for SMEs",
            ),
        ),
        checker=choice_is(
            "co_publisher",
            Text(
                "附录是联合发布方介绍自己产品和计划的部分：有参考价值，但不是独立评估。",
                "The appendices are where the co-publisher presents its own products and "
                "programmes: useful, but not an independent evaluation.",
            ),
            near={
                "verified": Text(
                    "报告没有提到任何核实或审计。",
                    "The report mentions no verification or audit.",
                ),
                "survey": Text(
                    "这个数字与问卷调研无关，是附录中的平台介绍。",
                    "The number has nothing to do with the survey; it is the appendix's platform "
                    "description.",
                ),
                "best": Text(
                    "数量多不等于适合你的企业；报告也没有比较不同平台。",
                    "More providers does not mean a better fit; the report compares no platforms.",
                ),
            },
        ),
        hints=(
            Text(
                "这个数字出现在报告的哪一部分？那部分是谁在介绍谁？",
                "Where in the report does the number appear, and who is describing whom there?",
            ),
        ),
        solution=Text(
            f"附录 1.3 是联想介绍自己的“链式”赋能、百应平台和星辰计划；联想也是报告的联合发布方。引用"
            f"“{_g(BAIYING['value'])} 多家服务商”时写明来源是联想的自述，推荐平台前再做独立比较。",
            "Appendix 1.3 is Lenovo presenting its own chain empowerment, the Baiying platform and "
            f"the Xingchen programme; Lenovo co-publishes the report. Quote 'more than "
            f"{_g(BAIYING['value'])} providers' as Lenovo's own description and compare "
            "independently before recommending a platform.",
        ),
        example_answer="co_publisher",
        wrong_answers=("verified", "survey", "best"),
        meta=_meta(3, "m06.coauthor"),
    ),
    Question(
        id="m06.g_association_recs",
        module=MODULE,
        graded=True,
        kind="multi",
        points=1,
        prompt=Text(
            "第五章对三类参与方分别提出建议。下面哪些是对产业联盟及行业协会的建议？（多选）",
            "Chapter 5 makes recommendations to three stakeholders. Which of these are addressed "
            "to industry alliances and associations? (select all that apply)",
        ),
        options=tuple(
            Option(_REC_KEYS[r], _recs.loc[r, "title_zh"], _recs.loc[r, "title_en"])
            for r in _REC_ORDER
        ),
        checker=set_is(
            _ASSOC_KEYS,
            Text(
                "对协会的建议：" + "；".join(_recs.loc[r, "title_zh"] for r in _ASSOC) + "。",
                "To associations: " + "; ".join(_recs.loc[r, "title_en"] for r in _ASSOC) + ".",
            ),
        ),
        hints=(
            Text(
                "协会的角色是“组织者”：搭平台、定标准、办培训。",
                "Associations act as organisers: platforms, standards, training.",
            ),
            Text(
                "“融入政府服务产品平台”是谁要做的事？",
                "Who is asked to 'join government service-product platforms'?",
            ),
        ),
        solution=Text(
            "；".join(_rec_line(r, "zh") for r in _REC_ORDER) + "。（报告 §5.1、§5.2、§5.3）",
            "; ".join(_rec_line(r, "en") for r in _REC_ORDER) + ". (§5.1, §5.2, §5.3)",
        ),
        example_answer=sorted(_ASSOC_KEYS),
        wrong_answers=(
            sorted(_ASSOC_KEYS | {_REC_KEYS["provider_3"]}),
            sorted(_ASSOC_KEYS - {_REC_KEYS["association_4"]}),
            sorted(set(_REC_KEYS.values()) - _ASSOC_KEYS),
        ),
        meta=_meta(4, "m06.sme_recs"),
    ),
    Question(
        id="m06.g_case_share",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"示例企业（虚构）年营业收入 {_g(CASE_REVENUE)} 万元，未来 12 个月能拿出 {_g(CASE_AMOUNT)} "
            "万元做数字化。在行动计划工具里，“数字化投入占营收 %”应该填多少，计划的预算才正好是这笔钱？"
            "（用计划模型检查）",
            f"An example company (fictional) has revenue of {_g(CASE_REVENUE)} (10k CNY) and can "
            f"spend {_g(CASE_AMOUNT)} (10k CNY) on digital transformation in the next 12 months. "
            "What should 'budget share %' be in the plan tool so that the plan's budget is "
            "exactly that amount? (checked with the plan model)",
        ),
        checker=check_case_share,
        hints=(
            Text("投入比例 = 投入金额 ÷ 营业收入 × 100。", "Share = amount ÷ revenue × 100."),
            Text(
                "工具按百分数读取：填 3 表示 3%，不是 0.03。",
                "The tool reads percent: 3 means 3%, not 0.03.",
            ),
        ),
        solution=Text(
            f"{_g(CASE_AMOUNT)} ÷ {_g(CASE_REVENUE)} × 100 = {SHARE:g}（%）。计划模型算出预算 "
            f"{example_plan(SHARE, CASE_REVENUE).budget.amount_10k_cny:g} 万元，并与报告图 "
            f"{plan_model.BUDGET_FIGURE} 的投入区间比较：{example_plan(SHARE, CASE_REVENUE).budget.band_zh}。",
            f"{_g(CASE_AMOUNT)} ÷ {_g(CASE_REVENUE)} × 100 = {SHARE:g} (%). The plan model "
            f"budgets {example_plan(SHARE, CASE_REVENUE).budget.amount_10k_cny:g} (10k CNY) and "
            f"compares it with the bands of figure {plan_model.BUDGET_FIGURE}: "
            f"{example_plan(SHARE, CASE_REVENUE).budget.band_en}.",
        ),
        example_answer=SHARE,
        wrong_answers=(SHARE / 100, SHARE * 10, CASE_REVENUE / CASE_AMOUNT, 0.0),
        number_range=(-1e6, 1e6),
        meta=_meta(5, "m06.budget_share"),
    ),
    Question(
        id="m06.g_case_plan",
        module=MODULE,
        graded=True,
        kind="form",  # answered by smedx.ui.plan.PlanBuilder (save button)
        points=2,
        prompt=Text(
            f"为上一题的示例企业（虚构，年营业收入 {_g(CASE_REVENUE)} 万元，能投入 {_g(CASE_AMOUNT)} "
            "万元）做一份 12 个月行动计划：在计划工具中填入它的年营业收入和投入比例，在下方填写能投入的"
            "金额，点“保存为练习答案”。检查的是一致性：营业收入与题目相同，计划预算与能投入的金额相符"
            "（误差 2% 以内）。",
            f"Make a 12-month action plan for the example company of the previous question "
            f"(fictional; revenue {_g(CASE_REVENUE)}, can invest {_g(CASE_AMOUNT)}, in 10k CNY): "
            "enter its revenue and budget share in the plan tool, the amount it can invest "
            "below, and press 'Save as my answer'. The check is for consistency: the revenue is "
            "the case's, and the plan's budget matches the amount (within 2%).",
        ),
        checker=check_case_plan,
        hints=(
            Text("先用上一题算出的比例。", "Use the share from the previous question."),
            Text(
                "改了营收或比例后，工具会重新生成计划；再点一次“保存为练习答案”。",
                "After changing revenue or share the tool rebuilds the plan; press 'Save as my "
                "answer' again.",
            ),
        ),
        solution=Text(
            f"营业收入 {_g(CASE_REVENUE)} 万元，比例 {SHARE:g}%，能投入 {_g(CASE_AMOUNT)} 万元。保存的计划"
            "文件带校验和，手工修改后会被拒绝。",
            f"Revenue {_g(CASE_REVENUE)}, share {SHARE:g}%, amount {_g(CASE_AMOUNT)} (10k CNY). "
            "The saved plan carries a checksum and is refused once edited by hand.",
        ),
        example_answer={"amount_10k_cny": CASE_AMOUNT, "plan_json": _case_json},
        wrong_answers=(
            {"amount_10k_cny": CASE_AMOUNT, "plan_json": _double_json},
            {"amount_10k_cny": CASE_AMOUNT, "plan_json": _other_revenue_json},
            {"amount_10k_cny": 2 * CASE_AMOUNT, "plan_json": _double_json},
            {"amount_10k_cny": CASE_AMOUNT, "plan_json": _case_json[:-20]},
            {"amount_10k_cny": CASE_AMOUNT, "plan_json": None},
        ),
        form="plan",
        meta=_meta(5, "m06.my_plan", form_options={"example": True}),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "some, not all, of the number choices are outcome metrics",
        lambda: 0 < len(OUTCOMES) < len(NUMBER_CHOICES),
    ),
    Premise(
        "the ordering options are the association recommendations and the others",
        lambda: sorted(_REC_ORDER) == sorted(_ASSOC + _OTHERS),
    ),
    Premise(
        "the association options are the association's recommendations",
        lambda: all(_recs.loc[r, "stakeholder"] == "association" for r in _ASSOC),
    ),
    Premise(
        "the other options are not the association's recommendations",
        lambda: all(_recs.loc[r, "stakeholder"] != "association" for r in _OTHERS),
    ),
)
