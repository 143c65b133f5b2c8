"""The component base: a batch recomputes once, listeners hear every recompute, a failed batch
does not recompute, and the exercise scaffolding hides the judging buttons in a graded form."""

import ipywidgets as w
import pytest

from smedx.exercises import AnswerStore
from smedx.ui.component import Component, form_exercise


class Doubler(Component):
    def __init__(self):
        self.updates = 0
        self.number = w.IntText(value=1)
        self.number.observe(self.refresh, names="value")
        super().__init__([self.number])

    def update(self) -> None:
        self.updates += 1
        self._result = 2 * self.number.value


def test_an_input_change_recomputes_and_tells_the_listeners():
    doubler, heard = Doubler(), []
    doubler.on_result(heard.append)
    doubler.number.value = 4
    assert doubler.result == 8 and heard == [8]


def test_a_batch_recomputes_once_at_its_end():
    doubler, heard = Doubler(), []
    doubler.on_result(heard.append)
    with doubler.batch():
        with doubler.batch():  # nested: still one recompute, at the outermost end
            doubler.number.value = 2
            doubler.number.value = 3
        assert doubler.quiet and doubler.updates == 0
    assert not doubler.quiet
    assert (doubler.updates, heard, doubler.result) == (1, [6], 6)


def test_a_batch_that_raised_does_not_recompute():
    doubler = Doubler()
    with pytest.raises(ValueError), doubler.batch():
        doubler.number.value = 5
        raise ValueError("bad input")
    assert doubler.updates == 0 and not doubler.quiet


def test_form_exercise_without_practice_only_saves(tmp_path):
    widget = form_exercise("m03.my_scenarios", AnswerStore("m03", tmp_path), practice=False)
    hidden = [b.layout.display for b in (widget.check_button, widget.hint_button)]
    assert hidden == ["none", "none"]
    assert "smedx-exercise" not in widget._dom_classes
    shown = form_exercise("m03.my_scenarios", AnswerStore("m03", tmp_path))
    assert shown.check_button.layout.display is None


def test_holding_changes_inputs_without_recomputing_and_announce_tells_the_listeners():
    doubler, heard = Doubler(), []
    doubler.on_result(heard.append)
    with doubler.holding():
        doubler.number.value = 7
    assert (doubler.updates, heard, doubler.result) == (0, [], None)
    doubler._result = 99  # a result shown as it is (a stored plan), not computed here
    doubler.announce()
    assert heard == [99] and doubler.updates == 0
