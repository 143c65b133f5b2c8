"""Graded items of assignment 05 生成式AI应用 (trainer-only): parallel forms of module 05's practice
items.

Each item assesses the learning objective of the practice item named in ``meta["parallel_of"]``
with other figures, numbers, options or a different company. Report numbers come from
:mod:`smedx.data`; quadrants, scores and shortlists from :mod:`smedx.models.genai` (the kit's own
model); all at import time.
"""

from __future__ import annotations

from collections.abc import Iterable

from smedx import data
from smedx.exercises import choices
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
from smedx.exercises.m05 import INPUT_NAMES, pilots_answer, pilots_problem, pilots_reference
from smedx.grading.assignment import Criterion, Reflection
from smedx.models import genai
from smedx.models.common import INDUSTRIES, STAGE_ORDER, CompanyProfile

MODULE = "m05"
GAP_FIGURE = "S3.2.1-genai"
USE_FIGURE = "S3.2.1-genai-use"
CHALLENGES = genai.CHALLENGE_FIGURE

OBJECTIVES = {
    2: "2 认知—使用落差：说出落差有多大，并正确地用百分点表达 · state a gap in percentage points",
    3: "3 无基数的百分比：读懂没有说明基数的百分比，引用时注明局限 · read percentages without a "
    "stated base",
    4: f"4 N={data.figure_info(CHALLENGES)['n']}：解释挑战图的 N 从何而来、为什么只是合理推测，数字为什么要"
    f"谨慎使用 · explain N={data.figure_info(CHALLENGES)['n']} and why its numbers need care",
    6: "6 试点：按“价值 × 可行性 × 风险”挑出首批试点并说明理由和风险 · pick and justify first "
    "pilots by value, feasibility and risk",
}


def _meta(objective: int, parallel_of: str) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of}


def _g(value: float) -> str:
    return f"{value:g}"


_aware = data.stat(GAP_FIGURE, "aware")
_frequent = data.stat(GAP_FIGURE, "frequent_use")
_software = data.stat(USE_FIGURE, "software_dev")
_rnd = data.stat(USE_FIGURE, "product_rnd")
_sample = int(data.fact("sample_firms")["value"])
_n_challenges = int(data.figure_info(CHALLENGES)["n"])
_aware_firms = round(_sample * _aware.value / 100)
_frequent_firms = round(_sample * _frequent.value / 100)
USE_GAP = round(_software.value - _rnd.value, 1)
USE_SUM = round(_software.value + _rnd.value, 1)
STAGES = {r.stage_id: (r.name_zh, r.name_en) for r in data.stages().itertuples()}
STAGES = {key: STAGES[key] for key in STAGE_ORDER}
USE_CASES = {uc.key: (uc.label_zh, uc.label_en) for uc in genai.use_cases()}

# --- 4. the most cited challenge after 'unclear benefit' ------------------------------------------

_challenges = data.figure(CHALLENGES)
_challenges = _challenges[_challenges["segment_key"] == ""].sort_values("value", ascending=False)
FEW = data.stat(CHALLENGES, "few_applications")
_few_zh, _few_en = genai.CHALLENGE_ADVICE["few_applications"]
_kpi_zh, _kpi_en = genai.CHALLENGE_ADVICE["unclear_benefit"]

# --- 5. quadrants for another fictional company ------------------------------------------------

FIRM = {
    "industry": "professional_services",
    "stage": "local_build",
    "data_readiness": "organised",
    "skills": "basic",
}
QUADRANT_OPTIONS = (
    "meeting_minutes",
    "legal_assistant",
    "kb_qa",
    "code_generation",
    "doc_summary",
    "data_insight",
    "marketing_images",
)
_folio = genai.prioritise(
    CompanyProfile(industry=FIRM["industry"]),
    FIRM["stage"],
    list(QUADRANT_OPTIONS),
    data_readiness=FIRM["data_readiness"],
    skills=FIRM["skills"],
)
QUICK_WINS = {i.key for i in _folio.items if i.quadrant == "quick_win"}
_T = genai.QUADRANT_THRESHOLD


