"""Figure files: Tongket CSV and workbook, DHIS2 dataValueSets (JSON, CSV), SDMX-CSV.

Pure Python (no Django): each reader turns bytes into `FigureRow`s or raises `FileRefused` listing every
problem with its place; each writer turns `ExportRow`s into a file. `read_file` picks the reader.
"""

from __future__ import annotations

from tongket.figures.formats import dhis2, sdmx, tcsv, xlsx
from tongket.figures.formats.rows import (
    DEFAULT_MAX_BYTES,
    ExportRow,
    FigureRow,
    FileRefused,
    Problem,
    check_size,
    refuse,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ExportRow",
    "FigureRow",
    "FileRefused",
    "ParsedFile",
    "Problem",
    "check_size",
    "detect",
    "read_file",
]  # fmt: skip

FORMATS = ("csv", "xlsx", "dhis2-json", "dhis2-csv", "sdmx-csv")


class ParsedFile:
    """The rows of a file, the format they were read as, and the workbook's metadata if any."""

    def __init__(self, kind: str, rows: list[FigureRow], meta: dict[str, str] | None = None):
        self.kind = kind
        self.rows = rows
        self.meta = meta or {}


def detect(name: str, data: bytes) -> str:
    """The format of a file, from its first bytes (the name only breaks ties)."""
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return "xlsx"
    start = data[:4096].decode("utf-8", errors="replace")
    if dhis2.looks_like_json(start) or name.lower().endswith(".json"):
        return "dhis2-json"
    if sdmx.looks_like(start):
        return "sdmx-csv"
    if dhis2.looks_like_csv(start):
        return "dhis2-csv"
    return "csv"


def read_file(
    name: str,
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    units: dict[str, str] | None = None,
) -> ParsedFile:
    """Read any supported figure file, or raise FileRefused naming every problem."""
    check_size(len(data), max_bytes)
    if not data.strip():
        raise refuse("tệp rỗng")
    kind = detect(name, data)
    if kind == "xlsx":
        book = xlsx.read(data, units=units)
        if not book.rows:
            raise refuse(f"sheet '{xlsx.DATA_SHEET}' không có giá trị nào được điền")
        return ParsedFile(kind, book.rows, book.meta)
    readers = {
        "dhis2-json": dhis2.read_json,
        "sdmx-csv": sdmx.read,
        "dhis2-csv": dhis2.read_csv,
        "csv": tcsv.read,
    }
    return ParsedFile(kind, readers[kind](data))
