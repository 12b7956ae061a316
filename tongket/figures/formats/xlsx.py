"""The Tongket workbook: written with xlsxwriter, read with python-calamine after safety checks.

Sheets: "Hướng dẫn" (instructions in Vietnamese), "Số liệu" (one row per figure: labels locked, values,
basis, comment and citation to fill, numeric validation) and a hidden "_tongket" sheet identifying the
request, its version and the template's bounds. Only cells inside those bounds are read.

Before calamine sees a file, `check_package` refuses zip bombs (declared size over 200 MB, or a
compression ratio over 100:1), fake or truncated packages and XML with a DTD or entities (defusedxml).
Pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
import xlsxwriter
from defusedxml import DefusedXmlException

from tongket.core.numbers import NumberFormatError, parse_vn_number
from tongket.core.text import fold
from tongket.figures.formats.rows import (
    BASES,
    ExportRow,
    FigureRow,
    Problems,
    escape_text,
    finite_number,
    refuse,
    unescape_text,
)

FORMAT_TAG = "tongket-workbook/1"
DATA_SHEET = "Số liệu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_tongket"
MAX_UNCOMPRESSED = 200_000_000
MAX_RATIO = 100
MAX_MEMBERS = 5_000
MAX_ROWS = 1_048_576
# calamine builds a dense grid spanning the furthest cell of a sheet: one cell at XFD1048576 would ask
# for hundreds of GB and abort the process. Sheets spanning more cells than this are refused first.
MAX_CELLS = 5_000_000
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
HEADERS = (
    "Mã chỉ số",
    "Chỉ số",
    "Đơn vị",
    "Mã địa bàn",
    "Địa bàn",
    "Kỳ",
    "Giá trị",
    "Mức độ",
    "Ghi chú",
    "Nguồn",
)
COLUMNS = "ABCDEFGHIJ"
BASIS_LABELS = {"estimate": "ước tính", "preliminary": "sơ bộ", "official": "chính thức"}
_LABEL_TO_BASIS = {fold(label): code for code, label in BASIS_LABELS.items()} | {
    b: b for b in BASES
}
_NUMBER_AND_UNIT = re.compile(r"^\s*([-+]?[\d.,\s\u00a0]*\d)\s*(\S.*?)?\s*$")

DEFAULT_INSTRUCTIONS = (
    "Hướng dẫn điền số liệu",
    "1. Chỉ điền vào các cột Giá trị, Mức độ, Ghi chú và Nguồn của sheet 'Số liệu'; các cột khác đã khóa.",
    "2. Ghi số theo cách Việt Nam: dấu phẩy là dấu thập phân (12,5), dấu chấm phân cách hàng nghìn (1.234,5); "
    "hoặc nhập ô kiểu số của Excel.",
    "3. Mức độ: ước tính, sơ bộ hoặc chính thức (bỏ trống là chính thức).",
    "4. Không thêm dòng, không đổi thứ tự, không đổi tên sheet. Số liệu đã có được điền sẵn.",
    "5. Tải tệp lên Tongket: hệ thống hiển thị trước các thay đổi (mới, sửa, không đổi, lỗi) để bạn xác nhận.",
)


@dataclass
class Workbook:
    """What a workbook says: its metadata (request, version, rows) and its figures."""

    meta: dict[str, str] = field(default_factory=dict)
    rows: list[FigureRow] = field(default_factory=list)


def cell_name(row: int, column: int) -> str:
    """`G12` for row 12 (1-based) and column 6 (0-based)."""
    return f"{COLUMNS[column]}{row}"


def check_package(data: bytes) -> None:
    """Refuse fake, truncated or hostile xlsx packages before any parser reads them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse(
            "tệp không phải là tệp Excel (.xlsx) hợp lệ: hỏng, bị cắt hoặc sai định dạng"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise refuse(f"tệp Excel có quá nhiều phần ({len(members)})")
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise refuse("tệp không phải là tệp Excel (.xlsx): thiếu phần workbook")
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise refuse(
                f"tệp Excel khai báo {total // 1_000_000} MB khi giải nén, vượt giới hạn "
                f"{MAX_UNCOMPRESSED // 1_000_000} MB (nghi ngờ bom nén)"
            )
        for member in members:
            if member.file_size > 1_000_000 and member.file_size > MAX_RATIO * max(
                member.compress_size, 1
            ):
                raise refuse(
                    f"phần '{member.filename[:60]}' có tỷ lệ nén vượt {MAX_RATIO}:1 (nghi ngờ bom nén)"
                )
        if total > 1_000_000 and total > MAX_RATIO * max(packed, 1):
            raise refuse(f"tệp Excel có tỷ lệ nén vượt {MAX_RATIO}:1 (nghi ngờ bom nén)")
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                _check_xml_part(archive, member)


def _check_xml_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Stream the part (never more than declared) and refuse DTDs and entity declarations."""
    read = 0
    tail = b""
    small = member.file_size <= 2_000_000
    chunks: list[bytes] = []
    worksheet = member.filename.startswith("xl/worksheets/")
    max_row = max_col = 0
    try:
        with archive.open(member) as stream:
            while True:
                chunk = stream.read(1 << 20)
                if not chunk:
                    break
                read += len(chunk)
                if read > member.file_size:
                    raise refuse(f"phần '{member.filename[:60]}' lớn hơn kích thước khai báo")
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise refuse(
                        f"phần '{member.filename[:60]}' chứa khai báo DTD hoặc thực thể XML (không được phép)"
                    )
                if worksheet:
                    for match in _CELL_REF.finditer(window):
                        max_col = max(max_col, _column_number(match.group(1)))
                        max_row = max(max_row, int(match.group(2)))
                    if max_row * max_col > MAX_CELLS:
                        raise refuse(
                            f"phần '{member.filename[:60]}' trải trên vùng quá lớn (đến ô "
                            f"{_column_letters(max_col)}{max_row}); chỉ đọc được mẫu của Tongket"
                        )
                tail = chunk[-40:]
                if small:
                    chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise refuse(f"phần '{member.filename[:60]}' của tệp Excel bị hỏng hoặc bị cắt") from None
    except ValueError as exc:
        raise refuse(f"phần '{member.filename[:60]}' của tệp Excel bị hỏng ({exc})") from None
    if small and chunks:
        try:
            SafeET.fromstring(b"".join(chunks))
        except DefusedXmlException:
            raise refuse(
                f"phần '{member.filename[:60]}' chứa cấu trúc XML không được phép"
            ) from None
        except SafeET.ParseError:
            raise refuse(f"phần '{member.filename[:60]}' không phải XML hợp lệ") from None


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + (ch - 64)
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write(
    out,
    rows: Sequence[ExportRow | tuple],
    *,
    meta: dict[str, str],
    instructions: Iterable[str] = DEFAULT_INSTRUCTIONS,
    values_editable: bool = True,
) -> None:
    """Write a Tongket workbook: rows whose value is None are left to fill."""
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1, "locked": True})
    locked = book.add_format({"locked": True, "bg_color": "#F2F2F2"})
    editable = book.add_format({"locked": False, "bg_color": "#FFFFE0"})
    number = book.add_format(
        {"locked": False, "bg_color": "#FFFFE0", "num_format": "#,##0.########"}
    )

    help_sheet = book.add_worksheet(HELP_SHEET)
    help_sheet.set_column(0, 0, 120)
    for index, line in enumerate(instructions):
        help_sheet.write_string(index, 0, line, bold if index == 0 else None)

    sheet = book.add_worksheet(DATA_SHEET)
    widths = (14, 40, 10, 12, 24, 9, 16, 12, 30, 30)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    for column, title in enumerate(HEADERS):
        sheet.write_string(0, column, title, bold)
    for index, row in enumerate(rows, start=1):
        indicator, name, unit, area, area_name, period, value, basis, comment, citation = row
        sheet.write_string(index, 0, indicator, locked)
        sheet.write_string(index, 1, escape_text(name), locked)
        sheet.write_string(index, 2, unit, locked)
        sheet.write_string(index, 3, area, locked)
        sheet.write_string(index, 4, escape_text(area_name), locked)
        sheet.write_string(index, 5, period, locked)
        if value is None:
            sheet.write_blank(index, 6, None, number)
        else:
            sheet.write_number(index, 6, value, number)
        sheet.write_string(index, 7, BASIS_LABELS.get(basis, basis or ""), editable)
        sheet.write_string(index, 8, escape_text(comment or ""), editable)
        sheet.write_string(index, 9, escape_text(citation or ""), editable)
    last = max(len(rows), 1)
    sheet.data_validation(
        1, 6, last, 6,
        {"validate": "decimal", "criteria": "between", "minimum": -1e15, "maximum": 1e15,
         "error_title": "Giá trị không hợp lệ", "error_message": "Hãy nhập một số."},
    )  # fmt: skip
    sheet.data_validation(
        1, 7, last, 7, {"validate": "list", "source": list(BASIS_LABELS.values())}
    )
    sheet.freeze_panes(1, 0)
    if values_editable:
        sheet.protect("", {"format_columns": True, "autofilter": True, "sort": False})
    meta_sheet = book.add_worksheet(META_SHEET)
    full_meta = {"format": FORMAT_TAG, "rows": str(len(rows)), **meta}
    for index, (key, value) in enumerate(full_meta.items()):
        meta_sheet.write_string(index, 0, key)
        meta_sheet.write_string(index, 1, str(value))
    meta_sheet.hide()
    sheet.activate()
    book.close()


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_value(value: object, unit: str, where: str, problems: Problems) -> float | None:
    """A value cell: numbers as they are; text the Vietnamese way, with the indicator's unit allowed."""
    if value is None or value == "":
        return None
    if isinstance(value, (bool, dt.date | dt.datetime | dt.time | dt.timedelta)):
        problems.add(where, f"'{value}' không phải là số")
        return None
    if isinstance(value, int | float):
        try:
            return finite_number(value)
        except ValueError as exc:
            problems.add(where, str(exc))
            return None
    text = str(value).strip()
    if not text:
        return None
    match = _NUMBER_AND_UNIT.match(text) if len(text) <= 60 else None
    if match and match.group(2):
        suffix = match.group(2)
        if fold(suffix).strip() != fold(unit).strip() or not unit:
            if re.search(r"\d", suffix) is None:
                expected = f"({unit})" if unit else "(chỉ số không có đơn vị)"
                problems.add(
                    where, f"'{text}': đơn vị '{suffix}' không phải đơn vị của chỉ số {expected}"
                )
                return None
        else:
            text = match.group(1)
    try:
        return float(parse_vn_number(text))
    except NumberFormatError as exc:
        problems.add(where, str(exc))
        return None


def read(data: bytes, *, units: dict[str, str] | None = None) -> Workbook:
    """Read a Tongket workbook; every refused cell is named by sheet and cell."""
    check_package(data)
    import python_calamine

    try:
        book = python_calamine.load_workbook(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except (
        BaseException
    ) as exc:  # calamine's errors, and pyo3 panics (BaseException), on damaged files
        raise refuse(f"không đọc được tệp Excel ({type(exc).__name__})") from None
    names = book.sheet_names
    if DATA_SHEET not in names:
        raise refuse(f"không có sheet '{DATA_SHEET}' (hãy dùng mẫu tải về từ Tongket)")
    meta: dict[str, str] = {}
    try:
        if META_SHEET in names:
            for record in book.get_sheet_by_name(META_SHEET).to_python(nrows=50):
                if len(record) >= 2 and record[0]:
                    meta[str(record[0])[:40]] = _text_cell(record[1])[:200]
        declared = int(meta.get("rows", MAX_ROWS))
        bound = max(0, min(declared, MAX_ROWS - 1))
        records = book.get_sheet_by_name(DATA_SHEET).to_python(
            skip_empty_area=False, nrows=bound + 1
        )
    except ValueError:
        raise refuse(f"sheet '{META_SHEET}' bị sửa: số dòng không hợp lệ") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # see above
        raise refuse(f"không đọc được sheet '{DATA_SHEET}' ({type(exc).__name__})") from None
    if meta and meta.get("format") != FORMAT_TAG:
        raise refuse(f"sheet '{META_SHEET}' không phải của mẫu Tongket ({FORMAT_TAG})")
    prefix = f"Sheet '{DATA_SHEET}', ô "
    problems = Problems()
    rows: list[FigureRow] = []
    if not records or [_text_cell(c) for c in records[0][:6]] != list(HEADERS[:6]):
        raise refuse("dòng tiêu đề đã bị sửa (hãy dùng mẫu tải về từ Tongket)", prefix + "A1")
    for number, record in enumerate(records[1 : bound + 1], start=2):
        cells = list(record[:10]) + [None] * (10 - min(len(record), 10))
        indicator, area, period = _text_cell(cells[0]), _text_cell(cells[3]), _text_cell(cells[5])
        if not (indicator or area or period):
            continue
        unit = (units or {}).get(indicator, _text_cell(cells[2]))
        value = _read_value(cells[6], unit, prefix + cell_name(number, 6), problems)
        if value is None:
            continue
        basis_text = _text_cell(cells[7])
        basis = _LABEL_TO_BASIS.get(fold(basis_text), None) if basis_text else "official"
        if basis is None:
            problems.add(
                prefix + cell_name(number, 7),
                f"mức độ '{basis_text[:30]}' không hợp lệ (ước tính, sơ bộ, chính thức)",
            )
            continue
        comment = unescape_text(cells[8] if isinstance(cells[8], str) else _text_cell(cells[8]))
        citation = unescape_text(cells[9] if isinstance(cells[9], str) else _text_cell(cells[9]))
        rows.append(
            FigureRow(
                indicator,
                area,
                period,
                value,
                basis,
                comment,
                citation,
                None,
                None,
                prefix + cell_name(number, 6),
            )
        )
    problems.raise_if_any()
    return Workbook(meta=meta, rows=rows)
