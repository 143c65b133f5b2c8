"""A cohort's member records as one validated table, scored in one vectorised pass.

An association's members come as a CSV table, a folder of JSON files, JSON lines, or any mix
(:mod:`smedx.reports.sources`). :func:`load` reads them all, checks every field, scores the
questionnaire answers and returns a :class:`Cohort`: the valid members as a DataFrame and one
:class:`~smedx.reports.sources.Problem` per record that was left out, naming its file and row.

Scoring uses the questionnaire's own points, gates and thresholds (``questionnaire()``) in a
column-wise form of :func:`smedx.models.assessment.assess`, so 10,000 members take well under a
second; the tests check it against ``assess`` member by member.

Columns of ``Cohort.members`` (one row per member):

=====================  ======================================================================
``id``                 the company id (unique)
``industry``           industry key, or "" when not given (likewise ``size_band``,
                       ``enterprise_type``)
``investment_share``   percent of revenue spent on digital transformation (NaN: not given)
``band``               investment band of figure 2.1.1 (``lt1`` ... ``5_7``), ``above_7``, or ""
``band_source``        ``profile`` (the share), ``answers`` (questionnaire item M4) or ""
``stage``              stage key; ``stage_source``: ``answers``, ``given`` or ``plan``
``total``, ``level``   questionnaire total and level (NaN without answers)
``dim.<key>``          points per dimension (NaN without answers)
``<q>.answered``       whether the member answered question ``q`` (goals, challenges,
                       help_wanted); ``<q>.<option>`` whether it chose that option
``assessed_at``        when the assessment was made (pandas Timestamp, UTC; NaT: not given)
=====================  ======================================================================

Repeat assessments: records of one company id that all carry a date are not duplicates. The
newest is the member; the earlier ones go to ``Cohort.history`` (same columns), from which
:mod:`smedx.reports.cohort` takes the paired change between two dates. Records of one id
without dates are refused, all of them (which one is right is unknown).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from smedx import data
from smedx.errors import KitError
from smedx.models import registry
from smedx.models.assessment import questionnaire
from smedx.models.common import (
    ENTERPRISE_TYPES,
    INDUSTRIES,
    INVESTMENT_BANDS,
    SIZE_BANDS,
    STAGE_ORDER,
)
from smedx.reports import learners, sources
from smedx.reports.sources import (
    CHOICE_FIELDS,
    ID_COLUMN,
    PROFILE_FIELDS,
    Problem,
    RawRecord,
    Where,
)
from smedx.typography import space_cjk, unspace_cjk

# The multiple-choice questions a member may answer, with the report figure they mirror.
QUESTIONS: dict[str, str] = {
    "goals": "S3.1.1-goals",
    "challenges": "3.3.1.1",
    "help_wanted": "3.3.2.1",
}
ABOVE_TOP_BAND = "above_7"


# --------------------------------------------------------------------------------------------
# Vocabulary: keys, and the labels users may type instead.


def _labels(options: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """key, zh label and en label (any case) -> key."""
    out: dict[str, str] = {}
    for key, labels in options.items():
        for name in (key, *labels):  # Chinese labels are accepted spaced or not ("101—300 人")
            for spelling in {str(name), space_cjk(str(name)), unspace_cjk(str(name))}:
                out[spelling.strip().lower()] = key
    return out


@cache
def vocabulary() -> dict[str, dict[str, str]]:
    """Per field, every accepted spelling (lower case) -> key."""
    stages = data.stages()
    vocab = {
        "industry": _labels(INDUSTRIES),
        "size_band": _labels(SIZE_BANDS),
        "enterprise_type": _labels(ENTERPRISE_TYPES),
        "stage": _labels(
            {
                row.stage_id: (row.name_zh, row.name_en)
                for row in stages.itertuples()
                if row.stage_id in STAGE_ORDER
            }
        ),
    }
    for question, figure_id in QUESTIONS.items():
        vocab[question] = _labels(
            {key: (zh, en) for key, (zh, en) in question_options(figure_id).items()}
        )
    return vocab


@cache
def question_options(figure_id: str) -> dict[str, tuple[str, str]]:
    """The options of a report figure (whole sample), in the report's order -> (zh, en)."""
    rows = data.figure(figure_id)
    rows = rows[rows["segment_key"] == ""]
    return {row.key: (row.label_zh, row.label_en) for row in rows.itertuples()}


