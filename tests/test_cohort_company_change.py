"""Repeat assessments in the company report: the same company assessed on two days (T0, T1)
gets a per-dimension change; repeats on one day count once (the newest); undated repeats are
still refused. Real files in a tmp folder; the command line end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from smedx.models.assessment import assess, questionnaire
from smedx.reports import company
from smedx.reports.company_view import CompanyReport
from smedx.reports.page import Page

ITEMS = questionnaire().item_ids
REPO = Path(__file__).resolve().parents[1]
EARLY = dict(zip(ITEMS, "aeaabdadaceaababaaaa", strict=True))  # single_point
LATER = dict(zip(ITEMS, "deeededcddddadddeaad", strict=True))  # digital_foundation
PROFILE = {"industry": "retail", "size_band": "le100"}


def record(path: Path, ident: str, answers: dict, assessed_at: str | None) -> Path:
    rec = {"id": ident, "name": f"{ident} 示例公司（虚构）", "answers": answers, "profile": PROFILE}
    if assessed_at:
        rec["assessed_at"] = assessed_at
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return path


def test_two_days_give_a_baseline_and_the_change_per_dimension(tmp_path):
    record(tmp_path / "a-march.json", "A1", EARLY, "2025-03-01")
    record(tmp_path / "a-march-later.json", "A1", LATER, "2025-03-01T17:00:00")  # T0: last of day
    record(tmp_path / "a-june.json", "A1", LATER, "2025-06-01T09:00:00+08:00")
    record(tmp_path / "b.json", "B2", EARLY, None)
    inputs, problems = company.read([tmp_path])
    assert problems == []
    by_id = {i.id: i for i in inputs}
    assert set(by_id) == {"A1", "B2"} and by_id["B2"].baseline is None
    a = by_id["A1"]
    assert a.where.path.endswith("a-june.json")
    assert a.baseline.where.path.endswith("a-march-later.json")
    changes = company.results(a).changes
    assert all(c.change == 0 for c in changes)  # the same answers at the end of day one


def test_the_change_is_each_dimension_now_minus_then(tmp_path):
    t0 = record(tmp_path / "t0.json", "A1", EARLY, "2025-03-01")
    t1 = record(tmp_path / "t1.json", "A1", LATER, "2025-06-01")
    result = company.load(t1, 0, t0, 0)
    before, after = assess(EARLY), assess(LATER)
    assert [c.key for c in result.changes] == list(after.dimensions)
    for c in result.changes:
        assert (c.before, c.after) == (
            before.dimensions[c.key].score,
            after.dimensions[c.key].score,
        )
        assert c.change == c.after - c.before
    html = CompanyReport(result, Page("en")).change().html
    assert "change-table" in html and "2025-03-01" in html and "2025-06-01" in html
    assert CompanyReport(company.load(t1), Page("zh")).change().html == ""


def test_same_day_repeats_count_once_and_undated_ones_are_refused(tmp_path):
    record(tmp_path / "same" / "x1.json", "A1", EARLY, "2025-03-01T09:00")
    record(tmp_path / "same" / "x2.json", "A1", LATER, "2025-03-01T10:00")
    inputs, problems = company.read([tmp_path / "same"])
    assert problems == [] and len(inputs) == 1
    assert inputs[0].where.path.endswith("x2.json") and inputs[0].baseline is None
    record(tmp_path / "undated" / "y1.json", "A1", EARLY, None)
    record(tmp_path / "undated" / "y2.json", "A1", LATER, "2025-03-01")
    inputs, problems = company.read([tmp_path / "undated"])
    assert inputs == [] and len(problems) == 2
    record(tmp_path / "bad" / "z.json", "A1", EARLY, "the first of March")
    inputs, problems = company.read([tmp_path / "bad"])
    assert "assessed_at" in problems[0].en and "assessed_at" in problems[0].zh


def test_the_command_line_renders_the_change(tmp_path):
    record(tmp_path / "in" / "t0.json", "A1", EARLY, "2025-03-01")
    record(tmp_path / "in" / "t1.json", "A1", LATER, "2025-06-01")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "smedx.cli", "report", "company", str(tmp_path / "in")]
        + ["--out", str(out), "--no-progress", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    (html,) = out.glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert "change-table" in text and "Change since the first assessment" in text
