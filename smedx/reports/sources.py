"""Input files of the reports: CSV tables, JSON files, JSON lines and folders of them.

Every record remembers where it came from (:class:`Where`), so that a bad row or file is named in
the error message; a bad record never stops the others from being read.

One record per company, in one of these shapes (the reports' README documents them):

* a CSV row with the columns of :data:`CSV_COLUMNS` (and the questionnaire's item ids F1 ... R4);
* a JSON object: a member/company record (:data:`RECORD_FIELDS`), a saved assessment
  (``kind: assessment``), a saved action plan (``kind: plan``) or a line written by
  ``smedx assess --json``; a JSON file may hold one object or a list of them;
* a JSON-lines file (``.jsonl``): one such object per line.

CSV files are read as Chinese spreadsheets save them: UTF-8 (with or without BOM), else GB18030
(the GBK superset that Chinese Excel and WPS use by default; UTF-16 with a BOM too), with ``,``,
``;`` or tab between cells. JSON goes through :mod:`smedx.strict_json`. When a file is read in
another way than UTF-8 with commas, an :class:`InputNotice` warning says how.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from smedx import files, strict_json
from smedx.errors import KitError
from smedx.i18n import Bilingual, _, using

MAX_FILE_BYTES = 100_000_000
SUFFIXES = (".csv", ".json", ".jsonl")

# CSV columns besides the questionnaire's item ids (F1 ... R4). "id" is accepted for company_id.
ID_COLUMN = "company_id"
ID_ALIASES = ("company_id", "id")
PROFILE_FIELDS = ("industry", "size_band", "enterprise_type", "revenue_10k_cny", "investment_share")
CHOICE_FIELDS = ("goals", "challenges", "help_wanted")
EXTRA_TEXT_FIELDS = ("name", "stage", "data_readiness", "skills")
NUMBER_FIELDS = ("revenue_10k_cny", "investment_share", "budget_share")
PERCENT_FIELDS = ("investment_share", "budget_share")  # at most 100: a comma is never thousands
DELIMITERS = {",": ("逗号", "commas"), ";": ("分号", "semicolons"), "\t": ("制表符", "tabs")}
CSV_COLUMNS = (
    ID_COLUMN,
    "name",
    *PROFILE_FIELDS,
    "stage",
    *CHOICE_FIELDS,
    "data_readiness",
    "skills",
    "budget_share",
    "assessed_at",  # when the assessment was made: a repeat assessment of the same company
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
    "assessed_at",
    "file",
    "index",
    "error",
)
CHOICE_SEPARATORS = re.compile(r"[;；|、]")
LINE = ("该行", "the line")  # how messages name a line of a .jsonl file


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
        with using(lang):
            where = {
                "row": _("{path} row {number}"),
                "line": _("{path} line {number}"),
                "item": _("{path} item {number}"),
            }[self.kind]
        return where.format(path=self.path, number=self.number)

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
        with using(lang):
            return _("{where}: {problem}").format(where=head, problem=Bilingual(self.zh, self.en))

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
        elif path.exists():  # a device (/dev/zero), a pipe or a socket: no end to read up to
            problems.append(
                Problem(
                    where,
                    "",
                    "不是普通文件（设备、管道等无法作为输入）",
                    "not a regular file (a device or a pipe cannot be an input)",
                )
            )
        else:
            problems.append(Problem(where, "", "找不到该文件或文件夹", "no such file or folder"))
    return files, problems


class InputNotice(UserWarning):
    """How a file was read, when it is not the plain case (UTF-8, commas): zh and en."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh}\n{en}")


def _read_bytes(path: Path) -> bytes:
    return files.read_limited(path, MAX_FILE_BYTES, ("文件", "the file"))


