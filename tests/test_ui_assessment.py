"""The self-assessment form, driven as a learner would: set widget values, click, read back.

Every expectation is computed with the models (smedx.models.assessment / benchmark), so the
tests check that the form shows what the models say, in place, and keeps what the user entered.
"""

import json

import plotly.graph_objects as go
import pytest
from lang_check import english_words, has_han, html_texts, labels, stray_han

from smedx import exercises
from smedx.charts import ACCENT, MUTED
from smedx.exercises import AnswerStore
from smedx.i18n import using
from smedx.models.assessment import assess, questionnaire
from smedx.models.benchmark import benchmark
from smedx.models.common import STAGE_ORDER, CompanyProfile
from smedx.ui.assessment import QUESTION_ID, AssessmentForm, parse_number, saved_assessment

ITEMS = questionnaire().items
ALL_C = {it.id: "c" for it in ITEMS}  # 40 points: local_build (see the model's docstring)
ALL_D = {it.id: "d" for it in ITEMS}


@pytest.fixture
def form(tmp_path):
    return AssessmentForm(AnswerStore("m02", tmp_path))


def highlighted(fig: go.FigureWidget) -> list[str]:
    bar = fig.data[0]
    return [k for k, c in zip(bar.customdata, bar.marker.color, strict=True) if c == ACCENT]


def test_a_new_form_is_empty_and_waits_for_answers(form):
    assert form.result is None and form.benchmark is None
    assert set(form.items) == {it.id for it in ITEMS}
    assert list(form.radar.data[0].r) == [0.0] * 5  # four dimensions, polygon closed
    assert highlighted(form.stage_chart) == [] and highlighted(form.investment_chart) == []
    assert form.tabs.titles[0].startswith("企业信息")
    assert len(form.tabs.children) == 1 + len(questionnaire().dimensions)


def test_complete_answers_give_the_models_result_and_charts(form):
    form.set_profile(industry="finance", size_band="101_300", investment_share="1.5")
    form.set_answers(ALL_C)
    profile = CompanyProfile("finance", "101_300", None, None, 1.5)
    expected = assess(ALL_C, profile)
    assert form.result == expected
    assert form.benchmark == benchmark(expected)
    # radar: percent of each dimension's maximum, polygon closed
    dims = questionnaire().dimensions
    percent = [round(100 * expected.dimensions[d.key].score / d.max_points, 1) for d in dims]
    assert list(form.radar.data[0].r) == [*percent, percent[0]]
    assert f"{expected.total}/{expected.max_total}" in form.radar.figure.layout.title.text
    # the company's stage and band are the highlighted bars
    assert highlighted(form.stage_chart) == [expected.stage]
    assert highlighted(form.investment_chart) == ["1_2"]
    assert MUTED in form.stage_chart.data[0].marker.color
    # text: stage, level, points per dimension, reason, gaps, peer statements with sources
    assert expected.stage_label_zh in form.summary.value
    assert expected.level_label_zh in form.summary.value
    for d in expected.dimensions.values():
        assert f"<b>{d.score}</b>/{d.max}" in form.summary.value
    assert expected.reasons[0].zh in form.summary.value
    for gap in expected.gaps:
        assert f"<b>{gap.item}</b>" in form.gaps.value
    for s in form.benchmark.statements:
        assert s.source_zh in form.peers.value
    assert "图 2.2.2，N=500" in form.peers.value and "图 2.1.1，N=494" in form.peers.value


def test_a_changed_answer_updates_the_same_figures_in_place(form):
    form.set_answers(ALL_C)
    radar, stage_chart = form.radar, form.stage_chart
    before = list(radar.data[0].r)
    form.items[ITEMS[0].id].value = "e"
    expected = assess({**ALL_C, ITEMS[0].id: "e"}, form.result.profile)
    assert form.result == expected
    assert form.radar is radar and form.stage_chart is stage_chart
    assert list(radar.data[0].r) != before
    dims = questionnaire().dimensions
    assert radar.data[0].r[0] == round(
        100 * expected.dimensions[dims[0].key].score / dims[0].max_points, 1
    )


def test_stage_highlight_follows_the_model_across_stages(form):
    form.set_answers(ALL_D)
    assert highlighted(form.stage_chart) == [assess(ALL_D).stage]
    form.set_answers({it.id: "e" for it in ITEMS})
    top = assess({it.id: "e" for it in ITEMS})
    assert top.stage == STAGE_ORDER[-1] and highlighted(form.stage_chart) == [top.stage]
    assert "没有下一阶段" in form.gaps.value
    form.set_answers({it.id: "a" for it in ITEMS})
    assert highlighted(form.stage_chart) == [STAGE_ORDER[0]]


