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
        # Prepare every segment's arrays once, so a change only sends what differs (one diff).
        self._views = {}
        for _name, key in options:
            fig = charts.bar(figure_id, segment_key=key, lang=lang)
            bar = fig.data[0]
            self._views[key] = (
                fig,
                {
                    "x": [list(bar.x)],
                    "y": [list(bar.y)],
                    "text": [list(bar.text)],
                    "marker.color": [list(bar.marker.color)],
                },
                {"xaxis.range": list(fig.layout.xaxis.range), "height": fig.layout.height},
            )
        self.segment = w.Dropdown(options=options, value=options[0][1], description="细分 Segment")
        self.figure = go.FigureWidget(self._views[options[0][1]][0])
        self._shown = self._views[options[0][1]]
        self.segment.observe(self._update, names="value")
        super().__init__([self.segment, self.figure] if len(options) > 1 else [self.figure])

    def _update(self, change) -> None:
        _fig, restyle, relayout = view = self._views[change["new"]]
        _old, old_restyle, old_relayout = self._shown
        self.figure.plotly_update(
            restyle_data={k: v for k, v in restyle.items() if old_restyle[k] != v},
            relayout_data={k: v for k, v in relayout.items() if old_relayout[k] != v},
        )
        self._shown = view
