"""The self-assessment form (数字化水平自评): questionnaire, company profile, result and peer benchmark.

    form = AssessmentForm()      # in a notebook or a Voila app
    form.result                  # the smedx.models.assessment.Assessment, or None
    form.benchmark               # the smedx.models.benchmark.Benchmark, or None
    form.on_result(callback)     # told of every new assessment (see smedx.ui.component)
    note = form.restore(session) # an app: the inputs of the session's assessment

Every number and verdict comes from :mod:`smedx.models` (assessment and benchmark); this module
only lays out widgets, parses what was typed and shows what the models return. Answers are saved
on every change under ``m02.self_assessment`` (see :mod:`smedx.exercises.store`) and reloaded
when the form is opened again, so a kernel restart loses nothing. Bad input shows the models'
message in red, in the current language, and keeps what the user typed. Every text is in the
language current when it is rendered (:func:`smedx.i18n.language`).
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w
import plotly.io as pio

from smedx import charts, glossary
from smedx.charts import assessment as ca
from smedx.errors import KitError
from smedx.exercises import AnswerStore, question
from smedx.i18n import N_, Bilingual, _, language
from smedx.models.assessment import Assessment, assess, questionnaire, stage_label
from smedx.models.benchmark import Benchmark, benchmark
from smedx.models.common import ENTERPRISE_TYPES, INDUSTRIES, SIZE_BANDS, CompanyProfile
from smedx.ui.cells import Cells
from smedx.ui.chart import ChartView
from smedx.ui.component import Component
from smedx.ui.messages import GREEN, GREY, ORANGE, RED, line_html

QUESTION_ID = "m02.self_assessment"
MODULE = "m02"
NOT_GIVEN = N_("— not given —")
PLEASE_CHOOSE = N_("— choose —")


def pair_options(pairs: dict) -> list[tuple[str, str]]:
    """Dropdown options from a {key: (zh, en, ...)} table, in the current language."""
    return [(Bilingual(v[0], v[1]).text(), key) for key, v in pairs.items()]


def parse_number(text: str) -> float | str | None:
    """What was typed into a number box: None when empty, a float when it reads as one, else the
    text itself (the model then refuses it with a clear message)."""
    clean = (text or "").strip().replace(",", "").replace("，", "").rstrip("%％").strip()
    if not clean:
        return None
    try:
        return float(clean)
    except ValueError:
        return text.strip()


def number_text(value: Any) -> str:
    """The text to show in a number box for a saved value (the inverse of parse_number)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def load_saved(folder=None) -> dict | None:
    """The raw saved form (``{"answers", "profile"}``) of the notebook's folder, or None."""
    saved = AnswerStore(MODULE, folder).get(QUESTION_ID)
    return saved if isinstance(saved, dict) else None


def saved_assessment(folder=None) -> Assessment | None:
    """The learner's saved self-assessment, recomputed by the model (None if absent or invalid).

    Later modules (scenarios, action plan) can start from it."""
    saved = load_saved(folder)
    if saved is None:
        return None
    try:
        raw = saved.get("profile")
        profile = None if raw is None else CompanyProfile.from_dict(raw)
        return assess(saved.get("answers") or {}, profile)
    except KitError:
        return None


