"""`smedx course slides`: one PowerPoint deck per module, made with python-pptx from the outline.

A deck holds a title slide, the learning objectives, one slide per chart (a picture drawn offline
by the Debian Chromium through :mod:`smedx.printing`, with its source line), the key numbers of
the report's figures the module shows, one slide per exercise prompt, and the discussion
questions. Every slide's speaker notes come from the facilitator guide (or the notebook's text
where a guide section is missing). Text carries an East Asian font (``a:ea``) so PowerPoint and WPS
draw Chinese with a Chinese face.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import plotly.graph_objects as go
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, charts, data
from smedx.coursepack.outline import (
    ChartRef,
    ModuleOutline,
    module_numbers,
    normalise_module,
    outline,
)
from smedx.errors import KitError
from smedx.files import write_atomic
from smedx.i18n import Bilingual, _, pgettext, using
from smedx.typography import section_zh

# On every Windows and known to WPS; LibreOffice on Linux falls back to Noto Sans CJK.
EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Arial"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
BODY_TOP = Inches(1.5)
PICTURE_SIZE = (1000, 540)  # CSS pixels: the slide's free area, text large enough for a projector
INK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x00, 0x72, 0xB2)  # the charts' first colour
KEY_NUMBERS_PER_SLIDE = 6
MAX_OPTION_LINES = 12  # more options than fit one a line on a slide
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # python-pptx's default template

Renderer = Callable[[object, Path], Path]


def slide_words(lang: str) -> dict[str, str]:
    """The slides' fixed wording in ``lang``."""
    with using(lang):
        return {
            "course": _("SME DX Kit"),
            "module": _("Module"),
            "objectives": _("Learning objectives"),
            "key_numbers": _("Key numbers"),
            "questions": _("Discussion questions"),
            "exercise": _("Exercise"),
            "answer_space": _("Answer:"),
            "label": _(
                "Course material written from the report; content the course designed is labelled."
            ),
            "no_questions": _("See this module's facilitator guide for the discussion questions."),
            "solution": _("Solution (for the trainer only):"),
            "sources": _("Every number is from the report; figure and sample size in brackets."),
        }


# --------------------------------------------------------------------------------------------
# Text with Chinese-capable fonts
# --------------------------------------------------------------------------------------------


LANG_TAGS = {"zh": ("zh-CN", "en-US"), "en": ("en-US", "zh-CN")}  # a run's lang, altLang


def _set_fonts(run, size: float, *, bold: bool = False, color: RGBColor = INK, lang: str) -> None:
    """Size, weight, colour and the Latin and East Asian faces, written straight into a:rPr
    (python-pptx's font properties take ~3 ms a run; a deck has thousands of runs)."""
    rpr = run._r.get_or_add_rPr()
    main, alternative = LANG_TAGS[lang]
    rpr.set("lang", main)
    rpr.set("altLang", alternative)
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if bold else "0")
    for child in list(rpr):
        rpr.remove(child)
    fill = etree.SubElement(rpr, qn("a:solidFill"))  # schema order: fill, latin, ea
    etree.SubElement(fill, qn("a:srgbClr"), val=str(color))
    etree.SubElement(rpr, qn("a:latin"), typeface=LATIN_FONT)
    etree.SubElement(rpr, qn("a:ea"), typeface=EAST_ASIAN_FONT)


def _write(frame, lines: Iterable[str], size: float, lang: str, **style) -> None:
    """Replace a text frame's text with one paragraph per line, every run in the kit's fonts."""
    frame.word_wrap = True
    lines = list(lines) or [""]
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = ""
        run = paragraph.add_run()
        run.text = line
        _set_fonts(run, size, lang=lang, **style)
        paragraph.space_after = Pt(size * 0.4)


def _fit_size(lines: list[str], base: float, smallest: float = 12, room: int = 700) -> float:
    """A font size that keeps the text inside its box: smaller as the text grows (CJK-wide)."""
    weight = sum(len(line) * (2 if re.search(r"[\u3400-\u9fff]", line) else 1) for line in lines)
    weight += 40 * len(lines)
    size = base
    while size > smallest and weight * (size / base) ** 2 > room:
        size -= 1
    return size


