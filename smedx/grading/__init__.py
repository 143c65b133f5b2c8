"""Graded assignments with nbgrader: the course directory is the repository.

- :mod:`smedx.grading.notebook`: what an assignment notebook imports (widget, checks, scores).
- :mod:`smedx.grading.specs`: per assignment, what ``smedx.exercises`` does not hold: the
  进阶 (advanced) pandas questions and the manually graded reflection with its rubric.
- :mod:`smedx.grading.build`: writes ``solutions/`` from the questions and the specs.
- :mod:`smedx.grading.release`: runs ``nbgrader generate_assignment`` into ``exercises/``.
- :mod:`smedx.grading.late`: the late-submission penalty plugin.
- :mod:`smedx.grading.privacy`: keeps answer files written in ``solutions/`` out of releases.
- :mod:`smedx.grading.parallel`: ``smedx grade``, parallel autograde with one gradebook writer.
- :mod:`smedx.grading.cohort`: throwaway courses and synthetic submissions (tests, benchmark).
- :mod:`smedx.grading.cli`: the ``smedx assignments`` and ``smedx grade`` commands.
"""
