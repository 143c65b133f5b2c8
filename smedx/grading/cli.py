"""``smedx assignments build|check`` and ``smedx grade``: registered by ``smedx.cli``."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from pathlib import Path

from smedx.cli.common import env_lang
from smedx.errors import KitError
from smedx.files import write_atomic

ROOT_HELP = "课程文件夹（含 nbgrader_config.py），默认当前文件夹 / course folder (default: here)"
LANG_EPILOG = (
    "--lang zh（默认，也取 SMEDX_LANG）生成中文版，即仓库提交的版本；--lang en 在课程文件夹里生成英文版，"
    "供英文班发布。/ --lang zh (default, or SMEDX_LANG) builds the Chinese edition, the one "
    "committed; --lang en builds the English edition into the course folder for an English class."
)


def _modules(args: argparse.Namespace) -> list[str]:
    from smedx.grading import build

    return args.modules or build.modules_to_build(args.course_dir)


def _lang(args: argparse.Namespace) -> str:
    """--lang (before or after the command), else SMEDX_LANG, else Chinese."""
    return getattr(args, "lang", None) or env_lang() or "zh"


def _build(args: argparse.Namespace) -> int:
    from smedx.grading import build, release

    root = Path(args.course_dir)
    modules, lang = _modules(args), _lang(args)
    for path in build.write(root, modules, lang):
        print(f"写入 {path}" if lang == "zh" else f"wrote {path}")
    release.generate(root, modules)
    done = ", ".join(modules)
    print(
        f"已生成 exercises/：{done}（中文版）"
        if lang == "zh"
        else f"generated exercises/ for {done} (English edition)"
    )
    return 0


def drift(root: Path, modules: list[str], lang: str = "zh") -> list[str]:
    """What differs between the committed solutions/ and exercises/ and a fresh build in ``lang``."""
    from smedx.grading import build, release

    problems = []
    for module in modules:
        path = build.source_path(root, module)
        fresh = build.text(build.notebook(root, module, lang))
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        if fresh != committed:
            diff = difflib.unified_diff(
                committed.splitlines(), fresh.splitlines(), str(path), "built", lineterm="", n=1
            )
            problems.append("\n".join(list(diff)[:40]))
    if problems:
        return problems  # exercises/ is made from solutions/: fix those first
    with tempfile.TemporaryDirectory() as tmp:
        release.generate(root, modules, release_dir=tmp)
        for module in modules:
            made = sorted(p.relative_to(tmp) for p in Path(tmp, module).rglob("*") if p.is_file())
            here = root / "exercises" / module
            kept = sorted(p.relative_to(root / "exercises") for p in here.rglob("*") if p.is_file())
            if made != kept:
                problems.append(f"exercises/{module}: files {kept} but a release makes {made}")
                continue
            for name in made:
                if Path(tmp, name).read_bytes() != (root / "exercises" / name).read_bytes():
                    problems.append(f"exercises/{name} differs from a fresh release")
    return problems


def _check(args: argparse.Namespace) -> int:
    lang = _lang(args)
    problems = drift(Path(args.course_dir), _modules(args), lang)
    for problem in problems:
        print(problem)
    build = "smedx assignments build" + (" --lang en" if lang == "en" else "")
    if problems:
        print(
            f"solutions/ 或 exercises/ 不是最新的中文版：运行 {build}"
            if lang == "zh"
            else f"solutions/ or exercises/ is not an up-to-date English edition: run {build}",
            file=sys.stderr,
        )
        return 1
    print(
        "solutions/ 与 exercises/ 是最新的中文版"
        if lang == "zh"
        else "solutions/ and exercises/ are an up-to-date English edition"
    )
    return 0


def _grade(args: argparse.Namespace) -> int:
    from smedx.grading import parallel

    if args.profile and not Path(args.profile).absolute().parent.is_dir():
        raise KitError(  # said before grading, not after it
            f"--profile 的文件夹不存在：{Path(args.profile).absolute().parent}",
            f"the folder for --profile does not exist: {Path(args.profile).absolute().parent}",
        )
    try:
        outcomes = parallel.grade(
            args.course_dir,
            args.assignment,
            jobs=args.jobs,
            students=args.student or None,
            progress=not args.quiet,
            unsafe_same_user=args.unsafe_same_user,
            profile=args.profile,
        )
    except KeyboardInterrupt as stop:
        print(
            "\n已中断：已记录的成绩保留，再次运行可批改其余提交\n"
            "interrupted: grades already recorded are kept; run again to grade the rest",
            file=sys.stderr,
        )
        return 143 if isinstance(stop, parallel.Stopped) else 130
    print("\n".join(parallel.summary_lines(outcomes)))
    if args.json:
        rows = [{k: v for k, v in vars(o).items() if k not in ("log", "events")} for o in outcomes]
        write_atomic(args.json, json.dumps(rows, ensure_ascii=False, indent=1))
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        print(f"\n--- {o.student} ---\n{o.error.strip()[-3000:]}", file=sys.stderr)
    if failed:
        names = ", ".join(o.student for o in failed)
        print(
            f"以下提交批改失败（其余已批改）：{names}\n"
            f"these submissions failed (the others were graded): {names}",
            file=sys.stderr,
        )
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    assignments = commands.add_parser(
        "assignments",
        help="生成作业笔记本 / build the assignment notebooks",
        description="由培训师专用的 trainer/（计分题与作业说明）生成 solutions/，再用 nbgrader 生成 "
        "exercises/。/ Write solutions/ from the trainer-only trainer/ folder (graded items and "
        "specs), then release exercises/.",
    )
    actions = assignments.add_subparsers(
        dest="assignments_command", metavar="ACTION", required=True
    )
    for name, func, text in (
        (
            "build",
            _build,
            "重新生成 solutions/ 和 exercises/（--lang 选版本）/ rebuild solutions/ and exercises/ "
            "(--lang picks the edition)",
        ),
        ("check", _check, "检查两者是否为最新的该语言版本 / check both are up to date in --lang"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("modules", nargs="*", help="如 m01 m02（默认全部）/ default: all")
        action.add_argument("--course-dir", default=".", help=ROOT_HELP)
        action.epilog = LANG_EPILOG
        action.set_defaults(func=func)

    grade = commands.add_parser(
        "grade",
        help="并行自动批改一个作业 / autograde an assignment in parallel",
        description="并行运行 nbgrader autograde（成绩册只由一个进程写入），显示进度，最后列出每位"
        "学员的得分；有提交失败时以非零状态退出并列出名字。学员代码以无权限的 smedx-grader 账户、在只含该"
        "提交的临时文件夹中运行，并限制时间、内存、进程数和输出大小（需 root）。/ Autograde every "
        "collected submission in parallel (one process writes the gradebook), with a progress "
        "bar and a per-learner summary; exits non-zero naming any submission that failed. "
        "Learner code runs as the unprivileged smedx-grader account in a scratch folder holding "
        "only that submission, with limits on time, memory, processes and output (needs root).",
    )
    grade.add_argument("assignment", help="作业名，如 m01 / assignment id, e.g. m01")
    grade.add_argument("--jobs", "-j", type=int, default=2, help="并行数 / parallel workers")
    grade.add_argument(
        "--student", action="append", help="只批改这些学员（可重复）/ only these learners"
    )
    grade.add_argument("--course-dir", default=".", help=ROOT_HELP)
    grade.add_argument("--quiet", action="store_true", help="不显示进度条 / no progress bar")
    grade.add_argument("--json", help="把结果另存为 JSON / also write the outcomes as JSON")
    grade.add_argument(
        "--profile",
        metavar="FILE",
        help="把每一步的时间线另存为 JSON（各并行进程的启动、每份提交的内核启动与单元格、空闲时间）/ "
        "also write a JSON timeline of every step (worker start, each submission's kernel start "
        "and cells, idle time per worker)",
    )
    grade.add_argument(
        "--unsafe-same-user",
        action="store_true",
        help="以你自己的权限运行学员代码（不用批改账户，只用于可信的提交）/ run learner code "
        "with your own rights, without the grading account (trusted submissions only)",
    )
    grade.set_defaults(func=_grade)
