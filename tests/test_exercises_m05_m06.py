"""Modules 05 and 06: expected answers follow the data and the models; checkers are robust."""

import itertools

import pytest

from smedx import data, derived
from smedx.exercises import m05, m06, questions
from smedx.models import genai
from smedx.models import plan as plan_model
from smedx.models.common import CompanyProfile

Q5 = {q.id: q for q in questions("m05")}
Q6 = {q.id: q for q in questions("m06")}


@pytest.mark.parametrize("q", [*Q5.values(), *Q6.values()], ids=[*Q5, *Q6])
def test_example_accepted_wrong_rejected_and_text_bilingual(q):
    assert q.check(q.example_answer).correct
    for answer in q.wrong_answers:
        feedback = q.check(answer)
        assert not feedback.correct and feedback.zh and feedback.en
    assert 2 <= len(q.hints) <= 3
    assert q.prompt.zh and q.prompt.en and q.solution.zh and q.solution.en


def test_each_module_has_widget_exercises():
    for qs in (Q5, Q6):
        assert len([q for q in qs.values() if q.kind != "text"]) >= 2
        assert not any(q.graded for q in qs.values())  # graded items live in trainer/items


def test_gap_follows_the_data():
    aware = data.stat("S3.2.1-genai", "aware").value
    frequent = data.stat("S3.2.1-genai", "frequent_use").value
    assert Q5["m05.gap"].check(aware - frequent).correct
    assert not Q5["m05.gap"].check(aware + frequent).correct


def test_404_is_the_aware_share_of_the_sample():
    n = int(data.figure_info("3.3.1.2")["n"])
    sample = int(data.fact("sample_firms")["value"])
    assert round(sample * data.stat("S3.2.1-genai", "aware").value / 100) == n
    assert str(n) in Q5["m05.base404"].prompt.zh


def test_quadrant_answer_is_the_models():
    folio = genai.prioritise(
        CompanyProfile(industry=m05.EXAMPLE["industry"]),
        m05.EXAMPLE["stage"],
        list(m05.QUADRANT_OPTIONS),
        data_readiness=m05.EXAMPLE["data_readiness"],
        skills=m05.EXAMPLE["skills"],
    )
    quick = sorted(i.key for i in folio.items if i.quadrant == "quick_win")
    assert Q5["m05.quadrant"].check(quick).correct


PROFILES = list(
    itertools.islice(
        itertools.product(
            ["retail", "healthcare", "it_services"],
            ["not_started", "local_build", "innovation"],
            ["none", "governed"],
            ["basic", "developer"],
        ),
        0,
        None,
        5,
    )
)


REASON = "每周例会多、纪要没人写，只在内部用、风险低，成效按每次省下的分钟数来衡量。"


@pytest.mark.parametrize("industry,stage,data_level,skills", PROFILES)
def test_my_pilots_accepts_any_pilots_with_reasons_and_shows_the_model_as_reference(
    industry, stage, data_level, skills
):
    """Issue 17 item 2: the old check refused every pilot off the model's shortlist."""
    folio = genai.prioritise(
        CompanyProfile(industry=industry),
        stage,
        data_readiness=data_level,
        skills=skills,
        shortlist_size=m05.MAX_PILOTS,
    )
    check = Q5["m05.my_pilots"].check
    short = [i.key for i in folio.shortlist]
    outside = [i.key for i in folio.items if i.key not in short]
    for pilots in (short, short[-1:], outside[:1], outside[-2:]):
        if not pilots:
            continue
        answer = m05.pilots_answer(industry, stage, data_level, skills, pilots, REASON)
        feedback = check(answer)
        assert feedback.correct and feedback.score == 1.0, pilots
        assert ("不在模型名单上" in feedback.zh) == bool(set(pilots) - set(short)), pilots
        assert all(folio.item(p).label_zh in feedback.zh for p in pilots)


