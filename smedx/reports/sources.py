"""Input files of the reports: CSV tables, JSON files, JSON lines and folders of them.

Every record remembers where it came from (:class:`Where`), so that a bad row or file is named in
the error message; a bad record never stops the others from being read.

One record per company, in one of these shapes (the reports' README documents them):

* a CSV row with the columns of :data:`CSV_COLUMNS` (and the questionnaire's item ids F1 ... R4);
* a JSON object: a member/company record (:data:`RECORD_FIELDS`), a saved assessment
  (``kind: assessment``), a saved action plan (``kind: plan``) or a line written by
  ``smedx assess --json``; a JSON file may hold one object or a list of them;
* a JSON-lines file (``.jsonl``): one such object per line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from smedx.errors import KitError

MAX_FILE_BYTES = 100_000_000
SUFFIXES = (".csv", ".json", ".jsonl")

# CSV columns besides the questionnaire's item ids (F1 ... R4). "id" is accepted for company_id.
ID_COLUMN = "company_id"
ID_ALIASES = ("company_id", "id")
PROFILE_FIELDS = ("industry", "size_band", "enterprise_type", "revenue_10k_cny", "investment_share")
CHOICE_FIELDS = ("goals", "challenges", "help_wanted")
EXTRA_TEXT_FIELDS = ("name", "stage", "data_readiness", "skills")
NUMBER_FIELDS = ("revenue_10k_cny", "investment_share", "budget_share")
CSV_COLUMNS = (
    ID_COLUMN,
    "name",
    *PROFILE_FIELDS,
    "stage",
    *CHOICE_FIELDS,
    "data_readiness",
    "skills",
    "budget_share",
)
# Fields of a JSON record. "file" and "index" (and "error") come with `smedx assess --json` lines.
RECORD_FIELDS = (
    "id",
    "name",
    "profile",
    "answers",
    "assessment",
    "stage",
    *CHOICE_FIELDS,
    "plan",
    "scenarios",
    "vendors",
    "genai",
    "data_readiness",
    "skills",
    "budget_share",
    "file",
    "index",
    "error",
)
CHOICE_SEPARATORS = re.compile(r"[;；|、]")


# --------------------------------------------------------------------------------------------
# Where a record came from, and what is wrong with it.


@dataclass(frozen=True)
class Where:
    """A file, or one row / line / item of it (numbers as the user sees them, from 1)."""

    path: str
    kind: str = "file"  # file | row (CSV, spreadsheet row: the header is row 1) | line | item
    number: int = 0

    def text(self, lang: str = "zh") -> str:
        if self.kind == "file":
            return self.path
        if lang == "en":
            return f"{self.path} {self.kind} {self.number}"
        unit = {"row": "行", "line": "行", "item": "条"}[self.kind]
        return f"{self.path} 第 {self.number} {unit}"

    @property
    def zh(self) -> str:
        return self.text("zh")

    @property
    def en(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Problem:
    """A bad file or record: where, which company (if known) and what is wrong, in zh and en."""

    where: Where
    ident: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        head = self.where.text(lang) + (f" ({self.ident})" if self.ident else "")
        return f"{head}: {self.en}" if lang == "en" else f"{head}：{self.zh}"

    def error(self) -> KitError:
        return KitError(self.text("zh"), self.text("en"))


def problem(where: Where, err: KitError, ident: str = "") -> Problem:
    return Problem(where, ident, err.zh, err.en)


@dataclass(frozen=True)
class RawRecord:
    """One company's record as read, or the problem that stopped it from being read."""

    where: Where
    data: dict | None
    problem: Problem | None = None

    @property
    def default_id(self) -> str:
        """The id to use when the record has none: the file name, with its number if any."""
        stem = Path(self.where.path).stem
        return stem if self.where.kind == "file" else f"{stem}-{self.where.number}"


# --------------------------------------------------------------------------------------------
# Files and folders.


