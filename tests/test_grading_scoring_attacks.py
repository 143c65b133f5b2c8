"""Scoring-side attacks, through the real ``nbgrader autograde`` and ``generate_feedback``.

Each row is a submission of assignment m01 that tries to raise its score from inside the learner's
kernel or through the submitted files, with a named expected outcome:

- ``full``: every autograded cell gets its points (honest, complete submissions);
- ``as submitted``: every item gets what the trainer's checker gives the submitted answers file,
  whatever the kernel defined, patched or printed (the attack changes nothing);
- ``zero: <reason>``: every widget item gets 0 and its feedback names the reason.

The kernel runs as the test's own user here (the sandbox's account is tested in
tests/test_grading_sandbox.py); what is tested is that the score never comes from the kernel.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from autograde import NBGRADER, autograde, graded_cells, scores
from keyscan import scan, secrets

from smedx.grading import cohort, trainer
from smedx.grading.public import RECORD_MIME, answer_id

pytestmark = pytest.mark.slow

MODULE = "m01"
ROOT = Path(__file__).resolve().parents[1]
ITEMS = trainer.items(ROOT, MODULE)
SPEC = trainer.spec(ROOT, MODULE)
FULL = cohort.full_answers(MODULE, ROOT)
WRONG = cohort.wrong_answers(MODULE, ROOT)
REFERENCE = {f"{MODULE}-{a.name}-answer": a.solution for a in SPEC.advanced}
FIRST_ADVANCED = f"{MODULE}-{SPEC.advanced[0].name}-answer"
IMPORTS = f"{MODULE}-imports"

PATCH_EVERYTHING = """
import smedx.exercises.core as core
import smedx.grading.notebook as notebook
core.Question.check = lambda self, answer: core.Feedback(True, 1.0, "ok", "ok")
notebook.saved = lambda question_id: 2.0
saved = lambda question_id: 2.0
record = lambda *args: 1.0
"""
POINTS_LAMBDA = """
from smedx.exercises import question
points = lambda qid: question(qid).points
saved = lambda qid: points(qid)
record = lambda *args: 1
"""
PRINT_HIDDEN = """
import sys
print(In)
print(sorted(globals()))
try:
    import trainer.items.m01
except ImportError as err:
    print("no trainer package:", err)
