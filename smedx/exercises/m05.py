"""Module 05 生成式AI应用: the awareness-use gap (§3.2.1), where SMEs use GenAI, its challenges
(§3.3.1, figure 3.3.1.2 with N=404), and prioritising one's own use cases with the GenAI canvas.

Every report number in a prompt, a solution or an expected answer is read from :mod:`smedx.data`
at import time; every quadrant, score and shortlist from :mod:`smedx.models.genai`.
"""

from __future__ import annotations

from collections.abc import Iterable

from smedx import data
from smedx.exercises import choices
from smedx.exercises.choices import paper_fields
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
)
from smedx.models import genai
from smedx.models.common import INDUSTRIES, STAGE_ORDER, CompanyProfile
from smedx.typography import section_ref

MODULE = "m05"
GAP_FIGURE = "S3.2.1-genai"
USE_FIGURE = "S3.2.1-genai-use"
CHALLENGES = genai.CHALLENGE_FIGURE

_aware = data.stat(GAP_FIGURE, "aware")
_frequent = data.stat(GAP_FIGURE, "frequent_use")
_software = data.stat(USE_FIGURE, "software_dev")
_rnd = data.stat(USE_FIGURE, "product_rnd")
_sample = int(data.fact("sample_firms")["value"])
_n_challenges = int(data.figure_info(CHALLENGES)["n"])
GAP = round(_aware.value - _frequent.value, 1)
_aware_firms = round(_sample * _aware.value / 100)
_frequent_firms = round(_sample * _frequent.value / 100)


def _g(value: float) -> str:
    return f"{value:g}"


def _stage_names() -> dict[str, tuple[str, str]]:
    names = {r.stage_id: (r.name_zh, r.name_en) for r in data.stages().itertuples()}
    return {key: names[key] for key in STAGE_ORDER}


STAGES = _stage_names()
USE_CASES = {uc.key: (uc.label_zh, uc.label_en) for uc in genai.use_cases()}

# --- m05.gap: the awareness-use gap ---------------------------------------------------------

GAP_Q = Question(
    id="m05.gap",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"报告第 3.2.1 节：{_g(_aware.value)}% 的中小企业表示对生成式 AI 有所了解，只有 "
        f"{_g(_frequent.value)}% 在工作中经常使用。“了解”与“经常使用”之间相差多少个百分点？",
        f"Section 3.2.1: {_g(_aware.value)}% of SMEs say they know about generative AI, only "
        f"{_g(_frequent.value)}% use it often at work. How many percentage points lie between "
        "'aware' and 'use it often'?",
    ),
    checker=number_near(
        GAP,
        0.15,
        Text(
            f"{_g(_aware.value)} − {_g(_frequent.value)} = {_g(GAP)} 个百分点：大多数“了解”的企业"
            "还没有把生成式 AI 用进日常工作。",
            f"{_g(_aware.value)} − {_g(_frequent.value)} = {_g(GAP)} points: most firms that know "
            "about GenAI have not made it part of daily work.",
        ),
        " 个百分点",
        near={
            round(_aware.value + _frequent.value, 1): Text(
                "你把两个比例加起来了。“经常使用”的企业多半也在“了解”的企业之中，"
                "相差多少要用减法。",
                "You added the two shares. Firms that use it often are most likely among those "
                "aware of it; a gap is a subtraction.",
            ),
            round(_aware.value / _frequent.value, 1): Text(
                f"{_g(_aware.value)} ÷ {_g(_frequent.value)} 得到的是“倍数”，不是百分点差；"
                "题目问的是相差多少个百分点。",
                f"{_g(_aware.value)} ÷ {_g(_frequent.value)} is a ratio (how many times), not "
                "a gap in percentage points.",
            ),
            _aware.value: Text(
                f"{_g(_aware.value)}% 是“了解”的比例本身，不是差距；还要减去“经常使用”的比例。",
                f"{_g(_aware.value)}% is the share aware, not the gap; subtract the share that "
                "uses it often.",
            ),
        },
    ),
    hints=(
        Text("“相差多少个百分点”用减法，不用除法。", "'How many points apart' is a subtraction."),
        Text(
            "“经常使用”的企业很可能包含在“了解”的企业之中，所以两个数不能相加。",
            "Firms that use it often are most likely among those aware of it, so do not add the "
            "two numbers.",
        ),
    ),
    solution=Text(
        f"{_g(_aware.value)} − {_g(_frequent.value)} = {_g(GAP)} 个百分点。报告没有说明这两个比例的"
        f"基数；若按全部 {_sample} 家计算，约 {_aware_firms} 家了解、约 {_frequent_firms} 家经常使用。"
        f"{_g(_aware.value)} ÷ {_g(_frequent.value)} ≈ {_aware.value / _frequent.value:.0f} 是“倍数”，"
        "不是百分点差。（报告第 3.2.1 节）",
        f"{_g(_aware.value)} − {_g(_frequent.value)} = {_g(GAP)} percentage points. The report "
        f"does not state the base; on all {_sample} firms that is about {_aware_firms} aware and "
        f"about {_frequent_firms} frequent users. {_g(_aware.value)} ÷ {_g(_frequent.value)} ≈ "
        f"{_aware.value / _frequent.value:.0f} is a ratio, not a gap in points. (§3.2.1)",
    ),
    example_answer=GAP,
    wrong_answers=(
        round(_aware.value + _frequent.value, 1),
        round(_aware.value / _frequent.value, 1),
        _aware.value,
    ),
    number_range=(-100, 1000),
    points=1,
)

