"""Late submissions: a fixed number of points off per started day late, capped.

nbgrader's ``AssignLatePenalties`` preprocessor calls the configured plugin once per notebook
during autograde with the notebook's score at that moment and the seconds late (after any
extension granted in the gradebook), and itself caps the penalty at the score, so a notebook
never goes below zero. A fixed number of points (not a percentage of the score) keeps the penalty
the same whether autograde runs before or after the reflection is graded by hand.
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class PerDayPenalty(LateSubmissionPlugin):
    """``points_per_day`` off for every started day (24 h) late, at most ``max_penalty``."""

    points_per_day = Float(1.0, help="Points taken off per started day late.").tag(config=True)
    max_penalty = Float(3.0, help="The most a late submission can lose.").tag(config=True)

    def late_submission_penalty(
        self, student_id: str, score: float, total_seconds_late: float
    ) -> float | None:
        if total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        penalty = min(self.points_per_day * days, self.max_penalty)
        self.log.info("%s is %d day(s) late: penalty %s point(s)", student_id, days, penalty)
        return penalty
