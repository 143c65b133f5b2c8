"""Charts of the context modules (00 入门, 01 转型动因): policies, macro facts, drivers and goals,
and the chart-reading aids (sample sizes, sums of shares).

Pure functions returning ``go.Figure``; every number comes from :mod:`smedx.data`, and every chart
that shows report data carries a source line (facts cite the original source the report quotes).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, data
from smedx.charts import ACCENT, HEIGHT, MUTED, PALETTE, add_source, label_column
from smedx.typography import section_en, section_zh

# --- policies (§1.1, §1.3) -------------------------------------------------------------------

# The report's own headings in §1.1 (政策支持 / 路径引导 / 服务支撑 / 地方落地) plus §1.3's
# technology push. Assigning each policy to a heading follows the paragraph the report prints it
# in; the grouping is the report's, the mapping below is the kit's reading of the layout.
PILLARS = {
    "policy": ("政策支持", "Policy support"),
    "guidance": ("路径引导", "Path guidance"),
    "services": ("服务支撑", "Service support"),
    "local": ("地方落地", "Local measures"),
    "technology": ("技术驱动（第 1.3 节）", "Technology push (§1.3)"),
}
_POLICY_PILLAR = {
    "miit_2020_sme_digital_empowerment_action_plan": "policy",
    "miit_2021_14th_fyp_sme_development_plan": "policy",
    "miit_mof_2022_fiscal_support_dx_pilot": "policy",
    "miit_2022_sme_digital_level_evaluation_indicators": "policy",
    "miit_2022_sme_dx_guide": "policy",
    "mof_miit_2023_sme_dx_city_pilot": "policy",
    "national_it_work_conference_2023_city_pilots": "policy",
    "miit_2023_sme_public_service_system_opinion": "services",
    "national_it_work_conference_2023_service_network": "services",
    "miit_sme_dx_typical_cases": "guidance",
    "miit_sme_chain_dx_typical_cases": "guidance",
    "miit_sme_digital_empowerment_catalogue": "guidance",
    "gov_report_2024_ai_plus": "technology",
}
# Short names that fit on a chart row; anything not listed falls back to the title.
_SHORT = {
    "miit_2020_sme_digital_empowerment_action_plan": (
        "数字化赋能专项行动方案",
        "Empowerment action plan",
    ),
    "miit_2021_14th_fyp_sme_development_plan": (
        "“十四五”促进中小企业发展规划",
        "14th FYP SME plan",
    ),
    "miit_mof_2022_fiscal_support_dx_pilot": ("财政支持数字化转型试点", "Fiscal-support DX pilots"),
    "miit_2022_sme_digital_level_evaluation_indicators": (
        "数字化水平评测指标",
        "Digital-level indicators",
    ),
    "miit_2022_sme_dx_guide": ("中小企业数字化转型指南", "SME DX guide"),
    "mof_miit_2023_sme_dx_city_pilot": ("数字化转型城市试点", "DX city pilots"),
    "miit_2023_sme_public_service_system_opinion": (
        "健全公共服务体系指导意见",
        "Public-service opinion",
    ),
    "national_it_work_conference_2023_city_pilots": (
        "工信工作会议：深入城市试点",
        "Work conference: city pilots",
    ),
    "national_it_work_conference_2023_service_network": (
        "工信工作会议：服务“一张网”",
        "Work conference: one network",
    ),
    "gov_report_2024_ai_plus": ("政府报告：“人工智能+”行动", "Gov. report: 'AI+'"),
}


def pillar_name(pillar: str, lang: str = "zh") -> str:
    zh, en = PILLARS[pillar]
    return en if lang == "en" else zh


def policy_frame(lang: str = "zh") -> pd.DataFrame:
    """policies.csv plus ``pillar``, ``short`` (chart label), ``when`` (a Timestamp or NaT)."""
    rows = data.policies()
    rows["pillar"] = [
        "local" if level == "local" else _POLICY_PILLAR.get(pid, "policy")
        for pid, level in zip(rows["policy_id"], rows["level"], strict=True)
    ]
    index = 1 if lang == "en" else 0
    title = rows["title_en"] if lang == "en" else rows["title_zh"]
    rows["short"] = [
        _SHORT[pid][index] if pid in _SHORT else name
        for pid, name in zip(rows["policy_id"], title, strict=True)
    ]
    # A year without a month (e.g. "2024") is placed mid-year and drawn as an open marker.
    rows["year_only"] = rows["date"].str.fullmatch(r"\d{4}")
    rows["when"] = pd.to_datetime(
        [
            f"{d}-07" if y else (d or None)
            for d, y in zip(rows["date"], rows["year_only"], strict=True)
        ],
        format="%Y-%m",
        errors="coerce",
    )
    return rows


def policy_source(lang: str = "zh") -> str:
    if lang == "en":
        return f"Source: {REPORT_TITLE_EN}, §1.1 and §1.3 (documents and dates as the report gives them)"
    return f"数据来源：{REPORT_TITLE_ZH}第 1.1、1.3 节（文件名称与日期以报告为准）"


def _policy_hover(row, lang: str) -> str:
    en = lang == "en"
    title = row["title_en"] if en else row["title_zh"]
    issuer = (row["issuer_en"] if en else row["issuer_zh"]) or ("not named" if en else "未注明")
    summary = row["summary_en"] if en else row["summary_zh"]
    date = row["date"] or ("no date given" if en else "报告未注明日期")
    if row["year_only"]:
        date += " (no month given)" if en else "（报告未注明月份）"
    number = f" · {row['doc_number']}" if row["doc_number"] else ""
    return f"<b>{title}</b><br>{issuer} · {date}{number}<br>" + "<br>".join(
        textwrap.wrap(summary, 40 if en else 24)
    )


def marker_style(policy_ids, highlight: str | None) -> tuple[list[int], list[int]]:
    """Marker sizes and outline widths for the points ``policy_ids``, one enlarged if chosen."""
    ids = list(policy_ids)
    return (
        [22 if pid == highlight else 13 for pid in ids],
        [3 if pid == highlight else 0 for pid in ids],
    )


def policy_timeline(lang: str = "zh", highlight: str | None = None) -> go.Figure:
    """The dated policies of §1.1/§1.3, one row each (oldest at the top), coloured by heading.

    Undated measures (mostly the local ones) cannot sit on a time axis; an annotation says how
    many there are and :func:`policy_table` lists them. ``highlight`` enlarges one policy.
    """
    rows = policy_frame(lang)
    dated = rows[rows["when"].notna()].sort_values(["when", "policy_id"])
    order = dated["short"].tolist()
    fig = go.Figure()
    for i, pillar in enumerate(PILLARS):
        group = dated[dated["pillar"] == pillar]
        if group.empty:
            continue
        fig.add_scatter(
            name=pillar_name(pillar, lang),
            meta=pillar,
            x=group["when"].tolist(),
            y=group["short"].tolist(),
            mode="markers",
            marker=dict(
                size=marker_style(group["policy_id"], highlight)[0],
                color=PALETTE[i],
                line=dict(width=marker_style(group["policy_id"], highlight)[1], color="#222"),
                symbol=["circle-open" if y else "circle" for y in group["year_only"]],
            ),
            customdata=group["policy_id"].tolist(),
            hovertext=[_policy_hover(r, lang) for _, r in group.iterrows()],
            hoverinfo="text",
        )
    undated = int(rows["when"].isna().sum())
    note = (
        f"{undated} more measures have no date in the report (see the policy list)"
        if lang == "en"
        else f"另有 {undated} 项措施报告未注明日期（见政策列表）"
    )
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
        title="中小企业数字化转型政策时间线"
        if lang != "en"
        else "SME digital transformation policy timeline",
        xaxis=dict(title="发布时间" if lang != "en" else "Date", type="date"),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", title=""),
        height=max(HEIGHT, 140 + 34 * len(order)),
        legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"),
        margin=dict(b=90),
    )
    return add_source(fig, policy_source(lang))


def policy_table(lang: str = "zh", *, dated: bool | None = False) -> go.Figure:
    """A table of the policies: ``dated=False`` the undated ones, ``None`` all of them."""
    rows = policy_frame(lang)
    if dated is not None:
        rows = rows[rows["when"].notna() == dated]
    en = lang == "en"
    header = (
        ["Level", "Heading", "Measure", "What it does (report)"]
        if en
        else ["层级", "类别", "政策或措施", "要点（据报告）"]
    )
    level = {"national": ("国家", "National"), "local": ("地方", "Local")}
    cells = [
        [level[v][1 if en else 0] for v in rows["level"]],
        [pillar_name(p, lang) for p in rows["pillar"]],
        (rows["issuer_en"] if en else rows["issuer_zh"]).str.cat(
            rows["title_en"] if en else rows["title_zh"], sep=" · "
        ),
        rows["summary_en"] if en else rows["summary_zh"],
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
        title=("Measures without a date in the report" if en else "报告未注明日期的政策与措施")
        if dated is False
        else ("Policies and measures" if en else "政策与措施"),
        height=min(640, 150 + 62 * len(rows)),
        margin=dict(l=10, r=10, t=60, b=60),
    )
    return add_source(fig, policy_source(lang))


# --- macro facts (§1.2) ----------------------------------------------------------------------


def fact_source(fact_ids: list[str], lang: str = "zh", *, external: bool = False) -> str:
    """'数据来源：《报告》第 1.2 节，引 <original source>' built from facts.csv."""
    facts = [data.fact(f) for f in fact_ids]
    sections = sorted({f["section"] for f in facts})
    sources = list(dict.fromkeys(f["source_en" if lang == "en" else "source_zh"] for f in facts))
    sources = [s for s in sources if s]
    if lang == "en":
        line = f"Source: {REPORT_TITLE_EN}, {', '.join(section_en(s) for s in sections)}"
        line += f", citing {'; '.join(sources)}" if sources else ""
        return line + (" (not the report's own survey)" if external else "")
    line = f"数据来源：{REPORT_TITLE_ZH}{'、'.join(section_zh(s) for s in sections)}"
    line += f"，引{'；'.join(sources)}" if sources else ""
    return line + ("（非本报告调研）" if external else "")


def qualifier(fact_id: str, lang: str = "zh") -> str:
    """The report's hedge for a fact, read from its verbatim quote: 超过 -> '>', 约 -> '约'."""
    quote = data.fact(fact_id)["quote"]
    if "超过" in quote:
        return ">"
    if "约" in quote:
        return "≈" if lang == "en" else "约"
    return ""


