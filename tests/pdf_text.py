"""A PDF's text as a reader sees it, for assertions on Chinese pages.

The Noto CJK font shares glyphs between common characters and their radical forms (二 and ⼆, 页 and
⻚), and the PDF maps each glyph back to one of them: NFKC folds the Kangxi radicals, the table below
the CJK Radicals Supplement forms that simplified Chinese uses.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdf

RADICAL_FORMS = str.maketrans(
    "⻉⻋⻅⻆⻈⻊⻍⻏⻑⻒⻓⻔⻗⻘⻙⻚⻛⻜⻝⻞⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳",
    "贝车见角讠足辶阝長镸长门雨青韦页风飞食饣马骨鬼鱼鸟卤麦黄齐齿龙龟",
)


def readable(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(RADICAL_FORMS)


def pages_text(pdf: Path) -> list[str]:
    """Each page's extracted text, radical forms folded to the characters they stand for."""
    return [readable(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
