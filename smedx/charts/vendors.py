"""Charts of module 04 (vendor choice): the ranking of candidate vendors, how far each weight can
move before the top choice changes, and the report's shares behind the default weights.

Pure functions returning ``go.Figure``; the theme comes from :mod:`smedx.charts`. The figures of
a ranking always have the same traces (whatever the method), so a widget can update them in place.
"""

from __future__ import annotations

import plotly.graph_objects as go

from smedx import data
from smedx.charts import ACCENT, HEIGHT, MUTED, PALETTE, add_source
from smedx.models import vendors as model

LEGEND_TOP = dict(orientation="h", x=0, y=1.02, xanchor="left", yanchor="bottom")
PRODUCT_FIGURE = "3.2.2.1"
PROVIDER_FIGURE = "S3.2.2.2-vendor-criteria"
# Eleven criteria: the palette plus lighter tones, so neighbouring segments stay distinguishable.
CRITERION_COLOURS = [*PALETTE[:6], "#7F7F7F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948"]


def _zh(lang: str) -> bool:
    return lang != "en"


def weights_source(lang: str = "zh", custom: bool = False) -> str:
    """Where the weights come from: the user, or by default the report's shares, normalised by
    the course."""
    if custom:
        if _zh(lang):
            return "权重由使用者设定；服务商及其评分为使用者输入"
        return "Weights set by the user; vendors and scores are the user's input"
    if _zh(lang):
        return (
            f"默认权重：据报告图 {PRODUCT_FIGURE} 与 3.2.2.2 节的提及占比，由本课程归一化；"
            "服务商及其评分为使用者输入"
        )
    return (
        f"Default weights: report shares (figure {PRODUCT_FIGURE}, section 3.2.2.2) normalised "
        "by the course; vendors and scores are the user's input"
    )


def _vendor_labels(ranking: model.VendorRanking) -> list[str]:
    return [f"{v.rank}. {v.name}" for v in ranking.ranked]


def _method_title(ranking: model.VendorRanking, lang: str) -> str:
    method_zh, method_en = model.METHODS[ranking.method]
    return f"服务商排名 · {method_zh}" if _zh(lang) else f"Vendor ranking · {method_en}"


def vendor_ranking_update(ranking: model.VendorRanking, lang: str = "zh"):
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
        "title.text": _method_title(ranking, lang),
        "height": max(HEIGHT, 230 + 45 * len(labels)),
        "annotations[0].text": weights_source(lang, ranking.weights_source == "custom"),
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


def vendor_ranking(ranking: model.VendorRanking, lang: str = "zh") -> go.Figure:
    """Vendors best first. Weighted sum: bars stacked by criterion; TOPSIS: closeness x 100.

    Traces, always in this order: one bar per criterion of the kit (empty for TOPSIS or for a
    criterion without weight), a text trace with the totals, a bar with the TOPSIS score.
    """
    traces, layout = vendor_ranking_update(ranking, lang)
    fig = go.Figure()
    for colour, criterion, update in zip(CRITERION_COLOURS, model.criteria(), traces, strict=False):
        name = criterion.label_zh if _zh(lang) else criterion.label_en
        fig.add_bar(
            name=name,
            orientation="h",
            marker_color=colour,
            hovertemplate=f"{name}: %{{x:.1f}}<extra>%{{y}}</extra>",
            **update,
        )
    fig.add_scatter(
        name="总分" if _zh(lang) else "Total",
        mode="text",
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
        cliponaxis=False,
        **traces[-2],
    )
    fig.add_bar(
        name="贴近度 × 100" if _zh(lang) else "closeness x 100",
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
        xaxis=dict(title="得分（满分 100）" if _zh(lang) else "score (of 100)", range=[0, 100]),
        yaxis=dict(autorange="reversed"),
        legend=dict(LEGEND_TOP, font=dict(size=12)),
        margin=dict(t=150),
        height=layout["height"],
    )
    return add_source(fig, layout["annotations[0].text"])


