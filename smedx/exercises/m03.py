"""Module 03 场景选择: investment scenarios (§3.1.2), transformation approaches (§3.2.1),
challenges and the help SMEs want (§3.3), and choosing one's own scenarios with the planner.

Every report number in a prompt, a solution or an expected answer is read from :mod:`smedx.data`
at import time; every planner result from :mod:`smedx.models.scenarios`.
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
    right,
    set_is,
    wrong,
)
from smedx.models import scenarios as planner
from smedx.models.common import INDUSTRIES, INVESTMENT_BANDS, STAGE_ORDER, CompanyProfile

MODULE = "m03"
SCENARIOS = planner.scenario_catalogue()
GOALS = planner.goal_catalogue()


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _stage_names() -> dict[str, tuple[str, str]]:
    names = {r.stage_id: (r.name_zh, r.name_en) for r in data.stages().itertuples()}
    return {key: names[key] for key in STAGE_ORDER}


STAGES = _stage_names()

# --- m03.biggest_drop: 2023 -> 2024 -------------------------------------------------------------

_years = data.figure(planner.SCENARIO_FIGURE, segment_type="year")
_by_year = {
    key: dict(zip(group["segment_key"], group["value"], strict=True))
    for key, group in _years.groupby("key", sort=False)
}
_changes = {
    key: years[planner.PLAN_YEAR] - years[planner.BASE_YEAR]
    for key, years in _by_year.items()
    if planner.BASE_YEAR in years and planner.PLAN_YEAR in years
}
_DROP = min(_changes, key=_changes.get)
_single_year = [k for k in _by_year if k not in _changes]


def _change_text(key: str) -> tuple[str, str]:
    years = _by_year[key]
    a, b = years[planner.BASE_YEAR], years[planner.PLAN_YEAR]
    zh, en = SCENARIOS[key]
    return (
        f"{zh}：{_pct(a)} → {_pct(b)}（{b - a:+.1f} 个百分点）",
        f"{en}: {_pct(a)} -> {_pct(b)} ({b - a:+.1f} points)",
    )


def _drop_near() -> dict[str, Text]:
    near = {}
    for key, change in _changes.items():
        if key == _DROP:
            continue
        zh, en = _change_text(key)
        if change < 0:
            near[key] = Text(
                f"{zh}。它确实下降了，但不是降得最多的：比较的是变化量，不是占比高低。",
                f"{en}. It did fall, but not the most: compare the change, not the level.",
            )
        else:
            near[key] = Text(f"{zh}。它是上升的。", f"{en}. It went up.")
    for key in _single_year:
        zh, en = SCENARIOS[key]
        value = next(iter(_by_year[key].values()))
        near[key] = Text(
            f"报告说{zh}“保持在”{_pct(value)}，只给出一个数字，看不出下降。",
            f"The report says {en} 'stayed at' {_pct(value)} and prints one number only: no fall "
            "can be read from it.",
        )
    return near


_all_changes_zh = "；".join(_change_text(k)[0] for k in _changes)
_all_changes_en = "; ".join(_change_text(k)[1] for k in _changes)

BIGGEST_DROP = Question(
    id="m03.biggest_drop",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"对比图 {planner.SCENARIO_FIGURE} 中 {planner.BASE_YEAR} 年的投入与 {planner.PLAN_YEAR} "
        "年的计划投入：哪个场景的企业占比下降得最多？",
        f"Compare {planner.BASE_YEAR} investment with planned {planner.PLAN_YEAR} investment in "
        f"figure {planner.SCENARIO_FIGURE}: which scenario lost the most share?",
    ),
    options=tuple(Option(k, *SCENARIOS[k]) for k in _by_year),
    checker=choice_is(
        _DROP,
        Text(
            f"{_change_text(_DROP)[0]}，降幅最大。报告称其比例“显著下降”。",
            f"{_change_text(_DROP)[1]}, the largest fall; the report calls it a marked decline.",
        ),
        near=_drop_near(),
    ),
    hints=(
        Text(
            "看上面的哑铃图：灰点是 2023 年，蓝点是 2024 年计划。",
            "Use the dumbbell chart above: grey is 2023, blue is planned 2024.",
        ),
        Text(
            "用 2024 年的数减去 2023 年的数；负数表示下降，负得越多降得越多。",
            "Subtract 2023 from 2024; a negative number is a fall, the more negative the larger.",
        ),
        Text(
            "“下降最多”比较的是变化量（百分点），不是 2024 年哪个场景占比最低。",
            "'Lost the most' compares the change in points, not which share is lowest in 2024.",
        ),
    ),
    solution=Text(
        f"{_all_changes_zh}。降得最多的是{SCENARIOS[_DROP][0]}。注意这是“计划”与“实际”的对比：2024 "
        "年的数字是企业的预期，不是已经发生的投入（报告第 3.1.2 节）。",
        f"{_all_changes_en}. The largest fall is {SCENARIOS[_DROP][1]}. Note that planned 2024 "
        "is compared with actual 2023: the 2024 numbers are intentions, not spending (§3.1.2).",
    ),
    example_answer=_DROP,
    wrong_answers=tuple(k for k in _by_year if k != _DROP),
    points=1,
)

# --- m03.approaches_reading: figure 3.2.1.1 and its unlabelled values ---------------------------

_APPROACH = "3.2.1.1"
_approaches = data.figure(_APPROACH)
_labelled = _approaches[~_approaches["key"].str.startswith("unlabelled")]
_unlabelled = _approaches[_approaches["key"].str.startswith("unlabelled")]
_one_stop = data.stat(_APPROACH, "one_stop_platform")
_vendors = data.stat(_APPROACH, "existing_vendors")
_first_unlabelled = float(_unlabelled["value"].iloc[0])
_total = float(_approaches["value"].sum())
_lowest = float(_approaches["value"].min())

APPROACHES_READING = Question(
    id="m03.approaches_reading",
    module=MODULE,
    kind="multi",
    prompt=Text(
        f"关于图 {_APPROACH}（中小企业数字化转型的主要方式，N={_one_stop.n}），哪些说法有数据支持？"
        "（多选）",
        f"Which statements about figure {_APPROACH} (main approaches to transformation, "
        f"N={_one_stop.n}) does the data support? (select all that apply)",
    ),
    options=(
        Option(
            "one_stop",
            f"{_pct(_one_stop.value)} 的中小企业选择依托综合型一站式服务平台转型",
            f"{_pct(_one_stop.value)} of SMEs transform through a one-stop service platform",
        ),
        Option(
            "over_100",
            "各选项占比加起来超过 100%，因为这是多选题，并不是数据出错",
            "The shares add up to more than 100% because it is a multiple-choice question, "
            "not because of an error",
        ),
        Option(
            "lost_labels",
            f"报告文本里另有 {len(_unlabelled)} 个没有标签的数值（如 {_pct(_first_unlabelled)}），"
            "无法知道它们代表哪种方式",
            f"The report's text has {len(_unlabelled)} more values without labels (e.g. "
            f"{_pct(_first_unlabelled)}); we cannot tell which approach each stands for",
        ),
        Option(
            "vendors_least",
            f"“依托现有软硬件厂商”（{_pct(_vendors.value)}）是最少企业选择的方式",
            f"'Through existing hardware/software vendors' ({_pct(_vendors.value)}) is the least "
            "chosen approach",
        ),
        Option(
            "invented_label",
            f"{_pct(_first_unlabelled)} 的企业选择自主研发进行转型",
            f"{_pct(_first_unlabelled)} of SMEs transform with their own R&D",
        ),
    ),
    checker=set_is(
        {"one_stop", "over_100", "lost_labels"},
        Text(
            "报告只给出了四个带名称的数值；其余数值的标签在文本中丢失，不能猜测它们的含义。",
            "The report names four values only; the other values lost their labels in the "
            "text, and guessing what they mean is not reading the data.",
        ),
        why_not={
            "vendors_least": Text(
                f"{_pct(_vendors.value)} 只是有名称的四个数值里最低的；没有标签的数值中还有更低的，"
                "所以不能说它最少。",
                f"{_pct(_vendors.value)} is only the lowest of the four named values; some "
                "unlabelled values are lower, so it cannot be called the least chosen.",
            ),
            "invented_label": Text(
                f"{_pct(_first_unlabelled)} 在报告文本里没有名称；“自主研发”是给它编的标签，"
                "数据不支持。",
                f"{_pct(_first_unlabelled)} has no name in the report's text; 'own R&D' is an "
                "invented label the data does not support.",
            ),
        },
    ),
    hints=(
        Text(
            "用上面的图逐条核对：每句话里的数字和名称，图里能找到吗？",
            "Check each statement against the chart: can you find both the number and the name?",
        ),
        Text(
            "多选题中，每个选项单独计算“选择它的企业占比”，所以加总可以超过 100%。",
            "In a multiple-choice question each option is a share of its own, so the total may "
            "exceed 100%.",
        ),
        Text(
            "图中标着“未标注选项”的数值，名称在报告文本里丢失了：它们可能比“依托现有软硬件厂商”"
            "更低，也不能被起一个名字。",
            "The values marked 'unlabelled' lost their names in the text: they may be lower "
            "than 'existing vendors', and they cannot be given a name.",
        ),
    ),
    solution=Text(
        f"有支持的是：一站式平台 {_pct(_one_stop.value)}（报告第 3.2.1 节原文）；加总为 {_total:.1f}%，"
        f"因为是多选题；另有 {len(_unlabelled)} 个数值没有标签。“依托现有软硬件厂商最少”没有支持："
        f"无标签数值中最低为 {_pct(_lowest)}。“{_pct(_first_unlabelled)} 选择自主研发”是编造的"
        "标签。数据包把丢失的标签记为 unlabelled_N，不作猜测。",
        f"Supported: one-stop platforms {_pct(_one_stop.value)} (report §3.2.1); the total is "
        f"{_total:.1f}% because it is a multiple-choice question; {len(_unlabelled)} values "
        "have no label. 'Existing vendors is least chosen' is not supported: the lowest "
        f"unlabelled value is {_pct(_lowest)}. '{_pct(_first_unlabelled)} use their own R&D' "
        "invents a label. The data package records lost labels as unlabelled_N and does not "
        "guess.",
    ),
    example_answer=["one_stop", "over_100", "lost_labels"],
    wrong_answers=(
        ["one_stop", "over_100", "lost_labels", "vendors_least"],
        ["one_stop", "invented_label"],
        ["one_stop"],
    ),
    points=2,
)

# --- m03.repeated_values: 3.2.1.1 and 3.3.1.2 ---------------------------------------------------

_GENAI = "3.3.1.2"
_genai = data.figure(_GENAI)
_first_four = sorted(_labelled["value"].tolist(), reverse=True)[:4]
_genai_four = sorted(_genai["value"].tolist(), reverse=True)[:4]
_four = " / ".join(f"{v:.1f}" for v in _first_four)
_n_approach, _n_genai = data.figure_info(_APPROACH)["n"], data.figure_info(_GENAI)["n"]

REPEATED_VALUES = Question(
    id="m03.repeated_values",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"图 {_APPROACH}（转型方式，N={_n_approach}）和图 {_GENAI}（应用大模型和生成式 AI 的挑战，"
        f"N={_n_genai}）是两道不同的题，却给出了完全相同的四个数字：{_four}。最站得住脚的解读是？",
        f"Figure {_APPROACH} (approaches, N={_n_approach}) and figure {_GENAI} (challenges of "
        f"GenAI, N={_n_genai}) are two different questions, yet both print the same four "
        f"numbers: {_four}. Which reading holds up best?",
    ),
    options=(
        Option(
            "same_firms",
            "两道题由同一批企业在同一次调研中回答，答案分布恰好一致并不奇怪，反而说明受访企业的回答"
            "前后一致、数据质量很高，两张图都可以放心直接引用",
            "Both questions were answered by the same firms in one survey, so matching answers "
            "are not surprising; they show the respondents answered consistently and the data "
            "is of high quality, so both charts can be quoted with confidence as they stand",
        ),
        Option(
            "likely_error",
            "两道题、两个不同的 N，四个数字完全相同几乎不可能是巧合，很可能有一组数字被错用；"
            "两组都要谨慎使用，最好核对原图或向发布方求证",
            "Two questions with different N giving four identical numbers is very unlikely to "
            "be chance; one set was probably reused by mistake. Use both with care and check "
            "the original chart or ask the publisher",
        ),
        Option(
            "causal",
            "说明选择一站式平台的企业，正是觉得生成式 AI 成效不清晰的企业",
            "It shows that firms choosing one-stop platforms are the ones that find GenAI's "
            "benefit unclear",
        ),
        Option(
            "normal",
            "百分比相同很常见，不必在意",
            "Identical percentages are common; nothing to worry about",
        ),
    ),
    checker=choice_is(
        "likely_error",
        Text(
            "数据包在两张图的备注中都标记了这一“可疑重复”。结论不变：作决策时不要依赖这几个精确数字。",
            "The data package flags this 'suspicious repeat' on both figures. Do not base a "
            "decision on these exact numbers.",
        ),
        near={
            "same_firms": Text(
                f"两道题的样本量不同（N={_n_approach} 与 N={_n_genai}），同样的百分比对应的企业数"
                "也不同，“恰好一样”站不住。",
                f"The two questions have different bases (N={_n_approach} and N={_n_genai}), so "
                "the same percentages are different numbers of firms: 'happened alike' does not "
                "hold up.",
            ),
            "causal": Text(
                "数字相同不代表两组企业相同，更谈不上因果。",
                "Equal numbers do not mean the same firms, let alone cause and effect.",
            ),
            "normal": Text(
                "一个百分比偶尔相同并不稀奇，但两道不同的题、两个不同的 N，四个数字全部相同，"
                "就值得停下来核对了。",
                "One equal percentage now and then is nothing unusual; four identical numbers "
                "in two different questions with two different N is worth stopping to check.",
            ),
        },
    ),
    hints=(
        Text(
            "先看两张图的样本量 N：它们一样吗？",
            "First compare the two charts' bases N: are they the same?",
        ),
        Text(
            "四个不同的问题选项、两个不同的样本，同时完全相同的概率有多大？",
            "Four different options, two different samples, all identical: how likely is that?",
        ),
        Text(
            "批判性阅读不是“数据都错了”，而是知道哪些数字可以依赖、哪些需要核实。",
            "Critical reading is not 'the data is all wrong' but knowing which numbers to rely "
            "on and which to check.",
        ),
    ),
    solution=Text(
        f"{_four} 同时出现在图 {_APPROACH}（N={_n_approach}）和图 {_GENAI}（N={_n_genai}）。两道题"
        "的选项完全不同，样本量也不同，同一组四个数字几乎不可能是巧合，很可能是撰写或排版时把"
        "一组数字用了两次。报告本身没有解释。可以依赖的是定性结论（例如一站式平台是主流方式），"
        "精确数字要谨慎。（报告第 3.2.1、3.3.1 节）",
        f"{_four} appear in figure {_APPROACH} (N={_n_approach}) and figure {_GENAI} "
        f"(N={_n_genai}). The options differ and so do the bases; the same four numbers are "
        "very unlikely to be chance, more likely one set was used twice when the report was "
        "written or laid out. The report does not explain it. Rely on the qualitative points "
        "(e.g. one-stop platforms are the main approach), be careful with the exact numbers "
        "(§3.2.1, §3.3.1).",
    ),
    example_answer="likely_error",
    wrong_answers=("same_firms", "causal", "normal"),
    points=1,
)

# --- m03.planner_case: a fictional company in the planner ---------------------------------------

CASE = {
    "industry": "discrete_manufacturing",
    "stage": "digital_foundation",
    "goals": ("process_optimisation", "cost_reduction"),
    "budget_band": "2_3",
}
_case = planner.rank_scenarios(
    CompanyProfile(industry=CASE["industry"]), CASE["stage"], CASE["goals"], CASE["budget_band"]
)
_case_first, _case_second = _case.ranked[0], _case.ranked[1]
_most_common = max(
    (k for k in SCENARIOS if k in _by_year and planner.PLAN_YEAR in _by_year[k]),
    key=lambda k: _by_year[k][planner.PLAN_YEAR],
)
_edge = max(
    _case_first.parts,
    key=lambda p: p.points - _case_second.part(p.key).points,
)


def describe_plan(plan: dict, lang: str) -> str:
    """One line naming a plan's industry, stage, goals and budget band in one language."""
    i = 0 if lang == "zh" else 1
    industry = INDUSTRIES[plan["industry"]][i]
    stage = STAGES[plan["stage"]][i]
    band = INVESTMENT_BANDS[plan["budget_band"]][2 + i]
    goals = ("、" if lang == "zh" else ", ").join(GOALS[g][i] for g in plan["goals"])
    if lang == "zh":
        return f"行业：{industry}；阶段：{stage}；目标：{goals}；预算：投入占营收 {band}"
    return f"industry: {industry}; stage: {stage}; goals: {goals}; budget: {band} of revenue"


