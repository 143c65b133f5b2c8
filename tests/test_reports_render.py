"""The reports rendered for real: papermill runs each template in a kernel, nbconvert exports the
HTML, through `smedx report ...` (its own argparse parser). Checked: every report renders for the
sample inputs, the numbers in the HTML equal the models' results, bad inputs are named while the
rest still render (non-zero exit), anonymity, determinism, and that the pages draw their charts
offline in a real browser."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).parent / "browser"))  # the browser tests' shared settings
from harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from smedx import charts, data
from smedx.assets import plotly_bundle_info
from smedx.assets import plotly_js as kit_bundle
from smedx.cli import report as cli
from smedx.models.assessment import assess
from smedx.models.benchmark import benchmark
from smedx.models.common import CompanyProfile
from smedx.models.genai import prioritise
from smedx.models.scenarios import rank_scenarios
from smedx.reports import company, render, synthetic
from smedx.reports.render import plotly_js
from smedx.ui.plan_export import plan_html

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "reports" / "examples"
STAMP = re.compile(r'<span class="smedx-generated">[^<]*</span>')
ARTIFACTS = ROOT / "test-artifacts" / "reports"
MAX_BYTES = 1_500_000  # a report or plan a manager opens from an e-mail
BUILD_SCRIPT = ROOT / "tools" / "plotly-bundle" / "build.js"
# What a printed page must not say: hover instructions and files of the repository.
NOT_PRINTED = re.compile(
    r"悬停|鼠标|hover|datasets/|docs/|reports/|modules/|widgets/|smedx/|\.ipynb|\.md\b", re.I
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*argv, "--no-progress"])
    return code, out.getvalue(), err.getvalue()


def body(html: str) -> BeautifulSoup:
    """The page after the head (plotly.js and the CSS are skipped: faster to parse)."""
    return BeautifulSoup(html[html.index("<main>") :], "html.parser")


def rows(soup: BeautifulSoup, table_id: str) -> dict[str, list[str]]:
    table = soup.find("table", id=table_id)
    assert table is not None, f"no table {table_id}"
    return {
        tr["data-key"]: [td.get_text() for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if tr.has_attr("data-key")
    }


def self_contained(html: str) -> None:
    """plotly.js once, every chart a fixed-id div, nothing from the network, no code."""
    assert html.count(plotly_js()) == 1
    page = html[html.index("<main>") :]
    charts = re.findall(r'id="(smedx-chart-\d+)"', page)
    assert charts == [f"smedx-chart-{i}" for i in range(1, len(charts) + 1)]
    assert page.count("Plotly.newPlot(") == len(charts) >= 1
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html)
    assert "jp-InputArea" not in page and "from smedx" not in page


# --------------------------------------------------------------------------------------------
# Company reports: a batch from a folder, one file broken.


@pytest.fixture(scope="module")
def company_batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("companies")
    for path in (EXAMPLES / "companies").glob("*.json"):
        shutil.copy(path, folder / path.name)
    (folder / "broken.json").write_text('{"id": "B1", "answers": {"F1": "a"}}', "utf-8")
    out = tmp_path_factory.mktemp("out")
    code, stdout, stderr = run("report", "company", str(folder), "--out", str(out), "--jobs", "2")
    return code, stdout, stderr, out


def test_company_batch_renders_the_good_files_and_names_the_bad_one(company_batch):
    code, stdout, stderr, out = company_batch
    assert code == cli.EXIT_BAD_INPUT
    assert sorted(p.name for p in out.glob("*.html")) == [
        "C001.html",
        "C002_parts.html",
        "C003.html",
    ]
    assert "broken.json (B1)" in stderr and "未作答：F2" in stderr and "Error" not in stderr
    assert "已生成 3 份报告；输入有误 1 处；生成失败 0 份。" in stderr
    assert stdout.count(".html") == 3
    for path in out.glob("*.html"):
        self_contained(path.read_text("utf-8"))


def test_company_report_numbers_equal_the_models(company_batch):
    out = company_batch[3]
    raw = json.loads((EXAMPLES / "companies" / "C001_trading.json").read_text("utf-8"))
    profile = CompanyProfile.from_dict(raw["profile"])
    a = assess(raw["answers"], profile)
    soup = body((out / "C001.html").read_text("utf-8"))

    assert soup.find(id="stage-label").get_text() == a.stage_label_zh
    stage = {
        tr.th.get_text() if tr.th else tr.td.get_text(): tr
        for tr in soup.find(id="stage-table").find_all("tr")
    }
    assert stage["总分"].find_all("td")[-1].get_text() == f"{a.total}/100"
    dims = rows(soup, "dimension-table")
    assert list(dims) == list(a.dimensions)
    for key, d in a.dimensions.items():
        assert dims[key][1] == f"{d.score}/{d.max}"

    texts = {div["data-topic"]: div.p.get_text() for div in soup.find_all(class_="smedx-statement")}
    for s in benchmark(a).statements:
        assert texts[s.topic] == s.text_zh

    band = profile.investment_band
    ranking = rank_scenarios(profile, a.stage, raw["goals"], band)
    scen = rows(soup, "scenario-table")
    assert list(scen) == ranking.keys()[:5]
    for s in ranking.ranked[:5]:
        assert scen[s.key][2] == f"{s.score:.1f}"

    pilots = prioritise(profile, a.stage, data_readiness="scattered", skills="basic").shortlist
    assert list(rows(soup, "pilot-table")) == [p.key for p in pilots]

    plan = soup.find(id="plan-table").get_text()
    assert f"{3200 * 1.5 / 100:,.2f} 万元" in plan


def test_company_report_from_a_plan_bundle_in_english(tmp_path):
    bundle = EXAMPLES / "companies" / "C003_software.json"
    job = cli.company_jobs([str(bundle)], "en")[0][0]
    outcome = render.render(job, tmp_path, "en", "2024-01-01 00:00")
    assert outcome.ok, outcome.error_en
    assert outcome.path.endswith("C003.en.html")
    html = Path(outcome.path).read_text("utf-8")
    self_contained(html)
    soup = body(html)
    raw = json.loads(bundle.read_text("utf-8"))
    assert soup.find(id="stage-label").get_text() == raw["assessment"]["stage_label_en"]
    vendors = soup.find(id="vendor-table").get_text()
    assert "(fictional)" in vendors  # the kit's example vendors stay labelled
    assert "read from the input (checksum verified)" in soup.get_text()
    assert '<html lang="en">' in html


# --------------------------------------------------------------------------------------------
# Cohort report.


@pytest.fixture(scope="module")
def cohort_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("cohort")
    inputs = [str(EXAMPLES / "members.csv"), str(EXAMPLES / "members")]
    code, stdout, stderr = run("report", "cohort", *inputs, "--name", "示例协会", "--out", str(out))
    return code, stderr, out / "cohort_示例协会.html", inputs


def independent_members() -> list[dict]:
    """The example members' stages and goals, read and scored here with the model only."""
    import pandas as pd

    out = []
    table = pd.read_csv(EXAMPLES / "members.csv", dtype=str, keep_default_na=False)
    items = [c for c in table.columns if re.fullmatch(r"[FOMR]\d", c)]
    for row in table.to_dict("records"):
        stage = row["stage"] or assess({i: row[i] for i in items}).stage
        out.append({"stage": stage, "goals": row["goals"].split(";") if row["goals"] else None})
    for path in sorted((EXAMPLES / "members").iterdir()):
        text = path.read_text("utf-8")
        for rec in map(json.loads, text.splitlines() if path.suffix == ".jsonl" else [text]):
            if rec.get("kind") == "plan":
                stage = rec["stage"]["current"]
            else:
                answers = rec.get("answers") or rec["assessment"]["answers"]
                stage = assess(answers).stage
            out.append({"stage": stage, "goals": rec.get("goals")})
    return out


