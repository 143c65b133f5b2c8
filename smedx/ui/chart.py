"""A chart inside a widget layout that redraws in place when its figure changes.

Why not ``go.FigureWidget``: since plotly 6 a FigureWidget is an anywidget whose model carries
its own copy of the plotly.js bundle (~5 MB). Every instance sends it to the browser and, with
widget state saved, into the notebook file (an autograded notebook grew to 5-15 MB).

Why not an ``Output`` holding the plotly mime bundle (what this was before): each change replaced
the output, so the jupyterlab-plotly renderer built a new plot, redrew it once more and then
rendered a PNG copy of it: 250-500 ms per change in the browser.

A ``ChartView`` is a small anywidget that sends the figure as plotly JSON (a few kB) and calls
``Plotly.react`` on the same element, using the plotly.js that JupyterLab and Voila already hold
in the jupyterlab-plotly extension.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from unicodedata import east_asian_width

import anywidget
import plotly.graph_objects as go
import plotly.io as pio
import traitlets as t

from smedx.i18n import _

CONFIG = {"displaylogo": False}

ESM = r"""
const MIME = "application/vnd.plotly.v1+json";

// plotly.js comes with the jupyterlab-plotly extension (JupyterLab, Voila), loaded on its first
// drawing: ask its renderer for one empty drawing, once per page.
function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  window.smedxPlotly ??= (async () => {
    const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
    if (!container) throw new Error("the jupyterlab-plotly extension is not loaded");
    const module = (await container.get("./mimeExtension"))();
    const extension = [].concat(module.default ?? module).find((e) => e.rendererFactory);
    const renderer = extension.rendererFactory.createRenderer({ mimeType: MIME });
    await renderer.renderModel({ data: { [MIME]: { data: [], layout: {} } }, setData() {} });
    renderer.dispose();
    if (!window.Plotly) throw new Error("plotly.js did not load");
    return window.Plotly;
  })();
  return window.smedxPlotly;
}

// Figures are laid out for a laptop. fit() fits one to the width it gets (a phone, a narrow
// column): see ChartView's docstring.
const CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f";
const TOKENS = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, "g");
const NO_LINE_START = /^[、，。；：）》”,.;:)%]/;
const NARROW = 600; // px
let ruler = null;

function measure(text, size, family) {
  ruler ??= document.createElement("canvas").getContext("2d");
  ruler.font = `${size}px ${family}`;
  // “ ” → are full width in the chart's CJK font
  const plain = text.replace(/<[^>]+>/g, "").replace(/[“”‘’→×·…]/g, "中");
  return 1.05 * ruler.measureText(plain).width;
}

function wrapLine(text, room, size, family) {
  const lines = [""];
  for (const token of text.match(TOKENS) || []) {
    const last = lines[lines.length - 1];
    const fits = measure(last + token, size, family) <= room;
    if (fits || !last.trim() || NO_LINE_START.test(token)) lines[lines.length - 1] = last + token;
    else lines.push(token.trimStart());
  }
  return lines.map((line) => line.trim()).filter(Boolean);
}

// Each <br>-separated part on lines of at most `room` px (a <sup> part keeps its tag per line)
function wrap(text, room, size, family) {
  return String(text)
    .split(/<br\s*\/?>/i)
    .flatMap((part) => {
      const sup = part.match(/^<sup>([^<]*)<\/sup>$/i);
      if (!sup && /</.test(part)) return [part];
      if (!sup) return wrapLine(part, room, size, family);
      return wrapLine(sup[1], room, size * 0.7, family).map((line) => `<sup>${line}</sup>`);
    })
    .join("<br>");
}

const lineCount = (text) => String(text).split(/<br\s*\/?>/i).length;

// The height of a horizontal legend above the plot, in rows of `width`
function legendHeight(data, layout, theme, width, family) {
  const legend = { ...(theme.legend || {}), ...(layout.legend || {}) };
  if (layout.showlegend === false || legend.orientation !== "h" || !(legend.y >= 1)) return 0;
  if (width < NARROW) {
    // from the chart's left edge: on a phone the labels' margin takes half of it
    const margin = layout.margin;
    if (width < NARROW) fitBarLabels(data, layout, width, family);
  const plotWidth = width - (margin.l ?? 80) - (margin.r ?? 80);
    layout.legend = { ...(layout.legend || {}), x: -((margin.l ?? 80) - 8) / plotWidth };
  }
  let size = (legend.font || {}).size || (layout.font || theme.font || {}).size || 12;
  if (width < NARROW && size > 12) {
    size = 12;
    layout.legend = { ...(layout.legend || {}), font: { ...(legend.font || {}), size } };
  }
  const names = data.filter((t) => t.showlegend !== false && t.visible !== false && t.name);
  // plotly's columns are as wide as the widest entry
  const entry = Math.max(0, ...names.map((t) => measure(t.name, size, family) + 46));
  const columns = Math.max(1, Math.floor(width / entry));
  return Math.ceil(names.length / columns) * (size * 1.3 + 6);
}