def vendor_sensitivity_update(ranking: model.VendorRanking, lang: str = "zh"):
    """(per-trace changes, layout changes) of :func:`vendor_sensitivity` for a new ranking."""
    items = list(ranking.sensitivity)
    names = [s.label_zh if _zh(lang) else s.label_en for s in items]
    texts = [_wrap(s.text_zh if _zh(lang) else s.text_en) for s in items]
    traces = [
        {
            "base": [100 * s.lower for s in items],
            "x": [100 * (s.upper - s.lower) for s in items],
            "y": names,
            "customdata": texts,
        },
        {"x": [100 * s.weight for s in items], "y": names, "customdata": texts},
    ]
    winner = ranking.winner.name if ranking.ranked else ""
    layout = {
        "title.text": (
            f"权重能变多少，首选“{winner}”才会改变？"
            if _zh(lang)
            else f"How far can each weight move before {winner} stops winning?"
        ),
        "height": max(HEIGHT, 160 + 32 * len(items)),
    }
    return traces, layout


def vendor_sensitivity(ranking: model.VendorRanking, lang: str = "zh") -> go.Figure:
    """For each criterion, the range of its weight over which the top choice stays the same
    (bar) and its current weight (dot); hover says who takes over beyond each end."""
    traces, layout = vendor_sensitivity_update(ranking, lang)
    fig = go.Figure()
    fig.add_bar(
        name="首选不变的范围" if _zh(lang) else "top choice unchanged",
        orientation="h",
        marker_color=MUTED,
        hovertemplate="%{customdata}<extra></extra>",
        **traces[0],
    )
    fig.add_scatter(
        name="当前权重" if _zh(lang) else "current weight",
        mode="markers",
        marker=dict(size=13, color=ACCENT, symbol="diamond", line=dict(color="#333", width=1)),
        hovertemplate="%{customdata}<extra></extra>",
        **traces[1],
    )
    fig.update_layout(
        title=layout["title.text"],
        # from -3: a dot at weight 0 stays clear of the criterion's name
        xaxis=dict(title="权重（%）" if _zh(lang) else "weight (%)", range=[-3, 100]),
        yaxis=dict(autorange="reversed"),
        legend=LEGEND_TOP,
        margin=dict(t=110),
        height=layout["height"],
    )
    note = (
        "其余权重按比例调整；基于上方排名与使用者输入的评分"
        if _zh(lang)
        else "other weights rescaled proportionally; based on the ranking above and the user's scores"
    )
    return add_source(fig, note)


def _wrap(text: str, width: int = 30) -> str:
    """Break long hover texts into lines (plotly does not wrap them)."""
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))


def criteria_weights(lang: str = "zh") -> go.Figure:
    """The report's share of firms naming each criterion next to the course's default weight."""
    items = model.criteria()
    names = [c.label_zh if _zh(lang) else c.label_en for c in items]
    shares = [c.report_share for c in items]
    fig = go.Figure()
    fig.add_bar(
        name="报告：提及该因素的企业占比（%）" if _zh(lang) else "Report: % of firms naming it",
        x=[s if s is not None else 0 for s in shares],
        y=names,
        orientation="h",
        marker_color=PALETTE[0],
        text=[
            f"{s:g}%" if s is not None else ("报告无数字" if _zh(lang) else "no number")
            for s in shares
        ],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    fig.add_bar(
        name="本课程默认权重（%，归一化）" if _zh(lang) else "Course default weight (%)",
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
        title=(
            "提及占比 ≠ 权重：报告数字与课程默认权重"
            if _zh(lang)
            else "A share of mentions is not a weight: report shares and the default weights"
        ),
        barmode="group",
        xaxis=dict(title="%", range=[0, 65]),
        yaxis=dict(autorange="reversed"),
        legend=LEGEND_TOP,
        margin=dict(t=120),
        height=max(HEIGHT, 180 + 52 * len(items)),
    )
    second = data.source_line(PROVIDER_FIGURE, lang)
    second = second.split("》", 1)[-1] if _zh(lang) else second.split(", ", 1)[-1]
    sep = "；" if _zh(lang) else "; "
    return add_source(fig, data.source_line(PRODUCT_FIGURE, lang) + sep + second)
