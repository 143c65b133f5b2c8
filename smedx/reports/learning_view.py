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
from smedx.i18n import N_, Bilingual, _, pgettext, using
from smedx.quiz import BY_ID, OBJECTIVES
from smedx.reports.learning import MIN_GROUP, LearningReport
from smedx.reports.page import Page
from smedx.reports.render import PAGE_CSS, output_path, plotly_js

DIFFICULTY = {"easy": N_("easy"), "medium": N_("medium"), "hard": N_("hard")}


def _g(page: Page, value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _ci(page: Page, ci: tuple[float, float] | None) -> str:
    return "—" if ci is None else f"{ci[0]:.2f} – {ci[1]:.2f}"


def _suppressed(page: Page) -> str:
    return _("fewer than {min_group}, not shown").format(min_group=MIN_GROUP)


def chart(page: Page, report: LearningReport) -> go.Figure:
    shown = [o for o in report.objectives if not o.suppressed]
    names = [f"{o.objective} {OBJECTIVES[o.objective].text()}" for o in shown]
    fig = go.Figure(
        [
            go.Bar(name=_("Pre"), y=names, x=[o.pre for o in shown], orientation="h"),
            go.Bar(name=_("Post"), y=names, x=[o.post for o in shown], orientation="h"),
        ]
    )
    fig.update_layout(
        barmode="group",
        height=140 + 44 * len(shown),
        width=page_width(),
        xaxis={"title": _("share right (%)"), "range": [0, 100]},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        margin={"l": 10, "r": 10, "t": 40, "b": 50},
    )
    return fig


def page_width() -> int:
    from smedx.reports.page import CHART_WIDTH

    return CHART_WIDTH


def sections(page: Page, report: LearningReport, title: str) -> list[str]:
    gain = report.gain
    parts = [
        str(
            page.header(
                title,
                _(
                    "Pre- and post-test: what the learners learned (two parallel forms, scored with "
                    "the trainer's key)"
                ),
                [
                    (_("answers files"), str(report.results)),
                    (_("pre / post tests"), f"{report.pre_n} / {report.post_n}"),
                    (_("learners with both tests"), str(gain.n)),
                ],
            )
        )
    ]
    if gain.suppressed:
        summary = page.note(
            _(
                "Only {n} learner(s) took both tests (fewer than {min_group}): to protect "
                "individual scores, no means or gains are shown."
            ).format(n=gain.n, min_group=MIN_GROUP)
        )
    else:
        summary = (
            f'<p><span class="smedx-big" id="learning-g">{_g(page, gain.g)}</span> '
            + escape(
                _("= normalised gain <g> (Hake); 95% interval {ci}").format(ci=_ci(page, gain.ci))
            )
            + "</p>"
            + page.table(
                ["", _("pre"), _("post")],
                [
                    [
                        _("learners with both tests (mean %)"),
                        page.number(gain.pre),
                        page.number(gain.post),
                    ],
                    [
                        _("all tests (mean %)"),
                        page.number(report.pre_mean),
                        page.number(report.post_mean),
                    ],
                ],
                numeric=[1, 2],
                table_id="learning-means",
            )
            + page.note(
                _(
                    "<g> = (post − pre) / (100 − pre) over the class means of the learners who took "
                    "both tests: the share of what was not known before that was learned. Interval: "
                    "2.5th and 97.5th percentiles of 2,000 resamples of learners (fixed seed)."
                )
            )
        )
    parts.append(str(page.section(_("Means and gain"), summary, section_id="gain")))

    rows, ids = [], []
    for o in report.objectives:
        label = f"{o.objective} {OBJECTIVES[o.objective].text()}"
        if o.suppressed:
            rows.append([label, "—", "—", _suppressed(page)])
        else:
            rows.append([label, page.pct(o.pre), page.pct(o.post), _g(page, o.g)])
        ids.append(o.objective)
    fig = chart(page, report)
    parts.append(
        str(
            page.section(
                _("Gain per learning objective"),
                page.table(
                    [
                        _("objective"),
                        _("pre right"),
                        _("post right"),
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
            kind = _("form order") if group.kind == "order" else _("group")
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
                    _("Groups"),
                    page.table(
                        [
                            _("by"),
                            pgettext("learning_view", "group"),
                            "N",
                            _("pre"),
                            _("post"),
                            "<g>",
                        ],
                        rows,
                        numeric=[2, 3, 4, 5],
                        table_id="learning-groups",
                        row_ids=ids,
                    ),
                    page.note(
                        _(
                            "Groups under {min_group} are not shown; when only one group of a breakdown is "
                            "hidden, the smallest other one is hidden too, so that subtracting from the "
                            "class total recovers nothing."
                        ).format(min_group=MIN_GROUP)
                    ),
                    section_id="groups",
                )
            )
        )

    rows, ids = [], []
    for item in report.items:
        difficulty = _(DIFFICULTY[item.difficulty])
        prompt = BY_ID[item.item].prompt.text()
        flag = _("⚠ negative: check wording and key") if item.flagged else ""
        if item.suppressed:
            rows.append(
                [
                    item.item,
                    item.objective,
                    difficulty,
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
                    difficulty,
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
            [Bilingual(i.item, i.item) for i in flagged],
            _("Items with negative discrimination (trainer, please review):"),
        )
        if flagged
        else ""
    )
    parts.append(
        str(
            page.section(
                _("Item analysis"),
                flag_note,
                page.table(
                    [
                        _("item"),
                        _("objective"),
                        _("intended difficulty"),
                        "N",
                        _("difficulty p (share right)"),
                        _("discrimination"),
                        _("flag"),
                        _("prompt"),
                    ],
                    rows,
                    numeric=[3, 4, 5],
                    table_id="learning-items",
                    row_ids=ids,
                ),
                page.note(
                    _(
                        "Difficulty p: the share right over all pre- and post-tests of the form. "
                        "Discrimination: point-biserial correlation of the item with the rest of the "
                        "form; a negative value means stronger learners got it wrong more often, so the "
                        "wording or key needs a look."
                    )
                ),
                section_id="items",
            )
        )
    )
    parts.append(
        str(
            page.section(
                _("About"),
                page.para(
                    _(
                        "The items are designed by the kit (two parallel forms A and B of 16 items); the "
                        "report numbers in them come from the China SME Digital Transformation Report "
                        "2024. The gain and item analysis are common measurement methods, not the "
                        "report's content."
                    )
                ),
                section_id="about",
            )
        )
    )
    return parts


def document(report: LearningReport, lang: str = "zh", generated_at: str = "") -> str:
    page = Page(lang, generated_at)
    if charts.TEMPLATE not in str(charts.pio.templates.default):
        charts.use_theme()
    with using(lang):
        title = _("Learning report")
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
