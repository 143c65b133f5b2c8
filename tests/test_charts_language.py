"""Every chart in one language (issue #16 item 2): titles, axes, legends, hover text, bar labels
and source lines in Chinese by default and in English under using("en") or lang="en", never
both; lang=None follows the current language."""

from __future__ import annotations

import re

import pytest

from smedx import charts
from smedx.charts import assessment, cases, context, genai, plan, scenarios, vendors
from smedx.i18n import using
from smedx.models import genai as genai_model
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.models.plan import build_plan
from smedx.models.scenarios import goal_catalogue, rank_scenarios
from smedx.models.vendors import example_vendors, score_vendors
from smedx.reports import charts as report_charts
from smedx.reports import cohort, industry, members, synthetic

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Two English words in a row (plotly's %{...} placeholders and tags taken out first): what an
# English title, axis or note leaves in a Chinese chart.
ENGLISH = re.compile(r"\b[A-Za-z]{3,}[ -][A-Za-z]{3,}\b")
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<[^>]*>")
# Shown as they are in both editions: official document numbers (工信厅企业〔2020〕10号), the
# term 专精特新 and quoted originals ('一张网') in the policies' English summaries.
ORIGINAL = re.compile(r"\S*〔\d{4}〕\d+号|专精特新|'[\u4e00-\u9fff]+'")
# Where a reader sees text: plotly's other strings (textposition, symbol …) are settings.
SHOWN = {"text", "name", "hovertemplate", "hovertext", "ticktext", "values", "x", "y", "title"}


@pytest.fixture(scope="module")
def results():
    answers = {it.id: it.options[1].id for it in questionnaire().items}
    result = assess(answers)
    profile = CompanyProfile(industry="retail")
    ranking = rank_scenarios(profile, result.stage, list(goal_catalogue())[:2], "1_2")
    vendor_ranking = score_vendors(example_vendors())
    portfolio = genai_model.prioritise(profile, result.stage)
    action_plan = build_plan(result, revenue_10k_cny=1000.0, budget_share=1.5, horizon_months=12)
    table = members.from_records(synthetic.members(30, seed=1)).members
    brief = industry.brief("retail")
    return dict(
        assessment=result,
        scenarios=ranking,
        vendors=vendor_ranking,
        topsis=score_vendors(example_vendors(), method="topsis"),
        genai=portfolio,
        plan=action_plan,
        comparison=cohort.comparisons(table)[0],
        segments=cohort.segments(table, "industry"),
        scores=cohort.scores(table),
        findings=brief.findings,
    )


def _findings(r, lang=None):
    first = r["findings"][0]
    same = [f for f in r["findings"] if f.figure_id == first.figure_id]
    return report_charts.industry_findings(same, "retail", lang)


# name -> a function of (results, lang) that draws one chart
CHARTS = {
    "bar": lambda r, lang=None: charts.bar("2.2.2", lang=lang),
    "compare": lambda r, lang=None: charts.compare("3.1.2.1", "year", lang=lang),
    "radar": lambda r, lang=None: assessment.radar(r["assessment"], lang),
    "stage_distribution": lambda r, lang=None: assessment.stage_distribution(
        r["assessment"].stage, lang
    ),
    "investment_distribution": lambda r, lang=None: assessment.investment_distribution(
        "1_2", 1.5, lang
    ),
    "segment_bars": lambda r, lang=None: assessment.segment_bars(
        "2.1.3", "lt1", "industry", lang=lang
    ),
    "gap_grid": lambda r, lang=None: assessment.gap_grid("2.2.2", "industry", lang=lang),
    "outcomes_by_case": lambda r, lang=None: cases.outcomes_by_case(lang),
    "before_after": lambda r, lang=None: cases.before_after(lang),
    "claim_check": lambda r, lang=None: cases.claim_check(lang),
    "policy_timeline": lambda r, lang=None: context.policy_timeline(lang),
    "policy_table": lambda r, lang=None: context.policy_table(lang, dated=None),
    "smedi_chart": lambda r, lang=None: context.smedi_chart(lang),
    "xiaojuren_chart": lambda r, lang=None: context.xiaojuren_chart(lang),
    "effects_chart": lambda r, lang=None: context.effects_chart(lang),
    "goals_heatmap": lambda r, lang=None: context.goals_heatmap(lang),
    "sample_sizes_chart": lambda r, lang=None: context.sample_sizes_chart(lang),
    "share_sums_chart": lambda r, lang=None: context.share_sums_chart(lang=lang),
    "awareness_gap": lambda r, lang=None: genai.awareness_gap(lang),
    "challenge_repeat": lambda r, lang=None: genai.challenge_repeat(lang),
    "quadrant": lambda r, lang=None: genai.quadrant(r["genai"], lang),
    "timeline": lambda r, lang=None: plan.timeline(r["plan"], lang),
    "budget": lambda r, lang=None: plan.budget(r["plan"], lang),
    "help_chart": lambda r, lang=None: plan.help_chart(r["plan"], lang),
    "score_parts": lambda r, lang=None: scenarios.score_parts(r["scenarios"], lang),
    "scenario_change": lambda r, lang=None: scenarios.scenario_change(lang),
    "repeated_values": lambda r, lang=None: scenarios.repeated_values(lang),
    "vendor_ranking": lambda r, lang=None: vendors.vendor_ranking(r["vendors"], lang),
    "vendor_ranking_topsis": lambda r, lang=None: vendors.vendor_ranking(r["topsis"], lang),
    "vendor_sensitivity": lambda r, lang=None: vendors.vendor_sensitivity(r["vendors"], lang),
    "criteria_weights": lambda r, lang=None: vendors.criteria_weights(lang),
    "report_comparison": lambda r, lang=None: report_charts.comparison(r["comparison"], lang),
    "report_segments": lambda r, lang=None: report_charts.segments(r["segments"], "T", lang),
    "report_scores": lambda r, lang=None: report_charts.scores(r["scores"], lang),
    "report_findings": _findings,
}


def shown_text(fig, user_input: tuple[str, ...] = ()) -> list[str]:
    """Every text of the figure a reader sees: titles, axis titles and ticks, trace names,
    bar labels, hover text and templates, table cells, annotations (the source line); without
    what the user typed (vendor names)."""
    out: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k != "template":
                    walk(v, k if k in SHOWN or key not in SHOWN else key)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in SHOWN:
            for typed in user_input:
                node = node.replace(typed, " ")
            out.append(ORIGINAL.sub(" ", PLACEHOLDER.sub(" ", node)))

    walk(fig.to_plotly_json())
    return [t for t in out if t.strip()]


def typed(results) -> tuple[str, ...]:
    return tuple(v.name for v in results["vendors"].ranked)


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_chart_in_chinese_shows_no_english_sentence(results, name):
    with using("zh"):
        texts = shown_text(CHARTS[name](results), typed(results))
    assert any(CJK.search(t) for t in texts), texts
    english = [t for t in texts if ENGLISH.search(t)]
    assert not english, english


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_chart_in_english_shows_no_chinese(results, name):
    with using("en"):
        texts = shown_text(CHARTS[name](results), typed(results))
    chinese = [t for t in texts if CJK.search(t)]
    assert not chinese, chinese


@pytest.mark.parametrize("name", ["policy_timeline", "quadrant", "report_comparison"])
def test_lang_argument_and_current_language_draw_the_same(results, name):
    with using("en"):
        current = CHARTS[name](results).to_plotly_json()
    with using("zh"):  # an explicit lang wins over the current language, and does not stay
        explicit = CHARTS[name](results, "en").to_plotly_json()
        assert CJK.search(str(CHARTS[name](results).layout.title.text))
    assert explicit == current


def test_an_unknown_language_is_refused():
    from smedx.errors import KitError

    with pytest.raises(KitError, match="zh or en"):
        context.smedi_chart("fr")