def _firm_text(firm: dict, lang: str) -> str:
    i = 0 if lang == "zh" else 1
    parts = [
        INDUSTRIES[firm["industry"]][i],
        STAGES[firm["stage"]][i],
        genai.DATA_READINESS[firm["data_readiness"]][1 + i],
        genai.SKILL_LEVELS[firm["skills"]][1 + i],
    ]
    return "，".join(parts) if lang == "zh" else ", ".join(parts)


def _scores(lang: str) -> str:
    parts = []
    for item in _folio.items:
        label = item.label_zh if lang == "zh" else item.label_en
        quadrant = (item.quadrant_zh if lang == "zh" else item.quadrant_en).split("：")[0]
        parts.append(f"{label} {item.value:g}/{item.feasibility:g} → {quadrant.split(':')[0]}")
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


# --- 6. two pilots for a third fictional company ------------------------------------------------

PLANT = {
    "industry": "discrete_manufacturing",
    "stage": "local_build",
    "data_readiness": "organised",
    "skills": "basic",
}
PILOTS = 2
_plant = genai.prioritise(
    CompanyProfile(industry=PLANT["industry"]),
    PLANT["stage"],
    data_readiness=PLANT["data_readiness"],
    skills=PLANT["skills"],
    shortlist_size=3,
)
_plant_short = [i.key for i in _plant.shortlist]
_plant_outside = [i.key for i in _plant.items if i.key not in _plant_short]


def check_plant_pilots(answer) -> Feedback:
    """The objective part (1 point): the case's canvas inputs entered exactly and PILOTS use
    cases from the catalogue. Which pilots and why is graded by hand against PLANT_RUBRIC."""
    problem = pilots_problem(answer, justified=False) or choices.case_problem(
        answer, PLANT, INPUT_NAMES
    )
    if problem:
        return problem
    if len(answer["pilots"]) != PILOTS:
        return wrong(
            f"请恰好选 {PILOTS} 个试点（现在选了 {len(answer['pilots'])} 个）。",
            f"pick exactly {PILOTS} pilots (you picked {len(answer['pilots'])}).",
        )
    reference = pilots_reference(answer)
    return right(
        f"企业情况输入正确，选了 {PILOTS} 个试点。选择和理由由老师按评分标准评分。" + reference.zh,
        f"The company is entered as given and {PILOTS} pilots are picked. Your choice and "
        "reasons are graded by your trainer with the rubric. " + reference.en,
    )


def _plant_answer(pilots: Iterable[str], **changes: str) -> dict:
    case = {**PLANT, **changes}
    return pilots_answer(
        case["industry"], case["stage"], case["data_readiness"], case["skills"], pilots, ""
    )


def _names(items, lang: str) -> str:
    labels = [i.label_zh if lang == "zh" else i.label_en for i in items]
    return "、".join(labels) if lang == "zh" else ", ".join(labels)


