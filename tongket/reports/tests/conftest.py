"""Shared sample data for the report builder tests (plain dataclasses, no database)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import docx
import pytest
from docx.document import Document as DocxDocument

from tongket.reports.document import (
    AppendixRow,
    AssessmentRow,
    ChartSeries,
    PolicyRow,
    ReportData,
    ReportHeader,
    ReportSection,
)
from tongket.reports.docx_builder import build_report


def make_header(fmt: str = "party") -> ReportHeader:
    """The header of the seed's scheme, in the Party or the State format."""
    return ReportHeader(
        format=fmt,
        parent_body="Ban Chấp hành Trung ương",
        issuer="Ban Chỉ đạo tổng kết Nghị quyết 32-NQ/TW",
        number="01-ĐA/BCĐ" if fmt == "party" else "01/ĐA-BCĐ",
        place="Hà Nội",
        date=dt.date(2018, 3, 23),
        doc_type="Đề án",
        subject="Tổng kết 15 năm thực hiện Nghị quyết số 32-NQ/TW của Bộ Chính trị",
    )


def make_data(fmt: str = "party", **changes: object) -> ReportData:
    """A small complete report: two drafted sections, each generated part, two unapproved rows."""
    data = ReportData(
        header=make_header(fmt),
        sections=[
            ReportSection(
                "I",
                "Tình hình thực hiện Nghị quyết",
                1,
                "<p>Sau 15 năm, kinh tế thành phố <b>tăng trưởng</b> nhanh.</p>",
            ),
            ReportSection("1", "Kết quả thực hiện các chỉ tiêu", 2, None, "assessment_table"),
            ReportSection("1.1", "Biểu đồ", 3, None, "charts"),
            ReportSection("2", "Chính sách đã ban hành", 2, None, "policies"),
            ReportSection("II", "Nhiệm vụ, giải pháp", 1, None, None),
            ReportSection("III", "Phụ lục số liệu", 1, None, "appendix"),
        ],
        assessment=[
            AssessmentRow(
                "CT1",
                "Tốc độ tăng trưởng GRDP bình quân",
                "12 - 13%/năm",
                "11,39%/năm",
                "Số liệu chính thức",
                "not_met",
                "Không đạt",
                "Tăng trưởng thấp hơn mục tiêu.",
                True,
                False,
            ),
            AssessmentRow(
                "CT2",
                "GRDP bình quân đầu người",
                "3.500 USD",
                "3.694 USD",
                "Ước thực hiện",
                "exceeded",
                "Vượt",
                "Vượt mục tiêu.",
                False,
                False,
            ),
            AssessmentRow(
                "CT3",
                "Thu ngân sách trên địa bàn",
                "70.000 tỷ đồng",
                "14.740 tỷ đồng",
                "",
                "mostly_met",
                "Cơ bản đạt",
                "",
                True,
                True,
            ),
            AssessmentRow(
                "CT4",
                "Tỷ lệ đô thị hóa",
                "60%",
                "",
                "",
                "no_data",
                "Chưa có số liệu",
                "",
                True,
                False,
            ),
            AssessmentRow(
                "CT5", "Số doanh nghiệp", "20.000", "20.100", "", "met", "Đạt", "", True, False
            ),
        ],
        charts=[
            ChartSeries(
                "CT1",
                "Tốc độ tăng trưởng GRDP",
                "%",
                [(2015, 10.2), (2016, 10.5), (2017, 11.4)],
                [(2015, 6.7), (2016, 6.2)],
                "Cả nước",
                12.0,
                13.0,
                2020,
                False,
            ),
            ChartSeries("CT4", "Tỷ lệ đô thị hóa", "", [], [], "", 60.0, None, 2020, False),
        ],
        policies=[
            PolicyRow(
                "45-NQ/TW",
                dt.date(2019, 1, 24),
                "Bộ Chính trị",
                "Về xây dựng và phát triển thành phố Hải Phòng đến năm 2030",
                "Còn hiệu lực",
                "CT1, CT2",
                "",
            ),
        ],
        appendix=[
            AppendixRow(
                "GRDP",
                "Hải Phòng",
                "2017",
                "14.740",
                "tỷ đồng",
                "Chính thức",
                "Đã phê duyệt",
                "Cục Thống kê Hải Phòng",
                "Niên giám 2017, tr. 12",
            ),
            AppendixRow(
                "GRDP",
                "Hải Phòng",
                "2018",
                "16.100",
                "tỷ đồng",
                "Ước tính",
                "Chờ phê duyệt",
                "Sở Kế hoạch và Đầu tư",
                "",
                False,
                False,
            ),
            AppendixRow(
                "Dân số",
                "Hải Phòng",
                "2018",
                "2.028,5",
                "nghìn người",
                "Minh họa",
                "Đã phê duyệt",
                "Số liệu minh họa",
                "",
                True,
                True,
            ),
        ],
        recipients=["Bộ Chính trị (để báo cáo)", "Lưu Văn phòng"],
        signature_title="T/M Ban Chỉ đạo",
        signer_position="Trưởng ban",
        signer_name="Nguyễn Văn A",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def open_docx(content: bytes) -> DocxDocument:
    """Re-open generated bytes with python-docx (fails on a corrupt package)."""
    return docx.Document(io.BytesIO(content))


def all_text(document: DocxDocument) -> str:
    """Every paragraph's text in body order, tables included, one per line."""
    w_p = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
    lines = []
    for p in document.element.body.iter(w_p):
        lines.append(
            "".join(
                t.text or ""
                for t in p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
            )
        )
    return "\n".join(lines)


@pytest.fixture
def build() -> Callable[..., DocxDocument]:
    """Build a report from `make_data(fmt, **changes)` and re-open it."""

    def _build(fmt: str = "party", **changes: object) -> DocxDocument:
        return open_docx(build_report(make_data(fmt, **changes)))

    return _build
