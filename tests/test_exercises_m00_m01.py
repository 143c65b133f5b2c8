"""Modules 00 and 01: every checker accepts its example and rejects typical mistakes, expected
answers follow the data, and the widgets (driven as a learner would) save and check answers."""

import ast
from pathlib import Path

import pytest

from smedx import data
from smedx.exercises import AnswerStore, grade, m00, m01, questions
from smedx.ui.exercise import ExerciseWidget

QUESTIONS = questions("m00") + questions("m01")
IDS = [q.id for q in QUESTIONS]


def test_modules_declare_their_exercises():
    assert len(questions("m00")) >= 2 and len(questions("m01")) >= 2
    assert not any(q.graded for q in QUESTIONS)  # graded items live in trainer/items
    assert all(q.id.startswith(q.module + ".") for q in QUESTIONS)


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_example_accepted_and_wrong_answers_rejected(q):
    assert q.check(q.example_answer).correct
    assert q.wrong_answers
    for answer in q.wrong_answers:
        result = q.check(answer)
        assert not result.correct and result.score < 1 and result.zh and result.en


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_two_or_three_ordered_hints_in_both_languages(q):
    assert 1 <= len(q.hints) <= 3
    assert all(h.zh and h.en for h in q.hints)


@pytest.mark.parametrize("path", ["m00.py", "m01.py"])
def test_no_report_number_is_typed_into_the_exercises(path):
    """Non-integer numeric literals (report values look like 58.5) must not appear in the source."""
    source = Path(m00.__file__).with_name(path).read_text(encoding="utf-8")
    report = set(data.values()["value"]) | set(data.facts()["value"])
    literals = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, float)
        and node.value != int(node.value)
    }
    assert not literals & report, literals & report


# --- expected answers follow the data -----------------------------------------------------------


def test_m00_answers_follow_figure_2_2_2():
    stages = data.figure("2.2.2")
    total = m00.STAGES_TOTAL
    assert total == pytest.approx(stages["value"].sum(), abs=0.05)
    single = data.stat("2.2.2", "single_point")
    q = questions("m00")[2]
    assert q.id == "m00.share_to_count"
    assert q.example_answer == round(single.n * single.value / 100)


def test_m00_n_gap_premise_matches_the_data():
    """The 'not started' firms account exactly for 500 - 494 (this course's inference)."""
    not_started = data.stat("2.2.2", "not_started")
    n500, n494 = int(data.figure_info("2.2.2")["n"]), int(data.figure_info("2.1.1")["n"])
    assert round(n500 * not_started.value / 100) == n500 - n494 == m00.N_GAP
    aware = data.stat("S3.2.1-genai", "aware").value
    assert round(n500 * aware / 100) == int(data.figure_info("3.3.1.2")["n"])


def test_m01_effect_order_and_weakest_follow_the_facts():
    shares = {
        "quality": data.fact("quality_clearly_above_share")["value"],
        "efficiency": data.fact("efficiency_clearly_above_share")["value"],
        "cost": data.fact("cost_clearly_below_share")["value"],
    }
    order = m01.EFFECT_ORDER
    assert order == sorted(shares, key=shares.get, reverse=True)
    assert m01.WEAKEST == "cost"  # the premise of m01.cost_expectation's right answer
    assert m01.BROAD_ORDER == m01.EFFECT_ORDER  # both readings agree: 质量 > 效率 > 成本
    assert "中国工业互联网研究院" in m01.EFFECT_SOURCE_ZH


def test_m01_smedi_gap_is_computed_not_the_reported_rise():
    gap = data.fact("smedi_2023")["value"] - data.fact("smedi_2022")["value"]
    q = next(q for q in questions("m01") if q.id == "m01.smedi_gap")
    assert q.example_answer == pytest.approx(gap)
    assert not q.check(data.fact("smedi_cumulative_rise_2023")["value"]).correct


def test_m01_goal_for_industry_is_the_industry_top_not_the_overall_top():
    rows = data.figure("S3.1.1-goals-by-industry")
    rows = rows[rows["segment_key"] == m01.PROFILE_INDUSTRY]
    top = rows.sort_values("value").iloc[-1]["key"]
    q = next(q for q in questions("m01") if q.id == "m01.goal_for_industry")
    assert q.example_answer == top
    overall = data.figure("S3.1.1-goals").sort_values("value").iloc[-1]["key"]
    assert overall != top and overall in q.wrong_answers
    assert "全部样本" in q.check(overall).zh  # targeted feedback for the typical mistake


def test_m01_kpi_rule():
    q = next(q for q in questions("m01") if q.id == "m01.kpi_weights")
    assert q.check({"quality": 34, "efficiency": 33, "cost": 33}).correct  # ties allowed
    assert q.check({"quality": 100, "efficiency": 0, "cost": 0}).correct
    over = q.check({"quality": 50, "efficiency": 50, "cost": 50})
    assert not over.correct and "100" in over.zh and "150" in over.zh
    heavy = q.check({"quality": 30, "efficiency": 20, "cost": 50})
    assert not heavy.correct and heavy.score == 0.5 and "本课程" in heavy.zh


# --- widgets, driven as a learner would ---------------------------------------------------------


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_widget_saves_and_checks_the_example_answer(q, tmp_path):
    store = AnswerStore(q.module, tmp_path)
    widget = ExerciseWidget(q, store)
    widget.set_answer(q.example_answer)
    assert widget.show_feedback().correct, (q.id, widget.answer)
    assert grade(q.id, tmp_path).correct  # the saved answer, checked again
    reopened = ExerciseWidget(q, AnswerStore(q.module, tmp_path))
    assert q.check(reopened.answer).correct


def test_widget_wrong_answer_shows_targeted_feedback(tmp_path):
    q = next(q for q in questions("m01") if q.id == "m01.cost_expectation")
    widget = ExerciseWidget(q, AnswerStore("m01", tmp_path))
    widget.set_answer("realistic")
    assert not widget.show_feedback().correct
    assert "平均水平及以下" in widget.feedback.value
    assert widget.next_hint() == 1 and widget.reveal_solution() is False
    assert widget.reveal_solution() is True and "中国工业互联网研究院" in widget.solution.value


def test_allocation_widget_sliders(tmp_path):
    q = next(q for q in questions("m01") if q.id == "m01.kpi_weights")
    widget = ExerciseWidget(q, AnswerStore("m01", tmp_path))
    sliders = dict(zip(q.option_keys(), widget._value_widgets(), strict=True))
    sliders["quality"].value, sliders["efficiency"].value, sliders["cost"].value = 20, 20, 60
    assert not widget.show_feedback().correct
    sliders["cost"].value, sliders["quality"].value = 20, 60
    assert widget.show_feedback().correct
    assert AnswerStore("m01", tmp_path).get("m01.kpi_weights") == {
        "quality": 60,
        "efficiency": 20,
        "cost": 20,
    }
