"""The bad-input table of issue #13, items 4-6: strict JSON everywhere, Chinese spreadsheets,
nothing half-written or overwritten.

Every row of :data:`CASES` runs the real ``smedx`` command in a fresh folder and states what must
happen: the exit code, the Chinese fragments of the message in a Chinese run and the English
ones in an English run (stdout and stderr together; never a traceback) and, where the right outcome is a result rather than a refusal, a
check of that result (files written, numbers read). Cases that render a report start a kernel
and are marked slow. The full-disk cases mount a 64 kB tmpfs (root only): they are skipped, with
the reason, where mounting is impossible.

Below the table: the library-level guarantees behind it (write_atomic on Ctrl-C, the depth scan).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from smedx import files, strict_json
from smedx.errors import KitError
from smedx.reports import synthetic

SMEDX = str(Path(sys.executable).with_name("smedx"))  # the installed console script
ROOT = Path(__file__).resolve().parents[1]
ANSWERS = json.loads((ROOT / "smedx/examples/answers.json").read_text("utf-8"))["answers"]
COMPANY = json.loads((ROOT / "reports/examples/companies/C001_trading.json").read_text("utf-8"))
TIMEOUT = 300  # seconds: a run that reads /dev/zero without a cap never gets here


# --------------------------------------------------------------------------------------------
# Inputs.


def answers_json(**extra: object) -> str:
    return json.dumps({"id": "X1", "answers": ANSWERS, **extra}, ensure_ascii=False)


def repeated_key() -> str:
    """Answers in which F1 appears twice: plain json.loads keeps the last one silently."""
    body = json.dumps(ANSWERS)[1:-1]
    return '{"F1": "e", ' + body + "}"


def deep(levels: int = 5000) -> str:
    return '{"id": "D1", "answers": ' + "[" * levels + "]" * levels + "}"


def company_line(ident: str) -> str:
    return json.dumps({**COMPANY, "id": ident}, ensure_ascii=False)


def members_csv(shares: list[str], sep: str, encoding: str, seed: int = 5) -> bytes:
    table = synthetic.members_table(len(shares), seed=seed, stage_only_share=0.0)
    table["investment_share"] = shares
    assert table["name"].str.contains("虚构").all()  # Chinese text, so the encoding matters
    return table.to_csv(index=False, sep=sep).encode(encoding)


def plan_text(budget_share: float) -> str:
    from smedx.models.assessment import assess
    from smedx.models.plan import build_plan, plan_to_json

    return plan_to_json(
        build_plan(assess(ANSWERS), revenue_10k_cny=5000, budget_share=budget_share)
    )


def assessment_line() -> str:
    from smedx.models.assessment import assess

    return json.dumps({"assessment": assess(ANSWERS).to_dict()}, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Results to check.


def counts(html_path: Path, table_id: str) -> dict[str, str]:
    """A report table's rows by key: the text of the second column (a count)."""
    html = html_path.read_text("utf-8")
    soup = BeautifulSoup(html[html.index("<main>") :], "html.parser")
    table = soup.find("table", id=table_id)
    assert table is not None, f"no table {table_id}"
    return {
        tr["data-key"]: tr.find_all("td")[1].get_text()
        for tr in table.find_all("tr")
        if tr.has_attr("data-key")
    }


def decimal_commas_read_as_decimals(folder: Path, _run) -> None:
    bands = counts(folder / "out" / "cohort_m.html", "investment-table")
    assert bands["1_2"] == "6" and bands["lt1"] == "4"  # 1,5 -> 1.5 % and 0,75 -> 0.75 %
    assert bands.get("above_7", "0") == "0"  # never 15 % or 75 %


def tab_table_read(folder: Path, _run) -> None:
    assert counts(folder / "out" / "cohort_t.html", "overview-table")["members"] == "6"


def only_the_good_line_rendered(folder: Path, _run) -> None:
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["C001.html"]


def three_files_and_the_old_one_kept(folder: Path, run) -> None:
    out = folder / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "A_B-2-2.html",
        "A_B-2.html",
        "A_B-3.html",
        "A_B.html",
    ]
    assert (out / "A_B.html").read_text() == "an earlier report"
    for ident, name in (("A/B", "A_B-2"), ("A_B", "A_B-3"), ("A_B-2", "A_B-2-2")):
        assert f"({ident}) → out/{name}.html" in run.stdout


def larger_plan_inputs(folder: Path) -> None:
    """Scenario, GenAI and vendor results for a plan larger than the one on the full disk: the
    old plan's pages, freed by truncating it, cannot hold the new one (32.9 kB > 8 pages)."""
    made = {
        "s.json": ("scenarios", "--assessment", "a.json", "--goal", "cost_reduction"),
        "g.json": ("genai", "--assessment", "a.json"),
        "v.json": ("vendors",),
    }
    for name, args in made.items():
        extra = ("--budget-band", "1_2") if args[0] == "scenarios" else ()
        out = subprocess.run(
            [SMEDX, *args, *extra, "--json"], cwd=folder, capture_output=True, check=True
        )
        (folder / name).write_bytes(out.stdout)


