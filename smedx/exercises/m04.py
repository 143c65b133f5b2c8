"""Module 04 服务商选择: 小快轻准 and the product criteria (§3.2.2, §3.2.2.1), the vendor criteria
and the 3.8% after-sales puzzle (§3.2.2.2), scoring candidates and testing the weights.

Report numbers come from :mod:`smedx.data`, rankings and sensitivities from
:mod:`smedx.models.vendors`, all at import time.
"""

from __future__ import annotations

import math
import re

from smedx import data
from smedx.exercises.core import (
    Feedback,
    Option,
    Premise,
    Question,
    Text,
    choice_is,
    number_near,
    right,
    wrong,
)
from smedx.models import vendors as vendor_model

MODULE = "m04"
PROVIDER_FIGURE = "S3.2.2.2-vendor-criteria"
PRODUCT_FIGURE = "3.2.2.1"


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _key(vendor: vendor_model.Vendor) -> str:
    """A stable option key from the English name: 'Example Cloud A (fictional)' -> 'cloud_a'."""
    name = re.sub(r"\(.*?\)", "", vendor.name_en or vendor.name).lower()
    name = re.sub(r"^example\s+", "", name.strip())
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_")


EXAMPLES = vendor_model.example_vendors()
KEYS = {v.name: _key(v) for v in EXAMPLES}
VENDOR_OPTIONS = tuple(Option(KEYS[v.name], v.name, v.name_en) for v in EXAMPLES)
NAME_EN = {v.name: v.name_en for v in EXAMPLES}


def _names_en(text: str) -> str:
    """A model's English text names the example vendors by their stored (Chinese) names: give
    each its English name, as the English page does."""
    for name, name_en in NAME_EN.items():
        text = text.replace(name, name_en)
    return text


# --- m04.after_sales: the 3.8% puzzle ------------------------------------------------------------

_after = data.stat(PROVIDER_FIGURE, "after_sales")
_provider = data.figure(PROVIDER_FIGURE)
_others = _provider[_provider["key"] != "after_sales"]["value"]

