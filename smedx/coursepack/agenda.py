"""Course paths and the day's agenda, read from the modules' own section tags.

Every section of a module notebook carries cell metadata (see ``docs/trainer/README.md``)::

    {"smedx": {"section": "m02.s3", "path": "core", "minutes": 8, "title": {"zh": …, "en": …},
               "objectives": ["m02.2"], "exercises": ["m02.early_stage_share"], "apps": []}}

on the cell that opens it, and ``{"smedx": {"section": "m02.s3"}}`` on the cells that follow.
A path is a choice of sections: ``1day`` the core ones, ``2day`` and ``full`` all of them (two
days, or one session per module). :func:`build_agenda` lays a path out on the clock with breaks
and lunch; :func:`render_agenda_text` and :func:`render_agenda_html` print it.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from smedx.coursepack.editions import edition_of, notebooks
from smedx.errors import KitError
from smedx.i18n import Bilingual, _, pgettext, using

PATHS = ("1day", "2day", "full")
SECTION_PATHS = ("core", "optional")

MAX_BLOCK = 90  # minutes of teaching before a break
BREAK = 15
LUNCH = 60
LUNCH_FROM, LUNCH_LATEST, LUNCH_UNTIL = 11 * 60 + 45, 12 * 60 + 30, 14 * 60  # see _lay_out
EARLIEST = 7 * 60  # allowed start times: a course day must end before the evening,
LATEST = {"1day": 12 * 60, "2day": 12 * 60, "full": 20 * 60}  # a one-module session by 22:00
ARRIVAL = {"day1": 15, "later_day": 10, "session": 5}  # log in and check machines
CLOSING = 10  # questions and course feedback at the end of a day or session

PATH_NAMES = {
    "1day": ("一天课程（核心部分）", "one-day course (core sections)"),
    "2day": ("两天课程（全部内容）", "two-day course (all sections)"),
    "full": ("完整课程（每次课一个模块）", "full course (one session per module)"),
}
HTML_LANG = {"zh": "zh-CN", "en": "en"}
SECTION_PATH_NAMES = {"core": ("核心", "core"), "optional": ("选学", "optional")}
APP_NAMES = {  # the Voila apps under widgets/ (titles as in smedx.ui.apps.APPS)
    "assessment": ("数字化自评", "Self-assessment"),
    "scenarios": ("场景规划", "Scenario planner"),
    "vendors": ("服务商选择", "Vendor chooser"),
    "genai": ("生成式 AI 用例", "GenAI canvas"),
    "explorer": ("报告数据浏览", "Report explorer"),
    "plan": ("行动计划", "Action plan"),
    "cohort": ("培训班看板", "Cohort dashboard"),
}


@dataclass(frozen=True)
class Section:
    id: str  # "m02.s3"
    module: str  # "m02"
    title_zh: str
    title_en: str
    path: str  # "core" | "optional"
    minutes: int
    objectives: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()

    def title(self, lang: str = "zh") -> str:
        return Bilingual(self.title_zh, self.title_en).text(lang)


@dataclass(frozen=True)
class Module:
    id: str  # "m02"
    title_zh: str
    title_en: str
    objectives: tuple[str, ...]
    sections: tuple[Section, ...]
    notebook: Path

    def title(self, lang: str = "zh") -> str:
        return Bilingual(self.title_zh, self.title_en).text(lang)

    def short_title(self, lang: str = "zh") -> str:
        """'模块 02 · 现状与阶段评估' without the subtitle after the colon."""
        return re.split("[：:]", self.title(lang), maxsplit=1)[0].strip()


def _bad_tags(where: str, what: str) -> KitError:
    return KitError(f"{where} 的章节标记有误：{what}", f"{where}: bad section tags: {what}")


def _section(meta: dict, module: str, where: str) -> Section:
    try:
        sec = Section(
            id=meta["section"],
            module=module,
            title_zh=meta["title"]["zh"],
            title_en=meta["title"]["en"],
            path=meta["path"],
            minutes=meta["minutes"],
            objectives=tuple(meta.get("objectives", ())),
            exercises=tuple(meta.get("exercises", ())),
            apps=tuple(meta.get("apps", ())),
        )
    except (KeyError, TypeError) as err:
        raise _bad_tags(where, f"{meta.get('section', '?')} 缺少 / lacks {err}") from None
    if sec.path not in SECTION_PATHS:
        raise _bad_tags(where, f"{sec.id} path={sec.path!r}")
    if not isinstance(sec.minutes, int) or isinstance(sec.minutes, bool) or sec.minutes <= 0:
        raise _bad_tags(where, f"{sec.id} minutes={sec.minutes!r}")
    unknown = [a for a in sec.apps if a not in APP_NAMES]
    if unknown:
        raise _bad_tags(where, f"{sec.id} apps={unknown}")
    return sec


def read_module(notebook: Path) -> Module:
    """One module's sections, in notebook order, from its cells' ``smedx`` metadata."""
    where = notebook.name
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        info = nb["metadata"]["smedx"]
        module = info["module"]
    except (OSError, ValueError, KeyError, TypeError):
        raise _bad_tags(where, "缺少笔记本的 smedx 元数据 / no notebook smedx metadata") from None
    sections: list[Section] = []
    for number, cell in enumerate(nb.get("cells", [])):
        meta = cell.get("metadata", {}).get("smedx", {})
        if "section" not in meta:
            raise _bad_tags(where, f"第 {number} 个单元格没有章节 / cell {number} has no section")
        if "minutes" in meta:  # the cell that opens a section
            sections.append(_section(meta, module, where))
        elif not sections or meta["section"] != sections[-1].id:
            raise _bad_tags(where, f"cell {number} section={meta['section']!r}")
    ids = [s.id for s in sections]
    if not sections or len(set(ids)) != len(ids):
        raise _bad_tags(where, f"sections {ids}")
    return Module(
        id=module,
        title_zh=info["title"]["zh"],
        title_en=info["title"]["en"],
        objectives=tuple(info.get("objectives", ())),
        sections=tuple(sections),
        notebook=notebook,
    )


def read_modules(root: Path | None = None, lang: str = "zh") -> list[Module]:
    """The section tags of an edition's modules (both editions carry the same tags)."""
    return [read_module(p) for p in notebooks(lang, root)]


