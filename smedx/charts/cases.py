"""Charts of the six cases of chapter 4: which cases put numbers on their outcomes, the numbers
before and after, and the "减少了约一半" claim of case 4.3 checked against its own figures.

What counts as a *quantified outcome* is the kit's reading rule (see
:func:`smedx.derived.outcome_metrics`, where the tables drawn here are derived).
"""

from __future__ import annotations

import plotly.graph_objects as go

from smedx import charts, data, derived
from smedx.charts import REPORT_TITLE, column, in_language
from smedx.i18n import Bilingual, _, pgettext

UNITS = {
    "percent": Bilingual("%", "%"),
    "persons": Bilingual("人", " persons"),
    "minutes": Bilingual("分钟", " min"),
    "jpy_10k": Bilingual("万日元", " x 10k JPY"),
    "sqm_10k": Bilingual("万平方米", " x 10k m²"),
    "count": Bilingual("", ""),
}


def _unit(unit: str) -> str:
    return UNITS[unit].text() if unit in UNITS else ""


@in_language
def cases_source(lang: str | None = None, sections: str = "4.1–4.6", counted: bool = True) -> str:
    """The citation of chapter-4 numbers; ``counted`` adds that the counting rule is the kit's."""
    source = _("Source: {report}, chapter 4, case(s) {sections}").format(
        report=REPORT_TITLE.text(), sections=sections
    )
    return source + (_(" (the outcome-counting rule is the kit's)") if counted else "")


@in_language
def outcomes_by_case(lang: str | None = None) -> go.Figure:
    """Per case: how many outcome numbers it gives (0 = outcome described in words only)."""
    cases = data.cases()
    counts = derived.outcome_metrics()["case_id"].value_counts()
    n = [int(counts.get(case, 0)) for case in cases["case_id"]]
    names = [
        f"{sec} {name}"
        for sec, name in zip(cases["section"], cases[column("company")], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=n,
            marker_color=[charts.PALETTE[0] if v else charts.ACCENT for v in n],
            text=[str(v) if v else _("words only") for v in n],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=_("How many of the six cases put numbers on their outcomes?"),
        yaxis=dict(title=_("outcome numbers"), range=[0, max(n) + 1.5]),
    )
    return charts.add_source(fig, cases_source())


@in_language
def before_after(lang: str | None = None) -> go.Figure:
    """Every case number with a before and an after value, as 'after' in % of 'before'."""
    metrics = data.case_metrics().dropna(subset=["before", "after"])
    companies = data.cases().set_index("case_id")[column("company")]
    labels, hover, claims = [], [], []
    for row in metrics.to_dict("records"):
        unit = _unit(row["unit"])
        labels.append(
            _("{company}: {metric}").format(
                company=companies[row["case_id"]], metric=row[column("label")]
            )
        )
        hover.append(f"{row['before']:g}{unit} → {row['after']:g}{unit}")
        claims.append(row[column("claim")])
    after_pct = (100 * metrics["after"] / metrics["before"]).round(1).tolist()
    fig = go.Figure()
    fig.add_bar(
        name=_("before = 100"),
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
        name=_("after (% of before)"),
        y=labels,
        x=after_pct,
        orientation="h",
        marker_color=charts.PALETTE[2],
        text=[
            _("{value} ({percent}%)").format(value=h.split(" → ")[1], percent=f"{p:g}")
            for h, p in zip(hover, after_pct, strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )
    fig.update_layout(
        title=_("The cases' before -> after numbers (ranges at their upper bound; hover)"),
        barmode="group",
        xaxis=dict(title=pgettext("axis", "before = 100"), range=[0, 125]),
        height=380,
        margin=dict(t=100),
        legend=dict(y=1.0, yanchor="bottom", x=0),
    )
    return charts.add_source(fig, cases_source(counted=False))


CLAIM_BARS = (
    Bilingual("传统方法", "conventional"),
    Bilingual("炬星 AMR 方案", "Juxing AMR solution"),
)


@in_language
def claim_check(lang: str | None = None) -> go.Figure:
    """Case 4.3: 5,000 -> 3,000 万日元 is printed as "减少了约一半"; half would be 2,500."""
    c = derived.warehouse_claim()
    unit = _unit(c["unit"])
    labels = [bar.text() for bar in CLAIM_BARS]
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
        annotation_text=_("'about half' would be about {half}; the real cut is {cut}%").format(
            half=f"{c['half']:,.0f}{unit}", cut=f"{c['cut_percent']:g}"
        ),
        annotation_position="top right",
        annotation_font=dict(color=charts.ACCENT, size=14),
    )
    fig.update_layout(
        title=_("Case 4.3, a 10,000 m² warehouse in Japan: the report says 'cut by about half'"),
        yaxis=dict(title=unit.strip() or None, range=[0, c["before"] * 1.25]),
        showlegend=False,
    )
    return charts.add_source(fig, cases_source(None, "4.3", counted=False))
