"""Write ``solutions/mNN/mNN.ipynb`` (nbgrader's source notebooks) from the trainer's items and specs.

Trainer-side: the graded items and specs are loaded by path from ``<course root>/trainer``
(:mod:`smedx.grading.trainer`). A graded assignment has four parts, in this order, so that "Run
All" in the released notebook reaches every widget without an error:

1. 必做题 (core): per graded item, the prompt (read-only), the widget built from the item's public
   part (read-only; :func:`smedx.grading.notebook.item`: saves, never judges) and a read-only
   autograder test cell worth the item's points whose source names the item and holds no key
   (``saved("m01.g_x")``); the trusted scorer writes its outputs (:mod:`smedx.grading.trusted`);
2. 反思 (reflection): the prompt with its rubric (read-only), then a "manually graded answer"
   markdown cell whose model answer is replaced by a stub in the release;
3. 进阶 (advanced, optional): per spec question, the prompt, a code "autograded answer" cell (the
   reference code is the solution region, removed in the release) and a test cell that records
   the learner's value as plain data (``record(globals(), "name", "kind")``); the check runs in the
   trusted scorer;
4. the saved answers and how to submit.

No cell source holds a key or a hidden test: nbgrader restores locked cells' sources from the
source notebook before executing a submission, so whatever a source cell holds would run in the
learner's kernel. The practice assignment (m00) has only the module's practice widgets and
visible checks: nothing is graded.

Output is deterministic (fixed cell ids, sorted keys), so a test can regenerate and compare.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from smedx.exercises import Question, questions
from smedx.files import write_atomic
from smedx.grading import trainer
from smedx.grading.assignment import AssignmentSpec, Reflection, judgement
from smedx.grading.privacy import answer_files
from smedx.grading.public import public_data

LINE_LENGTH = 100  # ruff's, so the generated code cells are already formatted
SOURCE_DIR = "solutions"
IMPORTS = "from smedx.grading.notebook import answer, data, item, record, saved, saved_answers"
PRACTICE_IMPORTS = "from smedx.grading.notebook import check_saved, exercise, saved_answers"


# --- cells ------------------------------------------------------------------------------------


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _cell(kind: str, cell_id: str, source: str, meta: dict | None) -> NotebookNode:
    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    cell = make(source, metadata=meta or {})
    cell["id"] = cell_id
    return cell


def markdown(cell_id: str, source: str, **nbgrader) -> NotebookNode:
    return _cell("markdown", cell_id, source, _meta(cell_id, **nbgrader) if nbgrader else None)


def code(cell_id: str, source: str, **nbgrader) -> NotebookNode:
    return _cell("code", cell_id, source, _meta(cell_id, **nbgrader) if nbgrader else None)


# --- literals formatted the way ruff formats them ---------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _flat(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flat(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as an answer literal")


def _exploded(value: Any, indent: int) -> str:
    """One item per line with trailing commas (ruff keeps that layout: magic trailing comma)."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, (list, tuple)) and value:
        items = [f"{inner}{_exploded(v, indent + 4)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, dict) and value:
        items = [f"{inner}{_flat(k)}: {_exploded(v, indent + 4)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    return _flat(value)


def call(function: str, *args: Any) -> str:
    """``function(args...)`` on one line if it fits, else exploded like ruff does."""
    flat = f"{function}({', '.join(_flat(a) for a in args)})"
    if _width(flat) <= LINE_LENGTH:
        return flat
    lines = "".join(f"    {_exploded(a, 4)},\n" for a in args)
    return f"{function}(\n{lines})"


# --- text -------------------------------------------------------------------------------------


def _core(qs: list[Question]) -> int:
    return sum(q.points for q in qs)


def _header(s: AssignmentSpec, qs: list[Question]) -> str:
    title = f"# {s.title.zh}\n# {s.title.en}\n\n{s.intro.zh}\n\n*{s.intro.en}*\n\n"
    saved = f"`answers_{s.module}.json`"
    if s.practice:
        return (
            title + "**怎么做**：运行下面的代码单元格（Shift + Enter，或“运行 → 运行所有单元格”），"
            f"用控件作答。答案会立即保存到本文件夹的 {saved}，重新打开笔记本也不会丢。最后按文末"
            "的说明试着提交一次。\n\n"
            "*How: run the code cells below (Shift + Enter, or Run → Run All Cells) and answer "
            f"with the widgets. Answers are saved at once to {saved} in this folder and survive "
            "reopening the notebook. Then try submitting once, as described at the end.*"
        )
    reflection = s.reflection.points if s.reflection else 0
    judged = sum(j.points for j in map(judgement, qs) if j)
    advanced = sum(a.points for a in s.advanced)
    total = _core(qs) + judged + reflection + advanced
    reasons = f"| 理由（老师评分）Reasons (graded by your trainer) | {judged} |\n" if judged else ""
    return title + (
        "**怎么做 · How**\n\n"
        "1. 运行代码单元格（Shift + Enter，或“运行 → 运行所有单元格”）。"
        "Run the code cells (Shift + Enter, or Run → Run All Cells).\n"
        f"2. **必做题**用控件作答：答案会立即保存到本文件夹的 {saved}，重启或重新打开都不会丢；"
        "计分题没有“检查”“提示”和“答案”：提交后由老师的批改程序评分，成绩和说明会出现在反馈里"
        "（想先练习，请用模块笔记本里的练习题）。"
        f"**Core questions**: answer with the widgets; answers are saved at once to {saved} in "
        "this folder and survive restarts and reopening. Graded questions have no Check, Hint or "
        "Solution: they are scored after you submit, and your feedback shows the score and why "
        "(to practise first, use the exercises in the module notebooks).\n"
        "3. **反思题**：双击答题单元格，用文字作答，由培训老师按评分标准评分。"
        "**Reflection**: double-click the answer cell and write; your trainer grades it with "
        "the rubric shown.\n"
        "4. **进阶题**（选做）写几行 pandas 代码，适合会编程的学员。"
        "**Advanced** (optional): a few lines of pandas, for learners who code.\n"
        "5. 保存笔记本，然后提交（见文末）。Save the notebook, then submit (see the end).\n\n"
        "| 部分 Part | 分值 Points |\n|---|---|\n"
        f"| 必做题 Core ({len(qs)}) | {_core(qs)} |\n"
        f"{reasons}"
        f"| 反思 Reflection | {reflection} |\n"
        f"| 进阶（选做）Advanced (optional) | {advanced} |\n"
        f"| **合计 Total** | **{total}** |"
    )


def _question_md(k: int, q: Question, graded: bool) -> str:
    points = f"（{q.points} 分 / points）" if graded else ""
    return f"### 第 {k} 题 · Question {k}{points}\n\n{q.prompt.zh}\n\n*{q.prompt.en}*"


def _rubric_md(r: Reflection, heading: str = "## 反思", heading_en: str = "Reflection") -> str:
    lines = "\n".join(f"- **{c.points} 分 / pt**：{c.text.zh} *{c.text.en}*" for c in r.rubric)
    return (
        f"{heading}（{r.points} 分，老师评分）· {heading_en} ({r.points} points, graded by your "
        f"trainer)\n\n{r.prompt.zh}\n\n*{r.prompt.en}*\n\n"
        f"**评分标准 · Rubric**\n\n{lines}"
    )


def _model_answer_md(r: Reflection) -> str:
    return f"**参考答案（供评分对照）· Model answer (for graders)**\n\n{r.model_answer.zh}\n\n{r.model_answer.en}"


def _advanced_test(name: str, kind: str) -> str:
    return f'record(globals(), "{name}", "{kind}")'


SUBMIT_MD = (
    "## 查看已保存的答案并提交 · Check your saved answers and submit\n\n"
    "运行下面的单元格，看看答案文件里保存了什么。然后保存笔记本（Ctrl + S），在 JupyterLab 的"
    "“Assignments”（作业）页面点 **Submit**；也可以在终端运行 `nbgrader submit {module}`。可以"
    "多次提交，老师以最后一次为准。\n\n"
    "*Run the cell below to see what your answer file holds. Then save the notebook (Ctrl + S) "
    "and click **Submit** on JupyterLab's Assignments page, or run `nbgrader submit {module}` in "
    "a terminal. You may submit again; your trainer grades the last submission.*"
)


# --- notebooks --------------------------------------------------------------------------------


def assignment_questions(root: Path | str, module: str) -> list[Question]:
    """The practice items of a practice assignment, else the trainer's graded items."""
    if trainer.spec(root, module).practice:
        return questions(module)
    return trainer.items(root, module)


def notebook(root: Path | str, module: str) -> NotebookNode:
    s = trainer.spec(root, module)
    qs = assignment_questions(root, module)
    m = module
    cells = [
        markdown(f"{m}-header", _header(s, qs), locked=True),
        code(f"{m}-imports", PRACTICE_IMPORTS if s.practice else IMPORTS, locked=True),
    ]
    if not s.practice:
        cells.append(
            markdown(f"{m}-core", "## 必做题 · Core questions（用控件作答 / widgets)", locked=True)
        )
    for k, q in enumerate(qs, 1):
        slug = q.id.split(".", 1)[1]
        cells.append(
            markdown(f"{m}-{slug}-prompt", _question_md(k, q, not s.practice), locked=True)
        )
        if s.practice:
            cells.append(code(f"{m}-{slug}-widget", call("exercise", q.id), locked=True))
            cells.append(code(f"{m}-{slug}-check", call("check_saved", q.id), locked=True))
            continue
        cells.append(code(f"{m}-{slug}-widget", call("item", public_data(q)), locked=True))
        cells.append(
            code(f"{m}-{slug}-test", call("saved", q.id), grade=True, locked=True, points=q.points)
        )
        reasons = judgement(q)
        if reasons:  # the learner's own choice: reasons graded by hand with a published rubric
            heading = f"#### 第 {k} 题的理由"
            cells.append(
                markdown(f"{m}-{slug}-rubric", _rubric_md(reasons, heading, "Reasons"), locked=True)
            )
            cells.append(
                markdown(
                    f"{m}-{slug}-reasons",
                    _model_answer_md(reasons),
                    solution=True,
                    grade=True,
                    points=reasons.points,
                )
            )
    if s.reflection:
        cells.append(markdown(f"{m}-reflection-prompt", _rubric_md(s.reflection), locked=True))
        cells.append(
            markdown(
                f"{m}-reflection",
                _model_answer_md(s.reflection),
                solution=True,
                grade=True,
                points=s.reflection.points,
            )
        )
    if s.advanced:
        cells.append(
            markdown(
                f"{m}-advanced",
                "## 进阶（选做）· Advanced (optional)\n\n"
                "给会写代码的学员：`data` 就是 `smedx.data`，用它读取报告的数据表。没有作答的进阶题"
                "不影响其他题目。\n\n"
                "*For learners who code: `data` is `smedx.data`, which loads the report's tables. "
                "Unanswered advanced questions do not affect the others.*",
                locked=True,
            )
        )
    for k, a in enumerate(s.advanced, 1):
        cells.append(
            markdown(
                f"{m}-{a.name}-prompt",
                f"### 进阶 {k} · Advanced {k}（{a.points} 分 / point）\n\n{a.prompt.zh}\n\n"
                f"*{a.prompt.en}*",
                locked=True,
            )
        )
        cells.append(
            code(
                f"{m}-{a.name}-answer",
                f"# 在下面写代码，把结果赋给 {a.name}。\n"
                f"# Write your code below and assign the result to {a.name}.\n"
                f"### BEGIN SOLUTION\n{a.solution}\n### END SOLUTION",
                solution=True,
            )
        )
        cells.append(
            code(
                f"{m}-{a.name}-test",
                _advanced_test(a.name, a.kind),
                grade=True,
                locked=True,
                points=a.points,
            )
        )
    cells.append(markdown(f"{m}-submit", SUBMIT_MD.format(module=m), locked=True))
    cells.append(code(f"{m}-saved", call("saved_answers", m), locked=True))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    nbformat.validate(nb)
    return nb


def text(nb: NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def modules_to_build(root: Path | str) -> list[str]:
    """Every module whose spec exists and that declares questions (empty ones are skipped)."""
    from smedx.exercises import MODULES

    return [m for m in MODULES if assignment_questions(root, m)]


def source_path(root: Path, module: str) -> Path:
    return Path(root) / SOURCE_DIR / module / f"{module}.ipynb"


def write(root: Path, modules: list[str] | None = None) -> list[Path]:
    """(Re)write the source notebooks; remove answer files a trial run left in their folders."""
    written = []
    for module in modules or modules_to_build(root):
        path = source_path(root, module)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stray in answer_files(path.parent):
            stray.unlink()
            print(f"removed {stray} (answers from a trial run would be released)")
        write_atomic(path, text(notebook(root, module)))  # never half a notebook
        written.append(path)
    return written
