"""Graded items of assignment 03 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m03``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m03", None)
