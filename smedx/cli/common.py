"""What every `smedx` subcommand shares: the --lang option, printing a KitError, the --out
folder check and writing an output file whole (:func:`smedx.files.write_atomic`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from smedx.errors import KitError
from smedx.files import write_atomic
from smedx.i18n import LANGS

__all__ = ["LANGS", "add_lang", "env_lang", "output_folder", "print_error", "write_atomic"]

LANG_HELP = "输出语言 / output language (zh, en)"
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


def add_lang(parser: argparse.ArgumentParser, default=argparse.SUPPRESS, help=LANG_HELP) -> None:
    """The --lang option. The default SUPPRESS keeps a `smedx --lang` given before the command."""
    parser.add_argument("--lang", choices=LANGS, default=default, help=help)


def print_error(err: KitError, where: str = "") -> None:
    """A KitError on standard error, Chinese then English; ``where`` names the input at fault."""
    prefix = f"{where}: " if where else ""
    print(f"错误：{prefix}{err.zh}\nError: {prefix}{err.en}", file=sys.stderr)


def output_folder(out: str | Path) -> Path:
    """The --out folder: it may not exist yet (it is made when written), but it is no file."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise KitError(f"--out {out} 不是文件夹", f"--out {out} is not a folder", field="out")
    return out