// Fixed tick labels that no longer fit side by side: every k-th one
function thinTicks(axis, plotWidth, family, theme) {
  if (!axis || !axis.ticktext || !axis.range || axis.tickvals.length < 2) return;
  const size = (axis.tickfont || {}).size || (theme.font || {}).size || 12;
  const widest = Math.max(...axis.ticktext.map((t) => measure(String(t), size, family))) + 8;
  const span = Math.abs(axis.range[1] - axis.range[0]);
  const apart = (plotWidth * Math.abs(axis.tickvals[1] - axis.tickvals[0])) / span;
  const step = Math.ceil(widest / apart);
  if (step > 1) {
    axis.tickvals = axis.tickvals.filter((_v, i) => i % step === 0);
    axis.ticktext = axis.ticktext.filter((_v, i) => i % step === 0);
  }
}

// Labels of vertical bars broken to their slot's width; returns how far down they and the axis
// title reach
function fitCategories(data, axis, plotWidth, family) {
  const bars = data.filter((t) => t.type === "bar" && t.orientation !== "h" && t.x);
  const names = [...new Set(bars.flatMap((t) => t.x.map(String)))];
  if (!names.length) return 0;
  const room = plotWidth / names.length - 6;
  let size = 13;
  let fitted;
  do {
    size -= 1; // 12 px, smaller only if a line that cannot break is wider than its slot
    fitted = new Map(names.map((n) => [n, wrap(unbreak(n), room, size, family)]));
  } while (size > 9 && [...fitted.values()].some((t) => measure(t.split("<br>")[0], size, family) > room));
  axis.tickfont = { ...(axis.tickfont || {}), size };
  for (const t of bars) t.x = t.x.map((x) => fitted.get(String(x)));
  const lines = Math.max(...[...fitted.values()].map(lineCount));
  return lines * size * 1.25 + 10 + (axis.title ? 30 : 0);
}

const unbreak = (n) => n.replace(/<br\s*\/?>/gi, /[\u2e80-\u9fff]/.test(n) ? "" : " ");

// Labels of horizontal bars broken to at most 40 % of the width, the left margin fitted to them
// and the chart as tall as the lines need (traces sharing the categories get the same labels)
function fitBarLabels(data, layout, width, family) {
  const bars = data.filter((t) => t.type === "bar" && t.orientation === "h" && t.y);
  const names = [...new Set(bars.flatMap((t) => t.y.map(String)))];
  const yaxis = (layout.yaxis ??= {});
  if (!names.length || (yaxis.title || {}).text || layout.yaxis2) return;
  const size = 12;
  const fitted = new Map(names.map((n) => [n, wrap(unbreak(n), width * 0.4, size, family)]));
  for (const t of data) if (t.y) t.y = t.y.map((y) => fitted.get(String(y)) ?? y);
  yaxis.tickfont = { ...(yaxis.tickfont || {}), size };
  const lines = [...fitted.values()].flatMap((t) => t.split("<br>"));
  layout.margin.l = Math.ceil(Math.max(...lines.map((l) => measure(l, size, family))) + 16);
  const tallest = Math.max(...[...fitted.values()].map(lineCount));
  const plot = (layout.height || 420) - layout.margin.t - layout.margin.b;
  const need = names.length * (tallest * size * 1.25 + 10);
  if (need > plot) layout.height = (layout.height || 420) + Math.ceil(need - plot);
}

