"""A learner's pre/post test answers: one JSON file per learner, form and phase.

The quiz app writes ``quiz-<phase>-<form>-<learner>.json`` into the learner's results folder (atomically:
a whole file or none); the trainer collects these files and ``smedx report learning`` scores them
with the trainer-only key. The file holds answers only, never a score or a key::

    {"kind": "smedx-quiz", "schema_version": 1, "learner": "zhangsan", "group": "",
     "form": "A", "phase": "pre", "saved_at": "2026-...", "answers": {"A01": 28, "A02": "2.2.2"}}
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from numbers import Real
from pathlib import Path
from typing import Any

from smedx import strict_json
from smedx.errors import KitError
from smedx.files import write_atomic
from smedx.quiz.items import FORMS, PHASES

KIND = "smedx-quiz"
SCHEMA_VERSION = 1
MAX_BYTES = 64 * 1024  # 16 answers are well under 2 kB
MAX_NAME = 80
RESULTS_ENV = "SMEDX_RESULTS_DIR"


def results_dir() -> Path:
    """Where the app saves: ``$SMEDX_RESULTS_DIR``, else ``~/smedx-results`` (the learner's home
    on the hub, so the trainer collects one folder per learner)."""
    return Path(os.environ.get(RESULTS_ENV) or Path.home() / "smedx-results")


def default_learner() -> str:
    """The hub's user name on a learner's own JupyterHub server; empty elsewhere, where one apps
    server may serve a whole class under one account (each learner then types their own ID)."""
    return os.environ.get("JUPYTERHUB_USER", "")


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)


def _name(value: Any, what: str, what_en: str, *, required: bool) -> str:
    if (
        not isinstance(value, str)
        or len(value.strip()) > MAX_NAME
        or (required and not value.strip())
    ):
        raise KitError(
            f"{what}应为 1–{MAX_NAME} 个字符的文字",
            f"the {what_en} must be text of 1 to {MAX_NAME} characters",
            field=what_en,
        )
    return value.strip()


@dataclass(frozen=True)
class QuizResult:
    learner: str
    form: str
    phase: str
    answers: dict[str, Any] = field(default_factory=dict)  # item id -> option key or number
    group: str = ""
    saved_at: str = ""

    def __post_init__(self) -> None:
        _name(self.learner, "学员编号", "learner id", required=True)
        _name(self.group, "班级名称", "group name", required=False)
        if self.form not in FORMS:
            raise KitError(
                f"试卷应为 {' 或 '.join(FORMS)}，收到：{self.form!r}",
                f"the form must be {' or '.join(FORMS)}, got {self.form!r}",
                field="form",
            )
        if self.phase not in PHASES:
            raise KitError(
                f"测试应为 pre（课前）或 post（课后），收到：{self.phase!r}",
                f"the phase must be pre or post, got {self.phase!r}",
                field="phase",
            )
        if not isinstance(self.answers, dict):
            raise KitError("answers 应为一个对象", "'answers' must be an object", field="answers")
        items = {i.id: i for i in FORMS[self.form]}
        for item_id, answer in self.answers.items():
            item = items.get(item_id)
            if item is None:
                raise KitError(
                    f"试卷 {self.form} 没有题目 {item_id!r}",
                    f"form {self.form} has no item {item_id!r}",
                    field="answers",
                )
            if item.kind == "choice" and answer not in item.option_keys():
                raise KitError(
                    f"题目 {item_id} 的答案应是选项之一：{', '.join(item.option_keys())}",
                    f"the answer to {item_id} must be one of: {', '.join(item.option_keys())}",
                    field="answers",
                )
            if item.kind == "number" and not _is_number(answer):
                raise KitError(
                    f"题目 {item_id} 的答案应是一个数字，收到：{answer!r}",
                    f"the answer to {item_id} must be a number, got {answer!r}",
                    field="answers",
                )

    @property
    def file_name(self) -> str:
        """One file per learner, test and form: learners sharing one apps server (and one
        results folder) never overwrite each other; a retake replaces the learner's own file."""
        who = re.sub(r"[^\w.-]+", "_", self.learner, flags=re.UNICODE).strip("._")[:40] or "learner"
        return f"quiz-{self.phase}-{self.form}-{who}.json"

    def to_dict(self) -> dict:
        return {
            "kind": KIND,
            "schema_version": SCHEMA_VERSION,
            "learner": self.learner,
            "group": self.group,
            "form": self.form,
            "phase": self.phase,
            "saved_at": self.saved_at,
            "answers": dict(self.answers),
        }

    @classmethod
    def from_dict(cls, raw: Any) -> QuizResult:
        if not isinstance(raw, dict) or raw.get("kind") != KIND:
            raise KitError(
                "这不是课前/课后测的答案文件（kind 应为 smedx-quiz）",
                "this is not a pre/post test answers file (kind must be smedx-quiz)",
                field="kind",
            )
        if raw.get("schema_version") != SCHEMA_VERSION:
            raise KitError(
                f"答案文件的格式版本为 {raw.get('schema_version')!r}，本工具只支持 {SCHEMA_VERSION}",
                f"answers file of schema version {raw.get('schema_version')!r}; this kit reads "
                f"version {SCHEMA_VERSION} only",
                field="schema_version",
            )
        return cls(
            learner=raw.get("learner"),
            form=raw.get("form"),
            phase=raw.get("phase"),
            answers=raw.get("answers"),
            group=raw.get("group", ""),
            saved_at=str(raw.get("saved_at", "")),
        )


def load(path: Path | str) -> QuizResult:
    """Read and check one answers file (KitError naming what is wrong)."""
    return QuizResult.from_dict(strict_json.load(Path(path), MAX_BYTES))


def save(result: QuizResult, folder: Path | str | None = None) -> Path:
    """Write the answers into ``folder`` (default :func:`results_dir`), whole or not at all,
    stamped with the time of saving (unless the result already carries one)."""
    folder = Path(folder) if folder is not None else results_dir()
    stamped = QuizResult(
        result.learner,
        result.form,
        result.phase,
        dict(result.answers),
        result.group,
        result.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
    )
    text = json.dumps(stamped.to_dict(), ensure_ascii=False, indent=1) + "\n"
    path = folder / stamped.file_name
    write_atomic(path, text)
    return path
