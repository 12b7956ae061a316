"""Formatting numbers too large for Decimal's default 28-digit context (issue 6)."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

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


@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e27, max_value=1e27),
        st.integers(min_value=-(10**20), max_value=10**20),
    ),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["vi", "en"]),
)
def test_the_fast_path_writes_what_babel_writes(value, decimals, locale):
    from babel.numbers import format_decimal

    with localcontext(prec=60):
        quantized = round(Decimal(str(value)), decimals)
    if quantized == 0:
        quantized = abs(quantized)
    fixed = "#,##0" + ("." + "0" * decimals if decimals else "")
    compact = "#,##0" + ("." + "#" * decimals if decimals else "")
    with localcontext(prec=60):
        want_fixed = format_decimal(
            quantized, format=fixed, locale=locale, decimal_quantization=True
        )
        want_compact = format_decimal(
            quantized, format=compact, locale=locale, decimal_quantization=True
        )
    assert format_number(value, decimals, locale) == want_fixed
    assert format_compact(value, decimals, locale) == want_compact
