"""The class against the survey without retyping, and repeat assessments: the cohort report and
app read a folder of the learners' own files (module 02's answers_m02.json, the apps' results
files, the hub's nbgrader submitted/ tree), bad or foreign files are named and skipped, a
learner's several files count once (the newest), and members assessed on two dates give a paired
change. Real files in a tmp folder; the command line end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smedx.models.assessment import assess, questionnaire
from smedx.models.common import CompanyProfile
from smedx.reports import cohort, learners, members
from smedx.reports.cohort_view import CohortReport
from smedx.reports.page import Page
from smedx.ui.cohort import CohortDashboard
from smedx.ui.session import Session

ITEMS = questionnaire().item_ids
REPO = Path(__file__).resolve().parents[1]
STAGE_ANSWERS = {  # as in test_cohort_privacy (checked there against the model)
    "not_started": "aacacabaaaeaaaaaaaca",
    "single_point": "aeaabdadaceaababaaaa",
    "local_build": "eeadbcaabadacdeaeaea",
    "digital_foundation": "deeededcddddadddeaad",
    "intelligent_ops": "dbeebeececeeeeeeeedd",
}
PROFILE = {"industry": "retail", "size_band": "le100", "enterprise_type": None}


def answers(stage: str) -> dict[str, str]:
    return dict(zip(ITEMS, STAGE_ANSWERS[stage], strict=True))


def answers_file(folder: Path, stage: str, saved_at: str | None, **profile) -> Path:
    """module 02's answer file as the self-assessment form saves it (every profile field, None
    when left empty); saved_at None: an entry without a time."""
    folder.mkdir(parents=True, exist_ok=True)
    entry = {"answer": {"answers": answers(stage), "profile": {**PROFILE, **profile}}}
    if saved_at:
        entry["saved_at"] = saved_at
    path = folder / "answers_m02.json"
    path.write_text(json.dumps({"m02.self_assessment": entry, "m02.size_gap": {"answer": 3}}))
    return path


def submission(hub: Path, learner: str, stage: str, stamp: str, saved_at: str | None = None):
    """``submitted/<learner>/m02/`` as nbgrader collect leaves it."""
    folder = hub / "submitted" / learner / "m02"
    answers_file(folder, stage, saved_at)
    (folder / "m02.ipynb").write_text('{"cells": []}')
    (folder / "timestamp.txt").write_text(stamp)
    return folder


def results_file(path: Path, stage: str, saved_at: str = "", **profile) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    result = assess(answers(stage), CompanyProfile.from_dict({**PROFILE, **profile}))
    document = Session({"assessment": result}).to_dict()
    if saved_at:
        document["saved_at"] = saved_at
    path.write_text(json.dumps(document, ensure_ascii=False))
    return path


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    """Seven learners in three kinds of files, a learner with two files, and five bad ones."""
    root = tmp_path / "class"
    hub = root / "hub"
    submission(hub, "alice", "single_point", "2025-03-01 09:00:00.000000 UTC")
    submission(hub, "bob", "local_build", "2025-03-01 09:05:00.000000 UTC")
    # the same learners' other modules and editor copies are not self-assessments
    (hub / "submitted" / "alice" / "m01").mkdir(parents=True)
    (hub / "submitted" / "alice" / "m01" / "answers_m01.json").write_text("{}")
    checkpoint = hub / "submitted" / "bob" / "m02" / ".ipynb_checkpoints"
    checkpoint.mkdir()
    (checkpoint / "answers_m02-checkpoint.json").write_text("{not json")
    downloads = root / "downloads"
    results_file(downloads / "carol.json", "local_build", "2025-03-01T10:00:00+00:00")
    results_file(downloads / "dave.json", "digital_foundation", "2025-03-01T10:00:00+00:00")
    # erin saved twice the same afternoon: the newer file counts, once
    results_file(
        downloads / "erin" / "smedx-results-20250301-1400.json", "single_point", "2025-03-01T14:00"
    )
    results_file(
        downloads / "erin" / "smedx-results-20250301-1600.json", "local_build", "2025-03-01T16:00"
    )
    answers_file(root / "frank", "local_build", "2025-03-01T11:00:00+00:00", size_band="101_300")
    single = assess(answers("intelligent_ops"), CompanyProfile(industry="retail")).to_dict()
    (downloads / "gina.json").write_text(json.dumps(single))  # a single saved assessment
    # bad and foreign files
    (downloads / "notes.json").write_text("hello")
    (downloads / "foreign.json").write_text('{"kind": "invoice", "total": 3}')
    (downloads / "vendors-only.json").write_text(
        '{"kind": "smedx_session", "schema_version": 1, "results": {}}'
    )
    tampered = json.loads(results_file(tmp_path / "t.json", "single_point").read_text())
    tampered["results"]["assessment"]["stage"] = "innovation"
    (downloads / "tampered.json").write_text(json.dumps(tampered))
    tampered["results"]["assessment"]["stage"] = "single_point"
    tampered["results"]["assessment"]["level"] = 4  # a field the members' table recomputes anyway
    (downloads / "edited-level.json").write_text(json.dumps(tampered))
    # a learner's link to someone else's file (or folder) is not followed
    secret = tmp_path / "trainer-only"
    results_file(secret / "x.json", "intelligent_ops")
    (hub / "submitted" / "ivan" / "m02").mkdir(parents=True)
    (hub / "submitted" / "ivan" / "m02" / "answers_m02.json").symlink_to(secret / "x.json")
    (hub / "submitted" / "ivan" / "m03").symlink_to(secret, target_is_directory=True)
    # nor can a learner's submission add members to the class
    (hub / "submitted" / "bob" / "m02" / "members.csv").write_text(
        "company_id,stage\nX1,innovation\n"
    )
    (hub / "submitted" / "bob" / "m02" / "extra.json").write_text(
        '[{"id": "X2", "stage": "innovation"}]'
    )
    (hub / "submitted" / "henry" / "m02").mkdir(parents=True)
    (hub / "submitted" / "henry" / "m02" / "answers_m02.json").write_text(
        '{"m02.size_gap": {"answer": 1, "saved_at": "2025-03-01T09:00:00+00:00"}}'
    )
    (tmp_path / "t.json").unlink()
    return root


def test_a_folder_of_learners_files_is_the_class(class_folder, monkeypatch):
    parsed = []
    real = learners.strict_json.loads
    monkeypatch.setattr(
        learners.strict_json,
        "loads",
        lambda content, *a, **k: parsed.append(1) or real(content, *a, **k),
    )
    loaded = members.load([class_folder])
    table = loaded.members.set_index("id")
    assert sorted(table.index) == ["alice", "bob", "carol", "dave", "erin", "frank", "gina"]
    assert table.loc["alice", "stage"] == "single_point"  # from the submitted tree
    assert table.loc["frank", "size_band"] == "101_300"  # a folder per learner
    assert table.loc["erin", "stage"] == "local_build"  # the newer of erin's two files
    assert table.loc["gina", "stage"] == "intelligent_ops"
    # each file parsed once: 7 learners' files + erin's second + 6 bad JSON ones + extra.json
    assert len(parsed) == 15
    said = {Path(p.where.path).name: p for p in loaded.problems}
    assert set(said) == {
        "notes.json",
        "foreign.json",
        "vendors-only.json",
        "tampered.json",
        "edited-level.json",
        "answers_m02.json",  # henry's: no self-assessment in it
        "members.csv",  # bob's submission: not his own results
        "extra.json",
    }
    for problem in loaded.problems:
        assert problem.zh and problem.en and problem.zh != problem.en
    assert "m02.self_assessment" in said["answers_m02.json"].en
    assert "invoice" in said["foreign.json"].en
    # erin's older file is history, not a second member
    assert list(loaded.history["id"]) == ["erin"]
    # the stage comparison is the class beside the national sample
    comp = cohort.stage_comparison(loaded.members)
    assert comp.base == 7 and comp.row("local_build").count == 4  # bob, carol, erin, frank


def test_the_app_reads_the_same_files(class_folder):
    board = CohortDashboard()
    paths = sorted((class_folder / "downloads").glob("*.json"))
    paths += [class_folder / "frank" / "answers_m02.json"]
    refused = board.add_files([(p.name, p.read_bytes()) for p in paths])
    assert sorted(name for name, _err in refused) == [
        "edited-level.json",
        "foreign.json",
        "notes.json",
        "tampered.json",
        "vendors-only.json",
    ]
    assert sorted(board.members["id"]) == ["answers_m02", "carol", "dave", "gina"]


def test_the_app_reads_a_folder_on_the_hub_like_the_report(class_folder):
    board = CohortDashboard()
    refused = board.add_folder(class_folder)
    assert sorted(board.members["id"]) == ["alice", "bob", "carol", "dave", "erin", "frank", "gina"]
    assert sorted(Path(name).name for name, _err in refused) == [
        "answers_m02.json",
        "edited-level.json",
        "extra.json",
        "foreign.json",
        "members.csv",
        "notes.json",
        "tampered.json",
        "vendors-only.json",
    ]
    assert "本班 7 家企业" in board.summary.value and "tampered.json" in board.message.value
    report = cohort.stage_comparison(members.load([class_folder]).members)
    shown = {row.split(",")[2]: row for row in board.csv().splitlines() if row.startswith("stage,")}
    for r in report.rows:  # the app publishes what the report publishes
        assert shown[r.key].split(",")[3:5] == ["7", f"{round(r.share, 1)}"]
    assert board.add_folder(class_folder / "nowhere")[0][1].en == "no such folder"


def test_the_command_line_end_to_end(class_folder, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "smedx.cli",
            "report",
            "cohort",
            str(class_folder),
            "--name",
            "一班",
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
    )
    assert run.returncode == 2, run.stderr  # bad inputs were named, the report still made
    assert "Traceback" not in run.stderr
    for name in ("notes.json", "foreign.json", "tampered.json", "edited-level.json"):
        assert name in run.stderr
    assert "计入 7 家会员" in run.stderr and "只计最新的一份" in run.stderr
    (html,) = out.glob("*.html")
    text = html.read_text(encoding="utf-8")
    assert "一班" in text and "topic-stage" in text


# --------------------------------------------------------------------------------------------
# Repeat assessments (T0 / T1).


def repeat_class(root: Path, pairs: int, unpaired: int = 2) -> Path:
    """``pairs`` learners assessed on 1 March and again on 1 June, ``unpaired`` once."""
    t0_stages = [
        "single_point",
        "single_point",
        "local_build",
        "not_started",
        "local_build",
        "single_point",
    ]
    t1_stages = [
        "local_build",
        "single_point",
        "digital_foundation",
        "single_point",
        "local_build",
        "local_build",
    ]
    hub = root / "hub"
    for i in range(pairs):
        answers_file(root / "march" / f"p{i}", t0_stages[i], "2025-03-01T09:00:00+00:00")
        submission(hub, f"p{i}", t1_stages[i], "2025-06-01 09:00:00.000000 UTC")
    for i in range(unpaired):
        submission(hub, f"u{i}", "local_build", "2025-06-01 09:00:00.000000 UTC")
    return root


def test_paired_change_counts_only_members_present_at_both_dates(tmp_path):
    loaded = members.load([repeat_class(tmp_path / "c", pairs=6)])
    assert loaded.size == 8 and len(loaded.history) == 6
    change = cohort.paired_change(loaded.members, loaded.history)
    assert change.pairs == 6 and not change.suppressed
    assert (change.first_t0, change.last_t1) == ("2025-03-01", "2025-06-01")
    totals = {s: assess(answers(s)).total for s in STAGE_ANSWERS}
    t0 = [
        "single_point",
        "single_point",
        "local_build",
        "not_started",
        "local_build",
        "single_point",
    ]
    t1 = [
        "local_build",
        "single_point",
        "digital_foundation",
        "single_point",
        "local_build",
        "local_build",
    ]
    expected = sum(totals[b] - totals[a] for a, b in zip(t0, t1, strict=True)) / 6
    assert change.total_change == pytest.approx(expected)
    for dim in change.dimensions:
        mean = (
            sum(
                assess(answers(b)).dimensions[dim.key].score
                - assess(answers(a)).dimensions[dim.key].score
                for a, b in zip(t0, t1, strict=True)
            )
            / 6
        )
        assert dim.change == pytest.approx(mean)
    assert change.moves == {"up": 4, "same": 2, "down": 0}
    html = CohortReport(loaded, Page("en")).repeat().html
    assert "repeat-table" in html and "6 members assessed themselves on two dates" in html


def test_paired_change_of_fewer_than_five_is_hidden(tmp_path):
    loaded = members.load([repeat_class(tmp_path / "c", pairs=4, unpaired=3)])
    change = cohort.paired_change(loaded.members, loaded.history)
    assert change.pairs == 4 and change.suppressed and change.total_change is None
    html = CohortReport(loaded, Page("zh")).repeat().html
    assert "少于 5 家" in html and "repeat-table" not in html


def test_a_report_without_repeat_assessments_has_no_such_section(tmp_path):
    loaded = members.load([repeat_class(tmp_path / "c", pairs=0, unpaired=5)])
    assert CohortReport(loaded, Page("zh")).repeat().html == ""


def test_no_member_or_one_undated_member_has_no_change_section():
    for recs in ([], [{"id": "a", "stage": "local_build"}]):
        loaded = members.from_records(recs)
        assert cohort.paired_change(loaded.members, loaded.history).pairs == 0
        assert CohortReport(loaded, Page("zh")).repeat().html == ""


def test_undated_records_of_one_company_are_still_refused(tmp_path):
    """Member records without dates: which one is right is unknown (as before)."""
    path = tmp_path / "members.json"
    record = {"id": "A1", "stage": "local_build"}
    path.write_text(json.dumps([record, {**record, "stage": "single_point"}]))
    loaded = members.load([path])
    assert loaded.size == 0 and len(loaded.problems) == 2


def test_a_bad_date_is_named(tmp_path):
    path = tmp_path / "members.json"
    path.write_text(json.dumps([{"id": "A1", "stage": "local_build", "assessed_at": "yesterday"}]))
    loaded = members.load([path])
    assert loaded.size == 0 and "assessed_at" in loaded.problems[0].en
