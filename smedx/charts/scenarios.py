"""Charts of module 03 (scenario selection): the planner's score parts, the 2023 -> 2024 change of
the investment scenarios, and the repeated values of figures 3.2.1.1 and 3.3.1.2.

Pure functions returning ``go.Figure``; the theme comes from :mod:`smedx.charts`. Every chart that
shows report data carries a source line.
"""

from __future__ import annotations

import plotly.graph_objects as go

from smedx import data, derived
from smedx.charts import (
    ACCENT,
    HEIGHT,
    MUTED,
    PALETTE,
    add_source,
    column,
    in_language,
    source_line,
)
from smedx.i18n import _, pgettext
from smedx.models import scenarios as model

# Legends above the plot, so they never collide with the source line under it.
LEGEND_TOP = dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom")

SCENARIO_FIGURE = model.SCENARIO_FIGURE
APPROACH_FIGURE, GENAI_CHALLENGE_FIGURE = derived.APPROACH_FIGURE, derived.GENAI_CHALLENGE_FIGURE
BASE_YEAR, PLAN_YEAR = model.BASE_YEAR, model.PLAN_YEAR


@in_language
def planner_source(lang: str | None = None) -> str:
    """The citation under the planner's chart: report data plus the kit's own parts."""
    return source_line(SCENARIO_FIGURE) + _("; goal, stage and budget fit: the course's own design")


def short_label(label: str) -> str:
    """An axis label without its parenthesised examples: '研发（硬件产品研发…）' -> '研发'."""
    return label.split("（")[0].split(" (")[0].strip()


@in_language
def score_parts_update(ranking: model.ScenarioRanking, lang: str | None = None) -> list[dict]:
    """What changes between two rankings, per trace of :func:`score_parts` (plain values, so a
    widget can apply them without rebuilding the figure)."""
    label = column("label")
    names = [
        f"{i}. {short_label(getattr(s, label))}" for i, s in enumerate(ranking.ranked, start=1)
    ]
    updates = []
    for key in model.PARTS:
        parts = [s.part(key) for s in ranking.ranked]
        updates.append(
            {
                "x": [p.points for p in parts],
                "y": names,
                "customdata": [[p.value, 100 * p.weight] for p in parts],
            }
        )
    totals = [s.score for s in ranking.ranked]
    updates.append({"x": totals, "y": names, "text": [f"{t:.1f}" for t in totals]})
    return updates


@in_language
def score_parts(ranking: model.ScenarioRanking, lang: str | None = None) -> go.Figure:
    """Stacked horizontal bars: each scenario's score split into its six parts, best at the top.

    Always one bar trace per part (in ``model.PARTS`` order) plus one text trace with the total,
    so a widget can update the figure in place with :func:`score_parts_update`.
    """
    label = column("label")
    updates = score_parts_update(ranking)
    fig = go.Figure()
    for colour, key, update in zip(PALETTE, model.PARTS, updates, strict=False):
        part_name = getattr(ranking.ranked[0].part(key), label)
        fig.add_bar(
            name=part_name,
            orientation="h",
            marker_color=colour,
            hovertemplate=(
                f"{part_name}: %{{x:.1f}} / %{{customdata[1]:.0f}}<extra>%{{y}}</extra>"
            ),
            **update,
        )
    fig.add_scatter(
        name=pgettext("chart", "Total"),
        mode="text",
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
        **updates[-1],
    )
    fig.update_layout(
        title=_("Scenario score by part (of 100)"),
        barmode="stack",
        xaxis=dict(title=pgettext("chart", "points"), range=[0, 100]),
        yaxis=dict(autorange="reversed"),
        height=HEIGHT + 60,
        margin=dict(t=150),
        legend=LEGEND_TOP,
    )
    return add_source(fig, planner_source())


