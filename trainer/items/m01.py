"""Graded items of assignment 01 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m01``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m01", None)