def _case_description(lang: str) -> str:
    if lang == "zh":
        return describe_plan(CASE, lang) + "（企业规模、类型不填）"
    return describe_plan(CASE, lang) + " (leave size and type empty)"


def _top(ranking, count: int, lang: str) -> str:
    i = "label_zh" if lang == "zh" else "label_en"
    sep = "、" if lang == "zh" else ", "
    if lang == "zh":
        return sep.join(f"{getattr(s, i)}（{s.score:.1f}）" for s in ranking.ranked[:count])
    return sep.join(f"{getattr(s, i)} ({s.score:.1f})" for s in ranking.ranked[:count])


_case_near = {}
if _most_common != _case_first.key:
    _case_near[_most_common] = Text(
        f"{SCENARIOS[_most_common][0]}是全样本中计划投入最多的场景，但规划器还要看这家企业的目标、"
        "阶段和预算。把条件准确输入规划器，再看第 1 名。",
        f"{SCENARIOS[_most_common][1]} is the most common scenario overall, but the planner "
        "also weighs this company's goals, stage and budget. Enter the conditions exactly and "
        "look at rank 1 again.",
    )
_case_near[_case_second.key] = Text(
    "很接近：它排第 2。检查一下输入的阶段和预算是否与题目一致。",
    "Close: it ranks second. Check that the stage and budget you entered match the question.",
)
for _rank, _s in enumerate(_case.ranked[2:], start=3):
    _case_near.setdefault(
        _s.key,
        Text(
            f"按题目的条件，规划器把{_s.label_zh}排在第 {_rank} 位（{_s.score:.1f} 分）。如果你看到"
            "它排第一，多半是行业、阶段、两个目标或预算中有一项没按题目设置；请逐项核对。",
            f"With the question's conditions the planner ranks {_s.label_en} number {_rank} "
            f"({_s.score:.1f}). If you saw it first, one of industry, stage, the two goals or "
            "budget probably differs from the question: check each.",
        ),
    )

