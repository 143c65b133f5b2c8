"""The learning report as one self-contained HTML page (one language), built directly from
:mod:`smedx.reports.learning` with the reports' building blocks (:mod:`smedx.reports.page`).

No papermill: the numbers need no notebook, and the 2,000-learner bench stays a matter of seconds.
plotly.js goes once into the head, as in the papermill reports (:func:`render.plotly_js`).
"""

from __future__ import annotations

import csv
import io
from html import escape
from pathlib import Path

import plotly.graph_objects as go

from smedx import charts
from smedx.files import write_atomic
from smedx.quiz import BY_ID, OBJECTIVES
from smedx.reports.learning import MIN_GROUP, LearningReport
from smedx.reports.page import Page
from smedx.reports.render import PAGE_CSS, output_path, plotly_js

DIFFICULTY = {"easy": ("易", "easy"), "medium": ("中", "medium"), "hard": ("难", "hard")}


def _txt(page: Page, text) -> str:
    return text.en if page.lang == "en" else text.zh


def _g(page: Page, value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ci(page: Page, ci: tuple[float, float] | None) -> str:
    return "—" if ci is None else f"{ci[0]:.2f} – {ci[1]:.2f}"


def _suppressed(page: Page) -> str:
    return page.t(f"不足 {MIN_GROUP} 人，不显示", f"fewer than {MIN_GROUP}, not shown")


def chart(page: Page, report: LearningReport) -> go.Figure:
    shown = [o for o in report.objectives if not o.suppressed]
    names = [f"{o.objective} {_txt(page, OBJECTIVES[o.objective])}" for o in shown]
    fig = go.Figure(
        [
            go.Bar(name=page.t("课前", "Pre"), y=names, x=[o.pre for o in shown], orientation="h"),
            go.Bar(
                name=page.t("课后", "Post"), y=names, x=[o.post for o in shown], orientation="h"
            ),
        ]
    )
    fig.update_layout(
        barmode="group",
        height=140 + 44 * len(shown),
        width=page_width(),
        xaxis={"title": page.t("答对的比例（%）", "share right (%)"), "range": [0, 100]},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        margin={"l": 10, "r": 10, "t": 40, "b": 50},
    )
    return fig


def page_width() -> int:
    from smedx.reports.page import CHART_WIDTH

    return CHART_WIDTH


def sections(page: Page, report: LearningReport, title: str) -> list[str]:
    t = page.t
    gain = report.gain
    parts = [
        str(
            page.header(
                title,
                t(
                    "课前测与课后测：学员学到了多少（两套平行试卷，答案只在培训师一侧评分）",
                    "Pre- and post-test: what the learners learned (two parallel forms, scored "
                    "with the trainer's key)",
                ),
                [
                    (t("答案文件", "answers files"), str(report.results)),
                    (t("课前测 / 课后测", "pre / post tests"), f"{report.pre_n} / {report.post_n}"),
                    (t("两次都参加的学员", "learners with both tests"), str(gain.n)),
                ],
            )
        )
    ]
    if gain.suppressed:
        summary = page.note(
            t(
                f"两次测试都参加的学员只有 {gain.n} 人（少于 {MIN_GROUP} 人）：为保护个人成绩，"
                "不显示平均分和提高幅度。",
                f"Only {gain.n} learner(s) took both tests (fewer than {MIN_GROUP}): to protect "
                "individual scores, no means or gains are shown.",
            )
        )
    else:
        summary = (
            f'<p><span class="smedx-big" id="learning-g">{_g(page, gain.g)}</span> '
            + escape(
                t(
                    f"= 标准化提高幅度 <g>（Hake）；95% 区间 {_ci(page, gain.ci)}",
                    f"= normalised gain <g> (Hake); 95% interval {_ci(page, gain.ci)}",
                )
            )
            + "</p>"
            + page.table(
                [t("", ""), t("课前", "pre"), t("课后", "post")],
                [
                    [
                        t("两次都参加的学员（平均分 %）", "learners with both tests (mean %)"),
                        page.number(gain.pre),
                        page.number(gain.post),
                    ],
                    [
                        t("全部答卷（平均分 %）", "all tests (mean %)"),
                        page.number(report.pre_mean),
                        page.number(report.post_mean),
                    ],
                ],
                numeric=[1, 2],
                table_id="learning-means",
            )
            + page.note(
                t(
                    "<g> = (课后 − 课前) / (100 − 课前)，按两次都参加的学员的班级平均分计算：它是"
                    "“课前没掌握的内容，课后掌握了多少”。区间：按学员重抽样 2,000 次（固定随机种子）"
                    "的第 2.5 与 97.5 百分位。",
                    "<g> = (post − pre) / (100 − pre) over the class means of the learners who "
                    "took both tests: the share of what was not known before that was learned. "
                    "Interval: 2.5th and 97.5th percentiles of 2,000 resamples of learners "
                    "(fixed seed).",
                )
            )
        )
    parts.append(
        str(page.section(t("平均分与提高幅度", "Means and gain"), summary, section_id="gain"))
    )

    rows, ids = [], []
    for o in report.objectives:
        label = f"{o.objective} {_txt(page, OBJECTIVES[o.objective])}"
        if o.suppressed:
            rows.append([label, "—", "—", _suppressed(page)])
        else:
            rows.append([label, page.pct(o.pre), page.pct(o.post), _g(page, o.g)])
        ids.append(o.objective)
    fig = chart(page, report)
    parts.append(
        str(
            page.section(
                t("各学习目标的提高", "Gain per learning objective"),
                page.table(
                    [
                        t("学习目标", "objective"),
                        t("课前答对", "pre right"),
                        t("课后答对", "post right"),
                        "<g>",
                    ],
                    rows,
                    numeric=[1, 2, 3],
                    table_id="learning-objectives",
                    row_ids=ids,
                ),
                page.chart(fig) if any(not o.suppressed for o in report.objectives) else "",
                section_id="objectives",
            )
        )
    )

    if report.groups:
        rows, ids = [], []
        for group in report.groups:
            kind = t("试卷顺序", "form order") if group.kind == "order" else t("班级", "group")
            g = group.gain
            if g.suppressed:
                rows.append([kind, group.name, "—", "—", "—", _suppressed(page)])
            else:
                rows.append(
                    [
                        kind,
                        group.name,
                        str(g.n),
                        page.number(g.pre),
                        page.number(g.post),
                        _g(page, g.g),
                    ]
                )
            ids.append(f"{group.kind}:{group.name}")
        parts.append(
            str(
                page.section(
                    t("分组", "Groups"),
                    page.table(
                        [
                            t("分组方式", "by"),
                            t("组", "group"),
                            "N",
                            t("课前", "pre"),
                            t("课后", "post"),
                            "<g>",
                        ],
                        rows,
                        numeric=[2, 3, 4, 5],
                        table_id="learning-groups",
                        row_ids=ids,
                    ),
                    page.note(
                        t(
                            f"少于 {MIN_GROUP} 人的组不显示；若一种分组中只有一组被隐藏，人数最少的另一组"
                            "也隐藏，以免用总数相减还原。",
                            f"Groups under {MIN_GROUP} are not shown; when only one group of a "
                            "breakdown is hidden, the smallest other one is hidden too, so that "
                            "subtracting from the class total recovers nothing.",
                        )
                    ),
                    section_id="groups",
                )
            )
        )

    rows, ids = [], []
    for item in report.items:
        zh, en = DIFFICULTY[item.difficulty]
        prompt = _txt(page, BY_ID[item.item].prompt)
        flag = (
            t("⚠ 区分度为负：请检查题目和答案", "⚠ negative: check wording and key")
            if item.flagged
            else ""
        )
        if item.suppressed:
            rows.append(
                [
                    item.item,
                    item.objective,
                    t(zh, en),
                    str(item.n),
                    "—",
                    "—",
                    _suppressed(page),
                    prompt,
                ]
            )
        else:
            disc = "—" if item.discrimination is None else f"{item.discrimination:.2f}"
            rows.append(
                [
                    item.item,
                    item.objective,
                    t(zh, en),
                    str(item.n),
                    f"{item.p:.2f}",
                    disc,
                    flag,
                    prompt,
                ]
            )
        ids.append(item.item)
    flagged = report.flagged
    flag_note = (
        page.caveats(
            [_Caveat(f"{i.item}", f"{i.item}") for i in flagged],
            t(
                "区分度为负的题目（请培训师复查）：",
                "Items with negative discrimination (trainer, please review):",
            ),
        )
        if flagged
        else ""
    )
    parts.append(
        str(
            page.section(
                t("题目分析", "Item analysis"),
                flag_note,
                page.table(
                    [
                        t("题目", "item"),
                        t("学习目标", "objective"),
                        t("设计难度", "intended difficulty"),
                        "N",
                        t("难度 p（答对比例）", "difficulty p (share right)"),
                        t("区分度", "discrimination"),
                        t("提示", "flag"),
                        t("题干", "prompt"),
                    ],
                    rows,
                    numeric=[3, 4, 5],
                    table_id="learning-items",
                    row_ids=ids,
                ),
                page.note(
                    t(
                        "难度 p：该题在课前和课后所有答卷中答对的比例。区分度：该题得分与同卷其余题目总分"
                        "的点二列相关；为负说明会的人反而更常答错，题目或答案需要检查。",
                        "Difficulty p: the share right over all pre- and post-tests of the form. "
                        "Discrimination: point-biserial correlation of the item with the rest of "
                        "the form; a negative value means stronger learners got it wrong more "
                        "often, so the wording or key needs a look.",
                    )
                ),
                section_id="items",
            )
        )
    )
    parts.append(
        str(
            page.section(
                t("说明", "About"),
                page.para(
                    t(
                        "题目由本课程设计（两套平行试卷 A、B，每套 16 题），题中的报告数字均取自"
                        "《中国中小企业数字化转型报告 2024》；提高幅度和题目分析的方法是常用的教学测量"
                        "方法，不是报告的内容。",
                        "The items are designed by the kit (two parallel forms A and B of 16 "
                        "items); the report numbers in them come from the China SME Digital "
                        "Transformation Report 2024. The gain and item analysis are common "
                        "measurement methods, not the report's content.",
                    )
                ),
                section_id="about",
            )
        )
    )
    return parts


class _Caveat:
    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en


def document(report: LearningReport, lang: str = "zh", generated_at: str = "") -> str:
    page = Page(lang, generated_at)
    if charts.TEMPLATE not in str(charts.pio.templates.default):
        charts.use_theme()
    title = page.t("学习成效报告", "Learning report")
    body = "".join(sections(page, report, title))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{PAGE_CSS}{plotly_js()}</head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def write(report: LearningReport, out_dir: Path | str, lang: str = "zh") -> Path:
    """``learning.html`` (``learning.en.html``) in ``out_dir``, written whole or not at all; a
    name already there is numbered (``learning-2.html``), as the other reports do."""
    out_dir = Path(out_dir)
    taken = {p.name.lower() for p in out_dir.iterdir()} if out_dir.is_dir() else set()
    stem, number = "learning", 1
    while output_path(out_dir, stem, lang).name.lower() in taken:  # never overwrite
        number += 1
        stem = f"learning-{number}"
    return write_atomic(output_path(out_dir, stem, lang), document(report, lang))


def write_scores(rows: list[dict], html: Path) -> Path:
    """The learners' own scores beside the report (``learning-scores.csv`` for ``learning.html``,
    ``learning.en-scores.csv`` for ``learning.en.html``): a CSV with a BOM, so Excel and WPS open
    the Chinese names correctly."""
    buffer = io.StringIO()
    columns = ["learner", "group", "pre_form", "pre_percent", "post_form", "post_percent", "gain"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    stem = html.name.removesuffix(".html")  # learning, learning.en, learning-2: one CSV each
    return write_atomic(html.with_name(f"{stem}-scores.csv"), "\ufeff" + buffer.getvalue())
