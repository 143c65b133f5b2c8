"""Action plan: worked examples, JSON files with a checksum, invariants, bad input."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedx.errors import KitError
from smedx.models import registry
from smedx.models.assessment import Assessment, Gap, assess, questionnaire
from smedx.models.common import INDUSTRIES, SCHEMA_VERSION, STAGE_ORDER, CompanyProfile
from smedx.models.genai import GenAIPortfolio, prioritise
from smedx.models.plan import (
    HORIZONS,
    INVESTMENT_OPTION_SHARE,
    MAX_PLAN_BYTES,
    PREREQUISITES,
    ActionPlan,
    build_plan,
    plan_from_json,
    plan_to_json,
)
from smedx.models.scenarios import ScenarioRanking, ScenarioScore, rank_scenarios
from smedx.models.vendors import VendorRanking, VendorScore, example_vendors, score_vendors

PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON_WHITESPACE = " \t\n\r"


# The plan takes the other models' result objects. These tests set the fields the plan reads by
# hand (on a real result, via dataclasses.replace), so the worked examples stay small.
BASE = assess({it.id: "b" for it in questionnaire().items})
RETAIL = CompanyProfile(industry="retail", size_band="le100")
GENAI = prioritise(RETAIL, "single_point", data_readiness="scattered", skills="basic")


def gap(item: str, current: str, needed: str, zh: str = "", en: str = "") -> Gap:
    return Gap(
        item=item,
        label_zh=zh or f"题目{item}",
        label_en=en or f"item {item}",
        current=current,
        needed=needed,
        current_text_zh="",
        current_text_en="",
        needed_text_zh="",
        needed_text_en="",
        points_gain=0,
        why="score",
    )


def assessment(
    stage: str = "single_point", gaps=(), profile: CompanyProfile | None = None
) -> Assessment:
    """An assessment with the fields that the plan reads set by hand."""
    return replace(BASE, stage=stage, level=1, total=31, gaps=tuple(gaps), profile=profile)


def scenario_ranking(rows: list[dict]) -> ScenarioRanking:
    ranked = [
        ScenarioScore(r["key"], r["label_zh"], r["label_en"], r["score"], (), ()) for r in rows
    ]
    return ScenarioRanking(ranked=tuple(ranked), inputs={}, notes=())


def vendor_ranking(rows: list[dict]) -> VendorRanking:
    model = example_vendors()[0]
    ranked = [
        VendorScore(
            name=r["name"],
            rank=i + 1,
            score=r["score"],
            input_index=i,
            vendor=replace(
                model,
                name=r["name"],
                name_en=r.get("name_en", ""),
                fictional=r.get("fictional", False),
            ),
            contributions={},
            gaps={},
            distances=None,
            why_zh="",
            why_en="",
        )
        for i, r in enumerate(rows)
    ]
    return VendorRanking("weighted_sum", {}, "default", tuple(ranked), (), ())


def portfolio(shortlist: list[dict]) -> GenAIPortfolio:
    """GENAI with a shortlist of pilots whose fields the plan reads are set by hand."""
    return replace(GENAI, shortlist=tuple(replace(GENAI.items[0], **row) for row in shortlist))


SCENARIOS = scenario_ranking(
    [
        {"key": "it_ops", "label_zh": "IT运维", "label_en": "IT operations", "score": 81.5},
        {"key": "collab", "label_zh": "协同办公", "label_en": "Collaboration", "score": 70},
        {"key": "mgmt", "label_zh": "企业管理", "label_en": "Management", "score": 64.25},
        {"key": "rnd", "label_zh": "研发", "label_en": "R&D", "score": 12},
    ]
)
VENDORS = vendor_ranking([
    {"name": "示例甲云（虚构）", "name_en": "Example Cloud A (fictional)", "fictional": True,
     "score": 72.0},
    {"name": "某本地服务商", "score": 65.5},
    {"name": "示例丙", "name_en": "Example C", "fictional": True, "score": 60.0},
    {"name": "示例丁", "score": 10.0},
])  # fmt: skip


def worked_plan() -> ActionPlan:
    gaps = [gap("O1", "a", "c"), gap("F4", "b", "d"), gap("M1", "b", "c"), gap("R1", "a", "b")]
    return build_plan(
        assessment("single_point", gaps, RETAIL),
        SCENARIOS,
        VENDORS,
        GENAI,
        revenue_10k_cny=5000,
        budget_share=1.5,
    )


def tasks_of(plan: ActionPlan, kind: str) -> list[tuple[int, str]]:
    return [(q.index, t.en) for q in plan.timeline for t in q.tasks if t.kind == kind]


def assert_bilingual(err: pytest.ExceptionInfo) -> None:
    assert err.value.zh.strip() and err.value.en.strip()
    assert err.value.zh != err.value.en


# ---------------------------------------------------------------- worked examples (by hand)


def test_worked_example_budget_against_the_report():
    budget = worked_plan().budget
    # 5000 万元 x 1.5% = 75 万元; four quarters of 18.75
    assert budget.amount_10k_cny == 75.0
    assert budget.per_quarter_10k_cny == (18.75, 18.75, 18.75, 18.75)
    # 1.5% is in the report's band 1%-2% (figure 2.1.1, N=494): 50.4% of SMEs there,
    # below: <1% = 40.3; above: 7.5 + 0.8 + 1.0 = 9.3
    assert budget.band == "1_2"
    assert (budget.peers_below, budget.peers_same, budget.peers_above) == (40.3, 50.4, 9.3)
    texts = [c.en for c in budget.comparisons]
    assert "50.4%" in texts[0] and "N=494" in texts[0] and "2.1.1" in texts[0]
    # reference points: above 0.27%, below 2% and below 4%
    assert [t.split(" (")[0] for t in texts[1:4]] == [
        "Your share of 1.5% is above 0.27%",
        "Your share of 1.5% is below 2%",
        "Your share of 1.5% is below 4%",
    ]
    # 5000 万元 is not above 1 亿元 (10000 万元): the report's "up to CNY 100m" group, 25% at 3-5%,
    # is a number the dataset flags as contradicting figure 2.1.1, so it is no peer figure.
    assert len(texts) == 4
    assert not any("25%" in c.en or "25%" in c.zh for c in budget.comparisons)


def test_worked_example_stage_and_choices():
    plan = worked_plan()
    assert (plan.stage.current, plan.stage.target) == ("single_point", "local_build")
    assert plan.stage.target_zh == "局部建设阶段"  # from the dataset's stage table
    assert [s.key for s in plan.scenarios] == ["it_ops", "collab", "mgmt"]  # top 3 of 4
    assert [v.name for v in plan.vendors] == ["示例甲云（虚构）", "某本地服务商", "示例丙"]
    assert [v.fictional for v in plan.vendors] == [True, False, True]
    assert [p.key for p in plan.pilots] == [s.key for s in GENAI.shortlist][:3]
    assert plan.profile == RETAIL
    # 30.2% of SMEs are at the target stage (figure 2.2.2, N=500)
    assert "30.2%" in plan.notes[0].zh and "N=500" in plan.notes[0].zh


def test_worked_example_timeline():
    plan = worked_plan()
    assert [(q.index, q.month_from, q.month_to) for q in plan.timeline] == [
        (1, 1, 3),
        (2, 4, 6),
        (3, 7, 9),
        (4, 10, 12),
    ]
    # quarters 1-3 do the work, quarter 4 reviews: gaps go to the least loaded quarter, and the
    # outcome (R1) only after the work that produces it
    assert [(g.item, g.quarter) for g in plan.gaps] == [("O1", 1), ("F4", 2), ("M1", 3), ("R1", 3)]
    # scenario i starts in quarter 2 + i, capped at the last working quarter (3)
    assert [q for q, _ in tasks_of(plan, "scenario")] == [2, 3, 3]
    # pilot i starts in quarter 1 + i and is reviewed one quarter later
    assert [q for q, _ in tasks_of(plan, "pilot_start")] == [1, 2, 3]
    assert [q for q, _ in tasks_of(plan, "pilot_review")] == [2, 3, 4]
    assert [q for q, _ in tasks_of(plan, "reassess")] == [4]
    assert [q for q, _ in tasks_of(plan, "baseline")] == [1]
    vendor_task = tasks_of(plan, "vendor")[0][1]
    assert "Example Cloud A (fictional)" in vendor_task and "示例丁" not in vendor_task
    # a fictional vendor without the word in its name is marked in both languages
    assert "Example C (fictional example)" in vendor_task
    assert any("示例丙（虚构示例）" in t.zh for q in plan.timeline for t in q.tasks)


def test_worked_example_kpis_and_help():
    plan = worked_plan()
    assert [k.category for k in plan.kpis] == [
        "competitiveness",
        "efficiency",
        "cost",
        "internal_mgmt",
    ]
    national = [k.evidence[0].zh.split("%")[0] for k in plan.kpis]
    assert national == ["46", "42.1", "35.6", "35.4"]  # figure 2.3.1, N=494
    band = [k.evidence[1].zh for k in plan.kpis]
    # the report has band 1%-2% values for efficiency 41.4, cost 36.1, internal mgmt 31.7 only
    assert "报告没有" in band[0]
    assert ["41.4%" in band[1], "36.1%" in band[2], "31.7%" in band[3]] == [True] * 3
    assert [h.key for h in plan.external_help] == [
        "training",
        "peer_leaders",
        "solution_recommendation",
        "tech_problems",
        "ongoing_support",
        "funding",
        "cooperation_platform",
    ]  # by the report's shares 52.0 > 45.1 > 41.7 > 36.0 > 35.8 > 33.0 > 32.4 (3.3.2.1)
    # training always; no platform advice (vendors given), no peers (target below the
    # digital foundation), no funding (share below 3%)
    assert [h.key for h in plan.external_help if h.recommended] == ["training"]
    assert plan.external_help[0].share == 52.0 and "N=494" in plan.external_help[0].source.zh


def test_quarters_share_the_rounding_and_add_up_exactly():
    plan = build_plan(assessment(), revenue_10k_cny=10, budget_share=1, horizon_months=12)
    # 10 x 1% = 0.10 a year, 0.025 a quarter; running totals 0.03, 0.05, 0.08, 0.10 (rounded)
    assert plan.budget.amount_10k_cny == 0.1
    assert plan.budget.per_quarter_10k_cny == (0.03, 0.02, 0.03, 0.02)
    assert len(plan.timeline) == 4


def test_a_longer_plan_keeps_the_quarterly_budget_and_adds_money():
    """Revenue x share is one year's budget: a 24-month plan must not halve each quarter."""
    one_year = build_plan(assessment(), revenue_10k_cny=5000, budget_share=1.5)
    two_years = build_plan(assessment(), revenue_10k_cny=5000, budget_share=1.5, horizon_months=24)
    assert one_year.budget.amount_10k_cny == 75.0
    assert two_years.budget.amount_10k_cny == 150.0
    assert set(two_years.budget.per_quarter_10k_cny) == {18.75}


