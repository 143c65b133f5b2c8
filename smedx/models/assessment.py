"""Stage assessment (数字化水平自评): a questionnaire places a company in one of the report's stages.

The instrument (items, options, points, dimension weights, level bands, stage thresholds and
gates) is the kit's own design, kept in ``datasets/kit/questionnaire.json`` and documented in
``docs/methodology/assessment.md``. Stage names and descriptors come from the report's data
(``smedx.data.stages()``).

The rules, in one place:

* total = sum of the chosen options' points (0-100); each dimension is bounded by its weight;
* level = the highest MIIT-style level whose lower edge the total reaches (bands [20,40), [40,60),
  [60,80), [80,100]; below 20 is level 0, 未达一级);
* stage = the highest stage whose score threshold is reached and whose gates, and the gates of
  every stage below it, are all met (so no 智能运营 without the 数字底座 prerequisites);
* gaps = the answers that would have to change, and to what, to reach the next stage: first the
  next stage's gates, then the weakest items one option at a time until its threshold is reached.

    >>> from smedx.models.assessment import assess, questionnaire
    >>> q = questionnaire()
    >>> result = assess({item.id: "c" for item in q.items})
    >>> result.total, result.level, result.stage
    (40, 2, 'local_build')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from smedx import data, glossary
from smedx.errors import KitError
from smedx.models.common import (
    INVESTMENT_BANDS,
    SCHEMA_VERSION,
    STAGE_ORDER,
    CompanyProfile,
    check_result,
    jsonable,
    mismatches,
)

QUESTIONNAIRE_FILE = "questionnaire.json"
KIND = "assessment"


# ---------------------------------------------------------------------------------------------
# The instrument
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """Where an item comes from: a report section (and figure) or a public framework."""

    source: str
    section: str
    figure_id: str
    zh: str
    en: str


@dataclass(frozen=True)
class Option:
    id: str
    points: int
    text_zh: str
    text_en: str
    investment_band: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    dimension: str
    label_zh: str
    label_en: str
    text_zh: str
    text_en: str
    options: tuple[Option, ...]
    basis: tuple[Basis, ...]

    @property
    def max_points(self) -> int:
        return self.options[-1].points

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KitError(
            f"题目 {self.id}（{self.label_zh}）没有选项 {option_id!r}；"
            f"可选：{', '.join(o.id for o in self.options)}",
            f"item {self.id} ({self.label_en}) has no option {option_id!r}; "
            f"valid options: {', '.join(o.id for o in self.options)}",
            field=self.id,
        )

    def rank(self, option_id: str) -> int:
        return [o.id for o in self.options].index(option_id)


@dataclass(frozen=True)
class Dimension:
    key: str
    label_zh: str
    label_en: str
    max_points: int
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Level:
    level: int
    min_total: int
    label_zh: str
    label_en: str
    descriptor_zh: str
    descriptor_en: str


@dataclass(frozen=True)
class Gate:
    item: str
    min_option: str
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class StageRule:
    stage: str
    min_total: int
    gates: tuple[Gate, ...]
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Questionnaire:
    """The whole instrument, for the UI and for the scoring below."""

    version: str
    notice_zh: str
    notice_en: str
    scale_zh: str
    scale_en: str
    dimensions: tuple[Dimension, ...]
    levels: tuple[Level, ...]
    stage_rules: tuple[StageRule, ...]
    items: tuple[Item, ...]

    @property
    def max_total(self) -> int:
        return sum(d.max_points for d in self.dimensions)

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KitError(
            f"题目编号 {item_id!r} 不存在；有效编号：{', '.join(self.item_ids)}",
            f"unknown item id {item_id!r}; valid ids: {', '.join(self.item_ids)}",
            field="item",
        )

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(it.id for it in self.items)

    def rule(self, stage: str) -> StageRule | None:
        return next((r for r in self.stage_rules if r.stage == stage), None)

    def to_dict(self) -> dict:
        return jsonable(self)


def _bad_instrument(problem: str) -> KitError:
    return KitError(
        f"课程问卷文件 {QUESTIONNAIRE_FILE} 有误：{problem}",
        f"the kit's questionnaire file {QUESTIONNAIRE_FILE} is invalid: {problem}",
    )


def _parse(raw: dict) -> Questionnaire:
    """Build the dataclasses and check the design's own invariants (they make scoring sound)."""
    dims = tuple(
        Dimension(
            d["key"], d["label_zh"], d["label_en"], int(d["max_points"]), d["why_zh"], d["why_en"]
        )
        for d in raw["dimensions"]
    )
    dim_keys = [d.key for d in dims]
    items = []
    for r in raw["items"]:
        opts = tuple(
            Option(o["id"], o["points"], o["text_zh"], o["text_en"], o.get("investment_band"))
            for o in r["options"]
        )
        basis = tuple(
            Basis(b["source"], b.get("section", ""), b.get("figure_id", ""), b["zh"], b["en"])
            for b in r["basis"]
        )
        items.append(
            Item(
                r["id"],
                r["dimension"],
                r["label_zh"],
                r["label_en"],
                r["text_zh"],
                r["text_en"],
                opts,
                basis,
            )
        )
    items = tuple(items)
    levels = tuple(Level(**lv) for lv in raw["levels"])
    rules = tuple(
        StageRule(
            s["stage"],
            int(s["min_total"]),
            tuple(Gate(g["item"], g["min_option"], g["why_zh"], g["why_en"]) for g in s["gates"]),
            s["why_zh"],
            s["why_en"],
        )
        for s in raw["stage_rules"]
    )
    q = Questionnaire(
        raw["version"],
        raw["notice_zh"],
        raw["notice_en"],
        raw["scale_zh"],
        raw["scale_en"],
        dims,
        levels,
        rules,
        items,
    )

    if not 15 <= len(items) <= 25:
        raise _bad_instrument(f"{len(items)} items, expected 15-25")
    if len(set(q.item_ids)) != len(items):
        raise _bad_instrument("duplicate item ids")
    if q.max_total != 100:
        raise _bad_instrument(f"dimension weights sum to {q.max_total}, expected 100")
    for it in items:
        if it.dimension not in dim_keys:
            raise _bad_instrument(f"item {it.id}: unknown dimension {it.dimension!r}")
        points = [o.points for o in it.options]
        if not all(isinstance(p, int) and not isinstance(p, bool) for p in points):
            raise _bad_instrument(f"item {it.id}: points must be integers")
        if points[0] != 0 or any(b <= a for a, b in zip(points, points[1:], strict=False)):
            raise _bad_instrument(f"item {it.id}: points must start at 0 and strictly increase")
        if len({o.id for o in it.options}) != len(it.options):
            raise _bad_instrument(f"item {it.id}: duplicate option ids")
        if not it.basis:
            raise _bad_instrument(f"item {it.id}: no basis")
        for o in it.options:
            if o.investment_band is not None and o.investment_band not in INVESTMENT_BANDS:
                raise _bad_instrument(f"item {it.id}: unknown investment band")
    for d in dims:
        got = sum(it.max_points for it in items if it.dimension == d.key)
        if got != d.max_points:
            raise _bad_instrument(f"dimension {d.key}: items give {got}, weight is {d.max_points}")
    if [lv.level for lv in levels] != list(range(len(levels))) or levels[0].min_total != 0:
        raise _bad_instrument("levels must be 0, 1, 2, … starting at 0 points")
    if any(b.min_total <= a.min_total for a, b in zip(levels, levels[1:], strict=False)):
        raise _bad_instrument("level thresholds must increase")
    if tuple(r.stage for r in rules) != STAGE_ORDER[1:]:
        raise _bad_instrument("stage rules must cover single_point … innovation in order")
    if any(b.min_total < a.min_total for a, b in zip(rules, rules[1:], strict=False)):
        raise _bad_instrument("stage thresholds must not decrease")
    for r in rules:
        for g in r.gates:
            q.item(g.item).option(g.min_option)  # raises if the gate names nothing real
    return q


