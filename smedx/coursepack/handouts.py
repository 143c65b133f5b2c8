"""`smedx course handouts`: a printable A4 PDF per module (the paper fallback) and, in a separate
file, the trainer's answer sheet.

The handout is made from the module notebook itself (read with nbformat), so it never drifts from
it: the text of the language's edition (modules/ or modules/en/) without code, each chart as a picture, each exercise as a worksheet
with room to write (from smedx.exercises' question registry), and the glossary. Answers, hints and
solutions go only to the trainer sheet. The trainer notes at the end of a notebook are left out.

Charts are drawn by the kit's own plotly.js inside the page that Chromium prints
(smedx.printing.html_to_pdf): one browser run per PDF, vector charts, no network. A PNG per chart
(figure_to_png) costs one browser start each (about 2 s) and a module has up to six charts.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import mistune
import nbformat
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from smedx import glossary
from smedx.coursepack import editions
from smedx.errors import KitError
from smedx.exercises import Question, question
from smedx.i18n import Bilingual, _, pgettext, using

TEMPLATES = Path(__file__).parent / "templates"
# Charts are drawn as wide as on a screen, so their labels fit, then shrunk to the
# 170 mm (640 CSS px) text width of an A4 page.
CHART_WIDTH, CHART_HEIGHT, PAGE_WIDTH = 900, 500, 640
CHART_ZOOM = round(PAGE_WIDTH / CHART_WIDTH, 4)

TRAINER_NOTES = ("培训师备注", "Notes for trainers")
# The trainer's timing table (smedx course agenda writes it) and the heading just above it.
GENERATED = re.compile(
    r"(?:^#{1,6}[^\n]*\n\s*)?<!--\s*smedx:timing.*?<!--\s*/smedx:timing\s*-->", re.S | re.M
)
COMMENT = re.compile(r"<!--.*?-->", re.S)
# Exercises the course pack also prints as a form of their own (smedx.coursepack.form).
PAPER_FORMS = ("m02.self_assessment",)
# A paragraph that asks the reader to run a cell (the tools, a saved-answers check).
RUN_A_CELL = re.compile(r"运行(?:下面|下一|这一)[^。；]{0,3}格|run the (?:next )?cell", re.I)
# An app's exercise: a code cell such as ScenarioPlanner(exercise="m03.my_scenarios") or
# grade("m02.self_assessment") gets a worksheet on paper, so the apply step is no dead end.
EXERCISE_ID = re.compile(r"""(?:exercise=|grade\()["'](m\d\d\.\w+)["']""")

_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def module_paths(lang: str = "zh") -> dict[str, Path]:
    """Module number ("00".."06") -> its notebook in the language's edition."""
    return {p.name[:2]: p for p in editions.notebooks(lang)}


@cache
def _titles(nn: str) -> tuple[str, str]:
    """The module's title in both languages, from its notebook's tags (both editions have them)."""
    path = module_paths().get(nn)
    if path is None:
        return f"模块 {nn}", f"Module {nn}"
    title = nbformat.read(path, as_version=4).metadata["smedx"]["title"]
    return title["zh"], title["en"]


def module_title(nn: str, lang: str = "zh", *, short: bool = False) -> str:
    """The module's heading in one language, e.g. "模块 01 · 转型动因：…" (short: up to the colon)."""
    title = Bilingual(*_titles(nn)).text(lang)
    return title.split("：")[0].split(": ")[0] if short else title


# --- the notebook's text on paper ------------------------------------------------------------


def paper_text(source: str) -> str:
    """A markdown cell of an edition as the page prints it: without the module's title (the page
    prints it once), the trainer's timing table, comments, how to run a cell and "run the next
    cell" paragraphs (a cell prints nothing on paper)."""
    kept = []
    source = COMMENT.sub("", GENERATED.sub("", source))
    for block in re.split(r"\n\s*\n", source.strip()):
        lines = block.splitlines()
        headings = [line for line in lines if re.match(r"#{2,6} ", line)]
        text = "\n".join(line for line in lines if not line.startswith("#")).strip()
        if text.startswith(">") and ("Shift + Enter" in text or "Shift+Enter" in text):
            text = ""  # how to run a code cell: nothing to do on paper
        if RUN_A_CELL.search(text):
            text = ""  # "run the next cell to …": the cell prints nothing on paper
        kept.append("\n".join([*headings, text]).strip())
    return "\n\n".join(k for k in kept if k)


# --- what a code cell becomes on paper ----------------------------------------------------------


@dataclass
class Worksheet:
    number: int
    question: Question


@dataclass
class Module:
    nn: str
    title: str
    blocks: list = field(default_factory=list)  # Markup (text) | Chart | Worksheet
    worksheets: list[Worksheet] = field(default_factory=list)


@dataclass
class Chart:
    id: str
    spec: str  # plotly JSON, safe inside a <script>
    source: str  # the chart's source line, printed under it


def _is_trainer_heading(source: str) -> bool:
    first = source.strip().splitlines()[0] if source.strip() else ""
    return first.startswith("#") and any(mark in first for mark in TRAINER_NOTES)


def _is_source(note: dict) -> bool:
    """smedx.charts.add_source's citation: at the bottom left of the plot area, 60 px down."""
    return note.get("yref") == "paper" and note.get("y") == 0 and note.get("yshift") == -60


def _chart(fig, block_id: str) -> Chart:
    """The figure at screen width with its source line taken out: on a narrow page the x labels
    turn and would run over it, so the page prints it as a caption instead."""
    spec = json.loads(fig.to_json())
    layout = spec.get("layout", {})
    notes = layout.get("annotations", [])
    source = " ".join(_cell_text(n.get("text", "")) for n in notes if _is_source(n))
    layout = {
        **layout,
        "annotations": [n for n in notes if not _is_source(n)],
        "width": CHART_WIDTH,
        "height": layout.get("height") or CHART_HEIGHT,
    }
    payload = json.dumps({"data": spec.get("data", []), "layout": layout}).replace("</", "<\\/")
    return Chart(block_id, payload, source)


def _call(node: ast.Call, namespace: dict, lang: str):
    """Call a chart function of the notebook with the handout's language, if it takes one."""
    func = namespace.get(node.func.id)
    module = getattr(func, "__module__", "") or ""
    if not (module.startswith("smedx.charts") or func in (namespace.get("chart"),)):
        return None  # widgets, answers, prints: nothing to print on paper
    try:
        takes_lang = "lang" in inspect.signature(func).parameters
    except (TypeError, ValueError):
        takes_lang = False
    if takes_lang and not any(k.arg == "lang" for k in node.keywords):
        node.keywords.append(ast.keyword(arg="lang", value=ast.Constant(lang)))
    expression = ast.fix_missing_locations(ast.Expression(node))
    return eval(compile(expression, "<cell>", "eval"), namespace)


def _code_cell(source: str, namespace: dict, lang: str):
    """A Chart, a question id, or None for a code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if all(
        isinstance(n, ast.ImportFrom) and (n.module or "").startswith("smedx") for n in tree.body
    ):
        exec(compile(tree, "<cell>", "exec"), namespace)  # the notebook's own imports
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    node = tree.body[0].value
    app_exercise = EXERCISE_ID.search(source)
    if app_exercise:
        return app_exercise.group(1)
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
        return None
    args = [a.value for a in node.args if isinstance(a, ast.Constant)]
    if node.func.id == "exercise" and args:
        return str(args[0])
    if node.func.id == "explore" and args:  # the explorer's first view, as on the slides
        from smedx.coursepack.outline import explore_figure

        figure = explore_figure(str(args[0]), lang)
    else:
        figure = _call(node, namespace, lang)
    if not (hasattr(figure, "to_json") and hasattr(figure, "data")):
        return None
    if figure.data and all(trace.type == "table" for trace in figure.data):
        return _table(figure)
    return figure


def _table(figure) -> Markup:
    """A plotly table as an HTML table: it breaks across pages and keeps its text whole."""
    parts = []
    for trace in figure.data:
        title = figure.layout.title.text
        header = [_cell_text(v) for v in trace.header.values]
        columns = [list(map(_cell_text, col)) for col in trace.cells.values]
        rows = zip(*columns, strict=False)
        html = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        caption = f"<h4>{escape(title)}</h4>" if title else ""
        parts.append(f"{caption}<table><tr>{html}</tr>{body}</table>")
    return Markup("".join(parts))


def _cell_text(value) -> str:
    """Plotly table cells may hold <br> and <b>: plain text for the page."""
    text = re.sub(r"<br\s*/?>", " ", str(value))
    return re.sub(r"<[^>]+>", "", text)


def read_module(nn: str, lang: str = "zh") -> Module:
    """The module's printable content, in order: text, charts and worksheets."""
    paths, edition = module_paths(), module_paths(lang)
    if nn not in paths:
        raise KitError(
            f"没有模块 {nn}；可用：{'、'.join(paths)}",
            f"no module {nn}; available: {', '.join(paths)}",
        )
    if nn not in edition:
        raise KitError(
            f"模块 {nn} 还没有英文版（{editions.folder('en')}）",
            f"module {nn} has no English edition yet ({editions.folder('en')})",
        )
    notebook = nbformat.read(edition[nn], as_version=4)
    module = Module(nn, module_title(nn, lang))
    namespace: dict = {}
    skipping = False
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            if cell.source.lstrip().startswith("## "):
                skipping = _is_trainer_heading(cell.source)
            if skipping:
                continue
            text = paper_text(cell.source)
            headings_only = all(line.startswith("#") for line in text.splitlines())
            if headings_only and not all(
                line.startswith("#") for line in cell.source.strip().splitlines() if line.strip()
            ):
                continue  # its body was generated for the trainer or is a cell to run
            if text:
                module.blocks.append(Markup(_markdown(text)))
        elif cell.cell_type == "code" and not skipping:
            found = _code_cell(cell.source, namespace, lang)
            if isinstance(found, Markup):  # a table (Markup is a str: test it first)
                module.blocks.append(found)
            elif isinstance(found, str):
                if any(s.question.id == found for s in module.worksheets):
                    continue
                sheet = Worksheet(len(module.worksheets) + 1, question(found))
                module.worksheets.append(sheet)
                module.blocks.append(sheet)
            elif found is not None:
                module.blocks.append(_chart(found, f"chart-{len(module.blocks)}"))
    return module


# --- answers as the trainer reads them ----------------------------------------------------------


def _label(q: Question, key: str, lang: str) -> str:
    for option in q.options:
        if option.key == key:
            return option.text(lang)
    return str(key)


def answer_text(q: Question, lang: str = "zh") -> str:
    """The question's example answer in words (its options' labels, not their keys)."""
    answer = q.example_answer
    with using(lang):
        sep = _("; ")
        form = _("(the app's form; no single answer)")
    if q.kind == "choice":
        return _label(q, answer, lang)
    if q.kind in ("multi", "ranking"):
        joiner = " > " if q.kind == "ranking" else sep
        return joiner.join(_label(q, key, lang) for key in answer)
    if q.kind == "allocation":
        return sep.join(f"{_label(q, k, lang)} {v:g}" for k, v in answer.items())
    if q.kind == "number":
        return f"{answer:g}"
    if q.kind == "form":
        return form
    return str(answer)


MAX_OPTION_LINES = 12  # more options than this: one line per group


def option_groups(q: Question, lang: str) -> list[tuple[str, list[str]]]:
    """A long option list as its groups ("行业：金融" -> 行业: [金融, …]), one printed line each, so
    the worksheet stays about a page; a short list is one unnamed group."""
    if q.kind == "form":  # a planner's form on paper: its fields (m03, m05), else nothing
        return [
            (Bilingual(*names).text(lang).capitalize(), [Bilingual(*c).text(lang) for c in choices])
            for *names, choices in q.meta.get("paper", ())
        ]
    with using(lang):
        mark = pgettext("option group", ": ")
    labels = [_label(q, option.key, lang) for option in q.options]
    if len(labels) <= MAX_OPTION_LINES:
        return [("", labels)]
    groups: dict[str, list[str]] = {}
    for label in labels:
        group, _mark, choice = label.rpartition(mark)
        groups.setdefault(group, []).append(choice)
    return list(groups.items())


# --- pages -------------------------------------------------------------------------------------


def handout_words(lang: str) -> dict[str, str]:
    """The handout's and answer sheet's fixed wording in ``lang`` (the templates' ``t``)."""
    with using(lang):
        return {
            "handout": _("Learner handout"),
            "answers": _("Trainer answer sheet (do not hand out)"),
            "worksheets": _("Exercises"),
            "worksheet": _("Exercise"),
            "write_here": pgettext("handout", "Your answer"),
            "answer": _("Answer: "),
            "rank": _("Number the boxes 1, 2, 3 …"),
            "choose_one": _("choose one"),
            "choose_many": _("choose all that apply"),
            "points": _("points"),
            "form": _("Use the app in class; without a computer, write your result below."),
            "paper_form": _(
                "Complete the printed self-assessment form of the course pack (self-assessment.en.pdf) and note the total, level and stage below."
            ),
            "glossary": _("Glossary"),
            "term": _("Term"),
            "other_name": _("Chinese name"),
            "definition": _("Definition"),
            "source": pgettext("handout", "Source"),
            "solution": _("Explanation"),
            "hints": _("Hints"),
            "sample": _("Model answer"),
            "footer": _("SME DX Kit · based on the China SME Digital Transformation Report 2024"),
        }


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )
    env.filters["say"] = lambda text, lang: text.text(lang)
    env.filters["option"] = lambda option, lang: option.text(lang)
    env.globals.update(
        Chart=Chart,
        Worksheet=Worksheet,
        answer_text=answer_text,
        chart_zoom=CHART_ZOOM,
        paper_forms=PAPER_FORMS,
        option_groups=option_groups,
    )
    return env


def _plotly() -> Markup:
    bundle = resources.files("smedx.assets").joinpath("plotly-kit.min.js").read_text("utf-8")
    return Markup(bundle.replace("</script", "<\\/script"))


def handout_html(module: Module, lang: str = "zh") -> str:
    terms = glossary.terms()
    return (
        _env()
        .get_template("handout.html.j2")
        .render(
            m=module,
            lang=lang,
            t=handout_words(lang),
            plotly=_plotly() if any(isinstance(b, Chart) for b in module.blocks) else "",
            terms=terms,
            kind_name=glossary.kind_name,
            source_name=glossary.source_name,
        )
    )


def answers_html(module: Module, lang: str = "zh") -> str:
    return _env().get_template("answers.html.j2").render(m=module, lang=lang, t=handout_words(lang))


def handout(
    nn: str, out: Path, lang: str = "zh", answers_dir: Path | None = None
) -> tuple[Path, Path]:
    """Write ``mNN-handout.pdf`` (for learners) into ``out`` and ``mNN-answers.pdf`` (for the
    trainer) into ``answers_dir`` (default: ``out`` too)."""
    from smedx.printing import html_to_pdf

    module = read_module(nn, lang)
    suffix = "-en" if lang == "en" else ""
    learner = html_to_pdf(handout_html(module, lang), Path(out) / f"m{nn}-handout{suffix}.pdf")
    answers = Path(answers_dir or out) / f"m{nn}-answers{suffix}.pdf"
    return learner, html_to_pdf(answers_html(module, lang), answers)


def make_handouts(out: Path, modules=None, lang: str = "zh", progress=None) -> list[Path]:
    """Handouts for ``modules`` (default: all) in ``out``, their answer sheets apart in
    ``out/trainer`` so the learners' folder can be copied or printed whole;
    ``progress(done, total)`` after each module."""
    chosen = list(modules or module_paths())
    written: list[Path] = []
    for done, nn in enumerate(chosen, start=1):
        written.extend(handout(nn, Path(out), lang, Path(out) / "trainer"))
        if progress:
            progress(done, len(chosen))
    return written


def _module_number(text: str) -> str:
    digits = text.lower().removeprefix("m")
    return digits.zfill(2) if digits.isdigit() else text


def _run(args: argparse.Namespace) -> int:
    modules = [_module_number(args.module)] if args.module else None
    for path in make_handouts(Path(args.out), modules, args.lang):
        print(path)
    return 0


def register(actions: argparse._SubParsersAction) -> None:
    cmd = actions.add_parser(
        "handouts",
        help=_("an A4 handout PDF and answer sheet per module"),
        description=_(
            "Handout: the module's text without code, charts, worksheets and the glossary; the "
            "answers are a separate PDF in OUT/trainer/, for the trainer only."
        ),
    )
    cmd.add_argument("--module", help=_("one module, e.g. 01 (default: all)"))
    cmd.add_argument("--out", required=True, help=_("output folder"))
    cmd.set_defaults(func=_run)
