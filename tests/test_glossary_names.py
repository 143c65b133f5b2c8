"""Every place in the kit that names a stage, dimension, level, scenario or criterion spells it as
the glossary does: data labels, model tables, app options, and no retired spelling anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import pytest

from smedx import data, glossary
from smedx.charts import assessment as assessment_charts
from smedx.models import assessment, genai, scenarios, vendors
from smedx.quiz import items as quiz_items
from smedx.ui import cohort

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".py", ".csv", ".json", ".md", ".ipynb", ".j2", ".html", ".yml", ".yaml", ".txt"}
SCANNED = ("smedx", "datasets", "modules", "widgets", "reports", "solutions", "exercises",
           "trainer", "docs", "README.md")  # fmt: skip


def _by_kind(kind: str) -> dict[str, glossary.Term]:
    return {t.key: t for t in glossary.terms() if t.kind == kind}


def _text_files():
    for top in SCANNED:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in files:
            if file.suffix in TEXT_SUFFIXES and file.is_file() and "__pycache__" not in file.parts:
                yield file


def test_no_retired_name_anywhere_in_the_kit():
    retired = [n for names in glossary.RETIRED_NAMES.values() for n in names]
    pattern = re.compile("|".join(re.escape(n) for n in retired), re.IGNORECASE)
    found = []
    for file in _text_files():
        if file == ROOT / "smedx" / "glossary.py":  # the one place that lists them
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        found += [f"{file.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not found


def _figures_naming(kind: str) -> list[str]:
    """Figures whose every row is a term of this kind (their labels ARE the terms' names)."""
    keys = set(_by_kind(kind))
    frame = data.values()
    return [f for f, rows in frame.groupby("figure_id") if set(rows["key"]) <= keys]


@pytest.mark.parametrize("kind", ["stage", "scenario"])
def test_data_labels_of_stages_and_scenarios_are_the_glossary_names(kind):
    terms, figures = _by_kind(kind), _figures_naming(kind)
    assert figures  # 2.2.2 etc. for stages, 3.1.2.1 for scenarios
    differ = [
        f"{r.figure_id} {r.key}: {r.label_zh} / {r.label_en}"
        for r in data.values()[lambda v: v["figure_id"].isin(figures)].itertuples()
        if (r.label_zh, r.label_en) != (terms[r.key].zh, terms[r.key].en)
    ]
    assert not differ


def test_criteria_keep_the_reports_wording_in_figures_and_the_glossary_records_it():
    for c in vendors.criteria():
        term = glossary.term("criterion", c.key)
        if not c.figure_id:
            assert (term.report_zh, term.report_en) == ("", "")
            continue
        stat = data.stat(c.figure_id, c.report_key)
        assert (stat.label_zh, stat.label_en) == (term.report_zh, term.report_en)


def test_model_and_chart_tables_use_the_glossary_names():
    for lang in ("zh", "en"):
        stages = glossary.names("stage", lang)
        assert {k: assessment.stage_label(k, lang) for k in stages} == stages
        assert assessment_charts._stage_names(lang) == stages
        assert cohort.stage_names(lang) == {k: stages[k] for k in cohort.stage_names(lang)}
        column = "name_en" if lang == "en" else "name_zh"
        assert {k: r[column] for k, r in genai.stage_rows().items()} == stages
        assert {k: scenarios._stage_names(k)[lang == "en"] for k in stages} == stages
    assert scenarios.scenario_catalogue() == {
        k: (t.zh, t.en) for k, t in _by_kind("scenario").items()
    }
    scenario_terms = _by_kind("scenario")
    for key, text in quiz_items.SCENARIO_NAMES.items():
        assert (text.zh, text.en) == (scenario_terms[key].zh, scenario_terms[key].en)
    q = assessment.questionnaire()
    assert [(d.key, d.label_zh, d.label_en) for d in q.dimensions] == [
        (t.key, t.zh, t.en) for t in _by_kind("dimension").values()
    ]
    assert [(str(v.level), v.label_zh, v.label_en) for v in q.levels] == [
        (t.key, t.zh, t.en) for t in _by_kind("level").values()
    ]


def _widgets(root: w.Widget):
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack += [c for c in getattr(node, "children", ()) or () if isinstance(c, w.Widget)]


def _names_in(label: str, term: glossary.Term) -> bool:
    """A label names a term with its glossary name: the zh name, the en name, or both."""
    rest = label.replace(term.zh, "", 1)
    if rest == label:
        return term.en in label
    return not re.search(r"[A-Za-z]{2,}", rest) or term.en in rest


def _tab_titles_name_dimensions(node: w.Widget) -> tuple[int, list[str]]:
    """Tabs carry no keys: a title with a dimension's zh name must carry its en name, if any."""
    checked, differ = 0, []
    for title in getattr(node, "titles", None) or ():
        for term in _by_kind("dimension").values():
            if term.zh in title:
                checked += 1
                differ += [] if _names_in(title, term) else [f"dimension tab {title!r}"]
    return checked, differ


# The apps whose widgets name stages, scenarios, criteria (as option keys) or dimensions (tabs).
APPS = ("assessment_app", "scenarios_app", "genai_app", "plan_app")


@pytest.mark.parametrize("app", APPS)
def test_app_options_and_tabs_name_terms_as_the_glossary(app):
    from smedx.ui import apps

    kinds = {k: _by_kind(k) for k in ("stage", "scenario", "criterion")}
    checked, differ = 0, []
    for node in _widgets(getattr(apps, app)()):
        tabs_checked, tabs_differ = _tab_titles_name_dimensions(node)
        checked, differ = checked + tabs_checked, differ + tabs_differ
        pairs = []
        options = getattr(node, "options", None)
        if options and all(isinstance(o, tuple) and len(o) == 2 for o in options):
            pairs = [(label, value) for label, value in options if value and isinstance(value, str)]
        for kind, terms in kinds.items():
            named = [(label, value) for label, value in pairs if value in terms]
            if not named or len(named) < len(pairs):  # a widget that names other things
                continue
            for label, value in named:
                checked += 1
                if not _names_in(label, terms[value]):
                    differ.append(f"{kind} {value}: {label!r}")
    assert checked, f"{app} shows no stage, scenario, criterion or dimension to check"
    assert not differ


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_vendor_chooser_names_every_criterion_as_the_glossary(lang):
    from smedx.i18n import using
    from smedx.ui import apps

    with using(lang):
        texts = [
            node.value
            for node in _widgets(apps.vendors_app())
            if isinstance(node, (w.HTML, w.Label)) and isinstance(node.value, str)
        ]
    for term in _by_kind("criterion").values():
        assert any(term.name(lang) in text for text in texts), term.key
