"""The Voila apps without a browser: the results file (session), the app wiring, the notebooks,
the Voila configuration and the `smedx apps` command. The browser tests are in tests/browser/."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import nbformat
import pytest

from smedx import app_server as serving
from smedx import i18n
from smedx.errors import KitError
from smedx.i18n import using
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.models.plan import build_plan, plan_to_json
from smedx.models.vendors import example_vendors, score_vendors
from smedx.ui import apps
from smedx.ui.browser import PickedFile, url_language
from smedx.ui.session import MAX_SESSION_BYTES, Session, SessionBar, read_json

ROOT = Path(__file__).resolve().parents[1]
WIDGETS = ROOT / "widgets"
TEMPLATE = ROOT / "smedx" / "apps_share" / "voila" / "templates" / "smedx"


@pytest.fixture(autouse=True)
def keep_cwd(monkeypatch):
    """An app moves its kernel into a scratch folder; give the other tests their folder back."""
    monkeypatch.chdir(Path.cwd())


def answers(option: int = 2) -> dict[str, str]:
    return {it.id: it.options[min(option, len(it.options) - 1)].id for it in questionnaire().items}


@pytest.fixture(scope="module")
def assessment():
    profile = CompanyProfile(
        industry="retail", size_band="le100", revenue_10k_cny=5000.0, investment_share=1.5
    )
    return assess(answers(), profile)


@pytest.fixture(scope="module")
def full_session(assessment) -> Session:
    vendors = score_vendors(example_vendors(), None, "weighted_sum")
    plan = build_plan(
        assessment,
        None,
        vendors,
        None,
        revenue_10k_cny=5000.0,
        budget_share=1.5,
        target_stage=None,
        horizon_months=12,
    )
    return Session({"assessment": assessment, "vendors": vendors, "plan": plan})


# --- the results file ---------------------------------------------------------------------------


def test_session_round_trip(full_session):
    text = full_session.to_json()
    again = Session.from_json(text)
    assert again.kinds() == ["assessment", "vendors", "plan"]
    for kind in again.kinds():
        assert again.as_dict(kind) == full_session.as_dict(kind)
    assert Session.from_json(text.encode("utf-8")).kinds() == again.kinds()
    assert Session.from_json("\ufeff" + text).kinds() == again.kinds()  # a BOM from an editor


def test_subset_keeps_only_the_kinds_asked(full_session):
    part = full_session.subset(["plan", "scenarios"])
    assert part.kinds() == ["plan"] and part.as_dict("plan") == full_session.as_dict("plan")


def test_single_result_files_open(assessment, full_session):
    alone = Session.from_json(json.dumps(assessment.to_dict(), ensure_ascii=False))
    assert alone.kinds() == ["assessment"]
    plan_text = plan_to_json(full_session.get("plan"))  # the plan builder's own download
    assert Session.from_json(plan_text).kinds() == ["plan"]


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda d: d["results"]["assessment"].__setitem__("total", 99), "自评"),
        (lambda d: d["results"]["assessment"]["answers"].__setitem__("F1", "a"), "自评"),
        (lambda d: d["results"]["vendors"]["ranked"][0].__setitem__("score", 100.0), "服务商"),
        (lambda d: d["results"]["plan"].__setitem__("horizon_months", 6), "行动计划"),
        (lambda d: d["results"]["plan"]["integrity"].__setitem__("digest", "0" * 64), "校验"),
        (lambda d: d["results"].__setitem__("salary", {}), "未知部分"),
        (lambda d: d.__setitem__("schema_version", 99), "版本"),
        (lambda d: d.__setitem__("kind", "something"), "不是数转课堂"),
    ],
)
def test_tampered_files_are_refused(full_session, edit, needle):
    document = json.loads(full_session.to_json())
    edit(document)
    with pytest.raises(KitError) as err:
        Session.from_json(json.dumps(document, ensure_ascii=False))
    assert needle in err.value.zh and err.value.en  # bilingual


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not utf-8",
        "not json at all",
        '{"kind": "smedx_session", "schema_version": 1, "results": {}, "x": NaN}',
        '{"kind": "a", "kind": "b"}',
        "[1, 2, 3]",
        '{"hello": "world"}',
        "[" * 5000 + "]" * 5000,
        b"x" * (MAX_SESSION_BYTES + 1),
    ],
    ids=["binary", "text", "nan", "duplicate-key", "list", "foreign", "deep", "huge"],
)
def test_foreign_files_get_a_clear_message(content):
    with pytest.raises(KitError) as err:
        Session.from_json(content)
    assert err.value.zh and err.value.en
    assert "Traceback" not in str(err.value)


def test_read_json_limits_size_before_parsing():
    with pytest.raises(KitError, match="过大"):
        read_json("{}" + " " * MAX_SESSION_BYTES)


def test_bar_keeps_its_results_when_a_file_is_refused(full_session, assessment):
    bar = SessionBar(Session({"assessment": assessment}))
    document = json.loads(full_session.to_json())
    document["results"]["assessment"]["total"] += 1
    assert not bar.load_text(json.dumps(document, ensure_ascii=False), "edited.json")
    assert bar.session.kinds() == ["assessment"]
    assert bar.session.get("assessment") == assessment
    assert "edited.json" in bar.message.value and "smedx-error" in bar.message.value
    bar.picker.receive([PickedFile("huge.json", 50_000_000, None)])  # refused by the browser side
    assert "过大" in bar.message.value and bar.session.kinds() == ["assessment"]
    assert bar.load_text(full_session.to_json(), "mine.json")
    assert bar.session.kinds() == ["assessment", "vendors", "plan"]


def test_bar_file_download_and_browser_copy(full_session):
    bar = SessionBar()
    with pytest.raises(KitError):
        bar.save_button.producer()  # nothing to save yet: a message, no file
    loaded = []
    bar.on_load(lambda session: loaded.append(session.kinds()))
    bar._on_browser(full_session.to_json())  # what the browser's localStorage hands over
    assert loaded == [["assessment", "vendors", "plan"]]
    name, mime, payload = bar.save_button.producer()
    assert name.endswith(".json") and mime == "application/json"
    assert Session.from_json(payload).kinds() == ["assessment", "vendors", "plan"]
    bar._on_browser('{"kind": "smedx_session", "schema_version": 1, "results": {"plan": 1}}')
    assert bar.session.kinds() == ["assessment", "vendors", "plan"]  # a bad copy is ignored


# --- the apps -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [a.slug for a in apps.APPS])
def test_every_app_builds(slug):
    page = apps.launch(slug).page  # under the language switch
    assert "smedx-app" in page._dom_classes and f"smedx-app-{slug}" in page._dom_classes
    assert page.component is not None


def test_launch_never_raises(monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setitem(apps.BUILDERS, "explorer", broken)
    shown = apps.launch("explorer")
    assert "无法打开" in shown.value and "could not be opened" not in shown.value  # one language
    assert "boom" not in shown.value and "Traceback" not in shown.value
    with using("en"):
        assert "could not be opened" in apps.launch("explorer").value


def test_apps_write_nothing_into_widgets():
    apps.launch("assessment")
    assert Path.cwd() == apps.private_workdir()
    assert not WIDGETS.samefile(Path.cwd())
    assert not list(WIDGETS.glob("answers_*.json"))


def test_results_travel_through_the_apps():
    first = apps.launch("assessment")
    form = first.component
    form.set_profile(industry="retail", size_band="le100", revenue_10k_cny="5000")
    form.set_profile(investment_share="1.5")
    form.set_answers(answers())
    assert first.bar.session.kinds() == ["assessment"]
    stage = first.bar.session.get("assessment").stage

    second = apps.launch("scenarios")
    second.bar.load_text(first.bar.session.to_json(), "a.json")
    planner = second.component
    assert (planner.stage.value, planner.industry.value, planner.budget.value) == (
        stage,
        "retail",
        "1_2",
    )
    planner.goals[next(iter(planner.goals))].value = True
    assert second.bar.session.kinds() == ["assessment", "scenarios"]

    third = apps.launch("vendors")
    third.bar.load_text(second.bar.session.to_json(), "b.json")
    third.component.add_vendor("我的候选 A", {})
    assert "我的候选 A" in [v.name for v in third.bar.session.get("vendors").ranked]

    fourth = apps.launch("genai")
    fourth.bar.load_text(third.bar.session.to_json(), "c.json")
    assert fourth.component.stage.value == stage
    fourth.component.shortlist_size.value = 2
    assert "genai" in fourth.bar.session

    plan_page = apps.launch("plan")
    plan_page.bar.load_text(fourth.bar.session.to_json(), "d.json")
    builder = plan_page.component
    plan = builder.result
    assert plan is not None and plan.stage.current == stage
    assert (builder.revenue.value, builder.share.value) == (5000.0, 1.5)
    assert "我的候选 A" in [v.name for v in plan.vendors] or len(plan.vendors) == 3
    assert plan_page.bar.session.kinds() == ["assessment", "scenarios", "vendors", "genai", "plan"]
    name, mime, payload = plan_page.download.make()
    assert name.endswith(".html") and mime == "text/html" and b"<!DOCTYPE html>" in payload

    # a later session restores the vendor candidates and the plan's own settings
    again = apps.launch("vendors")
    again.bar.load_text(plan_page.bar.session.to_json(), "e.json")
    assert "我的候选 A" in [c.name.value for c in again.component.columns]
    builder.revenue.value = 8000.0
    assert plan_page.bar.session.get("plan").budget.revenue_10k_cny == 8000.0
    reopened = apps.launch("plan")
    reopened.bar.load_text(plan_page.bar.session.to_json(), "f.json")
    assert reopened.component.revenue.value == 8000.0


# --- one language, and the language switch --------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def language_undone(monkeypatch):
    """Chinese to start with; whatever language the test switches to is undone after it."""
    monkeypatch.setattr(i18n, "_chosen", None)
    for name in ("SMEDX_LANG", "QUERY_STRING"):
        monkeypatch.delenv(name, raising=False)


def test_url_language():
    assert url_language("lang=en") == "en" and url_language("a=1&lang=zh") == "zh"
    assert url_language("") is None and url_language("lang=fr") is None


def test_page_language_from_the_url_then_smedx_lang(language_undone, monkeypatch):
    monkeypatch.setenv("SMEDX_LANG", "en")
    header = apps.launch("assessment").page.children[0].value
    assert "Self-assessment" in header and not CJK.search(header)
    monkeypatch.setenv("QUERY_STRING", "x=1&lang=zh")  # what Voila gives a kernel it starts
    frame = apps.launch("assessment")
    header = frame.page.children[0].value
    assert "数字化自评" in header and "Self-assessment" not in header
    assert frame.switch.lang == "zh" and frame.switch.title == "数字化自评 · 数转课堂"


def test_switch_rebuilds_the_page_and_keeps_half_answered_inputs(language_undone):
    frame = apps.launch("assessment")
    form = frame.component
    some = dict(list(answers().items())[:3])
    form.set_profile(industry="retail", revenue_10k_cny="5000")
    form.set_answers(some)  # not complete: the session has no result to restore from
    assert not len(frame.bar.session)
    frame.switch.choose("en")  # what a click on "English" sends
    english = frame.component
    assert english is not form and frame.switch.lang == "en"
    assert english.answers == some
    assert (english.industry.value, english.revenue.value) == ("retail", "5000")
    bar = frame.bar
    chrome = [frame.page.children[0].value, bar.status.value, bar.picker.label]
    chrome += [bar.save_button.label, bar.clear_button.description, frame.switch.title]
    assert not [text for text in chrome if CJK.search(text)], chrome
    assert (
        "Open results" in bar.picker.label and frame.switch.title == "Self-assessment · SME DX Kit"
    )
    nav = frame.page.children[-1].value
    assert "scenarios.ipynb?lang=en" in nav and "Next: " in nav
    frame.switch.choose("zh")
    assert "数字化自评" in frame.page.children[0].value and frame.component.answers == some
    assert "scenarios.ipynb?lang=zh" in frame.page.children[-1].value


def test_a_replaced_page_is_closed_later_inside_the_kernel_loop(language_undone, monkeypatch):
    """In a kernel (a running loop) the old page stays open a moment, so a browser still setting
    up its widgets does not fail; then every widget of it is closed. From plain Python: at once."""
    import asyncio

    monkeypatch.setattr(apps, "CLOSE_REPLACED_AFTER_S", 0.05)
    frame = apps.launch("explorer")
    old = frame.page

    async def switch_then_wait():
        frame.switch.choose("en")
        assert old.comm is not None  # still open right after the switch
        await asyncio.sleep(0.2)

    asyncio.run(switch_then_wait())
    assert old.comm is None and frame.page is not old
    before = frame.page
    frame.switch.choose("zh")  # no running loop
    assert before.comm is None


def test_switch_keeps_the_results_of_every_app(language_undone, full_session):
    for slug in ("scenarios", "vendors", "genai", "plan"):
        frame = apps.launch(slug)
        frame.bar.load_text(full_session.to_json(), "mine.json")
        before = frame.bar.session.to_dict()["results"]
        frame.switch.choose("en")
        assert frame.bar.session.to_dict()["results"] == before, slug
        assert frame.switch.lang == "en" and "My results" in frame.bar.status.value
        i18n.set_language("zh")
    scenarios = apps.launch("scenarios")
    planner = scenarios.component
    planner.budget.value = planner.budget.options[-1][1]
    planner.stage.value = "intelligent_ops"
    scenarios.switch.choose("en")
    assert scenarios.component is not planner
    assert scenarios.component.budget.value == planner.budget.options[-1][1]
    assert scenarios.component.stage.value == "intelligent_ops"


def test_switch_keeps_the_explorer_figure_the_quiz_answers_and_the_class(
    language_undone, full_session
):
    explorer = apps.launch("explorer")
    figure, segment = "3.1.2.1", explorer.component.segment.options[0][1]
    explorer.component.show(figure)
    segment = explorer.component.segment.options[-1][1]
    explorer.component.show(figure, segment)
    explorer.switch.choose("en")
    assert (explorer.component.figure_picker.value, explorer.component.segment.value) == (
        figure,
        segment,
    )
    assert not CJK.search(explorer.component.figure.figure.layout.title.text or "")
    i18n.set_language("zh")
    quiz = apps.launch("quiz")
    app = quiz.component
    app.phase.value = "post"
    app.start()
    app.inputs["A02"].value = "2.2.2"
    quiz.switch.choose("en")
    assert quiz.component is app  # relabelled in place
    assert app.phase.value == "post" and app.inputs["A02"].value == "2.2.2"
    assert "Pre-" in app.header.value and not CJK.search(app.header.value)
    i18n.set_language("zh")
    cohort = apps.launch("cohort")
    assert not cohort.component.add_files([("learner-1.json", full_session.to_json())])
    cohort.switch.choose("en")
    assert len(cohort.component.members) == 1  # the trainer's files stay loaded
    assert "Read folder" in cohort.component.folder_button.description


def test_plan_app_without_an_assessment_shows_an_example(full_session):
    page = apps.launch("plan")
    assert page.component.result is not None  # the example plan, labelled as such
    assert "示例" in page.page.children[2].value
    assert "plan" not in page.bar.session  # an example is never saved as the user's plan
    only_plan = Session({"plan": full_session.get("plan")})
    page.bar.load_text(only_plan.to_json(), "plan.json")
    assert page.component.result == full_session.get("plan")


def test_assessment_app_bad_revenue_keeps_the_answers():
    page = apps.launch("assessment")
    form = page.component
    form.set_answers(answers())
    assert page.bar.session.kinds() == ["assessment"]
    before = page.bar.session.get("assessment")
    for bad in ("abc", "-5"):
        form.revenue.value = bad
        assert form.result is None and "b00020" in form.message.value
        assert form.answers == answers()  # nothing entered is lost
        assert page.bar.session.get("assessment") == before  # the last valid result stays


# --- notebooks, gallery, configuration ------------------------------------------------------------


def test_notebooks_are_thin_and_clean():
    notebooks = sorted(WIDGETS.glob("*.ipynb"))
    assert [p.stem for p in notebooks] == sorted(a.slug for a in apps.APPS)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert len(nb.cells) == 1 and nb.cells[0].cell_type == "code"
        assert nb.cells[0].source == f'from smedx.ui.apps import launch\n\nlaunch("{path.stem}")'
        assert nb.cells[0].outputs == [] and nb.cells[0].execution_count is None
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert nb.metadata["title"].startswith(apps.app_info(path.stem).title_zh)


def test_gallery_lists_every_app_chinese_first():
    text = (TEMPLATE / "tree.html").read_text(encoding="utf-8")
    found = re.findall(r'\("(\w+)", "([^"]+)", "([^"]+)", "([^"]+)", "([^"]+)"\)', text)
    assert sorted(f[0] for f in found) == sorted(a.slug for a in apps.APPS)
    for slug, zh, en, blurb_zh, blurb_en in found:
        info = apps.app_info(slug)
        assert (zh, en, blurb_zh, blurb_en) == (
            info.title_zh,
            info.title_en,
            info.blurb_zh,
            info.blurb_en,
        )
    # links are relative to the folder the gallery lists (works under /voila/tree/widgets too)
    assert "voila/render/{{ here ~ '/' if here }}{{ slug }}.ipynb" in text


def test_templates_load_nothing_from_the_internet():
    for path in TEMPLATE.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=[\"']https?://", text), path.name
        assert "cdn." not in text, path.name


def test_voila_configuration():
    config = json.loads((WIDGETS / "voila.json").read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["show_tracebacks"] is False and voila["preheat_kernel"] is True
    assert voila["template"] == serving.TEMPLATE and (TEMPLATE / "conf.json").exists()
    assert voila["allow_template_override"] == "NO" and voila["file_allowlist"] == []
    pools = config["VoilaKernelManager"]["kernel_pools_config"]
    assert {k for k in pools if k != "default"} == {f"{a.slug}.ipynb" for a in apps.APPS}
    assert all(p["pool_size"] >= 1 for p in pools.values())
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_connected"] is False
    assert config["VoilaExporter"]["language_code"] == "zh"  # ISO 639-1: nbconvert resets others
    assert "Voil" not in config["VoilaExecutor"]["cell_error_instruction"]


# --- the `smedx apps` command -------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="smedx")
    serving.register(top.add_subparsers(dest="command"))
    return top


def test_command_line():
    args = parser().parse_args(["apps", "--port", "9100", "--no-browser"])
    assert (args.port, args.no_browser, args.no_preheat, args.func) == (
        9100,
        True,
        False,
        serving._run,
    )
    defaults = parser().parse_args(["apps"])
    assert defaults.port == serving.DEFAULT_PORT and not defaults.no_browser
    help_text = parser()._subparsers._group_actions[0].choices["apps"].format_help()
    assert "127.0.0.1" in help_text and "浏览器" in help_text


def test_voila_command_binds_localhost_only():
    cmd = serving.voila_command(port=9100, open_browser=False)
    assert cmd[1:3] == ["-m", "voila"] and cmd[3] == str(WIDGETS)
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=9100" in cmd and "--no-browser" in cmd
    assert f"--Voila.config_file_paths={WIDGETS}" in cmd
    cold = serving.voila_command(port=9100, preheat=False)
    assert "--VoilaConfiguration.preheat_kernel=False" in cold and "--no-browser" not in cold
    env = serving.voila_env({"JUPYTER_PATH": "/x"})
    assert env["JUPYTER_PATH"].split(":") == [str(serving.TEMPLATE_SHARE), "/x"]


@pytest.mark.parametrize("port", [0, 80, 70000, True, "8866"])
def test_bad_port_is_refused(port):
    with pytest.raises(KitError, match="端口"):
        serving.voila_command(port=port)
    assert serving.main(["--port", "80"]) == 2