PLANNER_CASE = Question(
    id="m03.planner_case",
    module=MODULE,
    kind="choice",
    prompt=Text(
        "一家虚构的示例企业：" + _case_description("zh") + "。把这些条件输入下方的场景规划器"
        "（本课程自行设计的评分模型），它排在第 1 位的场景是哪个？",
        "A fictional example company: " + _case_description("en") + ". Enter these conditions "
        "in the scenario planner below (the course's own scoring model): which scenario does it "
        "rank first?",
    ),
    options=tuple(Option(k, *v) for k, v in SCENARIOS.items()),
    checker=choice_is(
        _case_first.key,
        Text(
            f"{_case_first.label_zh}得 {_case_first.score:.1f} 分，领先第 2 名"
            f"{_case_second.label_zh} {_case_first.score - _case_second.score:.1f} 分，"
            f"差距主要来自“{_edge.label_zh}”。",
            f"{_case_first.label_en} scores {_case_first.score:.1f}, "
            f"{_case_first.score - _case_second.score:.1f} ahead of {_case_second.label_en}, "
            f"mostly thanks to '{_edge.label_en}'.",
        ),
        near=_case_near,
    ),
    hints=(
        Text(
            "在规划器里逐项设置：行业、阶段、两个目标、预算档位。",
            "Set each input in the planner: industry, stage, both goals, budget band.",
        ),
        Text(
            "图中最上面的那一条就是第 1 名；条形分成六段，每段是一个评分部分。",
            "The top bar of the chart is rank 1; each bar is split into the six scoring parts.",
        ),
        Text(
            "全样本最常见的场景不一定是这家企业的第 1 名：目标、阶段和预算契合度也计分。",
            "The most common scenario overall is not necessarily this company's first: goal, "
            "stage and budget fit also score.",
        ),
    ),
    solution=Text(
        f"前三名：{_top(_case, 3, 'zh')}。第 1 名领先主要靠“{_edge.label_zh}”。这是本课程自行设计"
        "的模型给出的建议，依据报告图 3.1.2.1 的数据和课程设定的契合度表，不是报告的结论。",
        f"Top three: {_top(_case, 3, 'en')}. Rank 1 leads mainly on '{_edge.label_en}'. This "
        "is a suggestion of the course's own model, built on figure 3.1.2.1 and the course's "
        "fit tables, not a finding of the report.",
    ),
    example_answer=_case_first.key,
    wrong_answers=tuple(s.key for s in _case.ranked[1:]),
    points=2,
)

