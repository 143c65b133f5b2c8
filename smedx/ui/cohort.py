"""The cohort dashboard (培训班看板) for trainers: load the results files of a class and see the
class's stage distribution beside the report's national sample (figure 2.2.2), its DX spending
beside figure 2.1.1, and its size / enterprise-type groups beside figures 2.2.3 and 2.4.2.

Privacy: a file is read in the kernel's memory only, and only its self-assessment's stage, level,
size band, enterprise type and spending band are kept (no revenue, no vendor names). Any group of
fewer than :data:`MIN_GROUP` companies — the class as a whole included — is suppressed: neither
charted nor exported.

The files are the ones the apps save (:mod:`smedx.ui.session`: a results file, or a single
self-assessment file); each is checked by the assessment model, so a tampered file is refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from html import escape

import ipywidgets as w
import plotly.graph_objects as go
import plotly.io as pio

from smedx import charts, data
from smedx.errors import KitError
from smedx.models.common import ENTERPRISE_TYPES, INVESTMENT_BANDS, SIZE_BANDS, STAGE_ORDER
from smedx.ui.browser import DownloadButton, FilePicker, PickedFile
from smedx.ui.chart import ChartView
from smedx.ui.messages import ORANGE, RED, error_html, message_html
from smedx.ui.session import MAX_SESSION_BYTES, Session

MIN_GROUP = 5  # the smallest group shown: fewer companies could be recognised
MAX_FILES = 500
STAGE_FIGURE, SPEND_FIGURE, SIZE_FIGURE, TYPE_FIGURE = "2.2.2", "2.1.1", "2.2.3", "2.4.2"
CLASS_COLOR, NATIONAL_COLOR = charts.ACCENT, charts.MUTED
CHART_WIDTH, CHART_HEIGHT = 620, 420


def _show_class(view: ChartView, values: list[float], n: int, shown: bool) -> None:
    """Redraw the class bars of a class-vs-national chart (blank when the class is too small);
    the axis fits both the class and the national bars."""
    with view.batch_update():
        national, bar = view.data
        bar.x = values
        bar.text = [f"{v:g}%" for v in values] if shown else [""] * len(values)
        bar.name = f"本班 This class (N={n})" if shown else "本班 This class"
        view.figure.layout.xaxis.range = [0, max([*values, *national.x]) * 1.25]


def _chart_box() -> w.Layout:
    return w.Layout(width=f"{CHART_WIDTH + 20}px", flex="0 0 auto")


@dataclass(frozen=True)
class Member:
    """What the dashboard keeps of one file: no revenue, no names."""

    stage: str
    level: int
    size_band: str | None
    enterprise_type: str | None
    investment_band: str | None


def member_from_file(content: bytes | str) -> Member:
    """Read one results file (or a single assessment file); KitError when it has no valid
    self-assessment."""
    session = Session.from_json(content)
    result = session.get("assessment")
    if result is None:
        raise KitError(
            "文件中没有自评结果：请让学员先完成“数字化自评”再保存结果文件。",
            "the file holds no self-assessment: the learner should complete the self-assessment "
            "app before saving the results file.",
            field="assessment",
        )
    profile = result.profile
    return Member(
        stage=result.stage,
        level=result.level,
        size_band=profile.size_band if profile else None,
        enterprise_type=profile.enterprise_type if profile else None,
        investment_band=profile.investment_band if profile else None,
    )


def shares(counts: Counter, keys: list[str]) -> list[float]:
    total = sum(counts[k] for k in keys)
    return [round(100 * counts[k] / total, 1) if total else 0.0 for k in keys]


def report_rows(figure_id: str, segment_key: str = "") -> dict[str, float]:
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == segment_key]
    return {r.key: float(r.value) for r in rows.itertuples(index=False)}


def stage_names(lang: str = "zh") -> dict[str, str]:
    rows = data.stages().set_index("stage_id")
    column = "name_en" if lang == "en" else "name_zh"
    return {k: str(rows.at[k, column]) for k in STAGE_ORDER}


@dataclass(frozen=True)
class GroupRow:
    """One comparison of a class group with the report's value for the same segment."""

    dimension_zh: str
    dimension_en: str
    group_key: str
    group_zh: str
    n: int
    suppressed: bool
    stage: str
    class_share: float | None
    national_share: float
    figure_id: str


def group_rows(members: list[Member]) -> list[GroupRow]:
    """Class groups by size band and enterprise type against figures 2.2.3 and 2.4.2 (the report
    gives only some stage values per segment: those are compared)."""
    out = []
    for figure_id, attr, labels, dim in (
        (SIZE_FIGURE, "size_band", SIZE_BANDS, ("企业人数", "size")),
        (TYPE_FIGURE, "enterprise_type", ENTERPRISE_TYPES, ("企业类型", "enterprise type")),
    ):
        for key, (zh, _en) in labels.items():
            group = [m for m in members if getattr(m, attr) == key]
            suppressed = len(group) < MIN_GROUP
            counts = Counter(m.stage for m in group)
            for stage, value in report_rows(figure_id, key).items():
                out.append(
                    GroupRow(
                        dimension_zh=dim[0],
                        dimension_en=dim[1],
                        group_key=key,
                        group_zh=zh,
                        n=len(group),
                        suppressed=suppressed,
                        stage=stage,
                        class_share=None
                        if suppressed
                        else round(100 * counts[stage] / len(group), 1),
                        national_share=value,
                        figure_id=figure_id,
                    )
                )
    return out


