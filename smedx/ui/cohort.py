"""The cohort dashboard (培训班看板) for trainers: load the results files of a class and see the
class's stage distribution beside the report's national sample (figure 2.2.2), its DX spending
beside figure 2.1.1, and its size / enterprise-type groups beside figures 2.2.3 and 2.4.2.

The files are the ones the learners save: the apps' results files, single saved results, or a
module's ``answers_m02.json`` (the self-assessment form). They are read by the cohort report's
own reader (:mod:`smedx.reports.learners`, :mod:`smedx.reports.members`), so a tampered file is
refused the same way, and a learner's several files count once (the newest).

Privacy: files are read in the kernel's memory only; revenue is never shown or exported. What is
shown or exported follows :mod:`smedx.reports.privacy`, the rules the cohort report uses: small
groups, 100 % rows and the groups that would let them be recovered by subtraction are hidden, in
the charts, the group table and the CSV alike.
"""

from __future__ import annotations

import csv
import hashlib
import io
from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from smedx import charts, data, glossary
from smedx.errors import KitError
from smedx.i18n import N_, _, language
from smedx.models.common import INVESTMENT_BANDS, STAGE_ORDER
from smedx.reports import cohort, learners, members
from smedx.reports.privacy import MIN_GROUP
from smedx.reports.sources import RawRecord
from smedx.ui.browser import DownloadButton, FilePicker, PickedFile
from smedx.ui.chart import ChartView
from smedx.ui.messages import ORANGE, RED, error_html, message_html
from smedx.ui.session import MAX_SESSION_BYTES

MAX_FILES = 500
STAGE_FIGURE, SPEND_FIGURE, SIZE_FIGURE, TYPE_FIGURE = "2.2.2", "2.1.1", "2.2.3", "2.4.2"
GROUP_TABLES = (
    ("size_band", "企业人数", "size"),
    ("enterprise_type", "企业类型", "enterprise type"),
)
THIS_CLASS = N_("This class")
CLASS_COLOR, NATIONAL_COLOR = charts.ACCENT, charts.MUTED
CHART_WIDTH, CHART_HEIGHT = 620, 420
DROPPED_COLUMNS = ("revenue_10k_cny", "investment_share")  # never handed out by the board


def _show_class(view: ChartView, values: list[float], n: int, shown: bool) -> None:
    """Redraw the class bars of a class-vs-national chart (blank when the class is hidden);
    the axis fits both the class and the national bars."""
    with view.batch_update():
        national, bar = view.data
        bar.x = values
        bar.text = [f"{v:g}%" for v in values] if shown else [""] * len(values)
        bar.name = _("This class (N={n})").format(n=n) if shown else _(THIS_CLASS)
        view.figure.layout.xaxis.range = [0, max([*values, *national.x]) * 1.25]


def _chart_box() -> w.Layout:
    return w.Layout(width=f"{CHART_WIDTH + 20}px", flex="0 0 auto")


_MEMBER_TABLE = KitError(
    "这是会员表（CSV / JSON lines），看板只读学员的结果文件：会员表请用“smedx report cohort”读取。",
    "a member table (CSV / JSON lines): the board reads learners' files only; read member tables "
    "with 'smedx report cohort'.",
    field="file",
)


def _too_many() -> KitError:
    return KitError(f"最多 {MAX_FILES} 个文件", f"at most {MAX_FILES} files")


def read_file(name: str, content: bytes | str) -> RawRecord:
    """One uploaded file as the learner's record (id: the file name without extension), parsed;
    KitError when it is not a learner's file. (Its contents are checked with the others.)"""
    records = learners.file_records(name, content, Path(name).stem or name)
    if len(records) != 1:
        raise KitError(
            "这是一个会员表，不是学员的结果文件：请用“协会/培训班报告”命令读取会员表。",
            "this is a member table, not a learner's results file: read member tables with the "
            "cohort report command.",
        )
    record = records[0]
    if record.problem is not None:
        raise KitError(record.problem.zh, record.problem.en, field="file")
    return record


def shares(comp: cohort.Comparison, keys: list[str]) -> list[float]:
    """The class's shares (percent, one decimal) in ``keys`` order; 0 where hidden or absent."""
    by_key = {r.key: r.share for r in comp.rows}
    return [round(by_key.get(k) or 0.0, 1) for k in keys]


