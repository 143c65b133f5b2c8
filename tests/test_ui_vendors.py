"""The vendor chooser driven from Python: weights, scores, method and vendors in; the model's
ranking, sensitivity and chart data out; bad input gives the bilingual message, nothing lost."""

import pytest
from lang_check import english_words, html_texts, labels, stray_han

from smedx.charts import vendors as charts
from smedx.exercises import AnswerStore
from smedx.i18n import using
from smedx.models import vendors as model
from smedx.ui.vendors import VendorChooser

N_CRITERIA = len(model.criteria())


@pytest.fixture(scope="module")
def examples():
    return model.example_vendors()


@pytest.fixture
def chooser():
    return VendorChooser()


def expected(chooser: VendorChooser) -> model.VendorRanking:
    # sliders left at the defaults rank with the default weights (and say so)
    at_defaults = chooser.result.weights_source == "default"
    weights = None if at_defaults else chooser.weights()
    return model.score_vendors(chooser.vendors(), weights, chooser.method.value)


def assert_charts_match(chooser: VendorChooser, ranking: model.VendorRanking) -> None:
    ranking_fig, sensitivity_fig = chooser.ranking_figure, chooser.sensitivity_figure
    assert len(ranking_fig.data) == N_CRITERIA + 2
    if ranking.method == "weighted_sum":
        for trace, criterion in zip(ranking_fig.data, model.criteria(), strict=False):
            assert trace.visible is True
            assert list(trace.x) == pytest.approx(
                [v.contributions[criterion.key] for v in ranking.ranked]
            )
        assert list(ranking_fig.data[-2].x) == pytest.approx([v.score for v in ranking.ranked])
        assert ranking_fig.data[-1].visible is False
    else:
        assert all(t.visible is False for t in ranking_fig.data[:-1])
        assert list(ranking_fig.data[-1].x) == pytest.approx([v.score for v in ranking.ranked])
    assert [
        y.split(". ", 1)[1] for y in ranking_fig.data[-2 if ranking.method != "topsis" else -1].y
    ] == ranking.names()
    bar, dots = sensitivity_fig.data
    assert list(bar.base) == pytest.approx([100 * s.lower for s in ranking.sensitivity])
    assert list(bar.x) == pytest.approx([100 * (s.upper - s.lower) for s in ranking.sensitivity])
    assert list(dots.x) == pytest.approx([100 * s.weight for s in ranking.sensitivity])
    assert ranking.winner.name in sensitivity_fig.figure.layout.title.text


def test_starts_with_the_fictional_examples_and_default_weights(chooser, examples):
    assert [c.name.value for c in chooser.columns] == [v.name for v in examples]
    default = model.score_vendors(examples)
    assert chooser.result.names() == default.names()
    assert chooser.result.weights == pytest.approx(default.weights)
    assert_charts_match(chooser, chooser.result)
    assert default.winner.name in chooser.why.value
    assert chooser.result.notes and "虚构" in chooser.why.value


def test_a_weight_slider_reranks_and_updates_both_charts_in_place(chooser):
    figures = chooser.ranking_figure, chooser.sensitivity_figure
    sensitivity = {s.criterion: s for s in chooser.result.sensitivity}["cost_benefit"]
    # Push cost-effectiveness beyond the bound where the model says the winner changes.
    target = sensitivity.upper + 0.05
    others = sum(v for k, v in chooser.weights().items() if k != "cost_benefit")
    chooser.weight_sliders["cost_benefit"].value = round(
        100 * target / (1 - target) * others / 100, 1
    )
    ranking = chooser.result
    assert (chooser.ranking_figure, chooser.sensitivity_figure) == figures
    assert ranking.weights["cost_benefit"] == pytest.approx(target, abs=0.01)
    assert ranking.winner.name == sensitivity.above
    assert ranking.to_dict() == expected(chooser).to_dict()
    assert_charts_match(chooser, ranking)
    share = chooser.weight_shares["cost_benefit"].value
    assert f"{100 * ranking.weights['cost_benefit']:.1f}%" in share


def test_a_score_change_reranks(chooser):
    last = chooser.columns[
        [c.name.value for c in chooser.columns].index(chooser.result.names()[-1])
    ]
    for dropdown in last.scores.values():
        dropdown.value = 5
    assert chooser.result.winner.name == last.name.value
    assert_charts_match(chooser, chooser.result)


def test_topsis_toggle_switches_the_chart(chooser):
    chooser.method.value = "topsis"
    ranking = chooser.result
    assert ranking.method == "topsis"
    assert ranking.to_dict() == expected(chooser).to_dict()
    assert_charts_match(chooser, ranking)
    assert "TOPSIS" in chooser.ranking_figure.figure.layout.title.text
    chooser.method.value = "weighted_sum"
    assert_charts_match(chooser, chooser.result)


def test_the_chooser_shows_one_language_chinese_by_default_english_on_request():
    zh = VendorChooser(weights_from="m04.my_weights")
    assert zh.add_button.description == "添加服务商" and zh.method.description == "方法"
    assert not [t for t in labels(zh) + html_texts(zh) if english_words(t)]
    with using("en"):
        en = VendorChooser(weights_from="m04.my_weights")
        en.add_vendor()
        en.remove_vendor(0)
        en.columns[0].name.value = ""  # the model's message, in English too
    assert en.add_button.description == "Add vendor" and en.columns[-1].name.value == "Candidate 5"
    assert "empty" in en.message.value
    # the example vendors' names are Chinese names of (fictional) firms; the rest is English
    names = {c.name.value for c in en.columns} | {v.name for v in model.example_vendors()}
    texts = labels(en) + html_texts(en)
    for name in names:
        texts = [t.replace(name, "") for t in texts]
    assert not [t for t in texts if stray_han(t)]


