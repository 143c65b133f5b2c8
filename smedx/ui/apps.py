"""The Voila apps (``widgets/*.ipynb``): each is one component of :mod:`smedx.ui` in a page with a
title, the results bar (:class:`~smedx.ui.session.SessionBar`) and links to the other apps.

A notebook in ``widgets/`` is two lines::

    from smedx.ui.apps import launch
    launch("assessment")

:func:`launch` never raises: if an app cannot be built the page shows a message (the traceback
goes to the server log only). It also moves the kernel into a private scratch folder, so no
component can write a file into ``widgets/`` that another user would see.

Language: a page shows one language, taken from the page URL (``?lang=en``; Voila gives a kernel
that it starts for the request the query string in ``QUERY_STRING``, and a preheated kernel,
started before the request, learns it from the browser through the page's
:class:`~smedx.ui.browser.LanguageSwitch`), else ``SMEDX_LANG``, else Chinese. The switch
(中文 | English) rebuilds the page in the other language in the same kernel and gives the new page
the learner's state: the session's results (the app's own restore) and, where an app has more
than its result (half-answered questions, a chosen figure), its ``snapshot``/``resume`` pair.

Results travel through the session: an app puts its result there on every change, and when the
browser (or an opened file) provides results, the app takes its own inputs from them and the
earlier apps' results as its starting point (e.g. the scenario planner starts from the stage and
company profile of the self-assessment).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import ipywidgets as w
import plotly.io as pio

from smedx import charts
from smedx.errors import KitError
from smedx.exercises import AnswerStore
from smedx.i18n import _, language, set_language
from smedx.ui.browser import LanguageSwitch, url_language
from smedx.ui.messages import GREEN, GREY, ORANGE, error_html, line_html, message_html
from smedx.ui.session import Session, SessionBar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppInfo:
    slug: str  # the notebook is widgets/<slug>.ipynb
    title_zh: str
    title_en: str
    blurb_zh: str
    blurb_en: str
    for_trainers: bool = False

    @property
    def title(self) -> str:
        """The title in the current language."""
        return self.title_en if language() == "en" else self.title_zh

    @property
    def blurb(self) -> str:
        return self.blurb_en if language() == "en" else self.blurb_zh


APPS: tuple[AppInfo, ...] = (
    AppInfo(
        "assessment",
        "数字化自评",
        "Self-assessment",
        "回答问卷，得到所处阶段、等级、四个维度的雷达图、同行对标和进入下一阶段的差距。",
        "Answer the questionnaire: stage, level, radar of four dimensions, peer benchmark, gaps.",
    ),
    AppInfo(
        "scenarios",
        "场景规划",
        "Scenario planner",
        "按你的阶段、目标和预算为投入场景排序，附理由和报告数据。",
        "Investment scenarios ranked for your stage, goals and budget, with reasons and data.",
    ),
    AppInfo(
        "vendors",
        "服务商选择",
        "Vendor chooser",
        "录入候选服务商，设定或采用默认权重，看排名、敏感性和原因。",
        "Enter candidates, set or accept weights, see the ranking, the sensitivity and why.",
    ),
    AppInfo(
        "genai",
        "生成式 AI 用例",
        "GenAI canvas",
        "生成式 AI 用例的价值-可行性象限和首批试点清单。",
        "The value x feasibility quadrant of GenAI use cases and a pilot shortlist.",
    ),
    AppInfo(
        "explorer",
        "报告数据浏览",
        "Report explorer",
        "报告的每张图表：按细分筛选，图表加表格，下载 CSV。",
        "Every figure of the report: filter by segment, chart and table, download CSV.",
    ),
    AppInfo(
        "plan",
        "行动计划",
        "Action plan",
        "汇总前面各应用的结果，生成 12 个月行动计划，下载为可打印的 HTML 文件。",
        "Gathers the other apps' results into a 12-month plan; download it as printable HTML.",
    ),
    AppInfo(
        "cohort",
        "培训班看板",
        "Cohort dashboard",
        "培训师用：载入学员的结果文件，与全国样本对比（少于 5 家的分组不显示）。",
        "For trainers: load the class's results files and compare with the national sample.",
        for_trainers=True,
    ),
    AppInfo(
        "quiz",
        "课前/课后测",
        "Pre/post test",
        "学员选择试卷 A 或 B 作答，答案保存到自己的结果文件夹，由培训师统一评分。",
        "Learners take form A or B; answers are saved to their results folder for the trainer.",
    ),
)
FLOW = ("assessment", "scenarios", "vendors", "genai", "plan")  # the manager's path


def app_info(slug: str) -> AppInfo:
    for info in APPS:
        if info.slug == slug:
            return info
    raise KitError(
        f"没有应用 {slug!r}；可用：{', '.join(a.slug for a in APPS)}",
        f"no app {slug!r}; available: {', '.join(a.slug for a in APPS)}",
    )


# --- the page around every app ----------------------------------------------------------------

_WORKDIR: Path | None = None


def private_workdir() -> Path:
    """Move this kernel into its own scratch folder (removed when the kernel ends)."""
    global _WORKDIR
    if _WORKDIR is None or not _WORKDIR.exists():
        _WORKDIR = Path(tempfile.mkdtemp(prefix="smedx-app-"))
        atexit.register(shutil.rmtree, _WORKDIR, True)
    os.chdir(_WORKDIR)
    return _WORKDIR


def page_title(slug: str) -> str:
    """The browser tab's title of an app page."""
    return _("{app} · SME DX Kit").format(app=app_info(slug).title)


