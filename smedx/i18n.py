"""The language every learner-facing surface follows, and the message catalogue behind both editions.

One kernel serves one page (a Voila app) or one notebook, so the current language is process-wide:
a component asks :func:`language` or calls :func:`_` when it renders; an app's language switch sets
the language and rebuilds the page.

Messages are gettext catalogues maintained with Babel: the msgid is the English text, the Chinese
translation lives in ``smedx/locale/zh_CN/LC_MESSAGES/<area>.po`` (one file per area of the code;
the loader merges them; `python3 kit.py setup` compiles each into a .mo beside it, and
`python3 kit.py catalogue` lists what is missing, see :mod:`smedx.catalogue`). Structured text that arrives with both languages (questions, model notes,
the kit's JSON catalogues) is a :class:`Bilingual`.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from smedx.errors import KitError

LANGS = ("zh", "en")
LOCALE_DIR = Path(__file__).with_name("locale")
CATALOGUE_DIR = LOCALE_DIR / "zh_CN" / "LC_MESSAGES"

_chosen: str | None = None  # set_language(); None: follow the environment


def _checked(lang: object, where: str) -> str:
    if lang not in LANGS:
        raise KitError(
            f"{where} 的语言 {lang!r} 无效；请用 zh 或 en",
            f"{where}: {lang!r} is not a language the kit has; use zh or en",
            field=where,
        )
    return lang  # type: ignore[return-value]


def language() -> str:
    """The current language: :func:`set_language` > ``SMEDX_LANG`` > JupyterLab's locale > zh."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get("SMEDX_LANG", "").strip()
    if env in LANGS:
        return env
    from smedx.lab_locale import lab_language  # reads a settings file only when asked

    return lab_language() or "zh"


def set_language(lang: str) -> None:
    global _chosen
    _chosen = _checked(lang, "language")


@contextlib.contextmanager
def using(lang: str) -> Iterator[None]:
    """Temporarily another language (a report in English from a Chinese session, a test)."""
    global _chosen
    before, _chosen = _chosen, _checked(lang, "language")
    try:
        yield
    finally:
        _chosen = before


class _PoCatalogue(gettext.NullTranslations):
    """One area's .po read with Babel: a raw checkout, before `kit.py setup` compiled it."""

    def __init__(self, po: Path):
        super().__init__()
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            self._table = {
                (m.context, m.id): m.string
                for m in read_po(f, locale="zh_CN")
                if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
            }

    def gettext(self, message: str) -> str:
        found = self._table.get((None, message))
        return found if found else super().gettext(message)

    def pgettext(self, context: str, message: str) -> str:
        found = self._table.get((context, message))
        return found if found else super().pgettext(context, message)


def load(folder: Path = CATALOGUE_DIR) -> gettext.NullTranslations:
    """Every area's catalogue in ``folder``, chained: the compiled .mo (stdlib gettext, fast)
    where it is at least as new as its .po, else the .po itself."""
    chain = gettext.NullTranslations()
    for po in sorted(folder.glob("*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as f:
                chain.add_fallback(gettext.GNUTranslations(f))
        else:
            chain.add_fallback(_PoCatalogue(po))
    return chain


@cache
def _catalogue() -> gettext.NullTranslations:
    return load()


def _(msgid: str) -> str:
    """``msgid`` (English) in the current language."""
    if language() == "en":
        return msgid
    return _catalogue().gettext(msgid)


def pgettext(context: str, msgid: str) -> str:
    """Like :func:`_` for an English word that needs two Chinese translations."""
    if language() == "en":
        return msgid
    return _catalogue().pgettext(context, msgid)


def N_(msgid: str) -> str:
    """Mark a constant for the catalogue; translate it with :func:`_` where it is shown."""
    return msgid


@dataclass(frozen=True)
class Bilingual:
    """Text that comes with both languages (a question, a model's note, a catalogue entry)."""

    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or language()) == "en" else self.zh

    def __str__(self) -> str:
        return self.text()
