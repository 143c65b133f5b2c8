"""The policy timeline of §1.1/§1.3 as a small app: filter by heading, pick a policy, read it.

    PolicyTimeline()           # in a notebook or a Voila app
    tl.pillar.value = "local"  # what a learner does with the buttons (tests do the same)
    tl.select("miit_2022_sme_dx_guide")

The chart is a ``ChartView`` redrawn on each change; every word shown comes from
``datasets/report2024/policies.csv`` through :mod:`smedx.derived`, in the language current
when the timeline is built (:func:`smedx.i18n.language`).
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from smedx import data, derived
from smedx.charts import context
from smedx.errors import KitError
from smedx.i18n import N_, Bilingual, _, language, pgettext
from smedx.typography import section_ref
from smedx.ui.chart import ChartView
from smedx.ui.messages import RED

DIM = 0.2
# Button labels short enough for one row on a 1366-pixel screen.
_SHORT_PILLAR = {
    "policy": ("政策支持", "Policy"),
    "guidance": ("路径引导", "Guidance"),
    "services": ("服务支撑", "Services"),
    "local": ("地方落地", "Local"),
    "technology": ("技术驱动", "Technology"),
}
PLEASE_CHOOSE = N_("— choose —")


class PolicyTimeline(w.VBox):
    """Timeline chart + heading filter + policy picker + a card with the report's summary."""

    def __init__(self):
        self.lang = lang = language()  # the language of the labels shown
        self.frame = derived.policies()
        self.pillar = w.ToggleButtons(
            options=[(pgettext("pillars", "All"), "")]
            + [(Bilingual(*_SHORT_PILLAR[p]).text(), p) for p in context.PILLARS],
            tooltips=["", *(context.pillar_name(p, lang) for p in context.PILLARS)],
            value="",
            style={"button_width": "auto"},
        )
        self.policy = w.Dropdown(
            options=self._options(""),
            value=None,
            description=_("Policy"),
            layout=w.Layout(width="640px"),
            style={"description_width": "initial"},
        )
        self.details = w.HTML(self._hint())
        figure = context.policy_timeline(lang)
        figure.layout.height = 460
        self.figure = ChartView(figure)
        self.pillar.observe(self._on_pillar, names="value")
        self.policy.observe(self._on_policy, names="value")
        super().__init__(
            [self.pillar, self.policy, self.figure, self.details],
            layout=w.Layout(max_width="1300px"),
        )

    # --- public API ---------------------------------------------------------------------------

    @property
    def result(self) -> dict | None:
        """The selected policy as a plain dict (policies.csv columns plus pillar), or None."""
        if self.policy.value is None:
            return None
        row = self.frame[self.frame["policy_id"] == self.policy.value].iloc[0]
        out = {k: v for k, v in row.items() if k != "when"}
        out["year_only"] = bool(out["year_only"])
        return out

    def select(self, policy_id: str | None) -> None:
        """Select a policy as a learner would; an unknown id shows a message and changes nothing."""
        if policy_id is not None and policy_id not in set(self.frame["policy_id"]):
            err = KitError(
                f"没有这项政策：{policy_id!r}。请从下拉列表中选择。",
                f"no such policy: {policy_id!r}. Pick one from the list.",
                field="policy_id",
            )
            self.details.value = _error_html(err)
            return
        if policy_id is not None and policy_id not in {v for _label, v in self.policy.options}:
            self.pillar.value = ""  # the filter hides it: show all first
        self.policy.value = policy_id

    def visible_pillars(self) -> list[str]:
        """Pillars drawn at full opacity (the others are dimmed)."""
        return [t.meta for t in self.figure.data if (t.opacity is None or t.opacity == 1)]

    # --- events -----------------------------------------------------------------------------

    def _options(self, pillar: str) -> list[tuple[str, str | None]]:
        rows = self.frame if not pillar else self.frame[self.frame["pillar"] == pillar]
        undated = _(" (no date)")
        options = [
            (
                f"{row.date or '—'} · {getattr(row, 'short_' + self.lang)}"
                + ("" if row.date else undated),
                row.policy_id,
            )
            for row in rows.sort_values(["when", "policy_id"], na_position="last").itertuples()
        ]
        return [(_(PLEASE_CHOOSE), None), *options]

    def _on_pillar(self, change) -> None:
        pillar = change["new"]
        with self.figure.batch_update():
            for trace in self.figure.data:
                trace.opacity = 1 if not pillar or trace.meta == pillar else DIM
        current = self.policy.value
        options = self._options(pillar)
        self.policy.options = options
        self.policy.value = current if current in {v for _label, v in options} else None
        if self.policy.value is None:
            drawn = {t.meta for t in self.figure.data}
            self.details.value = self._hint() if not pillar or pillar in drawn else self._undated()

    def _on_policy(self, change) -> None:
        policy_id = change["new"]
        with self.figure.batch_update():
            for trace in self.figure.data:
                sizes, widths = context.marker_style(trace.customdata, policy_id)
                trace.marker.size = sizes
                trace.marker.line.width = widths
        self.details.value = self._card() if policy_id else self._hint()

    def _hint(self) -> str:
        text = _("Pick a policy from the list to read what the report says about it.")
        return f"<div style='color:#555'>{escape(text)}</div>"

    def _undated(self) -> str:
        text = _(
            "The report gives no date for these measures, so they are not on the time axis: "
            "read them from the list."
        )
        return f"<div style='color:#555'>{escape(text)}</div>"

    def _card(self) -> str:
        r = self.result
        title = Bilingual(r["title_zh"], r["title_en"]).text()
        issuer = Bilingual(r["issuer_zh"], r["issuer_en"]).text() or _("issuer not named")
        date = r["date"] or _("no date given, so not on the time axis")
        if r["year_only"]:
            date += _(" (no month given)")
        number = ""
        if r["doc_number"]:
            number = "<br>" + escape(_("Document no.: {number}").format(number=r["doc_number"]))
        section = section_ref(r["section"], language())
        # the report is Chinese: its quote stays in the original (with the kit's translation)
        quote = _("Quote ({section}): “{quote}”").format(section=section, quote=r["quote"])
        quote += data.translation_note(r["quote"])
        return (
            "<div style='border-left:4px solid #0072B2;padding:6px 10px;background:#f6f8fa'>"
            f"<b>{escape(title)}</b><br>"
            f"{escape(context.pillar_name(r['pillar'], self.lang))} · {escape(issuer)} · "
            f"{escape(date)}{number}<br>"
            f"{escape(Bilingual(r['summary_zh'], r['summary_en']).text())}<br>"
            f"<span style='color:#555;font-size:90%'>{escape(quote)}</span></div>"
        )


def _error_html(err: KitError) -> str:
    return f"<div style='color:{RED}'>{escape(Bilingual(err.zh, err.en).text())}</div>"
