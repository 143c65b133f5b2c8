"""The pre/post test: parallel forms on the modules' objectives, keys traced to the report and kept
on the trainer's side, answers files, and the quiz app in a kernel."""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from smedx import data
from smedx.errors import KitError
from smedx.exercises import MODULES, all_questions
from smedx.grading import trainer
from smedx.i18n import using
from smedx.quiz import BY_ID, FORMS, OBJECTIVES, QuizResult, load, save
from smedx.quiz.app import QuizApp, parse_number
from smedx.quiz.items import DIFFICULTY_POINTS
from smedx.reports.learning import trainer_key

ROOT = Path(__file__).resolve().parents[1]
KEY = trainer_key(ROOT)


def listed_objectives(module: str) -> set[int]:
    (path,) = (ROOT / "modules").glob(f"{module[1:]}_*.ipynb")
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if "学习目标" in text:
            return {int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)}
    raise AssertionError(path.name)


# --- the forms ----------------------------------------------------------------------------------


def test_two_parallel_forms_cover_every_module():
    assert set(FORMS) == {"A", "B"}
    for form, items in FORMS.items():
        assert len(items) >= 15, form
        assert {i.objective.split(".")[0] for i in items} == set(MODULES), form
        assert {i.objective for i in items} == set(OBJECTIVES), form
        assert {i.kind for i in items} <= {"choice", "number"}  # auto-scored
    for a, b in zip(FORMS["A"], FORMS["B"], strict=True):  # item pairs measure alike
        assert (a.objective, a.kind, a.difficulty) == (b.objective, b.kind, b.difficulty)
        assert a.id[1:] == b.id[1:] and a.prompt != b.prompt
    points = {f: sum(DIFFICULTY_POINTS[i.difficulty] for i in items) for f, items in FORMS.items()}
    assert len(set(points.values())) == 1 and Counter(i.difficulty for i in FORMS["A"]).keys() == {
        "easy",
        "medium",
        "hard",
    }


def test_objectives_are_the_modules_own():
    for objective in OBJECTIVES:
        module, number = objective.split(".")
        assert int(number) in listed_objectives(module), objective


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def repeats(prompt: str, kind: str, answer, other) -> bool:
    """The same question: nearly the same prompt, or a like prompt with the same kind of answer
    and the same right answer (the forms share sentence patterns with the practice items)."""
    similar = max(_similar(prompt, other.prompt.zh), _similar(prompt, other.prompt.en))
    same_answer = other.kind == kind and json.dumps(other.example_answer) == json.dumps(answer)
    return similar >= 0.85 or (similar >= 0.5 and same_answer)


def _others():
    others = list(all_questions())
    for module in MODULES:
        others += trainer.items(ROOT, module)
    return others


def test_no_item_repeats_a_practice_or_graded_item():
    others = _others()
    assert len(others) > 60
    for item in BY_ID.values():
        answer = KEY[item.id].answer
        for other in others:
            for prompt in (item.prompt.zh, item.prompt.en):
                assert not repeats(prompt, item.kind, answer, other), (item.id, other.id)
    prompts = [i.prompt.zh for i in BY_ID.values()]  # and no two items of the test alike
    assert len(set(prompts)) == len(prompts)


def test_the_check_above_catches_copied_items():
    practice = next(q for q in all_questions() if q.id == "m02.early_stage_share")
    reworded = practice.prompt.zh.replace("中小企业", "企业").replace("请填写百分数，", "")
    assert repeats(practice.prompt.zh + "。", "number", 1.0, practice)
    assert repeats(reworded, "number", practice.example_answer, practice)
    assert not repeats(BY_ID["A08"].prompt.zh, "number", KEY["A08"].answer, practice)


def test_english_edition_is_complete_and_english():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for item in BY_ID.values():
        assert item.prompt.zh and cjk.search(item.prompt.zh)
        assert not cjk.search(item.prompt.en), item.id
        for option in item.options:
            assert option.zh and option.en and not cjk.search(option.en), (item.id, option.key)
        if item.unit:
            assert not cjk.search(item.unit.en)
    for text in OBJECTIVES.values():
        assert not cjk.search(text.en)


