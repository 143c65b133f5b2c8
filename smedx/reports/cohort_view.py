"""The association / training-class cohort report (协会/培训班报告), for ``templates/cohort.ipynb``.

Numbers come from :mod:`smedx.reports.cohort` (members) and :mod:`smedx.data` (the survey); this
module lays them out. No member is ever named: the report shows groups of five or more only, and
the records left out are counted, not listed (the command line lists them for the analyst).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smedx.i18n import N_, Bilingual, _, pgettext, using
from smedx.models.assessment import stage_label
from smedx.models.common import STAGE_ORDER
from smedx.reports import charts as report_charts
from smedx.reports import cohort, members
from smedx.reports.cohort import MIN_GROUP, Comparison
from smedx.reports.page import Html, Page, in_page_language

SECTION_TITLES = {
    "stage": N_("Digital transformation stage"),
    "investment": N_("Digital spending as a share of revenue"),
    "goals": N_("Transformation goals"),
    "challenges": N_("Difficulties and challenges"),
    "help_wanted": N_("External help wanted"),
}


def segment_titles() -> dict[str, str]:
    """The segment tables' titles in the current language."""
    return {
        "industry": pgettext("segment", "By industry"),
        "size_band": _("By size (employees)"),
        "enterprise_type": _("By enterprise type"),
    }


NUMERALS = "一二三四五六七八九十"


