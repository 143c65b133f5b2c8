"""The action plan as one self-contained HTML file: embedded CSS, plotly.js inlined once, no
request to any server, laid out to print on A4 (browser "Print -> Save as PDF").

    html = plan_html(plan)            # an ActionPlan of smedx.models.plan
    Path("plan.html").write_text(html, encoding="utf-8")

Every user-typed text (vendor names, for one) is escaped; the charts are the kit's plan charts
(:mod:`smedx.charts.plan`) with a fixed width that fits the printed page.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

import plotly.graph_objects as go
import plotly.io as pio

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, __version__, charts
from smedx.charts import plan as plan_charts
from smedx.errors import KitError
from smedx.models import plan as plan_model

PRINT_WIDTH = 680  # px: A4 portrait less 15 mm margins at 96 dpi
CSS = """
:root { --ink:#222; --muted:#555; --line:#d5dde6; --accent:#D55E00; --blue:#0072B2; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  SimHei, sans-serif; color: var(--ink); margin: 0 auto; max-width: 780px; padding: 24px;
  line-height: 1.55; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--blue); padding-bottom: 2px; margin: 22px 0 8px;
  break-after: avoid; page-break-after: avoid; }
.en { color: var(--muted); font-size: 90%; }
.meta { color: var(--muted); font-size: 90%; }
.stage { font-size: 18px; margin: 10px 0; }
.stage b { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f6f9; }
.chart, .keep { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.chart { margin: 8px 0; }
ul { margin: 4px 0; padding-left: 20px; }
.tag { color: var(--muted); font-size: 85%; }
footer { margin-top: 28px; border-top: 1px solid var(--line); padding-top: 6px; color: var(--muted);
  font-size: 85%; }
@page { size: A4 portrait; margin: 15mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 12px; }
  h2 { margin-top: 14px; }
  .noprint { display: none; }
}
"""


def plotly_js() -> str:
    """The kit's partial plotly.js bundle (no network; about 1 MB instead of plotly's 4.8 MB)."""
    from smedx.assets import plotly_js as bundle

    return bundle()


def _both(zh: str, en: str, tag: str = "div") -> str:
    return f"<{tag}>{escape(zh)}<br><span class='en'>{escape(en)}</span></{tag}>"


def _note(note) -> str:
    kind = note.source.split(":", 1)[0]
    tag = {"report": "报告 report", "kit": "课程设计 kit", "external": "外部 external"}.get(
        kind, ""
    )
    return (
        f"<li>{escape(note.zh)}<br><span class='en'>{escape(note.en)}</span>"
        + (f" <span class='tag'>[{tag}]</span>" if tag else "")
        + "</li>"
    )


def _safe_json(value) -> str:
    """JSON for a <script> block: '<', '>' and '&' escaped so no text can close the script."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _chart(fig: go.Figure, div_id: str) -> str:
    fig = go.Figure(fig)
    fig.update_layout(width=PRINT_WIDTH, autosize=False)
    spec = json.loads(pio.to_json(fig, validate=False))  # numpy arrays -> plain JSON
    config = {"displayModeBar": False, "staticPlot": False, "responsive": False}
    return (
        f"<div class='chart' id='{div_id}' style='width:{PRINT_WIDTH}px'></div>"
        "<script>Plotly.newPlot("
        f"{json.dumps(div_id)}, {_safe_json(spec.get('data', []))}, "
        f"{_safe_json(spec.get('layout', {}))}, {json.dumps(config)});</script>"
    )


def _summary(plan: plan_model.ActionPlan) -> str:
    s = plan.stage
    rows = []

    def listing(zh: str, en: str, names: list[str]) -> None:
        if names:
            rows.append(
                f"<tr><th>{zh}<br><span class='en'>{en}</span></th><td>{'<br>'.join(names)}</td></tr>"
            )

    listing(
        "投入场景",
        "Scenarios",
        [
            f"{escape(c.label_zh)} <span class='en'>{escape(c.label_en)}</span>"
            for c in plan.scenarios
        ],
    )
    listing(
        "候选服务商",
        "Vendors",
        [
            escape(v.name)
            + (" <span class='tag'>（虚构示例 fictional）</span>" if v.fictional else "")
            for v in plan.vendors
        ],
    )
    listing(
        "生成式 AI 试点",
        "GenAI pilots",
        [f"{escape(p.label_zh)} <span class='en'>{escape(p.label_en)}</span>" for p in plan.pilots],
    )
    listing(
        "需补齐的差距",
        "Gaps to close",
        [
            f"{escape(g.item)} {escape(g.label_zh)}（第 {g.quarter} 季度 Q{g.quarter}）"
            f" → {escape(g.needed_text_zh or g.needed)}"
            for g in plan.gaps
        ],
    )
    return (
        f"<div class='stage'>{escape(s.current_zh)} → <b>{escape(s.target_zh)}</b>"
        f"（{plan.horizon_months} 个月）<br><span class='en'>{escape(s.current_en)} → "
        f"{escape(s.target_en)} ({plan.horizon_months} months)</span></div>"
        f"<table>{''.join(rows)}</table>"
    )