# --- m03.my_scenarios: your own company, your own choice and your reasons ----------------------

INPUT_NAMES = {
    "industry": ("行业", "industry"),
    "stage": ("阶段", "stage"),
    "goals": ("目标", "goals"),
    "budget_band": ("预算", "budget band"),
    "picks": ("我选的场景", "my scenarios"),
}
MAX_PICKS = choices.MAX_PICKS


def plan_answer(
    industry: str,
    stage: str,
    goals: Iterable[str],
    budget_band: str,
    picks: Iterable[str],
    justification: str,
) -> dict:
    """The form answer of ``m03.my_scenarios``: the planner's inputs, the picks and the reasons."""
    return {
        "industry": industry,
        "stage": stage,
        "goals": list(goals),
        "budget_band": budget_band,
        "picks": list(picks),
        "justification": justification,
    }


def inputs_problem(answer) -> Feedback | None:
    """What is missing or malformed in a plan answer's planner inputs, or None."""
    problem = choices.not_a_form(answer)
    if problem:
        return problem
    catalogues = {"industry": INDUSTRIES, "stage": STAGES, "budget_band": INVESTMENT_BANDS}
    for field, catalogue in catalogues.items():
        problem = choices.one_of(answer, field, catalogue, INPUT_NAMES[field])
        if problem:
            return problem
    return choices.keys_problem(answer, "goals", GOALS, INPUT_NAMES["goals"], 1, len(GOALS))


def plan_problem(answer, *, justified: bool = True) -> Feedback | None:
    """What is missing or malformed in a plan answer, or None (the objective part only)."""
    return choices.picks_problem(
        answer,
        inputs_problem(answer),
        "picks",
        SCENARIOS,
        INPUT_NAMES["picks"],
        justified=justified,
    )