AFTER_SALES = Question(
    id="m04.after_sales",
    module=MODULE,
    kind="choice",
    prompt=Text(
        f"选服务商时，只有 {_pct(_after.value)} 的中小企业提到“售后服务能力”，而其他因素都在 "
        f"{_others.min():.1f}%-{_others.max():.1f}% 之间。报告自己怎么解读这个低占比？",
        f"Only {_pct(_after.value)} of SMEs name after-sales service when choosing a provider, "
        f"while the other factors are between {_others.min():.1f}% and {_others.max():.1f}%. "
        "How does the report itself read this low share?",
    ),
    options=(
        Option(
            "unimportant",
            "售后服务不重要，选服务商时可以不考虑",
            "After-sales does not matter; it can be left out when choosing",
        ),
        Option(
            "immature_market",
            "并不意味着不重视：低占比可能反映市场上售后体系普遍不完善、企业选型时忽视了售后；"
            "长期看，优质售后是转型持续成功和系统稳定运行的关键之一",
            "It does not mean SMEs do not care: the low share may reflect an immature "
            "after-sales market and firms overlooking it; in the long run good after-sales is "
            "one of the keys to lasting success and stable systems",
        ),
        Option(
            "already_good",
            "说明服务商的售后已经普遍做得很好：企业在选型时不必再把售后列为条件，报告因此建议把有限的"
            "精力放在部署速度、日常运维难度和系统集成这几项上",
            "It shows that providers' after-sales is already generally good: firms no longer need "
            "to make it a condition when choosing, so the report advises focusing on deployment "
            "speed, day-to-day upkeep and integration instead",
        ),
        Option(
            "typo",
            "报告认为这是印刷错误，实际应为 38%",
            "The report says it is a misprint for 38%",
        ),
    ),
    checker=choice_is(
        "immature_market",
        Text(
            "报告第 3.2.2.2 节原文：“这并不意味着中小企业对其不重视”，并建议服务商加大售后投入。"
            "所以本课程的默认权重给售后设了下限（课程设定）。",
            "Report §3.2.2.2: 'this does not mean SMEs do not value it', and it asks providers "
            "to invest more in after-sales. That is why the course's default weights give "
            "after-sales a floor (a course choice).",
        ),
        near={
            "typo": Text(
                "数据包的备注确实怀疑这个数字可能有误，但那是数据整理者的推测；报告本身没有这样说。"
                "题目问的是报告自己的解读。",
                "The data package's notes do suspect the number, but that is the editors' "
                "guess; the report says no such thing. The question asks for the report's own "
                "reading.",
            ),
            "unimportant": Text(
                "报告恰恰相反：它说低占比不代表不重视。",
                "The report says the opposite: a low share does not mean it does not matter.",
            ),
            "already_good": Text(
                "报告的推测方向正相反：低占比可能反映市场上的售后体系还不完善，而不是已经做得很好；"
                "它也没有建议少考虑售后。",
                "The report guesses the other way round: the low share may reflect an immature "
                "after-sales market, not a good one; nor does it advise giving after-sales less "
                "thought.",
            ),
        },
    ),
    hints=(
        Text(
            "回到报告第 3.2.2.2 节关于售后服务的那一段，看“值得注意的是”之后的句子。",
            "Go back to the after-sales paragraph of §3.2.2.2, after “值得注意的是” (“it is worth noting "
            "that”).",
        ),
        Text(
            "多选题的“提及占比”说明有多少企业想到了它，不等于它有多重要。",
            "A share of mentions says how many firms thought of it, not how much it matters.",
        ),
        Text(
            "注意区分报告的解读和数据整理者的推测。",
            "Tell the report's own reading apart from the data editors' guesses.",
        ),
    ),
    solution=Text(
        f"报告写道：尽管售后服务能力的占比不高（{_pct(_after.value)}），但这并不意味着中小企业对其"
        "不重视，可能揭示了市场售后体系普遍不完善以及企业选型时对售后的忽视；从长期看，优质售后"
        "是确保转型持续成功和系统稳定运行的关键因素之一（第 3.2.2.2 节）。这个数字与其他因素相差悬殊，"
        "数据包也把它标为可疑，但报告没有说它是错的。",
        f"The report: although after-sales has a low share ({_pct(_after.value)}), this does not "
        "mean SMEs do not value it; it may reveal an immature after-sales market and firms "
        "overlooking it when choosing; in the long run good after-sales is one of the keys to "
        "lasting success and stable systems (§3.2.2.2). The number is far below the others and "
        "the data package flags it, but the report does not call it wrong.",
    ),
    example_answer="immature_market",
    wrong_answers=("unimportant", "already_good", "typo"),
    points=1,
)

# --- m04.default_winner and m04.topsis_winner: the fictional examples ---------------------------

_ws = vendor_model.score_vendors(EXAMPLES, None, "weighted_sum")
_topsis = vendor_model.score_vendors(EXAMPLES, None, "topsis")
WS_WINNER, TOPSIS_WINNER = _ws.winner, _topsis.winner
_ws_lead = WS_WINNER.score - _ws.ranked[1].score

_default_near = {}
if TOPSIS_WINNER.name != WS_WINNER.name:
    _default_near[KEYS[TOPSIS_WINNER.name]] = Text(
        "这是 TOPSIS 方法的第 1 名。本题用加权求和：检查方法是否选的是“加权求和”。",
        "That is the TOPSIS winner. This question uses the weighted sum: check the method.",
    )
_default_near[KEYS[_ws.ranked[1].name]] = Text(
    "它排第 2，差距不大。确认权重是默认值（点“恢复默认权重”）、评分没有改动。",
    "It is second, close behind. Make sure the weights are the defaults (press 'Default "
    "weights') and no score was changed.",
)

