"""The action plan as one self-contained HTML file: embedded CSS, plotly.js inlined once, no
request to any server, laid out to print on A4 (browser "Print -> Save as PDF").

    html = plan_html(plan)            # an ActionPlan of smedx.models.plan
    Path("plan.html").write_text(html, encoding="utf-8")

The page is in the current language (:func:`smedx.i18n.language`), named in ``<html lang>``.
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
from smedx.i18n import N_, Bilingual, _, language
from smedx.models import plan as plan_model

PRINT_WIDTH = 680  # px: A4 portrait less 15 mm margins at 96 dpi
HTML_LANG = {"zh": "zh-CN", "en": "en"}
NOTE_TAGS = {"report": N_("report"), "kit": N_("kit design"), "external": N_("external rule")}
KPI_HEADINGS = (N_("Outcome"), N_("Metric"), N_("Target"))
CSS = """
:root { --ink:#222; --muted:#555; --line:#d5dde6; --accent:#D55E00; --blue:#0072B2; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  SimHei, sans-serif; color: var(--ink); margin: 0 auto; max-width: 780px; padding: 24px;
  line-height: 1.55; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--blue); padding-bottom: 2px; margin: 22px 0 8px;
  break-after: avoid; page-break-after: avoid; }
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


def _pick(zh: str, en: str) -> str:
    """The current language's half of a pair the plan carries in both languages."""
    return Bilingual(zh, en).text()


