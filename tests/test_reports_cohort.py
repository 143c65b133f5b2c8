"""Cohort aggregation (smedx.reports.cohort) and the members table it reads, tested directly:
the column-wise scoring against the assessment model, the five comparisons against the survey,
anonymity (groups under five hidden, complementary suppression) and the overview."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smedx import data
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import INVESTMENT_BANDS, STAGE_ORDER, CompanyProfile
from smedx.reports import cohort, members, privacy, synthetic
from smedx.reports.cohort import MIN_GROUP

Q = questionnaire()
ITEMS = Q.item_ids


def record(i: int, answers: dict | None = None, **extra) -> dict:
    rec = {"id": f"T{i:03d}", "answers": answers or {it: "c" for it in ITEMS}}
    rec.update(extra)
    return rec


# --------------------------------------------------------------------------------------------
# Scoring: the batch form must agree with the model, member by member.

answer_sets = st.fixed_dictionaries(
    {it.id: st.sampled_from([o.id for o in it.options]) for it in Q.items}
)


@given(st.lists(answer_sets, min_size=1, max_size=30))
def test_batch_scoring_equals_the_assessment_model(sets):
    frame = pd.DataFrame(sets)
    scored = members.score_answers(frame)
    for i, answers in enumerate(sets):
        result = assess(answers)
        assert scored.at[i, "stage"] == result.stage
        assert scored.at[i, "total"] == result.total
        assert scored.at[i, "level"] == result.level
        for key, dim in result.dimensions.items():
            assert scored.at[i, f"dim.{key}"] == dim.score


def test_sample_members_score_like_the_model():
    recs = synthetic.members(200, seed=3, stage_only_share=0.0)
    loaded = members.from_records(recs)
    assert loaded.size == 200 and not loaded.problems
    by_id = loaded.members.set_index("id")
    for rec in recs:
        result = assess(rec["answers"], CompanyProfile.from_dict(rec["profile"]))
        row = by_id.loc[rec["id"]]
        assert (row["stage"], row["total"], row["level"]) == (
            result.stage,
            result.total,
            result.level,
        )
    # the synthetic members spread over several stages (a useful sample, not one blob)
    assert loaded.members["stage"].nunique() >= 4


# --------------------------------------------------------------------------------------------
# The five comparisons.


def test_stage_comparison_counts_shares_and_national_values():
    recs = synthetic.members(120, seed=5)
    table = members.from_records(recs).members
    comp = cohort.stage_comparison(table)
    stages = [assess(r["answers"]).stage if "answers" in r else r["stage"] for r in recs]
    assert [r.key for r in comp.rows] == list(STAGE_ORDER)
    assert comp.base == 120 and not comp.suppressed and comp.national_n == 500
    for row in comp.rows:
        assert row.count == stages.count(row.key)
        assert row.share == pytest.approx(100 * stages.count(row.key) / 120)
        assert row.national == data.stat("2.2.2", row.key).value
        assert row.difference == round(round(row.share, 1) - row.national, 1)
    assert sum(r.count for r in comp.rows) == 120


def test_investment_band_prefers_the_profile_share_and_keeps_above_seven():
    answers = {it: "c" for it in ITEMS}  # M4 = c -> band 2_3
    recs = [
        record(1, answers, profile={"industry": "retail", "investment_share": 0.5}),  # lt1
        record(2, answers),  # from the answer: 2_3
        record(3, answers, profile={"industry": "retail", "investment_share": 8}),  # above 7
        {"id": "T004", "stage": "local_build"},  # no band at all
        *[record(10 + i, answers) for i in range(4)],
    ]
    table = members.from_records(recs).members.set_index("id")
    assert table.loc["T001", ["band", "band_source"]].tolist() == ["lt1", "profile"]
    assert table.loc["T002", ["band", "band_source"]].tolist() == ["2_3", "answers"]
    assert table.loc["T003", "band"] == members.ABOVE_TOP_BAND
    assert table.loc["T004", "band"] == ""
    comp = cohort.investment_comparison(table.reset_index())
    assert comp.base == 7  # T004 has no spending information
    keys = [r.key for r in comp.rows]
    assert keys == [*INVESTMENT_BANDS, members.ABOVE_TOP_BAND]
    assert comp.row(members.ABOVE_TOP_BAND).national is None
    assert comp.row("2_3").count == 5
    assert comp.row("lt1").national == data.stat("2.1.1", "lt1").value


def test_choice_questions_use_only_the_members_who_answered():
    recs = [record(i, goals=["cost_reduction"]) for i in range(6)]
    recs += [record(10 + i, goals=["cost_reduction", "优化既有业务流程"]) for i in range(4)]
    recs += [record(20 + i) for i in range(5)]  # did not answer
    recs += [record(30, goals=[])]  # answered, chose none
    table = members.from_records(recs).members
    comp = cohort.choice_comparison(table, "goals")
    assert comp.base == 11 and comp.multiple
    assert comp.row("cost_reduction").count == 10
    assert comp.row("process_optimisation").count == 4
    assert comp.row("cost_reduction").share == pytest.approx(100 * 10 / 11)
    assert comp.row("cost_reduction").national == data.stat("S3.1.1-goals", "cost_reduction").value
    assert comp.national_n is None  # the report states no base for its goals
    challenges = cohort.choice_comparison(table, "challenges")
    assert challenges.base == 0 and not challenges.available and challenges.suppressed


def test_a_question_answered_by_fewer_than_five_is_suppressed():
    recs = [record(i, help_wanted=["training"]) for i in range(4)] + [
        record(9 + i) for i in range(6)
    ]
    comp = cohort.choice_comparison(members.from_records(recs).members, "help_wanted")
    assert comp.base == 4 and comp.suppressed
    assert all(r.count is None and r.share is None for r in comp.rows)
    assert all(r.national is not None for r in comp.rows)  # the survey is still shown


def test_comparisons_follow_the_report_order():
    table = members.from_records(synthetic.members(30, seed=1)).members
    assert [c.figure_id for c in cohort.comparisons(table)] == list(cohort.TOPICS.values())


# --------------------------------------------------------------------------------------------
# Anonymity.


def mixed(n: int) -> dict[str, int]:
    """A group of n members over two stages (not all alike)."""
    return {"x": n - n // 2, "y": n // 2}


def test_hidden_groups_small_and_complementary():
    hide = privacy.hidden_groups
    assert hide({"a": mixed(10), "b": mixed(8)}) == {}
    # one small group: the smallest other one is hidden too
    assert hide({"a": mixed(10), "b": mixed(3), "c": mixed(7)}) == {
        "b": "small",
        "c": "complementary",
    }
    # two small groups hide each other when together they are five or more, and mixed
    assert hide({"a": mixed(10), "b": mixed(3), "c": mixed(4)}) == {"b": "small", "c": "small"}
    # ... but not when together they are still under five, or all alike
    assert hide({"a": mixed(10), "b": mixed(2), "c": mixed(2), "d": mixed(6)}) == {
        "b": "small",
        "c": "small",
        "d": "complementary",
    }
    assert hide({"a": mixed(10), "b": {"x": 2}, "c": {"x": 3}, "d": mixed(6)}) == {
        "b": "small",
        "c": "small",
        "d": "complementary",
    }
    # ties are broken by key, whatever the input order
    assert hide({"z": mixed(6), "b": mixed(2), "a": mixed(6)}) == {
        "b": "small",
        "a": "complementary",
    }
    assert hide({"only": mixed(3)}) == {"only": "small"}
    assert hide({"a": mixed(4), "b": {}}) == {"a": "small"}
    # a 100 % row is hidden whatever its size, and then needs a complement as well
    assert hide({"media": {"x": 8}, "a": mixed(9), "b": mixed(6)}) == {
        "media": "uniform",
        "b": "complementary",
    }


def test_segments_hide_small_groups_and_their_complement():
    recs = []
    early = {it: "b" for it in ITEMS}  # single_point; the default answers give local_build
    for i in range(12):  # every group mixes two stages: a 100 % row is hidden on its own
        recs.append(record(i, early if i % 3 == 0 else None, profile={"industry": "retail"}))
    for i in range(6):
        recs.append(record(20 + i, early if i % 2 else None, profile={"industry": "finance"}))
    for i in range(2):
        recs.append(record(40 + i, early if i else None, profile={"industry": "media"}))
    table = members.from_records(recs).members
    seg = {s.key: s for s in cohort.segments(table, "industry").segments}
    assert seg["media"].hidden == "small" and seg["media"].stages is None
    assert seg["finance"].hidden == "complementary" and seg["finance"].stages is None
    assert seg["retail"].hidden == "" and seg["retail"].stages["local_build"] == pytest.approx(
        100 * 8 / 12
    )
    assert [s.key for s in cohort.segments(table, "industry").shown] == ["retail"]


def test_members_without_a_segment_form_their_own_group():
    recs = [record(i, profile={"industry": "retail", "size_band": "le100"}) for i in range(6)]
    recs += [record(10 + i) for i in range(7)]  # no profile: industry and size not given
    table = members.from_records(recs).members
    size = cohort.segments(table, "size_band")
    assert [s.key for s in size.segments] == ["le100", cohort.NOT_GIVEN]
    assert size.figure_id == "2.2.3"
    assert size.segments[0].report == {"single_point": 38.1}  # what figure 2.2.3 gives


def test_a_cohort_of_three_shows_no_member_number():
    table = members.from_records([record(i) for i in range(3)]).members
    assert cohort.overview(table).suppressed
    for comp in cohort.comparisons(table):
        assert comp.suppressed
        assert all(r.count is None and r.share is None for r in comp.rows)
    assert cohort.scores(table).suppressed and cohort.scores(table).dimensions == ()
    assert all(s.hidden for s in cohort.segments(table, "industry").segments)


def test_a_cohort_of_five_is_shown():
    early = {it: "b" for it in ITEMS}
    recs = [record(i, early if i == 0 else None) for i in range(MIN_GROUP)]
    table = members.from_records(recs).members
    assert not cohort.overview(table).suppressed
    assert cohort.stage_comparison(table).row("local_build").count == MIN_GROUP - 1


def test_a_cohort_all_at_one_stage_shows_no_stage_numbers():
    """Five members all at one stage: a 100 % row would tell each member's stage."""
    table = members.from_records([record(i) for i in range(MIN_GROUP)]).members
    comp = cohort.stage_comparison(table)
    assert comp.suppressed and all(r.count is None for r in comp.rows)
    assert cohort.scores(table).levels == ()  # all at one level as well


