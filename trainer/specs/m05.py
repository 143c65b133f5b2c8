"""Assignment 05 生成式 AI: new technology and generative AI in SMEs (report §1.3, §3.2.1, §3.3.1)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m05",
    title=Text("作业 05 · 生成式 AI", "Assignment 05 · Generative AI"),
    intro=Text(
        "本作业检验模块 05 的内容：新技术如何降低转型门槛、中小企业对生成式 AI 的认知与使用、"
        "应用中的挑战，以及为一家企业排出生成式 AI 用例的优先次序。",
        "This assignment checks module 05: how new technology lowers the barrier, how SMEs "
        "know and use generative AI, the challenges, and prioritising GenAI use cases for a "
        "firm.",
    ),
    advanced=(
        Advanced(
            name="top_genai_challenge",
            kind="text",
            prompt=Text(
                '`data.figure("3.3.1.2")` 是中小企业应用大模型和生成式 AI 的主要挑战。被选最多的'
                "挑战是哪一个？把它的 `key` 赋给 `top_genai_challenge`。",
                '`data.figure("3.3.1.2")` lists the main challenges of applying large models and '
                "generative AI. Which is chosen most? Assign its `key` to `top_genai_challenge`.",
            ),
            solution=(
                'genai = data.figure("3.3.1.2")\n'
                'top_genai_challenge = genai.sort_values("value", ascending=False)["key"].iloc[0]'
            ),
            hidden_test=(
                '_g = data.figure("3.3.1.2")\n'
                'assert top_genai_challenge == _g.loc[_g["value"].idxmax(), "key"]'
            ),
        ),
        Advanced(
            name="genai_gap",
            kind="number",
            prompt=Text(
                "同一张表中，排第一和第二的挑战相差多少个百分点？把差值（数字）赋给 `genai_gap`。",
                "In the same table, how many percentage points separate the first and the second "
                "challenge? Assign the difference (a number) to `genai_gap`.",
            ),
            solution=(
                'top_two = data.figure("3.3.1.2")["value"].nlargest(2)\n'
                "genai_gap = float(top_two.iloc[0] - top_two.iloc[1])"
            ),
            hidden_test=(
                '_v = sorted(data.figure("3.3.1.2")["value"], reverse=True)\n'
                "assert abs(genai_gap - (_v[0] - _v[1])) < 0.05"
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "为你（或你熟悉）的企业提出一个可以在三个月内试点的生成式 AI 用例：它解决什么问题？"
            "怎样衡量是否成功？需要注意哪些风险（例如数据安全、结果准确性）？（3–6 句话）",
            "Propose one generative AI use case your firm (or one you know) could pilot within "
            "three months: what problem does it solve? How would you measure success? Which "
            "risks need care (e.g. data security, accuracy)? (3–6 sentences)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "用例具体，解决企业真实的问题，范围适合三个月试点。",
                    "A concrete use case for a real problem, small enough for a three-month pilot.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "有可衡量的成功标准（对应报告中“应用成效不清晰”的挑战）。",
                    "A measurable success criterion (answering the report's 'unclear benefit' "
                    "challenge).",
                ),
            ),
            Criterion(
                1,
                Text(
                    "指出至少一项相关风险，并给出控制办法。",
                    "Names at least one relevant risk and how to control it.",
                ),
            ),
        ),
        model_answer=Text(
            "示例：用生成式 AI 起草客服回复：客服每天回答大量重复的产品咨询。成功标准是平均回复"
            "时间从 2 小时降到 30 分钟、回复差错率不上升。风险是泄露客户信息和答错参数，所以只"
            "用企业内部的产品资料，回复由客服确认后再发送。",
            "Example: draft customer-service replies with generative AI, since staff answer many "
            "repeated product questions every day. Success means average reply time falls from "
            "two hours to 30 minutes with no rise in errors. The risks are leaking customer data "
            "and wrong specifications, so it uses only our own product documents and staff "
            "approve every reply before it is sent.",
        ),
    ),
)
