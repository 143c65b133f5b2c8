"""Answer key of the pre/post test (trainer-only; the forms are in :mod:`smedx.quiz.items`).

Every key is computed from :mod:`smedx.data` at import time and names the report passages it
rests on (``sources``: a fact id, or a figure id with the option keys summed or compared), so a
test can trace each key to the report's section, figure, N and quote. A choice item's key is an
option key; a number item's key is a value with the tolerance that rounding to the asked
precision needs. ``smedx report learning`` imports this module by path from the course root.
"""

from __future__ import annotations

from dataclasses import dataclass

from smedx import data
from smedx.derived import effects

TOLERANCE = 0.05  # "one decimal": a value rounded as asked is within half a unit of the last digit


@dataclass(frozen=True)
class Source:
    """A fact (``figure`` empty) or figure rows (``keys`` of segment ``segment``) of the report."""

    fact: str = ""
    figure: str = ""
    keys: tuple[str, ...] = ()
    segment: str = ""


@dataclass(frozen=True)
class Key:
    answer: str | float
    sources: tuple[Source, ...]
    tolerance: float = 0.0

    def scores(self, answer: object) -> bool:
        if isinstance(self.answer, str):
            return answer == self.answer
        if isinstance(answer, bool) or not isinstance(answer, (int, float)):
            return False
        return abs(float(answer) - float(self.answer)) <= self.tolerance + 1e-9


def _values(figure: str, segment: str = "") -> dict[str, float]:
    rows = data.figure(figure)
    rows = rows[rows["segment_key"] == segment]
    return dict(zip(rows["key"], rows["value"].astype(float), strict=True))


def _fact(fact_id: str) -> float:
    return float(data.fact(fact_id)["value"])


def _sum(figure: str, keys: tuple[str, ...], segment: str = "") -> Key:
    values = _values(figure, segment)
    return Key(
        round(sum(values[k] for k in keys), 1),
        (Source(figure=figure, keys=keys, segment=segment),),
        TOLERANCE,
    )


def _extreme(figure: str, keys: tuple[str, ...], largest: bool) -> Key:
    values = _values(figure)
    pick = max if largest else min
    return Key(pick(keys, key=values.__getitem__), (Source(figure=figure, keys=keys),))


def _rank(figure: str, keys: tuple[str, ...], position: int) -> Key:
    values = _values(figure)
    ranked = sorted(keys, key=values.__getitem__, reverse=True)
    return Key(ranked[position], (Source(figure=figure, keys=keys),))


def _change(key: str) -> Key:
    before, after = _values("3.1.2.1", "2023")[key], _values("3.1.2.1", "2024")[key]
    return Key(
        round(after - before, 1),
        (
            Source(figure="3.1.2.1", keys=(key,), segment="2023"),
            Source(figure="3.1.2.1", keys=(key,), segment="2024"),
        ),
        TOLERANCE,
    )


def _single_choice(figures: tuple[str, ...]) -> Key:
    (single,) = [f for f in figures if data.figure_info(f)["choice"] == "single"]
    return Key(single, tuple(Source(figure=f) for f in figures))


def _effect(largest: bool) -> Key:
    table = effects().set_index("effect")
    pick = table["clearly_better"].idxmax() if largest else table["clearly_better"].idxmin()
    return Key(pick, tuple(Source(fact=fid) for fid in table["clear_id"]))


def _recommendation(stakeholder: str, options: tuple[str, ...]) -> Key:
    recs = data.recommendations().set_index("rec_id")
    (match,) = [r for r in options if recs.loc[r, "stakeholder"] == stakeholder]
    return Key(match, ())  # traced through data.recommendations() (chapter 5, quoted there)


def _case_metric(metric_id: str) -> Key:
    """A case number: an outcome stated as a floor, or a profile number (kit's reading, which
    the dataset's notes record: 'Lower bound', or a count of sites/patents/segments)."""
    note = str(data.case_metrics().set_index("metric_id").loc[metric_id, "notes"])
    return Key("lower_bound" if note.startswith("Lower bound") else "profile", ())


SAMPLE = _fact("sample_firms")
GENAI_N = int(data.figure_info("3.3.1.2")["n"])
GENAI = _values("S3.2.1-genai")

KEYS: dict[str, Key] = {
    "A01": Key(_fact("sample_provinces"), (Source(fact="sample_provinces"),)),
    "B01": Key(_fact("sample_industries"), (Source(fact="sample_industries"),)),
    "A02": _single_choice(("3.3.1.1", "2.2.2", "3.2.2.1", "2.3.1")),
    "B02": _single_choice(("S3.1.1-goals", "S3.2.2.2-vendor-criteria", "2.1.1", "3.3.1.1")),
    "A03": Key(
        _fact("industrial_sme_value_added_growth_2023"),
        (Source(fact="industrial_sme_value_added_growth_2023"),),
        TOLERANCE,
    ),
    "B03": Key(_fact("smedi_2023"), (Source(fact="smedi_2023"),), TOLERANCE),
    "A04": _effect(largest=False),
    "B04": _effect(largest=True),
    "A05": _extreme("S3.1.1-goals", tuple(_values("S3.1.1-goals")), largest=False),
    "B05": _rank("S3.1.1-goals", tuple(_values("S3.1.1-goals")), 1),
    "A06": _sum("2.1.1", ("lt1", "1_2")),
    "B06": _sum("2.1.2", tuple(k for k in _values("2.1.2") if k.startswith("dec_"))),
    "A07": _extreme("2.2.2", tuple(k for k in _values("2.2.2") if k != "not_started"), True),
    "B07": _extreme("2.2.2", tuple(k for k in _values("2.2.2") if k != "not_started"), False),
    "A08": _sum("2.2.2", ("local_build", "digital_foundation")),
    "B08": _sum("2.2.2", ("intelligent_ops", "innovation")),
    "A09": _change("enterprise_mgmt"),
    "B09": _change("collaboration"),
    "A10": _extreme("3.3.1.1", tuple(_values("3.3.1.1")), largest=True),
    "B10": _extreme("3.3.1.1", tuple(_values("3.3.1.1")), largest=False),
    "A11": _extreme("3.2.2.1", tuple(_values("3.2.2.1")), largest=True),
    "B11": _extreme("3.2.2.1", tuple(_values("3.2.2.1")), largest=False),
    "A12": _sum("S3.2.2.2-vendor-criteria", ("cost_benefit",)),
    "B12": _sum("S3.2.2.2-vendor-criteria", ("need_match",)),
    "A13": _sum("S3.2.1-genai", ("frequent_use",)),
    "B13": _sum("S3.2.1-genai", ("aware",)),
    "A14": Key(
        round(100 * GENAI_N / SAMPLE, 1),
        (Source(figure="3.3.1.2"), Source(fact="sample_firms")),
        TOLERANCE,
    ),
    "B14": Key(SAMPLE - GENAI_N, (Source(figure="3.3.1.2"), Source(fact="sample_firms"))),
    "A15": _case_metric("taifang_data_processing_efficiency"),
    "B15": _case_metric("detu_rd_sites"),
    "A16": _recommendation("association", ("sme_1", "provider_1", "association_4", "provider_4")),
    "B16": _recommendation("sme", ("provider_2", "association_2", "association_1", "sme_3")),
}
