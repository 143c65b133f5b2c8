"""nbgrader configuration of the SME DX Kit course (数转课堂): this repository is the course directory.

nbgrader reads this file when an nbgrader command (or the formgrader) starts in this folder. The
instructor guide (docs/instructor-guide.md) explains the workflow; the tests in
tests/test_grading_*.py run it with real Unix accounts and a real exchange.

Two environment variables change what differs between machines:
  SMEDX_EXCHANGE        the exchange folder shared by trainers and learners
                        (default /srv/nbgrader/exchange, nbgrader's own default)
  SMEDX_GRADEBOOK_URL   a SQLAlchemy URL for the gradebook, e.g.
                        postgresql://smedx@dbhost/smedx (default: gradebook.db here, SQLite)
"""

import os
from pathlib import Path

import nbgrader
from nbgrader.converters import Autograde, GenerateAssignment
from nbgrader.preprocessors import ClearSolutions, Execute, OverwriteCells

import smedx.grading
import smedx.grading.collect
import smedx.grading.feedback

c = get_config()  # noqa: F821  (nbgrader provides get_config when it loads this file)

ROOT = Path(__file__).resolve().parent
# One assignment per module; m00 is an ungraded practice run of fetch -> answer -> submit.
ASSIGNMENTS = ["m00", "m01", "m02", "m03", "m04", "m05", "m06"]

# --- the course directory ---------------------------------------------------------------------
# Paths are relative to the repository, wherever nbgrader is started from.
c.CourseDirectory.root = str(ROOT)
# The course id names the course in the exchange (exchange/smedx/...) and in the gradebook.
c.CourseDirectory.course_id = "smedx"
# Instructor notebooks with solutions and hidden tests (written by `smedx assignments build`).
c.CourseDirectory.source_directory = "solutions"
# What learners get, made by `nbgrader generate_assignment`; committed for self-study learners.
c.CourseDirectory.release_directory = "exercises"

# --- the gradebook ----------------------------------------------------------------------------
# SQLite (one file, no server) suits one trainer grading on one machine. SQLite takes one writer
# at a time: when several trainers grade at once, point every trainer's nbgrader at one
# PostgreSQL database (driver: psycopg 3). `smedx grade` runs notebooks in parallel but
# writes the gradebook from one process, so SQLite is safe there too.
c.CourseDirectory.db_url = os.environ.get("SMEDX_GRADEBOOK_URL") or (
    f"sqlite:///{ROOT / 'gradebook.db'}"
)

# --- the exchange -----------------------------------------------------------------------------
# A folder every trainer and learner account can reach (the hub's shared volume). nbgrader
# creates it (mode 777) on first release if the trainer may; otherwise an administrator creates
# it once: `sudo mkdir -p /srv/nbgrader/exchange && sudo chmod 777 /srv/nbgrader/exchange`.
c.Exchange.root = os.environ.get("SMEDX_EXCHANGE", "/srv/nbgrader/exchange")
# nbgrader's release, except that answer files an instructor's trial run left in exercises/ are
# never put in the exchange (see smedx/grading/privacy.py).
c.ExchangeFactory.release_assignment = "smedx.grading.privacy.ReleaseAssignment"
# nbgrader's collect, except that a learner's submission is copied without following links and
# within the size limits: links, devices and FIFOs are skipped (smedx/grading/collect.py). On the
# cluster, the per-learner collect the trainer image's config chose (a SafeCollect too) is kept.
c.ExchangeFactory.collect = smedx.grading.collect.collect_class()

# --- generate_assignment: solutions/ -> exercises/ ---------------------------------------------
# A solution region becomes nothing: the comment lines above it stay ("answer with the widget
# above; nothing to change here" or "write your code below"). nbgrader's default stub,
# `raise NotImplementedError()`, would stop a non-programmer's "Run All" at the first question.
c.ClearSolutions.code_stub = {"python": ""}
# A written answer (the reflection) starts as this text; a learner double-clicks to replace it.
# An assignment notebook that says its language gets the stub in that language instead
# (smedx.grading.stubs, in the list below).
c.ClearSolutions.text_stub = (
    "（请双击本单元格，在此作答。）\n(Double-click this cell and write your answer here.)"
)
# First refuse to generate when solutions/mNN holds an answer file (an instructor's widget trial):
# learners would receive it. Then nbgrader's own steps, the written answers' stub in the
# notebook's language.
c.GenerateAssignment.preprocessors = [
    "smedx.grading.privacy.RefuseAnswerFiles",
    *(
        "smedx.grading.stubs.ClearSolutionsInItsLanguage" if p is ClearSolutions else p
        for p in GenerateAssignment.class_traits()["preprocessors"].default()
    ),
]

