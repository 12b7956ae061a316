"""SDMX-CSV with the header `DATAFLOW,INDICATOR,AREA,TIME_PERIOD,OBS_VALUE,COMMENT`.

Like DHIS2 it has no column for the basis: its files carry official figures. Pure Python.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from tongket.figures.formats.rows import (
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

HEADER = ("DATAFLOW", "INDICATOR", "AREA", "TIME_PERIOD", "OBS_VALUE", "COMMENT")


def looks_like(start: str) -> bool:
    """Whether a CSV text starts with the SDMX-CSV header."""
    return start.lstrip("\ufeff").upper().startswith("DATAFLOW,")


def dataflow_for(resolution_code: str) -> str:
    """The dataflow id written in the first column (`TONGKET:NQ_32-NQ_TW(1.0)`)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in resolution_code)
    return f"TONGKET:NQ_{safe}(1.0)"


def read(data: bytes) -> list[FigureRow]:
    """Read SDMX-CSV or refuse it naming each row."""
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().upper() for h in next(reader)]
    except (csv.Error, StopIteration):
        raise refuse("thiếu dòng tiêu đề " + ",".join(HEADER), "dòng 1") from None
    if tuple(header[:5]) != HEADER[:5] or any(h not in HEADER for h in header):
        raise refuse("tiêu đề phải là " + ",".join(HEADER), "dòng 1")
    col = {name: header.index(name) for name in header}
    problems = Problems()
    rows: list[FigureRow] = []
    try:
        for record in reader:
            where = f"dòng {reader.line_num}"
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            if len(record) != len(header):
                problems.add(where, f"có {len(record)} cột, cần {len(header)}")
                continue
            try:
                value = plain_number(record[col["OBS_VALUE"]])
            except ValueError as exc:
                problems.add(where, f"cột OBS_VALUE: {exc}")
                continue
            comment = unescape_text(record[col["COMMENT"]]) if "COMMENT" in col else ""
            rows.append(
                FigureRow(
                    record[col["INDICATOR"]].strip(),
                    record[col["AREA"]].strip(),
                    record[col["TIME_PERIOD"]].strip(),
                    value,
                    "official",
                    comment,
                    None,
                    None,
                    None,
                    where,
                )
            )
    except csv.Error as exc:
        problems.add(f"dòng {reader.line_num}", f"CSV không hợp lệ ({exc})")
    problems.raise_if_any()
    if not rows:
        raise refuse("tệp không có dòng số liệu nào", "dòng 2")
    return rows


def write(rows: Iterable[ExportRow], out: io.TextIOBase, dataflow: str) -> None:
    """Write SDMX-CSV of the official figures."""
    writer = csv.writer(
        out, lineterminator="\r\n"
    )  # RFC 4180; also makes the writer quote a lone \r
    writer.writerow(HEADER)
    for row in rows:
        if row.basis == "official":
            writer.writerow(
                (
                    dataflow,
                    row.indicator,
                    row.area,
                    row.period,
                    format_plain(row.value),
                    escape_text(row.comment),
                )
            )