def smedi_chart(lang: str = "zh") -> go.Figure:
    """SMEDI 2022 vs 2023 (annual averages) and the report's '累计上升 1.1 点' side by side."""
    y2022, y2023 = data.fact("smedi_2022"), data.fact("smedi_2023")
    rise = data.fact("smedi_cumulative_rise_2023")
    en = lang == "en"
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
        text=(
            "<b>difference of the averages: ? points (work it out)</b>"
            if en
            else "<b>两年平均值之差：？点（自己算一算）</b>"
        ),
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
        text=(
            f"The report also says: the index 'rose {rise['value']:g} points cumulatively' in "
            f"{rise['period']}<br>— a different measure? The report gives no start or end value."
            if en
            else f"报告同时写道：{rise['period']} 年“累计上升 {rise['value']:g} 点”"
            "<br>——与平均值之差口径不同？报告未给出起止值，无法核对。"
        ),
        font=dict(size=13),
    )
    pad = max(1.5, (high - low) * 2)
    fig.update_layout(
        title="中小企业发展指数（SMEDI）" if not en else "SME Development Index (SMEDI)",
        xaxis=dict(
            type="category", title="年份（年平均值）" if not en else "Year (annual average)"
        ),
        yaxis=dict(
            range=[low - pad, high + pad],
            title="指数（纵轴不从 0 开始）" if not en else "Index (axis does not start at 0)",
        ),
        showlegend=False,
    )
    return add_source(
        fig, fact_source(["smedi_2022", "smedi_2023", "smedi_cumulative_rise_2023"], lang)
    )