# --- m05.use_base: 52.3% of whom? ------------------------------------------------------------

USE_BASE = Question(
    id="m05.use_base",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"报告第 3.2.1 节说：“有 {_g(_software.value)}% 的中小企业在软件开发中使用了生成式 AI”，"
        f"{_g(_rnd.value)}% 在产品研发中使用。这两个百分比的分母是谁？",
        f"Section 3.2.1 says {_g(_software.value)}% of SMEs used generative AI in software "
        f"development and {_g(_rnd.value)}% in product R&D. Out of whom?",
    ),
    options=(
        Option("all", f"全部 {_sample} 家受访企业", f"all {_sample} firms surveyed"),
        Option("aware", "对生成式 AI 有所了解的企业", "the firms that know about generative AI"),
        Option("users", "已经在使用生成式 AI 的企业", "the firms that already use generative AI"),
        Option(
            "unknown",
            "报告没有说明；这几种都有可能，引用时要注明“基数未说明”",
            "The report does not say; any of these is possible, so quote it with 'base not stated'",
        ),
    ),
    checker=choice_is(
        "unknown",
        Text(
            f"报告没有给出基数。“用过”与只有 {_g(_frequent.value)}% “经常使用”并不矛盾；但样本覆盖 "
            "13 个行业，多数企业并不做软件开发（附录 2），若分母是全部企业，就意味着过半受访企业在做"
            "软件开发，与样本构成不符。如果分母是使用者，含义就完全不同。",
            f"The report gives no base. Having used it does not conflict with only "
            f"{_g(_frequent.value)}% using it often; but the sample spans 13 industries, mostly "
            "not in software (appendix 2), so a base of all firms would mean over half of them "
            "develop software, which does not fit the sample. If it were the users, the meaning "
            "is quite different.",
        ),
        near={
            "all": Text(
                f"如果是全部企业，就意味着 {_g(_software.value)}% 的受访企业在软件开发中用过生成式 AI，"
                "而样本的 13 个行业多数并不做软件开发（附录 2）——可能吗？报告并没有写明分母。",
                f"If it were all firms, {_g(_software.value)}% of those surveyed would have used "
                "GenAI in software development, yet most of the sample's 13 industries do not "
                "develop software (appendix 2): plausible? The report does not state the base.",
            ),
            "aware": Text(
                "有可能，但报告没有这样写：这两个数字旁边没有 N，也没有“在了解生成式 AI 的企业中”"
                "之类的说明。把猜测的分母当事实引用会误导读者。",
                "Possible, but the report does not say so: there is no N next to these numbers "
                "and no 'among the firms aware of GenAI'. Quoting a guessed base as a fact "
                "misleads readers.",
            ),
            "users": Text(
                "这是最说得通的一种猜测，但报告原文没有这样说。猜测不能当事实引用。",
                "That is the most plausible guess, but the report does not say so. Do not quote "
                "a guess as a fact.",
            ),
        },
    ),
    hints=(
        Text(
            "在报告第 3.2.1 节原文里找一找：这两个数字旁边有没有 N 或“在……企业中”？",
            "Look at section 3.2.1: is there an N or an 'among ... firms' next to these numbers?",
        ),
        Text(
            f"对比 {_g(_frequent.value)}% 的“经常使用”：如果分母是全部企业，两组数字是否协调？",
            f"Compare with the {_g(_frequent.value)}% frequent users: if the base were all firms, "
            "do the numbers fit together?",
        ),
    ),
    solution=Text(
        f"报告没有说明 {_g(_software.value)}% 和 {_g(_rnd.value)}% 的基数（数据包中记为“基数未说明”）。"
        "引用时应写成“报告称……（未说明基数）”，不要写成“一半以上的中小企业在用生成式 AI 写代码”。"
        "（报告第 3.2.1 节）",
        f"The report does not state the base of {_g(_software.value)}% and {_g(_rnd.value)}% (the "
        "data package marks it 'base not stated'). Quote it as 'the report says ... (base not "
        "stated)', not as 'more than half of SMEs write code with GenAI'. (§3.2.1)",
    ),
    example_answer="unknown",
    wrong_answers=("all", "aware", "users"),
    points=1,
)

