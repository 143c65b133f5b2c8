"""Every app in a real browser: it loads, its flow is clicked through, charts change, nothing
errs, the plan downloads as HTML that opens offline, and results travel by file and browser.

Screenshots of every app at 1366x768 are saved to test-artifacts/apps/ (look at them)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import (
    APP_SLUGS,
    CHROMIUM_ARGS,
    misfit_margins,
    no_horizontal_scroll,
    open_app,
    screenshot,
    text_problems,
    traces,
    wait_changed,
    wait_text,
)
from harness import APP_CHARTS, DRAWN_CHARTS_JS

from smedx.models.assessment import questionnaire
from smedx.ui.report_explorer import figure_options

pytestmark = pytest.mark.slow

DIMENSIONS = [d.label_zh for d in questionnaire().dimensions]


def test_gallery_links_every_app(context, server, watch, artifacts):
    page = context.new_page()
    watch.attach(page)
    page.goto(server.url)
    cards = page.locator(".smedx-card")
    assert cards.count() == len(APP_SLUGS)
    assert sorted(cards.evaluate_all("els => els.map(e => e.dataset.app)")) == sorted(APP_SLUGS)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert no_horizontal_scroll(page)
    screenshot(page, artifacts, "gallery")
    page.locator(".smedx-card[data-app=explorer]").click()
    page.wait_for_selector(".smedx-app-explorer .js-plotly-plot .main-svg", timeout=180_000)
    assert page.url.endswith("/voila/render/explorer.ipynb?lang=zh")  # the language goes along
    watch.assert_clean()


@pytest.mark.parametrize("slug", APP_SLUGS)
def test_app_loads_clean(context, server, watch, artifacts, slug):
    page = open_app(context, server, watch, slug, charts=APP_CHARTS[slug])
    page.wait_for_timeout(1000)  # let late widgets settle before the picture
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator(".smedx-topbar").inner_text().startswith("← 数转课堂")
    assert "Traceback" not in page.content()
    assert no_horizontal_scroll(page), "the page is wider than a 1366 px laptop screen"
    screenshot(page, artifacts, slug)
    assert not misfit_margins(page)
    assert not text_problems(page)  # no text cut off, clipped, on its side or overlapping
    watch.assert_clean()


def answer_questionnaire(page, option: int) -> None:
    """Answer every item the way a manager does: open each tab, choose in each dropdown."""
    for label in DIMENSIONS:
        page.locator(".lm-TabBar-tab", has_text=label).first.click()
        visible = page.locator(".widget-tab-contents select:visible")
        for i in range(visible.count()):
            visible.nth(i).select_option(index=option)


def test_assessment_flow(context, server, watch, artifacts):
    page = open_app(context, server, watch, "assessment", charts=3)
    radar_before = traces(page, 0)
    stage_before = traces(page, 1)
    answer_questionnaire(page, option=3)
    radar = wait_changed(page, radar_before, 0)
    assert any(v > 0 for v in radar[0]["r"])
    wait_changed(page, stage_before, 1)  # the company's stage is highlighted
    wait_text(page, ".smedx-app", "阶段：")
    wait_text(page, ".smedx-kind[data-kind=assessment][data-present=True]", "自评")

    # bad input: a clear message, nothing lost
    page.locator(".lm-TabBar-tab", has_text="企业信息").first.click()
    revenue = page.locator("input[placeholder='例如 8000']")
    for bad, needle in (("abc", "必须是一个有限的数字"), ("-5", "应在 [0, ∞] 之间")):
        revenue.fill(bad)
        revenue.press("Enter")
        wait_text(page, ".smedx-app", needle)
        page.locator(".lm-TabBar-tab", has_text=DIMENSIONS[0]).first.click()
        assert page.locator(".widget-tab-contents select:visible").first.input_value() != ""
        page.locator(".lm-TabBar-tab", has_text="企业信息").first.click()
    revenue.fill("8000")
    revenue.press("Enter")
    page.wait_for_function(
        "() => !document.querySelector('.smedx-app').innerText.includes('应在 [0, ∞] 之间')"
    )
    wait_text(page, ".smedx-app", "阶段：")
    screenshot(page, artifacts, "assessment-answered")
    watch.assert_clean()


def set_readout(page, index: int, value: float) -> None:
    """Type a weight into a slider's readout, as a user can."""
    readout = page.locator(".widget-slider .widget-readout").nth(index)
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{value:g}")
    page.keyboard.press("Enter")


