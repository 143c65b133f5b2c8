"""JupyterLab's display language, as the learner chose it in Settings → Language."""

from __future__ import annotations


def lab_language() -> str | None:
    """ "zh" or "en" from JupyterLab's translation setting, or None when it says nothing."""
    return None
