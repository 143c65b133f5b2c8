"""The report explorer (报告数据浏览): every figure of the report with survey values, filtered by
segment, as a chart and a table, with the shown rows downloadable as CSV (with provenance).

Every number comes from :mod:`smedx.data`; the chart is :func:`smedx.charts.bar` in a
:class:`~smedx.ui.chart.ChartView` (plotly JSON, no plotly.js copy per chart).

    ReportExplorer()                 # starts on figure 2.2.2 (the stage distribution)
    ReportExplorer("3.1.2.1")
"""

from __future__ import annotations

import io
import re
from html import escape

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from smedx import charts, data
from smedx.errors import KitError
from smedx.i18n import N_, _, language, using
from smedx.typography import section_ref
from smedx.ui.browser import DownloadButton
from smedx.ui.chart import ChartView
from smedx.ui.messages import error_html

WHOLE = N_("whole sample")
# segment type -> its name (shown with _())
SEGMENT_KINDS = {
    "year": N_("year"),
    "industry": N_("industry"),
    "size_band": N_("employees"),
    "enterprise_type": N_("type"),
    "investment_band": N_("investment"),
    "revenue_band": N_("revenue"),
}
CHART_WIDTH = 700
CSV_COLUMNS = [
    "figure_id",
    "segment_type",
    "segment_key",
    "segment_zh",
    "segment_en",
    "key",
    "label_zh",
    "label_en",
    "value",
    "n",
    "section",
    "quote",
]


def explorable_figures() -> list[str]:
    """Figure ids that have survey values (charts and prose statistics), in report order."""
    with_values = set(data.values()["figure_id"])
    return [fid for fid in data.figure_ids() if fid in with_values]


def figure_options(lang: str | None = None) -> list[tuple[str, str]]:
    lang = lang or language()
    info = data.figures().set_index("figure_id")
    options = []
    for fid in explorable_figures():
        title = info.at[fid, "title_en" if lang == "en" else "title_zh"]
        section = section_ref(info.at[fid, "section"], lang)
        prefix = (
            ("Figure {id}" if lang == "en" else "图 {id}").format(id=fid)
            if info.at[fid, "kind"] == "chart"
            else section
        )
        options.append((f"{prefix} · {title}", fid))
    return options


def segment_options(figure_id: str, lang: str | None = None) -> list[tuple[str, str]]:
    lang = lang or language()
    rows = data.figure(figure_id)
    name_col = "segment_en" if lang == "en" else "segment_zh"
    options = []
    segments = rows[["segment_key", name_col, "segment_type"]].drop_duplicates()
    with using(lang):
        for key, name, kind in segments.itertuples(index=False):
            if key == "":
                options.append((_(WHOLE), ""))
            else:
                kind_name = _(SEGMENT_KINDS[kind]) if kind in SEGMENT_KINDS else kind
                label = _("{segment} ({kind})").format(segment=name, kind=kind_name)
                options.append((label, key))
    options.sort(key=lambda o: o[1] != "")  # the whole sample first
    return options


def shown_rows(figure_id: str, segment_key: str) -> pd.DataFrame:
    rows = data.figure(figure_id)
    return rows[rows["segment_key"] == segment_key].reset_index(drop=True)


def rows_csv(figure_id: str, segment_key: str) -> str:
    """The shown rows as CSV, each with its provenance, and the source line at the end."""
    rows = shown_rows(figure_id, segment_key)[CSV_COLUMNS].copy()
    rows["source_zh"] = data.source_line(figure_id, "zh")
    rows["source_en"] = data.source_line(figure_id, "en")
    out = io.StringIO()
    rows.to_csv(out, index=False)
    return out.getvalue()


# A quote that is only a chart's value list: the PDF text runs the values together
PERCENT = r"\d+(?:\.\d+)?%"
VALUE_LIST = re.compile(f"(?:{PERCENT}){{2,}}")


def shown_quote(quote: str) -> str:
    """The quote as a reader sees it: a chart's run-together value list is split and named; words
    come with the kit's translation on an English page."""
    if VALUE_LIST.fullmatch(quote):
        return _("Values in the chart: ") + " · ".join(re.findall(PERCENT, quote))
    return data.translated_quote(quote) if data.quote_translation(quote) else quote


def table_html(figure_id: str, segment_key: str, lang: str | None = None) -> str:
    lang = lang or language()
    with using(lang):
        return _table_html(figure_id, segment_key, lang)


def _table_html(figure_id: str, segment_key: str, lang: str) -> str:
    rows = shown_rows(figure_id, segment_key)
    info = data.figure_info(figure_id)
    if info["choice"] != "single":
        rows = rows.sort_values("value", ascending=False)
    body = "".join(
        "<tr>"
        f"<td>{escape(str(r.label_en if lang == 'en' else r.label_zh))}</td>"
        f"<td style='text-align:right'><b>{r.value:g}%</b></td>"
        f"<td style='text-align:right'>{'' if pd.isna(r.n) else int(r.n)}</td>"
        f"<td style='color:#555;font-size:85%'>{escape(shown_quote(str(r.quote)))}</td>"
        "</tr>"
        for r in rows.itertuples(index=False)
    )
    notes = data.figure_note(figure_id, lang)
    option, share, quoted = _("Option"), _("Share %"), _("Report text")
    return (
        "<div class='smedx-table' style='max-height:380px;overflow:auto'>"
        "<table style='border-collapse:collapse;width:100%'>"
        "<thead><tr style='position:sticky;top:0;background:#f3f6f9'>"
        f"<th style='text-align:left'>{escape(option)}</th><th>{escape(share)}</th>"
        f"<th>N</th><th style='text-align:left'>{escape(quoted)}</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
        f"<div style='color:#555;font-size:90%;margin-top:4px'>"
        f"{escape(data.source_line(figure_id, lang))}</div>"
        + (f"<div style='color:#8a5a00;font-size:88%'>ℹ {escape(notes)}</div>" if notes else "")
    )


