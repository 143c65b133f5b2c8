"""Module 06 案例与行动计划: the six cases of chapter 4 read critically (§4.1-§4.6), the
recommendations of chapter 5 per stakeholder (§5.1-§5.3), and one's own action plan built with
the plan model (:mod:`smedx.models.plan`).

Every report number in a prompt, a solution or an expected answer is read from :mod:`smedx.data`
at import time; every budget from :func:`smedx.models.plan.build_plan`.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from smedx import data
from smedx.derived import outcome_metrics, quantified_cases, warehouse_claim
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
from smedx.i18n import _, using
from smedx.models import plan as plan_model
from smedx.models.assessment import assess, questionnaire

MODULE = "m06"

_cases = data.cases()
_names = dict(zip(_cases["case_id"], _cases["company_zh"], strict=True))
_names_en = dict(zip(_cases["case_id"], _cases["company_en"], strict=True))
_sections = dict(zip(_cases["case_id"], _cases["section"], strict=True))
QUANTIFIED = quantified_cases()
_words_only = [c for c in _cases["case_id"] if c not in QUANTIFIED]
# Section 4.3 says only that 炬星 drew on Lenovo's smart-factory experience: no part in the case.
EXPERIENCE_ONLY = ("juxing",)
_with_lenovo = [
    c
    for c, role in zip(_cases["case_id"], _cases["lenovo_role_zh"], strict=True)
    if role and c not in EXPERIENCE_ONLY
]
_claim = warehouse_claim()
CUT = _claim["cut_percent"]


def _g(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def _case_list(keys, lang: str = "zh") -> str:
    names = _names if lang == "zh" else _names_en
    parts = [
        f"{names[k]}（{_sections[k]}）" if lang == "zh" else f"{names[k]} ({_sections[k]})"
        for k in keys
    ]
    return "、".join(parts) if lang == "zh" else ", ".join(parts)


# --- m06.cut: "减少了约一半" -----------------------------------------------------------------

CUT_Q = Question(
    id="m06.cut",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"案例 4.3（{_names['juxing']}）：在日本建设 1 万平方米仓库，传统方法约 {_g(_claim['before'])} "
        f"万日元，采用 AMR 方案后降至 {_g(_claim['after'])} 万日元，报告称“减少了约一半”。"
        "实际减少了百分之多少？",
        f"Case 4.3 ({_names_en['juxing']}): a 10,000 m² warehouse in Japan cost about "
        f"{_g(_claim['before'])} x 10k yen the conventional way and {_g(_claim['after'])} x 10k "
        "yen with the AMR solution; the report says 'cut by about half'. By what percentage did "
        "the cost really fall?",
    ),
    checker=number_near(
        CUT,
        0.5,
        Text(
            f"（{_g(_claim['before'])} − {_g(_claim['after'])}）÷ {_g(_claim['before'])} = "
            f"{CUT:g}%。“约一半”应约为 {_g(_claim['half'])} 万日元；{CUT:g}% 与同一段中“节约超过 30% "
            "的成本”的说法相符，但不是一半。",
            f"({_g(_claim['before'])} − {_g(_claim['after'])}) ÷ {_g(_claim['before'])} = "
            f"{CUT:g}%. 'About half' would be about {_g(_claim['half'])}; {CUT:g}% fits the same "
            "paragraph's 'savings of more than 30%', but it is not half.",
        ),
        "%",
        near={
            50.0: Text(
                "50% 是报告的说法“约一半”，不是算出来的结果；用两个金额自己算一遍。",
                "50% is the report's 'about half', not a result; work it out from the two amounts.",
            ),
            100 - CUT: Text(
                f"{100 - CUT:g}% 是降低后还剩下的部分（{_g(_claim['after'])} ÷ {_g(_claim['before'])}），"
                "题目问的是减少了多少。",
                f"{100 - CUT:g}% is what is left ({_g(_claim['after'])} ÷ "
                f"{_g(_claim['before'])}); the question asks how much was cut.",
            ),
            _claim["before"] - _claim["after"]: Text(
                f"{_g(_claim['before'] - _claim['after'])} 是减少的金额（万日元），还要除以原来的金额，"
                "换成百分比。",
                f"{_g(_claim['before'] - _claim['after'])} is the amount saved (x 10k yen); "
                "divide it by the original amount to get a percentage.",
            ),
        },
    ),
    hints=(
        Text(
            "减少的百分比 = 减少的金额 ÷ 原来的金额。",
            "Percent cut = amount saved ÷ original amount.",
        ),
        Text(
            f"减少的金额是 {_g(_claim['before'])} − {_g(_claim['after'])}。",
            f"The amount saved is {_g(_claim['before'])} − {_g(_claim['after'])}.",
        ),
        Text(
            f"{_g(_claim['after'])} ÷ {_g(_claim['before'])} 是“剩下多少”，不是“减少多少”。",
            f"{_g(_claim['after'])} ÷ {_g(_claim['before'])} is what is left, not what was cut.",
        ),
    ),
    solution=Text(
        f"（{_g(_claim['before'])} − {_g(_claim['after'])}）÷ {_g(_claim['before'])} = {CUT:g}%。"
        f"报告写“减少了约一半”，实际是 {CUT:g}%（剩下 {100 - CUT:g}%）。这也是一个"
        "“示例”：报告说这是炬星方案可为客户带来的效果，没有说明样本与测算方法。（报告第 4.3 节）",
        f"({_g(_claim['before'])} − {_g(_claim['after'])}) ÷ {_g(_claim['before'])} = {CUT:g}%. "
        f"The report says 'cut by about half'; the real cut is {CUT:g}% ({100 - CUT:g}% is left). "
        "It is also an example of what the solution 'can' do for clients, with no sample or "
        "method given. (§4.3)",
    ),
    example_answer=CUT,
    wrong_answers=(50.0, 100 - CUT, _claim["before"] - _claim["after"]),
    number_range=(-1e6, 1e6),
    points=1,
)

# --- m06.outcomes: which cases put numbers on their outcomes ------------------------------------

OUTCOMES_Q = Question(
    id="m06.outcomes",
    module=MODULE,
    kind="multi",
    prompt=Text(
        "第四章的六个案例都写了“数字化成效”。哪些案例用具体数字说明了成效（百分比、人数、时间、"
        "金额等）？只描述企业概况或项目结构的数字（专利数、研发地点数、“三大挑战”等）不算。（多选）",
        "All six cases of chapter 4 have an 'outcomes' part. Which of them give numbers for the "
        "outcome (a percentage, persons, time, money)? Numbers that only describe the company "
        "or the project (patents, R&D sites, 'three challenges') do not count. (select all that "
        "apply)",
    ),
    options=tuple(
        Option(c, f"{_names[c]}（{_sections[c]}）", f"{_names_en[c]} ({_sections[c]})")
        for c in _cases["case_id"]
    ),
    checker=set_is(
        set(QUANTIFIED),
        Text(
            f"只有 {len(QUANTIFIED)} 个案例给出了成效数字：{_case_list(QUANTIFIED)}。"
            f"{_case_list(_words_only)}的成效只有文字描述（如“显著提升”）。",
            f"Only {len(QUANTIFIED)} cases give outcome numbers: {_case_list(QUANTIFIED, 'en')}. "
            f"{_case_list(_words_only, 'en')} describe outcomes in words only ('markedly "
            "improved').",
        ),
        why_not={
            c: Text(
                f"{_names[c]}的“数字化成效”只有文字描述，没有百分比、人数、时间或金额；"
                "企业概况里的数字不算。",
                f"{_names_en[c]}'s outcomes are described in words only, with no percentage, "
                "persons, time or money; numbers about the company itself do not count.",
            )
            for c in _words_only
        },
    ),
    hints=(
        Text(
            "看上面的“六个案例中有几个用数字说明了成效”图。",
            "Look at the chart 'how many of the six cases put numbers on their outcomes'.",
        ),
        Text(
            "“显著提升了研发效率”是文字描述；“数据处理效率提升了 50% 以上”是数字。",
            "'Markedly raised R&D efficiency' is words; 'data processing 50% faster' is a number.",
        ),
    ),
    solution=Text(
        f"{_case_list(QUANTIFIED)}给出了成效数字（共 {len(outcome_metrics())} 个）；"
        f"{_case_list(_words_only)}只有文字。即使有数字，也多是下限（“以上”“超过”）或“可为客户"
        "带来”的效果，报告没有给出测量方法或基线。案例说明“可以怎样做”，不能证明“一般会有多大成效”。"
        "（报告第 4.1–4.6 节）",
        f"{_case_list(QUANTIFIED, 'en')} give outcome numbers ({len(outcome_metrics())} in "
        f"all); {_case_list(_words_only, 'en')} use words only. Even the numbers are mostly "
        "lower bounds ('more than') or what a solution 'can' do for clients, without a method or "
        "baseline. Cases show how it can be done; they do not prove typical results. "
        "(§4.1-§4.6)",
    ),
    example_answer=list(QUANTIFIED),
    wrong_answers=(
        list(_cases["case_id"]),
        [QUANTIFIED[0]],
        [*QUANTIFIED, _words_only[0]],
    ),
    points=2,
)

# --- m06.coauthor: the co-publisher appears in every case ----------------------------------------

COAUTHOR_Q = Question(
    id="m06.coauthor",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"这份报告由 36 氪研究院与联想联合发布。六个案例中有 {len(_with_lenovo)} 个写到了联想的直接参与"
        "（投资、方案、设备或合作），炬星科技也参考了联想智能工厂的建造经验；六家都是芯片、传感、"
        "机器人、光学等领域的高科技企业。读这些案例时，哪种态度最合适？",
        "The report is published by 36Kr Research Institute with Lenovo. "
        f"{len(_with_lenovo)} of the six cases describe Lenovo's direct part (investment, "
        "solutions, equipment or partnership), and Juxing drew on Lenovo's smart-factory "
        "experience; all six are high-tech firms (chips, sensing, robots, optics). How should "
        "you read the cases?",
    ),
    options=(
        Option(
            "illustrate",
            "案例由联合发布方挑选、并有其参与：把它们当作“可以怎样做”的示例，成效要找独立证据或向同行求证",
            "The cases were chosen by, and involve, the co-publisher: read them as examples of "
            "how it can be done, and look for independent evidence or ask peers about results",
        ),
        Option(
            "proof",
            "联想几乎出现在每个案例里，说明联想的方案对各行各业的中小企业普遍最有效，不论企业规模和"
            "预算，都可以直接照搬",
            "Lenovo appears in almost every case, which proves its solutions work best for SMEs "
            "of every industry, so they can be copied as they are, whatever the firm's size or "
            "budget",
        ),
        Option(
            "sample",
            "六个案例是从 500 家受访企业中随机抽取的，所以能代表全体中小企业，包括传统行业的企业",
            "The six cases were drawn at random from the 500 firms surveyed, so they represent "
            "all SMEs, firms in traditional industries included",
        ),
        Option(
            "audited",
            "案例中的数字经过第三方审计，可以直接用于投资决策",
            "The case numbers were audited and can be used for investment decisions as they are",
        ),
    ),
    checker=choice_is(
        "illustrate",
        Text(
            "联合发布方挑选、并参与其中的案例有参考价值，但不是独立的评估；报告也没有说明案例的选择方法。",
            "Cases chosen by, and involving, a co-publisher are useful but not an independent "
            "evaluation; the report does not say how the cases were selected.",
        ),
        near={
            "proof": Text(
                "联合发布方参与的六个高科技企业案例，证明不了对各行各业、各种规模的企业都“最有效”；"
                "报告也没有把它们与其他方案比较过。",
                "Six high-tech cases involving the co-publisher cannot prove what works best for "
                "every industry and size; the report compares them with no other solution.",
            ),
            "sample": Text(
                "报告没有说明案例如何选出；六家企业也远不能代表 500 家样本。",
                "The report does not say how the cases were chosen; six firms cannot stand for "
                "the 500 surveyed.",
            ),
            "audited": Text(
                "报告没有提到任何审计或测量方法，数字多为下限或“可带来”的效果。",
                "The report mentions no audit or method; most numbers are lower bounds or what "
                "a solution 'can' do.",
            ),
        },
    ),
    hints=(
        Text(
            "看看每个案例的“联想的角色”：投资方、客户、方案提供方……",
            "Look at Lenovo's role in each case: investor, customer, solution provider ...",
        ),
        Text(
            "报告有没有说明这六个案例是怎样选出来的？",
            "Does the report say how the six cases were selected?",
        ),
    ),
    solution=Text(
        f"六个案例中 {len(_with_lenovo)} 个写到了联想的直接参与（例如星辰计划的投资与投后管理、共建组网"
        "方案、服务器与存储、百应的支持），炬星科技则只是参考了联想智能工厂的建造经验。联想是报告的"
        "联合发布方，附录 1.2、附录 1.3 介绍的也是它自己的产品与计划；六家又都是高科技企业，"
        "与多数传统行业的中小企业差别很大。这不使案例失去价值，但应把它们当作示例而非证据。"
        "（报告第 4.1–4.6 节）",
        f"{len(_with_lenovo)} of the six cases describe Lenovo's direct part (Xingchen "
        "investment and post-investment support, a co-built network, servers and storage, "
        "Baiying support); Juxing only drew on Lenovo's smart-factory experience. Lenovo "
        "co-publishes the report, and appendices 1.2 and 1.3 present its own products "
        "and programmes; and all six are high-tech firms, far from most SMEs in traditional "
        "industries. The cases stay useful, but as examples, not as evidence.",
    ),
    example_answer="illustrate",
    wrong_answers=("proof", "sample", "audited"),
    points=1,
)

# --- m06.sme_recs: which recommendations are addressed to SMEs ---------------------------------

_recs = data.recommendations()
_recs = _recs[_recs["order"] > 0].set_index("rec_id")
_SME = [r for r in _recs.index if r.startswith("sme_")]
_DISTRACTORS = ["provider_1", "provider_2", "provider_4", "association_2", "association_4"]
_REC_ORDER = [_SME[0], "provider_4", _SME[1], "association_4", "provider_1", _SME[2]]
_REC_ORDER += ["association_2", "provider_2"]
_REC_KEYS = {rec: f"r{i + 1}" for i, rec in enumerate(_REC_ORDER)}
_SME_KEYS = {_REC_KEYS[r] for r in _SME}
_STAKEHOLDER = {
    "sme": ("中小企业（第 5.1 节）", "SMEs (5.1)"),
    "provider": ("转型服务方（第 5.2 节）", "service providers (5.2)"),
    "association": ("产业联盟及行业协会（第 5.3 节）", "alliances and associations (5.3)"),
}


def _rec_line(rec: str, lang: str) -> str:
    row = _recs.loc[rec]
    who = _STAKEHOLDER[row["stakeholder"]][0 if lang == "zh" else 1]
    return f"{row['title_zh']} → {who}" if lang == "zh" else f"{row['title_en']} -> {who}"


SME_RECS_Q = Question(
    id="m06.sme_recs",
    module=MODULE,
    kind="multi",
    prompt=Text(
        "第五章对三类参与方（中小企业、转型服务方、产业联盟及行业协会）分别提出建议。下面哪些是对"
        "中小企业自己的建议？（多选）",
        "Chapter 5 makes recommendations to three stakeholders (SMEs, transformation service "
        "providers, industry alliances and associations). Which of these are addressed to the "
        "SMEs themselves? (select all that apply)",
    ),
    options=tuple(
        Option(_REC_KEYS[r], _recs.loc[r, "title_zh"], _recs.loc[r, "title_en"]) for r in _REC_ORDER
    ),
    checker=set_is(
        _SME_KEYS,
        Text(
            "对中小企业的三条建议：" + "；".join(_recs.loc[r, "title_zh"] for r in _SME) + "。",
            "The three recommendations to SMEs: "
            + "; ".join(_recs.loc[r, "title_en"] for r in _SME)
            + ".",
        ),
        why_not={
            _REC_KEYS[r]: Text(
                f"这条是报告对{_STAKEHOLDER[_recs.loc[r, 'stakeholder']][0]}的建议，"
                "不是对中小企业自己的。",
                f"The report addresses this one to "
                f"{_STAKEHOLDER[_recs.loc[r, 'stakeholder']][1]}, not to the SMEs themselves.",
            )
            for r in _DISTRACTORS
        },
    ),
    hints=(
        Text(
            "想一想“谁来做”：提供产品和服务的是服务方，组织培训、制定标准的是协会。",
            "Ask who acts: providers offer products and services; associations train and set "
            "standards.",
        ),
        Text(
            "“AI”出现在两条建议里：一条是企业自己探索应用，一条是服务方用 AI 升级服务。",
            "'AI' appears in two: one is the firm exploring it itself, the other a provider "
            "upgrading its services with it.",
        ),
    ),
    solution=Text(
        "；".join(_rec_line(r, "zh") for r in _REC_ORDER)
        + "。对中小企业：先评估现状，再借力政策和平台，积极探索 AI 在企业内部的应用。（报告第 5.1、5.2、5.3 节）",
        "; ".join(_rec_line(r, "en") for r in _REC_ORDER)
        + ". For SMEs: assess first, use policies and platforms, explore AI inside the firm. "
        "(§5.1, §5.2, §5.3)",
    ),
    example_answer=sorted(_SME_KEYS),
    wrong_answers=(
        sorted(_SME_KEYS | {_REC_KEYS["provider_4"]}),
        sorted(_SME_KEYS - {_REC_KEYS[_SME[2]]}),
        sorted(set(_REC_KEYS.values()) - _SME_KEYS),
    ),
    points=1,
)

# --- m06.budget_share: from an amount to the share the plan tool needs -------------------------

EXAMPLE_REVENUE = 2000.0  # 万元, a fictional example company
EXAMPLE_AMOUNT = 50.0  # 万元 it can invest in the next 12 months
_ITEMS = questionnaire().items
EXAMPLE_ASSESSMENT = assess({it.id: it.options[len(it.options) // 2].id for it in _ITEMS})
AMOUNT_TOLERANCE = 0.02  # 2% of the amount, or 0.5 万元, whichever is larger


def example_plan(share: float, revenue: float = EXAMPLE_REVENUE) -> plan_model.ActionPlan:
    return plan_model.build_plan(EXAMPLE_ASSESSMENT, revenue_10k_cny=revenue, budget_share=share)


def _close(budget: float, amount: float) -> bool:
    return abs(budget - amount) <= max(0.5, AMOUNT_TOLERANCE * amount)


def check_share(answer: float) -> Feedback:
    """Correct when the plan model, given the example revenue and this share, budgets the
    example amount."""
    try:
        plan = example_plan(answer)
    except KitError as err:
        return wrong(
            f"计划工具不接受这个比例：{err.zh}", f"the plan tool refuses this share: {err.en}"
        )
    budget = plan.budget.amount_10k_cny
    if _close(budget, EXAMPLE_AMOUNT):
        return right(
            f"正确！{_g(EXAMPLE_REVENUE)} 万元 × {answer:g}% = {budget:g} 万元。计划模型显示这一比例属于"
            f"“{plan.budget.band_zh}”区间。",
            f"Correct! {_g(EXAMPLE_REVENUE)} × {answer:g}% = {budget:g} (10k CNY). The plan model "
            f"puts this share in the band '{plan.budget.band_en}'.",
        )
    hint_zh = "（投入比例按百分数填写：1.5 表示 1.5%）" if budget < EXAMPLE_AMOUNT / 10 else ""
    hint_en = " (enter the share in percent: 1.5 means 1.5%)" if hint_zh else ""
    return wrong(
        f"按 {answer:g}% 计算，计划预算是 {budget:g} 万元，不是 {_g(EXAMPLE_AMOUNT)} 万元{hint_zh}。",
        f"At {answer:g}% the plan budgets {budget:g} (10k CNY), not {_g(EXAMPLE_AMOUNT)}{hint_en}.",
    )


_share = round(100 * EXAMPLE_AMOUNT / EXAMPLE_REVENUE, 4)
_example = example_plan(_share)  # built once: the texts and answers below read it


def plan_share_box(lang: str) -> str:
    """The plan tool's budget box as the learner sees it (smedx.ui.plan's label)."""
    with using(lang):
        return _("DX spending (% of revenue)")


BUDGET_SHARE_Q = Question(
    id="m06.budget_share",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"示例企业（虚构）年营业收入 {_g(EXAMPLE_REVENUE)} 万元，未来 12 个月能拿出 "
        f"{_g(EXAMPLE_AMOUNT)} 万元做数字化。在下面的行动计划工具里，“{plan_share_box('zh')}”"
        "应该填多少，计划的预算才正好是这笔钱？（用计划模型检查）",
        f"An example company (fictional) has revenue of {_g(EXAMPLE_REVENUE)} (10k CNY) and can "
        f"spend {_g(EXAMPLE_AMOUNT)} (10k CNY) on digital transformation in the next 12 months. "
        f"What should '{plan_share_box('en')}' be in the plan tool below so that the plan's "
        "budget is exactly that amount? (checked with the plan model)",
    ),
    checker=check_share,
    hints=(
        Text("投入比例 = 投入金额 ÷ 营业收入 × 100。", "Share = amount ÷ revenue × 100."),
        Text(
            "两个数的单位都是万元，可以直接相除。",
            "Both numbers are in 10k CNY, so divide them directly.",
        ),
        Text(
            "工具按百分数读取：填 2 表示 2%，不是 0.02。",
            "The tool reads percent: 2 means 2%, not 0.02.",
        ),
    ),
    solution=Text(
        f"{_g(EXAMPLE_AMOUNT)} ÷ {_g(EXAMPLE_REVENUE)} × 100 = {_share:g}（%）。计划模型用"
        f"“营收 × 比例”算出预算 {_example.budget.amount_10k_cny:g} 万元，并把它与报告"
        f"图 {plan_model.BUDGET_FIGURE} 的投入区间比较：{_example.budget.band_zh}。"
        "（报告第 2.1 节）",
        f"{_g(EXAMPLE_AMOUNT)} ÷ {_g(EXAMPLE_REVENUE)} × 100 = {_share:g} (%). The plan model "
        f"budgets revenue × share = {_example.budget.amount_10k_cny:g} (10k CNY) and "
        f"compares it with the bands of figure {plan_model.BUDGET_FIGURE}: "
        f"{_example.budget.band_en}. (§2.1)",
    ),
    example_answer=_share,
    wrong_answers=(_share / 100, _share * 10, EXAMPLE_REVENUE / EXAMPLE_AMOUNT, 0.0),
    number_range=(-1e6, 1e6),
    points=1,
)

# --- m06.my_plan: your own plan, consistent with the amount you can invest --------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def check_my_plan(answer: Any) -> Feedback:
    """Consistent when the saved plan opens (checksum intact) and the plan model's budget,
    revenue x share, matches the amount the learner says the company can invest."""
    if not isinstance(answer, dict) or not isinstance(answer.get("plan_json"), str):
        return wrong(
            "没有找到保存的计划。请先在计划工具中生成计划，再点“保存为练习答案”。",
            "No saved plan found. Build a plan in the plan tool, then press 'Save as my answer'.",
        )
    amount = answer.get("amount_10k_cny")
    if not _is_number(amount) or amount <= 0:
        return wrong(
            "请填写你的企业未来 12 个月能投入数字化的金额（万元，大于 0）。",
            "Enter the amount your company can invest in the next 12 months (10k CNY, above 0).",
        )
    try:
        plan = plan_model.plan_from_json(answer["plan_json"])
    except KitError as err:
        return wrong(f"保存的计划无法打开：{err.zh}", f"the saved plan cannot be opened: {err.en}")
    b = plan.budget
    if _close(b.amount_10k_cny, amount):
        return right(
            f"一致！计划预算 {b.amount_10k_cny:g} 万元（营收 {_g(b.revenue_10k_cny)} 万元 × "
            f"{b.share_percent:g}%）与你能投入的 {amount:g} 万元相符，属于报告的“{b.band_zh}”区间。"
            f"计划：{plan.stage.current_zh} → {plan.stage.target_zh}。",
            f"Consistent! The plan's budget of {b.amount_10k_cny:g} (revenue "
            f"{_g(b.revenue_10k_cny)} × {b.share_percent:g}%) matches the {amount:g} you can "
            f"invest; band '{b.band_en}'. Plan: {plan.stage.current_en} -> {plan.stage.target_en}.",
        )
    needed = 100 * amount / b.revenue_10k_cny
    return wrong(
        f"不一致：计划预算是 {b.amount_10k_cny:g} 万元（{_g(b.revenue_10k_cny)} × {b.share_percent:g}%），"
        f"而你能投入 {amount:g} 万元。把投入比例改为约 {needed:.2f}%，重新生成并保存。",
        f"Not consistent: the plan budgets {b.amount_10k_cny:g} ({_g(b.revenue_10k_cny)} × "
        f"{b.share_percent:g}%) but you can invest {amount:g}. Set the share to about "
        f"{needed:.2f}%, build and save again.",
    )


_example_json = plan_model.plan_to_json(_example)
_tampered = _example_json.replace(
    f'"amount_10k_cny": {_example.budget.amount_10k_cny}',
    f'"amount_10k_cny": {_example.budget.amount_10k_cny + 1}',
    1,
)

MY_PLAN_Q = Question(
    id="m06.my_plan",
    module=MODULE,
    kind="form",  # answered by smedx.ui.plan.PlanBuilder (save button), not by ExerciseWidget
    prompt=Text(
        "为你自己的企业做一份 12 个月行动计划：在计划工具中填入年营业收入和"
        f"“{plan_share_box('zh')}”（可结合你在模块 "
        "02、05 的结果），再在下方填写企业实际能投入的金额，点“保存为练习答案”。没有唯一答案，检查的是"
        "一致性：计划模型算出的预算（营收 × 比例）必须与你能投入的金额相符（误差 2% 以内）。",
        "Make a 12-month action plan for your own company: enter revenue and "
        f"'{plan_share_box('en')}' in the plan tool (using your results from modules 02 and 05), then the amount your company "
        "can really invest below, and press 'Save as my answer'. There is no single answer; the "
        "check is for consistency: the plan model's budget (revenue × share) must match the "
        "amount you can invest (within 2%).",
    ),
    checker=check_my_plan,
    hints=(
        Text("投入比例 = 能投入的金额 ÷ 营业收入 × 100。", "Share = amount ÷ revenue × 100."),
        Text(
            "改了比例后，工具会自动重新生成计划；再点一次“保存为练习答案”。",
            "After changing the share the tool rebuilds the plan; press 'Save as my answer' again.",
        ),
        Text(
            "“预算”页会告诉你这个比例在报告的哪个投入区间，以及多少企业在你之上或之下。",
            "The 'Budget' tab shows which of the report's bands your share is in and how many "
            "firms spend more or less.",
        ),
    ),
    solution=Text(
        f"没有唯一答案。例如营收 {_g(EXAMPLE_REVENUE)} 万元、能投入 {_g(EXAMPLE_AMOUNT)} 万元的企业，"
        f"比例填 {_share:g}%。保存的计划文件带校验和，手工修改后会被拒绝；计划是本课程的模型生成的"
        "起点，目标数字要在第 1 季度测得基线后由企业自己定。（报告第 2.1、5.1 节）",
        f"There is no single answer. A company with revenue {_g(EXAMPLE_REVENUE)} that can "
        f"invest {_g(EXAMPLE_AMOUNT)} enters {_share:g}%. The saved plan carries a checksum and "
        "is refused once edited by hand; the plan is the kit model's starting point, and the "
        "targets are set by the company once the baseline is measured in quarter 1. (§2.1, §5.1)",
    ),
    example_answer={"amount_10k_cny": EXAMPLE_AMOUNT, "plan_json": _example_json},
    wrong_answers=(
        {"amount_10k_cny": EXAMPLE_AMOUNT * 2, "plan_json": _example_json},
        {"amount_10k_cny": EXAMPLE_AMOUNT, "plan_json": _tampered},
        {"amount_10k_cny": EXAMPLE_AMOUNT, "plan_json": None},
        {"amount_10k_cny": 0, "plan_json": _example_json},
        {"amount_10k_cny": EXAMPLE_AMOUNT, "plan_json": '{"kind": "genai"}'},
    ),
    points=2,
    form="plan",
)

# --- m06.association_help: what an SME can ask its association for (section 5.3) --------------

_ASSOC = [r for r in _recs.index if r.startswith("association_")]
_TRAINING = "association_4"
_talent = data.stat("3.3.1.1", "talent")
_assoc_near = {
    "association_1": Text(
        "合作平台帮企业找伙伴、对接高校和大企业；它不是为员工补技能而设的。",
        "Cooperation platforms help firms find partners, universities and large firms; they "
        "are not there to build staff skills.",
    ),
    "association_2": Text(
        "行业研究给决策提供依据，但不会让你的员工学会新技能。",
        "Industry research informs decisions, but it does not teach your staff new skills.",
    ),
    "association_3": Text(
        "标准规范企业的产品和服务，不解决员工缺技能的问题。",
        "Standards regulate products and services; they do not close a skills gap.",
    ),
}

ASSOCIATION_HELP_Q = Question(
    id="m06.association_help",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"缺乏专业人才是中小企业最常见的困难（{_talent.value:g}%，图 3.3.1.1，N={_talent.n}）。"
        "你的企业也是如此，你想请所在的行业协会帮忙。报告第 5.3 节对产业联盟及行业协会的四条建议中，"
        "哪一条是你最该去问协会要的？",
        f"Lack of skilled staff is SMEs' most common difficulty ({_talent.value:g}%, figure "
        f"3.3.1.1, N={_talent.n}). It is your company's too, and you want your industry "
        "association's help. Of report §5.3's four recommendations to alliances and associations, "
        "which one should you ask your association for?",
    ),
    options=tuple(Option(r, _recs.loc[r, "title_zh"], _recs.loc[r, "title_en"]) for r in _ASSOC),
    checker=choice_is(
        _TRAINING,
        Text(
            "第 5.3 节第四条：协会应开展培训班、研讨会和在线课程，并鼓励校企合作、设立人才库。问协会要"
            "具体的课程和时间表。",
            "§5.3's fourth: associations should run courses, seminars and online classes, and "
            "encourage school-company partnerships and talent pools. Ask for concrete courses and "
            "dates.",
        ),
        near=_assoc_near,
    ),
    hints=(
        Text(
            "你的问题是“人”：哪一条建议说的是人才？",
            "Your problem is people: which recommendation is about talent?",
        ),
        Text(
            "其余三条（合作平台、行业研究、标准）对企业也有用，但不直接补技能。",
            "The other three (platforms, research, standards) help firms too, but do not build "
            "skills directly.",
        ),
    ),
    solution=Text(
        "；".join(_recs.loc[r, "title_zh"] for r in _ASSOC)
        + f"。缺人才对应第四条“{_recs.loc[_TRAINING, 'title_zh']}”（报告第 5.3 节）。"
        "协会也是本课程的使用者：用这四条检查你的协会已经提供什么、还缺什么。",
        "; ".join(_recs.loc[r, "title_en"] for r in _ASSOC)
        + f". A lack of skilled staff calls for the fourth, '{_recs.loc[_TRAINING, 'title_en']}' "
        "(report §5.3). Use the four to check what your association offers and what it lacks.",
    ),
    example_answer=_TRAINING,
    wrong_answers=tuple(_assoc_near),
    points=1,
)

# --- m06.case_transfer: challenge -> the case's practice -> my first 3-month step --------------

_cases = data.cases()
CASE_NAMES = {
    row.case_id: (row.company_zh, row.company_en) for row in _cases.itertuples(index=False)
}
TRANSFER_PARTS = {
    "challenge": (("挑战", "challenge"), "挑战", "challenge"),
    "practice": (("做法", "实践", "practice"), "案例的做法", "the case's practice"),
    "step": (
        ("第一步", "first step", "step"),
        "我的第一步（3 个月内）",
        "my first step (3 months)",
    ),
}
MIN_PART = 6  # characters after the label: a few words, not an essay


def transfer_parts(answer: str) -> dict[str, str]:
    """The text after each part's label ("挑战：…"), one line per part; missing parts absent."""
    found: dict[str, str] = {}
    for line in answer.splitlines():
        head, sep, rest = line.replace("：", ":").partition(":")
        if not sep:
            continue
        for part, (labels, _zh, _en) in TRANSFER_PARTS.items():
            if part not in found and any(label in head.strip().lower() for label in labels):
                found[part] = rest.strip()
                break
    return found


