"""The self-assessment form (数字化水平自评): questionnaire, company profile, result and peer benchmark.

    form = AssessmentForm()      # in a notebook or a Voila app
    form.result                  # the smedx.models.assessment.Assessment, or None
    form.benchmark               # the smedx.models.benchmark.Benchmark, or None

Every number and verdict comes from :mod:`smedx.models` (assessment and benchmark); this module
only lays out widgets, parses what was typed and shows what the models return. Answers are saved
on every change under ``m02.self_assessment`` (see :mod:`smedx.exercises.store`) and reloaded
when the form is opened again, so a kernel restart loses nothing. Bad input shows the models'
message in red, Chinese then English, and keeps what the user typed.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w
import plotly.io as pio

from smedx import charts
from smedx.charts import assessment as ca
from smedx.errors import KitError
from smedx.exercises import AnswerStore, question
from smedx.models.assessment import Assessment, assess, questionnaire, stage_label
from smedx.models.benchmark import Benchmark, benchmark
from smedx.models.common import ENTERPRISE_TYPES, INDUSTRIES, SIZE_BANDS, CompanyProfile
from smedx.ui.cells import Cells
from smedx.ui.chart import ChartView
from smedx.ui.messages import GREEN, GREY, ORANGE, RED, message_html

QUESTION_ID = "m02.self_assessment"
MODULE = "m02"
NOT_GIVEN = ("— 未填写 / not given —", None)
PLEASE_CHOOSE = ("— 请选择 / choose —", None)


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


class AssessmentForm(w.VBox):
    """Self-assessment with live result, radar, stage and investment benchmark charts."""

    def __init__(
        self, store: AnswerStore | None = None, *, autosave: bool = True, practice: bool = True
    ):
        if charts.TEMPLATE not in str(pio.templates.default):  # a Voila app may not have it yet
            charts.use_theme()
        self.store = store or AnswerStore(MODULE)
        self.autosave = autosave
        self.practice = practice  # False in a graded notebook: it saves, it does not judge
        self.questionnaire = questionnaire()
        self._result: Assessment | None = None
        self._benchmark: Benchmark | None = None
        self._loading = False
        # The benchmark depends only on the stage, the profile and the spending answer; keep the
        # last one so that most answer changes re-run only the (fast) assessment.
        self._band_items = tuple(
            it.id for it in self.questionnaire.items if any(o.investment_band for o in it.options)
        )
        self._peers_cache: tuple[tuple, Benchmark] | None = None

        # company profile
        wide = {"description_width": "230px"}
        self.industry = w.Dropdown(
            options=[(f"{zh} / {en}", key) for key, (zh, en) in INDUSTRIES.items()],
            value="other",
            description="行业 Industry",
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.size_band = w.Dropdown(
            options=[NOT_GIVEN, *((f"{zh} / {en}", k) for k, (zh, en) in SIZE_BANDS.items())],
            value=None,
            description="人数 Employees",
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.enterprise_type = w.Dropdown(
            options=[
                NOT_GIVEN,
                *((f"{zh} / {en}", k) for k, (zh, en) in ENTERPRISE_TYPES.items()),
            ],
            value=None,
            description="类型 Type",
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.revenue = w.Text(
            placeholder="例如 e.g. 8000",
            description="年营收（万元）Revenue, 10k CNY",
            style=wide,
            layout=w.Layout(width="95%"),
        )
        self.investment_share = w.Text(
            placeholder="例如 e.g. 1.5",
            description="数字化投入占营收（%）DX share, %",
            style=wide,
            layout=w.Layout(width="95%"),
        )
        profile_note = w.HTML(
            message_html(
                "企业信息可选填，用于同行对标（报告第 2.1–2.4 节的分组）。投入比例指去年数字化转型资金"
                "投入占营业收入的百分比。",
                "The profile is optional; it selects the peer groups of report §2.1-§2.4. The "
                "investment share is last year's DX spending as a percentage of revenue.",
                GREY,
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
        titles = ["企业信息 Profile"]
        for dim in self.questionnaire.dimensions:
            rows = [
                cells.make(
                    w.HTML,
                    value=message_html(
                        f"满分 {dim.max_points} 分。{dim.why_zh}",
                        f"Up to {dim.max_points} points. {dim.why_en}",
                        GREY,
                    ),
                )
            ]
            for item in self.questionnaire.items:
                if item.dimension != dim.key:
                    continue
                control = cells.make(
                    w.Dropdown,
                    options=[PLEASE_CHOOSE]
                    + [
                        (f"{o.id}. {o.text_zh} / {o.text_en}（{o.points} 分 pts）", o.id)
                        for o in item.options
                    ],
                    value=None,
                    width="97%",
                )
                self.items[item.id] = control
                rows.append(
                    cells.make(
                        w.HTML,
                        value=f"<b>{escape(item.id)} {escape(item.label_zh)}</b> "
                        f"{escape(item.text_zh)}<br><span style='color:{GREY};font-size:90%'>"
                        f"{escape(item.label_en)}: {escape(item.text_en)}</span>",
                    )
                )
                rows.append(control)
            pages.append(w.VBox(rows))
            titles.append(f"{dim.label_zh} {dim.label_en}")
        self.tabs = w.Tab(children=pages, layout=w.Layout(height="470px", overflow="auto"))
        self.tabs.titles = tuple(titles)

        self.assess_button = w.Button(
            description="评估 Assess", button_style="primary", icon="check"
        )
        self.assess_button.on_click(lambda _b: self.run())
        self.message = w.HTML()
        self.saved_status = w.HTML()

        # results
        self.summary = w.HTML(
            message_html(
                "回答全部题目后，这里显示阶段、等级、各维度得分和理由。",
                "Answer every item to see the stage, level, points per dimension and reasons.",
                GREY,
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
        title = w.HTML(
            "<h3 style='margin:4px 0'>数字化水平自评 · Digital self-assessment</h3>"
            + message_html(self.questionnaire.notice_zh, self.questionnaire.notice_en, GREY)
        )
        super().__init__(
            [title, w.HBox([left, right]), charts_row, details],
            layout=w.Layout(max_width="1340px"),
        )

        for control in self._inputs():
            control.observe(self._on_change, names="value")
        self._restore()

    # --- public API --------------------------------------------------------------------------

    @property
    def result(self) -> Assessment | None:
        """The model's assessment of the current inputs (None until complete and valid)."""
        return self._result

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
        self._loading = True
        try:
            for item_id, option in answers.items():
                self.questionnaire.item(item_id).option(option)  # a clear message if unknown
                self.items[item_id].value = option
        except KitError as err:
            self._show_error(err)
            return
        finally:
            self._loading = False
        self._on_change()

    def set_profile(self, **fields: Any) -> None:
        """Fill the profile as a user would; numbers may be given as numbers or text."""
        self._loading = True
        try:
            for name, value in fields.items():
                control = self._profile_control(name)
                if isinstance(control, w.Text):
                    control.value = "" if value is None else str(value)
                    continue
                valid = [v for _label, v in control.options]
                if value not in valid:
                    raise KitError(
                        f"{name} 的值 {value!r} 无效；可选：{', '.join(map(str, valid))}",
                        f"invalid {name} {value!r}; expected one of: {', '.join(map(str, valid))}",
                        field=name,
                    )
                control.value = value
        except KitError as err:
            self._show_error(err)
            return
        finally:
            self._loading = False
        self._on_change()

    def run(self) -> Assessment | None:
        """Assess the current inputs (the 评估 button): show the result or what is wrong."""
        try:
            profile = CompanyProfile.from_dict(self.profile_inputs)
            result = assess(self.answers, profile)
            peers = self._peers(result, profile)
        except KitError as err:
            self._result = self._benchmark = None
            self._show_error(err)
            return None
        self._result, self._benchmark = result, peers
        self.message.value = ""
        self._render(result, peers)
        self._show_exercise_status()
        return result

    # --- internals ---------------------------------------------------------------------------

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

    def _restore(self) -> None:
        try:
            saved = load_saved(self.store.path.parent)
        except KitError as err:
            self._show_error(err)
            return
        if not saved:
            return
        self._loading = True
        try:
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
        finally:
            self._loading = False
        self.saved_status.value = message_html(
            "已载入保存的自评", "saved self-assessment loaded", GREEN
        )
        self._update(save=False)

    def _on_change(self, _change=None) -> None:
        if not self._loading:
            self._update(save=self.autosave)

    def _update(self, *, save: bool) -> None:
        if save:
            self._save()
        missing = [k for k, c in self.items.items() if c.value is None]
        if missing:
            self._result = self._benchmark = None
            done = len(self.items) - len(missing)
            self.message.value = message_html(
                f"已答 {done}/{len(self.items)} 题；还差：{', '.join(missing)}。全部答完后自动评估。",
                f"{done} of {len(self.items)} answered; missing: {', '.join(missing)}. The "
                "result appears when all are answered.",
                GREY,
            )
            return
        self.run()

    def _save(self) -> None:
        try:
            self.store.put(QUESTION_ID, {"answers": self.answers, "profile": self.profile_inputs})
        except (KitError, OSError) as err:
            zh = err.zh if isinstance(err, KitError) else f"无法保存答案：{err}"
            en = err.en if isinstance(err, KitError) else f"could not save the answers: {err}"
            self.saved_status.value = message_html(zh, en, RED)
            return
        stamp = datetime.now().strftime("%H:%M:%S")
        self.saved_status.value = message_html(
            f"已保存 {stamp} → {self.store.path.name}", f"saved {stamp}", GREEN
        )

    def _show_error(self, err: KitError) -> None:
        self.message.value = message_html(err.zh, err.en, RED)

    def _show_exercise_status(self) -> None:
        if not self.practice:
            return
        try:
            feedback = question(QUESTION_ID).check(self.store.get(QUESTION_ID))
        except KitError as err:
            self._show_error(err)
            return
        color = GREEN if feedback.correct else ORANGE
        mark = "✔" if feedback.correct else "✘"
        self.saved_status.value = message_html(
            f"{mark} 练习 {QUESTION_ID}：{feedback.zh}", f"{mark} {feedback.en}", color
        )

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
            f"<tr><td>{escape(d.label_zh)} {escape(d.label_en)}</td>"
            f"<td style='text-align:right'><b>{d.score}</b>/{d.max}</td></tr>"
            for d in r.dimensions.values()
        )
        reasons = "".join(f"<li>{message_html(x.zh, x.en, None)}</li>" for x in r.reasons)
        notes = "".join(f"<li>{message_html(x.zh, x.en, ORANGE)}</li>" for x in r.notes)
        return (
            f"<div style='font-size:110%'>阶段 Stage：<b style='color:{charts.ACCENT}'>"
            f"{escape(r.stage_label_zh)}</b> · {escape(r.stage_label_en)}<br>"
            f"等级 Level：<b>{escape(r.level_label_zh)}</b> · {escape(r.level_label_en)} "
            f"{escape(r.level_band)} · 总分 Total <b>{r.total}</b>/{r.max_total}</div>"
            f"<div style='color:{GREY};font-size:90%'>{escape(r.stage_descriptor_zh)}<br>"
            f"{escape(r.stage_descriptor_en)}</div>"
            f"<table style='margin:4px 0'>{dims}</table>"
            f"<details><summary>理由 Reasons</summary><ul>{reasons}</ul></details>"
            + (f"<ul>{notes}</ul>" if notes else "")
        )

    def _gaps_html(self, r: Assessment) -> str:
        if r.next_stage is None:
            return message_html(
                "你已处于最高阶段，没有下一阶段的差距。",
                "You are at the highest stage: no gaps to a next stage.",
                None,
            )
        header = (
            "<b>进入下一阶段的差距 · Gaps to the next stage</b><br>"
            f"{escape(stage_label(r.next_stage))} · {escape(stage_label(r.next_stage, 'en'))}"
            f"（分数线 threshold {r.next_stage_min_total}）"
        )
        if not r.gaps:
            return header + message_html("没有需要改变的答案。", "No answer needs to change.", None)
        rows = "".join(
            f"<tr><td><b>{escape(g.item)}</b> {escape(g.label_zh)}<br>"
            f"<span style='color:{GREY}'>{escape(g.label_en)}</span></td>"
            f"<td>{escape(g.current)} → <b>{escape(g.needed)}</b> {escape(g.needed_text_zh)}<br>"
            f"<span style='color:{GREY}'>{escape(g.needed_text_en)}</span></td>"
            f"<td>{'门槛 gate' if g.why == 'gate' else '分数 score'} +{g.points_gain}</td></tr>"
            for g in r.gaps
        )
        return (
            f"<div style='max-height:420px;overflow-y:auto'>{header}"
            f"<table style='border-collapse:collapse'>{rows}</table></div>"
        )

    def _peers_html(self, b: Benchmark) -> str:
        parts = ["<b>同行对标 · Peer benchmark</b>（报告数据 report data）"]
        for s in b.statements:
            color = None if s.has_data else GREY
            caveats = "".join(message_html("⚠ " + c.zh, "⚠ " + c.en, ORANGE) for c in s.caveats)
            source = s.source_zh
            parts.append(
                "<div style='margin:6px 0;padding-left:6px;border-left:3px solid "
                f"{'#0072B2' if s.has_data else '#ccc'}'>"
                + message_html(s.text_zh, s.text_en, color)
                + caveats
                + f"<div style='color:{GREY};font-size:85%'>{escape(source)}</div></div>"
            )
        return "<div style='max-height:420px;overflow-y:auto'>" + "".join(parts) + "</div>"
