"""GenAI use-case prioritisation: worked examples, invariants, catalogue provenance, bad input."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedx.errors import KitError
from smedx.models import genai
from smedx.models.common import INDUSTRIES, STAGE_ORDER, CompanyProfile
from smedx.models.genai import (
    DATA_READINESS,
    PILOT_RISK_LIMIT,
    QUADRANT_ORDER,
    QUADRANT_THRESHOLD,
    SKILL_LEVELS,
    GenAIPortfolio,
    prioritise,
)

REPORT_TEXT = Path(__file__).resolve().parents[2] / "shared" / "source" / "sme-dx-report-2024.txt"
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_bilingual(err: pytest.ExceptionInfo) -> None:
    assert err.value.zh.strip() and err.value.en.strip()
    assert err.value.zh != err.value.en


# ---------------------------------------------------------------- worked examples (by hand)


def test_worked_example_code_generation_for_an_it_firm():
    folio = prioritise(
        CompanyProfile(industry="it_services"),
        "local_build",
        data_readiness="scattered",
        skills="developer",
    )
    item = folio.item("code_generation")
    # value: base 4 x 20 = 80, +20 because the row boosts it_services -> 100
    assert item.value == 100.0
    # feasibility: needs scattered data (have scattered), developers (have), single_point stage
    # (company is at local_build): no gap -> 100
    assert item.feasibility == 100.0
    # risk: privacy medium -> 50; adoption: weak_targeting only -> 37.7 / (54.0 + 49.0 + 41.3 +
    # 37.7 = 182.0) = 20.71 -> 20.7; internal -> regulatory 0.
    # 0.5 x 50 + 0.3 x 20.7 + 0.2 x 0 = 25 + 6.21 = 31.21 -> 31.2
    assert item.parts.privacy_risk == 50.0
    assert item.parts.adoption_risk == 20.7
    assert item.parts.regulatory_risk == 0.0
    assert item.risk == 31.2
    # priority: 0.4 x 100 + 0.4 x 100 + 0.2 x (100 - 31.2) = 40 + 40 + 13.76 = 93.76 -> 93.8
    assert item.priority == 93.8
    assert item.quadrant == "quick_win"
    assert folio.items[0].key == "code_generation"  # the highest priority comes first
    assert folio.shortlist[0].key == "code_generation"


def test_worked_example_finance_firm_without_data_or_skills():
    folio = prioritise(
        CompanyProfile(industry="finance"), "single_point", data_readiness="none", skills="none"
    )
    cs = folio.item("customer_service")
    # value: base 4 -> 80, +20 finance boost -> 100
    # feasibility: data organised (2 levels missing: -40), skills advanced (2: -40), stage
    # local_build vs single_point (1 stage: -15) -> 100 - 95 = 5
    # risk: privacy high (finance is data-intensive; already at the top) -> 100; adoption
    # weak_targeting -> 20.7; public-facing -> 100. 50 + 6.21 + 20 = 76.21 -> 76.2
    # priority: 40 + 2 + 0.2 x 23.8 (= 4.76) = 46.76 -> 46.8
    assert (cs.value, cs.feasibility, cs.risk, cs.priority) == (100.0, 5.0, 76.2, 46.8)
    assert cs.quadrant == "strategic_bet"

    mm = folio.item("meeting_minutes")
    # value 3 x 20 = 60; feasibility: skills basic vs none (-20) -> 80
    # privacy medium raised one level for finance (report 3.3.1) -> high -> 100 x 0.5 = 50;
    # no challenges, internal -> risk 50.0; priority 24 + 32 + 10 = 66.0
    assert (mm.value, mm.feasibility, mm.risk, mm.priority) == (60.0, 80.0, 50.0, 66.0)
    assert mm.parts.privacy_level == "high"
    assert mm.quadrant == "fill_in"

    # Pilot candidates are the feasible items (quick win / fill-in) with risk < 70:
    # ai_ppt: value 40, feas 100, risk 25 + 0.3 x 29.7 (54.0/182) = 33.91 -> 33.9,
    #         priority 16 + 40 + 13.22 = 69.22 -> 69.2
    # marketing_images: value 60, feas 80, risk 25 + 6.21 + 0.2 x 50 = 41.21 -> 41.2,
    #         priority 24 + 32 + 11.76 = 67.76 -> 67.8
    # meeting_minutes 66.0; legal_assistant: risk 50 + 0.3 x 47.6 = 64.28 -> 64.3,
    #         priority 24 + 32 + 7.14 = 63.14 -> 63.1 (4th, left out)
    # There are no quick wins, so the order is by priority.
    assert [i.key for i in folio.shortlist] == ["ai_ppt", "marketing_images", "meeting_minutes"]
    assert folio.item("legal_assistant").priority == 63.1
    assert folio.item("ai_ppt").risk == 33.9


def test_public_facing_use_case_carries_the_filing_note_labelled_external():
    folio = prioritise(
        CompanyProfile(industry="retail"),
        "local_build",
        ["customer_service"],
        data_readiness="organised",
        skills="advanced",
    )
    item = folio.item("customer_service")
    filing = [r for r in item.reasons if r.source.startswith("external:")]
    assert filing and "生成式人工智能服务管理暂行办法" in filing[0].zh
    assert "非报告内容" in filing[0].zh and "not from the report" in filing[0].en
    # feasible (no gaps: 100) but risk 76.2 (as above: privacy high, public-facing) is over the
    # pilot limit, so it is named in the notes instead of being shortlisted
    assert (item.feasibility, item.risk) == (100.0, 76.2)
    assert item.risk >= PILOT_RISK_LIMIT and folio.shortlist == ()
    assert any("智能客服" in n.zh for n in folio.notes)


def test_awareness_use_gap_is_cited_with_its_source():
    folio = prioritise(CompanyProfile(), "single_point")
    gap = folio.notes[0]
    assert "80.8%" in gap.zh and "6.2%" in gap.zh and "80.8%" in gap.en
    assert gap.source == "report:S3.2.1-genai" and "3.2.1" in gap.zh


def test_challenge_reasons_cite_figure_and_n():
    item = prioritise(CompanyProfile(), "single_point", ["market_forecasting"]).items[0]
    cited = [r for r in item.reasons if r.source == "report:3.3.1.2"]
    assert {c.zh.split("%")[0] for c in cited} == {"54.0", "41.3"}
    assert all("N=404" in c.zh and "N=404" in c.en for c in cited)


def test_missing_usage_data_is_said_not_guessed():
    folio = prioritise(CompanyProfile(), "single_point", ["meeting_minutes", "code_generation"])
    minutes = [r for r in folio.item("meeting_minutes").reasons if "S3.2.1-genai-use" in r.source]
    assert len(minutes) == 1 and "没有" in minutes[0].zh and "no data" in minutes[0].en
    code = [r for r in folio.item("code_generation").reasons if "S3.2.1-genai-use" in r.source]
    assert "52.3%" in code[0].zh and "base" in code[0].en


def test_selected_limits_the_items():
    folio = prioritise(CompanyProfile(), "single_point", ["ai_ppt", "meeting_minutes"])
    assert {i.key for i in folio.items} == {"ai_ppt", "meeting_minutes"}
    assert folio.inputs.selected == ("ai_ppt", "meeting_minutes")


def test_quadrant_helper():
    assert len(prioritise(CompanyProfile(), "innovation").quadrant("quick_win")) > 0
    with pytest.raises(KitError):
        prioritise(CompanyProfile(), "innovation").quadrant("quick")


# ---------------------------------------------------------------- the catalogue


def catalogue_rows() -> list[dict]:
    path = genai.data.kit_path(genai.CATALOGUE_FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.skipif(not REPORT_TEXT.exists(), reason="the report text is not in this checkout")
def test_catalogue_rows_are_labelled_and_quote_the_report():
    text = squash(REPORT_TEXT.read_text(encoding="utf-8"))
    rows = catalogue_rows()
    assert len(rows) >= 15
    for row in rows:
        assert row["content_kind"] == "kit_design"
        assert row["basis_zh"] and row["basis_en"] and row["source_section"]
        assert squash(row["source_quote"]) in text, row["key"]
        # report numbers come from smedx.data, never typed into the kit's own files
        assert not re.search(r"\d+(\.\d+)?\s*%", row["basis_zh"] + row["basis_en"]), row["key"]


def test_catalogue_covers_the_use_cases_the_issue_names():
    keys = {uc.key for uc in genai.use_cases()}
    assert {
        "code_generation",
        "automated_testing",
        "bug_detection",
        "market_forecasting",
        "user_research",
        "product_design",
        "marketing_copy",
        "marketing_images",
        "marketing_video",
        "customer_service",
        "meeting_minutes",
        "kb_qa",
        "legal_assistant",
        "devops_assistant",
    } <= keys


def test_usage_stats_resolve_in_the_dataset():
    for uc in genai.use_cases():
        if uc.usage_stat:
            figure_id, key = uc.usage_stat.split(":")
            assert genai.report_stat(figure_id, key).value > 0


def test_bad_catalogue_row_is_refused_with_its_line():
    row = dict(catalogue_rows()[0], base_value="9")
    with pytest.raises(KitError) as err:
        genai._parse_row(row, 7)
    assert "7" in err.value.zh and "7" in err.value.en
    with pytest.raises(KitError):
        genai._parse_row(dict(catalogue_rows()[0], challenges="boredom"), 2)
    with pytest.raises(KitError):
        genai._parse_row(dict(catalogue_rows()[0], content_kind="report"), 2)
    with pytest.raises(KitError) as err:
        genai._parse_row(dict(catalogue_rows()[0], source_quote_translation_en=""), 3)
    assert "source_quote_translation_en" in err.value.en


def test_the_english_reason_quotes_the_report_in_translation_with_the_original():
    """The report is Chinese: an English page reads the kit's translation, labelled so, with the
    report's own words in parentheses; the Chinese page quotes the report alone."""
    folio = prioritise(CompanyProfile(industry="retail"), "local_build", ["marketing_copy"])
    (named,) = [r for r in folio.items[0].reasons if r.source == "report:1.3"]
    assert named.en.startswith(
        "Named in section 1.3 of the report: “automatically generate attractive advertising "
        "copy, images and videos” (the kit's translation of “自动生成吸引人的广告文案、图像和视频”"
    )
    assert "“自动生成吸引人的广告文案、图像和视频”" in named.zh and "translation" not in named.zh
    for uc in genai.use_cases():  # every row's translation is English and differs from the quote
        assert uc.source_quote_translation_en.isascii(), uc.key
    assert genai.sections_en("1.3; 2.1; appendix 1.2") == "sections 1.3 and 2.1 and Appendix 1.2"
    assert genai.sections_en("5") == "chapter 5" and genai.sections_en("3.2.1") == "section 3.2.1"


