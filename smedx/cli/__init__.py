"""The `smedx` command line. Help and messages in Chinese first, then English."""

from __future__ import annotations

import argparse
import sys

from smedx import REPORT_TITLE_EN, REPORT_TITLE_ZH, __version__
from smedx.cli.common import add_lang, env_lang, print_error
from smedx.errors import KitError

DESCRIPTION = f"""\
数转课堂：{REPORT_TITLE_ZH}的培训工具包命令行。
SME DX Kit: command line of the training kit for the {REPORT_TITLE_EN}.
"""

EPILOG = """\
示例 / examples:
  smedx data list                 列出报告的全部图表 / list the report's figures
  smedx data show 2.2.2           显示一张图的数据 / show one figure's data
  smedx data show 2.2.2 --csv     以 CSV 输出 / print as CSV
  smedx assess answers.json       数字化水平自评 / stage self-assessment
  smedx plan show plan.json       查看行动计划 / show an action plan
  smedx glossary --lang en        术语表（英文版）/ the glossary in English
  SMEDX_LANG=en smedx data list   默认语言取 SMEDX_LANG / SMEDX_LANG sets the default language
"""


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smedx",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"smedx {__version__}")
    add_lang(
        parser,
        default=env_lang() or "zh",
        help="输出语言，默认取环境变量 SMEDX_LANG，否则 zh / output language "
        "(default: $SMEDX_LANG, else zh)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    data_cmd = commands.add_parser(
        "data",
        help="浏览报告数据 / browse the report's data",
        description="浏览报告数据 / browse the report's data",
    )
    data_sub = data_cmd.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    data_sub.add_parser("list", help="列出全部图表 / list all figures").set_defaults(
        func=_data_list
    )
    show = data_sub.add_parser("show", help="显示一张图的数据 / show one figure")
    show.add_argument("figure_id", help="图表编号，如 2.2.2 / figure id, e.g. 2.2.2")
    show.add_argument("--csv", action="store_true", help="以 CSV 输出 / print CSV")
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
    try:
        parser = build_parser()
    except KitError as err:  # a bad SMEDX_LANG
        print_error(err)
        return 2
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
