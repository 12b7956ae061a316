"""The notice of conclusions and the meeting's news-style summary (pure: no database)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from tongket.reviews.notice import (
    ConclusionFact,
    MeetingFacts,
    Person,
    TaskFact,
    build_notice,
    date_words,
    notice_number,
    summary_text,
)

FACTS = MeetingFacts(
    title="Phiên họp thứ nhất của Ban Chỉ đạo",
    held_on=dt.date(2018, 3, 23),
    place="Hà Nội",
    chair=Person("Nguyễn Văn Bình", "Trưởng Ban Kinh tế Trung ương"),
    attendees=(
        Person("Lê Văn Thành", "Bí thư Thành ủy Hải Phòng"),
        Person("Đại diện lãnh đạo các bộ, ngành"),
    ),
    agenda=("Kế hoạch xây dựng Đề án", "Đề cương Đề án"),
    speakers=(Person("Lê Văn Thành"),),
    conclusions=(
        ConclusionFact(
            "Các bộ, ngành phối hợp chặt chẽ.", (TaskFact("Cục Thống kê HP", dt.date(2018, 5, 31)),)
        ),
    ),
    issuer="Ban Chỉ đạo Trung ương",
    number="01-TB/BCĐ",
    recipients=("Bộ Chính trị (để báo cáo)", "Lưu Văn phòng."),
    signer_position="Trưởng ban",
    signer_name="Nguyễn Văn Bình",
)


def test_dates_are_written_the_party_way():
    assert date_words(dt.date(2018, 3, 23)) == "ngày 23 tháng 3 năm 2018"
    assert date_words(dt.date(2018, 2, 5)) == "ngày 05 tháng 02 năm 2018"


def test_a_notice_without_a_number_leaves_a_blank_to_fill_in():
    assert notice_number(FACTS) == "Số 01-TB/BCĐ"
    blank = MeetingFacts(title="Họp", held_on=dt.date(2018, 3, 23))
    assert notice_number(blank).startswith("Số ") and notice_number(blank).endswith("-TB/BCĐ")


def test_the_summary_says_who_chaired_who_attended_what_was_discussed_and_concluded():
    text = summary_text(FACTS)
    assert text.startswith(
        "Ngày 23/3/2018, tại Hà Nội, đồng chí Nguyễn Văn Bình, Trưởng Ban Kinh tế Trung ương đã chủ trì phiên họp thứ nhất"
    )
    assert (
        "Tham dự phiên họp có đồng chí Lê Văn Thành, Bí thư Thành ủy Hải Phòng và đại diện lãnh đạo các bộ, ngành."
        in text
    )
    assert "thảo luận, cho ý kiến về kế hoạch xây dựng Đề án và đề cương Đề án" in text
    assert "1. Các bộ, ngành phối hợp chặt chẽ. — Giao: Cục Thống kê HP (hạn 31/05/2018)." in text


def test_the_notice_is_a_party_format_document_in_times_new_roman_14():
    document = Document(io.BytesIO(build_notice(FACTS)))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    assert header == [
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN CHỈ ĐẠO TRUNG ƯƠNG", "*", "Số 01-TB/BCĐ",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 23 tháng 3 năm 2018",
    ]  # fmt: skip
    body = [p.text for p in document.paragraphs]
    assert "THÔNG BÁO" in body
    assert any(
        p.startswith(
            "Kết luận của đồng chí Nguyễn Văn Bình, Trưởng Ban Kinh tế Trung ương tại phiên họp"
        )
        for p in body
    )
    footer = [p.text for cell in document.tables[1].rows[0].cells for p in cell.paragraphs]
    assert footer[:3] == ["Nơi nhận:", "- Bộ Chính trị (để báo cáo),", "- Lưu Văn phòng."]
    assert "Nguyễn Văn Bình" in footer
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert 14 in {r.font.size.pt for r in runs}