def display_path(path: Path) -> str:
    """A path as the user gave it, relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The input files: each given file, and the .csv/.json/.jsonl files of each given folder
    (sorted by name, not recursive, hidden files skipped). Missing paths are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        where = Where(str(raw))
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                problems.append(
                    Problem(
                        where,
                        "",
                        "文件夹中没有 .csv、.json 或 .jsonl 文件",
                        "the folder holds no .csv, .json or .jsonl file",
                    )
                )
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                problems.append(
                    Problem(
                        where,
                        "",
                        f"不支持的文件类型 {path.suffix or '（无扩展名）'}；可用：.csv、.json、.jsonl",
                        f"unsupported file type {path.suffix or '(none)'}; use .csv, .json or .jsonl",
                    )
                )
            else:
                files.append(path)
        else:
            problems.append(Problem(where, "", "找不到该文件或文件夹", "no such file or folder"))
    return files, problems


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise KitError(
                f"文件过大（上限 {MAX_FILE_BYTES} 字节）",
                f"file too large (limit {MAX_FILE_BYTES} bytes)",
                field="file",
            )
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise KitError(
            "不是 UTF-8 文本（请在表格软件中另存为“CSV UTF-8”）",
            "not UTF-8 text (save it as 'CSV UTF-8' from the spreadsheet)",
            field="file",
        ) from err
    except OSError as err:
        raise KitError(
            f"无法读取（{err.strerror}）",
            f"cannot be read ({err.strerror})",
            field="file",
        ) from err


def normalise_column(name: str, item_ids: Sequence[str]) -> str:
    """Header cells are matched without surrounding spaces and case; "id" means company_id."""
    clean = str(name).strip()
    if clean.upper() in item_ids:
        return clean.upper()
    clean = clean.lower()
    return ID_COLUMN if clean in ID_ALIASES else clean


def read_csv(path: Path, item_ids: Sequence[str]) -> pd.DataFrame:
    """A CSV table, every cell as stripped text ("" when empty), headers normalised.

    Adds ``_row``: the spreadsheet row of each record (the header is row 1)."""
    import io

    text = _read_text(path)
    if not text.strip():
        raise KitError("文件是空的", "the file is empty", field="file")
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=object, keep_default_na=False, skipinitialspace=True
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise KitError(
            f"不是有效的 CSV 表格（{err}）",
            f"not a valid CSV table ({err})",
            field="file",
        ) from err
    columns = [normalise_column(c, item_ids) for c in frame.columns]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise KitError(
            f"表头中有重复的列：{', '.join(repeated)}",
            f"repeated columns in the header: {', '.join(repeated)}",
            field="columns",
        )
    frame.columns = columns
    for column in frame.columns:  # plain Python: faster than the .str accessor here
        frame[column] = pd.Series(
            [str(v).strip() for v in frame[column].tolist()], index=frame.index, dtype=object
        )
    frame["_row"] = range(2, len(frame) + 2)
    return frame


def _json_error(err: json.JSONDecodeError) -> KitError:
    return KitError(
        f"不是有效的 JSON（第 {err.lineno} 行第 {err.colno} 列：{err.msg}）",
        f"not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
        field="file",
    )


def _loads(text: str) -> object:
    def no_constant(token: str) -> None:
        raise ValueError(f"invalid number {token}")

    return json.loads(text, parse_constant=no_constant)


def read_json_records(path: Path) -> list[RawRecord]:
    """The records of a .json file (one object or a list) or a .jsonl file (one per line)."""
    name = display_path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".jsonl":
        out = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = Where(name, "line", number)
            try:
                out.append(record_at(where, _loads(line)))
            except (json.JSONDecodeError, ValueError) as err:
                out.append(_bad_json(where, err))
        if not out:
            out.append(RawRecord(Where(name), None, _empty(Where(name))))
        return out
    where = Where(name)
    try:
        raw = _loads(text)
    except (json.JSONDecodeError, ValueError) as err:
        return [_bad_json(where, err)]
    if isinstance(raw, list):
        if not raw:
            return [RawRecord(where, None, _empty(where))]
        return [record_at(Where(name, "item", i), item) for i, item in enumerate(raw, start=1)]
    return [record_at(where, raw)]


def _empty(where: Where) -> Problem:
    return Problem(where, "", "文件中没有任何记录", "the file holds no records")


def _bad_json(where: Where, err: Exception) -> RawRecord:
    if isinstance(err, json.JSONDecodeError):
        kit = _json_error(err)
    else:
        kit = KitError(f"JSON 含无效数值：{err}", f"the JSON holds an invalid number: {err}")
    return RawRecord(where, None, problem(where, kit))


def record_at(where: Where, raw: object) -> RawRecord:
    """One JSON object as a record at ``where``, or a record carrying its problem."""
    try:
        return RawRecord(where, normalise_record(raw))
    except KitError as err:
        ident = raw.get("id") if isinstance(raw, Mapping) else None
        return RawRecord(where, None, problem(where, err, str(ident) if ident else ""))


def normalise_record(raw: object) -> dict:
    """A JSON object as a record: bare saved results are wrapped, unknown fields refused."""
    if not isinstance(raw, Mapping):
        raise KitError(
            f"每条记录应为一个 JSON 对象，收到：{type(raw).__name__}",
            f"each record must be a JSON object, got {type(raw).__name__}",
            field="record",
        )
    kind = raw.get("kind")
    if kind == "assessment":
        return {"assessment": dict(raw)}
    if kind == "plan":
        return {"plan": dict(raw)}
    if kind is not None:
        raise KitError(
            f"不支持的结果类型 kind={kind!r}：请提供评估结果（assessment）、行动计划（plan）或企业记录",
            f"unsupported result kind {kind!r}: give an assessment, an action plan or a company "
            "record",
            field="kind",
        )
    unknown = sorted(str(k) for k in raw if k not in RECORD_FIELDS)
    if unknown:
        raise KitError(
            f"记录含未知字段：{', '.join(unknown)}；可用字段：{', '.join(RECORD_FIELDS)}",
            f"unknown fields in the record: {', '.join(unknown)}; valid fields: "
            f"{', '.join(RECORD_FIELDS)}",
            field="record",
        )
    if "error" in raw:  # a failed line of `smedx assess --json`
        error = raw["error"] if isinstance(raw["error"], Mapping) else {}
        raise KitError(
            "该答卷在自评时已出错：" + str(error.get("zh", raw["error"])),
            "this answer set failed in the self-assessment: " + str(error.get("en", raw["error"])),
            field="error",
        )
    return dict(raw)


# --------------------------------------------------------------------------------------------
# CSV rows <-> records.


def split_choices(cell: object) -> list[str]:
    """'a; b；c' -> ['a', 'b', 'c'] (separators ; ； | 、)."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    return [part.strip() for part in CHOICE_SEPARATORS.split(str(cell)) if part.strip()]


