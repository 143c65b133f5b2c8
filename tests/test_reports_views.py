"""Every section of every report view builds, in both languages, for the sample inputs and for
the sparse ones (a plan without its assessment, a cohort of three, an industry without data),
without a kernel: the rendering tests then only need to check the pipeline around them."""

from __future__ import annotations

import json
import re

import pytest

from smedx.models.assessment import assess, questionnaire
from smedx.models.common import INDUSTRIES
from smedx.models.plan import build_plan, plan_to_json
from smedx.reports import company, members, synthetic
from smedx.reports.cohort_view import CohortReport
from smedx.reports.company_view import CompanyReport
from smedx.reports.industry_view import IndustryBrief
from smedx.reports.page import Page

COMPANY_SECTIONS = (
    "header",
    "stage",
    "dimensions",
    "benchmark",
    "scenarios",
    "vendors",
    "genai",
    "plan",
    "footer",
)
TOPICS = ("stage", "investment", "goals", "challenges", "help_wanted")


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["C001_trading.json", "C002_parts.json", "C003_software.json"])
def test_company_sections_build(root, name, lang):
    report = CompanyReport.load(root / "reports/examples/companies" / name, 0, lang, "T")
    html = "".join(getattr(report, s)().html for s in COMPANY_SECTIONS)
    assert html.count('<section class="smedx-report"') == len(COMPANY_SECTIONS) - 1
    ids = re.findall(r'id="(smedx-chart-\d+)"', html)
    assert ids == [f"smedx-chart-{i}" for i in range(1, len(ids) + 1)] and len(ids) >= 5
    if lang == "en":  # no Chinese in an English report's own text (names are the user's)
        own = text(html.split('<section class="smedx-report" id="benchmark"')[0])
        own = own.replace(report.r.input.name, "").replace("(专精特新)", "")  # a model label
        assert not re.search(r"[\u4e00-\u9fff]", own), own[:400]


def test_company_report_from_a_plan_alone(tmp_path):
    answers = {it.id: "d" for it in questionnaire().items}
    plan = build_plan(assess(answers).to_dict(), revenue_10k_cny=2000, budget_share=2.0)
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    report = CompanyReport.load(str(path), 0, "zh", "T")
    assert report.r.assessment is None and report.r.plan == plan
    html = "".join(getattr(report, s)().html for s in COMPANY_SECTIONS)
    assert "输入是一份行动计划" in html and "输入中没有评估结果" in html
    assert plan.stage.current_zh in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cohort_sections_build(lang):
    loaded = members.from_records(synthetic.members(40, seed=12))
    report = CohortReport(loaded, Page(lang, "T"), "X")
    parts = [report.header(), report.overview(), *[report.comparison(t) for t in TOPICS]]
    parts += [report.segments(), report.scores(), report.caveats()]
    html = "".join(p.html for p in parts)
    for topic in TOPICS:
        assert f'id="{topic}-table"' in html
    assert 'id="segment-industry"' in html and 'id="level-table"' in html


def test_cohort_view_says_when_members_lack_a_question():
    recs = synthetic.members(12, seed=2)
    for rec in recs:
        rec.pop("challenges", None)
    report = CohortReport(members.from_records(recs), Page("en", "T"))
    html = report.comparison("challenges").html
    assert "has no answers to this question" in html and 'id="challenges-table"' not in html


def test_cohort_of_three_view_shows_no_member_numbers():
    loaded = members.from_records(synthetic.members(3, seed=5, stage_only_share=0.0))
    report = CohortReport(loaded, Page("zh", "T"))
    parts = [report.overview(), *[report.comparison(t) for t in TOPICS], report.segments()]
    parts.append(report.scores())
    html = "".join(p.html for p in parts)
    assert "少于 5 家" in html
    assert not re.search(r'id="(overview|stage|goals|segment-\w+|dimension|level)-table"', html)


def test_cohort_notes_left_out_records_without_naming_them():
    recs = synthetic.members(10, seed=6) + [{"id": "SECRET-CO", "stage": "bogus"}]
    loaded = members.from_records(recs)
    html = CohortReport(loaded, Page("zh", "T")).caveats().html
    assert "有 1 条记录或文件因输入错误未计入" in html and "SECRET-CO" not in html


@pytest.mark.parametrize("key", list(INDUSTRIES))
def test_industry_sections_build(key):
    for lang in ("zh", "en"):
        brief = IndustryBrief.load(key, lang, "T")
        html = "".join(
            getattr(brief, s)().html
            for s in ("header", "headline", "findings", "gaps", "use_cases", "footer")
        )
        assert 'id="gap-table"' in html
        findings = {f.figure_id for f in brief.b.findings}
        for figure_id in findings:
            assert f'id="finding-{figure_id}"' in html


def test_company_results_serialise_the_models(root):
    """The report shows what the models return: the results round-trip through their JSON."""
    res = company.load(root / "reports/examples/companies/C001_trading.json")
    assert json.loads(json.dumps(res.assessment.to_dict()))["total"] == res.assessment.total
    assert res.scenarios.to_dict()["ranked"][0]["key"] == res.scenarios.keys()[0]