# ---------------------------------------------------------------- properties

profiles = st.builds(CompanyProfile, industry=st.sampled_from(sorted(INDUSTRIES)))
stages = st.sampled_from(STAGE_ORDER)
readiness = st.sampled_from(list(DATA_READINESS))
skills = st.sampled_from(list(SKILL_LEVELS))


@PROPERTY
@given(profiles, stages, readiness, skills)
def test_scores_are_bounded_and_quadrants_follow_the_thresholds(profile, stage, data, skill):
    folio = prioritise(profile, stage, data_readiness=data, skills=skill)
    for item in folio.items:
        for score in (item.value, item.feasibility, item.risk, item.priority):
            assert 0 <= score <= 100
        assert (item.value >= QUADRANT_THRESHOLD) == (
            item.quadrant in ("quick_win", "strategic_bet")
        )
        assert (item.feasibility >= QUADRANT_THRESHOLD) == (
            item.quadrant in ("quick_win", "fill_in")
        )
    priorities = [i.priority for i in folio.items]
    assert priorities == sorted(priorities, reverse=True)


@PROPERTY
@given(profiles, stages, readiness, skills, stages, readiness, skills)
def test_more_capability_never_lowers_feasibility(profile, s1, d1, k1, s2, d2, k2):
    def rank(levels, key):
        return list(levels).index(key)

    low = (
        min(s1, s2, key=STAGE_ORDER.index),
        min(d1, d2, key=lambda k: rank(DATA_READINESS, k)),
        min(k1, k2, key=lambda k: rank(SKILL_LEVELS, k)),
    )
    high = (
        max(s1, s2, key=STAGE_ORDER.index),
        max(d1, d2, key=lambda k: rank(DATA_READINESS, k)),
        max(k1, k2, key=lambda k: rank(SKILL_LEVELS, k)),
    )
    weak = prioritise(profile, low[0], data_readiness=low[1], skills=low[2])
    strong = prioritise(profile, high[0], data_readiness=high[1], skills=high[2])
    for item in weak.items:
        better = strong.item(item.key)
        assert better.feasibility >= item.feasibility
        # capability is irrelevant to value and risk: they must not move
        assert (better.value, better.risk) == (item.value, item.risk)