def plan_ranking(answer: dict) -> planner.ScenarioRanking:
    """The planner's ranking for the inputs of a complete plan answer."""
    return planner.rank_scenarios(
        CompanyProfile(industry=answer["industry"]),
        answer["stage"],
        answer["goals"],
        answer["budget_band"],
    )


def plan_reference(answer: dict) -> Text:
    """The planner's ranking beside the learner's picks: a reference, never a verdict."""
    ranking = plan_ranking(answer)
    ranks = {s.key: i for i, s in enumerate(ranking.ranked, start=1)}
    picks = answer["picks"]
    chosen_zh = "、".join(f"{SCENARIOS[p][0]}（第 {ranks[p]} 名）" for p in picks)
    chosen_en = ", ".join(f"{SCENARIOS[p][1]} (rank {ranks[p]})" for p in picks)
    zh = f"规划器对你所填情况的排名前三：{_top(ranking, MAX_PICKS, 'zh')}；你选的是：{chosen_zh}。"
    en = (
        f"For what you entered the planner ranks first {_top(ranking, MAX_PICKS, 'en')}; you "
        f"chose {chosen_en}."
    )
    if any(ranks[p] > MAX_PICKS for p in picks):
        zh += "凡与规划器不同之处，你的理由应说明为什么（例如规划器不知道的企业情况）。"
        en += (
            " Where you differ from the planner, your reasons should say why (e.g. what the "
            "planner does not know about your firm)."
        )
    else:
        zh += "你的选择都在规划器前三名之内；理由仍要说明它们为什么适合你的企业。"
        en += " All your picks are in its top three; your reasons still say why they fit."
    return Text(zh, en)


def check_plan(answer) -> Feedback:
    """Complete inputs, 1-3 scenarios, reasons written: then the planner's ranking as a
    reference. Any picks are accepted: the planner's ranking starts the discussion."""
    problem = plan_problem(answer)
    if problem:
        return problem
    reference = plan_reference(answer)
    return right(
        "已记录你的选择和理由。自动检查只看是否填写完整，不评判你的选择。" + reference.zh,
        "Your choice and reasons are recorded. The check only looks at completeness, not at "
        "your choice. " + reference.en,
    )


EXAMPLE_PLAN = {
    "industry": "retail",
    "stage": "single_point",
    "goals": ("cost_reduction",),
    "budget_band": "lt1",
}
_example_ranking = planner.rank_scenarios(
    CompanyProfile(industry=EXAMPLE_PLAN["industry"]),
    EXAMPLE_PLAN["stage"],
    EXAMPLE_PLAN["goals"],
    EXAMPLE_PLAN["budget_band"],
)
_EXAMPLE_REASON = (
    "门店之间调货全靠打电话，常常断货，所以选供应链：规划器没把它排进前三，因为它不知道我们的"
    "断货问题。协同办公排在前面，排班和通知都在微信群里，先做它花钱最少。"
)


def _example(picks: Iterable[str], justification: str = _EXAMPLE_REASON, **changes) -> dict:
    inputs = {**EXAMPLE_PLAN, **changes}
    return plan_answer(
        inputs["industry"],
        inputs["stage"],
        inputs["goals"],
        inputs["budget_band"],
        picks,
        justification,
    )


_example_keys = _example_ranking.keys()
EXAMPLE_PICKS = ("collaboration", "supply_chain")  # the second is outside the planner's top 3

MY_SCENARIOS = Question(
    id="m03.my_scenarios",
    module=MODULE,
    kind="form",  # answered by smedx.ui.scenarios.ScenarioPlanner, not by ExerciseWidget
    prompt=Text(
        f"为你自己的企业选出 1-{MAX_PICKS} 个优先投入的场景，并写下理由。在场景规划器里输入企业情况，"
        f"在“我选的场景”里勾选，在“我的理由”里写至少 {choices.MIN_JUSTIFICATION} 个字。你可以选"
        "规划器排名以外的场景：排名是讨论的起点。检查只看填写是否完整，并把规划器的排名列在你的"
        "选择旁边作参考；凡有不同之处，你的理由应说明为什么。",
        f"Choose 1-{MAX_PICKS} scenarios your own company should invest in first and give your "
        "reasons. Enter your company in the scenario planner, tick 'My scenarios' and write at "
        f"least {choices.MIN_JUSTIFICATION} characters under 'My reasons'. You may pick "
        "scenarios outside the planner's ranking: the ranking starts the discussion. The check "
        "only looks at completeness and shows the planner's ranking beside your choice as a "
        "reference; where you differ, your reasons should say why.",
    ),
    checker=check_plan,
    hints=(
        Text(
            f"选好行业、阶段、预算和至少一个目标，勾选 1-{MAX_PICKS} 个场景，再写理由。",
            f"Set industry, stage, budget and at least one goal, tick 1-{MAX_PICKS} scenarios, "
            "then write your reasons.",
        ),
        Text(
            "好的理由说清：这个场景解决企业的哪个问题；如果它不在规划器前三名，规划器漏看了什么"
            "（看它在哪个评分部分失分，例如报告没有本行业的数字）。",
            "Good reasons say which problem of the firm the scenario solves and, if it is not in "
            "the planner's top three, what the planner misses (see which part it loses on, e.g. "
            "the report has no number for your industry).",
        ),
    ),
    solution=Text(
        f"没有唯一答案。例如（{describe_plan(EXAMPLE_PLAN, 'zh')}）的企业，规划器前三名是"
        f"{_top(_example_ranking, 3, 'zh')}。选其中的场景或别的场景都可以，理由要说明为什么。"
        "规划器是本课程自行设计的模型（报告第 3.1.2 节的数据 + 课程的契合度表），它的排名是讨论的"
        "起点，不是标准答案。",
        f"There is no single answer. For example, for a company with "
        f"{describe_plan(EXAMPLE_PLAN, 'en')}, the planner's top three are "
        f"{_top(_example_ranking, 3, 'en')}. Picking these or others is fine; the reasons must "
        "say why. The planner is the course's own model (§3.1.2 data plus the course's fit "
        "tables): its ranking starts the discussion, it is not the answer.",
    ),
    example_answer=_example(EXAMPLE_PICKS),
    wrong_answers=(
        _example(EXAMPLE_PICKS, justification=""),
        _example([_example_keys[0]], justification="好"),
        _example([]),
        _example(_example_keys[:4]),
        _example(["no_such_scenario"]),
        _example([_example_keys[0]], stage="nowhere"),
        _example([_example_keys[0]], goals=()),
        [f"pick:{_example_keys[0]}"],
    ),
    points=3,
    form="scenarios",
    meta={
        "paper": paper_fields(  # the handout's worksheet: one line of boxes per field
            INPUT_NAMES,
            {
                "industry": INDUSTRIES,
                "stage": STAGES,
                "goals": GOALS,
                "budget_band": {k: (v[2], v[3]) for k, v in INVESTMENT_BANDS.items()},
                "picks": SCENARIOS,
            },
        ),
    },
)

