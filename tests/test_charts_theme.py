"""The kit's plotly template: plotly_white with the kit's changes, built without plotly's merge."""

import re
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from smedx import charts

SMEDX = Path(charts.__file__).resolve().parents[1]


def test_theme_is_plotly_white_with_the_kits_changes():
    charts.use_theme()
    ours = pio.templates[charts.TEMPLATE].to_plotly_json()
    reference = pio.templates.merge_templates("plotly_white", {"layout": charts.THEME})
    reference = reference.to_plotly_json()
    assert ours["layout"] == reference["layout"]
    assert ours["layout"]["font"]["family"] == charts.FONT
    assert ours["data"] == {kind: reference["data"][kind] for kind in charts.TRACE_TYPES}
    assert pio.templates.default == charts.TEMPLATE


def test_every_trace_type_the_kit_draws_keeps_its_defaults():
    trace_types = set(go.layout.template.Data()._valid_props)
    used = set()
    for path in SMEDX.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", text)}
        used |= set(re.findall(r"\.add_(\w+)\(", text))
    used &= trace_types
    assert {"bar", "scatter"} <= used  # the scan finds the kit's charts
    assert used <= set(charts.TRACE_TYPES)
