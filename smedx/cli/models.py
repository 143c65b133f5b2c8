"""Command-line access to the decision models: `smedx assess`, `scenarios`, `vendors`, `genai`
and `plan`. Inputs are JSON files (or "-" for stdin); output is a readable summary in Chinese or
English (``--lang``) or JSON (``--json``), so an association can script batch assessments:

    smedx assess members.json --json > results.jsonl     # one JSON object per line
    smedx plan build --assessment a.json --revenue 5000 --budget-share 1.5 -o plan.json
    smedx plan show plan.json --lang en

Bad input prints a message in the command's language on stderr and exits with code 2.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from smedx.cli.common import add_lang, print_error
from smedx.errors import KitError
from smedx.i18n import Bilingual, _, language, pgettext, using
from smedx.models.common import (
    INDUSTRIES,
    INVESTMENT_BANDS,
    SIZE_BANDS,
    STAGE_ORDER,
    CompanyProfile,
)
from smedx.models.registry import parse

if TYPE_CHECKING:
    from smedx.models.assessment import Assessment

MAX_INPUT_BYTES = 10_000_000
EXIT_BAD_INPUT = 2


# --------------------------------------------------------------------------------------------
# Plumbing: language, errors, reading JSON.


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", "zh")


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command in its --lang; turn a KitError into a message in that language and exit
    code 2, wherever it is raised."""

    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        with using(_lang(args)):
            try:
                return func(args)
            except KitError as err:
                print_error(err)
                return EXIT_BAD_INPUT

    return run


def _read_text(path: str) -> str:
    """A file's or stdin's ("-") UTF-8 text, read through a cap (never past MAX_INPUT_BYTES)."""
    from smedx.files import read_limited

    data = read_limited(path, MAX_INPUT_BYTES)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        name = ("标准输入", "stdin") if path == "-" else (path, path)
        raise KitError(
            f"{name[0]} 不是 UTF-8 文本", f"{name[1]} is not UTF-8 text", field="file"
        ) from err


def read_json(path: str) -> object:
    """A JSON document from a file or stdin ("-"), or a KitError saying what is wrong
    (read through :mod:`smedx.strict_json`: at most MAX_INPUT_BYTES are ever read)."""
    from smedx import strict_json

    return strict_json.load(path, MAX_INPUT_BYTES)


def _dump(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, allow_nan=False))


def _profile_from(args: argparse.Namespace) -> CompanyProfile | None:
    """A profile from --profile FILE and/or --industry / --size-band; None if none given."""
    raw: dict = {}
    if getattr(args, "profile", None):
        loaded = read_json(args.profile)
        if not isinstance(loaded, Mapping):
            raise KitError(
                "企业信息文件应为一个 JSON 对象", "the profile file must be a JSON object"
            )
        raw.update(loaded)
    for field in ("industry", "size_band"):
        if getattr(args, field, None):
            raw[field] = getattr(args, field)
    return CompanyProfile.from_dict(raw) if raw else None


def _assessment_input(path: str) -> Assessment:
    """A stored assessment, checked against its own answers (accepts `assess --json` lines)."""
    raw = read_json(path)
    if isinstance(raw, Mapping) and "assessment" in raw and "kind" not in raw:
        raw = raw["assessment"]  # a line written by `smedx assess --json`
    return parse("assessment", raw)


# --------------------------------------------------------------------------------------------
# smedx assess