def _link(slug: str, arrow: str) -> str:
    text = escape(app_info(slug).title)
    label = f"{arrow} {text}" if arrow == "←" else f"{text} {arrow}"
    href = f"{slug}.ipynb?lang={language()}"
    return f"<a class='smedx-nav-link' href='{href}'>{label}</a>"


def navigation(slug: str) -> w.HTML:
    """Links to the previous and next app of the manager's path (relative: they work both in
    the standalone server and under JupyterLab's /voila/render/); they keep the language."""
    parts = []
    if slug in FLOW:
        i = FLOW.index(slug)
        if i > 0:
            parts.append(escape(_("Back: ")) + _link(FLOW[i - 1], "←"))
        if i + 1 < len(FLOW):
            parts.append(escape(_("Next: ")) + _link(FLOW[i + 1], "→"))
    html = " &nbsp;·&nbsp; ".join(parts)
    return w.HTML(f"<div class='smedx-nav' style='margin-top:10px;font-size:110%'>{html}</div>")


def page(slug: str, body: w.Widget, bar: SessionBar | None = None, extra=()) -> w.VBox:
    info = app_info(slug)
    header = w.HTML(
        f"<div class='smedx-app-header' lang='{'en' if language() == 'en' else 'zh-CN'}'>"
        f"<h2 style='margin:4px 0 0'>{escape(info.title)}</h2>"
        f"<div style='color:{GREY}'>{escape(info.blurb)}</div></div>"
    )
    children = [header, *([bar] if bar is not None else []), *extra, body, navigation(slug)]
    box = w.VBox(children, layout=w.Layout(max_width="1340px", padding="0 8px"))
    box.add_class("smedx-app")
    box.add_class(f"smedx-app-{slug}")
    box.bar = bar
    box.component = body
    return box


def failed(slug: str) -> w.HTML:
    return w.HTML(
        error_html(
            KitError(
                "应用暂时无法打开。请刷新页面重试；若仍不行，请联系培训师（服务器日志中有详情）。",
                "The app could not be opened. Reload the page; if it still fails, tell your "
                "trainer (details are in the server log).",
            )
        )
    )


def _close_tree(widget: w.Widget) -> None:
    """Close a page that was replaced, and every widget in it (their comms go)."""
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


# A page rebuilt in another language as soon as it opens (a preheated kernel's page asked with
# ?lang=) is replaced while the browser may still be setting up its widgets; closing them then
# fails the browser's set-up ("[anywidget] Failed to initialize model."). The old page goes a
# little later, once the browser has had time to finish with it.
CLOSE_REPLACED_AFTER_S = 10.0


def _close_later(widget: w.Widget) -> None:
    try:
        loop = asyncio.get_running_loop()  # the kernel's loop, when a switch message calls us
    except RuntimeError:  # called from plain Python (tests, a script): nothing is loading it
        _close_tree(widget)
        return
    loop.call_later(CLOSE_REPLACED_AFTER_S, _close_tree, widget)


