"""Plan builder: the other tools' results + revenue, budget share and target stage in; the
12-month action plan of :func:`smedx.models.plan.build_plan` out, as a timeline, the budget
against the report's spending bands, KPIs and external help; save and reopen it as JSON.

    PlanBuilder(genai=canvas)                       # sources: components, results or dicts
    PlanBuilder(example=True)                       # the example assessment if none is found
    PlanBuilder(exercise="m06.my_plan")             # plus the exercise it answers
    builder.on_result(callback)                     # told of every new plan (smedx.ui.component)
    note = builder.restore(session)                 # an app: the session's results and plan

Where the inputs come from (first found wins): JSON files opened here, the ``assessment=`` /
``scenarios=`` / ``vendors=`` / ``genai=`` arguments (a component with ``.result``, a model
result, or its ``to_dict()``), what the learner saved in the notebook's folder in modules 02
(self-assessment), 03 (m03.my_scenarios: the learner's own scenarios, else the planner's top
three) and 05 (m05.my_pilots: the learner's own pilots, else the model's), and for the assessment the
fictional example if ``example=True``. No business logic: every number, task and note comes
from the models. A bad input or a rejected file shows a red message and keeps both the inputs and
the current plan. Every text is in the language current when it is rendered
(:func:`smedx.i18n.language`).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import replace
from html import escape
from typing import Any

import ipywidgets as w

from smedx import glossary, strict_json
from smedx.charts import plan as plan_charts
from smedx.errors import KitError
from smedx.exercises import AnswerStore, question
from smedx.i18n import N_, Bilingual, _, language
from smedx.models import plan as plan_model
from smedx.models import registry
from smedx.models.assessment import Assessment
from smedx.models.common import STAGE_ORDER
from smedx.models.genai import GenAIPortfolio
from smedx.models.scenarios import ScenarioRanking
from smedx.ui.chart import ChartView
from smedx.ui.component import Component
from smedx.ui.exercise import text_html
from smedx.ui.genai import note_html
from smedx.ui.messages import GREEN, ORANGE, error_html
from smedx.ui.session import kind_names

KINDS: dict[str, tuple[str, str]] = {
    "assessment": ("阶段自评", "self-assessment"),
    "scenarios": ("场景排序", "scenario ranking"),
    "vendors": ("服务商比选", "vendor comparison"),
    "genai": ("生成式 AI 试点", "GenAI pilots"),
}
KIND_NAMES = {
    "plan": N_("the action plan"),
    "assessment": N_("the self-assessment"),
    "scenarios": N_("the scenario ranking"),
    "vendors": N_("the vendor comparison"),
    "genai": N_("the GenAI pilots"),
}
ORIGINS = {"file": N_(" (file)"), "saved": N_(" (saved)"), "example": N_(" (example)")}
AUTO = ""  # target stage: the model's default (the next stage)
FILE_NAME = "smedx_action_plan.json"


def as_result(kind: str, source: Any) -> Any:
    """A component (its ``.result``), a model result, or a stored result dict (parsed here, at
    the border, once) -> the model result used for ``kind``."""
    if source is None:
        return None
    if isinstance(source, Mapping):
        return registry.parse(kind, dict(source))
    if isinstance(source, w.Widget) and hasattr(source, "result"):
        # a planner or canvas: led by the learner's own picks (modules 03, 05) where there are any
        return with_choice(as_result(kind, source.result), getattr(source, "chosen", None))
    if hasattr(source, "to_dict"):
        return source
    raise KitError(
        f"无法识别的输入：{type(source).__name__}（应为工具组件、模型结果或其 JSON 对象）",
        f"unrecognised input {type(source).__name__} (expected a tool, a model result or its "
        "JSON object)",
    )


def saved_assessment_result() -> Assessment | None:
    """The learner's module-02 self-assessment saved in this folder, if any."""
    try:
        from smedx.ui.assessment import saved_assessment
    except ImportError:
        return None
    try:
        found = saved_assessment()
    except KitError:
        return None
    return found


def _saved_answer(question_id: str):
    try:
        return AnswerStore(question_id.split(".")[0]).get(question_id)
    except KitError:
        return None


