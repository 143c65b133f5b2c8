"""Every plotly figure of the kit: one theme, Chinese-capable fonts, a source line on each chart.

Call :func:`use_theme` once (``smedx.course`` does it). Notebooks that display figures directly
also call :func:`render_as_json`: JupyterLab and Voila draw them with the jupyterlab-plotly
extension, and no output embeds a copy of plotly.js (which would add ~4 MB per chart to a graded
or papermill-run notebook). The apps do not need it: their charts are ``ChartView`` widgets.
"""

from __future__ import annotations

import functools
import inspect
import json
import pkgutil
from collections.abc import Callable
from typing import TypeVar

import plotly.graph_objects as go
import plotly.io as pio

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, data
from smedx.i18n import Bilingual, language, pgettext, using

Draw = TypeVar("Draw", bound=Callable)
REPORT_TITLE = Bilingual(REPORT_TITLE_ZH, REPORT_TITLE_EN)

TEMPLATE = "smedx"
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, SimHei, sans-serif"
# Okabe-Ito: distinguishable with the common colour-vision deficiencies, and in greyscale print.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
ACCENT, MUTED = "#D55E00", "#9DB7CF"
HEIGHT = 420  # fits a 1366x768 laptop below a heading; readable on a projector
# Left margin for a y axis with a title and ticks up to 100: set ahead, plotly need not widen
# the margin and draw the chart a second time (smedx.ui.chart does the same for bar labels).
Y_TITLE_MARGIN = 62

THEME = {  # the kit's changes to plotly_white
    "font": dict(family=FONT, size=15, color="#222"),
    "title": dict(font=dict(size=18), x=0, xanchor="left"),
    "colorway": PALETTE,
    "height": HEIGHT,
    "margin": dict(l=20, r=30, t=70, b=80),
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "hoverlabel": dict(font=dict(family=FONT, size=14)),
    "legend": dict(orientation="h", y=-0.18, x=0),
    "xaxis": dict(gridcolor="#e6e6e6", zeroline=False, automargin=True),
    "yaxis": dict(gridcolor="#e6e6e6", zeroline=False, automargin=True),
}


# plotly_white's trace defaults are kept for the trace types the kit draws: validating those of
# all ~50 types imports their classes (use_theme at a kernel start: 106 ms with all, 70 ms with
# these). Other types (in a learner's own chart) get the theme's layout and plotly's defaults.
TRACE_TYPES = ("bar", "scatter", "scatterpolar", "heatmap", "table")


def use_theme() -> None:
    """Register the kit's template, ``plotly_white`` with :data:`THEME`, as the default.

    Merged once here, on plain dicts: a default named ``"a+b"`` is merged again for every new
    figure (~90 ms), and ``pio.templates.merge_templates`` deep-copies graph objects."""
    # read as plotly's template registry does, without building graph objects of all trace types
    white = json.loads(pkgutil.get_data("plotly", "package_data/templates/plotly_white.json"))
    _merge(white["layout"], THEME)
    data = {kind: white["data"][kind] for kind in TRACE_TYPES}
    pio.templates[TEMPLATE] = {"layout": white["layout"], "data": data}
    pio.templates.default = TEMPLATE


def _merge(into: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def render_as_json() -> None:
    """Display figures as plotly JSON only. Not at import: plotly's renderers import nbformat and
    jsonschema, about 2.5 s of a kernel's start here."""
    pio.renderers.default = "plotly_mimetype"


def add_source(fig: go.Figure, text: str) -> go.Figure:
    """Put the citation under the plot area, where it survives screenshots and printing."""
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-60,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=12, color="#555"),
    )
    return fig


def in_language(draw: Draw) -> Draw:
    """Draw in ``lang`` (None: the current language, :func:`smedx.i18n.language`): the function's
    own ``_()`` and ``language()`` answer in it, so one chart shows one language."""
    position = list(inspect.signature(draw).parameters).index("lang")

    @functools.wraps(draw)
    def drawn(*args, **kwargs):
        lang = kwargs.get("lang", args[position] if len(args) > position else None)
        if lang is None:
            return draw(*args, **kwargs)
        with using(lang):
            return draw(*args, **kwargs)

    return drawn  # type: ignore[return-value]


def column(name: str) -> str:
    """A data table's column in the current language: ``label`` -> ``label_zh`` / ``label_en``."""
    return f"{name}_{language()}"


@in_language
def label_column(lang: str | None = None) -> str:
    return column("label")


@in_language
def figure_title(figure_id: str, lang: str | None = None) -> str:
    return data.figure_info(figure_id)[column("title")]


def source_line(figure_id: str, n: int | None = None) -> str:
    """The report's citation of a figure, in the current language."""
    return data.source_line(figure_id, language(), n)


def share_axis() -> str:
    """The title of an axis of shares: "%" in English, 占比（%） in Chinese."""
    return pgettext("axis", "%")


@in_language
def bar(
    figure_id: str,
    *,
    segment_key: str = "",
    lang: str | None = None,
    highlight: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Horizontal bars of one figure (or one segment of it), largest at the top, values labelled.

    ``highlight`` is an option key drawn in the accent colour (e.g. the learner's own stage).
    """
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == segment_key]
    if data.figure_info(figure_id)["choice"] != "single":
        rows = rows.sort_values("value")
    labels = rows[column("label")].tolist()
    colors = [ACCENT if key == highlight else PALETTE[0] for key in rows["key"]]
    fig = go.Figure(
        go.Bar(
            x=rows["value"].tolist(),
            y=labels,
            orientation="h",
            marker_color=colors,
            text=[f"{v:g}%" for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
            customdata=rows["key"].tolist(),
        )
    )
    n = rows["n"].dropna()
    fig.update_layout(
        title=title or figure_title(figure_id),
        xaxis=dict(title=share_axis(), range=[0, _axis_max(rows)]),
        yaxis=dict(
            autorange="reversed" if data.figure_info(figure_id)["choice"] == "single" else True
        ),
        height=max(HEIGHT, 60 + 38 * len(labels)),
    )
    return add_source(fig, source_line(figure_id, int(n.iloc[0]) if len(n) else None))


@in_language
def compare(
    figure_id: str,
    segment_type: str,
    *,
    lang: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Grouped bars: the same options across the segments of one type (e.g. 2023 vs 2024)."""
    rows = data.figure(figure_id, segment_type=segment_type)
    label, segment = column("label"), column("segment")
    fig = go.Figure()
    for name, group in rows.groupby(segment, sort=False):
        fig.add_bar(
            name=name,
            x=group[label].tolist(),
            y=group["value"].tolist(),
            text=[f"{v:g}%" for v in group["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{name} · %{{x}}: %{{y:.1f}}%<extra></extra>",
        )
    fig.update_layout(
        title=title or figure_title(figure_id),
        barmode="group",
        yaxis=dict(title=share_axis(), range=[0, _axis_max(rows)]),
    )
    return add_source(fig, source_line(figure_id))


def _axis_max(rows) -> float:
    """Room past the longest bar for its label, which is drawn outside the bar ("98.8%")."""
    if not len(rows):
        return 100.0
    top = float(rows["value"].max())
    return max(min(100.0, top * 1.18 + 2), top + 14)
