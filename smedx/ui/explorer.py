"""Browse one figure of the report by segment: a dropdown and a chart that follows it."""

from __future__ import annotations

import ipywidgets as w

from smedx import charts, data
from smedx.i18n import _, language, using
from smedx.ui.chart import ChartView
from smedx.ui.report_explorer import WHOLE


class FigureExplorer(w.VBox):
    """``FigureExplorer("3.1.2.1")``: pick the whole sample, 2023, 2024 or an industry, the bars
    follow (in the current language unless ``lang`` says otherwise)."""

    def __init__(self, figure_id: str, lang: str | None = None):
        lang = lang or language()
        self.figure_id, self.lang = figure_id, lang
        rows = data.figure(figure_id)
        segment_col = "segment_en" if lang == "en" else "segment_zh"
        segments = rows[["segment_key", segment_col]].drop_duplicates()
        with using(lang):
            whole, described = _(WHOLE), _("Segment")
        options = [
            (whole if key == "" else name, key) for key, name in segments.itertuples(index=False)
        ]
        # Every segment's figure and JSON are prepared once: a change only swaps them.
        self._views = {}
        for _name, key in options:
            figure = charts.bar(figure_id, segment_key=key, lang=lang)
            self._views[key] = (figure, ChartView.encode(figure))
        self.segment = w.Dropdown(options=options, value=options[0][1], description=described)
        self.figure = ChartView(*self._views[options[0][1]])
        self.segment.observe(self._update, names="value")
        super().__init__([self.segment, self.figure] if len(options) > 1 else [self.figure])

    def _update(self, change) -> None:
        self.figure.update(*self._views[change["new"]])
