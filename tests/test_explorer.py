"""FigureExplorer: choosing a segment redraws the bars with that segment's report values."""

import json

from smedx import data
from smedx.ui.explorer import FigureExplorer


def test_segment_change_updates_the_chart_in_place():
    explorer = FigureExplorer("3.1.2.1")
    figure = explorer.figure
    explorer.segment.value = "2024"
    rows = data.figure("3.1.2.1")
    expected = rows[rows["segment_key"] == "2024"].sort_values("value")
    assert list(figure.data[0].x) == expected["value"].tolist()
    assert list(figure.data[0].y) == expected["label_zh"].tolist()
    explorer.segment.value = "it_services"
    it = rows[rows["segment_key"] == "it_services"]
    assert sorted(figure.data[0].x) == sorted(it["value"].tolist())
    assert explorer.figure is figure  # same widget, updated, not re-created
    shown = json.loads(figure.spec)
    assert shown["data"][0]["x"] == list(figure.data[0].x)  # what the browser gets


def test_whole_sample_figure_has_no_dropdown_and_a_source_line():
    explorer = FigureExplorer("2.2.2")
    assert explorer.children == (explorer.figure,)
    notes = [a.text for a in explorer.figure.figure.layout.annotations]
    assert any("图 2.2.2" in t and "N=500" in t for t in notes)