def _note(note) -> str:
    kind = note.source.split(":", 1)[0]
    tag = _(NOTE_TAGS[kind]) if kind in NOTE_TAGS else ""
    return (
        f"<li>{escape(_pick(note.zh, note.en))}"
        + (f" <span class='tag'>[{escape(tag)}]</span>" if tag else "")
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

    def listing(heading: str, names: list[str]) -> None:
        if names:
            rows.append(f"<tr><th>{escape(heading)}</th><td>{'<br>'.join(names)}</td></tr>")

    listing(_("Scenarios"), [escape(_pick(c.label_zh, c.label_en)) for c in plan.scenarios])
    fictional = f" <span class='tag'>{escape(_('(fictional example)'))}</span>"
    listing(
        _("Vendors"),
        [escape(v.name) + (fictional if v.fictional else "") for v in plan.vendors],
    )
    listing(_("GenAI pilots"), [escape(_pick(p.label_zh, p.label_en)) for p in plan.pilots])
    listing(
        _("Gaps to close"),
        [
            escape(
                _("{item} {label} (quarter {quarter}) → {needed}").format(
                    item=g.item,
                    label=_pick(g.label_zh, g.label_en),
                    quarter=g.quarter,
                    needed=_pick(g.needed_text_zh, g.needed_text_en) or g.needed,
                )
            )
            for g in plan.gaps
        ],
    )
    step = _("{current} → {target} ({months} months)").format(
        current=escape(_pick(s.current_zh, s.current_en)),
        target=f"<b>{escape(_pick(s.target_zh, s.target_en))}</b>",
        months=plan.horizon_months,
    )
    return f"<div class='stage'>{step}</div><table>{''.join(rows)}</table>"


def _quarters(plan: plan_model.ActionPlan) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(_('Quarter {n}').format(n=q.index))}</b><br>"
        f"<span class='meta'>{escape(_('months {start}–{end}').format(start=q.month_from, end=q.month_to))}"
        f"</span></td><td>{q.budget_10k_cny:g}</td><td><ul>"
        + "".join(f"<li>{escape(_pick(t.zh, t.en))}</li>" for t in q.tasks)
        + "</ul></td></tr>"
        for q in plan.timeline
    )
    return (
        f"<table><thead><tr><th style='width:130px'>{escape(_('Quarter'))}</th>"
        f"<th style='width:90px'>{escape(_('Budget (10k CNY)'))}</th>"
        f"<th>{escape(_('Tasks'))}</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _budget(plan: plan_model.ActionPlan) -> str:
    b = plan.budget
    peers = ""
    if b.peers_below is not None:
        peers = (
            "<p>"
            + escape(
                _(
                    "In the report's sample {below}% spend a lower share than you, {same}% the same "
                    "band, {above}% more."
                ).format(
                    below=f"{b.peers_below:g}", same=f"{b.peers_same:g}", above=f"{b.peers_above:g}"
                )
            )
            + "</p>"
        )
    sum_line = _(
        "Revenue {revenue} × {share}% × {months} months ÷ 12 = {amount} (10k CNY; {band})"
    ).format(
        revenue=f"{b.revenue_10k_cny:g}",
        share=f"{b.share_percent:g}",
        months=plan.horizon_months,
        amount=f"{b.amount_10k_cny:g}",
        band=_pick(b.band_zh, b.band_en),
    )
    return (
        f"<p class='keep'>{escape(sum_line)}</p>{peers}"
        f"<ul>{''.join(_note(n) for n in b.comparisons)}</ul>"
    )


def _kpis(plan: plan_model.ActionPlan) -> str:
    rows = "".join(
        f"<tr><td>{escape(_pick(k.label_zh, k.label_en))}</td>"
        f"<td>{escape(_pick(k.metric_zh, k.metric_en))}</td>"
        f"<td>{escape(_pick(k.target_zh, k.target_en))}</td></tr>"
        for k in plan.kpis
    )
    head = "".join(f"<th>{escape(_(h))}</th>" for h in KPI_HEADINGS)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _help(plan: plan_model.ActionPlan) -> str:
    items = "".join(
        f"<li><b>{escape(_pick(h.label_zh, h.label_en))}</b>"
        + escape(_(": {text}").format(text=_pick(h.where_zh, h.where_en)))
        + "</li>"
        for h in plan.external_help
        if h.recommended
    )
    return f"<ul>{items}</ul>"


def plan_html(plan: plan_model.ActionPlan, *, charts_included: bool = True) -> str:
    """The whole plan as one HTML document in the current language (:func:`smedx.i18n.language`)."""
    if not isinstance(plan, plan_model.ActionPlan):
        raise KitError(
            "还没有可下载的行动计划：请先生成计划。",
            "No action plan to download yet: build one first.",
        )
    if charts.TEMPLATE not in str(pio.templates.default):
        charts.use_theme()
    lang = language()
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    figures = {}
    if charts_included:
        figures = {
            "timeline": _chart(plan_charts.timeline(plan, lang, printed=True), "chart-timeline"),
            "budget": _chart(plan_charts.budget(plan, lang), "chart-budget"),
            "help": _chart(plan_charts.help_chart(plan, lang), "chart-help"),
        }
    profile = plan.profile
    company = ""
    if profile is not None:
        from smedx.models.common import INDUSTRIES

        zh, en = INDUSTRIES.get(profile.industry, (profile.industry, profile.industry))
        industry = _("Industry: {industry}").format(industry=_pick(zh, en))
        company = f"<div class='meta'>{escape(industry)}</div>"
    head_script = f"<script>{plotly_js()}</script>" if charts_included else ""
    title = escape(_("Digital transformation action plan"))
    generated = escape(_("Generated {time} · SME DX Kit").format(time=stamp))
    footer = escape(
        _(
            "Report data: {report}. The scoring and plan models are the kit's own design, for "
            "guidance only. Example vendors are fictional."
        ).format(report=_pick(REPORT_TITLE_ZH, REPORT_TITLE_EN))
    )
    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="smedx {escape(__version__)}">
<title>{title}</title>
<style>{CSS}</style>
{head_script}
</head>
<body>
<header>
<h1>{title}</h1>
<div class="meta">{generated}</div>
{company}
</header>
<h2>{escape(_("Summary"))}</h2>
{_summary(plan)}
<h2>{escape(_("Timeline"))}</h2>
{figures.get("timeline", "")}
{_quarters(plan)}
<h2>{escape(_("Budget"))}</h2>
{_budget(plan)}
{figures.get("budget", "")}
<h2>{escape(_("KPIs"))}</h2>
{_kpis(plan)}
<h2>{escape(_("External help"))}</h2>
{_help(plan)}
{figures.get("help", "")}
<h2>{escape(_("Notes"))}</h2>
<ul>{"".join(_note(n) for n in plan.notes)}</ul>
<footer>{footer}</footer>
</body>
</html>
"""


def plan_file(plan: plan_model.ActionPlan) -> tuple[str, str, bytes]:
    """(filename, mime type, bytes) for a download button."""
    html = plan_html(plan)
    stamp = datetime.now().strftime("%Y%m%d")
    return f"smedx-action-plan-{stamp}.html", "text/html", html.encode("utf-8")
