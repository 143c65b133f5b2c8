"""Modules 03 and 04: expected answers come from the data and the models, checkers accept the
example answers and reject the typical mistakes, and the exercise widgets work with them."""

import pytest

from smedx import data
from smedx.exercises import AnswerStore, m03, m04, questions
from smedx.models import scenarios as planner
from smedx.models import vendors as vendor_model
from smedx.models.common import CompanyProfile
from smedx.ui.exercise import ExerciseWidget

QUESTIONS = questions("m03") + questions("m04")
IDS = [q.id for q in QUESTIONS]


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_example_accepted_and_mistakes_rejected(q):
    assert q.check(q.example_answer).correct
    assert q.wrong_answers
    for answer in q.wrong_answers:
        result = q.check(answer)
        assert not result.correct and result.score < 1 and result.zh and result.en


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_shape_and_text(q):
    assert q.module in ("m03", "m04") and q.id.startswith(q.module + ".")
    assert 2 <= len(q.hints) <= 3
    assert not q.graded  # practice: graded items live in trainer/items
    if q.kind in ("choice", "multi", "ranking", "allocation"):
        assert {o.key for o in q.options} >= set(
            q.example_answer if isinstance(q.example_answer, (list, dict)) else [q.example_answer]
        )


def test_each_module_has_at_least_two_widget_exercises():
    for module in ("m03", "m04"):
        widgets = [q for q in questions(module) if q.kind != "text"]
        assert len(widgets) >= 2


def test_biggest_drop_is_computed_from_the_report():
    rows = data.figure("3.1.2.1", segment_type="year")
    table = rows.pivot_table(index="key", columns="segment_key", values="value").dropna()
    change = table["2024"] - table["2023"]
    assert m03.BIGGEST_DROP.example_answer == change.idxmin()


def test_the_repeat_between_3211_and_3312_is_in_the_data():
    a = data.figure("3.2.1.1")
    a = sorted(a[~a["key"].str.startswith("unlabelled")]["value"])
    b = sorted(data.figure("3.3.1.2")["value"])
    assert a == b


def test_planner_case_answer_is_the_models_first():
    case = m03.CASE
    ranking = planner.rank_scenarios(
        CompanyProfile(industry=case["industry"]), case["stage"], case["goals"], case["budget_band"]
    )
    assert m03.PLANNER_CASE.example_answer == ranking.keys()[0]


REASON = "门店之间调货全靠打电话，常常断货，所以先做这个场景，它最能解决我们的问题。"


def _plan(picks, justification=REASON, **changes):
    inputs = {"industry": "retail", "stage": "single_point", "goals": ["cost_reduction"]}
    inputs.update({"budget_band": "lt1"}, **changes)
    return m03.plan_answer(
        inputs["industry"],
        inputs["stage"],
        inputs["goals"],
        inputs["budget_band"],
        picks,
        justification,
    )


def test_any_pick_with_reasons_is_accepted_and_the_ranking_is_only_a_reference():
    """Issue 17 item 2: the old check refused every pick outside the planner's top three."""
    ranking = planner.rank_scenarios(
        CompanyProfile(industry="retail"), "single_point", ["cost_reduction"], "lt1"
    )
    for position, key in enumerate(ranking.keys(), start=1):
        feedback = m03.MY_SCENARIOS.check(_plan([key]))
        assert feedback.correct and feedback.score == 1.0, key
        assert f"第 {position} 名" in feedback.zh and f"rank {position}" in feedback.en
        assert ranking.ranked[0].label_zh in feedback.zh  # the planner's top three, for reference
        assert ("不同之处" in feedback.zh) == (position > 3), key


def test_my_scenarios_refuses_missing_reasons_picks_or_inputs_with_a_message():
    check = m03.MY_SCENARIOS.check
    for answer, zh, en in (
        (_plan(["it_ops"], justification=""), "理由", "reasons"),
        (_plan(["it_ops"], justification="因为便宜"), "理由", "reasons"),
        (_plan([]), "场景", "scenarios"),
        (_plan(["it_ops", "rnd", "supply_chain", "manufacturing"]), "场景", "scenarios"),
        (_plan(["it_ops"], goals=[]), "目标", "goals"),
        (_plan(["it_ops"], budget_band="lots"), "预算", "budget"),
        (["industry:retail", "pick:it_ops"], "表单", "form"),
    ):
        feedback = check(answer)
        assert not feedback.correct and feedback.score == 0.0, answer
        assert zh in feedback.zh and en in feedback.en, feedback


def test_vendor_answers_come_from_the_model():
    examples = vendor_model.example_vendors()
    ws = vendor_model.score_vendors(examples)
    topsis = vendor_model.score_vendors(examples, None, "topsis")
    assert m04.DEFAULT_WINNER.example_answer == m04.KEYS[ws.winner.name]
    assert m04.TOPSIS_WINNER_Q.example_answer == m04.KEYS[topsis.winner.name]
    cost = next(s for s in ws.sensitivity if s.criterion == "cost_benefit")
    assert pytest.approx(100 * cost.upper) == m04.COST_UPPER
    assert m04.COST_WEIGHT_RISE.check(round(100 * cost.upper, 1)).correct
    assert not m04.COST_WEIGHT_RISE.check(100 * cost.upper + 1).correct


def test_after_sales_prompt_quotes_the_data():
    value = data.stat("S3.2.2.2-vendor-criteria", "after_sales").value
    assert f"{value:.1f}%" in m04.AFTER_SALES.prompt.zh


def test_weights_rules():
    check = m04.MY_WEIGHTS.check
    good = dict(m04.MY_WEIGHTS.example_answer)
    assert check(good).correct
    assert not check(good | {"security": 0, "need_match": 20}).correct
    assert not check(good | {"unknown": 5}).correct
    assert not check({k: 0 for k in good}).correct


def test_widgets_answer_and_check(tmp_path):
    store = AnswerStore("m04", tmp_path)
    widget = ExerciseWidget(m04.MY_WEIGHTS, store)
    widget.set_answer(m04.MY_WEIGHTS.example_answer)
    assert widget.show_feedback().correct
    assert store.get("m04.my_weights") == m04.MY_WEIGHTS.example_answer
    number = ExerciseWidget(m04.COST_WEIGHT_RISE, store)
    number.set_answer(m04.COST_WEIGHT_RISE.example_answer)
    assert number.show_feedback().correct
    plans = AnswerStore("m03", tmp_path)  # a form: the planner saves it, the widget checks it
    plans.put(m03.MY_SCENARIOS.id, m03.MY_SCENARIOS.example_answer)
    assert ExerciseWidget(m03.MY_SCENARIOS, plans).show_feedback().correct
