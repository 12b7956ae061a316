"""The report .docx as people open it: format, header, numbering, verdicts, notes, gaps."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from docx.shared import Mm, Pt

from tongket.reports.document import AssessmentRow, ChartSeries, ReportSection
from tongket.reports.docx_builder import ReportBuildError, build_report, write_report
from tongket.reports.tests.conftest import all_text, make_data, open_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph(document, text):
    """The first body paragraph (tables included) whose text is `text`."""
    for p in _all_paragraphs(document):
        if p.text == text:
            return p
    raise AssertionError(f"no paragraph {text!r} in:\n{all_text(document)[:2000]}")


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _runs_look(p, *, bold=None, italic=None, size=None):
    runs = [r for r in p.runs if r.text.strip()]
    assert runs, p.text
    for run in runs:
        if bold is not None:
            assert bool(run.bold) is bold, (p.text, run.text)
        if italic is not None:
            assert bool(run.italic) is italic, (p.text, run.text)
        if size is not None:
            assert run.font.size == Pt(size), (p.text, run.text, run.font.size)


def _row_texts(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_page_is_a4_with_the_chosen_margins_of_each_format(build):
    for fmt, (top, bottom, left, right) in {
        "party": (25, 25, 35, 15),
        "state": (20, 20, 30, 15),
    }.items():
        section = build(fmt).sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
        assert tuple(round(m.mm, 1) for m in margins) == (top, bottom, left, right)


def test_times_new_roman_is_declared_for_every_script_in_every_style(build):
    document = build()
    styles = document.styles.element
    declarations = list(styles.iter(f"{W}rFonts"))
    assert declarations
    for rfonts in declarations:
        assert {k.replace(W, ""): v for k, v in rfonts.attrib.items()} == {
            "ascii": "Times New Roman",
            "hAnsi": "Times New Roman",
            "cs": "Times New Roman",
            "eastAsia": "Times New Roman",
        }
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)


def test_no_run_in_the_body_or_header_names_another_font(build):
    document = build("state")
    parts = [document.element, document.sections[0].header._element]
    for part in parts:
        for rfonts in part.iter(f"{W}rFonts"):
            assert set(rfonts.attrib.values()) == {"Times New Roman"}


def test_the_party_header_block_follows_huong_dan_36(build):
    document = build("party")
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "BAN CHỈ ĐẠO TỔNG KẾT NGHỊ QUYẾT 32-NQ/TW",
        "*",
    ]
    _runs_look(left.paragraphs[1], bold=True, size=14)
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    _runs_look(right.paragraphs[0], bold=True, size=15)
    number, when = header.rows[1].cells
    assert number.text == "Số 01-ĐA/BCĐ"
    _runs_look(number.paragraphs[0], bold=False, size=14)
    assert when.text == "Hà Nội, ngày 23 tháng 3 năm 2018"
    _runs_look(when.paragraphs[0], italic=True, size=14)
    _runs_look(_paragraph(document, "ĐỀ ÁN"), bold=True, size=16)
    subject = "Tổng kết 15 năm thực hiện Nghị quyết số 32-NQ/TW của Bộ Chính trị"
    _runs_look(_paragraph(document, subject), bold=True, size=15)
    # A borderless table: the header is laid out, not ruled.
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert {edge.get(f"{W}val") for edge in borders} == {"nil"}


def test_the_state_header_block_follows_nghi_dinh_30(build):
    document = build("state")
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert left.paragraphs[1].text == "BAN CHỈ ĐẠO TỔNG KẾT NGHỊ QUYẾT 32-NQ/TW"
    _runs_look(left.paragraphs[1], bold=True, size=13)
    title, motto, rule = right.paragraphs[:3]
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    _runs_look(title, bold=True, size=13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    _runs_look(motto, bold=True, size=14)
    # The rule under the motto: an empty paragraph with a bottom border.
    assert rule.text == "" and rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    number, when = header.rows[1].cells
    assert number.text == "Số: 01/ĐA-BCĐ"
    _runs_look(number.paragraphs[0], size=13)
    _runs_look(when.paragraphs[0], italic=True, size=14)
    _runs_look(_paragraph(document, "ĐỀ ÁN"), bold=True, size=14)


def test_dates_take_a_leading_zero_below_day_ten_and_month_three(build):
    data = make_data("state")
    data.header.date = dt.date(2019, 2, 5)
    text = all_text(open_docx(build_report(data)))
    assert "Hà Nội, ngày 05 tháng 02 năm 2019" in text
    data.header.date = dt.date(2018, 11, 9)
    assert "ngày 09 tháng 11 năm 2018" in all_text(open_docx(build_report(data)))


def test_page_numbers_are_a_centred_page_field_from_page_two(build):
    section = build().sections[0]
    assert section.different_first_page_header_footer is True
    header = section.header._element
    instructions = [t.text.strip() for t in header.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]
    assert [f.get(f"{W}fldCharType") for f in header.iter(f"{W}fldChar")] == [
        "begin",
        "separate",
        "end",
    ]
    assert section.header.paragraphs[0].alignment == 1  # centred
    first = section.first_page_header._element
    assert not list(first.iter(f"{W}instrText"))


def test_headings_are_numbered_as_the_outline_numbers_them(build):
    document = build()
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "I. Tình hình thực hiện Nghị quyết"),
        ("Heading 2", "1. Kết quả thực hiện các chỉ tiêu"),
        ("Heading 3", "1.1. Biểu đồ"),
        ("Heading 2", "2. Chính sách đã ban hành"),
        ("Heading 1", "II. Nhiệm vụ, giải pháp"),
        ("Heading 1", "III. Phụ lục số liệu"),
    ]


def test_a_section_without_an_accepted_draft_states_the_gap_in_place(build):
    paragraphs = [p.text for p in build().paragraphs]
    at = paragraphs.index("II. Nhiệm vụ, giải pháp")
    assert paragraphs[at + 1] == "Phần này chưa được tiếp nhận."
    # A drafted section shows its draft, not the gap.
    first = paragraphs.index("I. Tình hình thực hiện Nghị quyết")
    assert paragraphs[first + 1] == "Sau 15 năm, kinh tế thành phố tăng trưởng nhanh."


def test_each_target_shows_its_verdict_word_and_figures(build):
    document = build()
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "TT" and t.rows[0].cells[4].text == "Đánh giá"
    )
    rows = _row_texts(table)[1:]
    verdicts = {row[1].split(".")[0]: row[4] for row in rows}
    assert verdicts == {
        "CT1": "Không đạt",
        "CT2": "Vượt",
        "CT3": "Cơ bản đạt",
        "CT4": "Chưa có số liệu",
        "CT5": "Đạt",
    }
    by_code = {row[1].split(".")[0]: row for row in rows}
    assert by_code["CT1"][3].startswith("11,39%/năm")
    assert by_code["CT2"][3].startswith("3.694 USD")
    assert by_code["CT3"][3].startswith("14.740 tỷ đồng")
    assert by_code["CT4"][3] == "Chưa có số liệu"
    assert by_code["CT1"][5] == "Tăng trưởng thấp hơn mục tiêu."
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeats on each page


def test_unapproved_and_illustrative_figures_are_noted_under_their_tables(build):
    text = all_text(build())
    assert "(*) Số liệu chưa được phê duyệt: CT2." in text
    assert "(**) Số liệu minh họa, không phải số liệu chính thức: CT3." in text
    assert "(*) Số liệu chưa được phê duyệt: dòng 2." in text
    assert "(**) Số liệu minh họa, không phải số liệu chính thức: dòng 3." in text


def test_no_note_when_every_figure_is_approved_and_real(build):
    data = make_data()
    for row in data.assessment:
        row.approved, row.illustrative = True, False
    data.appendix = data.appendix[:1]
    text = all_text(open_docx(build_report(data)))
    assert "chưa được phê duyệt" not in text and "minh họa" not in text


def test_an_empty_assessment_says_there_are_no_targets(build):
    document = build(assessment=[])
    assert "Chưa có chỉ tiêu." in [p.text for p in document.paragraphs]
    assert not any(t.rows[0].cells[-1].text == "Nhận xét" for t in document.tables)


def test_without_an_outline_the_generated_parts_come_in_the_default_order(build):
    document = build(sections=[])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. Kết quả thực hiện các chỉ tiêu",
        "II. Biểu đồ các chỉ tiêu",
        "III. Danh mục văn bản chính sách",
        "IV. Phụ lục số liệu",
    ]
    assert "Phần này chưa được tiếp nhận." not in all_text(document)
    assert len(document.inline_shapes) == 1


def test_a_chart_without_figures_says_so_where_the_chart_would_be(build):
    document = build()
    assert len(document.inline_shapes) == 1
    text = all_text(document)
    assert "Biểu đồ 1. Tốc độ tăng trưởng GRDP (%)" in text
    # The indicator has no unit either: no empty brackets.
    assert "Biểu đồ 2. Tỷ lệ đô thị hóa: Chưa có số liệu." in text
    width = document.inline_shapes[0].width
    assert Mm(140) < width <= Mm(160)


def test_the_recipients_and_signature_blocks_close_the_document(build):
    document = build()
    closing = document.tables[-1]
    left, right = closing.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Nơi nhận:",
        "- Bộ Chính trị (để báo cáo)",
        "- Lưu Văn phòng",
    ]
    _runs_look(left.paragraphs[0], bold=True, italic=True, size=12)
    _runs_look(left.paragraphs[1], size=11)
    texts = [p.text for p in right.paragraphs if p.text]
    assert texts == ["T/M BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Văn A"]
    assert document.element.body[-2] is closing._tbl  # last block before the section props


def test_the_policy_inventory_lists_each_document(build):
    document = build()
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Số, ký hiệu; ngày")
    assert _row_texts(table)[1][:5] == [
        "1",
        "45-NQ/TW; 24/01/2019",
        "Bộ Chính trị",
        "Về xây dựng và phát triển thành phố Hải Phòng đến năm 2030",
        "Còn hiệu lực",
    ]


def test_write_report_writes_a_file_word_can_open(tmp_path):
    path = write_report(make_data(), tmp_path / "bao-cao.docx")
    assert path.is_file()
    assert not list(tmp_path.glob(".*.part"))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in all_text(open_docx(path.read_bytes()))


# ---------------------------------------------------------------- bad input


def test_text_with_combining_diacritics_is_composed(build):
    nfd = unicodedata.normalize("NFD", "Tăng trưởng kinh tế Hải Phòng")
    assert nfd != unicodedata.normalize("NFC", nfd)
    data = make_data()
    data.sections[0].title = nfd
    data.assessment[0].target_text = nfd
    data.sections[0].html = f"<p>{nfd}</p>"
    text = all_text(open_docx(build_report(data)))
    assert "I. Tăng trưởng kinh tế Hải Phòng" in text
    assert text.count("Tăng trưởng kinh tế Hải Phòng") >= 3
    assert unicodedata.normalize("NFC", text) == text


def test_control_characters_are_dropped_and_the_file_still_opens():
    data = make_data()
    data.header.subject = "Tổng kết\x00 Nghị quyết\x0b 32\x1f"
    data.assessment[0].narrative = "Tăng\x07 trưởng\ufffe"
    data.sections[0].html = "<p>Đoạn\x01 văn\x1b</p>"
    data.recipients = ["Bộ\x08 Chính trị"]
    text = all_text(open_docx(build_report(data)))
    assert "Tổng kết Nghị quyết 32" in text
    assert "Tăng trưởng" in text and "Đoạn văn" in text and "- Bộ Chính trị" in text


def test_characters_outside_the_font_are_kept(build):
    data = make_data()
    data.sections[0].html = "<p>Ghi chú ✓ 漢字 𝔸</p>"
    assert "Ghi chú ✓ 漢字 𝔸" in all_text(open_docx(build_report(data)))


def test_a_draft_with_a_huge_table_is_cut_with_a_note():
    rows = "".join(f"<tr><td>{i}</td><td>giá trị {i}</td></tr>" for i in range(5000))
    data = make_data()
    data.sections[0].html = f"<p>Trước bảng</p><table>{rows}</table><p>Sau bảng</p>"
    document = open_docx(build_report(data))
    text = all_text(document)
    assert "(bảng quá lớn, đã lược bớt: chỉ giữ 200 dòng đầu trong số 5.000 dòng)" in text
    assert "Sau bảng" in text
    assert max(len(t.rows) for t in document.tables) < 400


def test_unsupported_elements_and_scripts_are_rendered_as_their_text():
    data = make_data()
    data.sections[0].html = (
        '<p>Trước <span style="color:red">màu</span> <a href="x">liên kết</a></p>'
        "<script>alert('xss')</script>"
        '<img src="data:image/png;base64,không-phải-ảnh" alt="Sơ đồ">'
        "<iframe>khung</iframe><video>phim</video><div>khối <blink>nháy</blink></div>"
    )
    document = open_docx(build_report(data))
    text = all_text(document)
    assert "Trước màu liên kết" in text
    assert "alert('xss')" in text
    assert "[Sơ đồ]" in text
    assert "khung" in text and "phim" in text and "khối nháy" in text
    assert len(document.inline_shapes) == 1  # the one chart; the broken image is not embedded


def test_odd_header_values_still_give_a_document():
    data = make_data()
    data.header.format = "không rõ"
    data.header.date = None  # type: ignore[assignment]
    data.header.number = ""
    data.header.parent_body = ""
    text = all_text(open_docx(build_report(data)))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text  # an unknown format falls back to the Party's
    assert "Hà Nội, ngày" in text


def test_odd_rows_and_series_do_not_break_the_build():
    data = make_data()
    data.assessment.append(AssessmentRow("", "", "", "", "", "mystery", "", "", False, True))
    data.charts.append(
        ChartSeries("X", "Giá $ USD", "$", [(2015, float("nan")), (2016, float("inf"))])
    )
    data.charts.append(
        ChartSeries(
            "Y",
            "Một điểm",
            "%",
            [(2018, 5.0)],
            target_lower=7.0,
            target_upper=6.0,
            target_year=2020,
            illustrative=True,
        )
    )
    data.sections.append(ReportSection("IV", "Cấp lạ", 9, "", "không-có"))
    text = all_text(open_docx(build_report(data)))
    assert "Biểu đồ 3. Giá $ USD ($): Chưa có số liệu." in text
    assert "Biểu đồ 4. Một điểm (%) (số liệu minh họa)" in text
    assert "IV. Cấp lạ" in text


def test_progress_is_reported_in_order_and_ends_complete():
    calls = []
    build_report(
        make_data(), progress=lambda done, total, message: calls.append((done, total, message))
    )
    assert calls[0][2] == "Đã dựng phần đầu văn bản"
    assert any(message == "Đang vẽ biểu đồ 2/2" for _, _, message in calls)
    assert [done for done, _, _ in calls] == sorted(done for done, _, _ in calls)
    total = calls[-1][1]
    assert calls[-1] == (total, total, "Đã dựng xong báo cáo")
    assert all(done < total for done, _, _ in calls[:-1])


def test_a_table_with_notes_keeps_its_last_row_on_the_notes_page(build):
    document = build()
    for header in ("Nhận xét", "Nguồn"):
        table = next(t for t in document.tables if t.rows[0].cells[-1].text == header)
        last = table.rows[-1].cells[0].paragraphs[0]
        assert last.paragraph_format.keep_with_next is True
        assert table.rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next is not True


def test_data_that_is_not_a_report_is_refused_with_a_vietnamese_message():
    with pytest.raises(ReportBuildError, match="Thiếu phần đầu văn bản"):
        build_report(None)  # type: ignore[arg-type]
