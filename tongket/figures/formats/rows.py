"""The row every figure file reads into, the problems a file can have, and helpers every format shares.

Pure Python: no Django. Every message is Vietnamese and names the place (row, cell or JSON path).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

MAX_SIGNIFICANT_DIGITS = 15
MAX_NUMBER_TEXT = 400
DEFAULT_MAX_BYTES = 20_000_000
MAX_LISTED_PROBLEMS = 200
BASES = ("estimate", "preliminary", "official")


class FigureRow(NamedTuple):
    """One figure as a file or form states it, by codes; `where` names its place for error messages.

    `citation` and `illustrative` are None when the file has no place for them: the figure keeps its own.

    A NamedTuple (not a dataclass) because a bulk load builds millions of them.
    """

    indicator: str
    area: str
    period: str
    value: float | Decimal | str
    basis: str = "official"
    comment: str = ""
    citation: str | None = ""
    illustrative: bool | None = None
    source: str | None = None
    where: str = ""


class ExportRow(NamedTuple):
    """One figure as the exports write it, with the labels a person reading the file needs."""

    indicator: str
    indicator_name: str
    unit: str
    area: str
    area_name: str
    period: str
    value: float
    basis: str
    comment: str
    citation: str


@dataclass(frozen=True)
class Problem:
    """Why part of a file was refused, and where."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class FileRefused(Exception):
    """The whole file is refused; `problems` lists where and why (at most MAX_LISTED_PROBLEMS)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems


def refuse(message: str, where: str = "") -> FileRefused:
    """A refusal with one problem."""
    return FileRefused([Problem(where, message)])


class Problems:
    """Collects problems while a file is read, keeping the list short enough to show."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.count = 0

    def add(self, where: str, message: str) -> None:
        """Record one problem."""
        self.count += 1
        if len(self.items) < MAX_LISTED_PROBLEMS:
            self.items.append(Problem(where, message))

    def raise_if_any(self) -> None:
        """Refuse the file when anything was wrong."""
        if self.count:
            items = list(self.items)
            if self.count > len(items):
                items.append(Problem("", f"… và {self.count - len(items)} lỗi khác"))
            raise FileRefused(items)


def check_size(size: int, limit: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file larger than `limit` bytes."""
    if size > limit:
        raise refuse(f"tệp có {size:,} byte, vượt giới hạn {limit:,} byte".replace(",", "."))


# Text that a spreadsheet would run as a formula; escaped with a leading apostrophe on export.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_text(text: str) -> str:
    """Make a text cell safe from formula injection (CSV/Excel): prefix `'` before = + - @ tab CR."""
    if text and (
        text.startswith(_FORMULA_START) or (text.startswith("'") and text[1:2] in _FORMULA_START)
    ):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    """Undo `escape_text` on import."""
    if text.startswith("'") and len(text) > 1 and (text[1] in _FORMULA_START or text[1] == "'"):
        return text[1:]
    return text


_PLAIN = {".": re.compile(r"-?\d+(?:\.\d+)?"), ",": re.compile(r"-?\d+(?:,\d+)?")}
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,\s\u00a0]\d{3})+([.,]\d+)?$")


def significant_digits(text: str) -> int:
    """Significant digits of a plain number text (leading zeros and trailing decimal zeros not counted)."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return 0
    if number.is_zero():
        return 1
    return len(number.normalize().as_tuple().digits)


def plain_number(text: str, mark: str = ".") -> float:
    """A machine-written number (`-?\\d+(\\.\\d+)?`, or `,` as the decimal mark), at most 15 significant digits.

    Raises ValueError with a Vietnamese message; thousands separators are refused, never guessed.
    """
    text = text.strip()
    # Up to 400 characters: a float's plain text (no exponent) needs at most about 330.
    if len(text) <= MAX_NUMBER_TEXT and _PLAIN[mark].fullmatch(text):
        if len(text) > 16 and significant_digits(text) > MAX_SIGNIFICANT_DIGITS:
            raise ValueError(f"'{text}' có quá {MAX_SIGNIFICANT_DIGITS} chữ số có nghĩa")
        return float(text.replace(",", ".")) if mark == "," else float(text)
    shown = text if len(text) <= 40 else text[:30] + f"… ({len(text)} ký tự)"
    if len(text) > MAX_NUMBER_TEXT:
        raise ValueError(f"'{shown}' quá dài để là một số")
    if not text:
        raise ValueError("thiếu giá trị")
    if _GROUPED.match(text) or (mark == "," and re.fullmatch(r"-?\d+\.\d+", text)):
        raise ValueError(
            f"'{shown}' có dấu phân cách hàng nghìn hoặc sai dấu thập phân: hãy ghi số không phân cách, "
            f"dấu thập phân là '{mark}'"
        )
    raise ValueError(f"'{shown}' không phải là số")


def finite_number(value: object) -> float:
    """A JSON or spreadsheet number as a finite float with at most 15 significant digits."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("giá trị không phải là số")
    if (
        isinstance(value, int)
        and abs(value) >= 10**MAX_SIGNIFICANT_DIGITS
        and len(str(abs(value)).rstrip("0")) > MAX_SIGNIFICANT_DIGITS
    ):
        raise ValueError(f"giá trị có quá {MAX_SIGNIFICANT_DIGITS} chữ số có nghĩa")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("giá trị phải là một số hữu hạn")
    return number


def format_plain(value: float) -> str:
    """The shortest plain text of a number with `.` as decimal mark and no exponent (`3694`, `6.4`)."""
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); NUL bytes and other encodings are refused with the line named."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise refuse("tệp chứa ký tự NUL (tệp nhị phân hoặc UTF-16?)", f"dòng {line}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise refuse(
            "tệp không được mã hóa UTF-8 (hãy lưu lại với mã hóa UTF-8)", f"dòng {line}"
        ) from None
