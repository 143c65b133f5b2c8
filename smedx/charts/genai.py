"""Charts of module 05 (generative AI): the awareness-use gap, the suspicious repeat of the GenAI
challenge values, and the value x feasibility quadrant of the kit's GenAI model.

Pure functions returning ``go.Figure``; the GenAI canvas redraws its ChartView with them.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from smedx import charts, data, derived
from smedx.charts import column, in_language, share_axis, source_line
from smedx.i18n import Bilingual, _, pgettext
from smedx.models import genai

GAP_FIGURE = "S3.2.1-genai"
CHALLENGE_FIGURE = genai.CHALLENGE_FIGURE  # 3.3.1.2, N=404
APPROACH_FIGURE = derived.APPROACH_FIGURE  # transformation approaches, N=494

# Marker symbols differ by quadrant, so the chart reads without colour too.
QUADRANT_STYLE: dict[str, tuple[str, str]] = {
    "quick_win": (charts.PALETTE[2], "circle"),
    "strategic_bet": (charts.PALETTE[0], "diamond"),
    "fill_in": (charts.PALETTE[1], "square"),
    "avoid_for_now": ("#999999", "x"),
}
SPREAD = 2.2  # how far overlapping points are moved apart (score units); hover shows exact values
TOP_X, TOP_Y, BOTTOM_Y = 112, 119, -16  # where the quadrant names stand (score units)
TICKS = [0, 20, 40, 60, 80, 100]


@in_language
def awareness_gap(lang: str | None = None) -> go.Figure:
    """Two bars: aware of GenAI vs use it often at work, with the gap in percentage points."""
    aware = data.stat(GAP_FIGURE, "aware")
    frequent = data.stat(GAP_FIGURE, "frequent_use")
    gap = round(aware.value - frequent.value, 1)
    label = column("label")
    rows = data.figure(GAP_FIGURE)
    rows = rows[rows["segment_key"] == ""].set_index("key")
    labels = [rows.loc["aware", label], rows.loc["frequent_use", label]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[aware.value, frequent.value],
            marker_color=[charts.PALETTE[0], charts.ACCENT],
            text=[f"{aware.value:g}%", f"{frequent.value:g}%"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            width=0.5,
        )
    )
    fig.add_shape(
        type="line",
        x0=0,
        x1=1,
        y0=aware.value,
        y1=aware.value,
        line=dict(color="#888", dash="dot", width=1.5),
    )
    fig.add_annotation(
        x=1,
        y=frequent.value,
        ax=1,
        ay=aware.value,
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=2,
        arrowwidth=2,
        arrowcolor=charts.ACCENT,
        text=_("gap: {gap} percentage points").format(gap=f"{gap:g}"),
        font=dict(size=15, color=charts.ACCENT),
        xshift=12,
        xanchor="left",
        yanchor="bottom",
    )
    fig.update_layout(
        title=_("SMEs and generative AI: many aware, few use it often (base not stated)"),
        yaxis=dict(title=share_axis(), range=[0, 100]),
        showlegend=False,
    )
    return charts.add_source(fig, source_line(GAP_FIGURE))


@in_language
def challenge_repeat(lang: str | None = None) -> go.Figure:
    """The four GenAI challenge values (3.3.1.2) next to the four named approach values (3.2.1.1):
    two different questions with different bases, yet the same four numbers."""
    label = column("label")
    repeated = derived.repeated_values()
    left = repeated[repeated["figure_id"] == CHALLENGE_FIGURE]
    right = repeated[repeated["figure_id"] == APPROACH_FIGURE]
    pairs = [f"{a} ⇄ {b}" for a, b in zip(left[label], right[label], strict=True)]
    fig = go.Figure()
    for rows, name, color in (
        (left, _figure_name(CHALLENGE_FIGURE), charts.PALETTE[0]),
        (right, _figure_name(APPROACH_FIGURE), charts.PALETTE[1]),
    ):
        fig.add_bar(
            name=name,
            y=pairs,
            x=rows["value"].tolist(),
            orientation="h",
            marker_color=color,
            text=[f"{v:.1f}%" for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            customdata=rows[label].tolist(),
            hovertemplate=f"{name}<br>%{{customdata}}: %{{x:.1f}}%<extra></extra>",
        )
    fig.update_layout(
        title=_("The same four numbers in two different questions: GenAI challenges vs approaches"),
        barmode="group",
        xaxis=dict(title=share_axis(), range=[0, 75]),
        yaxis=dict(autorange="reversed"),
        height=470,
        margin=dict(t=100, b=120),
        legend=dict(y=1.0, yanchor="bottom", x=0),
    )
    source = source_line(CHALLENGE_FIGURE) + "<br>" + source_line(APPROACH_FIGURE)
    charts.add_source(fig, source)
    fig.layout.annotations[-1].yshift = -80
    return fig


def _figure_name(figure_id: str) -> str:
    info = data.figure_info(figure_id)
    n = "?" if pd.isna(info["n"]) else int(info["n"])
    return _("Fig. {figure} {title} (N={n})").format(
        figure=figure_id, title=info[column("title")], n=n
    )


def _spread(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Move points that share a position apart on a small circle, so each can be hovered."""
    groups: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(points):
        groups.setdefault(point, []).append(i)
    out = list(points)
    for (x, y), members in groups.items():
        if len(members) == 1:
            continue
        for j, i in enumerate(members):
            angle = 2 * math.pi * j / len(members)
            out[i] = (x + SPREAD * math.cos(angle), y + SPREAD * math.sin(angle))
    return out