def xiaojuren_chart(lang: str = "zh") -> go.Figure:
    """How much faster 专精特新“小巨人” firms grew than industrial SMEs (percentage points)."""
    ids = ["xiaojuren_revenue_growth_gap", "xiaojuren_profit_growth_gap"]
    facts = [data.fact(f) for f in ids]
    context = data.fact("industrial_sme_value_added_growth_2023")
    en = lang == "en"
    labels = ["Revenue growth", "Total-profit growth"] if en else ["营业收入增速", "利润总额增速"]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[f["value"] for f in facts],
            marker_color=PALETTE[2],
            text=[f"+{f['value']:g} {'pp' if en else '个百分点'}" for f in facts],
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
        text=(
            f"Context: value added of industrial SMEs above designated size "
            f"+{context['value']:g}% in {context['period']}.<br>The bars are gaps between "
            "growth rates, not growth rates."
            if en
            else f"背景：{context['period']} 年全国规模以上工业中小企业增加值同比增长 "
            f"{context['value']:g}%。<br>柱子表示两类企业“增速之差”，不是增速本身。"
        ),
        font=dict(size=13, color="#333"),
        bgcolor="#f6f8fa",
    )
    fig.update_layout(
        title=(
            "专精特新“小巨人”比规上工业中小企业增速高出（百分点）"
            if not en
            else "'Little giants' grew faster than industrial SMEs by (percentage points)"
        ),
        yaxis=dict(
            title="百分点" if not en else "percentage points",
            range=[0, max(f["value"] for f in facts) * 1.45],
        ),
        showlegend=False,
    )
    return add_source(fig, fact_source([*ids, "industrial_sme_value_added_growth_2023"], lang))


