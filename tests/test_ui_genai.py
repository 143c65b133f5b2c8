"""The GenAI canvas driven from Python: inputs -> model -> chart and shortlist, in place."""

import pytest
from lang_check import english_words, html_texts, labels, stray_han

from smedx import charts, data
from smedx.charts import genai as genai_charts
from smedx.exercises import AnswerStore
from smedx.i18n import using
from smedx.models import genai
from smedx.models.common import CompanyProfile
from smedx.ui.genai import GenAICanvas


@pytest.fixture(scope="module")
def canvas():
    return GenAICanvas()


def model_for(c: GenAICanvas, **kw) -> genai.GenAIPortfolio:
    selected = c.selected
    return genai.prioritise(
        CompanyProfile(industry=c.industry.value),
        c.stage.value,
        None if len(selected) == len(c.use_cases) else selected,
        data_readiness=c.data_readiness.value,
        skills=c.skills.value,
        shortlist_size=c.shortlist_size.value,
    )


def chart_keys(c: GenAICanvas) -> list[list[str]]:
    return [[row[-1] for row in (trace.customdata or ())] for trace in c.figure.data]


def assert_matches_model(c: GenAICanvas) -> None:
    folio = model_for(c)
    assert c.result == folio
    keys = chart_keys(c)
    for name, trace_keys in zip(genai.QUADRANT_ORDER, keys, strict=False):
        assert sorted(trace_keys) == sorted(i.key for i in folio.quadrant(name))
    assert keys[-1] == [i.key for i in folio.shortlist]
    assert list(c.figure.data[-1].text or ()) == [str(n + 1) for n in range(len(folio.shortlist))]
    for item in folio.shortlist:
        assert item.label_zh in c.shortlist_box.value


def test_initial_state_is_the_model_result(canvas):
    assert canvas.result is not None
    assert len(canvas.figure.data) == len(genai.QUADRANT_ORDER) + 1
    assert_matches_model(canvas)
    source = canvas.figure.figure.layout.annotations[-1].text
    assert data.source_line(genai.CHALLENGE_FIGURE) in source


def test_changing_inputs_updates_model_and_figure_in_place(canvas):
    figure = canvas.figure
    before = chart_keys(canvas)
    canvas.industry.value = "retail"
    canvas.stage.value = "local_build"
    assert canvas.figure is figure  # the same chart widget, redrawn
    assert_matches_model(canvas)
    canvas.data_readiness.value = "governed"
    canvas.skills.value = "developer"
    assert_matches_model(canvas)
    assert chart_keys(canvas) != before
    canvas.shortlist_size.value = 1
    assert len(canvas.result.shortlist) == 1 and len(canvas.figure.data[-1].x) == 1
    canvas.shortlist_size.value = 3


def test_points_sharing_a_position_are_spread_but_hover_keeps_exact_scores(canvas):
    for trace in canvas.figure.data[:-1]:
        for x, y, row in zip(trace.x, trace.y, trace.customdata, strict=True):
            item = canvas.result.item(row[-1])
            assert (row[1], row[2]) == (item.value, item.feasibility)
            assert abs(x - item.feasibility) <= genai_charts.SPREAD + 1e-9
            assert abs(y - item.value) <= genai_charts.SPREAD + 1e-9


def test_the_canvas_shows_one_language_chinese_by_default_english_on_request(tmp_path):
    from smedx.ui.exercise import ExerciseWidget  # tested with the exercises

    store = AnswerStore("m05", tmp_path)
    zh = GenAICanvas(exercise="m05.my_pilots", store=store)
    assert zh.industry.description == "行业" and zh.picker.get_title(0).startswith("选择用例")
    zh_texts = labels(zh, skip=(ExerciseWidget,)) + html_texts(zh, skip=(ExerciseWidget,))
    assert not [t for t in zh_texts if english_words(t)]
    with using("en"):
        en = GenAICanvas(exercise="m05.my_pilots", store=store)
    assert en.industry.description == "Industry" and en.select_all.description == "All"
    assert en.picker.get_title(0) == "Use cases (18/18 selected)"
    en_texts = labels(en, skip=(ExerciseWidget,)) + html_texts(en, skip=(ExerciseWidget,))
    # the report's words stay Chinese inside quotation marks (a quote with its translation)
    assert not [t for t in en_texts if stray_han(t)]
    assert "First pilots" in en.shortlist_box.value