class AssessmentForm(Component):
    """Self-assessment with live result, radar, stage and investment benchmark charts.

    ``practice=False`` (a graded notebook): it saves, it does not judge. ``exercise_status=False``
    (an app, which answers no course exercise): no ✔/✘ line of exercise m02.self_assessment.
    """

    def __init__(
        self,
        store: AnswerStore | None = None,
        *,
        autosave: bool = True,
        practice: bool = True,
        exercise_status: bool = True,
    ):
        if charts.TEMPLATE not in str(pio.templates.default):  # a Voila app may not have it yet
            charts.use_theme()
        self.store = store or AnswerStore(MODULE)
        self.autosave = autosave
        self.practice = practice
        self.exercise_status = exercise_status
        self.questionnaire = questionnaire()
        self._result: Assessment | None = None
        self._benchmark: Benchmark | None = None
        # The benchmark depends only on the stage, the profile and the spending answer; keep the
        # last one so that most answer changes re-run only the (fast) assessment.
        self._band_items = tuple(
            it.id for it in self.questionnaire.items if any(o.investment_band for o in it.options)
        )
        self._peers_cache: tuple[tuple, Benchmark] | None = None

        # company profile
        wide = {"description_width": "180px"}
        not_given = (_(NOT_GIVEN), None)
        self.industry = w.Dropdown(
            options=pair_options(INDUSTRIES),
            value="other",
            description=_("Industry"),
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.size_band = w.Dropdown(
            options=[not_given, *pair_options(SIZE_BANDS)],
            value=None,
            description=_("Employees"),
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.enterprise_type = w.Dropdown(
            options=[not_given, *pair_options(ENTERPRISE_TYPES)],
            value=None,
            description=_("Enterprise type"),
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.revenue = w.Text(
            placeholder=_("e.g. {example}").format(example="8000"),
            description=_("Revenue (10k CNY)"),
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.investment_share = w.Text(
            placeholder=_("e.g. {example}").format(example="1.5"),
            description=_("DX spending (% of revenue)"),
            style=wide,
            layout=w.Layout(width="95%"),
        )
        profile_note = w.HTML(
            line_html(
                _(
                    "The profile is optional; it selects the peer groups of the report's sections "
                    "2.1–2.4. The DX spending is last year's digital transformation spending as "
                    "a percentage of revenue."
                )
            )
        )
        self.profile_box = w.VBox(
            [
                profile_note,
                self.industry,
                self.size_band,
                self.enterprise_type,
                self.revenue,
                self.investment_share,
            ]
        )

        # the questionnaire, one tab per dimension
        self.items: dict[str, w.Dropdown] = {}
        cells = Cells()
        pages = [self.profile_box]
        titles = [_("Profile")]
        lang = language()
        for dim in self.questionnaire.dimensions:
            why = Bilingual(dim.why_zh, dim.why_en).text()
            points = _("Up to {points} points.").format(points=dim.max_points)
            rows = [cells.make(w.HTML, value=line_html(f"{points} {why}"))]
            for item in self.questionnaire.items:
                if item.dimension != dim.key:
                    continue
                control = cells.make(
                    w.Dropdown,
                    options=[(_(PLEASE_CHOOSE), None)]
                    + [
                        (
                            _("{id}. {text} ({points} pts)").format(
                                id=o.id,
                                text=Bilingual(o.text_zh, o.text_en).text(),
                                points=o.points,
                            ),
                            o.id,
                        )
                        for o in item.options
                    ],
                    value=None,
                    width="97%",
                )
                self.items[item.id] = control
                label = Bilingual(item.label_zh, item.label_en).text()
                rows.append(
                    cells.make(
                        w.HTML,
                        value=f"<b>{escape(item.id)} {escape(label)}</b> "
                        f"{escape(Bilingual(item.text_zh, item.text_en).text())}",
                    )
                )
                rows.append(control)
            pages.append(w.VBox(rows))
            titles.append(glossary.name("dimension", dim.key, lang))
        self.tabs = w.Tab(children=pages, layout=w.Layout(height="470px", overflow="auto"))
        self.tabs.titles = tuple(titles)

        self.assess_button = w.Button(description=_("Assess"), button_style="primary", icon="check")
        self.assess_button.on_click(lambda _b: self.run())
        self.message = w.HTML()
        self.saved_status = w.HTML()

        # results
        self.summary = w.HTML(
            line_html(
                _("Answer every item to see the stage, level, points per dimension and reasons.")
            )
        )
        self.radar = ChartView(ca.radar(None))
        self.stage_chart = ChartView(ca.stage_distribution(None))
        self.investment_chart = ChartView(ca.investment_distribution(None))
        self.gaps = w.HTML()
        self.peers = w.HTML()

        left = w.VBox(
            [self.tabs, w.HBox([self.assess_button, self.saved_status]), self.message],
            layout=w.Layout(width="50%", padding="0 8px 0 0"),
        )
        right = w.VBox([self.summary, self.radar], layout=w.Layout(width="50%"))
        charts_row = w.HBox(
            [
                w.Box([self.stage_chart], layout=w.Layout(width="50%")),
                w.Box([self.investment_chart], layout=w.Layout(width="50%")),
            ]
        )
        details = w.HBox(
            [
                w.Box([self.gaps], layout=w.Layout(width="45%", padding="0 12px 0 0")),
                w.Box([self.peers], layout=w.Layout(width="55%")),
            ]
        )
        notice = Bilingual(self.questionnaire.notice_zh, self.questionnaire.notice_en).text()
        title = w.HTML(
            f"<h3 style='margin:4px 0'>{escape(_('Digital self-assessment'))}</h3>"
            + line_html(notice)
        )
        super().__init__(
            [title, w.HBox([left, right]), charts_row, details],
            layout=w.Layout(max_width="1340px"),
        )

        loaded = self._load_saved()  # before the observers: loading saves nothing
        for control in self._inputs():
            control.observe(self.refresh, names="value")
        if loaded:
            self._assess()

    # --- public API --------------------------------------------------------------------------

    @property
    def benchmark(self) -> Benchmark | None:
        return self._benchmark

    @property
    def answers(self) -> dict[str, str]:
        """The options chosen so far (unanswered items left out)."""
        return {k: c.value for k, c in self.items.items() if c.value is not None}

    @property
    def profile_inputs(self) -> dict[str, Any]:
        """The profile as entered: numbers parsed, unreadable text kept for the model to refuse."""
        return {
            "industry": self.industry.value,
            "size_band": self.size_band.value,
            "enterprise_type": self.enterprise_type.value,
            "revenue_10k_cny": parse_number(self.revenue.value),
            "investment_share": parse_number(self.investment_share.value),
        }

    def set_answers(self, answers: dict[str, str]) -> None:
        """Set several answers at once (one assessment at the end, not one per item)."""
        try:
            with self.batch():
                for item_id, option in answers.items():
                    self.questionnaire.item(item_id).option(option)  # a clear message if unknown
                    self.items[item_id].value = option
        except KitError as err:
            self._show_error(err)

    def set_profile(self, **fields: Any) -> None:
        """Fill the profile as a user would; numbers may be given as numbers or text."""
        try:
            with self.batch():
                for name, value in fields.items():
                    self._set_profile_field(name, value)
        except KitError as err:
            self._show_error(err)

    def restore(self, session: Any) -> str | None:
        """Take the inputs of the session's assessment (an app's results); one assessment at the
        end, as after typing them. None when the session holds no assessment."""
        result = session.get("assessment")
        if result is None:
            return None
        with self.batch():
            self.set_profile(**(result.profile.to_dict() if result.profile else {}))
            self.set_answers(dict(result.answers))
        return _("Saved self-assessment loaded.")

    def run(self) -> Assessment | None:
        """Assess the current inputs (the Assess button): show the result or what is wrong, and
        tell the listeners."""
        self._run()
        self.announce()
        return self._result

    def update(self) -> None:
        """An input changed: save the inputs (with autosave), then assess them."""
        if self.autosave:
            self._save()
        self._assess()

    # --- internals ---------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            profile = CompanyProfile.from_dict(self.profile_inputs)
            result = assess(self.answers, profile)
            peers = self._peers(result, profile)
        except KitError as err:
            self._result = self._benchmark = None
            self._show_error(err)
            return
        self._result, self._benchmark = result, peers
        self.message.value = ""
        self._render(result, peers)
        self._show_exercise_status()

    def _peers(self, result: Assessment, profile: CompanyProfile) -> Benchmark:
        key = (result.stage, profile, tuple(result.answers[i] for i in self._band_items))
        if self._peers_cache is None or self._peers_cache[0] != key:
            self._peers_cache = (key, benchmark(result))
        return self._peers_cache[1]

    def _inputs(self) -> list[w.Widget]:
        return [
            self.industry,
            self.size_band,
            self.enterprise_type,
            self.revenue,
            self.investment_share,
            *self.items.values(),
        ]

    def _profile_control(self, name: str) -> w.Widget:
        controls = {
            "industry": self.industry,
            "size_band": self.size_band,
            "enterprise_type": self.enterprise_type,
            "revenue_10k_cny": self.revenue,
            "investment_share": self.investment_share,
        }
        if name not in controls:
            raise KitError(
                f"企业信息没有字段 {name!r}；可用：{', '.join(controls)}",
                f"no profile field {name!r}; available: {', '.join(controls)}",
            )
        return controls[name]

    def _set_profile_field(self, name: str, value: Any) -> None:
        control = self._profile_control(name)
        if isinstance(control, w.Text):
            control.value = "" if value is None else str(value)
            return
        valid = [v for _label, v in control.options]
        if value not in valid:
            raise KitError(
                f"{name} 的值 {value!r} 无效；可选：{', '.join(map(str, valid))}",
                f"invalid {name} {value!r}; expected one of: {', '.join(map(str, valid))}",
                field=name,
            )
        control.value = value

    def _load_saved(self) -> bool:
        """Fill the inputs from this folder's saved form (called before the inputs are observed);
        True when there was one."""
        try:
            saved = load_saved(self.store.path.parent)
        except KitError as err:
            self._show_error(err)
            return False
        if not saved:
            return False
        raw = saved.get("profile") or {}
        for name in ("industry", "size_band", "enterprise_type"):
            control = self._profile_control(name)
            if raw.get(name) in [value for _label, value in control.options]:
                control.value = raw.get(name)
        for name in ("revenue_10k_cny", "investment_share"):
            self._profile_control(name).value = number_text(raw.get(name))
        for item_id, option in (saved.get("answers") or {}).items():
            control = self.items.get(item_id)
            if control is not None and option in [v for _l, v in control.options]:
                control.value = option
        self.saved_status.value = line_html(_("Saved self-assessment loaded."), GREEN)
        return True

    def _assess(self) -> None:
        """Assess complete inputs; for incomplete ones say what is missing (no result)."""
        missing = [k for k, c in self.items.items() if c.value is None]
        if missing:
            self._result = self._benchmark = None
            done = len(self.items) - len(missing)
            self.message.value = line_html(
                _(
                    "{done} of {total} answered; missing: {missing}. The result appears when all "
                    "are answered."
                ).format(done=done, total=len(self.items), missing=", ".join(missing))
            )
            return
        self._run()

    def _save(self) -> None:
        try:
            self.store.put(QUESTION_ID, {"answers": self.answers, "profile": self.profile_inputs})
        except (KitError, OSError) as err:
            text = (
                Bilingual(err.zh, err.en).text()
                if isinstance(err, KitError)
                else _("Could not save the answers: {error}").format(error=err)
            )
            self.saved_status.value = line_html(text, RED)
            return
        stamp = datetime.now().strftime("%H:%M:%S")
        self.saved_status.value = line_html(
            _("Saved {time} → {file}").format(time=stamp, file=self.store.path.name), GREEN
        )

    def _show_error(self, err: KitError) -> None:
        self.message.value = line_html(Bilingual(err.zh, err.en).text(), RED)

    def _show_exercise_status(self) -> None:
        if not (self.practice and self.exercise_status):
            return
        try:
            feedback = question(QUESTION_ID).check(self.store.get(QUESTION_ID))
        except KitError as err:
            self._show_error(err)
            return
        color = GREEN if feedback.correct else ORANGE
        mark = "✔" if feedback.correct else "✘"
        text = Bilingual(feedback.zh, feedback.en).text()
        self.saved_status.value = line_html(f"{mark} {text}", color)

    # --- rendering ---------------------------------------------------------------------------

    def _render(self, result: Assessment, peers: Benchmark) -> None:
        fresh_radar = ca.radar_values(result)
        with self.radar.batch_update():
            trace = self.radar.data[0]
            trace.r, trace.theta, trace.text = (
                fresh_radar["r"],
                fresh_radar["theta"],
                fresh_radar["text"],
            )
            self.radar.figure.layout.title.text = ca.radar_title(result)
        with self.stage_chart.batch_update():
            keys = list(self.stage_chart.data[0].customdata)
            self.stage_chart.data[0].marker.color = ca.highlight_colors(keys, result.stage)
            self.stage_chart.figure.layout.title.text = ca.stage_title(result.stage)
        with self.investment_chart.batch_update():
            keys = list(self.investment_chart.data[0].customdata)
            band, share = peers.investment_band, peers.investment_share
            self.investment_chart.data[0].marker.color = ca.highlight_colors(keys, band)
            self.investment_chart.figure.layout.title.text = ca.investment_title(band, share)
        # after the charts: the browser starts drawing them while these arrive
        self.summary.value = self._summary_html(result)
        self.gaps.value = self._gaps_html(result)
        self.peers.value = self._peers_html(peers)

    def _summary_html(self, r: Assessment) -> str:
        dims = "".join(
            f"<tr><td>{escape(Bilingual(d.label_zh, d.label_en).text())}</td>"
            f"<td style='text-align:right'><b>{d.score}</b>/{d.max}</td></tr>"
            for d in r.dimensions.values()
        )
        reasons = "".join(
            f"<li>{line_html(str(Bilingual(x.zh, x.en)), None)}</li>" for x in r.reasons
        )
        notes = "".join(
            f"<li>{line_html(str(Bilingual(x.zh, x.en)), ORANGE)}</li>" for x in r.notes
        )
        stage = escape(Bilingual(r.stage_label_zh, r.stage_label_en).text())
        level = escape(Bilingual(r.level_label_zh, r.level_label_en).text())
        descriptor = Bilingual(r.stage_descriptor_zh, r.stage_descriptor_en).text()
        return (
            "<div style='font-size:110%'>"
            + _("Stage: {stage}").format(stage=f"<b style='color:{charts.ACCENT}'>{stage}</b>")
            + "<br>"
            + _("Level: {level} · Total {total}/{max}").format(
                level=f"<b>{level}</b> {escape(r.level_band)}",
                total=f"<b>{r.total}</b>",
                max=r.max_total,
            )
            + f"</div><div style='color:{GREY};font-size:90%'>{escape(descriptor)}</div>"
            f"<table style='margin:4px 0'>{dims}</table>"
            f"<details><summary>{escape(_('Reasons'))}</summary><ul>{reasons}</ul></details>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )

    def _gaps_html(self, r: Assessment) -> str:
        if r.next_stage is None:
            return line_html(_("You are at the highest stage: no gaps to a next stage."), None)
        threshold = _("{stage} (threshold {points})").format(
            stage=stage_label(r.next_stage, language()), points=r.next_stage_min_total
        )
        header = f"<b>{escape(_('Gaps to the next stage'))}</b><br>{escape(threshold)}"
        if not r.gaps:
            return header + line_html(_("No answer needs to change."), None)
        rows = "".join(
            f"<tr><td><b>{escape(g.item)}</b> {escape(Bilingual(g.label_zh, g.label_en).text())}"
            f"</td><td>{escape(g.current)} → <b>{escape(g.needed)}</b> "
            f"{escape(Bilingual(g.needed_text_zh, g.needed_text_en).text())}</td>"
            f"<td>{escape(_('gate') if g.why == 'gate' else _('score'))} +{g.points_gain}</td></tr>"
            for g in r.gaps
        )
        return (
            f"<div style='max-height:420px;overflow-y:auto'>{header}"
            f"<table style='border-collapse:collapse'>{rows}</table></div>"
        )

    def _peers_html(self, b: Benchmark) -> str:
        parts = [f"<b>{escape(_('Peer benchmark'))}</b>{escape(_(' (report data)'))}"]
        for s in b.statements:
            color = None if s.has_data else GREY
            caveats = "".join(
                line_html("⚠ " + str(Bilingual(c.zh, c.en)), ORANGE) for c in s.caveats
            )
            source = Bilingual(s.source_zh, s.source_en).text()
            parts.append(
                "<div style='margin:6px 0;padding-left:6px;border-left:3px solid "
                f"{'#0072B2' if s.has_data else '#ccc'}'>"
                + line_html(Bilingual(s.text_zh, s.text_en).text(), color)
                + caveats
                + f"<div style='color:{GREY};font-size:85%'>{escape(source)}</div></div>"
            )
        return "<div style='max-height:420px;overflow-y:auto'>" + "".join(parts) + "</div>"