# The three effects of §1.2 in the report's order: quality, efficiency, cost.
EFFECTS = (
    ("quality", "quality_above_avg_share", "quality_clearly_above_share"),
    ("efficiency", "efficiency_above_avg_share", "efficiency_clearly_above_share"),
    ("cost", "cost_at_or_below_avg_share", "cost_clearly_below_share"),
)
EFFECT_NAMES = {
    "quality": ("质量（产品合格率）", "Quality (product pass rate)"),
    "efficiency": ("效率（人均营业收入）", "Efficiency (revenue per employee)"),
    "cost": ("成本（每百元营业收入成本）", "Cost (cost per 100 yuan of revenue)"),
}


def effects() -> pd.DataFrame:
    """One row per effect: the 'at least industry average' and the 'clearly better' share."""
    rows = []
    for key, broad, clear in EFFECTS:
        rows.append(
            dict(
                effect=key,
                name_zh=EFFECT_NAMES[key][0],
                name_en=EFFECT_NAMES[key][1],
                at_least_average=data.fact(broad)["value"],
                clearly_better=data.fact(clear)["value"],
                broad_id=broad,
                clear_id=clear,
            )
        )
    return pd.DataFrame(rows)


def effects_chart(lang: str = "zh") -> go.Figure:
    """质量 > 效率 > 成本: shares of transformed SMEs at/above vs clearly better than average."""
    rows = effects()
    en = lang == "en"
    names = rows["name_en" if en else "name_zh"].tolist()
    fig = go.Figure()
    series = [
        (
            "at_least_average",
            "broad_id",
            "At or better than the industry average",
            "达到或优于行业平均",
        ),
        (
            "clearly_better",
            "clear_id",
            "Clearly better than the industry average",
            "明显优于行业平均",
        ),
    ]
    for i, (column, ids, name_en, name_zh) in enumerate(series):
        fig.add_bar(
            name=name_en if en else name_zh,
            y=names,
            x=rows[column].tolist(),
            orientation="h",
            marker_color=[MUTED, PALETTE[0]][i],
            text=[
                f"{qualifier(f, lang)}{v:g}%" for f, v in zip(rows[ids], rows[column], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.0f}%<extra>" + (name_en if en else name_zh) + "</extra>",
        )
    fig.update_layout(
        title=(
            "数字化转型成效：提质最明显，增效次之，降本待挖掘"
            if not en
            else "Effects of transformation: quality first, efficiency second, cost lagging"
        ),
        barmode="group",
        xaxis=dict(title="企业占比（%）" if not en else "Share of firms (%)", range=[0, 115]),
        yaxis=dict(autorange="reversed"),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        margin=dict(t=100),
    )
    ids = [*rows["broad_id"], *rows["clear_id"]]
    return add_source(fig, fact_source(ids, lang, external=True))


# --- drivers and goals (§3.1.1) --------------------------------------------------------------

GOALS_FIGURE = "S3.1.1-goals"
GOALS_BY_INDUSTRY_FIGURE = "S3.1.1-goals-by-industry"


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) if len(text) > width else text


