"""Initial content: graded copies of the module's practice items (same checker and keys).

A stopgap so the mechanism works end to end; each ``mNN.py`` is to be replaced by parallel forms
(same objective, different figures, numbers or options) whose keys exist only here.
"""

from dataclasses import replace

from smedx.exercises import questions


def graded_copies(module: str, meta: dict | None = None) -> list:
    """The module's practice items (reflections aside) as graded items ``mNN.g_<name>``."""
    items = []
    for q in questions(module):
        if q.kind == "text":
            continue
        extra = {"parallel_of": q.id, **(meta or {}).get(q.id, {})}
        slug = q.id.split(".", 1)[1]
        items.append(replace(q, id=f"{module}.g_{slug}", graded=True, meta={**q.meta, **extra}))
    return items
