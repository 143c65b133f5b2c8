"""One company's report inputs, and every model's result for it.

A company record (see :mod:`smedx.reports.sources`) holds at least the questionnaire answers, a
saved assessment or a saved action plan; it may add the profile, goals, saved scenario / vendor /
GenAI results and the GenAI inputs. Saved results are parsed once by
:func:`smedx.models.registry.parse`, which recomputes them (an edited file is refused). What the
record lacks is computed where the models can (benchmark, GenAI portfolio, scenario ranking when
goals are given, the plan when revenue and a budget share are known) and otherwise stated in the
report, never guessed.

Repeat assessments: records of one company id that all carry ``assessed_at`` on two or more days
are one company, not duplicates. The newest is its report; its first day's (last) assessment is
the baseline T0, and the report shows each dimension's change from T0 to T1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from smedx.errors import KitError
from smedx.i18n import Bilingual
from smedx.models import registry
from smedx.models.assessment import Assessment, assess, questionnaire
from smedx.models.benchmark import Benchmark, benchmark
from smedx.models.common import (
    INVESTMENT_BANDS,
    CompanyProfile,
    check_choice,
    check_number,
)
from smedx.models.genai import DATA_READINESS, SKILL_LEVELS, GenAIPortfolio, prioritise
from smedx.models.plan import ActionPlan, build_plan
from smedx.models.scenarios import ScenarioRanking, rank_scenarios
from smedx.models.vendors import VendorRanking
from smedx.reports import sources
from smedx.reports.members import vocabulary
from smedx.reports.sources import Problem, RawRecord, Where

DEFAULT_READINESS = "scattered"
DEFAULT_SKILLS = "basic"


@dataclass(frozen=True)
class Note(Bilingual):
    """A line of the company report in both languages (shown in one: ``text()``)."""


@dataclass(frozen=True)
class CompanyInput:
    """A validated company record."""

    id: str
    name: str
    where: Where
    assessment: Assessment | None
    plan: ActionPlan | None
    profile: CompanyProfile | None
    goals: tuple[str, ...]
    scenarios: ScenarioRanking | None
    vendors: VendorRanking | None
    genai: GenAIPortfolio | None
    data_readiness: str | None
    skills: str | None
    budget_share: float | None
    assessed_at: datetime | None = None  # when the assessment was made (UTC), if given
    baseline: CompanyInput | None = None  # the same company's first assessment (T0)

    @property
    def stage(self) -> str:
        return self.assessment.stage if self.assessment else self.plan.stage.current


@dataclass(frozen=True)
class DimensionChange:
    key: str
    label_zh: str
    label_en: str
    max: int
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class CompanyResults:
    """Everything the company report shows, as the models return it."""

    input: CompanyInput
    benchmark: Benchmark
    scenarios: ScenarioRanking | None
    genai: GenAIPortfolio
    genai_assumed: bool  # data readiness / skills not given: the defaults were used
    plan: ActionPlan | None
    plan_built: bool  # the plan was built here (not read from the input)
    scenario_notes: tuple[Note, ...]  # why there is no ranking, or how it was made
    plan_notes: tuple[Note, ...]  # why there is no plan, or what to check in it

    @property
    def assessment(self) -> Assessment | None:
        return self.input.assessment

    @property
    def vendors(self) -> VendorRanking | None:
        return self.input.vendors

    @property
    def profile(self) -> CompanyProfile:
        return self.input.profile or CompanyProfile()

    @property
    def stage(self) -> str:
        return self.input.stage

    @property
    def changes(self) -> tuple[DimensionChange, ...]:
        """Each dimension at T0 and now; empty without a baseline assessment."""
        before = self.input.baseline.assessment if self.input.baseline else None
        after = self.input.assessment
        if before is None or after is None:
            return ()
        return tuple(
            DimensionChange(
                key, d.label_zh, d.label_en, d.max, before.dimensions[key].score, d.score
            )
            for key, d in after.dimensions.items()
        )


def parse_date(value: object) -> datetime | None:
    """``assessed_at`` as a UTC time (a date alone is midnight); KitError when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        stamp = datetime.fromisoformat(str(value).strip().replace(" UTC", "+00:00"))
    except ValueError as err:
        raise KitError(
            f"assessed_at 应为日期（如 2025-03-01 或 2025-03-01T09:30:00），收到：{value!r}",
            f"assessed_at must be a date (such as 2025-03-01 or 2025-03-01T09:30:00), got "
            f"{value!r}",
            field="assessed_at",
        ) from err
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