def test_cohort_report_numbers_equal_the_models(cohort_report):
    code, stderr, path, _inputs = cohort_report
    assert code == 0, stderr
    html = path.read_text("utf-8")
    self_contained(html)
    soup = body(html)

    expected = independent_members()
    n = len(expected)
    stages = [m["stage"] for m in expected]
    assert rows(soup, "overview-table")["members"][1] == str(n)
    got = rows(soup, "stage-table")
    for key, cells in got.items():
        count = stages.count(key)
        assert cells[1] == str(count)
        assert cells[2] == f"{100 * count / n:.1f}%"
        assert cells[3] == f"{data.stat('2.2.2', key).value:.1f}%"
    assert sum(int(c[1]) for c in got.values()) == n

    answered = [m["goals"] for m in expected if m["goals"] is not None]
    goals = rows(soup, "goals-table")
    for key, cells in goals.items():
        count = sum(key in g for g in answered)
        assert cells[1] == str(count)
        assert cells[2] == f"{100 * count / len(answered):.1f}%"
        assert cells[3] == f"{data.stat('S3.1.1-goals', key).value:.1f}%"
    for key, cells in rows(soup, "challenges-table").items():
        assert cells[3] == f"{data.stat('3.3.1.1', key).value:.1f}%"
    text = soup.get_text()
    assert f"会员 N={n}" in text and "全国调查 N=500" in text


