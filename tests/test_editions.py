"""Issue 16 item 3: two editions of the course, kept in sync (smedx/coursepack/editions.py).

The Chinese edition (modules/NN_*.ipynb) and the English edition (modules/en/NN_*.ipynb) have the
same cells in the same order with the same metadata, and the same code cells except the hidden
cell after ``from smedx.course import *`` that sets the language. Each edition's markdown is in
its own language (the rules: tests/edition_language.py), and so is what each edition shows
when it runs (checked where tests/test_modules.py executes the modules).
"""

import re
from pathlib import Path

import edition_language
import nbformat
import pytest
from edition_language import HAN_CHAR, english_runs, unglossed_chinese

from smedx import data
from smedx.coursepack import editions
from smedx.exercises import MODULES as EXERCISE_MODULES
from smedx.exercises import questions
from smedx.i18n import using

ROOT = Path(__file__).resolve().parents[1]
NUMBERS = ["00", "01", "02", "03", "04", "05", "06"]
EXISTING = [n for n in NUMBERS if editions.notebook(n, "en")]


def _markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _code(nb) -> list[tuple[int, str]]:
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def sync_problems(zh, en) -> list[str]:
    """How two editions of one module differ where they must not."""
    problems = []
    if nb_meta(zh) != nb_meta(en):
        problems.append("notebook metadata differ")
    if len(zh.cells) != len(en.cells):
        problems.append(f"{len(zh.cells)} cells in Chinese, {len(en.cells)} in English")
    for i, (a, b) in enumerate(zip(zh.cells, en.cells, strict=False)):
        if a.cell_type != b.cell_type:
            problems.append(f"cell {i}: {a.cell_type} vs {b.cell_type}")
        elif a.metadata != b.metadata:
            problems.append(f"cell {i}: metadata differ")
        elif a.cell_type == "code" and (a.source, b.source) not in (
            (b.source, b.source),
            (editions.language_cell("zh"), editions.language_cell("en")),
        ):
            problems.append(f"cell {i}: code differs: {a.source!r} vs {b.source!r}")
    return problems


def nb_meta(nb) -> dict:
    return {k: v for k, v in nb.metadata.items() if k != "language_info"}


