"""Assignment 04 服务商选择: choosing products and vendors (report §3.2.2)."""

from smedx.grading.assignment import Advanced, AssignmentSpec, Criterion, Reflection, Text

SPEC = AssignmentSpec(
    module="m04",
    title=Text("作业 04 · 服务商选择", "Assignment 04 · Choosing a vendor"),
    intro=Text(
        "本作业检验模块 04 的内容：“小快轻准”与企业选择产品的考虑因素、选择服务商的标准，以及"
        "用加权评分比较候选服务商。",
        "This assignment checks module 04: 'small, fast, light, precise' and what firms weigh "
        "when choosing products, how they choose vendors, and comparing candidates with "
        "weighted scores.",
    ),
    advanced=(
        Advanced(
            name="n_factors_40",
            kind="integer",
            prompt=Text(
                '`data.figure("3.2.2.1")` 是企业选择转型产品与服务的主要考虑因素。有几个因素的'
                "占比达到 40% 或以上？把个数（整数）赋给 `n_factors_40`。",
                '`data.figure("3.2.2.1")` lists what firms weigh when choosing products and '
                "services. How many factors are chosen by 40% of firms or more? Assign the count "
                "(an integer) to `n_factors_40`.",
            ),
            solution=(
                'factors = data.figure("3.2.2.1")\n'
                'n_factors_40 = int((factors["value"] >= 40).sum())'
            ),
            hidden_test=(
                '_f = data.figure("3.2.2.1")\nassert n_factors_40 == len(_f.query("value >= 40"))'
            ),
        ),
        Advanced(
            name="least_factor",
            kind="text",
            prompt=Text(
                "同一张表中，被选最少的考虑因素是哪一个？把它的 `key` 赋给 `least_factor`。",
                "In the same table, which factor is chosen least? Assign its `key` to "
                "`least_factor`.",
            ),
            solution=(
                'factors = data.figure("3.2.2.1")\n'
                'least_factor = factors.sort_values("value")["key"].iloc[0]'
            ),
            hidden_test=(
                '_f = data.figure("3.2.2.1")\n'
                'assert least_factor == _f.loc[_f["value"].idxmin(), "key"]'
            ),
        ),
    ),
    reflection=Reflection(
        prompt=Text(
            "你的企业要在两家服务商之间选一家。列出你最看重的三个评估因素并给出权重，说明理由；"
            "其中哪一项对应报告第 3.2.2 节中企业最常提到的考虑？签约前你会怎样核实服务商的说法？"
            "（3–6 句话）",
            "Your firm must choose between two vendors. List the three criteria you weigh most, "
            "with weights and reasons; which of them matches what firms mention most in §3.2.2? "
            "How would you check the vendor's claims before signing? (3–6 sentences)",
        ),
        rubric=(
            Criterion(
                1,
                Text(
                    "三个因素和权重明确，理由与企业需要相联系。",
                    "Three criteria with clear weights, and reasons tied to the firm's needs.",
                ),
            ),
            Criterion(
                1,
                Text(
                    "正确联系报告第 3.2.2 节的发现（如“小快轻准”、部署速度、运维负担）。",
                    "Relates correctly to §3.2.2 (e.g. small-fast-light-precise, deployment "
                    "speed, upkeep).",
                ),
            ),
            Criterion(
                1,
                Text(
                    "核实办法具体（试用、参考客户、合同中的服务条款等）。",
                    "Concrete ways to check claims (a trial, reference customers, service terms "
                    "in the contract).",
                ),
            ),
        ),
        model_answer=Text(
            "示例：部署速度 40%、日常运维负担 35%、与现有系统集成 25%。我们只有一名兼职 IT，"
            "所以和报告中企业最看重的快速部署、轻量运维一致；集成权重较低，但旧的财务软件必须能"
            "导入数据。签约前要求两周试用，联系两家同行业客户，并在合同中写明响应时间。",
            "Example: deployment speed 40%, day-to-day upkeep 35%, integration with existing "
            "systems 25%. We have one part-time IT person, which matches the report's top "
            "concerns, fast deployment and light upkeep; integration weighs less but our old "
            "accounting data must import. Before signing: a two-week trial, calls to two "
            "customers in our industry, and response times written into the contract.",
        ),
    ),
)
