"""Properties of the pure format helpers, for any input hypothesis finds."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from tongket.figures.formats import ExportRow, FileRefused, read_file, tcsv
from tongket.figures.formats.rows import escape_text, format_plain, plain_number, unescape_text

numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14).map(
    lambda x: float(f"{x:.6g}")
)


@given(numbers)
def test_a_written_number_reads_back_the_same(value):
    assert plain_number(format_plain(value)) == value


@given(st.text(max_size=50))
def test_formula_escaping_is_undone_exactly(text):
    escaped = escape_text(text)
    assert unescape_text(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(numbers, st.text(max_size=20).filter(lambda t: "\x00" not in t)),
        min_size=1,
        max_size=20,
    )
)
def test_tongket_csv_round_trips_values_and_comments(items):
    rows = [
        ExportRow("I", "n", "u", "HP", "h", str(2000 + i), value, "official", comment, "")
        for i, (value, comment) in enumerate(items)
    ]
    out = io.StringIO()
    tcsv.write(rows, out)
    parsed = read_file("x.csv", out.getvalue().encode()).rows
    assert [(r.value, r.comment) for r in parsed] == [(r.value, r.comment) for r in rows]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_never_crash(data):
    try:
        read_file("x.csv", data)
    except FileRefused as refused:
        assert refused.problems


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(numbers, st.text(max_size=20)), min_size=1, max_size=10))
def test_the_workbook_round_trips_values_and_comments(items):
    from tongket.figures.formats import xlsx

    rows = [
        ExportRow("I", "n", "u", "HP", "h", str(2000 + i), value, "official", comment, "")
        for i, (value, comment) in enumerate(items)
    ]
    out = io.BytesIO()
    xlsx.write(out, rows, meta={}, values_editable=False)
    parsed = read_file("x.xlsx", out.getvalue()).rows
    assert [(r.value, r.comment) for r in parsed] == [(r.value, r.comment) for r in rows]