def test_cohort_report_is_deterministic(cohort_report, tmp_path):
    _code, _stderr, path, inputs = cohort_report
    [job], _problems, _cohort = cli.cohort_jobs(inputs, "示例协会", "zh")
    again = render.render(job, tmp_path, "zh", "1999-01-01 00:00")
    assert again.ok, again.error_en
    first, second = path.read_text("utf-8"), Path(again.path).read_text("utf-8")
    assert first != second  # the generation time differs ...
    assert STAMP.sub("", first) == STAMP.sub("", second)  # ... and nothing else


def test_cohort_of_three_with_a_broken_file(tmp_path):
    three = synthetic.members_table(3, seed=8).to_csv(tmp_path / "three.csv", index=False)
    assert three is None
    (tmp_path / "old.csv").write_text("name,stage\nX,local_build\n", "utf-8")  # no company_id
    code, _stdout, stderr = run(
        "report", "cohort", str(tmp_path / "three.csv"), str(tmp_path / "old.csv"),
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert code == cli.EXIT_BAD_INPUT
    assert "old.csv" in stderr and "company_id" in stderr
    html = (tmp_path / "out" / "cohort_three.html").read_text("utf-8")
    soup = body(html)
    text = soup.get_text()
    assert "少于 5 家" in text
    for topic in ("stage", "investment", "goals", "challenges", "help_wanted"):
        assert soup.find(id=f"{topic}-table") is None  # no member numbers at all
    assert soup.find(id="overview-table") is None and soup.find(id="dimension-table") is None
    self_contained(html)


def test_empty_cohort_renders_nothing(tmp_path):
    (tmp_path / "empty.csv").write_text("company_id,stage\n", "utf-8")
    code, _stdout, stderr = run(
        "report", "cohort", str(tmp_path / "empty.csv"), "--out", str(tmp_path / "o")
    )
    assert code == cli.EXIT_BAD_INPUT
    assert "会员群体为空" in stderr and "the cohort is empty" not in stderr
    argv = ["report", "cohort", str(tmp_path / "empty.csv"), "--out", str(tmp_path / "o")]
    stderr = run(*argv, "--lang", "en")[2]
    assert "Error: " in stderr and "the cohort is empty" in stderr and "错误" not in stderr
    assert "0 report(s) rendered; 1 input problem(s); 0 report(s) failed." in stderr
    assert not list(tmp_path.glob("o/*.html"))


# --------------------------------------------------------------------------------------------
# Industry brief.


@pytest.fixture(scope="module")
def industry_en(tmp_path_factory):
    out = tmp_path_factory.mktemp("industry")
    code, _stdout, stderr = run(
        "report",
        "industry",
        "discrete_manufacturing",
        "shipbuilding",
        "--out",
        str(out),
        "--lang",
        "en",
    )
    return code, stderr, out / "industry_discrete_manufacturing.en.html"


def test_industry_brief_in_english(industry_en):
    code, stderr, path = industry_en
    assert code == cli.EXIT_BAD_INPUT and "shipbuilding" in stderr
    html = path.read_text("utf-8")
    self_contained(html)
    soup = body(html)
    cells = rows(soup, "finding-2.1.3")["1_2"]
    assert cells[1] == f"{data.stat('2.1.3', '1_2', 'discrete_manufacturing').value:.1f}%"
    assert cells[2] == f"{data.stat('2.1.1', '1_2').value:.1f}%"
    assert "2.2.2" in rows(soup, "gap-table")
    assert "Industry brief" in soup.get_text()


# --------------------------------------------------------------------------------------------
# The kit's plotly.js bundle.


def test_plotly_bundle_is_plotly_pys_version_with_the_kits_trace_types():
    from plotly.offline import get_plotlyjs_version

    version, traces = plotly_bundle_info()
    assert version == get_plotlyjs_version()  # rebuild tools/plotly-bundle when plotly changes
    assert traces == charts.TRACE_TYPES
    listed = re.search(r"const TRACES = \[([^\]]*)\]", BUILD_SCRIPT.read_text("utf-8"))[1]
    assert tuple(re.findall(r"'(\w+)'", listed)) == charts.TRACE_TYPES
    js = kit_bundle()
    assert len(js.encode()) < 1_200_000  # plotly's full bundle is 4.8 MB
    assert "window.Plotly = Plotly;" in js and "newPlot" in js
    for trace in charts.TRACE_TYPES:  # each trace module registers under its name
        assert f'name:"{trace}"' in js
    assert 'name:"pie"' not in js and 'name:"scattergl"' not in js


# --------------------------------------------------------------------------------------------
# What a manager opens by e-mail: every kind of page, small, offline, printable.


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """The company and cohort reports in English."""
    out = tmp_path_factory.mktemp("english")
    jobs = [cli.company_jobs([str(EXAMPLES / "companies" / "C001_trading.json")], "en")[0][0]]
    inputs = [str(EXAMPLES / "members.csv"), str(EXAMPLES / "members")]
    jobs.append(cli.cohort_jobs(inputs, "示例协会", "en")[0][0])
    paths = []
    for job in jobs:
        outcome = render.render(job, out, "en", "2024-01-01 00:00")
        assert outcome.ok, outcome.error_en
        paths.append(Path(outcome.path))
    return paths


@pytest.fixture(scope="module")
def industry_zh(tmp_path_factory):
    out = tmp_path_factory.mktemp("industry_zh")
    code, _stdout, stderr = run("report", "industry", "discrete_manufacturing", "--out", str(out))
    assert code == 0, stderr
    return out / "industry_discrete_manufacturing.html"


@pytest.fixture(scope="module")
def plan_page(tmp_path_factory):
    """The action plan as the plan app downloads it, for the example company C001."""
    plan = company.load(EXAMPLES / "companies" / "C001_trading.json").plan
    path = tmp_path_factory.mktemp("plan") / "plan.html"
    path.write_text(plan_html(plan), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(company_batch, cohort_report, industry_zh, industry_en, plan_page, english):
    """name -> path of every kind of page, in both languages where the page has two."""
    out = company_batch[3]
    found = {
        "company": out / "C001.html",
        "company-parts": out / "C002_parts.html",
        "company-software": out / "C003.html",
        "cohort": cohort_report[2],
        "industry": industry_zh,
        "industry-en": industry_en[2],
        "plan": plan_page,
        "company-en": english[0],
        "cohort-en": english[1],
    }
    for path in found.values():
        assert path.exists(), path
    return found


def test_every_page_is_at_most_1_5_mb_and_needs_no_network(pages):
    for name, path in pages.items():
        html = path.read_text("utf-8")
        size = path.stat().st_size
        assert size <= MAX_BYTES, f"{name}: {size:,} bytes"
        assert html.count("window.Plotly = Plotly;") == 1, name  # plotly.js once
        assert kit_bundle() in html, name  # the kit's bundle, not plotly's full one
        soup = BeautifulSoup(html, "html.parser")  # script bodies stay text, not tags
        remote = [
            f"<{tag.name} {attr}={tag[attr]}>"
            for tag in soup.find_all(True)
            for attr in ("src", "href", "srcset", "data", "action")
            if tag.has_attr(attr) and re.match(r"\s*(https?:)?//", str(tag[attr]))
        ]
        styles = " ".join(style.get_text() for style in soup.find_all("style"))
        remote += re.findall(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//[^)'\"]*", styles)
        assert not remote, (name, remote[:3])


NARROW = {"width": 760, "height": 900}
RESIZED_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .every(gd => Math.abs(gd._fullLayout.width - gd.clientWidth) <= 1)"""
# The notes under the charts (source lines) whose text runs past their chart's edge.
CUT_NOTES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd => {
    const box = gd.getBoundingClientRect();
    return Array.from(gd.querySelectorAll('.annotation-text'))
        .filter(t => t.getBoundingClientRect().right > box.right + 1)
        .map(t => gd.id + ': ' + t.textContent.slice(0, 60));
})"""


def printed(page) -> str:
    """What a page shows and prints: its text and the text plotly drew in the charts."""
    return page.evaluate(
        """() => document.body.innerText + '\\n' +
        Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join('\\n')"""
    )


def test_every_page_draws_its_charts_offline_in_a_browser_and_prints_cleanly(pages):
    """Chromium opens each page from disk: every chart is drawn by the kit's plotly.js bundle,
    nothing is logged as an error, nothing is fetched, the printed text has no hover hint and no
    repository path, the company and cohort reports start with their summary, and in a 760 px
    window every chart's source note still fits inside the chart. Screenshots
    (and a PDF of the company report, as "Print -> Save as PDF" makes it) go to
    test-artifacts/reports/."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, path in pages.items():
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                errors, remote = [], []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on(
                    "console",
                    lambda m, errors=errors: (
                        errors.append(f"{m.type}: {m.text}") if m.type == "error" else None
                    ),
                )
                page.on(
                    "request",
                    lambda r, remote=remote: (
                        remote.append(r.url)
                        if not r.url.startswith(("file:", "data:", "blob:"))
                        else None
                    ),
                )
                page.goto(path.as_uri())
                charts_js = "document.querySelectorAll('.plotly-graph-div, div.chart')"
                page.wait_for_function(  # plotly draws each chart as svg.main-svg layers
                    f"Array.from({charts_js}).every(d => d.querySelector('svg.main-svg'))",
                    timeout=60_000,
                )
                count = page.evaluate(f"{charts_js}.length")
                assert count >= 3, (name, count)
                assert page.evaluate("Plotly.version") == plotly_bundle_info()[0]
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
                if name == "company":
                    page.emulate_media(media="print")
                    page.pdf(path=str(ARTIFACTS / f"{name}.pdf"), format="A4")
                text = printed(page)
                hits = [
                    text[max(0, m.start() - 40) : m.end() + 20] for m in NOT_PRINTED.finditer(text)
                ]
                assert not hits, (name, hits)
                if name.startswith(("company", "cohort")):
                    first = page.evaluate("document.querySelector('section.smedx-report').id")
                    assert first == "summary", name
                    assert page.locator("#summary li").count() >= 3, name
                page.emulate_media(media="screen")
                page.set_viewport_size(NARROW)  # a small window: the charts follow its width
                page.wait_for_function(RESIZED_JS, timeout=30_000)
                cut = page.evaluate(CUT_NOTES_JS)
                assert not cut, (name, cut)  # every chart still says where its numbers come from
                assert not errors, (name, errors)
                assert not remote, (name, remote)
                page.close()
        finally:
            browser.close()


def test_a_kernel_that_died_before_starting_is_started_once_more():
    """The port race of two workers kills a kernel before any cell ran: render tries once more;
    any other failure is reported as it is, at once."""
    from smedx.reports import render as r

    class Papermill:
        def __init__(self, *errors):
            self.errors, self.calls = list(errors), 0

        def execute_notebook(self, *args, **kwargs):
            self.calls += 1
            if self.errors:
                raise self.errors.pop(0)
            return "notebook"

    died = RuntimeError(r.KERNEL_START_FAILED)
    flaky = Papermill(died)
    assert r._execute(flaky, "t.ipynb") == "notebook" and flaky.calls == 2
    broken = Papermill(RuntimeError("a cell failed"))
    with pytest.raises(RuntimeError, match="a cell failed"):
        r._execute(broken, "t.ipynb")
    assert broken.calls == 1
    twice = Papermill(died, died)
    with pytest.raises(RuntimeError, match="kernel_info"):
        r._execute(twice, "t.ipynb")
