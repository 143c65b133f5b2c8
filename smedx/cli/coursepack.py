"""`smedx course agenda|slides|handouts|pack`: each action registers itself from its own module;
every action reads the course named by --course (default: see smedx.course_folder)."""

from __future__ import annotations

import argparse
import functools

from smedx.i18n import N_, _

COURSE_HELP = N_(
    "the course folder (with nbgrader_config.py and modules/); default: SMEDX_COURSE, the "
    "current folder or the checkout the kit runs from"
)


def _in_course(run):
    """``run`` with the --course folder as the course every step reads."""
    from smedx.course_folder import using_course

    @functools.wraps(run)
    def in_course(args: argparse.Namespace) -> int:
        with using_course(args.course):
            return run(args)

    return in_course


def register(subparsers: argparse._SubParsersAction) -> None:
    from smedx.coursepack import agenda, handouts, pack, slides

    course = subparsers.add_parser(
        "course",
        help=_("agenda, slides and handouts for a course day"),
        description=_("agenda, slides and handouts for a course day"),
    )
    actions = course.add_subparsers(dest="course_action", metavar="ACTION", required=True)
    for module in (agenda, slides, handouts, pack):
        module.register(actions)
    for action in actions.choices.values():
        action.add_argument("--course", metavar="FOLDER", help=_(COURSE_HELP))
        action.set_defaults(func=_in_course(action.get_default("func")))
