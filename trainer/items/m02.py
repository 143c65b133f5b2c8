"""Graded items of assignment 02 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m02``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m02", {"m02.self_assessment": {"answer_id": "m02.self_assessment"}})
