"""`smedx report learning RESULTS… --out DIR [--lang zh|en]`: the learning report of a class.

    smedx report learning /srv/collected/*/smedx-results/ --out out/
    smedx report learning reports/examples/learning/ --out out/ --lang en

RESULTS are the quiz app's answers files (``quiz-pre-A-<learner>.json`` …) or folders searched
for them. The answers are scored here, on the trainer's side, with the key in ``trainer/quiz.py``
of the course (``--course``, else smedx.course_folder's choice): no key ever reaches a learner's kernel.
Beside the report, ``learning-scores.csv`` holds each learner's own scores for the trainer to tell
them (the report shows the class only). A bad file is named on stderr and the others still count;
exit 0 when all were read, 2 when some input was bad (the report is still written if any file was
good), as the other reports do.
"""

from __future__ import annotations

import argparse
import sys

from smedx.cli.common import add_lang, error_line, output_folder, print_error
from smedx.errors import KitError
from smedx.i18n import _, using

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def cmd_learning(args: argparse.Namespace) -> int:
    from smedx.reports import learning, learning_view

    lang = getattr(args, "lang", "zh")
    with using(lang):  # errors, notices and the summary in the report's language
        try:
            out = output_folder(args.out)
            key = learning.trainer_key(args.course)
            results, problems = learning.read(args.inputs)
            for item in problems:
                print(error_line(item.text("zh"), item.text("en")), file=sys.stderr)
            if not results:
                raise KitError(
                    "没有任何有效的答案文件（quiz-*.json），无法生成报告",
                    "no valid answers file (quiz-*.json), so no report",
                )
            report = learning.build(results, key)
            path = learning_view.write(report, out, lang)
            scores = learning_view.write_scores(learning.learner_scores(results, key), path)
        except KitError as err:
            print_error(err)
            return EXIT_BAD_INPUT
        print(
            _("Learning report: {tests} test(s), {both} learner(s) with both → {path}").format(
                tests=len(results), both=report.gain.n, path=path
            )
        )
        print(
            _("Each learner's own scores (for the trainer to tell them) → {scores}").format(
                scores=scores
            )
        )
    return EXIT_BAD_INPUT if problems else EXIT_OK


def register(kinds: argparse._SubParsersAction) -> None:
    """Add `report learning` (called by :func:`smedx.cli.report.register`)."""
    p = kinds.add_parser(
        "learning",
        help=_("pre/post test learning report"),
        description=_(
            "Score the quiz app's answers files with the trainer's key and write the learning "
            "report (means, normalised gain with a bootstrap interval, gain per objective, item "
            "analysis; groups under 5 suppressed)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", help=_("answers files or folders"))
    p.add_argument("--out", required=True, help=_("output folder"))
    p.add_argument(
        "--course",
        default=None,
        help=_(
            "course folder holding trainer/quiz.py (default: SMEDX_COURSE, the current folder, "
            "else this checkout)"
        ),
    )
    add_lang(p, help=_("report language (zh, en)"))
    p.set_defaults(func=cmd_learning)
