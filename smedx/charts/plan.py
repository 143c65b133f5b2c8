"""Charts of the action plan: the quarter-by-quarter timeline, the budget against the report's
spending bands (figure 2.1.1) and the external help SMEs ask for (figure 3.3.2.1).

Each chart has a ``*_traces`` / ``*_update`` companion giving the data a ChartView needs to be
updated in place when the plan changes.
"""

from __future__ import annotations

import plotly.graph_objects as go

from smedx import charts, data
from smedx.models import plan as plan_model

# Timeline lanes, top to bottom; a task kind the model adds later goes to "other".
LANES: dict[str, tuple[str, str]] = {
    "baseline": ("测量基线", "Baseline"),
    "help": ("外部帮助", "External help"),
    "vendor": ("服务商", "Vendor"),
    "scenario": ("投入场景", "Scenarios"),
    "pilot_start": ("AI 试点启动", "Pilot start"),
    "pilot_review": ("AI 试点评估", "Pilot review"),
    "gap": ("补齐差距", "Close gaps"),
    "reassess": ("重新自评", "Reassess"),
    "review": ("复盘", "Review"),
    "other": ("其他", "Other"),
}
BUDGET_LANE = ("季度预算（万元）", "Budget per quarter (10k CNY)")
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


def _zh(lang: str) -> bool:
    return lang != "en"


def _lane_label(key: str, lang: str) -> str:
    zh, en = LANES[key]
    return zh if _zh(lang) else en


def _budget_label(lang: str) -> str:
    return BUDGET_LANE[0] if _zh(lang) else BUDGET_LANE[1]


