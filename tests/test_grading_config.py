"""nbgrader_config.py, the late-penalty plugin, the helpers assignment notebooks import, the
trusted scorer's parts, the guards that keep answer files where they belong, and the ``smedx``
grading commands."""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from smedx import exercises
from smedx.errors import KitError
from smedx.exercises import MODULES, AnswerStore
from smedx.grading import build, cohort, notebook, parallel, release, trainer, trusted
from smedx.grading.late import PerDayPenalty
from smedx.grading.public import RECORD_MIME, SAVED, public_data, public_question
from smedx.i18n import using
from smedx.typography import display_width

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAY = 86400


# --- configuration ----------------------------------------------------------------------------


def test_config_sets_up_the_course():
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import ClearSolutions

    c = release.load_config(ROOT)
    assert c.CourseDirectory.root == str(ROOT)
    assert c.CourseDirectory.course_id == "smedx"
    assert (c.CourseDirectory.source_directory, c.CourseDirectory.release_directory) == (
        "solutions",
        "exercises",
    )
    assert c.ClearSolutions.code_stub == {"python": ""}
    assert "双击" in c.ClearSolutions.text_stub and "YOUR ANSWER" not in c.ClearSolutions.text_stub
    assert c.OverwriteCells.add_missing_cells is True
    assert 30 <= c.Execute.timeout <= 600
    assert c.Autograde.exclude_overwriting == {m: [f"answers_{m}.json"] for m in MODULES}
    defaults = GenerateAssignment.class_traits()["preprocessors"].default()
    assert c.GenerateAssignment.preprocessors == [
        "smedx.grading.privacy.RefuseAnswerFiles",
        *("smedx.grading.stubs.ClearSolutionsInItsLanguage" if p is ClearSolutions else p
          for p in defaults),
    ]  # fmt: skip
    assert c.AssignLatePenalties.plugin_class == "smedx.grading.late.PerDayPenalty"
    steps = [getattr(p, "__name__", p) for p in c.Autograde.autograde_preprocessors]
    execute = steps.index("smedx.grading.sandbox.TrainerExecute")  # refuses unless opted in
    assert "Execute" not in steps
    assert steps.index("smedx.grading.trusted.TrustedScores") == execute + 1
    assert steps.index("SaveAutoGrades") > steps.index("smedx.grading.trusted.TrustedScores")
    sanitize = [getattr(p, "__name__", p) for p in c.Autograde.sanitize_preprocessors]
    assert "smedx.grading.trusted.RestoreCells" in sanitize and "OverwriteCells" not in sanitize
    assert c.GenerateFeedback.exporter_class == "smedx.grading.feedback.FeedbackExporter"
    assert c.FeedbackExporter.template_name == "smedx_feedback"


def test_environment_chooses_gradebook_and_exchange(monkeypatch):
    # load_config executes nbgrader_config.py afresh on each call: no new interpreter needed
    def chosen() -> list[str]:
        c = release.load_config(ROOT)
        return [c.CourseDirectory.db_url, c.Exchange.root]

    monkeypatch.setenv("SMEDX_GRADEBOOK_URL", "postgresql://u@h/db")
    monkeypatch.setenv("SMEDX_EXCHANGE", "/x")
    assert chosen() == ["postgresql://u@h/db", "/x"]
    for name in [k for k in os.environ if k.startswith("SMEDX_")]:
        monkeypatch.delenv(name)
    assert chosen() == [f"sqlite:///{ROOT}/gradebook.db", "/srv/nbgrader/exchange"]


def test_nbgrader_resolves_every_configured_class():
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory
    from nbgrader.preprocessors import AssignLatePenalties

    from smedx.grading.privacy import ReleaseAssignment

    c = release.load_config(ROOT)
    late = AssignLatePenalties(config=c)
    late.init_plugin()
    assert isinstance(late.plugin_inst, PerDayPenalty) and late.plugin_inst.max_penalty == 3.0
    factory = ExchangeFactory(config=c)
    assert factory.release_assignment is ReleaseAssignment
    assert CourseDirectory(config=c).course_id == "smedx"