# --- m05.base404: the N of figure 3.3.1.2 ------------------------------------------------------

BASE_404 = Question(
    id="m05.base404",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"图 {CHALLENGES}（应用大模型和生成式 AI 的主要挑战）的样本量是 N={_n_challenges}，而调研共 "
        f"{_sample} 家企业。哪种说法最站得住？",
        f"Figure {CHALLENGES} (main challenges of large models and GenAI) has N={_n_challenges}, "
        f"while {_sample} firms were surveyed. Which statement holds up best?",
    ),
    options=(
        Option(
            "aware_inferred",
            f"{_n_challenges} 恰好等于 {_sample} × {_g(_aware.value)}%，很可能只有“有所了解”的企业"
            "回答了这道题——这是合理推测，报告并未说明",
            f"{_n_challenges} is exactly {_sample} × {_g(_aware.value)}%, so probably only the "
            "firms aware of GenAI answered; a plausible inference the report does not confirm",
        ),
        Option(
            "stated",
            f"报告在图注和附录 2 的调研说明中明确写明：只有了解生成式 AI 的 {_n_challenges} 家企业"
            "回答了这道题，其余的企业都跳过了",
            f"The report's chart note and the survey description in appendix 2 state that only "
            f"the {_n_challenges} firms aware of GenAI answered this question and the rest "
            "skipped it",
        ),
        Option(
            "users",
            f"{_n_challenges} 家企业在工作中经常使用生成式 AI",
            f"{_n_challenges} firms use generative AI often at work",
        ),
        Option(
            "refused",
            f"{_sample - _n_challenges} 家企业拒绝回答，所以这张图的数据不能用",
            f"{_sample - _n_challenges} firms refused to answer, so the chart is unusable",
        ),
    ),
    checker=choice_is(
        "aware_inferred",
        Text(
            f"{_sample} × {_g(_aware.value)}% = {_aware_firms}，与 N 完全吻合，推测很合理；但报告没有"
            "写明，所以引用时说“可能”。",
            f"{_sample} × {_g(_aware.value)}% = {_aware_firms}, exactly the N: a sound inference; "
            "but the report does not say so, so quote it as 'probably'.",
        ),
        near={
            "stated": Text(
                "报告原文只给了 N，没有解释为什么是这个数。推测不等于报告的说法。",
                "The report prints the N but never explains it. An inference is not the "
                "report's statement.",
            ),
            "users": Text(
                f"经常使用的只有 {_g(_frequent.value)}%，约 {_frequent_firms} 家，远少于 "
                f"{_n_challenges}。",
                f"Only {_g(_frequent.value)}% use it often, about {_frequent_firms} firms, far "
                f"fewer than {_n_challenges}.",
            ),
            "refused": Text(
                "报告没有提到拒答；更可能是这道题只问了部分企业。N 较小不等于数据不能用。",
                "The report mentions no refusals; more likely the question went to some firms "
                "only. A smaller N does not make the data unusable.",
            ),
        },
    ),
    hints=(
        Text(
            f"算一算 {_sample} × {_g(_aware.value)}%。",
            f"Work out {_sample} × {_g(_aware.value)}%.",
        ),
        Text(
            "区分“数字吻合所以很可能”与“报告写明了”。",
            "Tell apart 'the numbers fit, so probably' and 'the report says so'.",
        ),
    ),
    solution=Text(
        f"{_sample} × {_g(_aware.value)}% = {_aware_firms} = N。合理的推测是：挑战题只问了对生成式 AI "
        "有所了解的企业。但报告没有说明这一点，所以这是“可能的基数”，不是确定的基数。同一张图的四个"
        "数字还与图 3.2.1.1 完全相同（见模块 03），更要谨慎使用。（报告第 3.3.1、3.2.1 节）",
        f"{_sample} × {_g(_aware.value)}% = {_aware_firms} = N. A plausible inference: the "
        "challenge question went only to the firms aware of GenAI. The report does not say so, "
        "so this is a likely base, not a confirmed one. The chart's four values are also "
        "identical to figure 3.2.1.1 (module 03): use them with care. (§3.3.1, §3.2.1)",
    ),
    example_answer="aware_inferred",
    wrong_answers=("stated", "users", "refused"),
    points=1,
)