@cache
def questionnaire() -> Questionnaire:
    """The instrument (cached): items, options with points, weights, levels, stage rules."""
    raw = json.loads(data.kit_path(QUESTIONNAIRE_FILE).read_text(encoding="utf-8"))
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as err:
        if isinstance(err, KitError):
            raise
        raise _bad_instrument(f"{type(err).__name__}: {err}") from err


@cache
def _stage_descriptors() -> dict[str, tuple[str, str]]:
    return {
        row["stage_id"]: (row["descriptor_zh"], row["descriptor_en"])
        for row in data.stages().to_dict("records")
    }


def stage_label(stage: str, lang: str = "zh") -> str:
    return glossary.name("stage", stage, lang)


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    zh: str
    en: str


@dataclass(frozen=True)
class DimensionScore:
    score: int
    max: int
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class GateCheck:
    """One gate of one stage, with the company's answer and whether it is met."""

    stage: str
    item: str
    needed: str
    current: str
    met: bool
    why_zh: str
    why_en: str


@dataclass(frozen=True)
class Gap:
    """One answer that would have to change to reach the next stage, and to what."""

    item: str
    label_zh: str
    label_en: str
    current: str
    needed: str
    current_text_zh: str
    current_text_en: str
    needed_text_zh: str
    needed_text_en: str
    points_gain: int
    why: str  # "gate" (a prerequisite of the next stage) or "score" (to reach its threshold)


