"""Graded items of assignment 05 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m05``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m05", None)
