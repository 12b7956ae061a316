"""Read the text of a resolution from a UTF-8 `.txt` file, a `.docx` file or standard input.

Pure Python (python-docx only). Every refusal is a `SourceError` whose message is Vietnamese and says
what is wrong and where (the byte offset of a bad byte, the size limit, the file name).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from typing import BinaryIO

__all__ = ["MAX_BYTES", "SourceError", "read_bytes", "read_source"]

MAX_BYTES = 20_000_000
_ZIP_MAGIC = b"PK\x03\x04"
# A .docx expands when unzipped; refuse one whose parts would take more than this many times the limit.
_MAX_EXPANSION = 10


class SourceError(ValueError):
    """A source the extractor refuses; `str(error)` is a Vietnamese message for the user."""


def _size_text(limit: int) -> str:
    return f"{limit:,}".replace(",", ".")


def read_source(path_or_dash: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of the file at `path_or_dash` (`-` reads standard input).

    A `.docx` (or any file that starts like one) gives its paragraphs and table cells one per line;
    anything else must be UTF-8 text (a byte-order mark is allowed).
    """
    if path_or_dash == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, "dữ liệu từ đầu vào chuẩn")
        return read_bytes(data, name="đầu vào chuẩn", max_bytes=max_bytes)
    path = Path(path_or_dash)
    try:
        if not path.exists():
            raise SourceError(f"Không tìm thấy tệp: {path_or_dash}")
        if path.is_dir():
            raise SourceError(f"'{path_or_dash}' là thư mục, không phải tệp văn bản")
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"Tệp {path.name} quá lớn: {_size_text(size)} byte, "
                f"vượt giới hạn {_size_text(max_bytes)} byte"
            )
        with path.open("rb") as handle:
            data = _read_limited(handle, max_bytes, f"Tệp {path.name}")
    except OSError as exc:
        raise SourceError(f"Không đọc được tệp {path_or_dash}: {exc.strerror or exc}") from exc
    return read_bytes(
        data, name=path.name, max_bytes=max_bytes, docx=path.suffix.lower() == ".docx"
    )


def _read_limited(handle: BinaryIO, max_bytes: int, what: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"{what} quá lớn: vượt giới hạn {_size_text(max_bytes)} byte")
    return data


def read_bytes(
    data: bytes, name: str = "tệp", max_bytes: int = MAX_BYTES, docx: bool = False
) -> str:
    """Decode uploaded or read bytes: a .docx when `docx` is true or the bytes look like a zip."""
    if len(data) > max_bytes:
        raise SourceError(
            f"{name} quá lớn: {_size_text(len(data))} byte, vượt giới hạn {_size_text(max_bytes)} byte"
        )
    if docx or data.startswith(_ZIP_MAGIC):
        return _docx_text(data, name, max_bytes)
    return _utf8_text(data, name)


def _utf8_text(data: bytes, name: str) -> str:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(
            f"{name} chứa dữ liệu nhị phân (byte NUL ở vị trí {nul}), không phải văn bản: "
            "hãy dùng tệp .txt mã hóa UTF-8 hoặc tệp .docx"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"{name} không phải văn bản UTF-8: byte không hợp lệ 0x{data[exc.start]:02x} ở vị trí "
            f"{exc.start} (dòng {line}). Hãy lưu lại tệp với mã hóa UTF-8"
        ) from exc
    return text


def _docx_text(data: bytes, name: str, max_bytes: int) -> str:
    not_docx = f"{name} không phải tệp .docx hợp lệ (Word 2007 trở lên)"
    if not data.startswith(_ZIP_MAGIC):
        raise SourceError(not_docx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise SourceError(not_docx)
            expanded = sum(info.file_size for info in archive.infolist())
            if expanded > max_bytes * _MAX_EXPANSION:
                raise SourceError(f"{name} quá lớn khi giải nén: vượt giới hạn cho phép")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        if isinstance(exc, SourceError):
            raise
        raise SourceError(not_docx) from exc
    try:
        import docx  # python-docx: imported here so that reading .txt needs nothing more

        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
    except SourceError:
        raise
    except Exception as exc:  # python-docx raises many kinds of errors on a broken package
        raise SourceError(not_docx) from exc
    text = "\n".join(lines)
    if len(text.encode("utf-8")) > max_bytes:
        raise SourceError(
            f"Văn bản trong {name} quá lớn: vượt giới hạn {_size_text(max_bytes)} byte"
        )
    return text


def _docx_lines(document: object) -> list[str]:
    """Paragraphs and table cells in document order, one per line; merged cells once."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)  # type: ignore[arg-type]
        elif tag == "tbl":
            _table_lines(Table(child, document), lines)  # type: ignore[arg-type]
    return lines


def _table_lines(table: object, lines: list[str], depth: int = 0) -> None:
    # Keep the cell elements themselves (not their id()): lxml proxies die and ids get reused.
    seen: set[object] = set()
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                lines.append(paragraph.text)
            if depth < 3:
                for inner in cell.tables:
                    _table_lines(inner, lines, depth + 1)
