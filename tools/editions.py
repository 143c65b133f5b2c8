"""Keep the course's two editions in shape (see smedx/coursepack/editions.py).

    .venv/bin/python tools/editions.py zh         # Chinese edition: add the language cell, drop
                                                  # the English summaries and English halves
    .venv/bin/python tools/editions.py sync       # English edition: cells, metadata and code
                                                  # cells from the Chinese one, its own markdown
    .venv/bin/python tools/editions.py start 02 stage_assessment
                                                  # a first modules/en/02_stage_assessment.ipynb
                                                  # to translate (its markdown still Chinese)

Each command loads the notebook JSON, changes cells and writes it back whole (no outputs). What
the ``zh`` command cannot judge (a sentence that is English only) is left for a person to read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smedx.coursepack import agenda, editions  # noqa: E402
from smedx.coursepack.guides import _replace_table, generated_table  # noqa: E402
from smedx.files import write_atomic  # noqa: E402

HAN = re.compile(r"[\u3400-\u9fff]")
SUMMARY = re.compile(r"\n*^\*English summary\b.*?\*[ \t]*$", re.S | re.M)
HOW_TO_RUN = re.compile(r"\*\*如何运行 / How to run:\*\*")
ENGLISH_TAIL = re.compile(r"(?<=。)\s*Click a grey code cell.*$", re.M)
NOTE = re.compile(r"[（(]([^（）()]*)[）)]\s*$")


def _zh_heading(line: str) -> str:
    """A heading in Chinese: "## 2. 宏观背景 · The macro context (§1.2)" -> "## 2. 宏观背景"; a
    closing note such as "（选学 optional）" keeps its Chinese words."""
    hashes, text = line.split(" ", 1)
    if hashes == "#" and not HAN.search(text):
        return ""  # the English title line under the Chinese one
    parts = [p.strip() for p in text.split(" · ")]
    note = NOTE.search(parts[-1]) if len(parts) > 1 else None
    kept = [p for p in parts if HAN.search(p) and not (note and p is parts[-1])]
    heading = " · ".join(kept) if kept else text
    if note and HAN.search(note.group(1)):
        words = re.sub(r"\s*\b[A-Za-z][A-Za-z' ]*$", "", note.group(1)).strip()
        heading += f"（{words}）"
    return f"{hashes} {heading}"


def _zh_table_head(line: str) -> str:
    """A table head in Chinese: "| 模块 Module | 报告章节 Report |" -> "| 模块 | 报告章节 |"."""
    cells = line.strip().strip("|").split("|")
    cleaned = [re.sub(r"(?<=[\u3400-\u9fff])\s+[A-Za-z][A-Za-z ]*$", "", c.strip()) for c in cells]
    return "| " + " | ".join(cleaned) + " |"


def chinese_markdown(source: str) -> str:
    source = SUMMARY.sub("", source)
    source = HOW_TO_RUN.sub("**如何运行：**", source)
    source = ENGLISH_TAIL.sub("", source)
    lines, previous = [], ""
    for line in source.splitlines():
        if re.match(r"^#{1,6} ", line):
            line = _zh_heading(line)
            if not line:
                continue
        elif line.startswith("|") and not previous.startswith("|"):
            line = _zh_table_head(line)
        lines.append(line)
        previous = line
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _language_index(cells) -> int | None:
    """Where the language cell sits: right after the first ``from smedx.course import *``."""
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and cell.source.strip() == editions.COURSE_IMPORT:
            return i + 1
    return None


def _new_language_cell(nb, after, lang: str):
    cell = nbformat.v4.new_code_cell(editions.language_cell(lang))
    cell.metadata = {
        "jupyter": {"source_hidden": True},
        "smedx": {"section": after.metadata["smedx"]["section"]},
    }
    if nb.nbformat_minor < 5:
        del cell["id"]
    return cell


def _with_language_cell(nb, lang: str) -> None:
    at = _language_index(nb.cells)
    languages = {editions.language_cell(x) for x in editions.LANGS}
    if at is None:
        raise SystemExit(f"no '{editions.COURSE_IMPORT}' cell")
    if at < len(nb.cells) and nb.cells[at].source.strip() in languages:
        nb.cells[at].source = editions.language_cell(lang)
    else:
        nb.cells.insert(at, _new_language_cell(nb, nb.cells[at - 1], lang))


def _timing(nb, number: str, lang: str) -> None:
    """The generated timing table in ``lang``, from the section tags (the Chinese edition's)."""
    table = agenda.timing_table(agenda.read_module(editions.notebook(number, "zh")), lang)
    for cell in nb.cells:
        if generated_table(cell.source, "notebook") is not None:
            cell.source = _replace_table(cell.source, "notebook", table)


def _save(nb, path: Path) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    text = nbformat.writes(nb) + "\n"
    if not path.exists() or text != path.read_text(encoding="utf-8"):
        write_atomic(path, text)
        print(path.relative_to(ROOT))


def zh() -> None:
    for path in editions.notebooks("zh"):
        nb = nbformat.read(path, as_version=4)
        _with_language_cell(nb, "zh")
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = chinese_markdown(cell.source)
        _timing(nb, path.name[:2], "zh")
        _save(nb, path)


def _from_chinese(number: str, english):
    """The Chinese edition's cells with the English edition's markdown (cell for cell)."""
    nb = nbformat.read(editions.notebook(number, "zh"), as_version=4)
    _with_language_cell(english, "en")
    if [c.cell_type for c in english.cells] != [c.cell_type for c in nb.cells]:
        raise SystemExit(f"module {number}: the editions' cells differ in number or type")
    for mine, theirs in zip(nb.cells, english.cells, strict=True):
        if mine.cell_type == "markdown":
            mine.source = theirs.source
    _with_language_cell(nb, "en")
    return nb


def sync() -> None:
    for path in editions.notebooks("en"):
        nb = _from_chinese(path.name[:2], nbformat.read(path, as_version=4))
        _timing(nb, path.name[:2], "en")
        _save(nb, path)


def start(number: str, name: str) -> None:
    path = editions.folder("en") / f"{number}_{name}.ipynb"
    nb = nbformat.read(editions.notebook(number, "zh"), as_version=4)
    _with_language_cell(nb, "en")
    path.parent.mkdir(exist_ok=True)
    _timing(nb, number, "en")
    _save(nb, path)


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "zh":
        zh()
    elif command == "sync":
        sync()
    elif command == "start" and len(args) == 2:
        start(*args)
    else:
        raise SystemExit(__doc__)