# --- m03.help_reflection: ungraded ----------------------------------------------------------------

_help = data.figure("3.3.2.1")
_top_help = _help[_help["segment_key"] == ""].sort_values("value", ascending=False).iloc[0]
MIN_REFLECTION = 10


def _reflection(answer: str) -> Feedback:
    if len(answer) < MIN_REFLECTION:
        return wrong(
            f"请多写几句（至少 {MIN_REFLECTION} 个字）：需要哪种帮助、为什么、向谁求助。",
            f"write a little more (at least {MIN_REFLECTION} characters): which help, why, and "
            "from whom.",
        )
    return right("已保存，可在小组讨论中分享。", "Saved; share it in the discussion.")


HELP_REFLECTION = Question(
    id="m03.help_reflection",
    module=MODULE,
    kind="text",
    graded=False,
    prompt=Text(
        "反思（不计分）：对照图 3.3.1.1 的困难和图 3.3.2.1 的外部帮助，你的企业最需要哪一种帮助？"
        "为什么？",
        "Reflection (not graded): comparing the challenges of figure 3.3.1.1 with the help of "
        "figure 3.3.2.1, which help does your company need most, and why?",
    ),
    checker=_reflection,
    hints=(
        Text(
            f"全样本中最多企业需要的是“{_top_help['label_zh']}”（{_pct(_top_help['value'])}）；"
            "你的企业呢？",
            f"Most SMEs want '{_top_help['label_en']}' ({_pct(_top_help['value'])}); and yours?",
        ),
        Text(
            "把一个困难和一种帮助配对，例如“缺人才”对应“培训”。",
            "Pair one challenge with one kind of help, e.g. 'lack of talent' with 'training'.",
        ),
    ),
    solution=Text(
        "没有标准答案。好的回答说清楚：哪一个困难最卡脖子、需要哪种帮助、可以向谁求助"
        "（服务商、协会、政府项目）。",
        "There is no model answer. A good one says which challenge hurts most, which help would "
        "address it, and who could give it (providers, associations, government programmes).",
    ),
    example_answer="我们缺少懂数据的员工，最需要技术培训和技能提升，可以先找协会的培训项目。",
    wrong_answers=("好",),
)

# --- m03.help_services: match the help SMEs want to an association's services -------------------

_HELP = "3.3.2.1"
_want = {k: data.stat(_HELP, k) for k in ("training", "peer_leaders", "solution_recommendation")}
_want["funding"] = data.stat(_HELP, "funding")
_want["ongoing_support"] = data.stat(_HELP, "ongoing_support")
# A kit-designed example menu of what an industry association can offer (not report content).
SERVICE_MENU = {
    "course": ("数字化技能培训班", "digital-skills course"),
    "visits": ("标杆企业参访与交流会", "visits to and meetings with leading firms"),
    "catalogue": ("服务商与解决方案评测目录", "tested catalogue of providers and solutions"),
    "finance": ("政策与融资对接会", "policy and financing match-making day"),
    "maintenance": ("协会自己为会员维护软件", "the association maintaining members' software"),
}


def _pair(help_key: str, service: str, lang: str) -> str:
    stat = _want[help_key]
    if lang == "zh":
        return f"{stat.label_zh}（{_pct(stat.value)}）→ {SERVICE_MENU[service][0]}"
    return f"{stat.label_en} ({_pct(stat.value)}) -> {SERVICE_MENU[service][1]}"


_PAIRS = {
    "p1": ("training", "course"),
    "p2": ("funding", "catalogue"),
    "p3": ("peer_leaders", "visits"),
    "p4": ("ongoing_support", "maintenance"),
    "p5": ("solution_recommendation", "catalogue"),
    "p6": ("training", "finance"),
    "p7": ("funding", "finance"),
}
_GOOD_PAIRS = {"p1", "p3", "p5", "p7"}
_N_HELP = _want["training"].n

