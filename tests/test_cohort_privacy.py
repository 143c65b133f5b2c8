"""Privacy that survives arithmetic: an attacker takes every number the cohort app, its CSV
download and the cohort report publish for a small class, and tries to recover what was hidden
by subtraction (the class total minus the shown groups, row and column totals, one table against
another). For each breakdown the attacker enumerates every way the hidden groups could hold the
members the subtraction leaves over; a hidden count that is the same in every way (and not
zero), a hidden group's size that is, or a group all of whose members are forced to one stage,
is a leak and fails the test.

The classes are real results files in a tmp folder, read by the app (as uploads) and by the
report's reader (as a folder), so both publish from the same files."""

from __future__ import annotations

import csv
import io
import itertools
import random
from collections import Counter
from pathlib import Path

import pytest

from smedx.models.assessment import assess, questionnaire
from smedx.models.common import STAGE_ORDER, CompanyProfile
from smedx.reports import cohort, members, privacy
from smedx.ui.cohort import CohortDashboard
from smedx.ui.session import Session

ITEMS = questionnaire().item_ids
# An answer set per stage (found once by search; checked below against the model).
STAGE_ANSWERS = {
    "not_started": "aacacabaaaeaaaaaaaca",
    "single_point": "aeaabdadaceaababaaaa",
    "local_build": "eeadbcaabadacdeaeaea",
    "digital_foundation": "deeededcddddadddeaad",
    "intelligent_ops": "dbeebeececeeeeeeeedd",
    "innovation": "eeeeeeeeceeeeeeeeeee",
}
GROUPINGS = ("size_band", "enterprise_type", "industry")


def answers(stage: str) -> dict[str, str]:
    return dict(zip(ITEMS, STAGE_ANSWERS[stage], strict=True))


def test_the_answer_sets_give_their_stages():
    for stage in STAGE_ORDER:
        assert assess(answers(stage)).stage == stage


def write_class(folder: Path, firms: list[dict]) -> list[tuple[str, bytes]]:
    """One results file per firm: {"stage", "size_band", "enterprise_type", "industry"}."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i, firm in enumerate(firms):
        profile = CompanyProfile(
            industry=firm.get("industry", "retail"),
            size_band=firm.get("size_band"),
            enterprise_type=firm.get("enterprise_type"),
            investment_share=firm.get("share"),
            revenue_10k_cny=100 + i,  # every file its own (identical files count once)
        )
        text = Session({"assessment": assess(answers(firm["stage"]), profile)}).to_json()
        path = folder / f"learner-{i:02d}.json"
        path.write_text(text, encoding="utf-8")
        files.append((path.name, text.encode("utf-8")))
    return files


# --------------------------------------------------------------------------------------------
# What is published.


class Published:
    """Every count a reader can take from the app (its CSV) and the report (its tables)."""

    def __init__(self, folder: Path, files: list[tuple[str, bytes]]):
        board = CohortDashboard()
        assert board.add_files(files) == []
        assert len(board.members) == len(files)
        self.csv = list(csv.DictReader(io.StringIO(board.csv())))
        self.groups_html = board.groups.value
        self.summary_html = board.summary.value
        loaded = members.load([folder])
        assert not loaded.problems
        self.table = loaded.members
        self.n = len(self.table)
        self.stage = cohort.stage_comparison(self.table)
        self.investment = cohort.investment_comparison(self.table)
        self.choices = [cohort.choice_comparison(self.table, q) for q in members.QUESTIONS]
        self.levels = cohort.scores(self.table).levels
        self.segments = {g: cohort.segments(self.table, g) for g in GROUPINGS}

    def class_counts(self) -> dict[str, int] | None:
        """The class's stage counts, from the report's table or the app's CSV shares."""
        found = None
        if not self.stage.suppressed:
            found = {r.key: r.count for r in self.stage.rows}
        rows = [r for r in self.csv if r["table"] == "stage"]
        if rows:
            from_csv = {r["key"]: round(float(r["class_percent"]) * self.n / 100) for r in rows}
            assert found is None or found == from_csv
            found = from_csv
        return found

    def breakdown(self, grouping: str) -> tuple[dict[str, dict[str, int]], list[str]]:
        """Shown groups' stage counts (report table and app CSV together) and the hidden keys."""
        shown: dict[str, dict[str, int]] = {}
        hidden = []
        for seg in self.segments[grouping].segments:
            if seg.hidden:
                hidden.append(seg.key)
            else:
                shown[seg.key] = {s: round(seg.stages[s] * seg.size / 100) for s in STAGE_ORDER}
        figure = self.segments[grouping].figure_id
        for row in self.csv:
            if row["table"] == figure and figure:
                count = round(float(row["class_percent"]) * int(row["class_n"]) / 100)
                # the app shows only groups the report shows, with the same counts
                assert row["group"] in shown, (grouping, row)
                assert shown[row["group"]][row["key"]] == count
        return shown, hidden


