"""The industry brief (行业简报), section by section, for ``templates/industry.ipynb``."""

from __future__ import annotations

from itertools import groupby

from smedx import data
from smedx.i18n import _, pgettext
from smedx.reports import charts as report_charts
from smedx.reports import industry
from smedx.reports.industry import Brief, Finding
from smedx.reports.page import Html, Page, esc, in_page_language


class IndustryBrief:
    def __init__(self, brief: Brief, page: Page):
        self.b = brief
        self.page = page

    @classmethod
    def load(cls, industry_key: str, lang: str = "zh", generated_at: str = ""):
        page = Page(lang, generated_at)
        return cls(industry.brief(industry_key), page)

    @property
    def label(self) -> str:
        return self.page.pick(self.b, "label")

    @in_page_language
    def header(self) -> Html:
        p, b = self.page, self.b
        figures = len({f.figure_id for f in b.findings})
        facts = [
            (_("Industry"), f"{self.label} ({b.industry})"),
            (_("Figures with numbers for it"), str(figures)),
            (_("Survey figures without them"), str(len(b.gaps))),
            (
                _("Survey sample"),
                _("{fact} SMEs").format(fact=int(data.fact("sample_firms")["value"])),
            ),
        ]
        return p.header(
            _("Industry brief · {label}").format(label=self.label),
            _(
                "Everything the China SME Digital Transformation Report 2024 says about this "
                "industry in numbers, next to all SMEs"
            ),
            facts,
        )

    @in_page_language
    def headline(self) -> Html:
        p = self.page
        parts = []
        for s in self.b.statements:
            parts.append(
                f'<div class="smedx-statement" data-topic="{esc(s.topic)}">'
                f"{p.para(p.pick(s, 'text'))}{p.source(p.pick(s, 'source'))}</div>"
            )
        if not self.b.has_data:
            parts.append(
                p.note(
                    _(
                        "The report gives no number for {label} at all: the brief can only list the "
                        "gaps; compare with all SMEs instead."
                    ).format(label=self.label)
                )
            )
        return p.section(_("1. In short"), *parts, section_id="headline")

    @in_page_language
    def findings(self) -> Html:
        p, b = self.page, self.b
        title = _("2. The report's numbers")
        if not b.findings:
            return p.section(title, p.note(_("None.")), section_id="findings")
        parts = []
        for figure_id, group in groupby(b.findings, key=lambda f: f.figure_id):
            rows = list(group)
            first = rows[0]
            parts.append(
                p.h3(
                    _("Figure {figure_id} · {title}").format(
                        figure_id=figure_id, title=p.pick(first, "title")
                    )
                )
            )
            parts.append(self._table(figure_id, rows))
            labels = [self._option(f) for f in rows]
            parts.append(p.chart(report_charts.industry_findings(rows, self.label, p.lang, labels)))
            notes = self._notes(rows)
            if notes:
                parts.append(p.items(notes, cls="smedx-source"))
        return p.section(title, *parts, section_id="findings")

    def _option(self, f: Finding) -> str:
        """The option's label, marked when the value is the report's aggregate (制造业)."""
        label = self.page.pick(f, "label")
        if f.aggregate:
            label += _(" (the report's manufacturing overall)")
        return label

    def _table(self, figure_id: str, rows: list[Finding]) -> str:
        p = self.page
        body = []
        for f in rows:
            n = f"N={f.segment_n}" if f.segment_n else _("not stated")
            body.append(
                [
                    self._option(f),
                    p.pct(f.value),
                    p.pct(f.whole)
                    if f.whole is not None
                    else pgettext("industry_view", "not given"),
                    p.pp(f.difference),
                    f"{f.rank} / {f.listed}",
                    n,
                ]
            )
        return p.table(
            [
                _("Option"),
                self.label,
                _("All SMEs"),
                _("Difference"),
                pgettext("industry_view", "Rank"),
                _("Industry base"),
            ],
            body,
            numeric=(1, 2, 3, 4),
            table_id=f"finding-{figure_id}",
            row_ids=[f.key for f in rows],
        )

    def _notes(self, rows: list[Finding]) -> list[str]:
        first = rows[0]
        out = []
        caption = first.caption_n
        out.append(
            _(
                "Sample size on the chart: N={caption}; the report does not state the "
                "industry's own base."
            ).format(caption=caption)
            if caption
            else _("The report states no sample size for this figure or industry.")
        )
        out.append(
            _(
                "Rank: the position among the {listed} industries the report lists (1 = highest)."
            ).format(listed=first.listed)
        )
        if any(f.aggregate for f in rows):
            out.append(
                _(
                    "Some numbers are the report's figures for manufacturing as a whole (not split "
                    "into discrete and process manufacturing); they are listed too."
                )
            )
        if first.whole_segment:
            out.append(
                _(
                    "The report does not say which year the industry numbers are (probably "
                    "{whole_segment}); 'all SMEs' uses {whole_segment}."
                ).format(whole_segment=first.whole_segment)
            )
        if first.whole_figure != first.figure_id:
            out.append(
                _("'All SMEs' comes from figure {whole_figure}.").format(
                    whole_figure=first.whole_figure
                )
            )
        return out

    @in_page_language
    def gaps(self) -> Html:
        p = self.page
        rows = []
        for g in self.b.gaps:
            if g.by_industry:
                what = _("gives {n_by_industry} other industries only").format(
                    n_by_industry=len(g.by_industry)
                )
            else:
                what = _("no breakdown by industry")
            rows.append([g.figure_id, p.pick(g, "title"), what])
        return p.section(
            _("3. What the report does not say"),
            p.para(
                _(
                    "These survey figures have no number for {label}. On these topics only all SMEs "
                    "can be used, which says nothing specific about the industry."
                ).format(label=self.label)
            ),
            p.table(
                [
                    pgettext("industry_view", "Figure"),
                    _("Title"),
                    _("By industry"),
                ],
                rows,
                table_id="gap-table",
                row_ids=[g.figure_id for g in self.b.gaps],
            ),
            section_id="gaps",
        )

    @in_page_language
    def use_cases(self) -> Html:
        p = self.page
        title = _("4. GenAI use cases the kit ties to this industry")
        if not self.b.use_cases:
            return p.section(
                title,
                p.note(_("The kit's catalogue ties none to it.")),
                section_id="use-cases",
            )
        rows = [[p.pick(u, "label"), p.pick(u, "basis")] for u in self.b.use_cases]
        return p.section(
            title,
            p.table(
                [_("Use case"), _("Basis")],
                rows,
                table_id="use-case-table",
            ),
            p.note(
                _(
                    "The use-case catalogue and its scores are the kit's design (see the kit's "
                    "Methodology), not report data."
                )
            ),
            section_id="use-cases",
        )

    @in_page_language
    def footer(self) -> Html:
        p = self.page
        return p.section(
            _("About this brief"),
            p.para(
                _(
                    "Every number comes from the China SME Digital Transformation Report 2024 (36Kr "
                    "Research Institute with Lenovo), with the report's figure and sample size; "
                    "where the report contradicts itself or a number is doubtful, the kit's dataset "
                    "notes say so."
                )
            ),
            section_id="about",
        )
