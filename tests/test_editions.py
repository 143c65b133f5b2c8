"""Issue 16 item 3: two editions of the course, kept in sync (smedx/coursepack/editions.py).

The Chinese edition (modules/NN_*.ipynb) and the English edition (modules/en/NN_*.ipynb) have the
same cells in the same order with the same metadata, and the same code cells except the hidden
cell after ``from smedx.course import *`` that sets the language. Each edition's markdown is in
its own language:

- Chinese: no run of four or more English words, except inside parentheses (an English term in
  brackets: "PMC（Planning Material Control）"), quotes, code, links and HTML comments; and no
  label given twice ("学习目标 · Learning objectives", "如何运行 / How to run").
- English: no Chinese characters, except a Chinese name or quote that comes with its English
  gloss: Chinese (in “…”/《…》 or bare) directly followed by a parenthesis with Latin letters
  ("联想 (Lenovo)", “意愿积极……” ("willing and active …")), or Chinese alone in parentheses
  right after English ("SRDI (专精特新)").
"""

import re
from pathlib import Path

import nbformat
import pytest

from smedx.coursepack import editions

ROOT = Path(__file__).resolve().parents[1]
NUMBERS = ["00", "01", "02", "03", "04", "05", "06"]
EXISTING = [n for n in NUMBERS if editions.notebook(n, "en")]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
# Not learner prose: code, links' targets, HTML comments, tags.
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|<!--.*?-->|<[^>\n]+>|\]\([^)\s]*\)|https?://\S+", re.S)
# Chinese edition
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)|“[^”]*”|‘[^’]*’|\"[^\"\n]*\"|《[^》]*》")
ENGLISH_RUN = re.compile(r"[A-Za-z][\w'’-]*(?:[ \t,;:/.!?–-]+[A-Za-z][\w'’-]*){3,}")
# "学习目标 · Learning objectives", "如何运行 / How to run": a label given twice
BILINGUAL_LABEL = re.compile(rf"[{HAN}][）)*]*\s*[·/]\s*[*_]*[A-Za-z]{{2,}}(?:\s+[A-Za-z]+)*")
# English edition
_CN_SPAN = rf"(?:“[^”]*”|《[^》]*》|「[^」]*」|[{HAN}][{HAN}0-9·、，。…—  \t-]*)"
GLOSSED = re.compile(
    rf"{_CN_SPAN}\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]"  # 联想 (Lenovo)
    rf"|(?<=[\w\"”’.)*])\s*[(（]\s*{_CN_SPAN}\s*[)）]"  # SRDI (专精特新)
)


def _markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def english_runs(markdown: str) -> list[str]:
    """Runs of 4+ English words in Chinese text, outside parentheses, quotes and code, and labels
    given in both languages."""
    prose = NOT_PROSE.sub(" ", markdown)
    return BILINGUAL_LABEL.findall(prose) + ENGLISH_RUN.findall(ASIDE.sub(" ", prose))


def unglossed_chinese(markdown: str) -> list[str]:
    """Chinese in English text that comes without an English gloss."""
    prose = GLOSSED.sub(" ", NOT_PROSE.sub(" ", markdown))
    return [line.strip() for line in prose.splitlines() if HAN_CHAR.search(line)]


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
