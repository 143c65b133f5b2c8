"""What a module notebook imports: one line per chart or exercise, no programming needed.

    from smedx.course import *
    chart("2.2.2")                 # an interactive chart of figure 2.2.2 with its source line
    explore("3.1.2.1")             # the same, with a segment dropdown
    exercise("m02.stage_share")    # an exercise with Check / Hint / Solution, answers saved
    language("en")                 # the notebook's language (each edition's hidden first cell)

Everything shows the current language (:func:`smedx.i18n.language`) unless ``lang`` says another.

During nbgrader validate/autograde (``NBGRADER_EXECUTION`` set) and papermill runs nothing here
waits for a person, and charts are JSON only (no embedded plotly.js), so outputs stay small.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from smedx import charts, data
from smedx.exercises import AnswerStore, question
from smedx.i18n import language as current_language
from smedx.i18n import set_language
from smedx.ui.exercise import ExerciseWidget

if TYPE_CHECKING:  # imported by explore(): most cells never open an explorer
    from smedx.ui.explorer import FigureExplorer

__all__ = [
    "action_plan",
    "chart",
    "compare",
    "data",
    "exercise",
    "explore",
    "in_batch",
    "language",
    "saved_answers",
    "stage_levels",
]

# Imported by plotly's renderers (through nbformat and jsonschema) only to register jsonschema's
# "iri" format check, which no kernel of the course uses: it compiles a grammar at import, about
# 1 s and 15 MB of every learner's kernel (python -X importtime; bench/memory.py).
UNUSED_IN_A_KERNEL = "rfc3987_syntax"


@contextlib.contextmanager
def _skipping(module: str) -> Iterator[None]:
    """While inside, `import module` fails as if it were not installed (optional imports skip
    it); afterwards it can be imported again."""
    if module in sys.modules:
        yield
        return
    sys.modules[module] = None  # type: ignore[assignment]  # Python's "not importable" marker
    try:
        yield
    finally:
        if sys.modules.get(module, "") is None:
            del sys.modules[module]


charts.use_theme()
with _skipping(UNUSED_IN_A_KERNEL):
    charts.render_as_json()  # chart() returns figures: JSON outputs, no plotly.js copy


def in_batch() -> bool:
    """True under nbgrader validate/autograde or when a runner sets SMEDX_BATCH."""
    return bool(os.environ.get("NBGRADER_EXECUTION") or os.environ.get("SMEDX_BATCH"))


def language(lang: str) -> None:
    """This notebook's language, "zh" or "en": every chart, exercise and table after it uses it."""
    set_language(lang)


def chart(
    figure_id: str, *, segment_key: str = "", highlight: str | None = None, lang: str | None = None
):
    lang = lang or current_language()
    return charts.bar(figure_id, segment_key=segment_key, highlight=highlight, lang=lang)


def compare(figure_id: str, segment_type: str, *, lang: str | None = None):
    return charts.compare(figure_id, segment_type, lang=lang or current_language())


def explore(figure_id: str, *, lang: str | None = None) -> FigureExplorer:
    from smedx.ui.explorer import FigureExplorer

    return FigureExplorer(figure_id, lang=lang or current_language())


def exercise(question_id: str) -> ExerciseWidget:
    return ExerciseWidget(question(question_id))


def saved_answers(module: str) -> dict:
    """What this notebook's folder holds for a module — learners can check what they saved."""
    return AnswerStore(module).all()


def stage_levels(lang: str | None = None):
    """The report's first four stage descriptors (figure 2.2.1) beside MIIT's level 1-4
    descriptors, with a column saying whether they match word for word (compatibility forms such
    as ⼿ in the report's text folded first)."""
    import unicodedata

    import pandas as pd

    from smedx.models.assessment import questionnaire

    def plain(text: str) -> str:
        return unicodedata.normalize("NFKC", text).strip().rstrip("。.")

    stages = data.stages().sort_values("order")
    stages = stages[stages["descriptor_zh"].str.len() > 0]
    levels = [lv for lv in questionnaire().levels if lv.level > 0]
    zh = (lang or current_language()) == "zh"
    rows = []
    for stage, level in zip(stages.itertuples(), levels, strict=False):
        rows.append(
            {
                ("报告的阶段" if zh else "Report stage"): stage.name_zh if zh else stage.name_en,
                # English: the kit's translations; the check below compares the Chinese originals
                ("报告的描述" if zh else "Report descriptor (kit's translation)"): (
                    stage.descriptor_zh if zh else stage.descriptor_en
                ),
                ("评测指标等级" if zh else "MIIT level"): level.label_zh if zh else level.label_en,
                ("评测指标的描述" if zh else "MIIT descriptor (kit's translation)"): (
                    level.descriptor_zh if zh else level.descriptor_en
                ),
                ("逐字相同" if zh else "Word for word"): "✔"
                if plain(stage.descriptor_zh) == plain(level.descriptor_zh)
                else "✘",
            }
        )
    return pd.DataFrame(rows)


def action_plan(genai=None, *, exercise: str | None = None, **options):
    """The action-plan builder pre-filled with the fictional example company of module 06
    (revenue 20 million CNY, 1.5 % for transformation); ``exercise`` names the exercise it saves
    to, ``options`` override the example (e.g. revenue_10k_cny=5000)."""
    from smedx.ui.plan import PlanBuilder

    settings = {"example": True, "revenue_10k_cny": 2000, "budget_share": 1.5, **options}
    return PlanBuilder(genai=genai, exercise=exercise, **settings)
