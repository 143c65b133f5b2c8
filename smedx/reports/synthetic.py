"""Obviously fictional member data for examples, tests and benchmarks (no real company).

Each fictional member gets a latent "maturity" between 0 and 1; its questionnaire answers scatter
around it, so the members spread over the stages instead of all landing in the middle. Profiles,
goals, challenges and help wanted are drawn from the report's own option keys. Everything is
seeded: the same arguments give the same members.

    >>> from smedx.reports.synthetic import members_table
    >>> frame = members_table(10, seed=1)      # a DataFrame in the CSV layout of the README
"""

from __future__ import annotations

import random

import pandas as pd

from smedx.models.assessment import questionnaire
from smedx.models.common import ENTERPRISE_TYPES, INDUSTRIES, SIZE_BANDS
from smedx.reports.members import QUESTIONS, question_options

NAME_ZH = "示例企业"


def _answers(rng: random.Random, maturity: float) -> dict[str, str]:
    out = {}
    for item in questionnaire().items:
        ids = [o.id for o in item.options]
        level = maturity * (len(ids) - 1) + rng.gauss(0, 0.7)
        out[item.id] = ids[max(0, min(len(ids) - 1, round(level)))]
    return out


def _pick(rng: random.Random, keys: list[str], low: int, high: int) -> list[str]:
    return sorted(rng.sample(keys, rng.randint(low, min(high, len(keys)))), key=keys.index)


def member(rng: random.Random, number: int, *, stage_only: bool = False) -> dict:
    """One fictional member as a record (the JSON record shape)."""
    maturity = rng.betavariate(2.6, 2.6)
    record: dict = {
        "id": f"M{number:05d}",
        "name": f"{NAME_ZH} {number:05d}（虚构）",
        "profile": {
            "industry": rng.choice(list(INDUSTRIES)),
            "size_band": rng.choice(list(SIZE_BANDS)),
            "enterprise_type": rng.choices(list(ENTERPRISE_TYPES), weights=[1, 3])[0],
            "revenue_10k_cny": round(rng.uniform(300, 30000), -1),
            "investment_share": round(min(9.0, rng.lognormvariate(0.1, 0.6)), 1),
        },
    }
    if stage_only:
        record["stage"] = rng.choice(["single_point", "local_build", "digital_foundation"])
    else:
        record["answers"] = _answers(rng, maturity)
    for question, figure_id in QUESTIONS.items():
        if rng.random() < 0.85:  # some members skip a question
            record[question] = _pick(rng, list(question_options(figure_id)), 1, 3)
    return record


def members(
    count: int, seed: int = 2024, stage_only_share: float = 0.1, first: int = 1
) -> list[dict]:
    """``count`` fictional members numbered from ``first`` (ids M00001 ...)."""
    rng = random.Random(seed)
    return [
        member(rng, i, stage_only=rng.random() < stage_only_share)
        for i in range(first, first + count)
    ]


def row(record: dict) -> dict[str, str]:
    """A record as one CSV row (multiple choices joined with ';')."""
    out = {"company_id": record["id"], "name": record["name"]}
    for key, value in record["profile"].items():
        out[key] = f"{value:g}" if isinstance(value, float) else str(value)
    out["stage"] = record.get("stage", "")
    for item in questionnaire().item_ids:
        out[item] = record.get("answers", {}).get(item, "")
    for question in QUESTIONS:
        out[question] = ";".join(record.get(question, []))
    return out


def members_table(count: int, seed: int = 2024, stage_only_share: float = 0.1) -> pd.DataFrame:
    """``count`` fictional members in the CSV layout (write it with ``to_csv(index=False)``)."""
    return pd.DataFrame([row(r) for r in members(count, seed, stage_only_share)])
