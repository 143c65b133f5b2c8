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
from smedx.i18n import N_, _

ROOT_HELP = N_("course folder holding nbgrader_config.py (default: the current folder)")
LANG_EPILOG = N_(
    "--lang zh (default, or SMEDX_LANG) builds the Chinese edition, the one committed; --lang en "
    "builds the English edition into the course folder for an English class."
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
        print(_("wrote {path}").format(path=path))
    release.generate(root, modules)
    done = ", ".join(modules)
    edition = _("English edition") if lang == "en" else _("Chinese edition")
    print(_("generated exercises/ for {modules} ({edition})").format(modules=done, edition=edition))
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


def _edition(lang: str) -> str:
    return _("English edition") if lang == "en" else _("Chinese edition")


def _check(args: argparse.Namespace) -> int:
    lang = _lang(args)
    problems = drift(Path(args.course_dir), _modules(args), lang)
    for problem in problems:
        print(problem)
    build = "smedx assignments build" + (" --lang en" if lang == "en" else "")
    if problems:
        print(
            _("solutions/ or exercises/ is not an up-to-date {edition}: run {build}").format(
                edition=_edition(lang), build=build
            ),
            file=sys.stderr,
        )
        return 1
    print(_("solutions/ and exercises/ are an up-to-date {edition}").format(edition=_edition(lang)))
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
            "\n" + _("interrupted: grades already recorded are kept; run again to grade the rest"),
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
            _("these submissions failed (the others were graded): {names}").format(names=names),
            file=sys.stderr,
        )
        return 1
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    assignments = commands.add_parser(
        "assignments",
        help=_("build the assignment notebooks"),
        description=_(
            "Write solutions/ from the trainer-only trainer/ folder (graded items and specs), "
            "then release exercises/ with nbgrader."
        ),
    )
    actions = assignments.add_subparsers(
        dest="assignments_command", metavar="ACTION", required=True
    )
    for name, func, text in (
        ("build", _build, _("rebuild solutions/ and exercises/ (--lang picks the edition)")),
        ("check", _check, _("check both are an up-to-date edition in --lang")),
    ):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("modules", nargs="*", help=_("e.g. m01 m02 (default: all)"))
        action.add_argument("--course-dir", default=".", help=_(ROOT_HELP))
        action.epilog = _(LANG_EPILOG)
        action.set_defaults(func=func)

    grade = commands.add_parser(
        "grade",
        help=_("autograde an assignment in parallel"),
        description=_(
            "Autograde every collected submission in parallel (one process writes the "
            "gradebook), with a progress bar and a per-learner summary; exits non-zero naming any "
            "submission that failed. Learner code runs as the unprivileged smedx-grader account in "
            "a scratch folder holding only that submission, with limits on time, memory, "
            "processes and output (needs root)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # no wrapping inside a name
    )
    grade.add_argument("assignment", help=_("assignment id, e.g. m01"))
    grade.add_argument("--jobs", "-j", type=int, default=2, help=_("parallel workers"))
    grade.add_argument("--student", action="append", help=_("only these learners (repeatable)"))
    grade.add_argument("--course-dir", default=".", help=_(ROOT_HELP))
    grade.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    grade.add_argument("--json", help=_("also write the outcomes as JSON"))
    grade.add_argument(
        "--profile",
        metavar="FILE",
        help=_(
            "also write a JSON timeline of every step (worker start, each submission's kernel "
            "start and cells, idle time per worker)"
        ),
    )
    grade.add_argument(
        "--unsafe-same-user",
        action="store_true",
        help=_(
            "run learner code with your own rights, without the grading account (trusted "
            "submissions only)"
        ),
    )
    grade.set_defaults(func=_grade)