@dataclass(frozen=True)
class Assessment:
    stage: str
    stage_label_zh: str
    stage_label_en: str
    stage_descriptor_zh: str
    stage_descriptor_en: str
    level: int
    level_label_zh: str
    level_label_en: str
    level_band: str
    total: int
    max_total: int
    dimensions: dict[str, DimensionScore]
    reasons: tuple[Reason, ...]
    gates: tuple[GateCheck, ...]
    next_stage: str | None
    next_stage_min_total: int | None
    gaps: tuple[Gap, ...]
    points_to_next_level: int | None
    notes: tuple[Reason, ...]
    answers: dict[str, str]
    profile: CompanyProfile | None
    questionnaire_version: str
    kind: str = field(default=KIND, init=False)

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)

    def to_dict(self) -> dict:
        out = jsonable(self)
        out["schema_version"] = SCHEMA_VERSION
        out["profile"] = None if self.profile is None else self.profile.to_dict()
        return out

    @classmethod
    def from_dict(cls, raw: Mapping) -> Assessment:
        """Rebuild from ``to_dict()`` output; refuse a result that was edited or is from another
        version (it is recomputed from its answers and must match exactly)."""
        check_result(raw, KIND, "评估结果", "an assessment")
        version = questionnaire().version
        if raw.get("questionnaire_version") != version:
            raise KitError(
                f"评估结果来自问卷版本 {raw.get('questionnaire_version')!r}，当前问卷为 {version!r}；"
                "请用当前问卷重新评估",
                f"assessment made with questionnaire version {raw.get('questionnaire_version')!r}; "
                f"the current one is {version!r}: please assess again",
                field="questionnaire_version",
            )
        profile_raw = raw.get("profile")
        profile = None if profile_raw is None else CompanyProfile.from_dict(profile_raw)
        again = assess(raw.get("answers"), profile)
        changed = mismatches(again.to_dict(), raw)
        if changed:
            raise KitError(
                f"评估结果与其答案不一致（被修改过或来自其他版本）：{', '.join(changed)}",
                f"assessment does not match its answers (edited, or from another version): "
                f"{', '.join(changed)}",
                field=changed[0],
            )
        return again


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def validate_answers(answers: object, q: Questionnaire | None = None) -> dict[str, str]:
    """Every item answered with one of its options; a clear message listing what is wrong."""
    q = q or questionnaire()
    if not isinstance(answers, Mapping):
        raise KitError(
            f"答案必须是“题目编号 → 选项”的对应表，收到：{type(answers).__name__}",
            f"answers must map item ids to option ids, got {type(answers).__name__}",
            field="answers",
        )
    unknown = sorted(str(k) for k in answers if k not in q.item_ids)
    if unknown:
        raise KitError(
            f"未知的题目编号：{', '.join(unknown)}；有效编号：{', '.join(q.item_ids)}",
            f"unknown item ids: {', '.join(unknown)}; valid ids: {', '.join(q.item_ids)}",
            field="answers",
        )
    missing = [i for i in q.item_ids if i not in answers or answers[i] in (None, "")]
    if missing:
        raise KitError(
            f"还有 {len(missing)} 道题未作答：{', '.join(missing)}",
            f"{len(missing)} item(s) not answered: {', '.join(missing)}",
            field="answers",
        )
    clean = {}
    for it in q.items:
        value = answers[it.id]
        # a number (NaN included) is never an option id: report it with the valid options
        it.option(value if isinstance(value, str) else repr(value))
        clean[it.id] = value
    return clean


def _total(answers: Mapping[str, str], q: Questionnaire) -> int:
    return sum(it.option(answers[it.id]).points for it in q.items)


def _gate_met(gate: Gate, answers: Mapping[str, str], q: Questionnaire) -> bool:
    it = q.item(gate.item)
    return it.option(answers[gate.item]).points >= it.option(gate.min_option).points


def _stage_for(answers: Mapping[str, str], q: Questionnaire) -> str:
    """Highest stage whose threshold and gates, and those of every stage below, are met."""
    total = _total(answers, q)
    stage = STAGE_ORDER[0]
    for rule in q.stage_rules:
        if total < rule.min_total or not all(_gate_met(g, answers, q) for g in rule.gates):
            break
        stage = rule.stage
    return stage


