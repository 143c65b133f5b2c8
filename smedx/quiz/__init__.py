"""The pre/post test (issue #19): the forms a learner sees (:mod:`smedx.quiz.items`) and the answers
file the quiz app saves (:mod:`smedx.quiz.results`). The keys are trainer-only (``trainer/quiz``)."""

from smedx.quiz.items import BY_ID, FORMS, OBJECTIVES, PHASES, QuizItem
from smedx.quiz.results import QuizResult, load, results_dir, save

__all__ = [
    "BY_ID",
    "FORMS",
    "OBJECTIVES",
    "PHASES",
    "QuizItem",
    "QuizResult",
    "load",
    "results_dir",
    "save",
]
