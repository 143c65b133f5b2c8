"""`smedx course agenda|slides|handouts|pack`: each action registers itself from its own module."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from smedx.coursepack import agenda, handouts, pack, slides

    course = subparsers.add_parser(
        "course",
        help="培训日程、幻灯片与讲义 / agenda, slides and handouts for a course day",
        description="培训日程、幻灯片与讲义 / agenda, slides and handouts for a course day",
    )
    actions = course.add_subparsers(dest="course_action", metavar="ACTION", required=True)
    for module in (agenda, slides, handouts, pack):
        module.register(actions)
