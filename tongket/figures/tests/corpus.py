"""A corpus of hostile figure files, built in code (nothing binary is committed).

Each entry: file name → (bytes, a fragment the refusal message must contain). The world of
tongket.core.testing knows indicators GRDP_PC and GRDP_GROWTH and areas VN and HP.
"""

from __future__ import annotations

import functools
import io
import json
import zipfile

from tongket.figures.formats import xlsx

HEADER = "indicator,area,period,value,comment\n"
GOOD = "GRDP_PC,HP,2018,4000,\n"


def _workbook(rows=None, meta=None) -> bytes:
    buffer = io.BytesIO()
    xlsx.write(
        buffer,
        rows or [("GRDP_PC", "GRDP", "USD", "HP", "Hải Phòng", "2018", 4000.0, "official", "", "")],
        meta=meta or {},
    )
    return buffer.getvalue()


def _rezip(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(
                item.filename, (replace or {}).get(item.filename, source.read(item.filename))
            )
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _bomb(size: int, ratio_only: bool) -> bytes:
    """A valid-looking xlsx with one huge, highly compressible member."""
    base = _workbook()
    out = io.BytesIO(base)
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        target.open("xl/media/padding.bin", "w", force_zip64=True) as member,
    ):
        chunk = b"\0" * (1 << 20)
        for _ in range(size // len(chunk)):
            member.write(chunk)
    return out.getvalue()


def _far_cell() -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(xlsx.DATA_SHEET)
    for column, title in enumerate(xlsx.HEADERS):
        sheet.write_string(0, column, title)
    sheet.write_number(1048575, 16383, 1)
    book.close()
    return buffer.getvalue()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
)


