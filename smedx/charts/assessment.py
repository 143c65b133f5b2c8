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
    figure_title,
    label_column,
)
from smedx.models.assessment import Assessment, questionnaire
from smedx.models.common import ENTERPRISE_TYPES, INVESTMENT_BANDS, SIZE_BANDS, STAGE_ORDER

STAGE_FIGURE = "2.2.2"
INVESTMENT_FIGURE = "2.1.1"
MISSING_ZH, MISSING_EN = "未给出", "not given"
# Segments in their natural order (bands low to high) rather than the order of the data file.
SEGMENT_ORDER = {
    "investment_band": list(INVESTMENT_BANDS),
    "size_band": list(SIZE_BANDS),
    "enterprise_type": list(ENTERPRISE_TYPES),
}


def _zh(lang: str) -> bool:
    return lang != "en"


def _stage_names(lang: str) -> dict[str, str]:
    return glossary.names("stage", lang)


# --- the company's own scores -----------------------------------------------------------------


def radar_values(result: Assessment | None, lang: str = "zh") -> dict:
    """Labels, percent of each dimension's maximum, and hover text (zeros without a result)."""
    dims = questionnaire().dimensions
    labels = [d.label_en if lang == "en" else d.label_zh for d in dims]
    scores = [result.dimensions[d.key].score if result else 0 for d in dims]
    percent = [round(100 * s / d.max_points, 1) for s, d in zip(scores, dims, strict=True)]
    hover = [f"{s}/{d.max_points}" for s, d in zip(scores, dims, strict=True)]
    # close the polygon
    return {
        "theta": [*labels, labels[0]],
        "r": [*percent, percent[0]],
        "text": [*hover, hover[0]],
    }