def test_an_english_page_shows_the_examples_english_names_and_the_same_result(examples):
    """Display only: the stored names stay the Chinese ones, so a language switch keeps the
    result; the name boxes, the ranking chart, its sensitivity title and the top choice show
    Example Cloud A (fictional) on an English page."""
    zh = VendorChooser()
    with using("en"):
        en = VendorChooser()
    assert [c.name.value for c in en.columns] == [v.name_en for v in examples]
    assert en.vendors() == zh.vendors() and en.result.to_dict() == zh.result.to_dict()
    winner = en.result.winner.vendor.name_en
    assert list(en.ranking_figure.data[-2].y)[0] == f"1. {winner}"
    assert winner in en.sensitivity_figure.figure.layout.title.text
    assert f"Top choice: {winner}" in en.why.value
    assert not [v.name for v in examples if v.name in en.why.value]  # the model's reasons too
    en.columns[0].name.value = "My vendor"  # a new name is the user's own, no longer an example
    assert en.vendors()[0]["name"] == "My vendor" and not en.vendors()[0]["fictional"]


def test_duplicate_name_shows_the_message_and_keeps_the_input(chooser):
    before = list(chooser.ranking_figure.data[0].x)
    typed = chooser.columns[0].name.value
    chooser.columns[1].name.value = typed
    assert chooser.result is None
    assert "服务商名称重复" in chooser.message.value
    assert chooser.columns[1].name.value == typed  # what the user typed stays
    assert list(chooser.ranking_figure.data[0].x) == before  # the last valid chart stays
    chooser.columns[1].name.value = "另一家 Another"
    assert chooser.result is not None and chooser.message.value == ""
    assert "另一家 Another" in chooser.result.names()


def test_empty_name_is_refused_with_a_message(chooser):
    chooser.columns[0].name.value = "  "
    assert chooser.result is None and "名称不能为空" in chooser.message.value


def test_all_weights_zero_keeps_the_sliders(chooser):
    for slider in chooser.weight_sliders.values():
        slider.value = 0
    assert chooser.result is None
    assert "权重不能全部为零" in chooser.message.value
    assert all(s.value == 0 for s in chooser.weight_sliders.values())
    chooser.reset_button.click()
    assert chooser.result is not None
    assert chooser.result.weights == pytest.approx(model.default_weights(), abs=1e-3)


def test_removing_every_vendor_then_adding_recovers(chooser):
    for _ in range(len(chooser.columns)):
        chooser.columns[0].remove_button.click()
    assert chooser.columns == [] and chooser.result is None
    assert "候选服务商列表为空" in chooser.message.value
    assert len(chooser.table.children) == 3 * (N_CRITERIA + 1)
    chooser.add_button.click()
    assert chooser.result is not None and len(chooser.result.ranked) == 1
    chooser.method.value = "topsis"  # TOPSIS needs two vendors
    assert chooser.result is None and "TOPSIS" in chooser.message.value
    chooser.add_vendor("第二家", {c.key: 4 for c in model.criteria()})
    assert chooser.result is not None and chooser.result.winner.name == "第二家"
    assert_charts_match(chooser, chooser.result)


def test_added_vendors_get_unique_names_and_are_not_marked_fictional(chooser):
    first, second = chooser.add_vendor(), chooser.add_vendor()
    assert first.name.value != second.name.value
    entries = {v["name"]: v for v in chooser.vendors()}
    assert entries[first.name.value]["fictional"] is False
    assert len(chooser.result.ranked) == 6
    assert len(chooser.table.children) == (3 + 6) * (N_CRITERIA + 1)


def test_loads_the_exercise_weights(tmp_path):
    store = AnswerStore("m04", tmp_path)
    chooser = VendorChooser(weights_from="m04.my_weights", store=store)
    assert chooser.load_exercise_weights() is False
    assert "还没有保存练习中的权重" in chooser.message.value
    weights = {c.key: 0 for c in model.criteria()} | {"cost_benefit": 60, "security": 40}
    store.put("m04.my_weights", weights)
    chooser.load_button.click()
    assert chooser.result.weights["cost_benefit"] == pytest.approx(0.6)
    assert chooser.weight_sliders["security"].value == pytest.approx(40)
    assert_charts_match(chooser, chooser.result)


def test_the_ranking_caption_says_whose_weights_it_uses(chooser):
    def caption() -> str:
        return chooser.ranking_figure.figure.layout.annotations[0].text

    assert chooser.result.weights_source == "default" and "默认权重" in caption()
    chooser.weight_sliders["cost_benefit"].value = 60
    assert chooser.result.weights_source == "custom"
    assert "默认权重" not in caption() and "使用者设定" in caption()
    assert "set by the user" in charts.weights_source("en", custom=True)
    chooser.reset_button.click()  # back to the defaults: the caption says so again
    assert chooser.result.weights_source == "default" and "默认权重" in caption()