for _rank, _v in enumerate(_ws.ranked[2:], start=3):
    _default_near.setdefault(
        KEYS[_v.name],
        Text(
            f"用加权求和和默认权重，{_v.name}排在第 {_rank} 位（{_v.score:.1f} 分）。如果你看到它"
            "排第一，可能是滑块被移动过或评分被改过：点“恢复默认权重”，并重新运行单元格恢复示例评分。",
            f"With the weighted sum and default weights, {NAME_EN[_v.name]} ranks number "
            f"{_rank} ({_v.score:.1f}). If you saw it first, a slider or a score was probably "
            "changed: press 'Default weights' and re-run the cell to restore the example scores.",
        ),
    )

DEFAULT_WINNER = Question(
    id="m04.default_winner",
    module=MODULE,
    kind="choice",
    prompt=Text(
        "在服务商选择器中用“加权求和”和默认权重，不改动示例服务商（均为虚构）的任何评分："
        "哪一家排第 1？",
        "In the vendor chooser, with the weighted sum and the default weights and without "
        "changing any score of the (fictional) example vendors: which one ranks first?",
    ),
    options=VENDOR_OPTIONS,
    checker=choice_is(
        KEYS[WS_WINNER.name],
        Text(
            f"{WS_WINNER.name} 得 {WS_WINNER.score:.1f} 分，领先第 2 名 {_ws_lead:.1f} 分。"
            "领先不多：下一题看看权重变一点会怎样。",
            f"{NAME_EN[WS_WINNER.name]} scores {WS_WINNER.score:.1f}, {_ws_lead:.1f} ahead of "
            "the second. A small lead: the next question tests how much the weights can move.",
        ),
        near=_default_near,
    ),
    hints=(
        Text(
            "运行选择器所在的单元格；方法选“加权求和”，不要改动滑块和评分。",
            "Run the chooser's cell; choose 'weighted sum' and leave sliders and scores as they "
            "are.",
        ),
        Text(
            "排名图最上面的一条是第 1 名；“为什么？”一栏也写着首选。",
            "The top bar of the ranking chart is rank 1; the 'Why?' box names it too.",
        ),
    ),
    solution=Text(
        f"{WS_WINNER.name}。{WS_WINNER.why_zh} 这是对虚构示例、用本课程默认权重的计算结果，"
        "不代表任何真实服务商。",
        f"{NAME_EN[WS_WINNER.name]}. {_names_en(WS_WINNER.why_en)} This is a calculation on fictional "
        "examples with the course's default weights, not a verdict on any real provider.",
    ),
    example_answer=KEYS[WS_WINNER.name],
    wrong_answers=tuple(KEYS[v.name] for v in _ws.ranked[1:]),
    points=1,
)

_topsis_near = {}
if TOPSIS_WINNER.name != WS_WINNER.name:
    _topsis_near[KEYS[WS_WINNER.name]] = Text(
        "这是加权求和的第 1 名。切换到 TOPSIS 后再看排名图。",
        "That is the weighted-sum winner. Switch the method to TOPSIS and look again.",
    )
for _rank, _v in enumerate(_topsis.ranked[1:], start=2):
    _topsis_near.setdefault(
        KEYS[_v.name],
        Text(
            f"用 TOPSIS 和默认权重，{_v.name}排在第 {_rank} 位（{_v.score:.1f} 分）。确认方法已切换为"
            "TOPSIS、权重是默认值、评分没有改动，再看排名图最上面的一条。",
            f"With TOPSIS and default weights, {NAME_EN[_v.name]} ranks number {_rank} "
            f"({_v.score:.1f}). Check that the method is TOPSIS, the weights are the defaults "
            "and no score was changed, then read the top bar again.",
        ),
    )
_same = TOPSIS_WINNER.name == WS_WINNER.name

