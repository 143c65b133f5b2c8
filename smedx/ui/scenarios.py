"""The scenario planner: company profile, stage, goals and budget in; the report's investment
scenarios ranked by :func:`smedx.models.scenarios.rank_scenarios` out, as a stacked bar chart of
the score parts with the reasons (and their sources) for any scenario.

No business logic here: every number and every sentence comes from the model. Bad input shows the
model's message in red and keeps everything the user entered. Every text is in the language
current when it is rendered (:func:`smedx.i18n.language`).

    ScenarioPlanner()                               # the planner alone (also a Voila app)
    ScenarioPlanner(exercise="m03.my_scenarios")    # plus the learner's picks and reasons

With an exercise the planner is its form: the inputs, the scenarios the learner picks and the
reasons are saved as one dict (:func:`smedx.exercises.m03.plan_answer`) at every change.

The planner is a :class:`~smedx.ui.component.Component`: ``result`` is the ranking,
``on_result`` hears every recompute and ``restore(session)`` takes an app's saved results.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from smedx import data, glossary
from smedx.charts import scenarios as charts
from smedx.errors import KitError
from smedx.exercises import AnswerStore
from smedx.exercises.m03 import SCENARIOS, plan_answer
from smedx.i18n import N_, Bilingual, _, language
from smedx.models import scenarios as model
from smedx.models.common import (
    ENTERPRISE_TYPES,
    INDUSTRIES,
    INVESTMENT_BANDS,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
)
from smedx.ui.chart import ChartView, apply_update
from smedx.ui.component import Component, form_exercise
from smedx.ui.exercise import choice_panel
from smedx.ui.messages import error_html

LEFT_WIDTH, CHART_WIDTH = "340px", 760
NOT_GIVEN = N_("not given")


def _default(figure_id: str, allowed) -> str:
    """The report's most common answer (whole sample) among the allowed keys."""
    rows = data.figure(figure_id)
    rows = rows[(rows["segment_key"] == "") & rows["key"].isin(list(allowed))]
    return str(rows.sort_values("value", ascending=False)["key"].iloc[0])


def _label(pair: tuple) -> str:
    """The current language's half of a (zh, en) pair."""
    return Bilingual(pair[0], pair[1]).text()