# --- m05.benefit_pilot: turning a challenge into a pilot design ----------------------------------

_benefit = data.stat(CHALLENGES, "unclear_benefit")
_advice_zh, _advice_en = genai.CHALLENGE_ADVICE["unclear_benefit"]

BENEFIT_PILOT = Question(
    id="m05.benefit_pilot",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"图 {CHALLENGES} 中占比最高的挑战是“{_benefit.label_zh}”（{_g(_benefit.value)}%）。"
        "如果你的企业也担心这一点，试点应该怎样设计？（本课程的建议，不是报告原文）",
        f"The most cited challenge in figure {CHALLENGES} is '{_benefit.label_en}' "
        f"({_g(_benefit.value)}%). If your company worries about it too, how should a pilot be "
        "designed? (the kit's advice, not the report's text)",
    ),
    options=(
        Option("kpi", _advice_zh, _advice_en),
        Option(
            "big_model",
            "先购买最强的大模型，效果自然会显现",
            "Buy the strongest model first; the benefit will show by itself",
        ),
        Option(
            "public",
            "直接上线面向客户的 AI 客服，用客户反馈证明价值",
            "Launch a customer-facing AI chatbot and let customer feedback prove the value",
        ),
        Option(
            "wait",
            "等其他企业都用了再说",
            "Wait until everybody else uses it",
        ),
    ),
    checker=choice_is(
        "kpi",
        Text(
            "“成效不清晰”往往是因为事先没有定义成效：先记下现在花多少时间或成本，试点后再比。",
            "'Unclear benefit' often means nobody defined the benefit: record today's time or "
            "cost first and compare after the pilot.",
        ),
        near={
            "big_model": Text(
                "成效说不清，通常不是因为模型不够强，而是事先没有定义要比较什么。没有指标和基线，"
                "再强的模型也证明不了价值，还多花了钱。",
                "An unclear benefit rarely comes from a weak model; it comes from not defining "
                "beforehand what to compare. Without a measure and a baseline even the strongest "
                "model proves nothing, and it costs more.",
            ),
            "public": Text(
                "面向公众的生成式 AI 服务风险最高（隐私与合规），画布中的模型不会把它列为首批试点。",
                "A public-facing GenAI service carries the most risk (privacy, regulation); the "
                "canvas's model never puts it on a first-pilot shortlist.",
            ),
            "wait": Text(
                "报告第 5.1 节的第三条建议正好相反：积极探索 AI 在企业内部的应用。",
                "Recommendation three of section 5.1 says the opposite: actively explore AI "
                "inside the company.",
            ),
        },
    ),
    hints=(
        Text(
            "“成效不清晰”的反面是什么？你要怎样才能说清“成效”？",
            "What is the opposite of 'unclear benefit'? What do you need to state a benefit?",
        ),
        Text(
            "没有“之前”的数字，就算不出“之后”的改进。", "Without a 'before', there is no 'after'."
        ),
    ),
    solution=Text(
        f"选“{_advice_zh}”。例如会议纪要试点：先记录每次会议整理纪要要花多少分钟，试用一个月后再"
        "比较。画布中每个用例的“理由”会列出它面临的挑战和对应的做法（本课程设计），挑战的占比来自"
        f"报告图 {CHALLENGES}（N={_n_challenges}）。（报告第 3.3.1、5.1 节）",
        f"'{_advice_en}'. For a meeting-minutes pilot, for instance: record how many minutes "
        "writing up a meeting takes today, then compare after a month. Each use case's reasons "
        "in the canvas list the challenges it meets and what to do (the kit's advice); the "
        f"shares come from figure {CHALLENGES} (N={_n_challenges}). (§3.3.1, §5.1)",
    ),
    example_answer="kpi",
    wrong_answers=("big_model", "public", "wait"),
    points=1,
)

