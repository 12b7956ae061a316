"""The sanitised HTML subset of section drafts, rendered as WordprocessingML blocks."""

from __future__ import annotations

import time
import unicodedata

from lxml import etree

from tongket.reports.html_to_docx import (
    MAX_TABLE_COLS,
    MAX_TABLE_ROWS,
    clean_text,
    mm,
    render_html,
    w,
)


def render(html: str) -> list[etree._Element]:
    blocks: list[etree._Element] = []
    render_html(html, blocks.append, width=mm(160))
    return blocks


def text_of(element: etree._Element) -> str:
    parts = []
    for node in element.iter(w("t"), w("br"), w("tab")):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag == w("br"):
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def paragraphs(html: str) -> list[str]:
    return [text_of(b) for b in render(html) if b.tag == w("p")]


def runs(element: etree._Element) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, underline) of each run of a paragraph."""
    result = []
    for r in element.iter(w("r")):
        rpr = r.find(w("rPr"))
        flags = [rpr is not None and rpr.find(w(tag)) is not None for tag in ("b", "i", "u")]
        result.append((text_of(r), *flags))
    return result


def test_paragraphs_keep_bold_italic_and_underline():
    (p,) = render(
        "<p>Một <b>đậm</b> <strong>mạnh</strong> <i>nghiêng</i> <em>nhấn</em> "
        "<u>gạch</u> <b><i>cả hai</i></b></p>"
    )
    got = [r for r in runs(p) if r[0].strip()]
    assert got == [
        ("Một ", False, False, False),
        ("đậm", True, False, False),
        ("mạnh", True, False, False),
        ("nghiêng", False, True, False),
        ("nhấn", False, True, False),
        ("gạch", False, False, True),
        ("cả hai", True, True, False),
    ]


def test_whitespace_collapses_as_a_browser_shows_it():
    assert paragraphs("<p>\n  Hai   từ\n\t</p>") == ["Hai từ"]


def test_a_line_break_stays_a_line_break():
    assert paragraphs("<p>dòng một<br>dòng hai<br/>dòng ba</p>") == ["dòng một\ndòng hai\ndòng ba"]


def test_headings_h2_to_h4_are_bold_or_italic_paragraphs():
    h2, h3, h4 = render("<h2>Hai</h2><h3>Ba</h3><h4>Bốn</h4>")
    assert runs(h2) == [("Hai", True, False, False)]
    assert runs(h3) == [("Ba", True, True, False)]
    assert runs(h4) == [("Bốn", False, True, False)]


def test_nested_lists_use_dashes_pluses_and_numbers():
    html = (
        "<ul><li>một<ul><li>một con</li><li>hai con<ol><li>số một</li></ol></li></ul></li>"
        "<li>hai</li></ul><ol><li>thứ nhất</li><li>thứ hai</li></ol>"
    )
    assert paragraphs(html) == [
        "- một",
        "+ một con",
        "+ hai con",
        "1. số một",
        "- hai",
        "1. thứ nhất",
        "2. thứ hai",
    ]


def test_list_items_without_closing_tags_are_separate_items():
    assert paragraphs("<ul><li>a<li>b<li>c</ul>") == ["- a", "- b", "- c"]


def test_a_table_keeps_its_header_rows_and_cells():
    (table,) = [
        b
        for b in render(
            "<table><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th></tr></thead>"
            "<tbody><tr><td>GRDP</td><td><b>14.740</b></td></tr>"
            "<tr><td colspan='2'>Ghi chú chung</td></tr></tbody></table>"
        )
        if b.tag == w("tbl")
    ]
    rows = table.findall(w("tr"))
    assert [[text_of(tc) for tc in tr.findall(w("tc"))] for tr in rows] == [
        ["Chỉ tiêu", "Giá trị"],
        ["GRDP", "14.740"],
        ["Ghi chú chung"],
    ]
    assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
    assert rows[1].find(f"{w('trPr')}/{w('tblHeader')}") is None
    assert rows[2].find(f"{w('tc')}/{w('tcPr')}/{w('gridSpan')}").get(w("val")) == "2"
    assert len(table.find(w("tblGrid"))) == 2


def test_a_huge_table_is_cut_at_the_limit_with_a_note():
    rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(3000))
    blocks = render(f"<table>{rows}</table>")
    table = blocks[0]
    assert len(table.findall(w("tr"))) == MAX_TABLE_ROWS
    assert text_of(blocks[1]) == (
        "(bảng quá lớn, đã lược bớt: chỉ giữ 200 dòng đầu trong số 3.000 dòng)"
    )


def test_a_table_too_wide_keeps_its_first_columns_with_a_note():
    cells = "".join(f"<td>{i}</td>" for i in range(40))
    blocks = render(f"<table><tr>{cells}</tr></table>")
    assert len(blocks[0].find(w("tblGrid"))) == MAX_TABLE_COLS
    assert "chỉ giữ 12 cột đầu trong số 40 cột" in text_of(blocks[1])


def test_unsupported_elements_are_rendered_as_their_text():
    assert paragraphs(
        "<div>Khối <span>nhịp</span> <a href='#'>liên kết</a> <font color=red>màu</font></div>"
        "<section><h1>Tiêu đề lớn</h1></section><blockquote>trích</blockquote>"
    ) == ["Khối nhịp liên kết màu", "Tiêu đề lớn", "trích"]


def test_a_script_is_shown_as_text_never_run():
    assert paragraphs("<p>a</p><script>alert('x')</script><style>p{}</style>") == [
        "a",
        "alert('x')p{}",
    ]


def test_an_image_that_is_not_one_is_skipped_keeping_its_alt_text():
    blocks = render(
        '<p>Xem <img src="data:image/png;base64,!!!" alt="Sơ đồ"> dưới</p><img src="x.exe">'
    )
    assert [text_of(b) for b in blocks] == ["Xem [Sơ đồ] dưới"]
    assert not any(list(b.iter(w("drawing"))) for b in blocks)


def test_broken_markup_still_renders_all_its_text():
    assert paragraphs("<p>mở <b>đậm <i>cả hai</p><p>tiếp</b> theo</i></p></td></tr>") == [
        "mở đậm cả hai",
        "tiếp theo",
    ]


def test_very_deep_nesting_is_bounded():
    html = "<div>" * 5000 + "sâu" + "</div>" * 5000
    assert paragraphs(html) == ["sâu"]


def test_an_overlong_draft_is_cut_with_a_note_and_stays_fast():
    html = "<p>đoạn văn bản dài</p>" * 60_000
    started = time.perf_counter()
    texts = paragraphs(html)
    assert time.perf_counter() - started < 10
    assert texts[-1] == "(nội dung quá dài, đã lược bớt phần cuối)"
    assert texts[0] == "đoạn văn bản dài"


def test_text_is_composed_and_stripped_of_xml_invalid_characters():
    nfd = unicodedata.normalize("NFD", "Hải Phòng")
    assert clean_text(nfd) == "Hải Phòng"
    assert clean_text("a\x00b\x0bc\x1fd\ufffee\x85f\ud800g") == "abcdefg"
    assert clean_text("tab\tnewline\n") == "tab\tnewline\n"
    assert paragraphs(f"<p>{nfd}\x01</p>") == ["Hải Phòng"]


def test_an_empty_or_missing_draft_renders_nothing():
    assert render("") == []
    assert render("   <p> </p> ") == []
    assert render(None) == []  # type: ignore[arg-type]