def language_cell_problems(nb, lang: str) -> list[str]:
    """The language cell sits right after the first ``from smedx.course import *``, hidden."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    sources = [c.source.strip() for c in code]
    if editions.COURSE_IMPORT not in sources:
        return ["no course import"]
    at = sources.index(editions.COURSE_IMPORT) + 1
    cell = code[at] if at < len(code) else None
    if cell is None or cell.source != editions.language_cell(lang):
        return [f"cell after the course import is not {editions.language_cell(lang)}"]
    if cell.metadata.get("jupyter", {}).get("source_hidden") is not True:
        return ["the language cell is not hidden"]
    others = [s for s in sources if s.startswith("language(")]
    return [] if len(others) == 1 else [f"{len(others)} language cells"]


def _read(number: str, lang: str):
    return nbformat.read(editions.notebook(number, lang), as_version=4)


# --- the editions ---------------------------------------------------------------------------------


def test_every_chinese_module_has_its_english_edition():
    assert [p.name[:2] for p in editions.notebooks("zh")] == NUMBERS
    missing = [n for n in NUMBERS if n not in EXISTING]
    assert not missing, f"modules without an English edition in modules/en/: {missing}"


@pytest.mark.parametrize("number", EXISTING)
def test_editions_have_the_same_cells_metadata_and_code(number):
    assert sync_problems(_read(number, "zh"), _read(number, "en")) == []


@pytest.mark.parametrize("number", NUMBERS)
def test_chinese_edition_sets_its_language(number):
    assert language_cell_problems(_read(number, "zh"), "zh") == []


@pytest.mark.parametrize("number", EXISTING)
def test_english_edition_sets_its_language(number):
    assert language_cell_problems(_read(number, "en"), "en") == []


@pytest.mark.parametrize("number", NUMBERS)
def test_chinese_edition_has_no_english_sentences(number):
    found = {
        i: r for i, text in enumerate(_markdown(_read(number, "zh"))) if (r := english_runs(text))
    }
    assert not found, found


@pytest.mark.parametrize("number", EXISTING)
def test_english_edition_has_no_unglossed_chinese(number):
    found = {
        i: r
        for i, text in enumerate(_markdown(_read(number, "en")))
        if (r := unglossed_chinese(text))
    }
    assert not found, found


@pytest.mark.parametrize("number", EXISTING)
def test_english_edition_links_to_english_modules(number):
    links = re.findall(r"\]\(([^)\s]+\.ipynb)", "\n".join(_markdown(_read(number, "en"))))
    assert all(not HAN_CHAR.search(link) for link in links), links


# --- the checks themselves ------------------------------------------------------------------------


def test_the_language_checks_know_each_language():
    assert english_runs("*English summary: this module covers chapter 1.*")
    assert english_runs("## 学习目标 · Learning objectives")
    assert english_runs("> **如何运行 / How to run:** 点击")
    assert not english_runs("## 5. AI PC 与智能体 · 附录（选学）")
    assert not english_runs(
        "PMC（Planning Material Control）系统，按 **Shift + Enter** 运行 `a b c d`"
    )
    assert not english_runs("软件即服务（SaaS）与“Work Smart Not Hard”")
    assert unglossed_chinese("As the report says, 报告第 2.1 节.")
    assert unglossed_chinese("报告说 the report says (section 1.1)")
    assert unglossed_chinese("## 学习目标")
    assert not unglossed_chinese("联想 (Lenovo) and SRDI (专精特新) firms")
    assert not unglossed_chinese('“意愿积极……” ("willing and active …")')
    assert not unglossed_chinese(
        "《中小企业数字化转型指南》 (the *SME Digital Transformation Guide*)"
    )


def test_sync_check_fails_on_a_missing_cell_or_changed_code():
    zh = _read("00", "zh")
    en = nbformat.from_dict(zh)
    for cell in en.cells:
        if cell.source == editions.language_cell("zh"):
            cell.source = editions.language_cell("en")
    assert sync_problems(zh, en) == []
    shorter = nbformat.from_dict(en)
    del shorter.cells[5]
    assert sync_problems(zh, shorter)
    edited = nbformat.from_dict(en)
    next(c for c in edited.cells if c.cell_type == "code" and "exercise" in c.source).source = "1"
    assert sync_problems(zh, edited)
    tagless = nbformat.from_dict(en)
    tagless.cells[0].metadata = {}
    assert sync_problems(zh, tagless)


def test_bilingual_modules_fail_the_chinese_check():
    """The modules as they were before the editions split (English summaries after each block)."""
    bilingual = "## 学习目标 · Learning objectives\n\n*English summary: run cells and widgets and know where answers are saved.*"
    assert english_runs(bilingual)
    assert unglossed_chinese(bilingual)


# --- the executed editions' outputs (tests/edition_language.py; test_modules.py executes them) -----


def _executed(outputs, widgets=()):
    """A notebook as nbclient leaves it: one code cell's outputs and the saved widget state."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=outputs)]
    state = {
        str(i): {"model_name": name, "state": {field: value}}
        for i, (name, field, value) in enumerate(widgets)
    }
    nb.metadata["widgets"] = {edition_language.WIDGET_STATE: {"state": state}}
    return nb


def _shown(mime, value):
    return nbformat.v4.new_output("display_data", data={mime: value})


def test_english_outputs_fail_on_chinese_without_its_translation():
    firm_zh, firm_en = next(iter(edition_language.originals()))
    stray = [
        nbformat.v4.new_output("stream", name="stdout", text="单点尝试阶段\n"),
        _shown("text/plain", "'单点尝试阶段和局部建设阶段'"),
        _shown("text/html", "<b>Most 专精特新 firms</b>"),
        _shown(edition_language.PLOTLY, {"data": [{"name": "试点"}], "layout": {}}),
        _shown("text/plain", f"{firm_zh} is a case company"),  # a firm name without its English
    ]
    widgets = [
        ("CheckboxModel", "description", "Most 专精特新 firms are at the innovation stage"),
        ("DropdownModel", "_options_labels", ["Manufacturing", "制造业"]),
    ]
    problems = edition_language.output_problems(_executed(stray, widgets), "en")
    assert len(problems) == len(stray) + len(widgets), problems
    glossed = [
        _shown("text/plain", "Most SRDI (专精特新) firms"),
        _shown("text/html", f"<p>{firm_zh} ({firm_en}) and {firm_en}'s {firm_zh}</p>"),
        _shown("text/plain", '“单点尝试阶段” ("the single-point trial stage")'),
        # a widget's view hides its text/plain repr; a figure's template is not shown text
        {
            **_shown(edition_language.WIDGET_VIEW, {"model_id": "0"}),
            "data": {edition_language.WIDGET_VIEW: {"model_id": "0"}, "text/plain": "VBox(单点)"},
        },
        _shown(edition_language.PLOTLY, {"data": [], "layout": {"template": {"name": "主题"}}}),
    ]
    assert edition_language.output_problems(_executed(glossed), "en") == []


