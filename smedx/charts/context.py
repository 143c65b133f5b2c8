"""Charts of the context modules (00 入门, 01 转型动因): policies, macro facts, drivers and goals,
and the chart-reading aids (sample sizes, sums of shares).

Pure functions returning ``go.Figure``; every number comes from :mod:`smedx.data`, the tables
derived from it from :mod:`smedx.derived`, and every chart that shows report data carries a
source line (facts cite the original source the report quotes).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from smedx import data, derived
from smedx.charts import (
    ACCENT,
    HEIGHT,
    MUTED,
    PALETTE,
    REPORT_TITLE,
    add_source,
    column,
    in_language,
    source_line,
)
from smedx.derived import DEFAULT_SUM_FIGURES, GOALS_BY_INDUSTRY_FIGURE, PILLARS
from smedx.i18n import Bilingual, _, language, pgettext
from smedx.typography import section_en, section_zh

# --- policies (§1.1, §1.3) -------------------------------------------------------------------


@in_language
def pillar_name(pillar: str, lang: str | None = None) -> str:
    return PILLARS[pillar].text()


@in_language
def policy_source(lang: str | None = None) -> str:
    return _(
        "Source: {report}, §1.1 and §1.3 (documents and dates as the report gives them)"
    ).format(report=REPORT_TITLE.text())


def _policy_hover(row) -> str:
    title, summary = row[column("title")], row[column("summary")]
    issuer = row[column("issuer")] or _("not named")
    date = row["date"] or _("no date given")
    if row["year_only"]:
        date += _(" (no month given)")
    number = f" · {row['doc_number']}" if row["doc_number"] else ""
    return f"<b>{title}</b><br>{issuer} · {date}{number}<br>" + "<br>".join(
        textwrap.wrap(summary, 40 if language() == "en" else 24)  # Latin letters are narrower
    )


def marker_style(policy_ids, highlight: str | None) -> tuple[list[int], list[int]]:
    """Marker sizes and outline widths for the points ``policy_ids``, one enlarged if chosen."""
    ids = list(policy_ids)
    return (
        [22 if pid == highlight else 13 for pid in ids],
        [3 if pid == highlight else 0 for pid in ids],
    )


@in_language
def policy_timeline(lang: str | None = None, highlight: str | None = None) -> go.Figure:
    """The dated policies of §1.1/§1.3, one row each (oldest at the top), coloured by heading.

    Undated measures (mostly the local ones) cannot sit on a time axis; an annotation says how
    many there are and :func:`policy_table` lists them. ``highlight`` enlarges one policy.
    """
    rows = derived.policies()
    dated = rows[rows["when"].notna()].sort_values(["when", "policy_id"])
    order = dated[column("short")].tolist()
    fig = go.Figure()
    for i, pillar in enumerate(PILLARS):
        group = dated[dated["pillar"] == pillar]
        if group.empty:
            continue
        fig.add_scatter(
            name=pillar_name(pillar),
            meta=pillar,
            x=group["when"].tolist(),
            y=group[column("short")].tolist(),
            mode="markers",
            marker=dict(
                size=marker_style(group["policy_id"], highlight)[0],
                color=PALETTE[i],
                line=dict(width=marker_style(group["policy_id"], highlight)[1], color="#222"),
                symbol=["circle-open" if y else "circle" for y in group["year_only"]],
            ),
            customdata=group["policy_id"].tolist(),
            hovertext=[_policy_hover(row) for _i, row in group.iterrows()],
            hoverinfo="text",
        )
    undated = int(rows["when"].isna().sum())
    note = _("{n} more measures have no date in the report (see the policy list)").format(n=undated)
    fig.add_annotation(
        text=note,
        xref="paper",
        yref="paper",
        x=1,
        y=1.02,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font=dict(size=12, color="#555"),
    )
    fig.update_layout(
        title=_("SME digital transformation policy timeline"),
        xaxis=dict(title=pgettext("chart", "Date"), type="date"),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", title=""),
        height=max(HEIGHT, 140 + 34 * len(order)),
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"),
        margin=dict(b=90),
    )
    return add_source(fig, policy_source())


LEVELS = {"national": Bilingual("国家", "National"), "local": Bilingual("地方", "Local")}


@in_language
def policy_table(lang: str | None = None, *, dated: bool | None = False) -> go.Figure:
    """A table of the policies: ``dated=False`` the undated ones, ``None`` all of them."""
    rows = derived.policies()
    if dated is not None:
        rows = rows[rows["when"].notna() == dated]
    header = [
        pgettext("chart", "Level"),
        pgettext("chart", "Heading"),
        pgettext("chart", "Measure"),
        _("What it does (report)"),
    ]
    cells = [
        [LEVELS[v].text() for v in rows["level"]],
        [pillar_name(p) for p in rows["pillar"]],
        rows[column("issuer")].str.cat(rows[column("title")], sep=" · "),
        rows[column("summary")],
    ]
    fig = go.Figure(
        go.Table(
            columnwidth=[40, 70, 200, 330],
            header=dict(
                values=header, fill_color=PALETTE[0], font=dict(color="white"), align="left"
            ),
            cells=dict(
                values=[list(c) for c in cells],
                align="left",
                fill_color=[["#f6f8fa", "white"] * len(rows)],
                height=30,
            ),
        )
    )
    fig.update_layout(
        title=_("Measures without a date in the report")
        if dated is False
        else _("Policies and measures"),
        height=min(640, 150 + 62 * len(rows)),
        margin=dict(l=10, r=10, t=60, b=60),
    )
    return add_source(fig, policy_source())


# --- macro facts (§1.2) ----------------------------------------------------------------------


@in_language
def fact_source(fact_ids: list[str], lang: str | None = None, *, external: bool = False) -> str:
    """'数据来源：《报告》第 1.2 节，引 <original source>' built from facts.csv."""
    facts = [data.fact(f) for f in fact_ids]
    sections = sorted({f["section"] for f in facts})
    sources = list(dict.fromkeys(f[column("source")] for f in facts))
    sources = [s for s in sources if s]
    # the parts join differently in each language (、 and ， against ", "), so two sentences
    if language() == "en":
        line = f"Source: {REPORT_TITLE.en}, {', '.join(section_en(s) for s in sections)}"
        line += f", citing {'; '.join(sources)}" if sources else ""
        return line + (" (not the report's own survey)" if external else "")
    line = f"数据来源：{REPORT_TITLE.zh}{'、'.join(section_zh(s) for s in sections)}"
    line += f"，引{'；'.join(sources)}" if sources else ""
    return line + ("（非本报告调研）" if external else "")


@in_language
def qualifier(fact_id: str, lang: str | None = None) -> str:
    """The report's hedge for a fact, read from its verbatim quote: 超过 -> '>', 约 -> '约'."""
    quote = data.fact(fact_id)["quote"]
    if "超过" in quote:
        return ">"
    if "约" in quote:
        return _("≈")
    return ""


