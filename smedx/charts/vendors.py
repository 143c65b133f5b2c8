"""Charts of module 04 (vendor choice): the ranking of candidate vendors, how far each weight can
move before the top choice changes, and the report's shares behind the default weights.

Pure functions returning ``go.Figure``; the theme comes from :mod:`smedx.charts`. The figures of
a ranking always have the same traces (whatever the method), so a widget can update them in place.
"""

from __future__ import annotations

import plotly.graph_objects as go

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
from smedx.i18n import Bilingual, _, pgettext
from smedx.models import vendors as model

LEGEND_TOP = dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom")
PRODUCT_FIGURE = "3.2.2.1"
PROVIDER_FIGURE = "S3.2.2.2-vendor-criteria"
# Eleven criteria: the palette plus lighter tones, so neighbouring segments stay distinguishable.
CRITERION_COLOURS = [*PALETTE[:6], "#7F7F7F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948"]


def _label(item) -> str:
    """A criterion's (or a sensitivity row's) name in the current language."""
    return getattr(item, column("label"))


@in_language
def weights_source(lang: str | None = None, custom: bool = False) -> str:
    """Where the weights come from: the user, or by default the report's shares, normalised by
    the course."""
    if custom:
        return _("Weights set by the user; vendors and scores are the user's input")
    return _(
        "Default weights: report shares (figure {figure}, section 3.2.2.2) normalised by the "
        "course; vendors and scores are the user's input"
    ).format(figure=PRODUCT_FIGURE)


def _shown(v: model.VendorScore) -> str:
    """The chart's language: an example vendor's English name in English (stored names stay)."""
    return Bilingual(v.name, v.vendor.name_en or v.name).text()


def _vendor_labels(ranking: model.VendorRanking) -> list[str]:
    return [f"{v.rank}. {_shown(v)}" for v in ranking.ranked]


def _method_title(ranking: model.VendorRanking) -> str:
    method = Bilingual(*model.METHODS[ranking.method]).text()
    return _("Vendor ranking · {method}").format(method=method)


@in_language
def vendor_ranking_update(ranking: model.VendorRanking, lang: str | None = None):
    """(per-trace changes, layout changes) of :func:`vendor_ranking` for a new ranking, as plain
    values a widget applies without rebuilding the figure."""
    labels = _vendor_labels(ranking)
    topsis = ranking.method == "topsis"
    scores = [v.score for v in ranking.ranked]
    traces = []
    for criterion in model.criteria():
        used = not topsis and criterion.key in ranking.weights
        traces.append(
            {
                "x": [v.contributions[criterion.key] for v in ranking.ranked] if used else [],
                "y": labels if used else [],
                "visible": used,
            }
        )
    traces.append(
        {
            "x": [] if topsis else scores,
            "y": [] if topsis else labels,
            "text": [] if topsis else [f"{s:.1f}" for s in scores],
            "visible": not topsis,
        }
    )
    traces.append(
        {
            "x": scores if topsis else [],
            "y": labels if topsis else [],
            "text": [f"{s:.1f}" for s in scores] if topsis else [],
            "marker.color": [ACCENT if v.rank == 1 else PALETTE[0] for v in ranking.ranked]
            if topsis
            else [],
            "visible": topsis,
        }
    )
    layout = {
        "title.text": _method_title(ranking),
        "height": max(HEIGHT, 230 + 45 * len(labels)),
        "annotations[0].text": weights_source(custom=ranking.weights_source == "custom"),
    }
    return traces, layout


def _plain(update: dict) -> dict:
    """Dotted paths ('marker.color') as nested dicts, for building a trace."""
    out: dict = {}
    for path, value in update.items():
        *parents, leaf = path.split(".")
        node = out
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = value
    return out


@in_language
def vendor_ranking(ranking: model.VendorRanking, lang: str | None = None) -> go.Figure:
    """Vendors best first. Weighted sum: bars stacked by criterion; TOPSIS: closeness x 100.

    Traces, always in this order: one bar per criterion of the kit (empty for TOPSIS or for a
    criterion without weight), a text trace with the totals, a bar with the TOPSIS score.
    """
    traces, layout = vendor_ranking_update(ranking)
    fig = go.Figure()
    for colour, criterion, update in zip(CRITERION_COLOURS, model.criteria(), traces, strict=False):
        name = _label(criterion)
        fig.add_bar(
            name=name,
            orientation="h",
            marker_color=colour,
            hovertemplate=f"{name}: %{{x:.1f}}<extra>%{{y}}</extra>",
            **update,
        )
    fig.add_scatter(
        name=pgettext("chart", "Total"),
        mode="text",
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
        **traces[-2],
    )
    fig.add_bar(
        name=_("closeness x 100"),
        orientation="h",
        textposition="outside",
        cliponaxis=False,
        showlegend=False,
        hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        **_plain(traces[-1]),
    )
    fig.update_layout(
        title=layout["title.text"],
        barmode="stack",
        xaxis=dict(title=_("score (of 100)"), range=[0, 100]),
        yaxis=dict(autorange="reversed"),
        legend=dict(LEGEND_TOP, font=dict(size=12)),
        margin=dict(t=150),
        height=layout["height"],
    )
    return add_source(fig, layout["annotations[0].text"])