def goals_matrix(lang: str = "zh") -> pd.DataFrame:
    """Industries x goals (the whole sample as the first row); NaN where the report gives none."""
    goals = data.figure(GOALS_FIGURE)
    goals = goals[goals["segment_key"] == ""].sort_values("value", ascending=False)
    label = label_column(lang)
    by_industry = data.figure(GOALS_BY_INDUSTRY_FIGURE)
    segment = "segment_en" if lang == "en" else "segment_zh"
    whole = "Whole sample" if lang == "en" else "全部样本"
    table = by_industry.pivot_table(index=segment, columns="key", values="value", sort=False)
    table = table.reindex(columns=goals["key"].tolist())
    table.loc[whole] = goals.set_index("key")["value"]
    table = table.loc[[whole, *[i for i in table.index if i != whole]]]
    table.columns = pd.Index(goals[label].tolist())
    return table


def goals_heatmap(lang: str = "zh") -> go.Figure:
    """Which goals each industry names (S3.1.1-goals-by-industry) next to the whole sample."""
    table = goals_matrix(lang)
    en = lang == "en"
    blank = "not given" if en else "报告未给出"
    text = [[blank if pd.isna(v) else f"{v:g}%" for v in row] for row in table.to_numpy()]
    z = [[None if pd.isna(v) else float(v) for v in row] for row in table.to_numpy()]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[_wrap(c, 12 if en else 6) for c in table.columns],
            y=table.index.tolist(),
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
        title="不同行业的数字化转型目标" if not en else "Transformation goals by industry",
        xaxis=dict(side="top", tickfont=dict(size=13)),
        yaxis=dict(autorange="reversed"),
        plot_bgcolor="#eeeeee",
        height=HEIGHT + 40,
        margin=dict(t=130),
    )
    note = (
        "; blank = the report gives no number (not zero)"
        if en
        else "；空白 = 报告未给出数字（不等于 0）"
    )
    return add_source(fig, data.source_line(GOALS_BY_INDUSTRY_FIGURE, lang) + note)


# --- reading survey charts (module 00) -------------------------------------------------------


def sample_sizes(lang: str = "zh") -> pd.DataFrame:
    """How many of the report's survey charts state each N in their caption."""
    figures = data.figures()
    figures = figures[figures["n"].notna() & (figures["kind"] == "chart")]
    grouped = figures.groupby("n", sort=True)["figure_id"].apply(list).reset_index()
    grouped["count"] = grouped["figure_id"].apply(len)
    return grouped.sort_values("n", ascending=False).reset_index(drop=True)


