"""The glossary spells every term exactly as the models and data do, with a one-line definition."""

from __future__ import annotations

import pytest

from smedx import data, glossary
from smedx.models import assessment, scenarios, vendors


def _names(kind: str) -> dict[str, tuple[str, str]]:
    return {t.key: (t.zh, t.en) for t in glossary.terms() if t.kind == kind}


def test_stage_names_are_the_data_names():
    expected = {
        r["stage_id"]: (r["name_zh"], r["name_en"]) for r in data.stages().to_dict("records")
    }
    assert _names("stage") == expected


def test_dimension_and_level_names_are_the_questionnaire_names():
    q = assessment.questionnaire()
    assert _names("dimension") == {d.key: (d.label_zh, d.label_en) for d in q.dimensions}
    assert _names("level") == {str(lv.level): (lv.label_zh, lv.label_en) for lv in q.levels}


def test_scenario_and_criterion_names_are_the_model_names():
    assert _names("scenario") == scenarios.scenario_catalogue()
    assert _names("criterion") == {c.key: (c.label_zh, c.label_en) for c in vendors.criteria()}
    # no definition for a term the models no longer have
    assert set(glossary.SCENARIO_DEFINITIONS) == set(scenarios.scenario_catalogue())
    assert set(glossary.CRITERION_DEFINITIONS) == {c.key for c in vendors.criteria()}


@pytest.mark.parametrize("term", glossary.terms(), ids=lambda t: f"{t.kind}-{t.key}")
def test_every_term_has_a_one_line_definition_in_each_language(term):
    assert term.kind in glossary.KINDS and term.source in glossary.SOURCES
    for lang in ("zh", "en"):
        text = term.definition(lang)
        assert text and "\n" not in text and len(text) < 200
        assert not any("\u2e80" <= ch <= "\u2fdf" for ch in text)  # no PDF radical forms