def test_answer_files_are_not_ignored_by_the_exchange():
    """submit, collect and autograde copy the folder minus CourseDirectory.ignore."""
    from nbgrader.coursedir import CourseDirectory

    ignore = CourseDirectory(config=release.load_config(ROOT)).ignore
    assert not [g for g in ignore if fnmatch.fnmatch("answers_m01.json", g)]


# --- late submissions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "penalty"),
    [(0, None), (-5, None), (1, 1.0), (DAY, 1.0), (DAY + 1, 2.0), (3 * DAY, 3.0), (30 * DAY, 3.0)],
)
def test_penalty_per_started_day_is_capped(seconds, penalty):
    assert PerDayPenalty().late_submission_penalty("x", 10.0, seconds) == penalty


def test_penalty_is_configurable():
    from traitlets.config import Config

    c = Config()
    c.PerDayPenalty.points_per_day = 0.5
    c.PerDayPenalty.max_penalty = 5.0
    assert PerDayPenalty(config=c).late_submission_penalty("x", 10.0, 4 * DAY) == 2.0


# --- the notebook helpers (learner side: they save and show, never judge) -----------------------


def graded_item(kind: str | None = None):
    for module in MODULES:
        for q in build.assignment_questions(ROOT, module):
            if q.graded and (kind is None or q.kind == kind) and q.wrong_answers:
                return q
    raise AssertionError(f"no graded {kind} item in trainer/items")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    yield tmp_path


def test_public_part_holds_no_key():
    for kind in ("choice", "multi", "number"):
        q = graded_item(kind)
        data = public_data(q)
        assert set(data) <= {"id", "module", "kind", "points", "prompt", "options"} | {
            "number_range",
            "form",
            "form_options",
            "answer_id",
        }
        text = json.dumps(data, ensure_ascii=False)
        assert q.solution.zh not in text and q.solution.en not in text
        public = public_question(json.loads(text))
        assert public.options == q.options and public.kind == q.kind and not public.hints
        # the same saved message for the right answer and a wrong one: no signal
        assert public.check(q.example_answer) == public.check(q.wrong_answers[0]) == SAVED


def test_graded_widget_saves_without_check_hint_or_solution(folder):
    q = graded_item("choice")
    widget = notebook.item(public_data(q))
    for button in (widget.check_button, widget.hint_button, widget.solution_button):
        assert button.disabled and button.layout.display == "none"
    widget.set_answer(q.example_answer)
    widget._on_change()
    assert "已保存" in widget.status.value
    assert AnswerStore(q.module, folder).get(q.id) == q.example_answer
    assert "正确" not in widget.feedback.value and "Correct" not in widget.status.value


def test_graded_self_assessment_form_saves_without_the_practice_verdict(folder):
    q = next(
        i for m in MODULES for i in build.assignment_questions(ROOT, m) if i.form == "assessment"
    )
    form = notebook.item(public_data(q))
    answers = {item.id: "d" for item in form.questionnaire.items}
    form.set_profile(industry="retail", enterprise_type="zjtx", revenue_10k_cny=8000)
    form.set_answers(answers)  # complete: the practice form would show "✔ 练习 …"
    assert "已保存" in form.saved_status.value
    assert "✔" not in form.saved_status.value and "✘" not in form.saved_status.value


def test_saved_shows_the_option_text_not_a_verdict(folder, capsys):
    q = graded_item("choice")
    notebook.item(public_data(q))
    notebook.saved(q.id)
    assert "还没有保存答案" in capsys.readouterr().out
    notebook.answer(q.id, q.wrong_answers[0])  # code answers are saved like widget ones
    notebook.saved(q.id)
    out = capsys.readouterr().out
    chosen = next(o for o in q.options if o.key == q.wrong_answers[0])
    assert chosen.zh in out and "✘" not in out and "正确" not in out


def test_validate_turns_a_missing_answer_into_a_failure(folder, monkeypatch):
    q = graded_item()
    notebook.item(public_data(q))
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="上方控件"):
        notebook.saved(q.id)