# --------------------------------------------------------------------------------------------
# Records -> inputs.


def _mapping(record: Mapping, key: str) -> Mapping | None:
    value = record.get(key)
    if value is not None and not isinstance(value, Mapping):
        raise KitError(f"{key} 字段应为一个 JSON 对象", f"the {key} field must be a JSON object")
    return value


def _goals(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    items = sources.split_choices(raw) if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise KitError("goals 应为文字列表", "goals must be a list of texts", field="goals")
    vocab = vocabulary()["goals"]
    keys = []
    for item in items:
        key = vocab.get(item.strip().lower())
        if key is None:
            check_choice(item, sorted(set(vocab.values())), "转型目标", "goal")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def parse(record: Mapping, raw: RawRecord) -> CompanyInput:
    """Validate one record for a company report (raises KitError saying what is wrong)."""
    plan_raw = _mapping(record, "plan")
    stored = _mapping(record, "assessment")
    answers = record.get("answers")
    profile_raw = _mapping(record, "profile")
    profile = None if profile_raw is None else CompanyProfile.from_dict(profile_raw)
    assessment = None
    if answers is not None:
        assessment = assess(answers, profile)
    elif stored is not None:
        assessment = registry.parse("assessment", stored)
    plan = None
    if plan_raw is not None:
        plan = registry.parse("plan", plan_raw)
    if assessment is None and plan is None:
        raise KitError(
            "企业诊断报告需要问卷答案（answers）、评估结果（assessment）或行动计划（plan）；"
            "只有阶段（stage）不够",
            "a company report needs the questionnaire answers, an assessment or an action "
            "plan; a stage alone is not enough",
            field="record",
        )
    if profile is None:
        profile = (assessment.profile if assessment else None) or (plan.profile if plan else None)
    stage_given = record.get("stage")
    if stage_given is not None:
        stage_key = vocabulary()["stage"].get(str(stage_given).strip().lower())
        actual = assessment.stage if assessment else plan.stage.current
        if stage_key != actual:
            raise KitError(
                f"stage 字段为“{stage_given}”，但评估结果为“{actual}”",
                f"the stage field says {stage_given!r} but the assessment gives {actual!r}",
                field="stage",
            )
    readiness, skills = record.get("data_readiness"), record.get("skills")
    if readiness is not None:
        check_choice(readiness, DATA_READINESS, "数据准备度", "data readiness")
    if skills is not None:
        check_choice(skills, SKILL_LEVELS, "AI 技能水平", "skills level")
    share = record.get("budget_share")
    if share is not None:
        share = check_number(share, "预算占营收比例", "budget share", low=0, high=100)

    def saved(kind: str):
        value = _mapping(record, kind)
        return None if value is None else registry.parse(kind, value)

    ident = record.get("id")
    ident = raw.default_id if ident is None or str(ident).strip() == "" else str(ident).strip()
    name = record.get("name")
    if name is not None and not isinstance(name, str):
        raise KitError("name 字段应为文字", "the name field must be text", field="name")
    return CompanyInput(
        id=ident,
        name=(name or "").strip() or ident,
        where=raw.where,
        assessment=assessment,
        plan=plan,
        profile=profile,
        goals=_goals(record.get("goals")),
        scenarios=saved("scenarios"),
        vendors=saved("vendors"),
        genai=saved("genai"),
        data_readiness=readiness,
        skills=skills,
        budget_share=share,
        assessed_at=parse_date(record.get("assessed_at")),
    )


def read(paths: Iterable[str | Path]) -> tuple[list[CompanyInput], list[Problem]]:
    """Every company of the inputs; a bad record is a problem naming it. Records that share a
    company id are all refused (their reports would overwrite each other)."""
    good: list[CompanyInput] = []
    problems: list[Problem] = []
    for raw in sources.read_records(paths, questionnaire().item_ids):
        if raw.problem is not None:
            problems.append(raw.problem)
            continue
        try:
            good.append(parse(raw.data, raw))
        except KitError as err:
            problems.append(sources.problem(raw.where, err, str(raw.data.get("id") or "")))
    good = _pair_repeats(good)
    places: dict[str, list[Where]] = {}
    for item in good:
        places.setdefault(item.id, []).append(item.where)
    repeated = {k: v for k, v in places.items() if len(v) > 1}
    for item in [g for g in good if g.id in repeated]:
        where = repeated[item.id]
        problems.append(
            Problem(
                item.where,
                item.id,
                f"企业编号 {item.id} 重复出现 {len(where)} 次（{'、'.join(w.zh for w in where)}）；"
                "请保证每家企业的编号唯一",
                f"company id {item.id} appears {len(where)} times "
                f"({', '.join(w.en for w in where)}); each company needs its own id",
            )
        )
    return [g for g in good if g.id not in repeated], problems


def _pair_repeats(inputs: list[CompanyInput]) -> list[CompanyInput]:
    """One company's assessments on two or more days become one input with its baseline (T0: the
    last assessment of the first day); undated repeats are left for the duplicate check."""
    by_id: dict[str, list[CompanyInput]] = {}
    for item in inputs:
        by_id.setdefault(item.id, []).append(item)
    out = []
    for item in inputs:
        same = by_id[item.id]
        if len(same) == 1:
            out.append(item)
            continue
        if not all(s.assessed_at and s.assessment for s in same):
            out.append(item)  # refused below as a duplicate
            continue
        if item is not max(same, key=lambda s: s.assessed_at):
            continue
        first_day = min(s.assessed_at.date() for s in same)
        if first_day == item.assessed_at.date():
            out.append(item)  # saved several times on one day: the newest, no baseline
            continue
        base = max(
            (s for s in same if s.assessed_at.date() == first_day), key=lambda s: s.assessed_at
        )
        out.append(replace(item, baseline=base))
    return out


def load_input(
    path: str | Path, record: int = 0, baseline_path: str | Path = "", baseline_record: int = 0
) -> CompanyInput:
    """The company at ``record``, and its baseline assessment (T0) when a path is given."""
    inp = _load_one(path, record)
    if baseline_path:
        inp = replace(inp, baseline=_load_one(baseline_path, baseline_record))
    return inp


def _load_one(path: str | Path, record: int = 0) -> CompanyInput:
    """The company at ``record`` (its row / line / item number; 0 = the file's only record)."""
    raws = sources.read_records([path], questionnaire().item_ids)
    if record:
        raws = [r for r in raws if r.where.number == int(record)]
        if not raws:
            raise KitError(
                f"{path} 中没有编号为 {record} 的记录",
                f"{path} has no record number {record}",
                field="record",
            )
    elif len(raws) > 1:
        raise KitError(
            f"{path} 含 {len(raws)} 条记录；请用 record 指定行号或条目号",
            f"{path} holds {len(raws)} records; choose one with record (its row, line or item "
            "number)",
            field="record",
        )
    raw = raws[0]
    if raw.problem is not None:
        raise raw.problem.error()
    try:
        return parse(raw.data, raw)
    except KitError as err:
        raise sources.problem(raw.where, err, str(raw.data.get("id") or "")).error() from err


# --------------------------------------------------------------------------------------------
# Inputs -> results.


def _band(inp: CompanyInput) -> tuple[str | None, Note | None]:
    """The spending band for the scenario model: the profile's share, else the answer to M4."""
    profile = inp.profile
    if profile is not None and profile.investment_share is not None:
        if profile.investment_band is not None:
            return profile.investment_band, None
        top = list(INVESTMENT_BANDS)[-1]
        return top, Note(
            f"投入比例 {profile.investment_share:g}% 高于报告的最高区间，场景排序按最高区间"
            f"（{INVESTMENT_BANDS[top][2]}）计算。",
            f"The investment share of {profile.investment_share:g}% is above the report's top "
            f"band; the scenario ranking uses the top band ({INVESTMENT_BANDS[top][3]}).",
        )
    if inp.assessment is not None:
        for it in questionnaire().items:
            option = it.option(inp.assessment.answers[it.id])
            if option.investment_band:
                return option.investment_band, None
    return None, None


def _scenarios(inp: CompanyInput) -> tuple[ScenarioRanking | None, list[Note]]:
    if inp.scenarios is not None:
        return inp.scenarios, []
    if not inp.goals:
        return None, [
            Note(
                "输入中没有转型目标（goals），因此没有计算投入场景排序。",
                "The input has no transformation goals, so no scenario ranking was computed.",
            )
        ]
    band, note = _band(inp)
    if band is None:
        return None, [
            Note(
                "输入中没有投入比例，无法计算投入场景排序。",
                "The input has no investment share, so no scenario ranking was computed.",
            )
        ]
    ranking = rank_scenarios(inp.profile or CompanyProfile(), inp.stage, list(inp.goals), band)
    return ranking, [note] if note else []


def _plan(inp: CompanyInput, scenarios, genai) -> tuple[ActionPlan | None, bool, list[Note]]:
    if inp.plan is not None:
        notes = []
        if inp.assessment is not None and inp.assessment.stage != inp.plan.stage.current:
            notes.append(
                Note(
                    "行动计划的当前阶段与本次评估不同：计划可能基于较早的评估，建议重新生成。",
                    "The plan's current stage differs from this assessment: it may rest on an "
                    "earlier assessment; build it again.",
                )
            )
        return inp.plan, False, notes
    profile = inp.profile or CompanyProfile()
    share = inp.budget_share if inp.budget_share is not None else profile.investment_share
    missing_zh, missing_en = [], []
    if inp.assessment is None:
        missing_zh.append("评估结果")
        missing_en.append("an assessment")
    if profile.revenue_10k_cny is None or profile.revenue_10k_cny <= 0:
        missing_zh.append("营业收入（revenue_10k_cny）")
        missing_en.append("the revenue (revenue_10k_cny)")
    if share is None or share <= 0:
        missing_zh.append("预算或投入比例（budget_share / investment_share）")
        missing_en.append("a budget or investment share (budget_share / investment_share)")
    if missing_zh:
        return (
            None,
            False,
            [
                Note(
                    "没有生成行动计划：输入缺少" + "、".join(missing_zh) + "。",
                    "No action plan: the input lacks " + ", ".join(missing_en) + ".",
                )
            ],
        )
    try:
        plan = build_plan(
            inp.assessment,
            scenarios,
            inp.vendors,
            genai,
            revenue_10k_cny=profile.revenue_10k_cny,
            budget_share=share,
        )
    except KitError as err:
        return None, False, [Note(f"无法生成行动计划：{err.zh}", f"No action plan: {err.en}")]
    return plan, True, []


def results(inp: CompanyInput) -> CompanyResults:
    """Run every model the record does not already carry a result of."""
    profile = inp.profile or CompanyProfile()
    bench = benchmark(inp.assessment) if inp.assessment else benchmark(inp.stage, inp.profile)
    scenarios, notes = _scenarios(inp)
    assumed = inp.genai is None and (inp.data_readiness is None or inp.skills is None)
    genai = inp.genai or prioritise(
        profile,
        inp.stage,
        data_readiness=inp.data_readiness or DEFAULT_READINESS,
        skills=inp.skills or DEFAULT_SKILLS,
    )
    plan, built, plan_notes = _plan(inp, scenarios, genai)
    return CompanyResults(
        input=inp,
        benchmark=bench,
        scenarios=scenarios,
        genai=genai,
        genai_assumed=assumed,
        plan=plan,
        plan_built=built,
        scenario_notes=tuple(notes),
        plan_notes=tuple(plan_notes),
    )


def load(
    path: str | Path, record: int = 0, baseline_path: str | Path = "", baseline_record: int = 0
) -> CompanyResults:
    """Read one company (and its baseline) and compute its results (what the report notebook
    calls)."""
    return results(load_input(path, record, baseline_path, baseline_record))
