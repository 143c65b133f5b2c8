"""The industry brief's content: every number the report gives for one industry, next to the
same number for all SMEs, with its base, its rank among the industries listed, and the figures
where the report says nothing about that industry.

All numbers come from :mod:`smedx.data`; the headline statements are the benchmark model's own
(:func:`smedx.models.benchmark.benchmark`), so the brief and the company report never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from smedx import data
from smedx.models.benchmark import Statement, benchmark
from smedx.models.common import INDUSTRIES, CompanyProfile, check_choice
from smedx.models.genai import UseCase, use_cases
from smedx.models.scenarios import INDUSTRY_FALLBACK

# Where "all SMEs" is for an industry breakdown: (figure, segment key). Figure 2.1.3's shares
# compare with figure 2.1.1, the goals by industry with the goals overall; the report does not
# say which year its scenario shares by industry are (probably 2023), compared with 2023.
WHOLE_FIGURE = {"2.1.3": "2.1.1", "S3.1.1-goals-by-industry": "S3.1.1-goals"}
WHOLE_SEGMENT = {"3.1.2.1": "2023"}
SURVEY_KINDS = ("chart", "prose")


@dataclass(frozen=True)
class Finding:
    """One value the report gives for the industry (or for the aggregate it belongs to)."""

    figure_id: str
    title_zh: str
    title_en: str
    key: str
    label_zh: str
    label_en: str
    value: float
    whole: float | None  # the same option for all SMEs, if the report gives it
    whole_figure: str
    whole_segment: str  # "" (whole sample) or the segment the comparison uses (a year)
    rank: int  # 1 = highest among the industries the report lists for this option
    listed: int  # how many industries the report lists for this option
    segment_n: int | None  # the base of the industry's value, when the report states it
    caption_n: int | None  # the figure's sample size
    aggregate: str  # "" or the report's aggregate segment the value belongs to (制造业)

    @property
    def difference(self) -> float | None:
        return None if self.whole is None else round(self.value - self.whole, 1)


@dataclass(frozen=True)
class Gap:
    """A survey figure with no number for this industry."""

    figure_id: str
    title_zh: str
    title_en: str
    by_industry: tuple[str, ...]  # industries the figure does give (empty: no breakdown)


@dataclass(frozen=True)
class Brief:
    industry: str
    label_zh: str
    label_en: str
    statements: tuple[Statement, ...]  # the benchmark model's industry statements
    findings: tuple[Finding, ...]
    gaps: tuple[Gap, ...]
    use_cases: tuple[UseCase, ...]  # the kit's GenAI use cases tied to this industry

    @property
    def has_data(self) -> bool:
        return bool(self.findings)


@cache
def _survey_figures() -> tuple[str, ...]:
    """Figures of survey numbers (charts and prose statistics that have values)."""
    info = data.figures()
    with_values = set(data.values()["figure_id"])
    return tuple(
        f
        for f, kind in zip(info["figure_id"], info["kind"], strict=True)
        if kind in SURVEY_KINDS and f in with_values
    )


def _n(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _findings(industry: str) -> list[Finding]:
    segments = {industry: ""}
    if industry in INDUSTRY_FALLBACK:
        segments[INDUSTRY_FALLBACK[industry]] = INDUSTRY_FALLBACK[industry]
    values = data.values()
    rows = values[(values["segment_type"] == "industry")]
    out = []
    for figure_id in _survey_figures():
        by_figure = rows[rows["figure_id"] == figure_id]
        mine = by_figure[by_figure["segment_key"].isin(list(segments))]
        if mine.empty:
            continue
        whole_figure = WHOLE_FIGURE.get(figure_id, figure_id)
        whole_segment = WHOLE_SEGMENT.get(figure_id, "")
        whole = data.figure(whole_figure)
        whole = whole[whole["segment_key"] == whole_segment].set_index("key")["value"]
        info = data.figure_info(figure_id)
        for row in mine.itertuples():
            peers = by_figure[by_figure["key"] == row.key]["value"]
            out.append(
                Finding(
                    figure_id=figure_id,
                    title_zh=info["title_zh"],
                    title_en=info["title_en"],
                    key=row.key,
                    label_zh=row.label_zh,
                    label_en=row.label_en,
                    value=float(row.value),
                    whole=float(whole[row.key]) if row.key in whole.index else None,
                    whole_figure=whole_figure,
                    whole_segment=whole_segment,
                    rank=int((peers > row.value).sum()) + 1,
                    listed=len(peers),
                    segment_n=_n(row.n) if figure_id not in WHOLE_FIGURE else None,
                    caption_n=_n(info["n"]),
                    aggregate=segments[row.segment_key],
                )
            )
    return out


def _gaps(industry: str, covered: set[str]) -> list[Gap]:
    values = data.values()
    out = []
    for figure_id in _survey_figures():
        if figure_id in covered:
            continue
        rows = values[(values["figure_id"] == figure_id) & (values["segment_type"] == "industry")]
        given = tuple(dict.fromkeys(rows["segment_key"]))
        if figure_id in WHOLE_FIGURE.values():
            # the whole-sample figure of an industry breakdown covered elsewhere
            partner = next(k for k, v in WHOLE_FIGURE.items() if v == figure_id)
            if partner in covered:
                continue
        info = data.figure_info(figure_id)
        out.append(Gap(figure_id, info["title_zh"], info["title_en"], given))
    return out


def brief(industry: str) -> Brief:
    """Everything the report says about ``industry`` (a key of ``common.INDUSTRIES``)."""
    check_choice(industry, INDUSTRIES, "行业", "industry")
    statements = tuple(
        s
        for s in benchmark("not_started", CompanyProfile(industry=industry)).statements
        if s.topic.startswith("industry")
    )
    findings = _findings(industry)
    covered = {f.figure_id for f in findings}
    return Brief(
        industry=industry,
        label_zh=INDUSTRIES[industry][0],
        label_en=INDUSTRIES[industry][1],
        statements=statements,
        findings=tuple(findings),
        gaps=tuple(_gaps(industry, covered)),
        use_cases=tuple(uc for uc in use_cases() if industry in uc.industry_boost),
    )