def _point(item) -> list:
    """A use case's hover data: name, value, feasibility, risk, priority, key."""
    label = getattr(item, column("label"))
    return [label, item.value, item.feasibility, item.risk, item.priority, item.key]


def _quadrant_name(name: str) -> str:
    """'速赢' / 'Quick win': the quadrant's name without its description."""
    return Bilingual(*genai.QUADRANTS[name]).text().split("：")[0].split(":")[0]


@in_language
def quadrant_traces(portfolio: genai.GenAIPortfolio, lang: str | None = None) -> list[dict]:
    """The data of the quadrant chart's traces, in a fixed order (one per quadrant, then the
    shortlist), so the chart can be updated trace by trace."""
    items = list(portfolio.items)
    spread = dict(
        zip(
            [i.key for i in items],
            _spread([(i.feasibility, i.value) for i in items]),
            strict=True,
        )
    )
    traces = []
    for name in genai.QUADRANT_ORDER:
        members = [i for i in items if i.quadrant == name]
        traces.append(
            dict(
                x=[spread[i.key][0] for i in members],
                y=[spread[i.key][1] for i in members],
                customdata=[_point(i) for i in members],
            )
        )
    shortlist = list(portfolio.shortlist)
    traces.append(
        dict(
            x=[spread[i.key][0] for i in shortlist],
            y=[spread[i.key][1] for i in shortlist],
            text=[str(n + 1) for n in range(len(shortlist))],
            customdata=[_point(i) for i in shortlist],
        )
    )
    return traces


@in_language
def quadrant(portfolio: genai.GenAIPortfolio, lang: str | None = None) -> go.Figure:
    """Value (y) against feasibility (x); one marker style per quadrant; the pilot shortlist
    ringed and numbered. Scores are the kit's model, not report data."""
    hover = (
        "<b>%{customdata[0]}</b><br>"
        + _(
            "value %{customdata[1]:g} · feasibility %{customdata[2]:g}<br>"
            "risk %{customdata[3]:g} · priority %{customdata[4]:g}"
        )
        + "<extra></extra>"
    )
    fig = go.Figure()
    data_ = quadrant_traces(portfolio)
    for name, trace in zip(genai.QUADRANT_ORDER, data_, strict=False):
        color, symbol = QUADRANT_STYLE[name]
        fig.add_scatter(
            name=_quadrant_name(name),
            mode="markers",
            marker=dict(size=14, color=color, symbol=symbol, line=dict(width=1, color="white")),
            hovertemplate=hover,
            **trace,
        )
    fig.add_scatter(
        name=_("first pilots"),
        mode="markers+text",
        marker=dict(size=26, color="rgba(0,0,0,0)", line=dict(width=2.5, color=charts.ACCENT)),
        textposition="top right",
        textfont=dict(size=15, color=charts.ACCENT),
        hovertemplate=hover,
        **data_[-1],
    )
    threshold = genai.QUADRANT_THRESHOLD
    for where in (
        dict(x0=threshold, x1=threshold, y0=0, y1=1, yref="paper"),
        dict(y0=threshold, y1=threshold, x0=0, x1=1, xref="paper"),
    ):
        fig.add_shape(type="line", line=dict(color="#888", dash="dash", width=1.5), **where)
    # the quadrant names in bands above and below every possible point (scores are 0-100,
    # spread by at most SPREAD), so no marker covers them; the pilots' numbers fit there too
    corners = {
        "quick_win": (TOP_X, TOP_Y, "right"),
        "strategic_bet": (-3, TOP_Y, "left"),
        "fill_in": (TOP_X, BOTTOM_Y, "right"),
        "avoid_for_now": (-3, BOTTOM_Y, "left"),
    }
    for name, (x, y, anchor) in corners.items():
        fig.add_annotation(
            x=x,
            y=y,
            text=_quadrant_name(name),
            showarrow=False,
            xanchor=anchor,
            font=dict(size=13, color=QUADRANT_STYLE[name][0]),
        )
    fig.update_layout(
        title=_("GenAI use cases: value x feasibility (the kit's own model)"),
        xaxis=dict(title=pgettext("chart", "feasibility"), range=[-8, 114], tickvals=TICKS),
        yaxis=dict(title=pgettext("chart", "value"), range=[-24, 128], tickvals=TICKS),
        height=480,
        # the value ticks start at -8: room for the minus sign
        margin=dict(t=100, b=100, r=20, l=charts.Y_TITLE_MARGIN + 10),
        legend=dict(y=1.0, yanchor="bottom", x=0),
    )
    note = _("Scoring is the kit's own design (threshold 65); the adoption part of risk uses:")
    return charts.add_source(fig, note + "<br>" + source_line(CHALLENGE_FIGURE))
