"""The graded items (trainer/items) are parallel forms of the practice items, not copies.

Practice items ship with the package and show their solution at a click, so a graded item must
assess the same learning objective with its own prompt and its own answer, be worth at least what
the item it replaces was worth, and be checked by its own checker: its example answer earns full
marks and every recorded wrong answer less.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smedx.exercises import MODULES, Question, all_questions, questions
from smedx.grading import trainer
from smedx.grading.assignment import judgement

ROOT = Path(__file__).resolve().parents[1]
GRADED_MODULES = [m for m in MODULES if m != "m00"]  # m00 is the practice assignment

# Graded points per assignment before graded and practice items were separated (commit 48a5ab9,
# `sum(q.points for q in questions(m) if q.graded)`); the parallel forms must not be worth less.
POINTS_BEFORE = {"m01": 13, "m02": 8, "m03": 9, "m04": 7, "m05": 9, "m06": 8}


def graded(module: str) -> list[Question]:
    return trainer.items(ROOT, module)


def worth(q: Question) -> int:
    """An item's points: scored automatically, plus its reasons graded by hand (m03, m05)."""
    reasons = judgement(q)
    return q.points + (reasons.points if reasons else 0)


def practice_by_id() -> dict[str, Question]:
    return {q.id: q for q in all_questions()}


# Practice items added after graded and practice items were separated (issue 17 item 4): they were
# never graded, so no graded item replaces them.
PRACTICE_ONLY = {
    "m02.industry_pick",
    "m03.help_services",
    "m03.process_reasons",
    "m03.srdi_practices",
    "m06.association_help",
}


def replaced(module: str) -> list[Question]:
    """The practice items that used to be graded: every widget item (reflections were not)."""
    return [q for q in questions(module) if q.kind != "text" and q.id not in PRACTICE_ONLY]


def _canonical(answer) -> str:
    return json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)


def objectives(module: str) -> set[int]:
    """The numbers of the learning objectives the module's notebook lists."""
    (path,) = (ROOT / "modules").glob(f"{module[1:]}_*.ipynb")
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if "学习目标" in text:
            return {int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)}
    raise AssertionError(f"{path.name} lists no learning objectives")


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_graded_items_are_not_practice_items(module):
    practice = list(practice_by_id().values())
    ids = {q.id for q in practice}
    prompts = {q.prompt.zh for q in practice} | {q.prompt.en for q in practice}
    answers = {_canonical(q.example_answer) for q in practice}
    for q in graded(module):
        assert q.graded and q.module == module and q.id.startswith(f"{module}.")
        assert q.id not in ids, f"{q.id} reuses a practice id"
        assert q.prompt.zh not in prompts and q.prompt.en not in prompts, f"{q.id}: same prompt"
        assert _canonical(q.example_answer) not in answers, (
            f"{q.id}: its answer is a practice item's answer, shown by its solution button"
        )
    assert len({q.id for q in graded(module)}) == len(graded(module)), "duplicate graded ids"


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_each_item_names_its_objective_and_the_practice_item_it_parallels(module):
    practice = practice_by_id()
    listed = objectives(module)
    for q in graded(module):
        parallel = q.meta.get("parallel_of")
        assert parallel in practice, f"{q.id}: parallel_of {parallel!r} is no practice item"
        twin = practice[parallel]
        assert twin.module == module and twin.kind == q.kind, (
            f"{q.id} must be answered like {parallel} (kind {twin.kind}), it is {q.kind}"
        )
        assert worth(q) >= twin.points, f"{q.id} is worth less than {parallel}"
        objective = q.meta.get("objective", "")
        number = re.match(r"(\d+) \S", objective)
        assert number and int(number.group(1)) in listed, (
            f"{q.id}: objective {objective!r} is not one of {module}'s objectives {sorted(listed)}"
        )


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_every_formerly_graded_item_has_a_parallel_form_worth_as_much(module):
    items = graded(module)
    covered = {q.meta.get("parallel_of") for q in items}
    missing = [q.id for q in replaced(module) if q.id not in covered]
    assert not missing, f"no parallel form for {missing}"
    total = sum(worth(q) for q in items)
    assert total >= sum(q.points for q in replaced(module))
    assert total >= POINTS_BEFORE[module]


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_example_answer_earns_full_marks_and_wrong_answers_less(module):
    for q in graded(module):
        right = q.check(q.example_answer)
        assert right.correct and right.score == 1.0, f"{q.id}: {right}"
        assert q.wrong_answers, f"{q.id} records no wrong answer to test its checker with"
        for answer in q.wrong_answers:
            feedback = q.check(answer)
            assert not feedback.correct and feedback.score < 1.0, f"{q.id} {answer!r}: {feedback}"
            assert feedback.zh and feedback.en, f"{q.id} {answer!r}: no bilingual message"


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_forms_keep_what_their_component_needs(module):
    for q in graded(module):
        if q.kind != "form":
            continue
        twin = practice_by_id()[q.meta["parallel_of"]]
        assert q.form is not None and q.form == twin.form, q.id
        if twin.form == "assessment":  # saves under its own id only
            assert q.meta.get("answer_id") == twin.id, q.id


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_a_missing_value_item_points_at_a_value_the_dataset_lacks(module):
    from smedx import data

    for q in graded(module):
        if "requires_missing" not in q.meta:
            continue
        figure_id, segment, key = q.meta["requires_missing"]
        rows = data.figure(figure_id)
        assert not ((rows["segment_key"] == segment) & (rows["key"] == key)).any(), q.id


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_answers_saved_by_the_learner_store_score_the_same_in_the_trusted_scorer(module, tmp_path):
    """The path a real answer takes: the widget's AnswerStore writes answers_mNN.json, the
    grader's TrustedScores reads it strictly and checks it with the trainer's key."""
    from smedx.exercises import AnswerStore
    from smedx.grading import trusted
    from smedx.grading.public import answer_id

    items = graded(module)
    store = AnswerStore(module, tmp_path / "right")
    for q in items:
        store.put(answer_id(q), q.example_answer)
    saved = trusted.read_answers(store.path)
    for q in items:
        feedback, _shown = trusted.check_item(q, saved)
        assert feedback.correct and feedback.score == 1.0, f"{q.id} as saved: {feedback}"
    for q in items:
        for n, answer in enumerate(q.wrong_answers):
            wrong_store = AnswerStore(module, tmp_path / f"{q.id}-{n}")
            wrong_store.put(answer_id(q), answer)
            feedback, _shown = trusted.check_item(q, trusted.read_answers(wrong_store.path))
            assert feedback.score < 1.0, f"{q.id} wrong answer {answer!r} as saved: {feedback}"