print([m for m in sys.modules if "trainer" in m])
"""
FAKE_RECORD = f"""
from IPython.display import display
{SPEC.advanced[0].name} = "not the answer"
display({{"{RECORD_MIME}": {{"name": "{SPEC.advanced[0].name}", "value": "forged"}}}}, raw=True)
"""
REWRITE_ANSWERS = f"""
import json
answers = {{k: {{"answer": v}} for k, v in {json.dumps(FULL, ensure_ascii=False)}.items()}}
open("answers_{MODULE}.json", "w").write(json.dumps(answers))
"""


@dataclass
class Attack:
    name: str
    expect: str  # "full", "as submitted" or "zero: <reason>"
    answers: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # grade id -> new source
    insert: str = ""  # a new cell right after the imports
    delete: str = ""  # a regex of grade ids whose cells are deleted
    answers_file: bytes | None = None  # replaces the answers file
    symlink: str = ""  # the answers file becomes a link to this course path
    knows_keys: bool = False  # the attack's own code spells right answers (the test gave them)


def _locked_tests_to(value: str) -> dict:
    return {f"{MODULE}-{q.id.split('.', 1)[1]}-test": value for q in ITEMS}


ATTACKS = [
    Attack("honest_full", "full", FULL, REFERENCE),
    Attack("honest_wrong", "as submitted", WRONG),
    Attack("monkeypatch_checker_and_scores", "as submitted", WRONG, insert=PATCH_EVERYTHING),
    Attack("unlocked_points_lambda", "as submitted", WRONG, {FIRST_ADVANCED: POINTS_LAMBDA}),
    Attack("edit_locked_cells", "as submitted", WRONG, _locked_tests_to("2.0")),
    Attack("print_hidden_tests", "as submitted", WRONG, {FIRST_ADVANCED: PRINT_HIDDEN}),
    Attack("forged_record_output", "as submitted", WRONG, {FIRST_ADVANCED: FAKE_RECORD}),
    Attack(
        "rewrite_answers_while_graded",
        "as submitted",
        WRONG,
        insert=REWRITE_ANSWERS,
        knows_keys=True,
    ),
    Attack(
        "forged_answers_file",
        "as submitted",
        answers_file=json.dumps(
            {
                **{k: {"answer": v, "score": 1, "correct": True} for k, v in WRONG.items()},
                "score": {"answer": 100},
                "m01.not_an_item": {"answer": "x"},
            }
        ).encode(),
    ),
    Attack(
        "oversized_answers_file",
        "zero: answers_too_large",
        answers_file=json.dumps(
            {**{k: {"answer": v} for k, v in FULL.items()}, "pad": {"answer": "x" * 600_000}}
        ).encode(),
    ),
    Attack(
        "truncated_answers_file",
        "zero: answers_malformed",
        answers_file=json.dumps({k: {"answer": v} for k, v in FULL.items()}).encode()[:-40],
    ),
    Attack(
        "duplicate_keys_answers_file",
        "zero: answers_malformed",
        answers_file=b'{"x": {"answer": 1}, "x": {"answer": 2}}',
    ),
    Attack("nan_answers_file", "zero: answers_malformed", answers_file=b'{"x": {"answer": NaN}}'),
    Attack("answers_file_is_a_symlink", "zero: answers_not_a_file", symlink="trainer/items/m01.py"),
    Attack("no_answers_file", "zero: no_answers_file"),
    Attack("deleted_graded_cells", "full", FULL, REFERENCE, delete=r"-test$"),
    Attack("deleted_every_question_cell", "as submitted", FULL, delete=r"-(test|widget|answer)$"),
]


def _edit(folder: Path, attack: Attack) -> None:
    path = folder / f"{MODULE}.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    if attack.delete:
        pattern = re.compile(attack.delete)
        cells = [
            c
            for c in cells
            if not pattern.search(c.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))
        ]
    if attack.insert:
        at = next(
            i
            for i, c in enumerate(cells)
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == IMPORTS
        )
        new = {
            "cell_type": "code",
            "execution_count": None,
            "id": "attack",
            "metadata": {},
            "outputs": [],
            "source": attack.insert,
        }
        cells.insert(at + 1, new)
    nb["cells"] = cells
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    answers = folder / f"answers_{MODULE}.json"
    if attack.answers_file is not None:
        answers.write_bytes(attack.answers_file)
    if attack.symlink:
        answers.unlink(missing_ok=True)
        answers.symlink_to(folder.parents[2] / attack.symlink)


@pytest.fixture(scope="module")
def graded(tmp_path_factory, released_course):
    folder = released_course(tmp_path_factory.mktemp("attacks") / "course", [MODULE])
    for attack in ATTACKS:
        submission = cohort.submit(folder, MODULE, attack.name, attack.answers, cells=attack.cells)
        _edit(submission, attack)
    result = autograde(folder, MODULE)
    assert result.returncode == 0, result.stderr[-3000:]
    feedback = subprocess.run(
        [str(NBGRADER), "generate_feedback", MODULE, "--force"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    return folder


def _expected(answers: dict) -> dict[str, float]:
    """What the trainer's checker gives each item for ``answers`` (the answers file's content)."""
    out = {}
    for q in ITEMS:
        value = answers.get(answer_id(q))
        score = 0.0 if value is None else q.check(value).score
        out[f"{MODULE}-{q.id.split('.', 1)[1]}-test"] = round(score * q.points, 2)
    return out


def _text(cell: dict) -> str:
    return json.dumps(cell.get("outputs", []), ensure_ascii=False)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.name for a in ATTACKS])
def test_attack_has_its_named_outcome(graded, attack):
    got = scores(graded, MODULE, attack.name)
    cells = graded_cells(graded, MODULE, attack.name)
    items = _expected(FULL)
    if attack.expect == "full":
        assert all(score == top for score, top in got.values()), got
        return
    if attack.expect == "as submitted":
        submitted = attack.answers
        if attack.answers_file is not None:
            ids = {answer_id(q) for q in ITEMS}
            content = json.loads(attack.answers_file)
            submitted = {k: v["answer"] for k, v in content.items() if k in ids}
        want = _expected(submitted)
        assert {k: got[k][0] for k in want} == pytest.approx(want), attack.name
        if submitted is not FULL:  # so an attack that raised any score would show
            assert sum(want.values()) < sum(got[k][1] for k in want)
        advanced = [k for k in got if k not in want]
        assert all(got[k][0] == 0 for k in advanced), {k: got[k] for k in advanced}
        return
    reason = attack.expect.removeprefix("zero: ")
    for grade_id in items:
        assert got[grade_id][0] == 0, (grade_id, got[grade_id])
        assert reason in _text(cells[grade_id]), _text(cells[grade_id])


def test_no_key_reaches_the_autograded_notebooks_or_the_feedback(graded):
    everything = secrets(ROOT)
    assert len(everything) > 20
    for attack in ATTACKS:
        # what a learner legitimately holds: the kit's "why" of answers they got right, the
        # reference code they wrote themselves, right answers the test put in their code
        own = []
        if attack.answers is FULL:
            own.append("right-answer message")
        if attack.cells is REFERENCE:
            own.append("reference code")
        if attack.knows_keys:
            own.append("example answer")
        keys = {k: v for k, v in everything.items() if not any(o in k for o in own)}
        for place in ("autograded", "feedback"):  # the answers file there is the learner's own
            for path in (graded / place / attack.name / MODULE).glob(f"{MODULE}.*"):
                hits = scan(path, keys)
                assert not hits, (attack.name, place, hits[:5])


def test_feedback_is_readable_and_offline(graded):
    page = (graded / "feedback" / "honest_wrong" / MODULE / f"{MODULE}.html").read_text()
    for q in ITEMS:  # each answer shown as the option text chosen
        value = WRONG.get(answer_id(q))
        if q.kind == "choice" and value is not None:
            chosen = next(o for o in q.options if o.key == value)
            assert chosen.zh in html.unescape(page)  # in the grader's language: Chinese
    assert page.count("得分：") >= len(ITEMS)
    assert "Traceback (most recent call last)" not in page
    assert "No response" not in page.split("进阶")[0]
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"?https?:|url\(https?:", page)
    assert "mathjax" not in page.lower()
    hidden = (graded / "feedback" / "print_hidden_tests" / MODULE / f"{MODULE}.html").read_text()
    assert "no trainer package" in hidden  # the learner's print ran, and found nothing to print