class ScenarioPlanner(Component):
    """Inputs on the left, the ranked scenarios on the right, reasons below.

    Public parts for tests and apps: ``industry``, ``size_band``, ``enterprise_type``, ``stage``,
    ``budget`` (Dropdowns), ``goals`` ({goal key: Checkbox}), ``figure`` (ChartView),
    ``explain`` (Dropdown of the scenario whose reasons are shown), ``reasons``, ``message``;
    with an exercise also ``picks`` ({scenario key: Checkbox}), ``justification`` (Textarea,
    absent with ``justify=False``: a graded form's reasons are written in a hand-graded cell)
    and ``exercise`` (the ExerciseWidget; its Check, Hint and Solution hidden with
    ``practice=False``).
    """

    def __init__(
        self,
        *,
        exercise: str | None = None,
        store: AnswerStore | None = None,
        practice: bool = True,
        justify: bool = True,
    ):
        lang = language()
        style = {"description_width": "88px"}
        wide = w.Layout(width="100%")
        not_given = (_(NOT_GIVEN), None)
        self.industry = w.Dropdown(
            options=[(_label(v), k) for k, v in INDUSTRIES.items()],
            value="other",
            description=_("Industry"),
            style=style,
            layout=wide,
        )
        self.size_band = w.Dropdown(
            options=[not_given, *((_label(v), k) for k, v in SIZE_BANDS.items())],
            value=None,
            description=_("Size"),
            style=style,
            layout=wide,
        )
        self.enterprise_type = w.Dropdown(
            options=[not_given, *((_label(v), k) for k, v in ENTERPRISE_TYPES.items())],
            value=None,
            description=_("Type"),
            style=style,
            layout=wide,
        )
        stage_names = glossary.names("stage", lang)
        self.stage = w.Dropdown(
            options=[(stage_names[k], k) for k in STAGE_ORDER],
            value=_default("2.2.2", STAGE_ORDER),
            description=_("Stage"),
            style=style,
            layout=wide,
        )
        self.budget = w.Dropdown(
            options=[(_label((v[2], v[3])), k) for k, v in INVESTMENT_BANDS.items()],
            value=_default("2.1.1", INVESTMENT_BANDS),
            description=_("Budget"),
            style=style,
            layout=wide,
        )
        top_goal = _default(model.GOAL_FIGURE, model.goal_catalogue())
        self.goals = {
            key: w.Checkbox(
                value=key == top_goal,
                description=_label(labels),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for key, labels in model.goal_catalogue().items()
        }
        self.message = w.HTML()
        self.explain = w.Dropdown(description=_("Reasons"), style={"description_width": "initial"})
        self.reasons = w.HTML(
            layout=w.Layout(max_height="260px", overflow="auto", border="1px solid #e3e3e3")
        )
        self.notes = w.HTML()
        self.picks: dict[str, w.Checkbox] = {}
        self.justification: w.Textarea | None = None
        if exercise is not None:
            self.exercise = form_exercise(exercise, store, practice=practice)
            self.picks = {
                key: w.Checkbox(
                    value=False,
                    description=_label(labels),
                    indent=False,
                    layout=w.Layout(width="auto"),
                )
                for key, labels in SCENARIOS.items()
            }
            if justify:
                self.justification = w.Textarea(
                    placeholder=_("Why these? Where you differ from the ranking, say why."),
                    layout=w.Layout(width="100%", height="90px"),
                )
            self._restore(self.exercise.answer)

        ranking = self._rank()
        figure = charts.score_parts(ranking, lang)
        figure.layout.width = CHART_WIDTH
        self.figure = ChartView(figure)
        self._show(ranking)
        for control in self._inputs():
            control.observe(self.refresh, names="value")
        for control in self._choice_widgets():
            control.observe(self._on_choice, names="value")
        self.explain.observe(self._on_explain, names="value")

        goal_box = w.VBox(
            [
                w.HTML(f"<b>{escape(_('Goals'))}</b>{escape(_(' (choose one or more)'))}"),
                *self.goals.values(),
            ]
        )
        left = w.VBox(
            [
                w.HTML(f"<b>{escape(_('Your company'))}</b>"),
                self.industry,
                self.size_band,
                self.enterprise_type,
                self.stage,
                self.budget,
                goal_box,
            ],
            layout=w.Layout(width=LEFT_WIDTH, min_width=LEFT_WIDTH, padding="0 8px 0 0"),
        )
        right = w.VBox([self.message, self.figure], layout=w.Layout(flex="1 1 0%", min_width="0"))
        children = [
            w.HTML(
                f"<h4 style='margin:4px 0'>{escape(_('Scenario planner'))}</h4>"
                "<div style='color:#555'>"
                + escape(
                    _(
                        "A course-designed scoring model: the report's figure 3.1.2.1 plus the "
                        "course's tables of fit to goals, stage and budget."
                    )
                )
                + "</div>"
            ),
            w.HBox([left, right]),
            self.explain,
            self.reasons,
            self.notes,
        ]
        if self.exercise is not None:
            heading = f"<b>{escape(_('My scenarios'))}</b>" + escape(
                _(" (1–3; they may be outside the top three)")
            )
            choice = choice_panel(heading, self.picks.values(), self.justification)
            children += [choice, self.exercise]
        super().__init__(children, layout=w.Layout(max_width="1300px"))

    # --- state --------------------------------------------------------------------------------

    def chosen_goals(self) -> list[str]:
        return [key for key, box in self.goals.items() if box.value]

    def _inputs(self) -> list[w.Widget]:
        return [
            self.industry,
            self.size_band,
            self.enterprise_type,
            self.stage,
            self.budget,
            *self.goals.values(),
        ]

    def _rank(self) -> model.ScenarioRanking | None:
        """The model's ranking of the current inputs (kept as the result), or None with the
        model's message shown."""
        try:
            if not self.chosen_goals():  # the model's message lists goal keys; name the boxes
                raise KitError(
                    "请在左侧“转型目标”中至少勾选一项，才能为场景排序。",
                    "Tick at least one goal under 'Goals' on the left to rank the scenarios.",
                    field="goals",
                )
            profile = CompanyProfile(
                industry=self.industry.value,
                size_band=self.size_band.value,
                enterprise_type=self.enterprise_type.value,
            )
            ranking = model.rank_scenarios(
                profile, self.stage.value, self.chosen_goals(), self.budget.value
            )
        except KitError as err:
            self._result = None
            self.message.value = error_html(err)
            self._show_results(False)
            return None
        self._result = ranking
        self.message.value = ""
        self._show_results(True)
        return ranking

    def _show_results(self, shown: bool) -> None:
        """Hide the chart and the reasons while the inputs are invalid: they would show the
        ranking of inputs the user has since changed."""
        for part in (getattr(self, "figure", None), self.explain, self.reasons, self.notes):
            if part is not None:  # the chart is built after the first ranking
                part.layout.display = None if shown else "none"

    def update(self) -> None:
        """Rank the current inputs, redraw, and save the exercise's answer (the inputs are part
        of it too)."""
        ranking = self._rank()
        if ranking is not None:
            apply_update(self.figure, charts.score_parts_update(ranking, language()))
            self._show(ranking)
        if self.exercise is not None:
            self.save()

    def restore(self, session) -> str | None:
        """The inputs of the user's saved scenario plan, else the stage and company profile of
        their self-assessment; the note says which (None: the session has neither)."""
        own, assessment = session.get("scenarios"), session.get("assessment")
        if own is None and assessment is None:
            return None
        with self.batch():
            if own is not None:
                inputs = own.inputs
                profile = inputs["profile"]
                self.industry.value = profile.get("industry") or "other"
                self.size_band.value = profile.get("size_band")
                self.enterprise_type.value = profile.get("enterprise_type")
                self.stage.value = inputs["stage"]
                self.budget.value = inputs["budget_band"]
                for key, box in self.goals.items():
                    box.value = key in inputs["goals"]
                return Bilingual(
                    "已恢复你上次的场景规划。", "Your last scenario plan was restored."
                ).text()
            profile = assessment.profile
            self.stage.value = assessment.stage
            if profile is not None:
                self.industry.value = profile.industry
                self.size_band.value = profile.size_band
                self.enterprise_type.value = profile.enterprise_type
                band = profile.investment_band
                if band in [v for _l, v in self.budget.options]:
                    self.budget.value = band
            return Bilingual(
                "已按你的自评结果设置阶段和企业信息，可随时修改。",
                "Stage and company profile were taken from your self-assessment; change them as "
                "you like.",
            ).text()

    def _show(self, ranking: model.ScenarioRanking | None) -> None:
        if ranking is None:
            return
        keep = self.explain.value
        options = [
            (f"{i}. {_label((s.label_zh, s.label_en))} ({s.score:.1f})", s.key)
            for i, s in enumerate(ranking.ranked, start=1)
        ]
        keys = ranking.keys()
        with self.holding():  # new options: the reasons are drawn once, below
            self.explain.options = options
            self.explain.value = keep if keep in keys else keys[0]
        self.notes.value = "".join(
            f"<div style='color:#555;font-size:90%'>ℹ {escape(_label((n.zh, n.en)))}</div>"
            for n in ranking.notes
        )
        self._show_reasons()

    def _on_explain(self, _change=None) -> None:
        if not self.quiet:
            self._show_reasons()

    def _show_reasons(self) -> None:
        if self._result is None or self.explain.value is None:
            return
        item = self._result.get(self.explain.value)
        rows = "".join(
            # each sentence cites its source; the source key stays at hand as a tooltip
            f"<li style='margin-bottom:4px' title='{escape(r.source)}'>"
            f"{escape(_label((r.zh, r.en)))}</li>"
            for r in item.reasons
        )
        parts = " + ".join(f"{_label((p.label_zh, p.label_en))} {p.points:.1f}" for p in item.parts)
        score = _("{name}: {score} points").format(
            name=_label((item.label_zh, item.label_en)), score=f"{item.score:.1f}"
        )
        self.reasons.value = (
            f"<div style='padding:4px 8px'><b>{escape(score)}</b>"
            f"<div style='color:#555;font-size:90%'>{escape(parts)}</div>"
            f"<ul style='margin:4px 0;padding-left:18px'>{rows}</ul></div>"
        )

    # --- the exercise -------------------------------------------------------------------------

    def _choice_widgets(self) -> list[w.Widget]:
        boxes = list(self.picks.values())
        return boxes + ([self.justification] if self.justification is not None else [])

    def chosen_picks(self) -> list[str]:
        return [key for key, box in self.picks.items() if box.value]

    @property
    def chosen(self) -> list[str]:
        """The learner's own scenarios (an action plan takes these before the ranking)."""
        return self.chosen_picks()

    def _restore(self, answer) -> None:
        """Put a saved form answer back into the widgets (survives a kernel restart)."""
        if not isinstance(answer, dict):
            return  # nothing saved (or an answer of an older kit): keep the defaults
        for control, field, allowed in (
            (self.industry, "industry", INDUSTRIES),
            (self.stage, "stage", STAGE_ORDER),
            (self.budget, "budget_band", INVESTMENT_BANDS),
        ):
            if answer.get(field) in allowed:
                control.value = answer[field]
        goals = answer.get("goals")
        if isinstance(goals, list) and goals:
            for key, box in self.goals.items():
                box.value = key in goals
        picks = answer.get("picks")
        if isinstance(picks, list):
            for key, box in self.picks.items():
                box.value = key in picks
        if self.justification is not None and isinstance(answer.get("justification"), str):
            self.justification.value = answer["justification"]

    def form_answer(self) -> dict:
        """The exercise's answer: the planner's inputs, the picks and the reasons."""
        reasons = self.justification.value if self.justification is not None else ""
        return plan_answer(
            self.industry.value,
            self.stage.value,
            self.chosen_goals(),
            self.budget.value,
            self.chosen_picks(),
            reasons,
        )

    def _on_choice(self, _change=None) -> None:
        if not self.quiet:
            self.save()

    def save(self) -> dict | None:
        """Save the form answer in the module's answer file (every change does)."""
        if self.exercise is None:
            return None
        answer = self.form_answer()
        return answer if self.exercise.save(answer) else None