def sample_sizes_chart(lang: str = "zh") -> go.Figure:
    """Counts of charts per stated N (500, 494, 404, 249) — the base differs between questions."""
    rows = sample_sizes(lang)
    en = lang == "en"
    fig = go.Figure(
        go.Bar(
            x=[f"N={int(n)}" for n in rows["n"]],
            y=rows["count"].tolist(),
            marker_color=PALETTE[0],
            text=rows["count"].tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=[", ".join(ids) for ids in rows["figure_id"]],
            hovertemplate=(
                "%{x}: %{y} " + ("charts" if en else "张图") + "<br>%{customdata}<extra></extra>"
            ),
            width=0.55,
        )
    )
    fig.update_layout(
        title="各图标注的样本量 N" if not en else "Sample size N stated by each chart",
        xaxis=dict(title="样本量" if not en else "Sample size", type="category"),
        yaxis=dict(
            title="图表数量" if not en else "Number of charts",
            range=[0, rows["count"].max() * 1.25],
        ),
    )
    source = (
        f"Source: {REPORT_TITLE_EN}, the N printed in each figure caption (counted by this course)"
        if en
        else f"数据来源：{REPORT_TITLE_ZH}各图标题所注 N（本课程统计）"
    )
    return add_source(fig, source)


DEFAULT_SUM_FIGURES = ("2.2.2", "2.1.1", "2.1.2", "3.3.1.1", "3.2.2.1", "3.3.2.1")


def share_sums(figure_ids=DEFAULT_SUM_FIGURES) -> pd.DataFrame:
    """Sum of the whole-sample shares the report gives for each figure, with its choice type."""
    rows = []
    for figure_id in figure_ids:
        info = data.figure_info(figure_id)
        values = data.figure(figure_id)
        values = values[values["segment_key"] == ""]
        rows.append(
            dict(
                figure_id=figure_id,
                title_zh=info["title_zh"],
                title_en=info["title_en"],
                choice=info["choice"],
                complete=bool(info["complete"]),
                options=len(values),
                total=round(float(values["value"].sum()), 1),
                n=None if pd.isna(info["n"]) else int(info["n"]),
            )
        )
    return pd.DataFrame(rows)


def share_sums_chart(figure_ids=DEFAULT_SUM_FIGURES, lang: str = "zh") -> go.Figure:
    """Single-choice figures add up to 100 %, multiple-choice ones need not: the sums side by side."""
    rows = share_sums(figure_ids)
    en = lang == "en"
    kind = {"single": ("单选", "single choice"), "multi": ("多选", "multiple choice")}
    fig = go.Figure()
    for i, choice in enumerate(["single", "multi"]):
        group = rows[rows["choice"] == choice]
        if group.empty:
            continue
        name = kind[choice][1 if en else 0]
        fig.add_bar(
            name=name,
            x=[f"{'Fig.' if en else '图'} {f}" for f in group["figure_id"]],
            y=group["total"].tolist(),
            marker_color=[PALETTE[0], PALETTE[1]][i],
            text=[f"{t:g}%" for t in group["total"]],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    group["title_en" if en else "title_zh"],
                    group["options"],
                    group["n"].fillna(0).astype(int),
                    strict=True,
                )
            ),
            hovertemplate=(
                "%{customdata[0]}<br>"
                + (
                    "%{customdata[1]} options given, N=%{customdata[2]}"
                    if en
                    else "报告给出 %{customdata[1]} 个选项，N=%{customdata[2]}"
                )
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
        title=(
            "各选项占比之和：单选题 = 100%，多选题可以超过 100%"
            if not en
            else "Sum of the option shares: single choice = 100%, multiple choice can exceed it"
        ),
        yaxis=dict(
            title="占比之和（%）" if not en else "Sum of shares (%)",
            range=[0, rows["total"].max() * 1.2],
        ),
        xaxis=dict(type="category"),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right"),
        margin=dict(t=100),
    )
    source = (
        f"Source: {REPORT_TITLE_EN}, figures {', '.join(rows['figure_id'])} (sums by this course)"
        if en
        else f"数据来源：{REPORT_TITLE_ZH}图 {'、'.join(rows['figure_id'])}（求和为本课程计算）"
    )
    return add_source(fig, source)