def path_sections(modules: list[Module], path: str) -> list[Section]:
    check_path(path)
    wanted = ("core",) if path == "1day" else SECTION_PATHS
    return [s for m in modules for s in m.sections if s.path in wanted]


# --- the clock ----------------------------------------------------------------------------


def check_path(path: str) -> str:
    if path not in PATHS:
        raise KitError(
            f"没有课程路径 {path!r}；可用：{', '.join(PATHS)}",
            f"no course path {path!r}; available: {', '.join(PATHS)}",
            field="path",
        )
    return path


def parse_start(text: str, path: str = "1day") -> int:
    """'09:00' → minutes after midnight: 07:00–12:00 for a course day, up to 20:00 for a session."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(text))
    hours, minutes = (int(match[1]), int(match[2])) if match else (99, 99)
    if hours > 23 or minutes > 59:
        raise KitError(
            f"开始时间 {text!r} 无效：请写成 时:分，如 09:00",
            f"start time {text!r} is not valid: write hours:minutes, e.g. 09:00",
            field="start",
        )
    value, latest = hours * 60 + minutes, LATEST[check_path(path)]
    if not EARLIEST <= value <= latest:
        why_zh, why_en = (
            ("一天的课程要在傍晚前结束", "a course day must end by evening")
            if path != "full"
            else ("一次课要在 22:00 前结束", "a session must end by 22:00")
        )
        raise KitError(
            f"开始时间 {text!r} 不在 07:00—{clock(latest)} 之间：{why_zh}",
            f"start time {text!r} is not between 07:00 and {clock(latest)}: {why_en}",
            field="start",
        )
    return value


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Slot:
    start: int  # minutes after midnight
    end: int
    kind: str  # "arrival" | "section" | "break" | "lunch" | "closing"
    section: Section | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def label(self, lang: str = "zh") -> str:
        if self.section is not None:
            return f"{self.section.id} · {self.section.title(lang)}"
        return Bilingual(*SLOT_NAMES[self.kind]).text(lang)


SLOT_NAMES = {
    "arrival": ("签到、登录与电脑检查", "Arrival, log-in and machine check"),
    "break": ("茶歇", "Break"),
    "lunch": ("午餐", "Lunch"),
    "closing": ("答疑与课程反馈", "Questions and course feedback"),
}


@dataclass(frozen=True)
class Day:
    number: int
    kind: str  # "day" (with lunch) or "session" (one module, no lunch)
    slots: tuple[Slot, ...]

    @property
    def teaching_minutes(self) -> int:
        return sum(s.minutes for s in self.slots if s.kind == "section")

    @property
    def modules(self) -> list[str]:
        return list(dict.fromkeys(s.section.module for s in self.slots if s.section))


@dataclass(frozen=True)
class Agenda:
    path: str
    start: str
    lang: str
    days: tuple[Day, ...]
    modules: tuple[Module, ...] = field(repr=False, default=())

    @property
    def teaching_minutes(self) -> int:
        return sum(d.teaching_minutes for d in self.days)

    @property
    def sections(self) -> list[Section]:
        return [s.section for d in self.days for s in d.slots if s.section is not None]

    def title(self, lang: str | None = None) -> str:
        lang = lang or self.lang
        with using(lang):
            return _("SME DX Kit · ") + Bilingual(*PATH_NAMES[self.path]).text(lang)


def _lay_out(number: int, kind: str, sections: list[Section], start: int) -> Day:
    """Sections on the clock: a break after at most MAX_BLOCK minutes of teaching; lunch at the
    first module boundary or due break from 11:45 (else at the first section boundary from 12:30)."""
    arrival = ARRIVAL["session" if kind == "session" else "day1" if number == 1 else "later_day"]
    slots = [Slot(start, start + arrival, "arrival")]
    no_lunch = kind == "session" or start > LUNCH_FROM - 75  # a session, or a day begun after it
    now, block, lunch_done, module = start + arrival, 0, no_lunch, None
    for sec in sections:
        boundary = module is not None and sec.module != module
        pause_due = block > 0 and block + sec.minutes > MAX_BLOCK
        lunch = (
            block > 0
            and not lunch_done
            and now < LUNCH_UNTIL
            and (now >= LUNCH_LATEST or ((boundary or pause_due) and now >= LUNCH_FROM))
        )
        if lunch or pause_due:
            length = LUNCH if lunch else BREAK
            slots.append(Slot(now, now + length, "lunch" if lunch else "break"))
            now, block, lunch_done = now + length, 0, lunch_done or lunch
        slots.append(Slot(now, now + sec.minutes, "section", sec))
        now, block, module = now + sec.minutes, block + sec.minutes, sec.module
    slots.append(Slot(now, now + CLOSING, "closing"))
    return Day(number, kind, tuple(slots))


def _two_days(modules: list[Module], sections: list[Section]) -> list[list[Section]]:
    """Split at the module boundary that makes the two days' teaching most even."""
    total = sum(s.minutes for s in sections)
    best, best_gap = 1, None
    for cut in range(1, len(modules)):
        first = {m.id for m in modules[:cut]}
        gap = abs(total - 2 * sum(s.minutes for s in sections if s.module in first))
        if best_gap is None or gap < best_gap:
            best, best_gap = cut, gap
    first = {m.id for m in modules[:best]}
    return [
        [s for s in sections if s.module in first],
        [s for s in sections if s.module not in first],
    ]


