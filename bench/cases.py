"""The widgets the latency benchmark drives: each factory returns (widget, [change, ...]) where a
change sets one input the way a learner would. Registered as "module:function" strings so the
benchmark imports each widget only when it measures it. Answer files go to a temporary folder."""

from __future__ import annotations

import itertools
import tempfile

from smedx.exercises import AnswerStore


def _store(module: str) -> AnswerStore:
    return AnswerStore(module, tempfile.mkdtemp(prefix="smedx-bench-"))


def _cycle(widget, values):
    return [lambda v=v: setattr(widget, "value", v) for v in values]


def explorer():
    from smedx.ui.explorer import FigureExplorer

    widget = FigureExplorer("3.1.2.1")
    keys = [key for _label, key in widget.segment.options]
    return widget, _cycle(widget.segment, keys[1:] + keys[:1])


def timeline():
    from smedx.ui.timeline import PolicyTimeline

    widget = PolicyTimeline()
    ids = [v for _label, v in widget.policy.options if v is not None]
    return widget, _cycle(widget.policy, ids)


def assessment():
    from smedx.ui.assessment import AssessmentForm

    form = AssessmentForm(_store("m02"))
    items = form.questionnaire.items
    form.set_answers({item.id: "c" for item in items})
    # Move answers up and down across options: some changes cross a stage boundary.
    changes = []
    for item, option in itertools.product(items[:5], ("d", "c", "e", "c")):
        changes.append(lambda i=item.id, o=option: form.set_answers({**form.answers, i: o}))
    return form, changes


def scenarios():
    from smedx.ui.scenarios import ScenarioPlanner

    planner = ScenarioPlanner(store=_store("m03"))
    industries = [v for _label, v in planner.industry.options]
    return planner, _cycle(planner.industry, industries)


def vendors_weighted_sum():
    from smedx.ui.vendors import VendorChooser

    chooser = VendorChooser(store=_store("m04"))
    slider = next(iter(chooser.weight_sliders.values()))
    return chooser, _cycle(slider, [10, 30, 50, 70, 90, 40])


def vendors_topsis():
    chooser, changes = vendors_weighted_sum()
    chooser.method.value = "topsis"
    return chooser, changes


def genai():
    from smedx.ui.genai import GenAICanvas

    canvas = GenAICanvas(store=_store("m05"))
    stages = [v for _label, v in canvas.stage.options]
    return canvas, _cycle(canvas.stage, stages[1:] + stages[:1])


def plan():
    from smedx.ui.plan import PlanBuilder

    builder = PlanBuilder(example=True, revenue_10k_cny=5000, budget_share=1.5, store=_store("m06"))
    builder.build()
    return builder, _cycle(builder.share, [0.5, 1.5, 2.5, 4.0, 6.0, 1.0])


WIDGET_CASES = {
    "figure explorer (3.1.2.1)": "cases:explorer",
    "policy timeline (module 01)": "cases:timeline",
    "self-assessment form (02)": "cases:assessment",
    "scenario planner (03)": "cases:scenarios",
    "vendor chooser, weighted sum (04)": "cases:vendors_weighted_sum",
    "vendor chooser, TOPSIS (04)": "cases:vendors_topsis",
    "GenAI canvas (05)": "cases:genai",
    "action plan builder (06)": "cases:plan",
}