def _answer_sets(raw: object, default: CompanyProfile | None, path: str) -> list[tuple]:
    """(id, answers, profile, error) per answer set: a file may hold one answer mapping, one record
    {"id", "answers", "profile"} or a list of records (a batch)."""
    items = raw if isinstance(raw, list) else [raw]
    if not items:
        raise KitError(f"{path} 中没有答卷", f"{path} holds no answer sets", field="answers")
    sets = []
    for item in items:
        if not (isinstance(item, Mapping) and "answers" in item):
            sets.append((None, item, default, None))
            continue
        ident = None if item.get("id") is None else str(item["id"])
        unknown = sorted(set(item) - {"id", "answers", "profile"})
        if unknown:
            error = KitError(
                f"答卷记录含未知字段：{', '.join(unknown)}（可用：id、answers、profile）",
                f"unknown fields in an answer record: {', '.join(unknown)} (valid: id, answers, "
                "profile)",
            )
            sets.append((ident, None, None, error))
            continue
        try:
            raw_profile = item.get("profile")
            profile = default if raw_profile is None else CompanyProfile.from_dict(raw_profile)
        except KitError as error:
            sets.append((ident, None, None, error))
            continue
        sets.append((ident, item["answers"], profile, None))
    return sets


def _assessment_lines(a: Mapping) -> list[str]:
    from smedx import glossary

    lang = language()
    lines = [
        _("Stage: {stage} | level: {level} | total {total}").format(
            stage=a.get(f"stage_label_{lang}", a["stage"]),
            level=a.get(f"level_label_{lang}", a["level"]),
            total=f"{a['total']:g}/{a.get('max_total', 100):g}",
        )
    ]
    dims = a.get("dimensions", {})
    if dims:
        scores = _("; ").join(
            f"{d.get('label_' + lang, k)} {d['score']:g}/{d['max']:g}" for k, d in dims.items()
        )
        lines.append("  " + _("Dimensions: {scores}").format(scores=scores))
    for reason in a.get("reasons", [])[1:]:
        lines.append(f"  - {reason.get(lang, '')}")
    gaps = a.get("gaps", [])
    nxt = a.get("next_stage")
    if nxt and gaps:
        name = glossary.name("stage", nxt, lang)
        lines.append("  " + _("To reach the {stage}:").format(stage=name))
        for g in gaps[:10]:
            head = (
                f"    · {g['item']} {g.get('label_' + lang, '')}: {g['current']} -> {g['needed']}"
            )
            target = g.get(f"needed_text_{lang}", "")
            lines.append(head + (_(" ({target})").format(target=target) if target else ""))
        if len(gaps) > 10:
            lines.append("    " + _("... {n} more").format(n=len(gaps) - 10))
    for note in a.get("notes", []):
        lines.append("  " + _("Note: {note}").format(note=note.get(lang, "")))
    return lines


def example_answers() -> str:
    """The shipped example answer record (`smedx assess --example > answers.json`)."""
    from importlib.resources import files

    return files("smedx").joinpath("examples/answers.json").read_text(encoding="utf-8")


@_guarded
def cmd_assess(args: argparse.Namespace) -> int:
    from smedx.models.assessment import assess

    if args.example:
        sys.stdout.write(example_answers())
        return 0
    if not args.files:
        raise KitError(
            "请给出答卷 JSON 文件（- 为标准输入）；格式见 smedx assess --example",
            "give an answer file (- for stdin); see smedx assess --example for the format",
            field="files",
        )
    default = _profile_from(args)
    failed = False
    for path in args.files:
        try:
            sets = _answer_sets(read_json(path), default, path)
        except KitError as err:
            print_error(err)  # the message names the file
            failed = True
            continue
        for index, (ident, answers, profile, error) in enumerate(sets):
            where = f"{path}[{index}]" if len(sets) > 1 else path
            try:
                if error is not None:
                    raise error
                result = assess(answers, profile).to_dict()
            except KitError as err:
                failed = True
                print_error(err, f"{where} ({ident})" if ident else where)
                if args.json:
                    _dump({"id": ident, "file": path, "index": index, "error": err.to_dict()})
                continue
            if args.json:
                _dump({"id": ident, "file": path, "index": index, "assessment": result})
            else:
                title = ident or where
                print(f"[{title}]")
                print("\n".join(_assessment_lines(result)))
    return EXIT_BAD_INPUT if failed else 0


