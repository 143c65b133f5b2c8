"""Module 02's exercises: expected answers re-derived here from the data by a second route,
checkers accept the example and reject typical mistakes, and every widget exercise can be
answered with widgets (the self-assessment with the AssessmentForm alone)."""

import math
import re

import pytest

from smedx import data, exercises
from smedx.exercises import AnswerStore, m02
from smedx.models.assessment import questionnaire
from smedx.ui.assessment import AssessmentForm
from smedx.ui.exercise import ExerciseWidget

QS = {q.id: q for q in exercises.questions("m02")}


def whole(figure_id: str):
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == ""]
    return {k: float(v) for k, v in zip(rows["key"], rows["value"], strict=True)}


def test_module_declares_widget_exercises():
    widgets = [q for q in QS.values() if q.kind != "text"]
    assert len(widgets) >= 2 and not any(q.graded for q in QS.values())
    assert all(
        q.kind in {"choice", "multi", "number", "ranking", "allocation", "form"} for q in widgets
    )
    assert all(q.id.startswith("m02.") and q.module == "m02" for q in QS.values())


@pytest.mark.parametrize("q", list(QS.values()), ids=list(QS))
def test_example_accepted_wrong_answers_rejected(q):
    assert q.check(q.example_answer).correct
    assert q.wrong_answers
    for answer in q.wrong_answers:
        result = q.check(answer)
        assert not result.correct and result.zh and result.en, (q.id, answer)


@pytest.mark.parametrize("q", list(QS.values()), ids=list(QS))
def test_hints_are_ordered_and_bilingual(q):
    assert 2 <= len(q.hints) <= 3
    assert all(h.zh and h.en for h in q.hints)
    assert q.solution.zh and q.solution.en and q.prompt.zh and q.prompt.en


def test_early_stage_share_is_the_sum_of_the_stages_before_the_foundation():
    values = whole("2.2.2")
    expected = values["not_started"] + values["single_point"] + values["local_build"]
    q = QS["m02.early_stage_share"]
    assert math.isclose(q.example_answer, expected, abs_tol=0.05)
    assert q.check(round(expected, 1)).correct
    # the report's "六成以上" counts two stages only: a typical mistake
    assert not q.check(values["single_point"] + values["local_build"]).correct


def test_plan_increase_is_the_four_increase_options():
    values = whole("2.1.2")
    increase = sum(v for k, v in values.items() if k.startswith("inc_"))
    q = QS["m02.plan_increase"]
    assert math.isclose(q.example_answer, increase, abs_tol=0.05)
    assert not q.check(increase + values["flat"]).correct


def test_band_3_5_numbers_follow_from_figure_2_1_1():
    band = data.stat("2.1.1", "3_5")
    firms = round(band.value * band.n / 100)
    reported = data.stat("2.3.1", "internal_mgmt", "3_5").value
    possible = [100 * j / firms for j in range(firms + 1)]
    assert all(abs(p - reported) > 0.05 for p in possible)  # the contradiction is real
    q = QS["m02.band_3_5"]
    assert f"约 {firms} 家" in {o.key: o for o in q.options}["few_firms"].zh
    assert q.check(["few_firms", "impossible"]).correct
    assert q.check(["few_firms"]).score == 0.5  # partial credit, no mistakes
    assert q.check(["few_firms", "causal"]).score == 0.0


def test_zjtx_statement_rests_on_figure_2_4_2():
    def advanced(segment):
        return sum(data.stat("2.4.2", k, segment).value for k in ("intelligent_ops", "innovation"))

    assert advanced("zjtx") > advanced("non_zjtx")
    q = QS["m02.zjtx_supported"]
    assert f"{round(advanced('zjtx'), 1)}%" in q.options[0].zh
    result = q.check("causes")
    assert not result.correct and "相关" in result.zh  # targeted feedback, not a generic one


def test_size_gap_is_still_a_gap_in_the_data():
    figure, segment, key = QS["m02.size_gap"].meta["requires_missing"]
    rows = data.figure(figure)
    assert not ((rows["segment_key"] == segment) & (rows["key"] == key)).any()
    assert m02.SMALL_FOUNDATION_GIVEN is False


def test_no_report_number_is_typed_into_the_prompts():
    # Every percentage in a prompt or option must be one the data holds (or derived from it).
    values = {round(v, 1) for v in data.values()["value"]}
    derived = {
        m02.EARLY_SHARE,
        m02.EARLY_TWO,
        m02.PLAN_INCREASE,
        m02.PLAN_INC_OR_FLAT,
        m02.ZJTX_HIGH_SUM,
        m02.NON_HIGH_SUM,
        *m02.BAND_POSSIBLE,
    }
    for q in QS.values():
        text = q.prompt.zh + "".join(o.zh for o in q.options)
        for number in re.findall(r"(\d+(?:\.\d+)?)%", text):
            if number in ("1", "2", "3", "5", "7", "80"):  # band edges and a quoted phrase
                continue
            assert round(float(number), 1) in values | derived, (q.id, number)


def test_self_assessment_is_answerable_with_the_form_alone(tmp_path):
    form = AssessmentForm(AnswerStore("m02", tmp_path))
    assert not exercises.grade("m02.self_assessment", tmp_path).correct  # nothing saved yet
    for item in questionnaire().items:
        form.items[item.id].value = item.options[1].id  # as a learner picks, one by one
    feedback = exercises.grade("m02.self_assessment", tmp_path)
    assert feedback.correct and feedback.score == 1.0
    assert form.result.stage_label_zh in feedback.zh


@pytest.mark.parametrize("junk", [None, "", 3.5, ["x"], {"x": "y"}, float("nan"), {"answers": 1}])
def test_self_assessment_checker_never_raises(junk):
    result = QS["m02.self_assessment"].check(junk)
    assert not result.correct and result.zh and result.en


@pytest.mark.parametrize(
    "q",
    [q for q in QS.values() if q.kind != "form"],
    ids=[q.id for q in QS.values() if q.kind != "form"],
)
def test_widget_exercises_work_in_the_exercise_widget(q, tmp_path):
    widget = ExerciseWidget(q, AnswerStore("m02", tmp_path))
    widget.set_answer(q.example_answer)
    assert widget.show_feedback().correct
    assert AnswerStore("m02", tmp_path).get(q.id) is not None


def test_band_3_5_teaches_the_row_column_hypothesis_not_a_wrong_count():
    """75% / 25% are exactly 3 and 1 of the band's ~4 firms, and 45.9% is 17 of the 2%-3% band's
    ~37: the old solution's "needs far more than 4 firms" was wrong reasoning."""
    solution = exercises.question("m02.band_3_5").solution
    assert "远多于" not in solution.zh and "far more than" not in solution.en
    assert "行百分比和列百分比" in solution.zh and "推测" in solution.zh
    assert "column percentage" in solution.en and "hypothesis" in solution.en
    for share in (m02.REV_BIG, m02.REV_SMALL):  # whole firms of the band
        assert (share * m02.BAND_FIRMS / 100).is_integer()
    assert round(100 * m02.NEXT_HITS / m02.NEXT_FIRMS, 1) == m02.BAND_MGMT
    assert f"{m02.NEXT_HITS}/{m02.NEXT_FIRMS}" in solution.zh
