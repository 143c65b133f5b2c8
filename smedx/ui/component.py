"""The base of the kit's forms: inputs in, one typed model result out.

The self-assessment, the scenario planner, the vendor chooser, the GenAI canvas and the plan
builder each recompute their model's result when an input changes. Apps and notebooks use only
this public surface, never a component's private members:

    component.result                  # the model's result for the current inputs, or None
    component.on_result(callback)     # callback(result) after every recompute (None: invalid)
    with component.batch():           # set several inputs, recompute once at the end
        component.stage.value = "..."
    with component.holding(): ...     # set inputs that describe a result shown as it is
    note = component.restore(session) # take a user's saved results (an app's Session)
    component.exercise                # the ExerciseWidget of the exercise it answers, or None

A subclass implements :meth:`update` (compute, keep the result in ``self._result``, redraw, save
an exercise answer) and, where an app restores it, :meth:`restore`; its input widgets call
:meth:`refresh` on change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from smedx.exercises import AnswerStore, question
from smedx.ui.exercise import ExerciseWidget

ResultCallback = Callable[[Any], None]


class Component(w.VBox):
    """A form with a typed result; see the module docstring for the surface apps use."""

    # class defaults, so a subclass may use them before ``super().__init__`` builds the box
    _result: Any = None
    _batch_depth: int = 0
    _listeners: tuple[ResultCallback, ...] = ()
    exercise: ExerciseWidget | None = None

    @property
    def result(self) -> Any:
        """The model's result for the current inputs, or None while they are invalid."""
        return self._result

    @property
    def quiet(self) -> bool:
        """True inside :meth:`batch`: input changes do not recompute yet."""
        return self._batch_depth > 0

    def on_result(self, callback: ResultCallback) -> None:
        """Call ``callback(result)`` after every recompute (not for each input of a batch)."""
        self._listeners = (*self._listeners, callback)

    @contextmanager
    def batch(self) -> Iterator[Component]:
        """Change several inputs quietly; recompute once when the outermost batch ends (not when
        the block raised)."""
        with self.holding():
            yield self
        self.refresh()

    @contextmanager
    def holding(self) -> Iterator[Component]:
        """Change inputs without recomputing, not even at the end: they describe a result that
        was not computed from them here (a stored plan being shown)."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1

    def refresh(self, _change: Any = None) -> None:
        """Recompute from the current inputs and tell the listeners (an input's observer)."""
        if self.quiet:
            return
        self.update()
        self.announce()

    def announce(self) -> None:
        """Tell the listeners the current result (after a recompute, or a result shown as it
        is)."""
        for callback in self._listeners:
            callback(self._result)

    def update(self) -> None:
        """Compute the result from the inputs, keep it in ``self._result`` and redraw."""
        raise NotImplementedError

    def restore(self, session: Any) -> str | None:
        """Set the inputs from a user's saved results; return a note for the user, or None when
        the session holds nothing for this component."""
        return None


def form_exercise(
    question_id: str, store: AnswerStore | None = None, *, practice: bool = True
) -> ExerciseWidget:
    """The exercise widget a form answers: the form itself is the answer, so the widget is not one
    of the option-list exercises a page's layout checks look for; without ``practice`` (a graded
    notebook) it saves and does not judge (no Check, Hint or Solution)."""
    q = question(question_id)
    widget = ExerciseWidget(q, store or AnswerStore(q.module))
    widget.remove_class("smedx-exercise")
    if not practice:
        for button in (widget.check_button, widget.hint_button, widget.solution_button):
            button.layout.display = "none"
    return widget