# --- the key, on the trainer's side ----------------------------------------------------------------


def test_every_item_has_a_key_that_fits_it():
    assert set(KEY) == set(BY_ID)
    for item_id, key in KEY.items():
        item = BY_ID[item_id]
        if item.kind == "choice":
            assert key.answer in item.option_keys(), item_id
        else:
            assert isinstance(key.answer, float | int) and not isinstance(key.answer, str)
    # the right answers are not always in the same place
    places = Counter(
        BY_ID[i].option_keys().index(k.answer) for i, k in KEY.items() if BY_ID[i].kind == "choice"
    )
    assert len(places) >= 3


def test_every_key_number_is_traced_to_the_report():
    """A number key comes from facts or figure rows, each with section, N where numbered, and a
    quote that holds the value (as the datasets record them)."""
    for item_id, key in KEY.items():
        if BY_ID[item_id].kind != "number":
            continue
        assert key.sources, item_id
        for source in key.sources:
            if source.fact:
                fact = data.fact(source.fact)
                assert fact["section"] and fact["quote"]
                assert f"{fact['value']:g}".replace(".0", "") in fact["quote"].replace(",", "")
            else:
                info = data.figure_info(source.figure)
                assert info["section"]
                rows = data.figure(source.figure)
                rows = rows[rows["segment_key"] == source.segment].set_index("key")
                for k in source.keys:
                    assert f"{rows.loc[k, 'value']:g}" in rows.loc[k, "quote"], (item_id, k)


def test_the_package_holds_no_key():
    """The learner's side (smedx.quiz and the app) loads nothing of the trainer's key."""
    code = (
        "import sys, smedx.quiz, smedx.quiz.app, smedx.ui.apps\n"
        "smedx.ui.apps.launch('quiz')\n"
        "print([m for m in sys.modules if 'trainer' in m or m.endswith('.learning')])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    assert out.stdout.strip() == "[]", out.stdout
    for path in (ROOT / "smedx" / "quiz").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+\S*(trainer|learning)", text, re.M), path.name


def test_every_sample_size_in_a_prompt_is_the_reports():
    """An N printed in a prompt is the N the dataset records for the figure the prompt names
    (or the survey's sample); other numbers in prompts are figure and section ids."""
    sample = int(data.fact("sample_firms")["value"])
    seen = 0
    for item in BY_ID.values():
        for text in (item.prompt.zh, item.prompt.en):
            figures = re.findall(r"(?:图|Fig\.) ([\w.-]+?)[（ (]", text)
            for n in re.findall(r"N=(\d+)", text):
                seen += 1
                assert int(n) in {data.figure_info(f)["n"] for f in figures}, (item.id, n)
            for n in re.findall(r"(\d+) ?(?:家|surveyed firms)", text):
                assert int(n) == sample, (item.id, n)
    assert seen >= 20


def test_numbers_are_scored_with_the_asked_precision():
    key = KEY["A08"]  # one decimal
    assert key.scores(key.answer) and key.scores(key.answer + 0.04)
    assert not key.scores(key.answer + 0.1) and not key.scores("51.8") and not key.scores(True)


# --- answers files --------------------------------------------------------------------------------


def test_answers_file_round_trip_and_atomic(tmp_path):
    result = QuizResult("张三", "B", "post", {"B01": 13, "B02": "2.1.1"}, "一班")
    path = save(result, tmp_path)
    assert path.name == "quiz-post-B-张三.json" and [p.name for p in tmp_path.iterdir()] == [
        path.name
    ]
    back = load(path)
    assert (back.learner, back.form, back.phase, back.answers, back.group) == (
        "张三",
        "B",
        "post",
        {"B01": 13, "B02": "2.1.1"},
        "一班",
    )
    assert back.saved_at
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "score" not in raw and "key" not in json.dumps(raw)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kind": "smedx-results"}, "kind"),
        ({"schema_version": 2}, "schema_version"),
        ({"form": "C"}, "form"),
        ({"phase": "middle"}, "phase"),
        ({"learner": ""}, "learner id"),
        ({"answers": {"A01": 28}}, "answers"),  # an item of the other form
        ({"answers": {"B02": "nope"}}, "answers"),
        ({"answers": {"B01": "13"}}, "answers"),
        ({"answers": []}, "answers"),
    ],
)
def test_bad_answers_files_are_refused_clearly(tmp_path, change, field):
    raw = QuizResult("x", "B", "pre", {"B01": 13}).to_dict() | change
    path = tmp_path / "quiz-pre-B.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(KitError) as caught:
        load(path)
    assert caught.value.field == field and caught.value.zh and caught.value.en