class CohortDashboard(w.VBox):
    """Files in, the class against the national sample out.

    Public parts: ``picker`` (FilePicker), ``clear_button``, ``summary``, ``message``,
    ``stage_figure`` and ``spend_figure`` (ChartViews), ``groups`` (HTML), ``download``;
    ``add_files([(name, bytes), ...])`` does what choosing files does; ``members``.
    """

    def __init__(self, lang: str = "zh"):
        if charts.TEMPLATE not in str(pio.templates.default):
            charts.use_theme()
        self.lang = lang
        self._members: dict[str, Member] = {}  # content digest -> member (the same file once)
        self.picker = FilePicker(
            label="⬆ 选择学员的结果文件（可多选）Choose the class's files",
            multiple=True,
            max_bytes=MAX_SESSION_BYTES,
        )
        self.picker.on_files(self._on_files)
        self.clear_button = w.Button(description="清空 Clear", icon="trash")
        self.clear_button.on_click(lambda _b: self.clear())
        self.download = DownloadButton(
            self._csv_file, label="⬇ 下载汇总 CSV Download summary", hint="只含未被隐藏的汇总数"
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
                f"选择学员用“保存结果文件”下载的 .json 文件（可一次选多个）。文件只在本页面的内存中处理，"
                f"不会保存；每组少于 {MIN_GROUP} 家企业时不显示该组，以免认出个别企业。",
                "Choose the .json files your learners saved with 'Save results' (several at once). "
                f"They are read in this page's memory only and never stored; any group of fewer than "
                f"{MIN_GROUP} companies is hidden so that no company can be recognised.",
            )
        )
        super().__init__(
            [
                intro,
                w.HBox([self.picker, self.clear_button, self.download]),
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
    def members(self) -> list[Member]:
        return list(self._members.values())

    def add_files(self, files: list[tuple[str, bytes | str]]) -> list[tuple[str, KitError]]:
        """Read files; the valid ones join the class. Returns the refused ones with reasons."""
        refused: list[tuple[str, KitError]] = []
        duplicates = 0
        for name, content in files:
            if len(self._members) >= MAX_FILES:
                refused.append(
                    (name, KitError(f"最多 {MAX_FILES} 个文件", f"at most {MAX_FILES} files"))
                )
                continue
            raw = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            digest = hashlib.sha256(raw).hexdigest()
            if digest in self._members:
                duplicates += 1
                continue
            try:
                self._members[digest] = member_from_file(raw)
            except KitError as err:
                refused.append((name, err))
        self._report(files, refused, duplicates)
        self._render()
        return refused

    def clear(self) -> None:
        self._members.clear()
        self.message.value = ""
        self._render()

    def csv(self) -> str:
        """The class's aggregates that are shown (nothing of a suppressed group)."""
        members = self.members
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "group", "key", "class_n", "class_percent", "national_percent"])
        if len(members) >= MIN_GROUP:
            counts = Counter(m.stage for m in members)
            national = report_rows(STAGE_FIGURE)
            for key, share in zip(STAGE_ORDER, shares(counts, list(STAGE_ORDER)), strict=True):
                writer.writerow(["stage", "class", key, len(members), share, national.get(key, "")])
            spent = [m for m in members if m.investment_band]
            if len(spent) >= MIN_GROUP:
                bands = list(INVESTMENT_BANDS)
                spend = Counter(m.investment_band for m in spent)
                national = report_rows(SPEND_FIGURE)
                for key, share in zip(bands, shares(spend, bands), strict=True):
                    writer.writerow(
                        ["investment_band", "class", key, len(spent), share, national.get(key, "")]
                    )
        for row in group_rows(members):
            if not row.suppressed:
                writer.writerow(
                    [
                        row.figure_id,
                        row.group_key,
                        row.stage,
                        row.n,
                        row.class_share,
                        row.national_share,
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
            items = "".join(
                f"<li><b>{escape(name)}</b>：{escape(err.zh)}<br><span style='font-size:90%'>"
                f"{escape(err.en)}</span></li>"
                for name, err in refused
            )
            parts.append(
                f"<div class='smedx-error' style='color:{RED}'>⚠ {len(refused)} 个文件未采用 · "
                f"{len(refused)} file(s) refused<ul style='margin:2px 0'>{items}</ul></div>"
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
        fig.add_bar(
            name=f"全国样本 National (N={n})",
            y=labels,
            x=national,
            orientation="h",
            marker_color=NATIONAL_COLOR,
            text=[f"{v:g}%" for v in national],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra>全国 national</extra>",
        )
        fig.add_bar(
            name="本班 This class",
            y=labels,
            x=[0.0] * len(labels),
            orientation="h",
            marker_color=CLASS_COLOR,
            text=[""] * len(labels),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}%<extra>本班 class</extra>",
        )
        fig.update_layout(
            title=title,
            barmode="group",
            height=CHART_HEIGHT,
            width=CHART_WIDTH,
            xaxis=dict(title="占比（%）", range=[0, 100]),
            yaxis=dict(autorange="reversed"),
            legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0),
            margin=dict(l=20, r=40, t=90, b=90),
        )
        return charts.add_source(fig, data.source_line(figure_id))

    def _stage_chart(self) -> go.Figure:
        names = stage_names(self.lang)
        return self._pair_chart(
            STAGE_FIGURE,
            "转型阶段：本班与全国 · Stages: class vs national",
            list(STAGE_ORDER),
            [names[k] for k in STAGE_ORDER],
        )

    def _spend_chart(self) -> go.Figure:
        bands = list(INVESTMENT_BANDS)
        return self._pair_chart(
            SPEND_FIGURE,
            "数字化投入占营收比例 · DX spending, % of revenue",
            bands,
            [INVESTMENT_BANDS[k][2] for k in bands],
        )

    def _render(self) -> None:
        members = self.members
        n = len(members)
        shown = n >= MIN_GROUP
        counts = Counter(m.stage for m in members)
        stage_shares = shares(counts, list(STAGE_ORDER)) if shown else [0.0] * len(STAGE_ORDER)
        _show_class(self.stage_figure, stage_shares, n, shown)
        spent = [m for m in members if m.investment_band]
        spend_shown = len(spent) >= MIN_GROUP
        bands = list(INVESTMENT_BANDS)
        spend = Counter(m.investment_band for m in spent)
        spend_shares = shares(spend, bands) if spend_shown else [0.0] * len(bands)
        _show_class(self.spend_figure, spend_shares, len(spent), spend_shown)
        if n == 0:
            self.summary.value = message_html(
                "还没有选择文件。", "No files chosen yet: the charts show the national sample only."
            )
        elif not shown:
            self.summary.value = message_html(
                f"已读取 {n} 份自评；少于 {MIN_GROUP} 份时不显示全班分布。",
                f"{n} self-assessment(s) read; the class is shown from {MIN_GROUP} on.",
                ORANGE,
            )
        else:
            levels = Counter(m.level for m in members)
            top = max(STAGE_ORDER, key=lambda k: counts[k])
            self.summary.value = (
                f"<div class='smedx-cohort-summary'><b>本班 {n} 家企业</b> · "
                f"最多的阶段：{escape(stage_names()[top])}（{counts[top]} 家）· "
                f"等级分布 levels: {', '.join(f'L{k}: {v}' for k, v in sorted(levels.items()))}"
                f"<br><span style='color:#555;font-size:90%'>{n} companies; most common stage: "
                f"{escape(stage_names('en')[top])}"
                + (
                    ""
                    if spend_shown
                    else f"; spending shown from {MIN_GROUP} answers with a DX share on"
                )
                + "</span></div>"
            )
        self.groups.value = self._groups_html(members)

    def _groups_html(self, members: list[Member]) -> str:
        names = stage_names()
        rows = []
        for r in group_rows(members):
            share = (
                f"<span style='color:#999'>已隐藏（少于 {MIN_GROUP} 家）suppressed</span>"
                if r.suppressed
                else f"<b>{r.class_share:g}%</b>"
            )
            rows.append(
                f"<tr><td>{escape(r.dimension_zh)} · {escape(r.group_zh)}</td>"
                f"<td style='text-align:right'>{'' if r.suppressed else r.n}</td>"
                f"<td>{escape(names[r.stage])}</td><td style='text-align:right'>{share}</td>"
                f"<td style='text-align:right'>{r.national_share:g}%</td>"
                f"<td style='color:#555;font-size:88%'>{escape(data.source_line(r.figure_id))}</td>"
                "</tr>"
            )
        return (
            "<div style='margin-top:6px'><b>分组对比 Groups vs the report</b>"
            "<span style='color:#555;font-size:90%'>（报告只给出部分分组数值；表中只列这些 · the "
            "report gives some values per group; only those are compared）</span></div>"
            "<table class='smedx-groups' style='border-collapse:collapse'><thead><tr>"
            "<th>分组 Group</th><th>N</th><th>阶段 Stage</th><th>本班 Class</th>"
            "<th>全国 National</th><th>来源 Source</th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )

    def _csv_file(self) -> tuple[str, str, bytes]:
        if len(self._members) < MIN_GROUP:
            raise KitError(
                f"少于 {MIN_GROUP} 份自评时没有可下载的汇总。",
                f"no summary to download with fewer than {MIN_GROUP} self-assessments.",
            )
        return "smedx-cohort-summary.csv", "text/csv", ("\ufeff" + self.csv()).encode("utf-8")