def parse_number(cell: str) -> float | str | None:
    """'' -> None, '1.5' or '1.5%' -> 1.5; anything else is returned as text for the model's
    validation to refuse with its own message."""
    clean = cell.strip().replace(",", "").rstrip("%％").strip()
    if not clean:
        return None
    try:
        return float(clean)
    except ValueError:
        return cell.strip()


def record_from_row(row: Mapping[str, str], item_ids: Sequence[str]) -> dict:
    """One CSV row as a nested record (the same shape as a JSON record)."""
    record: dict = {}
    if row.get(ID_COLUMN):
        record["id"] = row[ID_COLUMN]
    for key in ("name", "stage", "data_readiness", "skills"):
        if row.get(key):
            record[key] = row[key]
    profile = {}
    for key in PROFILE_FIELDS:
        value = row.get(key, "")
        if value:
            profile[key] = parse_number(value) if key in NUMBER_FIELDS else value
    if profile:
        record["profile"] = profile
    if row.get("budget_share"):
        record["budget_share"] = parse_number(row["budget_share"])
    answers = {i: row[i] for i in item_ids if row.get(i)}
    if answers:
        record["answers"] = answers
    for key in CHOICE_FIELDS:
        if row.get(key):
            record[key] = split_choices(row[key])
    return record


def csv_records(path: Path, item_ids: Sequence[str]) -> list[RawRecord]:
    frame = read_csv(path, item_ids)
    name = display_path(path)
    return [
        RawRecord(Where(name, "row", int(row["_row"])), record_from_row(row, item_ids))
        for row in frame.to_dict("records")
    ]


def read_records(paths: Iterable[str | Path], item_ids: Sequence[str]) -> list[RawRecord]:
    """Every record of every input, in order; a file that cannot be read is one bad record."""
    files, problems = expand(paths)
    out = [RawRecord(p.where, None, p) for p in problems]
    for path in files:
        try:
            if path.suffix.lower() == ".csv":
                out.extend(csv_records(path, item_ids))
            else:
                out.extend(read_json_records(path))
        except KitError as err:
            where = Where(display_path(path))
            out.append(RawRecord(where, None, Problem(where, "", err.zh, err.en)))
    return out
