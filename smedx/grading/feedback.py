"""What of a learner's notebook the feedback page may render as HTML.

The feedback page (templates/smedx_feedback) is shown to managers, so nothing a learner wrote may
act on it: learner outputs are shown as text only (in the template), and markdown (the written
answers, and any markdown cell, since a learner can edit or add them) goes through
:func:`clean_markdown_html` after markdown2html. It is registered as the Jinja filter
``smedx_clean`` for :class:`FeedbackExporter` in nbgrader_config.py.
"""

from __future__ import annotations

import re

import bleach
from nbconvert.exporters import HTMLExporter

from smedx.i18n import N_, _, language

# What markdown produces, and nothing else: no script/style/iframe/form/img, no style or id
# attributes, no class a learner could use to pull in positioned Bootstrap layouts.
TAGS = frozenset(
    {"a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4"}
    | {"h5", "h6", "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "ul"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
_SAFE_HREF = re.compile(r"(https?://|mailto:|#)", re.IGNORECASE)
_CLASSES = {"a": "anchor-link", "div": "highlight"}  # markdown2html's own heading anchors, code


def _attribute(tag: str, name: str, value: str) -> bool:
    if name == "href":  # links to the web, mail, or within the page; never javascript: or data:
        return tag == "a" and _SAFE_HREF.match(value.strip()) is not None
    if name == "title":
        return tag in ("a", "abbr")
    if name == "class":
        return _CLASSES.get(tag) == value
    return False


def clean_markdown_html(html: str) -> str:
    """``html`` (rendered markdown) with every tag and attribute outside the list escaped."""
    return bleach.clean(str(html), tags=TAGS, attributes=_attribute)


def allowed_attribute(tag: str, name: str, value: str) -> bool:
    """The attribute allowlist, for nbconvert's SanitizeHTML (the formgrader) too."""
    return _attribute(tag, name, value)


# The page's own words (templates/smedx_feedback/index.html.j2), marked for the catalogue.
PAGE_WORDS = (
    N_("Feedback"),
    N_("Score: {points}"),
    N_(" (Score: {points})"),
    N_("Written answer"),
    N_("Coded answer"),
    N_("Graded question"),
    N_("Late penalty: -{points}"),
    N_("Your answer"),
    N_("Grading"),
    N_("Trainer's comments:"),
    N_("No response."),
    N_("This cell raised an error:"),
    N_("(This output is not shown in the feedback page.)"),
)


def translate(msgid: str, **values) -> str:
    """The template's ``smedx_t`` filter: one of PAGE_WORDS in the grader's language."""
    return _(msgid).format(**values) if values else _(msgid)


def html_lang(_value=None) -> str:
    """The template's ``smedx_html_lang`` filter: the page's <html lang>."""
    return "en" if language() == "en" else "zh-CN"


class FeedbackExporter(HTMLExporter):
    """The exporter of ``nbgrader generate_feedback`` only (``GenerateFeedback.exporter_class``).

    The kit's page is configured on this class, not on HTMLExporter: the formgrader builds its
    own HTMLExporter from the same nbgrader_config.py, and would otherwise render the trainer's
    grading view with the feedback template (which failed: its stylesheet was not found).
    """

    def default_filters(self):
        yield from super().default_filters()
        yield ("smedx_t", translate)
        yield ("smedx_html_lang", html_lang)
