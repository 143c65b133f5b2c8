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

Each notebook is in one language (``lang``): the Chinese edition is the one committed; an English
class gets the English edition built into the course folder on demand (``smedx assignments build
--lang en``). Both have the same cells, grade ids and points; only the markdown differs, and a
hidden read-only cell pins the learner's kernel to the notebook's language.

Output is deterministic (fixed cell ids, sorted keys), so a test can regenerate and compare.
"""

from __future__ import annotations

import json
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
from smedx.i18n import LANGS, Bilingual, _
from smedx.typography import display_width

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
    if display_width(flat) <= LINE_LENGTH:
        return flat
    lines = "".join(f"    {_exploded(a, 4)},\n" for a in args)
    return f"{function}(\n{lines})"


# --- text: one language per notebook (``lang``); the questions and specs bring both -----------

B = Bilingual


def _core(qs: list[Question]) -> int:
    return sum(q.points for q in qs)


HOW_PRACTICE = B(
    "**怎么做**：运行下面的代码单元格（Shift + Enter，或“运行 → 运行所有单元格”），用控件作答。"
    "答案会立即保存到本文件夹的 {saved}，重新打开笔记本也不会丢。最后按文末的说明试着提交一次。",
    "**How**: run the code cells below (Shift + Enter, or Run → Run All Cells) and answer with "
    "the widgets. Answers are saved at once to {saved} in this folder and survive reopening the "
    "notebook. Then try submitting once, as described at the end.",
)
HOW_GRADED = B(
    "**怎么做**\n\n"
    "1. 运行代码单元格（Shift + Enter，或“运行 → 运行所有单元格”）。\n"
    "2. **必做题**用控件作答：答案会立即保存到本文件夹的 {saved}，重启或重新打开都不会丢；"
    "计分题没有“检查”“提示”和“答案”：提交后由老师的批改程序评分，成绩和说明会出现在反馈里"
    "（想先练习，请用模块笔记本里的练习题）。\n"
    "3. **反思题**：双击答题单元格，用文字作答，由培训老师按评分标准评分。\n"
    "4. **进阶题**（选做）写几行 pandas 代码，适合会编程的学员。\n"
    "5. 保存笔记本，然后提交（见文末）。",
    "**How**\n\n"
    "1. Run the code cells (Shift + Enter, or Run → Run All Cells).\n"
    "2. **Core questions**: answer with the widgets; answers are saved at once to {saved} in "
    "this folder and survive restarts and reopening. Graded questions have no Check, Hint or "
    "Solution: they are scored after you submit, and your feedback shows the score and why "
    "(to practise first, use the exercises in the module notebooks).\n"
    "3. **Reflection**: double-click the answer cell and write; your trainer grades it with "
    "the rubric shown.\n"
    "4. **Advanced** (optional): a few lines of pandas, for learners who code.\n"
    "5. Save the notebook, then submit (see the end).",
)
POINTS_TABLE = B(
    "| 部分 | 分值 |\n|---|---|\n| 必做题（{n} 题） | {core} |\n{reasons}| 反思 | {reflection} |\n"
    "| 进阶（选做） | {advanced} |\n| **合计** | **{total}** |",
    "| Part | Points |\n|---|---|\n| Core ({n}) | {core} |\n{reasons}| Reflection | {reflection} |\n"
    "| Advanced (optional) | {advanced} |\n| **Total** | **{total}** |",
)
REASONS_ROW = B(
    "| 理由（老师评分） | {judged} |\n", "| Reasons (graded by your trainer) | {judged} |\n"
)
QUESTION = B("### 第 {k} 题{points}", "### Question {k}{points}")
QUESTION_POINTS = B("（{n} 分）", " ({n} point{s})")
CORE = B("## 必做题（用控件作答）", "## Core questions (answer with the widgets)")
REFLECTION = B("## 反思", "## Reflection")
REASONS = B("#### 第 {k} 题的理由", "#### Reasons for question {k}")
GRADED_BY_TRAINER = B("（{n} 分，老师评分）", " ({n} point{s}, graded by your trainer)")
RUBRIC = B("**评分标准**", "**Rubric**")
CRITERION = B("- **{n} 分**：{text}", "- **{n} point{s}**: {text}")
MODEL_ANSWER = B("**参考答案（供评分对照）**", "**Model answer (for graders)**")
ADVANCED = B(
    "## 进阶（选做）\n\n"
    "给会写代码的学员：`data` 就是 `smedx.data`，用它读取报告的数据表。没有作答的进阶题不影响其他题目。",
    "## Advanced (optional)\n\n"
    "For learners who code: `data` is `smedx.data`, which loads the report's tables. "
    "Unanswered advanced questions do not affect the others.",
)
ADVANCED_QUESTION = B("### 进阶 {k}（{n} 分）", "### Advanced {k} ({n} point{s})")
ADVANCED_ANSWER = B(
    "# 在下面写代码，把结果赋给 {name}。",
    "# Write your code below and assign the result to {name}.",
)
SUBMIT = B(
    "## 查看已保存的答案并提交\n\n"
    "运行下面的单元格，看看答案文件里保存了什么。然后保存笔记本（Ctrl + S），在 JupyterLab 的"
    "“Assignments”（作业）页面点 **Submit**（提交）；也可以在终端运行 `nbgrader submit {module}`。"
    "可以多次提交，老师以最后一次为准。",
    "## Check your saved answers and submit\n\n"
    "Run the cell below to see what your answer file holds. Then save the notebook (Ctrl + S) "
    "and click **Submit** on JupyterLab's Assignments page, or run `nbgrader submit {module}` in "
    "a terminal. You may submit again; your trainer grades the last submission.",
)


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _header(s: AssignmentSpec, qs: list[Question], lang: str) -> str:
    title = f"# {s.title.text(lang)}\n\n{s.intro.text(lang)}\n\n"
    saved = f"`answers_{s.module}.json`"
    if s.practice:
        return title + HOW_PRACTICE.text(lang).format(saved=saved)
    reflection = s.reflection.points if s.reflection else 0
    judged = sum(j.points for j in map(judgement, qs) if j)
    advanced = sum(a.points for a in s.advanced)
    total = _core(qs) + judged + reflection + advanced
    reasons = REASONS_ROW.text(lang).format(judged=judged) if judged else ""
    table = POINTS_TABLE.text(lang).format(
        n=len(qs), core=_core(qs), reasons=reasons, reflection=reflection, advanced=advanced,
        total=total,
    )  # fmt: skip
    return title + HOW_GRADED.text(lang).format(saved=saved) + "\n\n" + table


def _question_md(k: int, q: Question, graded: bool, lang: str) -> str:
    points = QUESTION_POINTS.text(lang).format(n=q.points, s=_plural(q.points)) if graded else ""
    return QUESTION.text(lang).format(k=k, points=points) + f"\n\n{q.prompt.text(lang)}"


def _rubric_md(r: Reflection, heading: str, lang: str) -> str:
    lines = "\n".join(
        CRITERION.text(lang).format(n=c.points, s=_plural(c.points), text=c.text.text(lang))
        for c in r.rubric
    )
    graded = GRADED_BY_TRAINER.text(lang).format(n=r.points, s=_plural(r.points))
    return f"{heading}{graded}\n\n{r.prompt.text(lang)}\n\n{RUBRIC.text(lang)}\n\n{lines}"


def _model_answer_md(r: Reflection, lang: str) -> str:
    return f"{MODEL_ANSWER.text(lang)}\n\n{r.model_answer.text(lang)}"


def _advanced_test(name: str, kind: str) -> str:
    return f'record(globals(), "{name}", "{kind}")'


def language_cell(lang: str) -> str:
    """Pins the learner's kernel to the notebook's language, whatever JupyterLab's language is."""
    return f'from smedx.i18n import set_language\n\nset_language("{lang}")'


