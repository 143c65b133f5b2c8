"""Trainer-only course material: graded items (keys) and assignment specs.

This folder is never installed, never copied to a learner image or a learner's copy of the
course. Trainer tools load it by path from the course root (:mod:`smedx.grading.trainer`).
"""
