"""The learning report's numbers: pre/post test results scored with the trainer-only key.

Pure functions (no drawing, no writing). Definitions, as the report states them:

* a learner's score is the percentage of their form's items answered right (an unanswered item
  counts as wrong);
* Hake's normalised gain of the class is ``<g> = (post − pre) / (100 − pre)`` over the class means
  of the learners who took both tests (matched by learner id); its 95 % interval is the 2.5th and
  97.5th percentile of ``<g>`` over :data:`BOOTSTRAP` resamples of those learners, with
  replacement, from a fixed seed (the same results give the same interval);
* the gain of an objective is the same formula over the share right on that objective's item;
* item difficulty ``p`` is the share of the item's takers (both phases) who got it right, and
  discrimination the point-biserial correlation of the item with the rest of the form (total
  without the item); an item below 0 is flagged for the trainer: those who know more get it
  wrong more often, so its wording or key needs a look.

Privacy: a group (the class, a group named in the results, a form order, an item's takers) of
fewer than :data:`MIN_GROUP` learners is not described.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

import numpy as np

from smedx.course_folder import course_folder
from smedx.errors import KitError
from smedx.quiz import FORMS, OBJECTIVES, QuizResult, load
from smedx.reports.sources import Problem, Where, problem

MIN_GROUP = 5
BOOTSTRAP = 2000
SEED = 20240
MAX_FILES = 100_000


def trainer_key(root: Path | str | None = None) -> dict:
    """The key (``trainer/quiz.py``) of the course at ``root`` (default: :func:`course_folder`)."""
    from smedx.grading.trainer import package

    root = course_folder(root)
    base = package(root)  # KitError when the trainer-only folder is missing
    try:
        return import_module(f"{base.__name__}.quiz").KEYS
    except ModuleNotFoundError as err:
        raise KitError(
            f"{root / 'trainer' / 'quiz.py'} 不存在：评分需要培训师专用的答案",
            f"{root / 'trainer' / 'quiz.py'} does not exist: scoring needs the trainer's key",
        ) from err


# --- reading ---------------------------------------------------------------------------------


def _files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    found, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("quiz-*.json") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            problems.append(
                Problem(Where(str(raw)), "", "找不到这个文件或文件夹", "no such file or folder")
            )
    if len(found) > MAX_FILES:
        raise KitError(
            f"答案文件过多（{len(found)} 个，上限 {MAX_FILES}）",
            f"too many answers files ({len(found)}, limit {MAX_FILES})",
        )
    return found, problems


def read(paths: Iterable[str | Path]) -> tuple[list[QuizResult], list[Problem]]:
    """Every answers file in ``paths`` (files, or folders searched for ``quiz-*.json``).

    A bad file is a :class:`Problem` and the others are still read. A learner with two files of
    the same phase keeps the later one (by ``saved_at``) and the earlier is named as a problem."""
    files, problems = _files(paths)
    kept: dict[tuple[str, str], tuple[QuizResult, Path]] = {}
    for path in files:
        try:
            result = load(path)
        except KitError as err:
            problems.append(problem(Where(str(path)), err))
            continue
        slot = (result.learner, result.phase)
        if slot in kept:
            other, other_path = kept[slot]
            later, earlier = (result, path), (other, other_path)
            if other.saved_at > result.saved_at:
                later, earlier = earlier, later
            kept[slot] = later
            problems.append(
                Problem(
                    Where(str(earlier[1])),
                    result.learner,
                    f"同一学员的第二份{'课前' if result.phase == 'pre' else '课后'}测答案；"
                    f"只计较晚的一份（{later[1]}）",
                    f"a second {result.phase}-test of the same learner; only the later one "
                    f"({later[1]}) counts",
                )
            )
            continue
        kept[slot] = (result, path)
    return [r for r, _p in kept.values()], problems


# --- scoring ---------------------------------------------------------------------------------


def item_marks(result: QuizResult, key: dict) -> dict[str, int]:
    """1 or 0 per item of the result's form."""
    return {
        item.id: int(item.id in result.answers and key[item.id].scores(result.answers[item.id]))
        for item in FORMS[result.form]
    }


def percent(result: QuizResult, key: dict) -> float:
    marks = item_marks(result, key)
    return 100.0 * sum(marks.values()) / len(marks)


