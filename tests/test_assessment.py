"""Stage assessment: worked examples by hand, invariants (hypothesis), bad input, JSON round trip."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedx import data
from smedx.errors import KitError
from smedx.models.assessment import Assessment, assess, questionnaire
from smedx.models.common import STAGE_ORDER, CompanyProfile

Q = questionnaire()
ITEMS = [it.id for it in Q.items]


def same(option: str) -> dict[str, str]:
    return {i: option for i in ITEMS}


def with_(base: dict[str, str], **changes: str) -> dict[str, str]:
    return {**base, **changes}


def points(answers: dict[str, str]) -> int:
    """Independent re-count from the published points (not through the module's scoring)."""
    return sum(o.points for it in Q.items for o in it.options if o.id == answers[it.id])


# A small trading firm, scored by hand with the published points a=0 b=1 c=2 d=3 e=5:
#   foundation  F1 c2 F2 c2 F3 b1 F4 b1 F5 b1           = 7
#   operations  O1 d3 O2 a0 O3 b1 O4 c2 O5 d3 O6 c2     = 11
#   management  M1 b1 M2 c2 M3 b1 M4 b1 M5 c2           = 7
#   outcomes    R1 c2 R2 b1 R3 c2 R4 b1                 = 6      total 31
TRADER = dict(
    F1="c", F2="c", F3="b", F4="b", F5="b",
    O1="d", O2="a", O3="b", O4="c", O5="d", O6="c",
    M1="b", M2="c", M3="b", M4="b", M5="c",
    R1="c", R2="b", R3="c", R4="b",
)  # fmt: skip


# ---- the instrument ---------------------------------------------------------------------------


def test_instrument_shape_follows_the_brief():
    assert 15 <= len(Q.items) <= 25
    assert [d.label_zh for d in Q.dimensions] == [
        "数字化基础",
        "数字化经营",
        "数字化管理",
        "数字化成效",
    ]
    assert sum(d.max_points for d in Q.dimensions) == 100
    for d in Q.dimensions:
        assert d.max_points == sum(it.max_points for it in Q.items if it.dimension == d.key)
    for it in Q.items:
        pts = [o.points for o in it.options]
        assert pts == sorted(set(pts)) and pts[0] == 0
        assert it.text_zh and it.text_en and all(o.text_zh and o.text_en for o in it.options)
        sources = {b.source for b in it.basis}
        assert {"report", "miit2022"} <= sources, it.id
        assert all(b.section for b in it.basis if b.source == "report")


def test_instrument_is_labelled_as_the_kits_own_design():
    raw = json.loads(data.kit_path("questionnaire.json").read_text(encoding="utf-8"))
    assert raw["designed_by"] == "kit"
    assert "不是报告数据" in raw["notice_zh"]
    assert "not report data" in raw["notice_en"]
    assert Q.to_dict()["version"] == raw["version"]


def test_report_figures_cited_by_the_basis_exist():
    known = set(data.figure_ids())
    cited = {b.figure_id for it in Q.items for b in it.basis if b.figure_id}
    assert cited and cited <= known


def test_level_bands_are_the_miit_edges():
    assert [(lv.level, lv.min_total) for lv in Q.levels] == [(0, 0), (1, 20), (2, 40), (3, 60),
                                                              (4, 80)]  # fmt: skip
    assert [lv.label_zh for lv in Q.levels] == ["未达一级", "一级", "二级", "三级", "四级"]


# ---- worked examples --------------------------------------------------------------------------


def test_all_option_c_is_local_build_with_hand_computed_gaps():
    result = assess(same("c"))
    # 20 items x 2 points = 40 -> level 2, band [40, 60); O1=c meets the local_build gate.
    assert result.total == 40 and result.level == 2 and result.level_band == "[40, 60)"
    assert {k: (d.score, d.max) for k, d in result.dimensions.items()} == {
        "foundation": (10, 25),
        "operations": (12, 30),
        "management": (10, 25),
        "outcomes": (8, 20),
    }
    assert result.stage == "local_build" and result.next_stage == "digital_foundation"
    assert result.next_stage_min_total == 60 and result.points_to_next_level == 20
    # Gates of digital_foundation: O1 c->e (+3), F4 c->d (+1): 44. Then 16 weakest items c->d
    # (+1 each, questionnaire order, O1 and F4 excluded as they are already higher): 60.
    gaps = [(g.item, g.current, g.needed, g.points_gain, g.why) for g in result.gaps]
    assert gaps[:2] == [("O1", "c", "e", 3, "gate"), ("F4", "c", "d", 1, "gate")]
    assert [g[0] for g in gaps[2:]] == [
        "F1", "F2", "F3", "F5", "O2", "O3", "O4", "O5", "O6",
        "M1", "M2", "M3", "M4", "M5", "R1", "R2",
    ]  # fmt: skip
    assert all(g[1:] == ("c", "d", 1, "score") for g in gaps[2:])


def test_small_trader_worked_example():
    result = assess(TRADER)
    assert points(TRADER) == 31
    assert result.total == 31
    assert [d.score for d in result.dimensions.values()] == [7, 11, 7, 6]
    assert (result.level, result.level_band, result.level_label_zh) == (1, "[20, 40)", "一级")
    assert result.stage == "single_point"  # 31 < 40, so not local_build despite O1 = d
    assert result.points_to_next_level == 9
    # To local_build (40): its gate O1 >= c already holds; 9 points from the weakest items:
    # O2 a->b, then the b-items in questionnaire order F3 F4 F5 O2 O3 M1 M3 M4 (b->c).
    assert [(g.item, g.current, g.needed, g.points_gain) for g in result.gaps] == [
        ("O2", "a", "c", 2),
        ("F3", "b", "c", 1),
        ("F4", "b", "c", 1),
        ("F5", "b", "c", 1),
        ("O3", "b", "c", 1),
        ("M1", "b", "c", 1),
        ("M3", "b", "c", 1),
        ("M4", "b", "c", 1),
    ]
    assert all(g.why == "score" for g in result.gaps)
    assert result.stage_label_zh == "单点尝试阶段"


@pytest.mark.parametrize(
    ("answers", "total", "level"),
    [
        (same("b"), 20, 1),  # lower edge of 一级 is included
        (with_(same("b"), R4="a"), 19, 0),  # 19 is 未达一级
        (with_(same("c"), R4="b"), 39, 1),
        (same("c"), 40, 2),
        (with_(same("d"), **{i: "e" for i in ITEMS[:10]}), 80, 4),  # 10x5 + 10x3
        (with_(same("d"), **{i: "e" for i in ITEMS[:10]}, R4="c"), 79, 3),
        (same("e"), 100, 4),
    ],
)
def test_level_band_edges(answers, total, level):
    result = assess(answers)
    assert (result.total, result.level) == (total, level)


def test_all_d_is_blocked_by_the_all_main_business_gate():
    result = assess(same("d"))  # 60 points: digital_foundation's threshold, but O1 = d, not e
    assert (result.total, result.level, result.stage) == (60, 3, "local_build")
    assert [(g.item, g.needed, g.why) for g in result.gaps] == [("O1", "e", "gate")]
    blocked = result.reasons[-1]
    assert "O1" in blocked.zh and "数字底座建设阶段" in blocked.zh and "O1" in blocked.en


def test_no_intelligent_ops_without_an_integrated_data_platform():
    result = assess(with_(same("e"), F4="d"))  # 98 points, platform only being built
    assert result.total == 98 and result.level == 4
    assert result.stage == "digital_foundation"
    assert [(g.item, g.needed, g.why) for g in result.gaps] == [("F4", "e", "gate")]


def test_no_innovation_without_a_new_business_model():
    result = assess(with_(same("e"), R4="d"))
    assert (result.total, result.stage) == (98, "intelligent_ops")
    assert [(g.item, g.current, g.needed) for g in result.gaps] == [("R4", "d", "e")]


def test_gates_are_cumulative_a_high_score_without_any_digital_business_has_not_started():
    result = assess(with_(same("e"), O1="a"))  # 95 points, but nothing digital in the business
    assert (result.total, result.stage) == (95, "not_started")
    assert "O1" in result.reasons[2].zh and "O1" in result.reasons[2].en


def test_extremes():
    low, high = assess(same("a")), assess(same("e"))
    assert (low.total, low.level, low.level_label_zh, low.stage) == (
        0,
        0,
        "未达一级",
        "not_started",
    )
    assert (high.total, high.level, high.level_band, high.stage) == (100, 4, "[80, 100]",
                                                                     "innovation")  # fmt: skip
    assert high.gaps == () and high.next_stage is None and high.points_to_next_level is None


def test_stage_names_come_from_the_dataset():
    names = data.stages().set_index("stage_id")
    for answers in (same("a"), TRADER, same("c"), same("e")):
        result = assess(answers)
        assert result.stage_label_zh == names.loc[result.stage, "name_zh"]
        assert result.stage_label_en == names.loc[result.stage, "name_en"]
        assert result.stage_descriptor_zh == names.loc[result.stage, "descriptor_zh"]


def test_reasons_are_bilingual_and_give_points_per_dimension():
    result = assess(TRADER)
    assert all(r.zh and r.en for r in result.reasons)
    assert "数字化基础 7/25" in result.reasons[0].zh and "Digital operations 11/30" in (
        result.reasons[0].en
    )
    assert "[20, 40)" in result.reasons[1].zh


def test_profile_spending_that_contradicts_the_answer_is_noted():
    fine = assess(TRADER, CompanyProfile(investment_share=1.5))  # M4 = b: 1%-2%
    assert fine.notes == ()
    clash = assess(TRADER, CompanyProfile(investment_share=4.0))
    assert len(clash.notes) == 1 and "M4" in clash.notes[0].zh and "4%" in clash.notes[0].en


# ---- invariants -------------------------------------------------------------------------------

answers_st = st.fixed_dictionaries(
    {it.id: st.sampled_from([o.id for o in it.options]) for it in Q.items}
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reached(answers: dict[str, str]) -> int:
    """Independent reading of the stage rules: the highest stage whose threshold and gates,
    and those of every earlier stage, hold."""
    total, index = points(answers), 0
    for i, rule in enumerate(Q.stage_rules, start=1):
        ok = total >= rule.min_total and all(
            Q.item(g.item).rank(answers[g.item]) >= Q.item(g.item).rank(g.min_option)
            for g in rule.gates
        )
        if not ok:
            break
        index = i
    return index


@FAST
@given(answers_st)
def test_scores_are_bounded_and_add_up(answers):
    result = assess(answers)
    assert 0 <= result.total <= 100
    assert result.total == sum(d.score for d in result.dimensions.values()) == points(answers)
    for d in result.dimensions.values():
        assert 0 <= d.score <= d.max
    low = Q.levels[result.level].min_total
    high = Q.levels[result.level + 1].min_total if result.level < 4 else 101
    assert low <= result.total < high


@FAST
@given(answers_st, st.data())
def test_more_capability_never_lowers_total_level_or_stage(answers, draw):
    it = draw.draw(st.sampled_from(Q.items))
    rank = it.rank(answers[it.id])
    if rank + 1 == len(it.options):
        return
    better = with_(answers, **{it.id: draw.draw(st.sampled_from(it.options[rank + 1 :])).id})
    before, after = assess(answers), assess(better)
    assert after.total > before.total
    assert after.level >= before.level
    assert STAGE_ORDER.index(after.stage) >= STAGE_ORDER.index(before.stage)


@FAST
@given(answers_st)
def test_stage_respects_its_gates_and_is_the_highest_reachable(answers):
    result = assess(answers)
    assert STAGE_ORDER.index(result.stage) == reached(answers)
    for gate in result.gates:
        if STAGE_ORDER.index(gate.stage) <= STAGE_ORDER.index(result.stage):
            assert gate.met, gate


@FAST
@given(answers_st)
def test_closing_the_gaps_reaches_the_next_stage(answers):
    result = assess(answers)
    if result.next_stage is None:
        assert result.gaps == ()
        return
    for gap in result.gaps:
        item = Q.item(gap.item)
        assert item.rank(gap.needed) > item.rank(gap.current) == item.rank(answers[gap.item])
    improved = with_(answers, **{g.item: g.needed for g in result.gaps})
    assert STAGE_ORDER.index(assess(improved).stage) >= STAGE_ORDER.index(result.next_stage)


@settings(max_examples=40, deadline=None)
@given(answers_st)
def test_json_round_trip_is_lossless(answers):
    result = assess(answers, CompanyProfile(industry="retail", size_band="le100"))
    again = Assessment.from_dict(json.loads(json.dumps(result.to_dict(), ensure_ascii=False)))
    assert again == result


# ---- serialisation ----------------------------------------------------------------------------


def test_to_dict_has_the_keys_other_modules_rely_on():
    out = assess(TRADER, CompanyProfile(industry="retail")).to_dict()
    assert out["kind"] == "assessment" and out["schema_version"] == 1
    assert (out["stage"], out["level"], out["total"]) == ("single_point", 1, 31)
    assert set(out["dimensions"]["foundation"]) == {"score", "max", "label_zh", "label_en"}
    assert {"item", "label_zh", "label_en", "current", "needed"} <= set(out["gaps"][0])
    assert out["answers"] == TRADER and out["profile"]["industry"] == "retail"
    json.dumps(out)


def expect_error(call, *needles: str) -> KitError:
    with pytest.raises(KitError) as err:
        call()
    assert err.value.zh.strip() and err.value.en.strip()
    for needle in needles:
        assert needle in err.value.zh and needle in err.value.en, needle
    return err.value


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"total": 99}, "total"),
        ({"stage": "innovation"}, "stage"),
        ({"questionnaire_version": "1999.1"}, "1999.1"),
        ({"schema_version": 99}, "99"),
        ({"kind": "plan"}, "plan"),
    ],
)
def test_edited_or_foreign_results_are_refused(change, needle):
    raw = {**assess(TRADER).to_dict(), **change}
    expect_error(lambda: Assessment.from_dict(raw), needle)


