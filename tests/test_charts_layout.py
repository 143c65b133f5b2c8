"""Chart layouts that read cleanly at the kit's own sizes: no name under a marker, no scale
across a dimension's name, upright month labels, a source line that fits (issue #13 item 7).
The browser tests check the drawn charts; these check the figures the kit builds."""

from __future__ import annotations

import pytest

from smedx import charts
from smedx.charts import assessment as ca
from smedx.charts import genai as cg
from smedx.charts import plan as cp
from smedx.ui.genai import GenAICanvas
from smedx.ui.plan import PlanBuilder


@pytest.fixture(scope="module", autouse=True)
def theme():
    charts.use_theme()


def test_quadrant_names_stand_clear_of_every_possible_point():
    fig = GenAICanvas().figure.figure
    names = [a for a in fig.layout.annotations if a.yshift is None]  # not the source line
    assert len(names) == 4
    # scores run 0-100, spread by SPREAD; markers and the pilots' numbers need a few more units
    for name in names:
        assert name.y >= 100 + cg.SPREAD + 12 or name.y <= -cg.SPREAD - 12, name.text
    assert fig.layout.yaxis.range[0] < min(a.y for a in names)
    assert fig.layout.yaxis.range[1] > max(a.y for a in names)
    assert fig.layout.xaxis.range[1] >= 100 + cg.SPREAD + 10  # a pilot's number at its right
    assert list(fig.layout.yaxis.tickvals) == cg.TICKS  # no tick at the bands' -20 or 120


def test_quadrant_source_line_has_its_own_line():
    fig = GenAICanvas().figure.figure
    source = fig.layout.annotations[-1].text
    assert "<br>数据来源" in source


def test_radar_scale_lies_between_two_dimensions_and_has_no_zero():
    polar = ca.radar(None).layout.polar
    # dimensions stand at 0, 90, 180 and 270 degrees: the scale on a diagonal stays off them
    assert polar.radialaxis.angle % 90 == 45
    assert "0%" not in polar.radialaxis.ticktext
    margin = ca.radar(None).layout.margin
    assert margin.l >= 80 and margin.r >= 80  # a five-character name beside the circle


@pytest.mark.parametrize("months", [12, 18, 24])
def test_plan_timeline_month_labels_are_few_short_and_upright(months):
    builder = PlanBuilder(example=True, revenue_10k_cny=1000.0, budget_share=1.0)
    builder.horizon.value = months
    builder.build()
    fig = cp.timeline(builder.result)
    axis = fig.layout.xaxis
    assert axis.tickangle == 0
    assert len(axis.ticktext) <= 12
    assert all(t.isdigit() for t in axis.ticktext)  # "1月" read as January
    assert axis.ticktext[0] == "1"
    assert fig.layout.uniformtext.mode == "hide"  # never shrunk below a readable size
    longest = max(len(t) for trace in fig.data for t in (trace.text or ()))
    assert longest <= max(4, cp.TEXT_CHARS * 12 // months)


def test_bar_axis_leaves_room_for_the_label_of_a_bar_near_100():
    fig = charts.bar("S2.2-started")
    top = max(max(t.x) for t in fig.data)
    assert top > 90  # 98.8 % have started: its "98.8%" label is drawn past the bar's end
    assert fig.layout.xaxis.range[1] >= top + 12