def test_share_above_the_reports_bands_says_there_is_no_data():
    plan = build_plan(assessment(), revenue_10k_cny=1000, budget_share=8)
    budget = plan.budget
    assert budget.amount_10k_cny == 80.0
    assert budget.band is None and budget.peers_same is None and budget.peers_above is None
    assert budget.peers_below == 100.0  # 40.3 + 50.4 + 7.5 + 0.8 + 1.0
    assert "没有数据" in budget.comparisons[0].zh and "no data" in budget.comparisons[0].en
    assert all("报告没有" in k.evidence[1].zh for k in plan.kpis)
    # heavy spending: funding advice is recommended; no vendors: ask for recommendations
    assert {h.key for h in plan.external_help if h.recommended} == {
        "training",
        "funding",
        "solution_recommendation",
    }
    assert {n.en.split(":")[0] for n in plan.notes} >= {"This plan has no scenario ranking"}


def test_target_stage_choices():
    top = build_plan(assessment("innovation"), revenue_10k_cny=1000, budget_share=2)
    assert top.stage.target == "innovation"
    assert any("consolidates" in n.en for n in top.notes)
    leap = build_plan(
        assessment("single_point"),
        revenue_10k_cny=1000,
        budget_share=2,
        target_stage="intelligent_ops",
    )
    assert leap.stage.target == "intelligent_ops"
    assert any("3 stages" in n.en for n in leap.notes)
    # the target reaches the digital foundation or beyond: learn from the leaders
    assert "peer_leaders" in {h.key for h in leap.external_help if h.recommended}


