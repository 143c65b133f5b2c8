"""Charts of module 02 (现状与阶段评估) and of the self-assessment form.

Pure functions returning ``go.Figure``: the four-dimension radar of an assessment, the report's
stage distribution (figure 2.2.2) and investment distribution (figure 2.1.1) with the company's
own stage or band highlighted, one option across segments (e.g. figure 2.1.3 by industry), and a
grid that shows which segment values the report gives and which it does not.

Every chart of report data carries its source line; the radar, which shows the kit's own scoring,
says so instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from smedx import REPORT_TITLE_EN, data, glossary
from smedx.charts import (
    ACCENT,
    HEIGHT,
    MUTED,
    PALETTE,
    Y_TITLE_MARGIN,
    add_source,
    column,
    figure_title,
    in_language,
    share_axis,
    source_line,
)
from smedx.i18n import Bilingual, _, language, pgettext
from smedx.models.assessment import Assessment, questionnaire
from smedx.models.common import ENTERPRISE_TYPES, INVESTMENT_BANDS, SIZE_BANDS, STAGE_ORDER

STAGE_FIGURE = "2.2.2"
INVESTMENT_FIGURE = "2.1.1"
# Segments in their natural order (bands low to high) rather than the order of the data file.
SEGMENT_ORDER = {
    "investment_band": list(INVESTMENT_BANDS),
    "size_band": list(SIZE_BANDS),
    "enterprise_type": list(ENTERPRISE_TYPES),
}


@in_language
def _stage_names(lang: str | None = None) -> dict[str, str]:
    return glossary.names("stage", language())


# --- the company's own scores -----------------------------------------------------------------


@in_language
def radar_values(result: Assessment | None, lang: str | None = None) -> dict:
    """Labels, percent of each dimension's maximum, and hover text (zeros without a result)."""
    dims = questionnaire().dimensions
    labels = [Bilingual(d.label_zh, d.label_en).text() for d in dims]
    scores = [result.dimensions[d.key].score if result else 0 for d in dims]
    percent = [round(100 * s / d.max_points, 1) for s, d in zip(scores, dims, strict=True)]
    hover = [f"{s}/{d.max_points}" for s, d in zip(scores, dims, strict=True)]
    # close the polygon
    return {
        "theta": [*labels, labels[0]],
        "r": [*percent, percent[0]],
        "text": [*hover, hover[0]],
    }


@in_language
def radar(result: Assessment | None = None, lang: str | None = None) -> go.Figure:
    """The four MIIT dimensions as percent of their maximum points (empty until assessed)."""
    values = radar_values(result)
    fig = go.Figure(
        go.Scatterpolar(
            theta=values["theta"],
            r=values["r"],
            text=values["text"],
            fill="toself",
            line=dict(color=PALETTE[0], width=3),
            fillcolor="rgba(0,114,178,0.25)",
            hovertemplate="%{theta}: " + _("%{text} (%{r:.0f}%)") + "<extra></extra>",
            name=_("your company"),
        )
    )
    fig.update_layout(
        title=radar_title(result),
        # the percent scale on the diagonal between two dimensions, where neither a dimension's
        # name nor (below 71 % on both sides) the shape's edge lies; no "0%" in the middle
        polar=dict(
            radialaxis=dict(
                range=[0, 100],
                angle=45,
                tickangle=0,
                tickvals=[50, 100],
                ticktext=["50%", "100%"],
                tickfont=dict(size=11, color="#777"),
            )
        ),
        showlegend=False,
        height=360,
        margin=dict(l=85, r=85, t=70, b=80),  # room for a dimension's name beside the circle
    )
    note = _(
        "Scoring: the kit's own questionnaire (after MIIT's SME digital-level indicators), "
        "not report data"
    )
    return add_source(fig, note)


@in_language
def radar_title(result: Assessment | None, lang: str | None = None) -> str:
    if result is None:
        return _("Score per dimension (not assessed)")
    return _("Score per dimension · total {total}/{maximum}").format(
        total=result.total, maximum=result.max_total
    )


# --- the report's distributions, with the company highlighted ---------------------------------