def test_vendor_flow(context, server, watch, artifacts):
    page = open_app(context, server, watch, "vendors", charts=2)
    ranking = traces(page, 0)
    page.get_by_text("添加服务商").click()
    ranking = wait_changed(page, ranking, 0)
    assert any("候选服务商" in str(t["y"]) for t in ranking)
    assert not misfit_margins(page)
    sensitivity = traces(page, 1)
    set_readout(page, 0, 60)
    wait_changed(page, ranking, 0)
    wait_changed(page, sensitivity, 1)

    sliders = page.locator(".widget-slider .widget-readout").count()
    for i in range(sliders):
        set_readout(page, i, 0)
    wait_text(page, ".smedx-app", "权重不能全部为零")
    names = page.locator(".smedx-app input[type=text]").evaluate_all("e => e.map(x => x.value)")
    assert any(n.startswith("候选服务商") for n in names)  # nothing entered is lost
    screenshot(page, artifacts, "vendors-zero-weights")
    page.get_by_text("恢复默认权重").click()
    page.wait_for_function(
        "() => !document.querySelector('.smedx-app').innerText.includes('权重不能全部为零')"
    )
    for _ in range(page.locator("button", has_text="删除").count()):
        page.locator("button", has_text="删除").first.click()
        page.wait_for_timeout(300)
    wait_text(page, ".smedx-app", "候选服务商列表为空")
    screenshot(page, artifacts, "vendors-empty")
    watch.assert_clean()