# --- m05.quadrant: classify use cases for an example company ------------------------------------

EXAMPLE = {
    "industry": "retail",
    "stage": "single_point",
    "data_readiness": "scattered",
    "skills": "basic",
}
QUADRANT_OPTIONS = (
    "marketing_copy",
    "meeting_minutes",
    "customer_service",
    "kb_qa",
    "product_design",
    "ai_ppt",
    "data_insight",
)
_example_folio = genai.prioritise(
    CompanyProfile(industry=EXAMPLE["industry"]),
    EXAMPLE["stage"],
    list(QUADRANT_OPTIONS),
    data_readiness=EXAMPLE["data_readiness"],
    skills=EXAMPLE["skills"],
)
QUICK_WINS = {i.key for i in _example_folio.items if i.quadrant == "quick_win"}


def _scores(lang: str) -> str:
    parts = []
    for item in _example_folio.items:
        label = item.label_zh if lang == "zh" else item.label_en
        quadrant = (item.quadrant_zh if lang == "zh" else item.quadrant_en).split("：")[0]
        quadrant = quadrant.split(":")[0]
        parts.append(f"{label} {item.value:g}/{item.feasibility:g} → {quadrant}")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def _section_refs(keys, lang: str = "zh") -> str:
    """The report sections the catalogue cites for ``keys``, as §-references."""
    found = set()
    for key in keys:
        for part in genai.use_case(key).source_section.split(";"):
            part = part.strip()
            if part.startswith("appendix "):
                found.add("附录" + part.removeprefix("appendix "))
            elif part:
                found.add(part)
    ordered = sorted(found, key=lambda p: (p.startswith("附录"), p))
    if lang == "zh":
        return "、".join(f"§{p}" if "." in p else f"第{p}章" for p in ordered)
    return ", ".join(section_ref(p, "en") if "." in p else f"chapter {p}" for p in ordered)


def _not_quick_win(item) -> Text:
    """Which of the two scores keeps ``item`` out of the quick wins, in the model's numbers."""
    zh, en = [], []
    if item.value < _T:
        zh.append(f"价值 {item.value:g} 低于 {_T:g}")
        en.append(f"its value {item.value:g} is below {_T:g}")
    if item.feasibility < _T:
        zh.append(f"可行性 {item.feasibility:g} 低于 {_T:g}（这家企业的数据和技能还要先补）")
        en.append(
            f"its feasibility {item.feasibility:g} is below {_T:g} (this firm's data and "
            "skills need work first)"
        )
    quadrant_zh, quadrant_en = item.quadrant_zh.split("：")[0], item.quadrant_en.split(":")[0]
    return Text(
        f"按模型，{'，'.join(zh)}，所以属于“{quadrant_zh}”。",
        f"In the model {' and '.join(en)}, so it is a '{quadrant_en}'.",
    )


_SOURCES = _section_refs(QUADRANT_OPTIONS)
_SOURCES_EN = _section_refs(QUADRANT_OPTIONS, "en")
_ex_stage = STAGES[EXAMPLE["stage"]]
_ex_data = genai.DATA_READINESS[EXAMPLE["data_readiness"]]
_ex_skills = genai.SKILL_LEVELS[EXAMPLE["skills"]]
_ex_industry = INDUSTRIES[EXAMPLE["industry"]]
_T = genai.QUADRANT_THRESHOLD