@in_language
def smedi_chart(lang: str | None = None) -> go.Figure:
    """SMEDI 2022 vs 2023 (annual averages) and the report's '累计上升 1.1 点' side by side."""
    y2022, y2023 = data.fact("smedi_2022"), data.fact("smedi_2023")
    rise = data.fact("smedi_cumulative_rise_2023")
    fig = go.Figure(
        go.Scatter(
            x=[y2022["period"], y2023["period"]],
            y=[y2022["value"], y2023["value"]],
            mode="lines+markers+text",
            marker=dict(size=16, color=PALETTE[0]),
            line=dict(color=MUTED, width=3),
            text=[f"{y2022['value']:g}", f"{y2023['value']:g}"],
            textposition=["bottom center", "top center"],
            hovertemplate="%{x}: %{y:.1f}<extra></extra>",
            name="SMEDI",
        )
    )
    low, high = y2022["value"], y2023["value"]
    fig.add_annotation(
        x=0.5,
        y=(low + high) / 2,
        xref="x",
        yref="y",
        yshift=22,
        # The exercise after this chart asks for the difference: the chart must not give it.
        text="<b>" + _("difference of the averages: ? points (work it out)") + "</b>",
        showarrow=False,
        font=dict(size=14),
    )
    fig.add_annotation(
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        bgcolor="#fff4e5",
        bordercolor=ACCENT,
        text=_(
            "The report also says: the index 'rose {value} points cumulatively' in {year}<br>"
            "— a different measure? The report gives no start or end value."
        ).format(value=f"{rise['value']:g}", year=rise["period"]),
        font=dict(size=13),
    )
    pad = max(1.5, (high - low) * 2)
    fig.update_layout(
        title=_("SME Development Index (SMEDI)"),
        xaxis=dict(type="category", title=_("Year (annual average)")),
        yaxis=dict(range=[low - pad, high + pad], title=_("Index (axis does not start at 0)")),
        showlegend=False,
    )
    return add_source(fig, fact_source(["smedi_2022", "smedi_2023", "smedi_cumulative_rise_2023"]))


