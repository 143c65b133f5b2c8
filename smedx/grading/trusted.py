"""The trusted scorer: graded items are checked in the grader's process, never in the learner's.

:class:`TrustedScores` is an nbgrader preprocessor listed in ``Autograde.autograde_preprocessors``
right after ``Execute`` (see ``nbgrader_config.py``), so ``nbgrader autograde`` and ``smedx grade``
both run it. For every autograder test cell of the notebook it replaces whatever outputs the
learner's kernel produced with:

- a readable message in the grader's language (Chinese unless SMEDX_LANG=en): the score, the
  answer as the option texts chosen and the kit's targeted message for that answer;
- the points earned as a number (an ``execute_result``: nbgrader's partial credit).

What it reads is plain data only: ``answers_<assignment>.json`` from the learner's submission folder
(``submitted/<learner>/<assignment>/``, as collected, before any learner code ran), read strictly
(regular file, size cap, strict JSON), and for 进阶 (advanced) questions the value the locked test
cell recorded as ``application/vnd.smedx.answer+json``. The keys come from the course's
trainer-only folder (:mod:`smedx.grading.trainer`). So nothing defined, patched or printed in the
kernel can raise a score, and hidden tests and tracebacks never reach the feedback.

Every zero has a named reason (:data:`REASONS`), shown in the message.

:class:`RestoreCells` replaces nbgrader's ``OverwriteCells`` among the sanitizing steps: a graded
cell the learner deleted comes back before the notebook runs, so it is scored like any other.
"""

from __future__ import annotations

import json
import os
import stat
from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells
from nbgrader.utils import is_grade
from traitlets import Bool, Int, Unicode

from smedx import data, strict_json
from smedx.errors import KitError
from smedx.exercises import Feedback, Question, Text
from smedx.grading import trainer
from smedx.grading.assignment import Advanced
from smedx.grading.public import RECORD_MIME, answer_id, describe
from smedx.i18n import _

MAX_ANSWER_BYTES = 512 * 1024  # a module's answers are a few kB
MAX_RECORD_BYTES = 64 * 1024  # one coded answer

REASONS = {
    "no_answers_file": ("没有提交答案文件", "no answers file was submitted"),
    "answers_not_a_file": (
        "答案文件不是普通文件（如符号链接）",
        "the answers file is not a plain file",
    ),
    "answers_too_large": ("答案文件过大", "the answers file is too large"),
    "answers_malformed": (
        "答案文件无法读取（不是有效的 JSON）",
        "the answers file is not valid JSON",
    ),
    "not_answered": ("本题没有作答", "this question was not answered"),
    "no_recorded_value": ("没有记录到答案（变量未定义或类型不对）", "no answer was recorded"),
    "recorded_value_invalid": ("记录的答案无效", "the recorded answer is invalid"),
    "unknown_cell": (
        "这个计分单元格不属于本作业",
        "this graded cell is not part of the assignment",
    ),
    "wrong_value": ("答案不对", "the answer is not right"),
}


class ScoreError(Exception):
    """A named reason for a zero."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason, self.detail = reason, detail

    def text(self) -> Text:
        zh, en = REASONS[self.reason]
        detail = f"：{self.detail}" if self.detail else ""
        return Text(
            f"{zh}{detail}（{self.reason}）", f"{en}{detail and ': ' + self.detail} ({self.reason})"
        )


# --- reading what the learner submitted --------------------------------------------------------


def read_answers(path: Path, limit: int = MAX_ANSWER_BYTES) -> dict[str, Any]:
    """``{answer id: value}`` from a submitted answers file; ScoreError names what is wrong.

    Opened without following a symbolic link, refused unless a regular file, size checked
    before reading: a submission cannot make the grader read anything else.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ScoreError("no_answers_file") from None
    except OSError:
        raise ScoreError("answers_not_a_file") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ScoreError("answers_not_a_file")
        if info.st_size > limit:
            raise ScoreError("answers_too_large", f"{info.st_size} > {limit} bytes")
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise ScoreError("answers_too_large")
    try:
        parsed = strict_json.loads(content, limit)
    except KitError:
        raise ScoreError("answers_malformed") from None
    if not isinstance(parsed, dict):
        raise ScoreError("answers_malformed")
    return {k: v["answer"] for k, v in parsed.items() if isinstance(v, dict) and "answer" in v}