# --------------------------------------------------------------------------------------------
# smedx scenarios / vendors / genai


def _stage_and_profile(args: argparse.Namespace) -> tuple[str, CompanyProfile]:
    stage, profile = args.stage, _profile_from(args)
    if args.assessment:
        a = _assessment_input(args.assessment)
        stage = stage or a.stage
        if profile is None and a.profile is not None:
            profile = a.profile
    if not stage:
        raise KitError(
            "请用 --stage 指定阶段，或用 --assessment 提供评估结果",
            "give the stage with --stage, or an assessment result with --assessment",
            field="stage",
        )
    return stage, profile or CompanyProfile()


@_guarded
def cmd_scenarios(args: argparse.Namespace) -> int:
    from smedx.models.scenarios import rank_scenarios

    lang = language()
    stage, profile = _stage_and_profile(args)
    result = rank_scenarios(profile, stage, args.goal or [], args.budget_band).to_dict()
    if args.json:
        _dump(result)
        return 0
    print("\n".join(_scenario_inputs(stage, profile, args)))
    print(_("Investment scenarios, best first"))
    for i, row in enumerate(result["ranked"], start=1):
        print(f"{i}. {row['label_' + lang]}  {row['score']:.1f}")
        for reason in row.get("reasons", []):
            print(f"   - {reason[lang]}")
    for note in result.get("notes", []):
        print(_("Note: {note}").format(note=note[lang]))
    return 0


def _scenario_inputs(stage: str, profile: CompanyProfile, args: argparse.Namespace) -> list[str]:
    """Echo what the ranking used, in words, so a reader sees which inputs produced it."""
    from smedx.models.assessment import stage_label
    from smedx.models.scenarios import goal_catalogue

    lang = language()
    i = 1 if lang == "en" else 0  # the (zh, en) tables' column
    unset = pgettext("input", "not given")
    goals = goal_catalogue()
    named = [goals[g][i] if g in goals else g for g in args.goal or []]
    return [
        _("Inputs:"),
        "  " + _("stage: {stage}").format(stage=stage_label(stage, lang)),
        "  "
        + _("industry: {industry}").format(
            industry=INDUSTRIES.get(profile.industry, (unset,) * 2)[i]
        ),
        "  "
        + _("size band: {size}").format(
            size=SIZE_BANDS[profile.size_band][i] if profile.size_band else unset
        ),
        "  "
        + _("spending, share of revenue: {band}").format(
            band=INVESTMENT_BANDS[args.budget_band][2 + i]
        ),
        "  " + _("goals: {goals}").format(goals=_(", ").join(named) or unset),
    ]


def _vendor_inputs(args: argparse.Namespace) -> tuple[list, dict | None]:
    from smedx.models.vendors import Vendor, example_vendors

    weights = None
    if args.weight:
        weights = {}
        for pair in args.weight:
            key, _, value = pair.partition("=")
            try:
                weights[key] = float(value)
            except ValueError as err:
                raise KitError(
                    f"权重应写成 准则=数字，例如 cost_benefit=0.3，收到：{pair!r}",
                    f"a weight is criterion=number, e.g. cost_benefit=0.3; got {pair!r}",
                    field="weights",
                ) from err
    if not args.file:
        return list(example_vendors()), weights
    raw = read_json(args.file)
    if isinstance(raw, Mapping) and "vendors" in raw:
        raw = raw["vendors"]
    if not isinstance(raw, list):
        raise KitError(
            "服务商文件应为列表：[{name, scores: {准则: 1-5}}, ...]",
            "the vendor file must be a list: [{name, scores: {criterion: 1-5}}, ...]",
            field="vendors",
        )
    return [Vendor.from_dict(v) for v in raw], weights


