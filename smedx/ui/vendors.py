"""The vendor chooser: candidate providers scored 1-5 per criterion, weight sliders, weighted sum
or TOPSIS, the ranking, how far each weight can move before the winner changes, and why.

No business logic here: :func:`smedx.models.vendors.score_vendors` does the scoring, the
sensitivity and the explanations. Bad input (no candidates, all weights zero, a duplicate or empty
name) shows the model's message in red and keeps everything the user entered; the charts keep the
last valid ranking until the input is fixed. Every text is in the language current when it is
rendered (:func:`smedx.i18n.language`).

    VendorChooser()                                   # starts with the kit's fictional examples
    VendorChooser(weights_from="m04.my_weights")      # plus a button loading the exercise weights

The chooser is a :class:`~smedx.ui.component.Component`: ``result`` is the ranking, ``on_result``
hears every recompute and ``restore(session)`` takes an app's saved results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import ipywidgets as w

from smedx.charts import vendors as charts
from smedx.errors import KitError
from smedx.exercises import AnswerStore, question
from smedx.i18n import N_, Bilingual, _, language
from smedx.models import vendors as model
from smedx.ui.cells import Cells
from smedx.ui.chart import ChartView, apply_update
from smedx.ui.component import Component
from smedx.ui.messages import error_html

SCORES = (1, 2, 3, 4, 5)
NEW_SCORE = 3
SLIDER_MAX = 100.0
LABEL_W, SLIDER_W, SHARE_W, VENDOR_W = "215px", "200px", "58px", "128px"
GROUPS = {"provider": N_("provider"), "product": N_("product")}
# On a phone the table is wider than the screen and scrolls in its own box (the apps' CSS shows
# .smedx-phone-only there only)
SWIPE_HINT = N_("← Swipe the table sideways for each vendor's scores →")


def shown_name(vendor: model.Vendor) -> str:
    """A vendor's name as the page shows it: an example's English name on an English page. The
    stored name stays the Chinese one whatever the page's language (a switch keeps the result)."""
    return Bilingual(vendor.name, vendor.name_en or vendor.name).text()


class VendorColumn:
    """One candidate: a name box, a 1-5 dropdown per criterion and a remove button."""

    def __init__(
        self,
        name: str,
        scores: Mapping[str, float],
        cells: Cells,
        base: model.Vendor | None = None,
    ):
        self.base = base
        shown = shown_name(base) if base is not None and name == base.name else name
        self.name = cells.make(
            w.Text, value=shown, continuous_update=False, placeholder=_("Name"), width=VENDOR_W
        )
        self.scores = {
            c.key: cells.make(
                w.Dropdown,
                options=list(SCORES),
                value=int(round(scores.get(c.key, NEW_SCORE))),
                width=VENDOR_W,
            )
            for c in model.criteria()
        }
        self.remove_button = cells.make(
            w.Button, description=_("Remove"), icon="trash", width=VENDOR_W
        )
        self.header = w.VBox([self.name, self.remove_button])

    def widgets(self) -> list[w.Widget]:
        return [self.name, *self.scores.values()]

    def to_dict(self) -> dict:
        """The candidate as the model reads it; an unchanged example keeps its fictional flag."""
        base, typed = self.base, self.name.value
        same = base is not None and typed in {base.name, base.name_en or base.name}
        return {
            "name": base.name if same else typed,
            "name_en": self.base.name_en if same else "",
            "fictional": bool(same and self.base.fictional),
            "note_zh": self.base.note_zh if same else "",
            "note_en": self.base.note_en if same else "",
            "scores": {k: float(d.value) for k, d in self.scores.items()},
        }


