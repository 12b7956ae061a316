"""Build the review report (.docx) in the official Party or State format from a `ReportData`.

Pure: no Django, no database. The layout follows Hướng dẫn 36-HD/VPTW (Party documents) or
Nghị định 30/2020/NĐ-CP (State administrative documents); docs/report-format.md records the
choices made where the rules leave room (margins, sizes, dates).

Speed matters (a report has hundreds of targets and thousands of figures): tables are built as
lxml elements in one pass (`html_to_docx.make_table`), never through `table.cell(r, c)`, and the
charts are drawn on one reused matplotlib figure.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from lxml import etree

from tongket.core.numbers import format_date_long_vn, format_date_vn
from tongket.reports.charts import chart_renderer, chart_title
from tongket.reports.document import (
    FORMAT_PARTY,
    FORMAT_STATE,
    GENERATED_APPENDIX,
    GENERATED_ASSESSMENT,
    GENERATED_CHARTS,
    GENERATED_KINDS,
    GENERATED_POLICIES,
    NO_DATA,
    VERDICT_LABELS,
    AppendixRow,
    AssessmentRow,
    ChartSeries,
    PolicyRow,
    ReportData,
    ReportHeader,
    ReportSection,
)
from tongket.reports.html_to_docx import (
    PLAIN,
    TABLE_STYLE,
    TWIPS_PER_MM,
    Cell,
    Fmt,
    ParaProps,
    Run,
    clean_text,
    make_p,
    make_table,
    mm,
    render_html,
    text_p,
    w,
)

FONT = "Times New Roman"
BODY_SIZE = 14
TABLE_SIZE = 12
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
STATE_MOTTO = "Độc lập - Tự do - Hạnh phúc"
NOT_RECEIVED = "Phần này chưa được tiếp nhận."
NO_TARGETS = "Chưa có chỉ tiêu."
NO_POLICIES = "Chưa có văn bản chính sách."
CHART_WIDTH_MM = 150

#: Page margins in mm (top, bottom, left, right); see docs/report-format.md for why.
MARGINS = {FORMAT_PARTY: (25, 25, 35, 15), FORMAT_STATE: (20, 20, 30, 15)}
#: Sizes in points per format and header element.
SIZES = {
    FORMAT_PARTY: {"title": 15, "issuer": 14, "number": 14, "date": 14, "type": 16, "subject": 15},
    FORMAT_STATE: {"title": 13, "issuer": 13, "number": 13, "date": 14, "type": 14, "subject": 14},
}
DEFAULT_TITLES = {
    GENERATED_ASSESSMENT: "Kết quả thực hiện các chỉ tiêu",
    GENERATED_CHARTS: "Biểu đồ các chỉ tiêu",
    GENERATED_POLICIES: "Danh mục văn bản chính sách",
    GENERATED_APPENDIX: "Phụ lục số liệu",
}
#: Width of the header block's left column (issuer, number) in mm; the rest is the right one.
HEADER_LEFT_MM = {FORMAT_PARTY: 78, FORMAT_STATE: 62}
#: Left/right padding of the cells of the borderless header and closing tables (twips, 0.5 mm).
TIGHT_CELL_MARGIN = 28
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


#: `progress(done, total, message)`: called as the build advances.
Progress = Callable[[int, int, str], None]


class ReportBuildError(ValueError):
    """The data cannot make a report at all (e.g. no header); the message is Vietnamese."""


# --------------------------------------------------------------------------- helpers


def _format(header: ReportHeader) -> str:
    return header.format if header.format in (FORMAT_PARTY, FORMAT_STATE) else FORMAT_PARTY


def _caps(text: str) -> str:
    return clean_text(text).strip().upper()


def _estimate_width_mm(text: str, size: float, bold: bool) -> float:
    """Rough printed width of `text` in Times New Roman (calibrated on Liberation Serif)."""
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.25
        elif ch.isdigit():
            em += 0.5
        elif ch in "-.,:;/":
            em += 0.3
        elif ch.isupper():
            em += 0.69 if bold else 0.66
        else:
            em += 0.52 if bold else 0.47
    return em * size * 25.4 / 72


def _rule(cell_width: int, length_mm: float, before: float = 0, after: float = 0) -> etree._Element:
    """A short horizontal rule centred in a cell: an empty 1 pt paragraph with a bottom border."""
    side = max(0, (cell_width - mm(length_mm)) // 2)
    props = ParaProps(
        align="center",
        left=side,
        right=side,
        bottom_border=True,
        after=after,
        before=before,
        line=1.0,
    )
    p = make_p([], props)
    rpr = etree.SubElement(etree.SubElement(p.find(w("pPr")), w("rPr")), w("sz"))
    rpr.set(w("val"), "2")
    return p


def _date_line(header: ReportHeader) -> str:
    place = clean_text(header.place).strip()
    day = header.date
    if isinstance(day, dt.date):
        when = format_date_long_vn(day)
    else:  # a draft without a date: leave the blanks to fill by hand
        when = "ngày      tháng      năm        "
    return f"{place}, {when}" if place else when


def _number_line(header: ReportHeader, fmt: str) -> str:
    number = clean_text(header.number).strip()
    for prefix in ("Số:", "Số", "số:", "số"):
        if number.startswith(prefix):
            number = number[len(prefix) :].strip()
            break
    if fmt == FORMAT_PARTY:
        return f"Số {number}" if number else "Số"
    return f"Số: {number}" if number else "Số:     "


# --------------------------------------------------------------------------- the builder


class _Builder:
    """Holds the document being built and appends blocks before the final section properties."""

    def __init__(self, data: ReportData, progress: Progress | None = None) -> None:
        if not isinstance(data, ReportData) or not isinstance(data.header, ReportHeader):
            raise ReportBuildError("Thiếu phần đầu văn bản (ReportHeader): không thể dựng báo cáo")
        self.data = data
        self.fmt = _format(data.header)
        self.sizes = SIZES[self.fmt]
        self.doc: DocxDocument = docx.Document()
        _top, _bottom, left, right = MARGINS[self.fmt]
        self.text_width = mm(210 - left - right)
        self.body = self.doc.element.body
        self._sect_pr = self.body.find(w("sectPr"))
        self.table_count = 0
        self.chart_count = 0
        self.body_props = ParaProps(align="both", first_line=mm(10), after=6, line=1.15)
        self.progress = progress
        self.done = 0
        sections = len(data.sections or []) or len(GENERATED_KINDS)
        self.total = 2 + sections + len(data.charts or [])

    def step(self, message: str) -> None:
        """Report one more unit of work done to the progress callback, if any."""
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total - 1), self.total, message)

    # ---- low level
    def add(self, element: etree._Element) -> None:
        """Append a block (paragraph or table) to the body, before the section properties."""
        self._sect_pr.addprevious(element)

    def para(self, runs: Sequence[Run], props: ParaProps | None = None) -> None:
        """Append a paragraph of runs (body paragraph properties by default)."""
        self.add(make_p(runs, props or self.body_props))

    def note(self, text: str) -> None:
        """An italic 12 pt note under a table or chart."""
        self.para([(text, Fmt(italic=True, size=12))], ParaProps(align="both", before=3, after=3))

    def gap(self, text: str) -> None:
        """State a gap where it is ("Chưa có số liệu", "Phần này chưa được tiếp nhận")."""
        self.para([(text, Fmt(italic=True))])

    # ---- document set-up
    def setup(self) -> None:
        """Styles, page size, margins and the page-number header."""
        self._styles()
        section = self.doc.sections[0]
        top, bottom, left, right = MARGINS[self.fmt]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(p._p, 13 if self.fmt == FORMAT_STATE else 14)
        first = section.first_page_header
        first.is_linked_to_previous = False  # an empty header: no number on page 1

    def _styles(self) -> None:
        styles = self.doc.styles.element
        # Every font declaration (defaults, paragraph, character and table styles) names Times
        # New Roman for all four scripts; theme fonts would otherwise pull in Calibri/Cambria.
        for rfonts in styles.iter(w("rFonts")):
            _set_fonts(rfonts)
        defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if defaults is not None:
            for lang in defaults.findall(w("lang")):
                defaults.remove(lang)
            lang = etree.SubElement(defaults, w("lang"))
            lang.set(w("val"), "vi-VN")
            lang.set(w("eastAsia"), "vi-VN")
            lang.set(w("bidi"), "ar-SA")
        for color in styles.iter(w("color")):
            color.attrib.clear()
            color.set(w("val"), "000000")
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_SIZE)
        _set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts())
        pf = normal.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = 1.0
        for level, (bold, italic) in {1: (True, False), 2: (True, False), 3: (True, True)}.items():
            style = self.doc.styles[f"Heading {level}"]
            style.font.size = Pt(BODY_SIZE)
            style.font.bold, style.font.italic = bold, italic
            style.font.color.rgb = None
            _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts())
            spf = style.paragraph_format
            spf.space_before, spf.space_after = Pt(6), Pt(6)
            spf.first_line_indent = Mm(10)
            spf.keep_with_next = True
            spf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        table_style = self.doc.styles.add_style(TABLE_STYLE, 1)  # 1 = paragraph style
        table_style.base_style = normal
        table_style.font.size = Pt(TABLE_SIZE)
        _set_fonts(table_style.element.get_or_add_rPr().get_or_add_rFonts())
        table_style.paragraph_format.space_before = Pt(1)
        table_style.paragraph_format.space_after = Pt(1)
        table_style.element.set(w("customStyle"), "1")
        # python-docx names the style id after the name; make sure the id is the constant.
        table_style.element.set(w("styleId"), TABLE_STYLE)

    # ---- header block
    def header_block(self) -> None:
        """The two-column borderless header table, then the document type and subject."""
        header = self.data.header
        sizes = self.sizes
        # Column widths measured on Times New Roman metrics (Liberation Serif): the State's
        # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 13 pt bold is 95 mm, the Party's
        # "BAN CHẤP HÀNH TRUNG ƯƠNG" at 14 pt 74 mm and a long date line at 14 pt italic 80 mm.
        left_w = mm(HEADER_LEFT_MM[self.fmt])
        right_w = self.text_width - left_w
        center = ParaProps(align="center", line=1.0)
        issuer = _caps(header.issuer)
        parent = _caps(header.parent_body)
        left_top: list[etree._Element] = []
        right_top: list[etree._Element] = []
        if self.fmt == FORMAT_PARTY:
            if parent:
                left_top.append(text_p(parent, Fmt(size=sizes["issuer"]), center))
            left_top.append(text_p(issuer, Fmt(bold=True, size=sizes["issuer"]), center))
            left_top.append(text_p("*", Fmt(size=sizes["issuer"]), center))
            right_top.append(text_p(PARTY_TITLE, Fmt(bold=True, size=sizes["title"]), center))
            right_top.append(_rule(right_w, _estimate_width_mm(PARTY_TITLE, sizes["title"], True)))
        else:
            if parent:
                left_top.append(text_p(parent, Fmt(size=sizes["issuer"]), center))
            left_top.append(text_p(issuer, Fmt(bold=True, size=sizes["issuer"]), center))
            # Nghị định 30: a rule a third to a half as long as the issuer's name under it.
            line = min(_estimate_width_mm(issuer, sizes["issuer"], True), left_w / TWIPS_PER_MM)
            left_top.append(_rule(left_w, max(15.0, min(line / 2.5, 40.0)), before=2))
            right_top.append(text_p(STATE_TITLE, Fmt(bold=True, size=sizes["title"]), center))
            right_top.append(text_p(STATE_MOTTO, Fmt(bold=True, size=14), center))
            right_top.append(_rule(right_w, _estimate_width_mm(STATE_MOTTO, 14, True)))
        number = text_p(
            _number_line(header, self.fmt),
            Fmt(size=sizes["number"]),
            ParaProps(align="center", before=6),
        )
        when = text_p(
            _date_line(header),
            Fmt(italic=True, size=sizes["date"]),
            ParaProps(align="center", before=6),
        )
        table = make_table(
            [left_w, right_w],
            [[Cell(left_top), Cell(right_top)], [Cell([number]), Cell([when])]],
            borders=False,
            cell_margin=TIGHT_CELL_MARGIN,
        )
        self.add(table)
        doc_type = _caps(header.doc_type)
        if doc_type:
            self.para(
                [(doc_type, Fmt(bold=True, size=sizes["type"]))],
                ParaProps(align="center", before=18, keep_next=True),
            )
        subject = clean_text(header.subject).strip()
        if subject:
            self.para(
                [(subject, Fmt(bold=True, size=sizes["subject"]))],
                ParaProps(align="center", keep_next=True, before=0),
            )
        if self.fmt == FORMAT_PARTY:
            self.para([("-----", PLAIN)], ParaProps(align="center", after=12))
        else:
            # Nghị định 30: a rule a third to a half as long as the subject's line under it.
            line = min(
                _estimate_width_mm(subject, sizes["subject"], True), self.text_width / TWIPS_PER_MM
            )
            self.add(_rule(self.text_width, max(25.0, min(line / 3, 60.0)), before=3, after=12))

    # ---- sections
    def sections(self) -> None:
        """The outline in order; without an outline, the generated parts under simple headings."""
        sections = [s for s in (self.data.sections or []) if isinstance(s, ReportSection)]
        if not sections:
            for index, kind in enumerate(GENERATED_KINDS):
                heading = ReportSection(ROMAN[index], DEFAULT_TITLES[kind], 1, None, kind)
                self.section(heading)
                self.step(f"Đã dựng mục {heading.number}. {heading.title}")
            return
        for section in sections:
            self.section(section)
            self.step(f"Đã dựng mục {clean_text(section.number)} {clean_text(section.title)}"[:120])

    def section(self, section: ReportSection) -> None:
        """One numbered heading, its accepted draft and its generated part."""
        number = clean_text(section.number).strip()
        title = clean_text(section.title).strip()
        text = f"{number}. {title}" if number and title else (number or title)
        try:
            level = min(3, max(1, int(section.level)))
        except (TypeError, ValueError):
            level = 1
        if text:
            self.para([(text, PLAIN)], ParaProps(style=f"Heading{level}"))
        if section.html is not None and str(section.html).strip():
            render_html(str(section.html), self.add, width=self.text_width, body=self.body_props)
        elif section.generated not in GENERATED_KINDS:
            self.gap(NOT_RECEIVED)
        if section.generated in GENERATED_KINDS:
            self.generated(section.generated)

    def generated(self, kind: str) -> None:
        """Place one generated part."""
        {
            GENERATED_ASSESSMENT: self.assessment,
            GENERATED_CHARTS: self.charts,
            GENERATED_POLICIES: self.policies,
            GENERATED_APPENDIX: self.appendix,
        }[kind]()

    def caption(self, text: str) -> None:
        """A bold centred caption above a table: `Bảng 1. …`."""
        self.table_count += 1
        self.para(
            [(f"Bảng {self.table_count}. {text}", Fmt(bold=True, size=13))],
            ParaProps(align="center", keep_next=True, before=6, after=6),
        )

    def widths(self, weights: Sequence[float]) -> list[int]:
        """Column widths in twips proportional to `weights`, filling the text width."""
        total = sum(weights)
        result = [int(self.text_width * weight / total) for weight in weights]
        result[-1] += self.text_width - sum(result)
        return result

    # ---- generated parts
    def assessment(self) -> None:
        """The targets assessment table with its notes on unapproved and illustrative figures."""
        rows = [r for r in self.data.assessment if isinstance(r, AssessmentRow)]
        self.caption("Kết quả thực hiện các chỉ tiêu")
        if not rows:
            self.gap(NO_TARGETS)
            return
        head = ["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả thực hiện", "Đánh giá", "Nhận xét"]
        table_rows: list[list[Cell | str]] = [[Cell(h, bold=True, align="center") for h in head]]
        unapproved: list[str] = []
        illustrative: list[str] = []
        for index, row in enumerate(rows, 1):
            code = clean_text(row.code).strip() or str(index)
            actual = clean_text(row.actual_text).strip()
            target: list[Run] = [(clean_text(row.target_text).strip() or code, PLAIN)]
            if row.code:
                target.insert(0, (f"{code}. ", Fmt(bold=True)))
            result: list[Run] = [(actual or NO_DATA, PLAIN if actual else Fmt(italic=True))]
            if actual and not row.approved:
                result.append((" (*)", PLAIN))
                unapproved.append(code)
            if actual and row.illustrative:
                result.append((" (**)", PLAIN))
                illustrative.append(code)
            basis = clean_text(row.basis_text).strip()
            if basis:
                result.append((f"\n{basis}", Fmt(italic=True, size=11)))
            verdict = clean_text(row.verdict_label).strip() or VERDICT_LABELS.get(
                str(row.verdict), NO_DATA
            )
            table_rows.append(
                [
                    Cell(str(index), align="center"),
                    Cell(target),
                    Cell(clean_text(row.target_value_text).strip(), align="center"),
                    Cell(result, align="center"),
                    Cell(verdict, bold=True, align="center"),
                    Cell(clean_text(row.narrative).strip()),
                ]
            )
        table = make_table(self.widths([6, 30, 15, 17, 11, 27]), table_rows, header_rows=1)
        self.add(table)
        if unapproved or illustrative:
            _keep_last_row_with_next(table)
        self.figure_notes(unapproved, illustrative)

    def figure_notes(self, unapproved: list[str], illustrative: list[str]) -> None:
        """The notes under a table naming unapproved (*) and illustrative (**) figures."""
        if unapproved:
            self.note("(*) Số liệu chưa được phê duyệt: " + _join_limited(unapproved) + ".")
        if illustrative:
            self.note(
                "(**) Số liệu minh họa, không phải số liệu chính thức: "
                + _join_limited(illustrative)
                + "."
            )

    def charts(self) -> None:
        """One chart per indicator, numbered, with "Chưa có số liệu" when a series is empty."""
        series_list = [s for s in self.data.charts if isinstance(s, ChartSeries)]
        if not series_list:
            self.gap("Chưa có biểu đồ.")
            return
        with chart_renderer() as renderer:
            for series in series_list:
                self.chart_count += 1
                self.step(f"Đang vẽ biểu đồ {self.chart_count}/{len(series_list)}")
                title = f"Biểu đồ {self.chart_count}. {chart_title(series)}"
                try:
                    png = renderer.render(series)
                except Exception:  # a chart must never sink the report; say so in its place
                    png = None
                    title += " (không vẽ được biểu đồ)"
                if png is None:
                    self.para(
                        [
                            (f"{title}: ", Fmt(bold=True, size=13)),
                            (NO_DATA + ".", Fmt(italic=True, size=13)),
                        ],
                        ParaProps(align="center", after=6),
                    )
                    continue
                picture = self.doc.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.paragraph_format.keep_with_next = True
                picture.paragraph_format.first_line_indent = Mm(0)
                picture.add_run().add_picture(io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
                caption = [(title, Fmt(italic=True, size=13))]
                if series.illustrative:
                    caption.append((" (số liệu minh họa)", Fmt(italic=True, size=13)))
                self.para(caption, ParaProps(align="center", after=9))

    def policies(self) -> None:
        """The inventory of policy documents issued to carry out the resolution."""
        rows = [r for r in self.data.policies if isinstance(r, PolicyRow)]
        self.caption("Danh mục văn bản chính sách")
        if not rows:
            self.gap(NO_POLICIES)
            return
        head = [
            "TT",
            "Số, ký hiệu; ngày",
            "Cơ quan ban hành",
            "Trích yếu",
            "Tình trạng",
            "Chỉ tiêu liên quan; ghi chú",
        ]
        table_rows: list[list[Cell | str]] = [[Cell(h, bold=True, align="center") for h in head]]
        for index, row in enumerate(rows, 1):
            number = clean_text(row.number).strip()
            when = format_date_vn(row.date) if isinstance(row.date, dt.date) else ""
            ident = "; ".join(part for part in (number, when) if part)
            extra = "\n".join(
                part
                for part in (clean_text(row.targets_text).strip(), clean_text(row.note).strip())
                if part
            )
            table_rows.append(
                [
                    Cell(str(index), align="center"),
                    Cell(ident, align="center"),
                    clean_text(row.issuer).strip(),
                    clean_text(row.title).strip(),
                    Cell(clean_text(row.status_label).strip(), align="center"),
                    extra,
                ]
            )
        self.add(make_table(self.widths([6, 18, 18, 30, 12, 20]), table_rows, header_rows=1))

    def appendix(self) -> None:
        """The appendix of figures with their sources and the notes on their status."""
        rows = [r for r in self.data.appendix if isinstance(r, AppendixRow)]
        self.caption("Số liệu các chỉ tiêu và nguồn số liệu")
        if not rows:
            self.gap(NO_DATA + ".")
            return
        head = ["TT", "Chỉ tiêu", "Địa bàn", "Kỳ", "Giá trị", "Loại số liệu", "Tình trạng", "Nguồn"]
        table_rows: list[list[Cell | str]] = [[Cell(h, bold=True, align="center") for h in head]]
        unapproved: list[str] = []
        illustrative: list[str] = []
        for index, row in enumerate(rows, 1):
            value = clean_text(row.value_text).strip()
            unit = clean_text(row.unit).strip()
            shown: list[Run] = [
                (
                    f"{value} {unit}".strip() if value else NO_DATA,
                    PLAIN if value else Fmt(italic=True),
                )
            ]
            label = f"{index}"
            if value and not row.approved:
                shown.append((" (*)", PLAIN))
                unapproved.append(label)
            if value and row.illustrative:
                shown.append((" (**)", PLAIN))
                illustrative.append(label)
            source = clean_text(row.source).strip()
            citation = clean_text(row.citation).strip()
            table_rows.append(
                [
                    Cell(label, align="center"),
                    clean_text(row.indicator).strip(),
                    clean_text(row.area).strip(),
                    Cell(clean_text(row.period).strip(), align="center"),
                    Cell(shown, align="right"),
                    clean_text(row.basis_label).strip(),
                    clean_text(row.status_label).strip(),
                    Cell(
                        [(source, PLAIN), (f"\n{citation}", Fmt(italic=True))]
                        if citation
                        else source
                    ),
                ]
            )
        table = make_table(self.widths([8, 21, 12, 8, 14, 11, 11, 15]), table_rows, header_rows=1)
        self.add(table)
        if unapproved or illustrative:
            _keep_last_row_with_next(table)
        if unapproved:
            self.note("(*) Số liệu chưa được phê duyệt: dòng " + _join_limited(unapproved) + ".")
        if illustrative:
            self.note(
                "(**) Số liệu minh họa, không phải số liệu chính thức: dòng "
                + _join_limited(illustrative)
                + "."
            )

    # ---- closing
    def closing(self) -> None:
        """The recipients block (left) and the signature block (right), borderless."""
        data = self.data
        left_w = self.text_width * 45 // 100
        right_w = self.text_width - left_w
        left: list[etree._Element] = []
        recipients = [clean_text(line).strip() for line in data.recipients or []]
        recipients = [line for line in recipients if line]
        if recipients:
            left.append(
                text_p("Nơi nhận:", Fmt(bold=True, italic=True, size=12), ParaProps(align="left"))
            )
            for line in recipients:
                if not line.startswith(("-", "–", "+")):
                    line = f"- {line}"
                left.append(text_p(line, Fmt(size=11), ParaProps(align="left")))
        center = ParaProps(align="center")
        right: list[etree._Element] = []
        for text in (data.signature_title, data.signer_position):
            text = _caps(text)
            if text:
                right.append(text_p(text, Fmt(bold=True, size=14), center))
        name = clean_text(data.signer_name).strip()
        if name:
            for _ in range(4):  # room for the signature and the seal
                right.append(make_p([], center))
            right.append(text_p(name, Fmt(bold=True, size=14), center))
        if not left and not right:
            return
        self.para([], ParaProps(after=6))
        self.add(
            make_table(
                [left_w, right_w],
                [[Cell(left or ""), Cell(right or "")]],
                borders=False,
                cell_margin=TIGHT_CELL_MARGIN,
            )
        )

    def build(self) -> DocxDocument:
        """Lay out the whole document."""
        self.setup()
        self.header_block()
        self.step("Đã dựng phần đầu văn bản")
        self.sections()
        self.closing()
        return self.doc


def _set_fonts(rfonts: etree._Element) -> None:
    rfonts.attrib.clear()
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(w(key), FONT)


def _page_field(p: etree._Element, size: int) -> None:
    """A PAGE field (begin/instr/separate/result/end runs) at `size` points."""

    def run() -> etree._Element:
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        etree.SubElement(rpr, w("sz")).set(w("val"), str(size * 2))
        etree.SubElement(rpr, w("szCs")).set(w("val"), str(size * 2))
        return r

    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "begin")
    instr = etree.SubElement(run(), w("instrText"))
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "separate")
    etree.SubElement(run(), w("t")).text = "2"
    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "end")


def _keep_last_row_with_next(table: etree._Element) -> None:
    """Keep a table's last row on the page of the note that follows it (keepNext on its text)."""
    rows = table.findall(w("tr"))
    if not rows:
        return
    for p in rows[-1].iter(w("p")):
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        if ppr.find(w("keepNext")) is None:
            style = ppr.find(w("pStyle"))
            ppr.insert(0 if style is None else 1, etree.Element(w("keepNext")))