function fit(data, layout, room) {
  if (room < 120) return; // not laid out yet: drawn again when it gets its width
  const theme = (layout.template && layout.template.layout) || {};
  const family = (layout.font || {}).family || (theme.font || {}).family || "sans-serif";
  if (layout.width > room) layout.width = room;
  const width = layout.width || room;
  const margin = (layout.margin = { ...(theme.margin || {}), ...(layout.margin || {}) });
  const [top, bottom] = [(margin.t ??= 100), (margin.b ??= 80)];
  const title = typeof layout.title === "string" ? { text: layout.title } : layout.title;
  if (title && title.text) {
    const size = (title.font || (theme.title || {}).font || {}).size || 18;
    const before = lineCount(title.text);
    title.text = wrap(title.text, width - 24, size, family);
    const lines = lineCount(title.text);
    margin.t += Math.ceil((lines - before) * size * 1.25);
    // plotly sets a title of several lines by its first line's baseline
    const pad = { t: lines > 1 ? 8 + size : 8 };
    layout.title = { ...title, y: 1, yref: "container", yanchor: "top", pad };
    // the title, then a legend above the plot
    const legend = legendHeight(data, layout, theme, width - 16, family);
    if (legend) margin.t = Math.max(margin.t, Math.ceil(pad.t + lines * size * 1.3 + 8 + legend));
  }
  if (width < NARROW) fitBarLabels(data, layout, width, family);
  const plotWidth = width - (margin.l ?? 80) - (margin.r ?? 80);
  thinTicks(layout.xaxis, plotWidth, family, theme);
  const ticks = width < NARROW ? fitCategories(data, (layout.xaxis ??= {}), plotWidth, family) : 0;
  for (const note of layout.annotations || []) {
    if (note.xref !== "paper" || note.yref !== "paper" || note.y !== 0 || !(note.yshift < 0)) {
      continue; // not a source line under the plot
    }
    const size = (note.font || {}).size || 12;
    note.text = wrap(note.text, width - 16, size, family);
    note.xshift = 8 - (margin.l ?? 80); // from the chart's left edge, not the plot's
    note.yshift = Math.min(note.yshift, -ticks);
    margin.b = Math.max(margin.b, Math.ceil(-note.yshift + lineCount(note.text) * size * 1.25 + 4));
  }
  // the plot keeps its height
  if (layout.height) layout.height += margin.t - top + margin.b - bottom;
}

function render({ model, el }) {
  const plot = document.createElement("div");
  plot.className = "smedx-chart";
  el.append(plot);
  let busy = null; // the drawing in progress
  let stale = true; // the figure changed since the last drawing
  let width = 0; // the width of the last drawing

  const fail = (error) => {
    plot.textContent = model.get("failed_text") + error.message;
    console.error(error);
  };
  const draw = async () => {
    stale = false;
    const Plotly = await plotly();
    const { data, layout, config } = JSON.parse(model.get("spec") || "{}");
    if (!data) return;
    layout.height ??= 360;
    fit(data, layout, plot.offsetWidth);
    // on a phone the mode bar would cover the title; pinch to zoom still works
    if (plot.offsetWidth < NARROW) config.displayModeBar = false;
    await Plotly.react(plot, data, layout, config);
    width = plot.offsetWidth;
  };
  // Draw only when shown (plotly measures its container; a hidden tab has no size); changes
  // made meanwhile wait. A shown chart has a size: its min-height makes the observer see it
  // even in a row that gives it no width yet.
  const schedule = () => {
    if (!plot.getClientRects().length || busy) return;
    if (stale) {
      busy = draw()
        .catch(fail)
        .finally(() => {
          busy = null;
          schedule();
        });
    } else if (plot.offsetWidth !== width) {
      changed(); // fitted anew to the new width
    }
  };
  const changed = () => {
    stale = true;
    schedule();
  };
  const watch = new ResizeObserver(schedule);
  watch.observe(plot);
  model.on("change:spec", changed);
  return () => {
    watch.disconnect();
    model.off("change:spec", changed);
    if (window.Plotly) window.Plotly.purge(plot);
  };
}
// Fetch plotly.js as soon as the first chart model exists, while the page still builds the
// other widgets, not only when a chart is first shown.
function initialize() {
  plotly().catch(() => {}); // a failure shows in the chart, where render awaits the same promise
}
export default { initialize, render };
"""


class ChartView(anywidget.AnyWidget):
    """``ChartView(fig)``; ``view.update(new_fig)`` redraws; ``view.figure`` is the current one
    and ``view.data`` its traces. ``view.layout`` is the widget's own layout (its size on the
    page), as for every widget; the figure's layout is ``view.figure.layout``.

    The browser fits each drawing to the width the chart gets (``fit()`` in :data:`ESM`): a
    fixed width no wider than its box; the title and the source line (``charts.add_source``)
    wrapped to that width, the margins and the height grown to hold them and a legend above the
    plot. Below 600 px (a phone) also: the legend from the chart's left edge in a smaller font,
    fixed tick labels thinned, vertical bars' category labels re-broken, no mode bar."""

    _esm = ESM
    # inline-size containment: a chart drawn at a fixed width does not hold its column open at
    # that width on a narrower screen; it is fitted to the column instead (see fit() above). The
    # view takes its box's width unless its layout sets one (an inline style, which wins), and
    # never more.
    _css = (
        ".smedx-chart { min-height: 1px; contain: inline-size; }"
        " .smedx-chart-view { width: 100%; min-width: 0; max-width: 100%; }"
    )
    spec = t.Unicode("").tag(sync=True)  # the figure as plotly JSON text, with CONFIG
    failed_text = t.Unicode("").tag(sync=True)  # said, in the page's language, if plotly fails

    def __init__(self, figure: go.Figure | None = None, spec: str | None = None, **kwargs):
        kwargs.setdefault("failed_text", _("The chart could not be drawn: "))
        super().__init__(**kwargs)
        self.add_class("smedx-chart-view")
        self.figure: go.Figure | None = None
        if figure is not None:
            self.update(figure, spec)

    @staticmethod
    def encode(figure: go.Figure) -> str:
        """The JSON text sent for a figure; callers that switch between fixed figures cache it.

        Horizontal bars get a left margin that fits their labels (:func:`fit_label_margin`)."""
        spec = figure.to_plotly_json()
        fit_label_margin(spec)
        return pio.to_json({**spec, "config": CONFIG}, validate=False)

    def update(self, figure: go.Figure, spec: str | None = None) -> None:
        self.figure = figure
        self.spec = spec or self.encode(figure)

    @contextmanager
    def batch_update(self) -> Iterator[None]:
        """Edit ``view.data`` / ``view.figure.layout`` in the block; the chart redraws once at the end
        (the same idiom as ``FigureWidget.batch_update``)."""
        yield
        self.update(self.figure)

    @property
    def data(self) -> tuple:
        return self.figure.data if self.figure is not None else ()