def build_agenda(
    path: str = "1day", start: str = "09:00", lang: str = "zh", root: Path | None = None
) -> Agenda:
    """The agenda of a course path, with clock times, from the notebooks' section tags."""
    check_path(path)
    begin = parse_start(start, path)
    if lang not in ("zh", "en"):
        raise KitError(f"没有语言 {lang!r}；可用：zh、en", f"no language {lang!r}; use zh or en")
    modules = read_modules(root)
    sections = path_sections(modules, path)
    if path == "1day":
        days = [_lay_out(1, "day", sections, begin)]
    elif path == "2day":
        days = [
            _lay_out(n, "day", part, begin)
            for n, part in enumerate(_two_days(modules, sections), 1)
        ]
    else:
        days = [
            _lay_out(n, "session", [s for s in sections if s.module == m.id], begin)
            for n, m in enumerate(modules, 1)
        ]
    return Agenda(path, clock(begin), lang, tuple(days), tuple(modules))


# --- text and HTML ------------------------------------------------------------------------


def _day_name(day: Day, lang: str) -> str:
    with using(lang):
        if day.kind == "session":
            return _("Session {number}").format(number=day.number)
        return _("Day {number}").format(number=day.number)


def _names(items, names: dict | None, lang: str) -> str:
    sep = pgettext("list", ", ")
    if names is None:
        return sep.join(items)
    return sep.join(Bilingual(*names[i]).text(lang) for i in items)


