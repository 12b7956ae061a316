"""PDF conversion with LibreOffice, checked through pdftoppm images of the pages.

The end-to-end test needs `libreoffice` (or `soffice`) and `pdftoppm`; without them it is skipped
with the reason, except in CI (CI=true), where a missing tool is a failure: CI must run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tongket.reports import pdf
from tongket.reports.docx_builder import write_report
from tongket.reports.tests.conftest import make_data


def _require_tools() -> None:
    missing = [
        name
        for name, found in (
            ("libreoffice/soffice", pdf.find_libreoffice()),
            ("pdftoppm", shutil.which("pdftoppm")),
            ("pdffonts", shutil.which("pdffonts")),
        )
        if not found
    ]
    if not missing:
        return
    message = (
        f"thiếu {', '.join(missing)}: apt-get install libreoffice-writer-nogui "
        "poppler-utils fonts-liberation2"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI phải chạy được phép thử PDF: {message}")
    pytest.skip(message)


def _non_white_pixels(png: Path) -> int:
    with Image.open(png) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
    return sum(histogram[:200])


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["party", "state"])
def test_the_report_converts_to_a_pdf_whose_first_page_is_not_blank(tmp_path, fmt):
    _require_tools()
    docx_path = write_report(make_data(fmt), tmp_path / f"báo cáo {fmt}.docx")
    pdf_path = pdf.convert_to_pdf(docx_path, timeout=240)
    assert pdf_path == tmp_path / f"báo cáo {fmt}.pdf" and pdf_path.stat().st_size > 1000
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(pdf_path), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    fonts = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    used = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    # Times New Roman or its metric twin; a fallback such as DejaVu means a font without the
    # Vietnamese letters (fonts-liberation 1.x): the layout would be wider than in Word.
    assert used and all(name.startswith(("TimesNewRoman", "LiberationSerif")) for name in used), (
        f"{used}: cài fonts-liberation2 (Liberation Serif có đủ chữ tiếng Việt)"
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 1
    assert _non_white_pixels(pages[0]) > 2000
    with Image.open(pages[0]) as first:
        width, height = first.size
    assert abs(width / height - 210 / 297) < 0.01  # A4 portrait


def test_a_missing_libreoffice_gives_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(pdf.LibreOfficeMissing) as caught:
        pdf.convert_to_pdf(source)
    assert str(caught.value) == (
        "Chưa cài LibreOffice: sudo apt-get install libreoffice-writer-nogui"
    )


def test_a_missing_source_file_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: "/usr/bin/true")
    with pytest.raises(pdf.PdfConversionError, match="Không tìm thấy tệp"):
        pdf.convert_to_pdf(tmp_path / "không-có.docx")


def test_a_converter_that_writes_nothing_is_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: "/usr/bin/true")
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(pdf.PdfConversionError, match="không tạo được tệp PDF"):
        pdf.convert_to_pdf(source)


def test_a_converter_that_hangs_is_stopped_at_the_timeout(monkeypatch, tmp_path):
    script = tmp_path / "hang.sh"
    script.write_text("#!/bin/sh\nsleep 30\n")
    script.chmod(0o755)
    monkeypatch.setattr(pdf, "find_libreoffice", lambda: str(script))
    source = tmp_path / "a.docx"
    source.write_bytes(b"x")
    with pytest.raises(pdf.PdfConversionError, match="quá 1 giây"):
        pdf.convert_to_pdf(source, timeout=1)