@_guarded
def cmd_vendors(args: argparse.Namespace) -> int:
    from smedx.models.vendors import score_vendors

    lang = language()
    vendors, weights = _vendor_inputs(args)
    result = score_vendors(vendors, weights, args.method).to_dict()
    if args.json:
        _dump(result)
        return 0
    print(_("Vendors ({method})").format(method=result["method"]))
    for row in result["ranked"]:
        name = Bilingual(row["name"], row.get("name_en") or row["name"]).text()
        print(f"{row['rank']}. {name}  {row['score']:.1f}")
        print(f"   {row['why_' + lang]}")
    if result.get("sensitivity"):
        print(_("Sensitivity:"))
        for item in result["sensitivity"]:
            print(f"  - {item['text_' + lang]}")
    for note in result.get("notes", []):
        print(_("Note: {note}").format(note=note[lang]))
    return 0


def _genai_lines(g: Mapping) -> list[str]:
    from smedx.models.genai import QUADRANTS

    lang = language()
    lines = []
    for quadrant, (zh, en) in QUADRANTS.items():
        items = [i for i in g["items"] if i["quadrant"] == quadrant]
        if not items:
            continue
        lines.append(Bilingual(zh, en).text() + ":")
        for i in items:
            lines.append(
                f"  - {i['label_' + lang]}"
                + _(" (value {value}, feasibility {feasibility}, risk {risk})").format(
                    value=f"{i['value']:g}",
                    feasibility=f"{i['feasibility']:g}",
                    risk=f"{i['risk']:g}",
                )
            )
    lines.append(_("Suggested pilots:"))
    if not g["shortlist"]:
        lines.append("  " + _("(none yet)"))
    for n, item in enumerate(g["shortlist"], start=1):
        lines.append(f"  {n}. {item['label_' + lang]}")
        lines.extend(f"     - {r[lang]}" for r in item["reasons"])
    lines.extend(pgettext("hint", "Note: {note}").format(note=note[lang]) for note in g["notes"])
    return lines


@_guarded
def cmd_genai(args: argparse.Namespace) -> int:
    from smedx.models.genai import prioritise

    stage, profile = _stage_and_profile(args)
    selected = [k.strip() for k in args.select.split(",") if k.strip()] if args.select else None
    if args.select is not None and not selected:
        selected = []  # let the model explain that at least one use case is needed
    result = prioritise(
        profile,
        stage,
        selected,
        data_readiness=args.data_readiness,
        skills=args.skills,
        shortlist_size=args.pilots,
    ).to_dict()
    if args.json:
        _dump(result)
    else:
        print("\n".join(_genai_lines(result)))
    return 0


# --------------------------------------------------------------------------------------------
# smedx plan build / show


def _cny(amount_10k: float) -> str:
    """万元 for English readers: 18.75 -> 'CNY 187,500'."""
    return f"CNY {amount_10k * 10_000:,.0f}"


def _money(amount_10k: float) -> str:
    """An amount in the reader's unit: 万元 in Chinese, whole yuan in English."""
    if language() == "en":
        return _cny(amount_10k)
    return f"{amount_10k:g} 万元"


