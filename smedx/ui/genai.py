"""GenAI canvas: pick use cases, describe your readiness, see the value x feasibility quadrant and
the pilot shortlist with reasons and risks.

All scores, quadrants, reasons and the shortlist come from :mod:`smedx.models.genai`; this module
only turns widget values into the model's arguments and shows its result.

    >>> canvas = GenAICanvas()
    >>> canvas.industry.value = "retail"       # every change re-scores at once
    >>> [item.key for item in canvas.result.shortlist]

    GenAICanvas(exercise="m05.my_pilots")      # plus the learner's pilots and reasons

With an exercise the canvas is its form: the inputs, the pilots the learner picks and the reasons
are saved as one dict (:func:`smedx.exercises.m05.pilots_answer`) at every change. Every text is
in the language current when it is rendered (:func:`smedx.i18n.language`).

The canvas is a :class:`~smedx.ui.component.Component`: ``result`` is the portfolio,
``on_result`` hears every recompute and ``restore(session)`` takes an app's saved results.
"""

from __future__ import annotations

import dataclasses
import re
from html import escape

import ipywidgets as w

from smedx import glossary
from smedx.charts import genai as genai_charts
from smedx.errors import KitError
from smedx.exercises import AnswerStore
from smedx.exercises.m05 import pilots_answer
from smedx.i18n import N_, Bilingual, _, language
from smedx.models import genai
from smedx.models.common import INDUSTRIES, STAGE_ORDER, CompanyProfile
from smedx.ui.chart import ChartView
from smedx.ui.component import Component, form_exercise
from smedx.ui.exercise import choice_panel
from smedx.ui.messages import error_html

MY_PILOTS = "m05.my_pilots"
# a new canvas's inputs
DEFAULT_STAGE = "single_point"
DEFAULT_DATA = "scattered"
DEFAULT_SKILLS = "basic"
DEFAULT_PILOTS = 3
SOURCE_TAGS = {
    "report": ("📖", N_("report")),
    "kit": ("🧩", N_("kit design")),
    "external": ("⚖️", N_("external rule")),
}


def note_html(note: genai.Note) -> str:
    """A model's note as a list item, tagged with where it comes from, in the current language."""
    kind = note.source.split(":", 1)[0]
    icon, tag = SOURCE_TAGS.get(kind, ("", ""))
    label = f"[{icon} {_(tag)}] " if tag else ""
    return (
        f"<li><span style='color:#555;font-size:85%'>{escape(label)}</span>"
        f"{escape(Bilingual(note.zh, note.en).text())}</li>"
    )


def _stage_options() -> list[tuple[str, str]]:
    names = glossary.names("stage", language())
    return [(names[key], key) for key in STAGE_ORDER]


def _level_options(levels: dict) -> list[tuple[str, str]]:
    return [(Bilingual(zh, en).text(), key) for key, (_rank, zh, en) in levels.items()]


def _label(item) -> str:
    """A use case's name in the current language."""
    return Bilingual(item.label_zh, item.label_en).text()


def quadrant_short(key: str) -> str:
    """A quadrant's short name ("Quick win"), without its description."""
    return re.split("[：:]", Bilingual(*genai.QUADRANTS[key]).text())[0]


