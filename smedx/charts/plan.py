"""Charts of the action plan: the quarter-by-quarter timeline, the budget against the report's
spending bands (figure 2.1.1) and the external help SMEs ask for (figure 3.3.2.1).

Each chart has a ``*_traces`` / ``*_update`` companion giving the data a ChartView needs to be
updated in place when the plan changes.
"""

from __future__ import annotations

import plotly.graph_objects as go

from smedx import charts, data
from smedx.charts import column, in_language, share_axis, source_line
from smedx.i18n import Bilingual, _, language
from smedx.models import plan as plan_model

# Timeline lanes, top to bottom; a task kind the model adds later goes to "other".
LANES: dict[str, Bilingual] = {
    "baseline": Bilingual("测量基线", "Baseline"),
    "help": Bilingual("外部帮助", "External help"),
    "vendor": Bilingual("服务商", "Vendor"),
    "scenario": Bilingual("投入场景", "Scenarios"),
    "pilot_start": Bilingual("AI 试点启动", "Pilot start"),
    "pilot_review": Bilingual("AI 试点评估", "Pilot review"),
    "gap": Bilingual("补齐差距", "Close gaps"),
    "reassess": Bilingual("重新自评", "Reassess"),
    "review": Bilingual("复盘", "Review"),
    "other": Bilingual("其他", "Other"),
}
BUDGET_LANE = Bilingual("季度预算（万元）", "Budget per quarter (10k CNY)")
LANE_COLORS = {
    "baseline": charts.PALETTE[7],
    "help": charts.PALETTE[5],
    "vendor": charts.PALETTE[0],
    "scenario": charts.PALETTE[2],
    "pilot_start": charts.PALETTE[1],
    "pilot_review": charts.PALETTE[4],
    "gap": charts.MUTED,
    "reassess": charts.PALETTE[3],
    "review": charts.PALETTE[3],
    "other": "#999999",
}
TEXT_CHARS = 11  # how much of a single task's text fits in a quarter-wide bar


def _task(task: plan_model.Task) -> str:
    return getattr(task, language())