def _plan_lines(p: Mapping) -> list[str]:
    from smedx.models.plan import VendorPick, vendor_label

    lang = language()
    st, b = p["stage"], p["budget"]
    lines = [
        _("Digital transformation action plan ({months} months)").format(
            months=p["horizon_months"]
        ),
        _("Stage: {current} -> {target}").format(
            current=st["current_" + lang], target=st["target_" + lang]
        ),
        _("Budget: {amount} (revenue {revenue} x {share}%)").format(
            amount=_money(b["amount_10k_cny"]),
            revenue=_money(b["revenue_10k_cny"]),
            share=f"{b['share_percent']:g}",
        ),
    ]
    lines.extend(f"  - {c[lang]}" for c in b["comparisons"])
    if p["scenarios"]:
        names = ", ".join(s["label_" + lang] for s in p["scenarios"])
        lines.append(_("Scenarios: {names}").format(names=names))
    if p["vendors"]:
        picks = [VendorPick(**v) for v in p["vendors"]]
        names = ", ".join(vendor_label(v, lang) for v in picks)
        lines.append(_("Vendor shortlist: {names}").format(names=names))
    if p["pilots"]:
        names = ", ".join(x["label_" + lang] for x in p["pilots"])
        lines.append(_("GenAI pilots: {names}").format(names=names))
    lines.append(_("Quarter by quarter:"))
    for q in p["timeline"]:
        lines.append(
            "  "
            + _("Q{index} (months {first}-{last}, budget {budget})").format(
                index=q["index"],
                first=q["month_from"],
                last=q["month_to"],
                budget=_money(q["budget_10k_cny"]),
            )
        )
        lines.extend(f"    - {task[lang]}" for task in q["tasks"])
    lines.append(_("KPIs:"))
    for k in p["kpis"]:
        lines.append(f"  - {k['label_' + lang]}: {k['metric_' + lang]}")
        lines.extend(f"      {e[lang]}" for e in k["evidence"])
    lines.append(_("External help:"))
    for h in p["external_help"]:
        label = h["label_" + lang]
        if h["recommended"]:
            label = _("[suggested] {label}").format(label=label)
        lines.append(f"  - {label} ({h['share']:.1f}%): {h['where_' + lang]}")
    lines.extend(pgettext("hint", "Note: {note}").format(note=n[lang]) for n in p["notes"])
    return lines


def _optional_result(path: str | None, kind: str) -> object | None:
    if not path:
        return None
    raw = read_json(path)
    if not isinstance(raw, Mapping):
        raise KitError(f"{path} 应为一个 JSON 对象", f"{path} must be a JSON object", field="file")
    return parse(kind, raw)


@_guarded
def cmd_plan_build(args: argparse.Namespace) -> int:
    from smedx.models.plan import build_plan, plan_to_json

    plan = build_plan(
        _assessment_input(args.assessment),
        _optional_result(args.scenarios, "scenarios"),
        _optional_result(args.vendors, "vendors"),
        _optional_result(args.genai, "genai"),
        revenue_10k_cny=args.revenue,
        budget_share=args.budget_share,
        target_stage=args.target_stage,
        horizon_months=args.months,
    )
    text = plan_to_json(plan)
    if args.output:
        from smedx.files import write_atomic

        write_atomic(args.output, text)  # whole or not at all: an existing plan survives
    if args.json:
        sys.stdout.write(text)
        return 0
    print("\n".join(_plan_lines(plan.to_dict())))
    if args.output:
        print(_("Plan saved to {path}").format(path=args.output))
    return 0


@_guarded
def cmd_plan_show(args: argparse.Namespace) -> int:
    from smedx.models.plan import plan_from_json, plan_to_json

    plan = plan_from_json(_read_text(args.file))
    if args.json:
        sys.stdout.write(plan_to_json(plan))
    else:
        print("\n".join(_plan_lines(plan.to_dict())))
    return 0


# --------------------------------------------------------------------------------------------
# Registration.