def old_plan_intact(folder: Path, _run) -> None:
    disk = folder / "disk"
    assert (disk / "plan.json").read_text("utf-8") == plan_text(2.0)
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "plan.json"]  # no temp file


def nothing_left_on_the_disk(folder: Path, _run) -> None:
    assert list((folder / "disk" / "out").iterdir()) == []  # not even a hidden temp file


# --------------------------------------------------------------------------------------------
# The table.


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # after `smedx`, run in the case's folder
    code: int  # expected exit code
    zh: tuple[str, ...]  # fragments of the Chinese message (or of the output)
    en: tuple[str, ...]  # ... and of the English one
    files: dict[str, str | bytes] = field(default_factory=dict)  # written before the run
    stdin: str | None = None  # a path whose content is standard input ("/dev/zero": endless)
    result: Callable | None = None  # checks the correct result: (folder, completed process)
    slow: bool = False  # renders a report: starts a kernel
    disk: str | None = None  # mount a 64 kB tmpfs at ./disk, then prepare it ("plan", "empty")
    setup: Callable | None = None  # makes more input files with smedx itself: (folder)


CASES = [
    # Item 4: every JSON input through smedx.strict_json.
    Case(
        "json: a repeated key is refused, not 'the last wins'",
        ("assess", "dup.json"),
        2,
        ("dup.json 含重复的字段名“F1”",),
        ('dup.json repeats the field name "F1"',),
        files={"dup.json": repeated_key()},
    ),
    Case(
        "json: nesting 5,000 deep is refused without a RecursionError",
        ("assess", "deep.json"),
        2,
        ("deep.json 嵌套过深（超过 64 层）",),
        ("deep.json is nested too deeply (over 64 levels)",),
        files={"deep.json": deep()},
    ),
    Case(
        "json: a lone surrogate in an id is refused",
        ("assess", "surrogate.json"),
        2,
        ("含无效的 Unicode 字符（孤立的代理项",),
        ("holds an invalid Unicode character (a lone surrogate",),
        files={"surrogate.json": answers_json().replace('"X1"', '"\\ud800"')},
    ),
    Case(
        "json: NaN is refused",
        ("assess", "nan.json"),
        2,
        ("含非法数值 NaN",),
        ("holds an invalid number NaN",),
        files={"nan.json": answers_json(profile={"revenue_10k_cny": float("nan")})},
    ),
    Case(
        "json: 1e999 (infinity once parsed) is refused",
        ("assess", "inf.json"),
        2,
        ("含非法数值 1e999",),
        ("holds an invalid number 1e999",),
        files={"inf.json": answers_json(profile={}).replace('"profile": {}', '"x": 1e999')},
    ),
    Case(
        "json: not UTF-8 (saved as GBK) is refused",
        ("assess", "gbk.json"),
        2,
        ("gbk.json 不是 UTF-8 文本",),
        ("gbk.json is not UTF-8 text",),
        files={"gbk.json": answers_json().replace("X1", "示例").encode("gbk")},
    ),
    Case(
        "json: /dev/zero is read up to the 10 MB cap, not until memory runs out",
        ("assess", "/dev/zero"),
        2,
        ("/dev/zero 过大（超过 10.0 MB）",),
        ("/dev/zero is too large (more than 10.0 MB)",),
    ),
    Case(
        "json: endless standard input is read up to the 10 MB cap",
        ("assess", "-"),
        2,
        ("标准输入过大（超过 10.0 MB）",),
        ("standard input is too large (more than 10.0 MB)",),
        stdin="/dev/zero",
    ),
    Case(
        "json: plan show reads /dev/zero up to the 10 MB cap",
        ("plan", "show", "/dev/zero"),
        2,
        ("/dev/zero 过大（超过 10.0 MB）",),
        ("/dev/zero is too large (more than 10.0 MB)",),
    ),
    Case(
        "json: plan show reads endless standard input up to the 10 MB cap",
        ("plan", "show", "-"),
        2,
        ("标准输入过大（超过 10.0 MB）",),
        ("standard input is too large (more than 10.0 MB)",),
        stdin="/dev/zero",
    ),
    Case(
        "json: a plan file with a repeated key is refused",
        ("plan", "show", "plan.json"),
        2,
        ("含重复的字段名“kind”",),
        ('repeats the field name "kind"',),
        files={"plan.json": plan_text(1.5).replace("{", '{"kind": "plan", ', 1)},
    ),
    Case(
        "json: the bad lines of a .jsonl batch are named and the good one is rendered",
        ("report", "company", "batch.jsonl", "--out", "out", "--no-progress"),
        2,
        (
            "batch.jsonl 第 2 行：该行嵌套过深",
            "batch.jsonl 第 3 行：该行含重复的字段名“id”",
            "batch.jsonl 第 4 行：该行含无效的 Unicode 字符",
            "batch.jsonl 第 5 行：该行含非法数值 NaN",
            "已生成 1 份报告；输入有误 4 处",
        ),
        (
            "batch.jsonl line 2: the line is nested too deeply",
            'batch.jsonl line 3: the line repeats the field name "id"',
            "batch.jsonl line 4: the line holds an invalid Unicode character",
            "batch.jsonl line 5: the line holds an invalid number NaN",
            "1 report(s) rendered; 4 input problem(s); 0 report(s) failed.",
        ),
        files={
            "batch.jsonl": "\n".join(
                [
                    company_line("C001"),
                    deep(),
                    '{"id": "A", "id": "B"}',
                    company_line("SURROGATE").replace("SURROGATE", "\\ud800"),
                    '{"id": "N", "budget_share": NaN}',
                ]
            )
        },
        result=only_the_good_line_rendered,
        slow=True,
    ),
    Case(
        "input: a device such as /dev/zero is not a report input",
        ("report", "cohort", "/dev/zero", "--out", "out"),
        2,
        ("/dev/zero：不是普通文件",),
        ("/dev/zero: not a regular file",),
    ),
    # Item 5: spreadsheets saved by Chinese Excel or WPS.
    Case(
        "csv: GB18030 with semicolons and decimal commas: read, and said how",
        ("report", "cohort", "m.csv", "--out", "out", "--no-progress"),
        0,
        ("m.csv：按 GB18030 编码读取，以分号分隔", "读取 10 条记录，计入 10 家会员"),
        ("m.csv: read as GB18030, cells separated by semicolons", "1 report(s) rendered"),
        files={"m.csv": members_csv(["1,5"] * 6 + ["0,75"] * 4, ";", "gb18030")},
        result=decimal_commas_read_as_decimals,
        slow=True,
    ),
    Case(
        "csv: a tab-separated table is read",
        ("report", "cohort", "t.csv", "--out", "out", "--no-progress"),
        0,
        ("t.csv：按 UTF-8 编码读取，以制表符分隔",),
        ("t.csv: read as UTF-8, cells separated by tabs",),
        files={"t.csv": members_csv(["1.5"] * 6, "\t", "utf-8")},
        result=tab_table_read,
        slow=True,
    ),
    Case(
        "csv: '1,500' as a percentage (1500 or 1.5?) is refused, never read as 1500",
        ("report", "cohort", "m.csv", "--out", "out"),
        2,
        ("m.csv 第 2 行", "investment_share“1,500”中的逗号无法判断是千位分隔符还是小数点"),
        ("m.csv row 2", "investment_share '1,500': the comma may be a thousands separator"),
        files={"m.csv": members_csv(["1,500"], ";", "utf-8")},
    ),
    Case(
        "csv: an unquoted decimal comma in a comma-separated table is refused with a hint",
        ("report", "cohort", "m.csv", "--out", "out"),
        2,
        ("不是有效的 CSV 表格", "line 2, saw 32", "若数字用逗号作小数点（如 1,5），请改为 1.5"),
        ("not a valid CSV table", "if a number has a decimal comma (1,5), write 1.5"),
        # in the first data row: pandas made the extra cell an index and shifted every column
        files={"m.csv": members_csv(["1.5"] * 3, ",", "utf-8").replace(b",1.5,", b",1,5,", 1)},
    ),
    Case(
        "csv: a binary file is not a table",
        ("report", "cohort", "m.csv", "--out", "out"),
        2,
        ("不是文本表格：既不是 UTF-8 也不是 GB18030（GBK）编码",),
        ("not a text table: neither UTF-8 nor GB18030 (GBK) text",),
        files={"m.csv": b"company_id\x00\x01\x02\xff\xfe\x00"},
    ),
    # Item 6: nothing the kit writes is half-written or overwritten.
    Case(
        "write: plan build -o on a full disk keeps the existing plan whole",
        (
            *("plan", "build", "--assessment", "a.json", "--revenue", "5000"),
            *("--budget-share", "1.5", "--months", "24", "--target-stage", "innovation"),
            *("--scenarios", "s.json", "--genai", "g.json", "--vendors", "v.json"),
            *("-o", "disk/plan.json"),
        ),
        2,
        ("无法写入 disk/plan.json：磁盘空间不足（原有文件保持不变）",),
        ("cannot write disk/plan.json: the disk is full (any existing file is unchanged)",),
        files={"a.json": assessment_line()},
        setup=larger_plan_inputs,
        result=old_plan_intact,
        disk="plan",
    ),
    Case(
        "write: a report batch on a full disk leaves no temporary file",
        ("report", "company", "c.json", "--out", "disk/out", "--no-progress"),
        1,
        ("磁盘空间不足", "已生成 0 份报告；输入有误 0 处；生成失败 1 份"),
        ("the disk is full", "0 report(s) rendered; 0 input problem(s); 1 report(s) failed."),
        files={"c.json": company_line("C001")},
        result=nothing_left_on_the_disk,
        slow=True,
        disk="empty",
    ),
    Case(
        "write: ids A/B, A_B and A_B-2 give three files, and an existing A_B.html is kept",
        ("report", "company", "ids.jsonl", "--out", "out", "--no-progress"),
        0,
        ("ids.jsonl 第 1 行 (A/B) → out/A_B-2.html", "已生成 3 份报告"),
        ("3 report(s) rendered; 0 input problem(s); 0 report(s) failed.",),
        files={
            "ids.jsonl": "\n".join(company_line(i) for i in ("A/B", "A_B", "A_B-2")),
            "out/A_B.html": "an earlier report",
        },
        result=three_files_and_the_old_one_kept,
        slow=True,
    ),
]


