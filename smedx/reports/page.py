"""HTML building blocks of the reports: escaped text, tables, notes and charts with fixed ids.

A report notebook creates one :class:`Page` and displays the :class:`Html` fragments its view
returns. Everything is deterministic: charts get ids ``smedx-chart-1``, ``-2`` ... in the order
they are drawn (plotly would otherwise give each a random uuid), and the only value that changes
from run to run is the generation time, in ``<span class="smedx-generated">``.

Charts are written as plotly divs without plotly.js; the renderer puts one copy of plotly.js in
the page head (:mod:`smedx.reports.render`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from html import escape

import plotly.graph_objects as go

from smedx import charts
from smedx.errors import KitError
from smedx.i18n import _, using
from smedx.reports import LANGS

CHART_CONFIG = {"displaylogo": False, "responsive": True}
# A source note under a chart starts at the plot area's left edge, after the axis labels: it is
# wrapped to fit a chart this wide (in a 760 px window or on A4 paper), so that no page loses
# where its numbers come from.
CHART_WIDTH = 700  # px
NOTE_LINE = 17  # px a further line of the 12 px note needs
NOTE_PIECE = re.compile(r".+?(?:[；，、。]|[;,.]\s|\s|$)")

CSS = """
.smedx-report { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; color: #222; line-height: 1.6; max-width: 1100px; }
.smedx-report h1 { font-size: 1.9em; margin: .2em 0; }
.smedx-report h2 { font-size: 1.4em; border-bottom: 2px solid #0072B2; padding-bottom: .2em;
  margin-top: 1.6em; }
.smedx-report h3 { font-size: 1.15em; margin-top: 1.2em; }
.smedx-report .smedx-sub { color: #555; font-size: 1.05em; }
.smedx-report table.smedx-table { border-collapse: collapse; margin: .6em 0 1em; }
.smedx-report table.smedx-table th, .smedx-report table.smedx-table td {
  border: 1px solid #ccc; padding: .3em .6em; vertical-align: top; text-align: left; }
.smedx-report table.smedx-table th { background: #eef4f9; white-space: nowrap; }
.smedx-report table.smedx-table td.num { text-align: right; white-space: nowrap; }
.smedx-report table.smedx-table td ul { margin: 0; padding-left: 1.2em; }
.smedx-report .smedx-note { background: #f6f6f6; border-left: 4px solid #9DB7CF;
  padding: .4em .8em; margin: .6em 0; }
.smedx-report .smedx-caveat { background: #fff6e8; border-left: 4px solid #E69F00;
  padding: .4em .8em; margin: .6em 0; }
.smedx-report .smedx-source { color: #555; font-size: .9em; }
.smedx-report .smedx-big { font-size: 1.5em; font-weight: bold; color: #0072B2; }
.smedx-report figure.smedx-chart { margin: .8em 0 1.2em; }
"""


def text_width(text: str) -> float:
    """Estimated width in px at 12 px: CJK and full-width characters 12, others 6.6."""
    return sum(12.0 if ord(ch) >= 0x2E80 else 6.6 for ch in text)


def wrap_note(text: str, width: float) -> str:
    """Break a chart's note into lines of at most ``width`` px, after punctuation or spaces."""
    lines: list[str] = []
    for given in text.split("<br>"):
        line = ""
        for piece in NOTE_PIECE.findall(given):
            if line and text_width(line + piece) > width:
                lines.append(line.rstrip())
                line = ""
            line += piece
            while text_width(line) > width:  # one piece longer than a line: cut it
                cut = max(i for i in range(1, len(line) + 1) if text_width(line[:i]) <= width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return "<br>".join(lines)


def note_width(fig: go.Figure) -> float:
    """The px a note under the plot has in a :data:`CHART_WIDTH` chart: less the plot area's
    left edge (horizontal bars' labels, or a y axis's ticks and title) and the right margin."""
    size = charts.THEME["font"]["size"] / 12
    labels = [
        part
        for trace in fig.data
        if getattr(trace, "orientation", None) == "h"
        for label in trace.y or ()
        for part in str(label).split("<br>")
    ]
    left = max(text_width(label) for label in labels) * size + 16 if labels else 80
    right = charts.THEME["margin"]["r"] if fig.layout.margin.r is None else fig.layout.margin.r
    return max(240.0, CHART_WIDTH - left - right)


def fit_notes(fig: go.Figure) -> go.Figure:
    """A copy of the figure whose notes under the plot (:func:`smedx.charts.add_source`) are
    wrapped, with the bottom margin and the height grown by the lines added."""
    fig = go.Figure(fig)
    width, added = note_width(fig), 0
    for note in fig.layout.annotations:
        below = note.yref == "paper" and note.y is not None and note.y <= 0
        if below and note.yanchor == "top" and note.text:
            wrapped = wrap_note(note.text, width)
            added = max(added, wrapped.count("<br>") - note.text.count("<br>"))
            note.update(text=wrapped, align="left")  # plotly centres the lines otherwise
    if added:
        bottom = fig.layout.margin.b
        fig.update_layout(
            margin_b=(charts.THEME["margin"]["b"] if bottom is None else bottom) + added * NOTE_LINE
        )
        if fig.layout.height:
            fig.update_layout(height=fig.layout.height + added * NOTE_LINE)
    return fig


class Raw(str):
    """Text that is already HTML (a table cell holding a list, say): not escaped again."""


class Html:
    """A fragment of the report; Jupyter and nbconvert show it as HTML."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __repr__(self) -> str:  # the text/plain fallback: no memory address in the output
        return "[smedx report section]"


def esc(text: object) -> str:
    return str(text) if isinstance(text, Raw) else escape(str(text), quote=True)


def in_page_language(method: Callable) -> Callable:
    """A report view's method renders in its page's language: ``_()`` inside follows
    ``self.page.lang`` (a report's --lang), whatever the process's language is."""

    @functools.wraps(method)
    def rendered(self, *args, **kwargs):
        with using(self.page.lang):
            return method(self, *args, **kwargs)

    return rendered


class Page:
    """One report being written: its language, generation time and chart counter."""

    def __init__(self, lang: str = "zh", generated_at: str = ""):
        if lang not in LANGS:
            raise KitError(
                f"报告语言应为 {' 或 '.join(LANGS)}，收到：{lang!r}",
                f"the report language must be {' or '.join(LANGS)}, got {lang!r}",
                field="lang",
            )
        self.lang = lang
        self.generated_at = generated_at or datetime.now().strftime("%Y-%m-%d %H:%M")
        self._charts = 0
        if charts.TEMPLATE not in str(charts.pio.templates.default):
            charts.use_theme()

    # --- text -----------------------------------------------------------------------------

    def pick(self, obj: object, stem: str) -> str:
        """``obj.<stem>_zh`` or ``obj.<stem>_en`` for the page's language."""
        return getattr(obj, f"{stem}_{self.lang}")

    def pct(self, value: float | None, digits: int = 1) -> str:
        return "—" if value is None else f"{value:.{digits}f}%"

    def pp(self, value: float | None) -> str:
        """A difference in percentage points, with its sign."""
        if value is None:
            return "—"
        return _("{value:+.1f} pp").format(value=value)

    def number(self, value: float | None, digits: int = 1) -> str:
        return "—" if value is None else f"{value:,.{digits}f}"

    # --- blocks ---------------------------------------------------------------------------

    def h3(self, text: str) -> str:
        return f"<h3>{esc(text)}</h3>"

    def para(self, text: str, cls: str = "") -> str:
        klass = f' class="{cls}"' if cls else ""
        return f"<p{klass}>{esc(text)}</p>"

    def items(self, texts: Iterable[str], cls: str = "") -> str:
        klass = f' class="{cls}"' if cls else ""
        body = "".join(f"<li>{esc(t)}</li>" for t in texts)
        return Raw(f"<ul{klass}>{body}</ul>") if body else ""

    def note(self, text: str) -> str:
        return f'<div class="smedx-note">{esc(text)}</div>'

    def caveats(self, caveats: Sequence, title: str = "") -> str:
        """A box of caveats (objects with zh / en attributes)."""
        if not caveats:
            return ""
        head = f"<strong>{esc(title)}</strong>" if title else ""
        texts = [getattr(c, self.lang) for c in caveats]
        return f'<div class="smedx-caveat">{head}{self.items(texts)}</div>'

    def source(self, text: str) -> str:
        return f'<p class="smedx-source">{esc(text)}</p>'

    def table(
        self,
        head: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        numeric: Sequence[int] = (),
        table_id: str = "",
        row_ids: Sequence[str] | None = None,
    ) -> str:
        """A table of escaped cells; columns listed in ``numeric`` are right-aligned."""
        ident = f' id="{esc(table_id)}"' if table_id else ""
        cells = "".join(f"<th>{esc(h)}</th>" for h in head)
        body = []
        for i, row in enumerate(rows):
            key = f' data-key="{esc(row_ids[i])}"' if row_ids else ""
            tds = "".join(
                f'<td class="num">{esc(c)}</td>' if j in numeric else f"<td>{esc(c)}</td>"
                for j, c in enumerate(row)
            )
            body.append(f"<tr{key}>{tds}</tr>")
        return (
            f'<table class="smedx-table"{ident}><thead><tr>{cells}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def chart(self, fig: go.Figure) -> str:
        """A plotly figure as a div with the next fixed id (plotly.js is added once per file),
        its source notes wrapped to fit a narrow window or a printed page."""
        self._charts += 1
        div = fit_notes(fig).to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"smedx-chart-{self._charts}",
            config=CHART_CONFIG,
        )
        return f'<figure class="smedx-chart">{div}</figure>'

    def section(self, title: str, *parts: str, section_id: str = "") -> Html:
        ident = f' id="{esc(section_id)}"' if section_id else ""
        body = "".join(p for p in parts if p)
        return Html(f'<section class="smedx-report"{ident}><h2>{esc(title)}</h2>{body}</section>')

    def header(self, title: str, subtitle: str, facts: Sequence[tuple[str, str]] = ()) -> Html:
        """The report's title block (with the page's CSS) and the generation time."""
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
        stamp = _("Generated")
        return Html(
            f"<style>{CSS}</style>"
            f'<header class="smedx-report"><h1>{esc(title)}</h1>'
            f'<p class="smedx-sub">{esc(subtitle)}</p>'
            f'<table class="smedx-table">{rows}'
            f"<tr><th>{esc(stamp)}</th>"
            f'<td><span class="smedx-generated">{esc(self.generated_at)}</span></td></tr>'
            "</table></header>"
        )