@in_language
def scenario_change(lang: str | None = None) -> go.Figure:
    """Dumbbells: each scenario's share in 2023 and planned for 2024 (figure 3.1.2.1).

    A scenario with only one printed value (supply chain, '保持在 27.9%') gets a single dot.
    """
    rows = data.figure(SCENARIO_FIGURE, segment_type="year")
    label = column("label")
    table = rows.pivot_table(index=["key", label], columns="segment_key", values="value")
    table = table.reset_index()
    table["order"] = [list(model.scenario_catalogue()).index(k) for k in table["key"]]
    table = table.sort_values("order")
    names = table[label].tolist()
    base = table.get(BASE_YEAR)
    plan = table.get(PLAN_YEAR)
    line_x, line_y = [], []
    for name, a, b in zip(names, base, plan, strict=True):
        if a == a and b == b:  # both years present (NaN != NaN)
            line_x += [a, b, None]
            line_y += [name, name, None]
    fig = go.Figure()
    fig.add_scatter(
        x=line_x,
        y=line_y,
        mode="lines",
        line=dict(color=MUTED, width=4),
        showlegend=False,
        hoverinfo="skip",
    )
    for year, values, colour in ((BASE_YEAR, base, MUTED), (PLAN_YEAR, plan, PALETTE[0])):
        shown = [(n, v) for n, v in zip(names, values, strict=True) if v == v]
        fig.add_scatter(
            name=_("{year} (planned)").format(year=year) if year == PLAN_YEAR else str(year),
            x=[v for _n, v in shown],
            y=[n for n, _v in shown],
            mode="markers+text",
            marker=dict(size=16, color=colour, line=dict(color="#333", width=1)),
            text=[f"{v:g}%" for _n, v in shown],
            textposition="top center",
            hovertemplate=f"{year} · %{{y}}: %{{x:.1f}}%<extra></extra>",
        )
    fig.update_layout(
        title=_("Investment scenarios: 2023 vs planned 2024"),
        xaxis=dict(
            title=_("% of SMEs"),
            range=[0, max(v for v in plan if v == v) * 1.25],
        ),
        yaxis=dict(autorange="reversed"),
        legend=LEGEND_TOP,
        margin=dict(t=110),
    )
    fig.update_traces(selector=dict(mode="markers+text"), cliponaxis=False)
    return add_source(fig, source_line(SCENARIO_FIGURE))


@in_language
def repeated_values(lang: str | None = None) -> go.Figure:
    """Figures 3.2.1.1 (approaches, labelled options) and 3.3.1.2 (GenAI challenges) side by
    side: the same four numbers in two different questions with different N."""
    label = column("label")
    fig = go.Figure()
    sources = []
    repeated = derived.repeated_values()
    for figure_id, colour in ((APPROACH_FIGURE, PALETTE[0]), (GENAI_CHALLENGE_FIGURE, ACCENT)):
        rows = repeated[repeated["figure_id"] == figure_id]
        info = data.figure_info(figure_id)
        positions = [_("option {i}").format(i=i) for i in range(1, len(rows) + 1)]
        fig.add_bar(
            name=_("Figure {figure} · {title} (N={n})").format(
                figure=figure_id, title=info[column("title")], n=info["n"]
            ),
            x=positions,
            y=rows["value"].tolist(),
            marker_color=colour,
            text=[f"{v:g}%" for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            customdata=rows[label].tolist(),
            hovertemplate="%{customdata}: %{y:.1f}%<extra></extra>",
        )
        sources.append(source_line(figure_id))
    fig.update_layout(
        title=_("Two different questions, the same four numbers?"),
        barmode="group",
        yaxis=dict(title=_("% of SMEs"), range=[0, 70]),
        legend=dict(LEGEND_TOP, orientation="v"),
        margin=dict(t=130, b=100),
        height=HEIGHT + 60,
    )
    add_source(fig, sources[0])
    fig.add_annotation(
        text=sources[1],
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-78,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=12, color="#555"),
    )
    return fig
