"""Decision models the course teaches: plain functions and dataclasses, no widgets, no I/O
beyond :mod:`smedx.data`. Every result serialises to JSON (``to_dict``) for apps, reports and
grading, and is read back once, where it enters the kit, by :func:`smedx.models.registry.parse`;
every bad input raises :class:`smedx.errors.KitError` in zh-CN and en."""
