"""Charts of the reports that the course's own charts (:mod:`smedx.charts`) do not have: the
cohort against the national survey, members' stages by segment, the members' questionnaire
scores, and one industry against all SMEs. Same theme and source lines as every kit chart."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from smedx.charts import (
    HEIGHT,
    MUTED,
    PALETTE,
    add_source,
    column,
    in_language,
    share_axis,
    source_line,
)
from smedx.i18n import _, language, pgettext
from smedx.models.assessment import stage_label
from smedx.models.common import STAGE_ORDER
from smedx.reports.cohort import Comparison, Scores, SegmentTable
from smedx.reports.industry import Finding

MEMBERS_COLOUR, NATIONAL_COLOUR = PALETTE[1], PALETTE[0]
STAGE_COLOURS = dict(zip(STAGE_ORDER, ["#999999", *PALETTE[:5]], strict=True))


def _text(item, name: str) -> str:
    """``item.<name>_zh`` or ``item.<name>_en``: the current language's field of a result row."""
    return getattr(item, column(name))


@in_language
def wrap(text: str, lang: str | None = None, width: int = 14) -> str:
    """Break a long axis label into lines (by words in English, by characters in Chinese)."""
    if language() == "en":
        lines = [""]
        for word in text.split():
            if lines[-1] and len(lines[-1]) + len(word) > 2 * width:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        return "<br>".join(lines)
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))


@in_language
def comparison(comp: Comparison, lang: str | None = None, cohort: str = "") -> go.Figure:
    """Horizontal bars: the members' share next to the national survey's, option by option."""
    labels = [wrap(_text(r, "label")) for r in comp.rows]
    members = cohort or pgettext("chart", "members")
    fig = go.Figure()
    if not comp.suppressed:
        fig.add_bar(
            name=_("{members} (N={n})").format(members=members, n=comp.base),
            y=labels,
            x=[r.share for r in comp.rows],  # None (an option hidden for privacy): no bar
            orientation="h",
            marker_color=MEMBERS_COLOUR,
            text=["" if r.share is None else f"{r.share:.1f}%" for r in comp.rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    n = f"N={comp.national_n}" if comp.national_n else _("N not stated")
    missing = _("not in the report")
    fig.add_bar(
        name=_("national survey ({n})").format(n=n),
        y=labels,
        x=[r.national if r.national is not None else 0 for r in comp.rows],
        orientation="h",
        marker_color=NATIONAL_COLOUR,
        text=[f"{r.national:g}%" if r.national is not None else missing for r in comp.rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    values = [r.share or 0 for r in comp.rows] + [r.national or 0 for r in comp.rows]
    sub = ""
    if comp.suppressed and comp.base >= 5:
        sub = _("members' data hidden for privacy")
    elif comp.suppressed:
        sub = _("fewer than 5 members answered ({n}): members' data hidden for privacy").format(
            n=comp.base
        )
    elif comp.multiple:
        sub = pgettext("chart", "multiple choice")
    fig.update_layout(
        title=_text(comp, "title") + (f"<br><sup>{sub}</sup>" if sub else ""),
        barmode="group",
        xaxis=dict(title=share_axis(), range=[0, min(100, max(values) * 1.25 + 5)]),
        yaxis=dict(autorange="reversed"),
        height=max(HEIGHT, 140 + 62 * len(labels)),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        margin=dict(t=130),
    )
    members_src = _("members: N={n} (the kit's questionnaire and the member table)").format(
        n=comp.base
    )
    return add_source(fig, source_line(comp.figure_id) + _("; {source}").format(source=members_src))


@in_language
def segments(table: SegmentTable, title: str, lang: str | None = None) -> go.Figure:
    """100% stacked bars: the members' stages in each shown segment (hidden ones left out)."""
    shown = table.shown
    names = [
        _("{group} ({members})").format(group=_text(s, "label"), members=s.size) for s in shown
    ]
    fig = go.Figure()
    for stage in STAGE_ORDER:
        name = stage_label(stage, language())
        fig.add_bar(
            name=name,
            y=[wrap(n, width=16) for n in names],
            x=[s.stages[stage] for s in shown],
            orientation="h",
            marker_color=STAGE_COLOURS[stage],
            hovertemplate=f"{name} · %{{y}}: %{{x:.1f}}%<extra></extra>",
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        xaxis=dict(title=_("% of the group's members"), range=[0, 100]),
        yaxis=dict(autorange="reversed"),
        height=max(300, 170 + 48 * len(shown)),
        legend=dict(
            orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=12), traceorder="normal"
        ),
        margin=dict(t=130),
    )
    note = _(
        "members' data; member counts in brackets; groups under 5 (and their complementary "
        "hidden group) not shown"
    )
    return add_source(fig, note)


@in_language
def scores(summary: Scores, lang: str | None = None) -> go.Figure:
    """The members' mean score per questionnaire dimension, as percent of its maximum."""
    dims = summary.dimensions
    fig = go.Figure(
        go.Bar(
            x=[_text(d, "label") for d in dims],
            y=[d.percent for d in dims],
            marker_color=PALETTE[0],
            text=[f"{d.mean:.1f}/{d.max_points}" for d in dims],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=_("Members' mean score per dimension (N={n})").format(n=summary.base),
        yaxis=dict(title=_("% of maximum"), range=[0, 100]),
        height=HEIGHT,
    )
    note = _(
        "Scoring: the kit's own questionnaire (after MIIT's SME digital-level indicators); "
        "the report has no such figure"
    )
    return add_source(fig, note)


@in_language
def industry_findings(
    findings: Sequence[Finding],
    industry_label: str,
    lang: str | None = None,
    labels: Sequence[str] | None = None,
):
    """Grouped bars for one figure: the industry's value next to all SMEs' for each option
    (``labels`` overrides the option labels, e.g. to mark the report's aggregate segments)."""
    first = findings[0]
    labels = [wrap(t) for t in (labels or [_text(f, "label") for f in findings])]
    fig = go.Figure()
    fig.add_bar(
        name=industry_label,
        x=[f.value for f in findings],
        y=labels,
        orientation="h",
        marker_color=PALETTE[1],
        text=[f"{f.value:g}%" for f in findings],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
    )
    missing = _("not in the report")
    fig.add_bar(
        name=_("all SMEs"),
        x=[f.whole if f.whole is not None else 0 for f in findings],
        y=labels,
        orientation="h",
        marker_color=MUTED,
        text=[f"{f.whole:g}%" if f.whole is not None else missing for f in findings],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    values = [f.value for f in findings] + [f.whole or 0 for f in findings]
    fig.update_layout(
        title=_text(first, "title"),
        barmode="group",
        xaxis=dict(title=share_axis(), range=[0, min(100, max(values) * 1.3 + 5)]),
        yaxis=dict(autorange="reversed"),
        height=max(300, 160 + 70 * len(findings)),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        margin=dict(t=110),
    )
    source = source_line(first.figure_id)
    if first.whole_figure != first.figure_id:
        other = source_line(first.whole_figure)  # without the report's title, said once already
        other = other.split("》", 1)[-1] if "》" in other else other.split(", ", 1)[-1]
        source += _("; all SMEs: {source}").format(source=other)
    return add_source(fig, source)