def report_rows(figure_id: str, segment_key: str = "") -> dict[str, float]:
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == segment_key]
    return {r.key: float(r.value) for r in rows.itertuples(index=False)}


def stage_names(lang: str = "zh") -> dict[str, str]:
    return {k: glossary.name("stage", k, lang) for k in STAGE_ORDER}


def group_rows(table: pd.DataFrame) -> list[dict]:
    """Class groups by size band and enterprise type against figures 2.2.3 and 2.4.2, for the
    values the report gives. A hidden group (see smedx.reports.privacy) has no size and no share."""
    out = []
    for segment_type, dim_zh, dim_en in GROUP_TABLES:
        breakdown = cohort.segments(table, segment_type)
        by_key = {s.key: s for s in breakdown.segments}
        for key, (zh, en, *_rest) in cohort.SEGMENT_TYPES[segment_type][0].items():
            seg = by_key.get(key)
            for stage, value in report_rows(breakdown.figure_id, key).items():
                shown = seg is not None and not seg.hidden
                out.append(
                    dict(
                        dimension_zh=dim_zh,
                        dimension_en=dim_en,
                        group_key=key,
                        group_zh=zh,
                        group_en=en,
                        n=seg.size if shown else None,
                        suppressed=not shown,
                        stage=stage,
                        class_share=round(seg.stages[stage], 1) if shown else None,
                        national_share=value,
                        figure_id=breakdown.figure_id,
                    )
                )
    return out


