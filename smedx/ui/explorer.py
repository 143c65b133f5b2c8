"""Browse one figure of the report by segment: a dropdown and a chart that updates in place."""

from __future__ import annotations

import ipywidgets as w
import plotly.graph_objects as go

from smedx import charts, data


class FigureExplorer(w.VBox):
    """``FigureExplorer("3.1.2.1")``: pick 全部 / 2023 / 2024 / an industry, the bars follow."""

    def __init__(self, figure_id: str, lang: str = "zh"):
        self.figure_id, self.lang = figure_id, lang
        rows = data.figure(figure_id)
        segment_col = "segment_en" if lang == "en" else "segment_zh"
        segments = rows[["segment_key", segment_col]].drop_duplicates()
        options = [
            ("全部样本 / whole sample" if key == "" else name, key)
            for key, name in segments.itertuples(index=False)
        ]
        self.segment = w.Dropdown(options=options, value=options[0][1], description="细分 Segment")
        self.figure = go.FigureWidget(charts.bar(figure_id, segment_key=options[0][1], lang=lang))
        self.segment.observe(self._update, names="value")
        super().__init__([self.segment, self.figure] if len(options) > 1 else [self.figure])

    def _update(self, change) -> None:
        fresh = charts.bar(self.figure_id, segment_key=change["new"], lang=self.lang)
        with self.figure.batch_update():
            bar = self.figure.data[0]
            bar.x, bar.y = fresh.data[0].x, fresh.data[0].y
            bar.text, bar.marker.color = fresh.data[0].text, fresh.data[0].marker.color
            bar.customdata = fresh.data[0].customdata
            self.figure.layout.xaxis.range = fresh.layout.xaxis.range
            self.figure.layout.height = fresh.layout.height
