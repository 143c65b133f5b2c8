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
from smedx.models.assessment import stage_label
from smedx.models.common import ENTERPRISE_TYPES, INDUSTRIES, SIZE_BANDS
from smedx.models.plan import vendor_label
from smedx.reports import company
from smedx.reports.company import CompanyResults
from smedx.reports.page import Html, Page, esc

TOP_SCENARIOS = 5


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

    def _t(self, zh: str, en: str) -> str:
        return self.page.t(zh, en)

    def _say(self, obj) -> str:
        return getattr(obj, self.page.lang)

    @property
    def title(self) -> str:
        return self._t("企业数字化转型诊断报告", "Digital transformation diagnosis")

    # --- sections ---------------------------------------------------------------------------

    def header(self) -> Html:
        p, inp = self.page, self.r.input
        prof = self.r.profile
        lang = 1 if p.lang == "en" else 0
        given = self._t("未填写", "not given")
        where = inp.where
        source = Path(where.path).name  # the name only: a published report shows no local path
        if where.kind != "file":
            source += " · " + where.text(p.lang)[len(where.path) :].strip()
        facts = [
            (self._t("企业编号", "Company id"), inp.id),
            (self._t("行业", "Industry"), INDUSTRIES[prof.industry][lang]),
            (
                self._t("企业规模", "Size"),
                SIZE_BANDS[prof.size_band][lang] if prof.size_band else given,
            ),
            (
                self._t("企业类型", "Type"),
                ENTERPRISE_TYPES[prof.enterprise_type][lang] if prof.enterprise_type else given,
            ),
            (self._t("输入文件", "Input"), source),
        ]
        return p.header(f"{self.title} · {inp.name}", self._subtitle(), facts)

    def _subtitle(self) -> str:
        return self._t(
            "依据《中国中小企业数字化转型报告 2024》的调查数据与本课程的评估模型生成",
            "Built from the survey data of the China SME Digital Transformation Report 2024 and "
            "the kit's assessment models",
        )

    def summary(self) -> Html:
        """要点: three to five lines read off the sections below, for the reader in a hurry."""
        p = self.page
        return p.section(
            self._t("要点", "Summary"), p.items(self.summary_points()), section_id="summary"
        )

    def summary_points(self) -> list[str]:
        points = [self._stage_point(), self._benchmark_point(), self._weakest_point()]
        points += [self._priorities_point(), self._plan_point()]
        return [point for point in points if point]

    def _stage_point(self) -> str:
        a = self.r.assessment
        if a is None:  # a plan without its assessment
            st = self.r.input.plan.stage
            current = self._say_stage(st, "current")
            return self._t(
                f"当前处于“{current}”（行动计划所记录，总分 {st.total:g}/100）。",
                f"Now at '{current}' (as the action plan records; total {st.total:g}/100).",
            )
        p = self.page
        stage, level = p.pick(a, "stage_label"), p.pick(a, "level_label")
        text = self._t(
            f"当前处于“{stage}”（{level}，总分 {a.total}/{a.max_total}）",
            f"Now at '{stage}' ({level}, total {a.total}/{a.max_total})",
        )
        if a.next_stage:
            name, line = self._say_name(a.next_stage), a.next_stage_min_total
            text += self._t(
                f"；下一阶段“{name}”的分数线为 {line} 分，需补齐 {len(a.gaps)} 项",
                f"; the next stage, '{name}', starts at {line} points and needs "
                f"{len(a.gaps)} answer(s) raised",
            )
        return text + self._t("。", ".")

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
        return self._t(
            f"得分率最低的维度：{label}（{weakest.score}/{weakest.max}，{rate}）。",
            f"Weakest dimension: {label} ({weakest.score}/{weakest.max}, {rate}).",
        )

    def _priorities_point(self) -> str:
        p, parts = self.page, []
        if self.r.scenarios is not None and self.r.scenarios.ranked:
            first = p.pick(self.r.scenarios.ranked[0], "label")
            parts.append(self._t(f"首选投入场景“{first}”", f"first scenario to invest in: {first}"))
        if self.r.genai.shortlist:
            pilot = p.pick(self.r.genai.shortlist[0], "label")
            parts.append(
                self._t(f"生成式 AI 首个试点“{pilot}”", f"first generative AI pilot: {pilot}")
            )
        if not parts:
            return ""
        text = self._t("；", "; ").join(parts)
        return self._t(f"{text}。", f"{text[0].upper()}{text[1:]}.")

    def _plan_point(self) -> str:
        plan = self.r.plan
        if plan is None:
            return ""
        b = plan.budget
        return self._t(
            f"行动计划：{plan.horizon_months} 个月，预算 {b.amount_10k_cny:,.2f} 万元"
            f"（营收的 {b.share_percent:g}%），按季度的任务见第七部分。",
            f"Action plan: {plan.horizon_months} months, budget CNY "
            f"{b.amount_10k_cny * 10_000:,.0f} ({b.share_percent:g}% of revenue); the quarters' "
            "tasks are in part 7.",
        )

    def stage(self) -> Html:
        p, a = self.page, self.r.assessment
        if a is None:  # a plan without its assessment
            st = self.r.input.plan.stage
            rows = [
                [self._t("当前阶段", "Current stage"), self._say_stage(st, "current")],
                [self._t("等级", "Level"), str(st.level)],
                [self._t("总分", "Total"), f"{st.total:g}/100"],
            ]
            return p.section(
                self._t("一、数字化阶段与等级", "1. Stage and level"),
                p.table(
                    [self._t("项目", "Item"), self._t("结果", "Result")],
                    rows,
                    table_id="stage-table",
                ),
                p.note(
                    self._t(
                        "输入是一份行动计划，不含评估的各维度得分与理由；如需完整诊断，请同时提供评估结果。",
                        "The input is an action plan without the assessment's dimension scores "
                        "and reasons; give the assessment too for a full diagnosis.",
                    )
                ),
                section_id="stage",
            )
        nxt = "—"
        if a.next_stage:
            name, line = self._say_name(a.next_stage), a.next_stage_min_total
            nxt = self._t(f"{name}（分数线 {line}）", f"{name} (threshold {line})")
        rows = [
            [self._t("当前阶段", "Current stage"), p.pick(a, "stage_label")],
            [self._t("等级", "Level"), f"{p.pick(a, 'level_label')} {a.level_band}"],
            [self._t("总分", "Total"), f"{a.total}/{a.max_total}"],
            [self._t("下一阶段", "Next stage"), nxt],
            [
                self._t("距下一等级", "Points to the next level"),
                "—" if a.points_to_next_level is None else str(a.points_to_next_level),
            ],
        ]
        return p.section(
            self._t("一、数字化阶段与等级", "1. Stage and level"),
            f'<p class="smedx-big" id="stage-label">{esc(p.pick(a, "stage_label"))}</p>',
            p.para(p.pick(a, "stage_descriptor")),
            p.table(
                [self._t("项目", "Item"), self._t("结果", "Result")], rows, table_id="stage-table"
            ),
            p.h3(self._t("判定理由", "Why")),
            p.items(self._say(r) for r in a.reasons),
            p.caveats(a.notes),
            section_id="stage",
        )

    def _say_name(self, stage: str) -> str:
        return stage_label(stage, self.page.lang)

    def _say_stage(self, step, which: str) -> str:
        return getattr(step, f"{which}_{self.page.lang}")

    def dimensions(self) -> Html:
        p, a = self.page, self.r.assessment
        title = self._t("二、各维度得分与差距", "2. Dimension scores and gaps")
        if a is None:
            return p.section(
                title,
                p.note(self._t("输入中没有评估结果。", "The input has no assessment.")),
                section_id="dimensions",
            )
        rows, keys = [], []
        for key, d in a.dimensions.items():
            keys.append(key)
            rows.append([p.pick(d, "label"), f"{d.score}/{d.max}", p.pct(100 * d.score / d.max)])
        parts = [
            p.table(
                [self._t("维度", "Dimension"), self._t("得分", "Score"), self._t("得分率", "Rate")],
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
                    self._t("门槛", "gate") if g.why == "gate" else self._t("分数", "score"),
                ]
                for g in a.gaps
            ]
            parts += [
                p.h3(
                    self._t(
                        f"迈向下一阶段（{self._say_name(a.next_stage)}）需补齐",
                        f"To reach the next stage ({self._say_name(a.next_stage)})",
                    )
                ),
                p.table(
                    [
                        self._t("题目", "Item"),
                        self._t("内容", "Topic"),
                        self._t("答案", "Answer"),
                        self._t("需达到", "Needed"),
                        self._t("加分", "Points"),
                        self._t("原因", "Why"),
                    ],
                    gap_rows,
                    numeric=(4,),
                    table_id="gap-table",
                ),
            ]
        return p.section(title, *parts, section_id="dimensions")

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
                self._t(f"{c.change:+d} 分", f"{c.change:+d} points"),
            ]
            for c in changes
        ]
        a0, a1 = before.assessment, after.assessment
        rows.append(
            [
                self._t("总分", "Total"),
                f"{a0.total}/{a0.max_total}",
                f"{a1.total}/{a1.max_total}",
                self._t(f"{a1.total - a0.total:+d} 分", f"{a1.total - a0.total:+d} points"),
            ]
        )
        return p.section(
            self._t(
                "二（续）、与首次评估相比的变化", "2 (cont.) Change since the first assessment"
            ),
            p.para(
                self._t(
                    f"首次评估（T0）：{when[0]}，阶段“{self._say_name(a0.stage)}”；本次（T1）：{when[1]}，"
                    f"阶段“{self._say_name(a1.stage)}”。",
                    f"First assessment (T0): {when[0]}, stage '{self._say_name(a0.stage)}'; this one "
                    f"(T1): {when[1]}, stage '{self._say_name(a1.stage)}'.",
                )
            ),
            p.table(
                [
                    self._t("维度", "Dimension"),
                    f"T0 {when[0]}",
                    f"T1 {when[1]}",
                    self._t("变化", "Change"),
                ],
                rows,
                numeric=(1, 2, 3),
                table_id="change-table",
                row_ids=[c.key for c in changes] + ["total"],
            ),
            section_id="change",
        )

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
            self._t("三、同业对标：与全国调查相比", "3. Benchmark against the national survey"),
            *parts,
            section_id="benchmark",
        )

    def scenarios(self) -> Html:
        p, ranking = self.page, self.r.scenarios
        title = self._t("四、投入场景", "4. Investment scenarios")
        if ranking is None:
            parts = [p.note(self._say(n)) for n in self.r.scenario_notes]
            plan = self.r.input.plan
            if plan is not None and plan.scenarios:
                parts.append(
                    p.table(
                        [
                            self._t("计划中的场景", "Scenarios in the plan"),
                            self._t("得分", "Score"),
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
                [self._t("排名", "Rank"), self._t("场景", "Scenario"), self._t("得分", "Score")],
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

    def vendors(self) -> Html:
        p, ranking = self.page, self.r.vendors
        title = self._t("五、服务商比选", "5. Vendor comparison")
        if ranking is not None:
            rows = [
                [str(v.rank), self._vendor_name(v.vendor), f"{v.score:.1f}", p.pick(v, "why")]
                for v in ranking.ranked
            ]
            return p.section(
                title,
                p.table(
                    [
                        self._t("排名", "Rank"),
                        self._t("服务商", "Vendor"),
                        self._t("得分", "Score"),
                        self._t("理由", "Why"),
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
                        self._t("计划中的候选服务商", "Vendors in the plan"),
                        self._t("得分", "Score"),
                    ],
                    [[vendor_label(v, p.lang), f"{v.score:.1f}"] for v in plan.vendors],
                    numeric=(1,),
                    table_id="vendor-table",
                )
            )
        else:
            parts.append(
                p.note(
                    self._t(
                        "输入中没有服务商比选结果。下图是报告中企业选择数字化产品与服务时看重的因素，"
                        "可作为比选准则；用 smedx vendors 或服务商比选工具对候选服务商打分后再生成报告。",
                        "The input has no vendor comparison. The chart shows what SMEs in the "
                        "report look for in digital products and services, usable as criteria; "
                        "score candidate vendors with `smedx vendors` or the vendor tool, then "
                        "render the report again.",
                    )
                )
            )
        parts.append(p.chart(vendor_charts.criteria_weights(p.lang)))
        return p.section(title, *parts, section_id="vendors")

    def _vendor_name(self, vendor) -> str:
        if self.page.lang == "en":
            name = vendor.name_en or vendor.name
            return name + (
                " (fictional)" if vendor.fictional and "fictional" not in name.lower() else ""
            )
        return vendor.name + ("（虚构）" if vendor.fictional and "虚构" not in vendor.name else "")

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
            p.h3(self._t("建议的首批试点", "Suggested first pilots")),
            p.table(
                [
                    "#",
                    self._t("用例", "Use case"),
                    self._t("价值", "Value"),
                    self._t("可行性", "Feasibility"),
                    self._t("风险", "Risk"),
                    self._t("优先分", "Priority"),
                ],
                rows,
                numeric=(0, 2, 3, 4, 5),
                table_id="pilot-table",
                row_ids=[item.key for item in g.shortlist],
            )
            if rows
            else p.note(
                self._t("暂无适合作为首批试点的用例。", "No use case suits a first pilot yet.")
            ),
        ]
        for item in g.shortlist:
            parts.append(p.h3(p.pick(item, "label")))
            parts.append(p.items(self._say(r) for r in item.reasons[:3]))
        if self.r.genai_assumed:
            parts.append(
                p.note(
                    self._t(
                        f"输入未给出数据准备度或 AI 技能，按“{g.inputs.data_readiness}”与"
                        f"“{g.inputs.skills}”估计；可在输入中加 data_readiness、skills 字段。",
                        f"The input gives no data readiness or AI skills; assumed "
                        f"'{g.inputs.data_readiness}' and '{g.inputs.skills}'. Add data_readiness "
                        "and skills to the input to change this.",
                    )
                )
            )
        parts.append(p.caveats(g.notes))
        return p.section(
            self._t("六、生成式 AI 试点", "6. Generative AI pilots"), *parts, section_id="genai"
        )

    def plan(self) -> Html:
        p, plan = self.page, self.r.plan
        title = self._t("七、行动计划", "7. Action plan")
        if plan is None:
            notes = [p.note(self._say(n)) for n in self.r.plan_notes]
            return p.section(title, *notes, section_id="plan")
        b, st = plan.budget, plan.stage
        origin = (
            self._t(
                "本计划由报告生成时按输入计算。",
                "This plan was built from the inputs for this report.",
            )
            if self.r.plan_built
            else self._t(
                "本计划读取自输入文件（校验和已核对）。",
                "This plan was read from the input (checksum verified).",
            )
        )
        summary = [
            [
                self._t("阶段", "Stage"),
                f"{self._say_stage(st, 'current')} → {self._say_stage(st, 'target')}",
            ],
            [
                self._t("周期", "Horizon"),
                self._t(f"{plan.horizon_months} 个月", f"{plan.horizon_months} months"),
            ],
            [
                self._t("预算", "Budget"),
                self._t(
                    f"{b.amount_10k_cny:,.2f} 万元（营收 {b.revenue_10k_cny:,.2f} 万元 × {b.share_percent:g}%）",
                    f"CNY {b.amount_10k_cny * 10_000:,.0f} (revenue CNY "
                    f"{b.revenue_10k_cny * 10_000:,.0f} x {b.share_percent:g}%)",
                ),
            ],
        ]
        quarters = [
            [
                self._t(f"第 {q.index} 季度", f"Q{q.index}"),
                self._t(f"{q.month_from}–{q.month_to} 月", f"months {q.month_from}-{q.month_to}"),
                f"{q.budget_10k_cny:,.2f}",
                p.items(self._say(t) for t in q.tasks),
            ]
            for q in plan.timeline
        ]
        kpis = [[p.pick(k, "label"), p.pick(k, "metric"), p.pick(k, "target")] for k in plan.kpis]
        return p.section(
            title,
            p.para(origin),
            p.table(
                [self._t("项目", "Item"), self._t("内容", "Plan")], summary, table_id="plan-table"
            ),
            p.items(self._say(c) for c in b.comparisons),
            p.chart(plan_charts.timeline(plan, p.lang, printed=True)),
            p.table(
                [
                    self._t("季度", "Quarter"),
                    self._t("月份", "Months"),
                    self._t("预算（万元）", "Budget (10k CNY)"),
                    self._t("任务", "Tasks"),
                ],
                quarters,
                numeric=(2,),
                table_id="quarter-table",
            ),
            p.chart(plan_charts.budget(plan, p.lang)),
            p.h3(self._t("成效指标（KPI）", "KPIs")),
            p.table(
                [self._t("成效", "Outcome"), self._t("指标", "Metric"), self._t("目标", "Target")],
                kpis,
                table_id="kpi-table",
            ),
            p.chart(plan_charts.help_chart(plan, p.lang)),
            p.caveats([*self.r.plan_notes, *plan.notes]),
            section_id="plan",
        )

    def footer(self) -> Html:
        p = self.page
        return p.section(
            self._t("说明", "About this report"),
            p.para(
                self._t(
                    "报告数据均来自《中国中小企业数字化转型报告 2024》（36 氪研究院、联想集团），每张图下注明图号与样本量；"
                    "问卷评分、场景与试点评分、服务商比选和行动计划是本课程自行设计的模型，方法见课程的《方法说明》。"
                    "示例企业与服务商均为虚构。",
                    "Survey numbers come from the China SME Digital Transformation Report 2024 (36Kr "
                    "Research Institute with Lenovo), with figure and sample size under each chart; "
                    "the questionnaire scoring, scenario and pilot scores, vendor comparison and "
                    "action plan are the kit's own models, explained in the kit's Methodology. "
                    "Example companies and vendors are fictional.",
                )
            ),
            section_id="about",
        )