# Numbers a graded item may print that are not report values: what the kit computes (with why).
COMPUTED = {
    "m02.g_size_gap_301": {"0"},  # a distractor: 'not given' read as 0%
    "m04.g_fast_weight_drop": {"10.6"},  # the kit's default weight of 'fast', from its model
    "m05.g_use_sum": {"93.2"},  # the misquote to spot: 52.3 + 40.9 added up
}


def _report_numbers() -> set[float]:
    from smedx import data
    from smedx.models.common import INVESTMENT_BANDS

    values = {round(float(v), 1) for v in data.values()["value"]}
    values |= {round(float(v), 1) for v in data.facts()["value"]}
    bands = {float(x) for low, high, *_ in INVESTMENT_BANDS.values() for x in (low, high)}
    return values | bands  # band bounds name the options (e.g. 5%-7%)


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_every_percentage_a_learner_reads_comes_from_the_report(module):
    """Prompts and options quote report values (computed ones are listed in COMPUTED); a typed
    or invented percentage fails here."""
    known = _report_numbers()
    pattern = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=%| ?个百分点| points| 点)")
    for q in graded(module):
        text = " ".join([q.prompt.zh, q.prompt.en, *(o.zh + " " + o.en for o in q.options)])
        odd = {
            n
            for n in pattern.findall(text)
            if round(float(n), 1) not in known and n not in COMPUTED.get(q.id, set())
        }
        assert not odd, f"{q.id} prints {sorted(odd)}, found in no report value"


JUNK = [
    "",
    "x",
    -1,
    1e308,
    float("nan"),
    ["x"],
    ["x", "x"],
    [1, 2],
    {"a": 1},
    {"quality": "a"},
    {"answers": 5},
    {"answers": {}, "profile": "x"},
    {"answers": {"F1": 3}, "profile": {"bogus": 1}},
    {"plan_json": "{", "amount_10k_cny": 42},
    {"plan_json": "[]", "amount_10k_cny": True},
    ["industry:healthcare"],
    ["pick:rnd", "pick:rnd", "pick:rnd"],
    True,
]


@pytest.mark.parametrize("module", GRADED_MODULES)
def test_a_malformed_answer_gets_a_message_never_a_crash_or_points(module):
    """An answers file can hold anything: the trusted scorer calls these checkers on it."""
    for q in graded(module):
        for answer in JUNK:
            feedback = q.check(answer)  # raises here if a checker cannot cope
            assert not feedback.correct and feedback.score == 0.0, f"{q.id} {answer!r}"
            assert feedback.zh and feedback.en
