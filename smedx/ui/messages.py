"""The apps' messages in the current language, never a traceback."""

from __future__ import annotations

from html import escape

from smedx.errors import KitError
from smedx.i18n import Bilingual, _, language

RED, GREEN, GREY = "#b00020", "#1a7f37", "#555"
ORANGE = "#b35900"  # a caution or a wrong answer, not an error


def line_html(text: str, color: str | None = GREY) -> str:
    """One message line (text already in the page's language); ``color=None`` keeps the
    surrounding text colour."""
    style = f" style='color:{color}'" if color else ""
    return f"<div{style}>{escape(text)}</div>"


def message_html(zh: str, en: str, color: str | None = GREY) -> str:
    """The message in the current language; ``color=None`` keeps the surrounding text colour."""
    return line_html(Bilingual(zh, en).text(), color)


def error_html(err: Exception) -> str:
    """A red message; an unexpected error is named, and the inputs are said to be kept."""
    if isinstance(err, KitError):
        text = err.message(language())
    else:
        text = _(
            "Something unexpected went wrong ({name}). Your inputs are kept; adjust them and try "
            "again, or tell your trainer."
        ).format(name=type(err).__name__)
    return (
        f"<div class='smedx-error' style='color:{RED};border-left:4px solid {RED};"
        f"padding:4px 8px'><b>⚠ {escape(text)}</b></div>"
    )
