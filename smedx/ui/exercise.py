"""An exercise as widgets: answer controls, Check, one-hint-at-a-time, Solution on request.

Every change of an answer is saved at once to the module's answer file (see
:mod:`smedx.exercises.store`), so nothing is lost on a kernel restart or in nbgrader.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w

from smedx.errors import KitError
from smedx.exercises import AnswerStore, Feedback, Question
from smedx.i18n import Bilingual, _, language
from smedx.ui.messages import GREEN, ORANGE

# ipywidgets draws each radio option and checkbox in a row of fixed height (and cuts a checkbox
# label with "…"): an option that wraps ran over the next one and lost its control. Here
# an option is as tall as its text, the control stays at its first line, and labels wrap.
OPTION_CSS = """
.smedx-exercise .widget-radio-box label,
.smedx-exercise .widget-checkbox .widget-label-basic {
  display: flex; align-items: flex-start; height: auto; min-height: 24px; padding: 2px 0;
  line-height: 20px; white-space: normal; overflow: visible;
}
.smedx-exercise .widget-radio-box input,
.smedx-exercise .widget-checkbox input[type='checkbox'] {
  order: -1; float: none; flex: 0 0 auto; align-self: flex-start; height: 20px;
  margin: 0 8px 0 1px;
}
.smedx-exercise .widget-checkbox { width: auto; height: auto; line-height: 20px; }
"""


def text_html(text: Bilingual, tag: str = "div") -> str:
    """``text`` in the current language, as an HTML element."""
    return f"<{tag}>{escape(text.text())}</{tag}>"


def choice_panel(heading: str, boxes, justification: w.Widget | None) -> w.VBox:
    """A planner's own-choice part: the heading, its pick boxes in three columns, the reasons."""
    children = [
        w.HTML(heading),
        w.GridBox(list(boxes), layout=w.Layout(grid_template_columns="repeat(3, 1fr)")),
    ]
    if justification is not None:
        children += [w.HTML(f"<b>{escape(_('My reasons'))}</b>"), justification]
    return w.VBox(children)


