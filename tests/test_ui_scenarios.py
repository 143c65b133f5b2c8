"""The scenario planner driven from Python: inputs in, the model's ranking and chart data out;
bad input gives the bilingual message and keeps every input."""

import pytest
from lang_check import english_words, html_texts, labels, stray_han

from smedx.charts.scenarios import short_label
from smedx.exercises import AnswerStore, question
from smedx.i18n import using
from smedx.models import scenarios as model
from smedx.models.common import CompanyProfile
from smedx.ui.exercise import ExerciseWidget
from smedx.ui.scenarios import ScenarioPlanner


def expected(planner: ScenarioPlanner) -> model.ScenarioRanking:
    return model.rank_scenarios(
        CompanyProfile(
            industry=planner.industry.value,
            size_band=planner.size_band.value,
            enterprise_type=planner.enterprise_type.value,
        ),
        planner.stage.value,
        planner.chosen_goals(),
        planner.budget.value,
    )


def assert_chart_matches(planner: ScenarioPlanner, ranking: model.ScenarioRanking) -> None:
    fig = planner.figure
    assert len(fig.data) == len(model.PARTS) + 1
    for trace, key in zip(fig.data, model.PARTS, strict=False):
        assert list(trace.x) == pytest.approx([s.part(key).points for s in ranking.ranked])
        assert [name.split(". ", 1)[1] for name in trace.y] == [
            short_label(s.label_zh) for s in ranking.ranked
        ]
    assert list(fig.data[-1].x) == pytest.approx([s.score for s in ranking.ranked])


@pytest.fixture
def planner():
    return ScenarioPlanner()


def test_starts_with_a_valid_ranking_and_its_chart(planner):
    assert planner.result is not None and planner.message.value == ""
    assert planner.chosen_goals(), "a goal is preselected so the first view is not an error"
    assert planner.result.keys() == expected(planner).keys()
    assert_chart_matches(planner, planner.result)


def test_each_input_updates_model_and_chart_in_place(planner):
    figure = planner.figure
    before = list(figure.data[2].x)
    planner.industry.value = "professional_services"
    assert planner.figure is figure
    assert list(figure.data[2].x) != before  # the industry part changed
    planner.stage.value = "digital_foundation"
    planner.budget.value = "3_5"
    planner.goals["customer_experience"].value = True
    ranking = expected(planner)
    assert planner.result.to_dict() == ranking.to_dict()
    assert_chart_matches(planner, ranking)
    assert planner.explain.options[0][1] == ranking.keys()[0]


def test_reasons_name_their_source_and_follow_the_selection(planner):
    first, last = planner.result.keys()[0], planner.result.keys()[-1]
    assert planner.explain.value == first
    assert "3.1.2.1" in planner.reasons.value and "kit" in planner.reasons.value
    planner.explain.value = last
    assert planner.result.get(last).label_zh in planner.reasons.value


def test_size_and_type_add_the_models_notes(planner):
    planner.size_band.value = "le100"
    planner.enterprise_type.value = "zjtx"
    assert len(planner.result.notes) == 3
    assert "规模" in planner.notes.value and "企业类型" in planner.notes.value


def test_the_planner_shows_one_language_chinese_by_default_english_on_request(tmp_path):
    store = AnswerStore("m03", tmp_path)
    zh = ScenarioPlanner(exercise="m03.my_scenarios", store=store)
    # the exercise widget inside is tested with the exercises
    zh_texts = labels(zh, skip=(ExerciseWidget,)) + html_texts(zh, skip=(ExerciseWidget,))
    assert zh.industry.description == "行业" and "企业情况" in zh_texts[0] + "".join(zh_texts)
    assert not [t for t in zh_texts if english_words(t)]  # no "行业 Industry", no "Reasons"
    with using("en"):
        en = ScenarioPlanner(exercise="m03.my_scenarios", store=store)
        for box in en.goals.values():
            box.value = False  # a message from the model, in English too
    assert en.industry.description == "Industry" and en.stage.options[0][0] == "Not yet started"
    en_texts = labels(en, skip=(ExerciseWidget,)) + html_texts(en, skip=(ExerciseWidget,))
    assert not [t for t in en_texts if stray_han(t)]
    assert "Tick at least one goal" in en.message.value