class Scorer:
    """Scores each result once (the report reads a learner's marks for every objective)."""

    def __init__(self, key: dict):
        self.key = key
        self._marks: dict[int, tuple[QuizResult, dict[str, int]]] = {}

    def marks(self, result: QuizResult) -> dict[str, int]:
        found = self._marks.get(id(result))
        if found is None:  # the result is kept with its marks, so its id is never reused
            found = self._marks[id(result)] = (result, item_marks(result, self.key))
        return found[1]

    def percent(self, result: QuizResult) -> float:
        marks = self.marks(result)
        return 100.0 * sum(marks.values()) / len(marks)


def hake(pre: float, post: float) -> float | None:
    """Normalised gain of two percentages; None when the pre-test left no room (pre = 100)."""
    if pre >= 100.0:
        return None
    return (post - pre) / (100.0 - pre)


def bootstrap_gain(
    pre: np.ndarray, post: np.ndarray, *, resamples: int = BOOTSTRAP, seed: int = SEED
) -> tuple[float, float] | None:
    """95 % percentile interval of the class gain, resampling learners (pairs) with replacement."""
    n = len(pre)
    if n == 0:
        return None
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(resamples, n))
    pre_means, post_means = pre[picks].mean(axis=1), post[picks].mean(axis=1)
    room = 100.0 - pre_means
    ok = room > 0
    if not ok.any():
        return None
    gains = (post_means[ok] - pre_means[ok]) / room[ok]
    low, high = np.percentile(gains, [2.5, 97.5])
    return float(low), float(high)


def point_biserial(item: np.ndarray, rest: np.ndarray) -> float | None:
    """Correlation of a 0/1 item with the rest score; None when either does not vary."""
    if item.std() == 0 or rest.std() == 0:
        return None
    return float(np.corrcoef(item, rest)[0, 1])


# --- the report's numbers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Gain:
    n: int  # learners with both tests
    pre: float | None  # class means, percent
    post: float | None
    g: float | None
    ci: tuple[float, float] | None
    suppressed: bool


@dataclass(frozen=True)
class ObjectiveGain:
    objective: str
    items: tuple[str, ...]
    pre: float | None
    post: float | None
    g: float | None
    suppressed: bool


@dataclass(frozen=True)
class ItemStat:
    item: str
    objective: str
    difficulty: str  # intended
    n: int
    p: float | None  # share right
    discrimination: float | None
    suppressed: bool

    @property
    def flagged(self) -> bool:
        return self.discrimination is not None and self.discrimination < 0


@dataclass(frozen=True)
class GroupGain:
    kind: str  # "group" (named in the results) or "order" (form order, e.g. A→B)
    name: str
    gain: Gain


@dataclass(frozen=True)
class LearningReport:
    results: int
    pre_n: int
    post_n: int
    pre_mean: float | None  # all pre-tests (suppressed under MIN_GROUP)
    post_mean: float | None
    gain: Gain
    objectives: tuple[ObjectiveGain, ...]
    items: tuple[ItemStat, ...]
    groups: tuple[GroupGain, ...] = field(default=())

    @property
    def flagged(self) -> list[ItemStat]:
        return [i for i in self.items if i.flagged]


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if len(values) >= MIN_GROUP else None


def pairs(results: list[QuizResult]) -> list[tuple[QuizResult, QuizResult]]:
    by_learner: dict[str, dict[str, QuizResult]] = {}
    for r in results:
        by_learner.setdefault(r.learner, {})[r.phase] = r
    return [(d["pre"], d["post"]) for _l, d in sorted(by_learner.items()) if len(d) == 2]


def class_gain(matched: list[tuple[QuizResult, QuizResult]], score: Scorer) -> Gain:
    n = len(matched)
    if n < MIN_GROUP:
        return Gain(n, None, None, None, None, True)
    pre = np.array([score.percent(a) for a, _b in matched])
    post = np.array([score.percent(b) for _a, b in matched])
    return Gain(
        n,
        float(pre.mean()),
        float(post.mean()),
        hake(float(pre.mean()), float(post.mean())),
        bootstrap_gain(pre, post),
        False,
    )


def objective_gains(matched, score: Scorer) -> tuple[ObjectiveGain, ...]:
    out = []
    suppressed = len(matched) < MIN_GROUP
    for objective in OBJECTIVES:
        ids = tuple(i.id for form in FORMS.values() for i in form if i.objective == objective)
        if suppressed:
            out.append(ObjectiveGain(objective, ids, None, None, None, True))
            continue
        shares = []
        for phase in (0, 1):
            right = []
            for pair in matched:
                marks = score.marks(pair[phase])
                right.extend(marks[i] for i in ids if i in marks)
            shares.append(100.0 * float(np.mean(right)))
        out.append(ObjectiveGain(objective, ids, shares[0], shares[1], hake(*shares), False))
    return tuple(out)