def test_one_quarter_plan_holds_everything():
    plan = build_plan(
        assessment(gaps=[gap("O1", "a", "b")]),
        SCENARIOS,
        None,
        GENAI,
        revenue_10k_cny=1000,
        budget_share=1,
        horizon_months=3,
    )
    assert len(plan.timeline) == 1
    kinds = {t.kind for t in plan.timeline[0].tasks}
    assert {"scenario", "pilot_start", "pilot_review", "gap", "reassess"} <= kinds


def test_real_assessment_feeds_the_plan():
    from smedx.models.assessment import assess, questionnaire

    answers = {it.id: "b" for it in questionnaire().items}
    assessed = assess(answers, RETAIL)
    result = assessed.to_dict()
    plan = build_plan(assessed, revenue_10k_cny=3000, budget_share=1)
    assert plan.stage.current == result["stage"]
    assert [g.item for g in plan.gaps] == [g["item"] for g in result["gaps"]]
    first = result["gaps"][0]
    assert plan.gaps[0].needed_text_zh == first["needed_text_zh"]
    assert any(first["needed_text_en"] in t.en for q in plan.timeline for t in q.tasks)


# ---------------------------------------------------------------- JSON files


def test_plan_file_round_trip_and_checksum_format():
    plan = worked_plan()
    text = plan_to_json(plan)
    assert plan_from_json(text) == plan
    assert plan_from_json(text.encode("utf-8")) == plan
    assert plan_from_json("\ufeff".encode() + text.encode("utf-8")) == plan
    doc = json.loads(text)
    assert (doc["kind"], doc["schema_version"]) == ("plan", SCHEMA_VERSION)
    content = {k: v for k, v in doc.items() if k != "integrity"}
    # documented: sha256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the content
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert doc["integrity"] == {
        "algorithm": "sha256",
        "digest": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    }
    assert ActionPlan.from_dict(plan.to_dict()) == plan


