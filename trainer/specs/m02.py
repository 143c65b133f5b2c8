"""Assignment 02 现状与阶段评估: investment, stages and outcomes (report chapter 2)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m02",
    title=Text("作业 02 · 现状与阶段评估", "Assignment 02 · Where SMEs stand"),
    intro=Text(
        "本作业检验模块 02 的内容：转型投入、五个转型阶段的分布、企业规模和类型的差异，以及用"
        "自评问卷给一家企业定阶段。",
        "This assignment checks module 02: investment, the distribution over the five stages, "
        "differences by size and type of firm, and placing a firm with the self-assessment.",
    ),
    advanced=(
        Advanced(
            name="top_stage",
            kind="text",
            prompt=Text(
                '用 `data.figure("2.2.2")` 取出转型阶段分布。占比最高的是哪个阶段？把它的 `key`'
                "（字符串）赋给 `top_stage`。",
                'Load the stage distribution with `data.figure("2.2.2")`. Which stage has the '
                "largest share? Assign its `key` (a string) to `top_stage`.",
            ),
            solution=(
                'stages = data.figure("2.2.2")\n'
                'top_stage = stages.sort_values("value")["key"].iloc[-1]'
            ),
            hidden_test=(
                '_stages = data.figure("2.2.2")\n'
                'assert top_stage == _stages.loc[_stages["value"].idxmax(), "key"]'
            ),
        ),
        Advanced(
            name="share_below_2pct",
            kind="number",
            prompt=Text(
                '用 `data.figure("2.1.1")` 取出转型投入占营业收入的分布。投入低于 2% 的企业占多少'
                '（`key` 为 `"lt1"` 与 `"1_2"` 两行之和，单位 %）？把结果（数字）赋给 '
                "`share_below_2pct`。",
                'Load the investment-to-revenue distribution with `data.figure("2.1.1")`. What '
                'share of firms invests less than 2% (the rows with `key` `"lt1"` and `"1_2"` '
                "added, in %)? Assign the number to `share_below_2pct`.",
            ),
            solution=(
                'spend = data.figure("2.1.1").set_index("key")["value"]\n'
                'share_below_2pct = float(spend["lt1"] + spend["1_2"])'
            ),
            hidden_test=(
                '_spend = data.figure("2.1.1")\n'
                '_expected = _spend[_spend["key"].isin(["lt1", "1_2"])]["value"].sum()\n'
                "assert abs(share_below_2pct - _expected) < 0.05"
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "你（或你熟悉）的企业处在五个转型阶段中的哪一个？依据是什么？与报告的阶段分布相比"
            "它处在什么位置？要进入下一个阶段，最需要补上哪一项投入或能力？（3–6 句话）",
            "Which of the five stages is your firm (or one you know) in, and on what evidence? "
            "Where does that place it in the report's distribution? What investment or capability "
            "does it most need to reach the next stage? (3–6 sentences)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "阶段判断有具体依据（业务、系统、数据的实际情况），与阶段描述相符。",
                    "The stage is backed by concrete evidence (processes, systems, data) that "
                    "matches the stage description.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "正确对照报告的阶段分布（图 2.2.2）说明企业所处位置。",
                    "Places the firm correctly against the report's distribution (figure 2.2.2).",
                ),
            ),
            Criterion(
                1,
                Text(
                    "下一步具体可行，与下一阶段的要求相对应。",
                    "The next step is concrete, feasible and matches what the next stage needs.",
                ),
            ),
        ),
        model_answer=Text(
            "示例：我们用 ERP 管订单和库存，但生产和财务数据还在表格里，属于“局部建设阶段”，和"
            "约三成受访企业处在同一阶段，已经走过单点尝试。进入数字底座阶段需要把主营业务的数据"
            "打通，最需要的是一名懂数据的骨干和一年的系统集成预算。",
            "Example: we run orders and stock in an ERP but production and finance data still "
            "live in spreadsheets, so we are in the local build-out stage, with about three in "
            "ten surveyed firms, past the single-point trials. To build a digital foundation we "
            "must connect the data of our main businesses; we most need one data-savvy lead and "
            "a year's integration budget.",
        ),
    ),
)