def test_scenarios_genai_and_explorer_update(context, server, watch, artifacts):
    page = open_app(context, server, watch, "scenarios")
    before = traces(page)
    goals = page.locator(".smedx-app input[type=checkbox]")
    goals.nth(2).check()
    wait_changed(page, before)
    for i in range(goals.count()):  # no goal: a message naming the boxes, no stale chart
        goals.nth(i).uncheck()
    wait_text(page, ".smedx-app .smedx-error", "至少勾选一项")
    assert "process_optimisation" not in page.locator(".smedx-app").inner_text()
    page.wait_for_selector(".smedx-app .js-plotly-plot", state="hidden")
    goals.nth(0).check()
    page.wait_for_selector(".smedx-app .js-plotly-plot", state="visible")
    watch.assert_clean()

    page = open_app(context, server, watch, "genai")
    before = traces(page)
    page.locator(".smedx-app select").first.select_option(index=4)
    wait_changed(page, before)
    watch.assert_clean()

    page = open_app(context, server, watch, "explorer")
    before = traces(page)
    # a change redraws the same plot element (Plotly.react), not a new one
    page.evaluate("() => { document.querySelector('.smedx-app .js-plotly-plot').id = 'probe' }")
    label = next(text for text, fid in figure_options() if fid == "3.1.2.1")
    page.locator(".smedx-app select").first.select_option(label=label)
    after = wait_changed(page, before)
    assert page.evaluate("() => document.querySelector('.smedx-app .js-plotly-plot').id") == "probe"
    segment = page.locator(".smedx-app select").nth(1)
    segment.select_option(label="2024 年（预期）（年份）")
    wait_changed(page, after)
    wait_text(page, ".smedx-table", "52.2%")
    assert not misfit_margins(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ 下载 CSV").click()
    csv_text = info.value.path().read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("figure_id,segment_type,segment_key")
    assert ",2024," in csv_text and "52.2" in csv_text
    screenshot(page, artifacts, "explorer-3.1.2.1-2024")
    watch.assert_clean()


def test_flow_to_plan_and_back_by_file(browser, context, server, watch, artifacts, downloads):
    # 1. self-assessment; the result stays in this browser
    page = open_app(context, server, watch, "assessment", charts=3)
    answer_questionnaire(page, option=2)
    wait_text(page, ".smedx-kind[data-kind=assessment][data-present=True]", "自评")
    # 2. the scenario planner starts from it
    page = open_app(context, server, watch, "scenarios")
    wait_text(page, ".smedx-app", "已按你的自评结果")
    # 3. vendors: add my own candidate
    page = open_app(context, server, watch, "vendors", charts=2)
    page.get_by_text("添加服务商").click()
    wait_text(page, ".smedx-kind[data-kind=vendors][data-present=True]", "服务商")
    # 4. the plan uses them; download it as HTML
    page = open_app(context, server, watch, "plan")
    wait_text(page, ".smedx-app", "计划基于你的结果")
    wait_text(page, ".smedx-kind[data-kind=plan][data-present=True]", "行动计划")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_text("下载行动计划").click()
    html_path = downloads / info.value.suggested_filename
    info.value.save_as(html_path)
    assert html_path.name.endswith(".html")
    with page.expect_download() as info:
        page.get_by_role("button", name="⬇ 保存结果文件").click()
    results_path = downloads / info.value.suggested_filename
    info.value.save_as(results_path)
    screenshot(page, artifacts, "plan-with-results")
    for tab in ("预算", "外部帮助"):  # charts in hidden tabs draw once shown
        page.locator(".lm-TabBar-tab", has_text=tab).first.click()
    page.wait_for_function(f"() => ({DRAWN_CHARTS_JS})() >= 3", timeout=60_000)
    screenshot(page, artifacts, "plan-help")
    watch.assert_clean()

    # 5. the plan file opens offline and prints
    offline = browser.new_context(viewport={"width": 1000, "height": 1400}, offline=True)
    requests: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    doc = offline.new_page()
    errors: list[str] = []
    doc.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    doc.on("pageerror", lambda e: errors.append(str(e)))
    doc.goto(html_path.as_uri())
    doc.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3"
    )
    assert errors == [] and all(u.startswith("file:") for u in requests)
    assert "数字化转型行动计划" in doc.title()
    # the timeline's month labels upright and apart, every chart text inside its chart
    assert not text_problems(doc, ".js-plotly-plot")
    doc.locator("#chart-timeline").screenshot(path=str(artifacts / "plan-timeline.png"))
    doc.emulate_media(media="print")
    doc.screenshot(path=str(artifacts / "plan-print.png"), full_page=True)
    pdf = doc.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 12, pages
    (artifacts / "plan.pdf").write_bytes(pdf)
    offline.close()

    # 6. a new browser (no saved results): opening the results file restores the state
    fresh = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = open_app(fresh, server, watch, "vendors", charts=2)
    names_before = page.locator(".smedx-app input[type=text]").evaluate_all(
        "els => els.map(e => e.value)"
    )
    saved = json.loads(results_path.read_text(encoding="utf-8"))
    assert set(saved["results"]) >= {"assessment", "vendors", "plan"}

    tampered = downloads / "tampered.json"
    saved_copy = json.loads(results_path.read_text(encoding="utf-8"))
    saved_copy["results"]["vendors"]["ranked"][0]["score"] = 99.9
    tampered.write_text(json.dumps(saved_copy, ensure_ascii=False), encoding="utf-8")
    huge = downloads / "huge.json"
    huge.write_bytes(b" " * 3_000_000)
    foreign = downloads / "foreign.json"
    foreign.write_text('{"name": "not a kit file"}', encoding="utf-8")
    picker = page.locator(".smedx-session-bar input.smedx-file-input")
    for bad, needle in ((tampered, "服务商"), (huge, "过大"), (foreign, "不是数转课堂")):
        picker.set_input_files(str(bad))
        wait_text(page, ".smedx-session-bar .smedx-error", needle)
        names_now = page.locator(".smedx-app input[type=text]").evaluate_all(
            "els => els.map(e => e.value)"
        )
        assert names_now == names_before  # a refused file changes nothing
    ranking = traces(page, 0)
    picker.set_input_files(str(results_path))
    wait_text(page, ".smedx-session-bar", "已打开")
    wait_changed(page, ranking, 0)
    names = page.locator(".smedx-app input[type=text]").evaluate_all("els => els.map(e => e.value)")
    assert any(n.startswith("候选服务商") for n in names)  # my candidate is back
    present = page.locator(".smedx-kind[data-present=True]").count()
    assert present >= 4
    screenshot(page, artifacts, "vendors-restored")
    watch.assert_clean()
    fresh.close()