@in_language
def stage_distribution(stage: str | None = None, lang: str | None = None) -> go.Figure:
    """Figure 2.2.2 in stage order (暂未开始 first); the company's stage in the accent colour."""
    rows = data.figure(STAGE_FIGURE)
    rows = rows[rows["segment_key"] == ""].set_index("key")
    keys = [k for k in STAGE_ORDER if k in rows.index]
    names = _stage_names()
    values = [float(rows.loc[k, "value"]) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=[_wrap(names[k], width=5) for k in keys],
            y=values,
            customdata=keys,
            marker_color=highlight_colors(keys, stage),
            text=[f"{v:g}%" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=stage_title(stage),
        yaxis=dict(title=share_axis(), range=[0, max(values) * 1.25]),
        height=HEIGHT,
        margin_l=Y_TITLE_MARGIN,
    )
    return add_source(fig, source_line(STAGE_FIGURE))


@in_language
def stage_title(stage: str | None, lang: str | None = None) -> str:
    base = figure_title(STAGE_FIGURE)
    if stage is None:
        return base
    name = _stage_names()[stage]
    return f"{base}<br><sup>" + _("orange: your stage ({name})").format(name=name) + "</sup>"


@in_language
def investment_distribution(
    band: str | None = None, share: float | None = None, lang: str | None = None
) -> go.Figure:
    """Figure 2.1.1 in band order; the company's band (from its investment share) highlighted."""
    rows = data.figure(INVESTMENT_FIGURE)
    rows = rows[rows["segment_key"] == ""].set_index("key")
    keys = [k for k in INVESTMENT_BANDS if k in rows.index]
    values = [float(rows.loc[k, "value"]) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=rows.loc[keys, column("label")].tolist(),
            y=values,
            customdata=keys,
            marker_color=highlight_colors(keys, band),
            text=[f"{v:g}%" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=investment_title(band, share),
        xaxis=dict(title=_("DX spending / revenue")),
        yaxis=dict(title=share_axis(), range=[0, max(values) * 1.25]),
        height=HEIGHT,
        margin_l=Y_TITLE_MARGIN,
    )
    return add_source(fig, source_line(INVESTMENT_FIGURE))


def _band_label(band: str) -> str:
    *_bounds, zh, en = INVESTMENT_BANDS[band]
    return Bilingual(zh, en).text()


@in_language
def investment_title(band: str | None, share: float | None, lang: str | None = None) -> str:
    base = figure_title(INVESTMENT_FIGURE)
    if share is None and band is None:
        return base
    if band is None:  # above the report's top band
        top = _band_label(list(INVESTMENT_BANDS)[-1])
        sub = _("your {share}% is above the top band ({band})").format(share=f"{share:g}", band=top)
    else:
        sub = _("orange: your band ({band})").format(band=_band_label(band))
    return f"{base}<br><sup>{sub}</sup>"


def highlight_colors(keys: Sequence[str], highlight: str | None) -> list[str]:
    return [ACCENT if k == highlight else MUTED for k in keys]


# --- segments ---------------------------------------------------------------------------------


@in_language
def segment_bars(
    figure_id: str,
    key: str,
    segment_type: str,
    *,
    lang: str | None = None,
    highlight: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """One option across the segments of one type, largest on top (e.g. 2.1.3 by industry)."""
    rows = data.figure(figure_id, segment_type=segment_type)
    rows = rows[rows["key"] == key].sort_values("value")
    fig = go.Figure(
        go.Bar(
            x=rows["value"].tolist(),
            y=rows[column("segment")].tolist(),
            customdata=rows["segment_key"].tolist(),
            orientation="h",
            marker_color=[ACCENT if s == highlight else PALETTE[0] for s in rows["segment_key"]],
            text=[f"{v:g}%" for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    top = float(rows["value"].max()) if len(rows) else 100.0
    option = rows[column("label")].iloc[0] if len(rows) else key
    sub = _("share of each group answering '{option}'").format(option=option)
    fig.update_layout(
        title=title or f"{figure_title(figure_id)}<br><sup>{sub}</sup>",
        xaxis=dict(title=share_axis(), range=[0, min(100, top * 1.2 + 2)]),
        height=max(HEIGHT, 80 + 36 * len(rows)),
    )
    return add_source(fig, source_line(figure_id))


@in_language
def gap_grid(
    figure_id: str,
    segment_type: str,
    *,
    whole_figure: str | None = None,
    keys: Sequence[str] | None = None,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Which values the report gives: rows = segments (and the whole sample), columns = options.

    Cells the report does not give stay empty (grey) and read 未给出 / not given, so gaps are
    visible instead of silently missing from a bar chart.
    """
    whole_figure = whole_figure or figure_id
    seg = data.figure(figure_id, segment_type=segment_type)
    whole = data.figure(whole_figure)
    whole = whole[whole["segment_key"] == ""]
    label = column("label")
    if keys is None:  # every option of the whole sample, so the gaps show, then segment-only ones
        keys = list(dict.fromkeys(whole["key"]))
        if set(keys) <= set(STAGE_ORDER):
            keys = [k for k in STAGE_ORDER if k in keys]
        keys += [k for k in dict.fromkeys(seg["key"]) if k not in keys]
    labels = [_wrap(t) for t in _option_labels(list(keys), [seg, whole], label)]
    segment = column("segment")
    row_names, grid = [], []
    if len(whole):
        row_names.append(_("whole sample"))
        grid.append(_row(whole, keys))
    order = SEGMENT_ORDER.get(segment_type, [])
    groups = sorted(
        seg.groupby("segment_key", sort=False),
        key=lambda g: order.index(g[0]) if g[0] in order else len(order),
    )
    for _key, group in groups:
        row_names.append(str(group[segment].iloc[0]))
        grid.append(_row(group, keys))
    missing = pgettext("chart", "not given")
    text = [[f"{v:g}%" if v is not None else missing for v in row] for row in grid]
    fig = go.Figure(
        go.Heatmap(
            z=grid,
            x=labels,
            y=row_names,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=15),
            colorscale="Blues",
            zmin=0,
            zmax=max((v for row in grid for v in row if v is not None), default=100) * 1.3,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title=dict(text=title or figure_title(figure_id), y=0.98, yanchor="top"),
        plot_bgcolor="#eeeeee",
        yaxis=dict(autorange="reversed", showgrid=False),
        xaxis=dict(side="top", showgrid=False),
        height=max(300, 150 + 60 * len(row_names)),
        margin=dict(t=130),
    )
    source = source_line(figure_id)
    if whole_figure != figure_id:
        other = source_line(whole_figure)  # without the report's title, said once already
        other = other.split("》", 1)[-1].split(f"{REPORT_TITLE_EN}, ")[-1]
        source += _("; whole sample: {source}").format(source=other)
    return add_source(fig, source)


def _row(rows, keys: Sequence[str]) -> list[float | None]:
    by_key: Mapping[str, float] = dict(zip(rows["key"], rows["value"], strict=True))
    return [float(by_key[k]) if k in by_key else None for k in keys]


def _wrap(text: str, width: int = 6) -> str:
    """Break long axis labels so six columns fit a laptop screen (English by words, Chinese by
    characters)."""
    if language() == "en":
        words, lines = text.split(), [""]
        for word in words:
            if lines[-1] and len(lines[-1]) + len(word) > 2 * width + 2:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        return "<br>".join(lines)
    if text.endswith("阶段") and len(text) > width:  # keep 阶段 whole: 单点尝试<br>阶段
        return _wrap(text[:-2], width + 1) + "<br>阶段"
    if len(text) <= width:
        return text
    lines = -(-len(text) // width)
    size = -(-len(text) // lines)  # even lines, no one-character tail
    lines = [text[i : i + size] for i in range(0, len(text), size)]
    for i in range(1, len(lines)):  # no line starts with a punctuation mark
        while lines[i] and lines[i][0] in "、，。；：）":
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return "<br>".join(line for line in lines if line)


def _option_labels(keys: list[str], frames, column: str) -> list[str]:
    names: dict[str, str] = {}
    for frame in frames:
        for key, name in zip(frame["key"], frame[column], strict=True):
            names.setdefault(key, name)
    return [names.get(k, k) for k in keys]
