"""Unit conversion of confirmed targets: pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tongket.extraction.units import (
    UnitError,
    conversion_factor,
    convert,
    same_unit,
    split_scale,
    target_factor,
)


def test_a_thousand_billion_dong_is_a_thousand_times_a_billion_dong():
    assert conversion_factor("nghìn tỷ đồng", "tỷ đồng") == 1000


def test_ngan_and_ti_are_read_like_nghin_and_ty():
    assert conversion_factor("ngàn tỉ đồng", "tỷ đồng") == 1000


def test_a_plain_unit_converts_into_its_scaled_form():
    assert conversion_factor("USD", "triệu USD") == Decimal("0.000001")
    assert conversion_factor("triệu USD", "USD") == 1_000_000


def test_scale_words_multiply_before_the_base_unit():
    assert split_scale("nghìn tỷ đồng") == (12, "dong")
    assert split_scale("triệu lượt") == (6, "luot")


def test_case_diacritics_and_spaces_do_not_make_another_unit():
    assert same_unit("Tỷ  đồng", "ty dong")
    assert conversion_factor("usd", "USD") == 1


def test_dollar_written_in_words_is_usd():
    assert conversion_factor("đô la Mỹ (USD)", "USD") == 1


def test_units_of_different_things_are_refused_naming_both():
    with pytest.raises(UnitError, match="'tỷ đồng' sang 'USD'"):
        conversion_factor("tỷ đồng", "USD")


def test_a_scaled_count_converts_into_the_plain_count():
    assert conversion_factor("nghìn người", "người") == 1000


def test_converting_keeps_decimals_exact():
    assert convert(2.5, Decimal(1000)) == 2500.0
    assert convert(14740, Decimal("0.000001")) == 0.01474
    assert convert(None, Decimal(1000)) is None


def test_a_growth_rate_keeps_its_value_whatever_the_indicator_unit():
    assert target_factor("%/năm", "tỷ đồng", "average_growth") == 1
    assert target_factor("%", "USD", "average_growth") == 1


def test_a_growth_target_in_money_is_refused():
    with pytest.raises(UnitError, match="%/năm"):
        target_factor("tỷ đồng", "tỷ đồng", "average_growth")


def test_percent_per_year_equals_percent_on_a_growth_indicator():
    assert target_factor("%/năm", "%", "level", indicator_is_growth=True) == 1


def test_percent_per_year_is_not_percent_on_a_level_indicator():
    with pytest.raises(UnitError):
        target_factor("%/năm", "%", "level", indicator_is_growth=False)


def test_a_ratio_target_is_in_times_whatever_the_indicator_unit():
    assert target_factor("lần", "tỷ đồng", "ratio_to_base") == 1
    with pytest.raises(UnitError, match="lần"):
        target_factor("tỷ đồng", "tỷ đồng", "ratio_to_base")


def test_a_level_target_in_a_scaled_unit_is_converted():
    assert target_factor("nghìn tỷ đồng", "tỷ đồng", "cumulative") == 1000


def test_a_target_with_no_unit_is_taken_in_the_indicator_unit():
    assert target_factor("", "tỷ đồng", "level") == 1


def test_an_indicator_with_no_unit_cannot_receive_a_unit():
    with pytest.raises(UnitError, match="chưa có đơn vị"):
        target_factor("doanh nghiệp", "", "level")
