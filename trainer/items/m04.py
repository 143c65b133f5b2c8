"""Graded items of assignment 04 服务商选择 (trainer-only): parallel forms of module 04's practice
items.

Each item assesses the learning objective of the practice item named in ``meta["parallel_of"]``
with other figures, numbers, options or rules. Report numbers come from :mod:`smedx.data`,
rankings and sensitivities from :mod:`smedx.models.vendors` (the example vendors are fictional),
all at import time.
"""

from __future__ import annotations

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
from smedx.exercises.m04 import KEYS, MIN_FLOOR, MIN_USED, NAME_EN, TOTAL, VENDOR_OPTIONS
from smedx.exercises.m04 import check_weights as check_course_rules
from smedx.models import vendors as vendor_model

MODULE = "m04"
PROVIDER_FIGURE = "S3.2.2.2-vendor-criteria"

OBJECTIVES = {
    2: f"2 服务商因素：说出选择服务商的主要考虑因素，正确解读 "
    f"{data.stat(PROVIDER_FIGURE, 'after_sales').value:g}% 的售后占比 · name the provider criteria "
    "and read the after-sales share correctly",
    4: "4 打分与方法：用选择器给候选服务商打分，比较加权求和与 TOPSIS，读懂敏感性分析 · score "
    "candidates, compare weighted sum and TOPSIS, read the sensitivity",
    5: "5 自定权重：为企业设定权重并用它比较候选服务商 · set weights for a company and compare "
    "candidates",
}


def _meta(objective: int, parallel_of: str) -> dict:
    return {"objective": OBJECTIVES[objective], "parallel_of": parallel_of}


def _pct(value: float) -> str:
    return f"{value:.1f}%"


# --- 1. the provider criteria (§3.2.2.2) --------------------------------------------------------

_provider = data.figure(PROVIDER_FIGURE)
_provider = _provider[_provider["segment_key"] == ""].sort_values("value", ascending=False)
_label = _provider.set_index("key")[["label_zh", "label_en"]]
_value = _provider.set_index("key")["value"]
TOP, SECOND = _provider["key"].iloc[0], _provider["key"].iloc[1]
LEAST = _provider["key"].iloc[-1]
PROVIDER_KEYS = sorted(_provider["key"])  # alphabetical, so the order gives nothing away


def _factor_list(lang: str) -> str:
    col = "label_zh" if lang == "zh" else "label_en"
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{_label.loc[k, col]} {_pct(_value[k])}" for k in _provider["key"])


# --- 2. and 3. the fictional examples: who ranks last -------------------------------------------

EXAMPLES = vendor_model.example_vendors()
_ws = vendor_model.score_vendors(EXAMPLES, None, "weighted_sum")
_topsis = vendor_model.score_vendors(EXAMPLES, None, "topsis")
WS_LAST, TOPSIS_LAST = _ws.ranked[-1], _topsis.ranked[-1]


def _ranking(ranking, lang: str) -> str:
    names = [v.name if lang == "zh" else NAME_EN[v.name] for v in ranking.ranked]
    return " > ".join(f"{n} ({v.score:.1f})" for n, v in zip(names, ranking.ranked, strict=True))


# --- 4. the sensitivity of the default winner to the 'fast' weight ------------------------------

_fast = next(s for s in _ws.sensitivity if s.criterion == "fast_deploy")
FAST_LOWER = 100 * _fast.lower
FAST_NOW = 100 * _fast.weight
TOLERANCE = 0.5

# --- 5. weights for a fictional company that must keep its ERP ----------------------------------

CRITERIA = vendor_model.criteria()
_labels = {c.key: (c.label_zh, c.label_en) for c in CRITERIA}
MUST_LEAD = "integration"


