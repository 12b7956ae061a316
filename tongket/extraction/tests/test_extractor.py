"""The extractor's rules, one behaviour per test (pure Python: no database, no Django)."""

from __future__ import annotations

import json

import pytest

from tongket.extraction.extractor import ExtractedTarget, extract_targets, parse_number


def one(text: str) -> ExtractedTarget:
    """The single target of `text` (fails when there is not exactly one)."""
    targets = extract_targets(text)
    assert len(targets) == 1, [t.to_dict() for t in targets]
    return targets[0]


def test_it_gives_the_issue_example_exactly() -> None:
    text = "Đến năm 2025, GRDP bình quân/người đạt 14.740 USD"
    target = one(text)
    assert target.to_dict() == {
        "text": "GRDP bình quân/người đạt 14.740 USD",
        "span": [14, 49],
        "indicator_text": "GRDP bình quân/người",
        "lower": 14740,
        "upper": 14740,
        "approximate": False,
        "unit": "USD",
        "direction": "increase",
        "kind": "level",
        "start_year": None,
        "year": 2025,
        "base_year": None,
    }
    assert text[14:49] == target.text


def test_the_span_points_into_the_original_input_after_earlier_text() -> None:
    prefix = "I. MỤC TIÊU\nNghị quyết xác định các mục tiêu phát triển của thành phố.\n"
    text = prefix + "Đến năm 2025, GRDP bình quân/người đạt 14.740 USD."
    target = one(text)
    start, end = target.span
    assert text[start:end] == "GRDP bình quân/người đạt 14.740 USD"
    assert start == len(prefix) + len("Đến năm 2025, ")


def test_to_dict_is_json_with_ints_for_integral_bounds_and_floats_otherwise() -> None:
    data = one("Tỷ lệ đô thị hóa đạt 33,5%.").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["lower"] == 33.5 and isinstance(data["lower"], float)
    assert isinstance(one("Trồng mới 1.000 ha rừng.").to_dict()["lower"], int)


@pytest.mark.parametrize(
    ("written", "value"),
    [("14.740", 14740), ("6,4", 6.4), ("1.000.000", 1000000), ("33,5", 33.5), ("1.234,5", 1234.5)],
)
def test_it_reads_vietnamese_numbers(written: str, value: float) -> None:
    assert float(parse_number(written)) == value
    target = one(f"Chỉ tiêu A đạt {written} tỷ đồng.")
    assert target.lower == target.upper == value


@pytest.mark.parametrize(
    ("text", "lower", "upper", "unit"),
    [
        ("Tăng trưởng đạt 12 - 13%.", 12, 13, "%"),
        ("GDP bình quân đầu người đạt 4.900 - 5.000 USD.", 4900, 5000, "USD"),
        ("Thu ngân sách từ 180.000 - 190.000 tỷ đồng.", 180000, 190000, "tỷ đồng"),
        ("Tỷ lệ che phủ đạt 65 – 70%.", 65, 70, "%"),
        ("Tỷ lệ che phủ đạt 65—70%.", 65, 70, "%"),
        ("Thu ngân sách đạt từ 180.000 đến 190.000 tỷ đồng.", 180000, 190000, "tỷ đồng"),
        ("Tỷ lệ đất giao thông đạt từ 16% đến 26%.", 16, 26, "%"),
    ],
)
def test_it_reads_ranges_with_any_dash_and_tu_den(
    text: str, lower: float, upper: float, unit: str
) -> None:
    target = one(text)
    assert (target.lower, target.upper, target.unit) == (lower, upper, unit)


@pytest.mark.parametrize(
    ("words", "lower", "upper", "approximate"),
    [
        ("đạt 70%", 70, 70, False),
        ("khoảng 70%", 70, 70, True),
        ("chiếm 70%", 70, 70, False),
        ("ổn định ở mức 70%", 70, 70, False),
        ("duy trì ở mức 70%", 70, 70, False),
        ("trên 70%", 70, None, False),
        ("đạt ít nhất 70%", 70, None, False),
        ("tối thiểu 70%", 70, None, False),
        ("không dưới 70%", 70, None, False),
        ("đạt 70% trở lên", 70, None, False),
        ("dưới 70%", None, 70, False),
        ("không quá 70%", None, 70, False),
        ("tối đa 70%", None, 70, False),
        ("xuống dưới 70%", None, 70, False),
        ("giảm xuống 70%", None, 70, False),
        ("còn 70%", None, 70, False),
    ],
)
def test_bound_words_set_lower_upper_and_approximate(
    words: str, lower: float | None, upper: float | None, approximate: bool
) -> None:
    target = one(f"Tỷ lệ A {words}.")
    assert (target.lower, target.upper, target.approximate) == (lower, upper, approximate)


def test_an_upper_bound_alone_means_decrease() -> None:
    target = one("Tỷ lệ hộ nghèo giảm xuống dưới 1%.")
    assert (target.lower, target.upper, target.direction) == (None, 1, "decrease")


def test_giam_means_decrease_even_with_both_bounds() -> None:
    target = one("Tỷ lệ hộ nghèo giảm bình quân 1 - 1,5%/năm.")
    assert (target.lower, target.upper, target.direction) == (1, 1.5, "decrease")


