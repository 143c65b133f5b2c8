"""ipywidgets components. They wrap :mod:`smedx.models` and :mod:`smedx.exercises` and hold no
business logic of their own: every number and every verdict comes from those layers."""
