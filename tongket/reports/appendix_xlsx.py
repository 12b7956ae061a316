"""The figures appendix as an .xlsx workbook: numbers as numbers, every text written as text (so a value
starting with `=`, `+`, `-` or `@` is never run as a formula)."""

from __future__ import annotations

import io

import xlsxwriter

from tongket.core.periods import period_label_vi
from tongket.figures.models import Basis, Figure, FigureStatus

HEADERS = [
    "Chỉ số", "Mã chỉ số", "Địa bàn", "Kỳ", "Giá trị", "Đơn vị", "Mức độ", "Trạng thái",
    "Cơ quan cung cấp", "Nguồn", "Minh họa",
]  # fmt: skip
BASIS_LABELS = dict(Basis.choices)
STATUS_LABELS = dict(FigureStatus.choices)


def appendix_workbook(title: str, figures: list[Figure]) -> bytes:
    """One sheet 'Phụ lục số liệu' with a title row, a header and one row per figure."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Phụ lục số liệu")
    bold = book.add_format(
        {"bold": True, "font_name": "Times New Roman", "text_wrap": True, "border": 1}
    )
    text = book.add_format(
        {"font_name": "Times New Roman", "text_wrap": True, "border": 1, "valign": "top"}
    )
    heading = book.add_format({"bold": True, "font_name": "Times New Roman", "font_size": 13})
    number_formats: dict[int, object] = {}
    sheet.write_string(0, 0, str(title)[:1000], heading)
    for column, name in enumerate(HEADERS):
        sheet.write_string(2, column, name, bold)
    for row, figure in enumerate(figures, start=3):
        decimals = min(int(figure.indicator.decimals), 6)
        if decimals not in number_formats:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            number_formats[decimals] = book.add_format(
                {
                    "num_format": pattern,
                    "font_name": "Times New Roman",
                    "border": 1,
                    "valign": "top",
                }
            )
        values = [
            figure.indicator.name, figure.indicator.code, figure.area.name, period_label_vi(figure.period),
        ]  # fmt: skip
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, text)
        sheet.write_number(row, 4, figure.value, number_formats[decimals])
        tail = [
            figure.indicator.unit,
            str(BASIS_LABELS.get(figure.basis, figure.basis)),
            str(STATUS_LABELS.get(figure.status, figure.status)),
            figure.source_agency.name if figure.source_agency else "",
            figure.citation,
            "minh họa" if figure.illustrative else "",
        ]
        for column, value in enumerate(tail, start=5):
            sheet.write_string(row, column, value, text)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 3, 14)
    sheet.set_column(4, 4, 14)
    sheet.set_column(5, 8, 16)
    sheet.set_column(9, 9, 40)
    sheet.freeze_panes(3, 0)
    book.close()
    return buffer.getvalue()
