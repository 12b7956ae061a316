"""Vietnamese number and date formatting and strict parsing of numbers typed by people.

Pure Python (Babel only): shared by the pages, the assessment explanations, imports and the report.
In Vietnamese `.` groups thousands and `,` marks decimals: 1.234,5.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation, localcontext

from babel.numbers import format_decimal

MAX_SIGNIFICANT_DIGITS = 15


class NumberFormatError(ValueError):
    """A text that is not a number written the expected way; the message is Vietnamese."""


def _precision_for(number: Decimal, decimals: int) -> int:
    """Enough significant digits to round `number` to `decimals` places without InvalidOperation.

    The default context keeps 28 digits, so rounding 1e28 (or any large float) to 2 decimals fails;
    the integer digits plus the decimals plus a margin always fit.
    """
    if not number.is_finite():
        return 28
    return max(28, number.adjusted() + 1 + max(0, decimals) + 2)


# Group and decimal separators of the two languages of the pages. Formatting them with Python's own
# `format` gives Babel's result about 20 times faster, which matters when a dashboard writes thousands of
# numbers (tests compare both); any other locale goes through Babel.
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def _render(quantized: Decimal, decimals: int, pattern: str, locale: str, *, trim: bool) -> str:
    """`quantized` (already rounded) with grouped thousands and `decimals` places (trailing zeros
    dropped when `trim`)."""
    separators = _SEPARATORS.get(locale)
    if separators is None:
        return format_decimal(quantized, format=pattern, locale=locale, decimal_quantization=True)
    text = format(quantized, f",.{decimals}f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    group, mark = separators
    return text.translate({ord(","): group, ord("."): mark})


def format_number(
    value: float | int | Decimal | None, decimals: int = 2, locale: str = "vi"
) -> str:
    """Format a number with exactly `decimals` decimals in the locale's way (`1.234,50` in vi).

    Trailing zeros are kept so that a column of figures lines up; None gives an empty string.
    """
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    decimals = max(0, int(decimals))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    number = Decimal(str(value))
    with localcontext(prec=_precision_for(number, decimals)):
        quantized = round(number, decimals)
        if quantized == 0:
            quantized = abs(quantized)  # never print "-0"
        return _render(quantized, decimals, pattern, locale, trim=False)


def format_compact(
    value: float | int | Decimal | None, max_decimals: int = 2, locale: str = "vi"
) -> str:
    """Format a number with at most `max_decimals` decimals, dropping trailing zeros (`14.740`, `6,4`)."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * max_decimals if max_decimals else "")
    number = Decimal(str(value))
    with localcontext(prec=_precision_for(number, max_decimals)):
        quantized = round(number, max_decimals)
        if quantized == 0:
            quantized = abs(quantized)
        return _render(quantized, max(0, max_decimals), pattern, locale, trim=True)


def format_date_vn(day: dt.date) -> str:
    """`23/03/2018`: the short Vietnamese date used in tables and pages."""
    return day.strftime("%d/%m/%Y")


def format_date_long_vn(day: dt.date) -> str:
    """`ngày 05 tháng 02 năm 2019`: as Nghị định 30/2020 and Hướng dẫn 36 write dates in documents.

    A day below 10 and a month below 3 take a leading zero.
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


_VN_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_VN_PLAIN = re.compile(r"^[+-]?\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")


def _checked(text: str, number: Decimal) -> Decimal:
    digits = len(number.as_tuple().digits)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise NumberFormatError(f"'{text}' có quá {MAX_SIGNIFICANT_DIGITS} chữ số có nghĩa")
    return number


def parse_vn_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way: `12,5`, `1.234,5`, `1.234` (= 1234), `-3`.

    Refuses what the Vietnamese way cannot read unambiguously, such as `1.5` or `mười hai`, with a
    Vietnamese message naming the text.
    """
    raw = text
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise NumberFormatError("ô trống")
    if len(text) > 40:
        raise NumberFormatError(f"'{raw[:20]}…' quá dài để là một số")
    if _VN_GROUPED.match(text):
        normalized = text.replace(".", "").replace(",", ".")
    elif _VN_PLAIN.match(text):
        normalized = text.replace(",", ".")
    elif _DOT_DECIMAL.match(text):
        raise NumberFormatError(
            f"'{raw}' không rõ nghĩa: trong tiếng Việt dấu chấm phân cách hàng nghìn, "
            "dấu phẩy là dấu thập phân (ví dụ 1,5)"
        )
    else:
        raise NumberFormatError(f"'{raw}' không phải là số")
    try:
        return _checked(raw, Decimal(normalized))
    except InvalidOperation as exc:  # pragma: no cover - the regexes admit only digits
        raise NumberFormatError(f"'{raw}' không phải là số") from exc


_PLAIN_DOT = re.compile(r"^-?\d+(\.\d+)?$")
_PLAIN_COMMA = re.compile(r"^-?\d+(,\d+)?$")


def parse_plain_number(text: str, decimal_mark: str = ".") -> Decimal:
    """Read a machine-written number (`-?\\d+(\\.\\d+)?`, or with `,` as the mark): no grouping, no exponent."""
    raw = text
    text = text.strip()
    pattern = _PLAIN_DOT if decimal_mark == "." else _PLAIN_COMMA
    if len(text) > 40 or not pattern.match(text):
        if re.match(r"^-?\d{1,3}([.,]\d{3})+([.,]\d+)?$", text):
            raise NumberFormatError(
                f"'{raw[:40]}' có dấu phân cách hàng nghìn: hãy ghi số không phân cách"
            )
        raise NumberFormatError(f"'{raw[:40]}' không phải là số")
    return _checked(raw, Decimal(text.replace(",", ".")))
