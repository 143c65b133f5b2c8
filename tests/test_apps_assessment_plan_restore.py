"""The self-assessment and plan apps restore through their components (#15 item 2): the session's
typed results go in as they are (no JSON round trip), one recompute per restore, and the app
learns of every result through ``on_result``."""

from pathlib import Path

import pytest

from smedx.errors import KitError
from smedx.models import plan as plan_model
from smedx.models import registry
from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.models.vendors import example_vendors, score_vendors
from smedx.ui import apps
from smedx.ui.session import Session, SessionBar


@pytest.fixture(autouse=True)
def keep_cwd(monkeypatch):
    """An app moves its kernel into a scratch folder; give the other tests their folder back."""
    monkeypatch.chdir(Path.cwd())


@pytest.fixture(scope="module")
def assessment():
    answers = {it.id: it.options[min(2, len(it.options) - 1)].id for it in questionnaire().items}
    profile = CompanyProfile(
        industry="retail", size_band="le100", revenue_10k_cny=5000.0, investment_share=1.5
    )
    return assess(answers, profile)


@pytest.fixture(scope="module")
def stored_plan(assessment):
    vendors = score_vendors(example_vendors(), None, "weighted_sum")
    return plan_model.build_plan(
        assessment,
        None,
        vendors,
        None,
        revenue_10k_cny=3000.0,
        budget_share=2.0,
        target_stage=None,
        horizon_months=6,
    )


@pytest.fixture
def no_parsing(monkeypatch):
    """Parsing a stored result is the border's job (reading the file); past it, it must not
    happen again."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a stored result was parsed again")

    monkeypatch.setattr(registry, "parse", refuse)
    monkeypatch.setattr(plan_model, "plan_from_json", refuse)
    monkeypatch.setattr(plan_model, "plan_from_document", refuse)


def restore(page, session: Session) -> None:
    """What the app does when a results file was opened (the session is already read)."""
    page.bar.adopt(SessionBar(session, remember=False))


def test_the_plan_app_shows_a_stored_plan_as_it_is(stored_plan, no_parsing):
    page = apps.launch("plan")
    builder = page.component
    heard = []
    builder.on_result(heard.append)
    restore(page, Session({"plan": stored_plan}))
    assert builder.result is stored_plan and heard == [stored_plan]  # shown, not rebuilt
    assert (builder.revenue.value, builder.share.value, builder.horizon.value) == (3000, 2, 6)
    assert "已打开你保存的行动计划" in page.page.children[2].value


def test_the_plan_app_builds_from_the_sessions_results_with_the_plans_settings(
    assessment, stored_plan, no_parsing
):
    page = apps.launch("plan")
    builder = page.component
    heard = []
    builder.on_result(heard.append)
    vendors = score_vendors(example_vendors(), None, "weighted_sum")
    restore(page, Session({"assessment": assessment, "vendors": vendors, "plan": stored_plan}))
    assert len(heard) == 1  # one build for the whole restore
    assert builder.result == stored_plan and builder.origins["vendors"] == "argument"
    assert page.bar.session.get("plan") == stored_plan
    assert "你的结果" in page.page.children[2].value


def test_the_plan_builder_says_nothing_for_a_session_without_assessment_or_plan():
    from smedx.ui.plan import PlanBuilder

    builder = PlanBuilder(example=True, revenue_10k_cny=1000.0, budget_share=1.0)
    assert builder.restore(Session()) is None and builder.result is not None
    with pytest.raises(KitError, match="plan"):
        builder.use_results({"plan": None})


def test_the_assessment_app_restores_the_inputs_with_one_assessment(assessment, no_parsing):
    page = apps.launch("assessment")
    form = page.component
    heard = []
    form.on_result(heard.append)
    restore(page, Session({"assessment": assessment}))
    assert heard == [assessment] and form.result == assessment
    assert form.answers == dict(assessment.answers) and form.industry.value == "retail"
    assert page.bar.session.get("assessment") == assessment
    assert form.saved_status.value == ""  # no exercise in the app: no ✔/✘ line
    form.assess_button.click()  # the Assess button tells the app too
    assert heard == [assessment, assessment]


def test_the_assessment_forms_restore_returns_a_note_only_for_an_assessment(tmp_path, assessment):
    from smedx.exercises import AnswerStore
    from smedx.ui.assessment import AssessmentForm

    form = AssessmentForm(AnswerStore("m02", tmp_path), autosave=False)
    assert form.restore(Session()) is None and form.result is None
    assert form.restore(Session({"assessment": assessment})) == "已载入保存的自评。"
    assert form.result == assessment
    assert "✔" in form.saved_status.value or "✘" in form.saved_status.value  # the exercise line


def test_the_assessment_and_plan_apps_touch_no_private_member():
    from test_apps_restore import app_functions, private_members

    assert private_members(app_functions(("assessment_app", "plan_app"))) == []