def test_a_lower_bound_means_increase() -> None:
    assert one("Tỷ lệ lao động qua đào tạo đạt trên 70%.").direction == "increase"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Tăng trưởng 7%/năm.", "%/năm"),
        ("GRDP bình quân đầu người đạt 40.000 đô la Mỹ (USD).", "đô la Mỹ (USD)"),
        ("Thu ngân sách đạt 1.500 nghìn tỷ đồng.", "nghìn tỷ đồng"),
        ("Thu nhập bình quân đạt 120 triệu đồng.", "triệu đồng"),
        ("Sản lượng hàng hóa qua cảng đạt 380 triệu tấn.", "triệu tấn"),
        ("Khách du lịch đạt 15 triệu lượt.", "triệu lượt"),
        ("Quy mô kinh tế gấp 2 lần năm 2020.", "lần"),
        ("Tuổi thọ trung bình đạt 76 tuổi.", "tuổi"),
        ("Dân số đạt 2.500.000 người.", "người"),
        ("Trồng mới 1.000 ha rừng.", "ha"),
        ("Xây dựng 50 km đường cao tốc.", "km"),
        ("Diện tích nhà ở bình quân đạt 32 m2.", "m2"),
        ("Đến năm 2025 có 1.500 doanh nghiệp.", "doanh nghiệp"),
        ("Mật độ thuê bao đạt 50 thuê bao/100 dân.", "thuê bao/100 dân"),
        ("Chi cho khoa học đạt 2% GRDP.", "% GRDP"),
    ],
)
def test_the_unit_is_read_as_written(text: str, unit: str) -> None:
    assert one(text).unit == unit


@pytest.mark.parametrize(
    ("text", "start_year", "year"),
    [
        ("Tỷ lệ A đạt 50% đến năm 2030.", None, 2030),
        ("Tỷ lệ A đạt 50% vào năm 2025.", None, 2025),
        ("Năm 2025, tỷ lệ A đạt 50%.", None, 2025),
        ("Tỷ lệ A đạt 50% vào cuối năm 2025.", None, 2025),
        ("Tỷ lệ A tăng bình quân 7%/năm giai đoạn 2021 - 2025.", 2021, 2025),
        ("Thời kỳ 2001 - 2010, tỷ lệ A tăng bình quân 7%/năm.", 2001, 2010),
        ("Tỷ lệ A đạt 50%.", None, None),
    ],
)
def test_years_and_periods(text: str, start_year: int | None, year: int | None) -> None:
    target = one(text)
    assert (target.start_year, target.year) == (start_year, year)


def test_a_head_year_applies_to_every_target_of_the_sentence() -> None:
    targets = extract_targets("Đến năm 2025, tỷ lệ A đạt 50%; tỷ lệ B đạt 60%, tỷ lệ C đạt 70%.")
    assert [t.year for t in targets] == [2025, 2025, 2025]


def test_a_head_year_of_a_list_applies_to_its_lines() -> None:
    text = "Mục tiêu đến năm 2030:\n- Tỷ lệ A đạt 50%.\n- Tỷ lệ B đạt 60%.\nII. NHIỆM VỤ\nTỷ lệ C đạt 5%."
    assert [t.year for t in extract_targets(text)] == [2030, 2030, None]


