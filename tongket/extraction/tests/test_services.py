"""confirm_targets (all or nothing, units, years, codes, indicators), suggestions, sentences."""

from __future__ import annotations

import pytest

from tongket.extraction.services import (
    ConfirmError,
    NewIndicator,
    TargetRow,
    confirm_targets,
    propose_indicator_code,
    rank_indicators,
    sentence_around,
    suggest_indicator,
)
from tongket.resolutions.models import Indicator, Target
from tongket.reviews.models import Activity


def _row(number=1, **fields) -> TargetRow:
    values = {"text": "GRDP bình quân đầu người đạt 14.740 USD", "lower": 14740.0, "upper": 14740.0,
              "unit": "USD", "year": 2025}  # fmt: skip
    values.update(fields)
    return TargetRow(number=number, **values)


def test_it_saves_a_target_linked_to_an_existing_indicator(world):
    [target] = confirm_targets(
        world.resolution, [_row(indicator_id=world.indicator.pk)], world.secretariat
    )
    target.refresh_from_db()
    assert target.indicator == world.indicator
    assert (target.lower, target.upper, target.unit, target.year) == (14740, 14740, "USD", 2025)
    assert target.code == "T2"  # the world already has T1


def test_it_creates_a_new_indicator_for_a_row(world):
    row = _row(
        text="thu ngân sách đạt 100 nghìn tỷ đồng",
        lower=100.0,
        upper=100.0,
        unit="nghìn tỷ đồng",
        new_indicator=NewIndicator(code="THU_NS", name="Thu ngân sách", unit="tỷ đồng"),
    )
    [target] = confirm_targets(world.resolution, [row], world.secretariat)
    indicator = Indicator.objects.get(code="THU_NS")
    assert target.indicator == indicator
    assert indicator.search_text == "thu_ns thu ngan sach"


def test_bounds_in_a_scaled_unit_are_stored_in_the_indicator_unit(world):
    row = _row(
        text="thu ngân sách đạt 1,5 - 2 nghìn tỷ đồng",
        lower=1.5,
        upper=2.0,
        unit="nghìn tỷ đồng",
        new_indicator=NewIndicator(code="THU_NS", name="Thu ngân sách", unit="tỷ đồng"),
    )
    [target] = confirm_targets(world.resolution, [row], world.secretariat)
    target.refresh_from_db()
    assert (target.lower, target.upper, target.unit) == (1500, 2000, "tỷ đồng")
    assert target.text == "thu ngân sách đạt 1,5 - 2 nghìn tỷ đồng"  # as the resolution words it


def test_a_unit_that_cannot_be_converted_refuses_the_whole_batch_naming_the_row(world):
    good = _row(1, indicator_id=world.indicator.pk)
    bad = _row(2, text="xuất khẩu đạt 30 tỷ đồng", unit="tỷ đồng", indicator_id=world.indicator.pk)
    with pytest.raises(ConfirmError) as caught:
        confirm_targets(world.resolution, [good, bad], world.secretariat)
    assert any(
        m.startswith("Dòng 2:") and "'tỷ đồng' sang 'USD'" in m for m in caught.value.messages
    )
    assert world.resolution.targets.count() == 1  # only the world's T1: nothing was saved


def test_a_growth_target_without_a_start_year_is_refused(world):
    row = _row(text="tăng trưởng GRDP bình quân 12%/năm", lower=12.0, upper=12.0, unit="%/năm",
               kind="average_growth", indicator_id=world.growth_indicator.pk)  # fmt: skip
    with pytest.raises(ConfirmError, match="năm bắt đầu"):
        confirm_targets(world.resolution, [row], world.secretariat)


def test_a_growth_target_with_its_start_year_is_kept_in_percent_per_year(world):
    row = _row(text="tăng trưởng GRDP bình quân 12%/năm", lower=12.0, upper=12.0, unit="%/năm",
               kind="average_growth", start_year=2021, indicator_id=world.indicator.pk)  # fmt: skip
    [target] = confirm_targets(world.resolution, [row], world.secretariat)
    assert (target.lower, target.unit, target.start_year) == (12, "%/năm", 2021)


def test_a_ratio_target_needs_its_base_year(world):
    row = _row(text="GRDP gấp 2 lần", lower=2.0, upper=2.0, unit="lần", kind="ratio_to_base",
               indicator_id=world.indicator.pk)  # fmt: skip
    with pytest.raises(ConfirmError, match="năm gốc"):
        confirm_targets(world.resolution, [row], world.secretariat)


def test_a_lower_bound_above_the_upper_is_refused(world):
    row = _row(lower=20.0, upper=10.0, indicator_id=world.indicator.pk)
    with pytest.raises(ConfirmError, match="cận dưới lớn hơn cận trên"):
        confirm_targets(world.resolution, [row], world.secretariat)


def test_a_target_code_already_in_the_resolution_is_refused(world):
    with pytest.raises(ConfirmError, match="'T1' đã có"):
        confirm_targets(world.resolution, [_row(code="T1", indicator_id=world.indicator.pk)], None)