def test_no_goal_shows_a_message_and_keeps_the_inputs(planner):
    planner.industry.value = "retail"
    chart_before = list(planner.figure.data[0].x)
    for box in planner.goals.values():
        box.value = False
    assert planner.result is None
    assert "至少勾选一项" in planner.message.value and "转型目标" in planner.message.value
    for key in planner.goals:  # the boxes' labels, not the model's internal keys
        assert key not in planner.message.value
    assert "Traceback" not in planner.message.value
    assert planner.industry.value == "retail"  # nothing the user entered is lost
    assert list(planner.figure.data[0].x) == chart_before  # kept for when a goal is ticked...
    hidden = (planner.figure, planner.explain, planner.reasons)
    assert all(part.layout.display == "none" for part in hidden)  # ...but not shown as current
    planner.goals["cost_reduction"].value = True
    assert planner.result is not None and planner.message.value == ""
    assert all(part.layout.display is None for part in hidden)


def test_exercise_mode_saves_a_structured_answer_and_survives_a_restart(tmp_path):
    store = AnswerStore("m03", tmp_path)
    planner = ScenarioPlanner(exercise="m03.my_scenarios", store=store)
    planner.industry.value = "retail"
    planner.stage.value = "single_point"
    planner.budget.value = "lt1"
    for key, box in planner.goals.items():
        box.value = key == "cost_reduction"
    saved = store.get("m03.my_scenarios")  # every change is saved, as one dict
    assert saved["industry"] == "retail" and saved["goals"] == ["cost_reduction"]
    assert not planner.exercise.show_feedback().correct  # no scenario picked yet

    bottom = planner.result.keys()[-1]  # the planner's last: still the learner's call
    planner.picks[bottom].value = True
    assert "理由" in planner.exercise.show_feedback().zh  # no reasons yet
    planner.justification.value = "我们的客户投诉都来自这里，规划器不知道这一点，所以先做它。"
    feedback = planner.exercise.show_feedback()
    assert feedback.correct and f"第 {len(planner.result.keys())} 名" in feedback.zh
    assert store.get("m03.my_scenarios")["picks"] == [bottom]

    reopened = ScenarioPlanner(exercise="m03.my_scenarios", store=AnswerStore("m03", tmp_path))
    assert reopened.industry.value == "retail" and reopened.budget.value == "lt1"
    assert reopened.chosen_goals() == ["cost_reduction"] and reopened.chosen_picks() == [bottom]
    assert reopened.justification.value == planner.justification.value
    assert reopened.result.keys() == planner.result.keys()


def test_a_graded_planner_has_no_reasons_box_and_no_check(tmp_path):
    planner = ScenarioPlanner(
        exercise="m03.my_scenarios",
        store=AnswerStore("m03", tmp_path),
        practice=False,
        justify=False,
    )
    assert planner.justification is None
    assert planner.exercise.check_button.layout.display == "none"
    planner.picks["it_ops"].value = True
    assert AnswerStore("m03", tmp_path).get("m03.my_scenarios")["picks"] == ["it_ops"]


def test_a_form_exercise_tells_the_learner_what_to_do_without_code_names(tmp_path):
    box = ExerciseWidget(question("m03.my_scenarios"), AnswerStore("m03", tmp_path))
    texts, todo = [], [box]
    while todo:
        widget = todo.pop()
        todo.extend(getattr(widget, "children", ()))
        texts.append(str(getattr(widget, "value", "")))
    shown = "".join(texts)
    assert "用上方的表单作答" in shown
    assert "smedx." not in shown and "ScenarioPlanner" not in shown