def _level_for(total: int, q: Questionnaire) -> Level:
    return [lv for lv in q.levels if total >= lv.min_total][-1]


def _band(level: Level, q: Questionnaire) -> str:
    nxt = next((lv for lv in q.levels if lv.level == level.level + 1), None)
    return f"[{level.min_total}, {nxt.min_total})" if nxt else f"[{level.min_total}, {q.max_total}]"


def _gaps(answers: Mapping[str, str], stage: str, q: Questionnaire) -> tuple[Gap, ...]:
    """What to change to reach the next stage: its gates first, then the weakest items one
    option at a time (ties: bigger gain, then questionnaire order) until the threshold."""
    idx = STAGE_ORDER.index(stage)
    if idx + 1 >= len(STAGE_ORDER):
        return ()
    rule = q.rule(STAGE_ORDER[idx + 1])
    target = dict(answers)
    why: dict[str, str] = {}
    for g in rule.gates:
        if not _gate_met(g, target, q):
            target[g.item] = g.min_option
            why.setdefault(g.item, "gate")
    while _total(target, q) < rule.min_total:
        candidates = []
        for pos, it in enumerate(q.items):
            rank = it.rank(target[it.id])
            if rank + 1 < len(it.options):
                gain = it.options[rank + 1].points - it.options[rank].points
                candidates.append((rank, -gain, pos, it))
        _rank, _gain, _pos, it = min(candidates, key=lambda c: c[:3])
        target[it.id] = it.options[it.rank(target[it.id]) + 1].id
        why.setdefault(it.id, "score")
    gaps = []
    for item_id, reason in why.items():
        it = q.item(item_id)
        cur, need = it.option(answers[item_id]), it.option(target[item_id])
        gaps.append(
            Gap(
                it.id,
                it.label_zh,
                it.label_en,
                cur.id,
                need.id,
                cur.text_zh,
                cur.text_en,
                need.text_zh,
                need.text_en,
                need.points - cur.points,
                reason,
            )
        )
    return tuple(gaps)


def _gate_text(gate: Gate, q: Questionnaire, lang: str) -> str:
    it = q.item(gate.item)
    opt = it.option(gate.min_option)
    if lang == "en":
        return f"{it.id} {it.label_en} ≥ {opt.id} ({opt.text_en})"
    return f"{it.id}“{it.label_zh}”≥ {opt.id}（{opt.text_zh}）"


def _reasons(answers, stage, total, level, dims, q) -> tuple[Reason, ...]:
    parts_zh = "，".join(f"{d.label_zh} {dims[d.key].score}/{d.max_points}" for d in q.dimensions)
    parts_en = ", ".join(f"{d.label_en} {dims[d.key].score}/{d.max_points}" for d in q.dimensions)
    band = _band(level, q)
    out = [
        Reason(
            f"总分 {total}/{q.max_total}（{parts_zh}）。",
            f"Total {total}/{q.max_total} ({parts_en}).",
        ),
        Reason(
            f"按工信部评测指标的分级方法（课程自拟分值），{total} 分落在 {band} 区间：{level.label_zh}。",
            f"Following MIIT's levels (with the kit's own points), {total} lies in {band}: "
            f"{level.label_en}.",
        ),
    ]
    name_zh, name_en = stage_label(stage), stage_label(stage, "en")
    if stage == STAGE_ORDER[0]:
        first = q.stage_rules[0]
        unmet = [g for g in first.gates if not _gate_met(g, answers, q)]
        why_zh = []
        why_en = []
        if total < first.min_total:
            why_zh.append(f"总分低于{stage_label(first.stage)}的分数线 {first.min_total}")
            why_en.append(
                f"the total is below the {stage_label(first.stage, 'en')} threshold "
                f"of {first.min_total}"
            )
        if unmet:
            why_zh.append("未满足门槛：" + "；".join(_gate_text(g, q, "zh") for g in unmet))
            why_en.append("gates not met: " + "; ".join(_gate_text(g, q, "en") for g in unmet))
        out.append(
            Reason(
                f"判定为“{name_zh}”：" + "，".join(why_zh) + "。",
                f"Placed at '{name_en}': " + "; ".join(why_en) + ".",
            )
        )
    else:
        rule = q.rule(stage)
        gates_zh = "；".join(_gate_text(g, q, "zh") for g in rule.gates)
        gates_en = "; ".join(_gate_text(g, q, "en") for g in rule.gates)
        out.append(
            Reason(
                f"总分达到“{name_zh}”的分数线 {rule.min_total}，并满足它及以下各阶段的全部门槛"
                f"（本阶段：{gates_zh}），因此判定为“{name_zh}”。",
                f"The total reaches the '{name_en}' threshold of {rule.min_total} and every gate of "
                f"this and the earlier stages is met (this stage: {gates_en}), so the stage is "
                f"'{name_en}'.",
            )
        )
    idx = STAGE_ORDER.index(stage)
    if idx + 1 < len(STAGE_ORDER):
        nxt = q.rule(STAGE_ORDER[idx + 1])
        unmet = [g for g in nxt.gates if not _gate_met(g, answers, q)]
        nz, ne = stage_label(nxt.stage), stage_label(nxt.stage, "en")
        if total >= nxt.min_total and unmet:
            out.append(
                Reason(
                    f"总分已达到“{nz}”的分数线 {nxt.min_total}，但未满足其门槛："
                    + "；".join(_gate_text(g, q, "zh") for g in unmet)
                    + "。",
                    f"The total already reaches the '{ne}' threshold of {nxt.min_total}, but its "
                    "gates are not met: " + "; ".join(_gate_text(g, q, "en") for g in unmet) + ".",
                )
            )
    return tuple(out)