def test_a_broken_file_is_refused(tmp_path):
    path = tmp_path / "quiz-pre-A.json"
    path.write_text('{"kind": "smedx-quiz", ', encoding="utf-8")
    with pytest.raises(KitError):
        load(path)


# --- the app in a kernel -------------------------------------------------------------------------


def test_parse_number():
    assert parse_number(" 51.8% ") == 51.8 and parse_number("－８，３") == -8.3
    assert parse_number("") is None
    for bad in ("abc", "nan", "1e999"):
        with pytest.raises(KitError):
            parse_number(bad)


def test_learner_id_comes_from_the_hub_only(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTERHUB_USER", "wangwu")
    assert QuizApp(folder=tmp_path).learner.value == "wangwu"
    monkeypatch.delenv("JUPYTERHUB_USER")
    app = QuizApp(folder=tmp_path)  # a shared apps server: everyone types their own
    assert app.learner.value == ""
    app.start()
    assert app.submit() is None and "学员编号" in app.status.value
    assert not list(tmp_path.iterdir())


def test_app_saves_the_answers_and_never_a_score(tmp_path):
    app = QuizApp(folder=tmp_path)
    app.learner.value = "learner-7"
    app.form.value = "B"
    app.phase.value = "post"
    app.start()
    assert list(app.inputs) == [i.id for i in FORMS["B"]]
    app.inputs["B01"].value = "13"
    app.inputs["B02"].value = "2.1.1"
    app.inputs["B09"].value = "abc"
    assert app.submit() is None and "9" in app.status.value
    assert not list(tmp_path.iterdir())  # nothing saved on bad input
    app.inputs["B09"].value = "3.5"
    path = app.submit()
    assert path == tmp_path / "quiz-post-B-learner-7.json"
    assert load(path).answers == {"B01": 13.0, "B02": "2.1.1", "B09": 3.5}
    assert "13" in app.status.value and str(path) in app.status.value
    assert "分" not in app.status.value.replace("评分", "")  # no score shown


def test_app_shows_one_language_and_keeps_answers_when_switched(tmp_path):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    app = QuizApp(folder=tmp_path)
    app.phase.value = "post"
    app.start()
    app.inputs["A02"].value = "2.2.2"
    app.language.value = "en"
    assert app.phase.value == "post" and app.inputs["A02"].value == "2.2.2"
    texts = [app.header.value, app.submit_button.description] + [
        b.children[0].value for b in app.questions.children[:-1]
    ]
    assert not any(cjk.search(t) for t in texts)
    assert not any(cjk.search(label) for label, _k in app.inputs["A02"].options)
    app.language.value = "zh"
    assert "课前 / 课后测" in app.header.value and "Pre-" not in app.header.value


def test_app_text_follows_the_page_not_the_process_language(tmp_path):
    # the catalogue's quiz.po gives the page its Chinese even in an English process, and the
    # field's placeholder its own translation (the exercises' "a number" reads 一个数字)
    with using("en"):
        app = QuizApp(folder=tmp_path, lang="zh")
        app.learner.value = ""
        app.start()
        assert "课前 / 课后测" in app.header.value and "Pre-" not in app.header.value
        assert app.inputs["A01"].placeholder == "填一个数字"
        assert app.submit() is None and "请先填写学员编号。" in app.status.value
    with using("zh"):
        app.language.value = "en"
        assert app.start_button.description == "Start"
        assert app.submit() is None and "Enter your learner ID first." in app.status.value
