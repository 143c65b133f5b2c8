"""Scenario selection: worked examples by hand, invariants, kit tables, bad inputs."""

import csv
import json
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smedx import data
from smedx.errors import KitError
from smedx.models import scenarios
from smedx.models.common import (
    INDUSTRIES,
    INVESTMENT_BANDS,
    SCHEMA_VERSION,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
)
from smedx.models.scenarios import ScenarioRanking, rank_scenarios
from smedx.typography import spacing_errors

SCENARIOS = ["it_ops", "enterprise_mgmt", "collaboration", "manufacturing", "supply_chain", "rnd"]
GOALS = [
    "process_optimisation",
    "competitiveness",
    "customer_experience",
    "business_model_innovation",
    "market_responsiveness",
    "cost_reduction",
]
BANDS = list(INVESTMENT_BANDS)


def it_services_example() -> ScenarioRanking:
    return rank_scenarios(
        CompanyProfile("it_services"),
        "local_build",
        ["cost_reduction", "customer_experience"],
        "1_2",
    )


# ----------------------------------------------------------------------------- worked examples


def test_worked_example_it_services_local_build():
    ranking = it_services_example()
    it_ops = ranking.get("it_ops")
    points = {p.key: p.points for p in it_ops.parts}
    # By hand (weights 0.25 / 0.10 / 0.20 / 0.20 / 0.15 / 0.10, values in [0, 1], x 100):
    # prevalence: 52.2% plan IT ops in 2024            -> 0.522 x 25 = 13.05
    # momentum:   57.7 -> 52.2 = -5.5 points, cap 10   -> (0.5 - 5.5/20) x 10 = 0.225 x 10 = 2.25
    # industry:   68.6% of IT-service SMEs              -> 0.686 x 20 = 13.72
    # goals:      cost_reduction 2, customer_exp. 1     -> (1.5 / 3) x 20 = 10
    # stage:      local_build x it_ops = 2              -> (2 / 3) x 15 = 10
    # budget:     1_2 x tier 2 (it_ops) = 3             -> 1 x 10 = 10
    # total 59.02
    assert points == pytest.approx(
        {
            "prevalence": 13.05,
            "momentum": 2.25,
            "industry": 13.72,
            "goals": 10.0,
            "stage": 10.0,
            "budget": 10.0,
        }
    )
    assert it_ops.score == pytest.approx(59.02)
    assert it_ops.part("momentum").evidence == pytest.approx(-5.5)

    # collaboration: 0.401 x 25 = 10.025; 36.6 -> 40.1 = +3.5 -> 0.675 x 10 = 6.75;
    # no IT-services number: all SMEs' 40.1% stands in -> 0.401 x 20 = 8.02 (not 0);
    # goals 2 and 2 -> 2/3 x 20 = 13.333; stage 3 -> 15; budget tier 1 at 1_2 = 3 -> 10;
    # total 63.128333
    collaboration = ranking.get("collaboration")
    assert collaboration.score == pytest.approx(63.128333, abs=1e-6)
    assert collaboration.part("industry").points == pytest.approx(8.02)
    # R&D: no whole-sample share, so prevalence takes the average of the five scenarios the
    # report gives one for, (52.2 + 34.4 + 40.1 + 27.9 + 27.9) / 5 = 36.5% -> 9.125 (not 0);
    # no change computable -> 0.5 x 10 = 5; 48.6% of IT-service SMEs -> 9.72; goals 1 and 2
    # -> 10; stage 2 -> 10; budget 3 -> 10; total 53.845
    rnd = ranking.get("rnd")
    assert rnd.score == pytest.approx(53.845, abs=1e-6)
    assert rnd.part("prevalence").points == pytest.approx(9.125)
    assert ranking.keys() == [
        "collaboration",
        "it_ops",
        "enterprise_mgmt",
        "rnd",
        "supply_chain",
        "manufacturing",
    ]


def test_reasons_cite_figure_and_n_or_say_no_data():
    it_ops = it_services_example().get("it_ops")
    industry = [r for r in it_ops.reasons if "it_services" in r.source]
    assert industry and "68.6%" in industry[0].zh and "图 3.1.2.1" in industry[0].zh
    assert "N=494" in industry[0].zh and "Figure 3.1.2.1" in industry[0].en
    assert "year" in industry[0].en  # the report does not say which year
    rnd = it_services_example().get("rnd")
    assert any("no whole-sample share" in r.en for r in rnd.reasons)
    enterprise = it_services_example().get("enterprise_mgmt")
    assert any(
        "no number for Internet & IT services here" in r.en and "34.4%" in r.en
        for r in enterprise.reasons
    )
    for reason in it_ops.reasons:
        assert reason.zh and reason.en and reason.source


