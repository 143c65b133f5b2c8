"""Course certificates: one A4 PDF per learner with a verification code only the association can make.

The code is HMAC-SHA256, keyed with a secret the association keeps outside the kit, over a
canonical serialisation of everything the certificate states (name, course, association, dates,
modules, results). It is cut to 100 bits and written in Crockford base32 as five groups of four
("7K2M-…"): short enough to read out or type, far too long to guess. Without the secret nobody
can make a code; changing any printed field changes the code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from smedx.course_folder import inside_a_course
from smedx.errors import KitError
from smedx.files import read_limited

SECRET_ENV = "SMEDX_CERT_SECRET"
MIN_SECRET_CHARS = 32
MAX_SECRET_BYTES = 4096
MAX_ROSTER_BYTES = 5_000_000
MAX_FIELD_CHARS = {"name": 60, "course": 120, "association": 120, "results": 300}
CODE_BITS = 100
VERSION = "smedx-certificate-v1"

# Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STD, ALPHABET)
_TYPO = str.maketrans({"O": "0", "I": "1", "L": "1"})

# Roster columns: English header, or the Chinese one a trainer may type in Excel.
COLUMNS = {
    "name": "姓名",
    "course": "课程",
    "association": "协会",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "modules": "完成模块",
    "results": "成绩",
}
REQUIRED = ("name", "course", "association", "start_date", "end_date", "modules")


@dataclass(frozen=True)
class Learner:
    """One roster row, normalised: what the certificate prints and the code binds."""

    name: str
    course: str
    association: str
    start: str  # ISO date
    end: str  # ISO date
    modules: tuple[str, ...]  # "00".."06", sorted
    results: str = ""
    row: int = 0  # roster line, for messages only (not bound)

    def canonical(self) -> bytes:
        """The bytes the code binds: one JSON object, keys sorted, no spaces, UTF-8."""
        fields = {
            "v": VERSION,
            "name": _same(self.name),
            "course": _same(self.course),
            "association": _same(self.association),
            "start": self.start,
            "end": self.end,
            "modules": list(self.modules),
            "results": _same(self.results),
        }
        return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
            "utf-8"
        )


# --- normalising fields ------------------------------------------------------------------------


def clean_text(value: object) -> str:
    """The text as printed: NFC, white-space runs as one space (Chinese punctuation is kept)."""
    return " ".join(unicodedata.normalize("NFC", str(value or "")).split())


def _same(text: str) -> str:
    """The form the code binds: NFKC, so a name typed with full-width letters (Ｊａｎｅ) or
    ASCII punctuation for Chinese (: for ：) at verification still matches."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _field(value: object, name: str, where: tuple[str, str], *, required: bool = True) -> str:
    text = clean_text(value)
    if required and not text:
        raise KitError(f"{where[0]}：{COLUMNS[name]}（{name}）为空", f"{where[1]}: {name} is empty")
    limit = MAX_FIELD_CHARS.get(name)
    if limit and len(text) > limit:
        raise KitError(
            f"{where[0]}：{COLUMNS[name]}（{name}）超过 {limit} 个字符",
            f"{where[1]}: {name} is longer than {limit} characters",
        )
    return text


_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def parse_date(value: object, name: str, where: tuple[str, str]) -> str:
    """A date as YYYY-MM-DD; also YYYY/M/D (Excel) and 2024年5月6日."""
    import datetime as dt

    text = _same(clean_text(value))
    match = _DATE.match(text)
    try:
        if not match:
            raise ValueError(text)
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        raise KitError(
            f"{where[0]}：{COLUMNS[name]}（{name}）{text!r} 不是日期；应写成 2024-05-06",
            f"{where[1]}: {name} {text!r} is not a date; write it as 2024-05-06",
        ) from None


def parse_modules(value: object, where: tuple[str, str]) -> tuple[str, ...]:
    """Completed modules as "01;02;03" (also commas, 、 or spaces, and m01 or 1) -> sorted."""
    from smedx.exercises import MODULES

    known = [m[1:] for m in MODULES]
    parts = [p for p in re.split(r"[;,、\s]+", _same(clean_text(value))) if p]
    if not parts:
        raise KitError(
            f"{where[0]}：完成模块（modules）为空；例如 00;01;02",
            f"{where[1]}: modules is empty; e.g. 00;01;02",
        )
    found = set()
    for part in parts:
        digits = part.lower().removeprefix("m")
        number = digits.zfill(2) if digits.isdigit() else digits
        if number not in known:
            raise KitError(
                f"{where[0]}：没有模块 {part!r}；可用：{'、'.join(known)}",
                f"{where[1]}: no module {part!r}; available: {', '.join(known)}",
            )
        found.add(number)
    return tuple(sorted(found))


