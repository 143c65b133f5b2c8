"""Charts of the reports that the course's own charts (:mod:`smedx.charts`) do not have: the
cohort against the national survey, members' stages by segment, the members' questionnaire
scores, and one industry against all SMEs. Same theme and source lines as every kit chart."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from smedx import data
from smedx.charts import HEIGHT, MUTED, PALETTE, add_source
from smedx.models.assessment import stage_label
from smedx.models.common import STAGE_ORDER
from smedx.reports.cohort import Comparison, Scores, SegmentTable
from smedx.reports.industry import Finding

MEMBERS_COLOUR, NATIONAL_COLOUR = PALETTE[1], PALETTE[0]
STAGE_COLOURS = dict(zip(STAGE_ORDER, ["#999999", *PALETTE[:5]], strict=True))


def _zh(lang: str) -> bool:
    return lang != "en"


def wrap(text: str, lang: str, width: int = 14) -> str:
    """Break a long axis label into lines (by words in English, by characters in Chinese)."""
    if lang == "en":
        lines = [""]
        for word in text.split():
            if lines[-1] and len(lines[-1]) + len(word) > 2 * width:
                lines.append("")
            lines[-1] = f"{lines[-1]} {word}".strip()
        return "<br>".join(lines)
    return "<br>".join(text[i : i + width] for i in range(0, len(text), width))


def _source_with(figure_id: str, lang: str, extra: str) -> str:
    sep = "；" if _zh(lang) else "; "
    return data.source_line(figure_id, lang) + sep + extra


def comparison(comp: Comparison, lang: str = "zh", cohort: str = "") -> go.Figure:
    """Horizontal bars: the members' share next to the national survey's, option by option."""
    zh = _zh(lang)
    labels = [wrap(r.label_zh if zh else r.label_en, lang) for r in comp.rows]
    members = cohort or ("本会员" if zh else "members")
    fig = go.Figure()
    if not comp.suppressed:
        fig.add_bar(
            name=f"{members}（N={comp.base}）" if zh else f"{members} (N={comp.base})",
            y=labels,
            x=[r.share for r in comp.rows],  # None (an option hidden for privacy): no bar
            orientation="h",
            marker_color=MEMBERS_COLOUR,
            text=["" if r.share is None else f"{r.share:.1f}%" for r in comp.rows],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    n = f"N={comp.national_n}" if comp.national_n else ("N 未说明" if zh else "N not stated")
    missing = "报告未给出" if zh else "not in the report"
    fig.add_bar(
        name=f"全国调查（{n}）" if zh else f"national survey ({n})",
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
        sub = (
            "<br><sup>为保护隐私不展示会员数据</sup>"
            if zh
            else "<br><sup>members' data hidden for privacy</sup>"
        )
    elif comp.suppressed:
        sub = (
            f"<br><sup>本题作答会员不足 5 家（{comp.base} 家），为保护隐私不展示会员数据</sup>"
            if zh
            else f"<br><sup>fewer than 5 members answered ({comp.base}): members' data hidden "
            "for privacy</sup>"
        )
    elif comp.multiple:
        sub = (
            "<br><sup>多选题：比例之和可超过 100%</sup>" if zh else "<br><sup>multiple choice</sup>"
        )
    fig.update_layout(
        title=(comp.title_zh if zh else comp.title_en) + sub,
        barmode="group",
        xaxis=dict(title="占比（%）" if zh else "%", range=[0, min(100, max(values) * 1.25 + 5)]),
        yaxis=dict(autorange="reversed"),
        height=max(HEIGHT, 140 + 62 * len(labels)),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        margin=dict(t=130),
    )
    members_src = (
        f"会员数据：N={comp.base}（本课程自评问卷与会员表）"
        if zh
        else f"members: N={comp.base} (the kit's questionnaire and the member table)"
    )
    return add_source(fig, _source_with(comp.figure_id, lang, members_src))


def segments(table: SegmentTable, title: str, lang: str = "zh") -> go.Figure:
    """100% stacked bars: the members' stages in each shown segment (hidden ones left out)."""
    zh = _zh(lang)
    shown = table.shown
    names = [f"{s.label_zh if zh else s.label_en}（{s.size}）" for s in shown]
    if not zh:
        names = [f"{s.label_en} ({s.size})" for s in shown]
    fig = go.Figure()
    for stage in STAGE_ORDER:
        fig.add_bar(
            name=stage_label(stage, lang),
            y=[wrap(n, lang, 16) for n in names],
            x=[s.stages[stage] for s in shown],
            orientation="h",
            marker_color=STAGE_COLOURS[stage],
            hovertemplate=f"{stage_label(stage, lang)} · %{{y}}: %{{x:.1f}}%<extra></extra>",
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        xaxis=dict(title="占该组会员（%）" if zh else "% of the group's members", range=[0, 100]),
        yaxis=dict(autorange="reversed"),
        height=max(300, 170 + 48 * len(shown)),
        legend=dict(
            orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=12), traceorder="normal"
        ),
        margin=dict(t=130),
    )
    note = (
        "会员数据；括号内为会员数；少于 5 家的组及其补充隐藏组不展示"
        if zh
        else "members' data; member counts in brackets; groups under 5 (and their complementary "
        "hidden group) not shown"
    )
    return add_source(fig, note)


def scores(summary: Scores, lang: str = "zh") -> go.Figure:
    """The members' mean score per questionnaire dimension, as percent of its maximum."""
    zh = _zh(lang)
    dims = summary.dimensions
    fig = go.Figure(
        go.Bar(
            x=[d.label_zh if zh else d.label_en for d in dims],
            y=[d.percent for d in dims],
            marker_color=PALETTE[0],
            text=[f"{d.mean:.1f}/{d.max_points}" for d in dims],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=(
            f"会员各维度平均得分率（N={summary.base}）"
            if zh
            else f"Members' mean score per dimension (N={summary.base})"
        ),
        yaxis=dict(title="占满分（%）" if zh else "% of maximum", range=[0, 100]),
        height=HEIGHT,
    )
    note = (
        "评分方法：本课程自行设计的自评问卷（参照工信部中小企业数字化水平评测指标），报告没有对应数据"
        if zh
        else "Scoring: the kit's own questionnaire (after MIIT's SME digital-level indicators); "
        "the report has no such figure"
    )
    return add_source(fig, note)


def industry_findings(
    findings: Sequence[Finding],
    industry_label: str,
    lang: str = "zh",
    labels: Sequence[str] | None = None,
):
    """Grouped bars for one figure: the industry's value next to all SMEs' for each option
    (``labels`` overrides the option labels, e.g. to mark the report's aggregate segments)."""
    zh = _zh(lang)
    first = findings[0]
    labels = [
        wrap(t, lang) for t in (labels or [f.label_zh if zh else f.label_en for f in findings])
    ]
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
    missing = "报告未给出" if zh else "not in the report"
    fig.add_bar(
        name="全部中小企业" if zh else "all SMEs",
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
        title=first.title_zh if zh else first.title_en,
        barmode="group",
        xaxis=dict(title="占比（%）" if zh else "%", range=[0, min(100, max(values) * 1.3 + 5)]),
        yaxis=dict(autorange="reversed"),
        height=max(300, 160 + 70 * len(findings)),
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"),
        margin=dict(t=110),
    )
    source = data.source_line(first.figure_id, lang)
    if first.whole_figure != first.figure_id:
        other = data.source_line(first.whole_figure, lang)
        other = other.split("》", 1)[-1] if zh else other.split(", ", 1)[-1]
        source += ("；全部中小企业：" if zh else "; all SMEs: ") + other
    return add_source(fig, source)