def test_manufacturing_sub_industry_falls_back_to_the_aggregate():
    ranking = rank_scenarios(
        CompanyProfile("discrete_manufacturing"), "digital_foundation", ["competitiveness"], "2_3"
    )
    production = ranking.get("manufacturing")
    # own number missing -> the report's 制造业 aggregate 40.6% -> 0.406 x 20 = 8.12
    assert production.part("industry").points == pytest.approx(8.12)
    assert any("aggregate" in r.en for r in production.reasons)
    # its own IT-ops number (58.0%) wins over the aggregate -> 0.58 x 20 = 11.6
    assert ranking.get("it_ops").part("industry").points == pytest.approx(11.6)
    # manufacturing: 27.9 x .25 = 6.975; 23.9 -> 27.9 = +4 -> 0.7 x 10 = 7; 8.12;
    # competitiveness 3 -> 20; digital_foundation 3 -> 15; 2_3 x tier 3 = 2 -> 6.667; = 63.7617
    assert production.score == pytest.approx(63.761667, abs=1e-6)
    assert ranking.keys()[0] == "manufacturing"


def test_no_number_in_the_report_is_never_scored_as_zero():
    """Education has no industry numbers: all SMEs' share stands in (or, where the report has
    none either, the average of the scenarios it gives), and the reason says so."""
    ranking = rank_scenarios(CompanyProfile("education"), "single_point", ["cost_reduction"], "lt1")
    for item in ranking.ranked:
        industry = item.part("industry")
        assert industry.points > 0, item.key
        text = " ".join(r.en for r in item.reasons)
        assert "stands in" in text or "takes the average" in text, item.key
    collaboration = ranking.get("collaboration")
    assert collaboration.part("industry").points == pytest.approx(0.401 * 20)
    rnd = ranking.get("rnd")  # neither an education nor a whole-sample number
    assert rnd.part("industry").points == pytest.approx(0.365 * 20)
    assert rnd.part("prevalence").points == pytest.approx(0.365 * 25)
    # a budget under 1% does not fit the heaviest tier (production): 0 points (kit design)
    assert ranking.get("manufacturing").part("budget").points == 0


def test_size_band_and_type_are_flagged_as_no_data():
    ranking = rank_scenarios(
        CompanyProfile("retail", size_band="101_300", enterprise_type="zjtx"),
        "local_build",
        ["market_responsiveness"],
        "3_5",
    )
    notes = " ".join(n.en for n in ranking.notes)
    assert "no scenario data by company size" in notes
    assert "no scenario data by enterprise type" in notes


# ----------------------------------------------------------------------------- serialisation


def test_to_dict_shape_and_lossless_round_trip():
    raw = it_services_example().to_dict()
    assert raw["kind"] == "scenarios" and raw["schema_version"] == SCHEMA_VERSION
    first = raw["ranked"][0]
    assert set(first) >= {"key", "label_zh", "label_en", "score", "parts", "reasons"}
    assert set(first["reasons"][0]) == {"zh", "en", "source"}
    text = json.dumps(raw, ensure_ascii=False)
    again = ScenarioRanking.from_dict(json.loads(text))
    assert again.to_dict() == raw
    assert again == ScenarioRanking.from_dict(raw)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["ranked"][0].__setitem__("score", 99.0), "does not match"),
        (lambda d: d["ranked"].reverse(), "does not match"),
        (lambda d: d.__setitem__("kind", "vendors"), "kind"),
        (lambda d: d.__setitem__("schema_version", SCHEMA_VERSION + 1), "schema version"),
        (lambda d: d["inputs"].pop("goals"), "inputs"),
        (lambda d: d["inputs"].__setitem__("stage", "innovation"), "does not match"),
    ],
)
def test_tampered_or_foreign_results_are_rejected(edit, message):
    raw = it_services_example().to_dict()
    edit(raw)
    with pytest.raises(KitError) as err:
        ScenarioRanking.from_dict(raw)
    assert message in err.value.en and err.value.zh


# ----------------------------------------------------------------------------- invariants

profiles = st.builds(
    CompanyProfile,
    industry=st.sampled_from(list(INDUSTRIES)),
    size_band=st.none() | st.sampled_from(list(SIZE_BANDS)),
    enterprise_type=st.none() | st.sampled_from(["zjtx", "non_zjtx"]),
)
inputs = st.tuples(
    profiles,
    st.sampled_from(STAGE_ORDER),
    st.lists(st.sampled_from(GOALS), min_size=1, max_size=6, unique=True),
    st.sampled_from(BANDS),
)


@settings(max_examples=60, deadline=None)
@given(inputs)
def test_scores_bounded_sorted_and_sum_of_parts(args):
    ranking = rank_scenarios(*args)
    assert sorted(ranking.keys()) == sorted(SCENARIOS)
    scores = [s.score for s in ranking.ranked]
    # best first; scores equal to 9 decimals are ties and keep the report's order
    assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:], strict=False))
    for item in ranking.ranked:
        assert 0 <= item.score <= 100
        assert item.score == pytest.approx(sum(p.points for p in item.parts))
        for part in item.parts:
            assert 0 <= part.value <= 1
            assert 0 <= part.points <= 100 * part.weight + 1e-9
    assert math.isclose(sum(p.weight for p in ranking.ranked[0].parts), 1.0)


