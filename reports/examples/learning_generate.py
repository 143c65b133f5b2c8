"""Write the synthetic pre/post test results of reports/examples/learning/ (seeded: same files).

    .venv/bin/python reports/examples/learning_generate.py [--learners 24] [--out DIR]

SYNTHETIC: invented learners ("示例学员01" …) of two invented classes, half taking form A before
the course and B after it, half the other way round. Each answers an item right with probability
logistic(ability + ease + learning), where learning is added after the course; item B11 is
planted to be answered right MORE often by weaker learners, so that the report's negative-
discrimination flag has something to show. A wrong answer is another option, or the key plus a
miss. The same generator feeds bench/learning_report.py.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere in the checkout

from smedx.quiz import FORMS, QuizResult, save  # noqa: E402
from smedx.reports.learning import trainer_key  # noqa: E402

OUT = Path(__file__).resolve().parent / "learning"
SEED = 19
INVERTED = "B11"  # the planted bad item
STAMP = {"pre": "2024-09-02T09:00:00+00:00", "post": "2024-09-04T16:00:00+00:00"}
EASE = {"easy": 1.0, "medium": 0.0, "hard": -1.0}


def answer(item, key, right: bool, rng) -> object:
    if item.kind == "choice":
        if right:
            return key.answer
        return str(rng.choice([k for k in item.option_keys() if k != key.answer]))
    if right:
        return float(key.answer)
    return round(float(key.answer) + float(rng.choice([-7.5, -2.0, 3.0, 12.0])), 1)


def results(learners: int, seed: int = SEED) -> list[QuizResult]:
    key = trainer_key(ROOT)
    rng = np.random.default_rng(seed)
    out = []
    for n in range(1, learners + 1):
        learner = f"示例学员{n:02d}" if learners < 100 else f"synthetic-{n:05d}"
        group = "示例一班" if n % 2 else "示例二班"
        ability = rng.normal(-0.3, 1.0)
        first, second = ("A", "B") if n % 4 in (1, 2) else ("B", "A")
        for phase, form, learned in (("pre", first, 0.0), ("post", second, 1.2)):
            answers = {}
            for item in FORMS[form]:
                sign = -1.0 if item.id == INVERTED else 1.0
                logit = sign * ability + EASE[item.difficulty] + learned
                if rng.random() < 0.04:
                    continue  # an item left blank now and then
                right = rng.random() < 1 / (1 + math.exp(-logit))
                answers[item.id] = answer(item, key[item.id], right, rng)
            out.append(QuizResult(learner, form, phase, answers, group, STAMP[phase]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=24)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for result in results(args.learners):
        save(result, args.out / result.learner)
    print(f"{args.learners} synthetic learners → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
