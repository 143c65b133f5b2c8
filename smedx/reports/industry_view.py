"""The industry brief (行业简报), section by section, for ``templates/industry.ipynb``."""

from __future__ import annotations

from itertools import groupby

from smedx import data
from smedx.reports import charts as report_charts
from smedx.reports import industry
from smedx.reports.industry import Brief, Finding
from smedx.reports.page import Html, Page, esc


class IndustryBrief:
    def __init__(self, brief: Brief, page: Page):
        self.b = brief
        self.page = page

    @classmethod
    def load(cls, industry_key: str, lang: str = "zh", generated_at: str = ""):
        page = Page(lang, generated_at)
        return cls(industry.brief(industry_key), page)

    def _t(self, zh: str, en: str) -> str:
        return self.page.t(zh, en)

    @property
    def label(self) -> str:
        return self.page.pick(self.b, "label")

    def header(self) -> Html:
        p, b = self.page, self.b
        figures = len({f.figure_id for f in b.findings})
        facts = [
            (self._t("行业", "Industry"), f"{self.label} ({b.industry})"),
            (self._t("报告给出该行业数字的图表", "Figures with numbers for it"), str(figures)),
            (self._t("没有该行业数字的调查图表", "Survey figures without them"), str(len(b.gaps))),
            (
                self._t("调查样本", "Survey sample"),
                self._t(
                    f"{int(data.fact('sample_firms')['value'])} 家中小企业",
                    f"{int(data.fact('sample_firms')['value'])} SMEs",
                ),
            ),
        ]
        return p.header(
            self._t(f"行业简报 · {self.label}", f"Industry brief · {self.label}"),
            self._t(
                "《中国中小企业数字化转型报告 2024》关于该行业的全部数字，与全部中小企业对照",
                "Everything the China SME Digital Transformation Report 2024 says about this "
                "industry in numbers, next to all SMEs",
            ),
            facts,
        )

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
                    self._t(
                        f"报告没有单独给出{self.label}的任何数字：下面只能列出报告的空白，"
                        "对标时只能参考全部中小企业的数据。",
                        f"The report gives no number for {self.label} at all: the brief can only "
                        "list the gaps; compare with all SMEs instead.",
                    )
                )
            )
        return p.section(self._t("一、要点", "1. In short"), *parts, section_id="headline")

    def findings(self) -> Html:
        p, b = self.page, self.b
        title = self._t("二、报告给出的数字", "2. The report's numbers")
        if not b.findings:
            return p.section(title, p.note(self._t("无。", "None.")), section_id="findings")
        parts = []
        for figure_id, group in groupby(b.findings, key=lambda f: f.figure_id):
            rows = list(group)
            first = rows[0]
            parts.append(p.h3(f"{self._t('图', 'Figure')} {figure_id} · {p.pick(first, 'title')}"))
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
            label += self._t("（报告的“制造业”整体）", " (the report's manufacturing overall)")
        return label

    def _table(self, figure_id: str, rows: list[Finding]) -> str:
        p = self.page
        body = []
        for f in rows:
            n = f"N={f.segment_n}" if f.segment_n else self._t("未说明", "not stated")
            body.append(
                [
                    self._option(f),
                    p.pct(f.value),
                    p.pct(f.whole) if f.whole is not None else self._t("报告未给出", "not given"),
                    p.pp(f.difference),
                    f"{f.rank} / {f.listed}",
                    n,
                ]
            )
        return p.table(
            [
                self._t("选项", "Option"),
                self.label,
                self._t("全部中小企业", "All SMEs"),
                self._t("差异", "Difference"),
                self._t("行业排名", "Rank"),
                self._t("该行业样本量", "Industry base"),
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
            self._t(
                f"图表标注的样本量：N={caption}；报告没有给出该行业的样本量。"
                if caption
                else "报告没有给出该图或该行业的样本量。",
                f"Sample size on the chart: N={caption}; the report does not state the "
                "industry's own base."
                if caption
                else "The report states no sample size for this figure or industry.",
            )
        )
        out.append(
            self._t(
                f"行业排名：在报告列出的 {first.listed} 个行业中的位置（1 = 最高）。",
                f"Rank: the position among the {first.listed} industries the report lists "
                "(1 = highest).",
            )
        )
        if any(f.aggregate for f in rows):
            out.append(
                self._t(
                    "部分数字是报告对“制造业”整体的统计（未细分离散与流程制造），已在表中一并列出。",
                    "Some numbers are the report's figures for manufacturing as a whole (not split "
                    "into discrete and process manufacturing); they are listed too.",
                )
            )
        if first.whole_segment:
            out.append(
                self._t(
                    f"报告未说明行业数字的年份（可能是 {first.whole_segment} 年），“全部中小企业”取 "
                    f"{first.whole_segment} 年的数值。",
                    f"The report does not say which year the industry numbers are (probably "
                    f"{first.whole_segment}); 'all SMEs' uses {first.whole_segment}.",
                )
            )
        if first.whole_figure != first.figure_id:
            out.append(
                self._t(
                    f"“全部中小企业”的数值取自图 {first.whole_figure}。",
                    f"'All SMEs' comes from figure {first.whole_figure}.",
                )
            )
        return out

    def gaps(self) -> Html:
        p = self.page
        rows = []
        for g in self.b.gaps:
            if g.by_industry:
                what = self._t(
                    f"只给出了 {len(g.by_industry)} 个其他行业",
                    f"gives {len(g.by_industry)} other industries only",
                )
            else:
                what = self._t("没有按行业细分", "no breakdown by industry")
            rows.append([g.figure_id, p.pick(g, "title"), what])
        return p.section(
            self._t("三、报告没有给出的数字", "3. What the report does not say"),
            p.para(
                self._t(
                    f"以下调查图表没有{self.label}的数字。对标这些方面时只能参考全部中小企业，不能推断为该行业的情况。",
                    f"These survey figures have no number for {self.label}. On these topics only "
                    "all SMEs can be used, which says nothing specific about the industry.",
                )
            ),
            p.table(
                [
                    self._t("图号", "Figure"),
                    self._t("标题", "Title"),
                    self._t("行业数据", "By industry"),
                ],
                rows,
                table_id="gap-table",
                row_ids=[g.figure_id for g in self.b.gaps],
            ),
            section_id="gaps",
        )

    def use_cases(self) -> Html:
        p = self.page
        title = self._t(
            "四、本课程为该行业标注的生成式 AI 用例",
            "4. GenAI use cases the kit ties to this industry",
        )
        if not self.b.use_cases:
            return p.section(
                title,
                p.note(
                    self._t(
                        "本课程的用例目录没有专门标注该行业。",
                        "The kit's catalogue ties none to it.",
                    )
                ),
                section_id="use-cases",
            )
        rows = [[p.pick(u, "label"), p.pick(u, "basis")] for u in self.b.use_cases]
        return p.section(
            title,
            p.table(
                [self._t("用例", "Use case"), self._t("依据", "Basis")],
                rows,
                table_id="use-case-table",
            ),
            p.note(
                self._t(
                    "用例目录与评分是本课程的设计（见课程的《方法说明》），不是报告数据。",
                    "The use-case catalogue and its scores are the kit's design (see the kit's "
                    "Methodology), not report data.",
                )
            ),
            section_id="use-cases",
        )

    def footer(self) -> Html:
        p = self.page
        return p.section(
            self._t("说明", "About this brief"),
            p.para(
                self._t(
                    "数字均来自《中国中小企业数字化转型报告 2024》（36 氪研究院、联想集团），每个数字都注明报告中的"
                    "图号与样本量；报告前后矛盾或数字存疑之处记录在课程的数据集说明中。",
                    "Every number comes from the China SME Digital Transformation Report 2024 (36Kr "
                    "Research Institute with Lenovo), with the report's figure and sample size; where "
                    "the report contradicts itself or a number is doubtful, the kit's dataset notes "
                    "say so.",
                )
            ),
            section_id="about",
        )