@settings(max_examples=40, deadline=None)
@given(inputs)
def test_size_and_type_never_change_the_ranking(args):
    profile, stage, goals, band = args
    bare = CompanyProfile(profile.industry)
    assert rank_scenarios(profile, stage, goals, band).keys() == (
        rank_scenarios(bare, stage, goals, band).keys()
    )


@settings(max_examples=40, deadline=None)
@given(inputs)
def test_a_bigger_budget_never_lowers_a_score(args):
    profile, stage, goals, band = args
    here = rank_scenarios(profile, stage, goals, band)
    for bigger in BANDS[BANDS.index(band) + 1 :]:
        there = rank_scenarios(profile, stage, goals, bigger)
        for key in SCENARIOS:
            assert there.get(key).score >= here.get(key).score - 1e-9


@settings(max_examples=30, deadline=None)
@given(inputs)
def test_round_trip_for_any_input(args):
    raw = json.loads(json.dumps(rank_scenarios(*args).to_dict()))
    assert ScenarioRanking.from_dict(raw).to_dict() == raw


# ----------------------------------------------------------------------------- kit tables


def test_catalogues_follow_the_report_keys():
    assert list(scenarios.scenario_catalogue()) == SCENARIOS
    assert list(scenarios.goal_catalogue()) == GOALS
    assert set(scenarios.scenario_catalogue()) == set(data.figure("3.1.2.1")["key"])


@pytest.mark.parametrize(
    ("name", "row_key", "value_key", "rows"),
    [
        ("goal_scenario_affinity.csv", "goal", "affinity", GOALS),
        ("stage_scenario_fit.csv", "stage", "fit", list(STAGE_ORDER)),
    ],
)
def test_kit_tables_are_complete_labelled_and_in_range(name, row_key, value_key, rows):
    with data.kit_path(name).open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {(r[row_key], r["scenario"]) for r in table} == {(a, b) for a in rows for b in SCENARIOS}
    assert len(table) == len(rows) * len(SCENARIOS)
    for row in table:
        assert row[value_key] in {"0", "1", "2", "3"}
        assert row["designed_by"] == "kit" and row["basis"]
        assert all(row[k] for k in row if k.endswith(("_zh", "_en")))
        # basis_en: the kit's translation of the report quotes, section by section
        zh, en = scenarios.basis_parts(row["basis"]), scenarios.basis_parts(row["basis_en"])
        assert [s for s, _ in zh] == [s for s, _ in en], row
        assert [bool(q) for _, q in zh] == [bool(q) for _, q in en], row
        assert not HAN.search(row["basis_en"]), row


HAN = re.compile(r"[\u3400-\u9fff]")


def test_kit_reasons_show_one_language_with_the_report_quotes_in_chinese_only():
    """The goal and stage reasons: English quotes the kit's translation, Chinese the report's own
    words (in “…”) cited as 报告第 x 节 and spaced by the rule."""
    reasons = [
        r for s in it_services_example().ranked for r in s.reasons if r.source.startswith("kit")
    ]
    stage = next(r for r in reasons if STAGE_FIT in r.source)
    assert not [r.en for r in reasons if HAN.search(r.en)]
    assert "(kit design, based on §2.2 “local build-out: a digital strategy within" in stage.en
    assert "（课程设计，依据报告第 2.2 节“局部建设: 在研发、供应链" in stage.zh
    assert not [(r.zh, e) for r in reasons if (e := spacing_errors(r.zh))]
    assert "§" not in "".join(r.zh for r in reasons)


STAGE_FIT = "stage_scenario_fit.csv"


def test_model_weights_sum_to_one_and_every_band_and_scenario_is_covered():
    weights = scenarios.part_weights()
    assert list(weights) == list(scenarios.PARTS)
    assert sum(weights.values()) == pytest.approx(1.0)
    model = scenarios.design()
    assert set(model["tiers"]) == set(SCENARIOS) and set(model["budget"]) == set(BANDS)


# ----------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"profile": {"industry": "it_services"}}, "profile"),
        ({"stage": "expert"}, "stage"),
        ({"stage": None}, "stage"),
        ({"goals": []}, "goals"),
        ({"goals": "cost_reduction"}, "goals"),
        ({"goals": ["grow_fast"]}, "goal"),
        ({"goals": ["cost_reduction", "cost_reduction"]}, "goals"),
        ({"budget_band": "10_20"}, "budget band"),
        ({"budget_band": float("nan")}, "budget band"),
    ],
)
def test_bad_inputs_get_a_clear_bilingual_message(kwargs, field):
    args = {
        "profile": CompanyProfile("retail"),
        "stage": "local_build",
        "goals": ["cost_reduction"],
        "budget_band": "1_2",
        **kwargs,
    }
    with pytest.raises(KitError) as err:
        rank_scenarios(**args)
    assert err.value.zh.strip() and err.value.en.strip()
    assert err.value.field == field


def test_unknown_industry_is_refused_with_the_options():
    with pytest.raises(KitError) as err:
        CompanyProfile.from_dict({"industry": "mining"})
    assert "it_services" in err.value.en and err.value.zh
