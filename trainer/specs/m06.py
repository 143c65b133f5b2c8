"""Assignment 06 行动计划: cases, recommendations and an action plan (report chapters 4–5)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m06",
    title=Text("作业 06 · 行动计划", "Assignment 06 · Action plan"),
    intro=Text(
        "本作业检验模块 06 的内容：报告的六个企业案例、对中小企业、服务方和行业协会的建议，以及"
        "为一家企业制订行动计划。",
        "This assignment checks module 06: the report's six company cases, its recommendations "
        "to SMEs, service providers and associations, and drawing up an action plan for a firm.",
    ),
    advanced=(
        Advanced(
            name="recs_per_stakeholder",
            kind="dict",
            prompt=Text(
                "`data.recommendations()` 是报告第五章的建议，`stakeholder` 列说明对象，`order` "
                "为 0 的行是标题。不计标题，每类对象各有几条建议？把结果写成字典（对象 → 条数）"
                "赋给 `recs_per_stakeholder`。",
                "`data.recommendations()` holds the recommendations of chapter 5; the "
                "`stakeholder` column says for whom, and rows with `order` 0 are headings. "
                "Without headings, how many recommendations does each stakeholder get? Assign a "
                "dict (stakeholder -> count) to `recs_per_stakeholder`.",
            ),
            solution=(
                "recs = data.recommendations()\n"
                'recs_per_stakeholder = recs[recs["order"] > 0]["stakeholder"].value_counts().to_dict()'
            ),
            hidden_test=(
                "_r = data.recommendations()\n"
                '_expected = _r.query("order != 0").groupby("stakeholder").size()\n'
                "assert {k: int(v) for k, v in recs_per_stakeholder.items()} == {\n"
                "    k: int(v) for k, v in _expected.items()\n"
                "}"
            ),
        ),
        Advanced(
            name="cases_since_2018",
            kind="integer",
            prompt=Text(
                "`data.cases()` 是第四章的六个企业案例，`founded` 列是成立年份（字符串）。其中"
                "有几家成立于 2018 年或以后？把个数（整数）赋给 `cases_since_2018`。",
                "`data.cases()` holds the six company cases of chapter 4; `founded` is the year "
                "founded (as text). How many were founded in 2018 or later? Assign the count (an "
                "integer) to `cases_since_2018`.",
            ),
            solution=(
                "cases = data.cases()\n"
                'cases_since_2018 = int((cases["founded"].astype(int) >= 2018).sum())'
            ),
            hidden_test=(
                '_years = [int(y) for y in data.cases()["founded"]]\n'
                "assert cases_since_2018 == sum(y >= 2018 for y in _years)"
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "为你（或你熟悉）的企业写出未来 90 天行动计划的要点：一个目标、两个里程碑（带日期）、"
            "负责人，以及需要向服务商或协会寻求的一项帮助。说明它借鉴了报告中的哪条建议或哪个"
            "案例。（4–8 句话或要点）",
            "Write the key points of a 90-day action plan for your firm (or one you know): one "
            "goal, two dated milestones, an owner, and one kind of help to ask of a vendor or "
            "the association. Say which recommendation or case of the report it draws on. "
            "(4–8 sentences or bullet points)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "目标具体、可衡量，与企业所处阶段相符。",
                    "The goal is specific, measurable and fits the firm's stage.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "里程碑有日期、有负责人，前后衔接合理。",
                    "Milestones are dated, owned and in a sensible order.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "正确借鉴报告的一条建议或一个案例，并说明如何借鉴。",
                    "Draws correctly on one recommendation or case of the report and says how.",
                ),
            ),
        ),
        model_answer=Text(
            "示例：目标：90 天内把订单、库存和财务接入同一套 ERP，月结时间从 5 天缩短到 2 天。"
            "里程碑：第 30 天完成流程梳理和岗位手册（负责人：运营经理）；第 75 天完成数据迁移和"
            "试运行（负责人：财务主管）。向协会申请数字化水平评估。借鉴报告建议“开展数字化水平"
            "评估”和钛方科技先梳理流程再上 ERP 的做法。",
            "Example: goal: within 90 days put orders, stock and finance on one ERP and cut the "
            "month-end close from 5 days to 2. Milestones: day 30, processes mapped and post "
            "manuals written (owner: operations manager); day 75, data migrated and a trial run "
            "done (owner: finance lead). Ask the association for a digital-maturity assessment. "
            "It follows the recommendation to assess digital maturity first and Taifang's "
            "approach of mapping processes before introducing an ERP.",
        ),
    ),
)