@in_language
def xiaojuren_chart(lang: str | None = None) -> go.Figure:
    """How much faster 专精特新“小巨人” firms grew than industrial SMEs (percentage points)."""
    ids = ["xiaojuren_revenue_growth_gap", "xiaojuren_profit_growth_gap"]
    facts = [data.fact(f) for f in ids]
    context = data.fact("industrial_sme_value_added_growth_2023")
    labels = [_("Revenue growth"), _("Total-profit growth")]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[f["value"] for f in facts],
            marker_color=PALETTE[2],
            text=[_("+{value} pp").format(value=f"{f['value']:g}") for f in facts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: +%{y:.1f}<extra></extra>",
            width=0.5,
        )
    )
    fig.add_annotation(
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        align="left",
        text=_(
            "Context: value added of industrial SMEs above designated size +{value}% in "
            "{year}.<br>The bars are gaps between growth rates, not growth rates."
        ).format(value=f"{context['value']:g}", year=context["period"]),
        font=dict(size=13, color="#333"),
        bgcolor="#f6f8fa",
    )
    fig.update_layout(
        title=_("'Little giants' grew faster than industrial SMEs by (percentage points)"),
        yaxis=dict(
            title=_("percentage points"),
            range=[0, max(f["value"] for f in facts) * 1.45],
        ),
        showlegend=False,
    )
    return add_source(fig, fact_source([*ids, "industrial_sme_value_added_growth_2023"]))


@in_language
def effects_chart(lang: str | None = None) -> go.Figure:
    """质量 > 效率 > 成本: shares of transformed SMEs at/above vs clearly better than average."""
    rows = derived.effects()
    names = rows[column("name")].tolist()
    fig = go.Figure()
    series = [
        ("at_least_average", "broad_id", _("At or better than the industry average")),
        ("clearly_better", "clear_id", _("Clearly better than the industry average")),
    ]
    for i, (values, ids, name) in enumerate(series):
        fig.add_bar(
            name=name,
            y=names,
            x=rows[values].tolist(),
            orientation="h",
            marker_color=[MUTED, PALETTE[0]][i],
            text=[f"{qualifier(f)}{v:g}%" for f, v in zip(rows[ids], rows[values], strict=True)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f}%<extra>" + name + "</extra>",
        )
    fig.update_layout(
        title=_("Effects of transformation: quality first, efficiency second, cost lagging"),
        barmode="group",
        xaxis=dict(title=_("Share of firms (%)"), range=[0, 115]),
        yaxis=dict(autorange="reversed"),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        margin=dict(t=100),
    )
    ids = [*rows["broad_id"], *rows["clear_id"]]
    return add_source(fig, fact_source(ids, external=True))


# --- drivers and goals (§3.1.1) --------------------------------------------------------------


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) if len(text) > width else text


def _labels(rows, key: str, name: str) -> dict[str, str]:
    """``key`` -> its label in the current language (``label`` -> ``label_zh`` / ``label_en``)."""
    return dict(zip(rows[key], rows[column(name)], strict=True))