@in_language
def vendor_sensitivity_update(ranking: model.VendorRanking, lang: str | None = None):
    """(per-trace changes, layout changes) of :func:`vendor_sensitivity` for a new ranking."""
    items = list(ranking.sensitivity)
    names = [_label(s) for s in items]
    texts = [_wrap(getattr(s, column("text"))) for s in items]
    traces = [
        {
            "base": [100 * s.lower for s in items],
            "x": [100 * (s.upper - s.lower) for s in items],
            "y": names,
            "customdata": texts,
        },
        {"x": [100 * s.weight for s in items], "y": names, "customdata": texts},
    ]
    winner = _shown(ranking.winner) if ranking.ranked else ""
    layout = {
        "title.text": _("How far can each weight move before {winner} stops winning?").format(
            winner=winner
        ),
        "height": max(HEIGHT, 160 + 32 * len(items)),
    }
    return traces, layout


@in_language
def vendor_sensitivity(ranking: model.VendorRanking, lang: str | None = None) -> go.Figure:
    """For each criterion, the range of its weight over which the top choice stays the same
    (bar) and its current weight (dot); hover says who takes over beyond each end."""
    traces, layout = vendor_sensitivity_update(ranking)
    fig = go.Figure()
    fig.add_bar(
        name=_("top choice unchanged"),
        orientation="h",
        marker_color=MUTED,
        hovertemplate="%{customdata}<extra></extra>",
        **traces[0],
    )
    fig.add_scatter(
        name=_("current weight"),
        mode="markers",
        marker=dict(size=13, color=ACCENT, symbol="diamond", line=dict(color="#333", width=1)),
        hovertemplate="%{customdata}<extra></extra>",
        **traces[1],
    )
    fig.update_layout(
        title=layout["title.text"],
        # from -3: a dot at weight 0 stays clear of the criterion's name
        xaxis=dict(title=_("weight (%)"), range=[-3, 100]),
        yaxis=dict(autorange="reversed"),
        legend=LEGEND_TOP,
        margin=dict(t=110),
        height=layout["height"],
    )
    note = _(
        "other weights rescaled proportionally; based on the ranking above and the user's scores"
    )
    return add_source(fig, note)


def _wrap(text: str, width: int = 30) -> str:
    """Break long hover texts into lines (plotly does not wrap them)."""
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))


@in_language
def criteria_weights(lang: str | None = None) -> go.Figure:
    """The report's share of firms naming each criterion next to the course's default weight."""
    items = model.criteria()
    names = [_label(c) for c in items]
    shares = [c.report_share for c in items]
    fig = go.Figure()
    fig.add_bar(
        name=_("Report: % of firms naming it"),
        x=[s if s is not None else 0 for s in shares],
        y=names,
        orientation="h",
        marker_color=PALETTE[0],
        text=[f"{s:g}%" if s is not None else _("no number") for s in shares],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.add_bar(
        name=_("Course default weight (%)"),
        x=[100 * c.weight for c in items],
        y=names,
        orientation="h",
        marker_color=PALETTE[1],
        text=[f"{100 * c.weight:.1f}%" for c in items],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.update_layout(
        title=_("A share of mentions is not a weight: report shares and the default weights"),
        barmode="group",
        xaxis=dict(title="%", range=[0, 65]),
        yaxis=dict(autorange="reversed"),
        legend=LEGEND_TOP,
        margin=dict(t=120),
        height=max(HEIGHT, 180 + 52 * len(items)),
    )
    # the second citation without the report's title: "…图 3.2.2.1；第 3.2.2.2 节"
    second = source_line(PROVIDER_FIGURE)
    second = second.split("》", 1)[-1] if "》" in second else second.split(", ", 1)[-1]
    return add_source(fig, source_line(PRODUCT_FIGURE) + _("; {source}").format(source=second))
