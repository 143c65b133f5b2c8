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

CONFIG = {"displaylogo": False}

ESM = r"""
const MIME = "application/vnd.plotly.v1+json";

// plotly.js sets window.Plotly when it first loads. The jupyterlab-plotly extension (in JupyterLab
// and in Voila) bundles it and loads it on its first drawing: ask its renderer for one empty
// drawing, once per page, instead of sending plotly.js with the widget.
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

function render({ model, el }) {
  const plot = document.createElement("div");
  plot.className = "smedx-chart";
  el.append(plot);
  let busy = null; // the drawing in progress
  let stale = true; // the figure changed since the last drawing
  let width = 0; // the width of the last drawing

  const fail = (error) => {
    plot.textContent = "图表无法显示 · The chart could not be drawn: " + error.message;
    console.error(error);
  };
  const draw = async () => {
    stale = false;
    const Plotly = await plotly();
    const { data, layout, config } = JSON.parse(model.get("spec") || "{}");
    if (!data) return;
    layout.height ??= 360;
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
    } else if (plot.offsetWidth !== width && window.Plotly) {
      width = plot.offsetWidth;
      window.Plotly.Plots.resize(plot);
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
    page), as for every widget; the figure's layout is ``view.figure.layout``."""

    _esm = ESM
    _css = ".smedx-chart { min-height: 1px; }"
    spec = t.Unicode("").tag(sync=True)  # the figure as plotly JSON text, with CONFIG

    def __init__(self, figure: go.Figure | None = None, spec: str | None = None, **kwargs):
        super().__init__(**kwargs)
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
