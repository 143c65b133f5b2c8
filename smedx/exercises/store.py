"""Where widget answers live: a small JSON file beside the notebook, one per module.

Widget state is lost when a kernel restarts and when nbgrader clears outputs and re-executes a
notebook (nbgrader#1359). A file in the notebook's folder is not: it survives restarts and
reopening, travels with ``nbgrader submit`` / ``collect`` (both copy the assignment folder), and
is there when autograde re-runs the notebook in the submission folder. Learners can open it and
see what they saved.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from smedx import strict_json
from smedx.errors import KitError
from smedx.files import write_atomic

MAX_BYTES = 512 * 1024  # a module's answers are a few kB; refuse anything absurd


def answers_path(module: str, folder: Path | str | None = None) -> Path:
    return Path(folder or Path.cwd()) / f"answers_{module}.json"


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


class AnswerStore:
    """Answers of one module: ``{question_id: {"answer": ..., "saved_at": iso-time}}``."""

    def __init__(self, module: str, folder: Path | str | None = None):
        self.module = module
        self.path = answers_path(module, folder)

    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        try:
            content = strict_json.load(self.path, MAX_BYTES, ("内容", "its content"))
        except KitError as err:
            raise KitError(
                f"答案文件 {self.path.name} 无法读取（{err.zh}）。可删除后重新作答。",
                f"answer file {self.path.name} cannot be read ({err.en}); delete it and answer "
                "again.",
                field=err.field,
            ) from err
        return content if isinstance(content, dict) else {}

    def get(self, question_id: str, default: Any = None) -> Any:
        entry = self._read().get(question_id)
        return entry["answer"] if isinstance(entry, dict) and "answer" in entry else default

    def all(self) -> dict[str, Any]:
        return {k: v["answer"] for k, v in self._read().items() if isinstance(v, dict)}

    def put(self, question_id: str, answer: Any) -> None:
        content = self._read()
        content[question_id] = {
            "answer": _plain(answer),
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        text = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.path, text)  # a crash or a full disk never leaves half a file behind
