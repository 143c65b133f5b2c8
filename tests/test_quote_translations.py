"""Issue #16 item 3: the report's quotes on English pages come with the kit's translation
(datasets/kit/quote_translations.csv), and the translation keeps the quote's numbers."""

import html
import re

import pytest
from edition_language import HAN_CHAR, stray_chinese

from smedx import data
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
