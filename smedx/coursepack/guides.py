"""Facilitator guides (docs/trainer/mNN.<lang>.md): their generated timing tables and speaker notes.

A guide holds, between ``<!-- smedx:… -->`` markers, a timing table made from the module's section
tags; the rest is written by hand. :func:`guide_notes` returns each section's text (under its
``## mNN.sK · …`` heading) for slide speaker notes, optionally followed by the section's exercise
solutions read live from :mod:`smedx.exercises`; :func:`sync_timing_tables` rewrites the timing
tables after a tag changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from smedx.course_folder import course_folder
from smedx.coursepack.agenda import (
    APP_NAMES,
    SECTION_PATH_NAMES,
    Module,
    Section,
    _names,
    read_modules,
    timing_table,
)
from smedx.errors import KitError
from smedx.i18n import Bilingual, _, pgettext, using


def guide_timing_table(module: Module, lang: str = "zh") -> str:
    """The facilitator guide's timing table (docs/trainer/mNN.<lang>.md), generated from the tags."""
    with using(lang):
        head = (
            pgettext("guide", "Section"),
            _("Part"),
            _("Path"),
            _("Minutes"),
            _("Exercises"),
            _("Apps"),
        )
        rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|---|"]
        for sec in module.sections:
            path = Bilingual(*SECTION_PATH_NAMES[sec.path]).text(lang)
            exercises = ", ".join(f"`{e}`" for e in sec.exercises)
            apps = _names(sec.apps, APP_NAMES, lang)
            rows.append(
                f"| {sec.id} | {sec.title(lang)} | {path} | {sec.minutes} | {exercises} | {apps} |"
            )
        core = sum(s.minutes for s in module.sections if s.path == "core")
        total = sum(s.minutes for s in module.sections)
        core_total = _("Core total (one-day course)")
        rows.append(f"| | **{core_total}** | | **{core}** | | |")
        rows.append(f"| | **{pgettext('agenda', 'Total')}** | | **{total}** | | |")
        return "\n".join(rows)


def guide_path(module_id: str, lang: str = "zh", root: Path | None = None) -> Path:
    name = f"{module_id}.{'en' if lang == 'en' else 'zh'}.md"
    return course_folder(root) / "docs" / "trainer" / name


def guide_notes(
    module_id: str, lang: str = "zh", root: Path | None = None, *, answers: bool = False
) -> dict[str, str]:
    """Speaker notes per section: the text under each ``## mNN.sK · title`` heading of the guide;
    with ``answers`` each section's exercises follow with their solutions from smedx.exercises."""
    path = guide_path(module_id, lang, root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise KitError(
            f"找不到培训师指南 {path}", f"facilitator guide {path} not found", field="module"
        ) from None
    notes: dict[str, str] = {}
    for match in re.finditer(
        rf"^## ({re.escape(module_id)}\.s\d+)\b[^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S
    ):
        notes[match[1]] = re.sub(r"<!--.*?-->\n?", "", match[2]).strip()
    if answers:
        module = next((m for m in read_modules(root) if m.id == module_id), None)
        for sec in module.sections if module else ():
            if sec.exercises and sec.id in notes:
                notes[sec.id] += "\n\n" + guide_answers(sec, lang)
    return notes


def guide_answers(section: Section, lang: str = "zh") -> str:
    """A section's exercises with their worked solutions, read now from smedx.exercises (the guides
    name the exercises; their answers are not copied, so they cannot go stale)."""
    from smedx.exercises import question

    with using(lang):
        lines = [_("**Exercises and expected answers**"), ""]
        for exercise in section.exercises:
            solution = question(exercise).solution
            text = solution.text(lang).replace("\n", " ")
            lines.append(_("- `{exercise}`: {solution}").format(exercise=exercise, solution=text))
        return "\n".join(lines)


TABLES = {  # where generated timing tables sit, between these markers
    "notebook": (
        "<!-- smedx:timing: generated from the section tags (smedx.coursepack.agenda.timing_table) -->",
        "<!-- /smedx:timing -->",
    ),
    "guide": (
        "<!-- smedx:guide-timing: generated from the section tags "
        "(smedx.coursepack.guides.guide_timing_table) -->",
        "<!-- /smedx:guide-timing -->",
    ),
}


def _between(text: str, kind: str) -> re.Pattern:
    begin, end = TABLES[kind]
    return re.compile(rf"({re.escape(begin)}\n)(.*?)(\n{re.escape(end)})", re.S)


def _replace_table(text: str, kind: str, table: str) -> str:
    return _between(text, kind).sub(lambda m: m[1] + table + m[3], text)


def generated_table(text: str, kind: str) -> str | None:
    """The table a notebook cell or guide holds between its markers (None without markers)."""
    match = _between(text, kind).search(text)
    return match[2] if match else None


def sync_timing_tables(root: Path | None = None) -> list[Path]:
    """After changing section tags: rewrite the timing tables in the notebooks and the guides from
    them; returns the files it changed."""
    import nbformat

    from smedx.files import write_atomic

    changed = []
    for module in read_modules(root) + read_modules(root, "en"):  # both editions' notebooks
        nb = nbformat.read(module.notebook, as_version=4)
        for cell in nb.cells:
            if generated_table(cell.source, "notebook") is not None:
                cell.source = _replace_table(cell.source, "notebook", timing_table(module))
        text = nbformat.writes(nb) + "\n"
        if text != module.notebook.read_text(encoding="utf-8"):
            changed.append(write_atomic(module.notebook, text))
        for lang in ("zh", "en"):
            guide = guide_path(module.id, lang, root)
            if guide.exists():
                old = guide.read_text(encoding="utf-8")
                new = _replace_table(old, "guide", guide_timing_table(module, lang))
                if new != old:
                    changed.append(write_atomic(guide, new))
    return changed
