"""Vocabulary, input checks and helpers shared by the models: the typed restore of a stored
result (``restore``), the comparison of a stored result with its recomputation (``mismatches``)
and memoised look-ups of report values with their citations.

The segment keys are the ones used in ``datasets/report2024/values.csv`` so that a model's input
can be looked up in the report's data directly.
"""

from __future__ import annotations

import math
import types
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields, is_dataclass
from functools import cache
from numbers import Real
from typing import Union, get_args, get_origin, get_type_hints

from smedx import data
from smedx.errors import KitError

SCHEMA_VERSION = 1

# key -> (zh, en); keys match values.csv segment keys.
INDUSTRIES: dict[str, tuple[str, str]] = {
    "it_services": ("互联网与 IT 服务业", "Internet & IT services"),
    "finance": ("金融", "Finance"),
    "media": ("媒体", "Media"),
    "personal_consumer_services": ("个人消费服务业", "Personal consumer services"),
    "discrete_manufacturing": ("离散制造业", "Discrete manufacturing"),
    "process_manufacturing": ("流程制造业", "Process manufacturing"),
    "healthcare": ("医疗健康", "Healthcare"),
    "professional_services": ("专业服务业", "Professional services"),
    "retail": ("零售业", "Retail"),
    "education": ("教育", "Education"),
    "other": ("其他行业", "Other industry"),
}

SIZE_BANDS: dict[str, tuple[str, str]] = {
    "le100": ("100 人以内", "Up to 100 employees"),
    "101_300": ("101—300 人", "101-300 employees"),
    "301_500": ("301—500 人", "301-500 employees"),
}

ENTERPRISE_TYPES: dict[str, tuple[str, str]] = {
    "zjtx": ("专精特新梯队企业", "Specialised & innovative (专精特新) tier"),
    "non_zjtx": ("非梯队企业", "Other SMEs"),
}

# Share of revenue invested in digital transformation, as the report bands it (figure 2.1.1).
# key -> (lower bound inclusive, upper bound exclusive, zh, en)
INVESTMENT_BANDS: dict[str, tuple[float, float, str, str]] = {
    "lt1": (0.0, 1.0, "小于 1%", "below 1%"),
    "1_2": (1.0, 2.0, "1%（含）-2%", "1% to under 2%"),
    "2_3": (2.0, 3.0, "2%（含）-3%", "2% to under 3%"),
    "3_5": (3.0, 5.0, "3%（含）-5%", "3% to under 5%"),
    "5_7": (5.0, 7.0, "5%（含）-7%", "5% to under 7%"),
}

STAGE_ORDER: tuple[str, ...] = (
    "not_started",
    "single_point",
    "local_build",
    "digital_foundation",
    "intelligent_ops",
    "innovation",
)


def investment_band(share_percent: float) -> str | None:
    """The report's band for an investment share (percent of revenue); None above 7%."""
    share = check_number(share_percent, "投资占营收比例", "investment share", low=0, high=100)
    for key, (low, high, _zh, _en) in INVESTMENT_BANDS.items():
        if low <= share < high:
            return key
    return None


def check_choice(
    value: object, allowed: Mapping[str, object] | Iterable[str], field_zh: str, field_en: str
) -> str:
    """Return ``value`` if it is one of ``allowed``; otherwise a message listing the options."""
    options = list(allowed)
    if not isinstance(value, str) or value not in options:
        raise KitError(
            f"{field_zh}“{value}”无效；可选：{', '.join(options)}",
            f"invalid {field_en} {value!r}; expected one of: {', '.join(options)}",
            field=field_en,
        )
    return value


