"""What a module teaches, read from its notebook (the language's edition: modules/ or modules/en/)
and its facilitator guide, in one language.

The slides are made from this outline, so they never drift from the modules: the notebook's code
cells say which chart and exercise each section shows (``chart("2.2.2")``, ``explore(…)``,
``stage_distribution()`` imported from ``smedx.charts``, ``exercise("m02.x")``); the guide
(``docs/trainer/mNN.<lang>.md``, one ``## mNN.sK`` heading per section) gives the speaker notes
and the discussion questions (a missing guide is a clear error; a section the guide does not
cover gets the notebook's own text).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path

import nbformat

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, charts, data
from smedx.coursepack import editions
from smedx.errors import KitError
from smedx.exercises import MODULES, Question, question
from smedx.i18n import Bilingual, _, using
from smedx.typography import section_en, section_zh

COURSE_CHARTS = {"chart", "compare", "explore"}  # smedx.course's chart helpers
EXERCISE_CALLS = {"exercise", "grade"}


@dataclass(frozen=True)
class ChartRef:
    """One chart a section shows: the notebook's call, and how to draw it in a language."""

    call: str
    figure_id: str | None
    make: Callable[[], object]
    source: str


@dataclass
class Section:
    id: str
    title: str
    text: str  # the notebook's own words, in the outline's language
    charts: list[ChartRef] = field(default_factory=list)
    exercises: list[Question] = field(default_factory=list)
    notes: str = ""


@dataclass
class ModuleOutline:
    number: str  # "02"
    lang: str
    title: str
    objectives: list[str]
    sections: list[Section]
    questions: list[str]  # discussion questions
    discussion_notes: str  # the guide's discussion part, expected answers included
    guide: Path  # the facilitator guide the notes come from

    @property
    def module(self) -> str:
        return f"m{self.number}"

    @property
    def charts(self) -> list[ChartRef]:
        return [c for s in self.sections for c in s.charts]

    @property
    def exercises(self) -> list[Question]:
        return [q for s in self.sections for q in s.exercises]


def module_numbers() -> list[str]:
    return [m[1:] for m in MODULES]


def normalise_module(value: str) -> str:
    """'2', '02' or 'm02' → '02'; anything else is a clear error."""
    raw = str(value).strip().lower().removeprefix("m")
    number = raw.zfill(2) if raw.isdigit() else raw
    if number not in module_numbers():
        choices = ", ".join(module_numbers())
        raise KitError(
            f"没有模块 {value!r}；可用：{choices}", f"no module {value!r}; available: {choices}"
        )
    return number


EDITION_NAMES = {"zh": ("", "Chinese"), "en": ("英文版", "English")}  # in a KitError's zh, en


def notebook_path(number: str, lang: str = "zh") -> Path:
    """Module ``number``'s notebook in the language's edition."""
    found = editions.notebook(number, lang)
    if found is None:
        folder = editions.folder(lang)
        zh_edition, en_edition = EDITION_NAMES[lang]
        raise KitError(
            f"找不到模块 {number} 的{zh_edition}笔记本（{folder}）",
            f"module {number}'s {en_edition} notebook is missing ({folder})",
        )
    return found


# --------------------------------------------------------------------------------------------
# Text in one language
# --------------------------------------------------------------------------------------------


def plain(markdown: str) -> str:
    """Markdown as slide text: no emphasis marks, code ticks, link targets or heading hashes."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)\*(?!\s)([^*\n]+?)\*", r"\1", text)
    text = re.sub(r"^\s{0,3}#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_in(markdown: str) -> str:
    """A notebook cell's body as slide text (its edition is in one language)."""
    return plain("\n".join(line for line in markdown.splitlines() if not line.startswith("#")))


# --------------------------------------------------------------------------------------------
# The notebook
# --------------------------------------------------------------------------------------------


def _by_section(cells) -> list[tuple[str, list]]:
    """Cells grouped by their section tag, in notebook order (smedx.coursepack.agenda checks them)."""
    groups: list[tuple[str, list]] = []
    for cell in cells:
        section = cell.get("metadata", {}).get("smedx", {}).get("section")
        if not groups or groups[-1][0] != section:
            groups.append((section, []))
        groups[-1][1].append(cell)
    return groups