def _join_limited(items: list[str], limit: int = 60) -> str:
    """`a, b, c` – or the first `limit` items and how many more, so a note stays a note."""
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" và {len(items) - limit} số liệu khác"


# --------------------------------------------------------------------------- public API


def build_document(data: ReportData, progress: Progress | None = None) -> DocxDocument:
    """Build the report as a python-docx Document (for callers that add more before saving)."""
    return _Builder(data, progress).build()


def build_report(data: ReportData, progress: Progress | None = None) -> bytes:
    """Build the report and return the bytes of the .docx file.

    `progress(done, total, message)` is called as the work advances (a Vietnamese message), last
    with `done == total`; an exception it raises stops the build (a way to cancel).
    """
    builder = _Builder(data, progress)
    buffer = io.BytesIO()
    builder.build().save(buffer)
    if progress is not None:
        progress(builder.total, builder.total, "Đã dựng xong báo cáo")
    return buffer.getvalue()


def write_report(data: ReportData, path: str | Path, progress: Progress | None = None) -> Path:
    """Build the report and write it to `path` (written whole, then renamed: never half a file)."""
    target = Path(path)
    content = build_report(data, progress)
    temporary = target.with_name(f".{target.name}.part")
    temporary.write_bytes(content)
    temporary.replace(target)
    return target
