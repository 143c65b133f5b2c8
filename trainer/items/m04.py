"""Graded items of assignment 04 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m04``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m04", None)
