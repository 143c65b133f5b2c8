"""The `smedx` command line. Help, messages and argparse's own words in one language: --lang
(before or after the command), else SMEDX_LANG, else the kit's language (zh by default)."""

from __future__ import annotations

import argparse
import sys

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, __version__
from smedx.cli.common import add_lang, argparse_words, command_language, env_lang, print_error
from smedx.errors import KitError
from smedx.i18n import N_, _, language, using

DESCRIPTION = N_("SME DX Kit: command line of the training kit for the {title}.")

EXAMPLES = (
    ("smedx data list", N_("list the report's figures")),
    ("smedx data show 2.2.2", N_("show one figure's data")),
    ("smedx data show 2.2.2 --csv", N_("print as CSV")),
    ("smedx assess answers.json", N_("stage self-assessment")),
    ("smedx plan show plan.json", N_("show an action plan")),
    ("smedx glossary --lang en", N_("the glossary in English")),
    ("SMEDX_LANG=en smedx data list", N_("SMEDX_LANG sets the default language")),
)


def _epilog() -> str:
    lines = [_("examples:")]
    lines += [f"  {command:<31} {_(what)}" for command, what in EXAMPLES]
    return "\n".join(lines) + "\n"


def _data_list(args: argparse.Namespace) -> int:
    from smedx import data

    rows = data.figures()
    title = "title_en" if args.lang == "en" else "title_zh"
    for row in rows.itertuples():
        n = "" if row.n is None or str(row.n) == "<NA>" else f"N={row.n}"
        print(f"{row.figure_id:<28} {row.kind:<9} {n:<6} {getattr(row, title)}")
    return 0


def _data_show(args: argparse.Namespace) -> int:
    from smedx import data

    rows = data.figure(args.figure_id)
    if args.csv:
        rows.to_csv(sys.stdout, index=False)
        return 0
    info = data.figure_info(args.figure_id)
    label = "label_en" if args.lang == "en" else "label_zh"
    segment = "segment_en" if args.lang == "en" else "segment_zh"
    print(info["title_en"] if args.lang == "en" else info["title_zh"])
    for row in rows.itertuples():
        prefix = f"[{getattr(row, segment)}] " if row.segment_key else ""
        print(f"  {prefix}{getattr(row, label)}: {row.value:g}%")
    print(data.source_line(args.figure_id, lang=args.lang))
    return 0


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, its help in ``lang`` (default: SMEDX_LANG, else the kit's language)."""
    with using(lang or env_lang() or language()), argparse_words():
        return _build_parser()


def _build_parser() -> argparse.ArgumentParser:
    title = REPORT_TITLE_EN if language() == "en" else REPORT_TITLE_ZH
    parser = argparse.ArgumentParser(
        prog="smedx",
        description=_(DESCRIPTION).format(title=title),
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"smedx {__version__}",
        help=_("show the version and exit"),
    )
    add_lang(
        parser,
        default=language(),
        help=_("output language (default: $SMEDX_LANG, else zh)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    data_cmd = commands.add_parser(
        "data", help=_("browse the report's data"), description=_("browse the report's data")
    )
    data_sub = data_cmd.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    data_sub.add_parser("list", help=_("list all figures")).set_defaults(func=_data_list)
    show = data_sub.add_parser("show", help=_("show one figure"))
    show.add_argument("figure_id", help=_("figure id, e.g. 2.2.2"))
    show.add_argument("--csv", action="store_true", help=_("print CSV"))
    show.set_defaults(func=_data_show)

    from smedx import app_server
    from smedx.cli import certificates, coursepack, deploy, glossary, models, report
    from smedx.grading import cli as grading_cli

    # Each command module lives here, but two that belong to their subsystem: `smedx grade` and
    # `smedx assignments` (smedx/grading/cli.py, beside the grading pipeline it drives) and
    # `smedx apps` (smedx/app_server.py, the Voila launcher).
    for module in (
        models,
        report,
        grading_cli,
        app_server,
        deploy,
        coursepack,
        certificates,
        glossary,
    ):
        module.register(commands)
    _lang_everywhere(parser)
    return parser


def _lang_everywhere(parser: argparse.ArgumentParser) -> None:
    """Accept `--lang` after any subcommand too (`smedx data list --lang en`), as before it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in action.choices.values():
            if "--lang" not in sub._option_string_actions:
                add_lang(sub)
            _lang_everywhere(sub)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        lang = command_language(argv)
    except KitError as err:  # a bad SMEDX_LANG: no language to speak yet, so both
        print_error(err, both=True)
        return 2
    with using(lang), argparse_words():
        return _run(_build_parser(), argv)


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KitError as err:
        print_error(err)
        return 2
    except BrokenPipeError:  # `smedx ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