def recorded_value(cell, name: str) -> Any:
    """The value the locked test cell of an advanced question recorded (plain JSON data)."""
    found = [
        o["data"][RECORD_MIME]
        for o in cell.get("outputs", [])
        if o.get("output_type") in ("display_data", "execute_result")
        and RECORD_MIME in o.get("data", {})
    ]
    if not found:
        raise ScoreError("no_recorded_value")
    if len(found) > 1:
        raise ScoreError("recorded_value_invalid", "more than one value")
    record = found[0]
    text = record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)
    try:
        record = strict_json.loads(text, MAX_RECORD_BYTES)
    except KitError:
        raise ScoreError("recorded_value_invalid") from None
    if not isinstance(record, dict) or record.get("name") != name or "value" not in record:
        raise ScoreError("recorded_value_invalid")
    return record["value"]


# --- checking ------------------------------------------------------------------------------------


def check_item(q: Question, answers: dict[str, Any]) -> tuple[Feedback, Text]:
    """The item's checker on the saved answer, and the answer as a manager reads it."""
    value = answers.get(answer_id(q))
    if value is None or value in ("", [], {}):
        raise ScoreError("not_answered")
    try:
        result = q.check(value)
    except Exception:  # a checker must not crash on odd input; if it does, the answer is wrong
        result = Feedback(False, 0.0, "答案的格式不对。", "The answer has the wrong shape.")
    return result, describe(q, value)


def check_advanced(a: Advanced, value: Any) -> Feedback:
    """Run the spec's check in this process on the learner's plain value."""
    namespace = {"data": data, a.name: value, "__builtins__": __builtins__}
    try:
        exec(a.hidden_test, namespace)  # trainer code, with the learner's value as data
    except AssertionError:
        raise ScoreError("wrong_value") from None
    except Exception:
        raise ScoreError("recorded_value_invalid") from None
    return Feedback(True, 1.0, "正确！", "Correct!")


# --- writing the test cell's outputs -------------------------------------------------------------


def _round(value: float) -> float:
    return float(f"{value:.2f}")


def outputs(
    grade_id: str,
    points: float,
    max_points: float,
    message: Text,
    answer: Text | None,
    correct: bool,
):
    """The test cell's outputs: the message in the grader's language (:func:`smedx.i18n.language`,
    Chinese unless SMEDX_LANG says en), then the points as nbgrader's partial credit.

        Both carry ``{"smedx": {"scored": grade_id}}``: the feedback page renders an output as HTML
        only in the graded cell it names (the scorer replaces every output of every graded cell, so a
        learner's output never sits there).
    """
    mark = {"smedx": {"scored": grade_id}}
    sign = "✔" if correct else ("◐" if points > 0 else "✘")
    lines = [
        f"{sign} "
        + _("Score {points} / {max_points}").format(
            points=f"{points:g}", max_points=f"{max_points:g}"
        )
    ]
    if answer is not None:
        lines.append(_("Your answer: {answer}").format(answer=answer.text()))
    lines.append(message.text())
    html = (
        "<div class='smedx-score'>" + "".join(f"<div>{escape(x)}</div>" for x in lines) + "</div>"
    )
    plain = "\n".join(lines)
    return [
        nbformat.v4.new_output(
            "display_data", data={"text/html": html, "text/plain": plain}, metadata=mark
        ),
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": repr(points)}, metadata=mark, execution_count=None
        ),
    ]