def _notes(answers, profile: CompanyProfile | None, q: Questionnaire) -> tuple[Reason, ...]:
    """Contradictions between the answers and the profile, said rather than silently resolved."""
    if profile is None or profile.investment_share is None:
        return ()
    it = next((i for i in q.items if any(o.investment_band for o in i.options)), None)
    if it is None:
        return ()
    answered = it.option(answers[it.id]).investment_band
    profiled = profile.investment_band
    if answered == profiled or (answered == "5_7" and profiled is None):
        return ()
    return (
        Reason(
            f"注意：题目 {it.id} 选择的投入区间（{INVESTMENT_BANDS[answered][2]}）与企业信息中的投入比例 "
            f"{profile.investment_share:g}% 不一致；评分按题目答案计算，对标按企业信息中的比例。",
            f"Note: the spending band answered in {it.id} ({INVESTMENT_BANDS[answered][3]}) does not "
            f"match the profile's investment share of {profile.investment_share:g}%; the score uses "
            "the answer, the benchmark uses the profile.",
        ),
    )


def assess(answers: Mapping[str, str], profile: CompanyProfile | None = None) -> Assessment:
    """Score the answers and place the company in a stage, with reasons, gates and gaps."""
    if profile is not None and not isinstance(profile, CompanyProfile):
        raise KitError(
            "企业信息必须是 CompanyProfile", "profile must be a CompanyProfile", field="profile"
        )
    q = questionnaire()
    answers = validate_answers(answers, q)
    dims = {
        d.key: DimensionScore(
            sum(it.option(answers[it.id]).points for it in q.items if it.dimension == d.key),
            d.max_points,
            d.label_zh,
            d.label_en,
        )
        for d in q.dimensions
    }
    total = sum(d.score for d in dims.values())
    level = _level_for(total, q)
    stage = _stage_for(answers, q)
    idx = STAGE_ORDER.index(stage)
    next_stage = STAGE_ORDER[idx + 1] if idx + 1 < len(STAGE_ORDER) else None
    next_level = next((lv for lv in q.levels if lv.level == level.level + 1), None)
    gates = tuple(
        GateCheck(
            rule.stage,
            g.item,
            g.min_option,
            answers[g.item],
            _gate_met(g, answers, q),
            g.why_zh,
            g.why_en,
        )
        for rule in q.stage_rules
        for g in rule.gates
    )
    descriptor_zh, descriptor_en = _stage_descriptors()[stage]
    return Assessment(
        stage=stage,
        stage_label_zh=stage_label(stage),
        stage_label_en=stage_label(stage, "en"),
        stage_descriptor_zh=descriptor_zh,
        stage_descriptor_en=descriptor_en,
        level=level.level,
        level_label_zh=level.label_zh,
        level_label_en=level.label_en,
        level_band=_band(level, q),
        total=total,
        max_total=q.max_total,
        dimensions=dims,
        reasons=_reasons(answers, stage, total, level, dims, q),
        gates=gates,
        next_stage=next_stage,
        next_stage_min_total=None if next_stage is None else q.rule(next_stage).min_total,
        gaps=_gaps(answers, stage, q),
        points_to_next_level=None if next_level is None else next_level.min_total - total,
        notes=_notes(answers, profile, q),
        answers=dict(answers),
        profile=profile,
        questionnaire_version=q.version,
    )
