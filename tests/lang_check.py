"""One language per surface: find the texts of a widget tree that show two languages at once.

A Chinese page may keep an English term where it helps (ERP, SaaS, N, TOPSIS ...): those are
``ALLOWED``. Everything else of three or more Latin letters is an English word.

    from lang_check import english_words, has_han, labels, html_texts, mixed
    assert not [t for t in labels(form) if mixed(t)]          # no "行业 Industry"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import ipywidgets as w

# Terms a Chinese text may keep in Latin letters (words of three letters or more; shorter ones,
# such as AI, IT, N, KPI's "Q1", are never counted).
ALLOWED = frozenset(
    {"ERP", "SaaS", "CRM", "MES", "SCM", "SRM", "WMS", "PLM", "OA", "KPI", "TOPSIS", "JSON"}
    | {"GenAI", "App", "APP", "IoT", "PDF", "CNY", "RPA", "API", "SME", "SMEs", "CAD", "BOM"}
    | {"Top", "PPT", "DevOps"}  # the report ranks industries as "Top10"
)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z]{3,}")
TAG = re.compile(r"<[^>]*>")


def english_words(text: str) -> list[str]:
    """The English words of ``text`` (three or more letters, allowed terms left out)."""
    return [word for word in WORD.findall(text) if word not in ALLOWED]


def has_han(text: str) -> bool:
    return bool(HAN.search(text))


# An English text may keep a Chinese original in parentheses or quotation marks: a term such as
# "(专精特新)" or a quote from the report.
KEPT_ORIGINAL = re.compile(r"\([^()]*\)|（[^（）]*）|“[^“”]*”|「[^「」]*」")


def stray_han(text: str) -> bool:
    """Chinese in an English text, other than an original kept in parentheses or quotes."""
    return has_han(KEPT_ORIGINAL.sub("", text))


def mixed(text: str) -> bool:
    """Chinese and an English word in one text: a "中文 English" pair."""
    return has_han(text) and bool(english_words(text))


def widgets(root: w.Widget, skip: tuple[type, ...] = ()) -> Iterator[w.Widget]:
    """Every widget under ``root`` (itself included), leaving out subtrees of the ``skip`` types."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or (skip and isinstance(node, skip)):
            continue
        seen.add(id(node))
        yield node
        stack += [c for c in getattr(node, "children", ()) or () if isinstance(c, w.Widget)]


def labels(root: w.Widget, skip: tuple[type, ...] = ()) -> list[str]:
    """The short texts of the tree: descriptions, placeholders, tooltips, option labels, tab and
    accordion titles (button labels are descriptions)."""
    found: list[str] = []
    for node in widgets(root, skip):
        for name in ("description", "placeholder", "tooltip"):
            value = getattr(node, name, None)
            if isinstance(value, str) and value:
                found.append(value)
        for option in getattr(node, "options", None) or ():
            label = option[0] if isinstance(option, tuple) else option
            if isinstance(label, str):
                found.append(label)
        for title in getattr(node, "titles", None) or ():
            if isinstance(title, str) and title:
                found.append(title)
        tooltips = getattr(node, "tooltips", None) or ()
        found += [t for t in tooltips if isinstance(t, str) and t]
    return found


def html_texts(root: w.Widget, skip: tuple[type, ...] = ()) -> list[str]:
    """The visible text of every HTML and Label widget of the tree (tags and attributes removed)."""
    return [
        unescape(TAG.sub(" ", node.value))
        for node in widgets(root, skip)
        if isinstance(node, (w.HTML, w.Label)) and isinstance(node.value, str) and node.value
    ]
