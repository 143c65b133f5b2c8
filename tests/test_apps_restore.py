"""The planners' apps restore through the component base: a results file loaded into the scenario,
vendor and GenAI apps gives each component back the inputs of its saved result in one recompute
(``component.restore(session)``), the app shows the component's note and the session keeps an
equal result; and smedx/ui/apps.py touches no private member of a component."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from smedx.i18n import using
from smedx.models import genai
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.models.scenarios import rank_scenarios
from smedx.models.vendors import Vendor, criteria, example_vendors, score_vendors
from smedx.ui import apps
from smedx.ui.session import Session

APPS_PY = Path(apps.__file__)
PROFILE = CompanyProfile(industry="retail", size_band="101_300", enterprise_type="zjtx")


@pytest.fixture(autouse=True)
def keep_cwd(monkeypatch):
    """An app moves its kernel into a scratch folder; give the other tests their folder back."""
    monkeypatch.chdir(Path.cwd())


@pytest.fixture(scope="module")
def assessment():
    first = {it.id: it.options[-1].id for it in questionnaire().items}
    return assess(first, CompanyProfile(industry="discrete_manufacturing", investment_share=2.5))


def opened(slug: str, session: Session):
    """The app ``slug`` after the user opened a results file holding ``session``; with the
    results its component reported while restoring."""
    page = apps.launch(slug)
    heard = []
    page.component.on_result(heard.append)
    page.bar.load_text(session.to_json(), "mine.json")
    return page, heard


def note_of(page) -> str:
    return page.page.children[2].value  # header, results bar, the app's note


def test_the_scenario_app_restores_a_saved_plan_in_one_recompute():
    saved = rank_scenarios(PROFILE, "intelligent_ops", ["competitiveness", "cost_reduction"], "3_5")
    page, heard = opened("scenarios", Session({"scenarios": saved}))
    planner = page.component
    assert planner.result.to_dict() == saved.to_dict()
    assert len(heard) == 1 and heard[0] is planner.result
    assert (planner.size_band.value, planner.budget.value) == ("101_300", "3_5")
    assert planner.chosen_goals() == ["competitiveness", "cost_reduction"]
    assert "已恢复你上次的场景规划" in note_of(page)
    assert page.bar.session.get("scenarios").to_dict() == saved.to_dict()


def test_the_scenario_app_starts_from_the_self_assessment(assessment):
    page, heard = opened("scenarios", Session({"assessment": assessment}))
    planner = page.component
    assert (planner.stage.value, planner.industry.value) == (
        assessment.stage,
        "discrete_manufacturing",
    )
    assert planner.budget.value == "2_3" and len(heard) == 1
    assert "已按你的自评结果设置阶段和企业信息" in note_of(page)
    assert page.bar.session.kinds() == ["assessment", "scenarios"]


def test_an_app_without_its_results_stays_as_it_was():
    vendors = score_vendors(example_vendors(), None, "weighted_sum")
    for slug in ("scenarios", "genai"):
        page, heard = opened(slug, Session({"vendors": vendors}))
        assert heard == [] and note_of(page) == ""
        assert page.bar.session.kinds() == ["vendors"]  # nothing put for this app
    page, heard = opened("vendors", Session({}))
    assert heard == [] and page.bar.session.kinds() == []


def test_the_vendor_app_restores_candidates_weights_and_method():
    scores = {c.key: 3 for c in criteria()} | {"security": 5, "cost_benefit": 2}
    mine = Vendor.from_dict({"name": "候选服务商 甲", "scores": scores})
    candidates = [*example_vendors()[1:3], mine]
    # a chooser weighs every criterion, most of them 0 here
    weights = {c.key: 0.0 for c in criteria()} | {
        "security": 3.0,
        "cost_benefit": 1.0,
        "after_sales": 1.0,
    }
    saved = score_vendors(candidates, weights, "topsis")
    page, heard = opened("vendors", Session({"vendors": saved}))
    chooser = page.component
    assert chooser.result.to_dict() == saved.to_dict()
    assert len(heard) == 1
    assert chooser.method.value == "topsis"
    assert [c.to_dict()["name"] for c in chooser.columns] == [v.name for v in candidates]
    assert chooser.weight_sliders["security"].value == pytest.approx(60.0)
    assert "已恢复你上次的服务商比选" in note_of(page)
    chooser.add_vendor("候选服务商 乙", {})  # the restored chooser goes on working
    assert "候选服务商 乙" in page.bar.session.get("vendors").names()


def test_the_genai_app_restores_every_input_and_falls_back_to_the_self_assessment(assessment):
    ticked = {"customer_service", "marketing_copy", "kb_qa", "meeting_minutes"}
    chosen = [uc.key for uc in genai.use_cases() if uc.key in ticked]  # as a canvas saves them
    saved = genai.prioritise(
        PROFILE,
        "digital_foundation",
        chosen,
        data_readiness="organised",
        skills="advanced",
        shortlist_size=2,
    )
    page, heard = opened("genai", Session({"genai": saved}))
    canvas = page.component
    assert canvas.result.to_dict() == saved.to_dict()
    assert len(heard) == 1 and sorted(canvas.selected) == sorted(chosen)
    assert "已恢复你上次的用例评估" in note_of(page)

    page.bar.load_text(Session({"assessment": assessment}).to_json(), "other.json")
    new_canvas = genai.prioritise(assessment.profile, assessment.stage)
    assert canvas.result.to_dict() == new_canvas.to_dict()  # the other inputs as in a new canvas
    assert len(canvas.selected) == len(canvas.use_cases) and canvas.shortlist_size.value == 3
    assert "已按你的自评结果设置行业和阶段" in note_of(page)


def test_the_note_is_in_the_page_language():
    saved = score_vendors(example_vendors(), None, "weighted_sum")
    with using("en"):
        page, _heard = opened("vendors", Session({"vendors": saved}))
        assert "Your last vendor comparison was restored." in note_of(page)
        assert "已恢复" not in note_of(page)


def private_members(source: str) -> list[str]:
    """``x._name`` attributes, and ``"_name"`` strings handed to a call (getattr, setattr or a
    helper that sets a flag by name)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and re.fullmatch(r"_[a-z]\w*", node.attr):
            found.append(f"line {node.lineno}: .{node.attr}")
        if isinstance(node, ast.Call):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and re.fullmatch(r"_[a-z]\w*", str(arg.value)):
                    found.append(f"line {node.lineno}: {arg.value!r}")
    return found


def app_functions(names) -> str:
    """The source of the named functions of smedx/ui/apps.py."""
    source = APPS_PY.read_text("utf-8")
    tree = ast.parse(source)
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
    assert sorted(n.name for n in found) == sorted(names)
    return "\n\n".join(ast.get_source_segment(source, n) for n in found)


def test_apps_touch_no_private_member_of_a_component():
    planners = ("component_app", "scenarios_app", "vendors_app", "genai_app")
    assert private_members(app_functions(planners)) == []
    assert private_members(APPS_PY.read_text("utf-8")) == []  # nor does any other app
    # what the scenario app did before the component base
    planted = 'with quiet(planner, "_quiet"):\n    x = canvas._result\n'
    assert private_members(planted) == ["line 1: '_quiet'", "line 2: ._result"]
