"""`smedx report learning`: gain and bootstrap on hand-computable cases, suppression (also by
subtraction), the negative-discrimination flag, bad input, and the CLI end to end."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from smedx.cli.report import main
from smedx.quiz import FORMS, QuizResult, save
from smedx.reports import learning, learning_view

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "reports" / "examples" / "learning"
KEY = learning.trainer_key(ROOT)


def answers(form: str, right: int, wrong_first: bool = False) -> dict:
    """``right`` items of the form answered right (the first ones), the rest wrong."""
    out = {}
    items = FORMS[form]
    order = list(reversed(items)) if wrong_first else list(items)
    for n, item in enumerate(order):
        key = KEY[item.id].answer
        if n < right:
            out[item.id] = key
        elif item.kind == "choice":
            out[item.id] = next(k for k in item.option_keys() if k != key)
        else:
            out[item.id] = float(key) + 50
    return out


def learner(name: str, pre_right: int, post_right: int, group: str = "", order="AB"):
    return [
        QuizResult(name, order[0], "pre", answers(order[0], pre_right), group),
        QuizResult(name, order[1], "post", answers(order[1], post_right), group),
    ]


# --- the numbers by hand ----------------------------------------------------------------------


def test_hake_gain_by_hand():
    assert learning.hake(40.0, 70.0) == pytest.approx(0.5)
    assert learning.hake(50.0, 25.0) == pytest.approx(-0.5)
    assert learning.hake(100.0, 100.0) is None


def test_class_gain_and_bootstrap_on_a_hand_case():
    """Three learners go from 25 % to 75 % (4 → 12 of 16 right), three stay at 50 % (8 → 8).

    Class: pre 37.5, post 62.5, <g> = 25 / 62.5 = 0.4. A resample of the six holds k of the
    first kind, k ~ Binomial(6, 1/2), and its gain is g(k) = (q − p) / (100 − p) with
    p = (25k + 50(6 − k)) / 6 and q = (75k + 50(6 − k)) / 6. P(k = 0) = 1/64 < 2.5 % <
    P(k ≤ 1) = 7/64, so the 2.5th percentile is g(1) = 2/13; likewise the 97.5th is g(5) = 10/17.
    """
    results = []
    for i in range(3):
        results += learner(f"a{i}", 4, 12)
    for i in range(3):
        results += learner(f"b{i}", 8, 8)
    report = learning.build(results, KEY)
    assert report.gain.n == 6
    assert (report.gain.pre, report.gain.post) == pytest.approx((37.5, 62.5))
    assert report.gain.g == pytest.approx(0.4)
    assert report.gain.ci == pytest.approx((2 / 13, 10 / 17))
    assert learning.bootstrap_gain(np.array([25.0] * 6), np.array([62.5] * 6)) == pytest.approx(
        (0.5, 0.5)
    )


def test_bootstrap_is_seeded():
    rng = np.random.default_rng(1)
    pre, post = rng.uniform(0, 80, 30), rng.uniform(20, 100, 30)
    first = learning.bootstrap_gain(pre, post)
    assert first == learning.bootstrap_gain(pre, post)
    assert first != learning.bootstrap_gain(pre, post, seed=7)


def test_gain_per_objective_by_hand():
    results = []
    for i in range(5):
        results += learner(f"l{i}", 0, 16)  # nothing before, everything after
    report = learning.build(results, KEY)
    assert all((o.pre, o.post, o.g) == (0.0, 100.0, 1.0) for o in report.objectives)
    assert report.gain.g == 1.0


def test_each_learners_own_scores_by_hand():
    results = learner("one", 4, 12) + [QuizResult("two", "B", "pre", answers("B", 8))]
    rows = {r["learner"]: r for r in learning.learner_scores(results, KEY)}
    assert rows["one"] == {
        "learner": "one",
        "group": "",
        "pre_form": "A",
        "pre_percent": "25.0",
        "post_form": "B",
        "post_percent": "75.0",
        "gain": "0.67",
    }
    assert (rows["two"]["pre_percent"], rows["two"]["post_percent"], rows["two"]["gain"]) == (
        "50.0",
        "",
        "",
    )


def test_unanswered_items_count_as_wrong():
    result = QuizResult("x", "A", "pre", {"A01": KEY["A01"].answer})
    assert learning.percent(result, KEY) == pytest.approx(100 / 16)


# --- privacy ----------------------------------------------------------------------------------


def test_fewer_than_five_learners_are_not_described(tmp_path):
    results = []
    for i in range(4):
        results += learner(f"l{i}", 3 + i, 9 + i)
    report = learning.build(results, KEY)
    assert report.gain.suppressed and report.gain.g is None and report.pre_mean is None
    assert all(o.suppressed for o in report.objectives)
    assert all(i.suppressed and i.p is None for i in report.items)
    html = learning_view.document(report, "en")
    assert "fewer than 5" in html and 'id="learning-g"' not in html


def test_a_small_group_cannot_be_recovered_by_subtraction():
    results = []
    for i in range(6):
        results += learner(f"big{i}", 4, 10, group="一班")
    for i in range(3):
        results += learner(f"small{i}", 12, 6, group="二班")
    report = learning.build(results, KEY)
    assert not report.gain.suppressed  # the class of 9 is shown ...
    groups = {g.name: g.gain for g in report.groups if g.kind == "group"}
    # ... so with 二班 hidden, 一班 must be hidden too, or 二班 = class − 一班
    assert groups["二班"].suppressed and groups["一班"].suppressed
    order = {g.name: g.gain for g in report.groups if g.kind == "order"}
    assert set(order) == {"A→B"} and not order["A→B"].suppressed  # the whole class


def test_groups_of_five_and_more_are_shown():
    results = []
    for i in range(5):
        results += learner(f"x{i}", 4, 10, group="一班", order="AB")
    for i in range(5):
        results += learner(f"y{i}", 6, 12, group="二班", order="BA")
    report = learning.build(results, KEY)
    shown = {(g.kind, g.name): g.gain for g in report.groups}
    assert set(shown) == {("group", "一班"), ("group", "二班"), ("order", "A→B"), ("order", "B→A")}
    assert shown[("group", "一班")].pre == pytest.approx(25.0)
    assert shown[("order", "B→A")].post == pytest.approx(75.0)


# --- item analysis ----------------------------------------------------------------------------


def test_negative_discrimination_is_flagged():
    """A01 is right only for the weakest learners: flagged; the others are not."""
    results = []
    for i, level in enumerate([2, 4, 6, 8, 10, 12]):
        marks = answers("A", level, wrong_first=True)  # right on the last `level` items
        marks["A01"] = KEY["A01"].answer if level <= 4 else KEY["A01"].answer + 50
        results.append(QuizResult(f"l{i}", "A", "pre", marks))
    report = learning.build(results, KEY)
    stats = {s.item: s for s in report.items}
    assert stats["A01"].discrimination < 0 and stats["A01"].flagged
    assert [s.item for s in report.flagged] == ["A01"]
    assert stats["A16"].p == pytest.approx(1.0) and stats["A16"].discrimination is None
    html = learning_view.document(report, "zh")
    assert re.search(r'data-key="A01">.*?区分度为负', html)


def test_point_biserial_by_hand():
    item = np.array([1.0, 1.0, 0.0, 0.0])
    rest = np.array([3.0, 2.0, 1.0, 0.0])
    # r = (M1 - M0) / s * sqrt(p q): (2.5 - 0.5) / sqrt(1.25) * 0.5
    assert learning.point_biserial(item, rest) == pytest.approx(2.0 / np.sqrt(1.25) * 0.5)
    assert learning.point_biserial(np.ones(4), rest) is None


# --- reading ----------------------------------------------------------------------------------


def test_reading_names_bad_files_and_keeps_the_later_retake(tmp_path):
    first = QuizResult("l1", "A", "pre", {"A01": 1}, saved_at="2024-09-02T09:00:00+00:00")
    again = QuizResult("l1", "A", "pre", {"A01": 28}, saved_at="2024-09-02T10:00:00+00:00")
    save(first, tmp_path / "one")
    save(again, tmp_path / "two")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "quiz-pre-B.json").write_text("{nope", encoding="utf-8")
    results, problems = learning.read([tmp_path, tmp_path / "missing"])
    assert [r.answers for r in results] == [{"A01": 28}]
    texts = [p.text("en") for p in problems]
    assert any("quiz-pre-B.json" in t for t in texts)
    assert any("missing" in t and "no such file" in t for t in texts)
    assert any("second pre-test" in t for t in texts)


# --- the command ------------------------------------------------------------------------------


def test_cli_end_to_end_on_the_examples(tmp_path, capsys):
    assert main(["report", "learning", str(EXAMPLES), "--out", str(tmp_path)]) == 0
    assert main(["--lang", "en", "report", "learning", str(EXAMPLES), "--out", str(tmp_path)]) == 0
    zh = (tmp_path / "learning.html").read_text(encoding="utf-8")
    en = (tmp_path / "learning.en.html").read_text(encoding="utf-8")
    for html in (zh, en):
        assert 'id="learning-g"' in html and 'id="learning-items"' in html
        assert html.count("smedx-chart-1") >= 1 and "<script src=" not in html  # offline
        assert "⚠" in html  # the planted item B11
    assert "标准化提高幅度" in zh and "normalised gain" not in zh
    text_en = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", en, flags=re.S)
    cjk = set(re.findall(r"[\u4e00-\u9fff]+", text_en))
    assert cjk <= {"示例一班", "示例二班"}, cjk  # only the example's own group names
    scores = (tmp_path / "learning-scores.csv").read_text(encoding="utf-8-sig").splitlines()
    assert scores[0] == "learner,group,pre_form,pre_percent,post_form,post_percent,gain"
    assert len(scores) == 25 and scores[1].startswith("示例学员01,示例一班,A,")
    assert "smedx-scores" not in zh and "示例学员01" not in zh  # no individual in the report
    # the second run does not overwrite: a numbered file
    assert main(["report", "learning", str(EXAMPLES), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "learning-2.html").exists() and (tmp_path / "learning-2-scores.csv").exists()
    out = capsys.readouterr().out
    assert "48" in out and "learning.en.html" in out


def test_cli_bad_input(tmp_path, capsys):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "quiz-post-A.json").write_text(json.dumps({"kind": "other"}), encoding="utf-8")
    assert main(["report", "learning", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "quiz-post-A.json" in err and "错误" in err and "Error" not in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "learning.html").exists()  # the good files still count

    assert (
        main(["report", "learning", str(tmp_path / "nothing"), "--out", str(tmp_path / "o2")]) == 2
    )
    err = capsys.readouterr().err
    assert "没有任何有效的答案文件" in err and not (tmp_path / "o2").exists()
    nothing = ["report", "learning", str(tmp_path / "nothing"), "--out", str(tmp_path / "o2")]
    assert main([*nothing, "--lang", "en"]) == 2
    assert "Error: no valid answers file" in capsys.readouterr().err

    assert (
        main(
            [
                "report",
                "learning",
                str(EXAMPLES),
                "--out",
                str(tmp_path / "o3"),
                "--course",
                str(tmp_path),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "trainer" in err and "错误" in err and not (tmp_path / "o3").exists()

    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert main(["report", "learning", str(EXAMPLES), "--out", str(afile), "--lang", "en"]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_examples_are_the_seeded_generator_output(tmp_path):
    """reports/examples/learning is what the seeded script writes (nothing edited by hand)."""
    import runpy

    script = runpy.run_path(str(ROOT / "reports" / "examples" / "learning_generate.py"))
    script["main"](["--out", str(tmp_path)])
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.json"))
    kept = sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.json"))
    assert made == kept and len(kept) == 48
    for rel in kept:
        assert (tmp_path / rel).read_bytes() == (EXAMPLES / rel).read_bytes(), rel
