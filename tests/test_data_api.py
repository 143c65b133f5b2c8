"""smedx.data: tidy frames, provenance, one load per table, clear errors."""

import pytest

from smedx import data
from smedx.errors import KitError
from smedx.i18n import using


def test_figure_is_tidy_and_typed():
    frame = data.figure("2.2.2")
    assert {"figure_id", "key", "label_zh", "label_en", "value", "n", "quote"} <= set(frame)
    assert frame["value"].dtype == "float64"
    assert set(frame["figure_id"]) == {"2.2.2"}
    assert frame["n"].dropna().unique().tolist() == [500]


def test_unknown_figure_lists_the_valid_ids():
    with pytest.raises(KitError) as err:
        data.figure("9.9.9")
    assert "9.9.9" in err.value.zh and "2.2.2" in err.value.zh
    assert "Valid ids" in err.value.en and "3.3.1.2" in err.value.en


def test_unknown_key_lists_the_valid_keys():
    with pytest.raises(KitError) as err:
        data.stat("2.2.2", "nonsense")
    assert "single_point" in err.value.en


def test_stat_carries_provenance():
    stat = data.stat("2.2.2", "intelligent_ops")
    assert stat.value == 11.4 and stat.n == 500 and stat.section.startswith("2.2")
    assert "11.4" in stat.quote
    assert stat.cite() == "数据来源：《中国中小企业数字化转型报告 2024》图 2.2.2，N=500"
    with using("en"):  # the English edition's cell shows the English source line
        assert stat.cite() == stat.cite("en") and "N=500" in stat.cite("en")
        assert stat.cite("zh") == "数据来源：《中国中小企业数字化转型报告 2024》图 2.2.2，N=500"
    assert stat.cite("en") == (
        "Source: China SME Digital Transformation Report 2024, Figure 2.2.2, N=500"
    )


def test_tables_load_once_and_callers_get_copies():
    data._table.cache_clear()
    first = data.values()
    first.loc[first.index[0], "value"] = -1.0
    again = data.values()
    assert again.loc[again.index[0], "value"] != -1.0
    assert data._table.cache_info().misses == 1


def test_unknown_table_and_fact_are_clear():
    with pytest.raises(KitError, match="available"):
        data.table("nope")
    with pytest.raises(KitError, match="unknown fact id"):
        data.fact("nope")