def refused(text, *needles: str) -> KitError:
    with pytest.raises(KitError) as err:
        plan_from_json(text)
    assert_bilingual(err)
    for needle in needles:
        assert needle in err.value.en
    return err.value


def resealed(doc: dict) -> str:
    """A hand edit that also recomputes the checksum (the checksum is not a signature)."""
    content = {k: v for k, v in doc.items() if k != "integrity"}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return json.dumps({**content, "integrity": {"algorithm": "sha256", "digest": digest}})


def test_hand_edited_plan_is_refused():
    doc = json.loads(plan_to_json(worked_plan()))
    doc["budget"]["amount_10k_cny"] = 7.5
    err = refused(json.dumps(doc, ensure_ascii=False), "checksum")
    assert err.field == "integrity"


def test_plan_from_another_version_is_refused():
    doc = json.loads(plan_to_json(worked_plan()))
    doc["schema_version"] = SCHEMA_VERSION + 1
    assert refused(resealed(doc), "schema version").field == "schema_version"


def test_resealed_but_invalid_content_is_still_refused():
    doc = json.loads(plan_to_json(worked_plan()))
    doc["stage"]["target"] = "expert"
    refused(resealed(doc), "stage")
    doc = json.loads(plan_to_json(worked_plan()))
    doc["stage"]["target"] = "not_started"  # below the current stage
    refused(resealed(doc), "below")
    doc = json.loads(plan_to_json(worked_plan()))
    doc["timeline"].pop()
    refused(resealed(doc), "horizon")
    doc = json.loads(plan_to_json(worked_plan()))
    doc["budget"]["amount_10k_cny"] = "lots"
    refused(resealed(doc), "budget.amount_10k_cny")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("hello", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('{"kind": "genai", "schema_version": 1}', "expected an action plan"),
        ('{"kind": "assessment"}', "kind must be 'plan'"),
        ('{"kind": "plan", "schema_version": 1}', "checksum"),
        ('{"kind": "plan", "schema_version": 1, "integrity": {"algorithm": "md5", '
         '"digest": "0"}}', "checksum"),
        ('{"kind": "plan", "kind": "plan"}', "repeats"),
        ('{"kind": "plan", "schema_version": NaN}', "invalid number"),
        (b"\xff\xfe{}", "UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "nested"),
        ('{"kind": "plan", "schema_version": 1, "x": "\\ud800", "integrity": {"algorithm": '
         '"sha256", "digest": "0"}}', "lone surrogate"),
        (12, "must be text"),
    ],
)  # fmt: skip
def test_not_a_plan_file_is_refused(text, needle):
    refused(text, needle)