def test_a_later_year_in_the_sentence_overrides_the_head_year_for_its_target() -> None:
    targets = extract_targets("Đến năm 2025, tỷ lệ đô thị hóa đạt 50%, đến năm 2030 đạt 60%.")
    assert [(t.indicator_text, t.year) for t in targets] == [
        ("tỷ lệ đô thị hóa", 2025),
        ("tỷ lệ đô thị hóa", 2030),
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tốc độ tăng trưởng GRDP bình quân 12 - 13%/năm.", "average_growth"),
        ("Kim ngạch xuất khẩu tăng bình quân hằng năm 15%.", "average_growth"),
        ("Tổng vốn đầu tư giai đoạn 2021 - 2025 đạt 1.000.000 tỷ đồng.", "cumulative"),
        ("Tổng vốn đầu tư giai đoạn 2021 - 2025 tăng bình quân 10%/năm.", "average_growth"),
        ("Quy mô kinh tế gấp 2 lần năm 2020.", "ratio_to_base"),
        ("GRDP bình quân/người đạt 14.740 USD.", "level"),
        ("Tỷ lệ che phủ rừng bình quân đạt 42%.", "level"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert one(text).kind == kind


def test_a_ratio_to_a_base_year_reads_the_base_year() -> None:
    target = one("Đến năm 2030, quy mô kinh tế gấp 2 lần năm 2020.")
    assert (target.kind, target.lower, target.base_year, target.year) == (
        "ratio_to_base",
        2,
        2020,
        2030,
    )


def test_a_growth_target_without_start_year_is_still_extracted() -> None:
    target = one("Năng suất lao động tăng bình quân 6,5%/năm.")
    assert (target.kind, target.start_year, target.year) == ("average_growth", None, None)


def test_several_targets_split_on_semicolons_and_trong_do() -> None:
    text = (
        "Tỷ lệ hộ nghèo dưới 1%; tỷ lệ lao động qua đào tạo đạt 70%, trong đó có bằng cấp, "
        "chứng chỉ đạt 35 - 40%."
    )
    assert [t.indicator_text for t in extract_targets(text)] == [
        "Tỷ lệ hộ nghèo",
        "tỷ lệ lao động qua đào tạo",
        "bằng cấp, chứng chỉ",
    ]


def test_a_comma_list_keeps_commas_inside_an_indicator() -> None:
    text = (
        "Cơ cấu kinh tế: dịch vụ chiếm 63%, công nghiệp - xây dựng 33,5%, nông, lâm, thủy sản 3,5%."
    )
    targets = extract_targets(text)
    assert [(t.indicator_text, t.lower) for t in targets] == [
        ("dịch vụ", 63),
        ("công nghiệp - xây dựng", 33.5),
        ("nông, lâm, thủy sản", 3.5),
    ]
    for target in targets:
        assert text[target.span[0] : target.span[1]] == target.text


def test_a_target_with_no_indicator_of_its_own_takes_the_previous_one() -> None:
    targets = extract_targets("Tỷ lệ đô thị hóa đạt 60% vào năm 2025 và 70% vào năm 2030.")
    assert [(t.indicator_text, t.lower, t.year) for t in targets] == [
        ("Tỷ lệ đô thị hóa", 60, 2025),
        ("Tỷ lệ đô thị hóa", 70, 2030),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Xây dựng Hải Phòng trở thành thành phố đi đầu cả nước.",
        "Nghị quyết số 45-NQ/TW ngày 24/01/2019 của Bộ Chính trị.",
        "Sau 15 năm thực hiện Nghị quyết số 32, thành phố đạt nhiều kết quả.",
        "Giai đoạn 2021 - 2025 là giai đoạn bứt phá.",
        "1. Mục tiêu tổng quát",
        "Hội nghị lần thứ 13 Ban Chấp hành Trung ương khóa XII.",
        "Ngày 23-03-2018, Ban Chỉ đạo họp phiên thứ nhất.",
        "Phòng, chống dịch COVID-19 hiệu quả.",
        "Thực hiện Quyết định 1579/QĐ-TTg ngày 22/9/2021.",
        "",
    ],
)
def test_years_dates_numbering_and_identifiers_are_never_targets(text: str) -> None:
    assert extract_targets(text) == []


def test_a_baseline_is_not_a_target_only_the_value_it_moves_to() -> None:
    target = one("Tỷ lệ lao động nông nghiệp giảm từ 25% năm 2020 xuống còn 15% năm 2030.")
    assert (target.lower, target.upper, target.year) == (None, 15, 2030)


def test_a_qualifier_inside_the_indicator_is_not_a_target() -> None:
    target = one("Tỷ lệ suy dinh dưỡng ở trẻ em dưới 5 tuổi giảm xuống dưới 15%.")
    assert (target.upper, target.unit) == (15, "%")


def test_it_reads_text_in_decomposed_unicode() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Đến năm 2025, tỷ lệ hộ nghèo giảm xuống dưới 1%.")
    target = one(text)
    assert (target.upper, target.year, target.direction) == (1, 2025, "decrease")


def test_a_short_heading_line_with_a_year_heads_the_list_below_it() -> None:
    text = (
        "2.1. Mục tiêu đến năm 2025\n- GRDP bình quân đầu người đạt 14.740 USD.\n"
        "2.2. Mục tiêu đến năm 2030\n- GRDP bình quân đầu người đạt 29.900 USD."
    )
    assert [(t.lower, t.year) for t in extract_targets(text)] == [(14740, 2025), (29900, 2030)]


def test_a_section_reporting_results_states_no_targets() -> None:
    text = (
        "I. TÌNH HÌNH VÀ NGUYÊN NHÂN\nNăm 2017, GRDP bình quân đầu người đạt 3.694 USD.\n"
        "II. MỤC TIÊU\nĐến năm 2025, GRDP bình quân đầu người đạt 14.740 USD."
    )
    assert [(t.lower, t.year) for t in extract_targets(text)] == [(14740, 2025)]


def test_symbols_bound_values_too() -> None:
    assert (one("Tỷ lệ hộ nghèo ≤ 1%.").upper, one("Tỷ lệ A ≥ 95%.").lower) == (1, 95)


def test_a_ratio_written_in_words_is_read() -> None:
    target = one("Đến năm 2030, thu nhập của người dân tăng gấp đôi so với năm 2020.")
    assert (target.lower, target.unit, target.kind, target.base_year, target.year) == (
        2,
        "lần",
        "ratio_to_base",
        2020,
        2030,
    )


def test_an_abbreviation_dot_does_not_end_the_sentence() -> None:
    target = one("Tại TP. Hải Phòng, tỷ lệ đô thị hóa đạt 70% vào năm 2030.")
    assert target.indicator_text == "Tại TP. Hải Phòng, tỷ lệ đô thị hóa"