def timeline_traces(plan: plan_model.ActionPlan, lang: str = "zh") -> list[dict]:
    """One dict per lane (in :data:`LANES` order) and a last one for the budget lane."""
    zh = _zh(lang)
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
                text = tasks[0].zh if zh else tasks[0].en
                # a quarter's bar narrows as the horizon grows
                chars = max(4, TEXT_CHARS * 12 // plan.horizon_months)
                texts.append(text if len(text) <= chars else text[: chars - 1] + "…")
            else:
                texts.append(f"{len(tasks)} 项" if zh else f"{len(tasks)} tasks")
            hovers.append("<br>".join("• " + (t.zh if zh else t.en) for t in tasks))
        traces.append(
            dict(
                x=[q.month_to - q.month_from + 1 for q, _t in rows],
                base=[q.month_from - 1 for q, _t in rows],
                y=[_lane_label(key, lang)] * len(rows),
                text=texts,
                hovertext=hovers,
            )
        )
    traces.append(
        dict(
            x=[q.month_to - q.month_from + 1 for q in plan.timeline],
            base=[q.month_from - 1 for q in plan.timeline],
            y=[_budget_label(lang)] * len(plan.timeline),
            text=[f"{q.budget_10k_cny:g}" for q in plan.timeline],
            hovertext=[
                (f"第 {q.index} 季度（{q.month_from}–{q.month_to} 月）：{q.budget_10k_cny:g} 万元")
                if zh
                else f"Q{q.index} (months {q.month_from}-{q.month_to}): {q.budget_10k_cny:g} x 10k CNY"
                for q in plan.timeline
            ],
        )
    )
    return traces


def timeline_axis(plan: plan_model.ActionPlan, lang: str = "zh") -> dict:
    """The month axis and the quarter separators, which depend on the plan's horizon."""
    months = plan.horizon_months
    zh = _zh(lang)
    # month numbers of the plan ("1月" would read as January), each month up to a year, else the
    # first month of each quarter: upright labels that fit a printed page
    shown = range(months) if months <= 12 else range(0, months, 3)
    return dict(
        xaxis=dict(
            range=[0, months],
            tickvals=[m + 0.5 for m in shown],
            ticktext=[str(m + 1) for m in shown],
            tickangle=0,
            title="计划的第几个月" if zh else "month of the plan",
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


def timeline_title(plan: plan_model.ActionPlan, lang: str = "zh") -> str:
    s = plan.stage
    if _zh(lang):
        return f"行动计划时间表：{s.current_zh} → {s.target_zh}（{plan.horizon_months} 个月）"
    return f"Action plan: {s.current_en} -> {s.target_en} ({plan.horizon_months} months)"


def timeline(plan: plan_model.ActionPlan, lang: str = "zh", *, printed: bool = False) -> go.Figure:
    """A swim-lane timeline: one lane per kind of task, one bar per quarter that has such tasks.

    ``printed``: for a report or a downloaded plan, whose note points to the quarters' table
    instead of to hovering (a printed page cannot be hovered)."""
    zh = _zh(lang)
    fig = go.Figure()
    keys = [*LANES, "budget"]
    for key, trace in zip(keys, timeline_traces(plan, lang), strict=True):
        budget = key == "budget"
        fig.add_bar(
            name=_budget_label(lang) if budget else _lane_label(key, lang),
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
    lanes = [_budget_label(lang)] + [_lane_label(key, lang) for key in LANES]
    fig.update_layout(
        title=timeline_title(plan, lang),
        barmode="overlay",
        # a text too long for its bar is left out rather than shrunk to an unreadable size (the
        # hover and the plan's table of quarters give every task in full)
        uniformtext=dict(minsize=10, mode="hide"),
        yaxis=dict(categoryorder="array", categoryarray=lanes, autorange="reversed"),
        height=470,
        margin=dict(l=20, r=20, t=60, b=90),
        **timeline_axis(plan, lang),
    )
    tasks_zh, tasks_en = (
        ("每季度任务见下表", "each quarter's tasks in the table below")
        if printed
        else ("悬停查看每季度任务", "hover for each quarter's tasks")
    )
    note = (
        f"时间表由本课程的计划模型生成（{tasks_zh}）；预算按营收 × 投入比例平均分到各季度"
        if zh
        else f"Timeline from the kit's plan model ({tasks_en}); the budget is "
        "revenue x share, split evenly by quarter"
    )
    return charts.add_source(fig, note)


def budget_title(plan: plan_model.ActionPlan, lang: str = "zh") -> str:
    b = plan.budget
    if _zh(lang):
        where = f"属于“{b.band_zh}”区间" if b.band else b.band_zh
        return f"你的预算：{b.amount_10k_cny:g} 万元 = 营收的 {b.share_percent:g}%，{where}"
    where = f"band '{b.band_en}'" if b.band else b.band_en
    return f"Your budget: {b.amount_10k_cny:g} x 10k CNY = {b.share_percent:g}% of revenue, {where}"


def budget_colors(plan: plan_model.ActionPlan) -> list[str]:
    rows = data.figure(plan_model.BUDGET_FIGURE)
    rows = rows[rows["segment_key"] == ""]
    return [charts.ACCENT if key == plan.budget.band else charts.PALETTE[0] for key in rows["key"]]


def budget(plan: plan_model.ActionPlan, lang: str = "zh") -> go.Figure:
    """Figure 2.1.1 (how much of revenue SMEs spent in 2023), the plan's band highlighted."""
    fig = charts.bar(plan_model.BUDGET_FIGURE, lang=lang, highlight=plan.budget.band)
    fig.update_layout(title=budget_title(plan, lang))
    return fig


def help_colors(plan: plan_model.ActionPlan) -> list[str]:
    return [charts.ACCENT if h.recommended else charts.MUTED for h in plan.external_help]


def help_chart(plan: plan_model.ActionPlan, lang: str = "zh") -> go.Figure:
    """The external help SMEs want (figure 3.3.2.1); the kinds this plan recommends highlighted."""
    zh = _zh(lang)
    items = list(plan.external_help)
    fig = go.Figure(
        go.Bar(
            x=[h.share for h in items],
            y=[h.label_zh if zh else h.label_en for h in items],
            orientation="h",
            marker_color=help_colors(plan),
            text=[f"{h.share:g}%" for h in items],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_layout(
        title=(
            "中小企业需要的外部帮助（橙色：本计划建议你寻求的）"
            if zh
            else "External help SMEs want (orange: recommended in this plan)"
        ),
        xaxis=dict(title="占比（%）" if zh else "%", range=[0, 70]),
        yaxis=dict(autorange="reversed"),
    )
    return charts.add_source(fig, data.source_line(plan_model.HELP_FIGURE, lang))