def test_oversized_file_is_refused_before_parsing():
    refused(" " * MAX_PLAN_BYTES + "{}", "too large")
    # the limit counts bytes: 400,000 Chinese characters are 1.2 MB of UTF-8
    refused("中" * 400_000, "too large")


# ---------------------------------------------------------------- properties

labels = st.text(min_size=1, max_size=10)
profiles = st.none() | st.builds(
    lambda industry: CompanyProfile(industry=industry),
    st.sampled_from(sorted(INDUSTRIES)),
)
gaps = st.lists(
    st.builds(
        lambda item, zh, en, cur, need: gap(item, cur, need, zh, en),
        labels,
        labels,
        labels,
        st.sampled_from("abcde"),
        st.sampled_from("abcde"),
    ),
    max_size=6,
    unique_by=lambda gap: gap.item,  # an assessment names each item once
)
choices = st.builds(
    lambda key, zh, en, score: {"key": key, "label_zh": zh, "label_en": en, "score": score},
    labels,
    labels,
    labels,
    st.floats(0, 100),
)
scenario_results = st.none() | st.builds(
    scenario_ranking, st.lists(choices, min_size=1, max_size=5)
)
vendor_results = st.none() | st.builds(
    vendor_ranking,
    st.lists(
        st.builds(
            lambda name, fictional, score: {"name": name, "fictional": fictional, "score": score},
            labels.filter(str.strip),  # a vendor has a name
            st.booleans(),
            st.floats(0, 100),
        ),
        min_size=1,
        max_size=5,
    ),
)
pilots = st.builds(
    lambda key, zh, en, v, f, r: {
        "key": key,
        "label_zh": zh,
        "label_en": en,
        "value": v,
        "feasibility": f,
        "risk": r,
    },
    labels,
    labels,
    labels,
    st.floats(0, 100),
    st.floats(0, 100),
    st.floats(0, 100),
)
genai_results = st.none() | st.builds(portfolio, st.lists(pilots, max_size=4))


@st.composite
def plans(draw) -> ActionPlan:
    current = draw(st.sampled_from(STAGE_ORDER))
    higher = STAGE_ORDER[STAGE_ORDER.index(current) :]
    result = assessment(current, draw(gaps), draw(profiles))
    result = replace(result, level=draw(st.integers(0, 4)), total=draw(st.floats(0, 100)))
    return build_plan(
        result,
        draw(scenario_results),
        draw(vendor_results),
        draw(genai_results),
        revenue_10k_cny=draw(st.floats(0.01, 1e7)),
        budget_share=draw(st.floats(0.001, 100)),
        target_stage=draw(st.none() | st.sampled_from(higher)),
        horizon_months=draw(st.sampled_from(HORIZONS)),
    )


@PROPERTY
@given(plans())
def test_any_valid_plan_round_trips_losslessly(plan):
    assert plan_from_json(plan_to_json(plan)) == plan
    assert ActionPlan.from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


