"""nbgrader_config.py, the late-penalty plugin, the helpers assignment notebooks import, the
guards that keep answer files where they belong, and the ``smedx`` grading commands."""

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

from smedx.errors import KitError
from smedx.exercises import MODULES, AnswerStore
from smedx.grading import build, cohort, notebook, parallel, release
from smedx.grading.late import PerDayPenalty

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAY = 86400


# --- configuration ----------------------------------------------------------------------------


def test_config_sets_up_the_course():
    from nbgrader.converters import GenerateAssignment

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
        *defaults,
    ]
    assert c.AssignLatePenalties.plugin_class == "smedx.grading.late.PerDayPenalty"


def test_environment_chooses_gradebook_and_exchange():
    script = (
        "from smedx.grading.release import load_config;"
        "c = load_config('.');"
        "print(c.CourseDirectory.db_url); print(c.Exchange.root)"
    )
    env = {**os.environ, "SMEDX_GRADEBOOK_URL": "postgresql://u@h/db", "SMEDX_EXCHANGE": "/x"}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == ["postgresql://u@h/db", "/x"], out.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMEDX_")}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.stdout.split() == [f"sqlite:///{ROOT}/gradebook.db", "/srv/nbgrader/exchange"]


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


# --- the notebook helpers ---------------------------------------------------------------------


def graded_question(kind: str | None = None):
    for module in MODULES:
        for q in build.assignment_questions(module):
            if q.graded and (kind is None or q.kind == kind) and q.wrong_answers:
                return q
    pytest.skip(f"no graded {kind} question declared yet")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    notebook._CODED.clear()
    yield tmp_path
    notebook._CODED.clear()


def test_missing_answer_is_reported_not_raised_and_scores_zero(folder, capsys):
    q = graded_question()
    notebook.check_saved(q.id)
    assert "no answer saved yet" in capsys.readouterr().out
    assert notebook.points(q.id) == 0.0
    assert "还没有作答" in capsys.readouterr().out


def test_validate_turns_a_missing_answer_into_a_failure(folder, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with pytest.raises(AssertionError, match="widget above"):
        notebook.check_saved(graded_question().id)


def test_saved_answer_earns_the_questions_points(folder, capsys):
    q = graded_question()
    AnswerStore(q.module, folder).put(q.id, q.example_answer)
    notebook.check_saved(q.id)
    assert "✔" in capsys.readouterr().out
    assert notebook.points(q.id) == q.points
    notebook.answer(q.id, q.wrong_answers[0])  # an answer in code wins over the saved one
    assert notebook.points(q.id) < q.points


def test_partial_credit_becomes_partial_points(folder):
    q = graded_question("multi")
    notebook.answer(q.id, q.example_answer[:1])
    earned = notebook.points(q.id)
    assert earned == round(q.check(q.example_answer[:1]).score * q.points, 2)
    assert 0 < earned < q.points


def test_unreadable_answer_file_scores_zero_with_a_message(folder, capsys):
    q = graded_question()
    (folder / f"answers_{q.module}.json").write_text("{broken")
    notebook.check_saved(q.id)
    assert "cannot be read" in capsys.readouterr().out
    assert notebook.points(q.id) == 0.0


def test_check_variable_for_optional_coded_questions(capsys):
    notebook.check_variable({}, "top", "text")
    assert "not defined yet" in capsys.readouterr().out
    notebook.check_variable({"n": np.int64(3)}, "n", "integer")
    notebook.check_variable({"x": np.float64(1.5)}, "x", "number")
    assert "n = " in capsys.readouterr().out
    for value, kind in ((True, "integer"), ("3", "integer"), (3, "dict"), (2, "text")):
        with pytest.raises(AssertionError, match="must be"):
            notebook.check_variable({"v": value}, "v", kind)


def test_graded_widget_offers_no_solution_button(folder):
    widget = notebook.exercise(graded_question().id)
    assert widget.solution_button.disabled and widget.solution_button.layout.display == "none"


def test_unknown_question_in_answer_lists_the_known_ones():
    with pytest.raises(KitError, match="available"):
        notebook.answer("m01.nope", 1)


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
    assert all(build._width(line) <= build.LINE_LENGTH for line in long.splitlines())


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