def valid_keys(field: str) -> list[str]:
    if field == "stage":
        return list(STAGE_ORDER)
    if field in QUESTIONS:
        return list(question_options(QUESTIONS[field]))
    return list({"industry": INDUSTRIES, "size_band": SIZE_BANDS}.get(field, ENTERPRISE_TYPES))


FIELD_NAMES = {
    "industry": ("行业", "industry"),
    "size_band": ("企业规模", "size band"),
    "enterprise_type": ("企业类型", "enterprise type"),
    "stage": ("阶段", "stage"),
    "goals": ("转型目标", "goal"),
    "challenges": ("困难与挑战", "challenge"),
    "help_wanted": ("所需外部帮助", "help wanted"),
}


# --------------------------------------------------------------------------------------------
# The result.


@dataclass(frozen=True)
class Cohort:
    """The valid members (one row each), the records left out, and what was read."""

    members: pd.DataFrame
    problems: tuple[Problem, ...]
    sources: tuple[str, ...]
    records_read: int
    history: pd.DataFrame = dataclasses.field(
        default_factory=lambda: _empty_members()
    )  # earlier dates

    @property
    def size(self) -> int:
        return len(self.members)


def item_ids() -> tuple[str, ...]:
    return questionnaire().item_ids


# --------------------------------------------------------------------------------------------
# Scoring (the questionnaire's rules, column-wise).


@cache
def _points() -> dict[str, dict[str, int]]:
    return {it.id: {o.id: o.points for o in it.options} for it in questionnaire().items}


def score_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """Total, level, stage and dimension points for rows of valid answers (columns F1 ... R4).

    The same rules as :func:`smedx.models.assessment.assess`: total = sum of points; level = the
    highest level whose lower edge the total reaches; stage = the highest stage whose threshold
    and gates, and those of every stage below it, are met."""
    q = questionnaire()
    points = _points()
    pts = pd.DataFrame(
        {it.id: answers[it.id].map(points[it.id]).astype("int64") for it in q.items},
        index=answers.index,
    )
    out = pd.DataFrame(index=answers.index)
    total = pts.sum(axis=1)
    out["total"] = total.astype("float64")
    edges = np.array([lv.min_total for lv in q.levels])
    out["level"] = (np.searchsorted(edges, total.to_numpy(), side="right") - 1).astype("float64")
    stage_index = np.zeros(len(pts), dtype="int64")
    reached = np.ones(len(pts), dtype=bool)
    for rule in q.stage_rules:  # in order; a failed stage blocks every later one
        reached &= total.to_numpy() >= rule.min_total
        for gate in rule.gates:
            reached &= pts[gate.item].to_numpy() >= points[gate.item][gate.min_option]
        stage_index = np.where(reached, STAGE_ORDER.index(rule.stage), stage_index)
    out["stage"] = np.array(STAGE_ORDER, dtype=object)[stage_index]
    for dim in q.dimensions:
        cols = [it.id for it in q.items if it.dimension == dim.key]
        out[f"dim.{dim.key}"] = pts[cols].sum(axis=1).astype("float64")
    return out


@cache
def _answer_band() -> tuple[str, dict[str, str]]:
    """The item whose options carry an investment band (M4), and option -> band."""
    for it in questionnaire().items:
        bands = {o.id: o.investment_band for o in it.options if o.investment_band}
        if bands:
            return it.id, bands
    return "", {}


def band_of_share(shares: pd.Series) -> pd.Series:
    """Investment share (percent) -> band key of figure 2.1.1, 'above_7', or '' when missing."""
    out = pd.Series("", index=shares.index, dtype=object)
    for key, (low, high, _zh, _en) in INVESTMENT_BANDS.items():
        out[(shares >= low) & (shares < high)] = key
    top = max(high for _low, high, _zh, _en in INVESTMENT_BANDS.values())
    out[shares >= top] = ABOVE_TOP_BAND
    return out


# --------------------------------------------------------------------------------------------
# Records -> one flat table.