def check_erp_weights(answer: dict) -> Feedback:
    """The course's three rules (module 04), plus this case's: integration with existing systems
    weighs at least as much as every other criterion."""
    base = check_course_rules(answer)
    if not base.correct:
        return base
    top = max(answer.values())
    if answer.get(MUST_LEAD, 0) < top:
        heavier = [k for k, v in answer.items() if v > answer.get(MUST_LEAD, 0)]
        return wrong(
            f"三条规则都满足了，但{'、'.join(_labels[k][0] for k in heavier)}的权重高于"
            f"“{_labels[MUST_LEAD][0]}”。这家企业必须保留现有 ERP，兼容集成应占最大（或并列最大）权重。",
            f"The three rules hold, but {', '.join(_labels[k][1] for k in heavier)} outweighs "
            f"{_labels[MUST_LEAD][1]}. This company must keep its ERP, so integration should "
            "carry the largest (or an equal largest) weight.",
            0.67,
        )
    return right(
        f"符合规则，并把最大权重给了“{_labels[MUST_LEAD][0]}”（{answer[MUST_LEAD]:g} 分）。",
        f"Consistent with the rules, with the largest weight on {_labels[MUST_LEAD][1]} "
        f"({answer[MUST_LEAD]:g} points).",
    )


_erp_example = {c.key: 5 for c in CRITERIA}
_erp_example.update({"integration": 25, "need_match": 15, "cost_benefit": 15, "light_ops": 10})


