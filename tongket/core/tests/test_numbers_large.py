"""Formatting numbers too large for Decimal's default 28-digit context (issue 6)."""

from __future__ import annotations

from decimal import Decimal

from tongket.core.numbers import format_compact, format_number


def test_it_formats_a_value_of_1e28_with_its_decimals():
    assert format_number(1e28, 2) == "10.000.000.000.000.000.000.000.000.000,00"


def test_it_formats_the_largest_float_compactly():
    text = format_compact(1.7976931348623157e308, 2)
    assert text.startswith("179.769.313.486.231.570")
    assert len(text.replace(".", "")) == 309


def test_it_formats_a_huge_decimal():
    assert format_number(Decimal("1E+40"), 0).count(".") == 13


def test_small_values_are_unchanged():
    assert format_number(1234.5, 2) == "1.234,50"
    assert format_compact(-0.001, 2) == "0"
