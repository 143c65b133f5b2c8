"""Widgets that look alike share one Layout and one style.

ipywidgets gives every widget its own Layout and style widget, and the browser builds each of them
as a model before an app is ready: a form of 40 dropdowns is 120 models. ``Cells`` hands out one
Layout per set of layout traits and one style per style class, so such a form is 42. Never change
the ``layout`` or ``style`` of one widget made here: that would change all its look-alikes.
"""

from __future__ import annotations

from typing import TypeVar

import ipywidgets as w

W = TypeVar("W", bound=w.DOMWidget)


class Cells:
    """``cells.make(w.Dropdown, options=..., width="97%")``: a widget with shared layout and style."""

    def __init__(self):
        self._layouts: dict[tuple, w.Layout] = {}
        self._styles: dict[type, w.Widget] = {}

    def layout(self, **traits: str) -> w.Layout:
        key = tuple(sorted(traits.items()))
        if key not in self._layouts:
            self._layouts[key] = w.Layout(**traits)
        return self._layouts[key]

    def make(self, kind: type[W], *, width: str | None = None, **kwargs) -> W:
        style_class = kind.class_traits()["style"].klass
        if style_class not in self._styles:
            self._styles[style_class] = style_class()
        layout = self.layout(width=width) if width else self.layout()
        return kind(layout=layout, style=self._styles[style_class], **kwargs)
