"""Reading a resolution's text from .txt, .docx and standard input, and refusing bad input."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tongket.extraction.reading import SourceError, read_bytes, read_source


def test_it_reads_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("Tỷ lệ hộ nghèo dưới 1%.", encoding="utf-8")
    assert read_source(str(path)) == "Tỷ lệ hộ nghèo dưới 1%."


def test_it_drops_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Đạt 5%".encode())
    assert read_source(str(path)) == "Đạt 5%"


def test_it_refuses_text_that_is_not_utf8_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    good = "Dòng một\nTỷ lệ".encode()
    path.write_bytes(good + b" \xe9 " + b"5%")
    with pytest.raises(SourceError) as error:
        read_source(str(path))
    message = str(error.value)
    assert "UTF-8" in message
    assert f"vị trí {len(good) + 1}" in message
    assert "dòng 2" in message


def test_it_refuses_binary_data_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_bytes(b"abc\x00def")
    with pytest.raises(SourceError, match=r"nhị phân.*vị trí 3"):
        read_source(str(path))


def test_it_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text("x" * 101, encoding="utf-8")
    with pytest.raises(SourceError, match="quá lớn"):
        read_source(str(path), max_bytes=100)
    assert read_source(str(path), max_bytes=101) == "x" * 101


def test_the_default_limit_is_20_million_bytes() -> None:
    assert read_source.__defaults__ == (20_000_000,)


def test_it_refuses_a_missing_file() -> None:
    with pytest.raises(SourceError, match="Không tìm thấy tệp"):
        read_source("/khong/co/tep/nay.txt")


def test_it_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="thư mục"):
        read_source(str(tmp_path))


def test_it_refuses_a_fake_docx(tmp_path: Path) -> None:
    path = tmp_path / "nq.docx"
    path.write_text("Tôi không phải tệp Word", encoding="utf-8")
    with pytest.raises(SourceError, match=r"không phải tệp \.docx hợp lệ"):
        read_source(str(path))


def test_it_refuses_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    path = tmp_path / "nq.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match=r"không phải tệp \.docx hợp lệ"):
        read_source(str(path))


def test_it_refuses_a_truncated_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Tỷ lệ hộ nghèo dưới 1%.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "nq.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(SourceError, match=r"không phải tệp \.docx hợp lệ"):
        read_source(str(path))


def test_it_reads_a_real_docx_paragraphs_and_table_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Đến năm 2025, GRDP bình quân/người đạt 14.740 USD.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Tỷ lệ hộ nghèo dưới 1%"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Ô gộp"
    document.add_paragraph("Kết thúc.")
    path = tmp_path / "nq.docx"
    document.save(str(path))
    text = read_source(str(path))
    assert text.splitlines() == [
        "Đến năm 2025, GRDP bình quân/người đạt 14.740 USD.",
        "Chỉ tiêu",
        "Tỷ lệ hộ nghèo dưới 1%",
        "Ô gộp",
        "Kết thúc.",
    ]


def test_it_reads_standard_input_for_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO("Tỷ lệ A đạt 5%".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    assert read_source("-") == "Tỷ lệ A đạt 5%"


def test_it_refuses_oversized_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"x" * 50), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    with pytest.raises(SourceError, match="quá lớn"):
        read_source("-", max_bytes=10)


def test_uploaded_bytes_that_look_like_a_zip_are_read_as_docx() -> None:
    with pytest.raises(SourceError, match=r"\.docx"):
        read_bytes(b"PK\x03\x04 not really", name="upload.txt")
