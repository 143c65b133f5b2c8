"""The components that answer "form" questions, by the short name a question gives
(``Question.form``, one of :data:`smedx.exercises.core.FORMS`).

This is the one place a name becomes a class. The classes are imported only when asked for, so
``import smedx.ui.forms`` stays cheap and an assignment loads only the form it shows.
"""

from __future__ import annotations

from smedx.exercises.core import form_name


def form_class(name: str) -> type:
    """The component class of form ``name``; an unknown name: KitError listing the names."""
    match form_name(name):
        case "assessment":
            from smedx.ui.assessment import AssessmentForm

            return AssessmentForm
        case "scenarios":
            from smedx.ui.scenarios import ScenarioPlanner

            return ScenarioPlanner
        case "genai":
            from smedx.ui.genai import GenAICanvas

            return GenAICanvas
        case "plan":
            from smedx.ui.plan import PlanBuilder

            return PlanBuilder
    raise NotImplementedError(f"form {name!r} is declared in FORMS but has no class here")