def test_edited_answers_are_recomputed_and_refused():
    raw = assess(TRADER).to_dict()
    raw["answers"] = with_(TRADER, O2="e")
    expect_error(lambda: Assessment.from_dict(raw), "total")


# ---- bad input --------------------------------------------------------------------------------


def test_missing_answers_list_the_missing_item_ids():
    partial = {k: v for k, v in TRADER.items() if k not in ("F3", "R4")}
    err = expect_error(lambda: assess(partial), "F3", "R4")
    assert "O1" not in err.zh


def test_blank_answer_counts_as_missing():
    expect_error(lambda: assess(with_(TRADER, M2="")), "M2")


def test_unknown_option_lists_the_valid_options():
    expect_error(lambda: assess(with_(TRADER, O1="z")), "O1", "'z'", "a, b, c, d, e")


@pytest.mark.parametrize("bad", [float("nan"), 3, None, ["a"]])
def test_non_text_answers_are_refused(bad):
    answers = with_(TRADER)
    answers["M5"] = bad
    expect_error(lambda: assess(answers), "M5")


def test_unknown_item_ids_are_named():
    expect_error(lambda: assess({**TRADER, "X9": "a"}), "X9", "F1")


@pytest.mark.parametrize("bad", [None, "abc", ["a"] * 20])
def test_answers_must_be_a_mapping(bad):
    expect_error(lambda: assess(bad))


def test_profile_must_be_a_company_profile():
    expect_error(lambda: assess(TRADER, {"industry": "retail"}), "CompanyProfile")


def test_unknown_item_or_option_lookups_are_clear():
    expect_error(lambda: Q.item("Z1"), "Z1")
    expect_error(lambda: Q.item("F1").option("q"), "F1", "q")
