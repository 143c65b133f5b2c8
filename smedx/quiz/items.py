"""The pre/post test: two parallel forms (A, B) of 16 items on the modules' learning objectives.

Only what a learner sees lives here: prompts, options, units, the objective each item measures and
its intended difficulty. The answer keys and the report passage behind every key are trainer-only
(``trainer/quiz.py``), and the trainer's ``smedx report learning`` scores the saved answers.

Items come in pairs: item ``Ann`` of form A and ``Bnn`` of form B measure the same objective with
the same kind of answer and the same intended difficulty, on other report numbers. A learner takes
one form before the course and the other after it, so a gain is not the memory of a question.
Report numbers in prompts are read from :mod:`smedx.data` at import time; nothing here types one.
Every item is the kit's own design (the app and the report say so); its numbers are the report's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from smedx import data
from smedx.exercises.core import Option, Text

FORM_NAMES = ("A", "B")
PHASES = {"pre": Text("课前测", "Pre-test"), "post": Text("课后测", "Post-test")}
Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTY_POINTS = {"easy": 1, "medium": 2, "hard": 3}  # for the balance check of the forms

# The objectives the test measures, numbered as in each module's "学习目标" list ("m02.3" is
# module 02's objective 3). Objectives that are done with a tool (run a cell, fill the planner)
# are assessed by the assignments, not by a 16-item test.
OBJECTIVES: dict[str, Text] = {
    "m00.3": Text("说明报告数据的来源", "explain where the report's data come from"),
    "m00.4": Text("读懂调研图表：单选与多选", "read a survey chart: single vs multiple choice"),
    "m01.2": Text("正确解读宏观数字", "read the macro numbers correctly"),
    "m01.3": Text("转型成效：提质 > 增效 > 降本", "outcomes: quality > efficiency > cost"),
    "m01.5": Text("比较转型目标", "compare transformation goals"),
    "m02.1": Text("数字化投入与 2024 年计划", "digital spending and 2024 plans"),
    "m02.2": Text("五个阶段的分布", "the distribution of the five stages"),
    "m02.3": Text("单选题图表中的相加", "adding up a single-choice chart"),
    "m03.1": Text("重点场景的变化（实际与计划）", "scenario shifts (actual vs planned)"),
    "m03.4": Text("转型中的困难", "the difficulties of transformation"),
    "m04.1": Text("选择产品时看重的因素", "what SMEs value in products"),
    "m04.2": Text("选择服务商的考虑因素", "what SMEs weigh in providers"),
    "m05.2": Text("生成式 AI 的认知与使用", "GenAI awareness and use"),
    "m05.4": Text("挑战图 N=404 的来历", "where the challenge chart's N=404 comes from"),
    "m06.2": Text("检查案例中的数字", "check the numbers in the cases"),
    "m06.4": Text("建议对应参与方", "match recommendations to stakeholders"),
}


@dataclass(frozen=True)
class QuizItem:
    id: str  # "A01" ... form letter and position
    objective: str  # a key of OBJECTIVES
    kind: Literal["choice", "number"]
    prompt: Text
    difficulty: Difficulty  # intended; the learning report measures the real one (p)
    options: tuple[Option, ...] = ()
    unit: Text | None = None

    @property
    def form(self) -> str:
        return self.id[0]

    def option_keys(self) -> list[str]:
        return [o.key for o in self.options]


# --- report values, read once -------------------------------------------------------------------


def _whole(figure_id: str):
    rows = data.figure(figure_id)
    return rows[rows["segment_key"] == ""].set_index("key")


def _label(rows, key: str) -> Text:
    return Text(str(rows.loc[key, "label_zh"]), str(rows.loc[key, "label_en"]))


def _n(figure_id: str) -> int:
    return int(data.figure_info(figure_id)["n"])


def _options(rows, keys: list[str]) -> tuple[Option, ...]:
    return tuple(
        Option(k, str(rows.loc[k, "label_zh"]), str(rows.loc[k, "label_en"])) for k in keys
    )


def _figure_option(figure_id: str) -> Option:
    """A numbered figure by its number; data the report gives in prose only by its section."""
    info = data.figure_info(figure_id)
    if info["kind"] == "prose":
        return Option(
            figure_id,
            f"§{info['section']} {info['title_zh']}",
            f"§{info['section']} {info['title_en']}",
        )
    return Option(
        figure_id, f"图 {figure_id} {info['title_zh']}", f"Fig. {figure_id} {info['title_en']}"
    )


PERCENT = Text("%", "%")
POINTS = Text("个百分点", "percentage points")
FIRMS = Text("家", "firms")

STAGES = _whole("2.2.2")
SPEND = _whole("2.1.1")
SPEND_2024 = _whole("2.1.2")
GOALS = _whole("S3.1.1-goals")
CHALLENGES = _whole("3.3.1.1")
PRODUCT = _whole("3.2.2.1")
PROVIDER = _whole("S3.2.2.2-vendor-criteria")
GENAI_CHALLENGES_N = _n("3.3.1.2")
SAMPLE = int(data.fact("sample_firms")["value"])
_scen = data.figure("3.1.2.1", segment_type="year")
SCENARIO_NAMES = {
    k: Text(str(r["label_zh"]), str(r["label_en"])) for k, r in _scen.set_index("key").iterrows()
}
RECS = data.recommendations().set_index("rec_id")
EFFECT_OPTIONS = (
    Option("quality", "产品质量（合格率）", "product quality (pass rate)"),
    Option("efficiency", "效率（人均营业收入）", "efficiency (revenue per employee)"),
    Option("cost", "成本（每百元营收中的成本）", "cost (cost per 100 yuan of revenue)"),
)
NUMBER_KINDS = (
    Option("lower_bound", "成效的下限：至少这么多", "an outcome's floor: at least this much"),
    Option("exact", "精确测得的成效幅度", "an exactly measured size of an outcome"),
    Option("share_of_firms", "采用该方案的企业所占的比例", "the share of firms using it"),
    Option("profile", "企业概况的数字，不说明成效", "a profile figure that shows no outcome"),
)


CASES = data.cases().set_index("case_id")
METRICS = data.case_metrics().set_index("metric_id")


def _case(case_id: str) -> Text:
    row = CASES.loc[case_id]
    return Text(
        f"{row['section']}（{row['company_zh']}）", f"{row['section']} ({row['company_en']})"
    )


def _metric(metric_id: str) -> Text:
    row = METRICS.loc[metric_id]
    return Text(f"“{row['claim_zh']}”", f"'{row['claim_en']}'")


def _rec_option(rec_id: str) -> Option:
    return Option(rec_id, str(RECS.loc[rec_id, "title_zh"]), str(RECS.loc[rec_id, "title_en"]))


def _pair(objective, kind, difficulty, a: dict, b: dict, number: int) -> list[QuizItem]:
    return [
        QuizItem(f"{form}{number:02d}", objective, kind, difficulty=difficulty, **spec)
        for form, spec in (("A", a), ("B", b))
    ]


def _stage(key: str) -> Text:
    return _label(STAGES, key)


def _build() -> list[QuizItem]:
    items: list[QuizItem] = []
    add = items.extend
    n_stage, n_spend = _n("2.2.2"), _n("2.1.1")

    add(
        _pair(
            "m00.3",
            "number",
            "easy",
            {
                "prompt": Text(
                    "报告的问卷调研覆盖了全国多少个主要省市？",
                    "How many major provinces and cities does the report's survey cover?",
                ),
                "unit": Text("个", "provinces/cities"),
            },
            {
                "prompt": Text(
                    "报告的问卷调研涉及多少大行业？",
                    "How many major industries does the survey cover?",
                ),
                "unit": Text("个", "industries"),
            },
            1,
        )
    )
    add(
        _pair(
            "m00.4",
            "choice",
            "medium",
            {
                "prompt": Text(
                    "下面哪张图是单选题，各选项的占比加起来应为 100%？",
                    "Which of these figures is a single-choice question, so that its shares add "
                    "up to 100%?",
                ),
                "options": tuple(
                    _figure_option(f) for f in ("3.3.1.1", "2.2.2", "3.2.2.1", "2.3.1")
                ),
            },
            {
                "prompt": Text(
                    "下面哪一项调研数据来自单选题，可以把几个选项的占比相加？",
                    "Which of these survey results comes from a single-choice question, whose "
                    "options' shares may be added together?",
                ),
                "options": tuple(
                    _figure_option(f)
                    for f in ("S3.1.1-goals", "S3.2.2.2-vendor-criteria", "2.1.1", "3.3.1.1")
                ),
            },
            2,
        )
    )
    add(
        _pair(
            "m01.2",
            "number",
            "easy",
            {
                "prompt": Text(
                    "报告第 1.2 节：2023 年全国规模以上工业中小企业增加值同比增长了百分之多少？",
                    "Report §1.2: by what percentage did the value added of industrial SMEs "
                    "above designated size grow in 2023?",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    "报告第 1.2 节：中小企业发展指数（SMEDI）2023 年的平均值是多少点？",
                    "Report §1.2: what was the average SME Development Index (SMEDI) in 2023, "
                    "in points?",
                ),
                "unit": Text("点", "points"),
            },
            3,
        )
    )
    add(
        _pair(
            "m01.3",
            "choice",
            "medium",
            {
                "prompt": Text(
                    "报告第 1.2 节引用的调研中，哪一类成效“明显优于行业平均水平”的企业占比最低？",
                    "In the survey quoted in §1.2, for which outcome is the share of firms "
                    "'clearly better than the industry average' the lowest?",
                ),
                "options": EFFECT_OPTIONS,
            },
            {
                "prompt": Text(
                    "报告第 1.2 节引用的调研中，哪一类成效“明显优于行业平均水平”的企业占比最高？",
                    "In the survey quoted in §1.2, for which outcome is the share of firms "
                    "'clearly better than the industry average' the highest?",
                ),
                "options": EFFECT_OPTIONS,
            },
            4,
        )
    )
    goal_keys = list(GOALS.index)
    add(
        _pair(
            "m01.5",
            "choice",
            "medium",
            {
                "prompt": Text(
                    "报告第 3.1.1 节列出的六个转型目标中，全部样本里选择最少的是哪一个？",
                    "Of the six transformation goals in §3.1.1, which one is chosen least often "
                    "in the whole sample?",
                ),
                "options": _options(GOALS, [goal_keys[i] for i in (2, 5, 0, 4)]),
            },
            {
                "prompt": Text(
                    "报告第 3.1.1 节的转型目标中，全部样本里选择人数排第二的是哪一个？",
                    "Among the goals in §3.1.1, which one is the second most often chosen in "
                    "the whole sample?",
                ),
                "options": _options(GOALS, [goal_keys[i] for i in (3, 0, 1, 5)]),
            },
            5,
        )
    )
    add(
        _pair(
            "m02.1",
            "number",
            "medium",
            {
                "prompt": Text(
                    f"图 2.1.1（N={n_spend}）：2023 年数字化投入低于营业收入 2% 的中小企业"
                    "（“小于1%”与“1%（含）-2%”两档合计）占百分之多少？保留一位小数。",
                    f"Fig. 2.1.1 (N={n_spend}): what share of SMEs spent less than 2% of revenue "
                    "on digital transformation in 2023 (the bands below 1% and 1%-2% "
                    "together)? One decimal.",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    f"图 2.1.2（N={_n('2.1.2')}）：计划在 2024 年减少数字化投入的中小企业"
                    "（所有“减少”的档位合计）占百分之多少？保留一位小数。",
                    f"Fig. 2.1.2 (N={_n('2.1.2')}): what share of SMEs plan to cut their "
                    "digital spending in 2024 (all 'decrease' bands together)? One decimal.",
                ),
                "unit": PERCENT,
            },
            6,
        )
    )
    add(
        _pair(
            "m02.2",
            "choice",
            "easy",
            {
                "prompt": Text(
                    f"图 2.2.2（N={n_stage}）：处于哪个阶段的中小企业最多？",
                    f"Fig. 2.2.2 (N={n_stage}): which stage holds the most SMEs?",
                ),
                "options": _options(
                    STAGES, ["local_build", "digital_foundation", "single_point", "intelligent_ops"]
                ),
            },
            {
                "prompt": Text(
                    f"图 2.2.2（N={n_stage}）：五个阶段中，处于哪个阶段的中小企业最少？",
                    f"Fig. 2.2.2 (N={n_stage}): of the five stages, which holds the fewest SMEs?",
                ),
                "options": _options(
                    STAGES, ["intelligent_ops", "innovation", "local_build", "single_point"]
                ),
            },
            7,
        )
    )
    add(
        _pair(
            "m02.3",
            "number",
            "medium",
            {
                "prompt": Text(
                    f"图 2.2.2（N={n_stage}）：处于“{_stage('local_build').zh}”或"
                    f"“{_stage('digital_foundation').zh}”的中小企业合计占百分之多少？保留一位小数。",
                    f"Fig. 2.2.2 (N={n_stage}): what share of SMEs is at the "
                    f"'{_stage('local_build').en}' or the '{_stage('digital_foundation').en}'"
                    ", together? One decimal.",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    f"图 2.2.2（N={n_stage}）：处于“{_stage('intelligent_ops').zh}”或"
                    f"“{_stage('innovation').zh}”的中小企业合计占百分之多少？保留一位小数。",
                    f"Fig. 2.2.2 (N={n_stage}): what share of SMEs is at the "
                    f"'{_stage('intelligent_ops').en}' or the '{_stage('innovation').en}', "
                    "together? One decimal.",
                ),
                "unit": PERCENT,
            },
            8,
        )
    )
    mgmt, collab = SCENARIO_NAMES["enterprise_mgmt"], SCENARIO_NAMES["collaboration"]
    add(
        _pair(
            "m03.1",
            "number",
            "medium",
            {
                "prompt": Text(
                    f"图 3.1.2.1：把“{mgmt.zh}”作为重点投入场景的企业占比，从 2023 年（实际）到"
                    "2024 年（计划）变化了多少个百分点？下降请填负数，保留一位小数。",
                    f"Fig. 3.1.2.1: by how many percentage points does the share of firms "
                    f"naming '{mgmt.en}' as a key scenario change from 2023 (actual) to 2024 "
                    "(planned)? A fall is negative; one decimal.",
                ),
                "unit": POINTS,
            },
            {
                "prompt": Text(
                    f"图 3.1.2.1：把“{collab.zh}”作为重点投入场景的企业占比，从 2023 年（实际）到"
                    "2024 年（计划）变化了多少个百分点？下降请填负数，保留一位小数。",
                    f"Fig. 3.1.2.1: by how many percentage points does the share of firms "
                    f"naming '{collab.en}' as a key scenario change from 2023 (actual) to 2024 "
                    "(planned)? A fall is negative; one decimal.",
                ),
                "unit": POINTS,
            },
            9,
        )
    )
    add(
        _pair(
            "m03.4",
            "choice",
            "easy",
            {
                "prompt": Text(
                    f"图 3.3.1.1（N={_n('3.3.1.1')}）：报告给出数字的困难中，被提及最多的是哪一项？",
                    f"Fig. 3.3.1.1 (N={_n('3.3.1.1')}): of the difficulties the report puts a "
                    "number on, which is named most often?",
                ),
                "options": _options(
                    CHALLENGES, ["funding", "process_gap", "talent", "data_security"]
                ),
            },
            {
                "prompt": Text(
                    f"图 3.3.1.1（N={_n('3.3.1.1')}）：报告给出数字的五项困难中，被提及最少的是哪一项？",
                    f"Fig. 3.3.1.1 (N={_n('3.3.1.1')}): of the five difficulties the report puts "
                    "a number on, which is named least often?",
                ),
                "options": _options(
                    CHALLENGES, ["talent", "untargeted_solutions", "process_gap", "funding"]
                ),
            },
            10,
        )
    )
    add(
        _pair(
            "m04.1",
            "choice",
            "medium",
            {
                "prompt": Text(
                    f"图 3.2.2.1（N={_n('3.2.2.1')}）：中小企业选择数字化产品与服务时，报告给出数字的"
                    "因素中被提及最多的是哪一个？",
                    f"Fig. 3.2.2.1 (N={_n('3.2.2.1')}): of the factors in choosing digital "
                    "products and services that the report puts a number on, which is named most?",
                ),
                "options": _options(
                    PRODUCT, ["one_stop", "light_ops", "fast_deploy", "customisation"]
                ),
            },
            {
                "prompt": Text(
                    f"图 3.2.2.1（N={_n('3.2.2.1')}）：报告给出数字的七个因素中，被提及最少的是哪一个？",
                    f"Fig. 3.2.2.1 (N={_n('3.2.2.1')}): of the seven factors the report puts a "
                    "number on, which is named least?",
                ),
                "options": _options(
                    PRODUCT, ["simple_precise", "integration", "customisation", "low_complexity"]
                ),
            },
            11,
        )
    )
    add(
        _pair(
            "m04.2",
            "number",
            "easy",
            {
                "prompt": Text(
                    f"报告第 3.2.2.2 节：把“{PROVIDER.loc['cost_benefit', 'label_zh']}”作为选择服务商"
                    "考虑因素的中小企业占百分之多少？",
                    "Report §3.2.2.2: what share of SMEs name "
                    f"'{PROVIDER.loc['cost_benefit', 'label_en']}' when choosing a provider?",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    f"报告第 3.2.2.2 节：把“{PROVIDER.loc['need_match', 'label_zh']}”作为选择服务商"
                    "考虑因素的中小企业占百分之多少？",
                    "Report §3.2.2.2: what share of SMEs name "
                    f"'{PROVIDER.loc['need_match', 'label_en']}' when choosing a provider?",
                ),
                "unit": PERCENT,
            },
            12,
        )
    )
    add(
        _pair(
            "m05.2",
            "number",
            "easy",
            {
                "prompt": Text(
                    "报告第 3.2.1 节：在工作中经常使用生成式 AI 的中小企业占百分之多少？",
                    "Report §3.2.1: what share of SMEs use generative AI frequently at work?",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    "报告第 3.2.1 节：表示对生成式 AI 有所了解的中小企业占百分之多少？",
                    "Report §3.2.1: what share of SMEs say they have some awareness of "
                    "generative AI?",
                ),
                "unit": PERCENT,
            },
            13,
        )
    )
    add(
        _pair(
            "m05.4",
            "number",
            "hard",
            {
                "prompt": Text(
                    f"图 3.3.1.2 的样本量 N={GENAI_CHALLENGES_N}。它占全部调研企业（{SAMPLE} 家）"
                    "的百分之多少？保留一位小数。",
                    f"Fig. 3.3.1.2 has N={GENAI_CHALLENGES_N}. What share of all {SAMPLE} "
                    "surveyed firms is that? One decimal.",
                ),
                "unit": PERCENT,
            },
            {
                "prompt": Text(
                    f"图 3.3.1.2 的样本量 N={GENAI_CHALLENGES_N}，调研共 {SAMPLE} 家企业。有多少家"
                    "调研企业不在这张图的基数之内？填整数。",
                    f"Fig. 3.3.1.2 has N={GENAI_CHALLENGES_N}; the survey has {SAMPLE} firms. How "
                    "many surveyed firms are outside this figure's base? A whole number.",
                ),
                "unit": FIRMS,
            },
            14,
        )
    )
    add(
        _pair(
            "m06.2",
            "choice",
            "hard",
            {
                "prompt": Text(
                    f"案例 {_case('taifang').zh}写道：{_metric('taifang_data_processing_efficiency').zh}"
                    "。这里的数字是什么？",
                    f"Case {_case('taifang').en} says: "
                    f"{_metric('taifang_data_processing_efficiency').en}. What is this number?",
                ),
                "options": NUMBER_KINDS,
            },
            {
                "prompt": Text(
                    f"案例 {_case('detu').zh}写道：{_metric('detu_rd_sites').zh}。这里的数字是什么？",
                    f"Case {_case('detu').en} says: {_metric('detu_rd_sites').en}. What is this "
                    "number?",
                ),
                "options": NUMBER_KINDS,
            },
            15,
        )
    )
    add(
        _pair(
            "m06.4",
            "choice",
            "medium",
            {
                "prompt": Text(
                    "第五章的建议中，下面哪一条是对产业联盟及行业协会提出的？",
                    "Which of these chapter 5 recommendations is addressed to industry alliances "
                    "and associations?",
                ),
                "options": tuple(
                    _rec_option(r) for r in ("sme_1", "provider_1", "association_4", "provider_4")
                ),
            },
            {
                "prompt": Text(
                    "第五章的建议中，下面哪一条是对中小企业自己提出的？",
                    "Which of these chapter 5 recommendations is addressed to the SMEs themselves?",
                ),
                "options": tuple(
                    _rec_option(r)
                    for r in ("provider_2", "association_2", "association_1", "sme_3")
                ),
            },
            16,
        )
    )
    return items


ITEMS: tuple[QuizItem, ...] = tuple(_build())
FORMS: dict[str, tuple[QuizItem, ...]] = {
    f: tuple(i for i in ITEMS if i.form == f) for f in FORM_NAMES
}
BY_ID: dict[str, QuizItem] = {i.id: i for i in ITEMS}