def _common(parser: argparse.ArgumentParser) -> None:
    add_lang(parser)
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def _company(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--assessment", help=_("assessment result JSON"))
    parser.add_argument("--stage", choices=STAGE_ORDER, help=_("current stage"))
    parser.add_argument("--industry", choices=list(INDUSTRIES), help=_("industry"))
    parser.add_argument("--size-band", choices=list(SIZE_BANDS), help=_("size band"))
    parser.add_argument("--profile", help=_("company profile JSON"))


ASSESS_FORMAT = """\
  {"id": "...", "profile": {"industry": "retail", "size_band": "101_300"},
   "answers": {"F1": "c", "F2": "b", ..., "R4": "b"}}
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `assess`, `scenarios`, `vendors`, `genai` and `plan` to the `smedx` command."""
    fmt = argparse.RawDescriptionHelpFormatter

    p = subparsers.add_parser(
        "assess",
        help=_("stage self-assessment"),
        description=_(
            "Score one or more answer sets (a file holds an answer mapping, an {id, answers, "
            "profile} record, or a list of records). --json prints one JSON object per line."
        )
        + "\n\n"
        + _("format:")
        + "  smedx assess --example > answers.json\n"
        + ASSESS_FORMAT
        + _("  answers: 20 items (F1–F5, O1–O6, M1–M5, R1–R4), each a–e"),
        formatter_class=fmt,
    )
    p.add_argument("files", nargs="*", help=_("answer JSON files, - for standard input"))
    p.add_argument(
        "--example", action="store_true", help=_("print an example answer file (the format)")
    )
    p.add_argument("--profile", help=_("default company profile JSON"))
    p.add_argument("--industry", choices=list(INDUSTRIES), help=_("industry"))
    p.add_argument("--size-band", choices=list(SIZE_BANDS), help=_("size band"))
    _common(p)
    p.set_defaults(func=cmd_assess)

    p = subparsers.add_parser("scenarios", help=_("rank investment scenarios"))
    _company(p)
    p.add_argument("--goal", action="append", help=_("transformation goal (repeatable)"))
    p.add_argument("--budget-band", required=True, choices=list(INVESTMENT_BANDS),
                   help=_("spending as a share of revenue"))  # fmt: skip
    _common(p)
    p.set_defaults(func=cmd_scenarios)

    p = subparsers.add_parser("vendors", help=_("compare vendors"))
    p.add_argument(
        "file", nargs="?", help=_("vendors JSON (default: the kit's fictional examples)")
    )
    p.add_argument("--method", choices=["weighted_sum", "topsis"], default="weighted_sum",
                   help=_("ranking method"))  # fmt: skip
    p.add_argument("--weight", action="append", help=_("criterion=weight (repeatable)"))
    _common(p)
    p.set_defaults(func=cmd_vendors)

    from smedx.models.genai import DATA_READINESS, SKILL_LEVELS

    p = subparsers.add_parser("genai", help=_("GenAI use cases and pilots"))
    _company(p)
    p.add_argument("--data-readiness", choices=list(DATA_READINESS), default="scattered",
                   help=_("how ready the company's data is"))  # fmt: skip
    p.add_argument("--skills", choices=list(SKILL_LEVELS), default="basic",
                   help=_("the staff's digital skills"))  # fmt: skip
    p.add_argument("--select", help=_("only these use cases (comma-separated)"))
    p.add_argument("--pilots", type=int, default=3, help=_("number of pilots"))
    _common(p)
    p.set_defaults(func=cmd_genai)

    plan = subparsers.add_parser("plan", help=_("action plan"))
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    p = actions.add_parser("build", help=_("build a plan"))
    p.add_argument("--assessment", required=True, help=_("assessment result JSON"))
    p.add_argument("--scenarios", help=_("scenario ranking JSON"))
    p.add_argument("--vendors", help=_("vendor ranking JSON"))
    p.add_argument("--genai", help=_("GenAI portfolio JSON"))
    p.add_argument("--revenue", type=float, required=True,
                   help=_("annual revenue, in 10,000 CNY"))  # fmt: skip
    p.add_argument("--budget-share", type=float, required=True,
                   help=_("budget, percent of revenue, e.g. 1.5"))  # fmt: skip
    p.add_argument("--target-stage", choices=STAGE_ORDER, help=_("target stage"))
    p.add_argument("--months", type=int, default=12, help=_("horizon in months"))
    p.add_argument("-o", "--output", help=_("save the plan file"))
    _common(p)
    p.set_defaults(func=cmd_plan_build)
    p = actions.add_parser("show", help=_("check and show a plan file"))
    p.add_argument("file", help=_("plan JSON file, - for standard input"))
    _common(p)
    p.set_defaults(func=cmd_plan_show)
