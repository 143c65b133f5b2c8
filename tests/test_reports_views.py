"""Every section of every report view builds, in both languages, for the sample inputs and for
the sparse ones (a plan without its assessment, a cohort of three, an industry without data),
without a kernel: the rendering tests then only need to check the pipeline around them."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from smedx import data
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import INDUSTRIES, STAGE_ORDER
from smedx.models.plan import build_plan, plan_to_json
from smedx.reports import company, members, synthetic
from smedx.reports.cohort_view import CohortReport
from smedx.reports.company_view import CompanyReport
from smedx.reports.industry_view import IndustryBrief
from smedx.reports.page import Page

COMPANY_SECTIONS = (
    "header",
    "summary",
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


# What a printed page must not say: hover instructions and files of the repository. Checked on
# the text and on every string of the charts' JSON (plotly writes non-ASCII as \\uXXXX), with the
# names of plotly's hover attributes taken out first.
NOT_PRINTED = re.compile(
    r"悬停|鼠标|hover|datasets/|docs/|reports/|modules/|widgets/|smedx/|\.ipynb|\.md\b", re.I
)
HOVER_ATTRIBUTES = re.compile(
    r'"hover(?:template|text|info|label|mode|on|distance|format)"|%\{hover\w*\}'
)


def printed_text(html: str) -> str:
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), html)
    return HOVER_ATTRIBUTES.sub('"attribute"', unescaped)


def not_printed(html: str) -> list[str]:
    page = printed_text(html)
    return [page[max(0, m.start() - 60) : m.end() + 20] for m in NOT_PRINTED.finditer(page)]


def bullets(html: str) -> list[str]:
    return [unescape(text(li)).strip() for li in re.findall(r"<li>(.*?)</li>", html)]


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
    plan = build_plan(assess(answers), revenue_10k_cny=2000, budget_share=2.0)
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


# --------------------------------------------------------------------------------------------
# The summary at the top (要点) and what a printed page says.


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["C001_trading.json", "C002_parts.json", "C003_software.json"])
def test_company_summary_states_the_results(root, name, lang):
    report = CompanyReport.load(root / "reports/examples/companies" / name, 0, lang, "T")
    html = report.summary().html
    assert html.startswith('<section class="smedx-report" id="summary"><h2>')
    assert ("<h2>要点</h2>" if lang == "zh" else "<h2>Summary</h2>") in html
    lines = bullets(html)
    assert 3 <= len(lines) <= 5
    a, r = report.r.assessment, report.r
    stage = a.stage_label_zh if lang == "zh" else a.stage_label_en
    assert f"“{stage}”" in lines[0] or f"'{stage}'" in lines[0]
    assert f"{a.total}/{a.max_total}" in lines[0] and str(len(a.gaps)) in lines[0]
    national = next(s for s in r.benchmark.statements if s.topic == "stage_distribution")
    assert lines[1] == (national.text_zh if lang == "zh" else national.text_en)
    weakest = min(a.dimensions.values(), key=lambda d: d.score / d.max)  # worked out here
    assert f"{weakest.score}/{weakest.max}" in lines[2]
    assert (weakest.label_zh if lang == "zh" else weakest.label_en) in lines[2]
    joined = " ".join(lines)
    if r.scenarios is not None:
        first = r.scenarios.ranked[0]
        assert (first.label_zh if lang == "zh" else first.label_en) in joined
    if r.plan is not None:
        amount = r.plan.budget.amount_10k_cny
        assert (f"{amount:,.2f} 万元" if lang == "zh" else f"CNY {amount * 10_000:,.0f}") in joined
    else:
        assert "行动计划" not in joined and "Action plan" not in joined


def test_company_summary_of_a_plan_alone(tmp_path):
    answers = {it.id: "d" for it in questionnaire().items}
    plan = build_plan(assess(answers), revenue_10k_cny=2000, budget_share=2.0)
    path = tmp_path / "plan.json"
    path.write_text(plan_to_json(plan), encoding="utf-8")
    lines = bullets(CompanyReport.load(str(path), 0, "zh", "T").summary().html)
    assert 3 <= len(lines) <= 5
    assert f"“{plan.stage.current_zh}”" in lines[0] and "行动计划所记录" in lines[0]
    assert any("40.00 万元" in line for line in lines)  # 2000 x 2%


def independent_stage_counts(loaded) -> dict[str, int]:
    stages = list(loaded.members["stage"])
    return {key: stages.count(key) for key in STAGE_ORDER}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cohort_summary_states_the_comparisons(lang):
    loaded = members.from_records(synthetic.members(40, seed=12))
    report = CohortReport(loaded, Page(lang, "T"), "X")
    html = report.summary().html
    assert (
        'id="summary"' in html and ("<h2>要点</h2>" if lang == "zh" else "<h2>Summary</h2>") in html
    )
    lines = bullets(html)
    assert 3 <= len(lines) <= 5
    counts = independent_stage_counts(loaded)
    top = max(STAGE_ORDER, key=lambda k: counts[k])  # the first of the largest, in stage order
    national = data.stat("2.2.2", top).value
    assert f"{100 * counts[top] / 40:.1f}%" in lines[0] and f"{national:.1f}%" in lines[0]
    gaps = {
        k: round(round(100 * counts[k] / 40, 1) - data.stat("2.2.2", k).value, 1) for k in counts
    }
    widest = max(STAGE_ORDER, key=lambda k: abs(gaps[k]))
    assert f"{gaps[widest]:+.1f}" in lines[1]
    if abs(gaps[widest]) < 15.5:  # the worst-case 95% margin for 40 members
        assert "误差范围" in lines[1] or "margin of error" in lines[1]


def test_cohort_summary_of_members_who_gave_their_stage_only():
    recs = [
        {"id": f"S{i}", "stage": stage}
        for i, stage in enumerate(["local_build"] * 6 + ["innovation"] * 2)
    ]
    lines = bullets(CohortReport(members.from_records(recs), Page("zh", "T")).summary().html)
    assert len(lines) == 3
    assert "“局部建设阶段”（会员 75.0%" in lines[0]
    local = data.stat("2.2.2", "local_build").value  # 6 of 8 against the survey: the widest gap
    assert f"“局部建设阶段”：+{75.0 - local:.1f} 个百分点" in lines[1]
    assert "±34.6 个百分点" in lines[2]  # 1.96 x sqrt(0.25 / 8)


def test_cohort_summary_of_three_shows_no_member_number():
    loaded = members.from_records(synthetic.members(3, seed=5, stage_only_share=0.0))
    lines = bullets(CohortReport(loaded, Page("zh", "T")).summary().html)
    assert len(lines) == 1 and "少于 5 家" in lines[0] and "%" not in lines[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_pages_say_nothing_that_needs_a_mouse_or_the_repository(root, lang):
    pages = []
    for name in ("C001_trading.json", "C002_parts.json", "C003_software.json"):
        report = CompanyReport.load(root / "reports/examples/companies" / name, 0, lang, "T")
        pages += [getattr(report, s)().html for s in COMPANY_SECTIONS]
    cohort_report = CohortReport(members.from_records(synthetic.members(40, seed=12)), Page(lang))
    pages += [cohort_report.header().html, cohort_report.summary().html]
    pages += [cohort_report.overview().html, cohort_report.segments().html]
    pages += [cohort_report.comparison(t).html for t in TOPICS]
    pages += [cohort_report.scores().html, cohort_report.caveats().html]
    for key in INDUSTRIES:
        brief = IndustryBrief.load(key, lang, "T")
        pages += [getattr(brief, s)().html for s in ("headline", "findings", "gaps", "use_cases")]
        pages.append(brief.footer().html)
    found = [hit for page in pages for hit in not_printed(page)]
    assert not found, found[:5]


def test_printed_text_check_finds_what_it_looks_for():
    """The check above can fail: a hover hint or a repository path in a chart or a text is found."""
    from smedx.charts import plan as plan_charts
    from smedx.reports.page import Page as ReportPage

    answers = {it.id: "b" for it in questionnaire().items}
    plan = build_plan(assess(answers), revenue_10k_cny=2000, budget_share=2.0)
    page = ReportPage("zh", "T")
    assert not_printed(page.chart(plan_charts.timeline(plan)))  # the app's chart says 悬停
    assert not not_printed(page.chart(plan_charts.timeline(plan, printed=True)))
    assert not_printed(page.para("方法见 docs/methodology.md"))
    assert not not_printed(page.chart(plan_charts.timeline(plan, "en", printed=True)))


def test_source_notes_are_wrapped_to_fit_a_narrow_chart():
    import plotly.graph_objects as go

    from smedx.charts import add_source
    from smedx.reports.page import fit_notes, note_width, text_width, wrap_note

    note = (
        "数据来源：《中国中小企业数字化转型报告 2024》图 3.3.2.1，N=494；"
        "会员数据：N=57（本课程自评问卷与会员表）"
    )
    wrapped = wrap_note(note, 300)
    lines = wrapped.split("<br>")
    assert len(lines) >= 2 and all(text_width(line) <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == note.replace(" ", "")  # nothing lost
    for line, after in zip(lines, lines[1:], strict=False):  # broken after punctuation or a space
        assert line[-1] in "，；、。" or f"{line} {after}" in note
    assert wrap_note("short", 300) == "short"
    long_word = "x" * 100
    assert all(text_width(part) <= 300 for part in wrap_note(long_word, 300).split("<br>"))

    fig = add_source(
        go.Figure(go.Bar(y=["一个很长的横向条形标签"] * 2, x=[1, 2], orientation="h")), note
    )
    fitted = fit_notes(fig)
    assert fig.layout.annotations[0].text == note  # the caller's figure is left as it was
    added = fitted.layout.annotations[0].text.count("<br>")
    assert added >= 1 and fitted.layout.margin.b == 80 + 17 * added
    assert fitted.layout.annotations[0].align == "left"
    assert note_width(fig) < note_width(go.Figure(go.Bar(x=[1], y=[1])))  # labels take room