class CohortDashboard(w.VBox):
    """Files in, the class against the national sample out.

    Public parts: ``picker`` (FilePicker), ``folder`` and ``folder_button`` (a folder on the
    hub, such as nbgrader's submitted/), ``clear_button``, ``summary``, ``message``,
    ``stage_figure`` and ``spend_figure`` (ChartViews), ``groups`` (HTML), ``download``;
    ``add_files([(name, bytes), ...])`` does what choosing files does, ``add_folder(path)``
    what reading a folder does; ``members`` (the class
    as the cohort report's members table, without revenue).
    """

    def __init__(self, lang: str | None = None):
        if charts.TEMPLATE not in str(pio.templates.default):
            charts.use_theme()
        self.lang = lang or language()
        self._records: dict[str, RawRecord] = {}  # content digest -> record (a file once)
        self._cohort = members.from_raw([])
        self.picker = FilePicker(
            label="⬆ " + _("Choose the learners' files (several at once)"),
            multiple=True,
            max_bytes=MAX_SESSION_BYTES,
        )
        self.picker.on_files(self._on_files)
        self.folder = w.Text(
            placeholder=_("A folder on the hub, e.g. ~/course/submitted"),
            layout=w.Layout(width="420px"),
        )
        self.folder_button = w.Button(
            description=_("Read folder"), icon="folder-open", layout=w.Layout(width="auto")
        )
        self.folder_button.on_click(lambda _b: self.add_folder(self.folder.value))
        self.clear_button = w.Button(
            description=_("Clear all"), icon="trash", layout=w.Layout(width="auto")
        )
        self.clear_button.on_click(lambda _b: self.clear())
        self.download = DownloadButton(
            self._csv_file,
            label="⬇ " + _("Download the summary (CSV)"),
            hint=_("Only the numbers that are not hidden"),
        )
        self.download.on_error(lambda err: setattr(self.message, "value", error_html(err)))
        self.summary = w.HTML()
        self.message = w.HTML()
        self.groups = w.HTML()
        # A fixed width per chart: an Output alone takes the whole row, so two would never share it
        self.stage_figure = ChartView(self._stage_chart(), layout=_chart_box())
        self.spend_figure = ChartView(self._spend_chart(), layout=_chart_box())
        intro = w.HTML(
            message_html(
                "选择学员用“保存结果文件”下载的 .json 文件或模块 02 的 answers_m02.json（可一次选多个），"
                "或输入 hub 上的文件夹（如 nbgrader 的 submitted/）。"
                f"文件只在本页面的内存中处理，不会保存；每组少于 {MIN_GROUP} 家企业、全组处于同一阶段，"
                "或能由其他数字相减推算出来的组都不显示，以免认出个别企业。",
                "Choose the .json files your learners saved with 'Save results', or module 02's "
                "answers_m02.json (several at once), or give a folder on the hub (such as "
                "nbgrader's submitted/). They are read in this page's memory only and "
                f"never stored; a group of fewer than {MIN_GROUP} companies, a group all at one "
                "stage, and any group that subtraction would reveal are hidden so that no company "
                "can be recognised.",
            )
        )
        super().__init__(
            [
                intro,
                w.HBox([self.picker, self.clear_button, self.download]),
                w.HBox([self.folder, self.folder_button]),
                self.message,
                self.summary,
                w.HBox(
                    [self.stage_figure, self.spend_figure], layout=w.Layout(flex_flow="row wrap")
                ),
                self.groups,
            ],
            layout=w.Layout(max_width="1340px"),
        )
        self.add_class("smedx-cohort")
        self._render()

    # --- public API -----------------------------------------------------------------------------

    @property
    def members(self) -> pd.DataFrame:
        return self._cohort.members.drop(columns=list(DROPPED_COLUMNS))

    def add_files(self, files: list[tuple[str, bytes | str]]) -> list[tuple[str, KitError]]:
        """Read files; the valid ones join the class. Returns the refused ones with reasons."""
        refused: list[tuple[str, KitError]] = []
        fresh: dict[str, RawRecord] = {}
        duplicates = 0
        for name, content in files:
            if len(self._records) + len(fresh) >= MAX_FILES:
                refused.append((name, _too_many()))
                continue
            raw = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            digest = hashlib.sha256(raw).hexdigest()
            if digest in self._records or digest in fresh:
                duplicates += 1
                continue
            try:
                fresh[digest] = read_file(name, raw)
            except KitError as err:
                refused.append((name, err))
        self._admit(fresh, refused)
        order = {name: i for i, (name, _content) in reversed(list(enumerate(files)))}
        refused.sort(key=lambda item: order.get(item[0], len(files)))
        self._report(files, refused, duplicates)
        self._render()
        return refused

    def add_folder(self, folder: str | Path) -> list[tuple[str, KitError]]:
        """Read a folder on the hub as the cohort report does: nbgrader's ``submitted/`` tree,
        a folder of downloaded results files, answers_m02.json files, at any depth. Returns the
        refused files with reasons."""
        path = Path(str(folder).strip()).expanduser()
        refused: list[tuple[str, KitError]] = []
        fresh: dict[str, RawRecord] = {}
        if not str(folder).strip() or not path.is_dir():
            refused.append(
                (str(folder), KitError("找不到该文件夹", "no such folder", field="folder"))
            )
        else:
            tables, records, problems = learners.collect([path])
            refused += [(p.where.path, KitError(p.zh, p.en, field="file")) for p in problems]
            refused += [(str(t), _MEMBER_TABLE) for t in tables]
            for record in records:
                if record.problem is not None:
                    bad = record.problem
                    refused.append((record.where.path, KitError(bad.zh, bad.en, field="file")))
                elif len(self._records) + len(fresh) >= MAX_FILES:
                    refused.append((record.where.path, _too_many()))
                else:
                    fresh[f"path:{record.where.path}"] = record
            self._admit(fresh, refused)
        self._report([], refused, 0)
        self._render()
        return refused

    def _admit(self, fresh: dict[str, RawRecord], refused: list) -> None:
        """Check the new records together (one pass of the members' validation; each problem
        names its file) and let the valid ones join the class."""
        problems = {p.where.path: p for p in members.from_raw(list(fresh.values())).problems}
        for key, record in fresh.items():
            bad = problems.get(record.where.path)
            if bad is None:
                self._records[key] = record
            else:
                refused.append((record.where.path, KitError(bad.zh, bad.en, field="file")))
        self._cohort = members.from_raw(list(self._records.values()))

    def take_over(self, other: CohortDashboard) -> None:
        """The class and folder of ``other`` (this page rebuilt in another language): its files
        are not read again."""
        self._records = dict(other._records)
        self._cohort = members.from_raw(list(self._records.values()))
        self.folder.value = other.folder.value
        self._render()

    def clear(self) -> None:
        self._records.clear()
        self._cohort = members.from_raw([])
        self.message.value = ""
        self._render()

    def csv(self) -> str:
        """The class's aggregates that are shown (nothing that privacy hides)."""
        table = self._cohort.members
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "group", "key", "class_n", "class_percent", "national_percent"])
        for name, comp in (
            ("stage", cohort.stage_comparison(table)),
            ("investment_band", cohort.investment_comparison(table)),
        ):
            if comp.suppressed:
                continue
            for row in comp.rows:
                national = "" if row.national is None else row.national
                writer.writerow([name, "class", row.key, comp.base, round(row.share, 1), national])
        for row in group_rows(table):
            if not row["suppressed"]:
                writer.writerow(
                    [
                        row["figure_id"],
                        row["group_key"],
                        row["stage"],
                        row["n"],
                        row["class_share"],
                        row["national_share"],
                    ]
                )
        return out.getvalue()

    # --- internals ------------------------------------------------------------------------------

    def _on_files(self, picked: list[PickedFile]) -> None:
        too_big = [
            (
                p.name,
                KitError(
                    f"文件过大（{p.size / 1e6:.1f} MB）：不是本课程应用保存的结果文件",
                    f"the file is too large ({p.size / 1e6:.1f} MB): not a results file of the kit",
                ),
            )
            for p in picked
            if p.too_big
        ]
        refused = self.add_files([(p.name, p.content) for p in picked if not p.too_big])
        if too_big:
            self._report(picked, too_big + refused, 0)

    def _report(self, files, refused, duplicates: int) -> None:
        parts = []
        if refused:
            colon = _(": ")
            items = "".join(
                f"<li><b>{escape(name)}</b>{escape(colon)}{escape(err.message(language()))}</li>"
                for name, err in refused
            )
            head = _("{n} file(s) refused").format(n=len(refused))
            parts.append(
                f"<div class='smedx-error' style='color:{RED}'>⚠ {escape(head)}"
                f"<ul style='margin:2px 0'>{items}</ul></div>"
            )
        if duplicates:
            parts.append(
                message_html(
                    f"{duplicates} 个文件与已选文件相同，只计一次。",
                    f"{duplicates} file(s) identical to ones already chosen were counted once.",
                )
            )
        self.message.value = "".join(parts)

    def _pair_chart(
        self, figure_id: str, title: str, keys: list[str], labels: list[str]
    ) -> go.Figure:
        """National (from the report's figure) and class bars side by side, one row per
        category, top to bottom."""
        rows = report_rows(figure_id)
        national = [rows.get(k, 0.0) for k in keys]
        n = int(data.figure_info(figure_id)["n"])
        fig = go.Figure()
        national_name, class_name = _("National sample (N={n})").format(n=n), _(THIS_CLASS)
        fig.add_bar(
            name=national_name,
            y=labels,
            x=national,
            orientation="h",
            marker_color=NATIONAL_COLOR,
            text=[f"{v:g}%" for v in national],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:.1f}}%<extra>{escape(national_name)}</extra>",
        )
        fig.add_bar(
            name=class_name,
            y=labels,
            x=[0.0] * len(labels),
            orientation="h",
            marker_color=CLASS_COLOR,
            text=[""] * len(labels),
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}: %{{x:.1f}}%<extra>{escape(class_name)}</extra>",
        )
        fig.update_layout(
            title=title,
            barmode="group",
            height=CHART_HEIGHT,
            width=CHART_WIDTH,
            xaxis=dict(title=_("Share (%)"), range=[0, 100]),
            yaxis=dict(autorange="reversed"),
            legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
            margin=dict(l=20, r=40, t=90, b=90),
        )
        return charts.add_source(fig, data.source_line(figure_id, self.lang))

    def _stage_chart(self) -> go.Figure:
        names = stage_names(self.lang)
        return self._pair_chart(
            STAGE_FIGURE,
            _("Stages: this class and the national sample"),
            list(STAGE_ORDER),
            [names[k] for k in STAGE_ORDER],
        )

    def _spend_chart(self) -> go.Figure:
        bands = list(INVESTMENT_BANDS)
        return self._pair_chart(
            SPEND_FIGURE,
            _("DX spending as a share of revenue"),
            bands,
            [INVESTMENT_BANDS[k][2] for k in bands],
        )

    def _render(self) -> None:
        table = self._cohort.members
        n = len(table)
        stage = cohort.stage_comparison(table)
        shown = not stage.suppressed
        _show_class(self.stage_figure, shares(stage, list(STAGE_ORDER)), n, shown)
        spend = cohort.investment_comparison(table)
        spend_shown = not spend.suppressed
        _show_class(
            self.spend_figure, shares(spend, list(INVESTMENT_BANDS)), spend.base, spend_shown
        )
        if n == 0:
            self.summary.value = message_html(
                "还没有选择文件。", "No files chosen yet: the charts show the national sample only."
            )
        elif n < MIN_GROUP:
            self.summary.value = message_html(
                f"已读取 {n} 份自评；少于 {MIN_GROUP} 份时不显示全班分布。",
                f"{n} self-assessment(s) read; the class is shown from {MIN_GROUP} on.",
                ORANGE,
            )
        else:
            self.summary.value = self._summary_html(n, stage, spend_shown)
        self.groups.value = self._groups_html(table)

    def _summary_html(self, n: int, stage: cohort.Comparison, spend_shown: bool) -> str:
        size = _("This class: {n} companies").format(n=n)
        parts = [f"<b>{escape(size)}</b>"]
        if not stage.suppressed:
            top = max(stage.rows, key=lambda r: r.count)
            most = _("most common stage: {stage} ({count})")
            parts.append(
                escape(most.format(stage=stage_names(self.lang)[top.key], count=top.count))
            )
        else:
            parts.append(escape(_("stages hidden for privacy")))
        levels = cohort.scores(self._cohort.members).levels
        if levels:
            parts.append(
                escape(_("levels: ")) + ", ".join(f"L{lv.level}: {lv.count}" for lv in levels)
            )
        if not spend_shown:
            later = _("spending is shown from {n} varied answers that give a DX share")
            parts.append(escape(later.format(n=MIN_GROUP)))
        return f"<div class='smedx-cohort-summary'>{' · '.join(parts)}</div>"

    def _groups_html(self, table: pd.DataFrame) -> str:
        names = stage_names(self.lang)
        hidden = escape(_("hidden (privacy)"))
        en = self.lang == "en"
        rows = []
        for r in group_rows(table):
            share = (
                f"<span class='smedx-suppressed' style='color:#999'>{hidden}</span>"
                if r["suppressed"]
                else f"<b>{r['class_share']:g}%</b>"
            )
            dimension = r["dimension_en"] if en else r["dimension_zh"]
            group = r["group_en"] if en else r["group_zh"]
            rows.append(
                f"<tr><td>{escape(dimension)} · {escape(group)}</td>"
                f"<td style='text-align:right'>{'' if r['suppressed'] else r['n']}</td>"
                f"<td>{escape(names[r['stage']])}</td><td style='text-align:right'>{share}</td>"
                f"<td style='text-align:right'>{r['national_share']:g}%</td>"
                f"<td style='color:#555;font-size:88%'>"
                f"{escape(data.source_line(r['figure_id'], self.lang))}</td></tr>"
            )
        title, note = (
            _("Groups compared with the report"),
            _(" (the report gives values for some groups only; only those are listed)"),
        )
        heads = [_("Group"), "N", _("Stage"), _(THIS_CLASS), _("National"), _("Source")]
        return (
            f"<div style='margin-top:6px'><b>{escape(title)}</b>"
            f"<span style='color:#555;font-size:90%'>{escape(note)}</span></div>"
            "<table class='smedx-groups' style='border-collapse:collapse'><thead><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in heads)
            + "</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )

    def _csv_file(self) -> tuple[str, str, bytes]:
        if len(self._cohort.members) < MIN_GROUP:
            raise KitError(
                f"少于 {MIN_GROUP} 份自评时没有可下载的汇总。",
                f"no summary to download with fewer than {MIN_GROUP} self-assessments.",
            )
        return "smedx-cohort-summary.csv", "text/csv", ("\ufeff" + self.csv()).encode("utf-8")
