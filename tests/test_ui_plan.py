"""The plan builder driven from Python: sources + inputs -> plan model -> charts, files in and out."""

import base64
import json
import re
from datetime import datetime

import pytest

from smedx import charts
from smedx.charts import plan as plan_charts
from smedx.exercises import AnswerStore, grade
from smedx.models import plan as plan_model
from smedx.models import registry
from smedx.models.assessment import Assessment
from smedx.ui.genai import GenAICanvas
from smedx.ui.plan import PlanBuilder, example_assessment

REVENUE, SHARE = 2000.0, 2.5


@pytest.fixture(autouse=True)
def empty_folder(tmp_path, monkeypatch):
    """No saved module-02 assessment and no answer files from other runs."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def example():
    return example_assessment().to_dict()


def expected(assessment, genai=None, **kw) -> plan_model.ActionPlan:
    args = dict(revenue_10k_cny=REVENUE, budget_share=SHARE, target_stage=None, horizon_months=12)
    args.update(kw)
    genai = None if genai is None else registry.parse("genai", genai)
    return plan_model.build_plan(
        registry.parse("assessment", assessment), None, None, genai, **args
    )


def upload(builder: PlanBuilder, name: str, text: str | bytes) -> None:
    content = text.encode("utf-8") if isinstance(text, str) else text
    builder.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2024, 1, 1),
        },
    )


def test_without_assessment_a_message_in_one_language_and_the_inputs_stay():
    from smedx.i18n import using

    b = PlanBuilder(revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert b.result is None
    assert "缺少阶段自评" in b.message.value and "No self-assessment" not in b.message.value
    assert (b.revenue.value, b.share.value) == (REVENUE, SHARE)
    assert "需先生成有效的计划" in b.download.value
    with using("en"):
        english = PlanBuilder(revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert "No self-assessment" in english.message.value
    assert "build a valid plan first" in english.download.value


def test_the_builder_shows_one_language_chinese_by_default_english_on_request(tmp_path):
    from lang_check import english_words, html_texts, labels, stray_han

    from smedx.i18n import using

    args = dict(revenue_10k_cny=REVENUE, budget_share=SHARE, example=True, exercise="m06.my_plan")
    zh = PlanBuilder(**args, store=AnswerStore("m06", tmp_path))
    zh.next_hint()
    assert zh.tabs.titles[-1] == "保存/打开" and zh.build_button.description == "生成计划"
    names = [v.name for v in zh.result.vendors]  # what users typed stays as typed
    assert not [t for t in labels(zh) + html_texts(zh) if english_words(t)]
    with using("en"):
        en = PlanBuilder(**args, store=AnswerStore("m06", tmp_path))
        en.next_hint()
    assert en.tabs.titles[-1] == "Save/Open" and en.build_button.description == "Build plan"
    assert en.target.options[0][0] == "auto: the next stage"
    texts = labels(en) + html_texts(en)
    for name in names:
        texts = [t.replace(name, "") for t in texts]
    assert not [t for t in texts if stray_han(t)]


def test_an_english_plan_names_the_example_vendors_in_english(example):
    """The stored plan keeps the vendors' Chinese names; the English page shows their English
    names (the example vendors are fictional firms with an English name in the kit's data)."""
    from lang_check import html_texts

    from smedx.i18n import using
    from smedx.models.vendors import example_vendors, score_vendors

    ranking = score_vendors(example_vendors())
    args = dict(vendors=ranking, revenue_10k_cny=REVENUE, budget_share=SHARE, example=True)
    zh = PlanBuilder(**args)
    with using("en"):
        en = PlanBuilder(**args)
    assert en.result == zh.result and en.result.vendors
    shown = "".join(html_texts(en))
    for vendor in en.result.vendors:
        assert vendor.name_en in shown and vendor.name not in shown


def test_example_assessment_builds_the_model_plan_and_its_charts(example):
    b = PlanBuilder(revenue_10k_cny=REVENUE, budget_share=SHARE)
    b.example_button.click()
    assert b.result == expected(example)
    assert "阶段自评（示例）" in b.sources_box.value
    fresh = plan_charts.timeline_traces(b.result)
    for trace, new in zip(b.timeline_figure.data, fresh, strict=True):
        assert list(trace.x) == new["x"] and list(trace.y) == new["y"]
        assert list(trace.base) == new["base"]
    budget_lane = b.timeline_figure.data[-1]
    assert list(budget_lane.text) == [f"{q.budget_10k_cny:g}" for q in b.result.timeline]
    colors = list(b.budget_figure.data[0].marker.color)
    assert colors.count(charts.ACCENT) == 1
    assert "2.1.1" in b.budget_figure.figure.layout.annotations[-1].text
    assert f"{REVENUE * SHARE / 100:g} 万元" in b.budget_figure.figure.layout.title.text
    assert [h.share for h in b.result.external_help] == list(b.help_figure.data[0].x)
    assert all(k.label_zh in b.kpis.value for k in b.result.kpis)


def test_input_changes_rebuild_and_update_figures_in_place(example):
    b = PlanBuilder(example_assessment(), revenue_10k_cny=REVENUE, budget_share=SHARE)
    timeline, budget = b.timeline_figure, b.budget_figure
    colors = list(budget.data[0].marker.color)
    b.share.value = 4.0
    assert b.result == expected(example, budget_share=4.0)
    assert b.timeline_figure is timeline and b.budget_figure is budget
    assert list(budget.data[0].marker.color) != colors
    assert list(timeline.data[-1].text) == [f"{q.budget_10k_cny:g}" for q in b.result.timeline]
    b.horizon.value = 6
    assert len(b.result.timeline) == 2 and list(timeline.figure.layout.xaxis.range) == [0, 6]
    b.target.value = "intelligent_ops"
    assert b.result.stage.target == "intelligent_ops"
    assert (
        "intelligent" in timeline.figure.layout.title.text
        or "智能运营" in timeline.figure.layout.title.text
    )


def test_bad_inputs_show_the_models_message_and_keep_the_inputs(example):
    b = PlanBuilder(example, revenue_10k_cny=REVENUE, budget_share=SHARE)
    b.share.value = 0
    assert b.result is None and "必须大于 0%" in b.message.value
    b.share.value = SHARE
    assert b.result is not None and b.message.value == ""
    b.target.value = "not_started"  # below the example's stage
    assert b.result is None and "低于当前阶段" in b.message.value
    assert b.target.value == "not_started" and b.revenue.value == REVENUE


def test_sources_from_components_results_and_dicts(example):
    canvas = GenAICanvas(stage=example["stage"])
    b = PlanBuilder(Assessment.from_dict(example), genai=canvas, revenue_10k_cny=REVENUE)
    b.share.value = SHARE
    assert b.result == expected(example, canvas.result.to_dict())
    assert [p.key for p in b.result.pilots] == [i.key for i in canvas.result.shortlist]
    canvas.industry.value = "media"
    b.build_button.click()  # re-reads the components
    assert b.result == expected(example, canvas.result.to_dict())


def test_download_round_trips_through_upload(example):
    b = PlanBuilder(example, revenue_10k_cny=REVENUE, budget_share=SHARE)
    original = b.result
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", b.download.value).group(1)
    text = base64.b64decode(payload).decode("utf-8")
    assert plan_model.plan_from_json(text) == original
    b.share.value = 1.0
    assert b.result != original
    upload(b, "plan.json", text)
    assert b.result == original
    assert b.upload.value == ()  # cleared, so the same file can be opened again
    assert (b.share.value, b.revenue.value) == (SHARE, REVENUE)
    assert "已打开行动计划" in b.file_message.value


@pytest.mark.parametrize(
    "name,content,zh",
    [
        ("tampered.json", "TAMPER", "校验和不符"),
        ("other.json", json.dumps({"kind": "something"}), "不是本课程工具保存的文件"),
        ("broken.json", "{not json", "不是有效的 JSON"),
        ("binary.json", b"\xff\xfe\x00", "UTF-8"),
    ],
)
def test_rejected_files_keep_the_current_plan(example, name, content, zh):
    b = PlanBuilder(example, revenue_10k_cny=REVENUE, budget_share=SHARE)
    current = b.result
    if content == "TAMPER":
        content = b.plan_json().replace(f'"share_percent": {SHARE}', '"share_percent": 9.9', 1)
    upload(b, name, content)
    assert b.result == current
    assert zh in b.file_message.value and name in b.file_message.value
    assert (b.share.value, b.revenue.value) == (SHARE, REVENUE)


def test_uploaded_result_of_another_tool_becomes_an_input(example):
    canvas = GenAICanvas(stage=example["stage"])
    b = PlanBuilder(example, revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert b.result.pilots == ()
    upload(b, "genai.json", json.dumps(canvas.result.to_dict(), ensure_ascii=False))
    assert [p.key for p in b.result.pilots] == [i.key for i in canvas.result.shortlist]
    broken = canvas.result.to_dict()
    broken["shortlist"] = [{"key": "x"}]
    upload(b, "bad_genai.json", json.dumps(broken))
    assert [p.key for p in b.result.pilots] == [i.key for i in canvas.result.shortlist]
    assert "bad_genai.json" in b.file_message.value


def test_the_exercise_checks_the_budget_against_the_amount(tmp_path, example):
    store = AnswerStore("m06", tmp_path)
    b = PlanBuilder(
        example,
        revenue_10k_cny=REVENUE,
        budget_share=SHARE,
        exercise="m06.my_plan",
        store=store,
    )
    b.amount.value = REVENUE * SHARE / 100
    assert b.save_exercise().correct
    assert grade("m06.my_plan", tmp_path).correct
    b.share.value = 3.0
    feedback = b.save_exercise()
    assert not feedback.correct and "2.50%" in feedback.zh
    assert not grade("m06.my_plan", tmp_path).correct
    assert b.next_hint() == 1 and b.next_hint() == 2
    b.reveal_solution()
    assert "参考答案" in b.solution.value
    reopened = PlanBuilder(example, exercise="m06.my_plan", store=AnswerStore("m06", tmp_path))
    assert reopened.amount.value == REVENUE * SHARE / 100


def test_saved_answers_of_modules_02_03_05_become_the_inputs(tmp_path):
    from smedx.exercises.m03 import EXAMPLE_PLAN, plan_answer
    from smedx.exercises.m05 import pilots_answer
    from smedx.models.assessment import questionnaire

    answers = {it.id: it.options[-1].id for it in questionnaire().items}
    AnswerStore("m02", tmp_path).put("m02.self_assessment", {"answers": answers, "profile": None})
    AnswerStore("m03", tmp_path).put(
        "m03.my_scenarios",
        plan_answer(
            EXAMPLE_PLAN["industry"],
            EXAMPLE_PLAN["stage"],
            EXAMPLE_PLAN["goals"],
            EXAMPLE_PLAN["budget_band"],
            [],
            "",
        ),
    )
    AnswerStore("m05", tmp_path).put(
        "m05.my_pilots", pilots_answer("media", "local_build", "organised", "basic", [], "")
    )
    b = PlanBuilder(example=True, revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert b.origins == {
        "assessment": "saved",
        "scenarios": "saved",
        "vendors": None,
        "genai": "saved",
    }
    assert b.result.stage.current == "innovation" and len(b.result.scenarios) == 3
    canvas = GenAICanvas.from_saved()
    assert (canvas.industry.value, canvas.stage.value) == ("media", "local_build")
    assert [p.key for p in b.result.pilots] == [i.key for i in canvas.result.shortlist]
    assert "（已保存）" in b.sources_box.value


def test_the_plan_takes_the_learners_own_picks_not_the_models(tmp_path):
    """Issue 17 item 2: picks outside the model's top three reach the action plan."""
    from smedx.exercises.m03 import EXAMPLE_PLAN, plan_answer, plan_ranking
    from smedx.exercises.m05 import model_pilots, pilots_answer

    scenarios = plan_answer(
        EXAMPLE_PLAN["industry"],
        EXAMPLE_PLAN["stage"],
        EXAMPLE_PLAN["goals"],
        EXAMPLE_PLAN["budget_band"],
        [],
        "我们的理由写在这里，至少二十个字，说明为什么这样选。",
    )
    last = plan_ranking(scenarios).keys()[-1]
    scenarios["picks"] = [last]
    AnswerStore("m03", tmp_path).put("m03.my_scenarios", scenarios)
    pilots = pilots_answer("media", "local_build", "organised", "basic", [], "")
    folio = model_pilots(pilots)
    shortlisted = [i.key for i in folio.shortlist]
    off_list = next(i.key for i in folio.items if i.key not in shortlisted)
    pilots["pilots"] = [off_list, shortlisted[0]]
    AnswerStore("m05", tmp_path).put("m05.my_pilots", pilots)
    b = PlanBuilder(example=True, revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert b.origins["scenarios"] == "saved" and b.origins["genai"] == "saved"
    assert [s.key for s in b.result.scenarios] == [last]
    assert [p.key for p in b.result.pilots] == [off_list, shortlisted[0]]
    canvas = GenAICanvas.from_saved()  # module 06 hands the plan this canvas
    plan = PlanBuilder(genai=canvas, example=True, revenue_10k_cny=REVENUE, budget_share=SHARE)
    assert plan.origins["genai"] == "argument"
    assert [p.key for p in plan.result.pilots] == [off_list, shortlisted[0]]
