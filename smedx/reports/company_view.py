"""The company diagnosis report (企业诊断报告), section by section, for ``templates/company.ipynb``.

Every number is read from the models' results (:mod:`smedx.reports.company`); this module only
lays them out. Each method returns one :class:`~smedx.reports.page.Html` section.
"""

from __future__ import annotations

from pathlib import Path

from smedx.charts import assessment as assessment_charts
from smedx.charts import genai as genai_charts
from smedx.charts import plan as plan_charts
from smedx.charts import scenarios as scenario_charts
from smedx.charts import vendors as vendor_charts
from smedx.i18n import Bilingual, _, pgettext
from smedx.models.assessment import stage_label
from smedx.models.common import ENTERPRISE_TYPES, INDUSTRIES, SIZE_BANDS
from smedx.models.plan import vendor_label
from smedx.reports import company
from smedx.reports.company import CompanyResults
from smedx.reports.page import Html, Page, esc, in_page_language

TOP_SCENARIOS = 5


def _money(amount_10k_cny: float) -> str:
    """An amount as each edition writes it: 万元 with two decimals, or whole yuan in English."""
    return Bilingual(f"{amount_10k_cny:,.2f} 万元", f"CNY {amount_10k_cny * 10_000:,.0f}").text()


class CompanyReport:
    def __init__(self, results: CompanyResults, page: Page):
        self.r = results
        self.page = page

    @classmethod
    def load(
        cls,
        input_path: str,
        record: int = 0,
        lang: str = "zh",
        generated_at: str = "",
        baseline_path: str = "",
        baseline_record: int = 0,
    ):
        page = Page(lang, generated_at)  # checks the language before any work
        results = company.load(
            input_path, int(record or 0), baseline_path, int(baseline_record or 0)
        )
        return cls(results, page)

    # --- helpers ----------------------------------------------------------------------------

    def _say(self, obj) -> str:
        return getattr(obj, self.page.lang)

    @property
    @in_page_language
    def title(self) -> str:
        return _("Digital transformation diagnosis")

    # --- sections ---------------------------------------------------------------------------

    @in_page_language
    def header(self) -> Html:
        p, inp = self.page, self.r.input
        prof = self.r.profile
        given = pgettext("company_view", "not given")
        where = inp.where
        source = Path(where.path).name  # the name only: a published report shows no local path
        if where.kind != "file":
            source += " · " + where.text(p.lang)[len(where.path) :].strip()
        facts = [
            (_("Company id"), inp.id),
            (_("Industry"), Bilingual(*INDUSTRIES[prof.industry]).text()),
            (
                pgettext("company_view", "Size"),
                Bilingual(*SIZE_BANDS[prof.size_band]).text() if prof.size_band else given,
            ),
            (
                pgettext("company_view", "Type"),
                Bilingual(*ENTERPRISE_TYPES[prof.enterprise_type]).text()
                if prof.enterprise_type
                else given,
            ),
            (pgettext("company_view", "Input"), source),
        ]
        return p.header(f"{self.title} · {inp.name}", self._subtitle(), facts)

    def _subtitle(self) -> str:
        return _(
            "Built from the survey data of the China SME Digital Transformation Report 2024 "
            "and the kit's assessment models"
        )

    @in_page_language
    def summary(self) -> Html:
        """要点: three to five lines read off the sections below, for the reader in a hurry."""
        p = self.page
        return p.section(
            pgettext("company_view", "Summary"),
            p.items(self.summary_points()),
            section_id="summary",
        )

    @in_page_language
    def summary_points(self) -> list[str]:
        points = [self._stage_point(), self._benchmark_point(), self._weakest_point()]
        points += [self._priorities_point(), self._plan_point()]
        return [point for point in points if point]

    def _stage_point(self) -> str:
        a = self.r.assessment
        if a is None:  # a plan without its assessment
            st = self.r.input.plan.stage
            current = self._say_stage(st, "current")
            return _(
                "Now at '{current}' (as the action plan records; total {total:g}/100)."
            ).format(current=current, total=st.total)
        p = self.page
        stage, level = p.pick(a, "stage_label"), p.pick(a, "level_label")
        text = _("Now at '{stage}' ({level}, total {total}/{max_total})").format(
            stage=stage, level=level, total=a.total, max_total=a.max_total
        )
        if a.next_stage:
            name, line = self._say_name(a.next_stage), a.next_stage_min_total
            text += _(
                "; the next stage, '{name}', starts at {line} points and needs {n_gaps} "
                "answer(s) raised"
            ).format(name=name, line=line, n_gaps=len(a.gaps))
        return text + _(".")

    def _benchmark_point(self) -> str:
        stage = next(
            (s for s in self.r.benchmark.statements if s.topic == "stage_distribution"), None
        )
        return "" if stage is None or not stage.has_data else self.page.pick(stage, "text")

    def _weakest_point(self) -> str:
        a = self.r.assessment
        if a is None:
            return ""
        weakest = min(a.dimensions.values(), key=lambda d: d.score / d.max)
        label, rate = (
            self.page.pick(weakest, "label"),
            self.page.pct(100 * weakest.score / weakest.max),
        )
        return _("Weakest dimension: {label} ({score}/{max}, {rate}).").format(
            label=label, score=weakest.score, max=weakest.max, rate=rate
        )

    def _priorities_point(self) -> str:
        p, parts = self.page, []
        if self.r.scenarios is not None and self.r.scenarios.ranked:
            first = p.pick(self.r.scenarios.ranked[0], "label")
            parts.append(_("first scenario to invest in: {first}").format(first=first))
        if self.r.genai.shortlist:
            pilot = p.pick(self.r.genai.shortlist[0], "label")
            parts.append(_("first generative AI pilot: {pilot}").format(pilot=pilot))
        if not parts:
            return ""
        text = _("; ").join(parts)
        return text[0].upper() + text[1:] + _(".")  # upper() leaves Chinese as it is

    def _plan_point(self) -> str:
        plan = self.r.plan
        if plan is None:
            return ""
        b = plan.budget
        return _(
            "Action plan: {months} months, budget {amount} ({share:g}% of revenue); the "
            "quarters' tasks are in part 7."
        ).format(months=plan.horizon_months, amount=_money(b.amount_10k_cny), share=b.share_percent)

    @in_page_language
    def stage(self) -> Html:
        p, a = self.page, self.r.assessment
        if a is None:  # a plan without its assessment
            st = self.r.input.plan.stage
            rows = [
                [_("Current stage"), self._say_stage(st, "current")],
                [_("Level"), str(st.level)],
                [_("Total"), f"{st.total:g}/100"],
            ]
            return p.section(
                _("1. Stage and level"),
                p.table(
                    [_("Item"), _("Result")],
                    rows,
                    table_id="stage-table",
                ),
                p.note(
                    _(
                        "The input is an action plan without the assessment's dimension scores and "
                        "reasons; give the assessment too for a full diagnosis."
                    )
                ),
                section_id="stage",
            )
        nxt = "—"
        if a.next_stage:
            name, line = self._say_name(a.next_stage), a.next_stage_min_total
            nxt = _("{name} (threshold {line})").format(name=name, line=line)
        rows = [
            [_("Current stage"), p.pick(a, "stage_label")],
            [_("Level"), f"{p.pick(a, 'level_label')} {a.level_band}"],
            [_("Total"), f"{a.total}/{a.max_total}"],
            [_("Next stage"), nxt],
            [
                _("Points to the next level"),
                "—" if a.points_to_next_level is None else str(a.points_to_next_level),
            ],
        ]
        return p.section(
            _("1. Stage and level"),
            f'<p class="smedx-big" id="stage-label">{esc(p.pick(a, "stage_label"))}</p>',
            p.para(p.pick(a, "stage_descriptor")),
            p.table([_("Item"), _("Result")], rows, table_id="stage-table"),
            p.h3(_("Why")),
            p.items(self._say(r) for r in a.reasons),
            p.caveats(a.notes),
            section_id="stage",
        )

    def _say_name(self, stage: str) -> str:
        return stage_label(stage, self.page.lang)

    def _say_stage(self, step, which: str) -> str:
        return getattr(step, f"{which}_{self.page.lang}")

    @in_page_language
    def dimensions(self) -> Html:
        p, a = self.page, self.r.assessment
        title = _("2. Dimension scores and gaps")
        if a is None:
            return p.section(
                title,
                p.note(_("The input has no assessment.")),
                section_id="dimensions",
            )
        rows, keys = [], []
        for key, d in a.dimensions.items():
            keys.append(key)
            rows.append([p.pick(d, "label"), f"{d.score}/{d.max}", p.pct(100 * d.score / d.max)])
        parts = [
            p.table(
                [_("Dimension"), _("Score"), _("Rate")],
                rows,
                numeric=(1, 2),
                table_id="dimension-table",
                row_ids=keys,
            ),
            p.chart(assessment_charts.radar(a, p.lang)),
        ]
        if a.gaps:
            gap_rows = [
                [
                    g.item,
                    p.pick(g, "label"),
                    f"{g.current} → {g.needed}",
                    p.pick(g, "needed_text"),
                    f"+{g.points_gain}",
                    _("gate") if g.why == "gate" else _("score"),
                ]
                for g in a.gaps
            ]
            parts += [
                p.h3(
                    _("To reach the next stage ({say_name})").format(
                        say_name=self._say_name(a.next_stage)
                    )
                ),
                p.table(
                    [
                        pgettext("company_view", "Item"),
                        _("Topic"),
                        _("Answer"),
                        _("Needed"),
                        _("Points"),
                        pgettext("company_view", "Why"),
                    ],
                    gap_rows,
                    numeric=(4,),
                    table_id="gap-table",
                ),
            ]
        return p.section(title, *parts, section_id="dimensions")

    @in_page_language
    def change(self) -> Html:
        """The change per dimension since the first assessment (T0); nothing without one."""
        p, changes = self.page, self.r.changes
        if not changes:
            return Html("")
        before, after = self.r.input.baseline, self.r.input
        when = [x.assessed_at.date().isoformat() if x.assessed_at else "?" for x in (before, after)]
        rows = [
            [
                p.pick(c, "label"),
                f"{c.before}/{c.max}",
                f"{c.after}/{c.max}",
                _("{change:+d} points").format(change=c.change),
            ]
            for c in changes
        ]
        a0, a1 = before.assessment, after.assessment
        rows.append(
            [
                _("Total"),
                f"{a0.total}/{a0.max_total}",
                f"{a1.total}/{a1.max_total}",
                _("{value:+d} points").format(value=a1.total - a0.total),
            ]
        )
        return p.section(
            _("2 (cont.) Change since the first assessment"),
            p.para(
                _(
                    "First assessment (T0): {when}, stage '{say_name}'; this one (T1): {when2}, "
                    "stage '{say_name2}'."
                ).format(
                    when=when[0],
                    say_name=self._say_name(a0.stage),
                    when2=when[1],
                    say_name2=self._say_name(a1.stage),
                )
            ),
            p.table(
                [
                    _("Dimension"),
                    f"T0 {when[0]}",
                    f"T1 {when[1]}",
                    _("Change"),
                ],
                rows,
                numeric=(1, 2, 3),
                table_id="change-table",
                row_ids=[c.key for c in changes] + ["total"],
            ),
            section_id="change",
        )

    @in_page_language
    def benchmark(self) -> Html:
        p, b = self.page, self.r.benchmark
        parts = []
        for s in b.statements:
            parts.append(
                f'<div class="smedx-statement" data-topic="{esc(s.topic)}">'
                f"{p.para(p.pick(s, 'text'))}{p.source(p.pick(s, 'source'))}"
                f"{p.caveats(s.caveats)}</div>"
            )
        parts.append(p.chart(assessment_charts.stage_distribution(b.stage, p.lang)))
        if b.investment_band is not None or b.investment_share is not None:
            parts.append(
                p.chart(
                    assessment_charts.investment_distribution(
                        b.investment_band, b.investment_share, p.lang
                    )
                )
            )
        return p.section(
            _("3. Benchmark against the national survey"),
            *parts,
            section_id="benchmark",
        )

    @in_page_language
    def scenarios(self) -> Html:
        p, ranking = self.page, self.r.scenarios
        title = _("4. Investment scenarios")
        if ranking is None:
            parts = [p.note(self._say(n)) for n in self.r.scenario_notes]
            plan = self.r.input.plan
            if plan is not None and plan.scenarios:
                parts.append(
                    p.table(
                        [
                            _("Scenarios in the plan"),
                            _("Score"),
                        ],
                        [[p.pick(c, "label"), f"{c.score:.1f}"] for c in plan.scenarios],
                        numeric=(1,),
                        table_id="scenario-table",
                    )
                )
            return p.section(title, *parts, section_id="scenarios")
        top = ranking.ranked[:TOP_SCENARIOS]
        rows = [[str(i), p.pick(s, "label"), f"{s.score:.1f}"] for i, s in enumerate(top, start=1)]
        reasons = []
        for s in ranking.ranked[:3]:
            reasons.append(p.h3(p.pick(s, "label")))
            reasons.append(p.items(self._say(r) for r in s.reasons[:3]))
        return p.section(
            title,
            p.table(
                [_("Rank"), _("Scenario"), _("Score")],
                rows,
                numeric=(0, 2),
                table_id="scenario-table",
                row_ids=[s.key for s in top],
            ),
            p.chart(scenario_charts.score_parts(ranking, p.lang)),
            *reasons,
            p.caveats([*self.r.scenario_notes, *ranking.notes]),
            section_id="scenarios",
        )

    @in_page_language
    def vendors(self) -> Html:
        p, ranking = self.page, self.r.vendors
        title = _("5. Vendor comparison")
        if ranking is not None:
            rows = [
                [str(v.rank), self._vendor_name(v.vendor), f"{v.score:.1f}", p.pick(v, "why")]
                for v in ranking.ranked
            ]
            return p.section(
                title,
                p.table(
                    [
                        _("Rank"),
                        _("Vendor"),
                        _("Score"),
                        pgettext("vendor", "Why"),
                    ],
                    rows,
                    numeric=(0, 2),
                    table_id="vendor-table",
                ),
                p.chart(vendor_charts.vendor_ranking(ranking, p.lang)),
                p.caveats(ranking.notes),
                section_id="vendors",
            )
        plan = self.r.input.plan
        parts = []
        if plan is not None and plan.vendors:
            parts.append(
                p.table(
                    [
                        _("Vendors in the plan"),
                        _("Score"),
                    ],
                    [[vendor_label(v, p.lang), f"{v.score:.1f}"] for v in plan.vendors],
                    numeric=(1,),
                    table_id="vendor-table",
                )
            )
        else:
            parts.append(
                p.note(
                    _(
                        "The input has no vendor comparison. The chart shows what SMEs in the report "
                        "look for in digital products and services, usable as criteria; score candidate "
                        "vendors with `smedx vendors` or the vendor tool, then render the report again."
                    )
                )
            )
        parts.append(p.chart(vendor_charts.criteria_weights(p.lang)))
        return p.section(title, *parts, section_id="vendors")

    def _vendor_name(self, vendor) -> str:
        name = Bilingual(vendor.name, vendor.name_en or vendor.name).text()
        flagged = vendor.fictional and _("fictional") not in name.lower()
        return name + (_(" (fictional)") if flagged else "")

    @in_page_language
    def genai(self) -> Html:
        p, g = self.page, self.r.genai
        rows = [
            [
                str(i),
                p.pick(item, "label"),
                f"{item.value:g}",
                f"{item.feasibility:g}",
                f"{item.risk:g}",
                f"{item.priority:g}",
            ]
            for i, item in enumerate(g.shortlist, start=1)
        ]
        parts = [
            p.chart(genai_charts.quadrant(g, p.lang)),
            p.h3(_("Suggested first pilots")),
            p.table(
                [
                    "#",
                    _("Use case"),
                    _("Value"),
                    _("Feasibility"),
                    _("Risk"),
                    _("Priority"),
                ],
                rows,
                numeric=(0, 2, 3, 4, 5),
                table_id="pilot-table",
                row_ids=[item.key for item in g.shortlist],
            )
            if rows
            else p.note(_("No use case suits a first pilot yet.")),
        ]
        for item in g.shortlist:
            parts.append(p.h3(p.pick(item, "label")))
            parts.append(p.items(self._say(r) for r in item.reasons[:3]))
        if self.r.genai_assumed:
            parts.append(
                p.note(
                    _(
                        "The input gives no data readiness or AI skills; assumed '{data_readiness}' and "
                        "'{skills}'. Add data_readiness and skills to the input to change this."
                    ).format(data_readiness=g.inputs.data_readiness, skills=g.inputs.skills)
                )
            )
        parts.append(p.caveats(g.notes))
        return p.section(_("6. Generative AI pilots"), *parts, section_id="genai")

    @in_page_language
    def plan(self) -> Html:
        p, plan = self.page, self.r.plan
        title = _("7. Action plan")
        if plan is None:
            notes = [p.note(self._say(n)) for n in self.r.plan_notes]
            return p.section(title, *notes, section_id="plan")
        b, st = plan.budget, plan.stage
        origin = (
            _("This plan was built from the inputs for this report.")
            if self.r.plan_built
            else _("This plan was read from the input (checksum verified).")
        )
        summary = [
            [
                _("Stage"),
                f"{self._say_stage(st, 'current')} → {self._say_stage(st, 'target')}",
            ],
            [
                _("Horizon"),
                _("{horizon_months} months").format(horizon_months=plan.horizon_months),
            ],
            [
                _("Budget"),
                _("{amount} (revenue {revenue} x {share:g}%)").format(
                    amount=_money(b.amount_10k_cny),
                    revenue=_money(b.revenue_10k_cny),
                    share=b.share_percent,
                ),
            ],
        ]
        quarters = [
            [
                _("Q{index}").format(index=q.index),
                _("months {month_from}-{month_to}").format(
                    month_from=q.month_from, month_to=q.month_to
                ),
                f"{q.budget_10k_cny:,.2f}",
                p.items(self._say(t) for t in q.tasks),
            ]
            for q in plan.timeline
        ]
        kpis = [[p.pick(k, "label"), p.pick(k, "metric"), p.pick(k, "target")] for k in plan.kpis]
        return p.section(
            title,
            p.para(origin),
            p.table([_("Item"), _("Plan")], summary, table_id="plan-table"),
            p.items(self._say(c) for c in b.comparisons),
            p.chart(plan_charts.timeline(plan, p.lang, printed=True)),
            p.table(
                [
                    _("Quarter"),
                    _("Months"),
                    _("Budget (10k CNY)"),
                    _("Tasks"),
                ],
                quarters,
                numeric=(2,),
                table_id="quarter-table",
            ),
            p.chart(plan_charts.budget(plan, p.lang)),
            p.h3(pgettext("company_view", "KPIs")),
            p.table(
                [_("Outcome"), _("Metric"), _("Target")],
                kpis,
                table_id="kpi-table",
            ),
            p.chart(plan_charts.help_chart(plan, p.lang)),
            p.caveats([*self.r.plan_notes, *plan.notes]),
            section_id="plan",
        )

    @in_page_language
    def footer(self) -> Html:
        p = self.page
        return p.section(
            _("About this report"),
            p.para(
                _(
                    "Survey numbers come from the China SME Digital Transformation Report 2024 (36Kr "
                    "Research Institute with Lenovo), with figure and sample size under each chart; "
                    "the questionnaire scoring, scenario and pilot scores, vendor comparison and "
                    "action plan are the kit's own models, explained in the kit's Methodology. "
                    "Example companies and vendors are fictional."
                )
            ),
            section_id="about",
        )