@functools.cache
def corpus(include_huge: bool = True) -> dict[str, tuple[bytes, str]]:
    """Every hostile file with the words its refusal must contain."""
    workbook = _workbook()
    files = {
        "unknown-indicator.csv": ((HEADER + "KHONG_CO,HP,2018,1,\n").encode(), "chỉ số 'KHONG_CO'"),
        "unknown-area.csv": ((HEADER + "GRDP_PC,XX,2018,1,\n").encode(), "địa bàn 'XX'"),
        "unknown-period.csv": ((HEADER + "GRDP_PC,HP,2018Q5,1,\n").encode(), "kỳ '2018Q5'"),
        "not-a-number.csv": ((HEADER + "GRDP_PC,HP,2018,mười hai,\n").encode(), "dòng 2"),
        "thousands.csv": ((HEADER + "GRDP_PC,HP,2018,1.234.5,\n").encode(), "dòng 2"),
        "thousands-semicolon.csv": (
            b"indicator;area;period;value;comment\nGRDP_PC;HP;2018;1.234,5;\n",
            "phân cách hàng nghìn",
        ),
        "duplicate-key.csv": ((HEADER + GOOD + "GRDP_PC,HP,2018,4001,\n").encode(), "trùng khóa"),
        "nul-bytes.csv": ((HEADER + GOOD).encode() + b"\x00\x00", "NUL"),
        "utf16.csv": ((HEADER + GOOD).encode("utf-16"), "NUL"),
        "windows-1258.csv": (
            (HEADER + "GRDP_PC,HP,2018,4000,Đâu\n").encode("cp1258"),
            "UTF-8",
        ),
        "no-header.csv": (GOOD.encode(), "thiếu cột"),
        "empty.csv": (b"", "rỗng"),
        "infinite.csv": ((HEADER + "GRDP_PC,HP,2018,inf,\n").encode(), "không phải là số"),
        "nan.csv": ((HEADER + "GRDP_PC,HP,2018,NaN,\n").encode(), "không phải là số"),
        "5000-digits.csv": (
            (HEADER + "GRDP_PC,HP,2018," + "9" * 5000 + ",\n").encode(),
            "5000 ký tự",
        ),
        "16-digits.csv": ((HEADER + "GRDP_PC,HP,2018,1234567890.1234567,\n").encode(), "15 chữ số"),
        "exponent.csv": ((HEADER + "GRDP_PC,HP,2018,1e308,\n").encode(), "không phải là số"),
        "999-good-1-bad.csv": (
            (
                HEADER
                + "".join(f"GRDP_PC,HP,{1901 + i // 4}Q{i % 4 + 1},{i},\n" for i in range(999))
                + "GRDP_PC,HP,2199,abc,\n"
            ).encode(),
            "dòng 1001",
        ),
        "ragged.csv": ((HEADER + "GRDP_PC,HP,2018\n").encode(), "có 3 cột"),
        "bad-quote.csv": ((HEADER + 'GRDP_PC,HP,2018,4000,"unterminated\n').encode(), "dòng"),
        "dhis2-category-combo.json": (
            json.dumps(
                {
                    "dataValues": [
                        {
                            "dataElement": "GRDP_PC",
                            "period": "2018",
                            "orgUnit": "HP",
                            "categoryOptionCombo": "MALE",
                            "value": "1",
                        }
                    ]
                }
            ).encode(),
            "tổ hợp danh mục",
        ),
        "dhis2-nan.json": (
            b'{"dataValues": [{"dataElement": "GRDP_PC", "period": "2018", "orgUnit": "HP", "value": NaN}]}',
            "NaN",
        ),
        "dhis2-deep.json": (b'{"dataValues": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "JSON"),
        "dhis2-not-object.json": (b"[1, 2, 3]", "dataValues"),
        "dhis2-attribute-combo.csv": (
            b"dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
            b"GRDP_PC,2018,HP,default,FUND_A,1\n",
            "mặc định",
        ),
        "sdmx-bad-value.csv": (
            b"DATAFLOW,INDICATOR,AREA,TIME_PERIOD,OBS_VALUE,COMMENT\nX,GRDP_PC,HP,2018,1;5,\n",
            "OBS_VALUE",
        ),
        "truncated.xlsx": (workbook[: len(workbook) // 2], "xlsx"),
        "fake.xlsx": (b"PK\x03\x04 this is not really a zip file", "xlsx"),
        "text-named.xlsx": ((HEADER + GOOD).encode(), "xlsx"),
        "entities.xlsx": (_rezip(workbook, add={"xl/sharedStrings2.xml": LAUGHS}), "DTD"),
        "doctype-workbook.xlsx": (
            _rezip(
                workbook,
                replace={
                    "xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://evil/x.dtd"><workbook/>'
                },
            ),
            "DTD",
        ),
        "far-cell.xlsx": (_far_cell(), "vùng quá lớn"),
        "no-data-sheet.xlsx": (
            _rezip(
                workbook,
                replace={
                    "xl/workbook.xml": zipfile.ZipFile(io.BytesIO(workbook))
                    .read("xl/workbook.xml")
                    .replace("Số liệu".encode(), b"Other")
                },
            ),
            "Số liệu",
        ),
        "bad-cell.xlsx": (
            _workbook(
                [("GRDP_PC", "GRDP", "USD", "HP", "Hải Phòng", "2018", None, "official", "", "")]
            ),
            "",
        ),
        "ratio-bomb.xlsx": (_bomb(30 << 20, True), "bom nén"),
    }
    if include_huge:
        files["size-bomb.xlsx"] = (_bomb(201 << 20, False), "200 MB")
    # A workbook whose one value cell holds text that is not a number.
    book = io.BytesIO(files.pop("bad-cell.xlsx")[0])
    import openpyxl

    opened = openpyxl.load_workbook(book)
    opened[xlsx.DATA_SHEET]["G2"] = "mười hai"
    out = io.BytesIO()
    opened.save(out)
    files["text-in-number-cell.xlsx"] = (
        out.getvalue(),
        "Sheet 'Số liệu', ô G2: 'mười hai' không phải là số",
    )
    return files