def _box(slide, left, top, width, height):
    return slide.shapes.add_textbox(left, top, width, height).text_frame


def _title(slide, text: str, lang: str) -> None:
    shape = slide.shapes.title
    shape.left, shape.top = MARGIN, Inches(0.3)
    shape.width, shape.height = WIDTH - 2 * MARGIN, Inches(1.0)
    _write(shape.text_frame, [text], _fit_size([text], 30, 20, 120), lang, bold=True, color=ACCENT)


def _notes(slide, text: str, lang: str) -> None:
    _write(slide.notes_slide.notes_text_frame, text.splitlines() or [""], 12, lang)


def _east_asian_theme(prs) -> None:
    """The theme's own East Asian font, for any text PowerPoint adds later (e.g. typed notes)."""
    for part in prs.part.package.iter_parts():
        if str(part.partname).startswith("/ppt/theme/"):
            part._blob = part.blob.replace(
                b'<a:ea typeface=""/>', f'<a:ea typeface="{EAST_ASIAN_FONT}"/>'.encode()
            )


# --------------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------------


def _content_slide(prs, title: str, lang: str):
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _title(slide, title, lang)
    return slide


def _bullets(slide, lines: list[str], lang: str) -> None:
    frame = _box(slide, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, HEIGHT - BODY_TOP - Inches(0.4))
    _write(frame, lines, _fit_size(lines, 24), lang)


def _title_slide(prs, o: ModuleOutline) -> None:
    words = slide_words(o.lang)
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _title(slide, o.title, o.lang)
    slide.shapes.title.top, slide.shapes.title.height = Inches(2.0), Inches(1.8)
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top = MARGIN, Inches(4.2)
    subtitle.width, subtitle.height = WIDTH - 2 * MARGIN, Inches(2.2)
    report = Bilingual(REPORT_TITLE_ZH, REPORT_TITLE_EN).text(o.lang)
    lines = [f"{words['course']} · {words['module']} {o.number}", report, words["label"]]
    _write(subtitle.text_frame, lines, 18, o.lang, color=GREY)
    _notes(slide, "\n".join(o.objectives), o.lang)


def _objectives_slide(prs, o: ModuleOutline) -> None:
    slide = _content_slide(prs, slide_words(o.lang)["objectives"], o.lang)
    _bullets(slide, [f"{i}. {text}" for i, text in enumerate(o.objectives, 1)], o.lang)
    _notes(slide, "\n".join(s.title for s in o.sections), o.lang)


def _chart_source(fig, ref: ChartRef, lang: str) -> str:
    """A report figure's citation (title, figure, N, section); for a chart the kit composes from
    several sources, the source line the chart draws itself."""
    if ref.figure_id:
        return ref.source
    with using(lang):
        sep = _("; ")
    for note in fig.layout.annotations or ():
        text = re.sub(r"<br\s*/?>", sep, note.text or "", flags=re.I)
        text = re.sub(r"<[^>]+>", " ", text)
        if text.startswith(("数据来源", "Source", "来源")):
            return " ".join(text.split())
    return ref.source


def _chart_slide(prs, o: ModuleOutline, section, ref: ChartRef, fig, picture: Path) -> None:
    slide = _content_slide(prs, section.title, o.lang)
    top, bottom = Inches(1.35), Inches(0.75)
    room_w, room_h = WIDTH - 2 * MARGIN, HEIGHT - top - bottom
    shape = slide.shapes.add_picture(str(picture), MARGIN, top)
    scale = min(room_w / shape.width, room_h / shape.height)
    shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
    shape.left = Emu(int((WIDTH - shape.width) / 2))
    source = _chart_source(fig, ref, o.lang)
    frame = _box(slide, MARGIN, HEIGHT - bottom, WIDTH - 2 * MARGIN, Inches(0.5))
    _write(frame, [source], 12, o.lang, color=GREY)
    _notes(slide, section.notes, o.lang)


