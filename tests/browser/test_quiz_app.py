"""The quiz app in the real Voila server and Chromium: a learner takes form B as the post-test,
with a typo corrected on the way, and the answers file appears where the page says it saved it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import open_app, screenshot, wait_text

from smedx.quiz import FORMS, load, results_dir
from smedx.reports.learning import trainer_key

pytestmark = pytest.mark.slow

LEARNER = "browser-test-learner"


def test_take_the_quiz_and_find_the_saved_file(context, server, watch, artifacts):
    page = open_app(context, server, watch, "quiz", charts=0)
    assert page.locator(".smedx-quiz h2").inner_text() == "课前 / 课后测"  # Chinese by default
    page.locator(".smedx-quiz-learner input").fill(LEARNER)
    page.locator(".smedx-quiz-form button", has_text="B").click()
    page.locator(".smedx-quiz-phase button", has_text="课后测").click()
    page.locator(".smedx-quiz-start").click()
    page.wait_for_selector(".smedx-quiz-B16", timeout=60_000)

    key = trainer_key()  # the test plays a learner who knows every answer
    expected = {}
    for item in FORMS["B"]:
        answer = key[item.id].answer
        field = page.locator(f".smedx-quiz-{item.id}")
        if item.kind == "choice":
            label = next(o.zh for o in item.options if o.key == answer)
            field.locator("label", has_text=label).first.click()
        else:
            field.locator("input").fill(f"{answer:g}")
        expected[item.id] = answer
    # a typo first: a clear message, nothing saved
    page.locator(".smedx-quiz-B09 input").fill("三点五")
    page.locator(".smedx-quiz-submit").click()
    wait_text(page, ".smedx-quiz .smedx-error", "第 9 题应填一个数字")
    page.locator(".smedx-quiz-B09 input").fill(f"{expected['B09']:g}")

    saved = page.locator(".smedx-quiz-saved")
    # the kernels inherit this process's environment: the same results folder
    target = results_dir() / f"quiz-post-B-{LEARNER}.json"
    backup = target.with_name(target.name + ".before-browser-test")
    folder_was_there = target.parent.exists()
    if target.exists():  # a real learner's file on this machine is put back afterwards
        shutil.move(target, backup)
    try:
        page.locator(".smedx-quiz-submit").click()
        saved.wait_for(timeout=60_000)
        assert Path(saved.get_attribute("data-path")) == target
        assert "已保存 16 题的答案" in saved.inner_text()
        screenshot(page, artifacts, "quiz-saved")
        result = load(target)
        assert (result.learner, result.form, result.phase) == (LEARNER, "B", "post")
        assert {k: str(v) for k, v in result.answers.items()} == {
            k: str(float(v) if not isinstance(v, str) else v) for k, v in expected.items()
        }
        raw = json.loads(target.read_text(encoding="utf-8"))
        assert "score" not in raw  # the app never scores
        assert not list(target.parent.glob(f".{target.name}.*.tmp"))  # no temporary file left
    finally:
        target.unlink(missing_ok=True)
        if backup.exists():
            shutil.move(backup, target)
        if not folder_was_there and not any(target.parent.iterdir()):
            target.parent.rmdir()
    watch.assert_clean()