QUADRANT_Q = Question(
    id="m05.quadrant",
    module=MODULE,
    kind="multi",
    prompt=Text(
        f"示例企业（虚构）：{_ex_industry[0]}，处于{_ex_stage[0]}，{_ex_data[1]}，{_ex_skills[1]}。"
        "按本课程的生成式 AI 模型，下列用例中哪些落在“速赢”象限（价值和可行性都 ≥ "
        f"{_T:g}）？（多选；可以把这些条件输入下面的画布来验证）",
        f"Example company (fictional): {_ex_industry[1]}, {_ex_stage[1].lower()}, "
        f"{_ex_data[2]}, {_ex_skills[2]}. Under the kit's GenAI model, which of these use cases "
        f"are quick wins (value and feasibility both ≥ {_T:g})? (select all that apply; you "
        "can enter these conditions in the canvas below to verify)",
    ),
    options=tuple(Option(k, *USE_CASES[k]) for k in QUADRANT_OPTIONS),
    checker=set_is(
        QUICK_WINS,
        Text(
            f"（价值/可行性）{_scores('zh')}。",
            f"(value/feasibility) {_scores('en')}.",
        ),
        why_not={i.key: _not_quick_win(i) for i in _example_folio.items if i.key not in QUICK_WINS},
    ),
    hints=(
        Text(
            f"价值 = 基础分 × {genai.VALUE_PER_POINT}；课程的用例目录（课程设计，依据报告相关章节）"
            f"把该用例列为本行业重点时再加 {genai.INDUSTRY_BOOST}（最高 100）。",
            f"Value = base points × {genai.VALUE_PER_POINT}, plus {genai.INDUSTRY_BOOST} where "
            "the kit's use-case catalogue (kit design, drawing on the report's sections) marks "
            "the use case for the industry (at most 100).",
        ),
        Text(
            f"可行性 = 100 − 每差一级数据 {genai.DATA_GAP_PENALTY} − 每差一级技能 "
            f"{genai.SKILL_GAP_PENALTY} − 每差一个阶段 {genai.STAGE_GAP_PENALTY}。",
            f"Feasibility = 100 − {genai.DATA_GAP_PENALTY} per missing data level − "
            f"{genai.SKILL_GAP_PENALTY} per missing skill level − {genai.STAGE_GAP_PENALTY} per "
            "missing stage.",
        ),
        Text(
            "在画布中选同样的行业、阶段、数据和技能，看哪些点落在右上角。",
            "Enter the same industry, stage, data and skills in the canvas and see which points "
            "land top right.",
        ),
    ),
    solution=Text(
        f"速赢：{'、'.join(USE_CASES[k][0] for k in QUADRANT_OPTIONS if k in QUICK_WINS)}。"
        f"各用例（价值/可行性）：{_scores('zh')}。模型是本课程自行设计的（这些用例出自报告 "
        f"{_SOURCES}），高价值但需先补数据或技能的用例属于“战略投入”。",
        f"Quick wins: {', '.join(USE_CASES[k][1] for k in QUADRANT_OPTIONS if k in QUICK_WINS)}. "
        f"All (value/feasibility): {_scores('en')}. The model is the kit's own design (these use "
        f"cases come from {_SOURCES_EN}); high-value use cases that need better data or skills first "
        "are 'strategic bets'.",
    ),
    example_answer=sorted(QUICK_WINS),
    wrong_answers=(
        list(QUADRANT_OPTIONS),
        sorted(set(QUADRANT_OPTIONS) - QUICK_WINS),
        sorted(QUICK_WINS | {"customer_service"}),
    ),
    points=2,
)

# --- m05.my_pilots: your own company, your own pilots and your reasons --------------------------

INPUT_NAMES = {
    "industry": ("行业", "industry"),
    "stage": ("阶段", "stage"),
    "data_readiness": ("数据", "data"),
    "skills": ("技能", "skills"),
    "pilots": ("我的试点", "my pilots"),
}
MAX_PILOTS = choices.MAX_PICKS


def pilots_answer(
    industry: str,
    stage: str,
    data_readiness: str,
    skills: str,
    pilots: Iterable[str],
    justification: str,
) -> dict:
    """The form answer of ``m05.my_pilots``: the canvas's inputs, the pilots and the reasons."""
    return {
        "industry": industry,
        "stage": stage,
        "data_readiness": data_readiness,
        "skills": skills,
        "pilots": list(pilots),
        "justification": justification,
    }


def inputs_problem(answer) -> Feedback | None:
    """What is missing or malformed in a pilots answer's canvas inputs, or None."""
    problem = choices.not_a_form(answer)
    if problem:
        return problem
    catalogues = {
        "industry": INDUSTRIES,
        "stage": STAGES,
        "data_readiness": genai.DATA_READINESS,
        "skills": genai.SKILL_LEVELS,
    }
    for field, catalogue in catalogues.items():
        problem = choices.one_of(answer, field, catalogue, INPUT_NAMES[field])
        if problem:
            return problem
    return None