@PROPERTY
@given(plans())
def test_plan_invariants(plan):
    budget = plan.budget
    assert len(plan.timeline) == plan.horizon_months // 3
    assert math.isclose(sum(budget.per_quarter_10k_cny), budget.amount_10k_cny, abs_tol=1e-6)
    # The share is of each year's revenue, so a longer plan has more money, not thinner quarters.
    years = plan.horizon_months / 12
    yearly = budget.revenue_10k_cny * budget.share_percent / 100
    assert math.isclose(budget.amount_10k_cny, yearly * years, abs_tol=0.005)
    assert all(math.isclose(q, yearly / 4, abs_tol=0.011) for q in budget.per_quarter_10k_cny)
    assert STAGE_ORDER.index(plan.stage.target) >= STAGE_ORDER.index(plan.stage.current)
    assert len(plan.scenarios) <= 3 and len(plan.vendors) <= 3 and len(plan.pilots) <= 3
    if budget.band is not None:
        assert math.isclose(budget.peers_below + budget.peers_same + budget.peers_above, 100.0)
    assert all(1 <= g.quarter <= len(plan.timeline) for g in plan.gaps)
    assert "reassess" in {t.kind for t in plan.timeline[-1].tasks}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
def test_any_single_character_change_is_detected(plan, data):
    text = plan_to_json(plan)
    i = data.draw(st.integers(0, len(text) - 1))
    new = data.draw(
        st.sampled_from('0123456789abcdef"{}[],:.-eE \n\t中')
        | st.characters(exclude_categories=["Cs"])
    )
    if new == text[i]:
        return
    mutated = text[:i] + new + text[i + 1 :]
    try:
        loaded = plan_from_json(mutated)
    except KitError:
        return
    # Only spelling may change unnoticed: whitespace between tokens, or a number written another
    # way with the same value ("0.0" as "0E0"); never the plan itself.
    assert loaded == plan
    assert (text[i] in JSON_WHITESPACE and new in JSON_WHITESPACE) or new in "eE0123456789"


def test_every_sampled_visible_character_of_a_plan_file_is_guarded():
    """Deterministic sweep: every 7th non-whitespace character, replaced, is refused."""
    text = plan_to_json(build_plan(assessment(), revenue_10k_cny=1000, budget_share=1.5))
    positions = [i for i, ch in enumerate(text) if ch not in JSON_WHITESPACE][::7]
    assert len(positions) > 400
    for i in positions:
        new = "1" if text[i] != "1" else "2"
        with pytest.raises(KitError):
            plan_from_json(text[:i] + new + text[i + 1 :])


# ---------------------------------------------------------------- bad input