def test_two_tabs_keep_each_others_results(context, server, watch):
    """Two apps open side by side: each adds its own result to the browser's copy."""
    vendors = open_app(context, server, watch, "vendors", charts=2)
    assessment = open_app(context, server, watch, "assessment", charts=3)
    vendors.bring_to_front()
    vendors.get_by_text("添加服务商").click()
    wait_text(vendors, ".smedx-kind[data-kind=vendors][data-present=True]", "服务商")
    assessment.bring_to_front()
    answer_questionnaire(assessment, option=1)
    wait_text(assessment, ".smedx-kind[data-kind=assessment][data-present=True]", "自评")
    assessment.wait_for_function(  # the browser's copy now holds both tabs' results
        "() => { const s = JSON.parse(localStorage.getItem('smedx.session.v1') || '{}');"
        " return s.results && 'vendors' in s.results && 'assessment' in s.results; }",
        timeout=60_000,
    )
    stored = json.loads(assessment.evaluate("() => localStorage.getItem('smedx.session.v1')"))
    assert set(stored["results"]) == {"vendors", "assessment"}
    plan = open_app(context, server, watch, "plan")
    wait_text(plan, ".smedx-app", "计划基于你的结果")
    wait_text(plan, ".smedx-kind[data-kind=vendors][data-present=True]", "服务商")
    watch.assert_clean()


def test_cohort_flow(context, server, watch, artifacts, downloads):
    from smedx.models.assessment import assess
    from smedx.models.common import CompanyProfile
    from smedx.ui.session import Session

    items = questionnaire().items
    paths = []
    for i in range(7):
        chosen = {it.id: it.options[(i + j) % 5].id for j, it in enumerate(items)}
        profile = CompanyProfile(
            industry="retail", size_band="le100" if i < 5 else "101_300", investment_share=1.0 + i
        )
        path = downloads / f"learner-{i}.json"
        path.write_text(Session({"assessment": assess(chosen, profile)}).to_json(), "utf-8")
        paths.append(path)
    edited = json.loads(paths[0].read_text("utf-8"))
    edited["results"]["assessment"]["level"] = 4
    bad = downloads / "edited.json"
    bad.write_text(json.dumps(edited), "utf-8")

    page = open_app(context, server, watch, "cohort", charts=2)
    before = traces(page, 0)
    page.locator(".smedx-cohort input.smedx-file-input").set_input_files(
        [str(p) for p in paths[:3]]
    )
    wait_text(page, ".smedx-cohort", "少于 5 份")
    assert traces(page, 0) == before or all(v == 0 for v in traces(page, 0)[1]["x"])
    page.locator(".smedx-cohort input.smedx-file-input").set_input_files(
        [str(p) for p in paths[3:]] + [str(bad)]
    )
    wait_text(page, ".smedx-cohort", "本班 7 家企业")
    wait_text(page, ".smedx-cohort", "edited.json")
    after = wait_changed(page, before, 0)
    assert abs(sum(after[1]["x"]) - 100) < 0.5
    wait_text(page, ".smedx-groups", "已隐藏")
    with page.expect_download() as info:
        page.get_by_text("下载汇总 CSV").click()
    summary = info.value.path().read_text(encoding="utf-8-sig")
    assert "stage,class" in summary and "101_300" not in summary
    screenshot(page, artifacts, "cohort-class")
    watch.assert_clean()


def test_chromium_flags_are_the_documented_ones():
    assert {"--no-sandbox", "--disable-gpu", "--headless"} <= set(CHROMIUM_ARGS)