def item_stats(results: list[QuizResult], score: Scorer) -> tuple[ItemStat, ...]:
    out = []
    for form, items in FORMS.items():
        taken = [score.marks(r) for r in results if r.form == form]
        matrix = np.array([[m[i.id] for i in items] for m in taken], dtype=float).reshape(
            len(taken), len(items)
        )
        totals = matrix.sum(axis=1)
        for j, item in enumerate(items):
            n = len(taken)
            if n < MIN_GROUP:
                out.append(ItemStat(item.id, item.objective, item.difficulty, n, None, None, True))
                continue
            column = matrix[:, j]
            out.append(
                ItemStat(
                    item.id,
                    item.objective,
                    item.difficulty,
                    n,
                    float(column.mean()),
                    point_biserial(column, totals - column),
                    False,
                )
            )
    return tuple(out)


def _hidden(gain: Gain) -> Gain:
    return Gain(gain.n, None, None, None, None, True)


def group_gains(matched, score: Scorer) -> tuple[GroupGain, ...]:
    """Gains by form order and by the group named in the results. Each breakdown is a partition
    of the class (learners without a named group form an unnamed part that is never shown); when
    exactly one part is suppressed, the smallest other part is too, so that no suppressed gain
    can be recovered by subtracting the shown parts from the class."""
    breakdowns: dict[str, dict[str, list]] = {"order": {}, "group": {}}
    for pre, post in matched:
        breakdowns["order"].setdefault(f"{pre.form}→{post.form}", []).append((pre, post))
        breakdowns["group"].setdefault(post.group or pre.group, []).append((pre, post))
    out = []
    for kind, parts in breakdowns.items():
        if kind == "group" and set(parts) == {""}:
            continue  # no group named: nothing to show
        gains = {name: class_gain(members, score) for name, members in parts.items()}
        hidden = [name for name, gain in gains.items() if gain.suppressed]
        if len(hidden) == 1 and len(gains) > 1:
            shown = sorted((g.n, name) for name, g in gains.items() if not g.suppressed)
            gains[shown[0][1]] = _hidden(gains[shown[0][1]])
        out.extend(GroupGain(kind, name, gains[name]) for name in sorted(gains) if name)
    return tuple(out)


def build(results: list[QuizResult], key: dict) -> LearningReport:
    missing = [i.id for form in FORMS.values() for i in form if i.id not in key]
    if missing:
        raise KitError(
            f"答案缺少题目：{', '.join(missing)}", f"the key lacks items: {', '.join(missing)}"
        )
    matched = pairs(results)
    score = Scorer(key)
    pre = [score.percent(r) for r in results if r.phase == "pre"]
    post = [score.percent(r) for r in results if r.phase == "post"]
    return LearningReport(
        results=len(results),
        pre_n=len(pre),
        post_n=len(post),
        pre_mean=_mean(pre),
        post_mean=_mean(post),
        gain=class_gain(matched, score),
        objectives=objective_gains(matched, score),
        items=item_stats(results, score),
        groups=group_gains(matched, score),
    )


def learner_scores(results: list[QuizResult], key: dict) -> list[dict]:
    """Each learner's own scores, for the trainer to tell them (never in the class report)."""
    by_learner: dict[str, dict[str, QuizResult]] = {}
    for r in results:
        by_learner.setdefault(r.learner, {})[r.phase] = r
    rows = []
    for name, tests in sorted(by_learner.items()):
        pre, post = tests.get("pre"), tests.get("post")
        pre_pct = percent(pre, key) if pre else None
        post_pct = percent(post, key) if post else None
        gain = hake(pre_pct, post_pct) if pre and post else None
        rows.append(
            {
                "learner": name,
                "group": (post or pre).group,
                "pre_form": pre.form if pre else "",
                "pre_percent": "" if pre_pct is None else f"{pre_pct:.1f}",
                "post_form": post.form if post else "",
                "post_percent": "" if post_pct is None else f"{post_pct:.1f}",
                "gain": "" if gain is None else f"{gain:.2f}",
            }
        )
    return rows


def finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)