class ReportExplorer(w.VBox):
    """Figure and segment dropdowns, the chart beside the table, a CSV download.

    Public parts: ``figure_picker``, ``segment`` (Dropdowns), ``figure`` (ChartView),
    ``table`` (HTML), ``download`` (DownloadButton), ``message``; ``csv()`` gives the CSV text.
    """

    def __init__(self, figure_id: str = "2.2.2", lang: str | None = None):
        if charts.TEMPLATE not in str(pio.templates.default):
            charts.use_theme()
        self.lang = lang = lang or language()
        options = figure_options(lang)
        if figure_id not in [fid for _label, fid in options]:
            figure_id = options[0][1]
        self.figure_picker = w.Dropdown(
            options=options,
            value=figure_id,
            description=_("Figure"),
            style={"description_width": "90px"},
            layout=w.Layout(width="640px"),
        )
        self.segment = w.Dropdown(
            options=segment_options(figure_id, lang),
            description=_("Segment"),
            style={"description_width": "90px"},
            layout=w.Layout(width="420px"),
        )
        self.message = w.HTML()
        self.figure = ChartView(self._chart(figure_id, self.segment.value))
        self.table = w.HTML(layout=w.Layout(width="100%"))
        self.download = DownloadButton(
            self._csv_file,
            label="⬇ " + _("Download CSV"),
            hint=_("The data of this figure and segment, with their sources"),
        )
        self.download.on_error(lambda err: setattr(self.message, "value", error_html(err)))
        self._show_table()
        self.figure_picker.observe(self._on_figure, names="value")
        self.segment.observe(self._on_segment, names="value")
        super().__init__(
            [
                w.HBox([self.figure_picker, self.segment], layout=w.Layout(flex_flow="row wrap")),
                self.message,
                w.HBox(
                    [
                        w.Box([self.figure], layout=w.Layout(width="720px", flex="0 0 auto")),
                        w.VBox([self.table, self.download], layout=w.Layout(flex="1 1 auto")),
                    ],
                    layout=w.Layout(width="100%"),
                ),
            ],
            layout=w.Layout(max_width="1340px"),
        )
        self.add_class("smedx-report-explorer")

    # --- public API -----------------------------------------------------------------------------

    def show(self, figure_id: str, segment_key: str | None = None) -> None:
        """Show one figure (and segment): what choosing them in the dropdowns does."""
        valid = [fid for _label, fid in self.figure_picker.options]
        if figure_id not in valid:
            raise KitError(
                f"没有可浏览的图表 {figure_id!r}",
                f"no explorable figure {figure_id!r}",
                field="figure_id",
            )
        self.figure_picker.value = figure_id
        if segment_key is None or segment_key == self.segment.value:
            return
        keys = [key for _label, key in self.segment.options]
        if segment_key not in keys:
            raise KitError(
                f"图 {figure_id} 没有细分 {segment_key!r}；可选：{', '.join(k or '全部' for k in keys)}",
                f"figure {figure_id} has no segment {segment_key!r}; valid: "
                f"{', '.join(k or 'whole sample' for k in keys)}",
                field="segment",
            )
        self.segment.value = segment_key

    def csv(self) -> str:
        return rows_csv(self.figure_picker.value, self.segment.value or "")

    # --- internals ------------------------------------------------------------------------------

    def _chart(self, figure_id: str, segment_key: str | None) -> go.Figure:
        title = charts.figure_title(figure_id, self.lang)
        if segment_key:
            rows = shown_rows(figure_id, segment_key)
            name = rows["segment_en" if self.lang == "en" else "segment_zh"].iloc[0]
            title = f"{title} · {name}"
        fig = charts.bar(figure_id, segment_key=segment_key or "", lang=self.lang, title=title)
        fig.update_layout(width=CHART_WIDTH)  # without a width the renderer drops the height
        return fig

    def _csv_file(self) -> tuple[str, str, bytes]:
        fid, seg = self.figure_picker.value, self.segment.value or ""
        if shown_rows(fid, seg).empty:
            raise KitError(
                "当前选择没有数据可下载", "there are no rows to download for this choice"
            )
        name = f"smedx-figure-{fid}" + (f"-{seg}" if seg else "") + ".csv"
        # a BOM so that Excel opens the Chinese text correctly
        return name, "text/csv", ("\ufeff" + self.csv()).encode("utf-8")

    def _on_figure(self, change) -> None:
        options = segment_options(change["new"], self.lang)
        keep = self.segment.value if self.segment.value in [k for _l, k in options] else None
        self.segment.unobserve(self._on_segment, names="value")
        try:
            self.segment.options = options
            self.segment.value = keep if keep is not None else options[0][1]
        finally:
            self.segment.observe(self._on_segment, names="value")
        self._redraw()

    def _on_segment(self, _change) -> None:
        self._redraw()

    def _redraw(self) -> None:
        fid, seg = self.figure_picker.value, self.segment.value or ""
        try:
            fresh = self._chart(fid, seg)
        except KitError as err:
            self.message.value = error_html(err)
            return
        self.message.value = ""
        self.figure.update(fresh)
        self._show_table()

    def _show_table(self) -> None:
        self.table.value = table_html(self.figure_picker.value, self.segment.value or "", self.lang)