class CohortReport:
    def __init__(self, loaded: members.Cohort, page: Page, name: str = ""):
        self.cohort = loaded
        self.members = loaded.members
        self.page = page
        with using(page.lang):
            self.name = name or _("the members")
        self._number = 0

    @classmethod
    def load(cls, inputs: str | Sequence[str], name: str = "", lang: str = "zh", generated_at=""):
        page = Page(lang, generated_at)
        paths = [inputs] if isinstance(inputs, str) else list(inputs)
        return cls(members.load(paths), page, name)

    def _title(self, title: str) -> str:
        """The next section's title, numbered 一、二、… in Chinese and 1. 2. … in English."""
        self._number += 1
        n = self._number
        return Bilingual(f"{NUMERALS[n - 1]}、{title}", f"{n}. {title}").text()

    @property
    def suppressed(self) -> bool:
        return self.cohort.size < MIN_GROUP

    # --- sections ---------------------------------------------------------------------------

    @in_page_language
    def header(self) -> Html:
        p, c = self.page, self.cohort
        names = ", ".join(Path(s).name for s in c.sources)
        facts = [
            (_("Members counted"), str(c.size)),
            (_("Records read"), str(c.records_read)),
            (
                _("Records or files left out"),
                str(len(c.problems)),
            ),
            (_("Input"), names),
        ]
        return p.header(
            _("Members' digital transformation · {name}").format(name=self.name),
            _(
                "The members' self-assessments next to the national survey of the China SME "
                "Digital Transformation Report 2024"
            ),
            facts,
        )

    @in_page_language
    def summary(self) -> Html:
        """要点: three to five lines read off the comparisons below, for the reader in a hurry."""
        p = self.page
        return p.section(
            pgettext("cohort_view", "Summary"),
            p.items(self.summary_points()),
            section_id="summary",
        )

    @in_page_language
    def summary_points(self) -> list[str]:
        o = cohort.overview(self.members)
        if o.suppressed:
            return [
                _(
                    "Only {members} members are counted, fewer than {min_group}: to protect their "
                    "privacy the report shows no member numbers, only the national survey's."
                ).format(members=o.members, min_group=MIN_GROUP)
            ]
        stage = self._comparison("stage")
        points = []
        if not stage.suppressed:
            points += [
                self._top_stage(stage, o.members),
                self._largest_gap(stage, o.margin_of_error),
            ]
        for topic in ("goals", "challenges", "help_wanted", "investment"):
            comp = self._comparison(topic)
            if comp.available and not comp.suppressed and any(r.count for r in comp.rows):
                points.append(self._top_choice(comp))
        points = [point for point in points if point][:5]
        if len(points) < 3:  # members who gave their stage only: say how far to trust it
            points.append(
                _(
                    "The members' shares have a margin of error of up to ±{margin_of_error:.1f} pp "
                    "(95%, {members} members)."
                ).format(margin_of_error=o.margin_of_error, members=o.members)
            )
        return points

    def _versus(self, row: cohort.ShareRow) -> str:
        p = self.page
        national = (
            _("national survey {national}").format(national=p.pct(row.national))
            if row.national is not None
            else _("the report gives no national figure")
        )
        return _("members {share}, {national}").format(share=p.pct(row.share), national=national)

    def _top_stage(self, comp: Comparison, size: int) -> str:
        top = max(comp.rows, key=lambda r: r.count)  # the first in stage order on a tie
        label = self.page.pick(top, "label")
        return _("Of {size} members, most are at '{label}' ({versus}).").format(
            size=size, label=label, versus=self._versus(top)
        )

    def _largest_gap(self, comp: Comparison, margin: float | None) -> str:
        rows = [r for r in comp.rows if r.difference is not None]
        if not rows:
            return ""
        row = max(rows, key=lambda r: abs(r.difference))  # the first in stage order on a tie
        label, p = self.page.pick(row, "label"), self.page
        text = _(
            "The stage furthest from the national survey is '{label}': {difference} ({versus})"
        ).format(label=label, difference=p.pp(row.difference), versus=self._versus(row))
        if margin is not None and abs(row.difference) < margin:
            text += _(
                ", within the ±{margin:.1f} pp margin of error: not a clear difference"
            ).format(margin=margin)
        return text + _(".")

    def _top_choice(self, comp: Comparison) -> str:
        # the first in the report's order on a tie; options hidden for privacy are not candidates
        top = max((r for r in comp.rows if r.count is not None), key=lambda r: r.count)
        label = self.page.pick(top, "label")
        lead = {
            "goals": _("The goal most members chose"),
            "challenges": _("The difficulty most members face"),
            "help_wanted": _("The help most members want"),
            "investment": _("The spending band of most members"),
        }[comp.topic]
        return _("{lead}: '{label}' ({versus}; {base} answered).").format(
            lead=lead, label=label, versus=self._versus(top), base=comp.base
        )

    @in_page_language
    def overview(self) -> Html:
        p = self.page
        o = cohort.overview(self.members)
        title = self._title(_("Overview and sample sizes"))
        if o.suppressed:
            return p.section(
                title,
                p.caveats(
                    [
                        cohort.Caveat(
                            f"计入的会员只有 {o.members} 家，少于 {MIN_GROUP} 家：为保护会员隐私，"
                            "本报告不展示任何会员数字，只列出全国调查的数据。",
                            f"Only {o.members} members are counted, fewer than {MIN_GROUP}: to "
                            "protect their privacy this report shows no member numbers, only the "
                            "national survey's.",
                        )
                    ]
                ),
                section_id="overview",
            )
        questions = {
            "goals": _("answered the goals question"),
            "challenges": _("answered the challenges question"),
            "help_wanted": _("answered the help question"),
        }
        rows = [
            [_("members counted"), str(o.members)],
            [
                _("assessed from questionnaire answers"),
                str(o.with_answers),
            ],
            [_("stage given directly"), str(o.stage_given)],
            [
                _("stage taken from an action plan"),
                str(o.stage_from_plan),
            ],
            [
                _("with a spending share or answer"),
                str(o.with_investment),
            ],
            *[[questions[q], str(n)] for q, n in o.answered.items()],
            [
                _("worst-case margin of error (95%)"),
                _("±{margin_of_error:.1f} pp").format(margin_of_error=o.margin_of_error),
            ],
        ]
        keys = [
            "members",
            "with_answers",
            "stage_given",
            "stage_from_plan",
            "with_investment",
            *o.answered,
            "margin_of_error",
        ]
        return p.section(
            title,
            p.table(
                [_("Item"), _("Count")],
                rows,
                numeric=(1,),
                table_id="overview-table",
                row_ids=keys,
            ),
            p.para(
                _(
                    "The margin is the worst case (a 50% share) for {members} members: a difference "
                    "from the national figure smaller than this should not be read as a real "
                    "difference."
                ).format(members=o.members)
            ),
            section_id="overview",
        )

    @in_page_language
    def comparison(self, topic: str) -> Html:
        p = self.page
        comp = self._comparison(topic)
        title = self._title(_(SECTION_TITLES[topic]))
        n = comp.national_n
        parts = []
        if not comp.available and topic in members.QUESTIONS:
            parts.append(
                p.note(
                    _(
                        "The members' data has no answers to this question (the {topic} column or field "
                        "is empty); the chart shows the national survey only."
                    ).format(topic=topic)
                )
            )
        elif comp.suppressed and comp.base < MIN_GROUP:
            parts.append(
                p.note(
                    _(
                        "Only {base} members are in this question's base, fewer than {min_group}: their "
                        "numbers are hidden for privacy."
                    ).format(base=comp.base, min_group=MIN_GROUP)
                )
            )
        elif comp.suppressed:
            parts.append(
                p.note(_("These numbers would reveal individual members: hidden for privacy."))
            )
        else:
            parts.append(self._table(comp))
        parts.append(p.chart(report_charts.comparison(comp, p.lang, self._members_label())))
        national = f"N={n}" if n else _("base not stated")
        parts.append(
            p.source(
                _("members N={base}; national survey {national}").format(
                    base=comp.base, national=national
                )
            )
        )
        parts.append(p.caveats(comp.caveats, _("Read with care")))
        return p.section(title, *parts, section_id=f"topic-{topic}")

    def _comparison(self, topic: str) -> Comparison:
        if topic == "stage":
            comp = cohort.stage_comparison(self.members)
        elif topic == "investment":
            comp = cohort.investment_comparison(self.members)
        else:
            comp = cohort.choice_comparison(self.members, topic)
        return comp  # a cohort under five has every base under five: suppressed

    def _members_label(self) -> str:
        return _("members")

    def _table(self, comp: Comparison) -> str:
        p = self.page
        rows = [
            [
                p.pick(r, "label"),
                "—" if r.count is None else str(r.count),
                p.pct(r.share),
                p.pct(r.national)
                if r.national is not None
                else pgettext("cohort_view", "not given"),
                p.pp(r.difference),
            ]
            for r in comp.rows
        ]
        return p.table(
            [
                _("Option"),
                _("Members"),
                _("Members %"),
                _("National %"),
                _("Difference"),
            ],
            rows,
            numeric=(1, 2, 3, 4),
            table_id=f"{comp.topic}-table",
            row_ids=[r.key for r in comp.rows],
        )

    @in_page_language
    def segments(self) -> Html:
        p = self.page
        title = self._title(_("Members by segment"))
        if self.suppressed:
            return p.section(
                title,
                p.note(_("Fewer than 5 members: no segments.")),
                section_id="segments",
            )
        parts = []
        for segment_type, segment_title in segment_titles().items():
            table = cohort.segments(self.members, segment_type)
            parts.append(p.h3(segment_title))
            parts.append(self._segment_table(table))
            if table.shown:
                parts.append(
                    p.chart(
                        report_charts.segments(
                            table,
                            _("Members' stages: {segment}").format(segment=segment_title),
                            p.lang,
                        )
                    )
                )
            if table.figure_id:
                parts.append(
                    p.source(
                        _(
                            "In brackets: the group's share in the report's figure {figure_id} (the report "
                            "gives only some values)."
                        ).format(figure_id=table.figure_id)
                    )
                )
            else:
                parts.append(
                    p.source(_("The report gives no stage distribution by industry; members only."))
                )
        return p.section(title, *parts, section_id="segments")

    def _segment_table(self, table: cohort.SegmentTable) -> str:
        p = self.page
        head = [pgettext("cohort_view", "Group"), _("Members")] + [
            stage_label(s, p.lang) for s in STAGE_ORDER
        ]
        rows = []
        for seg in table.segments:
            if seg.hidden:  # one note and no size whatever the reason: the reason itself would tell
                note = pgettext("cohort_view", "hidden (privacy)")
                rows.append([p.pick(seg, "label"), "—", note] + [""] * (len(STAGE_ORDER) - 1))
                continue
            cells = []
            for s in STAGE_ORDER:
                cell = p.pct(seg.stages[s])
                if s in seg.report:
                    cell += f" ({seg.report[s]:g}%)"
                cells.append(cell)
            rows.append([p.pick(seg, "label"), str(seg.size), *cells])
        return p.table(
            head,
            rows,
            numeric=tuple(range(1, len(head))),
            table_id=f"segment-{table.segment_type}",
            row_ids=[s.key for s in table.segments],
        )

    @in_page_language
    def scores(self) -> Html:
        p = self.page
        s = cohort.scores(self.members)
        title = self._title(_("Members' questionnaire scores (the kit's)"))
        if s.suppressed or self.suppressed:
            return p.section(
                title,
                p.note(
                    _(
                        "Fewer than {min_group} members answered the questionnaire ({base}); no scores "
                        "shown."
                    ).format(min_group=MIN_GROUP, base=s.base)
                ),
                section_id="scores",
            )
        dims = [
            [p.pick(d, "label"), f"{d.mean:.1f}/{d.max_points}", p.pct(d.percent)]
            for d in s.dimensions
        ]
        levels = [[p.pick(lv, "label"), str(lv.count), p.pct(lv.share)] for lv in s.levels]
        level_part = (
            p.table(
                [_("Level"), _("Members"), _("Share")],
                levels,
                numeric=(1, 2),
                table_id="level-table",
                row_ids=[str(lv.level) for lv in s.levels],
            )
            if s.levels
            else p.note(
                _("The level distribution would reveal members' levels: hidden for privacy.")
            )
        )
        return p.section(
            title,
            p.para(
                _(
                    "{base} members answered the questionnaire; mean total {mean_total:.1f}/100. The "
                    "report has no national equivalent."
                ).format(base=s.base, mean_total=s.mean_total)
            ),
            p.table(
                [
                    _("Dimension"),
                    _("Mean"),
                    _("Rate"),
                ],
                dims,
                numeric=(1, 2),
                table_id="dimension-table",
                row_ids=[d.key for d in s.dimensions],
            ),
            p.chart(report_charts.scores(s, p.lang)),
            level_part,
            section_id="scores",
        )

    @in_page_language
    def repeat(self) -> Html:
        """Repeat assessments: the change of the members assessed on two dates (nothing at all
        when no member was assessed twice)."""
        p = self.page
        change = cohort.paired_change(self.members, self.cohort.history)
        if change.pairs == 0:
            return Html("")
        title = self._title(_("Repeat assessments: the change"))
        if change.suppressed:
            return p.section(
                title,
                p.note(
                    _(
                        "Fewer than {min_group} members were assessed on two dates: no change is shown, "
                        "for privacy."
                    ).format(min_group=MIN_GROUP)
                ),
                section_id="repeat",
            )
        rows = [
            [
                p.pick(d, "label"),
                _("{change:+.1f} points").format(change=d.change),
                str(d.max_points),
            ]
            for d in change.dimensions
        ]
        rows.append(
            [
                _("Total"),
                _("{total_change:+.1f} points").format(total_change=change.total_change),
                "100",
            ]
        )
        parts = [
            p.para(
                _(
                    "{pairs} members assessed themselves on two dates (T0 from {first_t0}, T1 up to "
                    "{last_t1}). The table gives the mean of each member's own change (T1 − T0); "
                    "members assessed once are left out."
                ).format(pairs=change.pairs, first_t0=change.first_t0, last_t1=change.last_t1)
            ),
            p.table(
                [
                    _("Dimension"),
                    _("Mean change"),
                    _("Max"),
                ],
                rows,
                numeric=(1, 2),
                table_id="repeat-table",
                row_ids=[d.key for d in change.dimensions] + ["total"],
            ),
        ]
        if change.moves is None:
            parts.append(
                p.note(_("How stages moved would reveal individual members: hidden for privacy."))
            )
        else:
            parts.append(
                p.table(
                    [_("Stage"), _("Members")],
                    [[Bilingual(*cohort.MOVES[k]).text(), str(n)] for k, n in change.moves.items()],
                    numeric=(1,),
                    table_id="repeat-moves",
                    row_ids=list(change.moves),
                )
            )
        parts.append(
            p.caveats(
                [
                    cohort.Caveat(
                        "变化是同一批会员前后两次自评的差，不是与全国调查的比较；自评会受培训影响"
                        "（学员更了解问卷），不能单独证明转型取得了进展。",
                        "The change is between the same members' two self-assessments, not a "
                        "comparison with the national survey; training itself changes how people "
                        "answer, so it cannot prove progress on its own.",
                    )
                ],
                _("Read with care"),
            )
        )
        return p.section(title, *parts, section_id="repeat")

    @in_page_language
    def caveats(self) -> Html:
        p, c = self.page, self.cohort
        parts = [p.caveats(cohort.GENERAL_CAVEATS)]
        if c.problems:
            parts.append(
                p.note(
                    _(
                        "{n_problems} records or files were left out because of input errors (the "
                        "command that made this report lists each one)."
                    ).format(n_problems=len(c.problems))
                )
            )
        parts.append(
            p.para(
                _(
                    "This report answers section 5.3's advice to associations, 'strengthen industry "
                    "research to support decision-making'. Members' stages and scores come from the "
                    "kit's own questionnaire (after MIIT's SME digital-level indicators), explained "
                    "in the kit's Methodology document."
                )
            )
        )
        return p.section(self._title(_("Caveats")), *parts, section_id="caveats")