def decode_table(data: bytes) -> tuple[str, str]:
    """The text of a spreadsheet file and the encoding it was read with.

    UTF-8 is tried first and strictly: GBK text is practically never valid UTF-8, so a file that
    decodes is UTF-8. What does not is read as GB18030, which every GBK or GB2312 file is; a
    statistical detector is not needed for these two and could only guess worse."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel "Unicode text"
        attempts = (("utf-16", "UTF-16"),)
    else:
        attempts = (("utf-8-sig", "UTF-8"), ("gb18030", "GB18030"))
    for codec, label in attempts:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, label
    raise KitError(
        "不是文本表格：既不是 UTF-8 也不是 GB18030（GBK）编码（请在表格软件中另存为“CSV UTF-8”）",
        "not a text table: neither UTF-8 nor GB18030 (GBK) text (save it as 'CSV UTF-8' from "
        "the spreadsheet)",
        field="encoding",
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter of a table, from its header row (known column names hold none of , ; tab;
    data rows would mislead: a decimal comma, a choice list "a;b")."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:  # one column: any delimiter reads it
        return ","


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
    text, encoding = decode_table(_read_bytes(path))
    if not text.strip():
        raise KitError("文件是空的", "the file is empty", field="file")
    delimiter = sniff_delimiter(text)
    if encoding != "UTF-8" or delimiter != ",":
        zh, en = DELIMITERS[delimiter]
        warnings.warn(
            InputNotice(
                f"{display_path(path)}：按 {encoding} 编码读取，以{zh}分隔",
                f"{display_path(path)}: read as {encoding}, cells separated by {en}",
            ),
            stacklevel=2,
        )
    try:
        # header=None: a row with one cell too many (an unquoted "1,5") is an error. With the
        # header read by pandas, such a first row silently became the index, shifting its cells.
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        hint_zh = "；若数字用逗号作小数点（如 1,5），请改为 1.5" if delimiter == "," else ""
        hint_en = "; if a number has a decimal comma (1,5), write 1.5" if delimiter == "," else ""
        reason = str(err).strip()
        raise KitError(
            f"不是有效的 CSV 表格（{reason}）{hint_zh}",
            f"not a valid CSV table ({reason}){hint_en}",
            field="file",
        ) from err
    header = [str(c).strip() or f"Unnamed: {i}" for i, c in enumerate(frame.iloc[0])]
    frame = frame.iloc[1:].reset_index(drop=True)
    columns = [normalise_column(c, item_ids) for c in header]
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


def read_json_records(path: Path) -> list[RawRecord]:
    """The records of a .json file (one object or a list) or a .jsonl file (one per line): a bad
    line is one bad record, and every other line is still read."""
    name = display_path(path)
    data = _read_bytes(path)
    if path.suffix.lower() == ".jsonl":
        out = []
        for number, line in enumerate(data.split(b"\n"), start=1):
            if not line.strip():
                continue
            where = Where(name, "line", number)
            try:
                out.append(record_at(where, strict_json.loads(line, MAX_FILE_BYTES, LINE)))
            except KitError as err:
                out.append(RawRecord(where, None, problem(where, err)))
        if not out:
            out.append(RawRecord(Where(name), None, _empty(Where(name))))
        return out
    where = Where(name)
    try:
        raw = strict_json.loads(data, MAX_FILE_BYTES)
    except KitError as err:
        return [RawRecord(where, None, problem(where, err))]
    if isinstance(raw, list):
        if not raw:
            return [RawRecord(where, None, _empty(where))]
        return [record_at(Where(name, "item", i), item) for i, item in enumerate(raw, start=1)]
    return [record_at(where, raw)]


def _empty(where: Where) -> Problem:
    return Problem(where, "", "文件中没有任何记录", "the file holds no records")


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


_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,500 or 12,345.6
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")  # 1,5: a comma not followed by three digits


def parse_number(cell: str, field: str = "") -> float | str | None:
    """'' -> None; '1.5' or '1.5%' -> 1.5; thousands separators '1,500' -> 1500.0; a decimal
    comma that cannot be a thousands separator ('1,5', '0,75') -> 1.5, 0.75. A comma that could
    be either in a percentage ('1,500' in ``investment_share``: 1500 % or 1.5 %?) raises a
    KitError. Anything else is returned as text for the model's validation to refuse."""
    clean = str(cell).strip().rstrip("%％").strip()
    if not clean:
        return None
    if _GROUPED.fullmatch(clean):
        if field in PERCENT_FIELDS:
            raise KitError(
                f"{field}“{cell.strip()}”中的逗号无法判断是千位分隔符还是小数点：百分比请写成 1.5 "
                "这样的小数（用小数点）",
                f"{field} {cell.strip()!r}: the comma may be a thousands separator or a decimal "
                "comma; write the percentage with a decimal point, like 1.5",
                field=field,
            )
        clean = clean.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(clean):
        clean = clean.replace(",", ".")
    try:
        return float(clean)
    except ValueError:
        return cell.strip()


def record_from_row(row: Mapping[str, str], item_ids: Sequence[str]) -> dict:
    """One CSV row as a nested record (the same shape as a JSON record)."""
    record: dict = {}
    if row.get(ID_COLUMN):
        record["id"] = row[ID_COLUMN]
    for key in ("name", "stage", "data_readiness", "skills", "assessed_at"):
        if row.get(key):
            record[key] = row[key]
    profile = {}
    for key in PROFILE_FIELDS:
        value = row.get(key, "")
        if value:
            profile[key] = parse_number(value, key) if key in NUMBER_FIELDS else value
    if profile:
        record["profile"] = profile
    if row.get("budget_share"):
        record["budget_share"] = parse_number(row["budget_share"], "budget_share")
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
    out = []
    for row in frame.to_dict("records"):
        where = Where(name, "row", int(row["_row"]))
        try:
            out.append(RawRecord(where, record_from_row(row, item_ids)))
        except KitError as err:
            out.append(RawRecord(where, None, problem(where, err, row.get(ID_COLUMN, ""))))
    return out


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
