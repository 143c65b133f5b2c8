"""Every key string of a course, and a scanner for places a learner can reach.

What counts as a key (the secret is which answer is right, not the public option texts):

- per graded item (``trainer/items``): the example answer bound to its item id, as the build or an
  answers file would spell it (``answer("m01.g_x", ...)`` and ``"m01.g_x": ...`` in JSON); its
  solution text; its hints; the message its checker gives the example answer (the "why" of a
  right answer);
- per assignment spec (``trainer/specs``): each advanced question's reference code and check (as a
  whole, and each line of 20 characters or more that no prompt also contains and that does more
  than load a table); the reflection's model answer.

Texts shorter than :data:`MIN_LENGTH` are left out (they would match by chance), and so is every
text that a practice item (public by design, shipped with the package) also holds: a key is
secret only if the learner cannot already read it in the practice material.

``scan(place, secrets)`` reads files as text (notebooks, HTML, Python, JSON; wheels and zip files
are opened) and returns ``(file, label)`` for every secret found. Python string literals split over
lines are joined first, so a text written as two literals is still found, and JSON is compared
without its layout, so an indented answers file holding the right answers is found too.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from smedx.exercises import all_questions
from smedx.grading import build, trainer
from smedx.grading.public import answer_id

MIN_LENGTH = 12
LINE_MIN = 20
TEXT_SUFFIXES = {
    ".py",
    ".ipynb",
    ".json",
    ".html",
    ".md",
    ".txt",
    ".csv",
    ".yml",
    ".yaml",
    ".toml",
    ".cfg",
    ".j2",
    ".js",
    "",
}
_JOINED = re.compile(r"[\"']\s*\n\s*(?:f|rf|fr)?[\"']")
_PUNCTUATION = re.compile(r"\s*([\[\]{},:])\s*")
# A line that only loads a table (``goals = data.figure("2.2.2")``) is what the prompt asks
# for, not a key.
_LOAD = re.compile(r"^_?\w+ = data\.\w+\([^()]*\)$")


def _practice_texts() -> str:
    """Everything the practice items say (public: it ships with the package)."""
    parts = []
    for q in all_questions():
        parts += [q.prompt.zh, q.prompt.en, q.solution.zh, q.solution.en]
        parts += [h.zh for h in q.hints] + [h.en for h in q.hints]
        for answer in (q.example_answer, *q.wrong_answers):
            try:
                result = q.check(answer)
                parts += [result.zh, result.en]
            except Exception:  # noqa: BLE001 - a practice checker's crash is another test's job
                pass
    return "\n".join(parts)


def _json_literal(value) -> str:
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)  # as an answers file has it


def secrets(root: Path | str) -> dict[str, str]:
    """``{label: secret text}`` for the course at ``root`` (graded assignments only)."""
    found: dict[str, str] = {}
    public = _practice_texts()

    def add(label: str, text: str) -> None:
        text = (text or "").strip()
        if len(text) >= MIN_LENGTH and text not in public:
            found[label] = text

    for module in build.modules_to_build(root):
        spec = trainer.spec(root, module)
        if spec.practice:
            continue
        prompts = "\n".join(
            [a.prompt.zh + a.prompt.en for a in spec.advanced]
            + [q.prompt.zh + q.prompt.en for q in trainer.items(root, module)]
        )
        for q in trainer.items(root, module):
            literal = _json_literal(q.example_answer)
            add(f"{q.id} example answer (code)", build.call("answer", q.id, q.example_answer))
            add(f"{q.id} example answer (json)", f'"{answer_id(q)}": {{"answer": {literal}')
            add(f"{q.id} example answer (flat json)", f'"{answer_id(q)}": {literal}')
            add(f"{q.id} solution zh", q.solution.zh)
            add(f"{q.id} solution en", q.solution.en)
            for i, hint in enumerate(q.hints, 1):
                add(f"{q.id} hint {i} zh", hint.zh)
                add(f"{q.id} hint {i} en", hint.en)
            right = q.check(q.example_answer)
            add(f"{q.id} right-answer message zh", right.zh)
            add(f"{q.id} right-answer message en", right.en)
        for a in spec.advanced:
            for kind, code in (("reference code", a.solution), ("check", a.hidden_test)):
                add(f"{module} {a.name} {kind}", code)
                for n, line in enumerate(code.splitlines(), 1):
                    line = line.strip()
                    if len(line) >= LINE_MIN and line not in prompts and not _LOAD.match(line):
                        add(f"{module} {a.name} {kind} line {n}", line)
        if spec.reflection:
            add(f"{module} model answer zh", spec.reflection.model_answer.zh)
            add(f"{module} model answer en", spec.reflection.model_answer.en)
    return found


def _texts(path: Path):
    """``(name, text)`` for every text file under ``path`` (inside archives too)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                yield from _texts(child)
        return
    if path.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if Path(name).suffix in TEXT_SUFFIXES:
                    yield f"{path.name}!{name}", archive.read(name).decode("utf-8", "replace")
        return
    if path.suffix in TEXT_SUFFIXES:
        yield str(path), path.read_bytes().decode("utf-8", "replace")


def _forms(text: str) -> list[str]:
    """The text as written, with split Python literals joined, and with JSON escapes undone."""
    joined = _JOINED.sub("", text)
    forms = [text, joined]
    if "\\" in text:
        for form in (text, joined):
            forms.append(form.replace('\\"', '"').replace("\\'", "'").replace("\\n", "\n"))
    return forms


def _squeeze(text: str) -> str:
    """JSON however indented: no whitespace around its punctuation."""
    return _PUNCTUATION.sub(r"\1", text)


def scan(place: Path | str, found_secrets: dict[str, str]) -> list[tuple[str, str]]:
    """``(file, label)`` for every secret found in ``place`` (a folder, file or wheel)."""
    squeezed = {label: _squeeze(secret) for label, secret in found_secrets.items()}
    hits = []
    for name, text in _texts(Path(place)):
        forms = _forms(text)
        flat = _squeeze(text)
        for label, secret in found_secrets.items():
            if any(secret in form for form in forms) or squeezed[label] in flat:
                hits.append((name, label))
    return hits
