"""Per assignment, the trainer-only parts: advanced questions' reference code and checks, the
reflection's rubric and model answer. Loaded by path (:mod:`smedx.grading.trainer`)."""
