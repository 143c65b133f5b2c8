"""Tables the course derives from the report's data: the charts draw them, the exercises, graded
items and the quiz ask about them, so each is computed once, here.

Everything is read from :mod:`smedx.data`; each function says which part of the report it rests
on, and where a rule is the kit's own (what counts as an outcome number, which heading a policy
sits under) it says so. No plotly and no current language: a table carries ``_zh`` and ``_en``
columns (or keys), and whoever renders it picks one.
"""

from __future__ import annotations

import pandas as pd

from smedx import data
from smedx.i18n import Bilingual

# --- policies (§1.1, §1.3) -------------------------------------------------------------------

# The report's own headings in §1.1 (政策支持 / 路径引导 / 服务支撑 / 地方落地) plus §1.3's
# technology push. Assigning each policy to a heading follows the paragraph the report prints it
# in; the grouping is the report's, the mapping below is the kit's reading of the layout.
PILLARS = {
    "policy": Bilingual("政策支持", "Policy support"),
    "guidance": Bilingual("路径引导", "Path guidance"),
    "services": Bilingual("服务支撑", "Service support"),
    "local": Bilingual("地方落地", "Local measures"),
    "technology": Bilingual("技术驱动（第 1.3 节）", "Technology push (§1.3)"),
}
_POLICY_PILLAR = {
    "miit_2020_sme_digital_empowerment_action_plan": "policy",
    "miit_2021_14th_fyp_sme_development_plan": "policy",
    "miit_mof_2022_fiscal_support_dx_pilot": "policy",
    "miit_2022_sme_digital_level_evaluation_indicators": "policy",
    "miit_2022_sme_dx_guide": "policy",
    "mof_miit_2023_sme_dx_city_pilot": "policy",
    "national_it_work_conference_2023_city_pilots": "policy",
    "miit_2023_sme_public_service_system_opinion": "services",
    "national_it_work_conference_2023_service_network": "services",
    "miit_sme_dx_typical_cases": "guidance",
    "miit_sme_chain_dx_typical_cases": "guidance",
    "miit_sme_digital_empowerment_catalogue": "guidance",
    "gov_report_2024_ai_plus": "technology",
}
# Short names that fit on a chart row (the kit's); anything not listed falls back to the title.
_SHORT = {
    "miit_2020_sme_digital_empowerment_action_plan": (
        "数字化赋能专项行动方案",
        "Empowerment action plan",
    ),
    "miit_2021_14th_fyp_sme_development_plan": (
        "“十四五”促进中小企业发展规划",
        "14th FYP SME plan",
    ),
    "miit_mof_2022_fiscal_support_dx_pilot": ("财政支持数字化转型试点", "Fiscal-support DX pilots"),
    "miit_2022_sme_digital_level_evaluation_indicators": (
        "数字化水平评测指标",
        "Digital-level indicators",
    ),
    "miit_2022_sme_dx_guide": ("中小企业数字化转型指南", "SME DX guide"),
    "mof_miit_2023_sme_dx_city_pilot": ("数字化转型城市试点", "DX city pilots"),
    "miit_2023_sme_public_service_system_opinion": (
        "健全公共服务体系指导意见",
        "Public-service opinion",
    ),
    "national_it_work_conference_2023_city_pilots": (
        "工信工作会议：深入城市试点",
        "Work conference: city pilots",
    ),
    "national_it_work_conference_2023_service_network": (
        "工信工作会议：服务“一张网”",
        "Work conference: one network",
    ),
    "gov_report_2024_ai_plus": ("政府报告：“人工智能+”行动", "Gov. report: 'AI+'"),
}


def policies() -> pd.DataFrame:
    """policies.csv (§1.1, §1.3) plus ``pillar`` (the heading), ``short_zh``/``short_en`` (a
    label short enough for a chart row), ``year_only`` and ``when`` (a Timestamp or NaT)."""
    rows = data.policies()
    rows["pillar"] = [
        "local" if level == "local" else _POLICY_PILLAR.get(pid, "policy")
        for pid, level in zip(rows["policy_id"], rows["level"], strict=True)
    ]
    for lang, i in (("zh", 0), ("en", 1)):
        rows[f"short_{lang}"] = [
            _SHORT[pid][i] if pid in _SHORT else title
            for pid, title in zip(rows["policy_id"], rows[f"title_{lang}"], strict=True)
        ]
    # A year without a month (e.g. "2024") is placed mid-year (and drawn as an open marker).
    rows["year_only"] = rows["date"].str.fullmatch(r"\d{4}")
    rows["when"] = pd.to_datetime(
        [
            f"{d}-07" if y else (d or None)
            for d, y in zip(rows["date"], rows["year_only"], strict=True)
        ],
        format="%Y-%m",
        errors="coerce",
    )
    return rows


# --- effects of transformation (§1.2) --------------------------------------------------------

# The three effects of §1.2 in the report's order: quality, efficiency, cost, each with the fact
# of the broad share (at least the industry average) and of the clearly-better share.
EFFECTS = (
    ("quality", "quality_above_avg_share", "quality_clearly_above_share"),
    ("efficiency", "efficiency_above_avg_share", "efficiency_clearly_above_share"),
    ("cost", "cost_at_or_below_avg_share", "cost_clearly_below_share"),
)
EFFECT_NAMES = {
    "quality": ("质量（产品合格率）", "Quality (product pass rate)"),
    "efficiency": ("效率（人均营业收入）", "Efficiency (revenue per employee)"),
    "cost": ("成本（每百元营业收入成本）", "Cost (cost per 100 yuan of revenue)"),
}