def radar(result: Assessment | None = None, lang: str = "zh") -> go.Figure:
    """The four MIIT dimensions as percent of their maximum points (empty until assessed)."""
    values = radar_values(result, lang)
    fig = go.Figure(
        go.Scatterpolar(
            theta=values["theta"],
            r=values["r"],
            text=values["text"],
            fill="toself",
            line=dict(color=PALETTE[0], width=3),
            fillcolor="rgba(0,114,178,0.25)",
            hovertemplate="%{theta}: %{text}（%{r:.0f}%）<extra></extra>"
            if _zh(lang)
            else "%{theta}: %{text} (%{r:.0f}%)<extra></extra>",
            name="你的企业" if _zh(lang) else "your company",
        )
    )
    fig.update_layout(
        title=radar_title(result, lang),
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
    note = (
        "评分方法：本课程自行设计的自评问卷（参照工信部中小企业数字化水平评测指标），不是报告数据"
        if _zh(lang)
        else "Scoring: the kit's own questionnaire (after MIIT's SME digital-level indicators), "
        "not report data"
    )
    return add_source(fig, note)


def radar_title(result: Assessment | None, lang: str = "zh") -> str:
    if result is None:
        return "四个维度的得分率（尚未评估）" if _zh(lang) else "Score per dimension (not assessed)"
    if _zh(lang):
        return f"四个维度的得分率 · 总分 {result.total}/{result.max_total}"
    return f"Score per dimension · total {result.total}/{result.max_total}"


# --- the report's distributions, with the company highlighted ---------------------------------


def stage_distribution(stage: str | None = None, lang: str = "zh") -> go.Figure:
    """Figure 2.2.2 in stage order (暂未开始 first); the company's stage in the accent colour."""
    rows = data.figure(STAGE_FIGURE)
    rows = rows[rows["segment_key"] == ""].set_index("key")
    keys = [k for k in STAGE_ORDER if k in rows.index]
    names = _stage_names(lang)
    values = [float(rows.loc[k, "value"]) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=[_wrap(names[k], lang, width=5) for k in keys],
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
        title=stage_title(stage, lang),
        yaxis=dict(title="占比（%）" if _zh(lang) else "%", range=[0, max(values) * 1.25]),
        height=HEIGHT,
        margin_l=Y_TITLE_MARGIN,
    )
    return add_source(fig, data.source_line(STAGE_FIGURE, lang))


def stage_title(stage: str | None, lang: str = "zh") -> str:
    base = figure_title(STAGE_FIGURE, lang)
    if stage is None:
        return base
    name = _stage_names(lang)[stage]
    return (
        f"{base}<br><sup>橙色：你的阶段（{name}）</sup>"
        if _zh(lang)
        else (f"{base}<br><sup>orange: your stage ({name})</sup>")
    )


def investment_distribution(
    band: str | None = None, share: float | None = None, lang: str = "zh"
) -> go.Figure:
    """Figure 2.1.1 in band order; the company's band (from its investment share) highlighted."""
    rows = data.figure(INVESTMENT_FIGURE)
    rows = rows[rows["segment_key"] == ""].set_index("key")
    keys = [k for k in INVESTMENT_BANDS if k in rows.index]
    values = [float(rows.loc[k, "value"]) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=rows.loc[keys, label_column(lang)].tolist(),
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
        title=investment_title(band, share, lang),
        xaxis=dict(
            title="数字化转型资金投入占营业收入的比重" if _zh(lang) else "DX spending / revenue"
        ),
        yaxis=dict(title="占比（%）" if _zh(lang) else "%", range=[0, max(values) * 1.25]),
        height=HEIGHT,
        margin_l=Y_TITLE_MARGIN,
    )
    return add_source(fig, data.source_line(INVESTMENT_FIGURE, lang))


def investment_title(band: str | None, share: float | None, lang: str = "zh") -> str:
    base = figure_title(INVESTMENT_FIGURE, lang)
    if share is None and band is None:
        return base
    if band is None:  # above the report's top band
        top = INVESTMENT_BANDS[list(INVESTMENT_BANDS)[-1]]
        sub = (
            f"你的投入 {share:g}% 高于图中最高区间（{top[2]}）"
            if _zh(lang)
            else f"your {share:g}% is above the top band ({top[3]})"
        )
    else:
        label = INVESTMENT_BANDS[band][2 if _zh(lang) else 3]
        sub = f"橙色：你的区间（{label}）" if _zh(lang) else f"orange: your band ({label})"
    return f"{base}<br><sup>{sub}</sup>"


def highlight_colors(keys: Sequence[str], highlight: str | None) -> list[str]:
    return [ACCENT if k == highlight else MUTED for k in keys]


# --- segments ---------------------------------------------------------------------------------


def segment_bars(
    figure_id: str,
    key: str,
    segment_type: str,
    *,
    lang: str = "zh",
    highlight: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """One option across the segments of one type, largest on top (e.g. 2.1.3 by industry)."""
    rows = data.figure(figure_id, segment_type=segment_type)
    rows = rows[rows["key"] == key].sort_values("value")
    segment = "segment_en" if lang == "en" else "segment_zh"
    fig = go.Figure(
        go.Bar(
            x=rows["value"].tolist(),
            y=rows[segment].tolist(),
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
    option = rows[label_column(lang)].iloc[0] if len(rows) else key
    sub = (
        f"各组中选择“{option}”的比例" if _zh(lang) else f"share of each group answering '{option}'"
    )
    fig.update_layout(
        title=title or f"{figure_title(figure_id, lang)}<br><sup>{sub}</sup>",
        xaxis=dict(title="占比（%）" if _zh(lang) else "%", range=[0, min(100, top * 1.2 + 2)]),
        height=max(HEIGHT, 80 + 36 * len(rows)),
    )
    return add_source(fig, data.source_line(figure_id, lang))


def gap_grid(
    figure_id: str,
    segment_type: str,
    *,
    whole_figure: str | None = None,
    keys: Sequence[str] | None = None,
    lang: str = "zh",
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
    label = label_column(lang)
    if keys is None:  # every option of the whole sample, so the gaps show, then segment-only ones
        keys = list(dict.fromkeys(whole["key"]))
        if set(keys) <= set(STAGE_ORDER):
            keys = [k for k in STAGE_ORDER if k in keys]
        keys += [k for k in dict.fromkeys(seg["key"]) if k not in keys]
    labels = [_wrap(t, lang) for t in _option_labels(list(keys), [seg, whole], label)]
    segment = "segment_en" if lang == "en" else "segment_zh"
    row_names, grid = [], []
    if len(whole):
        row_names.append("全部样本" if _zh(lang) else "whole sample")
        grid.append(_row(whole, keys))
    order = SEGMENT_ORDER.get(segment_type, [])
    groups = sorted(
        seg.groupby("segment_key", sort=False),
        key=lambda g: order.index(g[0]) if g[0] in order else len(order),
    )
    for _key, group in groups:
        row_names.append(str(group[segment].iloc[0]))
        grid.append(_row(group, keys))
    missing = MISSING_ZH if _zh(lang) else MISSING_EN
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
        title=dict(text=title or figure_title(figure_id, lang), y=0.98, yanchor="top"),
        plot_bgcolor="#eeeeee",
        yaxis=dict(autorange="reversed", showgrid=False),
        xaxis=dict(side="top", showgrid=False),
        height=max(300, 150 + 60 * len(row_names)),
        margin=dict(t=130),
    )
    source = data.source_line(figure_id, lang)
    if whole_figure != figure_id:
        other = data.source_line(whole_figure, lang)
        other = other.split("》", 1)[-1] if _zh(lang) else other.split(f"{REPORT_TITLE_EN}, ")[-1]
        source += ("；全部样本：" if _zh(lang) else "; whole sample: ") + other
    return add_source(fig, source)


def _row(rows, keys: Sequence[str]) -> list[float | None]:
    by_key: Mapping[str, float] = dict(zip(rows["key"], rows["value"], strict=True))
    return [float(by_key[k]) if k in by_key else None for k in keys]


def _wrap(text: str, lang: str, width: int = 6) -> str:
    """Break long axis labels so six columns fit a laptop screen."""
    if lang == "en":
        words, lines = text.split(), [""]
        for word in words:
            if lines[-1] and len(lines[-1]) + len(word) > 2 * width + 2:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        return "<br>".join(lines)
    if text.endswith("阶段") and len(text) > width:  # keep 阶段 whole: 单点尝试<br>阶段
        return _wrap(text[:-2], lang, width + 1) + "<br>阶段"
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