def test_generated_codes_skip_the_codes_given_in_the_batch(world):
    rows = [_row(1, code="T2", indicator_id=world.indicator.pk),
            _row(2, indicator_id=world.indicator.pk)]  # fmt: skip
    targets = confirm_targets(world.resolution, rows, world.secretariat)
    assert [t.code for t in targets] == ["T2", "T3"]
    assert targets[0].order < targets[1].order


def test_a_new_indicator_code_that_exists_is_refused(world):
    row = _row(new_indicator=NewIndicator(code="grdp_pc", name="GRDP", unit="USD"))
    with pytest.raises(ConfirmError, match="'grdp_pc' đã có"):
        confirm_targets(world.resolution, [row], world.secretariat)


def test_two_rows_creating_the_same_new_indicator_share_it(world):
    new = NewIndicator(code="KHACH", name="Khách du lịch", unit="triệu lượt")
    rows = [_row(1, text="đón 5 triệu lượt khách", lower=5.0, upper=5.0, unit="triệu lượt",
                 new_indicator=new),
            _row(2, text="đón 8.000 nghìn lượt khách", lower=8000.0, upper=8000.0, unit="nghìn lượt",
                 year=2030, new_indicator=new)]  # fmt: skip
    first, second = confirm_targets(world.resolution, rows, world.secretariat)
    assert first.indicator_id == second.indicator_id
    assert Indicator.objects.filter(code="KHACH").count() == 1
    assert (second.lower, second.unit) == (8, "triệu lượt")


def test_a_row_with_no_indicator_is_refused(world):
    with pytest.raises(ConfirmError, match="Dòng 1: hãy chọn một chỉ số"):
        confirm_targets(world.resolution, [_row()], world.secretariat)


def test_an_empty_batch_is_refused(world):
    with pytest.raises(ConfirmError, match="Chưa chọn chỉ tiêu nào"):
        confirm_targets(world.resolution, [], world.secretariat)


def test_the_import_is_written_in_the_review_feed(world):
    confirm_targets(world.resolution, [_row(indicator_id=world.indicator.pk)], world.secretariat)
    activity = Activity.objects.get(review=world.review, verb="targets_imported")
    assert "Nhập 1 chỉ tiêu" in activity.summary
    assert activity.actor == world.secretariat


def test_nothing_is_saved_when_a_later_row_is_wrong(world):
    rows = [_row(1, new_indicator=NewIndicator(code="NEW1", name="Mới", unit="USD")),
            _row(2, lower=5.0, upper=1.0, indicator_id=world.indicator.pk)]  # fmt: skip
    with pytest.raises(ConfirmError):
        confirm_targets(world.resolution, rows, world.secretariat)
    assert not Indicator.objects.filter(code="NEW1").exists()
    assert Target.objects.filter(resolution=world.resolution).count() == 1


# --------------------------------------------------------------------------- suggestions (no database)


def _indicators():
    return [
        Indicator(pk=1, code="GRDP_PC", name="GRDP bình quân đầu người", unit="USD"),
        Indicator(pk=2, code="GRDP_GROWTH", name="Tốc độ tăng trưởng GRDP", unit="%"),
        Indicator(pk=3, code="POOR", name="Tỷ lệ hộ nghèo", unit="%"),
    ]


def test_the_closest_indicator_is_suggested_by_name():
    assert suggest_indicator("GRDP bình quân/người", _indicators()).code == "GRDP_PC"
    assert suggest_indicator("tốc độ tăng trưởng GRDP", _indicators()).code == "GRDP_GROWTH"


def test_suggestions_ignore_diacritics():
    assert suggest_indicator("ty le ho ngheo", _indicators()).code == "POOR"


def test_nothing_is_suggested_when_no_indicator_is_close():
    assert suggest_indicator("số doanh nghiệp thành lập mới", _indicators()) is None
    assert suggest_indicator("", _indicators()) is None


def test_ranked_indicators_come_best_first():
    ranked = [i.code for _score, i in rank_indicators("tăng trưởng GRDP", _indicators())]
    assert ranked[0] == "GRDP_GROWTH"
    assert "POOR" not in ranked


def test_a_proposed_indicator_code_is_folded_and_unique():
    assert propose_indicator_code("Tỷ lệ hộ nghèo") == "TY_LE_HO_NGHEO"
    assert propose_indicator_code("Tỷ lệ hộ nghèo", {"TY_LE_HO_NGHEO"}) == "TY_LE_HO_NGHEO_2"
    assert propose_indicator_code("") == "CHI_SO"


def test_the_sentence_around_a_span_stops_at_sentence_ends():
    text = "Mở đầu. Đến năm 2025, GRDP đạt 14.740 USD. Câu sau."
    start = text.index("GRDP")
    assert sentence_around(text, (start, start + 19)) == "Đến năm 2025, GRDP đạt 14.740 USD."
    assert sentence_around(text, (5, 999)) == ""