def test_record_shows_and_records_coded_answers(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()  # display() needs a shell to publish to
    notebook.record({}, "top", "text")
    assert "还没有定义 top" in capsys.readouterr().out
    for value, kind in ((np.int64(3), "integer"), (np.float64(1.5), "number"), ({"a": 1}, "dict")):
        notebook.record({"n": value}, "n", kind)
    for value, kind in ((True, "integer"), ("3", "integer"), (3, "dict"), (2, "text")):
        with pytest.raises(AssertionError, match="应是"):
            notebook.record({"v": value}, "v", kind)
    with using("en"), pytest.raises(AssertionError, match="v must be an integer; it is a str"):
        notebook.record({"v": "3"}, "v", "integer")


def test_unknown_question_in_answer_lists_the_known_ones():
    with pytest.raises(KitError, match="available"):
        notebook.answer("m01.nope", 1)


# --- the trusted scorer's parts ----------------------------------------------------------------


def write_answers(folder: Path, module: str, answers: dict) -> Path:
    for key, value in answers.items():
        AnswerStore(module, folder).put(key, value)
    return folder / f"answers_{module}.json"


def test_answers_are_read_strictly_with_named_reasons(tmp_path):
    q = graded_item()
    path = write_answers(tmp_path, q.module, {q.id: q.example_answer})
    assert trusted.read_answers(path) == {q.id: q.example_answer}
    cases = {
        "no_answers_file": None,
        "answers_too_large": b'{"x": {"answer": "' + b"y" * 600_000 + b'"}}',
        "answers_malformed": b'{"x": {"answer": NaN}}',
    }
    for reason, content in cases.items():
        path.unlink(missing_ok=True)
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(trusted.ScoreError) as err:
            trusted.read_answers(path)
        assert err.value.reason == reason
    path.write_bytes(b'{"a": 1, "a": 2}')
    with pytest.raises(trusted.ScoreError, match="answers_malformed"):
        trusted.read_answers(path)
    path.unlink()
    path.symlink_to(ROOT / "trainer" / "items" / f"{q.module}.py")
    with pytest.raises(trusted.ScoreError, match="answers_not_a_file"):
        trusted.read_answers(path)


def test_recorded_value_comes_only_from_one_plain_output():
    cell = {"outputs": []}
    with pytest.raises(trusted.ScoreError, match="no_recorded_value"):
        trusted.recorded_value(cell, "x")
    one = {"output_type": "display_data", "data": {RECORD_MIME: {"name": "x", "value": 3}}}
    assert trusted.recorded_value({"outputs": [one]}, "x") == 3
    with pytest.raises(trusted.ScoreError, match="recorded_value_invalid"):
        trusted.recorded_value({"outputs": [one, one]}, "x")
    with pytest.raises(trusted.ScoreError, match="recorded_value_invalid"):
        trusted.recorded_value({"outputs": [one]}, "y")


def test_scorer_replaces_whatever_the_kernel_printed(tmp_path):
    """TrustedScores on a built notebook: every graded cell gets the checker's points."""
    import nbformat
    from nbgrader.utils import determine_grade

    course = cohort.course_copy(ROOT, tmp_path / "course")
    module = "m01"
    items = trainer.items(course, module)
    folder = course / "submitted" / "learner" / module
    folder.mkdir(parents=True)
    answers = {q.id: q.wrong_answers[0] if i % 2 else q.example_answer for i, q in enumerate(items)}
    write_answers(folder, module, answers)
    nb = build.notebook(course, module)
    for cell in nb.cells:  # what a patched kernel could print: full points everywhere
        if cell.cell_type == "code":
            cell.outputs = [
                nbformat.v4.new_output("execute_result", {"text/plain": "2.0"}, execution_count=1)
            ]
    scorer = trusted.TrustedScores(course_root=str(course))
    resources = {"nbgrader": {"assignment": module, "student": "learner"}}
    nb, _ = scorer.preprocess(nb, resources)
    graded = {
        c.metadata.nbgrader.grade_id: c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }
    for q in items:
        cell = graded[f"{module}-{q.id.split('.', 1)[1]}-test"]
        want = round(q.check(answers[q.id]).score * q.points, 2)
        assert determine_grade(cell)[0] == pytest.approx(want), q.id
        shown = cell.outputs[0]["data"]["text/plain"]
        assert "得分" in shown and "你的答案：" in shown and "Score" not in shown
    spec = trainer.spec(course, module)
    for a in spec.advanced:
        cell = graded[f"{module}-{a.name}-test"]
        assert determine_grade(cell)[0] == 0 and "no_recorded_value" in json.dumps(cell.outputs)


def test_scorer_checks_a_recorded_value_in_the_graders_process():
    spec = trainer.spec(ROOT, "m01")
    a = spec.advanced[0]
    namespace: dict = {"data": __import__("smedx").data}
    exec(a.solution, namespace)
    assert trusted.check_advanced(a, namespace[a.name]).correct
    with pytest.raises(trusted.ScoreError, match="wrong_value"):
        trusted.check_advanced(a, "not the answer")


def test_no_graded_item_is_known_to_the_package():
    practice = {q.id for q in exercises.all_questions()}
    assert not practice & {q.id for m in MODULES[1:] for q in trainer.items(ROOT, m)}


# --- answer files stay with their owner -------------------------------------------------------


@pytest.mark.slow
def test_generate_refuses_answers_left_in_the_source(tmp_path):
    course = cohort.course_copy(ROOT, tmp_path / "course")
    (course / "solutions" / "m01" / "answers_m01.json").write_text("{}")
    with pytest.raises(KitError, match="answers_m01.json"):
        release.generate(course, ["m01"], release_dir=tmp_path / "release")
    assert not (tmp_path / "release" / "m01").exists()


@pytest.mark.slow
def test_release_leaves_answer_files_out_of_the_exchange(tmp_path):
    course = cohort.course_copy(ROOT, tmp_path / "course")
    (course / "exercises" / "m01" / "answers_m01.json").write_text("{}")
    (course / "exercises" / "m01" / "notes.txt").write_text("a handout travels")
    exchange = tmp_path / "exchange"
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "SMEDX_EXCHANGE": str(exchange)}
    result = subprocess.run(
        [str(BIN / "nbgrader"), "release_assignment", "m01"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    released = sorted(p.name for p in (exchange / "smedx" / "outbound" / "m01").iterdir())
    assert released == ["m01.ipynb", "notes.txt"]
    assert "Not releasing" in result.stderr


# --- generator details ------------------------------------------------------------------------


def test_long_reference_answers_are_written_like_ruff_writes_them():
    short = build.call("answer", "m09.x", ["a", "b"])
    assert short == 'answer("m09.x", ["a", "b"])'
    value = {"answers": {f"F{i}": "c" for i in range(12)}, "note": "示例" * 5}
    long = build.call("answer", "m09.x", value)
    assert long.startswith("answer(\n") and long.endswith(",\n)")
    call = ast.parse(long).body[0].value
    assert ast.literal_eval(call.args[1]) == value
    assert all(display_width(line) <= build.LINE_LENGTH for line in long.splitlines())


def test_cli_registers_the_grading_commands(capsys):
    from smedx.cli import main

    for argv in (["grade", "--help"], ["assignments", "build", "--help"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "--jobs" in out and "--course-dir" in out


def test_grade_without_submissions_says_what_to_do(tmp_path):
    course = cohort.course_copy(ROOT, tmp_path / "course")
    with pytest.raises(KitError, match="nbgrader collect m01"):
        parallel.grade(course, "m01", progress=False)


def test_check_command_reports_a_stale_solution(tmp_path, capsys):
    from smedx.cli import main

    course = cohort.course_copy(ROOT, tmp_path / "course")
    path = course / "solutions" / "m01" / "m01.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = "# edited by hand"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["assignments", "check", "m01", "--course-dir", str(course)]) == 1
    assert "edited by hand" in capsys.readouterr().out


def test_the_score_message_is_in_one_language():
    """The autograded cell's message: Chinese by default, English under SMEDX_LANG=en."""
    message, answer = trusted.Text("答对了", "Right"), trusted.Text("甲", "A")
    html = trusted.outputs("g", 1.0, 2.0, message, answer, False)[0]["data"]
    assert html["text/plain"] == "◐ 得分 1 / 2\n你的答案：甲\n答对了"
    with using("en"):
        html = trusted.outputs("g", 1.0, 2.0, message, answer, False)[0]["data"]
    assert html["text/plain"] == "◐ Score 1 / 2\nYour answer: A\nRight"
    assert "<div>Your answer: A</div>" in html["text/html"] and "甲" not in html["text/html"]