def build(**changes):
    args = {
        "assessment": assessment(),
        "scenarios": None,
        "vendors": None,
        "genai": None,
        "revenue_10k_cny": 1000,
        "budget_share": 1.5,
    } | changes
    return build_plan(
        args.pop("assessment"), args.pop("scenarios"), args.pop("vendors"), args.pop("genai"),
        **args,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"budget_share": float("nan")}, "finite"),
        ({"budget_share": -1.0}, "budget share"),
        ({"budget_share": 0}, "above 0%"),
        ({"budget_share": 101}, "budget share"),
        ({"budget_share": "2"}, "finite"),
        ({"budget_share": True}, "finite"),
        ({"budget_share": float("inf")}, "finite"),
        ({"revenue_10k_cny": -5}, "revenue"),
        ({"revenue_10k_cny": 0}, "above 0"),
        ({"revenue_10k_cny": float("nan")}, "finite"),
        ({"revenue_10k_cny": 1e12}, "revenue"),
        ({"target_stage": "expert"}, "target stage"),
        ({"assessment": assessment("local_build"), "target_stage": "single_point"}, "below"),
        ({"horizon_months": 0}, "horizon"),
        ({"horizon_months": 13}, "horizon"),
        ({"horizon_months": 12.0}, "horizon"),
        ({"horizon_months": True}, "horizon"),
        # build_plan takes result objects: a stored result is parsed where it enters the kit
        ({"assessment": "single_point"}, "Assessment"),
        ({"assessment": BASE.to_dict()}, "registry.parse"),
        ({"scenarios": {"kind": "scenarios"}}, "ScenarioRanking"),
        ({"vendors": {"kind": "vendors"}}, "VendorRanking"),
        ({"genai": GENAI.to_dict()}, "GenAIPortfolio"),
        ({"scenarios": scenario_ranking([{"key": "x", "label_zh": "甲", "label_en": "\ud800",
                                          "score": 1}])}, "invalid characters"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_bilingual_message(changes, needle):
    with pytest.raises(KitError) as err:
        build(**changes)
    assert_bilingual(err)
    assert needle in err.value.en


STORED = {
    "assessment": assess({it.id: "b" for it in questionnaire().items}, RETAIL).to_dict(),
    "scenarios": rank_scenarios(RETAIL, "single_point", ["competitiveness"], "1_2").to_dict(),
    "vendors": score_vendors(list(example_vendors())).to_dict(),
    "genai": GENAI.to_dict(),
}


def first_row(kind: str, **changes) -> dict:
    rows = "shortlist" if kind == "genai" else "ranked"
    return STORED[kind] | {rows: [STORED[kind][rows][0] | changes]}


@pytest.mark.parametrize(
    ("kind", "forged", "needle"),
    [
        ("assessment", "single_point", "JSON object"),
        ("assessment", STORED["assessment"] | {"kind": "plan"}, "expected an assessment"),
        ("assessment", STORED["assessment"] | {"schema_version": 2}, "schema version"),
        ("assessment", STORED["assessment"] | {"stage": "expert"}, "does not match its answers"),
        ("assessment", STORED["assessment"] | {"level": 7}, "level"),
        ("assessment", STORED["assessment"] | {"total": 150}, "total"),
        ("assessment", STORED["assessment"] | {"gaps": "O1"}, "gaps"),
        ("assessment", STORED["assessment"] | {"profile": {"industry": "mining"}}, "industry"),
        ("scenarios", STORED["scenarios"] | {"kind": "vendors"}, "scenario"),
        ("scenarios", STORED["scenarios"] | {"ranked": []}, "recomputation"),
        ("scenarios", first_row("scenarios", score=math.nan), "recomputation"),
        ("scenarios", first_row("scenarios", label_en="Cheap"), "recomputation"),
        ("vendors", first_row("vendors", fictional="yes"), "fictional"),
        ("vendors", first_row("vendors", name=""), "non-empty name"),
        ("vendors", first_row("vendors", score=99.0), "recomputation"),
        ("genai", STORED["genai"] | {"kind": "plan"}, "GenAI"),
        ("genai", {k: v for k, v in STORED["genai"].items() if k != "shortlist"}, "shortlist"),
        ("genai", STORED["genai"] | {"shortlist": STORED["genai"]["items"][-1:]}, "recomputation"),
    ],
)
def test_forged_results_are_refused_where_they_enter(kind, forged, needle):
    """The plan's inputs are parsed once at the border (session, CLI, upload), by their model."""
    with pytest.raises(KitError) as err:
        registry.parse(kind, forged)
    assert_bilingual(err)
    assert needle in err.value.en


def test_lower_target_message_names_both_stages():
    with pytest.raises(KitError) as err:
        build(assessment=assessment("digital_foundation"), target_stage="single_point")
    assert "数字底座建设阶段" in err.value.zh and "单点尝试阶段" in err.value.zh
    assert err.value.field == "target_stage"


def test_saving_something_else_is_refused():
    with pytest.raises(KitError):
        plan_to_json(worked_plan().to_dict())


# ---------------------------------------------------------------- order and money agree


QUESTIONNAIRE_ITEMS = [f"F{i}" for i in range(1, 6)] + [f"O{i}" for i in range(1, 7)]
QUESTIONNAIRE_ITEMS += [f"M{i}" for i in range(1, 6)] + [f"R{i}" for i in range(1, 5)]


def gap_tasks(plan) -> list[tuple[int, str]]:
    """(quarter, text) of each gap task in the order the timeline lists them."""
    return [(q.index, t.zh) for q in plan.timeline for t in q.tasks if t.kind == "gap"]


def test_dashboards_come_after_data_standards_and_the_data_platform():
    # The assessment lists the dashboards (M5) first; they need F3 and F4, F4 needs F3.
    gaps = [gap("M5", "b", "d"), gap("F4", "b", "c"), gap("F3", "a", "c"), gap("O2", "a", "b")]
    plan = build_plan(assessment(gaps=gaps), revenue_10k_cny=1000, budget_share=2)
    quarter = {g.item: g.quarter for g in plan.gaps}
    assert quarter["F3"] < quarter["F4"] < quarter["M5"]
    assert [g.item for g in plan.gaps] == ["M5", "F4", "F3", "O2"]  # listed as assessed


@PROPERTY
@given(
    st.lists(st.sampled_from(QUESTIONNAIRE_ITEMS), unique=True, max_size=12),
    st.sampled_from(HORIZONS),
)
def test_no_gap_is_scheduled_before_what_it_builds_on(items, horizon):
    plan = build_plan(
        assessment(gaps=[gap(i, "a", "b") for i in items]),
        revenue_10k_cny=1000,
        budget_share=2,
        horizon_months=horizon,
    )
    quarter = {g.item: g.quarter for g in plan.gaps}
    last_working = max(1, len(plan.timeline) - 1)
    needs = {i: [p for p in PREREQUISITES.get(i, ()) if p in quarter] for i in quarter}
    for item in quarter:
        if item.startswith("R"):
            needs[item] = [o for o in quarter if not o.startswith("R")]
        for before in needs[item]:
            assert quarter[before] <= quarter[item] <= last_working
            if quarter[before] < last_working:
                assert quarter[before] < quarter[item], (before, item, quarter)
    # Within a quarter, a prerequisite's task is listed before the task that needs it.
    order = [text for _q, text in gap_tasks(plan)]
    for item in set(quarter) - {"M4"}:  # the investment gap reads differently (next test)
        for before in set(needs[item]) - {"M4"}:
            assert order.index(f"补齐差距：题目{before}") < order.index(f"补齐差距：题目{item}")


@PROPERTY
@given(st.sampled_from("bcde"), st.floats(0.1, 9.9))
def test_the_investment_target_never_contradicts_the_budget(needed, share):
    plan = build_plan(
        assessment(gaps=[gap("M4", "a", needed)]), revenue_10k_cny=1000, budget_share=share
    )
    tasks = [(q.index, t) for q in plan.timeline for t in q.tasks]
    least = INVESTMENT_OPTION_SHARE[needed]
    decisions = [(q, t) for q, t in tasks if t.kind == "budget_decision"]
    if share >= least:
        assert not decisions
        assert any("已满足" in t.zh and "meets it" in t.en for _q, t in tasks)
    else:  # not "raise investment to X" inside a smaller budget: a decision, before anything else
        assert len(decisions) == 1 and decisions[0][0] == 1
        assert f"{least:g}%" in decisions[0][1].zh and f"{share:g}%" in decisions[0][1].en
        assert not any(t.kind == "gap" for _q, t in tasks)


def test_figures_the_dataset_flags_as_contradictory_are_never_peer_figures():
    from smedx.models.common import figure_rows

    flagged = [
        r
        for r in figure_rows("2.3.1") + figure_rows("2.1.4")
        if r["segment_key"] and ("ontradict" in str(r["notes"]) or "mplausible" in str(r["notes"]))
    ]
    assert flagged, "the dataset flags some peer rows; this test needs one"
    for revenue, share in ((5000, 4), (20000, 4), (5000, 1.5), (5000, 0.5), (5000, 2.5)):
        plan = build_plan(assessment(), revenue_10k_cny=revenue, budget_share=share)
        notes = list(plan.budget.comparisons) + [n for k in plan.kpis for n in k.evidence]
        for row in flagged:
            quoted = f"{float(row['value']):g}%"
            for note in notes:
                if row["segment_zh"] in note.zh or row["segment_en"].lower() in note.en.lower():
                    assert quoted not in note.zh, (row["figure_id"], row["key"], note.zh)