class GenAICanvas(Component):
    """Inputs -> :func:`smedx.models.genai.prioritise` -> quadrant chart and pilot shortlist.

    ``.result`` is the :class:`~smedx.models.genai.GenAIPortfolio` of the current inputs, or None
    while they are invalid (e.g. no use case ticked); the message then says what to fix and the
    inputs stay as they are.
    """

    def __init__(
        self,
        profile: CompanyProfile | None = None,
        stage: str = DEFAULT_STAGE,
        *,
        selected: list[str] | None = None,
        data_readiness: str = DEFAULT_DATA,
        skills: str = DEFAULT_SKILLS,
        shortlist_size: int = DEFAULT_PILOTS,
        exercise: str | None = None,
        store: AnswerStore | None = None,
        practice: bool = True,
        justify: bool = True,
    ):
        self._profile = profile if isinstance(profile, CompanyProfile) else CompanyProfile()
        self._saved_pilots: list[str] = []
        wide = {"description_width": "88px"}
        self.industry = w.Dropdown(
            options=[(Bilingual(zh, en).text(), key) for key, (zh, en) in INDUSTRIES.items()],
            value=self._profile.industry,
            description=_("Industry"),
            style=wide,
            layout=w.Layout(width="330px"),
        )
        self.stage = w.Dropdown(
            options=_stage_options(),
            value=stage if stage in STAGE_ORDER else DEFAULT_STAGE,
            description=_("Stage"),
            style=wide,
            layout=w.Layout(width="430px"),
        )
        self.data_readiness = w.Dropdown(
            options=_level_options(genai.DATA_READINESS),
            value=data_readiness,
            description=_("Data"),
            style=wide,
            layout=w.Layout(width="520px"),
        )
        self.skills = w.Dropdown(
            options=_level_options(genai.SKILL_LEVELS),
            value=skills,
            description=_("Skills"),
            style=wide,
            layout=w.Layout(width="520px"),
        )
        self.shortlist_size = w.IntSlider(
            value=shortlist_size,
            min=1,
            max=5,
            description=_("Pilots"),
            style=wide,
            layout=w.Layout(width="260px"),
        )
        chosen = set(selected) if selected else None
        self.use_cases = {
            uc.key: w.Checkbox(
                value=chosen is None or uc.key in chosen,
                description=_label(uc),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for uc in genai.use_cases()
        }
        self.select_all = w.Button(description=_("All"), icon="check-square-o")
        self.select_none = w.Button(description=_("None"), icon="square-o")
        self.select_all.on_click(lambda _b: self._tick_all(True))
        self.select_none.on_click(lambda _b: self._tick_all(False))
        self.picker = w.Accordion(
            children=[
                w.VBox(
                    [
                        w.HBox([self.select_all, self.select_none]),
                        w.GridBox(
                            list(self.use_cases.values()),
                            layout=w.Layout(grid_template_columns="repeat(3, 1fr)"),
                        ),
                    ]
                )
            ]
        )
        self.message = w.HTML()
        self.summary = w.HTML()
        self.shortlist_box = w.HTML()
        self.detail = w.Dropdown(description=_("Details"), style={"description_width": "initial"})
        self.detail_box = w.HTML()
        self.detail.observe(lambda _c: self._show_detail(), names="value")
        self.pilots: dict[str, w.Checkbox] = {}
        self.justification: w.Textarea | None = None
        if exercise is not None:
            self.exercise = form_exercise(exercise, store, practice=practice)
            self.pilots = {
                uc.key: w.Checkbox(
                    value=False,
                    description=_label(uc),
                    indent=False,
                    layout=w.Layout(width="auto"),
                )
                for uc in genai.use_cases()
            }
            if justify:
                self.justification = w.Textarea(
                    placeholder=_("Why these? Where you differ from the model's list, say why."),
                    layout=w.Layout(width="100%", height="90px"),
                )
            self._restore(self.exercise.answer)
        try:
            first, problem = self._compute(), None
        except Exception as err:  # e.g. a restored answer the model refuses: say so, keep it
            first, problem = None, err
        skeleton = first or genai.prioritise(CompanyProfile(), DEFAULT_STAGE)
        self.figure = ChartView(genai_charts.quadrant(skeleton, language()))
        self._result = first
        if first is not None:
            self._render(first)
        else:
            self.message.value = error_html(problem)
        for control in (
            self.industry,
            self.stage,
            self.data_readiness,
            self.skills,
            self.shortlist_size,
            *self.use_cases.values(),
        ):
            control.observe(self.refresh, names="value")
        for control in self._choice_widgets():
            control.observe(lambda _c: self.save(), names="value")
        panel = w.VBox(
            [self.summary, self.shortlist_box, self.detail, self.detail_box],
            layout=w.Layout(width="44%", max_height="500px", overflow="auto", padding="0 6px"),
        )
        children = [
            w.HTML(
                f"<b>{escape(_('GenAI use-case canvas'))}</b> "
                f"<span style='color:#666'>{escape(_(' (the scoring model is the kit’s own)'))}"
                "</span>"
            ),
            w.HBox([self.industry, self.stage, self.shortlist_size]),
            w.HBox([self.data_readiness, self.skills]),
            self.picker,
            self.message,
            w.HBox([w.Box([self.figure], layout=w.Layout(width="56%")), panel]),
        ]
        if self.exercise is not None:
            heading = f"<b>{escape(_('My pilots'))}</b>" + escape(
                _(" (1–3; they may be off the model's list)")
            )
            choice = choice_panel(heading, self.pilots.values(), self.justification)
            children += [choice, self.exercise]
        super().__init__(children, layout=w.Layout(max_width="1340px"))
        self._update_picker_title()

    # --- public API ----------------------------------------------------------------------------

    @property
    def selected(self) -> list[str]:
        return [key for key, box in self.use_cases.items() if box.value]

    def set_selected(self, keys: list[str]) -> None:
        """Tick exactly ``keys`` (one re-scoring, not one per box)."""
        with self.batch():
            for key, box in self.use_cases.items():
                box.value = key in keys

    def update(self) -> None:
        """Re-score with the current inputs and refresh the chart and lists in place; save the
        exercise's answer (the inputs are part of it)."""
        self._update_picker_title()
        self.save()
        try:
            folio = self._compute()
        except Exception as err:  # shown to the learner in red; the inputs are kept
            self._result = None
            self.message.value = error_html(err)
            self.summary.value = ""
            self.shortlist_box.value = (
                "<div style='color:#666'>"
                + escape(_("Results update as soon as the inputs are fixed."))
                + "</div>"
            )
            self.detail_box.value = ""
            return
        self._result = folio
        self.message.value = ""
        fresh = genai_charts.quadrant_traces(folio, language())
        with self.figure.batch_update():
            for trace, new in zip(self.figure.data, fresh, strict=True):
                trace.x, trace.y, trace.customdata = new["x"], new["y"], new["customdata"]
                if "text" in new:
                    trace.text = new["text"]
        self._render(folio)

    def restore(self, session) -> str | None:
        """The inputs of the user's saved canvas, else the industry and stage of their
        self-assessment (the other inputs at their defaults, as in a new canvas); the note says
        which (None: the session has neither)."""
        own, assessment = session.get("genai"), session.get("assessment")
        if own is None and assessment is None:
            return None
        given = own.inputs if own is not None else None
        with self.batch():
            if given is not None:
                self._set_inputs(
                    given.profile,
                    given.stage,
                    list(given.selected) if given.selected else None,
                    given.data_readiness,
                    given.skills,
                    given.shortlist_size,
                )
            else:
                self._set_inputs(assessment.profile, assessment.stage)
        if given is not None:
            return Bilingual(
                "已恢复你上次的用例评估。", "Your last GenAI canvas was restored."
            ).text()
        return Bilingual(
            "已按你的自评结果设置行业和阶段。",
            "Industry and stage were taken from your self-assessment.",
        ).text()

    @classmethod
    def from_saved(cls, store: AnswerStore | None = None, **kwargs) -> GenAICanvas:
        """A canvas starting from the inputs saved with exercise ``m05.my_pilots`` (module 05
        in the same folder), without the exercise itself; the defaults when nothing is saved."""
        canvas = cls(**kwargs)
        try:
            saved = (store or AnswerStore(MY_PILOTS.split(".")[0])).get(MY_PILOTS)
        except KitError:
            saved = None
        if isinstance(saved, dict):
            with canvas.batch():
                canvas._restore(saved)
            if isinstance(saved.get("pilots"), list):
                canvas._saved_pilots = list(saved["pilots"])
        return canvas

    def chosen_pilots(self) -> list[str]:
        return [key for key, box in self.pilots.items() if box.value]

    @property
    def chosen(self) -> list[str]:
        """The learner's own pilots: ticked here, or saved in module 05 (:meth:`from_saved`);
        an action plan takes these before the model's shortlist."""
        return self.chosen_pilots() if self.exercise is not None else self._saved_pilots

    def form_answer(self) -> dict:
        """The exercise's answer: the canvas's inputs, the pilots and the reasons."""
        reasons = self.justification.value if self.justification is not None else ""
        return pilots_answer(
            self.industry.value,
            self.stage.value,
            self.data_readiness.value,
            self.skills.value,
            self.chosen_pilots(),
            reasons,
        )

    def save(self) -> dict | None:
        """Save the form answer in the module's answer file (every change does)."""
        if self.exercise is None or self.quiet:
            return None
        answer = self.form_answer()
        return answer if self.exercise.save(answer) else None

    # --- internals ---------------------------------------------------------------------------

    def _choice_widgets(self) -> list[w.Widget]:
        boxes = list(self.pilots.values())
        return boxes + ([self.justification] if self.justification is not None else [])

    def _set_inputs(
        self,
        profile: CompanyProfile | None,
        stage: str,
        selected: list[str] | None = None,
        data_readiness: str = DEFAULT_DATA,
        skills: str = DEFAULT_SKILLS,
        shortlist_size: int = DEFAULT_PILOTS,
    ) -> None:
        """Every input at once, as the constructor's arguments set them."""
        self._profile = profile if isinstance(profile, CompanyProfile) else CompanyProfile()
        self.industry.value = self._profile.industry
        self.stage.value = stage if stage in STAGE_ORDER else DEFAULT_STAGE
        self.data_readiness.value = data_readiness
        self.skills.value = skills
        self.shortlist_size.value = shortlist_size
        for key, box in self.use_cases.items():
            box.value = selected is None or key in selected

    def _restore(self, answer) -> None:
        """Put a saved form answer back into the widgets (survives a kernel restart)."""
        if not isinstance(answer, dict):
            return  # nothing saved (or an answer of an older kit): keep the defaults
        for control, field, allowed in (
            (self.industry, "industry", INDUSTRIES),
            (self.stage, "stage", STAGE_ORDER),
            (self.data_readiness, "data_readiness", genai.DATA_READINESS),
            (self.skills, "skills", genai.SKILL_LEVELS),
        ):
            if answer.get(field) in allowed:
                control.value = answer[field]
        pilots = answer.get("pilots")
        if isinstance(pilots, list):
            for key, box in self.pilots.items():
                box.value = key in pilots
        if self.justification is not None and isinstance(answer.get("justification"), str):
            self.justification.value = answer["justification"]

    def _compute(self) -> genai.GenAIPortfolio:
        profile = dataclasses.replace(self._profile, industry=self.industry.value)
        chosen = self.selected
        if not chosen:
            raise KitError(
                "请至少勾选一个生成式 AI 用例（点“选择用例”展开列表，或点“全选”）。",
                "Tick at least one GenAI use case (open 'Use cases' above, or click 'All').",
                field="selected",
            )
        return genai.prioritise(
            profile,
            self.stage.value,
            None if len(chosen) == len(self.use_cases) else chosen,
            data_readiness=self.data_readiness.value,
            skills=self.skills.value,
            shortlist_size=self.shortlist_size.value,
        )

    def _tick_all(self, value: bool) -> None:
        self.set_selected(list(self.use_cases) if value else [])

    def _update_picker_title(self) -> None:
        n, total = len(self.selected), len(self.use_cases)
        self.picker.set_title(0, _("Use cases ({n}/{total} selected)").format(n=n, total=total))

    def _render(self, folio: genai.GenAIPortfolio) -> None:
        counts = " · ".join(
            f"{quadrant_short(q)} {len(folio.quadrant(q))}" for q in genai.QUADRANT_ORDER
        )
        self.summary.value = (
            "<div>"
            + _("{n} use cases: {counts}").format(
                n=f"<b>{len(folio.items)}</b>", counts=escape(counts)
            )
            + "</div>"
            "<ul style='margin:4px 0;padding-left:18px'>"
            + "".join(note_html(n) for n in folio.notes)
            + "</ul>"
        )
        heading = f"<h4 style='margin:6px 0'>{escape(_('First pilots'))}</h4>"
        if folio.shortlist:
            blocks = [self._pilot_html(i + 1, item) for i, item in enumerate(folio.shortlist)]
            self.shortlist_box.value = heading + "".join(blocks)
        else:
            self.shortlist_box.value = heading + (
                f"<div>{escape(_('No use case qualifies yet; see the notes above.'))}</div>"
            )
        options = [
            (
                _("{name} ({quadrant})").format(
                    name=_label(i), quadrant=quadrant_short(i.quadrant)
                ),
                i.key,
            )
            for i in folio.items
        ]
        current = self.detail.value
        self.detail.options = options
        keys = [key for _label, key in options]
        self.detail.value = current if current in keys else keys[0]
        self._show_detail()

    def _pilot_html(self, number: int, item: genai.GenAIItem) -> str:
        parts = item.parts
        weights = genai.RISK_WEIGHTS
        risk = _(
            "Risk: privacy {privacy} + adoption {adoption} + regulatory {regulatory} = {risk}"
        ).format(
            privacy=f"{parts.privacy_risk:g}×{weights['privacy']:g}",
            adoption=f"{parts.adoption_risk:g}×{weights['adoption']:g}",
            regulatory=f"{parts.regulatory_risk:g}×{weights['regulatory']:g}",
            risk=f"{item.risk:g}",
        )
        scores = _(
            "value {value} · feasibility {feasibility} · risk {risk} · priority {priority}"
        ).format(
            value=f"{item.value:g}",
            feasibility=f"{item.feasibility:g}",
            risk=f"{item.risk:g}",
            priority=f"{item.priority:g}",
        )
        quadrant = Bilingual(item.quadrant_zh, item.quadrant_en).text()
        return (
            "<div style='border:1px solid #e0e0e0;border-radius:4px;padding:4px 8px;margin:4px 0'>"
            f"<b>{number}. {escape(_label(item))}</b> — {escape(quadrant)}<br>"
            f"<span style='font-size:90%'>{escape(scores)}</span><br>"
            f"<span style='font-size:88%;color:#444'>{escape(risk)}</span>"
            "<ul style='margin:4px 0;padding-left:18px'>"
            + "".join(note_html(n) for n in item.reasons[1:])
            + "</ul></div>"
        )

    def _show_detail(self) -> None:
        folio = self._result
        if folio is None or self.detail.value is None:
            self.detail_box.value = ""
            return
        try:
            item = folio.item(self.detail.value)
        except KitError:
            self.detail_box.value = ""
            return
        self.detail_box.value = (
            "<ul style='margin:4px 0;padding-left:18px'>"
            + "".join(note_html(n) for n in item.reasons)
            + "</ul>"
        )