def _summary(agenda: Agenda, lang: str) -> str:
    with using(lang):
        hours = agenda.teaching_minutes / 60
        return _(
            "{teaching_minutes} minutes of teaching (about {hours:.1f} hours) besides "
            "arrival, breaks and lunch; starts at {start}. Times come from the module "
            "notebooks' section tags."
        ).format(teaching_minutes=agenda.teaching_minutes, hours=hours, start=agenda.start)


def render_agenda_text(agenda: Agenda, lang: str | None = None) -> str:
    lang = lang or agenda.lang
    with using(lang):
        lines = [agenda.title(lang), _summary(agenda, lang)]
        for day in agenda.days:
            lines += ["", f"{_day_name(day, lang)}  ({day.teaching_minutes} min)"]
            for slot in day.slots:
                times = f"{clock(slot.start)}–{clock(slot.end)}"
                sec = slot.section
                tag = f"  [{Bilingual(*SECTION_PATH_NAMES[sec.path]).text(lang)}]" if sec else ""
                lines.append(f"  {times}  {slot.label(lang)}{tag}")
                if sec and sec.exercises:
                    names = _names(sec.exercises, None, lang)
                    lines.append(" " * 15 + _("exercises") + f": {names}")
                if sec and sec.apps:
                    names = _names(sec.apps, APP_NAMES, lang)
                    lines.append(" " * 15 + _("apps") + f": {names}")
        return "\n".join(lines) + "\n"


CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
       sans-serif; font-size: 10.5pt; color: #222; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }
