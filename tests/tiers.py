"""Test tiers: which tier each test file is in, and which tier a spawned command belongs to.

Used by tests/conftest.py (marks, the audit of what each test spawns) and tests/test_tiers.py.
A module of its own: ``import conftest`` finds tests/browser/conftest.py when the whole suite runs.

Every test file belongs to exactly one tier, the strongest thing the file starts.
`kit.py test --fast` runs unit and kernel in parallel.
  unit     nothing but Python: no kernel, no server, no other Unix user, no browser
  kernel   a Jupyter kernel (nbclient, papermill, nbgrader autograde), a Jupyter or Voila
           server, or a headless Chromium that prints a PDF or a picture
  system   needs root: real Unix users, the hub, PostgreSQL, the grading sandbox
  browser  Playwright drives Chromium
"""

import re
from pathlib import Path

TIERS = ("unit", "kernel", "system", "browser")
KERNEL_FILES = {
    "test_agenda.py",
    "test_apps.py",
    "test_assignment_editions.py",
    "test_assignments.py",
    "test_certificates.py",
    "test_course_folder.py",  # runs `smedx course agenda` (text only)
    "test_course_pack.py",
    "test_deploy_exchange.py",
    "test_deploy_image.py",
    "test_grading_feedback.py",
    "test_grading_parallel.py",
    "test_grading_scoring_attacks.py",
    "test_handouts.py",
    "test_keys_unreachable.py",
    "test_learner_server.py",
    "test_modules.py",
    "test_printing.py",
    "test_quiz.py",
    "test_slides.py",
    "test_wheel.py",
}
SYSTEM_FILES = {
    "test_class_load.py",
    "test_grading_collect.py",
    "test_grading_sandbox.py",
    "test_grading_workflow.py",
    "test_hub.py",
    "test_hub_units.py",
}
BROWSER_FILES = {"test_reports_render.py"}  # besides everything in tests/browser/


def tier_of(path: Path) -> str:
    """The tier of the test file at ``path`` (unit unless a list above names it)."""
    if path.parent.name == "browser" or path.name in BROWSER_FILES:
        return "browser"
    if path.name in SYSTEM_FILES:
        return "system"
    if path.name in KERNEL_FILES:
        return "kernel"
    return "unit"


# What a spawned command line starts (conftest's audit hook sees every subprocess.Popen of the
# test process, nbclient's and papermill's kernels included).
SIGNS = {
    "kernel": re.compile(
        r"ipykernel|papermill|voila|nbconvert.*--execute|nbgrader\S* +autograde"
        r"|jupyter[-_ ]?(lab|server|notebook|execute)\b(?!\s+(extension|list))"
        r"|chrom(e|ium)\b.*--headless"
    ),
    "system": re.compile(
        r"(^|/)(useradd|userdel|runuser|setpriv|pg_ctl|initdb|systemd-run|jupyterhub|su)( |$)"
    ),
    "browser": re.compile(r"playwright"),
}


def started_tier(commands: list[str]) -> str:
    """The highest tier any of ``commands`` (command lines) belongs to."""
    found = [t for t, sign in SIGNS.items() for c in commands if sign.search(c)]
    return max(found, key=TIERS.index, default="unit")
