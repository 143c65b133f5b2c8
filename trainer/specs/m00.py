"""Assignment 00: an ungraded practice run of fetch -> answer with widgets -> submit."""

from smedx.grading.assignment import AssignmentSpec, Text

SPEC = AssignmentSpec(
    module="m00",
    title=Text(
        "练习作业 00 · 入门（不计分）", "Practice assignment 00 · Getting started (not graded)"
    ),
    intro=Text(
        "这是一次不计分的演练：用控件回答几道读图题，看看答案保存在哪里，然后试着提交一次。"
        "正式作业（01–06）的做法完全相同。",
        "An ungraded run-through: answer a few chart-reading questions with the widgets, see "
        "where your answers are saved, then try submitting once. The graded assignments "
        "(01–06) work exactly the same way.",
    ),
    practice=True,
)