def test_english_outputs_accept_a_report_quote_only_with_its_translation():
    quote, translation = next(
        (zh, en) for zh, en in edition_language.originals() if "；" not in zh and len(zh) > 8
    )
    kept = f"“{translation}” (the kit's translation of “{quote}”; the report)"
    assert edition_language.output_problems(_executed([_shown("text/plain", kept)]), "en") == []
    alone = f"Named in the report: “{quote}”; see section 1.3"
    assert edition_language.output_problems(_executed([_shown("text/plain", alone)]), "en")


def test_chinese_outputs_fail_on_english_sentences():
    sentence = [
        _shown(
            "text/html",
            "<style>.smedx-exercise .widget-radio-box label { display: flex; }</style>"
            "<p>The six firms are kept out of the sample</p>",
        ),
    ]
    widgets = [("HTMLModel", "value", "练习 · 不计分 Which reading of the chart is right?")]
    problems = edition_language.output_problems(_executed(sentence, widgets), "zh")
    assert len(problems) == 2, problems
    fine = [_shown("text/plain", "中小企业发展指数（SMEDI）、ERP 系统与 answers_m00.json 文件")]
    fine += [_shown("text/html", "<style>.smedx-exercise .widget-radio-box label {}</style>图")]
    assert edition_language.output_problems(_executed(fine), "zh") == []


def test_a_report_quote_reads_with_the_kits_translation_in_english():
    tables = ("values", "facts", "appendix", "case_metrics", "policies")
    quotes = {quote for name in tables for quote in data.table(name)["quote"]}
    assert data.quote_translations() and set(data.quote_translations()) <= quotes
    shown = data.stat("2.2.2", "single_point")
    translation = data.quote_translations()[shown.quote]
    assert shown.quoted("zh") == f"“{shown.quote}”"
    assert shown.quoted("en") == f"“{shown.quote}” (the kit's translation: “{translation}”)"
    untranslated = data.stat("2.1.1", "2_3")  # a chart's value list: no words to translate
    assert untranslated.quote not in data.quote_translations()
    assert untranslated.quoted("en").endswith(
        f" (the report's words for {untranslated.label_en}: {untranslated.value:g}%)"
    )
    with using("en"):
        assert shown.quoted() == shown.quoted("en")
    assert not unglossed_chinese(shown.quoted("en") + untranslated.quoted("en"))


def _exercise_texts(question):
    """What a learner can see of a practice question: prompt, options, hints, solution, and the
    feedback on its example answer, its known mistakes and (single choice) every option."""
    yield from (question.prompt, question.solution, *question.hints, *question.options)
    answers = [question.example_answer, *question.wrong_answers]
    if question.kind == "choice":
        answers += question.option_keys()
    yield from (question.check(answer) for answer in answers)


@pytest.mark.parametrize("module", EXERCISE_MODULES)
def test_practice_questions_speak_english_in_the_english_edition(module):
    found = {
        (q.id, i): stray
        for q in questions(module)
        for i, text in enumerate(_exercise_texts(q))
        if (stray := edition_language.stray_chinese(text.en))
    }
    assert not found, found


@pytest.mark.parametrize("module", EXERCISE_MODULES)
def test_practice_questions_have_no_english_sentences_in_chinese(module):
    found = {
        (q.id, i): runs
        for q in questions(module)
        for i, text in enumerate(_exercise_texts(q))
        # a list of option letters ("a, b, c, d, e") is not English
        if (runs := [r for r in english_runs(text.zh) if re.search(r"[A-Za-z]{2}", r)])
    }
    assert not found, found