def _chart_names(cells) -> dict[str, Callable]:
    """Chart functions a notebook can call: smedx.course's and those it imports from smedx.charts."""
    from smedx import course

    names = {name: getattr(course, name) for name in COURSE_CHARTS}
    for cell in cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(_parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("smedx.charts"):
                module = import_module(node.module)
                for alias in node.names:
                    names[alias.asname or alias.name] = getattr(module, alias.name)
    return names


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _literal_args(call: ast.Call) -> tuple[list, dict] | None:
    try:
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except ValueError:
        return None
    return args, kwargs


def _figure_id(args: list) -> str | None:
    if not args or not isinstance(args[0], str):
        return None
    try:
        data.figure_info(args[0])
    except KitError:
        return None
    return args[0]


def explore_figure(figure_id: str, lang: str):
    """What the explorer shows first: its first segment (as smedx.ui.explorer does)."""
    rows = data.figure(figure_id)
    first = rows.iloc[0]
    segment = first[f"segment_{lang}"]
    title = charts.figure_title(figure_id, lang) + (f" · {segment}" if segment else "")
    return charts.bar(figure_id, segment_key=first["segment_key"], lang=lang, title=title)


def _maker(name: str, function: Callable, args: list, kwargs: dict, lang: str) -> Callable:
    if name == "explore":
        return lambda: explore_figure(args[0], lang)
    return lambda: function(*args, **{**kwargs, "lang": lang})


def _source(figure_id: str | None, lang: str, sections: list[str]) -> str:
    """The citation under a chart: report title, figure, N and section."""
    if figure_id is None:  # a chart of the kit's own (most draw their own source line)
        report = Bilingual(REPORT_TITLE_ZH, REPORT_TITLE_EN).text(lang)
        refs = Bilingual(
            "、".join(section_zh(s) for s in sections), ", ".join(section_en(s) for s in sections)
        ).text(lang)
        with using(lang):
            if not refs:
                return _("Source: {report}").format(report=report)
            return _("Source: {report}, {sections}").format(report=report, sections=refs)
    section = data.figure_info(figure_id)["section"]
    line = data.source_line(figure_id, lang)
    cited = Bilingual(section_zh(section), f"section {section}").text(lang)
    if cited in line:
        return line
    with using(lang):
        return _("{line}, {section}").format(line=line, section=cited)


def _section_refs(title_line: str) -> list[str]:
    """The report sections a heading and its English title cite: "(§2.1, Appendix 1.1)"; the title
    ends with "(section 2.1)", "(sections 3.1 and 3.1.2)" or "(sections 4.1–4.6)" (a range's two
    ends, as "§4.1–§4.6" gave)."""
    refs = re.findall(r"(?:§\s*|Appendix\s+)((?:附录)?\d+(?:\.\d+)*|前言|结语)", title_line)
    cited = re.search(r"\(sections?\s+(\d[\d.,–\- ]*(?:and\s+\d[\d.]*)?)\)\s*$", title_line)
    refs += re.findall(r"\d+(?:\.\d+)*", cited.group(1)) if cited else []  # the title's, last
    appendix = {m for m in re.findall(r"Appendix\s+(\d+(?:\.\d+)*)", title_line)}
    refs = [f"附录{r}" if r in appendix and not r.startswith("附录") else r for r in refs]
    return list(dict.fromkeys(refs))


def _scan_code(cell, names: dict, lang: str, refs: list[str]) -> tuple[list[ChartRef], list[str]]:
    found_charts, found_exercises = [], []
    for statement in _parse(cell.source).body:
        for node in ast.walk(statement):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            literal = _literal_args(node)
            if literal is None:
                continue
            args, kwargs = literal
            name = node.func.id
            if name in EXERCISE_CALLS and args and isinstance(args[0], str):
                found_exercises.append(args[0])
            elif isinstance(kwargs.get("exercise"), str):
                found_exercises.append(kwargs["exercise"])
            if name in names and isinstance(statement, ast.Expr) and statement.value is node:
                figure_id = _figure_id(args)
                found_charts.append(
                    ChartRef(
                        call=ast.unparse(node),
                        figure_id=figure_id,
                        make=_maker(name, names[name], args, kwargs, lang),
                        source=_source(figure_id, lang, refs),
                    )
                )
    return found_charts, found_exercises


def _objectives(cells) -> list[str]:
    """The numbered list under the "学习目标" / "Learning objectives" heading."""
    for cell in cells:
        if cell.cell_type == "markdown" and re.search(
            r"学习目标|Learning objectives", cell.source[:80]
        ):
            return [
                plain(re.sub(r"^\s*\d+\.\s*", "", line)).rstrip("；;。.")
                for line in cell.source.splitlines()
                if re.match(r"^\s*\d+\.\s", line)
            ]
    return []


# --------------------------------------------------------------------------------------------
# The facilitator guide
# --------------------------------------------------------------------------------------------


def _blocks(markdown: str) -> list[tuple[str, int, str]]:
    """(heading, level, body) for every heading of a markdown document."""
    parts = re.split(r"^(#{1,6})\s+(.+)$", markdown, flags=re.M)
    return [
        (parts[i + 1].strip(), len(parts[i]), parts[i + 2]) for i in range(1, len(parts) - 2, 3)
    ]


def discussion(markdown: str) -> tuple[list[str], str]:
    """The guide's discussion prompts (top-level list items under its discussion heading, without
    the "Q:" mark) and that part whole, expected answers included, for the speaker notes."""
    questions, notes = [], []
    for heading, _level, body in _blocks(markdown):
        if re.search(r"讨论|Discussion", heading, flags=re.I):
            questions += _list_items(body)
            notes.append(plain(f"{heading}\n{body}"))
    return questions, "\n\n".join(notes)


def _list_items(body: str) -> list[str]:
    items = [
        plain(re.sub(r"^(\d+\.|[-*])\s+", "", line))
        for line in body.splitlines()
        if re.match(r"^(\d+\.|[-*])\s+\S", line)
    ]
    return [re.sub(r"^(问|Q)\s*[:：]\s*", "", item) for item in items]


# --------------------------------------------------------------------------------------------


@cache
def _notebook(number: str, lang: str):
    return nbformat.read(notebook_path(number, lang), as_version=4)


def outline(module: str, lang: str = "zh", path: str | None = None) -> ModuleOutline:
    """Read one module (``'02'``, ``'m02'``) for slides in ``lang``; ``path`` ('1day', '2day',
    'full') keeps only the sections that course path teaches (1day: the core ones)."""
    from smedx.coursepack import agenda, guides

    if lang not in ("zh", "en"):
        raise KitError(
            f"不支持的语言 {lang!r}；可用：zh, en", f"unknown language {lang!r}; use zh or en"
        )
    number = normalise_module(module)
    tags = agenda.read_module(notebook_path(number))
    kept = {s.id for s in agenda.path_sections([tags], path)} if path else None
    info = {s.id: s for s in tags.sections}
    cells = _notebook(number, lang).cells
    names = _chart_names(cells)
    notes = guides.guide_notes(f"m{number}", lang)  # a clear error if the guide is missing
    guide = guides.guide_path(f"m{number}", lang)
    guide_text = guide.read_text(encoding="utf-8")
    sections = []
    for section_id, group in _by_section(cells):
        if kept is not None and section_id not in kept:
            continue
        heading = next((c.source.lstrip().splitlines()[0] for c in group if c.source.strip()), "")
        refs = _section_refs(f"{heading} {info[section_id].title_en}")
        section = Section(id=section_id, title=info[section_id].title(lang), text="")
        texts, exercise_ids = [], []
        for cell in group:
            if cell.cell_type == "markdown":
                texts.append(text_in(cell.source))
            elif cell.cell_type == "code":
                found_charts, found_ids = _scan_code(cell, names, lang, refs)
                section.charts += found_charts
                exercise_ids += found_ids
        section.text = "\n\n".join(t for t in texts if t)
        section.exercises = [question(q) for q in dict.fromkeys(exercise_ids)]
        section.notes = plain(notes.get(section_id, "")) or section.text
        sections.append(section)
    questions, discussion_notes = discussion(guide_text)
    return ModuleOutline(
        number=number,
        lang=lang,
        title=tags.title(lang),
        objectives=_objectives(cells),
        sections=sections,
        questions=questions,
        discussion_notes=discussion_notes,
        guide=guide,
    )