_plant_pick = _plant.item("meeting_minutes")  # off the model's list: the example argues for it
PLANT_RUBRIC = Reflection(
    prompt=Text(
        f"在下面的答题单元格里写下你的理由（3–5 句）：为什么这 {PILOTS} 个试点适合这家企业，怎样衡量成效？模型的"
        f"首批试点（参考，不是标准答案）：{_names(_plant.shortlist, 'zh')}。凡与模型名单不同之处，"
        "说明为什么，以及怎样应对它的风险或短板。",
        f"Write your reasons in the answer cell below (3-5 sentences): why do these {PILOTS} pilots suit this "
        "company, and how would you measure the benefit? The model's first pilots (a reference, "
        f"not the answer): {_names(_plant.shortlist, 'en')}. Where you differ from its list, "
        "say why and how you would handle its risk or gaps.",
    ),
    rubric=(
        Criterion(
            1,
            Text(
                "每个试点都有具体理由（解决这家企业的什么问题），并说明怎样衡量成效（之前/之后）。",
                "Each pilot has a concrete reason (which problem of this firm it solves) and a "
                "way to measure the benefit (before/after).",
            ),
        ),
        Criterion(
            1,
            Text(
                "把模型名单当参考来用：与名单不同之处说清模型漏看了什么，并对它的风险、数据或技能"
                "短板给出应对；与名单一致之处说明分数之外它为什么合适。",
                "Uses the model's list as a reference: where the pilots differ, says what the "
                "model misses and how the risk, data or skill gap is handled; where they agree, "
                "says why they fit beyond the score.",
            ),
        ),
    ),
    model_answer=Text(
        f"示例：选{_plant.shortlist[0].label_zh}和{_plant_pick.label_zh}。前者在模型名单上，车间的"
        f"产品说明经常要改写；{_plant_pick.label_zh}不在名单上（{_plant_pick.quadrant_zh}），但"
        "班组例会每天都开、纪要没人写，只在内部用、风险低。成效按每周省下的整理时间衡量。",
        f"Example: {_plant.shortlist[0].label_en} and {_plant_pick.label_en}. The first is on "
        "the model's list: product descriptions are rewritten all the time. "
        f"{_plant_pick.label_en} is not ({_plant_pick.quadrant_en}), but team meetings happen "
        "daily with nobody writing minutes, and it stays internal and low-risk. The benefit "
        "is measured in writing-up time saved per week.",
    ),
)