# --------------------------------------------------------------------------------------------
# Running a case.


@contextlib.contextmanager
def tiny_disk(folder: Path):
    """A 64 kB tmpfs at ``folder``: writes beyond it fail with ENOSPC, as on a full disk."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path) -> None:
    """Take every free byte of the file system of ``folder``."""
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 512)
        except OSError as err:
            assert err.errno == errno.ENOSPC


def write_files(case: Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    if case.setup is not None:
        case.setup(folder)


def run_case(case: Case, folder: Path, lang: str = "zh") -> subprocess.CompletedProcess:
    stdin = open(case.stdin, "rb") if case.stdin else subprocess.DEVNULL  # noqa: SIM115
    try:
        return subprocess.run(
            [SMEDX, *case.args],
            cwd=folder,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "SMEDX_LANG": lang},
        )
    finally:
        if case.stdin:
            stdin.close()


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES],
)
def test_bad_input(case: Case, tmp_path: Path):
    # The message is in one language: the Chinese fragments in a Chinese run (with the result
    # check), the English ones in an English run of its own; a case that renders a report (slow)
    # runs in Chinese only.
    for lang in ("zh",) if case.slow else ("zh", "en"):
        folder = tmp_path / lang
        folder.mkdir()
        write_files(case, folder)
        with contextlib.ExitStack() as stack:
            if case.disk:
                disk = stack.enter_context(tiny_disk(folder / "disk"))
                if case.disk == "plan":
                    (disk / "plan.json").write_text(plan_text(2.0), encoding="utf-8")
                    fill(disk)
            run = run_case(case, folder, lang)
            output = run.stdout + run.stderr
            assert "Traceback" not in output, output
            for fragment in case.en if lang == "en" else case.zh:
                assert fragment in output, f"{fragment!r} not in:\n{output}"
            assert run.returncode == case.code, output
            if case.result is not None and lang == "zh":
                case.result(folder, run)


# --------------------------------------------------------------------------------------------
# The guarantees behind the table, at the library level.


def test_write_atomic_on_ctrl_c_removes_its_temp_file_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(_fd):  # Ctrl-C while the new content is being flushed to disk
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_write_atomic_keeps_permissions_and_refuses_to_overwrite_when_told(tmp_path):
    target = tmp_path / "a.html"
    files.write_atomic(target, "one")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # not mkstemp's 0600
    os.chmod(target, 0o640)
    files.write_atomic(target, "two")
    assert target.read_text() == "two" and target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(KitError, match="exists and is not overwritten"):
        files.write_atomic(target, "three", overwrite=False)
    assert target.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("[]", 1),
        ('{"a": "[[[[", "b": [{"c": "\\"]]"}]}', 3),
        ('["\\\\", ["\\\\\\"[", []]]', 3),  # escaped backslashes and quotes
        ('"[[[', 0),
        ("[" * 5000, 5000),  # invalid, but the parser must not be let in
        ("", 0),
    ],
)
def test_bracket_depth_ignores_brackets_in_strings(text, depth):
    assert strict_json.bracket_depth(text) == depth


def test_bracket_depth_matches_the_parsed_depth_across_scan_chunks():
    value = [["x" * (1 << 20) + '"[{', [[{"k": '"['}]]]]
    text = json.dumps(value)
    assert len(text) > 1 << 20  # the scan works in 1 MB chunks: the string crosses one
    assert strict_json.bracket_depth(text) == 5