def check_number(
    value: object,
    field_zh: str,
    field_en: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> float:
    """A finite real number within [low, high]; NaN, inf, bools and text are refused."""
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise KitError(
            f"{field_zh}必须是一个有限的数字，收到：{value!r}",
            f"{field_en} must be a finite number, got {value!r}",
            field=field_en,
        )
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"[{low if low is not None else '-∞'}, {high if high is not None else '∞'}]"
        raise KitError(
            f"{field_zh}应在 {span} 之间，收到：{value}",
            f"{field_en} must be within {span}, got {value}",
            field=field_en,
        )
    return float(value)


def jsonable(obj: object) -> object:
    """Dataclasses, tuples and mappings to plain JSON types (recursively)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return jsonable(asdict(obj))
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


@dataclass(frozen=True)
class CompanyProfile:
    """What the models need to know about a company; every field is optional except industry.

    ``revenue_10k_cny`` is annual revenue in 万元; ``investment_share`` the percent of revenue
    spent on digital transformation last year.
    """

    industry: str = "other"
    size_band: str | None = None
    enterprise_type: str | None = None
    revenue_10k_cny: float | None = None
    investment_share: float | None = None

    def __post_init__(self):
        check_choice(self.industry, INDUSTRIES, "行业", "industry")
        if self.size_band is not None:
            check_choice(self.size_band, SIZE_BANDS, "企业规模", "size band")
        if self.enterprise_type is not None:
            check_choice(self.enterprise_type, ENTERPRISE_TYPES, "企业类型", "enterprise type")
        if self.revenue_10k_cny is not None:
            check_number(self.revenue_10k_cny, "营业收入（万元）", "revenue (10k CNY)", low=0)
        if self.investment_share is not None:
            check_number(
                self.investment_share, "投资占营收比例", "investment share", low=0, high=100
            )

    @property
    def investment_band(self) -> str | None:
        return None if self.investment_share is None else investment_band(self.investment_share)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: Mapping) -> CompanyProfile:
        if not isinstance(raw, Mapping):
            raise KitError("企业信息必须是一个对象", "company profile must be an object")
        unknown = set(raw) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise KitError(
                f"企业信息含未知字段：{', '.join(sorted(unknown))}",
                f"unknown profile fields: {', '.join(sorted(unknown))}",
            )
        return cls(**raw)


def check_result(raw: object, kind: str, what_zh: str, what_en: str) -> Mapping:
    """A stored result dict of the expected ``kind`` and this kit's schema version.

    ``what_en`` carries its article ("an action plan") so the messages read naturally.
    """
    if not isinstance(raw, Mapping):
        raise KitError(
            f"{what_zh}必须是一个 JSON 对象", f"{what_en} must be a JSON object", field=kind
        )
    if raw.get("kind") != kind:
        raise KitError(
            f"这不是{what_zh}（kind 应为 {kind!r}，收到 {raw.get('kind')!r}）",
            f"expected {what_en}, but this is something else (kind must be {kind!r}, got "
            f"{raw.get('kind')!r})",
            field="kind",
        )
    if raw.get("schema_version") != SCHEMA_VERSION:
        raise KitError(
            f"{what_zh}的格式版本为 {raw.get('schema_version')!r}，本工具只支持版本 "
            f"{SCHEMA_VERSION}；请用当前版本重新生成",
            f"{what_en} with schema version {raw.get('schema_version')!r}: this kit reads version "
            f"{SCHEMA_VERSION} only: please create it again with the current kit",
            field="schema_version",
        )
    return raw


def mismatches(fresh: Mapping, given: Mapping) -> list[str]:
    """The top-level fields in which a stored result (``given``) differs from its recomputation
    from its own inputs (``fresh.to_dict()``), equal up to float rounding; empty when it matches.
    Every model's ``from_dict`` refuses a stored result on any mismatch: it catches hand edits
    and results made with another catalogue, dataset or version."""
    keys = set(fresh) | set(given)
    return sorted(
        str(k) for k in keys if k not in fresh or k not in given or not _same(fresh[k], given[k])
    )


def _same(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def restore(cls: type, raw: object, where: str = "") -> object:
    """Rebuild dataclass ``cls`` from plain JSON data, checking every field's type.

    Unknown or missing fields and wrong types raise a KitError naming the field path, so a
    hand-edited or truncated file gets a precise message rather than a traceback.
    """
    label = where or cls.__name__
    if not isinstance(raw, Mapping):
        raise KitError(
            f"{label} 必须是一个 JSON 对象，收到：{type(raw).__name__}",
            f"{label} must be a JSON object, got {type(raw).__name__}",
            field=label,
        )
    names = [f.name for f in fields(cls)]
    unknown = sorted(set(raw) - set(names))
    missing = [n for n in names if n not in raw]
    if unknown or missing:
        raise KitError(
            f"{label} 的字段不对：缺少 {', '.join(missing) or '无'}；多余 {', '.join(unknown) or '无'}",
            f"{label} has wrong fields: missing {', '.join(missing) or 'none'}; "
            f"unexpected {', '.join(unknown) or 'none'}",
            field=label,
        )
    hints = get_type_hints(cls)
    values = {n: _coerce(hints[n], raw[n], f"{where}.{n}" if where else n) for n in names}
    return cls(**values)


def _coerce(kind: object, value: object, where: str) -> object:
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (a for a in args if a is not type(None))
        return _coerce(inner, value, where)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise _type_error(where, "列表", "a list", value)
        return tuple(_coerce(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if isinstance(kind, type) and is_dataclass(kind):
        return restore(kind, value, where)
    if kind is bool:
        if not isinstance(value, bool):
            raise _type_error(where, "true 或 false", "true or false", value)
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error(where, "整数", "an integer", value)
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise _type_error(where, "有限的数字", "a finite number", value)
        return float(value)
    if kind is str:
        if not isinstance(value, str):
            raise _type_error(where, "文本", "text", value)
        return value
    raise TypeError(f"unsupported field type {kind!r} at {where}")  # a programming error


def _type_error(where: str, want_zh: str, want_en: str, value: object) -> KitError:
    return KitError(
        f"字段 {where} 应为{want_zh}，收到：{value!r}",
        f"field {where} must be {want_en}, got {value!r}",
        field=where,
    )


# Memoised report look-ups: the models cite the same few values many times, and each
# ``data.stat`` call filters the whole values table.


@cache
def report_stat(figure_id: str, key: str, segment_key: str = "") -> data.Stat:
    return data.stat(figure_id, key, segment_key)


@cache
def figure_rows(figure_id: str) -> tuple[dict, ...]:
    return tuple(data.figure(figure_id).to_dict("records"))


@cache
def cite(figure_id: str, n: int | None, lang: str) -> str:
    return data.source_line(figure_id, lang=lang, n=n)


@cache
def stage_rows() -> dict[str, dict]:
    return {row["stage_id"]: row for row in data.stages().to_dict("records")}


@cache
def recommendation(rec_id: str) -> dict | None:
    recs = data.recommendations()
    match = recs[recs["rec_id"] == rec_id]
    return None if match.empty else match.iloc[0].to_dict()


def pct(stat: data.Stat) -> str:
    """A report percentage as the report prints it (46% stays 46%, 54.0% stays 54.0%)."""
    for text in (f"{stat.value:.1f}", f"{stat.value:g}"):
        if f"{text}%" in stat.quote:
            return f"{text}%"
    return f"{stat.value:.1f}%"


def lower_first(text: str) -> str:
    """'Product R&D' -> 'product R&D', but 'CNY ...' and 'GenAI' stay as they are."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
