"""The pure file formats: reading, writing, refusing (no database)."""

from __future__ import annotations

import io
import json
import time

import pytest

from tongket.figures.formats import ExportRow, FileRefused, dhis2, read_file, sdmx, tcsv, xlsx
from tongket.figures.formats.rows import escape_text, format_plain, plain_number, unescape_text
from tongket.figures.tests.corpus import corpus

ROWS = [
    ExportRow(
        "GRDP_PC",
        "GRDP bình quân",
        "USD",
        "HP",
        "Hải Phòng",
        "2017",
        3694.0,
        "official",
        "=1+1",
        "@nguồn",
    ),
    ExportRow(
        "GRDP_PC", "GRDP bình quân", "USD", "HP", "Hải Phòng", "2018", 4012.5, "preliminary", "", ""
    ),
    ExportRow(
        "GRDP_GROWTH",
        "Tăng trưởng",
        "%",
        "HP",
        "Hải Phòng",
        "2018Q3",
        -0.25,
        "official",
        "-giảm",
        "",
    ),
]


def test_a_comma_csv_reads_plain_numbers_with_a_dot():
    rows = tcsv.read(
        b"\xef\xbb\xbfindicator,area,period,value,comment\nGRDP_PC,HP,2018,4012.5,ok\n"
    )
    assert rows[0].value == 4012.5 and rows[0].comment == "ok" and rows[0].where == "dòng 2"


def test_a_semicolon_csv_reads_a_comma_as_the_decimal_mark():
    rows = tcsv.read(
        b"indicator;area;period;value;comment;basis\nGRDP_PC;HP;2018;12,5;;preliminary\n"
    )
    assert (rows[0].value, rows[0].basis) == (12.5, "preliminary")


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [("12", ".", 12.0), ("-3.25", ".", -3.25), ("12,5", ",", 12.5), ("0", ".", 0.0)],
)
def test_plain_numbers_are_read(text, mark, expected):
    assert plain_number(text, mark) == expected


@pytest.mark.parametrize("text", ["1.234.567", "1.234,5", "1 234", "1e5", "inf", "", "12.5"])
def test_anything_else_is_refused_when_the_mark_is_a_comma(text):
    with pytest.raises(ValueError):
        plain_number(text, ",")


def test_formula_escaping_round_trips():
    for text in ["=1+1", "+84", "-giảm", "@x", "\tx", "\rx", "'=a", "bình thường", "'quoted"]:
        assert unescape_text(escape_text(text)) == text
    assert escape_text("=1+1") == "'=1+1"


def test_numbers_are_written_plain():
    assert [format_plain(v) for v in (3694.0, 6.4, -0.25, 1e-7, 0.0)] == [
        "3694",
        "6.4",
        "-0.25",
        "0.0000001",
        "0",
    ]


@pytest.mark.parametrize("fmt", ["csv", "dhis2-json", "dhis2-csv", "sdmx-csv", "xlsx"])
def test_every_export_reads_back_the_same_figures(fmt):
    buffer = io.BytesIO()
    if fmt == "xlsx":
        xlsx.write(buffer, ROWS, meta={}, values_editable=False)
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        {"csv": lambda: tcsv.write(ROWS, text), "dhis2-json": lambda: dhis2.write_json(ROWS, text),
         "dhis2-csv": lambda: dhis2.write_csv(ROWS, text),
         "sdmx-csv": lambda: sdmx.write(ROWS, text, "TONGKET:X(1.0)")}[fmt]()  # fmt: skip
        text.flush()
        text.detach()
    parsed = read_file(
        f"x.{'xlsx' if fmt == 'xlsx' else 'json' if 'json' in fmt else 'csv'}", buffer.getvalue()
    )
    expected = ROWS if fmt in ("csv", "xlsx") else [r for r in ROWS if r.basis == "official"]
    assert [(r.indicator, r.area, r.period, r.value, r.basis, r.comment) for r in parsed.rows] == [
        (r.indicator, r.area, r.period, r.value, r.basis, r.comment) for r in expected
    ]


def test_dhis2_json_takes_codes_and_the_default_combo():
    data = json.dumps({"dataSet": "X", "period": "2018", "dataValues": [
        {"dataElement": "GRDP_PC", "orgUnit": "HP", "value": "4000", "categoryOptionCombo": "HllvX50cXC0"},
        {"dataElement": "GRDP_PC", "orgUnit": "HP", "period": "2019", "value": 4100, "comment": "sơ bộ"},
    ]}).encode()  # fmt: skip
    rows = read_file("dvs.json", data).rows
    assert [(r.period, r.value, r.comment) for r in rows] == [
        ("2018", 4000.0, ""),
        ("2019", 4100.0, "sơ bộ"),
    ]
    assert rows[0].citation is None  # DHIS2 has no citation: the figure keeps its own


def test_the_workbook_reads_text_cells_the_vietnamese_way_and_accepts_the_indicators_unit():
    buffer = io.BytesIO()
    xlsx.write(buffer, [("A", "a", "%", "HP", "h", "2018", None, "official", "", "")] * 1, meta={})
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    for text, expected in (("1.234,5", 1234.5), ("12,5 %", 12.5), ("1.234", 1234.0)):
        book["Số liệu"]["G2"] = text
        out = io.BytesIO()
        book.save(out)
        assert xlsx.read(out.getvalue()).rows[0].value == expected
    book["Số liệu"]["G2"] = "1.5"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(FileRefused) as refused:
        xlsx.read(out.getvalue())
    assert str(refused.value.problems[0]).startswith("Sheet 'Số liệu', ô G2: '1.5' không rõ nghĩa")


def test_a_workbook_of_500_indicators_by_20_periods_is_written_in_under_two_seconds():
    rows = [
        (
            f"I{i}",
            f"Chỉ số {i}",
            "USD",
            "HP",
            "Hải Phòng",
            str(2000 + p),
            float(i * p),
            "official",
            "",
            "",
        )
        for i in range(500)
        for p in range(20)
    ]
    start = time.perf_counter()
    xlsx.write(io.BytesIO(), rows, meta={"request": "R"})
    assert time.perf_counter() - start < 2.0


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", sorted(corpus(include_huge=False)))
def test_every_hostile_file_is_refused_with_a_message_naming_the_place(name):
    data, fragment = corpus(include_huge=False)[name]
    try:
        parsed = read_file(name, data)
    except FileRefused as refused:
        assert fragment in " ".join(str(p) for p in refused.problems)
        return
    # Refused later by the import service (codes, periods, duplicates), which the command tests check.
    assert parsed.rows
