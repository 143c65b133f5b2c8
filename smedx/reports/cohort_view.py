"""The association / training-class cohort report (协会/培训班报告), for ``templates/cohort.ipynb``.

Numbers come from :mod:`smedx.reports.cohort` (members) and :mod:`smedx.data` (the survey); this
module lays them out. No member is ever named: the report shows groups of five or more only, and
the records left out are counted, not listed (the command line lists them for the analyst).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smedx.models.assessment import stage_label
from smedx.models.common import STAGE_ORDER
from smedx.reports import charts as report_charts
from smedx.reports import cohort, members
from smedx.reports.cohort import MIN_GROUP, Comparison
from smedx.reports.page import Html, Page

SECTION_TITLES = {
    "stage": ("数字化转型阶段", "Digital transformation stage"),
    "investment": ("数字化投入占营业收入的比重", "Digital spending as a share of revenue"),
    "goals": ("数字化转型目标", "Transformation goals"),
    "challenges": ("困难与挑战", "Difficulties and challenges"),
    "help_wanted": ("所需外部帮助", "External help wanted"),
}
SEGMENT_TITLES = {
    "industry": ("按行业", "By industry"),
    "size_band": ("按企业规模（人数）", "By size (employees)"),
    "enterprise_type": ("按企业类型", "By enterprise type"),
}
NUMERALS = "一二三四五六七八九十"


class CohortReport:
    def __init__(self, loaded: members.Cohort, page: Page, name: str = ""):
        self.cohort = loaded
        self.members = loaded.members
        self.page = page
        self.name = name or self.page.t("本会员群体", "the members")
        self._number = 0

    @classmethod
    def load(cls, inputs: str | Sequence[str], name: str = "", lang: str = "zh", generated_at=""):
        page = Page(lang, generated_at)
        paths = [inputs] if isinstance(inputs, str) else list(inputs)
        return cls(members.load(paths), page, name)

    def _t(self, zh: str, en: str) -> str:
        return self.page.t(zh, en)

    def _title(self, zh: str, en: str) -> str:
        self._number += 1
        n = self._number
        return self._t(f"{NUMERALS[n - 1]}、{zh}", f"{n}. {en}")

    @property
    def suppressed(self) -> bool:
        return self.cohort.size < MIN_GROUP

    # --- sections ---------------------------------------------------------------------------

    def header(self) -> Html:
        p, c = self.page, self.cohort
        names = ", ".join(Path(s).name for s in c.sources)
        facts = [
            (self._t("会员数（计入）", "Members counted"), str(c.size)),
            (self._t("读取的记录", "Records read"), str(c.records_read)),
            (
                self._t("未计入的记录或文件", "Records or files left out"),
                str(len(c.problems)),
            ),
            (self._t("输入", "Input"), names),
        ]
        return p.header(
            self._t(
                f"会员数字化转型报告 · {self.name}",
                f"Members' digital transformation · {self.name}",
            ),
            self._t(
                "会员自评数据与《中国中小企业数字化转型报告 2024》全国调查的对照",
                "The members' self-assessments next to the national survey of the China SME "
                "Digital Transformation Report 2024",
            ),
            facts,
        )

    def summary(self) -> Html:
        """要点: three to five lines read off the comparisons below, for the reader in a hurry."""
        p = self.page
        return p.section(
            self._t("要点", "Summary"),
            p.items(self.summary_points()),
            section_id="summary",
        )

    def summary_points(self) -> list[str]:
        o = cohort.overview(self.members)
        if o.suppressed:
            return [
                self._t(
                    f"计入的会员只有 {o.members} 家，少于 {MIN_GROUP} 家：为保护会员隐私，"
                    "本报告不展示会员数字，只列出全国调查的数据。",
                    f"Only {o.members} members are counted, fewer than {MIN_GROUP}: to protect "
                    "their privacy the report shows no member numbers, only the national survey's.",
                )
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
                self._t(
                    f"会员比例的最大误差范围为 ±{o.margin_of_error:.1f} 个百分点（95%，{o.members} 家）。",
                    f"The members' shares have a margin of error of up to ±{o.margin_of_error:.1f} "
                    f"pp (95%, {o.members} members).",
                )
            )
        return points

    def _versus(self, row: cohort.ShareRow) -> str:
        p = self.page
        national = (
            self._t(f"全国调查 {p.pct(row.national)}", f"national survey {p.pct(row.national)}")
            if row.national is not None
            else self._t("报告未给出全国数字", "the report gives no national figure")
        )
        return self._t(
            f"会员 {p.pct(row.share)}，{national}", f"members {p.pct(row.share)}, {national}"
        )

    def _top_stage(self, comp: Comparison, size: int) -> str:
        top = max(comp.rows, key=lambda r: r.count)  # the first in stage order on a tie
        label = self.page.pick(top, "label")
        return self._t(
            f"{size} 家会员中最多的处于“{label}”（{self._versus(top)}）。",
            f"Of {size} members, most are at '{label}' ({self._versus(top)}).",
        )

    def _largest_gap(self, comp: Comparison, margin: float | None) -> str:
        rows = [r for r in comp.rows if r.difference is not None]
        if not rows:
            return ""
        row = max(rows, key=lambda r: abs(r.difference))  # the first in stage order on a tie
        label, p = self.page.pick(row, "label"), self.page
        text = self._t(
            f"与全国调查相差最大的阶段是“{label}”：{p.pp(row.difference)}（{self._versus(row)}）",
            f"The stage furthest from the national survey is '{label}': {p.pp(row.difference)} "
            f"({self._versus(row)})",
        )
        if margin is not None and abs(row.difference) < margin:
            text += self._t(
                f"，在 ±{margin:.1f} 个百分点的误差范围内，不宜解读为真实差异",
                f", within the ±{margin:.1f} pp margin of error: not a clear difference",
            )
        return text + self._t("。", ".")

    def _top_choice(self, comp: Comparison) -> str:
        # the first in the report's order on a tie; options hidden for privacy are not candidates
        top = max((r for r in comp.rows if r.count is not None), key=lambda r: r.count)
        label = self.page.pick(top, "label")
        zh, en = {
            "goals": ("最多会员选择的转型目标", "The goal most members chose"),
            "challenges": ("最多会员遇到的困难", "The difficulty most members face"),
            "help_wanted": ("最多会员需要的外部帮助", "The help most members want"),
            "investment": ("最多会员所在的投入区间", "The spending band of most members"),
        }[comp.topic]
        return self._t(
            f"{zh}：“{label}”（{self._versus(top)}；{comp.base} 家作答）。",
            f"{en}: '{label}' ({self._versus(top)}; {comp.base} answered).",
        )

    def overview(self) -> Html:
        p = self.page
        o = cohort.overview(self.members)
        title = self._title("概况与样本量", "Overview and sample sizes")
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
            "goals": self._t("回答了转型目标", "answered the goals question"),
            "challenges": self._t("回答了困难与挑战", "answered the challenges question"),
            "help_wanted": self._t("回答了所需外部帮助", "answered the help question"),
        }
        rows = [
            [self._t("计入的会员", "members counted"), str(o.members)],
            [
                self._t("其中按问卷答案评估", "assessed from questionnaire answers"),
                str(o.with_answers),
            ],
            [self._t("其中直接给出阶段", "stage given directly"), str(o.stage_given)],
            [
                self._t("其中取自行动计划", "stage taken from an action plan"),
                str(o.stage_from_plan),
            ],
            [
                self._t("有投入比例或投入答案", "with a spending share or answer"),
                str(o.with_investment),
            ],
            *[[questions[q], str(n)] for q, n in o.answered.items()],
            [
                self._t("比例的最大误差范围（95%）", "worst-case margin of error (95%)"),
                self._t(f"±{o.margin_of_error:.1f} 个百分点", f"±{o.margin_of_error:.1f} pp"),
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
                [self._t("项目", "Item"), self._t("数量", "Count")],
                rows,
                numeric=(1,),
                table_id="overview-table",
                row_ids=keys,
            ),
            p.para(
                self._t(
                    f"误差范围按 {o.members} 家会员、比例 50% 的最坏情况计算：会员与全国数据相差不到"
                    "这个幅度时，不宜解读为真实差异。",
                    f"The margin is the worst case (a 50% share) for {o.members} members: a "
                    "difference from the national figure smaller than this should not be read as "
                    "a real difference.",
                )
            ),
            section_id="overview",
        )

    def comparison(self, topic: str) -> Html:
        p = self.page
        comp = self._comparison(topic)
        zh, en = SECTION_TITLES[topic]
        title = self._title(zh, en)
        n = comp.national_n
        parts = []
        if not comp.available and topic in members.QUESTIONS:
            parts.append(
                p.note(
                    self._t(
                        f"会员数据中没有这一题（{topic} 列或字段为空），下图只列出全国调查的数据。",
                        f"The members' data has no answers to this question (the {topic} column "
                        "or field is empty); the chart shows the national survey only.",
                    )
                )
            )
        elif comp.suppressed and comp.base < MIN_GROUP:
            parts.append(
                p.note(
                    self._t(
                        f"本题计入的会员只有 {comp.base} 家，少于 {MIN_GROUP} 家，为保护隐私不展示会员数字。",
                        f"Only {comp.base} members are in this question's base, fewer than "
                        f"{MIN_GROUP}: their numbers are hidden for privacy.",
                    )
                )
            )
        elif comp.suppressed:
            parts.append(
                p.note(
                    self._t(
                        "这些数字会暴露个别会员的情况，为保护隐私不展示会员数字。",
                        "These numbers would reveal individual members: hidden for privacy.",
                    )
                )
            )
        else:
            parts.append(self._table(comp))
        parts.append(p.chart(report_charts.comparison(comp, p.lang, self._members_label())))
        base_zh = f"会员 N={comp.base}；全国调查 " + (f"N={n}" if n else "未说明样本量")
        base_en = f"members N={comp.base}; national survey " + (
            f"N={n}" if n else "base not stated"
        )
        parts.append(p.source(self._t(base_zh, base_en)))
        parts.append(p.caveats(comp.caveats, self._t("解读提示", "Read with care")))
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
        return self._t("本会员", "members")

    def _table(self, comp: Comparison) -> str:
        p = self.page
        rows = [
            [
                p.pick(r, "label"),
                "—" if r.count is None else str(r.count),
                p.pct(r.share),
                p.pct(r.national) if r.national is not None else self._t("报告未给出", "not given"),
                p.pp(r.difference),
            ]
            for r in comp.rows
        ]
        return p.table(
            [
                self._t("选项", "Option"),
                self._t("会员数", "Members"),
                self._t("会员占比", "Members %"),
                self._t("全国调查", "National %"),
                self._t("差异", "Difference"),
            ],
            rows,
            numeric=(1, 2, 3, 4),
            table_id=f"{comp.topic}-table",
            row_ids=[r.key for r in comp.rows],
        )

    def segments(self) -> Html:
        p = self.page
        title = self._title("会员的细分情况", "Members by segment")
        if self.suppressed:
            return p.section(
                title,
                p.note(
                    self._t("会员少于 5 家，不展示细分。", "Fewer than 5 members: no segments.")
                ),
                section_id="segments",
            )
        parts = []
        for segment_type, (zh, en) in SEGMENT_TITLES.items():
            table = cohort.segments(self.members, segment_type)
            parts.append(p.h3(self._t(zh, en)))
            parts.append(self._segment_table(table))
            if table.shown:
                parts.append(
                    p.chart(
                        report_charts.segments(
                            table,
                            self._t(f"会员的阶段分布：{zh}", f"Members' stages: {en}"),
                            p.lang,
                        )
                    )
                )
            if table.figure_id:
                parts.append(
                    p.source(
                        self._t(
                            f"括号内为报告图 {table.figure_id} 给出的该组比例（报告只给出部分数值）。",
                            f"In brackets: the group's share in the report's figure {table.figure_id} "
                            "(the report gives only some values).",
                        )
                    )
                )
            else:
                parts.append(
                    p.source(
                        self._t(
                            "报告没有按行业给出阶段分布，只能列出会员数据。",
                            "The report gives no stage distribution by industry; members only.",
                        )
                    )
                )
        return p.section(title, *parts, section_id="segments")

    def _segment_table(self, table: cohort.SegmentTable) -> str:
        p = self.page
        head = [self._t("组", "Group"), self._t("会员数", "Members")] + [
            stage_label(s, p.lang) for s in STAGE_ORDER
        ]
        rows = []
        for seg in table.segments:
            if seg.hidden:  # one note and no size whatever the reason: the reason itself would tell
                note = self._t("不展示（隐私保护）", "hidden (privacy)")
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

    def scores(self) -> Html:
        p = self.page
        s = cohort.scores(self.members)
        title = self._title(
            "会员的自评得分（本课程问卷）", "Members' questionnaire scores (the kit's)"
        )
        if s.suppressed or self.suppressed:
            return p.section(
                title,
                p.note(
                    self._t(
                        f"按问卷作答的会员少于 {MIN_GROUP} 家（{s.base} 家），不展示得分。",
                        f"Fewer than {MIN_GROUP} members answered the questionnaire ({s.base}); "
                        "no scores shown.",
                    )
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
                [self._t("等级", "Level"), self._t("会员数", "Members"), self._t("占比", "Share")],
                levels,
                numeric=(1, 2),
                table_id="level-table",
                row_ids=[str(lv.level) for lv in s.levels],
            )
            if s.levels
            else p.note(
                self._t(
                    "等级分布会暴露个别会员的等级，为保护隐私不展示。",
                    "The level distribution would reveal members' levels: hidden for privacy.",
                )
            )
        )
        return p.section(
            title,
            p.para(
                self._t(
                    f"{s.base} 家会员按问卷作答，平均总分 {s.mean_total:.1f}/100。报告没有对应的全国数据。",
                    f"{s.base} members answered the questionnaire; mean total {s.mean_total:.1f}/100. "
                    "The report has no national equivalent.",
                )
            ),
            p.table(
                [
                    self._t("维度", "Dimension"),
                    self._t("平均得分", "Mean"),
                    self._t("得分率", "Rate"),
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

    def repeat(self) -> Html:
        """Repeat assessments: the change of the members assessed on two dates (nothing at all
        when no member was assessed twice)."""
        p = self.page
        change = cohort.paired_change(self.members, self.cohort.history)
        if change.pairs == 0:
            return Html("")
        title = self._title("重复评估：前后变化", "Repeat assessments: the change")
        if change.suppressed:
            return p.section(
                title,
                p.note(
                    self._t(
                        f"在两个日期都有评估的会员少于 {MIN_GROUP} 家，为保护隐私不展示变化。",
                        f"Fewer than {MIN_GROUP} members were assessed on two dates: no change "
                        "is shown, for privacy.",
                    )
                ),
                section_id="repeat",
            )
        rows = [
            [
                p.pick(d, "label"),
                self._t(f"{d.change:+.1f} 分", f"{d.change:+.1f} points"),
                str(d.max_points),
            ]
            for d in change.dimensions
        ]
        rows.append(
            [
                self._t("总分", "Total"),
                self._t(f"{change.total_change:+.1f} 分", f"{change.total_change:+.1f} points"),
                "100",
            ]
        )
        parts = [
            p.para(
                self._t(
                    f"{change.pairs} 家会员在两个日期都做了自评（T0 最早 {change.first_t0}，T1 最晚 "
                    f"{change.last_t1}）。下表是这些会员逐家相减后的平均变化（T1 − T0）；只评估过一次的会员"
                    "不计入。",
                    f"{change.pairs} members assessed themselves on two dates (T0 from "
                    f"{change.first_t0}, T1 up to {change.last_t1}). The table gives the mean of "
                    "each member's own change (T1 − T0); members assessed once are left out.",
                )
            ),
            p.table(
                [
                    self._t("维度", "Dimension"),
                    self._t("平均变化", "Mean change"),
                    self._t("满分", "Max"),
                ],
                rows,
                numeric=(1, 2),
                table_id="repeat-table",
                row_ids=[d.key for d in change.dimensions] + ["total"],
            ),
        ]
        if change.moves is None:
            parts.append(
                p.note(
                    self._t(
                        "阶段变化的分布会暴露个别会员的情况，为保护隐私不展示。",
                        "How stages moved would reveal individual members: hidden for privacy.",
                    )
                )
            )
        else:
            parts.append(
                p.table(
                    [self._t("阶段", "Stage"), self._t("会员数", "Members")],
                    [[self._t(*cohort.MOVES[k]), str(n)] for k, n in change.moves.items()],
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
                self._t("解读提示", "Read with care"),
            )
        )
        return p.section(title, *parts, section_id="repeat")

    def caveats(self) -> Html:
        p, c = self.page, self.cohort
        parts = [p.caveats(cohort.GENERAL_CAVEATS)]
        if c.problems:
            parts.append(
                p.note(
                    self._t(
                        f"有 {len(c.problems)} 条记录或文件因输入错误未计入（生成报告的命令行输出逐条列出了原因）。",
                        f"{len(c.problems)} records or files were left out because of input errors "
                        "(the command that made this report lists each one).",
                    )
                )
            )
        parts.append(
            p.para(
                self._t(
                    "本报告回应报告第 5.3 节对行业协会的建议：“加强行业研究，提供决策支持”。会员的阶段与得分"
                    "来自本课程自行设计的自评问卷（参照工信部中小企业数字化水平评测指标），方法见课程的《方法说明》文档。",
                    "This report answers section 5.3's advice to associations, 'strengthen industry "
                    "research to support decision-making'. Members' stages and scores come from the "
                    "kit's own questionnaire (after MIIT's SME digital-level indicators), explained "
                    "in the kit's Methodology document.",
                )
            )
        )
        return p.section(self._title("说明与注意事项", "Caveats"), *parts, section_id="caveats")