# --- notebooks --------------------------------------------------------------------------------


def assignment_questions(root: Path | str, module: str) -> list[Question]:
    """The practice items of a practice assignment, else the trainer's graded items."""
    if trainer.spec(root, module).practice:
        return questions(module)
    return trainer.items(root, module)


def notebook(root: Path | str, module: str, lang: str = "zh") -> NotebookNode:
    """The source notebook of ``module`` in one language, ``lang`` ("zh" or "en"): the same
    cells, grade ids and points in both, only the markdown and the language cell differ."""
    if lang not in LANGS:
        raise ValueError(f"no such language: {lang!r}")
    s = trainer.spec(root, module)
    qs = assignment_questions(root, module)
    m = module
    cells = [
        markdown(f"{m}-header", _header(s, qs, lang), locked=True),
        code(f"{m}-imports", PRACTICE_IMPORTS if s.practice else IMPORTS, locked=True),
        code(f"{m}-language", language_cell(lang), locked=True),
    ]
    cells[-1].metadata["jupyter"] = {"source_hidden": True}
    if not s.practice:
        cells.append(markdown(f"{m}-core", CORE.text(lang), locked=True))
    for k, q in enumerate(qs, 1):
        slug = q.id.split(".", 1)[1]
        cells.append(
            markdown(f"{m}-{slug}-prompt", _question_md(k, q, not s.practice, lang), locked=True)
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
            heading = REASONS.text(lang).format(k=k)
            cells.append(
                markdown(f"{m}-{slug}-rubric", _rubric_md(reasons, heading, lang), locked=True)
            )
            cells.append(
                markdown(
                    f"{m}-{slug}-reasons",
                    _model_answer_md(reasons, lang),
                    solution=True,
                    grade=True,
                    points=reasons.points,
                )
            )
    if s.reflection:
        rubric = _rubric_md(s.reflection, REFLECTION.text(lang), lang)
        cells.append(markdown(f"{m}-reflection-prompt", rubric, locked=True))
        cells.append(
            markdown(
                f"{m}-reflection",
                _model_answer_md(s.reflection, lang),
                solution=True,
                grade=True,
                points=s.reflection.points,
            )
        )
    if s.advanced:
        cells.append(markdown(f"{m}-advanced", ADVANCED.text(lang), locked=True))
    for k, a in enumerate(s.advanced, 1):
        cells.append(
            markdown(
                f"{m}-{a.name}-prompt",
                ADVANCED_QUESTION.text(lang).format(k=k, n=a.points, s=_plural(a.points))
                + f"\n\n{a.prompt.text(lang)}",
                locked=True,
            )
        )
        cells.append(
            code(
                f"{m}-{a.name}-answer",
                ADVANCED_ANSWER.text(lang).format(name=a.name) + "\n"
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
    cells.append(markdown(f"{m}-submit", SUBMIT.text(lang).format(module=m), locked=True))
    cells.append(code(f"{m}-saved", call("saved_answers", m), locked=True))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "smedx": {"lang": lang},
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


def write(root: Path, modules: list[str] | None = None, lang: str = "zh") -> list[Path]:
    """(Re)write the source notebooks in ``lang``; remove answer files a trial run left in their
    folders."""
    written = []
    for module in modules or modules_to_build(root):
        path = source_path(root, module)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stray in answer_files(path.parent):
            stray.unlink()
            print(
                _("removed {path} (answers from a trial run would be released)").format(path=stray)
            )
        write_atomic(path, text(notebook(root, module, lang)))  # never half a notebook
        written.append(path)
    return written