class ExerciseWidget(w.VBox):
    """The widget for one :class:`Question`; ``.answer`` is the plain answer value."""

    def __init__(self, question: Question, store: AnswerStore | None = None):
        self.question = question
        self.store = store or AnswerStore(question.module)
        self.hints_shown = 0
        self.solution_armed = False
        self._controls = self._make_controls()
        self.check_button = w.Button(description=_("Check"), button_style="primary", icon="check")
        self.hint_button = w.Button(description=self._hint_label(), icon="lightbulb-o")
        self.solution_button = w.Button(description=_("Show solution"), icon="eye")
        self.status = w.HTML()
        self.feedback = w.HTML()
        self.hints = w.HTML()
        self.solution = w.HTML()
        self.check_button.on_click(lambda _b: self.show_feedback())
        self.hint_button.on_click(lambda _b: self.next_hint())
        self.solution_button.on_click(lambda _b: self.reveal_solution())
        try:
            saved = self.store.get(question.id)
        except KitError as err:
            saved = None
            self.status.value = f"<span style='color:#b00'>{escape(err.message(language()))}</span>"
        if saved is not None:
            self._set_answer(saved)
            self.status.value = (
                f"<span style='color:#2a7'>{escape(_('Saved answer loaded'))}</span>"
            )
        for control in self._value_widgets():
            control.observe(self._on_change, names="value")
        title = w.HTML(self._title_html())
        buttons = w.HBox([self.check_button, self.hint_button, self.solution_button])
        # a <style> applies wherever it sits, also in a hidden widget (JupyterLab has no page
        # template of the kit, so the exercise brings its own option layout)
        style = w.HTML(f"<style>{OPTION_CSS}</style>", layout=w.Layout(display="none"))
        super().__init__(
            [
                title,
                self._controls,
                buttons,
                self.status,
                self.feedback,
                self.hints,
                self.solution,
                style,
            ],
            layout=w.Layout(border="1px solid #cfd8e3", padding="8px 12px", margin="8px 0"),
        )
        self.add_class("smedx-exercise")
        self.add_class(f"smedx-exercise-{question.id.replace('.', '-')}")  # for tests, not shown

    def _title_html(self) -> str:
        q = self.question
        points = _("1 point") if q.points == 1 else _("{points} points").format(points=q.points)
        worth = points if q.graded else _("not graded")
        heading = f"{_('Exercise')} · {worth}"
        return f"<b data-exercise='{escape(q.id)}'>{escape(heading)}</b>" + text_html(q.prompt)

    # --- controls per kind ------------------------------------------------------------------

    def _make_controls(self) -> w.Widget:
        q = self.question
        labels = [(o.text(), o.key) for o in q.options]
        layout = w.Layout(width="auto")
        if q.kind == "choice":
            return w.RadioButtons(options=labels, value=None, layout=layout)
        if q.kind == "multi":
            return w.VBox(
                [
                    w.Checkbox(description=label, value=False, indent=False, layout=layout)
                    for label, _key in labels
                ]
            )
        if q.kind == "number":
            low, high = q.number_range or (-1e12, 1e12)
            return w.BoundedFloatText(value=None, min=low, max=high, description=_("Answer"))
        if q.kind == "ranking":
            return w.VBox(
                [
                    w.Dropdown(
                        options=[("—", None), *labels],
                        value=None,
                        description=_("#{place}").format(place=i + 1),
                        layout=layout,
                    )
                    for i in range(len(labels))
                ]
            )
        if q.kind == "form":  # a manager needs the instruction, not the component's class path
            return w.HTML(f"<i>{escape(_('Answer with the form above; it saves by itself.'))}</i>")
        if q.kind == "allocation":
            return w.VBox(
                [
                    w.IntSlider(
                        value=0,
                        min=0,
                        max=100,
                        step=5,
                        description=label,
                        style={"description_width": "initial"},
                        layout=layout,
                    )
                    for label, _key in labels
                ]
            )
        return w.Textarea(
            placeholder=_("Answer here"), layout=w.Layout(width="100%", height="120px")
        )

    def _value_widgets(self) -> list[w.Widget]:
        return (
            list(self._controls.children)
            if isinstance(self._controls, w.VBox)
            else [self._controls]
        )

    @property
    def answer(self) -> Any:
        q, widgets = self.question, self._value_widgets()
        if q.kind == "form":
            return self.store.get(q.id)
        keys = q.option_keys()
        if q.kind == "multi":
            return [k for k, box in zip(keys, widgets, strict=True) if box.value]
        if q.kind == "ranking":
            return [d.value for d in widgets if d.value is not None]
        if q.kind == "allocation":
            return {k: s.value for k, s in zip(keys, widgets, strict=True)}
        return widgets[0].value

    def _set_answer(self, value: Any) -> None:
        q, widgets = self.question, self._value_widgets()
        keys = q.option_keys()
        if q.kind == "form":
            return  # the form component owns its inputs
        if q.kind == "multi":
            for key, box in zip(keys, widgets, strict=True):
                box.value = key in value
        elif q.kind == "ranking":
            for i, dropdown in enumerate(widgets):
                dropdown.value = value[i] if i < len(value) and value[i] in keys else None
        elif q.kind == "allocation":
            for key, slider in zip(keys, widgets, strict=True):
                slider.value = int(value.get(key, 0))
        elif q.kind == "choice":
            widgets[0].value = value if value in keys else None
        else:
            widgets[0].value = value

    def set_answer(self, value: Any) -> None:
        """Set the controls as a learner would (used by tests and the instructor demo)."""
        self._set_answer(value)

    # --- actions ----------------------------------------------------------------------------

    def _on_change(self, _change=None) -> None:
        answer = self.answer
        if answer not in (None, "", [], {}):
            self.save(answer)

    def save(self, answer: Any) -> bool:
        """Keep ``answer`` in the module's answer file and say so (or why it could not)."""
        try:
            self.store.put(self.question.id, answer)
        except KitError as err:  # e.g. a read-only folder: say so, the answer is not saved
            reason = _("Not saved: {reason}").format(reason=err.message(language()))
            self.status.value = f"<span style='color:{ORANGE}'>{escape(reason)}</span>"
            return False
        stamp = datetime.now().strftime("%H:%M:%S")
        saved = _("Saved {time} → {file}").format(time=stamp, file=self.store.path.name)
        self.status.value = f"<span style='color:#2a7'>{escape(saved)}</span>"
        return True

    def show_feedback(self) -> Feedback:
        result = self.question.check(self.answer)
        color = GREEN if result.correct else ORANGE
        self.feedback.value = (
            f"<div style='color:{color};white-space:pre-line'>{escape(str(result))}</div>"
        )
        return result

    def _hint_label(self) -> str:
        total = len(self.question.hints)
        return _("Hint ({shown}/{total})").format(shown=self.hints_shown, total=total)

    def next_hint(self) -> int:
        if self.hints_shown < len(self.question.hints):
            self.hints_shown += 1
        shown = self.question.hints[: self.hints_shown]
        self.hints.value = "".join(
            f"<div style='margin:4px 0'>💡 {i + 1}. " + text_html(h, "span") + "</div>"
            for i, h in enumerate(shown)
        )
        self.hint_button.description = self._hint_label()
        self.hint_button.disabled = self.hints_shown == len(self.question.hints)
        return self.hints_shown

    def reveal_solution(self) -> bool:
        """First click asks for confirmation, the second shows the solution."""
        if not self.solution_armed:
            self.solution_armed = True
            self.solution_button.description = _("Sure? Click again")
            self.solution_button.button_style = "warning"
            return False
        self.solution.value = (
            f"<div style='background:#f6f8fa;padding:6px'><b>{escape(_('Solution'))}</b>"
            + text_html(self.question.solution)
            + "</div>"
        )
        self.solution_button.disabled = True
        return True
