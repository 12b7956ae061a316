"""The page shell's filters: Vietnamese numbers and dates by default, English after the switch."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from tongket.core.templatetags.tongket import (
    illustrative_badge,
    target_bounds,
    verdict_badge,
    vn_date,
    vn_number,
)


def test_numbers_read_the_vietnamese_way():
    with translation.override("vi"):
        assert vn_number(3694, 0) == "3.694"
        assert vn_number(1234.5, 1) == "1.234,5"
        assert vn_number(None) == ""


def test_numbers_read_the_english_way_after_the_switch():
    with translation.override("en"):
        assert vn_number(3694, 0) == "3,694"
        assert vn_number(1234.5, 1) == "1,234.5"


def test_text_that_is_not_a_number_is_shown_as_it_is():
    assert vn_number("n/a", 2) == "n/a"
    assert vn_number(float("nan"), 2) == "nan"


def test_dates_read_day_month_year():
    with translation.override("vi"):
        assert vn_date(dt.date(2018, 3, 23)) == "23/03/2018"
    with translation.override("en"):
        assert vn_date(dt.date(2018, 3, 23)) == "23 Mar 2018"


def test_verdict_badges_name_the_verdict_in_the_active_language():
    with translation.override("vi"):
        assert "Cơ bản đạt" in verdict_badge("basically_achieved")
        assert "Chưa đánh giá" in verdict_badge("")
    with translation.override("en"):
        assert "Not achieved" in verdict_badge("not_achieved")


def test_illustrative_things_are_marked_and_real_ones_are_not():
    with translation.override("vi"):
        assert "minh họa" in illustrative_badge(True)
    assert illustrative_badge(False) == ""


def test_target_bounds_in_words():
    target = SimpleNamespace(lower=14740.0, upper=14740.0, approximate=False, unit="USD")
    with translation.override("vi"):
        assert target_bounds(target) == "14.740 USD"
        assert (
            target_bounds(SimpleNamespace(lower=6.4, upper=None, approximate=True, unit="%"))
            == "~≥ 6,4 %"
        )
        assert (
            target_bounds(SimpleNamespace(lower=None, upper=None, approximate=False, unit="")) == ""
        )


def test_the_filters_load_in_templates():
    with translation.override("vi"):
        html = Template("{% load tongket %}{{ v|vn_number:1 }}").render(Context({"v": 12.25}))
    assert html in ("12,2", "12,3")