QUESTIONS = [
    Question(
        id="m04.g_top_provider_factor",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            "报告 §3.2.2.2：中小企业选择数字化转型服务商时，被提及最多的考虑因素是哪一个？",
            "Report §3.2.2.2: which factor do SMEs mention most often when choosing a digital "
            "transformation provider?",
        ),
        options=tuple(
            Option(k, _label.loc[k, "label_zh"], _label.loc[k, "label_en"]) for k in PROVIDER_KEYS
        ),
        checker=choice_is(
            TOP,
            Text(
                f"{_factor_list('zh')}。",
                f"{_factor_list('en')}.",
            ),
            near={
                SECOND: Text(
                    f"很接近：它排第二（{_pct(_value[SECOND])}）。",
                    f"Close: it is second ({_pct(_value[SECOND])}).",
                ),
                LEAST: Text(
                    f"它被提及最少（{_pct(_value[LEAST])}）——但报告说，这并不意味着不重要。",
                    f"It is mentioned least ({_pct(_value[LEAST])}); the report says that does "
                    "not make it unimportant.",
                ),
            },
        ),
        hints=(
            Text(
                "看“选择服务商的考虑因素”图，找最长的柱子。",
                "Find the longest bar in the provider-criteria chart.",
            ),
            Text(
                "这是服务商的考虑因素，不是产品的考虑因素（“小快轻准”）。",
                "These are provider criteria, not product criteria (小快轻准).",
            ),
        ),
        solution=Text(
            f"{_label.loc[TOP, 'label_zh']}（{_pct(_value[TOP])}）。全部：{_factor_list('zh')}"
            "（报告 §3.2.2.2）。“提及占比”说明多少企业想到它，不等于决策权重。",
            f"{_label.loc[TOP, 'label_en']} ({_pct(_value[TOP])}). All: {_factor_list('en')} "
            "(§3.2.2.2). A share of mentions shows how many firms thought of it, not its weight "
            "in a decision.",
        ),
        example_answer=TOP,
        wrong_answers=tuple(k for k in PROVIDER_KEYS if k != TOP),
        meta=_meta(2, "m04.after_sales"),
    ),
    Question(
        id="m04.g_ws_last",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            "在服务商选择器中用“加权求和”和默认权重，不改动示例服务商（均为虚构）的任何评分："
            "哪一家排在最后？",
            "In the vendor chooser, with the weighted sum and the default weights and without "
            "changing any score of the (fictional) example vendors: which one ranks last?",
        ),
        options=VENDOR_OPTIONS,
        checker=choice_is(
            KEYS[WS_LAST.name],
            Text(
                f"加权求和：{_ranking(_ws, 'zh')}。",
                f"Weighted sum: {_ranking(_ws, 'en')}.",
            ),
            near={
                KEYS[TOPSIS_LAST.name]: Text(
                    "这是 TOPSIS 方法的最后一名。本题用加权求和：检查方法。",
                    "That is last under TOPSIS. This question uses the weighted sum: check the "
                    "method.",
                ),
                KEYS[_ws.winner.name]: Text(
                    "这是第 1 名，题目问的是最后一名。",
                    "That is rank 1; the question asks for the last.",
                ),
            },
        ),
        hints=(
            Text(
                "方法选“加权求和”，不要改动滑块和评分。",
                "Choose 'weighted sum' and leave sliders and scores as they are.",
            ),
            Text("排名图最下面的一条就是最后一名。", "The bottom bar of the ranking is last."),
        ),
        solution=Text(
            f"{WS_LAST.name}。加权求和：{_ranking(_ws, 'zh')}。这是对虚构示例、用本课程默认权重的计算，"
            "不代表任何真实服务商。",
            f"{NAME_EN[WS_LAST.name]}. Weighted sum: {_ranking(_ws, 'en')}. A calculation on "
            "fictional examples with the course's default weights, not a verdict on any real "
            "provider.",
        ),
        example_answer=KEYS[WS_LAST.name],
        wrong_answers=tuple(KEYS[v.name] for v in _ws.ranked[:-1]),
        meta=_meta(4, "m04.default_winner"),
    ),
    Question(
        id="m04.g_topsis_last",
        module=MODULE,
        graded=True,
        kind="choice",
        points=1,
        prompt=Text(
            "把方法切换为 TOPSIS（逼近理想解排序法），仍用默认权重和示例评分：哪一家排在最后？"
            "和加权求和的最后一名一样吗？",
            "Switch the method to TOPSIS (closeness to the ideal), still with the default weights "
            "and example scores: which vendor ranks last? Is it the weighted sum's last?",
        ),
        options=VENDOR_OPTIONS,
        checker=choice_is(
            KEYS[TOPSIS_LAST.name],
            Text(
                f"TOPSIS：{_ranking(_topsis, 'zh')}。与加权求和的最后一名（{WS_LAST.name}）不同："
                "TOPSIS 对长板和短板更敏感。分数接近时，换一种合理的方法就可能换排名。",
                f"TOPSIS: {_ranking(_topsis, 'en')}. Not the weighted sum's last "
                f"({NAME_EN[WS_LAST.name]}): TOPSIS reacts more to strengths and gaps. When "
                "scores are close, another sound method can reorder them.",
            ),
            near={
                KEYS[WS_LAST.name]: Text(
                    "这是加权求和的最后一名。切换到 TOPSIS 后再看排名图。",
                    "That is last under the weighted sum. Switch to TOPSIS and look again.",
                ),
            },
        ),
        hints=(
            Text(
                "在选择器顶部把“方法”切换为 TOPSIS。",
                "Switch 'Method' at the top of the chooser to TOPSIS.",
            ),
            Text(
                "TOPSIS 的排名图每家只有一根总分条，最下面的是最后一名。",
                "TOPSIS shows one bar per vendor; the bottom one is last.",
            ),
        ),
        solution=Text(
            f"{TOPSIS_LAST.name}。TOPSIS：{_ranking(_topsis, 'zh')}。",
            f"{NAME_EN[TOPSIS_LAST.name]}. TOPSIS: {_ranking(_topsis, 'en')}.",
        ),
        example_answer=KEYS[TOPSIS_LAST.name],
        wrong_answers=tuple(KEYS[v.name] for v in _topsis.ranked[:-1]),
        meta=_meta(4, "m04.topsis_winner"),
    ),
    Question(
        id="m04.g_fast_weight_drop",
        module=MODULE,
        graded=True,
        kind="number",
        points=2,
        prompt=Text(
            f"加权求和、默认权重下，“{_fast.label_zh}”的权重是 {FAST_NOW:.1f}%。把它往下调（其他权重"
            "按比例放大），调到多少 %（归一化后的权重）以下时首选会改变？填一个百分数，保留一位小数"
            f"（允许误差 ±{TOLERANCE}）。",
            f"With the weighted sum and default weights, '{_fast.label_en}' weighs "
            f"{FAST_NOW:.1f}%. Lower it (the other weights grow proportionally): below what "
            f"weight (normalised, in %) does the top choice change? One decimal (±{TOLERANCE} "
            "accepted).",
        ),
        checker=number_near(
            FAST_LOWER,
            TOLERANCE,
            Text(
                f"{_fast.text_zh} 只要从 {FAST_NOW:.1f}% 降到约 {FAST_LOWER:.1f}% 就换首选：对这个"
                "权重，结论比较敏感。",
                f"{_fast.text_en} A fall from {FAST_NOW:.1f}% to about {FAST_LOWER:.1f}% changes "
                "the winner: the result is sensitive to this weight.",
            ),
            unit="%",
        ),
        hints=(
            Text(
                f"看敏感性图中“{_fast.label_zh}”一行：灰色条是首选不变的范围。",
                f"Find the '{_fast.label_en}' row of the sensitivity chart: the grey bar is the "
                "range where the winner stays.",
            ),
            Text(
                "答案是灰色条的左端（下界），以百分数填写。",
                "The answer is the left end (lower bound) of the grey bar, as a percentage.",
            ),
        ),
        solution=Text(
            f"约 {FAST_LOWER:.1f}%。{_fast.text_zh} 敏感性分析假定其他权重按比例缩放（本课程的模型设定）。",
            f"About {FAST_LOWER:.1f}%. {_fast.text_en} The analysis rescales the other weights "
            "proportionally (the course model's assumption).",
        ),
        example_answer=round(FAST_LOWER, 1),
        wrong_answers=(round(FAST_NOW, 1), 100.0, 0.0),
        number_range=(0.0, 100.0),
        meta=_meta(4, "m04.cost_weight_rise"),
    ),
    Question(
        id="m04.g_erp_weights",
        module=MODULE,
        graded=True,
        kind="allocation",
        points=2,
        prompt=Text(
            f"一家虚构的 30 人贸易公司没有专职 IT 人员，新系统必须和它现有的 ERP 打通。为它分配 {TOTAL} 分"
            f"权重。检查的是本课程自行设计的规则：合计 {TOTAL} 分；售后服务和安全性各至少 {MIN_FLOOR} 分；"
            f"至少 {MIN_USED} 个准则大于 0；并且“{_labels[MUST_LEAD][0]}”的权重不低于其他任何准则。",
            f"A fictional 30-person trading company has no IT staff, and the new system must "
            f"connect to its existing ERP. Share {TOTAL} points of weight for it. The check uses "
            f"course-designed rules: {TOTAL} points in all; after-sales and security at least "
            f"{MIN_FLOOR} each; at least {MIN_USED} criteria above 0; and "
            f"'{_labels[MUST_LEAD][1]}' weighs no less than any other criterion.",
        ),
        options=tuple(Option(c.key, c.label_zh, c.label_en) for c in CRITERIA),
        checker=check_erp_weights,
        hints=(
            Text(
                "这家企业最怕什么？新系统和 ERP 接不上。",
                "What does this company fear most? A system that does not connect to its ERP.",
            ),
            Text(
                f"合计必须正好 {TOTAL}；别忘了售后和安全的下限。",
                f"The total must be exactly {TOTAL}; do not forget the after-sales and security "
                "floors.",
            ),
        ),
        solution=Text(
            "例如：兼容集成 25 分，需求匹配、成本效益各 15 分，轻量化 10 分，其余各 5 分，合计 "
            f"{TOTAL}。没有专职 IT 人员，所以“轻”和售后也值得多给一些。",
            "For example: integration 25, fit to needs and cost-effectiveness 15 each, light to "
            f"run 10, the rest 5 each: {TOTAL} in all. With no IT staff, 'light' and after-sales "
            "deserve a little more too.",
        ),
        example_answer=_erp_example,
        wrong_answers=(
            dict(_erp_example, integration=5, hw_sw_integration=25),
            dict(_erp_example, after_sales=0, integration=30),
            dict(_erp_example, integration=20),
        ),
        meta=_meta(5, "m04.my_weights"),
    ),
]


# What the questions above assume of the data: the tests check these, nothing is checked at import.
PREMISES = (
    Premise(
        "the two 'last' items must differ",
        lambda: WS_LAST.name != TOPSIS_LAST.name,
    ),
    Premise(
        "the item needs a change of winner below the current weight",
        lambda: _fast.below is not None,
    ),
    Premise(
        "the ERP example weights add up to the total",
        lambda: sum(_erp_example.values()) == TOTAL,
    ),
)
