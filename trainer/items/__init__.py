"""Graded items per assignment: ``mNN.QUESTIONS``, a list of
:class:`smedx.exercises.core.Question` with ``graded=True``, in assignment order.

Each item is a parallel form of a practice item of ``smedx.exercises.mNN``: the same learning
objective and the same kind of answer (so the same widget), other figures, numbers, options or
example company, and at least the practice item's points. Its ``meta`` names
``objective`` (the module's learning objective, numbered as in the module's notebook) and
``parallel_of`` (the practice item's id); a form item names its form (``form``, as its
practice item does) and keeps what the form needs (``answer_id`` or ``form_options``).
tests/test_graded_items.py checks all of this, and that every report number they print comes
from :mod:`smedx.data`.
"""
