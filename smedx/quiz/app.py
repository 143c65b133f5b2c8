"""The quiz app (``widgets/quiz.ipynb``): take form A or B as the pre- or post-test, save answers.

One language at a time (Chinese by default, a complete English edition by the language switch).
The app never knows the key, so it shows no score: it saves the answers, whole or not at all, to
the learner's results folder (:func:`smedx.quiz.results.results_dir`); the trainer scores them
with ``smedx report learning`` and gives each learner their result.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

import ipywidgets as w

from smedx.errors import KitError
from smedx.i18n import LANGS, N_, _, language, pgettext, using
from smedx.quiz.items import FORMS, OBJECTIVES, PHASES, QuizItem
from smedx.quiz.results import QuizResult, default_learner, save
from smedx.ui.messages import GREEN, GREY, RED

AFTER = N_("Your trainer will tell you your score after scoring the class. You may close the page.")
INTRO = N_(
    "Choose the form and the test, then answer. This measures learning; it is not an exam: "
    "no score is shown here, your trainer tells you the result after scoring the class. "
    "The items are designed by the kit; their numbers come from the report."
)


def _both(msgid: str, **values) -> KitError:
    """A KitError whose two languages both come from the catalogue."""
    zh, en = (_in(lang, msgid, **values) for lang in LANGS)
    return KitError(zh, en)


def _in(lang: str, msgid: str, **values) -> str:
    with using(lang):
        return _(msgid).format(**values)


def parse_number(text: str) -> float | None:
    """A typed number ('12.3', '12.3%', '１２．３', '-8,3'); None when empty; KitError if not one."""
    clean = text.strip().translate(str.maketrans("０１２３４５６７８９．－，", "0123456789.-,"))
    clean = clean.removesuffix("%").strip().replace(",", ".")
    if not clean:
        return None
    try:
        value = float(clean)
    except ValueError:
        raise KitError(f"不是数字：{text}", f"not a number: {text}") from None
    if not math.isfinite(value):
        raise KitError(f"不是有限的数字：{text}", f"not a finite number: {text}")
    return value


class QuizApp(w.VBox):
    """Setup (learner, class, form, test) → the form's items → saved answers file; the text in
    one language (``language`` holds it: the page's switch sets it, the answers stay)."""

    def __init__(self, folder: Path | str | None = None, lang: str | None = None):
        lang = lang or language()
        self.folder = folder
        self.lang = lang
        self.saved_path: Path | None = None
        self.language = w.ToggleButtons(
            options=[("中文", "zh"), ("English", "en")], value=lang, layout=w.Layout(width="auto")
        )
        self.learner = w.Text(value=default_learner(), layout=w.Layout(width="260px"))
        self.group = w.Text(layout=w.Layout(width="260px"))
        self.form = w.ToggleButtons(options=list(FORMS), value="A")
        self.phase = w.ToggleButtons(options=[(t.zh, k) for k, t in PHASES.items()], value="pre")
        self.start_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.submit_button = w.Button(button_style="success", layout=w.Layout(width="auto"))
        self.header = w.HTML()
        self.setup = w.VBox()
        self.questions = w.VBox()
        self.status = w.HTML()
        self.inputs: dict[str, w.Widget] = {}
        self.start_button.on_click(lambda _b: self.start())
        self.submit_button.on_click(lambda _b: self.submit())
        self.language.observe(lambda _c: self._relabel(), names="value")
        super().__init__([self.header, self.setup, self.questions, self.status])
        self.add_class("smedx-quiz")
        for name in ("language", "learner", "group", "form", "phase"):
            getattr(self, name).add_class(f"smedx-quiz-{name}")
        self.start_button.add_class("smedx-quiz-start")
        self.submit_button.add_class("smedx-quiz-submit")
        self._relabel()

    # --- text in one language ---------------------------------------------------------------

    def t(self, msgid: str, **values) -> str:
        """``msgid`` (English, marked with N_) in the page's language."""
        return _in(self.language.value, msgid, **values)

    def placeholder(self) -> str:
        with using(self.language.value):
            return pgettext("quiz", "a number")  # exercises say 一个数字; a field asks 填一个数字

    def pick(self, text) -> str:
        return text.en if self.language.value == "en" else text.zh

    def _row(self, label: str, widget: w.Widget) -> w.HBox:
        return w.HBox(
            [w.HTML(f"<b>{escape(label)}</b>", layout=w.Layout(width="150px")), widget],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )

    def _relabel(self) -> None:
        answers = self.answers() if self.inputs else {}
        self.header.value = (
            f"<h2 style='margin:4px 0'>{escape(self.t(N_('Pre- and post-test')))}</h2>"
            f"<div style='color:{GREY};max-width:900px'>{escape(self.t(INTRO))}</div>"
        )
        phase = self.phase.value  # new labels would reset the choice to the first
        self.phase.options = [(self.pick(text), key) for key, text in PHASES.items()]
        self.phase.value = phase
        self.start_button.description = self.t(N_("Start"))
        self.submit_button.description = self.t(N_("Submit answers"))
        self.setup.children = [
            self._row(self.t(N_("Learner ID")), self.learner),
            self._row(self.t(N_("Class (optional)")), self.group),
            self._row(self.t(N_("Form")), self.form),
            self._row(self.t(N_("Test")), self.phase),
            self.start_button,
        ]
        if self.inputs:
            self._show_items(keep=answers)

    # --- taking the test --------------------------------------------------------------------

    def items(self) -> tuple[QuizItem, ...]:
        return FORMS[self.form.value]

    def start(self) -> None:
        self.saved_path = None
        self.status.value = ""
        self._show_items(keep={})

    def _show_items(self, keep: dict) -> None:
        self.inputs = {}
        boxes = []
        for number, item in enumerate(self.items(), 1):
            head = (
                f"<div class='smedx-quiz-item' data-item='{item.id}' style='margin-top:12px'>"
                f"<b>{escape(self.t(N_('Item {i}'), i=number))}</b> "
                f"<span style='color:{GREY};font-size:90%'>"
                f"[{escape(self.pick(OBJECTIVES[item.objective]))}]</span><br>"
                f"{escape(self.pick(item.prompt))}</div>"
            )
            if item.kind == "choice":
                field = w.RadioButtons(
                    options=[(self.pick(o), o.key) for o in item.options],
                    value=keep.get(item.id),
                    layout=w.Layout(width="auto"),
                )
            else:
                field = w.Text(
                    value="" if keep.get(item.id) is None else str(keep[item.id]),
                    placeholder=self.placeholder(),
                    layout=w.Layout(width="200px"),
                )
            field.add_class(f"smedx-quiz-{item.id}")
            unit = w.HTML(escape(self.pick(item.unit)) if item.unit else "")
            self.inputs[item.id] = field
            boxes.append(w.VBox([w.HTML(head), w.HBox([field, unit])]))
        self.questions.children = [*boxes, self.submit_button]

    def answers(self) -> dict:
        """What is entered now (numbers as typed; empty and unset left out)."""
        out = {}
        for item_id, field in self.inputs.items():
            if isinstance(field, w.RadioButtons):
                if field.value is not None:
                    out[item_id] = field.value
            elif field.value.strip():
                out[item_id] = field.value
        return out

    def submit(self) -> Path | None:
        """Check and save the answers; a clear message and nothing saved on bad input."""
        try:
            if not self.learner.value.strip():
                raise _both(N_("Enter your learner ID first."))
            answers = {}
            for number, item in enumerate(self.items(), 1):
                raw = self.answers().get(item.id)
                if raw is None:
                    continue
                if item.kind == "number":
                    try:
                        raw = parse_number(raw)
                    except KitError:
                        raise _both(
                            N_("item {i} needs a number, got: {v}"), i=number, v=raw
                        ) from None
                answers[item.id] = raw
            result = QuizResult(
                self.learner.value.strip(),
                self.form.value,
                self.phase.value,
                answers,
                self.group.value.strip(),
            )
            path = save(result, self.folder)
        except KitError as err:
            self.status.value = f"<div class='smedx-error' style='color:{RED}'>⚠ {escape(err.message(self.language.value))}</div>"
            return None
        blank = len(self.items()) - len(answers)
        text = self.t(
            N_("✔ Saved your answers to {n} items in {path}"), n=len(answers), path=str(path)
        )
        if blank:
            text += self.t(N_(" ({k} left blank, counted as wrong)"), k=blank)
        self.status.value = (
            f"<div class='smedx-quiz-saved' data-path='{escape(str(path))}' "
            f"style='color:{GREEN}'>{escape(text)}<br>{escape(self.t(AFTER))}</div>"
        )
        self.saved_path = path
        return path


def app_page() -> w.VBox:
    """The app as the Voila page shows it (the page frame of the other apps, one language)."""
    quiz = QuizApp()
    box = w.VBox([quiz], layout=w.Layout(max_width="1340px", padding="0 8px"))
    box.add_class("smedx-app")
    box.add_class("smedx-app-quiz")
    box.component = quiz
    # the page's language switch relabels the quiz in place: started answers stay as they are
    box.relabel = lambda: setattr(quiz.language, "value", language())
    return box