class TrustedScores(NbGraderPreprocessor):
    """Score every autograder test cell from the submitted answers and the trainer's keys."""

    enabled = Bool(True, help="on unless switched off").tag(config=True)
    course_root = Unicode(
        "", help="course folder holding trainer/ and submitted/ (default: CourseDirectory.root)"
    ).tag(config=True)
    max_answer_bytes = Int(MAX_ANSWER_BYTES, help="largest answers file read").tag(config=True)

    def _root(self) -> Path:
        if self.course_root:
            return Path(self.course_root)
        from nbgrader.coursedir import CourseDirectory

        return Path(CourseDirectory(config=self.config).root)

    def _submission(self, resources) -> Path:
        from nbgrader.coursedir import CourseDirectory

        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        coursedir.root = str(self._root())
        return Path(
            coursedir.format_path(
                coursedir.submitted_directory, info["student"], info["assignment"]
            )
        )

    def preprocess(self, nb, resources):
        module = resources["nbgrader"]["assignment"]
        root = self._root()
        spec = trainer.spec(root, module)
        if spec.practice:
            return nb, resources
        items = {f"{module}-{q.id.split('.', 1)[1]}-test": q for q in trainer.items(root, module)}
        advanced = {f"{module}-{a.name}-test": a for a in spec.advanced}
        try:
            answers = read_answers(
                self._submission(resources) / f"answers_{module}.json", self.max_answer_bytes
            )
            problem = None
        except ScoreError as err:
            answers, problem = {}, err
        for cell in nb.cells:
            if cell.cell_type != "code" or not is_grade(cell):
                continue
            grade_id = cell.metadata.nbgrader.get("grade_id")
            max_points = float(cell.metadata.nbgrader.get("points", 0))
            cell.outputs = self._score(
                cell, grade_id, max_points, items, advanced, answers, problem
            )
        return nb, resources

    def _score(self, cell, grade_id, max_points, items, advanced, answers, problem):
        answer = None
        try:
            if grade_id in items:
                q = items[grade_id]
                if problem is not None:
                    raise problem
                result, answer = check_item(q, answers)
            elif grade_id in advanced:
                a = advanced[grade_id]
                value = recorded_value(cell, a.name)
                shown = json.dumps(value, ensure_ascii=False)[:200]
                answer = Text(shown, shown)
                result = check_advanced(a, value)
            else:
                raise ScoreError("unknown_cell")
        except ScoreError as err:
            return outputs(grade_id, 0.0, max_points, err.text(), answer, False)
        points = _round(max(0.0, min(1.0, result.score)) * max_points)
        return outputs(
            grade_id, points, max_points, Text(result.zh, result.en), answer, result.correct
        )


class RestoreCells(OverwriteCells):
    """nbgrader's OverwriteCells, restoring a deleted graded cell after the nearest cell before
    it that the submission still has (any cell nbgrader knows, read-only ones too).

    nbgrader puts a missing graded cell after the source cell just before it and assumes that one
    is a graded or answer cell; a graded item's test cell follows its read-only widget, so
    nbgrader's own restore stops the whole notebook with a KeyError.
    """

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        source = {cell.name: cell for cell in source_nb.source_cells}
        solutions = {cell.name for cell in source_nb.solution_cells}

        def present() -> dict[str, int]:
            ids = ((c["metadata"].get("nbgrader") or {}).get("grade_id") for c in nb.cells)
            return {grade_id: i for i, grade_id in enumerate(ids) if grade_id}

        for grade_cell in source_nb.grade_cells:
            here = present()
            if grade_cell.name in here or grade_cell.name not in source:
                continue
            self.log.warning("Missing grade cell %s, restoring it", grade_cell.name)
            cell = self.missing_cell_transform(
                source[grade_cell.name], grade_cell.max_score, grade_cell.name in solutions
            )
            before = order[: order.index(grade_cell.name)] if grade_cell.name in order else []
            anchor = next((here[name] for name in reversed(before) if name in here), -1)
            nb.cells.insert(anchor + 1, cell)
        return nb, resources
