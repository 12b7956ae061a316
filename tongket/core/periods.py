"""Period codes as DHIS2 writes them: `2017` (year), `2017Q3` (quarter), `201709` (month)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^(\d{4})(?:Q([1-4])|(0[1-9]|1[0-2]))?$")
MIN_YEAR, MAX_YEAR = 1900, 2200


class PeriodError(ValueError):
    """A period code that is not `YYYY`, `YYYYQn` or `YYYYMM`; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    """A parsed period: its type (Y, Q, M), year and the quarter or month number (0 for a year)."""

    code: str
    type: str
    year: int
    number: int


def parse_period(code: str) -> Period:
    """Parse and check a period code."""
    text = str(code).strip()
    match = _PERIOD.match(text)
    if not match:
        raise PeriodError(f"kỳ '{text[:20]}' không hợp lệ (cần dạng 2017, 2017Q3 hoặc 201709)")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"năm {year} của kỳ '{text}' nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    if match.group(2):
        return Period(text, "Q", year, int(match.group(2)))
    if match.group(3):
        return Period(text, "M", year, int(match.group(3)))
    return Period(text, "Y", year, 0)


def period_label_vi(code: str) -> str:
    """`2017` → `2017`; `2017Q3` → `Quý III/2017`; `201709` → `Tháng 9/2017`."""
    period = parse_period(code)
    if period.type == "Q":
        return f"Quý {('I', 'II', 'III', 'IV')[period.number - 1]}/{period.year}"
    if period.type == "M":
        return f"Tháng {period.number}/{period.year}"
    return str(period.year)
