"""`smedx glossary`: the learners' glossary page, one language per page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smedx.i18n import _


def _run(args: argparse.Namespace) -> int:
    from smedx import glossary
    from smedx.cli.common import write_atomic

    if args.out is None:
        sys.stdout.write(glossary.page_markdown(args.lang))
        return 0
    for lang, name in glossary.PAGE_FILES.items():
        path = write_atomic(Path(args.out) / name, glossary.page_markdown(lang))
        print(path)
    return 0


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``glossary`` to the ``smedx`` command (``smedx.cli`` calls this)."""
    parser = subparsers.add_parser(
        "glossary",
        help=_("the glossary page"),
        description=_(
            "Print the glossary as Markdown in the --lang language; with --out FOLDER, write both "
            "editions (glossary.zh.md, glossary.en.md)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out",
        metavar="FOLDER",
        help=_("folder for both pages (the course's: docs/)"),
    )
    parser.set_defaults(func=_run)
    return parser
