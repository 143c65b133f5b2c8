"""Graded items of assignment 06 (trainer only). Initial content: graded copies of the practice
items of ``smedx.exercises.m06``, to be replaced by parallel forms."""

from ._practice import graded_copies

QUESTIONS = graded_copies("m06", {"m06.my_plan": {"form_options": {"example": True}}})