def mark_language(shown: w.Widget) -> w.Widget:
    """Mark a page with its language (class ``smedx-page-in-<lang>``): an app page asked in a
    language other than the one its preheated kernel built it in stays hidden until the page in
    that language is shown (``lang_script`` in the kit's Voila template)."""
    for lang in ("zh", "en"):
        shown.remove_class(f"smedx-page-in-{lang}")
    return shown.add_class(f"smedx-page-in-{language()}")


class AppFrame(w.VBox):
    """An app page under its language switch. A switch rebuilds the page in the new language,
    in this kernel, and hands it the learner's state (see the module's docstring)."""

    def __init__(self, slug: str):
        self.slug = slug
        self.switch = LanguageSwitch(title=page_title(slug))
        self.switch.layout.align_self = "flex-end"
        self.switch.on_switch(self.show_in)
        self.page = mark_language(BUILDERS[slug]())
        super().__init__([self.switch, self.page])
        self.add_class("smedx-app-frame")

    def __getattr__(self, name: str):
        """The current page's parts (``bar``, ``component``...) read through."""
        shown = self.__dict__.get("page")
        if shown is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(shown, name)

    def show_in(self, lang: str) -> None:
        """The page in ``lang``, with the inputs and results it had."""
        set_language(lang)
        old = self.page
        if hasattr(old, "relabel"):  # the component relabels itself in place
            old.relabel()
            mark_language(old)
        else:
            state = old.snapshot() if hasattr(old, "snapshot") else None
            try:
                new = BUILDERS[self.slug]()
            except Exception:  # the old page stays; the server log has why
                log.exception("app %s could not be rebuilt in %s", self.slug, lang)
                new = failed(self.slug)
            mark_language(new)
            if getattr(old, "bar", None) is not None and getattr(new, "bar", None) is not None:
                new.bar.adopt(old.bar)
            if state is not None and hasattr(new, "resume"):
                new.resume(state)
            self.page = new
            self.children = [self.switch, new]
            _close_later(old)
        self.switch.title = page_title(self.slug)
        self.switch.lang = lang


def launch(slug: str) -> w.Widget:
    """The app ``slug`` as a widget, ready to display; a message instead if it cannot be built."""
    try:
        private_workdir()
        asked = url_language(os.environ.get("QUERY_STRING", ""))
        if asked is not None:
            set_language(asked)
        if charts.TEMPLATE not in str(pio.templates.default):
            charts.use_theme()
        return AppFrame(slug)
    except Exception:  # a traceback must never reach the page
        log.exception("app %s could not be built", slug)
        return failed(slug)


def widen(*buttons: w.Button) -> None:
    """Let a button be as wide as its label (the default width cuts a long one off)."""
    for button in buttons:
        if button is not None:
            button.layout.width = "auto"


# --- 1. self-assessment ------------------------------------------------------------------------


def assessment_app() -> w.VBox:
    from smedx.ui.assessment import AssessmentForm

    bar = SessionBar()
    # the app answers no course exercise: no exercise status line
    store = AnswerStore("m02", private_workdir())
    form = AssessmentForm(store=store, autosave=False, exercise_status=False)

    def push(result) -> None:
        if result is not None:
            bar.put("assessment", result)

    form.on_result(push)  # every valid assessment: typed, clicked, set in code or restored
    bar.on_load(form.restore)  # the page shows the restored inputs and result, no extra note
    box = page("assessment", form, bar)

    def snapshot() -> dict:
        """The inputs as entered, complete or not (the session holds complete ones only)."""
        entered = {"revenue_10k_cny": form.revenue.value}
        entered["investment_share"] = form.investment_share.value
        for name in ("industry", "size_band", "enterprise_type"):
            entered[name] = getattr(form, name).value
        return {"profile": entered, "answers": form.answers}

    def resume(state: dict) -> None:
        with form.batch():
            form.set_profile(**state["profile"])
            form.set_answers(state["answers"])

    box.snapshot, box.resume = snapshot, resume
    return box


# --- 2. scenario planner -----------------------------------------------------------------------


def component_app(slug: str, component) -> w.VBox:
    """The page of one :class:`~smedx.ui.component.Component` whose result is the session's
    ``slug`` part: every valid result goes to the session, and a loaded session restores the
    component, with its note above it."""
    bar = SessionBar()
    note = w.HTML()

    def push(result) -> None:
        if result is not None:
            bar.put(slug, result)

    def restore(session: Session) -> None:
        text = component.restore(session)
        if text is not None:
            note.value = line_html(text)

    component.on_result(push)
    bar.on_load(restore)
    return page(slug, component, bar, extra=[note])