def check_transfer(answer: str) -> Feedback:
    """Complete when a case is named and the three parts are each filled in (not graded on
    agreement: any case, any practice and any first step are fine)."""
    parts = transfer_parts(answer)
    missing = [p for p in TRANSFER_PARTS if len(parts.get(p, "")) < MIN_PART]
    lowered = answer.lower()
    named = [c for c, (zh, en) in CASE_NAMES.items() if zh in answer or en.lower() in lowered]
    if missing:
        return wrong(
            "还缺："
            + "、".join(TRANSFER_PARTS[p][1] for p in missing)
            + f"。每部分一行，以“挑战：”“做法：”“第一步：”开头，冒号后至少写 {MIN_PART} 个字。",
            "Missing: "
            + ", ".join(TRANSFER_PARTS[p][2] for p in missing)
            + ". One line per part, starting 'Challenge:', 'Practice:', 'First step:', with at "
            f"least {MIN_PART} characters after the colon.",
        )
    if not named:
        return wrong(
            "请写出你借鉴的是哪一个案例（例如“耐德佳”）。",
            "Name the case you borrow from (e.g. 'Naidejia').",
        )
    return right(
        "完整：挑战、案例的做法和你的第一步都写清楚了。和同桌交换，互相追问：3 个月后怎么知道"
        "这一步做成了？",
        "Complete: the challenge, the case's practice and your first step are all there. Swap "
        "with a neighbour and ask each other: how will you know in 3 months that it worked?",
    )