def _where(figure_id: str, lang: str) -> str:
    """A report figure's number, or for numbers the report gives only in its text (the kit's
    ids such as "S3.2.1-genai-use") the section, as data.source_line cites them."""
    info = data.figure_info(figure_id)
    if info["kind"] in ("chart", "text_only", "diagram"):
        with using(lang):
            return _("figure {figure_id}").format(figure_id=figure_id)
    return Bilingual(section_zh(info["section"]), f"section {info['section']}").text(lang)


def key_numbers(o: ModuleOutline) -> list[str]:
    """The largest whole-sample value of each report figure the module shows, cited."""
    lines, seen = [], set()
    for ref in o.charts:
        if not ref.figure_id or ref.figure_id in seen:
            continue
        seen.add(ref.figure_id)
        rows = data.figure(ref.figure_id)
        rows = rows[rows["segment_key"] == ""]
        if not len(rows):
            continue
        top = rows.sort_values("value", ascending=False).iloc[0]
        stat = data.stat(ref.figure_id, top["key"])
        label = Bilingual(stat.label_zh, stat.label_en).text(o.lang)
        title = charts.figure_title(ref.figure_id, o.lang)
        where = _where(ref.figure_id, o.lang)
        with using(o.lang):
            n = _(", N={n}").format(n=stat.n) if stat.n else ""
            line = _("{value:g}% — {label} ({title}; {where}{n})")
        lines.append(line.format(value=stat.value, label=label, title=title, where=where, n=n))
    return lines


def _key_number_slides(prs, o: ModuleOutline) -> None:
    lines = key_numbers(o)
    for start in range(0, len(lines), KEY_NUMBERS_PER_SLIDE):
        slide = _content_slide(prs, slide_words(o.lang)["key_numbers"], o.lang)
        _bullets(slide, lines[start : start + KEY_NUMBERS_PER_SLIDE], o.lang)
        _notes(slide, slide_words(o.lang)["sources"], o.lang)


def exercise_lines(q, lang: str) -> list[str]:
    """What a learner is asked: the prompt and the options, never the answer."""
    prompt = q.prompt.text(lang)
    texts = [opt.text(lang) for opt in q.options]
    if q.kind in ("number", "text"):
        return [prompt, slide_words(lang)["answer_space"] + " ____________"]
    # a planner's many choices ("行业：…", "阶段：…"): one line a group
    if len(texts) > MAX_OPTION_LINES:
        return [prompt, *_grouped(texts, lang)]
    return [prompt, *(f"{chr(65 + i)}. {text}" for i, text in enumerate(texts))]


def _grouped(texts: list[str], lang: str) -> list[str]:
    with using(lang):
        mark, sep = pgettext("option group", ": "), pgettext("option group", " / ")
    groups: dict[str, list[str]] = {}
    for text in texts:
        group, _mark, choice = text.rpartition(mark)
        groups.setdefault(group, []).append(choice)
    return [
        f"{group}{mark if group else ''}{sep.join(choices)}" for group, choices in groups.items()
    ]


def _exercise_slide(prs, o: ModuleOutline, section, q) -> None:
    words = slide_words(o.lang)
    slide = _content_slide(prs, f"{words['exercise']} {q.id} · {section.title}", o.lang)
    lines = exercise_lines(q, o.lang)
    _bullets(slide, lines, o.lang)
    solution = q.solution.text(o.lang)
    _notes(slide, f"{section.notes}\n\n{words['solution']} {solution}", o.lang)


def _questions_slide(prs, o: ModuleOutline) -> None:
    words = slide_words(o.lang)
    slide = _content_slide(prs, words["questions"], o.lang)
    lines = [f"{i}. {text}" for i, text in enumerate(o.questions, 1)] or [words["no_questions"]]
    _bullets(slide, lines, o.lang)
    guide = f"docs/trainer/{o.module}.{o.lang}.md"
    _notes(slide, o.discussion_notes or guide, o.lang)


