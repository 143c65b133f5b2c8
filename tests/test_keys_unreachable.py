"""No place a learner can reach holds a key (see tests/keyscan.py for what counts as one).

Places: the installed package (a wheel built from pyproject.toml), the learner image (what
deploy/image/Dockerfile's learner stage copies), exercises/, and the feedback HTML of a graded
submission. The learner's copy of the course on the hub is scanned in tests/test_hub.py with the
same helper.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from autograde import NBGRADER, autograde
from built_wheel import built_wheel
from keyscan import scan, secrets

from smedx.exercises import AnswerStore
from smedx.grading import cohort

ROOT = Path(__file__).resolve().parents[1]
KEYS = secrets(ROOT)
TRAINER_ONLY = ("trainer", "solutions", "nbgrader_config.py", "gradebook.db", ".git")


def test_there_are_keys_and_the_scan_finds_them_where_they_are():
    kinds = {label.split(" ", 1)[1].split(" line")[0] for label in KEYS}
    for kind in ("example answer (code)", "solution zh", "model answer zh", "check"):
        assert any(k.endswith(kind) for k in kinds), kind
    assert len(KEYS) > 100
    in_trainer = {label for _file, label in scan(ROOT / "trainer", KEYS)}
    # every text of a spec or an item's solution is written in trainer/ (the rest is computed)
    written = {k for k in KEYS if "model answer" in k or "check" in k or "reference code" in k}
    assert written <= in_trainer, sorted(written - in_trainer)[:5]
    assert scan(ROOT / "solutions", KEYS)


def test_the_scan_finds_an_answers_file_holding_the_right_answers(tmp_path):
    full = cohort.full_answers("m01", ROOT)
    for key, value in full.items():
        AnswerStore("m01", tmp_path).put(key, value)  # indented, as a widget writes it
    found = {label for _file, label in scan(tmp_path, KEYS)}
    named = {k.split(" ", 1)[0] for k in found if "example answer" in k}
    assert named == set(full), set(full) - named


@pytest.mark.slow
def test_the_installed_package_holds_no_key():
    wheel = built_wheel()  # the one build test_wheel.py installs outside the checkout
    names = zipfile.ZipFile(wheel).namelist()
    assert "smedx/grading/trusted.py" in names
    assert "smedx/grading/templates/smedx_feedback/index.html.j2" in names  # feedback offline
    assert not [n for n in names if n.split("/")[0] in TRAINER_ONLY], "trainer files in the wheel"
    assert not scan(wheel, KEYS)


def test_exercises_hold_no_key():
    assert not scan(ROOT / "exercises", KEYS)


def learner_image_sources() -> list[Path]:
    """What the Dockerfile's learner stage copies from the build context."""
    text = (ROOT / "deploy" / "image" / "Dockerfile").read_text(encoding="utf-8")
    stage = re.split(r"^FROM .* AS (?!learner)\w+", text, flags=re.M)[0]
    sources = []
    for line in re.findall(r"^COPY (?!--from)(.+)$", stage, flags=re.M):
        parts = line.split()
        sources += [ROOT / p.rstrip("/") for p in parts[:-1] if not p.startswith("--")]
    return sources


def test_the_learner_image_holds_no_key():
    sources = learner_image_sources()
    assert ROOT / "smedx" in sources and ROOT / "modules" in sources
    assert not [s for s in sources if s.relative_to(ROOT).parts[0] in TRAINER_ONLY]
    hits = [hit for s in sources if s.exists() for hit in scan(s, KEYS)]
    assert not hits, hits[:10]


@pytest.mark.slow
def test_feedback_holds_no_key(tmp_path, released_course):
    module = "m02"
    folder = released_course(tmp_path / "course", [module])
    cohort.submit(folder, module, "wrong", cohort.wrong_answers(module, ROOT))
    cohort.submit(folder, module, "full", cohort.full_answers(module, ROOT))
    assert autograde(folder, module).returncode == 0
    result = subprocess.run(
        [str(NBGRADER), "generate_feedback", module, "--force"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # a right answer's feedback may say why it is right; the rest is never shown
    not_for_the_right = {k: v for k, v in KEYS.items() if "right-answer message" not in k}
    pages = {who: list((folder / "feedback" / who).rglob("*.html")) for who in ("wrong", "full")}
    assert pages["wrong"] and pages["full"]
    # (the learner's own answers file travels with the page; it holds what they answered)
    assert not [hit for page in pages["wrong"] for hit in scan(page, KEYS)]
    assert not [hit for page in pages["full"] for hit in scan(page, not_for_the_right)]
