"""Peer benchmark: worked examples by hand, every statement cited, explicit no-data, bad input."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smedx import data
from smedx.errors import KitError
from smedx.models.assessment import assess, questionnaire
from smedx.models.benchmark import Benchmark, _granularity_caveat, benchmark
from smedx.models.common import (
    ENTERPRISE_TYPES,
    INDUSTRIES,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
)

ITEMS = [it.id for it in questionnaire().items]


def topics(result: Benchmark) -> dict:
    return {s.topic: s for s in result.statements}


# ---- worked examples (figure 2.2.2, N=500: 1.2 / 32.4 / 30.2 / 21.6 / 11.4 / 3.2) -------------


@pytest.mark.parametrize(
    ("stage", "lower", "same", "higher"),
    [
        ("not_started", 0.0, 1.2, 98.8),  # 32.4+30.2+21.6+11.4+3.2
        ("local_build", 33.6, 30.2, 36.2),  # 1.2+32.4 | 21.6+11.4+3.2
        ("digital_foundation", 63.8, 21.6, 14.6),  # 1.2+32.4+30.2 | 11.4+3.2
        ("innovation", 96.8, 3.2, 0.0),
    ],
)
def test_share_of_the_sample_below_at_and_above_the_stage(stage, lower, same, higher):
    s = topics(benchmark(stage))["stage_distribution"]
    assert s.has_data and s.figure_id == "2.2.2" and s.n == 500
    assert s.values == {"lower": lower, "same": same, "higher": higher}
    assert f"{same:.1f}%" in s.text_zh and f"{higher:.1f}%" in s.text_en
    assert s.source_zh == "数据来源：《中国中小企业数字化转型报告 2024》图 2.2.2，N=500"


def test_size_band_reports_only_what_the_report_gives_and_names_the_rest():
    small = topics(benchmark("single_point", CompanyProfile(size_band="le100")))["size_band"]
    assert small.has_data and small.figure_id == "2.2.3" and small.n == 494
    assert small.values == {"single_point": 38.1}
    assert small.missing == ("not_started", "local_build", "digital_foundation",
                             "intelligent_ops", "innovation")  # fmt: skip
    assert "38.1%" in small.text_zh and "局部建设阶段" in small.text_zh
    assert "The share at your stage is 38.1%" in small.text_en

    mid = topics(benchmark("local_build", CompanyProfile(size_band="101_300")))["size_band"]
    assert mid.values == {"digital_foundation": 20.2, "intelligent_ops": 15.5}
    assert "local_build" in mid.missing
    assert "报告没有给出该规模段处于“局部建设阶段”的比例" in mid.text_zh


def test_investment_share_against_the_2023_distribution_and_reference_points():
    result = benchmark("local_build", CompanyProfile(investment_share=4.0))
    dist, ref = topics(result)["investment_distribution"], topics(result)["investment_reference"]
    # 4.0% is in 3%-5% (0.8%); below: 40.3+50.4+7.5 = 98.2; above: 1.0.
    assert (result.investment_band, result.investment_source) == ("3_5", "profile")
    assert dist.values == {"lower": 98.2, "same": 0.8, "higher": 1.0}
    assert dist.figure_id == "2.1.1" and dist.n == 494
    # Reference points come from facts.csv (0.27% / 2% / 4%): above, above, equal.
    assert ref.has_data and ref.figure_id == ""
    assert sorted(ref.values.values()) == [0.27, 2.0, 4.0]
    assert set(ref.values) <= set(data.facts()["fact_id"])
    assert ref.text_zh.count("高于") == 2 and "等于" in ref.text_zh
    assert "2.1" in ref.source_zh and "2.1" in ref.source_en


def test_band_from_the_questionnaire_when_the_profile_has_no_share():
    result = benchmark(assess({i: "a" for i in ITEMS}))  # M4 = a: below 1%
    dist, ref = topics(result)["investment_distribution"], topics(result)["investment_reference"]
    assert (result.investment_band, result.investment_source) == ("lt1", "answers")
    assert dist.values == {"lower": 0.0, "same": 40.3, "higher": 59.7}  # 50.4+7.5+0.8+1.0
    # Below 1% contains 0.27%: no verdict on that one; below 2% and 4%.
    assert "所在区间包含" in ref.text_zh and ref.text_zh.count("低于") == 2


def test_share_above_the_top_band():
    dist = topics(benchmark("innovation", CompanyProfile(investment_share=8)))[
        "investment_distribution"
    ]
    assert dist.values == {"lower": 100.0, "same": 0.0, "higher": 0.0}
    assert "5%（含）-7%" in dist.text_zh


def test_outcomes_at_the_same_investment_band():
    result = benchmark("local_build", CompanyProfile(investment_share=1.5))
    s = topics(result)["outcomes_by_investment"]
    assert s.has_data and s.figure_id == "2.3.1"
    assert s.values == {"efficiency": 41.4, "cost": 36.1, "internal_mgmt": 31.7}
    assert s.missing == ("competitiveness",)
    assert s.caveats == ()  # 249 firms: 41.4% = 103/249 is possible
    assert topics(result)["outcomes_overall"].values["competitiveness"] == 46.0


def test_no_outcome_data_for_a_band_is_said_not_guessed():
    for share in (0.5, 2.5):  # below 1% and 2%-3%: the report gives no outcome rows
        s = topics(benchmark("local_build", CompanyProfile(investment_share=share)))[
            "outcomes_by_investment"
        ]
        assert not s.has_data and s.values == {}
        assert "报告没有给出" in s.text_zh and "gives no outcome data" in s.text_en


def test_impossible_share_of_a_tiny_band_is_flagged():
    s = topics(benchmark("local_build", CompanyProfile(investment_share=4.0)))[
        "outcomes_by_investment"
    ]
    # 3%-5% is 0.8% of N=494, about 4 firms: 45.9% cannot be j/4.
    assert s.values == {"internal_mgmt": 45.9}
    assert len(s.caveats) == 1 and "4" in s.caveats[0].zh and "45.9%" in s.caveats[0].en
    assert _granularity_caveat(60.0, "5_7") is None  # 3 of about 5 firms
    assert _granularity_caveat(50.0, "3_5") is None  # 2 of about 4 firms
    assert _granularity_caveat(45.9, "3_5") is not None


def test_srdi_firms_compared_with_the_others():
    s = topics(benchmark("intelligent_ops", CompanyProfile(enterprise_type="zjtx")))
    stage = s["enterprise_type_stage"]
    assert stage.figure_id == "2.4.2" and stage.n == 500
    assert stage.values == {
        "zjtx.intelligent_ops": 13.8,
        "zjtx.innovation": 4.1,
        "non_zjtx.intelligent_ops": 12.1,
        "non_zjtx.innovation": 2.9,
    }
    assert "与你同阶段的比例为 13.8%" in stage.text_zh
    # Both types above the whole sample's 11.4% is impossible: flagged; 3.2 lies in [2.9, 4.1].
    assert len(stage.caveats) == 1 and "11.4%" in stage.caveats[0].zh
    invest = s["enterprise_type_investment"]
    assert invest.values == {"5_7": 2.5} and "1.0%" in invest.text_zh  # whole sample 5%-7%
    outcomes = s["enterprise_type_outcomes"]
    assert outcomes.values["zjtx.competitiveness"] == 51.2
    assert outcomes.values["non_zjtx.competitiveness"] == 44.2
    assert outcomes.n is None and "样本量" in outcomes.text_zh
    assert outcomes.caveats == ()  # 46.0 and 42.1 lie between the two groups


def test_non_srdi_firm_gets_an_explicit_no_data_on_spending():
    s = topics(benchmark("single_point", CompanyProfile(enterprise_type="non_zjtx")))
    assert not s["enterprise_type_investment"].has_data
    assert "非梯队企业" in s["enterprise_type_investment"].text_zh
    assert "报告没有给出非梯队企业处于“单点尝试阶段”的比例" in s["enterprise_type_stage"].text_zh


def test_industry_statements():
    s = topics(benchmark("local_build", CompanyProfile(industry="retail")))
    assert s["industry_investment"].values == {"1_2": 40.0}
    assert s["industry_investment"].n == 249
    assert not s["industry_stage"].has_data and "2.2" in s["industry_stage"].text_zh
    other = topics(benchmark("local_build", CompanyProfile(industry="other")))
    assert not other["industry_investment"].has_data


def test_without_a_profile_every_segment_says_no_input():
    s = topics(benchmark("local_build"))
    for topic in ("size_band", "industry_investment", "investment_distribution",
                  "outcomes_by_investment", "enterprise_type"):  # fmt: skip
        assert not s[topic].has_data, topic
        assert "未提供" in s[topic].text_zh and s[topic].text_en.startswith("No ")
    assert not s["investment_reference"].has_data
    assert s["stage_distribution"].has_data


def test_assessment_profile_is_used_and_an_explicit_profile_wins():
    answers = {i: "c" for i in ITEMS}  # M4 = c: 2%-3%
    result = assess(answers, CompanyProfile(size_band="le100"))
    assert benchmark(result).profile.size_band == "le100"
    assert benchmark(result).investment_band == "2_3"
    other = benchmark(result, CompanyProfile(size_band="301_500", investment_share=0.5))
    assert other.profile.size_band == "301_500"
    assert (other.investment_band, other.investment_source) == ("lt1", "profile")


# ---- every statement is cited -----------------------------------------------------------------

profile_st = st.builds(
    CompanyProfile,
    industry=st.sampled_from(list(INDUSTRIES)),
    size_band=st.none() | st.sampled_from(list(SIZE_BANDS)),
    enterprise_type=st.none() | st.sampled_from(list(ENTERPRISE_TYPES)),
    investment_share=st.none() | st.floats(min_value=0, max_value=12, allow_nan=False),
)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STAGE_ORDER), st.none() | profile_st)
def test_every_statement_is_cited_bounded_and_round_trips(stage, profile):
    result = benchmark(stage, profile)
    known = set(data.figure_ids())
    for s in result.statements:
        assert s.text_zh and s.text_en and s.source_zh and s.source_en
        assert s.figure_id in known or (s.figure_id == "" and "节" in s.source_zh)
        if s.figure_id:  # numbered figures cite the figure, prose groups their section
            info = data.figure_info(s.figure_id)
            assert s.n == info["n"] or s.n is None
            assert s.figure_id in s.source_zh or f"{info['section']} 节" in s.source_zh
        assert all(0 <= v <= 100 for v in s.values.values())
        if s.has_data:
            assert s.values
        if set(s.values) == {"lower", "same", "higher"}:
            assert abs(sum(s.values.values()) - 100) < 0.05
    assert Benchmark.from_dict(json.loads(json.dumps(result.to_dict()))) == result


# ---- serialisation and bad input --------------------------------------------------------------


def expect_error(call, *needles: str) -> KitError:
    with pytest.raises(KitError) as err:
        call()
    assert err.value.zh.strip() and err.value.en.strip()
    for needle in needles:
        assert needle in err.value.zh and needle in err.value.en, needle
    return err.value


def test_tampered_benchmark_is_refused():
    raw = benchmark("local_build", CompanyProfile(size_band="le100")).to_dict()
    raw["statements"][0]["values"]["same"] = 99.0
    expect_error(lambda: Benchmark.from_dict(raw), "statements")
    expect_error(lambda: Benchmark.from_dict({**raw, "kind": "assessment"}), "assessment")
    expect_error(lambda: Benchmark.from_dict({**raw, "stage": "expert"}), "expert")


def test_unknown_stage_lists_the_valid_ones():
    expect_error(lambda: benchmark("expert"), "expert", "local_build")


@pytest.mark.parametrize("bad", [3, None, {"stage": "local_build"}])
def test_wrong_input_type(bad):
    expect_error(lambda: benchmark(bad))


def test_profile_must_be_a_company_profile():
    expect_error(lambda: benchmark("local_build", {"size_band": "le100"}), "CompanyProfile")


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("investment_share", float("nan"), "nan"),
        ("investment_share", -1, "-1"),
        ("size_band", "huge", "huge"),
        ("industry", "mining", "mining"),
    ],
)
def test_bad_profiles_are_explained(field, value, needle):
    expect_error(lambda: CompanyProfile(**{field: value}), needle)