@PROPERTY
@given(profiles, stages, readiness, skills, st.integers(1, 10))
def test_shortlist_takes_the_best_eligible_items(profile, stage, data, skill, size):
    folio = prioritise(profile, stage, data_readiness=data, skills=skill, shortlist_size=size)
    assert len(folio.shortlist) <= size
    chosen = {i.key for i in folio.shortlist}
    assert len(chosen) == len(folio.shortlist)

    def order(item):
        return (QUADRANT_ORDER.index(item.quadrant), -item.priority)

    for item in folio.shortlist:
        assert item.quadrant in ("quick_win", "fill_in") and item.risk < PILOT_RISK_LIMIT
        assert item in folio.items
    eligible = [
        i
        for i in folio.items
        if i.quadrant in ("quick_win", "fill_in") and i.risk < PILOT_RISK_LIMIT
    ]
    left_out = [i for i in eligible if i.key not in chosen]
    if left_out:
        assert len(folio.shortlist) == size
        assert max(order(i) for i in folio.shortlist) <= min(order(i) for i in left_out)


@PROPERTY
@given(profiles, stages, readiness, skills, st.data())
def test_portfolio_round_trips_through_json(profile, stage, data, skill, draw):
    keys = [uc.key for uc in genai.use_cases()]
    selected = draw.draw(st.none() | st.lists(st.sampled_from(keys), min_size=1, unique=True))
    folio = prioritise(profile, stage, selected, data_readiness=data, skills=skill)
    raw = json.loads(json.dumps(folio.to_dict(), ensure_ascii=False))
    assert raw["kind"] == "genai" and raw["schema_version"] == genai.SCHEMA_VERSION
    assert GenAIPortfolio.from_dict(raw) == folio


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "call",
    [
        lambda: prioritise(CompanyProfile(), "expert"),
        lambda: prioritise(CompanyProfile(), "single_point", data_readiness="lots"),
        lambda: prioritise(CompanyProfile(), "single_point", skills="wizard"),
        lambda: prioritise(CompanyProfile(), "single_point", []),
        lambda: prioritise(CompanyProfile(), "single_point", "meeting_minutes"),
        lambda: prioritise(CompanyProfile(), "single_point", ["teleportation"]),
        lambda: prioritise(CompanyProfile(), "single_point", ["ai_ppt", "ai_ppt"]),
        lambda: prioritise(CompanyProfile(), "single_point", shortlist_size=0),
        lambda: prioritise(CompanyProfile(), "single_point", shortlist_size=True),
        lambda: prioritise(CompanyProfile(), "single_point", shortlist_size=11),
        lambda: prioritise("retail", "single_point"),
        lambda: prioritise({"industry": "mining"}, "single_point"),
        lambda: prioritise(CompanyProfile(industry="mining"), "single_point"),
    ],
)
def test_bad_input_gets_a_bilingual_message(call):
    with pytest.raises(KitError) as err:
        call()
    assert_bilingual(err)