QUESTIONS = [
    Question(
        id="m05.g_use_gap",
        module=MODULE,
        graded=True,
        kind="number",
        points=1,
        prompt=Text(
            f"报告 §3.2.1：{_g(_software.value)}% 的中小企业在软件开发中使用了生成式 AI，"
            f"{_g(_rnd.value)}% 在产品研发中使用。两个比例相差多少个百分点？",
            f"Section 3.2.1: {_g(_software.value)}% of SMEs used generative AI in software "
            f"development and {_g(_rnd.value)}% in product R&D. How many percentage points apart "
            "are the two shares?",
        ),
        checker=number_near(
            USE_GAP,
            0.15,
            Text(
                f"{_g(_software.value)} − {_g(_rnd.value)} = {_g(USE_GAP)} 个百分点。",
                f"{_g(_software.value)} − {_g(_rnd.value)} = {_g(USE_GAP)} percentage points.",
            ),
            " 个百分点",
        ),
        hints=(
            Text("“相差多少个百分点”用减法。", "'How many points apart' is a subtraction."),
            Text(
                "比值（除法）得到的是“倍数”，不是百分点。",
                "A ratio (division) gives a multiple, not points.",
            ),
        ),
        solution=Text(
            f"{_g(_software.value)} − {_g(_rnd.value)} = {_g(USE_GAP)} 个百分点。"
            f"{_g(_software.value)} ÷ {_g(_rnd.value)} ≈ {_software.value / _rnd.value:.2f} 是倍数；"
            "两个比例的基数报告都没有说明（报告 §3.2.1）。",
            f"{_g(_software.value)} − {_g(_rnd.value)} = {_g(USE_GAP)} percentage points. "
            f"{_g(_software.value)} ÷ {_g(_rnd.value)} ≈ {_software.value / _rnd.value:.2f} is a "
            "ratio; the report states neither share's base (§3.2.1).",
        ),
        example_answer=USE_GAP,
        wrong_answers=(USE_SUM, round(_software.value / _rnd.value, 2), _rnd.value),
        number_range=(-100, 1000),
        meta=_meta(2, "m05.gap"),
    ),
    Question(
        id="m05.g_use_sum",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"同事写道：“{_g(_software.value)}% 的中小企业在软件开发中使用了生成式 AI，"
            f"{_g(_rnd.value)}% 在产品研发中使用，所以 {_g(USE_SUM)}% 的中小企业在研发中用上了生成式"
            " AI。”这句话对吗？",
            f"A colleague writes: '{_g(_software.value)}% of SMEs used GenAI in software "
            f"development and {_g(_rnd.value)}% in product R&D, so {_g(USE_SUM)}% of SMEs use "
            "GenAI in R&D.' Is that right?",
        ),
        options=(
            Option(
                "right",
                "对，两个比例相加即可",
                "Yes: add the two shares",
            ),
            Option(
                "minus_frequent",
                "差不多：同一家企业可能两项都用，相加会重复计算，所以要减去两项都用的企业，也就是"
                f"报告说的“经常使用”的 {_g(_frequent.value)}%",
                "Nearly: a firm may do both, so adding counts some firms twice; subtract the firms "
                f"that do both, that is the {_g(_frequent.value)}% the report calls frequent "
                "users",
            ),
            Option(
                "cannot_add",
                "不对：两个比例的基数报告都没有说明，同一家企业也可能两项都用，所以不能相加；"
                "引用时分别写出并注明“基数未说明”",
                "No: the report states neither base, and one firm may do both, so they cannot be "
                "added; quote each with 'base not stated'",
            ),
            Option(
                "wrong_data",
                f"不对：{_g(USE_SUM)}% 意味着几乎所有中小企业都在研发中用生成式 AI，这与只有 "
                f"{_g(_frequent.value)}% 经常使用相矛盾，说明报告的数据有误",
                f"No: {_g(USE_SUM)}% would mean nearly every SME uses GenAI in R&D, which "
                f"contradicts the mere {_g(_frequent.value)}% who use it often, so the report's "
                "data is wrong",
            ),
        ),
        checker=choice_is(
            "cannot_add",
            Text(
                "基数不明、又可能重叠的两个比例，相加没有意义。",
                "Two shares with unknown bases that may overlap cannot be added.",
            ),
            near={
                "right": Text(
                    "同一家企业可能既在软件开发中用，也在产品研发中用，相加会重复计算。",
                    "A firm may use it in both, so adding counts it twice.",
                ),
                "minus_frequent": Text(
                    "“经常使用”是另一个问题的比例，减去它没有意义；关键是这两个比例不能相加。",
                    "Frequent use answers another question; subtracting it means nothing. The point "
                    "is that the two shares cannot be added.",
                ),
                "wrong_data": Text(
                    "“用过”与“经常使用”并不矛盾，用过的企业可以远多于经常用的；数据未必有误，"
                    "问题在于这两个比例不能相加。",
                    "Having used it and using it often do not conflict: far more firms can have "
                    "used it than use it often. The data need not be wrong; the point is that the "
                    "two shares cannot be added.",
                ),
            },
        ),
        hints=(
            Text(
                "同一家企业能不能两项都用？",
                "Can one firm use GenAI in both?",
            ),
            Text(
                "报告写明这两个比例的分母了吗？",
                "Does the report state the denominators?",
            ),
        ),
        solution=Text(
            f"不能相加。{_g(_software.value)}% 和 {_g(_rnd.value)}% 的基数报告没有说明（数据包记为"
            "“基数未说明”），而且两者可能重叠。引用时分别写出并注明基数未说明（报告 §3.2.1）。",
            f"They cannot be added. The bases of {_g(_software.value)}% and {_g(_rnd.value)}% "
            "are not stated (the data package says so), and the two may overlap. Quote each and "
            "note that the base is not stated (§3.2.1).",
        ),
        example_answer="cannot_add",
        wrong_answers=("right", "minus_frequent", "wrong_data"),
        meta=_meta(3, "m05.use_base"),
    ),
    Question(
        id="m05.g_misquote_404",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"一份培训讲义写道：“在 {_n_challenges} 家使用生成式 AI 的中小企业中，"
            f"{_g(data.stat(CHALLENGES, 'unclear_benefit').value)}% 认为应用成效不清晰（图 {CHALLENGES}）。”"
            "这句话的主要问题是什么？",
            f"A training handout says: 'Among the {_n_challenges} SMEs that use generative AI, "
            f"{_g(data.stat(CHALLENGES, 'unclear_benefit').value)}% find its benefit unclear "
            f"(figure {CHALLENGES}).' What is the main problem?",
        ),
        options=(
            Option(
                "nothing",
                "没有问题，报告就是这样写的",
                "None: that is what the report says",
            ),
            Option(
                "users_and_care",
                f"报告没有说这 {_n_challenges} 家是谁：{_n_challenges} = {_sample} × "
                f"{_g(_aware.value)}%，更可能是“有所了解”的企业（推测），经常使用的只有约 "
                f"{_frequent_firms} 家；而且这张图的数字与另一张图完全相同，要谨慎使用",
                f"The report does not say who the {_n_challenges} are: {_n_challenges} = "
                f"{_sample} × {_g(_aware.value)}%, more likely the firms aware of GenAI (an "
                f"inference); only about {_frequent_firms} use it often; and the chart's numbers "
                "repeat another chart's, so use them with care",
            ),
            Option(
                "should_be_500",
                f"应该写成“在 {_sample} 家中小企业中”，因为调研共 {_sample} 家",
                f"It should say 'among {_sample} SMEs', since {_sample} were surveyed",
            ),
            Option(
                "stated_aware",
                f"应该写成“在报告明确说明的 {_n_challenges} 家了解生成式 AI 的企业中”",
                f"It should say 'among the {_n_challenges} aware firms, as the report states'",
            ),
        ),
        checker=choice_is(
            "users_and_care",
            Text(
                f"{_n_challenges} 家是“使用者”没有依据；“了解的企业”是与数据吻合的推测，报告并未说明。",
                f"Nothing supports '{_n_challenges} users'; 'aware firms' is an inference that "
                "fits the data, which the report does not confirm.",
            ),
            near={
                "nothing": Text(
                    f"报告没有说这 {_n_challenges} 家企业在“使用”生成式 AI。",
                    f"The report never says the {_n_challenges} firms 'use' GenAI.",
                ),
                "stated_aware": Text(
                    "报告只给出了 N，没有说明是谁回答了这道题：这是推测，不能写成“报告明确说明”。",
                    "The report prints the N but never says who answered: it is an inference, "
                    "not a statement of the report.",
                ),
                "should_be_500": Text(
                    f"这张图的 N 是 {_n_challenges}，不是 {_sample}：不能换分母。",
                    f"This chart's N is {_n_challenges}, not {_sample}: do not change the base.",
                ),
            },
        ),
        hints=(
            Text(
                f"经常使用生成式 AI 的企业约有多少家？{_sample} × {_g(_frequent.value)}% = ？",
                f"About how many firms use GenAI often? {_sample} × {_g(_frequent.value)}% = ?",
            ),
            Text(
                "区分“报告写明了”和“数字吻合所以很可能”。",
                "Tell apart 'the report says so' and 'the numbers fit, so probably'.",
            ),
        ),
        solution=Text(
            f"{_sample} × {_g(_aware.value)}% = {_aware_firms} = N，所以挑战题很可能只问了“有所了解”的企业"
            f"（推测，报告未说明）；经常使用的只有约 {_frequent_firms} 家。图 {CHALLENGES} 的四个数字还与图 "
            "3.2.1.1 完全相同。应写：“据报告，在（可能是）了解生成式 AI 的企业中……（数字待核实）”。",
            f"{_sample} × {_g(_aware.value)}% = {_aware_firms} = N, so the challenge question "
            "probably went to the aware firms (an inference the report does not confirm); only "
            f"about {_frequent_firms} use GenAI often. Figure {CHALLENGES}'s four numbers also "
            "repeat figure 3.2.1.1. Write: 'according to the report, among (probably) the firms "
            "aware of GenAI ... (numbers to be verified)'.",
        ),
        example_answer="users_and_care",
        wrong_answers=("nothing", "should_be_500", "stated_aware"),
        meta=_meta(4, "m05.base404"),
    ),
    Question(
        id="m05.g_few_apps_pilot",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"图 {CHALLENGES} 中第二常见的挑战是“{FEW.label_zh}”（{_g(FEW.value)}%）。如果你的企业"
            "也觉得能用生成式 AI 的地方太少，第一步怎么做最合适？（本课程的建议，不是报告原文）",
            f"The second most cited challenge in figure {CHALLENGES} is '{FEW.label_en}' "
            f"({_g(FEW.value)}%). If your company also finds few places to use GenAI, what is the "
            "best first step? (the kit's advice, not the report's text)",
        ),
        options=(
            Option("build_own", "自己组建团队训练一个专用大模型", "Build a team to train a model"),
            Option("trial_existing", _few_zh, _few_en),
            Option("kpi_only", _kpi_zh, _kpi_en),
            Option(
                "wait_more",
                "等市场上出现更多应用再考虑",
                "Wait until the market offers more applications",
            ),
        ),
        checker=choice_is(
            "trial_existing",
            Text(
                "“应用较少”时，先用现成的产品在一两个环节试起来，比自建更快、更便宜。",
                "When applications are few, trying an existing product at one or two steps is "
                "faster and cheaper than building one.",
            ),
            near={
                "kpi_only": Text(
                    "定指标和基线是应对“成效不清晰”的做法；这里的问题是“应用较少”。",
                    "A KPI and baseline answer 'unclear benefit'; the problem here is 'few "
                    "applications'.",
                ),
                "build_own": Text(
                    "自建大模型成本高、周期长，对中小企业的首批试点风险最大。",
                    "Training a model is costly and slow: the riskiest first pilot for an SME.",
                ),
                "wait_more": Text(
                    "报告 §5.1 的建议正好相反：积极探索 AI 在企业内部的应用。",
                    "§5.1 recommends the opposite: actively explore AI inside the company.",
                ),
            },
        ),
        hints=(
            Text(
                "画布中每个用例的“理由”会列出它面临的挑战和对应的做法。",
                "Each use case's reasons in the canvas list its challenges and what to do.",
            ),
        ),
        solution=Text(
            f"选“{_few_zh}”。挑战的占比来自报告图 {CHALLENGES}（N={_n_challenges}），应对做法是本课程的"
            "建议（报告 §3.3.1、§5.1）。",
            f"'{_few_en}'. The shares come from figure {CHALLENGES} (N={_n_challenges}); the "
            "advice is the kit's (§3.3.1, §5.1).",
        ),
        example_answer="trial_existing",
        wrong_answers=("build_own", "kpi_only", "wait_more"),
        meta=_meta(6, "m05.benefit_pilot"),
    ),
    Question(
        id="m05.g_quadrant_firm",
        module=MODULE,
        graded=True,
        kind="multi",
        points=2,
        prompt=Text(
            f"示例企业（虚构）：{_firm_text(FIRM, 'zh')}。按本课程的生成式 AI 模型，下列用例中哪些落在"
            f"“速赢”象限（价值和可行性都 ≥ {_T:g}）？（多选；可以把这些条件输入画布来验证）",
            f"Example company (fictional): {_firm_text(FIRM, 'en')}. Under the kit's GenAI "
            f"model, which of these use cases are quick wins (value and feasibility both ≥ "
            f"{_T:g})? (select all that apply; you can verify in the canvas)",
        ),
        options=tuple(Option(k, *USE_CASES[k]) for k in QUADRANT_OPTIONS),
        checker=set_is(
            QUICK_WINS,
            Text(f"（价值/可行性）{_scores('zh')}。", f"(value/feasibility) {_scores('en')}."),
        ),
        hints=(
            Text(
                "在画布中选同样的行业、阶段、数据和技能，看哪些点落在右上角。",
                "Enter the same industry, stage, data and skills in the canvas and see which "
                "points land top right.",
            ),
            Text(
                "可行性取决于数据、技能和阶段够不够；价值取决于用例本身和行业。",
                "Feasibility depends on data, skills and stage; value on the use case and the "
                "industry.",
            ),
        ),
        solution=Text(
            f"速赢：{'、'.join(USE_CASES[k][0] for k in QUADRANT_OPTIONS if k in QUICK_WINS)}。"
            f"各用例（价值/可行性）：{_scores('zh')}。模型是本课程自行设计的。",
            f"Quick wins: {', '.join(USE_CASES[k][1] for k in QUADRANT_OPTIONS if k in QUICK_WINS)}."
            f" All (value/feasibility): {_scores('en')}. The model is the kit's own design.",
        ),
        example_answer=sorted(QUICK_WINS),
        wrong_answers=(
            list(QUADRANT_OPTIONS),
            sorted(set(QUADRANT_OPTIONS) - QUICK_WINS),
            sorted(QUICK_WINS | {"data_insight"}),
        ),
        meta=_meta(6, "m05.quadrant"),
    ),
    Question(
        id="m05.g_plant_pilots",
        module=MODULE,
        graded=True,
        kind="form",
        points=1,  # the objective part; the reasons are worth PLANT_RUBRIC.points, graded by hand
        prompt=Text(
            f"另一家虚构企业：{_firm_text(PLANT, 'zh')}。在下面的画布里输入这家企业的行业、阶段、数据"
            f"和技能（与题目完全一致），在“我的试点”里勾选 {PILOTS} 个你建议它首批试点的用例，然后"
            "在下面的答题单元格里写理由。可以选模型名单以外的用例。本题 1 分自动评分（输入与题目一致、"
            f"恰好 {PILOTS} 个试点）；理由 {PLANT_RUBRIC.points} 分由老师按评分标准评分。",
            f"Another fictional company: {_firm_text(PLANT, 'en')}. Enter its industry, stage, "
            "data and skills in the canvas below (exactly as given), tick "
            f"{PILOTS} use cases you recommend as its first pilots under 'My pilots', then write "
            "your reasons in the answer cell below. You may choose use cases off the model's "
            f"list. 1 point is scored automatically (the company as given, exactly {PILOTS} "
            f"pilots); the reasons are worth {PLANT_RUBRIC.points} points, graded by your "
            "trainer with the rubric.",
        ),
        checker=check_plant_pilots,
        hints=(
            Text(
                "先在画布里输入同样的情况，看“首批试点”名单。",
                "Enter the same company in the canvas first and read the 'First pilots' list.",
            ),
        ),
        solution=Text(
            f"模型的首批试点：{_names(_plant.shortlist, 'zh')}。任选 {PILOTS} 个用例都可以，理由按评分"
            "标准评分。",
            f"The model's first pilots: {_names(_plant.shortlist, 'en')}. Any {PILOTS} use cases "
            "may be chosen; the reasons are graded with the rubric.",
        ),
        example_answer=_plant_answer([_plant_short[0], _plant_pick.key]),
        wrong_answers=(
            _plant_answer(_plant_short[:PILOTS], skills="developer"),
            _plant_answer(_plant_short),
            _plant_answer(_plant_short[:1]),
            _plant_answer(["no_such_use_case", _plant_short[0]]),
        ),
        form="genai",
        meta={
            **_meta(6, "m05.my_pilots"),
            "form_options": {"justify": False},  # the reasons go into the hand-graded cell
            "judgement": PLANT_RUBRIC,
        },
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "few applications is the second most common GenAI challenge",
        lambda: _challenges["key"].iloc[1] == "few_applications",
    ),
    Premise(
        "the case's quick wins are some, not all, of the options",
        lambda: QUICK_WINS and set(QUADRANT_OPTIONS) != QUICK_WINS,
    ),
)
