"""Which numbers of a cohort may be published: small-group and complementary suppression.

One rule set for every place that shows a class or an association's members (the cohort app, its
CSV download and the cohort report), so that what one hides another cannot show.

A *breakdown* splits the members into groups (size bands, enterprise types, industries, with
"not given" as a group of its own) and counts each group's members per category (stage). Readers
also see the whole cohort's counts, so the hidden groups taken together are always known: their
counts are the total minus the shown groups. Hence:

* a group of fewer than :data:`MIN_GROUP` members is hidden ("small");
* a group whose members all share one category is hidden ("uniform"): a 100 % row names every
  member's value, whatever the group's size;
* then, while the hidden groups together are a single group, fewer than ``MIN_GROUP`` members,
  or all in one category, the smallest shown group is hidden too ("complementary"), so that
  subtraction yields only a mixed crowd of five or more;
* a hidden group's exact size is never shown (only the union of hidden groups can be derived).

The whole cohort is a breakdown with one group: it is shown only with five or more members not
all in one category (:func:`whole_hidden`). A multiple-choice option chosen by none or by every
member of its base reveals each member's answer to it: :func:`option_hidden`.
"""

from __future__ import annotations

from collections.abc import Mapping

MIN_GROUP = 5  # the smallest group any number is shown for

SMALL, UNIFORM, COMPLEMENTARY = "small", "uniform", "complementary"


def _uniform(counts: Mapping[str, int]) -> bool:
    """All members in one category (a 100 % row)."""
    return sum(1 for c in counts.values() if c > 0) == 1


def whole_hidden(counts: Mapping[str, int], minimum: int = MIN_GROUP) -> str:
    """Why one group's distribution may not be shown ("" when it may): fewer than ``minimum``
    members, or every member in the same category."""
    size = sum(counts.values())
    if size < minimum:
        return SMALL
    return UNIFORM if _uniform(counts) else ""


def option_hidden(count: int, base: int, minimum: int = MIN_GROUP) -> bool:
    """A multiple-choice option's count may not be shown: the base is small, or nobody / everybody
    chose it (each member's answer would be known)."""
    return base < minimum or count <= 0 or count >= base


def hidden_groups(
    counts: Mapping[str, Mapping[str, int]], minimum: int = MIN_GROUP
) -> dict[str, str]:
    """Which groups of a breakdown to hide: group key -> SMALL, UNIFORM or COMPLEMENTARY.

    ``counts``: group key -> category -> members. Empty groups are not groups (nothing to hide).
    Ties among the groups to hide next are broken by key, so the result does not depend on the
    input order."""
    groups = {k: dict(v) for k, v in counts.items() if sum(v.values()) > 0}
    reasons = {k: whole_hidden(v, minimum) for k, v in sorted(groups.items())}
    hidden = {k: reason for k, reason in reasons.items() if reason}

    def union() -> dict[str, int]:
        out: dict[str, int] = {}
        for key in hidden:
            for category, n in groups[key].items():
                out[category] = out.get(category, 0) + n
        return out

    while hidden and (len(hidden) == 1 or whole_hidden(union(), minimum)):
        shown = sorted((sum(v.values()), k) for k, v in groups.items() if k not in hidden)
        if not shown:
            break  # everything is hidden: what is left is the cohort's own total
        hidden[shown[0][1]] = COMPLEMENTARY
    return hidden
