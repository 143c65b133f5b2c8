"""`smedx report company|industry|cohort`: render the parameterised reports to HTML
(`smedx report learning`, the pre/post test report, is :mod:`smedx.cli.report_learning`).

    smedx report company reports/examples/companies/ --out out/ --jobs 2
    smedx report industry all --out out/ --lang en
    smedx report cohort members.csv extra_members/ --name 某某协会 --out out/

Inputs are checked before any notebook runs: a bad file or row is named on stderr, the others
are still rendered, and the command ends with a summary and exit code 2 (bad input) or 1 (a
report failed to render); 0 when everything was rendered. Every report gets its own file: names
that would repeat within the run or match a file already in the output folder are numbered
(``A_B.html``, ``A_B-2.html``), nothing is overwritten, and stdout lists input -> file.
"""

from __future__ import annotations

import argparse
import functools
import sys
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from smedx.cli.common import add_lang, error_line, print_error
from smedx.errors import KitError
from smedx.i18n import N_, Bilingual, _, pgettext, using
from smedx.models.common import INDUSTRIES
from smedx.reports.render import Job, Outcome, output_path, render_all, safe_name
from smedx.reports.sources import InputNotice, Problem

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "zh")


def _title(lang: str, template: str, name: object) -> str:
    """A report's title in the report's language (``template``: an English msgid, N_())."""
    with using(lang):
        return _(template).format(name=name)


def _say_problem(item: Problem) -> None:
    print(error_line(item.text("zh"), item.text("en")), file=sys.stderr)


def unique_names(jobs: list[Job], out_dir: str | Path, lang: str) -> list[Job]:
    """Give every job its own file: a name already used in this run (ids 'A/B' and 'A_B' both
    give A_B) or by a file in ``out_dir`` is numbered -2, -3, ... until it is free. Compared
    without case, as on the file systems of Windows and macOS."""
    out_dir = Path(out_dir)
    taken = {p.name.lower() for p in out_dir.iterdir()} if out_dir.is_dir() else set()
    out = []
    for job in jobs:
        name, number = job.name, 1
        while output_path(out_dir, name, lang).name.lower() in taken:
            number += 1
            name = f"{job.name}-{number}"
        taken.add(output_path(out_dir, name, lang).name.lower())
        out.append(job if name == job.name else replace(job, name=name))
    return out


