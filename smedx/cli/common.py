"""What every `smedx` subcommand shares: the command line's language (known before the parser is
built, so help is in one language), the --lang option, argparse's own words in that language,
printing a KitError in that language, the --out folder check and writing an output file whole
(:func:`smedx.files.write_atomic`)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from smedx.errors import KitError
from smedx.files import write_atomic
from smedx.i18n import LANGS, N_, Bilingual, _, language, pgettext

__all__ = [
    "LANGS",
    "add_lang",
    "argparse_words",
    "argv_lang",
    "command_language",
    "env_lang",
    "error_line",
    "output_folder",
    "print_error",
    "write_atomic",
]

LANG_HELP = N_("output language (zh, en)")
EXIT_BAD_INPUT = 2


def env_lang() -> str | None:
    """SMEDX_LANG, the language every command follows by default (unset or empty: none)."""
    lang = os.environ.get("SMEDX_LANG", "").strip()
    if lang and lang not in LANGS:
        raise KitError(
            f"环境变量 SMEDX_LANG={lang!r} 无效；请设为 zh 或 en",
            f"SMEDX_LANG={lang!r} is not a language the kit has; set it to zh or en",
        )
    return lang or None


def argv_lang(argv: list[str]) -> str | None:
    """The last `--lang X` (or `--lang=X`) in ``argv`` before a `--`, the one argparse keeps; None
    if there is none or it is no language (argparse then says so)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang":
            found = argv[i + 1] if i + 1 < len(argv) else None
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found if found in LANGS else None


def command_language(argv: list[str]) -> str:
    """The command line's language: --lang anywhere > SMEDX_LANG > the kit's language (JupyterLab's
    locale setting, else zh). A bad SMEDX_LANG is a KitError."""
    return argv_lang(argv) or env_lang() or language()


def _argparse_gettext(message):
    # argparse also passes None (a subparsers group's description)
    return pgettext("argparse", message) if isinstance(message, str) else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _argparse_gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def argparse_words() -> Iterator[None]:
    """argparse's own words ("usage:", "options", its errors) in the current language.

    argparse translates them with the module-level ``_``/``ngettext`` it imported from gettext,
    looked up when a parser is built, prints help or reports an error; for that time they are
    our catalogue's (context "argparse" in cli.po), then argparse's own again."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _argparse_gettext, _argparse_ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def add_lang(parser: argparse.ArgumentParser, default=argparse.SUPPRESS, help=None) -> None:
    """The --lang option. The default SUPPRESS keeps a `smedx --lang` given before the command;
    ``help`` is a message already translated (default: "output language")."""
    parser.add_argument("--lang", choices=LANGS, default=default, help=help or _(LANG_HELP))


def error_line(zh: str, en: str) -> str:
    """An error message in the current language, headed "错误：" or "Error: "."""
    return _("Error: {message}").format(message=Bilingual(zh, en).text())


def print_error(err: KitError, where: str = "", both: bool = False) -> None:
    """A KitError on standard error in the current language; ``where`` names the input at fault.
    ``both``: Chinese then English, for when no language could be decided (a bad SMEDX_LANG)."""
    prefix = f"{where}: " if where else ""
    zh, en = f"{prefix}{err.zh}", f"{prefix}{err.en}"
    print(f"错误：{zh}\nError: {en}" if both else error_line(zh, en), file=sys.stderr)


def output_folder(out: str | Path) -> Path:
    """The --out folder: it may not exist yet (it is made when written), but it is no file."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise KitError(f"--out {out} 不是文件夹", f"--out {out} is not a folder", field="out")
    return out
