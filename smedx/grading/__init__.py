"""Graded assignments with nbgrader: the course directory is the repository.

Graded items, advanced questions' checks and model answers live in the course's trainer-only
folder ``trainer/`` (never in this package); this package holds the mechanism:

- :mod:`smedx.grading.trainer`: loads ``trainer/items`` and ``trainer/specs`` by path.
- :mod:`smedx.grading.assignment`: the shape of an assignment spec (public types).
- :mod:`smedx.grading.public`: what a learner may see of a graded item (prompt, options).
- :mod:`smedx.grading.notebook`: what an assignment notebook imports (widgets that save, never judge).
- :mod:`smedx.grading.trusted`: the trusted scorer, an nbgrader step in the grader's process.
- :mod:`smedx.grading.build`: writes ``solutions/`` from ``trainer/``.
- :mod:`smedx.grading.release`: runs ``nbgrader generate_assignment`` into ``exercises/``.
- :mod:`smedx.grading.late`: the late-submission penalty plugin.
- :mod:`smedx.grading.privacy`: keeps answer files written in ``solutions/`` out of releases.
- :mod:`smedx.grading.parallel`: ``smedx grade``, parallel autograde with one gradebook writer.
- :mod:`smedx.grading.cohort`: throwaway courses and synthetic submissions (tests, benchmark).
- :mod:`smedx.grading.cli`: the ``smedx assignments`` and ``smedx grade`` commands.
"""