def _with_notices(build: Callable[[], tuple]) -> tuple:
    """Run ``build`` (reading the inputs) and say on stderr how files were read when it was not
    the plain way (a GB18030 or semicolon CSV): the user learns what was assumed."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputNotice)
        result = build()
    for item in caught:
        if isinstance(item.message, InputNotice):
            note = Bilingual(item.message.zh, item.message.en)
            print(pgettext("hint", "Note: {note}").format(note=note), file=sys.stderr)
        else:  # not ours: shown as it would have been
            warnings.showwarning(item.message, item.category, item.filename, item.lineno)
    return result


# --------------------------------------------------------------------------------------------
# Jobs per report kind.


def company_jobs(paths: list[str], lang: str) -> tuple[list[Job], list[Problem]]:
    from smedx.reports import company

    inputs, problems = company.read(paths)
    jobs = []
    for item in inputs:
        where = item.where
        label_zh = f"{where.zh} ({item.id})"
        label_en = f"{where.en} ({item.id})"
        jobs.append(
            Job(
                "company",
                safe_name(item.id),
                {
                    "input_path": str(Path(where.path).resolve()),
                    "record": 0 if where.kind == "file" else where.number,
                    **_baseline_params(item),
                },
                _title(lang, N_("Diagnosis · {name}"), item.name),
                label_zh,
                label_en,
            )
        )
    return jobs, problems


def _baseline_params(item) -> dict:
    """Where the company's first assessment (T0) is, for the report's change section."""
    if item.baseline is None:
        return {}
    where = item.baseline.where
    return {
        "baseline_path": str(Path(where.path).resolve()),
        "baseline_record": 0 if where.kind == "file" else where.number,
    }


def industry_jobs(keys: list[str], lang: str) -> tuple[list[Job], list[Problem]]:
    from smedx.reports.sources import Where

    wanted = list(INDUSTRIES) if "all" in keys else list(dict.fromkeys(keys))
    jobs, problems = [], []
    for key in wanted:
        if key not in INDUSTRIES:
            problems.append(
                Problem(
                    Where(key),
                    "",
                    f"没有这个行业；可用：{', '.join(INDUSTRIES)}，或 all",
                    f"no such industry; valid: {', '.join(INDUSTRIES)}, or all",
                )
            )
            continue
        jobs.append(
            Job(
                "industry",
                f"industry_{key}",
                {"industry": key},
                _title(lang, N_("Industry brief · {name}"), Bilingual(*INDUSTRIES[key])),
                key,
                key,
            )
        )
    return jobs, problems


def cohort_jobs(paths: list[str], name: str, lang: str) -> tuple[list[Job], list[Problem], object]:
    from smedx.reports import members
    from smedx.reports.sources import Where

    cohort = members.load(paths)
    problems = list(cohort.problems)
    if cohort.size == 0:
        problems.append(
            Problem(
                Where(", ".join(paths)),
                "",
                "会员群体为空：没有任何一条有效的会员记录，无法生成报告",
                "the cohort is empty: no valid member record, so no report",
            )
        )
        return [], problems, cohort
    stem = name or Path(paths[0]).stem or "cohort"
    with using(lang):
        title = _("Members' digital transformation · {name}").format(
            name=name or pgettext("title", "members")
        )
    job = Job(
        "cohort",
        f"cohort_{safe_name(stem)}",
        {"inputs": [str(Path(p).resolve()) for p in paths], "name": name},
        title,
        ", ".join(paths),
        ", ".join(paths),
    )
    return [job], problems, cohort


# --------------------------------------------------------------------------------------------
# Running and summarising.


def _summary(lang: str, outcomes: list[Outcome], problems: list[Problem]) -> int:
    for out in outcomes:
        if out.ok:  # which input gave which file: names may have been numbered
            label = Bilingual(out.job.label_zh, out.job.label_en).text(lang)
            print(f"{label} → {out.path}")
        else:
            zh, en = f"{out.job.label_zh}：{out.error_zh}", f"{out.job.label_en}: {out.error_en}"
            print(error_line(zh, en), file=sys.stderr)
    done = sum(o.ok for o in outcomes)
    failed = len(outcomes) - done
    bad = len(problems)
    line = _("{done} report(s) rendered; {bad} input problem(s); {failed} report(s) failed.")
    line = line.format(done=done, bad=bad, failed=failed)
    print(line, file=sys.stderr if (bad or failed) else sys.stdout)
    if failed:
        return EXIT_FAILED
    return EXIT_BAD_INPUT if bad else EXIT_OK


def _check_common(args: argparse.Namespace) -> None:
    if args.jobs < 1:
        raise KitError(
            f"--jobs 应为正整数，收到：{args.jobs}", f"--jobs must be at least 1, got {args.jobs}"
        )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise KitError(f"--out {out} 不是文件夹", f"--out {out} is not a folder", field="out")


def _run(args: argparse.Namespace, jobs: list[Job], problems: list[Problem]) -> int:
    for item in problems:
        _say_problem(item)
    outcomes = render_all(
        unique_names(jobs, args.out, _lang(args)),
        args.out,
        _lang(args),
        workers=args.jobs,
        progress=not args.no_progress and bool(jobs),
    )
    return _summary(_lang(args), outcomes, problems)


def _guarded(func):
    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        with using(_lang(args)):  # the command's messages, titles and errors in its --lang
            try:
                _check_common(args)
                return func(args)
            except KitError as err:
                print_error(err)
                return EXIT_BAD_INPUT

    return run


@_guarded
def cmd_company(args: argparse.Namespace) -> int:
    jobs, problems = _with_notices(lambda: company_jobs(args.inputs, _lang(args)))
    return _run(args, jobs, problems)


@_guarded
def cmd_industry(args: argparse.Namespace) -> int:
    jobs, problems = industry_jobs(args.industries, _lang(args))
    return _run(args, jobs, problems)


@_guarded
def cmd_cohort(args: argparse.Namespace) -> int:
    jobs, problems, cohort = _with_notices(lambda: cohort_jobs(args.inputs, args.name, _lang(args)))
    if jobs:
        print(
            _("Cohort: {read} record(s) read, {size} member(s) counted.").format(
                read=cohort.records_read, size=cohort.size
            ),
            file=sys.stderr,
        )
        if len(cohort.history):  # a learner's several files: the newest counts, once
            print(
                _(
                    "{members} member(s) have several assessments: the newest counts; {earlier} "
                    "earlier one(s) serve the change over time."
                ).format(members=cohort.history["id"].nunique(), earlier=len(cohort.history)),
                file=sys.stderr,
            )
    return _run(args, jobs, problems)


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, help=_("output folder"))
    parser.add_argument(
        "--jobs", type=int, default=1, help=_("parallel worker processes (default 1)")
    )
    add_lang(parser, help=_("report language (zh, en)"))
    parser.add_argument("--no-progress", action="store_true", help=_("no progress bar"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `report company|industry|cohort` to the `smedx` command."""
    fmt = argparse.RawDescriptionHelpFormatter
    report = subparsers.add_parser(
        "report",
        help=_("render HTML reports"),
        description=_(
            "Run the report templates with papermill and export them to HTML without code."
        ),
        formatter_class=fmt,
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    p = kinds.add_parser(
        "company",
        help=_("company diagnosis report"),
        description=_(
            "One report per company, from JSON records, assessments or plans, `smedx assess "
            "--json` lines (.jsonl), a member CSV, or folders of them."
        ),
        formatter_class=fmt,
    )
    p.add_argument("inputs", nargs="+", help=_("files or folders"))
    _options(p)
    p.set_defaults(func=cmd_company)

    p = kinds.add_parser(
        "industry",
        help=_("industry brief"),
        description=_("industry keys: {keys}, all").format(keys=_(", ").join(INDUSTRIES)),
        formatter_class=fmt,
    )
    p.add_argument("industries", nargs="+", help=_("industry keys or all"))
    _options(p)
    p.set_defaults(func=cmd_industry)

    p = kinds.add_parser(
        "cohort",
        help=_("association cohort report"),
        description=_(
            "All inputs form one cohort; one report. Inputs: member tables, or folders of the "
            "learners' own files (answers_m02.json, results files, nbgrader's submitted/)."
        ),
        formatter_class=fmt,
    )
    p.add_argument("inputs", nargs="+", help=_("member CSV/JSON files or folders"))
    p.add_argument("--name", default="", help=_("association or class name"))
    _options(p)
    p.set_defaults(func=cmd_cohort)

    from smedx.cli import report_learning as learning_cli

    learning_cli.register(kinds)


def main(argv: list[str] | None = None) -> int:
    """Run `report ...` on its own (the tests use this; `smedx report` is the same)."""
    parser = argparse.ArgumentParser(prog="smedx")
    add_lang(parser, default="zh")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