# --------------------------------------------------------------------------------------------
# The attack.


def splits(total: int, parts: int):
    """Every way to write ``total`` as ``parts`` non-negative whole numbers, in order."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in splits(total - first, parts - 1):
            yield (first, *rest)


def fillings(left: dict[str, int], groups: list[str]):
    """Every way to spread the members left over (per stage) over the hidden groups, each
    group holding at least one member (it is listed, so it is not empty): a list of
    {group: {stage: count}}."""
    stages = [s for s in STAGE_ORDER if left.get(s, 0)]
    per_stage = [list(splits(left[s], len(groups))) for s in stages]
    out = []
    for combo in itertools.product(*per_stage):
        if all(any(split[i] for split in combo) for i in range(len(groups))):
            out.append(
                {g: {s: combo[j][i] for j, s in enumerate(stages)} for i, g in enumerate(groups)}
            )
    return out


def leaks(pub: Published) -> list[str]:
    found = []
    counts = pub.class_counts()
    if counts is not None and sum(1 for c in counts.values() if c) == 1:
        found.append("the class total is a 100 % row")
    for comp in pub.choices:
        for row in comp.rows:
            if row.count is not None and (row.count in (0, comp.base)):
                found.append(f"{comp.topic}.{row.key}: chosen by none or all ({row.count})")
    if not pub.investment.suppressed:
        shown = [r.count for r in pub.investment.rows if r.count]
        if len(shown) == 1:
            found.append("the spending bands are a 100 % row")
    if len(pub.levels) and sum(1 for lv in pub.levels if lv.count) == 1:
        found.append("the levels are a 100 % row")
    for grouping in GROUPINGS:
        shown, hidden = pub.breakdown(grouping)
        for key, row in shown.items():
            size = sum(row.values())
            if size < privacy.MIN_GROUP or sum(1 for c in row.values() if c) == 1:
                found.append(f"{grouping}={key} shown with {size} member(s): {row}")
        if not hidden or counts is None:
            continue  # nothing hidden, or no total to subtract from
        left = {s: counts[s] - sum(r[s] for r in shown.values()) for s in STAGE_ORDER}
        if sum(1 for c in left.values() if c) == 1:
            found.append(f"{grouping}: the hidden groups together are all at one stage {left}")
        ways = fillings(left, hidden)
        assert ways, (grouping, left, hidden)  # the truth is one of them
        for g in hidden:
            sizes = {sum(w[g].values()) for w in ways}
            if len(sizes) == 1:
                found.append(f"{grouping}={g}: hidden size recovered ({sizes.pop()})")
            for s in STAGE_ORDER:
                values = {w[g].get(s, 0) for w in ways}
                if len(values) == 1 and values != {0}:
                    found.append(f"{grouping}={g}: hidden count at {s} recovered ({values})")
            forced = {
                s for s in STAGE_ORDER if all(w[g].get(s, 0) == sum(w[g].values()) for w in ways)
            }
            if forced:
                found.append(f"{grouping}={g}: every member forced to {forced}")
    return found


# --------------------------------------------------------------------------------------------
# Adversarial classes.


def firms(spec: list[tuple[int, str, dict]]) -> list[dict]:
    """[(how many, stage, other fields)] -> firms."""
    return [dict(stage=stage, **extra) for n, stage, extra in spec for _ in range(n)]


ISSUE_EXAMPLE = firms(  # 7 firms, 4 at 单点尝试; 100人以内 N=5 at 40 % (2): both others at 单点尝试
    [
        (2, "single_point", {"size_band": "le100", "industry": "retail"}),
        (2, "local_build", {"size_band": "le100", "industry": "retail"}),
        (1, "digital_foundation", {"size_band": "le100", "industry": "retail"}),
        (2, "single_point", {"size_band": "101_300", "industry": "retail"}),
    ]
)
MEDIA_ALL_ONE_STAGE = firms(  # the report's "媒体 (8)" row at 100 %
    [
        (8, "local_build", {"industry": "media", "size_band": "le100"}),
        (3, "single_point", {"industry": "retail", "size_band": "le100"}),
        (3, "digital_foundation", {"industry": "retail", "size_band": "101_300"}),
        (2, "local_build", {"industry": "finance", "size_band": "101_300"}),
    ]
)
TWO_SMALL_ALIKE = firms(  # two small groups that together are five firms at one stage
    [
        (3, "single_point", {"size_band": "le100", "enterprise_type": "zjtx"}),
        (2, "single_point", {"size_band": "101_300", "enterprise_type": "zjtx"}),
        (4, "local_build", {"size_band": "301_500", "enterprise_type": "non_zjtx"}),
        (3, "digital_foundation", {"size_band": "301_500", "enterprise_type": "non_zjtx"}),
    ]
)


def random_class(seed: int) -> list[dict]:
    rng = random.Random(seed)
    stages = rng.sample(list(STAGE_ORDER), rng.choice([2, 3]))
    return [
        {
            "stage": rng.choice(stages),
            "size_band": rng.choice(["le100", "le100", "101_300", "301_500", None]),
            "enterprise_type": rng.choice(["zjtx", "non_zjtx", None]),
            "industry": rng.choice(["retail", "retail", "media", "finance"]),
            "share": rng.choice([None, 0.5, 1.5, 2.5]),
        }
        for _ in range(rng.randint(5, 11))
    ]


CLASSES = {
    "issue-example": ISSUE_EXAMPLE,
    "media-100-percent": MEDIA_ALL_ONE_STAGE,
    "two-small-alike": TWO_SMALL_ALIKE,
    **{f"random-{seed}": random_class(seed) for seed in range(8)},
}


@pytest.mark.parametrize("name", list(CLASSES))
def test_no_hidden_count_can_be_recovered(name, tmp_path):
    folder = tmp_path / name
    pub = Published(folder, write_class(folder, CLASSES[name]))
    assert leaks(pub) == []


def test_the_issue_example_is_caught_by_the_attack_without_complementary_suppression(
    tmp_path, monkeypatch
):
    """The attack is real: with only small groups hidden (the old rule) it finds the leak."""
    monkeypatch.setattr(
        privacy,
        "hidden_groups",
        lambda counts, minimum=privacy.MIN_GROUP: {
            k: "small" for k, v in counts.items() if 0 < sum(v.values()) < minimum
        },
    )
    folder = tmp_path / "issue"
    found = leaks(Published(folder, write_class(folder, ISSUE_EXAMPLE)))
    assert any("size_band" in f and "one stage" in f for f in found), found


def test_the_issue_example_in_the_app_and_its_csv(tmp_path):
    folder = tmp_path / "issue"
    files = write_class(folder, ISSUE_EXAMPLE)
    board = CohortDashboard()
    board.add_files(files)
    assert "本班 7 家企业" in board.summary.value
    table = board.csv()
    assert "le100" not in table and "101_300" not in table  # both size groups hidden
    assert "suppressed" in board.groups.value
    # the class itself is mixed and five or more: shown, with 4 at 单点尝试
    stages = Counter(f["stage"] for f in ISSUE_EXAMPLE)
    assert f"stage,class,single_point,7,{round(100 * stages['single_point'] / 7, 1)}" in table


def test_the_report_pages_show_no_100_percent_row_and_no_hidden_size(tmp_path):
    """The rendered report of the media class: the 媒体 (8) row is hidden with its complement,
    no segment row reads 100 %, and a hidden row gives no size."""
    from smedx.reports.cohort_view import CohortReport
    from smedx.reports.page import Page

    folder = tmp_path / "media"
    write_class(folder, MEDIA_ALL_ONE_STAGE)
    report = CohortReport(members.load([folder]), Page("zh"))
    html = report.segments().html
    industry = html[html.index('id="segment-industry"') :]
    industry = industry[: industry.index("</table>")]
    media = industry[industry.index('data-key="media"') :]
    media = media[: media.index("</tr>")]
    assert "不展示（隐私保护）" in media and ">8<" not in media
    assert "100.0%" not in industry
