"""Charts of modules 00 and 01: data from smedx.data, a source line on each, gaps shown as gaps."""

import math

import pandas as pd
import pytest

from smedx import data, derived
from smedx.charts import context


def source_of(fig) -> str:
    return fig.layout.annotations[-1].text


CHARTS = [
    context.policy_timeline,
    context.policy_table,
    context.smedi_chart,
    context.xiaojuren_chart,
    context.effects_chart,
    context.goals_heatmap,
    context.sample_sizes_chart,
    context.share_sums_chart,
]


@pytest.mark.parametrize("build", CHARTS, ids=[c.__name__ for c in CHARTS])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_a_source_line_and_a_title(build, lang):
    fig = build(lang=lang)
    assert source_of(fig).startswith("数据来源：" if lang == "zh" else "Source:")
    assert fig.layout.title.text and fig.data


def test_effects_chart_values_qualifiers_and_external_source():
    fig = context.effects_chart()
    broad, clear = fig.data
    ids = [c for _e, b, c in derived.EFFECTS]
    assert list(clear.x) == [data.fact(c)["value"] for c in ids]
    assert list(broad.x) == [data.fact(b)["value"] for _e, b, _c in derived.EFFECTS]
    assert broad.text[0].startswith(">") and clear.text[0].startswith("约")  # 超过 95%, 约 30%
    assert "中国工业互联网研究院" in source_of(fig) and "非本报告调研" in source_of(fig)
    assert "not the report's own survey" in source_of(context.effects_chart(lang="en"))


def test_smedi_chart_shows_both_measures():
    fig = context.smedi_chart()
    y2022, y2023 = data.fact("smedi_2022")["value"], data.fact("smedi_2023")["value"]
    assert list(fig.data[0].y) == [y2022, y2023]
    texts = " ".join(a.text for a in fig.layout.annotations)
    # m01.smedi_gap asks for the difference right after this chart: it is not printed
    assert f"{round(y2023 - y2022, 1):g} 点" not in texts and "？点" in texts
    assert f"累计上升 {data.fact('smedi_cumulative_rise_2023')['value']:g} 点" in texts
    assert fig.layout.yaxis.range[0] > 0 and "不从 0 开始" in fig.layout.yaxis.title.text
    assert "中国中小企业协会" in source_of(fig)


def test_xiaojuren_chart_bars_are_gaps():
    fig = context.xiaojuren_chart()
    assert list(fig.data[0].y) == [
        data.fact("xiaojuren_revenue_growth_gap")["value"],
        data.fact("xiaojuren_profit_growth_gap")["value"],
    ]
    assert "个百分点" in fig.data[0].text[0]


def test_goals_heatmap_blank_is_not_zero():
    table = derived.goals_matrix()
    assert table.index[0] == ""  # the whole sample first
    whole = data.figure("S3.1.1-goals")
    assert table.iloc[0].tolist() == sorted(whole["value"], reverse=True)
    by_industry = data.figure("S3.1.1-goals-by-industry")
    assert int(table.iloc[1:].notna().sum().sum()) == len(by_industry)
    fig = context.goals_heatmap()
    z, text = fig.data[0].z, fig.data[0].text
    blanks = [(i, j) for i, row in enumerate(z) for j, v in enumerate(row) if v is None]
    assert blanks and all(text[i][j] == "报告未给出" for i, j in blanks)
    assert fig.data[0].y[0] == "全部样本"
    assert "不等于 0" in source_of(fig)


def test_policy_timeline_dated_rows_and_undated_note():
    rows = derived.policies()
    dated = rows[rows["when"].notna()]
    fig = context.policy_timeline()
    assert sum(len(t.x) for t in fig.data) == len(dated)
    assert {t.meta for t in fig.data} <= set(derived.PILLARS)
    undated = len(rows) - len(dated)
    assert f"另有 {undated} 项" in fig.layout.annotations[0].text
    # a year without a month is drawn open and said so
    year_only = dated[dated["year_only"]]
    assert not year_only.empty
    trace = next(t for t in fig.data if year_only["policy_id"].iloc[0] in t.customdata)
    assert (
        "open" in trace.marker.symbol[list(trace.customdata).index(year_only["policy_id"].iloc[0])]
    )
    assert all(p == "local" for p in rows[rows["level"] == "local"]["pillar"])


def test_policy_timeline_highlight():
    target = "miit_2022_sme_dx_guide"
    fig = context.policy_timeline(highlight=target)
    sizes = {
        pid: size for t in fig.data for pid, size in zip(t.customdata, t.marker.size, strict=True)
    }
    assert sizes[target] > max(s for pid, s in sizes.items() if pid != target)


def test_policy_table_lists_the_undated():
    rows = derived.policies()
    fig = context.policy_table()
    assert len(fig.data[0].cells.values[2]) == int(rows["when"].isna().sum())
    assert len(context.policy_table(dated=None).data[0].cells.values[0]) == len(rows)


def test_share_sums_single_is_100_multi_exceeds():
    sums = derived.share_sums()
    single = sums[(sums["choice"] == "single") & sums["complete"]]
    assert not single.empty and all(math.isclose(t, 100, abs_tol=0.2) for t in single["total"])
    assert all(sums[sums["choice"] == "multi"]["total"] > 100)
    fig = context.share_sums_chart()
    assert {t.name for t in fig.data} == {"单选", "多选"}


def test_sample_sizes_count_the_chart_captions():
    sizes = derived.sample_sizes()
    figures = data.figures()
    charts = figures[(figures["kind"] == "chart") & figures["n"].notna()]
    assert sizes["count"].sum() == len(charts)
    assert set(sizes["n"]) == set(charts["n"])
    assert sizes.iloc[sizes["count"].idxmax()]["n"] == charts["n"].mode().iloc[0]


def test_effects_table_matches_facts():
    table = derived.effects()
    assert isinstance(table, pd.DataFrame) and list(table["effect"]) == [
        "quality",
        "efficiency",
        "cost",
    ]