def effects() -> pd.DataFrame:
    """One row per effect (§1.2, facts.csv): the 'at least industry average' and the 'clearly
    better' share, with the ids of the two facts they come from."""
    rows = []
    for key, broad, clear in EFFECTS:
        rows.append(
            dict(
                effect=key,
                name_zh=EFFECT_NAMES[key][0],
                name_en=EFFECT_NAMES[key][1],
                at_least_average=data.fact(broad)["value"],
                clearly_better=data.fact(clear)["value"],
                broad_id=broad,
                clear_id=clear,
            )
        )
    return pd.DataFrame(rows)


# --- goals (§3.1.1) --------------------------------------------------------------------------

GOALS_FIGURE = "S3.1.1-goals"
GOALS_BY_INDUSTRY_FIGURE = "S3.1.1-goals-by-industry"


def goals_matrix() -> pd.DataFrame:
    """Industries x goals (§3.1.1): rows are segment keys, the whole sample ("") first; columns
    are goal keys, most named first in the whole sample; NaN where the report gives no number."""
    goals = data.figure(GOALS_FIGURE)
    goals = goals[goals["segment_key"] == ""].sort_values("value", ascending=False)
    by_industry = data.figure(GOALS_BY_INDUSTRY_FIGURE)
    table = by_industry.pivot_table(index="segment_key", columns="key", values="value", sort=False)
    table = table.reindex(columns=goals["key"].tolist())
    table.loc[""] = goals.set_index("key")["value"]
    table = table.loc[["", *[i for i in table.index if i != ""]]]
    table.columns.name = table.index.name = None
    return table


# --- reading survey charts (module 00) -------------------------------------------------------


def sample_sizes() -> pd.DataFrame:
    """How many of the report's survey charts state each N in their caption (counted by the kit
    from figures.csv): columns ``n``, ``figure_id`` (the charts' ids) and ``count``."""
    figures = data.figures()
    figures = figures[figures["n"].notna() & (figures["kind"] == "chart")]
    grouped = figures.groupby("n", sort=True)["figure_id"].apply(list).reset_index()
    grouped["count"] = grouped["figure_id"].apply(len)
    return grouped.sort_values("n", ascending=False).reset_index(drop=True)


DEFAULT_SUM_FIGURES = ("2.2.2", "2.1.1", "2.1.2", "3.3.1.1", "3.2.2.1", "3.3.2.1")


def share_sums(figure_ids=DEFAULT_SUM_FIGURES) -> pd.DataFrame:
    """Sum of the whole-sample shares the report gives for each figure, with its choice type
    (single / multi), whether the report gives every option, and its N (sums by the kit)."""
    rows = []
    for figure_id in figure_ids:
        info = data.figure_info(figure_id)
        values = data.figure(figure_id)
        values = values[values["segment_key"] == ""]
        rows.append(
            dict(
                figure_id=figure_id,
                title_zh=info["title_zh"],
                title_en=info["title_en"],
                choice=info["choice"],
                complete=bool(info["complete"]),
                options=len(values),
                total=round(float(values["value"].sum()), 1),
                n=None if pd.isna(info["n"]) else int(info["n"]),
            )
        )
    return pd.DataFrame(rows)


# --- the six cases (chapter 4) ---------------------------------------------------------------

CLAIM_METRIC = "juxing_jp_warehouse_cost"  # case 4.3: 5,000 -> 3,000 万日元, "减少了约一半"


def outcome_metrics() -> pd.DataFrame:
    """Case numbers (case_metrics.csv, §4.1-§4.6) that measure an outcome: all but plain counts.

    The kit's reading rule: counts (patents filed, business segments, R&D sites, "three challenge
    areas", "four core requirements") describe the company or the project, not what the
    transformation achieved; every other number of ``case_metrics`` (a percentage, persons,
    minutes, money, floor area) is stated in a case's x.3 outcome part (数字化成效).
    """
    metrics = data.case_metrics()
    return metrics[metrics["unit"] != "count"].reset_index(drop=True)


def quantified_cases() -> list[str]:
    """Case ids, in report order, whose outcome part gives at least one number."""
    with_numbers = set(outcome_metrics()["case_id"])
    return [case for case in data.cases()["case_id"] if case in with_numbers]


def warehouse_claim() -> dict:
    """Case 4.3's cost pair (:data:`CLAIM_METRIC`) and what "about half" would have meant."""
    row = data.case_metrics().set_index("metric_id").loc[CLAIM_METRIC]
    before, after = float(row["before"]), float(row["after"])
    return {
        "before": before,
        "after": after,
        "cut_percent": round(100 * (before - after) / before, 1),
        "half": before / 2,
        "claim_zh": row["claim_zh"],
        "claim_en": row["claim_en"],
        "unit": row["unit"],
    }


# --- two questions, the same four numbers (§3.2.1, §3.3.1) -----------------------------------

APPROACH_FIGURE, GENAI_CHALLENGE_FIGURE = "3.2.1.1", "3.3.1.2"


def repeated_values() -> pd.DataFrame:
    """The four largest labelled whole-sample values of figure 3.2.1.1 (approaches, N=494) and
    of figure 3.3.1.2 (GenAI challenges, N=404), each largest first: two different questions that
    print the same four numbers. Values whose label the text lost (``unlabelled_N``) are left out.
    """
    parts = []
    for figure_id in (APPROACH_FIGURE, GENAI_CHALLENGE_FIGURE):
        rows = data.figure(figure_id)
        rows = rows[(rows["segment_key"] == "") & ~rows["key"].str.startswith("unlabelled")]
        parts.append(rows.sort_values("value", ascending=False).head(4))
    return pd.concat(parts, ignore_index=True)
