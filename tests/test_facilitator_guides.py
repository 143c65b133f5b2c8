"""Facilitator guides in docs/trainer/, and learner notebooks without trainer notes or answers."""

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from smedx.coursepack import agenda, guides
from smedx.exercises import question, questions

ROOT = Path(__file__).resolve().parents[1]
MODULES = agenda.read_modules()
IDS = [m.id for m in MODULES]
LEARNER_NOTEBOOKS = sorted((ROOT / "modules").glob("**/*.ipynb")) + sorted(  # both editions
    (ROOT / "exercises").glob("*/*.ipynb")
)
HEADINGS = {
    "zh": [
        "## 时间安排",
        "## 课前准备",
        "## 讨论问题与参考答案",
        "## 常见误解",
        "## 报告中的矛盾",
        "## 学员电脑出问题时",
    ],
    "en": [
        "## Timing",
        "## Before the session",
        "## Discussion prompts and expected answers",
        "## Common misconceptions",
        "## The report's contradictions",
        "## When a learner's machine fails",
    ],
}
EXPECTED = {"zh": "**参考答案：**", "en": "**Expected answer:**"}
APP_CUE = {"zh": "何时打开应用", "en": "When to open an app"}
SEP = {"zh": "：", "en": ": "}

TRAINER_MARKERS = re.compile(
    r"培训师备注|培训师提示|对培训师|给培训师|notes? for trainers|trainer'?s notes?|instructor notes?",
    re.I,
)
WORKED_RESULT = re.compile(r"[\d%)）]\s*[=＝]\s*[\d.,]+")  # "(5,000 − 3,000) ÷ 5,000 = 40%"
UNITS = r"\s*(?:%|个百分点|百分点|点|家|-?points?\b|pp\b|firms\b)"
RULE_NOT_ANSWER = {"m00.single_sum"}  # "single choice adds up to 100%" is what module 00 teaches


def _guide(module_id: str, lang: str) -> str:
    return guides.guide_path(module_id, lang).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_guide_has_every_section_and_the_required_parts(module, lang):
    text = _guide(module.id, lang)
    assert text.startswith(f"# {module.title(lang)}")
    headings = re.findall(r"^## (m\d\d\.s\d+) · ([^\n]*)$", text, re.M)
    assert [h[0] for h in headings] == [s.id for s in module.sections]
    for (_, line), sec in zip(headings, module.sections, strict=True):
        assert line.startswith(f"{sec.title(lang)} · "), line
    positions = [text.find(h) for h in HEADINGS[lang]]
    assert -1 not in positions, [h for h, p in zip(HEADINGS[lang], positions, strict=True) if p < 0]
    discussion = text[positions[2] : positions[3]]
    assert discussion.count(EXPECTED[lang]) >= 3
    ends = [*positions[4:], len(text)]
    for start, end in zip(positions[3:], ends, strict=True):  # misconceptions … machine failures
        assert len(re.findall(r"^- \S", text[start:end], re.M)) >= 2, text[start : start + 60]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_guide_timing_table_is_generated_from_the_tags(module, lang):
    assert guides.generated_table(_guide(module.id, lang), "guide") == guides.guide_timing_table(
        module, lang
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_speaker_notes_hold_talking_points_apps_and_exercises(module, lang):
    notes = guides.guide_notes(module.id, lang)
    assert list(notes) == [s.id for s in module.sections]
    with_answers = guides.guide_notes(module.id, lang, answers=True)
    for sec in module.sections:
        body = notes[sec.id]
        assert len(body) > 20, (sec.id, body)
        if sec.apps:
            assert APP_CUE[lang] in body, sec.id
        for exercise in sec.exercises:
            assert f"`{exercise}`" in body, (sec.id, exercise)
            solution = question(exercise).solution  # speaker notes can carry the live answers
            text = (solution.zh if lang == "zh" else solution.en).replace("\n", " ")
            assert f"- `{exercise}`{SEP[lang]}{text}" in with_answers[sec.id]


def test_the_moved_trainer_answer_is_in_the_guide_not_the_notebook():
    guide = _guide("m06", "zh")
    assert "5,000 − 3,000" in guide and "第 5.3 节的第四条" in guide
    (notebook,) = (ROOT / "modules").glob("06_*.ipynb")
    assert "5,000 − 3,000" not in notebook.read_text(encoding="utf-8")


def _markdown(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", LEARNER_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_learner_notebook_has_no_trainer_notes_and_no_worked_results(path):
    for text in _markdown(path):
        assert not TRAINER_MARKERS.search(text), TRAINER_MARKERS.search(text)[0]
        assert not WORKED_RESULT.search(text), WORKED_RESULT.search(text)[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "modules").glob("**/*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_module_markdown_does_not_give_its_numeric_answers(path):
    text = "\n".join(_markdown(path))
    for q in questions(f"m{path.stem[:2]}"):
        if q.kind != "number" or q.id in RULE_NOT_ANSWER:
            continue
        value = re.escape(f"{float(q.example_answer):g}")
        found = re.search(rf"(?<![\d.,]){value}(?:\.0)?{UNITS}", text)
        assert not found, f"{q.id}: {text[max(0, found.start() - 40) : found.end()]!r}"


def test_sync_rewrites_tables_after_a_tag_changes(tmp_path):
    shutil.copytree(ROOT / "modules", tmp_path / "modules")
    shutil.copytree(ROOT / "docs" / "trainer", tmp_path / "docs" / "trainer")
    (path,) = (tmp_path / "modules").glob("04_*.ipynb")
    for edition in (path, *(tmp_path / "modules" / "en").glob("04_*.ipynb")):  # same tags in both
        nb = json.loads(edition.read_text(encoding="utf-8"))
        nb["cells"][0]["metadata"]["smedx"]["minutes"] = 9
        edition.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    module = agenda.read_module(path)
    guide = guides.guide_path("m04", "en", tmp_path)
    stale = guides.generated_table(guide.read_text(encoding="utf-8"), "guide")
    assert stale != guides.guide_timing_table(module, "en")  # the guide test would fail now
    changed = guides.sync_timing_tables(tmp_path)
    assert path in changed and guide in changed
    assert guides.generated_table(guide.read_text(encoding="utf-8"), "guide") == (
        guides.guide_timing_table(module, "en")
    )
    cell = nbformat.read(path, as_version=4).cells[1].source
    assert "| 开场与学习目标 | 核心 | 9 |" in cell