def scenarios_app() -> w.VBox:
    from smedx.ui.scenarios import ScenarioPlanner

    return component_app("scenarios", ScenarioPlanner())


# --- 3. vendor chooser -------------------------------------------------------------------------


def vendors_app() -> w.VBox:
    from smedx.ui.vendors import VendorChooser

    chooser = VendorChooser()
    widen(chooser.add_button, chooser.reset_button)
    return component_app("vendors", chooser)


# --- 4. GenAI canvas ---------------------------------------------------------------------------


def genai_app() -> w.VBox:
    from smedx.ui.genai import GenAICanvas

    canvas = GenAICanvas()
    chart = canvas.figure
    if chart.figure is not None and chart.figure.layout.width is None:
        # without a width, plotly's renderer drops the height: the chart is 0 px high
        chart.figure.layout.width = GENAI_CHART_WIDTH
        chart.update(chart.figure)
    return component_app("genai", canvas)


GENAI_CHART_WIDTH = 720


# --- 5. report explorer ------------------------------------------------------------------------


def explorer_app() -> w.VBox:
    from smedx.ui.report_explorer import ReportExplorer

    explorer = ReportExplorer()
    box = page("explorer", explorer)
    box.snapshot = lambda: (explorer.figure_picker.value, explorer.segment.value)
    box.resume = lambda chosen: explorer.show(*chosen)
    return box


# --- 6. action plan ----------------------------------------------------------------------------


def example_note() -> str:
    return message_html(
        "还没有你的自评结果：下面是一家虚构示例企业的计划。先完成“数字化自评”，或打开你的结果文件。",
        "No self-assessment of yours yet: below is the plan of a fictional example company. Do "
        "the self-assessment first, or open your results file.",
        ORANGE,
    )


def plan_app() -> w.VBox:
    from smedx.ui.plan import PlanBuilder
    from smedx.ui.plan_export import plan_file

    bar = SessionBar()
    note = w.HTML(example_note())
    builder = PlanBuilder(example=True, revenue_10k_cny=1000.0, budget_share=1.0)
    widen(builder.build_button, builder.example_button)
    message = w.HTML()

    def push(plan) -> None:
        if plan is not None and "assessment" in bar.session:
            bar.put("plan", plan)

    builder.on_result(push)  # every plan: built, opened or restored

    def html_file():
        if builder.result is None:
            raise KitError(
                "还没有有效的计划：请先修正上面的输入。",
                "There is no valid plan yet: fix the inputs above first.",
            )
        return plan_file(builder.result)

    def clear_message(_name, _size) -> None:
        message.value = ""

    download = _download(html_file, message)
    download.on_sent(clear_message)

    def restore(session: Session) -> None:
        text = builder.restore(session)  # the session's typed results, as they were read
        if text is not None:
            note.value = line_html(text, GREEN)

    bar.on_load(restore)
    actions = w.HBox([download, message], layout=w.Layout(align_items="center"))
    box = page("plan", builder, bar, extra=[note, actions])
    box.download = download
    return box


def _download(producer, message: w.HTML):
    from smedx.ui.browser import DownloadButton

    button = DownloadButton(
        producer,
        label="⬇ " + _("Download the plan (HTML, prints to PDF)"),
        hint=_("One self-contained HTML file: it opens offline; print it to PDF from the browser"),
        primary=True,
    )
    button.on_error(lambda err: setattr(message, "value", error_html(err)))
    return button


# --- 7. cohort dashboard -----------------------------------------------------------------------


def cohort_app() -> w.VBox:
    from smedx.ui.cohort import CohortDashboard

    board = CohortDashboard()
    box = page("cohort", board)
    box.snapshot = lambda: board
    box.resume = lambda old: board.take_over(old)
    return box


# --- 8. pre/post test ---------------------------------------------------------------------------


def quiz_app() -> w.VBox:
    from smedx.quiz.app import app_page

    return app_page()


BUILDERS: dict[str, Callable[[], w.Widget]] = {
    "assessment": assessment_app,
    "scenarios": scenarios_app,
    "vendors": vendors_app,
    "genai": genai_app,
    "explorer": explorer_app,
    "plan": plan_app,
    "cohort": cohort_app,
    "quiz": quiz_app,
}
