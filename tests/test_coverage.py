"""Every section of the report is taught by a module that actually cites it."""

import json
import re
from pathlib import Path

import pytest

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


def module_text(number: str) -> str:
    (path,) = (ROOT / "modules").glob(f"{number}_*.ipynb")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells)


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


@pytest.mark.parametrize("number", MODULES)
def test_modules_cite_only_sections_the_report_has(number):
    unknown = cited_sections_zh(module_text(number)) - outline_sections()
    assert not unknown, f"module {number} cites sections the report does not have: {unknown}"