def test_investment_above_the_top_band_highlights_nothing_and_says_so(form):
    form.set_answers(ALL_C)
    form.investment_share.value = "9"
    assert form.benchmark.investment_band is None and form.benchmark.investment_share == 9.0
    assert highlighted(form.investment_chart) == []
    assert "9%" in form.investment_chart.figure.layout.title.text


def test_bad_input_shows_the_message_in_one_language_and_keeps_what_was_typed(form, tmp_path):
    form.set_answers(ALL_C)
    assert form.result is not None
    form.investment_share.value = "abc"
    assert form.result is None
    assert "#b00020" in form.message.value
    with pytest.raises(exercises.KitError) as err:
        CompanyProfile(investment_share="abc")
    assert err.value.zh.split("：")[0] in form.message.value
    assert "investment share" not in form.message.value
    assert form.investment_share.value == "abc" and form.answers == ALL_C
    form.revenue.value = "-5"
    form.investment_share.value = "2"
    assert form.result is None and "营业收入" in form.message.value
    form.revenue.value = "5,000"  # thousands separators are fine
    assert form.result is not None and form.result.profile.revenue_10k_cny == 5000.0
    assert form.message.value == ""
    with using("en"):
        english = AssessmentForm(AnswerStore("m02", tmp_path / "en"))
        english.set_answers(ALL_C)
        english.investment_share.value = "abc"
    assert "investment share" in english.message.value and not has_han(english.message.value)


def test_the_form_shows_one_language_chinese_by_default_english_on_request(tmp_path):
    zh = AssessmentForm(AnswerStore("m02", tmp_path), autosave=False)
    zh.set_profile(industry="finance", enterprise_type="zjtx", investment_share="1.5")
    zh.set_answers(ALL_C)
    assert zh.industry.description == "行业" and zh.tabs.titles[0] == "企业信息"
    zh_texts = labels(zh) + html_texts(zh)
    assert not [t for t in zh_texts if english_words(t)]  # no "Industry", "Stage", "Reasons"
    assert "阶段：" in zh.summary.value and "同行对标" in zh.peers.value
    with using("en"):
        en = AssessmentForm(AnswerStore("m02", tmp_path), autosave=False)
        en.set_profile(industry="finance", enterprise_type="zjtx", investment_share="1.5")
        en.set_answers(ALL_C)
    assert en.industry.description == "Industry" and en.tabs.titles[0] == "Profile"
    assert not [t for t in labels(en) + html_texts(en) if stray_han(t)]
    assert "Stage: " in en.summary.value and "Peer benchmark" in en.peers.value
    assert en.result == zh.result  # the language changes the words, not the result


def test_incomplete_answers_list_what_is_missing(form):
    partial = dict(list(ALL_C.items())[:-2])
    form.set_answers(partial)
    missing = [it.id for it in ITEMS][-2:]
    assert form.result is None
    assert all(m in form.message.value for m in missing) and "#b00020" not in form.message.value
    form.assess_button.click()  # asking explicitly gives the model's message in red
    assert "#b00020" in form.message.value and "未作答" in form.message.value
    assert form.answers == partial


def test_answers_are_saved_and_survive_a_restart(tmp_path):
    first = AssessmentForm(AnswerStore("m02", tmp_path))
    first.set_profile(industry="retail", enterprise_type="zjtx", revenue_10k_cny=8000)
    first.set_answers(ALL_D)
    saved = AnswerStore("m02", tmp_path).get(QUESTION_ID)
    assert saved["answers"] == ALL_D
    assert saved["profile"]["industry"] == "retail" and saved["profile"]["revenue_10k_cny"] == 8000
    assert exercises.grade(QUESTION_ID, tmp_path).correct
    assert "✔" in first.saved_status.value

    again = AssessmentForm(AnswerStore("m02", tmp_path))  # a new kernel
    assert again.answers == ALL_D and again.revenue.value == "8000"
    assert again.enterprise_type.value == "zjtx"
    assert again.result == first.result
    assert saved_assessment(tmp_path) == first.result


def test_a_partial_form_is_saved_too_but_not_graded(tmp_path):
    form = AssessmentForm(AnswerStore("m02", tmp_path))
    form.items[ITEMS[0].id].value = "b"
    form.investment_share.value = "x"
    saved = AnswerStore("m02", tmp_path).get(QUESTION_ID)
    assert saved == {
        "answers": {ITEMS[0].id: "b"},
        "profile": {
            "industry": "other",
            "size_band": None,
            "enterprise_type": None,
            "revenue_10k_cny": None,
            "investment_share": "x",
        },
    }
    assert not exercises.grade(QUESTION_ID, tmp_path).correct
    reopened = AssessmentForm(AnswerStore("m02", tmp_path))
    assert reopened.investment_share.value == "x" and reopened.answers == {ITEMS[0].id: "b"}
    assert saved_assessment(tmp_path) is None


