"""The widgets the latency benchmark drives: each factory returns (widget, [change, ...]) where a
change sets one input the way a learner would. Registered as "module:function" strings so the
benchmark imports each widget only when it measures it."""

from __future__ import annotations

from smedx.ui.explorer import FigureExplorer


def explorer():
    widget = FigureExplorer("3.1.2.1")
    keys = [key for _label, key in widget.segment.options]
    return widget, [lambda k=k: setattr(widget.segment, "value", k) for k in keys[1:] + keys[:1]]


WIDGET_CASES = {
    "figure explorer (3.1.2.1)": "cases:explorer",
}
