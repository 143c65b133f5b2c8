"""The PolicyTimeline component driven from Python: filter, select, click, bad input."""

from html import escape

import pytest
from lang_check import english_words, html_texts, labels, stray_han

from smedx import data
from smedx.charts import context
from smedx.i18n import using
from smedx.ui.timeline import DIM, PolicyTimeline


@pytest.fixture
def timeline():
    return PolicyTimeline()


def sizes(tl) -> dict:
    return {
        pid: size
        for t in tl.figure.data
        for pid, size in zip(t.customdata, t.marker.size, strict=True)
    }


def test_starts_with_nothing_selected(timeline):
    assert timeline.result is None
    assert set(timeline.visible_pillars()) == {t.meta for t in timeline.figure.data}
    assert "选择一项政策" in timeline.details.value


def test_pillar_filter_dims_other_traces_and_filters_the_list(timeline):
    figure = timeline.figure
    timeline.pillar.value = "services"
    assert timeline.figure is figure  # updated in place
    assert timeline.visible_pillars() == ["services"]
    assert all(t.opacity == DIM for t in figure.data if t.meta != "services")
    listed = {v for _label, v in timeline.policy.options if v}
    frame = timeline.frame
    assert listed == set(frame[frame["pillar"] == "services"]["policy_id"])
    timeline.pillar.value = ""
    assert len(timeline.visible_pillars()) == len(figure.data)


def test_select_highlights_the_point_and_shows_the_report_text(timeline):
    target = "miit_2022_sme_digital_level_evaluation_indicators"
    timeline.select(target)
    assert timeline.result["policy_id"] == target
    expected = {
        pid: size
        for t in context.policy_timeline(highlight=target).data
        for pid, size in zip(t.customdata, t.marker.size, strict=True)
    }
    assert sizes(timeline) == expected
    row = timeline.frame.set_index("policy_id").loc[target]
    assert row["title_zh"] in timeline.details.value and row["doc_number"] in timeline.details.value
    assert "原文" in timeline.details.value


def test_undated_measure_is_explained_not_drawn(timeline):
    timeline.pillar.value = "local"
    assert "没有给出这一类措施的日期" in timeline.details.value
    timeline.select("shanghai_sme_innovation_fund")
    assert timeline.result["level"] == "local"
    assert "未注明日期" in timeline.details.value
    assert len(set(sizes(timeline).values())) == 1  # no point enlarged


def test_filter_that_hides_the_selection_clears_it(timeline):
    timeline.select("miit_2022_sme_dx_guide")
    timeline.pillar.value = "local"
    assert timeline.result is None
    timeline.select("miit_2022_sme_dx_guide")  # selecting a hidden one shows all again
    assert timeline.pillar.value == "" and timeline.result["policy_id"] == "miit_2022_sme_dx_guide"


def test_unknown_policy_gives_a_message_and_keeps_the_selection(timeline):
    timeline.select("miit_2022_sme_dx_guide")
    timeline.select("no_such_policy")
    assert "没有这项政策" in timeline.details.value
    assert "no such policy" not in timeline.details.value
    assert "color:#b00" in timeline.details.value
    assert timeline.policy.value == "miit_2022_sme_dx_guide"


def test_the_timeline_shows_one_language_chinese_by_default_english_on_request(timeline):
    timeline.select("miit_2022_sme_dx_guide")
    assert timeline.pillar.options[0][0] == "全部" and timeline.policy.description == "政策"
    assert not [t for t in labels(timeline) + html_texts(timeline) if english_words(t)]
    with using("en"):
        en = PolicyTimeline()
        en.select("miit_2022_sme_dx_guide")
    assert en.pillar.options[0][0] == "All" and en.policy.description == "Policy"
    assert "Quote (§" in en.details.value  # the report's words stay Chinese, in quotes
    note = data.translation_note(en.result["quote"], "en")  # followed by the kit's translation
    assert note and escape(note) in en.details.value
    number = en.result["doc_number"]  # an official document number keeps its Chinese form
    texts = [t.replace(number, "") for t in labels(en) + html_texts(en)]
    assert number and not [t for t in texts if stray_han(t)]


def test_year_only_date_is_flagged_in_the_card(timeline):
    timeline.select("gov_report_2024_ai_plus")
    assert timeline.result["year_only"] is True
    assert "未注明月份" in timeline.details.value