def test_a_saved_answer_that_no_longer_fits_is_ignored_not_fatal(tmp_path):
    store = AnswerStore("m02", tmp_path)
    store.put(QUESTION_ID, {"answers": {**ALL_C, ITEMS[0].id: "z"}, "profile": {"size_band": 7}})
    form = AssessmentForm(store)
    assert form.items[ITEMS[0].id].value is None and form.size_band.value is None
    assert form.result is None


def test_a_corrupt_answer_file_gives_a_message_not_a_traceback(tmp_path):
    (tmp_path / "answers_m02.json").write_text("{broken", encoding="utf-8")
    form = AssessmentForm(AnswerStore("m02", tmp_path), autosave=False)
    assert "无法读取" in form.message.value
    form.set_answers(ALL_C)  # still usable without saving
    assert form.result == assess(ALL_C, form.result.profile)


def test_enterprise_type_adds_the_srdi_comparison_and_its_caveat(form):
    form.set_answers(ALL_D)
    form.enterprise_type.value = "zjtx"
    topics = [s.topic for s in form.benchmark.statements]
    assert "enterprise_type_stage" in topics
    caveats = form.benchmark.statement("enterprise_type_stage").caveats
    assert caveats and caveats[0].zh.split("（")[0] in form.peers.value
    assert "图 2.4.2，N=500" in form.peers.value


def test_the_saved_file_is_plain_json_a_learner_can_read(tmp_path):
    form = AssessmentForm(AnswerStore("m02", tmp_path))
    form.set_answers(ALL_C)
    content = json.loads((tmp_path / "answers_m02.json").read_text(encoding="utf-8"))
    assert content[QUESTION_ID]["answer"]["answers"] == ALL_C


@pytest.mark.parametrize(
    "text,value",
    [("", None), ("  ", None), ("1.5", 1.5), ("1.5%", 1.5), ("8,000", 8000.0), ("abc", "abc")],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


# --- the chart builders (pure functions) -------------------------------------------------------


def test_report_charts_carry_their_source_line():
    from smedx.charts import assessment as ca

    for fig, figure_id in [
        (ca.stage_distribution("local_build"), "2.2.2"),
        (ca.investment_distribution("1_2", 1.5), "2.1.1"),
        (ca.segment_bars("2.1.3", "1_2", "industry"), "2.1.3"),
        (ca.gap_grid("2.2.3", "size_band", whole_figure="2.2.2"), "2.2.3"),
    ]:
        source = fig.layout.annotations[-1].text
        assert source.startswith("数据来源") and f"图 {figure_id}" in source
    assert (
        "N=500"
        in ca.gap_grid("2.2.3", "size_band", whole_figure="2.2.2").layout.annotations[-1].text
    )
    assert "不是报告数据" in ca.radar().layout.annotations[-1].text  # the kit's own scoring


def test_gap_grid_shows_given_values_and_marks_the_rest():
    from smedx import data
    from smedx.charts import assessment as ca

    fig = ca.gap_grid("2.2.3", "size_band", whole_figure="2.2.2")
    heat = fig.data[0]
    given = data.figure("2.2.3")
    cells = sum(v is not None for row in heat.z[1:] for v in row)
    assert cells == len(given)  # every value the report gives, and nothing else
    assert list(heat.z[0]) == [
        data.stat("2.2.2", k).value for k in STAGE_ORDER if k in set(data.figure("2.2.2")["key"])
    ]
    assert "未给出" in {t for row in heat.text for t in row}
    assert heat.y[0] == "全部样本"


def test_stage_chart_is_in_stage_order_with_one_highlight():
    from smedx.charts import assessment as ca

    fig = ca.stage_distribution("digital_foundation", lang="en")
    assert list(fig.data[0].customdata) == list(STAGE_ORDER)
    assert highlighted(fig) == ["digital_foundation"]
    assert "orange" in fig.layout.title.text


def test_programmatic_bad_values_show_a_message_instead_of_raising(form):
    form.set_answers({ITEMS[0].id: "z"})
    assert "#b00020" in form.message.value and "没有选项" in form.message.value
    form.set_answers({"NOPE": "a"})
    assert "不存在" in form.message.value
    form.set_profile(size_band="huge")
    assert "size_band 的值" in form.message.value and form.size_band.value is None
    assert form.answers == {}
