"""Tongket CSV: `indicator,area,period,value,comment` with optional `basis,citation` columns.

With `,` as separator values are plain numbers with `.` as the decimal mark (as DHIS2 and SDMX write
them); with `;` (what Excel writes on Vietnamese Windows) the decimal mark is `,`. Pure Python.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from tongket.figures.formats.rows import (
    BASES,
    ExportRow,
    FigureRow,
    Problems,
    decode_text,
    escape_text,
    format_plain,
    plain_number,
    refuse,
    unescape_text,
)

_FAST = {".": re.compile(r"-?\d+(?:\.\d+)?"), ",": re.compile(r"-?\d+(?:,\d+)?")}
REQUIRED = ("indicator", "area", "period", "value", "comment")
OPTIONAL = ("basis", "citation")
HEADER = (*REQUIRED, *OPTIONAL)
MAX_FIELD = 10_000


def looks_like(text_start: str) -> bool:
    """Whether the first line is a Tongket CSV header."""
    first = text_start.lstrip("\ufeff").split("\n", 1)[0].strip().lower()
    return first.startswith("indicator,") or first.startswith("indicator;")


def read(data: bytes) -> list[FigureRow]:
    """Read every row or refuse the file with the problems listed (row named, 1 = the header)."""
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise refuse("thiếu dòng tiêu đề (indicator,area,period,value,comment)", "dòng 1")
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    mark = "," if sep == ";" else "."
    csv.field_size_limit(MAX_FIELD * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise refuse(f"không đọc được dòng tiêu đề ({exc})", "dòng 1") from None
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in HEADER]
    if missing or unknown or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append("thiếu cột " + ", ".join(missing))
        if unknown:
            parts.append("cột lạ " + ", ".join(h[:30] for h in unknown[:5]))
        if len(set(header)) != len(header):
            parts.append("cột bị lặp")
        raise refuse(
            "; ".join(parts) + f" (cần: {sep.join(REQUIRED)}, tùy chọn: {sep.join(OPTIONAL)})",
            "dòng 1",
        )
    index = {name: header.index(name) for name in header}
    i_ind, i_area, i_per, i_val, i_com = (index[n] for n in REQUIRED)
    i_basis = index.get("basis")
    i_cit = index.get("citation")
    width = len(header)
    problems = Problems()
    rows: list[FigureRow] = []
    append = rows.append
    # Bound once: this loop runs millions of times on bulk loads.
    fullmatch = _FAST[mark].fullmatch
    new_row = tuple.__new__
    bases = frozenset(BASES)
    line = 1
    try:
        for record in reader:
            line = reader.line_num
            if len(record) != width:
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue  # blank line
                problems.add(f"dòng {line}", f"có {len(record)} cột, cần {width}")
                continue
            where = f"dòng {line}"
            raw = record[i_val]
            if len(raw) <= 16 and fullmatch(raw):
                value = float(raw) if mark == "." else float(raw.replace(",", "."))
            else:
                try:
                    value = plain_number(raw, mark)
                except ValueError as exc:
                    problems.add(where, f"cột value: {exc}")
                    continue
            if i_basis is None:
                basis = "official"
            else:
                basis = record[i_basis].strip() or "official"
                if basis not in bases:
                    problems.add(where, f"mức độ '{basis[:30]}' không hợp lệ ({', '.join(BASES)})")
                    continue
            comment = record[i_com]
            if comment:
                if len(comment) > MAX_FIELD:
                    problems.add(where, f"ghi chú dài quá {MAX_FIELD} ký tự")
                    continue
                comment = unescape_text(comment)
            citation = None
            if i_cit is not None:
                citation = record[i_cit]
                if citation:
                    citation = unescape_text(citation)
            append(
                new_row(
                    FigureRow,
                    (
                        record[i_ind].strip(),
                        record[i_area].strip(),
                        record[i_per].strip(),
                        value,
                        basis,
                        comment,
                        citation,
                        None,
                        None,
                        where,
                    ),
                )
            )
    except csv.Error as exc:
        problems.add(f"dòng {reader.line_num or line}", f"CSV không hợp lệ ({exc})")
    problems.raise_if_any()
    if not rows:
        raise refuse("tệp không có dòng số liệu nào", "dòng 2")
    return rows


def write(rows: Iterable[ExportRow], out: io.TextIOBase) -> None:
    """Write Tongket CSV with `,` (plain numbers, `.` decimal mark); text columns formula-escaped."""
    writer = csv.writer(
        out, lineterminator="\r\n"
    )  # RFC 4180; also makes the writer quote a lone \r
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            (
                row.indicator,
                row.area,
                row.period,
                format_plain(row.value),
                escape_text(row.comment),
                row.basis,
                escape_text(row.citation),
            )
        )