def learner(fields: dict, row: int = 0) -> Learner:
    """A Learner from raw field values (a roster row or the verify command's options)."""
    where = (f"名单第 {row} 行", f"roster line {row}") if row else ("输入", "input")
    start = parse_date(fields.get("start_date"), "start_date", where)
    end = parse_date(fields.get("end_date"), "end_date", where)
    if end < start:
        raise KitError(
            f"{where[0]}：结束日期 {end} 早于开始日期 {start}",
            f"{where[1]}: end_date {end} is before start_date {start}",
        )
    return Learner(
        name=_field(fields.get("name"), "name", where),
        course=_field(fields.get("course"), "course", where),
        association=_field(fields.get("association"), "association", where),
        start=start,
        end=end,
        modules=parse_modules(fields.get("modules"), where),
        results=_field(fields.get("results"), "results", where, required=False),
        row=row,
    )


# --- the secret and the code ------------------------------------------------------------------

GENERATE_HINT = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))" > cert-secret.txt'


def load_secret(secret_file: str | Path | None = None) -> bytes:
    """The association's secret: from ``secret_file``, else SMEDX_CERT_SECRET; refused if weak."""
    if secret_file:
        path = Path(secret_file)
        if inside_a_course(path):
            raise KitError(
                f"密钥文件 {path} 位于课程仓库内，可能被提交或分发；请放到仓库之外",
                f"the secret file {path} is inside the kit's repository, where it may be "
                "committed or shared; keep it outside",
            )
        raw = read_limited(path, MAX_SECRET_BYTES)
        try:
            secret, origin = raw.decode("utf-8").strip(), (str(path), str(path))
        except UnicodeDecodeError:
            raise KitError(
                f"密钥文件 {path} 不是 UTF-8 文本", f"the secret file {path} is not UTF-8 text"
            ) from None
    else:
        secret, origin = os.environ.get(SECRET_ENV, "").strip(), (SECRET_ENV, SECRET_ENV)
        if not secret:
            raise KitError(
                f"缺少证书密钥：请用 --secret-file 指定协会保管的密钥文件，或设置环境变量 "
                f"{SECRET_ENV}。生成一个：{GENERATE_HINT}",
                f"no certificate secret: give the association's secret file with --secret-file "
                f"or set {SECRET_ENV}. Make one with: {GENERATE_HINT}",
            )
    if len(secret) < MIN_SECRET_CHARS or len(set(secret)) < 10:
        raise KitError(
            f"{origin[0]} 中的密钥太弱：至少 {MIN_SECRET_CHARS} 个字符且不能重复单调。"
            f"生成一个：{GENERATE_HINT}",
            f"the secret in {origin[1]} is too weak: it needs at least {MIN_SECRET_CHARS} "
            f"varied characters. Make one with: {GENERATE_HINT}",
        )
    return secret.encode("utf-8")


def code_for(person: Learner, secret: bytes) -> str:
    """The verification code: HMAC-SHA256 cut to 100 bits, Crockford base32, groups of four."""
    digest = hmac.new(secret, person.canonical(), hashlib.sha256).digest()
    text = base64.b32encode(digest[: CODE_BITS // 8 + 1]).decode("ascii")  # 13 bytes -> 21 chars
    text = text[: CODE_BITS // 5].translate(_TO_CROCKFORD)  # 20 chars x 5 bits = 100 bits
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_code(code: str) -> str:
    """A typed code in canonical form; lower case, spaces, O for 0 and I/L for 1 are forgiven."""
    text = re.sub(r"[\s\-]", "", _same(clean_text(code)).upper()).translate(_TYPO)
    if len(text) != CODE_BITS // 5 or any(ch not in ALPHABET for ch in text):
        raise KitError(
            f"核验码 {code!r} 格式不对：应为 20 个字母数字，如 7K2M-Q9XD-4HNA-C3VB-P0RT",
            f"the code {code!r} is malformed: it has 20 letters and digits, "
            "e.g. 7K2M-Q9XD-4HNA-C3VB-P0RT",
        )
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def is_genuine(code: str, person: Learner, secret: bytes) -> bool:
    return hmac.compare_digest(normalise_code(code), code_for(person, secret))