class VendorChooser(Component):
    """Weights and candidate scores in one table, the ranking and the sensitivity below.

    Public parts for tests and apps: ``method`` (ToggleButtons), ``weight_sliders`` and
    ``weight_shares`` ({criterion: widget}), ``columns`` (VendorColumn list), ``add_button``,
    ``reset_button``, ``message``, ``ranking_figure``, ``sensitivity_figure``, ``why``;
    ``add_vendor()``, ``remove_vendor(i)``, ``set_vendors([...])``, ``set_weights({...})``,
    ``result``.
    """

    def __init__(
        self,
        vendors: Sequence[model.Vendor] | None = None,
        *,
        weights: Mapping[str, float] | None = None,
        method: str = "weighted_sum",
        weights_from: str | None = None,
        store: AnswerStore | None = None,
    ):
        self.criteria = model.criteria()
        self.cells = Cells()
        self.method = w.ToggleButtons(
            options=[(Bilingual(zh, en).text(), key) for key, (zh, en) in model.METHODS.items()],
            value=method,
            description=_("Method"),
            style={"description_width": "initial", "button_width": "auto"},
        )
        start = model.default_weights() if weights is None else dict(weights)
        total = sum(start.values()) or 1.0
        self.weight_sliders = {
            c.key: self.cells.make(
                w.FloatSlider,
                value=100 * start.get(c.key, 0.0) / total,
                min=0,
                max=SLIDER_MAX,
                step=0.5,
                readout_format=".1f",
                continuous_update=False,
                width=SLIDER_W,
            )
            for c in self.criteria
        }
        self.weight_shares = {c.key: self.cells.make(w.HTML, width=SHARE_W) for c in self.criteria}
        self._header = [
            self.cells.make(w.HTML, value=f"<b>{escape(_('Criterion'))}</b>", width=LABEL_W),
            self.cells.make(w.HTML, value=f"<b>{escape(_('Weight'))}</b>", width=SLIDER_W),
            self.cells.make(w.HTML, value=f"<b>{escape(_('Share %'))}</b>", width=SHARE_W),
        ]
        self._labels = {
            c.key: self.cells.make(w.HTML, value=self._label_html(c), width=LABEL_W)
            for c in self.criteria
        }
        examples = model.example_vendors() if vendors is None else tuple(vendors)
        self.columns: list[VendorColumn] = []
        for vendor in examples:
            self._attach(VendorColumn(vendor.name, vendor.scores, self.cells, vendor))
        self.add_button = w.Button(description=_("Add vendor"), icon="plus")
        self.reset_button = w.Button(description=_("Default weights"), icon="undo")
        self.add_button.on_click(lambda _b: self.add_vendor())
        self.reset_button.on_click(lambda _b: self.set_weights(model.default_weights()))
        buttons = [self.add_button, self.reset_button]
        self.load_button: w.Button | None = None
        if weights_from is not None:
            q = question(weights_from)
            self._weights_store = store or AnswerStore(q.module)
            self._weights_id = weights_from
            self.load_button = w.Button(description=_("Load my exercise weights"), icon="download")
            self.load_button.on_click(lambda _b: self.load_exercise_weights())
            buttons.append(self.load_button)
        self.message = w.HTML()
        self.why = w.HTML(
            layout=w.Layout(max_height="240px", overflow="auto", border="1px solid #e3e3e3")
        )
        self.table = w.GridBox(layout=w.Layout(grid_gap="2px 6px", overflow="auto"))
        self._layout_table()

        ranking = self._rank()
        if ranking is None:  # invalid start (e.g. no vendors): draw the examples, keep the message
            ranking = model.score_vendors(model.example_vendors(), None, "weighted_sum")
        # one below the other, each as wide as the page: the ranking's legend of eleven criteria
        # fits in three rows (beside each other, each chart had 560 px and the legend overlapped)
        lang = language()
        figures = [charts.vendor_ranking(ranking, lang), charts.vendor_sensitivity(ranking, lang)]
        self.ranking_figure, self.sensitivity_figure = (ChartView(fig) for fig in figures)
        self._show(self._result)
        self.method.observe(self.refresh, names="value")
        for slider in self.weight_sliders.values():
            slider.observe(self.refresh, names="value")

        super().__init__(
            [
                w.HTML(
                    f"<h4 style='margin:4px 0'>{escape(_('Vendor chooser'))}</h4>"
                    "<div style='color:#555'>"
                    + escape(
                        _(
                            "Score each candidate 1–5 per criterion (5 = best; for cost-benefit "
                            "5 = best value for money), adjust the weights, read the ranking and "
                            "its sensitivity."
                        )
                    )
                    + "</div>"
                ),
                self.method,
                w.HBox(buttons),
                self.message,
                w.HTML(
                    "<div class='smedx-phone-only' style='color:#555'>"
                    f"{escape(_(SWIPE_HINT))}</div>"
                ),
                self.table,
                self.ranking_figure,
                self.sensitivity_figure,
                w.HTML(f"<b>{escape(_('Why?'))}</b>"),
                self.why,
            ],
            layout=w.Layout(max_width="1300px"),
        )

    # --- public API -----------------------------------------------------------------------------

    def weights(self) -> dict[str, float]:
        return {k: float(s.value) for k, s in self.weight_sliders.items()}

    def vendors(self) -> list[dict]:
        return [c.to_dict() for c in self.columns]

    def add_vendor(self, name: str | None = None, scores: Mapping[str, float] | None = None):
        """Add a candidate (default: a numbered name, every score 3)."""
        if name is None:
            taken = {c.name.value for c in self.columns}
            number = len(self.columns) + 1
            while _("Candidate {number}").format(number=number) in taken:
                number += 1
            name = _("Candidate {number}").format(number=number)
        column = VendorColumn(name, scores or {}, self.cells)
        self._attach(column)
        self._layout_table()
        self.refresh()
        return column

    def remove_vendor(self, index: int) -> None:
        self._detach(self.columns.pop(index))
        self._layout_table()
        self.refresh()

    def set_vendors(self, vendors: Sequence[model.Vendor]) -> None:
        """Replace every candidate (their stored names and scores), then recompute once."""
        for column in self.columns:
            self._detach(column)
        self.columns = []
        for vendor in vendors:
            self._attach(VendorColumn(vendor.name, vendor.scores, self.cells, vendor))
        self._layout_table()
        self.refresh()

    def set_weights(self, weights: Mapping[str, float]) -> None:
        """Set every slider at once (relative values; shown normalised), then recompute once."""
        total = sum(float(v) for v in weights.values()) or 1.0
        with self.batch():
            for key, slider in self.weight_sliders.items():
                slider.value = 100 * float(weights.get(key, 0.0)) / total

    def restore(self, session) -> str | None:
        """The candidates, weights and method of the user's saved vendor comparison; the note
        says so (None: the session has none)."""
        own = session.get("vendors")
        if own is None:
            return None
        with self.batch():
            self.method.value = own.method
            self.set_vendors([s.vendor for s in sorted(own.ranked, key=lambda s: s.input_index)])
            custom = own.weights_source == "custom"
            self.set_weights(dict(own.weights) if custom else model.default_weights())
        return Bilingual(
            "已恢复你上次的服务商比选。", "Your last vendor comparison was restored."
        ).text()

    def load_exercise_weights(self) -> bool:
        """Load the weights saved in the allocation exercise; a message if there are none."""
        try:
            saved = self._weights_store.get(self._weights_id)
        except KitError as err:
            self.message.value = error_html(err)
            return False
        if not isinstance(saved, Mapping) or not any(saved.values()):
            self.message.value = error_html(
                KitError(
                    "还没有保存练习中的权重：请先在权重分配练习中分配权重。",
                    "No weights saved yet: allocate them in the weights exercise first.",
                )
            )
            return False
        self.set_weights({k: v for k, v in saved.items() if k in self.weight_sliders})
        return True

    # --- internals ------------------------------------------------------------------------------

    def _attach(self, column: VendorColumn) -> None:
        self.columns.append(column)
        for widget in column.widgets():
            widget.observe(self.refresh, names="value")
        column.remove_button.on_click(
            lambda _b, c=column: self.remove_vendor(self.columns.index(c))
        )

    def _detach(self, column: VendorColumn) -> None:
        for widget in column.widgets():
            widget.unobserve(self.refresh, names="value")

    @staticmethod
    def _label_html(criterion: model.Criterion) -> str:
        group = _(GROUPS[criterion.group]) if criterion.group in GROUPS else criterion.group
        return (
            f"<div style='line-height:1.15'>"
            f"{escape(Bilingual(criterion.label_zh, criterion.label_en).text())}<br>"
            f"<span style='color:#777;font-size:85%'>{escape(group)}</span></div>"
        )

    def _layout_table(self) -> None:
        header = [*self._header, *(c.header for c in self.columns)]
        rows = []
        for criterion in self.criteria:
            rows += [
                self._labels[criterion.key],
                self.weight_sliders[criterion.key],
                self.weight_shares[criterion.key],
                *(c.scores[criterion.key] for c in self.columns),
            ]
        columns = f"{LABEL_W} {SLIDER_W} {SHARE_W}" + f" {VENDOR_W}" * len(self.columns)
        self.table.layout.grid_template_columns = columns
        self.table.children = [*header, *rows]

    def _at_defaults(self) -> bool:
        """The sliders show the default weights (to their 0.5 step), however they got there."""
        weights = self.weights()
        total = sum(weights.values())
        default = model.default_weights()
        return total > 0 and all(
            abs(weights[k] / total - default.get(k, 0.0)) < 0.005 for k in weights
        )

    def _rank(self) -> model.VendorRanking | None:
        """The model's ranking of the current inputs (kept as the result), or None with the
        model's message shown."""
        try:
            vendors = [model.Vendor.from_dict(c.to_dict()) for c in self.columns]
            weights = None if self._at_defaults() else self.weights()  # None: "default weights"
            ranking = model.score_vendors(vendors, weights, self.method.value)
        except KitError as err:
            self._result = None
            self.message.value = error_html(err)
            return None
        self._result = ranking
        self.message.value = ""
        return ranking

    def update(self) -> None:
        """Rank the current inputs and redraw; an invalid input keeps the last charts."""
        ranking = self._rank()
        if ranking is None:
            return
        lang = language()
        apply_update(self.ranking_figure, *charts.vendor_ranking_update(ranking, lang))
        apply_update(self.sensitivity_figure, *charts.vendor_sensitivity_update(ranking, lang))
        self._show(ranking)

    def _show(self, ranking: model.VendorRanking | None) -> None:
        if ranking is None:
            return
        for key, share in self.weight_shares.items():
            share.value = (
                f"<span style='color:#555'>{100 * ranking.weights.get(key, 0):.1f}%</span>"
            )

        def names_shown(text: str) -> str:
            """The model's text names vendors by their stored names: show each as the page does."""
            for v in ranking.ranked:
                text = text.replace(v.name, shown_name(v.vendor))
            return text

        items = "".join(
            "<li>"
            + _("{name}: {why}").format(
                name=f"<b>{v.rank}. {escape(shown_name(v.vendor))}</b>",
                why=escape(names_shown(Bilingual(v.why_zh, v.why_en).text())),
            )
            + "</li>"
            for v in ranking.ranked
        )
        winner = shown_name(ranking.winner.vendor)
        moves = [s for s in ranking.sensitivity if s.above is not None or s.below is not None]
        tight = min(
            moves,
            key=lambda s: min(
                s.upper - s.weight if s.above else 1.0, s.weight - s.lower if s.below else 1.0
            ),
            default=None,
        )
        tight_html = ""
        if tight is not None:
            tight_html = "<div style='margin-top:4px'>🔎 " + escape(
                _("Most sensitive weight: {text}").format(
                    text=names_shown(Bilingual(tight.text_zh, tight.text_en).text())
                )
            )
            tight_html += "</div>"
        notes = "".join(
            f"<div style='color:#555;font-size:90%'>ℹ {escape(Bilingual(n.zh, n.en).text())}</div>"
            for n in ranking.notes
        )
        top = escape(_("Top choice: {name}").format(name=winner))
        self.why.value = (
            f"<div style='padding:4px 8px'><b>{top}</b>"
            f"<ol style='margin:4px 0;padding-left:18px;list-style:none'>{items}</ol>"
            f"{tight_html}{notes}</div>"
        )