TOPSIS_WINNER_Q = Question(
    id="m04.topsis_winner",
    module=MODULE,
    kind="choice",
    prompt=Text(
        "把方法切换为 TOPSIS（逼近理想解排序法），仍用默认权重和示例评分：哪一家排第 1？"
        "和加权求和的结果一样吗？",
        "Switch the method to TOPSIS (closeness to the ideal), still with the default weights "
        "and example scores: which vendor ranks first? Is it the weighted-sum winner?",
    ),
    options=VENDOR_OPTIONS,
    checker=choice_is(
        KEYS[TOPSIS_WINNER.name],
        Text(
            (
                "两种方法的首选相同。"
                if _same
                else f"与加权求和（{WS_WINNER.name}）不同：加权求和奖励在多数准则上都不错的"
                "服务商，TOPSIS 看离“理想服务商”和“最差服务商”各有多远，对长板和短板更敏感。"
            )
            + "分数接近时，换一种合理的方法就可能换首选：这说明要把排名当作讨论的起点。",
            (
                "Both methods pick the same vendor. "
                if _same
                else f"Not the weighted-sum winner ({NAME_EN[WS_WINNER.name]}): the weighted "
                "sum rewards being decent on most criteria, TOPSIS measures the distance to an "
                "ideal and a worst vendor and reacts more to strengths and gaps. "
            )
            + "When scores are close, another sound method can change the winner: treat the "
            "ranking as the start of a discussion.",
        ),
        near=_topsis_near,
    ),
    hints=(
        Text(
            "在选择器顶部把“方法”切换为 TOPSIS。",
            "Switch 'Method' at the top of the chooser to TOPSIS.",
        ),
        Text(
            "TOPSIS 的排名图只有一根总分条（贴近度 × 100），最上面的是第 1 名。",
            "TOPSIS shows one bar per vendor (closeness x 100); the top one is rank 1.",
        ),
    ),
    solution=Text(
        f"{TOPSIS_WINNER.name}。{TOPSIS_WINNER.why_zh}",
        f"{NAME_EN[TOPSIS_WINNER.name]}. {_names_en(TOPSIS_WINNER.why_en)}",
    ),
    example_answer=KEYS[TOPSIS_WINNER.name],
    wrong_answers=tuple(KEYS[v.name] for v in _topsis.ranked[1:]),
    points=1,
)

# --- m04.cost_weight_rise: the sensitivity of the default winner --------------------------------

_cost = next(s for s in _ws.sensitivity if s.criterion == "cost_benefit")
COST_UPPER = 100 * _cost.upper
COST_NOW = 100 * _cost.weight
TOLERANCE = 0.5

