"""What a learner may see of a graded item: the public part, as plain data.

A graded item (``trainer/items/mNN.py``) holds its key in its checker, example answer, hints,
solution and targeted messages. The learner's notebook gets only :func:`public_data`: id, kind,
points, prompt, options (their order as written), the number input's range and, for a form, the
name of the form that answers it (``smedx.exercises.core.FORMS``). :func:`public_question` turns that back into a
:class:`~smedx.exercises.Question` whose checker knows no key: it confirms "已保存" ("Saved") the
same way for every answer.
"""

from __future__ import annotations

from typing import Any

from smedx.errors import KitError
from smedx.exercises import Feedback, Option, Question, Text
from smedx.exercises.core import form_name

FIELDS = ("id", "module", "kind", "points", "prompt", "options", "number_range", "form")
FORM_META = ("form_options", "answer_id")  # what a form question's component is told
RECORD_MIME = "application/vnd.smedx.answer+json"  # a coded answer, recorded as plain data
SAVED = Feedback(
    True,
    0.0,
    "已保存。本题计分：提交后由老师的批改程序评分，现在不显示对错。",
    "Saved. This question is graded after you submit; no right or wrong is shown now.",
)


def public_data(q: Question) -> dict[str, Any]:
    """The public part of graded item ``q`` (plain data, key order fixed)."""
    data = {
        "id": q.id,
        "module": q.module,
        "kind": q.kind,
        "points": q.points,
        "prompt": {"zh": q.prompt.zh, "en": q.prompt.en},
        "options": [[o.key, o.zh, o.en] for o in q.options],
    }
    if q.number_range is not None:
        data["number_range"] = list(q.number_range)
    if q.form is not None:
        data["form"] = q.form
    for name in FORM_META:
        if name in q.meta:
            data[name] = q.meta[name]
    return data


def answer_id(q: Question) -> str:
    """Where the answer is saved in ``answers_mNN.json`` (a form may save under its own name)."""
    return q.meta.get("answer_id", q.id)


def _keyless(_answer: Any) -> Feedback:
    return SAVED


def _form(data: dict[str, Any]) -> str:
    """A form item's form name; an older release's class path (``"component"``) is refused."""
    return form_name(data["component"] if "component" in data else data.get("form"))


def public_question(data: dict[str, Any]) -> Question:
    """A question built from :func:`public_data`: same controls, no key, no hints, no solution.

    A form item must name its form (one of ``FORMS``); a name the kit does not know, or a class
    path as older releases wrote (``"component"``), is refused with a KitError."""
    try:
        kind, prompt = data["kind"], data["prompt"]
        form = _form(data) if kind == "form" else None
        meta = {name: data[name] for name in FORM_META if name in data}
        return Question(
            id=str(data["id"]),
            module=str(data["module"]),
            kind=kind,
            prompt=Text(str(prompt["zh"]), str(prompt["en"])),
            checker=_keyless,
            hints=(),
            solution=Text("", ""),
            example_answer=None,
            options=tuple(Option(str(k), str(zh), str(en)) for k, zh, en in data["options"]),
            points=int(data["points"]),
            graded=True,
            number_range=tuple(data["number_range"]) if "number_range" in data else None,
            form=form,
            meta=meta,
        )
    except KitError:
        raise
    except (KeyError, TypeError, ValueError) as err:
        raise KitError(
            f"题目数据不完整或有误（{err}）：请重新获取作业",
            f"the question's data is incomplete or invalid ({err}); fetch the assignment again",
        ) from err


def _option_text(q: Question, key: Any) -> tuple[str, str]:
    for o in q.options:
        if o.key == key:
            return o.zh, o.en
    return str(key), str(key)


def describe(q: Question, value: Any) -> Text:
    """An answer as a manager reads it: the option texts chosen, not their keys."""
    if value is None or value in ("", [], {}):
        return Text("（未作答）", "(no answer)")
    if q.kind == "choice":
        zh, en = _option_text(q, value)
        return Text(zh, en)
    if q.kind in ("multi", "ranking") and isinstance(value, list):
        texts = [_option_text(q, v) for v in value]
        mark = (lambda i: f"{i}. ") if q.kind == "ranking" else (lambda i: "• ")
        return Text(
            "；".join(mark(i) + zh for i, (zh, _) in enumerate(texts, 1)),
            "; ".join(mark(i) + en for i, (_, en) in enumerate(texts, 1)),
        )
    if q.kind == "allocation" and isinstance(value, dict):
        labels = {o.key: (o.zh, o.en) for o in q.options}
        return Text(
            "；".join(f"{labels.get(k, (k, k))[0]} {v}" for k, v in value.items()),
            "; ".join(f"{labels.get(k, (k, k))[1]} {v}" for k, v in value.items()),
        )
    if q.kind == "form":
        return Text("（表单已保存）", "(form saved)")
    return Text(str(value), str(value))
