"""A class of ten on the real one-server hub (bench/class_load.py): staggered arrivals, each
learner logs in, runs module 02, answers its widget exercises, opens a Voila app, fetches and
submits m02; the trainer collects and runs `smedx grade`. No timing is asserted (the bench
reports timings); what must hold is that nobody is lost: every spawn, every answer saved on
disk, every submission received and graded.

Needs root and Node.js with npm, as tests/test_hub.py. 3.5-4 minutes on 2 cores shared with a
load average of 15-20 (a third of it is `smedx grade`); less on a quiet machine.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from smedx.errors import KitError

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("class_load", ROOT / "bench" / "class_load.py")
class_load = sys.modules["class_load"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(class_load)

LEARNERS = 10


def answers_per_learner() -> int:
    """What a learner answers in module 02: each exercise("...") cell and the self-assessment
    form, counted from the notebook so a new exercise does not break the count."""
    notebook = json.loads(next((ROOT / "modules").glob("02_*.ipynb")).read_text("utf-8"))
    sources = [class_load.cell_source(c) for c in notebook["cells"] if c["cell_type"] == "code"]
    exercises = sum(bool(re.search(r'exercise\("([^"]+)"\)', s)) for s in sources)
    return exercises + any("AssessmentForm()" in s for s in sources)


def test_bad_arguments_get_a_message_in_both_languages(capsys):
    for argv in (["--learners", "10,5"], ["--learners", "x"], ["--every", "-1"]):
        assert class_load.main(argv) == 2
        err = capsys.readouterr().err
        assert "错误" in err and "error:" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_class_of_ten_staggered_loses_nothing():
    try:
        class_load.require_machine()
    except KitError as err:
        pytest.fail(str(err), pytrace=False)
    s = class_load.run_class(LEARNERS, "staggered", every=2.0)
    assert not s["failures"], s["failures"]
    assert s["spawn_success_rate"] == 1
    assert answers_per_learner() >= 7  # six practice questions and the form, at least
    assert s["answers_sent"] == LEARNERS * answers_per_learner()
    assert s["answers_lost"] == 0, s["lost"]
    assert s["submissions_received"] == LEARNERS
    assert s["grade_exit"] == 0 and s["graded"] == LEARNERS, s.get("grade_stderr")