# --- autograde --------------------------------------------------------------------------------
# Scores come from the trusted scorer, in the grader's process, right after the learner's notebook
# ran: it reads the submitted answers file and the values the locked cells recorded, checks them
# with the keys in trainer/ (never installed, never released) and replaces every graded test
# cell's outputs with the score and a readable message (smedx/grading/trusted.py). Nothing the
# learner's kernel prints or patches counts.
# A graded cell the learner deleted is restored before the notebook runs (nbgrader's own restore
# fails when the cell before it is read-only, as every item's widget is).
c.Autograde.sanitize_preprocessors = [
    "smedx.grading.trusted.RestoreCells" if p is OverwriteCells else p
    for p in Autograde.class_traits()["sanitize_preprocessors"].default()
]
_AUTOGRADE = Autograde.class_traits()["autograde_preprocessors"].default()
_AFTER_EXECUTE = _AUTOGRADE.index(Execute) + 1
# Plain `nbgrader autograde` and the formgrader's Autograde button would run learner code with the
# trainer's rights: their Execute step refuses and names `sudo smedx grade mNN` (which runs it
# under an unprivileged grading account), unless SMEDX_UNSAFE_AUTOGRADE=1 or
# c.TrainerExecute.unsafe_same_user = True says every submission is trusted.
c.Autograde.autograde_preprocessors = [
    *_AUTOGRADE[: _AFTER_EXECUTE - 1],
    "smedx.grading.sandbox.TrainerExecute",
    "smedx.grading.trusted.TrustedScores",
    *_AUTOGRADE[_AFTER_EXECUTE:],
]
# Seconds one cell may run. Assignment cells take well under a second; a learner's runaway loop
# is stopped instead of holding up the whole cohort.
c.Execute.timeout = 120
# A learner who deleted a graded or read-only cell gets it back before grading (and nothing else
# changes), instead of the whole notebook failing to grade.
c.OverwriteCells.add_missing_cells = True
# Autograde copies every non-notebook file of solutions/mNN over the submission ("master
# copies"). The learner's widget answers must never be replaced that way.
c.Autograde.exclude_overwriting = {a: [f"answers_{a}.json"] for a in ASSIGNMENTS}

# --- feedback ---------------------------------------------------------------------------------
# The kit's feedback page (smedx/grading/templates/smedx_feedback): Chinese first, the score and
# message per question, no code of read-only cells, no traceback, no script from a CDN (nbgrader's
# own page loads MathJax from one), so it opens offline. nbgrader's templates stay on the path:
# the page uses their stylesheet.
# Set on generate_feedback's own exporter class: the formgrader reads this file too and would
# render its grading view with the feedback template. Markdown on the page passes an allowlist
# (smedx_clean) and learner outputs show as text: a learner's HTML never acts on the page.
c.GenerateFeedback.exporter_class = "smedx.grading.feedback.FeedbackExporter"
c.FeedbackExporter.template_name = "smedx_feedback"
c.FeedbackExporter.filters = {"smedx_clean": "smedx.grading.feedback.clean_markdown_html"}
c.FeedbackExporter.sanitize_html = False  # the template decides what renders as HTML
c.FeedbackExporter.preprocessors = []
c.FeedbackExporter.extra_template_basedirs = [
    str(Path(smedx.grading.__file__).parent / "templates"),
    str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"),
]
# The formgrader (the trainer's grading view, an HTMLExporter built from this file) shows a
# learner's notebook with its outputs and markdown sanitized: no script, style or positioned
# markup of a learner runs in the trainer's session (its own template has no such switch for
# markdown, so the sanitizing runs as a preprocessor).
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.preprocessors = ["nbconvert.preprocessors.sanitize.SanitizeHTML"]
c.SanitizeHTML.enabled = True
c.SanitizeHTML.tags = sorted(smedx.grading.feedback.TAGS)
c.SanitizeHTML.attributes = smedx.grading.feedback.allowed_attribute

# --- late submissions -------------------------------------------------------------------------
# Due dates are set per assignment (`nbgrader db assignment add m01 --duedate="2025-06-30 18:00
# Asia/Shanghai"`) and extensions per learner in the formgrader. A late notebook loses
# points_per_day for every started day late, at most max_penalty (never below zero).
c.AssignLatePenalties.plugin_class = "smedx.grading.late.PerDayPenalty"
c.PerDayPenalty.points_per_day = 1.0
c.PerDayPenalty.max_penalty = 3.0
