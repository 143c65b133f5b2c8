"""The test tiers of tests/tiers.py: every test file is in exactly one tier, and a file whose
code starts a kernel, a server, another Unix user or a browser is not in a lower tier.

Two checks agree here: the source of each file (what it calls), and, while the suite runs,
conftest's audit hook (what each test really spawns; a test that starts something above its
tier fails)."""

import re
from pathlib import Path

import pytest
from tiers import BROWSER_FILES, KERNEL_FILES, SYSTEM_FILES, TIERS, started_tier, tier_of

TESTS = Path(__file__).resolve().parent
FILES = sorted(TESTS.rglob("test_*.py"))
# What a test file's own code calls to start something of a tier (the lowest tier it needs).
USES = {
    "kernel": re.compile(
        r"\bNotebookClient\(|\bexecute_notebook\(|\bKernelManager\(|\bstart_kernel\("
        r"|\bautograde\(|\bstart_command\(|\bhtml_to_pdf\b|\bfigure_to_png\b"
        r"|\"(handouts|certificates|agenda)\""
    ),
    "system": re.compile(r"[\"'](useradd|runuser|setpriv|pg_ctl|initdb)[\"']|\bgeteuid\(\) != 0"),
    "browser": re.compile(r"\b(sync|async)_playwright\b"),
}


def needed_tier(source: str) -> str:
    found = [tier for tier, use in USES.items() if use.search(source)]
    return max(found, key=TIERS.index, default="unit")


def test_the_tier_lists_name_existing_files_once():
    named = [*KERNEL_FILES, *SYSTEM_FILES, *BROWSER_FILES]
    assert len(named) == len(set(named)), "a file is listed in two tiers"
    top_level = {p.name for p in TESTS.glob("test_*.py")}
    assert set(named) <= top_level, f"no such test file: {set(named) - top_level}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_each_file_is_in_exactly_one_tier_no_lower_than_its_code_needs(path):
    tier = tier_of(path)
    in_tiers = [
        name
        for name, files in (
            ("kernel", KERNEL_FILES),
            ("system", SYSTEM_FILES),
            ("browser", BROWSER_FILES | ({path.name} if path.parent.name == "browser" else set())),
        )
        if path.name in files
    ]
    assert in_tiers in ([], [tier]), f"{path.name} is in {in_tiers}"
    needed = needed_tier(path.read_text(encoding="utf-8"))
    assert TIERS.index(tier) >= TIERS.index(needed), (
        f"{path.name} starts something of the {needed} tier but is in the {tier} tier"
    )


def test_a_file_that_starts_nothing_is_unit():
    assert needed_tier("def test_sum():\n    assert sum([1, 2]) == 3\n") == "unit"
    assert tier_of(TESTS / "test_dataset.py") == "unit"


@pytest.mark.parametrize(
    ("command", "tier"),
    [
        ("/v/bin/python -m ipykernel_launcher -f /tmp/k.json", "kernel"),
        ("/v/bin/python -m jupyterlab --ServerApp.ip=127.0.0.1", "kernel"),
        ("/v/bin/nbgrader autograde m01 --force", "kernel"),
        ("/usr/bin/chromium --headless --print-to-pdf=/tmp/a.pdf page.html", "kernel"),
        ("runuser -u nobody -- /v/bin/smedx grade m01", "system"),
        (
            "/v/lib/playwright/driver/node /v/lib/playwright/driver/package/cli.js run-driver",
            "browser",
        ),
        ("/v/bin/jupyter labextension list", "unit"),
        ("/v/bin/jupyter server extension list", "unit"),
        ("/v/bin/nbgrader release_assignment m01", "unit"),
        ("git ls-files", "unit"),
    ],
)
def test_the_audit_hook_sorts_spawned_commands_into_tiers(command, tier):
    assert started_tier([command]) == tier