# --------------------------------------------------------------------------------------------
# Decks
# --------------------------------------------------------------------------------------------


def _is_source(note) -> bool:
    """smedx.charts.add_source's citation: at the bottom left of the plot area, 60 px down."""
    return note.yref == "paper" and note.y == 0 and note.yshift == -60


def without_source(fig):
    """The figure without its own source line: the slide prints it, large enough to read, under
    the picture (inside the picture it came out a second time, too small for a projector)."""
    notes = fig.layout.annotations or ()
    if not any(_is_source(n) for n in notes):
        return fig
    copy = go.Figure(fig)
    copy.layout.annotations = [n for n in notes if not _is_source(n)]
    return copy


def _png(fig, out: Path) -> Path:
    from smedx.printing import figure_to_png

    return figure_to_png(fig, out, width=PICTURE_SIZE[0], height=PICTURE_SIZE[1])


def render_pictures(
    outlines: list[ModuleOutline], folder: Path, render: Renderer = _png, jobs: int = 2
):
    """Every chart of the outlines drawn once, side by side: {(module, index): (figure, png)}."""
    charts.use_theme()
    work = [(o.number, i, ref) for o in outlines for i, ref in enumerate(o.charts)]

    def draw(item):
        number, index, ref = item
        fig = ref.make()
        picture = render(without_source(fig), folder / f"m{number}-{index:02d}.png")
        return (number, index), (fig, picture)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return dict(pool.map(draw, work))


def deck_name(o: ModuleOutline) -> str:
    return f"m{o.number}-slides.{o.lang}.pptx"


def build_deck(o: ModuleOutline, pictures: dict, out_dir: Path) -> Path:
    """One module's deck, written whole to ``out_dir``; ``pictures`` from :func:`render_pictures`."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _east_asian_theme(prs)
    _title_slide(prs, o)
    _objectives_slide(prs, o)
    index = 0
    for section in o.sections:
        for ref in section.charts:
            fig, picture = pictures[(o.number, index)]
            _chart_slide(prs, o, section, ref, fig, picture)
            index += 1
    _key_number_slides(prs, o)
    for section in o.sections:
        for q in section.exercises:
            _exercise_slide(prs, o, section, q)
    _questions_slide(prs, o)
    buffer = io.BytesIO()
    prs.save(buffer)
    return write_atomic(Path(out_dir) / deck_name(o), buffer.getvalue())


def make_slides(
    modules: list[str] | None,
    out_dir: Path,
    lang: str = "zh",
    *,
    path: str | None = None,
    render: Renderer = _png,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Decks for ``modules`` (default: all) in ``lang``, with the sections of a course ``path``
    (default: every section); pictures drawn in a temporary folder."""
    numbers = [normalise_module(m) for m in modules] if modules else module_numbers()
    outlines = [outline(n, lang, path) for n in numbers]
    with tempfile.TemporaryDirectory(prefix="smedx-slides-") as tmp:
        pictures = render_pictures(outlines, Path(tmp), render, jobs=min(2, os.cpu_count() or 1))
        written = []
        for o in outlines:
            written.append(build_deck(o, pictures, out_dir))
            if progress:
                progress(written[-1].name)
    return written


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise KitError(f"--out 应是一个文件夹：{out}", f"--out must be a folder: {out}")
    modules = [args.module] if args.module else None
    for path in make_slides(modules, out, args.lang):
        print(path)
    return 0


def register(actions: argparse._SubParsersAction) -> None:
    slides = actions.add_parser(
        "slides",
        help=_("a PPTX deck per module"),
        description=_(
            "a PPTX deck per module (charts, key numbers, exercises, questions, speaker notes)"
        ),
    )
    slides.add_argument("--module", help=_("one module only, e.g. 02"))
    slides.add_argument("--out", required=True, help=_("output folder"))
    slides.set_defaults(func=_run)
