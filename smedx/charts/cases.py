"""Charts of the six cases of chapter 4: which cases put numbers on their outcomes, the numbers
before and after, and the "减少了约一半" claim of case 4.3 checked against its own figures.

What counts as a *quantified outcome* is the kit's reading rule (see :func:`outcome_metrics`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, charts, data

CLAIM_METRIC = "juxing_jp_warehouse_cost"  # 5,000 -> 3,000 万日元, "减少了约一半"
UNITS = {
    "percent": ("%", "%"),
    "persons": ("人", " persons"),
    "minutes": ("分钟", " min"),
    "jpy_10k": ("万日元", " x 10k JPY"),
    "sqm_10k": ("万平方米", " x 10k m²"),
    "count": ("", ""),
}


def _zh(lang: str) -> bool:
    return lang != "en"


def cases_source(lang: str = "zh", sections: str = "4.1–4.6", counted: bool = True) -> str:
    """The citation of chapter-4 numbers; ``counted`` adds that the counting rule is the kit's."""
    if _zh(lang):
        rule = "（“成效数字”的计数规则为本课程整理）" if counted else ""
        return f"数据来源：{REPORT_TITLE_ZH}第四章 {sections} 节案例{rule}"
    rule = " (the outcome-counting rule is the kit's)" if counted else ""
    return f"Source: {REPORT_TITLE_EN}, chapter 4, case(s) {sections.replace('–', '-')}{rule}"


def outcome_metrics() -> pd.DataFrame:
    """Case numbers that measure an outcome: every metric except plain counts.

    The kit's reading rule: counts (patents filed, business segments, R&D sites, "three challenge
    areas", "four core requirements") describe the company or the project, not what the
    transformation achieved; every other number of ``case_metrics`` (a percentage, persons,
    minutes, money, floor area) is stated in a case's x.3 outcome part (数字化成效).
    """
    metrics = data.case_metrics()
    return metrics[metrics["unit"] != "count"].reset_index(drop=True)


def quantified_cases() -> list[str]:
    """Case ids, in report order, whose outcome part gives at least one number."""
    with_numbers = set(outcome_metrics()["case_id"])
    return [case for case in data.cases()["case_id"] if case in with_numbers]


def warehouse_claim() -> dict:
    """The case 4.3 cost pair and what "about half" would have meant."""
    row = data.case_metrics().set_index("metric_id").loc[CLAIM_METRIC]
    before, after = float(row["before"]), float(row["after"])
    return {
        "before": before,
        "after": after,
        "cut_percent": round(100 * (before - after) / before, 1),
        "half": before / 2,
        "claim_zh": row["claim_zh"],
        "claim_en": row["claim_en"],
        "unit": row["unit"],
    }


def outcomes_by_case(lang: str = "zh") -> go.Figure:
    """Per case: how many outcome numbers it gives (0 = outcome described in words only)."""
    zh = _zh(lang)
    cases = data.cases()
    counts = outcome_metrics()["case_id"].value_counts()
    n = [int(counts.get(case, 0)) for case in cases["case_id"]]
    names = [
        f"{sec} {name}"
        for sec, name in zip(
            cases["section"], cases["company_zh" if zh else "company_en"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=n,
            marker_color=[charts.PALETTE[0] if v else charts.ACCENT for v in n],
            text=[str(v) if v else ("只有文字描述" if zh else "words only") for v in n],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=(
            "六个案例中，有几个用数字说明了成效？"
            if zh
            else "How many of the six cases put numbers on their outcomes?"
        ),
        yaxis=dict(title="成效数字个数" if zh else "outcome numbers", range=[0, max(n) + 1.5]),
    )
    return charts.add_source(fig, cases_source(lang))


def before_after(lang: str = "zh") -> go.Figure:
    """Every case number with a before and an after value, as 'after' in % of 'before'."""
    zh = _zh(lang)
    metrics = data.case_metrics().dropna(subset=["before", "after"])
    companies = data.cases().set_index("case_id")["company_zh" if zh else "company_en"]
    labels, hover, claims = [], [], []
    for row in metrics.itertuples():
        unit = UNITS.get(row.unit, ("", ""))[0 if zh else 1]
        labels.append(f"{companies[row.case_id]}：{row.label_zh if zh else row.label_en}")
        hover.append(f"{row.before:g}{unit} → {row.after:g}{unit}")
        claims.append(row.claim_zh if zh else row.claim_en)
    after_pct = (100 * metrics["after"] / metrics["before"]).round(1).tolist()
    fig = go.Figure()
    fig.add_bar(
        name="之前 = 100" if zh else "before = 100",
        y=labels,
        x=[100.0] * len(labels),
        orientation="h",
        marker_color=charts.MUTED,
        text=[h.split(" → ")[0] for h in hover],
        textposition="inside",
        hovertext=claims,
        hovertemplate="%{hovertext}<extra></extra>",
    )
    fig.add_bar(
        name="之后（占之前的 %）" if zh else "after (% of before)",
        y=labels,
        x=after_pct,
        orientation="h",
        marker_color=charts.PALETTE[2],
        text=[f"{h.split(' → ')[1]}（{p:g}%）" for h, p in zip(hover, after_pct, strict=True)],
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )
    fig.update_layout(
        title=(
            "案例中的“之前 → 之后”数字（区间取上限，悬停查看原文）"
            if zh
            else "The cases' before -> after numbers (ranges at their upper bound; hover)"
        ),
        barmode="group",
        xaxis=dict(title="以“之前”为 100" if zh else "before = 100", range=[0, 125]),
        height=380,
        margin=dict(t=100),
        legend=dict(y=1.0, yanchor="bottom", x=0),
    )
    return charts.add_source(fig, cases_source(lang, counted=False))


def claim_check(lang: str = "zh") -> go.Figure:
    """Case 4.3: 5,000 -> 3,000 万日元 is printed as "减少了约一半"; half would be 2,500."""
    zh = _zh(lang)
    c = warehouse_claim()
    unit = UNITS[c["unit"]][0 if zh else 1]
    labels = ["传统方法", "炬星 AMR 方案"] if zh else ["conventional", "Juxing AMR solution"]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[c["before"], c["after"]],
            marker_color=[charts.MUTED, charts.PALETTE[0]],
            text=[f"{c['before']:,.0f}{unit}", f"{c['after']:,.0f}{unit}"],
            textposition="outside",
            cliponaxis=False,
            width=0.5,
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.add_hline(
        y=c["half"],
        line=dict(color=charts.ACCENT, dash="dash", width=2),
        annotation_text=(
            f"“约一半”应约为 {c['half']:,.0f}{unit}；实际减少 {c['cut_percent']:g}%"
            if zh
            else f"'about half' would be about {c['half']:,.0f}{unit}; the real cut is "
            f"{c['cut_percent']:g}%"
        ),
        annotation_position="top right",
        annotation_font=dict(color=charts.ACCENT, size=14),
    )
    fig.update_layout(
        title=(
            "案例 4.3 日本 1 万平方米仓库建设费用：报告称“减少了约一半”"
            if zh
            else "Case 4.3, a 10,000 m² warehouse in Japan: the report says 'cut by about half'"
        ),
        yaxis=dict(title=unit.strip() or None, range=[0, c["before"] * 1.25]),
        showlegend=False,
    )
    return charts.add_source(fig, cases_source(lang, "4.3", counted=False))
