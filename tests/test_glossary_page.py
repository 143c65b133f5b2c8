"""The learners' glossary page: generated from the glossary by one command, one language a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smedx import cli, glossary
from smedx.typography import space_cjk

DOCS = Path(__file__).resolve().parents[1] / "docs"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_committed_page_is_the_generated_one(lang):
    page = (DOCS / glossary.PAGE_FILES[lang]).read_text(encoding="utf-8")
    assert page == glossary.page_markdown(lang), "run: smedx glossary --out docs"


def test_each_page_is_in_one_language():
    english = glossary.page_markdown("en")
    assert not CJK.findall(english)
    chinese = glossary.page_markdown("zh")
    for term in glossary.terms():
        assert space_cjk(term.zh) in chinese and space_cjk(term.definition("zh")) in chinese
        assert term.en in english and term.definition("en") in english
        if term.en != term.zh:
            assert term.en not in chinese, term.en
    reported = [t for t in glossary.terms() if t.report_zh]
    assert reported
    assert all(space_cjk(t.report_zh) in chinese and t.report_en in english for t in reported)


def test_one_command_writes_both_pages_and_prints_one(tmp_path, capsys):
    assert cli.main(["glossary", "--out", str(tmp_path)]) == 0
    for lang, name in glossary.PAGE_FILES.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == glossary.page_markdown(lang)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(glossary.PAGE_FILES.values())
    capsys.readouterr()
    assert cli.main(["glossary", "--lang", "en"]) == 0
    assert capsys.readouterr().out == glossary.page_markdown("en")