def with_choice(result: Any, chosen: object) -> Any:
    """A scenario ranking cut to the learner's own picks, or a GenAI portfolio whose shortlist
    is the learner's own pilots, in the learner's order; unchanged without valid picks."""
    if not isinstance(result, (ScenarioRanking, GenAIPortfolio)) or not isinstance(chosen, list):
        return result
    portfolio = isinstance(result, GenAIPortfolio)
    by_key = {r.key: r for r in (result.items if portfolio else result.ranked)}
    picked = tuple(by_key[k] for k in dict.fromkeys(chosen) if isinstance(k, str) and k in by_key)
    if not picked:
        return result
    return replace(result, shortlist=picked) if portfolio else replace(result, ranked=picked)


def saved_scenarios() -> ScenarioRanking | None:
    """The scenarios saved with exercise m03.my_scenarios: the planner's ranking for the saved
    inputs, led (and cut) by the learner's own picks; the planner's order without picks."""
    saved = _saved_answer("m03.my_scenarios")
    if not isinstance(saved, dict):
        return None
    try:
        from smedx.exercises.m03 import inputs_problem, plan_ranking

        if inputs_problem(saved):
            return None
        ranking = plan_ranking(saved)
    except (ImportError, KitError):
        return None
    return with_choice(ranking, saved.get("picks"))


def saved_genai() -> GenAIPortfolio | None:
    """The pilots saved with exercise m05.my_pilots: the model's portfolio for the saved inputs,
    its shortlist replaced by the learner's own pilots where there are any."""
    saved = _saved_answer("m05.my_pilots")
    if not isinstance(saved, dict):
        return None
    try:
        from smedx.exercises.m05 import inputs_problem, model_pilots

        if inputs_problem(saved):
            return None
        folio = model_pilots(saved)
    except (ImportError, KitError):
        return None
    return with_choice(folio, saved.get("pilots"))


SAVED = {
    "assessment": saved_assessment_result,
    "scenarios": saved_scenarios,
    "genai": saved_genai,
}