# --------------------------------------------------------------------------------------------
# Scores and overview.


def test_scores_average_the_dimensions_and_count_levels():
    rng = random.Random(2)
    sets = [{it.id: rng.choice("abcde") for it in Q.items} for _ in range(25)]
    table = members.from_records([record(i, s) for i, s in enumerate(sets)]).members
    s = cohort.scores(table)
    results = [assess(a) for a in sets]
    assert s.base == 25
    assert s.mean_total == pytest.approx(sum(r.total for r in results) / 25)
    for dim in s.dimensions:
        expected = sum(r.dimensions[dim.key].score for r in results) / 25
        assert dim.mean == pytest.approx(expected)
        assert dim.percent == pytest.approx(100 * expected / dim.max_points)
    assert sum(lv.count for lv in s.levels) == 25
    for lv in s.levels:
        assert lv.count == sum(r.level == lv.level for r in results)


def test_overview_and_margin_of_error():
    recs = synthetic.members(100, seed=9, stage_only_share=0.2)
    table = members.from_records(recs).members
    o = cohort.overview(table)
    stage_only = sum("stage" in r for r in recs)
    assert o.members == 100
    assert o.stage_given == stage_only and o.with_answers == 100 - stage_only
    assert o.answered["goals"] == sum("goals" in r for r in recs)
    assert o.margin_of_error == 9.8  # 1.96 * sqrt(0.25 / 100) = 9.8 pp
    assert cohort.margin_of_error(0) is None