def test_unknown_stage_message_lists_the_stages():
    with pytest.raises(KitError) as err:
        prioritise(CompanyProfile(), "expert")
    assert "single_point" in err.value.en and "single_point" in err.value.zh


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(kind="plan"),
        lambda d: d.update(schema_version=99),
        lambda d: d.pop("notes"),
        lambda d: d.update(extra=1),
        lambda d: d["items"][0].update(value="high"),
        lambda d: d["items"][0].update(value=float("nan")),
        lambda d: d["items"][0]["parts"].update(data_gap=1.5),
        lambda d: d["items"][0].update(public_facing="no"),
        lambda d: d.update(items={}),
        lambda d: d["inputs"]["profile"].update(industry="mining"),
        lambda d: d["shortlist"].append(dict(d["items"][0], key="ghost")),
    ],
)
def test_from_dict_refuses_damaged_results(edit):
    raw = json.loads(json.dumps(prioritise(CompanyProfile(), "local_build").to_dict()))
    edit(raw)
    with pytest.raises(KitError) as err:
        GenAIPortfolio.from_dict(raw)
    assert_bilingual(err)


def test_from_dict_refuses_a_well_typed_edit():
    raw = json.loads(json.dumps(prioritise(CompanyProfile(), "local_build").to_dict()))
    raw["items"][0]["value"] = 10.0  # still a valid number, but not what the inputs give
    with pytest.raises(KitError) as err:
        GenAIPortfolio.from_dict(raw)
    assert "recomputation" in err.value.en and "重新计算" in err.value.zh
