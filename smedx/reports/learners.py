"""The learners' own results as cohort records: a class against the survey without retyping.

A trainer points the cohort report (or the cohort app) at a folder; the folder may hold, at any
depth:

* ``answers_m02.json``: module 02's widget answers, whose ``m02.self_assessment`` entry is the
  learner's self-assessment form (answers and company profile) with the time it was saved;
* the apps' results files (``kind: smedx_session``) and single saved results (``kind:
  assessment`` or ``plan``), whatever their names;
* the hub's nbgrader tree ``…/submitted/<learner>/<assignment>/`` (with ``timestamp.txt``);
* the member tables and records the cohort report always read (CSV, JSON, JSON lines).

Every file is read and parsed once, here, at the border; what it yields is a
:class:`~smedx.reports.sources.RawRecord` carrying the learner's id and the assessment's date
(``assessed_at``), or a :class:`~smedx.reports.sources.Problem` naming the file. Validation and
the choice of the newest record per learner happen in :mod:`smedx.reports.members`.

Who a file belongs to: the folder after ``submitted/`` in an nbgrader tree; for a file with the
name the kit gives everyone (``answers_m02.json``, ``smedx-results-….json``), the folder it is in
(``class/alice/answers_m02.json`` → alice); else the file's name without its extension
(``class/alice.json`` → alice). The date: the one saved in the file, else nbgrader's
``timestamp.txt``, else the file's modification time.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from smedx import files, strict_json
from smedx.errors import KitError
from smedx.models import registry
from smedx.models.common import SCHEMA_VERSION
from smedx.reports import sources
from smedx.reports.sources import Problem, RawRecord, Where

SESSION_KIND = "smedx_session"
RESULT_KINDS = ("assessment", "plan")
SELF_ASSESSMENT = "m02.self_assessment"
ANSWERS_FILE = re.compile(r"answers_(m\d\d)\.json", re.IGNORECASE)
# The names the kit gives every learner's file: the learner is the folder it is in
GENERIC_NAME = re.compile(r"(answers_m\d\d|smedx-results.*)\.json", re.IGNORECASE)
SELF_ASSESSMENT_MODULE = "m02"
SUBMITTED = "submitted"
TIMESTAMP = "timestamp.txt"
MAX_STAMP_BYTES = 200
NO_RECORDS = ("文件中没有任何记录", "the file holds no records")
NOT_LEARNERS = (
    "学员提交的文件夹中只读学员本人的自评答案和结果文件；这个文件不是，未读取",
    "in a learner's submission only the learner's own self-assessment answers and results files "
    "are read; this file is neither and was skipped",
)


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[RawRecord], list[Problem]]:
    """The inputs' member tables (CSV, JSON lines) to read as before, the records of every JSON
    file (learners' results and member records, parsed once), and the problems found."""
    tables: list[Path] = []
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            found = _walk(root)
            if not found:
                problems.append(
                    Problem(
                        Where(str(raw)),
                        "",
                        "文件夹中没有 .csv、.json 或 .jsonl 文件",
                        "the folder holds no .csv, .json or .jsonl file",
                    )
                )
            for path in found:
                _take(path, tables, records)
            continue
        given, bad = sources.expand([raw])  # a missing path, a device, an unsupported type
        problems.extend(bad)
        for path in given:
            _take(path, tables, records)
    return tables, records, problems


def _walk(root: Path) -> list[Path]:
    """Input files under ``root`` at any depth, in name order; hidden files and folders (such as
    .ipynb_checkpoints) skipped, other modules' answer files left out. Symbolic links are not
    followed: a learner's submission must not make the trainer's run read the trainer's files."""
    out = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = Path(folder) / name
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            if path.suffix.lower() not in sources.SUFFIXES:
                continue
            match = ANSWERS_FILE.fullmatch(name)
            if match and match.group(1).lower() != SELF_ASSESSMENT_MODULE:
                continue  # module 01's or 05's answers hold no self-assessment
            out.append(path)
    return sorted(out)


def _take(path: Path, tables: list[Path], records: list[RawRecord]) -> None:
    where = Where(sources.display_path(path))
    submitted = _submitted(path)
    if path.suffix.lower() != ".json":
        if submitted:  # a learner cannot add members to the class
            records.append(RawRecord(where, None, _problem(where, *NOT_LEARNERS)))
        else:
            tables.append(path)
        return
    try:
        content = _read(path)
    except KitError as err:
        records.append(RawRecord(where, None, sources.problem(where, err)))
        return
    records.extend(
        file_records(
            path.name, content, learner_id(path), where, lambda: _date_of("", path), submitted
        )
    )


def _submitted(path: Path) -> bool:
    """Whether the file is in nbgrader's submitted/<learner>/<assignment>/ tree."""
    return SUBMITTED in path.resolve().parts[:-3]


def file_records(
    name: str,
    content: bytes | str,
    learner: str,
    where: Where | None = None,
    fallback_date: Callable[[], str] = lambda: "",
    learner_only: bool = False,
) -> list[RawRecord]:
    """The records of one JSON file, parsed once: a learner's answers file or results file (one
    record, id ``learner``, dated), or member records as the cohort report always read them
    (unless ``learner_only``: a learner's submission holds the learner's own results only).
    ``fallback_date`` gives the date when the file holds none. (The cohort app calls this with
    the files a trainer uploads.)"""
    where = where or Where(name)
    try:
        raw = strict_json.loads(content, sources.MAX_FILE_BYTES)
    except KitError as err:
        return [RawRecord(where, None, sources.problem(where, err))]
    if ANSWERS_FILE.fullmatch(name):
        return [_answers_record(raw, learner, where, fallback_date)]
    if isinstance(raw, Mapping) and raw.get("kind") == SESSION_KIND:
        return [_session_record(raw, learner, where, fallback_date)]
    if isinstance(raw, Mapping) and raw.get("kind") in RESULT_KINDS:
        bad = _edited(raw["kind"], raw, where)
        if bad is not None:
            return [RawRecord(where, None, bad)]
        record = {"id": learner, raw["kind"]: dict(raw), "assessed_at": fallback_date()}
        return [RawRecord(where, record)]
    if learner_only:
        return [RawRecord(where, None, _problem(where, *NOT_LEARNERS))]
    if isinstance(raw, list):  # member records, as before
        if not raw:
            return [RawRecord(where, None, _problem(where, *NO_RECORDS))]
        return [
            sources.record_at(Where(where.path, "item", i), item) for i, item in enumerate(raw, 1)
        ]
    return [sources.record_at(where, raw)]


def _read(path: Path) -> bytes:
    return files.read_limited(path, sources.MAX_FILE_BYTES, ("文件", "the file"))


def _problem(where: Where, zh: str, en: str) -> Problem:
    return Problem(where, "", zh, en)


def learner_id(path: Path) -> str:
    """Whose file this is (see the module's docstring)."""
    parts = path.resolve().parts
    if SUBMITTED in parts[:-3]:  # submitted/<learner>/<assignment>/…/file
        index = len(parts) - 1 - parts[::-1].index(SUBMITTED, 3)
        return parts[index + 1]
    if GENERIC_NAME.fullmatch(path.name):
        return path.resolve().parent.name
    return path.stem


def _answers_record(raw: object, learner: str, where: Where, fallback_date) -> RawRecord:
    entry = raw.get(SELF_ASSESSMENT) if isinstance(raw, Mapping) else None
    answer = entry.get("answer") if isinstance(entry, Mapping) else None
    if not isinstance(answer, Mapping):
        return RawRecord(
            where,
            None,
            _problem(
                where,
                "答案文件中没有数字化自评（m02.self_assessment）：学员还没有完成自评",
                "the answers file holds no self-assessment (m02.self_assessment): the learner "
                "has not completed it",
            ),
        )
    record = {"id": learner, "answers": answer.get("answers")}
    profile = answer.get("profile")
    if isinstance(profile, Mapping):  # the form saves every field, None when left empty
        record["profile"] = {k: v for k, v in profile.items() if v not in (None, "")}
    saved = entry.get("saved_at")
    record["assessed_at"] = saved.strip() if isinstance(saved, str) and saved.strip() else ""
    record["assessed_at"] = record["assessed_at"] or fallback_date()
    return RawRecord(where, record)


def _session_record(raw: Mapping, learner: str, where: Where, fallback_date) -> RawRecord:
    if raw.get("schema_version") != SCHEMA_VERSION:
        return RawRecord(
            where,
            None,
            _problem(
                where,
                f"结果文件的格式版本为 {raw.get('schema_version')!r}，本工具只支持版本 {SCHEMA_VERSION}",
                f"results file of schema version {raw.get('schema_version')!r}; this kit reads "
                f"version {SCHEMA_VERSION} only",
            ),
        )
    results = raw.get("results")
    results = results if isinstance(results, Mapping) else {}
    kind = next((k for k in RESULT_KINDS if isinstance(results.get(k), Mapping)), None)
    if kind is None:
        return RawRecord(
            where,
            None,
            _problem(
                where,
                "结果文件中没有自评结果或行动计划：请让学员先完成“数字化自评”再保存结果文件",
                "the results file holds no self-assessment or action plan: the learner should "
                "complete the self-assessment app before saving the results file",
            ),
        )
    bad = _edited(kind, results[kind], where)
    if bad is not None:
        return RawRecord(where, None, bad)
    record = {"id": learner, kind: dict(results[kind])}
    saved = raw.get("saved_at")
    record["assessed_at"] = saved.strip() if isinstance(saved, str) and saved.strip() else ""
    record["assessed_at"] = record["assessed_at"] or fallback_date()
    return RawRecord(where, record)


def _edited(kind: str, result: Mapping, where: Where) -> Problem | None:
    """A saved assessment is rebuilt by its model, which refuses any field that differs from
    what its answers give (the members' table uses the answers alone, but an edited file is not
    the learner's). Plans are verified by their checksum when the members are checked."""
    if kind != "assessment":
        return None
    try:
        registry.parse("assessment", result)
    except KitError as err:
        return _problem(
            where,
            f"文件中的自评结果无法使用：{err.zh}",
            f"the self-assessment in the file cannot be used: {err.en}",
        )
    except (TypeError, ValueError, KeyError, AttributeError, IndexError):
        return _problem(
            where,
            "文件中的自评结果结构不完整或被改动过",
            "the self-assessment in the file is incomplete or was edited",
        )
    return None


def _date_of(saved_at: object, path: Path) -> str:
    """The assessment's time as ISO text (UTC) when the file holds none: nbgrader's timestamp,
    else the file's modification time."""
    if isinstance(saved_at, str) and saved_at.strip():
        return saved_at.strip()
    stamp = path.parent / TIMESTAMP
    if stamp.is_file():
        try:
            text = files.read_limited(stamp, MAX_STAMP_BYTES).decode("utf-8").strip()
            return text.removesuffix(" UTC").strip() + "+00:00"
        except (KitError, UnicodeDecodeError):
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