# Widths in em of the theme's sans-serif fonts (Noto Sans CJK SC, measured in Chromium).
NARROW = frozenset(" .,:;'|!()ijlfI-")  # 0.2-0.35
BROAD = frozenset("%&mwMW")  # 0.7-0.93


def _em(char: str) -> float:
    if east_asian_width(char) in "WFA":  # CJK, full-width forms, and "·", "×" in a CJK font
        return 1.0
    if char in NARROW:
        return 0.35
    if char in BROAD:
        return 0.93
    return 0.68 if char.isupper() else 0.6


def label_margin(labels: Iterable, size: float) -> int:
    """A left margin (px) wide enough for these axis labels at this font size."""
    widest = max((sum(_em(c) for c in str(label)) for label in labels), default=0.0)
    return round(widest * size) + 16


def fit_label_margin(spec: dict) -> None:
    """Widen the left margin of a figure (plotly JSON) with horizontal bars to fit their labels.

    plotly's automargin would otherwise draw the chart, find the labels cut off, widen the
    margin and draw it again: about a third of each drawing. automargin stays on for a label
    the estimate misses. Left alone: a y-axis title or a second y axis, which need more room."""
    layout = spec.get("layout", {})
    yaxis = layout.get("yaxis", {})
    if "yaxis2" in layout or (yaxis.get("title") or {}).get("text"):
        return
    labels = [
        y for t in spec.get("data", []) if t.get("orientation") == "h" for y in t.get("y", ())
    ]
    if not labels:
        return
    theme = layout.get("template", {}).get("layout", {})
    size = (
        (yaxis.get("tickfont") or {}).get("size")
        or (layout.get("font") or {}).get("size")
        or (theme.get("font") or {}).get("size")
        or 12  # plotly's own default
    )
    margin = layout.setdefault("margin", {})
    base = margin.get("l", (theme.get("margin") or {}).get("l", 80))
    margin["l"] = max(base, label_margin(labels, size))


def apply_update(target: ChartView, traces: list[dict], layout: dict | None = None) -> None:
    """Apply per-trace changes (property path -> value) and layout changes in one message."""
    with target.batch_update():
        for trace, changes in zip(target.data, traces, strict=True):
            for path, value in changes.items():
                trace[path] = value
        for path, value in (layout or {}).items():
            target.figure.layout[path] = value