def _quarters(plan: plan_model.ActionPlan) -> str:
    rows = "".join(
        f"<tr><td><b>第 {q.index} 季度</b><br><span class='en'>Q{q.index}, months "
        f"{q.month_from}-{q.month_to}</span></td>"
        f"<td>{q.budget_10k_cny:g}</td><td><ul>"
        + "".join(
            f"<li>{escape(t.zh)}<br><span class='en'>{escape(t.en)}</span></li>" for t in q.tasks
        )
        + "</ul></td></tr>"
        for q in plan.timeline
    )
    return (
        "<table><thead><tr><th style='width:130px'>季度 Quarter</th>"
        "<th style='width:90px'>预算（万元）<br><span class='en'>Budget, 10k CNY</span></th>"
        f"<th>任务 Tasks</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _budget(plan: plan_model.ActionPlan) -> str:
    b = plan.budget
    peers = ""
    if b.peers_below is not None:
        peers = (
            f"<p>报告样本中 {b.peers_below:g}% 的企业投入比例低于你，{b.peers_same:g}% 与你同一区间，"
            f"{b.peers_above:g}% 高于你。<br><span class='en'>In the report's sample {b.peers_below:g}% "
            f"spend a lower share, {b.peers_same:g}% the same band, {b.peers_above:g}% more.</span></p>"
        )
    return (
        f"<p class='keep'>营业收入 {b.revenue_10k_cny:g} 万元 × {b.share_percent:g}% × "
        f"{plan.horizon_months} 个月 ÷ 12 = <b>{b.amount_10k_cny:g} 万元</b>（{escape(b.band_zh)}）<br>"
        f"<span class='en'>Revenue {b.revenue_10k_cny:g} × {b.share_percent:g}% × "
        f"{plan.horizon_months} months ÷ 12 = {b.amount_10k_cny:g} × 10k CNY "
        f"({escape(b.band_en)})</span></p>{peers}"
        f"<ul>{''.join(_note(n) for n in b.comparisons)}</ul>"
    )


def _kpis(plan: plan_model.ActionPlan) -> str:
    rows = "".join(
        f"<tr><td>{escape(k.label_zh)}<br><span class='en'>{escape(k.label_en)}</span></td>"
        f"<td>{escape(k.metric_zh)}<br><span class='en'>{escape(k.metric_en)}</span></td>"
        f"<td>{escape(k.target_zh)}<br><span class='en'>{escape(k.target_en)}</span></td></tr>"
        for k in plan.kpis
    )
    return (
        "<table><thead><tr><th>成效 Outcome</th><th>指标 Metric</th><th>目标 Target</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _help(plan: plan_model.ActionPlan) -> str:
    items = "".join(
        f"<li><b>{escape(h.label_zh)}</b> · {escape(h.label_en)}：{escape(h.where_zh)}<br>"
        f"<span class='en'>{escape(h.where_en)}</span></li>"
        for h in plan.external_help
        if h.recommended
    )
    return f"<ul>{items}</ul>"


def plan_html(plan: plan_model.ActionPlan, *, charts_included: bool = True) -> str:
    """The whole plan as one HTML document (Chinese first, English under it)."""
    if not isinstance(plan, plan_model.ActionPlan):
        raise KitError(
            "还没有可下载的行动计划：请先生成计划。",
            "No action plan to download yet: build one first.",
        )
    if charts.TEMPLATE not in str(pio.templates.default):
        charts.use_theme()
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    figures = {}
    if charts_included:
        figures = {
            "timeline": _chart(plan_charts.timeline(plan, printed=True), "chart-timeline"),
            "budget": _chart(plan_charts.budget(plan), "chart-budget"),
            "help": _chart(plan_charts.help_chart(plan), "chart-help"),
        }
    profile = plan.profile
    company = ""
    if profile is not None:
        from smedx.models.common import INDUSTRIES

        zh, en = INDUSTRIES.get(profile.industry, (profile.industry, profile.industry))
        company = f"<div class='meta'>行业 Industry：{escape(zh)} · {escape(en)}</div>"
    head_script = f"<script>{plotly_js()}</script>" if charts_included else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="smedx {escape(__version__)}">
<title>数字化转型行动计划 · Digital transformation action plan</title>
<style>{CSS}</style>
{head_script}
</head>
<body>
<header>
<h1>数字化转型行动计划</h1>
<div class="en">Digital transformation action plan</div>
<div class="meta">生成于 Generated {escape(stamp)} · 数转课堂 SME DX Kit</div>
{company}
</header>
<h2>概要 Summary</h2>
{_summary(plan)}
<h2>时间表 Timeline</h2>
{figures.get("timeline", "")}
{_quarters(plan)}
<h2>预算 Budget</h2>
{_budget(plan)}
{figures.get("budget", "")}
<h2>关键指标 KPIs</h2>
{_kpis(plan)}
<h2>外部帮助 External help</h2>
{_help(plan)}
{figures.get("help", "")}
<h2>说明 Notes</h2>
<ul>{"".join(_note(n) for n in plan.notes)}</ul>
<footer>
报告数据来自{escape(REPORT_TITLE_ZH)}；评分与计划模型为本课程自行设计，仅供参考。示例服务商均为虚构。<br>
<span class="en">Report data: {escape(REPORT_TITLE_EN)}. The scoring and plan models are the kit's own
design, for guidance only. Example vendors are fictional.</span>
</footer>
</body>
</html>
"""


def plan_file(plan: plan_model.ActionPlan) -> tuple[str, str, bytes]:
    """(filename, mime type, bytes) for a download button."""
    html = plan_html(plan)
    stamp = datetime.now().strftime("%Y%m%d")
    return f"smedx-action-plan-{stamp}.html", "text/html", html.encode("utf-8")
