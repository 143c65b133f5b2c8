"""The apps' own components: the report explorer, the cohort dashboard and the plan's HTML export."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import plotly.graph_objects as go
import pytest

from smedx import data
from smedx.errors import KitError
from smedx.i18n import using
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import STAGE_ORDER, CompanyProfile
from smedx.models.plan import build_plan
from smedx.models.vendors import Vendor, example_vendors, score_vendors
from smedx.ui.chart import ChartView
from smedx.ui.cohort import MIN_GROUP, CohortDashboard
from smedx.ui.plan_export import plan_file, plan_html
from smedx.ui.report_explorer import ReportExplorer, explorable_figures, rows_csv
from smedx.ui.session import Session


def plotted(view) -> dict:
    """The plotly JSON a ChartView sends to the browser."""
    return json.loads(view.spec)


# --- the chart widget ---------------------------------------------------------------------------


def test_chart_view_sends_figure_json_and_no_plotly_js():
    view = ChartView(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    sent = plotted(view)
    assert sent["data"][0]["y"] == [1, 2] and sent["config"] == {"displaylogo": False}
    # plotly.js (~5 MB) comes from the page, not the widget (the widget's own code, which fits
    # each drawing to its width, is ~12 kB)
    assert len(view._esm) < 16_000


def test_chart_view_batch_update_sends_once():
    view = ChartView(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
    sent = []
    view.observe(lambda change: sent.append(json.loads(change["new"])), names="spec")
    with view.batch_update():
        view.data[0].y = [3, 4]
        view.figure.layout.title.text = "新 New"
    assert len(sent) == 1
    assert sent[0]["data"][0]["y"] == [3, 4] and sent[0]["layout"]["title"]["text"] == "新 New"


# --- report explorer ----------------------------------------------------------------------------


def test_chart_view_fits_the_left_margin_to_horizontal_bar_labels():
    def margin(fig) -> int | None:
        return plotted(ChartView(fig))["layout"].get("margin", {}).get("l")

    labels = ["一二三四五六", "abc"]
    fig = go.Figure(go.Bar(x=[1, 2], y=labels, orientation="h"))
    fig.update_layout(font_size=15)
    assert margin(fig) == 6 * 15 + 16  # one em per CJK character, plus room for the tick
    assert fig.layout.margin.l is None  # the figure itself is left as it was
    fig.update_layout(margin_l=300)
    assert margin(fig) == 300  # a wider margin of the chart's own is kept
    fig.update_layout(margin_l=None, yaxis_title="行业")
    assert margin(fig) is None  # a y-axis title needs more room: left to plotly
    assert margin(go.Figure(go.Bar(x=labels, y=[1, 2]))) is None  # vertical bars


def test_explorer_offers_every_figure_with_values():
    ids = explorable_figures()
    assert set(ids) == set(data.values()["figure_id"])
    assert ids[0] == data.figure_ids()[[f in ids for f in data.figure_ids()].index(True)]


def test_explorer_filters_by_segment_and_redraws():
    explorer = ReportExplorer("2.2.2")
    first = plotted(explorer.figure)["data"][0]
    explorer.show("3.1.2.1", "2024")
    second = plotted(explorer.figure)["data"][0]
    rows = data.figure("3.1.2.1")
    rows = rows[rows["segment_key"] == "2024"]
    assert first["y"] != second["y"] and len(second["x"]) == len(rows)
    assert sorted(second["x"]) == sorted(rows["value"].tolist())
    assert "2024" in plotted(explorer.figure)["layout"]["title"]["text"]
    assert "52.2%" in explorer.table.value and "N" in explorer.table.value
    with pytest.raises(KitError):
        explorer.show("3.1.2.1", "no-such-segment")
    with pytest.raises(KitError):
        explorer.show("9.9.9")


def test_explorer_shows_a_charts_value_list_as_separate_values():
    rows = data.figure("2.1.1")
    quote = rows.loc[rows["key"] == "2_3", "quote"].iloc[0]
    assert quote == "40.3%50.4%7.5%0.8%1.0%"  # the PDF text runs the chart's values together
    table = ReportExplorer("2.1.1").table.value
    assert quote not in table and "图中数值：40.3% · 50.4% · 7.5%" in table
    with using("en"):
        table = ReportExplorer("2.1.1").table.value
    assert "Values in the chart: 40.3% · 50.4%" in table and "图中数值" not in table
    assert "仅有极少数中小企业（1.2%）尚未开始" in ReportExplorer("2.2.2").table.value


@pytest.mark.parametrize("figure_id", explorable_figures())
def test_every_figure_draws_and_exports(figure_id):
    explorer = ReportExplorer(figure_id)
    for _label, key in explorer.segment.options:
        explorer.segment.value = key
        assert plotted(explorer.figure)["layout"]["height"] > 0
        assert explorer.message.value == ""
    name, mime, payload = explorer.download.make()
    assert name.startswith(f"smedx-figure-{figure_id}") and mime == "text/csv"
    text = payload.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert table and all(r["figure_id"] == figure_id and r["quote"] for r in table)
    assert table[0]["source_zh"].startswith("数据来源")


def test_csv_values_are_the_report_values():
    table = list(csv.DictReader(io.StringIO(rows_csv("2.2.2", ""))))
    assert {r["key"]: float(r["value"]) for r in table}["single_point"] == data.stat(
        "2.2.2", "single_point"
    ).value


# --- cohort dashboard ---------------------------------------------------------------------------


def test_cohort_charts_share_a_row_on_a_laptop_screen():
    """Each chart has a fixed widget width (an Output alone spans the row), two fit in 1366 px."""
    board = CohortDashboard()
    widths = [view.layout.width for view in (board.stage_figure, board.spend_figure)]
    assert all(w and w.endswith("px") for w in widths), widths
    assert sum(int(w[:-2]) for w in widths) < 1366 - 60
    assert board.stage_figure.figure.layout.width <= int(widths[0][:-2])


def results_file(option: int, size_band: str | None = "le100", share: float | None = 1.5) -> bytes:
    items = questionnaire().items
    answers = {it.id: it.options[min(option, len(it.options) - 1)].id for it in items}
    profile = CompanyProfile(industry="retail", size_band=size_band, investment_share=share)
    return Session({"assessment": assess(answers, profile)}).to_json().encode("utf-8")


def test_cohort_suppresses_small_classes_and_groups():
    board = CohortDashboard()
    files = [(f"learner{i}.json", results_file(i % 4)) for i in range(MIN_GROUP - 1)]
    assert board.add_files(files) == []
    assert len(board.members) == MIN_GROUP - 1
    assert set(plotted(board.stage_figure)["data"][1]["x"]) == {0.0}  # hidden below 5
    assert "少于" in board.summary.value
    with pytest.raises(KitError):
        board.download.producer()
    board.add_files([("learner-last.json", results_file(3, size_band="101_300"))])
    shares = plotted(board.stage_figure)["data"][1]["x"]
    assert abs(sum(shares) - 100) < 0.5
    counts = set(board.members["stage"])
    assert all(
        (share > 0) == (stage in counts) for stage, share in zip(STAGE_ORDER, shares, strict=True)
    )
    table = board.csv()
    assert "stage,class" in table
    # the size band "101_300" holds one company: never shown, never exported
    assert "101_300" not in table and "le100" not in table  # le100 has 4 < 5 too
    assert "suppressed" in board.groups.value


def test_cohort_refuses_tampered_and_counts_duplicates_once():
    board = CohortDashboard()
    good = results_file(2)
    document = json.loads(good)
    document["results"]["assessment"]["stage"] = "innovation"
    refused = board.add_files(
        [
            ("a.json", good),
            ("a-again.json", good),
            ("edited.json", json.dumps(document).encode()),
            ("notes.txt", b"hello"),
            ("vendors-only.json", b'{"kind": "smedx_session", "schema_version": 1, "results": {}}'),
        ]
    )
    assert [name for name, _err in refused] == ["edited.json", "notes.txt", "vendors-only.json"]
    assert len(board.members) == 1
    assert "edited.json" in board.message.value and "只计一次" in board.message.value


def test_cohort_keeps_no_revenue():
    board = CohortDashboard()
    board.add_files([("learner.json", results_file(1))])
    assert "revenue_10k_cny" not in board.members and board.members.at[0, "band"] == "1_2"


# --- the plan as one HTML file ------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan():
    items = questionnaire().items
    answers = {it.id: it.options[1].id for it in items}
    result = assess(answers, CompanyProfile(industry="retail"))
    vendors = list(example_vendors())
    vendors[0] = Vendor.from_dict(
        {**vendors[0].to_dict(), "name": "</script><script>alert(1)</script><b>甲</b>"}
    )
    ranking = score_vendors(vendors, None, "weighted_sum")
    return build_plan(
        result,
        None,
        ranking,
        None,
        revenue_10k_cny=5000,
        budget_share=1.5,
        target_stage=None,
        horizon_months=12,
    )


class Checker(HTMLParser):
    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()


def test_plan_html_is_self_contained(plan):
    html = plan_html(plan)
    checker = Checker()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []
    for tag, attrs in checker.tags:
        for attr in ("src", "href"):
            assert not attrs.get(attr), f"<{tag} {attr}={attrs.get(attr)}> would need a network"
    assert sum(1 for tag, _a in checker.tags if tag == "script") == 4  # plotly.js once + 3 charts
    assert html.count("Plotly.newPlot(") == 3
    assert len(re.findall(r"plotly\.js v\d", html)) == 1  # the library's banner, once
    assert "@page" in html and "@media print" in html and 'lang="zh-CN"' in html


def test_plan_html_escapes_what_users_typed(plan):
    html = plan_html(plan)
    assert "<script>alert(1)" not in html and "<b>甲</b>" not in html
    assert "&lt;b&gt;甲&lt;/b&gt;" in html


def test_plan_html_has_every_part_in_one_language(plan):
    from html import escape

    from lang_check import english_words, stray_han

    from smedx.i18n import using

    html = plan_html(plan, charts_included=False)
    for heading in ("<h2>概要", "<h2>时间表", "<h2>预算", "<h2>关键指标", "<h2>外部帮助"):
        assert heading in html
    for quarter in plan.timeline:
        assert f"第 {quarter.index} 季度" in html
    assert f"{plan.budget.amount_10k_cny:g} 万元" in html
    with using("en"):
        english = plan_html(plan, charts_included=False)
    assert '<html lang="en">' in english and "<h2>Summary</h2>" in english
    assert "Quarter 1" in english and "10k CNY" in english
    # vendor names are what the user typed (Chinese here); every other text is one language
    names = [v.name for v in plan.vendors]
    for page, foreign in ((html, english_words), (english, stray_han)):
        text = re.sub(r"<style>.*?</style>|<[^>]+>", "\n", page, flags=re.S)
        for name in names:
            text = text.replace(escape(name), "")
        assert not [line for line in text.splitlines() if foreign(line)]
    name, mime, payload = plan_file(plan)
    assert name.endswith(".html") and mime == "text/html" and payload.startswith(b"<!DOCTYPE html>")
    with pytest.raises(KitError):
        plan_html(None)
