"""Assignment 03 场景选择: scenarios, approaches, challenges and help wanted (report §3.1–3.3)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m03",
    title=Text("作业 03 · 场景选择", "Assignment 03 · Choosing scenarios"),
    intro=Text(
        "本作业检验模块 03 的内容：重点投入场景的变化、转型方式、面临的困难和需要的外部帮助，"
        "以及为一家企业选择转型场景。",
        "This assignment checks module 03: how investment scenarios shift, the approaches "
        "firms take, their challenges and the help they want, and choosing scenarios for a firm.",
    ),
    advanced=(
        Advanced(
            name="biggest_rise",
            kind="text",
            prompt=Text(
                '`data.figure("3.1.2.1", segment_type="year")` 给出 2023 年和 2024 年各场景的'
                "投入占比（`segment_key` 为年份）。哪个场景从 2023 年到 2024 年上升最多？把它的 "
                "`key` 赋给 `biggest_rise`（只比较两年都有数据的场景）。",
                '`data.figure("3.1.2.1", segment_type="year")` gives each scenario\'s share in '
                "2023 and 2024 (`segment_key` is the year). Which scenario rose most from 2023 "
                "to 2024? Assign its `key` to `biggest_rise` (compare only scenarios with both "
                "years).",
            ),
            solution=(
                'years = data.figure("3.1.2.1", segment_type="year")\n'
                'wide = years.pivot(index="key", columns="segment_key", values="value").dropna()\n'
                'biggest_rise = (wide["2024"] - wide["2023"]).idxmax()'
            ),
            hidden_test=(
                '_y = data.figure("3.1.2.1", segment_type="year").set_index(["segment_key", "key"])\n'
                '_change = (_y.loc["2024", "value"] - _y.loc["2023", "value"]).dropna()\n'
                "assert biggest_rise == _change.sort_values().index[-1]"
            ),
        ),
        Advanced(
            name="top_challenge",
            kind="text",
            prompt=Text(
                '`data.figure("3.3.1.1")` 是企业面临的困难与挑战。在全部样本中（`segment_key` '
                "为空字符串的行），被选最多的困难是哪一个？把它的 `key` 赋给 `top_challenge`。",
                '`data.figure("3.3.1.1")` lists the challenges firms face. In the whole sample '
                "(rows whose `segment_key` is the empty string), which challenge is chosen most? "
                "Assign its `key` to `top_challenge`.",
            ),
            solution=(
                'challenges = data.figure("3.3.1.1")\n'
                'whole = challenges[challenges["segment_key"] == ""]\n'
                'top_challenge = whole.sort_values("value", ascending=False)["key"].iloc[0]'
            ),
            hidden_test=(
                '_c = data.figure("3.3.1.1").query("segment_key == \'\'")\n'
                'assert top_challenge == _c.nlargest(1, "value")["key"].iloc[0]'
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "为你（或你熟悉）的企业选一个最想先做的数字化场景：为什么选它？预计会遇到的最大困难是"
            "什么，打算怎样应对，需要哪一种外部帮助？（3–6 句话）",
            "Pick the one digital scenario your firm (or one you know) should start with: why "
            "this one? What is the biggest difficulty you expect, how would you handle it, and "
            "what outside help would you need? (3–6 sentences)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "场景具体，选择理由与企业的目标或痛点相联系。",
                    "The scenario is concrete and the reason is tied to the firm's goals or pain "
                    "points.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "指出的困难真实，并能对照报告第 3.3 节中企业普遍面临的困难。",
                    "Names a real difficulty and relates it to the challenges in §3.3.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "应对办法和所需外部帮助具体可行。",
                    "The way to handle it and the help needed are concrete and feasible.",
                ),
            ),
        ),
        model_answer=Text(
            "示例：我们是 50 人的食品批发商，先做“协同办公”：订单在微信群里流转，常漏单。最大"
            "困难和报告中最多企业选择的一样——缺少专业人才，所以先选轻量的 SaaS，并请协会组织"
            "员工培训；需要的外部帮助是推荐适合的解决方案。",
            "Example: we are a 50-person food wholesaler and would start with collaboration "
            "tools: orders travel through chat groups and get lost. Our biggest difficulty is the "
            "one most firms in the report name, a lack of skilled staff, so we would choose a "
            "light SaaS product and ask the association for staff training; the outside help we "
            "need is a recommendation of suitable solutions.",
        ),
    ),
)
