"""A newcomer's first minutes with `smedx` (issue #13, item 10): each case and its outcome."""

import json
import subprocess
import sys

import pytest

SMEDX = [sys.executable, "-m", "smedx.cli"]


def smedx(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*SMEDX, *args], input=stdin, capture_output=True, text=True)


# (case, arguments, exit code, text that must appear in stdout or stderr)
CASES = [
    (
        "lang after the subcommand",
        ["data", "list", "--lang", "en"],
        0,
        "China SME Development Index",
    ),
    (
        "lang before the subcommand",
        ["--lang", "en", "data", "list"],
        0,
        "China SME Development Index",
    ),
    (
        "lang after a nested action",
        ["data", "show", "2.2.2", "--lang", "en"],
        0,
        "Single-point trial",
    ),
    ("lang after report kind", ["report", "industry", "--help"], 0, "--lang"),
    ("assess with no file", ["assess"], 2, "smedx assess --example"),
    ("assess with no file, zh", ["assess"], 2, "格式见 smedx assess --example"),
    ("an unknown language", ["data", "list", "--lang", "fr"], 2, "无效的选项：'fr'"),
]


@pytest.mark.parametrize(("case", "args", "code", "text"), CASES, ids=[c[0] for c in CASES])
def test_newcomer_case(case, args, code, text):
    run = smedx(*args)
    assert run.returncode == code, run.stderr
    assert text in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_lang_gives_the_same_output_before_and_after_the_command():
    before = smedx("--lang", "en", "data", "show", "2.1.1").stdout
    after = smedx("data", "show", "2.1.1", "--lang", "en").stdout
    assert before == after and before


def test_the_shipped_example_is_a_complete_answer_file_that_scores():
    example = smedx("assess", "--example")
    assert example.returncode == 0
    record = json.loads(example.stdout)
    assert set(record) == {"id", "profile", "answers"}
    assert len(record["answers"]) == 20
    scored = smedx("assess", "-", "--json", stdin=example.stdout)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["assessment"]["stage"]


def test_assess_help_documents_the_format():
    out = smedx("assess", "--help").stdout
    assert "smedx assess --example > answers.json" in out and "F1–F5" in out


def test_scenarios_echo_their_inputs_and_print_every_reason():
    args = ["scenarios", "--stage", "local_build", "--industry", "retail", "--budget-band", "1_2",
            "--goal", "process_optimisation"]  # fmt: skip
    ranking = json.loads(smedx(*args, "--json").stdout)
    text = smedx(*args).stdout
    for line in (
        "阶段：局部建设阶段",
        "行业：零售业",
        "投入占营收：1%（含）-2%",
        "目标：优化既有业务流程",
    ):
        assert line in text
    reasons = sum(len(row["reasons"]) for row in ranking["ranked"])
    assert reasons > 2 * len(ranking["ranked"])  # more than the two per row printed before
    assert text.count("\n   - ") == reasons
    english = smedx(*args, "--lang", "en").stdout
    assert (
        "industry: Retail" in english and "goals: Optimise existing business processes" in english
    )