HELP_SERVICES = Question(
    id="m03.help_services",
    module=MODULE,
    kind="multi",
    prompt=Text(
        f"图 {_HELP}（N={_N_HELP}）是中小企业希望得到的外部帮助。下面把其中几项需求与一份"
        "“协会服务菜单”配对（菜单是本课程设计的示例，不是报告内容）。哪些配对是合理的：这项"
        "服务直接回应这项需求，而且是协会能提供的？（多选）",
        f"Figure {_HELP} (N={_N_HELP}) lists the outside help SMEs want. Below, some of these "
        "needs are paired with an 'association service menu' (an example designed by the course, "
        "not report content). Which pairs make sense: the service answers the need directly, and "
        "an association can provide it? (select all that apply)",
    ),
    options=tuple(
        Option(key, _pair(*pair, "zh"), _pair(*pair, "en")) for key, pair in _PAIRS.items()
    ),
    checker=set_is(
        _GOOD_PAIRS,
        Text(
            "培训对培训、交流对交流、推荐对评测目录、资金对融资对接：每项服务回应一项具体需求。"
            "报告第 5.3 节也建议协会开展培训、搭建合作平台。",
            "Training for training, exchange for exchange, a tested catalogue for "
            "recommendations, match-making for money: each service answers one need. Report §5.3 "
            "also asks associations to run training and build cooperation platforms.",
        ),
        why_not={
            "p2": Text(
                "评测目录帮企业挑方案，不带来资金；缺钱的企业需要的是政策与融资对接。",
                "A catalogue helps choose a solution but brings no money; firms short of money "
                "need policy and financing match-making.",
            ),
            "p4": Text(
                "报告说这项需求是希望“供应商”持续提供技术更新和服务支持；协会不是软件供应商，"
                "它能做的是把售后服务写进评测和行业标准。",
                "The report wants the *supplier* to keep providing updates and support; an "
                "association is not a software vendor. It can put after-sales service into its "
                "tests and industry standards.",
            ),
            "p6": Text(
                "融资对接会不教技能；培训需求要由培训班来回应。",
                "A financing day teaches no skills; the training need calls for a course.",
            ),
        },
    ),
    hints=(
        Text(
            "每一对问两个问题：这项服务能解决这项需求吗？协会自己能提供吗？",
            "Ask two questions of each pair: does the service meet the need? Can an "
            "association provide it itself?",
        ),
        Text(
            "看需求的原话：“供应商持续提供技术更新和服务支持”是在对谁提要求？",
            "Read the need's wording: who is asked to keep providing updates and support?",
        ),
    ),
    solution=Text(
        "合理的配对：" + "；".join(_pair(*_PAIRS[k], "zh") for k in sorted(_GOOD_PAIRS)) + "。"
        "不合理：评测目录不带来资金，融资对接不教技能；持续技术更新是对供应商的要求，协会可以把它"
        f"写进评测和标准（报告第 3.3.2 节，图 {_HELP}；第 5.3 节）。服务菜单是本课程设计的示例。",
        "Sensible pairs: " + "; ".join(_pair(*_PAIRS[k], "en") for k in sorted(_GOOD_PAIRS)) + ". "
        "Not sensible: a catalogue brings no money and a financing day teaches no skills; ongoing "
        "updates are asked of suppliers, which an association can put into its tests and "
        f"standards (report §3.3.2, figure {_HELP}; §5.3). The service menu is the course's example.",
    ),
    example_answer=sorted(_GOOD_PAIRS),
    wrong_answers=(
        sorted(_GOOD_PAIRS | {"p4"}),
        ["p1", "p2", "p6"],
        ["p1", "p3"],
    ),
    points=2,
)

# --- m03.process_reasons: the report's three reasons for process manufacturing's share ----------

_process = data.stat("3.3.1.1", "process_gap", "process_manufacturing")
_process_all = data.stat("3.3.1.1", "process_gap")
_talent = data.stat("3.3.1.1", "talent")

PROCESS_REASONS = Question(
    id="m03.process_reasons",
    module=MODULE,
    kind="multi",
    prompt=Text(
        f"报告第 3.3.1 节：流程制造业有 {_pct(_process.value)} 的中小企业认为现有业务流程与数字化要求"
        f"差异大、需要大规模改造，高于全部行业的 {_pct(_process_all.value)}（图 3.3.1.1，"
        f"N={_process_all.n}）。报告给出了哪三方面原因？（多选）",
        f"Report §3.3.1: {_pct(_process.value)} of process-manufacturing SMEs say their "
        "processes differ so much from digital requirements that they need a large-scale "
        f"rebuild, above the {_pct(_process_all.value)} of all industries (figure 3.3.1.1, "
        f"N={_process_all.n}). Which three reasons does the report give? (select all that apply)",
    ),
    options=(
        Option(
            "complex",
            "业务流程复杂、周期长，多个环节和部门紧密协作，难以适应数字化要求",
            "Processes are complex and long, with tight work across many steps and departments",
        ),
        Option(
            "talent",
            f"流程制造业比其他行业更缺专业人才（全部样本 {_pct(_talent.value)} 缺人才）",
            f"Process manufacturers lack more talent than others ({_pct(_talent.value)} overall)",
        ),
        Option(
            "silos",
            "生产、设备、质量数据量大且分散在孤立系统里，形成数据孤岛",
            "Large production, equipment and quality data sit in separate systems: data silos",
        ),
        Option(
            "small_sample",
            "流程制造业样本太少，所以这个比例偏高",
            "Too few process manufacturers were surveyed, which inflates the share",
        ),
        Option(
            "quality_safety",
            "严格的质量控制和安全环保要求，需要对生产各环节精细管理和实时监控",
            "Strict quality, safety and environmental rules demand fine, real-time control",
        ),
    ),
    checker=set_is(
        {"complex", "silos", "quality_safety"},
        Text(
            "报告的三方面原因：流程复杂且周期长；数据量大而分散（数据孤岛）；严格的质量与安全环保"
            "要求。所以改造业务流程是流程制造业的“当务之急”。",
            "The report's three reasons: complex, long processes; large, scattered data (silos); "
            "strict quality, safety and environmental rules. Hence rebuilding processes is the "
            "sector's most urgent task.",
        ),
        why_not={
            "talent": Text(
                f"缺人才（{_pct(_talent.value)}）是全部样本最大的困难，但报告没有给出流程制造业的"
                "人才数字，也没有把它列为这个比例的原因。",
                f"Lack of talent ({_pct(_talent.value)}) is the top challenge overall, but the "
                "report gives no talent figure for process manufacturing and does not list it as "
                "a reason for this share.",
            ),
            "small_sample": Text(
                "报告没有这样解释；这是猜测，不是报告给出的原因。",
                "The report says nothing of the kind: a guess, not a reason the report gives.",
            ),
        },
    ),
    hints=(
        Text(
            "报告用“其一、其二、其三”列出原因，三条都和生产过程本身有关。",
            "The report lists its reasons as 'first, second, third'; all three concern the "
            "production process itself.",
        ),
        Text(
            "报告没有写到的内容，即使听起来合理，也不是“报告给出的原因”。",
            "What the report does not say, however plausible, is not 'a reason the report gives'.",
        ),
    ),
    solution=Text(
        f"流程复杂、周期长；数据孤岛；严格的质量和安全环保要求（报告第 3.3.1 节，流程制造业 "
        f"{_pct(_process.value)} 对全部行业 {_pct(_process_all.value)}）。对流程制造企业的管理者："
        "先梳理跨部门的流程和数据，再谈系统。",
        f"Complex, long processes; data silos; strict quality, safety and environmental rules "
        f"(report §3.3.1; process manufacturing {_pct(_process.value)} vs "
        f"{_pct(_process_all.value)} for all industries). For a manager in process manufacturing: "
        "map the cross-department processes and data before buying systems.",
    ),
    example_answer=["complex", "silos", "quality_safety"],
    wrong_answers=(
        ["complex", "silos", "talent"],
        ["small_sample"],
        ["complex", "quality_safety"],
    ),
    points=1,
)

