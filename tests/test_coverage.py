"""Every section of the report is taught by a module that actually cites it, in both editions."""

import json
import re
from pathlib import Path

import pytest

from smedx.coursepack import editions
from smedx.typography import cited_sections_zh

ROOT = Path(__file__).resolve().parents[1]
OUTLINE = ROOT.parent / "shared" / "source" / "report-outline.md"
MAP = json.loads((ROOT / "modules" / "sections.json").read_text(encoding="utf-8"))


def outline_sections() -> set[str]:
    sections = set()
    for line in OUTLINE.read_text(encoding="utf-8").splitlines():
        if not line.lstrip().startswith("- "):
            continue  # prose around the list mentions section numbers as examples
        if line.lstrip().startswith("- 附录"):
            sections |= {
                f"附录{m}"
                for m in re.findall(r"(?<![图\d.])(\d(?:\.\d)?)\s", line)
                if not line[: line.find(m)].rstrip().endswith("图附录")
            }
            continue
        for match in re.finditer(r"(?<![\d.])(\d\.\d(?:\.\d){0,2})(?=[\s)])", line):
            if not line[: match.start()].rstrip().endswith(("图", "图附录")):
                sections.add(match.group(1))
    for word in ("前言", "结语"):
        if word in OUTLINE.read_text(encoding="utf-8"):
            sections.add(word)
    return sections


def module_text(number: str, lang: str = "zh") -> str:
    cells = json.loads(editions.notebook(number, lang).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells)


def cited_sections_en(text: str) -> set[str]:
    """The report sections an English text cites: "section 2.1", "sections 3.1.2, 3.2.1 and
    3.3", "§1.1", "Appendix 1.1", "preface", "conclusion" (as cited_sections_zh names them)."""
    number = r"\d+(?:\.\d+)+"
    found = set()
    for match in re.finditer(
        rf"(?:[Ss]ections?|§)\s*({number}(?:(?:,|,? and|,? to|–|-)\s*§?\s*{number})*)", text
    ):
        found.update(re.findall(number, match.group(1)))
    found.update(f"附录{m}" for m in re.findall(r"[Aa]ppendix\s+(\d+(?:\.\d+)*)", text))
    found.update(w for w, en in (("前言", "preface"), ("结语", "conclusion")) if en in text.lower())
    return found


MODULES = sorted({n for numbers in MAP["sections"].values() for n in numbers})


def test_outline_parsing_finds_the_report_structure():
    found = outline_sections()
    assert {"1.1", "2.4", "3.2.2.1", "4.6", "5.3", "附录1.3", "附录2", "前言", "结语"} <= found
    assert "2.2.1" not in found  # a figure number, not a section


def test_every_section_is_mapped_or_excused():
    listed = set(MAP["sections"]) | set(MAP["not_taught"])
    missing = outline_sections() - listed
    assert not missing, f"sections no module teaches: {sorted(missing)}"


def test_chinese_citations_are_parsed_as_sections():
    text = (
        "（报告第 2.1 节）报告前言、第 4.1–4.3 节、第 5.1、5.2 节、附录 1.1、图附录 1.2、图 2.2.2"
    )
    assert cited_sections_zh(text) == {"2.1", "前言", "4.1", "4.2", "4.3", "5.1", "5.2", "附录1.1"}


@pytest.mark.parametrize("section,modules", sorted(MAP["sections"].items()))
def test_mapped_modules_cite_their_sections(section, modules):
    """Cited in the Chinese text: "报告第 2.1 节", "报告前言", "附录 1.1"."""
    for number in modules:
        cited = cited_sections_zh(module_text(number))
        assert section in cited, f"module {number} does not cite section {section} in Chinese"


def test_english_citations_are_parsed_as_sections():
    text = "(report section 2.1) sections 3.1.2, 3.2.1 and 3.3; §1.1; Appendix 1.1; the preface"
    assert cited_sections_en(text) == {"2.1", "3.1.2", "3.2.1", "3.3", "1.1", "附录1.1", "前言"}


@pytest.mark.parametrize("number", MODULES)
def test_english_edition_cites_what_the_chinese_edition_cites(number):
    missing = cited_sections_zh(module_text(number)) - cited_sections_en(module_text(number, "en"))
    assert not missing, f"module {number}'s English edition does not cite {sorted(missing)}"


@pytest.mark.parametrize("number", MODULES)
def test_modules_cite_only_sections_the_report_has(number):
    unknown = cited_sections_zh(module_text(number)) - outline_sections()
    assert not unknown, f"module {number} cites sections the report does not have: {unknown}"
