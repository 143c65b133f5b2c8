"""Write the reports' fictional sample inputs (run from the repository root):

    .venv/bin/python reports/examples/make_examples.py

* ``members.csv``: 60 fictional association members in the CSV layout of reports/README.md
  (most with questionnaire answers, a few with a stage only; goals, challenges and help wanted
  partly filled in);
* ``members/``: the same kind of members as JSON, in every accepted shape: a member record, a
  saved assessment, lines of ``smedx assess --json`` (``.jsonl``) and a saved action plan;
* ``companies/``: three fictional companies for the company report: a full record (answers,
  profile, goals, GenAI inputs), a saved assessment only, and an assessment with its saved plan
  and vendor comparison.

Every company here is invented (ids M00001... in the CSV, M00101... in members/, names 示例企业 ...（虚构）); the output is the same on
every run (seeded).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.models.genai import prioritise
from smedx.models.plan import build_plan, plan_to_json
from smedx.models.scenarios import rank_scenarios
from smedx.models.vendors import example_vendors, score_vendors
from smedx.reports import synthetic

HERE = Path(__file__).resolve().parent


def _dump(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def members_csv() -> None:
    table = synthetic.members_table(60, seed=7)
    table.to_csv(HERE / "members.csv", index=False)


def members_folder() -> None:
    folder = HERE / "members"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    records = synthetic.members(12, seed=11, stage_only_share=0.0, first=101)
    for record in records[:6]:  # member records
        _dump(folder / f"{record['id']}.json", record)
    for record in records[6:8]:  # saved assessments (as the self-assessment app saves them)
        profile = CompanyProfile.from_dict(record["profile"])
        _dump(folder / f"{record['id']}.json", assess(record["answers"], profile).to_dict())
    lines = []
    for index, record in enumerate(records[8:11]):  # `smedx assess --json` output
        profile = CompanyProfile.from_dict(record["profile"])
        result = assess(record["answers"], profile).to_dict()
        line = {"id": record["id"], "file": "answers.json", "index": index, "assessment": result}
        lines.append(json.dumps(line, ensure_ascii=False))
    (folder / "assessed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    last = records[11]  # a saved action plan (its current stage counts)
    profile = CompanyProfile.from_dict(last["profile"])
    plan = build_plan(
        assess(last["answers"], profile),
        revenue_10k_cny=profile.revenue_10k_cny,
        budget_share=1.5,
    )
    (folder / f"{last['id']}.json").write_text(plan_to_json(plan), encoding="utf-8")


def companies_folder() -> None:
    folder = HERE / "companies"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    rng = random.Random(5)
    items = questionnaire().items
    full = {
        "id": "C001",
        "name": "虚构示例商贸有限公司",
        "profile": {
            "industry": "retail",
            "size_band": "le100",
            "enterprise_type": "non_zjtx",
            "revenue_10k_cny": 3200,
            "investment_share": 1.5,
        },
        "answers": {it.id: rng.choice("bcd") for it in items},
        "goals": ["customer_experience", "cost_reduction"],
        "data_readiness": "scattered",
        "skills": "basic",
    }
    _dump(folder / "C001_trading.json", full)

    profile = CompanyProfile(industry="discrete_manufacturing", size_band="101_300")
    answers = {it.id: rng.choice("abc") for it in items}
    _dump(folder / "C002_parts.json", assess(answers, profile).to_dict())

    profile = CompanyProfile(
        industry="it_services",
        size_band="301_500",
        enterprise_type="zjtx",
        revenue_10k_cny=18000,
        investment_share=3.2,
    )
    assessment = assess({it.id: rng.choice("cde") for it in items}, profile)
    scenarios = rank_scenarios(profile, assessment.stage, ["competitiveness"], "3_5")
    vendors = score_vendors(list(example_vendors()))
    genai = prioritise(profile, assessment.stage, data_readiness="organised", skills="advanced")
    plan = build_plan(
        assessment,
        scenarios,
        vendors,
        genai,
        revenue_10k_cny=18000,
        budget_share=3.2,
    )
    bundle = {
        "id": "C003",
        "name": "虚构示例软件科技有限公司",
        "assessment": assessment.to_dict(),
        "scenarios": scenarios.to_dict(),
        "vendors": vendors.to_dict(),
        "genai": genai.to_dict(),
        "plan": json.loads(plan_to_json(plan)),
    }
    _dump(folder / "C003_software.json", bundle)


def main() -> None:
    members_csv()
    members_folder()
    companies_folder()
    print(f"wrote {HERE / 'members.csv'}, {HERE / 'members'}/, {HERE / 'companies'}/")


if __name__ == "__main__":
    main()