COST_WEIGHT_RISE = Question(
    id="m04.cost_weight_rise",
    module=MODULE,
    kind="number",
    prompt=Text(
        f"加权求和、默认权重下，“成本效益”的权重是 {COST_NOW:.1f}%。把它往上调（其他权重按比例"
        "缩小），调到多少 %（归一化后的权重）时首选会改变？填一个百分数，保留一位小数"
        f"（允许误差 ±{TOLERANCE}）。",
        f"With the weighted sum and default weights, cost-effectiveness weighs {COST_NOW:.1f}%. "
        "Raise it (the other weights shrink proportionally): at what weight (normalised, in %) "
        f"does the top choice change? One decimal (±{TOLERANCE} accepted).",
    ),
    checker=number_near(
        COST_UPPER,
        TOLERANCE,
        Text(
            f"{_cost.text_zh} 要从 {COST_NOW:.1f}% 涨到约 {COST_UPPER:.1f}% 才换首选：结论对这个"
            "权重并不敏感。",
            f"{_names_en(_cost.text_en)} It must rise from {COST_NOW:.1f}% to about {COST_UPPER:.1f}% "
            "before the winner changes: the result is not fragile on this weight.",
        ),
        unit="%",
        near={
            round(COST_NOW, 1): Text(
                f"{COST_NOW:.1f}% 是“成本效益”现在的权重（菱形）；题目问的是往上调到哪里首选才会改变。",
                f"{COST_NOW:.1f}% is cost-effectiveness's current weight (the diamond); the "
                "question asks how far up it must go before the winner changes.",
            ),
            100.0: Text(
                "100% 意味着只看成本效益一项。首选在此之前就变了：看灰色条在哪里结束。",
                "100% would mean cost-effectiveness is all that counts. The winner changes "
                "well before that: see where the grey bar ends.",
            ),
            round(100 * _cost.lower, 1): Text(
                f"{100 * _cost.lower:.1f}% 是灰色条的左端，即往下调时首选改变的位置；"
                "题目问的是往上调。",
                f"{100 * _cost.lower:.1f}% is the left end of the grey bar, where the winner "
                "changes when the weight goes down; the question asks about raising it.",
            ),
        },
    ),
    hints=(
        Text(
            "看敏感性图中“成本效益”一行：灰色条是首选不变的范围，菱形是当前权重。",
            "Find the cost-effectiveness row of the sensitivity chart: the grey bar is the "
            "range where the winner stays, the diamond the current weight.",
        ),
        Text(
            "把鼠标悬停在那一行上，会显示准确的上下界和接替的服务商。",
            "Hover over that row to see the exact bounds and who takes over.",
        ),
        Text(
            "答案是灰色条的右端（上界），以百分数填写，例如 25.3。",
            "The answer is the right end (upper bound) of the grey bar, as a percentage, e.g. "
            "25.3.",
        ),
    ),
    solution=Text(
        f"约 {COST_UPPER:.1f}%。{_cost.text_zh} 注意滑块上的数字是相对分值，旁边的“占比 %”才是"
        "归一化后的权重；敏感性分析假定其他权重按比例缩放（本课程的模型设定）。",
        f"About {COST_UPPER:.1f}%. {_names_en(_cost.text_en)} The slider values are relative points; the "
        "'%' column next to them is the normalised weight. The analysis rescales the other "
        "weights proportionally (the course model's assumption).",
    ),
    example_answer=round(COST_UPPER, 1),
    wrong_answers=(round(COST_NOW, 1), 100.0, round(100 * _cost.lower, 1)),
    number_range=(0.0, 100.0),
    points=2,
)

# --- m04.my_weights: your own weights, checked against rules drawn from the report ---------------

CRITERIA = vendor_model.criteria()
MIN_FLOOR = 5  # points out of 100 that after-sales and security must keep (course rule)
MIN_USED = 4  # criteria with a positive weight (course rule)
TOTAL = 100
FLOORED = ("after_sales", "security")


def check_weights(answer: dict) -> Feedback:
    """Course rules: 100 points in all; after-sales and security keep at least MIN_FLOOR;
    at least MIN_USED criteria weigh something."""
    known = {c.key: c for c in CRITERIA}
    unknown = sorted(str(k) for k in answer if k not in known)
    if unknown:
        return wrong(f"未知准则：{', '.join(unknown)}", f"unknown criteria: {', '.join(unknown)}")
    if any(v < 0 for v in answer.values()):
        return wrong("权重不能为负数。", "weights cannot be negative.")
    problems_zh, problems_en = [], []
    total = sum(answer.values())
    if not math.isclose(total, TOTAL, abs_tol=1e-9):
        problems_zh.append(f"合计应为 {TOTAL} 分，现在是 {total:g} 分")
        problems_en.append(f"the points must add up to {TOTAL}, now {total:g}")
    low = [k for k in FLOORED if answer.get(k, 0) < MIN_FLOOR]
    if low:
        problems_zh.append(
            "、".join(known[k].label_zh for k in low)
            + f"至少要 {MIN_FLOOR} 分（报告：售后是持续成功的关键，安全性必须考虑）"
        )
        problems_en.append(
            " and ".join(known[k].label_en for k in low)
            + f" need at least {MIN_FLOOR} points (the report: after-sales is key to lasting "
            "success, security must be considered)"
        )
    used = sum(1 for v in answer.values() if v > 0)
    if used < MIN_USED:
        problems_zh.append(f"至少给 {MIN_USED} 个准则正的权重（现在 {used} 个）")
        problems_en.append(f"give at least {MIN_USED} criteria a positive weight (now {used})")
    if problems_zh:
        met = 3 - len(problems_zh)
        return wrong(
            "还不符合规则：" + "；".join(problems_zh) + "。",
            "Not yet: " + "; ".join(problems_en) + ".",
            round(met / 3, 2),
        )
    top = max(answer, key=answer.get)
    return right(
        f"符合规则。你最看重“{known[top].label_zh}”（{answer[top]:g} 分）。点选择器里的"
        "“载入练习权重”，看看你的权重下谁排第 1、结果有多稳。",
        f"Consistent with the rules. You weigh {known[top].label_en} most ({answer[top]:g} "
        "points). Press 'Load' in the chooser to see who wins with your weights and how stable "
        "that is.",
    )