p.summary { color: #555; margin: 0 0 8pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 0.5pt solid #bbb; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
td.time { white-space: nowrap; }
col.time { width: 6.5em; } col.exercises { width: 28%; } col.apps { width: 15%; }
td.app { overflow-wrap: normal; }  /* an app name is one word: never broken inside */
tr.module td { font-weight: bold; background: #eef2f7; padding-top: 5pt; }
tr.pause td { color: #666; background: #fafafa; }
span.optional { color: #8a5a00; font-size: 9pt; white-space: nowrap; }  /* "core · 10 min" stays whole */
span.core { color: #1f5fa8; font-size: 9pt; white-space: nowrap; }
@media print { h2 { break-before: auto; } }
"""


def render_agenda_html(agenda: Agenda, lang: str | None = None) -> str:
    """A printable A4 page of the agenda, in one language."""
    lang = lang or agenda.lang
    with using(lang):
        head = [_("Time"), _("Session"), _("Exercises")]
        head.append(_("Apps"))
        parts = [
            f"<!DOCTYPE html>\n<html lang='{HTML_LANG[lang]}'><head><meta charset='utf-8'>",
            f"<title>{escape(agenda.title(lang))}</title><style>{CSS}</style></head><body>",
            f"<h1>{escape(agenda.title(lang))}</h1>",
            f"<p class='summary'>{escape(_summary(agenda, lang))}</p>",
        ]
        modules = {m.id: m for m in agenda.modules}
        unit = _("min")
        for day in agenda.days:
            what = _("; ").join(modules[m].short_title(lang) for m in day.modules)
            parts.append(f"<h2>{escape(_day_name(day, lang))} · {escape(what)}</h2>")
            parts.append(
                "<table><colgroup><col class='time'><col><col class='exercises'><col class='apps'>"
                "</colgroup><thead><tr>"
                + "".join(f"<th>{escape(h)}</th>" for h in head)
                + "</tr></thead><tbody>"
            )
            module = None
            for slot in day.slots:
                sec = slot.section
                if sec and sec.module != module and sec.module in modules:
                    module = sec.module
                    title = escape(modules[module].short_title(lang))
                    parts.append(f"<tr class='module'><td></td><td colspan='3'>{title}</td></tr>")
                row_class = "" if sec else " class='pause'"
                label = escape(slot.label(lang))
                if sec:
                    path = escape(Bilingual(*SECTION_PATH_NAMES[sec.path]).text(lang))
                    label += f" <span class='{sec.path}'>{path} · {sec.minutes} {unit}</span>"
                exercises = escape(_names(sec.exercises, None, lang)) if sec else ""
                apps = escape(_names(sec.apps, APP_NAMES, lang)) if sec else ""
                parts.append(
                    f"<tr{row_class}><td class='time'>{clock(slot.start)}–{clock(slot.end)}</td>"
                    f"<td>{label}</td><td>{exercises}</td><td class='app'>{apps}</td></tr>"
                )
            parts.append("</tbody></table>")
        parts.append("</body></html>\n")
        return "\n".join(parts)


def timing_table(module: Module, lang: str | None = None) -> str:
    """The markdown timing table a module notebook shows learners (generated from its tags), in
    ``lang``; by default in the language of the edition the notebook belongs to."""
    lang = lang or edition_of(module.notebook)
    with using(lang):
        head = [_("Section"), _("Path"), _("Minutes")]
        rows = ["| " + " | ".join(head) + " |", "|---|---|---|"]
        for sec in module.sections:
            path = Bilingual(*SECTION_PATH_NAMES[sec.path]).text(lang)
            rows.append(f"| {sec.title(lang)} | {path} | {sec.minutes} |")
        core = sum(s.minutes for s in module.sections if s.path == "core")
        total = sum(s.minutes for s in module.sections)
        rows.append(f"| **{_('Core total')}** | | **{core}** |")
        rows.append(f"| **{pgettext('agenda', 'Total')}** | | **{total}** |")
        return "\n".join(rows)


# --- command line ---------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    from smedx.files import write_atomic

    with using(args.lang):
        agenda = build_agenda(args.path, args.start, args.lang)
        print(render_agenda_text(agenda), end="")
        if args.out:
            written = write_atomic(args.out, render_agenda_html(agenda))
            print(_("\nPrintable agenda written: {written}").format(written=written))
        return 0


def register(actions) -> None:
    """Add ``agenda`` to ``smedx course``."""
    cmd = actions.add_parser(
        "agenda",
        help=_("the course agenda with clock times"),
        description=_(
            "Lay out a course path on the clock (times from the notebooks' section tags); "
            "optionally write it as a printable A4 HTML page."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmd.add_argument(
        "--path",
        default="1day",
        metavar="PATH",
        help=_(
            "1day (the core), 2day (everything, two days) or full (one module a session); "
            "default 1day"
        ),
    )
    cmd.add_argument(
        "--start",
        default="09:00",
        help=_("start time, 07:00–12:00 (full: up to 20:00)"),
    )
    cmd.add_argument("--out", metavar="FILE.html", help=_("write a printable HTML page"))
    cmd.set_defaults(func=_run)