@in_language
def goals_heatmap(lang: str | None = None) -> go.Figure:
    """Which goals each industry names (S3.1.1-goals-by-industry) next to the whole sample."""
    table = derived.goals_matrix()  # segment keys x goal keys: the labels are picked here
    goals = _labels(data.figure(derived.GOALS_FIGURE), "key", "label")
    industries = _labels(data.figure(GOALS_BY_INDUSTRY_FIGURE), "segment_key", "segment")
    industries[""] = _("Whole sample")
    en = language() == "en"
    blank = pgettext("heatmap", "not given")
    text = [[blank if pd.isna(v) else f"{v:g}%" for v in row] for row in table.to_numpy()]
    z = [[None if pd.isna(v) else float(v) for v in row] for row in table.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(goals[k], 12 if en else 6) for k in table.columns],
            y=[industries[k] for k in table.index],
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=14),
            colorscale=[[0, "#f7fbff"], [1, "#6baed6"]],
            zmin=0,
            zmax=70,
            hoverongaps=False,
            hovertemplate="%{y} · %{x}: %{z:.1f}%<extra></extra>",
            colorbar=dict(title="%", thickness=12),
            xgap=2,
            ygap=2,
        )
    )
    fig.update_layout(
        title=_("Transformation goals by industry"),
        xaxis=dict(side="top", tickfont=dict(size=13)),
        yaxis=dict(autorange="reversed"),
        plot_bgcolor="#eeeeee",
        height=HEIGHT + 40,
        margin=dict(t=130),
    )
    note = _("; blank = the report gives no number (not zero)")
    return add_source(fig, source_line(GOALS_BY_INDUSTRY_FIGURE) + note)


# --- reading survey charts (module 00) -------------------------------------------------------


@in_language
def sample_sizes_chart(lang: str | None = None) -> go.Figure:
    """Counts of charts per stated N (500, 494, 404, 249) — the base differs between questions."""
    rows = derived.sample_sizes()
    fig = go.Figure(
        go.Bar(
            x=[f"N={int(n)}" for n in rows["n"]],
            y=rows["count"].tolist(),
            marker_color=PALETTE[0],
            text=rows["count"].tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=[", ".join(ids) for ids in rows["figure_id"]],
            hovertemplate="%{x}: " + _("%{y} charts") + "<br>%{customdata}<extra></extra>",
            width=0.55,
        )
    )
    fig.update_layout(
        title=_("Sample size N stated by each chart"),
        xaxis=dict(title=_("Sample size"), type="category"),
        yaxis=dict(
            title=_("Number of charts"),
            range=[0, rows["count"].max() * 1.25],
        ),
    )
    source = _(
        "Source: {report}, the N printed in each figure caption (counted by this course)"
    ).format(report=REPORT_TITLE.text())
    return add_source(fig, source)


CHOICE_KINDS = {
    "single": Bilingual("单选", "single choice"),
    "multi": Bilingual("多选", "multiple choice"),
}


@in_language
def share_sums_chart(figure_ids=DEFAULT_SUM_FIGURES, lang: str | None = None) -> go.Figure:
    """Single-choice figures add up to 100 %, multiple-choice ones need not: the sums side by side."""
    rows = derived.share_sums(figure_ids)
    fig = go.Figure()
    for i, choice in enumerate(["single", "multi"]):
        group = rows[rows["choice"] == choice]
        if group.empty:
            continue
        name = CHOICE_KINDS[choice].text()
        fig.add_bar(
            name=name,
            x=[_("Fig. {figure}").format(figure=f) for f in group["figure_id"]],
            y=group["total"].tolist(),
            marker_color=[PALETTE[0], PALETTE[1]][i],
            text=[f"{t:g}%" for t in group["total"]],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    group[column("title")],
                    group["options"],
                    group["n"].fillna(0).astype(int),
                    strict=True,
                )
            ),
            hovertemplate=(
                "%{customdata[0]}<br>"
                + _("%{customdata[1]} options given, N=%{customdata[2]}")
                + f"<extra>{name}</extra>"
            ),
        )
    fig.add_hline(
        y=100,
        line=dict(color=ACCENT, dash="dash", width=2),
        annotation_text="100%",
        annotation_position="top left",
    )
    fig.update_layout(
        title=_("Sum of the option shares: single choice = 100%, multiple choice can exceed it"),
        yaxis=dict(
            title=_("Sum of shares (%)"),
            range=[0, rows["total"].max() * 1.2],
        ),
        xaxis=dict(type="category"),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        margin=dict(t=100),
    )
    figures = ("、" if language() == "zh" else ", ").join(rows["figure_id"])
    source = _("Source: {report}, figures {figures} (sums by this course)").format(
        report=REPORT_TITLE.text(), figures=figures
    )
    return add_source(fig, source)