def pilots_problem(answer, *, justified: bool = True) -> Feedback | None:
    """What is missing or malformed in a pilots answer, or None (the objective part only)."""
    return choices.picks_problem(
        answer,
        inputs_problem(answer),
        "pilots",
        USE_CASES,
        INPUT_NAMES["pilots"],
        justified=justified,
    )


def model_pilots(answer: dict) -> genai.GenAIPortfolio:
    """The model's portfolio for a complete answer's inputs (whole catalogue, top-3 shortlist)."""
    return genai.prioritise(
        CompanyProfile(industry=answer["industry"]),
        answer["stage"],
        data_readiness=answer["data_readiness"],
        skills=answer["skills"],
        shortlist_size=MAX_PILOTS,
    )


def _names(items, lang: str) -> str:
    labels = [i.label_zh if lang == "zh" else i.label_en for i in items]
    return "、".join(labels) if lang == "zh" else ", ".join(labels)


def pilots_reference(answer: dict) -> Text:
    """The model's shortlist beside the learner's pilots: a reference, never a verdict."""
    folio = model_pilots(answer)
    shortlisted = {i.key for i in folio.shortlist}
    outside = [folio.item(p) for p in answer["pilots"] if p not in shortlisted]
    chosen = [folio.item(p) for p in answer["pilots"]]
    if folio.shortlist:
        zh = f"模型对你所填情况的首批试点：{_names(folio.shortlist, 'zh')}；"
        en = f"For what you entered the model's first pilots are {_names(folio.shortlist, 'en')}; "
    else:
        zh = "按你所填情况，模型没有可作为首批试点的用例（先补数据或技能）；"
        en = "For what you entered the model has no first pilot (data or skills first); "
    zh += f"你选的是：{_names(chosen, 'zh')}。"
    en += f"you chose {_names(chosen, 'en')}."
    if outside:
        why_zh = "；".join(f"{i.label_zh}：{i.quadrant_zh}，风险 {i.risk:g}" for i in outside)
        why_en = "; ".join(f"{i.label_en}: {i.quadrant_en}, risk {i.risk:g}" for i in outside)
        zh += f"不在模型名单上的：{why_zh}。你的理由应说明为什么仍选它（例如模型不知道的情况）。"
        en += (
            f" Not on the model's list: {why_en}. Your reasons should say why you still choose "
            "it (e.g. what the model does not know)."
        )
    else:
        zh += "你的试点都在模型名单上；理由仍要说明它们为什么适合你的企业。"
        en += " All your pilots are on the model's list; your reasons still say why they fit."
    return Text(zh, en)


def check_pilots(answer) -> Feedback:
    """Complete inputs, 1-3 pilots, reasons written: then the model's shortlist as a reference.
    Any pilots are accepted: the model's list starts the discussion."""
    problem = pilots_problem(answer)
    if problem:
        return problem
    reference = pilots_reference(answer)
    return right(
        "已记录你的试点和理由。自动检查只看是否填写完整，不评判你的选择。" + reference.zh,
        "Your pilots and reasons are recorded. The check only looks at completeness, not at "
        "your choice. " + reference.en,
    )


_my_example = genai.prioritise(
    CompanyProfile(industry=EXAMPLE["industry"]),
    EXAMPLE["stage"],
    data_readiness=EXAMPLE["data_readiness"],
    skills=EXAMPLE["skills"],
    shortlist_size=MAX_PILOTS,
)
_my_short = [i.key for i in _my_example.shortlist]
_my_outside = [i.key for i in _my_example.items if i.key not in _my_short]
EXAMPLE_PILOTS = ("marketing_copy", "meeting_minutes")  # the second is off the model's list
_EXAMPLE_REASON = (
    "每天都要写商品介绍和朋友圈文案，营销文案在模型名单上，先做它。会议纪要不在名单上（价值分低），"
    "但我们每周例会多、纪要没人写，而且只在内部用、风险低，适合让员工先练手；成效按每次整理"
    "纪要省下的分钟数来衡量。"
)


def _example(pilots: Iterable[str], justification: str = _EXAMPLE_REASON, **changes) -> dict:
    inputs = {**EXAMPLE, **changes}
    return pilots_answer(
        inputs["industry"],
        inputs["stage"],
        inputs["data_readiness"],
        inputs["skills"],
        pilots,
        justification,
    )