_example_weights = {c.key: 10 for c in CRITERIA}
_example_weights.update({"after_sales": 5, "security": 5, "cost_benefit": 15, "low_complexity": 5})
_no_after_sales = dict(_example_weights, after_sales=0, need_match=15)

MY_WEIGHTS = Question(
    id="m04.my_weights",
    module=MODULE,
    kind="allocation",
    prompt=Text(
        f"为你自己的企业分配 {TOTAL} 分权重，选服务商时各准则占多少。没有唯一答案；检查的是"
        f"本课程自行设计的三条一致性规则：合计 {TOTAL} 分；售后服务和安全性各至少 {MIN_FLOOR} 分"
        f"（报告第 3.2.2.2 节称售后是持续成功的关键，第 3.2.2.1 节称安全性必须考虑）；至少 {MIN_USED} "
        "个准则大于 0。",
        f"Share {TOTAL} points of weight across the criteria for your own company. There is no "
        "single answer; the check uses three course-designed rules: the points add up to "
        f"{TOTAL}; after-sales and security get at least {MIN_FLOOR} each (§3.2.2.2 calls "
        "after-sales key to lasting success, §3.2.2.1 says security must be considered); at "
        f"least {MIN_USED} criteria are above 0.",
    ),
    options=tuple(Option(c.key, c.label_zh, c.label_en) for c in CRITERIA),
    checker=check_weights,
    hints=(
        Text(
            "先想你的企业最怕什么：买贵了？部署慢？和现有系统接不上？把分数多给这些准则。",
            "Start from what your company fears most: overpaying, slow roll-out, systems that "
            "do not connect? Give those criteria more points.",
        ),
        Text(
            f"滑块每格 5 分；合计必须正好 {TOTAL}。",
            f"Each slider step is 5 points; the total must be exactly {TOTAL}.",
        ),
        Text(
            f"别忘了售后服务和安全性：各至少 {MIN_FLOOR} 分。",
            f"Do not forget after-sales and security: at least {MIN_FLOOR} each.",
        ),
    ),
    solution=Text(
        "没有唯一答案。例如：软硬一体化、需求匹配、硬件丰富度、快、轻、准、集成各 10 分，成本效益 "
        f"15 分，小（复杂度低）、售后、安全各 5 分，合计 {TOTAL}。重要的是能说出为什么这样分配。",
        "There is no single answer. For example: 10 each for integrated hardware-software, fit "
        "to needs, hardware range, fast, light, precise and integration, 15 for "
        f"cost-effectiveness, 5 each for low complexity, after-sales and security: {TOTAL} in "
        "all. What matters is that you can say why.",
    ),
    example_answer=_example_weights,
    wrong_answers=(
        _no_after_sales,
        dict(_example_weights, cost_benefit=10),
        {c.key: 0 for c in CRITERIA} | {"after_sales": 50, "security": 50},
    ),
    points=2,
)

QUESTIONS = [AFTER_SALES, DEFAULT_WINNER, TOPSIS_WINNER_Q, COST_WEIGHT_RISE, MY_WEIGHTS]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "example vendors need distinct English names",
        lambda: len(set(KEYS.values())) == len(EXAMPLES),
    ),
    Premise(
        "the cost-benefit exercise needs a change of winner above",
        lambda: _cost.above is not None,
    ),
    Premise(
        "the example weights add up to the total",
        lambda: sum(_example_weights.values()) == TOTAL,
    ),
)
