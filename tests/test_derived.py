"""smedx.derived: tables derived from the report's data, checked against smedx.data directly."""

from smedx import data, derived


def test_repeated_values_are_the_same_four_labelled_numbers():
    rows = derived.repeated_values()
    approach = rows[rows["figure_id"] == derived.APPROACH_FIGURE]
    challenge = rows[rows["figure_id"] == derived.GENAI_CHALLENGE_FIGURE]
    assert len(approach) == len(challenge) == 4
    assert approach["value"].tolist() == challenge["value"].tolist()
    assert approach["value"].is_monotonic_decreasing
    assert not rows["key"].str.startswith("unlabelled").any()
    # the four are the largest labelled values the report prints for the approaches
    labelled = data.figure(derived.APPROACH_FIGURE)
    labelled = labelled[~labelled["key"].str.startswith("unlabelled")]
    assert approach["value"].tolist() == sorted(labelled["value"], reverse=True)[:4]
    assert set(rows["n"]) == {494, 404}