def example_assessment() -> Assessment:
    """A fictional example company (every questionnaire item answered with its middle option),
    assessed by the model, for learners who have not done module 02 yet."""
    from smedx.models.assessment import assess, questionnaire

    items = questionnaire().items
    return assess({it.id: it.options[len(it.options) // 2].id for it in items})


def uploaded_files(value: Any) -> list[tuple[str, bytes]]:
    """(name, content) of the files in a FileUpload value (ipywidgets 8 tuple of dicts)."""
    files = []
    for entry in value or ():
        content = entry.get("content", b"")
        files.append((str(entry.get("name", "")), bytes(content)))
    return files


class PlanBuilder(Component):
    """Inputs on top, the plan in tabs (timeline, budget, KPIs, help, summary, save/open).

    Public parts for tests and apps: ``revenue``, ``share``, ``target``, ``horizon`` (inputs),
    ``build_button``, ``example_button``, ``upload`` (FileUpload), ``message``,
    ``timeline_figure``, ``budget_figure``, ``help_figure`` (ChartViews, created with the
    first plan), ``download`` (HTML link), ``result`` (the ActionPlan or None); ``load_json()``
    and ``plan_json()`` for files; ``use_results()`` and ``show_plan()`` for results that are
    already typed (an app's session); with an exercise also ``amount``, ``save_button``,
    ``exercise_status``, ``hint_button`` and ``solution_button``. An opened file overrides the
    argument of its kind until ``set_source`` or ``use_results`` sets that kind again.
    """

    def __init__(
        self,
        assessment: Any = None,
        scenarios: Any = None,
        vendors: Any = None,
        genai: Any = None,
        *,
        revenue_10k_cny: float = 0.0,
        budget_share: float = 0.0,
        target_stage: str | None = None,
        horizon_months: int = 12,
        example: bool = False,
        exercise: str | None = None,
        store: AnswerStore | None = None,
    ):
        self.sources: dict[str, Any] = {
            "assessment": assessment,
            "scenarios": scenarios,
            "vendors": vendors,
            "genai": genai,
        }
        self.uploaded: dict[str, Any] = {}  # kind -> model result opened from a file
        self.origins: dict[str, str | None] = {}
        self._example: Assessment | None = example_assessment() if example else None
        self._result: plan_model.ActionPlan | None = None
        style = {"description_width": "initial"}
        self.revenue = w.BoundedFloatText(
            value=revenue_10k_cny,
            min=0,
            max=plan_model.MAX_REVENUE_10K_CNY,
            step=100,
            description=_("Revenue (10k CNY)"),
            style=style,
            layout=w.Layout(width="330px"),
        )
        self.share = w.BoundedFloatText(
            value=budget_share,
            min=0,
            max=100,
            step=0.1,
            description=_("DX spending (% of revenue)"),
            style=style,
            layout=w.Layout(width="300px"),
        )
        stage_names = glossary.names("stage", language())
        self.target = w.Dropdown(
            options=[(_("auto: the next stage"), AUTO)]
            + [(stage_names[k], k) for k in STAGE_ORDER],
            value=target_stage or AUTO,
            description=_("Target stage"),
            style=style,
            layout=w.Layout(width="430px"),
        )
        self.horizon = w.Dropdown(
            options=[(_("{n} months").format(n=m), m) for m in plan_model.HORIZONS],
            value=horizon_months,
            description=_("Horizon"),
            style=style,
            layout=w.Layout(width="220px"),
        )
        self.build_button = w.Button(
            description=_("Build plan"), button_style="primary", icon="refresh"
        )
        self.example_button = w.Button(description=_("Use the example assessment"), icon="user-o")
        self.upload = w.FileUpload(
            accept=".json,application/json",
            multiple=True,
            description=_("Open JSON"),
            layout=w.Layout(width="auto"),
        )
        self.sources_box = w.HTML()
        self.message = w.HTML()
        self.file_message = w.HTML()
        self.download = w.HTML()
        self.summary = w.HTML()
        self.budget_notes = w.HTML()
        self.kpis = w.HTML()
        self.help_notes = w.HTML()
        self.timeline_figure: ChartView | None = None
        self.budget_figure: ChartView | None = None
        self.help_figure: ChartView | None = None
        placeholder = (
            f"<div style='color:#666;padding:12px'>{escape(_('Shown once a plan is built.'))}</div>"
        )
        self._timeline_box = w.VBox([w.HTML(placeholder)])  # a VBox: charts take its width
        self._budget_box = w.VBox([w.HTML(placeholder)])
        self._help_box = w.VBox([w.HTML(placeholder)])
        self.tabs = w.Tab(
            children=[
                self._timeline_box,
                w.VBox([self._budget_box, self.budget_notes]),
                self.kpis,
                w.VBox([self._help_box, self.help_notes]),
                self.summary,
                w.VBox([self.download, self.upload, self.file_message]),
            ]
        )
        for i, title in enumerate(
            [N_("Timeline"), N_("Budget"), N_("KPIs"), N_("External help"), N_("Summary")]
            + [N_("Save/Open")]
        ):
            self.tabs.set_title(i, _(title))
        self.build_button.on_click(lambda _b: self.build())
        self.example_button.on_click(lambda _b: self.use_example())
        self.upload.observe(self._on_upload, names="value")
        for control in (self.revenue, self.share, self.target, self.horizon):
            control.observe(self.refresh, names="value")

        self.question = None
        self.amount: w.BoundedFloatText | None = None
        self.save_button: w.Button | None = None
        self.exercise_status = w.HTML()
        exercise_box: list[w.Widget] = []
        if exercise is not None:
            self.question = question(exercise)
            self.store = store or AnswerStore(self.question.module)
            self.amount = w.BoundedFloatText(
                value=0,
                min=0,
                max=plan_model.MAX_REVENUE_10K_CNY,
                description=_("Amount I can invest (10k CNY)"),
                style=style,
                layout=w.Layout(width="420px"),
            )
            self.save_button = w.Button(
                description=_("Save as my answer"),
                button_style="info",
                icon="save",
                layout=w.Layout(width="auto"),
            )
            self.save_button.on_click(lambda _b: self.save_exercise())
            self._hints_shown = 0
            self.hint_button = w.Button(description=_("Hint"), icon="lightbulb-o")
            self.hint_button.on_click(lambda _b: self.next_hint())
            self.hints = w.HTML()
            self.solution_button = w.Button(description=_("Show solution"), icon="eye")
            self.solution_button.on_click(lambda _b: self.reveal_solution())
            self.solution = w.HTML()
            self._restore_exercise()
            exercise_box = [
                w.HTML(
                    f"<b>{escape(_('Exercise'))}</b> · "
                    + escape(_("{points} points").format(points=self.question.points))
                    + text_html(self.question.prompt)
                ),
                w.HBox([self.amount, self.save_button, self.hint_button, self.solution_button]),
                self.exercise_status,
                self.hints,
                self.solution,
            ]

        self.update()
        children = [
            w.HTML(
                f"<h4 style='margin:4px 0'>{escape(_('Action plan'))}</h4>"
                "<div style='color:#555'>"
                + escape(
                    _(
                        "The kit's plan model builds the plan on the report: the spending bands "
                        "of section 2.1, the outcomes of section 2.3, the external help of "
                        "section 3.3.2 and the advice of chapter 5."
                    )
                )
                + "</div>"
            ),
            self.sources_box,
            w.HBox([self.revenue, self.share, self.horizon]),
            w.HBox([self.target, self.build_button, self.example_button]),
            self.message,
            self.tabs,
        ]
        if exercise_box:
            children.append(
                w.VBox(
                    exercise_box,
                    layout=w.Layout(border="1px solid #cfd8e3", padding="8px 12px", margin="8px 0"),
                )
            )
        super().__init__(children, layout=w.Layout(max_width="1340px"))

    # --- state ----------------------------------------------------------------------------------

    def source(self, kind: str) -> Any:
        """The model result used for ``kind``: an opened file, then the argument, then what the
        learner saved in this folder in modules 02, 03 and 05, then (assessment) the example."""
        found, origin = self.uploaded.get(kind), "file"
        if found is None:
            found, origin = as_result(kind, self.sources.get(kind)), "argument"
        if found is None and kind in SAVED:
            found, origin = SAVED[kind](), "saved"
        if found is None and kind == "assessment":
            found, origin = self._example, "example"
        self.origins[kind] = origin if found is not None else None
        return found

    def plan_json(self) -> str | None:
        """The current plan as the model's checksummed JSON document."""
        return None if self._result is None else plan_model.plan_to_json(self._result)

    # --- actions --------------------------------------------------------------------------------

    def build(self) -> plan_model.ActionPlan | None:
        """Build the plan now (the Build button) and tell the listeners; inside a batch, at its
        end. The current plan (built or opened), or None while the inputs are invalid."""
        self.refresh()
        return self._result

    def update(self) -> None:
        """Build the plan from the sources and inputs; on bad input say why and keep the inputs."""
        try:
            found = {kind: self.source(kind) for kind in KINDS}
            self._show_sources(found)
            assessment = found["assessment"]
            if assessment is None:
                raise KitError(
                    "缺少阶段自评结果：请先在模块 02 完成自评（同一文件夹），或在“保存/打开”中上传自评"
                    "结果 JSON，或点击“使用示例自评”。",
                    "No self-assessment yet: complete module 02 (same folder), upload an assessment "
                    "JSON under 'Save/Open', or click 'Use the example assessment'.",
                    field="assessment",
                )
            plan = plan_model.build_plan(
                assessment,
                found["scenarios"],
                found["vendors"],
                found["genai"],
                revenue_10k_cny=self.revenue.value,
                budget_share=self.share.value,
                target_stage=self.target.value or None,
                horizon_months=self.horizon.value,
            )
        except Exception as err:  # shown in red; inputs kept
            self._result = None
            self.message.value = error_html(err)
            self.download.value = self._download_html(None)
            return
        self.message.value = ""
        self._show(plan)

    def use_example(self) -> plan_model.ActionPlan | None:
        self._example = example_assessment()
        return self.build()

    def set_source(self, kind: str, value: Any) -> plan_model.ActionPlan | None:
        """Use ``value`` (component, result or dict) for ``kind`` and rebuild."""
        if kind not in KINDS:
            raise KitError(
                f"未知的输入类型 {kind!r}；可用：{', '.join(KINDS)}",
                f"unknown input kind {kind!r}; expected one of: {', '.join(KINDS)}",
            )
        self.sources[kind] = value
        self.uploaded.pop(kind, None)
        return self.build()

    def use_results(self, results: Mapping[str, Any]) -> plan_model.ActionPlan | None:
        """Use these typed results ({kind: model result}, e.g. an app's session) as the sources
        of their kinds (other kinds stay) and rebuild once."""
        unknown = [kind for kind in results if kind not in KINDS]
        if unknown:
            raise KitError(
                f"未知的输入类型 {unknown[0]!r}；可用：{', '.join(KINDS)}",
                f"unknown input kind {unknown[0]!r}; expected one of: {', '.join(KINDS)}",
            )
        with self.batch():
            for kind, result in results.items():
                self.sources[kind] = result
                self.uploaded.pop(kind, None)
        return self._result

    def show_plan(self, plan: plan_model.ActionPlan) -> None:
        """Show a stored plan as it is, with its own revenue, share, horizon and target, without
        rebuilding it from the current sources; tell the listeners."""
        self._show(plan)
        self._sync_inputs(plan)
        self.message.value = ""
        self.announce()

    def restore(self, session: Any) -> str | None:
        """Take an app session's results: the other tools' results become the sources, a stored
        plan gives its settings; a plan without an assessment is shown as it was stored. Returns
        the note for the user (None when the session holds neither assessment nor plan)."""
        assessment, stored = session.get("assessment"), session.get("plan")
        found = {kind: session.get(kind) for kind in KINDS if session.get(kind) is not None}
        if assessment is None and stored is not None:  # a plan file alone: show that plan
            with self.holding():
                self.use_results(found)
            self.show_plan(stored)
            return Bilingual(
                "已打开你保存的行动计划。", "Your saved action plan was opened."
            ).text()
        with self.batch():
            self.use_results(found)
            if stored is not None:  # the user's own plan settings
                self._sync_inputs(stored)
            elif assessment is not None and assessment.profile is not None:
                profile = assessment.profile
                if profile.revenue_10k_cny:
                    self.revenue.value = float(profile.revenue_10k_cny)
                if profile.investment_share:
                    self.share.value = float(profile.investment_share)
        if assessment is None:
            return None
        used = [kind for kind in session.kinds() if kind != "plan"]
        return _("The plan uses your results: {kinds}").format(kinds=kind_names(used))

    def load_json(self, text: str | bytes, name: str = "") -> str:
        """Open a file: a plan (checksum verified) replaces the current plan; another tool's
        result becomes that input. A rejected file changes nothing. Returns the kind loaded."""
        try:
            raw = strict_json.loads(text, plan_model.MAX_PLAN_BYTES)
            kind = self._kind(raw)
            restored = registry.parse(kind, raw)
            if kind == "plan":
                self.show_plan(restored)
            else:
                self.uploaded[kind] = restored
                self.build()
        except Exception as err:  # a rejected file keeps the current plan and inputs
            label = f"“{escape(name)}”：" if name else ""
            self.file_message.value = (
                f"<div>{label}</div>" + error_html(err) if label else error_html(err)
            )
            return ""
        opened = _("Opened {what}: {name}").format(what=_(KIND_NAMES[kind]), name=name)
        self.file_message.value = f"<div style='color:{GREEN}'>✔ {escape(opened)}</div>"
        return kind

    # --- the exercise ---------------------------------------------------------------------------

    def exercise_answer(self) -> dict | None:
        if self.question is None or self.amount is None:
            return None
        return {"amount_10k_cny": self.amount.value, "plan_json": self.plan_json()}

    def save_exercise(self):
        """Save the current plan and the amount as the exercise answer, then check it."""
        if self.question is None:
            return None
        answer = self.exercise_answer()
        try:
            self.store.put(self.question.id, answer)
        except KitError as err:
            self.exercise_status.value = error_html(err)
            return None
        feedback = self.question.check(answer)
        color = GREEN if feedback.correct else ORANGE
        mark = "✔" if feedback.correct else "✘"
        text = Bilingual(feedback.zh, feedback.en).text()
        self.exercise_status.value = f"<div style='color:{color}'>{mark} {escape(text)}</div>"
        return feedback

    def next_hint(self) -> int:
        if self.question is None:
            return 0
        self._hints_shown = min(self._hints_shown + 1, len(self.question.hints))
        self.hints.value = "".join(
            f"<div style='margin:4px 0'>💡 {i + 1}. " + text_html(h, "span") + "</div>"
            for i, h in enumerate(self.question.hints[: self._hints_shown])
        )
        self.hint_button.disabled = self._hints_shown == len(self.question.hints)
        return self._hints_shown

    def reveal_solution(self) -> None:
        if self.question is not None:
            self.solution.value = (
                f"<div style='background:#f6f8fa;padding:6px'><b>{escape(_('Solution'))}</b>"
                + text_html(self.question.solution)
                + "</div>"
            )

    def _restore_exercise(self) -> None:
        try:
            saved = self.store.get(self.question.id)
        except KitError as err:
            self.exercise_status.value = error_html(err)
            return
        if isinstance(saved, dict) and isinstance(saved.get("amount_10k_cny"), (int, float)):
            self.amount.value = float(saved["amount_10k_cny"])
            self.exercise_status.value = (
                f"<span style='color:#2a7'>{escape(_('Saved answer loaded'))}</span>"
            )

    # --- internals ------------------------------------------------------------------------------

    def _on_upload(self, change) -> None:
        files = uploaded_files(change["new"])
        if not files:
            return
        for name, content in files:
            self.load_json(content, name)
        self.upload.value = ()  # so the same file can be opened again

    @staticmethod
    def _kind(raw: object) -> str:
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind != "plan" and kind not in KINDS:
            raise KitError(
                f"这不是本课程工具保存的文件（kind={kind!r}）；可以打开：行动计划、"
                + "、".join(zh for zh, _en in KINDS.values()),
                f"this is not a file saved by the kit's tools (kind={kind!r}); it can open: "
                "action plan, " + ", ".join(en for _zh, en in KINDS.values()),
                field="kind",
            )
        return kind

    def _sync_inputs(self, plan: plan_model.ActionPlan) -> None:
        """Show an opened plan's own inputs, without rebuilding from the current sources."""
        with self.holding():
            self.revenue.value = plan.budget.revenue_10k_cny
            self.share.value = plan.budget.share_percent
            self.horizon.value = plan.horizon_months
            self.target.value = plan.stage.target

    def _show_sources(self, found: dict[str, Any]) -> None:
        parts = []
        for kind, (zh, en) in KINDS.items():
            mark = "✔" if found[kind] is not None else "—"
            origin = self.origins.get(kind)
            where = _(ORIGINS[origin]) if origin in ORIGINS else ""
            parts.append(f"{mark} {Bilingual(zh, en).text()}{where}")
        inputs = _("The plan's inputs: {parts}").format(parts=" · ".join(parts))
        self.sources_box.value = f"<div style='color:#444'>{escape(inputs)}</div>"

    def _show(self, plan: plan_model.ActionPlan) -> None:
        self._result = plan
        self._draw(plan)
        self.summary.value = self._summary_html(plan)
        self.budget_notes.value = (
            "<ul style='padding-left:18px'>"
            + "".join(note_html(n) for n in plan.budget.comparisons)
            + "</ul>"
        )
        self.kpis.value = self._kpi_html(plan)
        self.help_notes.value = self._help_html(plan)
        self.download.value = self._download_html(plan)

    def _draw(self, plan: plan_model.ActionPlan) -> None:
        """Create the charts with the first plan; afterwards update them in place."""
        lang = language()
        if self.timeline_figure is None:
            self.timeline_figure = ChartView(plan_charts.timeline(plan, lang))
            self.budget_figure = ChartView(plan_charts.budget(plan, lang))
            self.help_figure = ChartView(plan_charts.help_chart(plan, lang))
            self._timeline_box.children = [self.timeline_figure]
            self._budget_box.children = [self.budget_figure]
            self._help_box.children = [self.help_figure]
            return
        fresh = plan_charts.timeline_traces(plan, lang)
        axis = plan_charts.timeline_axis(plan, lang)
        with self.timeline_figure.batch_update():
            for trace, new in zip(self.timeline_figure.data, fresh, strict=True):
                trace.update(new, overwrite=True)
            self.timeline_figure.figure.layout.xaxis.update(axis["xaxis"])
            self.timeline_figure.figure.layout.shapes = axis["shapes"]
            self.timeline_figure.figure.layout.title.text = plan_charts.timeline_title(plan, lang)
        with self.budget_figure.batch_update():
            self.budget_figure.data[0].marker.color = plan_charts.budget_colors(plan)
            self.budget_figure.figure.layout.title.text = plan_charts.budget_title(plan, lang)
        with self.help_figure.batch_update():
            bar = self.help_figure.data[0]
            bar.x = [h.share for h in plan.external_help]
            bar.y = [Bilingual(h.label_zh, h.label_en).text() for h in plan.external_help]
            bar.marker.color = plan_charts.help_colors(plan)

    def _summary_html(self, plan: plan_model.ActionPlan) -> str:
        s = plan.stage
        step = _("{current} → {target} ({months} months)").format(
            current=escape(Bilingual(s.current_zh, s.current_en).text()),
            target=escape(Bilingual(s.target_zh, s.target_en).text()),
            months=plan.horizon_months,
        )
        rows = [f"<b>{step}</b>"]

        def listing(title: str, names: list[str]) -> None:
            if names:
                joined = _(", ").join(names)
                rows.append(f"<b>{escape(title)}</b>" + escape(_(": {text}").format(text=joined)))

        def pick(zh: str, en: str) -> str:
            return Bilingual(zh, en).text()

        listing(_("Scenarios"), [pick(c.label_zh, c.label_en) for c in plan.scenarios])
        listing(_("Vendors"), [pick(v.name, v.name_en or v.name) for v in plan.vendors])
        listing(_("GenAI pilots"), [pick(p.label_zh, p.label_en) for p in plan.pilots])
        listing(
            _("Gaps to close"),
            [
                _("{label} (quarter {quarter})").format(
                    label=pick(g.label_zh, g.label_en), quarter=g.quarter
                )
                for g in plan.gaps
            ],
        )
        notes = "".join(note_html(n) for n in plan.notes)
        return (
            "<div style='line-height:1.6'>"
            + "<br>".join(rows)
            + f"</div><ul style='padding-left:18px'>{notes}</ul>"
        )

    def _kpi_html(self, plan: plan_model.ActionPlan) -> str:
        cell = "<td style='padding:4px;vertical-align:top'>"
        rows = "".join(
            "<tr>"
            f"{cell}<b>{escape(Bilingual(k.label_zh, k.label_en).text())}</b></td>"
            f"{cell}{escape(Bilingual(k.metric_zh, k.metric_en).text())}</td>"
            f"{cell}{escape(Bilingual(k.target_zh, k.target_en).text())}</td>"
            f"{cell}<ul style='margin:0;padding-left:16px'>"
            + "".join(note_html(n) for n in k.evidence)
            + "</ul></td></tr>"
            for k in plan.kpis
        )
        heads = (N_("Outcome"), N_("Metric"), N_("Target"), N_("Evidence"))
        head = "<tr>" + "".join(f"<th>{escape(_(h))}</th>" for h in heads) + "</tr>"
        return (
            "<div style='max-height:460px;overflow:auto'><table style='border-collapse:collapse;"
            f"font-size:90%'>{head}{rows}</table></div>"
        )

    def _help_html(self, plan: plan_model.ActionPlan) -> str:
        items = [h for h in plan.external_help if h.recommended]
        rows = "".join(
            f"<li><b>{escape(Bilingual(h.label_zh, h.label_en).text())}</b>"
            + escape(_(": {text}").format(text=Bilingual(h.where_zh, h.where_en).text()))
            + "</li>"
            for h in items
        )
        return (
            f"<div><b>{escape(_('Help this plan recommends'))}</b></div>"
            f"<ul style='padding-left:18px'>{rows}</ul>"
        )

    def _download_html(self, plan: plan_model.ActionPlan | None) -> str:
        if plan is None:
            text = _("⬇ Download JSON (build a valid plan first)")
            return f"<span style='color:#888'>{escape(text)}</span>"
        payload = base64.b64encode(plan_model.plan_to_json(plan).encode("utf-8")).decode("ascii")
        return (
            f"<a download='{FILE_NAME}' href='data:application/json;base64,{payload}' "
            "style='display:inline-block;padding:6px 12px;background:#0072B2;color:white;"
            f"border-radius:3px;text-decoration:none'>⬇ {escape(_('Download JSON'))}</a> "
            "<span style='color:#666;font-size:90%'>"
            + escape(_("The file carries a checksum: a hand-edited copy will not open."))
            + "</span>"
        )