FLAT_COLUMNS = (
    "_path",
    "_kind",
    "_number",
    ID_COLUMN,
    *PROFILE_FIELDS,
    "stage",
    "_stage_source",
    *CHOICE_FIELDS,
    "_stored_stage",
    "_stored_total",
    "_stored_version",
    "assessed_at",
)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def flatten(record: Mapping, raw: RawRecord) -> dict:
    """A nested record as one flat row (the CSV's columns); raises KitError if malformed."""
    row: dict = {"_path": raw.where.path, "_kind": raw.where.kind, "_number": raw.where.number}
    row[ID_COLUMN] = _text(record.get("id")) or raw.default_id
    row["assessed_at"] = _text(record.get("assessed_at"))
    profile = record.get("profile")
    answers = record.get("answers")
    stored = record.get("assessment")
    if stored is not None:
        if not isinstance(stored, Mapping) or stored.get("kind") != "assessment":
            raise KitError(
                "assessment 字段应为一份评估结果（kind: assessment）",
                "the assessment field must be an assessment result (kind: assessment)",
                field="assessment",
            )
        answers = answers if answers is not None else stored.get("answers")
        profile = profile if profile is not None else stored.get("profile")
        row["_stored_stage"] = _text(stored.get("stage"))
        row["_stored_total"] = stored.get("total")
        row["_stored_version"] = _text(stored.get("questionnaire_version"))
    stage, source = _text(record.get("stage")), "given"
    plan = record.get("plan")
    if plan is not None and not stage and answers is None:
        stage, source, plan_profile = _plan_stage(plan)
        profile = profile if profile is not None else plan_profile
    row["stage"], row["_stage_source"] = stage, source
    if profile is not None:
        if not isinstance(profile, Mapping):
            raise KitError("profile 应为一个对象", "profile must be an object", field="profile")
        unknown = sorted(str(k) for k in profile if k not in PROFILE_FIELDS)
        if unknown:
            raise KitError(
                f"企业信息含未知字段：{', '.join(unknown)}；可用：{', '.join(PROFILE_FIELDS)}",
                f"unknown profile fields: {', '.join(unknown)}; valid: {', '.join(PROFILE_FIELDS)}",
                field="profile",
            )
        for key in PROFILE_FIELDS:
            row[key] = _text(profile.get(key))
    if answers is not None:
        if not isinstance(answers, Mapping):
            raise KitError(
                "answers 应为“题目编号 → 选项”的对象",
                "answers must map item ids to option ids",
                field="answers",
            )
        ids = item_ids()
        unknown = sorted(str(k) for k in answers if k not in ids)
        if unknown:
            raise KitError(
                f"未知的题目编号：{', '.join(unknown)}；有效编号：{', '.join(ids)}",
                f"unknown item ids: {', '.join(unknown)}; valid ids: {', '.join(ids)}",
                field="answers",
            )
        for key in ids:
            row[key] = _text(answers.get(key))
    for key in CHOICE_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            value = sources.split_choices(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            name_zh, name_en = FIELD_NAMES[key]
            raise KitError(
                f"{key}（{name_zh}）应为文字列表", f"{key} ({name_en}) must be a list of texts"
            )
        row[key] = ";".join(value) if value else "-"
    return row


def _plan_stage(plan: object) -> tuple[str, str, Mapping | None]:
    """The current stage and profile of a saved action plan (its checksum is verified)."""
    if not isinstance(plan, Mapping):
        raise KitError("plan 字段应为一份行动计划", "the plan field must be an action plan")
    checked = registry.parse("plan", plan)
    profile = None if checked.profile is None else checked.profile.to_dict()
    return checked.stage.current, "plan", profile


def _csv_frame(path, ids: Sequence[str]) -> tuple[pd.DataFrame | None, Problem | None]:
    name = sources.display_path(path)
    where = Where(name)
    try:
        frame = sources.read_csv(path, ids)
    except KitError as err:
        return None, sources.problem(where, err)
    missing = [ID_COLUMN] if ID_COLUMN not in frame.columns else []
    present = [i for i in ids if i in frame.columns]
    if present and len(present) < len(ids):
        missing += [i for i in ids if i not in frame.columns]
    elif not present and "stage" not in frame.columns:
        missing += ["stage", f"{ids[0]} … {ids[-1]}"]
    if missing:
        return None, Problem(
            where,
            "",
            f"缺少必需的列：{', '.join(missing)}（需要 company_id，以及 stage 列或全部答题列 "
            f"{ids[0]} … {ids[-1]}）",
            f"missing columns: {', '.join(missing)} (needed: company_id, and either a stage "
            f"column or every answer column {ids[0]} ... {ids[-1]})",
        )
    known = {ID_COLUMN, *sources.CSV_COLUMNS, *ids, "_row"}
    unknown = [c for c in frame.columns if c not in known]
    if unknown:  # a typo in a header would silently drop a column's data
        return None, Problem(
            where,
            "",
            f"未知的列：{', '.join(unknown)}；可用列：{', '.join(sources.CSV_COLUMNS)} 以及 "
            f"{', '.join(ids)}",
            f"unknown columns: {', '.join(unknown)}; valid columns: "
            f"{', '.join(sources.CSV_COLUMNS)} and {', '.join(ids)}",
        )
    frame = frame.rename(columns={"_row": "_number"})
    frame["_path"], frame["_kind"], frame["_stage_source"] = name, "row", "given"
    for key in CHOICE_FIELDS:  # in a CSV an empty cell means "not answered"
        if key in frame.columns:
            frame[key] = frame[key].where(frame[key] != "", None)
    return frame, None


# --------------------------------------------------------------------------------------------
# Loading and validation.


def load(paths: Iterable[str | object]) -> Cohort:
    """Read every input into one cohort; records with problems are left out and listed."""
    ids = item_ids()
    paths = list(paths)
    tables, json_records, problems = learners.collect(paths)  # learners' own results too
    frames: list[pd.DataFrame] = []
    rows: list[dict] = []
    read = sum(1 for r in json_records if r.data is not None or r.where.kind != "file")
    rows.extend(_flat_rows(json_records, problems))
    for path in tables:
        if path.suffix.lower() == ".csv":
            frame, bad = _csv_frame(path, ids)
            if bad is not None:
                problems.append(bad)
            else:
                frames.append(frame)
                read += len(frame)
            continue
        try:
            records = sources.read_json_records(path)
        except KitError as err:
            problems.append(sources.problem(Where(sources.display_path(path)), err))
            continue
        read += sum(1 for r in records if r.data is not None or r.where.kind != "file")
        rows.extend(_flat_rows(records, problems))
    if rows:
        frames.append(pd.DataFrame(rows))
    return _validate(frames, problems, tuple(str(p) for p in paths), read)


def from_records(records: Sequence[Mapping], source: str = "records") -> Cohort:
    """A cohort from in-memory records (the JSON record shape); item numbers count from 1."""
    problems: list[Problem] = []
    raws = [
        sources.record_at(Where(source, "item", i), rec) for i, rec in enumerate(records, start=1)
    ]
    rows = _flat_rows(raws, problems)
    return _validate([pd.DataFrame(rows)] if rows else [], problems, (source,), len(raws))


def from_raw(records: Sequence[RawRecord], source: str = "files") -> Cohort:
    """A cohort from records already read (the cohort app's uploaded files)."""
    problems: list[Problem] = []
    rows = _flat_rows(records, problems)
    return _validate([pd.DataFrame(rows)] if rows else [], problems, (source,), len(records))


def _flat_rows(records: Iterable[RawRecord], problems: list[Problem]) -> list[dict]:
    rows = []
    for raw in records:
        if raw.problem is not None:
            problems.append(raw.problem)
            continue
        try:
            rows.append(flatten(raw.data, raw))
        except KitError as err:
            ident = _text(raw.data.get("id")) if raw.data else ""
            problems.append(sources.problem(raw.where, err, ident))
    return rows


class _Errors:
    """Messages per row index, built only for the rows that have a problem."""

    def __init__(self) -> None:
        self.by_row: dict[object, list[tuple[str, str]]] = {}

    def add(self, mask: pd.Series, message) -> None:
        for index in mask[mask].index:
            self.by_row.setdefault(index, []).append(message(index))

    def bad(self, index: pd.Index) -> pd.Series:
        return pd.Series(index.isin(list(self.by_row)), index=index)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as text, "" where empty or missing (cells are stripped when read)."""
    if name not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    column = frame[name].astype(object)
    return column.fillna("") if column.hasnans else column


def _validate(frames: list[pd.DataFrame], problems: list[Problem], inputs, read: int) -> Cohort:
    ids = item_ids()
    frames = [f for f in frames if len(f)]
    raw = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    records_read = read
    if raw.empty:
        return Cohort(_empty_members(), tuple(problems), inputs, records_read)
    errors = _Errors()
    out = pd.DataFrame(index=raw.index)
    out["id"] = _column(raw, ID_COLUMN)
    out["assessed_at"] = _date(raw, errors)
    errors.add(
        out["id"] == "",
        lambda _i: ("缺少企业编号（company_id）", "the company id (company_id) is missing"),
    )

    for field in ("industry", "size_band", "enterprise_type"):
        out[field] = _keyed(raw, field, errors)
    for field, low, high in (("investment_share", 0, 100), ("revenue_10k_cny", 0, None)):
        out[field] = _number(raw, field, low, high, errors)

    typed = pd.DataFrame({i: _column(raw, i) for i in ids}, index=raw.index)
    answers, complete = _check_answers(typed, errors)
    answered = (typed != "").any(axis=1)
    given_stage = _keyed(raw, "stage", errors)
    errors.add(
        ~answered & (given_stage == "") & (_column(raw, "stage") == ""),
        lambda _i: (
            f"既没有阶段（stage），也没有答题（{ids[0]} … {ids[-1]}）",
            f"neither a stage nor the answers ({ids[0]} ... {ids[-1]})",
        ),
    )
    for question in QUESTIONS:
        _choices(raw, question, out, errors)

    scored = score_answers(answers[complete]) if complete.any() else pd.DataFrame()
    out["stage"] = given_stage
    out["stage_source"] = _column(raw, "_stage_source").replace("", "given")
    out["total"] = np.nan
    out["level"] = np.nan
    dims = [f"dim.{d.key}" for d in questionnaire().dimensions]
    for column in dims:
        out[column] = np.nan
    if len(scored):
        mismatch = (given_stage[scored.index] != "") & (
            given_stage[scored.index] != scored["stage"]
        )
        errors.add(
            mismatch.reindex(raw.index, fill_value=False),
            lambda i: (
                f"stage 列为“{given_stage[i]}”，但按答题计算为“{scored.at[i, 'stage']}”",
                f"the stage column says {given_stage[i]!r} but the answers give "
                f"{scored.at[i, 'stage']!r}",
            ),
        )
        _check_stored(raw, scored, errors)
        out.loc[scored.index, "stage"] = scored["stage"]
        out.loc[scored.index, "stage_source"] = "answers"
        for column in ("total", "level", *dims):
            out.loc[scored.index, column] = scored[column]

    band_from_share = band_of_share(out["investment_share"])
    item, option_bands = _answer_band()
    band_from_answers = answers[item].map(option_bands).fillna("") if item else ""
    out["band"] = band_from_share.where(band_from_share != "", band_from_answers)
    out["band_source"] = np.where(
        band_from_share != "", "profile", np.where(out["band"] != "", "answers", "")
    )
    _duplicates(raw, out, errors)

    bad = errors.bad(raw.index)
    for index in sorted(errors.by_row):
        problems.append(_row_problem(raw, index, out.at[index, "id"], errors.by_row[index]))
    valid = out[~bad]
    # the newest record of each company is the member; its earlier dates are its history
    order = valid.assign(_order=range(len(valid))).sort_values(["assessed_at", "_order"])
    newest = ~order["id"].duplicated(keep="last")
    members = order[newest].sort_values("_order").drop(columns="_order").reset_index(drop=True)
    history = order[~newest].drop(columns="_order").reset_index(drop=True)
    return Cohort(members, tuple(problems), inputs, records_read, history)


def _date(raw: pd.DataFrame, errors: _Errors) -> pd.Series:
    """assessed_at as UTC timestamps (NaT when not given); an unreadable date is an error."""
    text = _column(raw, "assessed_at").astype(str)
    stamps = pd.to_datetime(text.where(text != ""), utc=True, errors="coerce", format="mixed")
    errors.add(
        (text != "") & stamps.isna(),
        lambda i: (
            f"assessed_at 应为日期（如 2025-03-01 或 2025-03-01T09:30:00），收到：{text[i]!r}",
            f"assessed_at must be a date (such as 2025-03-01 or 2025-03-01T09:30:00), got "
            f"{text[i]!r}",
        ),
    )
    return stamps


def _where(raw: pd.DataFrame, index) -> Where:
    kind = raw.at[index, "_kind"]
    number = raw.at[index, "_number"]
    return Where(raw.at[index, "_path"], kind, 0 if kind == "file" else int(number))


def _row_problem(raw, index, ident: str, messages: list[tuple[str, str]]) -> Problem:
    return Problem(
        _where(raw, index),
        ident,
        "；".join(zh for zh, _en in messages),
        "; ".join(en for _zh, en in messages),
    )


def _keyed(raw: pd.DataFrame, field: str, errors: _Errors) -> pd.Series:
    """A vocabulary column as keys ("" when empty); unknown values are errors."""
    text = _column(raw, field)
    vocab = vocabulary()[field]
    keys = text.map(vocab)  # most cells are keys already; the rest are looked up in lower case
    other = keys.isna() & (text != "")
    if other.any():
        keys[other] = text[other].map(lambda v: vocab.get(str(v).lower()))
    keys = keys.fillna("")
    name_zh, name_en = FIELD_NAMES[field]
    options = ", ".join(valid_keys(field))
    errors.add(
        (text != "") & (keys == ""),
        lambda i: (
            f"{name_zh}“{text[i]}”无效；可选：{options}",
            f"unknown {name_en} {text[i]!r}; valid: {options}",
        ),
    )
    return keys


def _number(raw, field: str, low: float, high: float | None, errors: _Errors) -> pd.Series:
    if field not in raw.columns:
        return pd.Series(np.nan, index=raw.index, dtype="float64")
    text = _column(raw, field).astype(str)
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype("float64")
    retry = values.isna() & (text != "")
    unclear: dict[object, tuple[str, str]] = {}  # "1,500" as a percentage: 1500 or 1.5?

    def parse(index) -> float:
        try:
            value = sources.parse_number(text[index], field)
        except KitError as err:
            unclear[index] = (err.zh, err.en)
            return np.nan
        return value if isinstance(value, float) else np.nan

    if retry.any():  # "1,200", "1,5" (a decimal comma) or "2.5%"
        values[retry] = [parse(i) for i in text[retry].index]
    finite = np.isfinite(values)
    out_of_range = finite & ((values < low) | ((values > high) if high is not None else False))
    ambiguous = pd.Series(text.index.isin(list(unclear)), index=text.index)
    errors.add(ambiguous, unclear.__getitem__)
    bad = (((text != "") & ~finite) | out_of_range) & ~ambiguous
    span = f"[{low}, {high}]" if high is not None else f"≥ {low}"
    errors.add(
        bad,
        lambda i: (
            f"{field} 应为 {span} 之间的数字，收到：{text[i]!r}",
            f"{field} must be a number {span}, got {text[i]!r}",
        ),
    )
    return values.where(finite & ~out_of_range)


def _check_answers(typed: pd.DataFrame, errors: _Errors) -> tuple[pd.DataFrame, pd.Series]:
    """The answers as option ids (any case accepted), and which rows are complete and valid;
    messages for the rows that have answers with gaps or unknown options."""
    q = questionnaire()
    answers = pd.DataFrame(index=typed.index)
    for it in q.items:
        spellings = {o.id: o.id for o in it.options} | {o.id.upper(): o.id for o in it.options}
        answers[it.id] = typed[it.id].map(spellings)
    empty = typed == ""
    answered = ~empty.all(axis=1)
    invalid_cells = answers.isna() & ~empty
    missing = answered & empty.any(axis=1)
    invalid = answered & invalid_cells.any(axis=1)
    errors.add(
        missing,
        lambda i: (
            f"未作答的题目：{', '.join(c for c in typed.columns if empty.at[i, c])}",
            f"items not answered: {', '.join(c for c in typed.columns if empty.at[i, c])}",
        ),
    )

    def wrong(i) -> tuple[str, str]:
        bad = [f"{c}={typed.at[i, c]!r}" for c in typed.columns if invalid_cells.at[i, c]]
        options = ", ".join(o.id for o in q.items[0].options)
        return (
            f"无效的选项：{', '.join(bad)}（每题可选 {options}）",
            f"invalid options: {', '.join(bad)} (each item takes {options})",
        )

    errors.add(invalid, wrong)
    return answers.fillna(""), answered & ~missing & ~invalid


def _choices(raw: pd.DataFrame, question: str, out: pd.DataFrame, errors: _Errors) -> None:
    """Indicator columns for one multiple-choice question ("-" = answered, chose none)."""
    options = list(question_options(QUESTIONS[question]))
    position = {key: j for j, key in enumerate(options)}
    vocab = vocabulary()[question]
    text = _column(raw, question)
    out[f"{question}.answered"] = text != ""
    chosen = np.zeros((len(raw), len(options)), dtype=bool)
    unknown: dict[object, list[str]] = {}
    parsed: dict[str, tuple[list[int], list[str]]] = {}  # members repeat the same answers
    for row, cell in enumerate(text.tolist()):
        if not cell:
            continue
        if cell not in parsed:
            known, bad = [], []
            for part in sources.split_choices(cell):
                key = vocab.get(part.lower())
                if key is not None:
                    known.append(position[key])
                elif part != "-":
                    bad.append(part)
            parsed[cell] = (known, bad)
        known, bad = parsed[cell]
        chosen[row, known] = True
        if bad:
            unknown[raw.index[row]] = bad
    for j, key in enumerate(options):
        out[f"{question}.{key}"] = chosen[:, j]
    name_zh, name_en = FIELD_NAMES[question]
    errors.add(
        pd.Series(raw.index.isin(list(unknown)), index=raw.index),
        lambda i: (
            f"{question}（{name_zh}）中有无效选项：{', '.join(unknown[i])}；可选：{', '.join(options)}",
            f"{question} ({name_en}) has unknown options: {', '.join(unknown[i])}; valid: "
            f"{', '.join(options)}",
        ),
    )


def _check_stored(raw: pd.DataFrame, scored: pd.DataFrame, errors: _Errors) -> None:
    """A saved assessment must be what its answers give with the current questionnaire."""
    if "_stored_stage" not in raw.columns:
        return
    stored = raw.loc[scored.index]
    has = stored["_stored_stage"].map(_text) != ""
    version = questionnaire().version
    total = pd.to_numeric(stored["_stored_total"], errors="coerce")
    wrong_version = has & (stored["_stored_version"].map(_text) != version)
    edited = (
        has
        & ~wrong_version
        & ((stored["_stored_stage"] != scored["stage"]) | (total != scored["total"]))
    )
    errors.add(
        wrong_version.reindex(raw.index, fill_value=False),
        lambda i: (
            f"评估结果来自问卷版本 {raw.at[i, '_stored_version']!r}，当前为 {version!r}；请重新评估",
            f"the assessment was made with questionnaire version "
            f"{raw.at[i, '_stored_version']!r}; the current one is {version!r}: assess again",
        ),
    )
    errors.add(
        edited.reindex(raw.index, fill_value=False),
        lambda _i: (
            "评估结果与其答案不一致（被修改过或来自其他版本）",
            "the assessment does not match its answers (edited, or from another version)",
        ),
    )


def _duplicates(raw: pd.DataFrame, out: pd.DataFrame, errors: _Errors) -> None:
    """Every record of an id used more than once is left out: which one is right is unknown.
    Unless each of them carries its date: then they are one company's repeat assessments."""
    ids = out["id"]
    undated = out["assessed_at"].isna().groupby(ids).transform("any")
    repeated = (ids != "") & ids.duplicated(keep=False) & undated
    if not repeated.any():
        return
    places: dict[str, list[Where]] = {}
    for index in ids[repeated].index:
        places.setdefault(ids[index], []).append(_where(raw, index))

    def message(i) -> tuple[str, str]:
        where = places[ids[i]]
        return (
            f"企业编号 {ids[i]} 重复出现 {len(where)} 次（{'、'.join(w.zh for w in where)}），"
            "这些记录都未计入；请只保留一条",
            f"company id {ids[i]} appears {len(where)} times ({', '.join(w.en for w in where)}); "
            "none of them is counted: keep one",
        )

    errors.add(repeated, message)


def _empty_members() -> pd.DataFrame:
    columns = [
        "id",
        "assessed_at",
        "industry",
        "size_band",
        "enterprise_type",
        "investment_share",
        "revenue_10k_cny",
        "stage",
        "stage_source",
        "total",
        "level",
        *[f"dim.{d.key}" for d in questionnaire().dimensions],
        "band",
        "band_source",
    ]
    for question, figure_id in QUESTIONS.items():
        columns += [f"{question}.answered"]
        columns += [f"{question}.{k}" for k in question_options(figure_id)]
    empty = pd.DataFrame(columns=columns)
    empty["assessed_at"] = pd.to_datetime(empty["assessed_at"], utc=True)  # as in a full table
    return empty
