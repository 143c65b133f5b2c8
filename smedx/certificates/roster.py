"""The roster: a CSV file with one learner per row.

Accepted: UTF-8 (with or without the BOM Excel writes for "CSV UTF-8"), and GB18030/GBK (what
Excel on a Chinese Windows writes for plain "CSV"). The header names the columns in English or in
Chinese (see :data:`smedx.certificates.COLUMNS`); a bad row is refused with its line number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from smedx.certificates import COLUMNS, MAX_ROSTER_BYTES, REQUIRED, Learner, learner
from smedx.errors import KitError
from smedx.files import read_limited

ALIASES = {**{k: k for k in COLUMNS}, **{zh: k for k, zh in COLUMNS.items()}}


def decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KitError(
        f"名单 {path} 既不是 UTF-8 也不是 GBK 编码；请在 Excel 中另存为“CSV UTF-8”",
        f"the roster {path} is neither UTF-8 nor GBK; in Excel save it as 'CSV UTF-8'",
    )


def _header(row: list[str], path: Path) -> list[str]:
    names = [ALIASES.get(cell.strip().lower(), ALIASES.get(cell.strip(), "")) for cell in row]
    missing = [k for k in REQUIRED if k not in names]
    if missing:
        raise KitError(
            f"名单 {path} 第 1 行缺少列：{'、'.join(f'{COLUMNS[k]}（{k}）' for k in missing)}；"
            f"表头应为：{','.join(COLUMNS)}",
            f"the roster {path}, line 1, lacks the columns {', '.join(missing)}; "
            f"the header is: {','.join(COLUMNS)}",
        )
    return names


def read_roster(path: str | Path) -> list[Learner]:
    path = Path(path)
    text = decode(read_limited(path, MAX_ROSTER_BYTES), path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as err:
        raise KitError(
            f"名单 {path} 第 {reader.line_num} 行无法读取：{err}",
            f"the roster {path}, line {reader.line_num}, cannot be read: {err}",
        ) from None
    if not rows:
        raise KitError(f"名单 {path} 是空的", f"the roster {path} is empty")
    names = _header(rows[0], path)
    learners = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # Excel leaves blank lines at the end
        if len(row) != len(names):
            raise KitError(
                f"名单 {path} 第 {line} 行有 {len(row)} 列，表头有 {len(names)} 列",
                f"the roster {path}, line {line}, has {len(row)} fields; the header has "
                f"{len(names)}",
            )
        fields = {name: cell for name, cell in zip(names, row, strict=True) if name}
        learners.append(learner(fields, row=line))
    if not learners:
        raise KitError(f"名单 {path} 没有学员行", f"the roster {path} has no learner rows")
    return learners
