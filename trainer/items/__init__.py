"""Graded items per assignment: ``mNN.QUESTIONS``, a list of
:class:`smedx.exercises.core.Question` with ``graded=True``, in assignment order."""