MY_PILOTS = Question(
    id="m05.my_pilots",
    module=MODULE,
    kind="form",  # answered by smedx.ui.genai.GenAICanvas, not by ExerciseWidget
    prompt=Text(
        f"为你自己的企业选出 1-{MAX_PILOTS} 个生成式 AI 首批试点，并写下理由。在画布里输入企业情况"
        f"（行业、阶段、数据、技能），在“我的试点”里勾选，在“我的理由”里写至少 "
        f"{choices.MIN_JUSTIFICATION} 个字。你可以选模型名单以外的用例：名单是讨论的起点。检查只看"
        "填写是否完整，并把模型的首批试点列在你的选择旁边作参考；凡有不同之处，你的理由应说明为什么。",
        f"Choose 1-{MAX_PILOTS} first GenAI pilots for your own company and give your reasons. "
        "Enter your company in the canvas (industry, stage, data, skills), tick 'My pilots' and "
        f"write at least {choices.MIN_JUSTIFICATION} characters under 'My reasons'. You may "
        "choose use cases outside the model's list: the list starts the discussion. The check "
        "only looks at completeness and shows the model's first pilots beside your choice as a "
        "reference; where you differ, your reasons should say why.",
    ),
    checker=check_pilots,
    hints=(
        Text(
            f"选好行业、阶段、数据水平和技能水平，勾选 1-{MAX_PILOTS} 个试点，再写理由。",
            f"Set industry, stage, data level and skill level, tick 1-{MAX_PILOTS} pilots, then "
            "write your reasons.",
        ),
        Text(
            "好的理由说清：试点解决什么问题、怎样衡量成效；如果它不在模型名单上，看它的理由：是价值"
            "不够、可行性不够（差数据/技能/阶段），还是风险太高，你打算怎样应对？",
            "Good reasons say which problem the pilot solves and how its benefit is measured; if "
            "it is not on the model's list, read its reasons (too little value, too little "
            "feasibility, too much risk) and say how you would deal with that.",
        ),
    ),
    solution=Text(
        f"没有唯一答案。例如上题的示例企业，模型的首批试点是 {_names(_my_example.shortlist, 'zh')}。"
        "选名单上的或别的用例都可以，理由要说明为什么。模型是本课程自行设计的（报告第 3.3.1 节的挑战"
        "数据 + 课程的评分规则），它的名单是讨论的起点，不是标准答案；报告第 5.1 节建议从企业内部的"
        "应用开始探索。",
        "There is no single answer. For the example company above the model's first pilots are "
        f"{_names(_my_example.shortlist, 'en')}. Choosing these or others is fine; the reasons "
        "must say why. The model is the kit's own design (§3.3.1 challenge data plus the kit's "
        "scoring rules): its list starts the discussion, it is not the answer; §5.1 recommends "
        "exploring AI inside the company first.",
    ),
    example_answer=_example(EXAMPLE_PILOTS),
    wrong_answers=(
        _example(EXAMPLE_PILOTS, justification=""),
        _example([_my_short[0]], justification="试试"),
        _example([]),
        _example(_my_short + _my_outside[:1]),
        _example(["no_such_use_case"]),
        _example([_my_short[0]], skills="wizard"),
        [f"pilot:{_my_short[0]}"],
    ),
    points=3,
    form="genai",
    meta={
        "paper": paper_fields(  # the handout's worksheet: one line of boxes per field
            INPUT_NAMES,
            {
                "industry": INDUSTRIES,
                "stage": STAGES,
                "data_readiness": {k: (zh, en) for k, (_r, zh, en) in genai.DATA_READINESS.items()},
                "skills": {k: (zh, en) for k, (_r, zh, en) in genai.SKILL_LEVELS.items()},
                "pilots": USE_CASES,
            },
        ),
    },
)


QUESTIONS = [GAP_Q, USE_BASE, BASE_404, BENEFIT_PILOT, QUADRANT_Q, MY_PILOTS]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "80.8% of the 500 firms is 404, the N of the challenges figure (the coincidence taught)",
        lambda: _aware_firms == _n_challenges,
    ),
    Premise(
        "the example's quick wins are some, not all, of the options",
        lambda: QUICK_WINS and set(QUADRANT_OPTIONS) != QUICK_WINS,
    ),
)