CASE_TRANSFER_Q = Question(
    id="m06.case_transfer",
    module=MODULE,
    kind="text",
    prompt=Text(
        "案例迁移：从第四章的六个案例中选一个和你的企业最像的，在下面的框里写三行，分别以"
        "“挑战：”“做法：”“第一步：”开头。挑战：案例企业遇到的、你的企业也有的问题；做法：案例企业"
        "怎么做的（写明是哪一个案例）；第一步：你的企业 3 个月内可以迈出的第一步（谁、做什么）。"
        "这道题检查是否写完整，不检查你的观点。",
        "Case transfer: pick the chapter 4 case most like your company and write three lines in "
        "the box below, starting 'Challenge:', 'Practice:' and 'First step:'. Challenge: what the "
        "case firm faced that your company faces too; Practice: what the case firm did (name the "
        "case); First step: your company's first step within 3 months (who does what). The check "
        "is for completeness, not for agreement with any view.",
    ),
    checker=check_transfer,
    hints=(
        Text(
            "回到上面的六个案例，每个都写了“挑战”“实践”“成效”：先挑一个挑战和你的企业相似的。",
            "Go back to the six cases above: each has a challenge, a practice and an outcome. "
            "Pick one whose challenge resembles yours.",
        ),
        Text(
            "第一步要小到 3 个月内能完成，例如“生产主管在 ERP 里按周排产，先试一条产线”。",
            "Keep the first step small enough for 3 months, e.g. 'the production lead plans one "
            "line by the week in the ERP'.",
        ),
    ),
    solution=Text(
        "没有标准答案。例如：\n挑战：耐德佳的订单波动大、排产靠人工，我们也是。\n"
        "做法：耐德佳在 ERP 里按周分解排产计划并实时监控（报告第 4.6 节）。\n"
        "第一步：生产主管下个月起在现有 ERP 里为一条产线按周排产，三个月后比较交期。",
        "There is no single answer. For example:\nChallenge: Naidejia's orders swing and its "
        "scheduling was manual; so is ours.\nPractice: Naidejia breaks its schedule down by the "
        "week in its ERP and monitors it live (report §4.6).\nFirst step: from next month our "
        "production lead schedules one line by the week in our ERP; after three months we compare "
        "delivery times.",
    ),
    example_answer=(
        "挑战：订单波动大，排产靠人工，和耐德佳一样。\n"
        "做法：耐德佳在 ERP 里按周分解排产计划并实时监控。\n"
        "第一步：生产主管下个月起在 ERP 里为一条产线按周排产。"
    ),
    wrong_answers=(
        "挑战：订单波动大，排产靠人工。",
        "挑战：订单波动大，排产靠人工。\n做法：按周排产并实时监控。\n第一步：生产主管先试一条产线。",
        "我觉得耐德佳的案例很好。",
    ),
    graded=False,
)

QUESTIONS = [
    CUT_Q,
    OUTCOMES_Q,
    COAUTHOR_Q,
    SME_RECS_Q,
    BUDGET_SHARE_Q,
    MY_PLAN_Q,
    ASSOCIATION_HELP_Q,
    CASE_TRANSFER_Q,
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "the ordering options are the SME recommendations and the distractors",
        lambda: sorted(_REC_ORDER) == sorted(_SME + _DISTRACTORS),
    ),
    Premise(
        "the tampered plan differs from the example plan",
        lambda: _tampered != _example_json,
    ),
    Premise(
        "the association options are the training one and those with a targeted message",
        lambda: sorted(_ASSOC) == sorted([_TRAINING, *_assoc_near]),
    ),
)
