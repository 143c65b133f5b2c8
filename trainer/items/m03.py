"""Graded items of assignment 03 场景选择 (trainer-only): parallel forms of module 03's practice
items.

Each item assesses the learning objective of the practice item named in ``meta["parallel_of"]``
with other figures, numbers, options or a different company. Report numbers are read from
:mod:`smedx.data`, planner results from :mod:`smedx.models.scenarios`, at import time.
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
    right,
    set_is,
    wrong,
)
from smedx.exercises.m03 import describe_plan, plan_answer, plan_problem, plan_reference
from smedx.grading.assignment import Criterion, Reflection
from smedx.models import scenarios as planner
from smedx.models.common import CompanyProfile

MODULE = "m03"
SCENARIOS = planner.scenario_catalogue()

OBJECTIVES = {
    1: "1 场景变化：说出重点投入场景从 2023 到 2024（计划）的变化，区分实际与计划 · describe how "
    "investment scenarios shift from 2023 to planned 2024",
    3: "3 转型方式：说出主要方式，识别丢失标签的数值和可疑的重复数值 · name the main approaches, "
    "spot lost labels and suspicious repeats",
    5: "5 选场景：用场景规划器为企业选出 1-3 个优先场景并说明理由 · pick first scenarios with the "
    "planner and justify them",
}


def _meta(objective: int, parallel_of: str) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of}


def _pct(value: float) -> str:
    return f"{value:.1f}%"


# --- 1. figure 3.1.2.1: which scenario moves up the ranking -------------------------------------

BASE, PLAN = planner.BASE_YEAR, planner.PLAN_YEAR
_years = data.figure(planner.SCENARIO_FIGURE, segment_type="year")
_by_year = {
    key: dict(zip(group["segment_key"], group["value"], strict=True))
    for key, group in _years.groupby("key", sort=False)
}
BOTH = [k for k, v in _by_year.items() if BASE in v and PLAN in v]
ONLY_PLAN = [k for k in _by_year if k not in BOTH]


def _ranks(year: str) -> dict[str, int]:
    order = sorted(BOTH, key=lambda k: -_by_year[k][year])
    return {k: i for i, k in enumerate(order, start=1)}


RANK_BASE, RANK_PLAN = _ranks(BASE), _ranks(PLAN)
RISERS = [k for k in BOTH if RANK_PLAN[k] < RANK_BASE[k]]
RISER = RISERS[0]
BIGGEST_GAIN = max(BOTH, key=lambda k: _by_year[k][PLAN] - _by_year[k][BASE])


def _rank_text(key: str) -> tuple[str, str]:
    a, b = _by_year[key][BASE], _by_year[key][PLAN]
    zh, en = SCENARIOS[key]
    return (
        f"{zh}：{_pct(a)}（第 {RANK_BASE[key]} 位）→ {_pct(b)}（第 {RANK_PLAN[key]} 位）",
        f"{en}: {_pct(a)} (#{RANK_BASE[key]}) -> {_pct(b)} (#{RANK_PLAN[key]})",
    )


def _riser_near() -> dict[str, Text]:
    near = {}
    for key in BOTH:
        if key == RISER:
            continue
        zh, en = _rank_text(key)
        if key == BIGGEST_GAIN:
            near[key] = Text(
                f"{zh}。它的占比上升最多，但排名没有变：题目问的是排名。",
                f"{en}. Its share rose most, but its rank did not change: the question is about "
                "rank.",
            )
        else:
            near[key] = Text(f"{zh}。", f"{en}.")
    for key in ONLY_PLAN:
        zh, en = SCENARIOS[key]
        near[key] = Text(
            f"报告只给出了{zh}的 {PLAN} 年数字，没有 {BASE} 年的，看不出排名变化。",
            f"The report gives {en} for {PLAN} only, so no change of rank can be read.",
        )
    return near


_all_ranks_zh = "；".join(_rank_text(k)[0] for k in BOTH)
_all_ranks_en = "; ".join(_rank_text(k)[1] for k in BOTH)

# --- 2. figure 3.2.1.1: named and unnamed values ------------------------------------------------

APPROACH = "3.2.1.1"
_approaches = data.figure(APPROACH)
_unlabelled = _approaches[_approaches["key"].str.startswith("unlabelled")]
_labelled = _approaches[~_approaches["key"].str.startswith("unlabelled")]
ONE_STOP = data.stat(APPROACH, "one_stop_platform")
VERTICAL = data.stat(APPROACH, "vertical_platform")
POLICY = data.stat(APPROACH, "government_policy")
VENDORS = data.stat(APPROACH, "existing_vendors")
LOWEST = float(_approaches["value"].min())
TOTAL = float(_approaches["value"].sum())

# --- 3. the repeated values of 3.3.1.2 ---------------------------------------------------------

GENAI = "3.3.1.2"
_genai = data.figure(GENAI)
BENEFIT = data.stat(GENAI, "unclear_benefit")
N_GENAI = int(data.figure_info(GENAI)["n"])
N_APPROACH = int(data.figure_info(APPROACH)["n"])

# --- 4. a fictional company in the planner ------------------------------------------------------

CASE = {
    "industry": "it_services",
    "stage": "digital_foundation",
    "goals": ("business_model_innovation",),
    "budget_band": "3_5",
}


def _rank(case: dict):
    return planner.rank_scenarios(
        CompanyProfile(industry=case["industry"]), case["stage"], case["goals"], case["budget_band"]
    )


_case = _rank(CASE)
_first, _second = _case.ranked[0], _case.ranked[1]
_most_common = max(BOTH + ONLY_PLAN, key=lambda k: _by_year[k][PLAN])
_edge = max(_first.parts, key=lambda p: p.points - _second.part(p.key).points)


def _top(ranking, count: int, lang: str) -> str:
    if lang == "zh":
        return "、".join(f"{s.label_zh}（{s.score:.1f}）" for s in ranking.ranked[:count])
    return ", ".join(f"{s.label_en} ({s.score:.1f})" for s in ranking.ranked[:count])


# --- 5. the planner inputs of another fictional company: two picks and the reasons -------------

TEAM = {
    "industry": "healthcare",
    "stage": "local_build",
    "goals": ("competitiveness",),
    "budget_band": "1_2",
}
PICKS = 2
_team = _rank(TEAM)
_team_top = [s.key for s in _team.ranked[:3]]
_team_names = {
    "industry": ("行业", "industry"),
    "stage": ("阶段", "stage"),
    "goals": ("目标", "goals"),
    "budget_band": ("预算", "budget"),
}


def check_team_plan(answer) -> Feedback:
    """The objective part (1 point): the case's inputs entered exactly and PICKS scenarios from
    the catalogue. Which scenarios and why is graded by hand against TEAM_RUBRIC."""
    problem = plan_problem(answer, justified=False) or choices.case_problem(
        answer, TEAM, _team_names
    )
    if problem:
        return problem
    if len(answer["picks"]) != PICKS:
        return wrong(
            f"请恰好选 {PICKS} 个场景（现在选了 {len(answer['picks'])} 个）。",
            f"pick exactly {PICKS} scenarios (you picked {len(answer['picks'])}).",
        )
    reference = plan_reference(answer)
    return right(
        f"企业情况输入正确，选了 {PICKS} 个场景。选择和理由由老师按评分标准评分。" + reference.zh,
        f"The company is entered as given and {PICKS} scenarios are picked. Your choice and "
        "reasons are graded by your trainer with the rubric. " + reference.en,
    )


def _team_answer(picks: Iterable[str], **changes) -> dict:
    case = {**TEAM, **changes}
    return plan_answer(
        case["industry"], case["stage"], case["goals"], case["budget_band"], picks, ""
    )


TEAM_RUBRIC = Reflection(
    prompt=Text(
        f"在下面的答题单元格里写下你的理由（3–5 句）：为什么这 {PICKS} 个场景适合这家企业？规划器对它的排名"
        f"（参考，不是标准答案）：{_top(_team, len(_team.ranked), 'zh')}。凡与规划器前三名不同之处，"
        "说明为什么。",
        f"Write your reasons in the answer cell below (3-5 sentences): why do these {PICKS} scenarios suit this "
        "company? The planner's ranking for it (a reference, not the answer): "
        f"{_top(_team, len(_team.ranked), 'en')}. Where you differ from its top three, say why.",
    ),
    rubric=(
        Criterion(
            1,
            Text(
                "每个场景都有具体理由，并与这家企业的目标（竞争力）、阶段或预算相联系。",
                "Each scenario has a concrete reason tied to the company's goal "
                "(competitiveness), stage or budget.",
            ),
        ),
        Criterion(
            1,
            Text(
                "把规划器的排名当参考来用：与前三名不同之处说清规划器漏看了什么（某个评分部分、"
                "报告缺本行业数字、企业的实际情况）；与前三名一致之处说明分数之外它为什么合适。",
                "Uses the planner's ranking as a reference: where the picks differ from its top "
                "three, says what it misses (a score part, a missing industry number, the firm's "
                "situation); where they agree, says why they fit beyond the score.",
            ),
        ),
    ),
    model_answer=Text(
        f"示例：选 {_team.ranked[0].label_zh}和{_team.ranked[3].label_zh}。前者排第一，和“提升竞争力”"
        f"的目标最契合；{_team.ranked[3].label_zh}排第 4，但这家医疗企业的痛点在那里，预算"
        "（1–2%）也够先做一个小范围试点。",
        f"Example: {_team.ranked[0].label_en} and {_team.ranked[3].label_en}. The first ranks "
        f"first and fits the competitiveness goal best; {_team.ranked[3].label_en} ranks 4th, "
        "but that is where this healthcare firm hurts, and a 1-2% budget covers a small pilot "
        "first.",
    ),
)


QUESTIONS = [
    Question(
        id="m03.g_rank_riser",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"对比图 {planner.SCENARIO_FIGURE}：按企业占比排序，哪个场景在 {PLAN} 年计划中的排名比 {BASE} "
            "年更靠前？（比较排名，不是占比的变化；只看两年都有数字的场景）",
            f"Compare figure {planner.SCENARIO_FIGURE}: ranked by share of firms, which scenario "
            f"ranks higher in planned {PLAN} than in {BASE}? (compare ranks, not changes in "
            "share; only scenarios with numbers for both years)",
        ),
        options=tuple(Option(k, *SCENARIOS[k]) for k in _by_year),
        checker=choice_is(
            RISER,
            Text(
                f"{_rank_text(RISER)[0]}。注意 {PLAN} 年是计划，不是实际投入。",
                f"{_rank_text(RISER)[1]}. Note that {PLAN} is a plan, not actual spending.",
            ),
            near=_riser_near(),
        ),
        hints=(
            Text(
                f"先把 {BASE} 年的场景按占比从高到低排好，再排 {PLAN} 年的。",
                f"Rank the scenarios by share for {BASE} first, then for {PLAN}.",
            ),
            Text(
                "占比上升最多的场景，排名不一定上升。",
                "The scenario whose share rose most need not move up the ranking.",
            ),
        ),
        solution=Text(
            f"{_all_ranks_zh}。排名上升的是{SCENARIOS[RISER][0]}。{PLAN} 年的数字是企业的预期"
            "（报告 §3.1.2）。",
            f"{_all_ranks_en}. The one that moves up is {SCENARIOS[RISER][1]}. The {PLAN} numbers "
            "are intentions (§3.1.2).",
        ),
        example_answer=RISER,
        wrong_answers=tuple(k for k in _by_year if k != RISER),
        meta=_meta(1, "m03.biggest_drop"),
    ),
    Question(
        id="m03.g_approaches_named",
        module=MODULE,
        graded=True,
        kind="multi",
        points=2,
        prompt=Text(
            f"协会同事根据图 {APPROACH}（中小企业数字化转型的主要方式，N={VERTICAL.n}）写了下面几句话。"
            "哪些与报告的数据相符（数字和名称都要对得上）？（多选）",
            f"A colleague wrote the sentences below from figure {APPROACH} (main approaches to "
            f"transformation, N={VERTICAL.n}). Which ones match the report's data (both the "
            "number and the name)? (select all that apply)",
        ),
        options=(
            Option(
                "vertical",
                f"{_pct(VERTICAL.value)} 的中小企业依托行业垂类服务平台转型",
                f"{_pct(VERTICAL.value)} of SMEs transform through vertical industry platforms",
            ),
            Option(
                "policy_below",
                f"跟随政府政策转型的企业（{_pct(POLICY.value)}）少于依托综合型一站式服务平台的企业"
                f"（{_pct(ONE_STOP.value)}）",
                f"Fewer firms follow government policy ({_pct(POLICY.value)}) than use a one-stop "
                f"platform ({_pct(ONE_STOP.value)})",
            ),
            Option(
                "four_named",
                f"报告文本只给出了 {len(_labelled)} 个数值的名称，另外 {len(_unlabelled)} 个数值的"
                "标签丢失了",
                f"The report's text names {len(_labelled)} values only; {len(_unlabelled)} more "
                "lost their labels",
            ),
            Option(
                "vendors_lowest",
                f"只有 {_pct(LOWEST)} 的企业依托现有软硬件厂商转型",
                f"Only {_pct(LOWEST)} of SMEs transform through their existing vendors",
            ),
            Option(
                "one_each",
                "各选项占比加起来是 100%，说明每家企业只选了一种方式",
                "The shares add up to 100%, so each firm chose one approach",
            ),
        ),
        checker=set_is(
            {"vertical", "policy_below", "four_named"},
            Text(
                f"带名称的数值只有 {len(_labelled)} 个；{_pct(LOWEST)} 是一个没有标签的数值，“依托现有"
                f"软硬件厂商”是 {_pct(VENDORS.value)}。这是多选题，加总为 {TOTAL:.1f}%。",
                f"Only {len(_labelled)} values are named; {_pct(LOWEST)} is an unlabelled value, "
                f"existing vendors are {_pct(VENDORS.value)}. It is a multiple-choice question "
                f"summing to {TOTAL:.1f}%.",
            ),
        ),
        hints=(
            Text(
                "逐条核对：每句话里的数字和名称，图里能对上吗？",
                "Check each statement: do both the number and the name match the chart?",
            ),
            Text(
                "标着“未标注选项”的数值不能被起一个名字。",
                "Values marked 'unlabelled' cannot be given a name.",
            ),
        ),
        solution=Text(
            f"有支持的是前三项：垂类平台 {_pct(VERTICAL.value)}；政府政策 {_pct(POLICY.value)} < 一站式"
            f"平台 {_pct(ONE_STOP.value)}；只有 {len(_labelled)} 个数值有名称。{_pct(LOWEST)} 没有标签，"
            f"把它说成“依托现有软硬件厂商”是编造；各项加总 {TOTAL:.1f}%（多选题）。（报告 §3.2.1）",
            f"The first three: vertical platforms {_pct(VERTICAL.value)}; government policy "
            f"{_pct(POLICY.value)} < one-stop platforms {_pct(ONE_STOP.value)}; only "
            f"{len(_labelled)} values are named. {_pct(LOWEST)} has no label, so calling it "
            f"'existing vendors' invents one; the total is {TOTAL:.1f}% (multiple choice). "
            "(§3.2.1)",
        ),
        example_answer=["vertical", "policy_below", "four_named"],
        wrong_answers=(
            ["vertical", "policy_below", "four_named", "vendors_lowest"],
            ["vertical", "one_each"],
            ["four_named"],
        ),
        meta=_meta(3, "m03.approaches_reading"),
    ),
    Question(
        id="m03.g_quote_repeat",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            f"你要在协会简报里写：“{_pct(BENEFIT.value)} 的中小企业认为大模型和生成式 AI 的应用成效"
            f"不清晰”（图 {GENAI}，N={N_GENAI}）。而图 {GENAI} 的四个数字与图 {APPROACH}"
            f"（转型方式，N={N_APPROACH}）的四个数字完全相同。怎样写最稳妥？",
            f"You want to write in a newsletter: '{_pct(BENEFIT.value)} of SMEs find the benefit "
            f"of large models and GenAI unclear' (figure {GENAI}, N={N_GENAI}). Yet figure "
            f"{GENAI}'s four numbers are identical to figure {APPROACH}'s (approaches, "
            f"N={N_APPROACH}). What is the safest way to write it?",
        ),
        options=(
            Option(
                "as_fact",
                "照原样引用：报告印出来的数字就是事实",
                "Quote it as it is: a printed number is a fact",
            ),
            Option(
                "with_caveat",
                "写定性结论（“成效不清晰是最常被提到的挑战”），精确数字注明“该图数值与另一图完全相同，"
                "待核实”，并尽量向发布方求证",
                "State the qualitative point ('unclear benefit is the most cited challenge'), and "
                "mark the exact number 'identical to another chart, to be verified'; ask the "
                "publisher if possible",
            ),
            Option(
                "average",
                "两张图的数字完全一致，说明至少有一张是对的：把两张图的数字取平均后再引用，并在括号里"
                "注明两张图的编号和样本量，读者可以自己核对",
                "The two charts agree, so at least one of them is right: average the two charts' "
                "numbers and quote that, with both figure numbers and both sample sizes in "
                "brackets so that readers can check for themselves",
            ),
            Option(
                "drop_report",
                "整份报告都不可信，不再引用任何数字",
                "The whole report is unreliable; quote no number from it",
            ),
        ),
        checker=choice_is(
            "with_caveat",
            Text(
                "可以依赖的是定性排序，精确数字要标明存疑。数据包在两张图的备注中都标记了这一重复。",
                "Rely on the qualitative order and flag the exact numbers; the data package "
                "flags the repeat on both figures.",
            ),
            near={
                "as_fact": Text(
                    f"两道不同的题、两个不同的 N（{N_APPROACH} 与 {N_GENAI}），四个数字完全相同几乎不可能"
                    "是巧合。",
                    f"Two different questions with different N ({N_APPROACH} and {N_GENAI}) "
                    "giving four identical numbers is very unlikely to be chance.",
                ),
                "average": Text(
                    "两组数字回答的是不同的问题，平均没有意义。",
                    "The two sets answer different questions; averaging them means nothing.",
                ),
                "drop_report": Text(
                    "一处可疑不等于全部不可信：逐项核对，标明存疑的数字即可。",
                    "One suspicious repeat does not discredit everything: check each number and "
                    "flag the doubtful ones.",
                ),
            },
        ),
        hints=(
            Text("两张图的样本量一样吗？", "Do the two charts have the same N?"),
            Text(
                "批判性阅读：知道哪些数字可以依赖、哪些需要核实。",
                "Critical reading: know which numbers to rely on and which to check.",
            ),
        ),
        solution=Text(
            f"图 {GENAI}（N={N_GENAI}）与图 {APPROACH}（N={N_APPROACH}）的四个数字完全相同，很可能有一组"
            "被错用。引用时写定性结论，精确数字标明待核实。（报告 §3.2.1、§3.3.1）",
            f"Figures {GENAI} (N={N_GENAI}) and {APPROACH} (N={N_APPROACH}) share four identical "
            "numbers; one set was probably reused by mistake. Quote the qualitative point and "
            "flag the exact number. (§3.2.1, §3.3.1)",
        ),
        example_answer="with_caveat",
        wrong_answers=("as_fact", "average", "drop_report"),
        meta=_meta(3, "m03.repeated_values"),
    ),
    Question(
        id="m03.g_planner_case",
        module=MODULE,
        graded=True,
        kind="choice",
        points=2,
        prompt=Text(
            "一家虚构的示例企业："
            + describe_plan(CASE, "zh")
            + "（企业规模、类型不填）。把这些条件"
            "输入场景规划器（本课程自行设计的评分模型），它排在第 1 位的场景是哪个？",
            "A fictional example company: " + describe_plan(CASE, "en") + " (leave size and type "
            "empty). Enter these conditions in the scenario planner (the course's own scoring "
            "model): which scenario does it rank first?",
        ),
        options=tuple(Option(k, *v) for k, v in SCENARIOS.items()),
        checker=choice_is(
            _first.key,
            Text(
                f"{_first.label_zh}得 {_first.score:.1f} 分，领先第 2 名{_second.label_zh} "
                f"{_first.score - _second.score:.1f} 分，差距主要来自“{_edge.label_zh}”。",
                f"{_first.label_en} scores {_first.score:.1f}, "
                f"{_first.score - _second.score:.1f} ahead of {_second.label_en}, mostly thanks "
                f"to '{_edge.label_en}'.",
            ),
            near={
                _most_common: Text(
                    f"{SCENARIOS[_most_common][0]}是全样本中计划投入最多的场景，但规划器还要看这家企业的"
                    "行业、目标、阶段和预算。",
                    f"{SCENARIOS[_most_common][1]} is the most common scenario overall, but the "
                    "planner also weighs this company's industry, goals, stage and budget.",
                ),
                _second.key: Text(
                    "很接近：它排第 2。检查输入的阶段、目标和预算档位。",
                    "Close: it ranks second. Check the stage, goal and budget band you entered.",
                ),
            },
        ),
        hints=(
            Text(
                "在规划器里逐项设置：行业、阶段、目标、预算档位。",
                "Set each input in the planner: industry, stage, goal, budget band.",
            ),
            Text("图中最上面的一条是第 1 名。", "The top bar of the chart is rank 1."),
        ),
        solution=Text(
            f"前三名：{_top(_case, 3, 'zh')}。这是本课程模型的建议（报告图 3.1.2.1 的数据 + 课程的"
            "契合度表），不是报告的结论。",
            f"Top three: {_top(_case, 3, 'en')}. A suggestion of the course's model (figure "
            "3.1.2.1 plus the course's fit tables), not a finding of the report.",
        ),
        example_answer=_first.key,
        wrong_answers=tuple(s.key for s in _case.ranked[1:]),
        meta=_meta(5, "m03.planner_case"),
    ),
    Question(
        id="m03.g_team_scenarios",
        module=MODULE,
        graded=True,
        kind="form",
        points=1,  # the objective part; the reasons are worth TEAM_RUBRIC.points, graded by hand
        prompt=Text(
            "另一家虚构企业：" + describe_plan(TEAM, "zh") + "。在下面的场景规划器里输入这家企业的"
            f"情况（与题目完全一致），在“我选的场景”里勾选 {PICKS} 个你建议它优先投入的场景，"
            "然后在下面的答题单元格里写理由。可以选规划器前三名以外的场景。本题 1 分自动评分"
            f"（输入与题目一致、恰好 {PICKS} 个场景）；理由 {TEAM_RUBRIC.points} 分由老师按评分标准评分。",
            "Another fictional company: " + describe_plan(TEAM, "en") + ". Enter this company "
            f"in the scenario planner below (exactly as given), tick {PICKS} scenarios you "
            "recommend it invests in first under 'My scenarios', then write your reasons in the "
            "answer cell below. You may pick scenarios outside the planner's top three. 1 point "
            f"is scored automatically (the company as given, exactly {PICKS} scenarios); the "
            f"reasons are worth {TEAM_RUBRIC.points} points, graded by your trainer with the "
            "rubric.",
        ),
        checker=check_team_plan,
        hints=(
            Text(
                "先在场景规划器里输入同样的情况，看图中的排名。",
                "Enter the same company in the planner first and look at the ranking.",
            ),
        ),
        solution=Text(
            f"规划器前三名：{_top(_team, 3, 'zh')}。任选 {PICKS} 个场景都可以，理由按评分标准评分。",
            f"The planner's top three: {_top(_team, 3, 'en')}. Any {PICKS} scenarios may be "
            "picked; the reasons are graded with the rubric.",
        ),
        example_answer=_team_answer([_team.ranked[0].key, _team.ranked[3].key]),
        wrong_answers=(
            _team_answer(_team_top[:PICKS], stage="single_point"),
            _team_answer(_team_top[:PICKS], goals=("competitiveness", "cost_reduction")),
            _team_answer(_team_top[:3]),
            _team_answer(_team_top[:1]),
            _team_answer(["no_such_scenario", _team_top[0]]),
        ),
        form="scenarios",
        meta={
            **_meta(5, "m03.my_scenarios"),
            "form_options": {"justify": False},  # the reasons go into the hand-graded cell
            "judgement": TEAM_RUBRIC,
        },
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "exactly one scenario must move up for this item",
        lambda: len(RISERS) == 1,
    ),
    Premise(
        "the item must tell rank from share change apart",
        lambda: BIGGEST_GAIN != RISER,
    ),
    Premise(
        "government policy is below the one-stop platform, existing vendors above the lowest value",
        lambda: POLICY.value < ONE_STOP.value and VENDORS.value > LOWEST,
    ),
    Premise(
        "the GenAI figure repeats the labelled approaches' values",
        lambda: sorted(_genai["value"]) == sorted(_labelled["value"]),
    ),
    Premise(
        "the most common planned scenario is not the case's first pick",
        lambda: _most_common != _first.key,
    ),
)
