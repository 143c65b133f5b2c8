"""The report's data as pandas objects, loaded once, with provenance.

Tables live in ``datasets/report2024/`` (a Frictionless Data Package: CSV + Table Schemas). The
report's own numbers are kept apart from the kit's designed content in ``datasets/kit/``. The
package reads them as ``smedx/datasets`` (a link to ``datasets/`` in a checkout; the files
themselves in an installed wheel), never through the checkout around it.

    >>> from smedx import data
    >>> data.figure("2.2.2")          # tidy rows of one figure
    >>> data.stat("2.2.2", "single_point").value
    32.4
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH
from smedx.errors import KitError
from smedx.i18n import language
from smedx.typography import section_zh, space_cjk

DATASETS = Path(os.environ.get("SMEDX_DATASETS", Path(__file__).parent / "datasets"))
REPORT_DIR = DATASETS / "report2024"
KIT_DIR = DATASETS / "kit"


@dataclass(frozen=True)
class Stat:
    """One survey value with everything needed to cite it."""

    figure_id: str
    key: str
    value: float
    n: int | None
    label_zh: str
    label_en: str
    section: str
    quote: str
    segment_key: str = ""

    def cite(self, lang: str | None = None) -> str:
        """The source line in ``lang`` (None: the current language, as a module's cell shows it)."""
        return source_line(self.figure_id, lang=lang or language(), n=self.n)

    def quoted(self, lang: str | None = None) -> str:
        """The report's words in “…” (None: the current language); in English with the kit's
        translation next to them, or, where the kit has none, what the words give."""
        if (lang or language()) == "en" and not quote_translation(self.quote, "en"):
            return f"“{self.quote}” (the report's words for {self.label_en}: {self.value:g}%)"
        return translated_quote(self.quote, lang)

    def to_dict(self) -> dict:
        return asdict(self)


@cache
def _package() -> dict:
    return json.loads((REPORT_DIR / "datapackage.json").read_text(encoding="utf-8"))


def _schema(resource: dict) -> dict:
    schema = resource["schema"]
    if isinstance(schema, str):
        schema = json.loads((REPORT_DIR / schema).read_text(encoding="utf-8"))
    return schema


@cache
def _table(name: str) -> pd.DataFrame:
    resources = {r["name"]: r for r in _package()["resources"]}
    if name not in resources:
        raise KitError(
            f"数据表 {name!r} 不存在；可用：{', '.join(sorted(resources))}",
            f"no table {name!r}; available: {', '.join(sorted(resources))}",
        )
    resource = resources[name]
    frame = pd.read_csv(REPORT_DIR / resource["path"], dtype=str, keep_default_na=False)
    for column in [c for c in frame if c.endswith("_zh")]:  # Chinese labels: the kit's spacing
        frame[column] = frame[column].map(space_cjk)  # (quotes stay verbatim in "quote")
    return _typed(frame, _schema(resource))


def _typed(frame: pd.DataFrame, schema: dict) -> pd.DataFrame:
    """Apply the Table Schema's types: numbers become floats, integers nullable ints."""
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        if name not in frame:
            continue
        if kind == "number":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("float64")
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
        elif kind == "boolean":
            frame[name] = frame[name].str.lower().isin(["true", "1", "yes"])
    return frame


def table(name: str) -> pd.DataFrame:
    """Any table of the data package by its resource name (a copy: edit it freely)."""
    return _table(name).copy()


def table_names() -> list[str]:
    return sorted(r["name"] for r in _package()["resources"])


def values() -> pd.DataFrame:
    """Every survey percentage: one row per figure, segment and option."""
    return table("values")


def figures() -> pd.DataFrame:
    """One row per numbered figure or prose statistic group."""
    return table("figures")


def figure_ids() -> list[str]:
    return _table("figures")["figure_id"].tolist()


# The apps look figures up on every interaction: split the tables by figure once.
@cache
def _infos() -> dict[str, dict]:
    return {row["figure_id"]: row for row in _table("figures").to_dict("records")}


@cache
def _figure_rows() -> dict[str, pd.DataFrame]:
    rows = _table("values")
    split = {key: part for key, part in rows.groupby("figure_id", sort=False)}
    return {key: split.get(key, rows.iloc[0:0]).reset_index(drop=True) for key in _infos()}


def figure_info(figure_id: str) -> dict:
    """The figures.csv row of one figure as a dict; a clear error for an unknown id."""
    info = _infos().get(str(figure_id))
    if info is None:
        raise KitError(
            f"图表编号 {figure_id!r} 不存在。可用编号：{', '.join(figure_ids())}",
            f"unknown figure id {figure_id!r}. Valid ids: {', '.join(figure_ids())}",
            field="figure_id",
        )
    return dict(info)


def figure_note(figure_id: str, lang: str | None = None) -> str:
    """The figure's data note (gaps, lost values, contradictions) in one language (None: the
    current language); "" when it has none."""
    info = figure_info(figure_id)
    return str(info["notes_zh"] if (lang or language()) == "zh" else info["notes"])


def figure(figure_id: str, segment_type: str | None = None) -> pd.DataFrame:
    """The values of one figure as a tidy DataFrame (optionally one segment type only)."""
    figure_info(figure_id)
    rows = _figure_rows()[str(figure_id)]
    if segment_type is not None:
        rows = rows[rows["segment_type"] == segment_type].reset_index(drop=True)
    return rows.copy()


@cache
def _stats() -> dict[tuple[str, str, str], Stat]:
    """Every value as a Stat, indexed once: models look values up many times per interaction."""
    index = {}
    for row in _table("values").itertuples(index=False):
        index[(row.figure_id, row.segment_key, row.key)] = Stat(
            figure_id=row.figure_id,
            key=row.key,
            value=float(row.value),
            n=None if pd.isna(row.n) else int(row.n),
            label_zh=row.label_zh,
            label_en=row.label_en,
            section=row.section,
            quote=row.quote,
            segment_key=row.segment_key,
        )
    return index


def stat(figure_id: str, key: str, segment_key: str = "") -> Stat:
    """One value with its provenance; a clear error naming the valid keys if absent."""
    found = _stats().get((str(figure_id), segment_key, key))
    if found is not None:
        return found
    rows = figure(figure_id)  # unknown figure -> its own clear error
    valid = rows[rows["segment_key"] == segment_key]["key"].tolist()
    where = f"{figure_id}" + (f" / {segment_key}" if segment_key else "")
    raise KitError(
        f"图 {where} 中没有选项 {key!r}；可用：{', '.join(valid) or '（无）'}",
        f"figure {where} has no option {key!r}; valid: {', '.join(valid) or '(none)'}",
        field="key",
    )


def source_line(figure_id: str, lang: str = "zh", n: int | None = None) -> str:
    """The citation printed under every chart and statement."""
    info = figure_info(figure_id)
    if n is None and not pd.isna(info["n"]):
        n = int(info["n"])
    numbered = info["kind"] in ("chart", "text_only", "diagram")
    if lang == "en":
        where = f"Figure {figure_id}" if numbered else f"section {info['section']}"
        return f"Source: {REPORT_TITLE_EN}, {where}" + (f", N={n}" if n else "")
    where = f"图 {figure_id}" if numbered else section_zh(info["section"])
    return f"数据来源：{REPORT_TITLE_ZH}{where}" + (f"，N={n}" if n else "")


def facts() -> pd.DataFrame:
    """Non-survey facts: indices, counts, money, dates (with unit and original source)."""
    return table("facts")


def fact(fact_id: str) -> dict:
    rows = _table("facts")
    match = rows[rows["fact_id"] == fact_id]
    if match.empty:
        raise KitError(
            f"事实编号 {fact_id!r} 不存在；可用：{', '.join(rows['fact_id'])}",
            f"unknown fact id {fact_id!r}; valid: {', '.join(rows['fact_id'])}",
            field="fact_id",
        )
    return match.iloc[0].to_dict()


def policies() -> pd.DataFrame:
    return table("policies")


def stages() -> pd.DataFrame:
    """The report's five-stage model (figure 2.2.1) plus 'not started', in order."""
    return table("stages").sort_values("order").reset_index(drop=True)


def cases() -> pd.DataFrame:
    return table("cases")


def case_metrics() -> pd.DataFrame:
    return table("case_metrics")


def recommendations() -> pd.DataFrame:
    return table("recommendations")


def appendix() -> pd.DataFrame:
    return table("appendix")


@cache
def quote_translations() -> dict[str, str]:
    """The kit's English translations of the report quotes the English edition shows (kit
    content: ``datasets/kit/quote_translations.csv``), by quote."""
    rows = pd.read_csv(kit_path("quote_translations.csv"), dtype=str, keep_default_na=False)
    return dict(zip(rows["quote"], rows["translation_en"], strict=True))


def quote_translation(quote: str, lang: str | None = None) -> str:
    """The kit's English translation of a report quote on an English page (None: the current
    language); "" on a Chinese page or where the kit has none."""
    return quote_translations().get(quote, "") if (lang or language()) == "en" else ""


def translation_note(quote: str, lang: str | None = None) -> str:
    """What follows a report quote on an English page: the kit's translation in brackets ("" on
    a Chinese page or where the kit has none)."""
    translation = quote_translation(quote, lang)
    return f" (the kit's translation: “{translation}”)" if translation else ""


def translated_quote(quote: str, lang: str | None = None) -> str:
    """The report's words in “…”, on an English page with the kit's translation next to them."""
    return f"“{quote}”{translation_note(quote, lang)}"


def kit_path(name: str) -> Path:
    """A file of the kit's own designed content (questionnaire, affinities, catalogues)."""
    path = KIT_DIR / name
    if not path.exists():
        available = sorted(p.name for p in KIT_DIR.iterdir()) if KIT_DIR.exists() else []
        raise KitError(
            f"课程自有数据 {name!r} 不存在；可用：{', '.join(available)}",
            f"no kit table {name!r}; available: {', '.join(available)}",
        )
    return path