# --- m03.srdi_practices: what a manager can take from section 3.4 --------------------------------

SRDI_PRACTICES = Question(
    id="m03.srdi_practices",
    module=MODULE,
    kind="multi",
    prompt=Text(
        "报告第 3.4 节描述了专精特新梯队企业怎样转型。作为管理者，你想借鉴其中的做法。下面哪些是 "
        "第 3.4 节写到的做法？（多选）",
        "Report §3.4 describes how SRDI-tier (专精特新) firms transform. As a manager you want to "
        "borrow from them. Which of these practices does §3.4 describe? (select all that apply)",
    ),
    options=(
        Option(
            "strategy",
            "制定详尽的转型战略：目标、实施路径、关键时间节点和风险评估",
            "A detailed strategy: goals, path, key milestones and risk assessment",
        ),
        Option(
            "five_percent",
            "把数字化投入提高到营收的 5% 以上",
            "Raise digital spending above 5% of revenue",
        ),
        Option(
            "skills",
            "通过培训和外部交流，培养员工的数字化思维和技能",
            "Build staff's digital thinking and skills through training and exchange",
        ),
        Option(
            "funding",
            "多渠道筹资：政府奖补和发展基金、风险投资、银行贷款等",
            "Fund it from many sources: government awards and funds, VC, bank loans",
        ),
        Option(
            "own_model",
            "先自研一个行业大模型，再规划其他转型工作",
            "Build an industry large model in-house first, then plan the rest",
        ),
    ),
    checker=set_is(
        {"strategy", "skills", "funding"},
        Text(
            "第 3.4 节说梯队企业“准备更加充分，更能够融入产业生态，更善于整合和利用资源”：战略、人才、"
            "资金，再加上产业链和产学研协同。",
            "§3.4 says these firms prepare better, fit into their industry's ecosystem and use "
            "resources better: strategy, people, money, plus chain and university partnerships.",
        ),
        why_not={
            "five_percent": Text(
                "第 3.4 节没有任何数字，也没有给出投入比例；不要把一个数字安到报告头上。",
                "§3.4 has no numbers at all and names no spending share; do not put a number in "
                "the report's mouth.",
            ),
            "own_model": Text(
                "第 3.4 节没有提到大模型；它强调的是先有战略和准备。",
                "§3.4 does not mention large models; it stresses strategy and preparation first.",
            ),
        },
    ),
    hints=(
        Text(
            "第 3.4 节是一段没有数字的文字：凡是带具体数字的说法都要警惕。",
            "§3.4 is prose without numbers: be wary of any statement with a figure in it.",
        ),
        Text(
            "报告把做法归为三类：准备充分、产业链协同、整合利用资源。",
            "The report groups the practices as: preparation, chain collaboration, use of "
            "resources.",
        ),
    ),
    solution=Text(
        "详尽的战略、员工技能培养、多渠道资金（报告第 3.4 节）；还有与上下游和高校、科研机构的协同。"
        "管理者可以先做一份写明目标、路径、时间节点和风险的一页纸战略。第 3.4 节没有数字，结论来自报告"
        "对问卷的分析。",
        "A detailed strategy, staff skills, funding from many sources (report §3.4); also work with "
        "suppliers, customers, universities and institutes. A manager can start with a one-page "
        "strategy naming goals, path, milestones and risks. §3.4 has no numbers: its findings come "
        "from the report's analysis of the survey.",
    ),
    example_answer=["strategy", "skills", "funding"],
    wrong_answers=(
        ["strategy", "skills", "funding", "five_percent"],
        ["own_model", "strategy"],
        ["skills"],
    ),
    points=1,
)

QUESTIONS = [
    BIGGEST_DROP,
    APPROACHES_READING,
    REPEATED_VALUES,
    PLANNER_CASE,
    MY_SCENARIOS,
    HELP_REFLECTION,
    HELP_SERVICES,
    PROCESS_REASONS,
    SRDI_PRACTICES,
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "the approaches figure is multiple choice: its shares add up to more than 100%",
        lambda: data.figure_info(_APPROACH)["choice"] == "multi" and _total > 100,
    ),
    Premise(
        "the 'vendors least' diagnosis needs a lower unlabelled value",
        lambda: _lowest < _vendors.value,
    ),
    Premise(
        "the two figures share their four largest values (the repeat this exercise teaches)",
        lambda: _first_four == _genai_four,
    ),
)
