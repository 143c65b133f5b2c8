"""Content errors a senior trainer found in the modules (issue #17), each pinned by a test, in
both editions (the Chinese text in modules/, the English in modules/en/)."""

from __future__ import annotations

import nbformat
import pytest

from smedx.coursepack import editions


def markdown(module: str, lang: str = "zh") -> str:
    cells = nbformat.read(editions.notebook(module, lang), as_version=4).cells
    return "\n".join(c.source for c in cells if c.cell_type == "markdown")


def test_m03_says_a_missing_report_number_is_not_scored_zero():
    text = markdown("03")
    assert "没有数字记 0 分" not in text
    assert "不记 0 分" in text


def test_m05_credits_the_industry_bonus_to_the_kits_catalogue():
    text = markdown("05")
    assert "报告把它与你的行业联系在一起时再加" not in text
    assert "用例目录" in text and "不是报告给出的分数" in text


def test_m05_doubts_the_base_with_the_samples_industry_mix_not_used_versus_often():
    text = markdown("05")
    assert "很难同时成立" not in text  # "used" and "often used" are compatible
    assert "并不矛盾" in text and "13 个行业" in text and "13 industries" in markdown("05", "en")


def test_m05_explains_why_first_tries_sit_in_the_canvass_easy_quadrant():
    text = markdown("05")
    first_try = next(p for p in text.split("\n") if "会议纪要、文档总结这类功能" in p)
    assert "顺手做" in first_try and "优先试点" in first_try


def test_m04_warns_about_the_repeated_vendor_criteria_values():
    text = markdown("04")
    warning = next(p for p in text.split("\n\n") if "也要警惕另一处" in p)
    for value in ("51.2%", "49.4%", "42.5%"):
        assert value in warning
    assert "默认权重" in warning
    assert "default weights" in markdown("04", "en")


@pytest.mark.parametrize("wrong", ["六个案例中有 6 个", "all six cases", "took part in all six"])
def test_m06_does_not_count_juxing_as_a_case_with_lenovos_part(wrong):
    assert wrong not in markdown("06") + markdown("06", "en")


def test_m06_says_all_six_case_firms_are_high_tech():
    text = markdown("06")
    assert "高科技企业" in text and "high-tech" in markdown("06", "en")
