"""HTML to PDF and charts to PNG with the Debian Chromium (smedx.printing)."""

from __future__ import annotations

import io

import plotly.graph_objects as go
import pypdf
import pytest
from pdf_text import pages_text
from PIL import Image

from smedx import charts
from smedx.errors import KitError
from smedx.printing import figure_to_png, html_to_pdf

A4_POINTS = (595, 842)


def test_html_prints_to_an_a4_pdf_with_its_chinese_text(tmp_path):
    html = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:15mm}"
        ".next{break-before:page}</style></head>"
        "<body><h1>数字化转型讲义</h1><p class='next'>第二页 page two</p></body></html>"
    )
    out = html_to_pdf(html, tmp_path / "deep" / "handout.pdf")
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == A4_POINTS
    text = pages_text(out)
    assert "数字化转型讲义" in text[0]
    assert "第二页" in text[1]
    assert list(tmp_path.joinpath("deep").iterdir()) == [out]  # no temporary file left


def test_a_chart_becomes_a_picture_of_its_bars(tmp_path):
    charts.use_theme()
    # A title holding "</script>" must not end the page's script early.
    fig = go.Figure(go.Bar(x=[1, 3], y=["甲", "乙"], orientation="h", marker_color="#0068b7"))
    fig.update_layout(title="</script><b>图</b>")
    out = figure_to_png(fig, tmp_path / "chart.png", width=600, height=400)
    image = Image.open(io.BytesIO(out.read_bytes())).convert("RGB")
    assert image.size == (600, 400)
    blue = sum(1 for r, g, b in image.get_flattened_data() if b > 150 and r < 60 and 80 < g < 130)
    assert blue > 5000, "the bars were not drawn"


def test_a_missing_browser_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("SMEDX_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(KitError) as err:
        html_to_pdf("<p>x</p>", tmp_path / "x.pdf")
    assert "SMEDX_CHROMIUM" in err.value.zh and "SMEDX_CHROMIUM" in err.value.en
    assert not (tmp_path / "x.pdf").exists()