def test_no_use_case_ticked_shows_a_message_and_keeps_inputs():
    c = GenAICanvas(stage="local_build")
    c.industry.value = "finance"
    c.select_none.click()
    assert c.result is None
    assert "至少勾选" in c.message.value and "Tick at least one" not in c.message.value
    with using("en"):
        english = GenAICanvas(stage="local_build")
        english.select_none.click()
    assert "Tick at least one" in english.message.value
    assert "Traceback" not in c.message.value
    assert c.industry.value == "finance" and c.stage.value == "local_build"
    assert c.selected == []
    c.use_cases["meeting_minutes"].value = True
    assert c.result is not None and c.message.value == ""
    assert [i.key for i in c.result.items] == ["meeting_minutes"]
    assert_matches_model(c)
    c.select_all.click()
    assert len(c.result.items) == len(genai.use_cases())


def test_selected_subset_and_details(canvas):
    canvas.set_selected(["customer_service", "marketing_copy", "kb_qa"])
    assert_matches_model(canvas)
    assert "3/" in canvas.picker.get_title(0)
    canvas.detail.value = "customer_service"
    item = canvas.result.item("customer_service")
    assert item.reasons[1].zh.split("“")[0] in canvas.detail_box.value
    canvas.set_selected(list(canvas.use_cases))


def test_public_facing_service_never_shortlisted_and_regulation_shown():
    c = GenAICanvas(stage="innovation", data_readiness="governed", skills="developer")
    assert "customer_service" not in [i.key for i in c.result.shortlist]
    assert "外部法规" in c.summary.value  # the filing note of the model, tagged as external


def test_exercise_saves_the_canvas_as_a_structured_answer_and_restores_it(tmp_path):
    store = AnswerStore("m05", tmp_path)
    c = GenAICanvas(exercise="m05.my_pilots", store=store)
    c.industry.value = "professional_services"
    c.data_readiness.value = "organised"
    c.skills.value = "advanced"
    saved = store.get("m05.my_pilots")
    assert saved["industry"] == "professional_services" and saved["pilots"] == []
    short = [i.key for i in c.result.shortlist]
    off_list = next(i.key for i in c.result.items if i.key not in short)
    c.pilots[short[0]].value = True
    c.pilots[off_list].value = True  # off the model's list: accepted with reasons
    c.justification.value = "客户资料都在共享盘里，先用它整理；名单外的那个是老板最想试的。"
    feedback = c.exercise.show_feedback()
    assert feedback.correct and "不在模型名单上" in feedback.zh
    assert set(store.get("m05.my_pilots")["pilots"]) == {short[0], off_list}
    reopened = GenAICanvas(exercise="m05.my_pilots", store=AnswerStore("m05", tmp_path))
    assert reopened.industry.value == "professional_services"
    assert reopened.data_readiness.value == "organised" and reopened.skills.value == "advanced"
    assert set(reopened.chosen_pilots()) == {short[0], off_list}
    assert reopened.justification.value == c.justification.value


def test_gap_chart_uses_the_report_numbers():
    fig = genai_charts.awareness_gap()
    aware = data.stat("S3.2.1-genai", "aware").value
    frequent = data.stat("S3.2.1-genai", "frequent_use").value
    assert list(fig.data[0].y) == [aware, frequent]
    assert f"{round(aware - frequent, 1):g}" in fig.layout.annotations[0].text
    assert fig.layout.annotations[-1].text == data.source_line("S3.2.1-genai")


def test_repeat_chart_shows_the_identical_values():
    fig = genai_charts.challenge_repeat("en")
    assert len(fig.data) == 2
    assert list(fig.data[0].x) == list(fig.data[1].x)
    assert "3.3.1.2" in fig.layout.annotations[-1].text
    assert "3.2.1.1" in fig.layout.annotations[-1].text


def test_quadrant_chart_in_english_and_palette():
    folio = genai.prioritise(CompanyProfile(), "single_point")
    fig = genai_charts.quadrant(folio, "en")
    assert fig.layout.xaxis.title.text == "feasibility"
    assert fig.data[0].marker.color in charts.PALETTE