@in_language
def timeline_traces(plan: plan_model.ActionPlan, lang: str | None = None) -> list[dict]:
    """One dict per lane (in :data:`LANES` order) and a last one for the budget lane."""
    by_lane: dict[str, list[tuple[plan_model.Quarter, list]]] = {key: [] for key in LANES}
    for quarter in plan.timeline:
        grouped: dict[str, list] = {}
        for task in quarter.tasks:
            lane = task.kind if task.kind in LANES else "other"
            grouped.setdefault(lane, []).append(task)
        for lane, tasks in grouped.items():
            by_lane[lane].append((quarter, tasks))
    traces = []
    for key in LANES:
        rows = by_lane[key]
        texts, hovers = [], []
        for _quarter, tasks in rows:
            if len(tasks) == 1:
                text = _task(tasks[0])
                # a quarter's bar narrows as the horizon grows
                chars = max(4, TEXT_CHARS * 12 // plan.horizon_months)
                texts.append(text if len(text) <= chars else text[: chars - 1] + "…")
            else:
                texts.append(_("{n} tasks").format(n=len(tasks)))
            hovers.append("<br>".join("• " + _task(t) for t in tasks))
        traces.append(
            dict(
                x=[q.month_to - q.month_from + 1 for q, _t in rows],
                base=[q.month_from - 1 for q, _t in rows],
                y=[LANES[key].text()] * len(rows),
                text=texts,
                hovertext=hovers,
            )
        )
    traces.append(
        dict(
            x=[q.month_to - q.month_from + 1 for q in plan.timeline],
            base=[q.month_from - 1 for q in plan.timeline],
            y=[BUDGET_LANE.text()] * len(plan.timeline),
            text=[f"{q.budget_10k_cny:g}" for q in plan.timeline],
            hovertext=[
                _("Q{quarter} (months {first}-{last}): {budget} x 10k CNY").format(
                    quarter=q.index,
                    first=q.month_from,
                    last=q.month_to,
                    budget=f"{q.budget_10k_cny:g}",
                )
                for q in plan.timeline
            ],
        )
    )
    return traces


@in_language
def timeline_axis(plan: plan_model.ActionPlan, lang: str | None = None) -> dict:
    """The month axis and the quarter separators, which depend on the plan's horizon."""
    months = plan.horizon_months
    # month numbers of the plan ("1月" would read as January), each month up to a year, else the
    # first month of each quarter: upright labels that fit a printed page
    shown = range(months) if months <= 12 else range(0, months, 3)
    return dict(
        xaxis=dict(
            range=[0, months],
            tickvals=[m + 0.5 for m in shown],
            ticktext=[str(m + 1) for m in shown],
            tickangle=0,
            title=_("month of the plan"),
            showgrid=False,
        ),
        shapes=[
            dict(
                type="line",
                x0=q,
                x1=q,
                y0=0,
                y1=1,
                yref="paper",
                line=dict(color="#bbb", width=1, dash="dot"),
            )
            for q in range(3, months, 3)
        ],
    )


@in_language
def timeline_title(plan: plan_model.ActionPlan, lang: str | None = None) -> str:
    s = plan.stage
    return _("Action plan: {current} -> {target} ({months} months)").format(
        current=getattr(s, column("current")),
        target=getattr(s, column("target")),
        months=plan.horizon_months,
    )


@in_language
def timeline(
    plan: plan_model.ActionPlan, lang: str | None = None, *, printed: bool = False
) -> go.Figure:
    """A swim-lane timeline: one lane per kind of task, one bar per quarter that has such tasks.

    ``printed``: for a report or a downloaded plan, whose note points to the quarters' table
    instead of to hovering (a printed page cannot be hovered)."""
    fig = go.Figure()
    keys = [*LANES, "budget"]
    for key, trace in zip(keys, timeline_traces(plan), strict=True):
        budget = key == "budget"
        fig.add_bar(
            name=BUDGET_LANE.text() if budget else LANES[key].text(),
            orientation="h",
            marker=dict(
                color="white" if budget else LANE_COLORS[key],
                line=dict(color="#888" if budget else "white", width=1),
            ),
            textposition="inside",
            insidetextanchor="middle",
            textfont=dict(size=12, color="#222" if budget or key == "gap" else "white"),
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            **trace,
        )
    lanes = [BUDGET_LANE.text()] + [lane.text() for lane in LANES.values()]
    fig.update_layout(
        title=timeline_title(plan),
        barmode="overlay",
        # a text too long for its bar is left out rather than shrunk to an unreadable size (the
        # hover and the plan's table of quarters give every task in full)
        uniformtext=dict(minsize=10, mode="hide"),
        yaxis=dict(categoryorder="array", categoryarray=lanes, autorange="reversed"),
        height=470,
        margin=dict(l=20, r=20, t=60, b=90),
        **timeline_axis(plan),
    )
    tasks = (
        _("each quarter's tasks in the table below")
        if printed
        else _("hover for each quarter's tasks")
    )
    note = _(
        "Timeline from the kit's plan model ({tasks}); the budget is revenue x share, split "
        "evenly by quarter"
    ).format(tasks=tasks)
    return charts.add_source(fig, note)


@in_language
def budget_title(plan: plan_model.ActionPlan, lang: str | None = None) -> str:
    b = plan.budget
    band = getattr(b, column("band"))
    where = _("band '{band}'").format(band=band) if b.band else band
    return _("Your budget: {amount} x 10k CNY = {share}% of revenue, {where}").format(
        amount=f"{b.amount_10k_cny:g}", share=f"{b.share_percent:g}", where=where
    )


def budget_colors(plan: plan_model.ActionPlan) -> list[str]:
    rows = data.figure(plan_model.BUDGET_FIGURE)
    rows = rows[rows["segment_key"] == ""]
    return [charts.ACCENT if key == plan.budget.band else charts.PALETTE[0] for key in rows["key"]]


@in_language
def budget(plan: plan_model.ActionPlan, lang: str | None = None) -> go.Figure:
    """Figure 2.1.1 (how much of revenue SMEs spent in 2023), the plan's band highlighted."""
    fig = charts.bar(plan_model.BUDGET_FIGURE, highlight=plan.budget.band)
    fig.update_layout(title=budget_title(plan))
    return fig


def help_colors(plan: plan_model.ActionPlan) -> list[str]:
    return [charts.ACCENT if h.recommended else charts.MUTED for h in plan.external_help]


@in_language
def help_chart(plan: plan_model.ActionPlan, lang: str | None = None) -> go.Figure:
    """The external help SMEs want (figure 3.3.2.1); the kinds this plan recommends highlighted."""
    items = list(plan.external_help)
    fig = go.Figure(
        go.Bar(
            x=[h.share for h in items],
            y=[getattr(h, column("label")) for h in items],
            orientation="h",
            marker_color=help_colors(plan),
            text=[f"{h.share:g}%" for h in items],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=_("External help SMEs want (orange: recommended in this plan)"),
        xaxis=dict(title=share_axis(), range=[0, 70]),
        yaxis=dict(autorange="reversed"),
    )
    return charts.add_source(fig, source_line(plan_model.HELP_FIGURE))
