"""`smedx certificates make|verify`: certificates for a course's learners, and checking one."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

import smedx.certificates
from smedx.certificates import (
    REQUIRED,
    Learner,
    code_for,
    is_genuine,
    learner,
    load_secret,
    normalise_code,
)
from smedx.certificates.roster import read_roster
from smedx.cli.common import output_folder
from smedx.errors import KitError
from smedx.i18n import _, pgettext, using


def certificate_words(lang: str) -> dict[str, str]:
    """The certificate's fixed wording in ``lang`` (the template's ``t``)."""
    with using(lang):
        return {
            "title": _("Certificate of Completion"),
            "lead": _("This certifies that"),
            "course": _("has completed the course: "),
            "dates": _("Dates: "),
            "to": pgettext("date span", " – "),  # Chinese writes a span of dates with 至
            "modules": _("Modules completed:"),
            "results": _("Results: "),
            "based_on": _(
                "Course based on the China SME Digital Transformation Report 2024 (SME DX Kit)"
            ),
            "code": _("Verification code"),
            "verify": _("Ask the issuing association to verify it"),
        }


TEMPLATES = Path(smedx.certificates.__file__).with_name("templates")  # package data
# Past this many characters of association, course and results together, the certificate is
# set in smaller type so the verification code stays on the page, inside the frame.
DENSE_CHARS = 120


def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined
    )


def module_names(modules: tuple[str, ...], lang: str) -> list[str]:
    from smedx.coursepack.handouts import module_title

    return [module_title(nn, lang, short=True) for nn in modules]


def certificate_html(person: Learner, code: str, lang: str = "zh") -> str:
    return (
        _env()
        .get_template("certificate.html.j2")
        .render(
            p=person,
            code=code,
            lang=lang,
            t=certificate_words(lang),
            modules=module_names(person.modules, lang),
            dense=len(person.association + person.course + person.results) > DENSE_CHARS,
        )
    )


def file_name(index: int, person: Learner) -> str:
    """``003_张三.pdf``: the row number keeps two learners with one name apart."""
    safe = re.sub(r"[^\w\-]+", "_", person.name).strip("_")[:40] or "learner"
    return f"{index:03d}_{safe}.pdf"


def make(people: list[Learner], out: Path, secret: bytes, lang: str = "zh") -> list[Path]:
    """Write one certificate PDF per learner into ``out``; returns the files written."""
    from smedx.printing import html_to_pdf

    written = []
    for index, person in enumerate(people, start=1):
        html = certificate_html(person, code_for(person, secret), lang)
        written.append(html_to_pdf(html, out / file_name(index, person)))
    return written


def _make(args: argparse.Namespace) -> int:
    people = read_roster(Path(args.roster))  # a bad roster is said before a missing secret
    secret = load_secret(args.secret_file)
    for path in make(people, output_folder(args.out), secret, args.lang):
        print(path)
    return 0


def _claimed(args: argparse.Namespace) -> Learner:
    fields = {key: getattr(args, key) for key in (*REQUIRED, "results")}
    missing = [k for k in REQUIRED if not fields[k]]
    if missing:
        raise KitError(
            "请给出证书上的全部内容："
            + "、".join(f"--{k.replace('_', '-')}" for k in missing)
            + "；或用 --roster 名单核验",
            "give everything the certificate states: "
            + ", ".join(f"--{k.replace('_', '-')}" for k in missing)
            + "; or check against a roster with --roster",
        )
    return learner(fields)


def _verify(args: argparse.Namespace) -> int:
    code = normalise_code(args.code)
    secret = load_secret(args.secret_file)
    if args.roster:
        people = read_roster(Path(args.roster))
        if args.name:
            people = [p for p in people if same_name(p.name, args.name)]
            if not people:
                raise KitError(
                    f"名单中没有 {args.name}", f"the roster has no learner named {args.name}"
                )
        matches = [p for p in people if is_genuine(code, p, secret)]
    else:
        person = _claimed(args)
        matches = [person] if is_genuine(code, person, secret) else []
    with using(args.lang):
        if matches:
            p = matches[0]
            where = _(" (roster line {row})").format(row=p.row) if p.row else ""
            print(
                _(
                    "GENUINE: code {code} belongs to {name}, {course}, {start} – {end}{where}"
                ).format(
                    code=code, name=p.name, course=p.course, start=p.start, end=p.end, where=where
                )
            )
            return 0
        print(_("NOT GENUINE: code {code} does not match these details").format(code=code))
        return 1


def same_name(printed: str, typed: str) -> bool:
    from smedx.certificates import _same, clean_text

    return _same(printed) == _same(clean_text(typed))


def register(commands: argparse._SubParsersAction) -> None:
    cert = commands.add_parser(
        "certificates",
        help=_("course certificates: make and verify"),
        description=_("course certificates: make and verify"),
    )
    actions = cert.add_subparsers(dest="cert_action", metavar="ACTION", required=True)
    secret_help = _(
        "the association's secret file (keep it out of the repository); default: SMEDX_CERT_SECRET"
    )
    make_cmd = actions.add_parser(
        "make",
        help=_("one PDF certificate per roster row"),
        description=_(
            "The roster is a CSV (UTF-8 or GBK) with the header `name,course,association,"
            "start_date,end_date,modules,results` (or the Chinese header "
            "`姓名,课程,协会,开始日期,结束日期,完成模块,成绩`)."
        ),
    )
    make_cmd.add_argument("roster", help=_("roster CSV"))
    make_cmd.add_argument("--out", required=True, help=_("output folder"))
    make_cmd.add_argument("--secret-file", help=secret_help)
    make_cmd.set_defaults(func=_make)

    verify = actions.add_parser(
        "verify",
        help=_("check a certificate's verification code"),
        description=_(
            "Check against the roster (--roster, optionally --name) or everything the "
            "certificate states. Exit 0: genuine; 1: not genuine."
        ),
    )
    verify.add_argument("code", help=_("the verification code, e.g. 7K2M-Q9XD-4HNA-C3VB-P0RT"))
    verify.add_argument("--secret-file", help=secret_help)
    verify.add_argument("--roster", help=_("roster CSV"))
    verify.add_argument("--name", help=_("name"))
    verify.add_argument("--course", help=_("course"))
    verify.add_argument("--association", help=_("association"))
    verify.add_argument("--start-date", dest="start_date", help=_("start date"))
    verify.add_argument("--end-date", dest="end_date", help=_("end date"))
    verify.add_argument("--modules", help=_("modules completed, e.g. 00;01;02"))
    verify.add_argument("--results", default="", help=_("results, if printed"))
    verify.set_defaults(func=_verify)
