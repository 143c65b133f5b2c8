"""Issue #16 item 3: the report's quotes on English pages come with the kit's translation
(datasets/kit/quote_translations.csv), and the translation keeps the quote's numbers."""

import html
import re

import pandas as pd
import pytest
from edition_language import HAN_CHAR, _visible, english_runs, stray_chinese

from smedx import data
from smedx.i18n import using
from smedx.typography import spacing_errors
from smedx.ui.report_explorer import (
    VALUE_LIST,
    explorable_figures,
    segment_options,
    table_html,
)

# The data package's tables whose quotes an English page can show next to a number.
QUOTED_TABLES = ("values", "facts", "appendix", "case_metrics", "policies")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")


def _quotes() -> dict[str, str]:
    """Each quote that is words (not a chart's run-together value list), with its table."""
    found = {}
    for name in QUOTED_TABLES:
        for quote in data.table(name)["quote"]:
            if not VALUE_LIST.fullmatch(quote):
                found.setdefault(quote, name)
    return found


def test_every_quote_in_words_has_the_kits_translation():
    translations = data.quote_translations()
    missing = [f"{table}.csv: {q}" for q, table in _quotes().items() if q not in translations]
    assert not missing, "no translation in datasets/kit/quote_translations.csv for:\n" + "\n".join(
        missing
    )


def test_a_translation_keeps_every_number_of_its_quote_and_is_english():
    problems = []
    for quote, translation in data.quote_translations().items():
        lost = set(NUMBER.findall(quote)) - set(NUMBER.findall(translation))
        if lost:
            problems.append(f"{quote} -> {translation}: loses {sorted(lost)}")
        if HAN_CHAR.search(translation) or not translation.strip():
            problems.append(f"{quote} -> {translation!r}: not an English translation")
    assert not problems, "\n".join(problems)


def test_the_translation_comes_only_on_an_english_page():
    quote = data.stat("2.2.2", "single_point").quote
    translation = data.quote_translations()[quote]
    assert data.quote_translation(quote, "zh") == ""
    assert data.translated_quote(quote, "zh") == f"“{quote}”"
    assert (
        data.translated_quote(quote, "en") == f"“{quote}” (the kit's translation: “{translation}”)"
    )
    assert data.quote_translation("不是报告里的话", "en") == ""


@pytest.mark.parametrize("figure_id", explorable_figures())
def test_the_report_explorer_in_english_translates_every_quote(figure_id):
    for _label, segment_key in segment_options(figure_id, "en"):
        # the table (the figure's notes below it are another matter)
        shown = html.unescape(table_html(figure_id, segment_key, "en").split("</table>")[0])
        assert stray_chinese(shown) == [], (figure_id, segment_key)
        chinese = html.unescape(table_html(figure_id, segment_key, "zh"))
        assert "kit's translation" not in chinese


def test_the_report_explorer_shows_quote_then_translation():
    stat = data.stat("2.2.2", "single_point")
    english = html.unescape(table_html("2.2.2", "", "en"))
    assert stat.quoted("en") in english
    chinese = html.unescape(table_html("2.2.2", "", "zh"))
    assert f">{stat.quote}<" in chinese  # the Chinese page shows the quote as before


# --- the figures' data notes (figures.csv notes / notes_zh) ---------------------------------------


def test_every_figure_note_has_its_chinese_version_with_the_same_numbers():
    figures = data.figures()
    problems = []
    for row in figures.itertuples(index=False):
        if bool(row.notes) != bool(row.notes_zh):
            problems.append(f"{row.figure_id}: one language only")
        lost = set(NUMBER.findall(row.notes)) ^ set(NUMBER.findall(row.notes_zh))
        if lost:
            problems.append(f"{row.figure_id}: numbers differ {sorted(lost)}")
    assert not problems, "\n".join(problems)


def test_the_raw_chinese_notes_follow_the_spacing_rule():
    """The loader spaces *_zh columns itself: check the file as written."""
    raw = pd.read_csv(data.REPORT_DIR / "figures.csv", dtype=str, keep_default_na=False)
    errors = [(n, e) for n in raw["notes_zh"] if (e := spacing_errors(n))]
    assert not errors, errors


def test_every_note_is_in_one_language():
    """Explorable or not: no English sentence in a Chinese note, no unglossed Chinese in an
    English one."""
    problems = []
    for figure_id in data.figure_ids():
        if found := english_runs(data.figure_note(figure_id, "zh")):
            problems.append(f"{figure_id} zh: {found}")
        if found := stray_chinese(data.figure_note(figure_id, "en")):
            problems.append(f"{figure_id} en: {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("figure_id", explorable_figures())
def test_the_report_explorer_shows_the_note_in_the_pages_language(figure_id):
    note = html.unescape(table_html(figure_id, "", "zh")).split("</table>")[1]
    assert data.figure_note(figure_id, "zh") in note
    assert english_runs(_visible(note)) == [], (figure_id, note)
    note = html.unescape(table_html(figure_id, "", "en")).split("</table>")[1]
    assert data.figure_note(figure_id, "en") in note
    assert stray_chinese(_visible(note)) == [], (figure_id, note)


def test_the_note_follows_the_current_language():
    with using("en"):
        assert data.figure_note("2.1.2").startswith("Sums to 100.0")
    with using("zh"):
        assert data.figure_note("2.1.2").startswith("合计 100.0")
