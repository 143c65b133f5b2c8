"""The apps' messages: Chinese first, English second, never a traceback."""

from __future__ import annotations

from html import escape

from smedx.errors import KitError

RED, GREEN, GREY = "#b00020", "#1a7f37", "#555"
ORANGE = "#b35900"  # a caution or a wrong answer, not an error


def message_html(zh: str, en: str, color: str | None = GREY) -> str:
    """Two lines, Chinese then English; ``color=None`` keeps the surrounding text colour."""
    style = f" style='color:{color}'" if color else ""
    return (
        f"<div{style}>{escape(zh)}<br>"
        f"<span style='font-size:90%;opacity:.85'>{escape(en)}</span></div>"
    )


def error_html(err: Exception) -> str:
    """A bilingual red message; an unexpected error is named, and the inputs are said to be kept."""
    if isinstance(err, KitError):
        zh, en = err.zh, err.en
    else:
        zh = f"出现了意外问题（{type(err).__name__}）。你的输入已保留，请调整后重试或告知培训师。"
        en = (
            f"Something unexpected went wrong ({type(err).__name__}). Your inputs are kept; "
            "adjust them and try again, or tell your trainer."
        )
    return (
        f"<div class='smedx-error' style='color:{RED};border-left:4px solid {RED};"
        f"padding:4px 8px'><b>⚠ {escape(zh)}</b><br><span style='font-size:90%'>{escape(en)}"
        "</span></div>"
    )