def test_my_pilots_refuses_missing_reasons_pilots_or_inputs_with_a_message():
    check = Q5["m05.my_pilots"].check

    def answer(pilots, justification=REASON, skills="basic"):
        return m05.pilots_answer("media", "single_point", "none", skills, pilots, justification)

    for value, zh, en in (
        (answer(["ai_ppt"], justification=""), "理由", "reasons"),
        (answer(["ai_ppt"], justification="试一试"), "理由", "reasons"),
        (answer([]), "试点", "pilots"),
        (answer(["ai_ppt", "kb_qa", "doc_summary", "marketing_copy"]), "试点", "pilots"),
        (answer(["ai_ppt"], skills="wizard"), "技能", "skills"),
        (["industry:media", "pilot:ai_ppt"], "表单", "form"),
    ):
        feedback = check(value)
        assert not feedback.correct and feedback.score == 0.0, value
        assert zh in feedback.zh and en in feedback.en, feedback


def test_case_reading_rules():
    claim = derived.warehouse_claim()
    assert claim["cut_percent"] == round(
        100 * (claim["before"] - claim["after"]) / claim["before"], 1
    )
    assert Q6["m06.cut"].check(claim["cut_percent"]).correct
    assert not Q6["m06.cut"].check(50).correct  # the report's "about half"
    quantified = derived.quantified_cases()
    assert len(quantified) == 3 and len(data.cases()) == 6
    metrics = data.case_metrics()
    counts_only = set(metrics["case_id"]) - set(quantified)
    assert counts_only and all(
        metrics[metrics.case_id == c]["unit"].eq("count").all() for c in counts_only
    )
    assert all(role for role in data.cases()["lenovo_role_zh"])


def test_sme_recommendations_come_from_the_data():
    recs = data.recommendations()
    sme_titles = set(recs[(recs.stakeholder == "sme") & (recs.order > 0)]["title_zh"])
    q = Q6["m06.sme_recs"]
    chosen = [o.key for o in q.options if o.zh in sme_titles]
    assert len(chosen) == len(sme_titles) and q.check(chosen).correct


def test_budget_share_is_checked_through_the_plan_model():
    q = Q6["m06.budget_share"]
    share = 100 * m06.EXAMPLE_AMOUNT / m06.EXAMPLE_REVENUE
    plan = plan_model.build_plan(
        m06.EXAMPLE_ASSESSMENT, revenue_10k_cny=m06.EXAMPLE_REVENUE, budget_share=share
    )
    assert plan.budget.amount_10k_cny == pytest.approx(m06.EXAMPLE_AMOUNT)
    assert q.check(share).correct
    assert not q.check(share * 1.1).correct
    refused = q.check(-1.0)
    assert not refused.correct and "计划工具不接受" in refused.zh


def test_budget_exercises_name_the_plan_tools_box_in_each_language():
    """The prompts quote the label of PlanBuilder's share box, as each edition shows it."""
    from smedx.i18n import using
    from smedx.ui.plan import PlanBuilder

    for lang in ("zh", "en"):
        with using(lang):
            box = PlanBuilder().share.description
        for qid in ("m06.budget_share", "m06.my_plan"):
            assert box in Q6[qid].prompt.text(lang), (qid, lang, box)


def test_my_plan_consistency_and_integrity():
    q = Q6["m06.my_plan"]
    for amount, share in ((30.0, 1.0), (120.0, 4.0)):
        revenue = 100 * amount / share
        plan = plan_model.build_plan(
            m06.EXAMPLE_ASSESSMENT, revenue_10k_cny=revenue, budget_share=share
        )
        text = plan_model.plan_to_json(plan)
        assert q.check({"amount_10k_cny": amount, "plan_json": text}).correct
        assert not q.check({"amount_10k_cny": amount * 1.5, "plan_json": text}).correct
    broken = q.check({"amount_10k_cny": 30.0, "plan_json": "{"})
    assert not broken.correct and "无法打开" in broken.zh
