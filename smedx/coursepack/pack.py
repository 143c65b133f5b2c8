"""Placeholder until its engineer lands it (lead skeleton)."""


def register(actions) -> None:
    pass
