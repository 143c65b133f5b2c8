"""Assignment 01 转型动因: why SMEs transform (report chapter 1 and §3.1.1)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m01",
    title=Text("作业 01 · 转型动因", "Assignment 01 · Why transform"),
    intro=Text(
        "本作业检验模块 01 的内容：政策工具、报告引用的宏观数字、转型成效“提质 > 增效 > 降本”，"
        "以及不同行业的转型目标。",
        "This assignment checks module 01: policy tools, the macro numbers the report quotes, "
        "the outcomes 'quality > efficiency > cost', and transformation goals by industry.",
    ),
    advanced=(
        Advanced(
            name="top_goal",
            kind="text",
            prompt=Text(
                '用 `data.figure("S3.1.1-goals")` 取出转型目标的数据。全部样本中占比最高的目标'
                "是哪一个？把它的 `key`（字符串）赋给变量 `top_goal`。",
                'Load the goals with `data.figure("S3.1.1-goals")`. Which goal has the largest '
                "share of the whole sample? Assign its `key` (a string) to `top_goal`.",
            ),
            solution=(
                'goals = data.figure("S3.1.1-goals")\n'
                'top_goal = goals.sort_values("value", ascending=False)["key"].iloc[0]'
            ),
            hidden_test=(
                '_goals = data.figure("S3.1.1-goals")\n'
                'assert top_goal == _goals.loc[_goals["value"].idxmax(), "key"]'
            ),
        ),
        Advanced(
            name="n_goals_over_35",
            kind="integer",
            prompt=Text(
                "同一张表中，有几个目标的占比超过 35%？把这个个数（整数）赋给 `n_goals_over_35`。",
                "In the same table, how many goals are chosen by more than 35% of the firms? "
                "Assign the count (an integer) to `n_goals_over_35`.",
            ),
            solution=(
                'goals = data.figure("S3.1.1-goals")\n'
                'n_goals_over_35 = int((goals["value"] > 35).sum())'
            ),
            hidden_test=(
                '_goals = data.figure("S3.1.1-goals")\n'
                'assert n_goals_over_35 == len(_goals.query("value > 35"))'
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "结合你所在（或熟悉）的一家企业，写出它最应优先追求的一个转型目标，并用报告中的"
            "一个数字说明理由：这个数字衡量的是什么、来自哪里？对这个目标的成效，你会设定怎样"
            "的预期？（3–6 句话）",
            "For a firm you work in (or know), name the one transformation goal it should pursue "
            "first and justify it with one number from the report: what does that number "
            "measure, and where does it come from? What outcome would you expect for this goal? "
            "(3–6 sentences)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "目标具体，并与这家企业的情况相联系（而不是泛泛而谈）。",
                    "The goal is concrete and tied to the firm's situation (not generic).",
                ),
            ),
            Criterion(
                1,
                Text(
                    "正确引用报告中的一个数字，并说明它衡量什么、来源是哪项调查。",
                    "Quotes one report number correctly, saying what it measures and which "
                    "survey it comes from.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "预期合理：考虑到“提质 > 增效 > 降本”，不把降本当作立竿见影的成效。",
                    "Realistic expectations: given 'quality > efficiency > cost', does not promise "
                    "quick cost savings.",
                ),
            ),
        ),
        model_answer=Text(
            "示例：一家 80 人的五金加工厂应先追求“优化既有业务流程”。报告第 3.1.1 节中它是全部样本"
            "占比最高的目标，说明多数中小企业从理顺流程开始。成效方面，转引的 2023 年调查显示质量"
            "和效率的改善比成本明显，所以第一年预期是交期和返工率改善，而不是成本立刻下降。",
            "Example: an 80-person hardware workshop should first optimise its existing "
            "processes. In §3.1.1 that is the goal most firms in the whole sample choose, so most "
            "SMEs start there. The quoted 2023 survey shows quality and efficiency improve more "
            "clearly than cost, so in year one I would expect shorter lead times and less rework, "
            "not an immediate cost cut.",
        ),
    ),
)
