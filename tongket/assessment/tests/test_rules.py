"""Unit tests of the assessment rules (issue 6): every kind, direction, bound shape and verdict.

Pure: no database, no Django.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal

import pytest

from tongket.assessment.rules import (
    BASIS_LABELS_VI,
    BASIS_RANK,
    VERDICT_LABELS_VI,
    Assessment,
    Observation,
    TargetSpec,
    apply_manual,
    assess,
    bounds_text,
    judge,
    pick_yearly,
    round_half_up,
)


def spec(**changes: object) -> TargetSpec:
    """A level target for 2020 in %, increase, no bounds unless given."""
    fields: dict[str, object] = {
        "code": "CT01",
        "kind": "level",
        "direction": "increase",
        "lower": None,
        "upper": None,
        "unit": "%",
        "year": 2020,
        "indicator_name": "Tỷ lệ đô thị hóa",
    }
    fields.update(changes)
    return TargetSpec(**fields)  # type: ignore[arg-type]


def yearly(values: dict[int, float], basis: str = "official") -> dict[int, Observation]:
    """Yearly figures of one basis."""
    return {year: Observation(year, value, basis) for year, value in values.items()}


GRDP = spec(
    code="CT02",
    kind="average_growth",
    lower=12,
    upper=13,
    unit="tỷ đồng",
    year=2020,
    start_year=2016,
    indicator_name="GRDP",
    decimals=1,
)


# --------------------------------------------------------------------------------------------------
# The interface's constants


def test_the_labels_and_ranks_are_the_agreed_ones() -> None:
    assert VERDICT_LABELS_VI == {
        "exceeded": "Vượt",
        "achieved": "Đạt",
        "basically_achieved": "Cơ bản đạt",
        "not_achieved": "Không đạt",
        "no_data": "Chưa có số liệu",
    }
    assert BASIS_RANK == {"estimate": 0, "preliminary": 1, "official": 2}
    assert BASIS_LABELS_VI == {
        "estimate": "ước tính",
        "preliminary": "sơ bộ",
        "official": "chính thức",
    }


# --------------------------------------------------------------------------------------------------
# judge: each direction × bound shape × verdict, tolerance edges


@pytest.mark.parametrize(
    ("lower", "upper", "actual", "expected"),
    [
        # a range 12–13: above exceeded, inside achieved, within 5 % below basically, else not
        (12, 13, 13.01, "exceeded"),
        (12, 13, 13, "achieved"),
        (12, 13, 12.5, "achieved"),
        (12, 13, 12, "achieved"),
        (12, 13, 11.99, "basically_achieved"),
        (12, 13, 11.4, "basically_achieved"),  # exactly lower·(1 − T)
        (12, 13, 11.39, "not_achieved"),
        # a single value (lower = upper)
        (10, 10, 10.01, "exceeded"),
        (10, 10, 10, "achieved"),
        (10, 10, 9.5, "basically_achieved"),
        (10, 10, 9.49, "not_achieved"),
        # lower bound only ("trên 70%"): never exceeded
        (70, None, 100, "achieved"),
        (70, None, 70, "achieved"),
        (70, None, 66.5, "basically_achieved"),
        (70, None, 66.49, "not_achieved"),
        # upper bound only with increase: the bound is the level to reach
        (None, 70, 100, "achieved"),
        (None, 70, 70, "achieved"),
        (None, 70, 66.5, "basically_achieved"),
        (None, 70, 66.49, "not_achieved"),
    ],
)
def test_an_increase_target_is_judged_by_its_bounds(
    lower: float | None, upper: float | None, actual: float, expected: str
) -> None:
    assert judge(actual, spec(lower=lower, upper=upper), 0.05) == expected


@pytest.mark.parametrize(
    ("lower", "upper", "actual", "expected"),
    [
        # a range 1–2, lower is better: below exceeded, inside achieved, within 5 % above basically
        (1, 2, 0.99, "exceeded"),
        (1, 2, 1, "achieved"),
        (1, 2, 1.5, "achieved"),
        (1, 2, 2, "achieved"),
        (1, 2, 2.01, "basically_achieved"),
        (1, 2, 2.1, "basically_achieved"),  # exactly upper·(1 + T)
        (1, 2, 2.11, "not_achieved"),
        # a single value
        (5, 5, 4.99, "exceeded"),
        (5, 5, 5, "achieved"),
        (5, 5, 5.25, "basically_achieved"),
        (5, 5, 5.26, "not_achieved"),
        # upper bound only ("dưới 1%"): never exceeded
        (None, 1, 0, "achieved"),
        (None, 1, 1, "achieved"),
        (None, 1, 1.05, "basically_achieved"),
        (None, 1, 1.06, "not_achieved"),
        # lower bound only with decrease: the bound is the level not to pass
        (1, None, 0, "achieved"),
        (1, None, 1, "achieved"),
        (1, None, 1.05, "basically_achieved"),
        (1, None, 1.06, "not_achieved"),
    ],
)
def test_a_decrease_target_is_judged_by_the_mirrored_rules(
    lower: float | None, upper: float | None, actual: float, expected: str
) -> None:
    assert judge(actual, spec(direction="decrease", lower=lower, upper=upper), 0.05) == expected


@pytest.mark.parametrize(
    ("direction", "lower", "upper", "actual", "expected"),
    [
        # 7·0.95 is 6.6499999999999995 in floats: the edge must still count as within tolerance
        ("increase", 7, None, 6.65, "basically_achieved"),
        ("increase", 7, None, 6.64, "not_achieved"),
        # 3·1.1 is 3.3000000000000003 in floats
        ("decrease", None, 3, 3.3, "basically_achieved"),
        ("decrease", None, 3, 3.31, "not_achieved"),
    ],
)
def test_a_value_exactly_on_the_tolerance_edge_is_on_the_edge(
    direction: str, lower: float | None, upper: float | None, actual: float, expected: str
) -> None:
    tolerance = 0.05 if direction == "increase" else 0.1
    target = spec(direction=direction, lower=lower, upper=upper)
    assert judge(actual, target, tolerance) == expected


def test_a_larger_tolerance_widens_the_basically_achieved_band() -> None:
    target = spec(lower=12, upper=13)
    assert judge(10.8, target, 0.1) == "basically_achieved"
    assert judge(10.8, target, 0.05) == "not_achieved"


def test_a_zero_tolerance_leaves_no_basically_achieved() -> None:
    target = spec(lower=12, upper=13)
    assert judge(11.99, target, 0) == "not_achieved"
    assert judge(12, target, 0) == "achieved"


def test_the_default_tolerance_is_five_percent() -> None:
    target = spec(lower=100)
    assert judge(95, target) == "basically_achieved"
    assert judge(94.99, target) == "not_achieved"


def test_bounds_given_in_the_wrong_order_are_put_back_in_order() -> None:
    reversed_target = spec(lower=13, upper=12)
    assert judge(13.5, reversed_target, 0.05) == "exceeded"
    assert judge(12.5, reversed_target, 0.05) == "achieved"
    assert judge(11.5, reversed_target, 0.05) == "basically_achieved"


def test_a_negative_bound_keeps_a_tolerance_band_of_its_own_width() -> None:
    # "reduce by at least 2 % a year": growth ≤ −2; within 5 % of 2 above it is basically achieved
    target = spec(direction="decrease", upper=-2)
    assert judge(-2.5, target, 0.05) == "achieved"
    assert judge(-1.9, target, 0.05) == "basically_achieved"
    assert judge(-1.89, target, 0.05) == "not_achieved"
    rising = spec(lower=-2)
    assert judge(-2.1, rising, 0.05) == "basically_achieved"
    assert judge(-2.11, rising, 0.05) == "not_achieved"


def test_a_target_without_bounds_or_qualitative_has_no_computed_verdict() -> None:
    assert judge(50, spec(), 0.05) == "no_data"
    assert judge(50, spec(lower=10, qualitative=True), 0.05) == "no_data"


def test_judge_rounds_the_actual_to_the_indicators_decimals_before_comparing() -> None:
    target = spec(lower=70, decimals=2)
    assert judge(69.995, target, 0) == "achieved"  # 70,00
    assert judge(69.994, target, 0) == "not_achieved"  # 69,99
    assert judge(69.94, spec(lower=70, decimals=1), 0) == "not_achieved"  # 69,9
    assert judge(69.95, spec(lower=70, decimals=1), 0) == "achieved"  # 70,0


def test_judge_rounds_half_up_as_a_person_expects() -> None:
    # round(2.675, 2) is 2.67 in Python floats; a person rounds it to 2,68
    assert judge(2.675, spec(lower=2.68, decimals=2), 0) == "achieved"


def test_rates_and_ratios_are_compared_at_two_decimals_whatever_the_indicator_says() -> None:
    rate = spec(kind="average_growth", lower=12.35, decimals=0, start_year=2016)
    assert judge(12.345, rate, 0) == "achieved"
    ratio = spec(kind="ratio_to_base", lower=1.5, decimals=0, base_year=2015)
    assert judge(1.494, ratio, 0) == "not_achieved"  # 1,49, not 1


@pytest.mark.parametrize("tolerance", [-0.01, 1.5, math.nan, math.inf])
def test_judge_refuses_a_tolerance_outside_zero_to_one(tolerance: float) -> None:
    with pytest.raises(ValueError, match="Ngưỡng sai số"):
        judge(10, spec(lower=10), tolerance)


def test_judge_refuses_a_non_finite_actual_and_an_unknown_direction() -> None:
    with pytest.raises(ValueError):
        judge(math.nan, spec(lower=10), 0.05)
    with pytest.raises(ValueError, match="chiều"):
        judge(10, spec(lower=10, direction="sideways"), 0.05)


# --------------------------------------------------------------------------------------------------
# Rounding


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, 2.68),
        (-2.675, 2, -2.68),
        (1.005, 2, 1.01),
        (0.5, 0, 1.0),
        (14.000004945, 2, 14.0),
        (1e300, 2, 1e300),
    ],
)
def test_round_half_up_rounds_the_decimal_text_half_up(
    value: float, decimals: int, expected: float
) -> None:
    assert round_half_up(value, decimals) == expected


# --------------------------------------------------------------------------------------------------
# Choosing figures


def test_the_most_final_basis_wins_whatever_the_order() -> None:
    figures = [
        Observation(2020, 10.0, "estimate"),
        Observation(2020, 11.0, "official"),
        Observation(2020, 12.0, "preliminary"),
        Observation(2019, 8.0, "estimate"),
        Observation(2019, 9.0, "preliminary"),
    ]
    chosen = pick_yearly(figures)
    assert chosen[2020] == Observation(2020, 11.0, "official")
    assert chosen[2019] == Observation(2019, 9.0, "preliminary")
    assert list(chosen) == [2019, 2020]


def test_between_two_figures_of_the_same_basis_the_later_one_wins() -> None:
    chosen = pick_yearly([Observation(2020, 1.0, "official"), Observation(2020, 2.0, "official")])
    assert chosen[2020].value == 2.0


def test_a_decimal_figure_from_the_database_is_used_as_a_number() -> None:
    figure = Observation(2020, Decimal("70.46"), "official")  # type: ignore[arg-type]
    assert figure.value == 70.46
    assert assess(spec(lower=70), {2020: figure}).actual == 70.46


def test_a_figure_that_is_not_a_number_gives_no_data() -> None:
    figure = Observation(2020, "70,5", "official")  # type: ignore[arg-type]
    result = assess(spec(lower=70), {2020: figure})
    assert result.verdict == "no_data"
    assert "năm 2020 không phải là số hữu hạn" in result.explanation


def test_figures_too_large_to_add_give_no_data_instead_of_an_error() -> None:
    target = spec(kind="cumulative", lower=1, start_year=2019)
    result = assess(target, yearly({2019: 1.7e308, 2020: 1.7e308}))
    assert result.verdict == "no_data"
    assert "vượt quá giới hạn" in result.explanation


def test_an_unknown_basis_is_refused_with_a_vietnamese_message() -> None:
    with pytest.raises(ValueError, match="Loại số liệu 'guess' của năm 2020"):
        Observation(2020, 1.0, "guess")


def test_the_basis_of_the_actual_is_the_least_final_of_the_figures_used() -> None:
    figures = {
        2015: Observation(2015, 100000, "official"),
        2020: Observation(2020, 192541.5, "preliminary"),
    }
    result = assess(GRDP, figures)
    assert result.basis == "preliminary"
    assert "(sơ bộ)" in result.explanation
    assert "(sơ bộ)" in result.narrative


def test_an_official_actual_has_no_basis_note() -> None:
    result = assess(spec(lower=70, decimals=1), yearly({2020: 72.0}))
    assert result.basis == "official"
    assert result.explanation == "Năm 2020: 72,0%; mục tiêu trên 70% → đạt"
    assert result.narrative.startswith("Tỷ lệ đô thị hóa năm 2020 đạt 72,0%, đạt mục tiêu")


# --------------------------------------------------------------------------------------------------
# level


def test_a_level_target_takes_the_target_years_figure() -> None:
    result = assess(spec(lower=70, decimals=1), yearly({2019: 75.0, 2020: 70.46}, "preliminary"))
    assert result.verdict == "achieved"
    assert result.actual == 70.5
    assert result.basis == "preliminary"
    assert result.unit == "%"
    assert result.explanation == "Năm 2020: 70,46 ≈ 70,5% (sơ bộ); mục tiêu trên 70% → đạt"
    assert result.narrative == (
        "Tỷ lệ đô thị hóa năm 2020 đạt 70,5% (sơ bộ), đạt mục tiêu Nghị quyết đề ra (trên 70%)."
    )
    assert result.projection is None and result.trend is None


def test_a_level_is_rounded_before_it_is_compared() -> None:
    target = spec(lower=70, decimals=1)
    assert assess(target, yearly({2020: 69.95}), 0).verdict == "achieved"
    assert assess(target, yearly({2020: 69.94}), 0).verdict == "not_achieved"


def test_a_level_target_without_its_years_figure_has_no_data_and_names_the_year() -> None:
    result = assess(spec(lower=70), yearly({2021: 75.0}))
    assert result.verdict == "no_data"
    assert result.actual is None and result.basis is None
    assert "Thiếu số liệu năm 2020" in result.explanation
    assert "năm 2020" in result.narrative


def test_a_level_that_is_not_a_finite_number_is_invalid() -> None:
    result = assess(spec(lower=70), yearly({2020: math.nan}))
    assert result.verdict == "no_data"
    assert "năm 2020 không phải là số hữu hạn" in result.explanation


def test_a_level_target_accepts_a_negative_figure() -> None:
    # a trade balance may be negative: nothing is divided or rooted
    target = spec(unit="triệu USD", lower=-100, decimals=0, indicator_name="Cán cân thương mại")
    result = assess(target, yearly({2020: -50.0}))
    assert result.verdict == "achieved"
    assert result.actual == -50.0
    assert "−50" in result.explanation


def test_a_decrease_level_says_what_remains() -> None:
    target = spec(direction="decrease", upper=1, indicator_name="Tỷ lệ hộ nghèo")
    result = assess(target, yearly({2020: 0.8}))
    assert result.verdict == "achieved"
    assert result.narrative == (
        "Tỷ lệ hộ nghèo năm 2020 còn 0,80%, đạt mục tiêu Nghị quyết đề ra (dưới 1%)."
    )


def test_a_basically_achieved_verdict_explains_the_tolerance() -> None:
    result = assess(spec(lower=70, decimals=1), yearly({2020: 67.0}))
    assert result.verdict == "basically_achieved"
    assert "trong ngưỡng 5%" in result.explanation
    assert "66,5%" in result.explanation
    assert "cơ bản đạt mục tiêu" in result.narrative


def test_a_not_achieved_verdict_names_the_edge_it_missed() -> None:
    result = assess(spec(direction="decrease", upper=1), yearly({2020: 1.2}))
    assert result.verdict == "not_achieved"
    assert "1,05%" in result.explanation
    assert "không đạt mục tiêu" in result.narrative


# --------------------------------------------------------------------------------------------------
# average_growth


def test_the_average_growth_from_levels_is_the_compound_rate() -> None:
    figures = yearly({2015: 100000, 2020: 192541.5})
    result = assess(GRDP, figures)
    assert result.verdict == "exceeded"
    assert result.actual == 14.0
    assert result.unit == "%/năm"
    assert result.explanation == (
        "Bình quân 2016–2020: (192.541,5 / 100.000)^(1/5) − 1 = 14,0%/năm; mục tiêu 12–13%/năm → vượt"
    )
    assert result.narrative == (
        "Tốc độ tăng trưởng GRDP bình quân giai đoạn 2016–2020 đạt 14,0%/năm, "
        "vượt mục tiêu Nghị quyết đề ra (12–13%/năm)."
    )


@pytest.mark.parametrize(
    ("end_level", "expected"),
    [
        (200000, "exceeded"),  # 14,87 %
        (180000, "achieved"),  # 12,47 %
        (174000, "basically_achieved"),  # 11,71 % ≥ 11,4
        (150000, "not_achieved"),  # 8,45 %
    ],
)
def test_the_average_growth_from_levels_gets_each_verdict(end_level: float, expected: str) -> None:
    result = assess(GRDP, yearly({2015: 100000, 2020: end_level}), 0.05)
    assert result.verdict == expected


def test_the_average_growth_needs_the_level_of_the_year_before_the_start() -> None:
    result = assess(GRDP, yearly({2016: 110000, 2020: 192541.5}))
    assert result.verdict == "no_data"
    assert result.actual is None
    assert "Thiếu số liệu năm 2015" in result.explanation


@pytest.mark.parametrize("bad_year", [2015, 2020])
def test_the_average_growth_refuses_a_level_of_zero_or_less(bad_year: int) -> None:
    values = {2015: 100000.0, 2020: 192541.5}
    values[bad_year] = 0.0 if bad_year == 2015 else -5.0
    result = assess(GRDP, yearly(values))
    assert result.verdict == "no_data"
    assert f"số liệu năm {bad_year}" in result.explanation.lower()
    assert "mức phải lớn hơn 0" in result.explanation


GROWTH = spec(
    code="CT03",
    kind="average_growth",
    lower=7,
    upper=None,
    unit="%",
    year=2020,
    start_year=2016,
    indicator_name="Tốc độ tăng trưởng GRDP",
    indicator_kind="growth",
    decimals=1,
)


def test_the_average_growth_of_yearly_rates_is_their_geometric_mean() -> None:
    rates = {2016: 7.0, 2017: 8.0, 2018: 9.0, 2019: 10.0, 2020: 11.0}
    product = math.prod(1 + g / 100 for g in rates.values())
    expected = round((product ** (1 / 5) - 1) * 100, 2)
    result = assess(GROWTH, yearly(rates))
    assert result.actual == expected == 8.99
    assert result.verdict == "achieved"
    assert result.explanation.startswith(
        "Bình quân 2016–2020: (1,07 × 1,08 × 1,09 × 1,1 × 1,11)^(1/5) − 1 = 8,99%/năm"
    )
    assert result.narrative.startswith(
        "Tốc độ tăng trưởng GRDP bình quân giai đoạn 2016–2020 đạt 8,99%/năm, đạt mục tiêu"
    )


def test_the_average_growth_of_rates_names_a_missing_year() -> None:
    result = assess(GROWTH, yearly({2016: 7.0, 2017: 8.0, 2019: 10.0, 2020: 11.0}))
    assert result.verdict == "no_data"
    assert "Thiếu số liệu năm 2018" in result.explanation


def test_a_rate_of_minus_100_percent_or_less_is_invalid() -> None:
    result = assess(GROWTH, yearly({2016: 7.0, 2017: -100.0, 2018: 9, 2019: 10, 2020: 11}))
    assert result.verdict == "no_data"
    assert "số liệu năm 2017" in result.explanation.lower()
    assert "lớn hơn −100%" in result.explanation


def test_a_rate_just_above_minus_100_percent_is_accepted() -> None:
    result = assess(GROWTH, yearly({2016: -99.0, 2017: 8, 2018: 9, 2019: 10, 2020: 11}))
    assert result.verdict == "not_achieved"
    assert result.actual is not None


def test_a_decrease_average_growth_below_a_negative_bound_is_achieved() -> None:
    # "giảm tiêu hao năng lượng ít nhất 1%/năm": yearly change ≤ −1
    target = spec(
        kind="average_growth",
        direction="decrease",
        upper=-1,
        start_year=2018,
        indicator_kind="growth",
        indicator_name="Cường độ năng lượng",
    )
    assert assess(target, yearly({2018: -2, 2019: -2, 2020: -2})).verdict == "achieved"
    assert assess(target, yearly({2018: -0.96, 2019: -0.96, 2020: -0.96})).verdict == (
        "basically_achieved"
    )
    assert assess(target, yearly({2018: -0.9, 2019: -0.9, 2020: -0.9})).verdict == "not_achieved"


def test_a_decrease_average_growth_range_is_exceeded_below_its_lower_bound() -> None:
    target = spec(
        kind="average_growth",
        direction="decrease",
        lower=2,
        upper=3,
        start_year=2019,
        indicator_kind="growth",
        indicator_name="Tốc độ tăng dân số",
    )
    assert assess(target, yearly({2019: 1.5, 2020: 1.5})).verdict == "exceeded"
    assert assess(target, yearly({2019: 2.5, 2020: 2.5})).verdict == "achieved"


# --------------------------------------------------------------------------------------------------
# cumulative


CUMULATIVE = spec(
    code="CT04",
    kind="cumulative",
    lower=60,
    upper=65,
    unit="tỷ USD",
    year=2020,
    start_year=2016,
    indicator_name="Vốn FDI thu hút",
    decimals=1,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([10, 12, 14, 16, 18], "exceeded"),  # 70
        ([10, 12, 14, 12, 14], "achieved"),  # 62
        ([10, 12, 14, 11, 11], "basically_achieved"),  # 58 ≥ 57
        ([10, 12, 10, 11, 11], "not_achieved"),  # 54
    ],
)
def test_a_cumulative_target_sums_the_years_of_its_period(
    values: list[float], expected: str
) -> None:
    figures = yearly(dict(zip(range(2016, 2021), values, strict=True)))
    figures[2015] = Observation(2015, 1000.0, "official")  # outside the period: not counted
    result = assess(CUMULATIVE, figures)
    assert result.verdict == expected
    assert result.actual == float(sum(values))
    assert result.unit == "tỷ USD"


def test_a_cumulative_explanation_shows_the_sum() -> None:
    result = assess(CUMULATIVE, yearly({2016: 10, 2017: 12, 2018: 14, 2019: 16, 2020: 18}))
    assert result.explanation == (
        "Cộng dồn 2016–2020: 10 + 12 + 14 + 16 + 18 = 70,0 tỷ USD; mục tiêu 60–65 tỷ USD → vượt"
    )
    assert result.narrative == (
        "Tổng vốn FDI thu hút giai đoạn 2016–2020 đạt 70,0 tỷ USD, "
        "vượt mục tiêu Nghị quyết đề ra (60–65 tỷ USD)."
    )


def test_a_cumulative_target_names_every_missing_year() -> None:
    result = assess(CUMULATIVE, yearly({2016: 10, 2018: 14, 2020: 18}))
    assert result.verdict == "no_data"
    assert "Thiếu số liệu năm 2017, 2019" in result.explanation


def test_a_decrease_cumulative_target_is_mirrored() -> None:
    target = spec(
        kind="cumulative",
        direction="decrease",
        upper=100,
        start_year=2019,
        unit="vụ",
        decimals=0,
        indicator_name="Số vụ cháy",
    )
    assert assess(target, yearly({2019: 40, 2020: 50})).verdict == "achieved"
    assert assess(target, yearly({2019: 50, 2020: 55})).verdict == "basically_achieved"
    assert assess(target, yearly({2019: 50, 2020: 56})).verdict == "not_achieved"


# --------------------------------------------------------------------------------------------------
# ratio_to_base


RATIO = spec(
    code="CT05",
    kind="ratio_to_base",
    lower=1.7,
    upper=None,
    unit="tỷ đồng",
    year=2020,
    base_year=2015,
    indicator_name="GRDP",
    decimals=0,
)


def test_a_ratio_to_base_divides_the_year_by_the_base_year() -> None:
    result = assess(RATIO, yearly({2015: 100000, 2020: 192541.5}))
    assert result.verdict == "achieved"
    assert result.actual == 1.93
    assert result.unit == "lần"
    assert result.explanation == (
        "Năm 2020 so với năm 2015: 192.541,5 / 100.000 = 1,93 lần; mục tiêu trên 1,7 lần → đạt"
    )
    assert result.narrative == (
        "GRDP năm 2020 gấp 1,93 lần năm 2015, đạt mục tiêu Nghị quyết đề ra (trên 1,7 lần)."
    )


@pytest.mark.parametrize(
    ("end", "expected"), [(165000, "basically_achieved"), (160000, "not_achieved")]
)
def test_a_ratio_to_base_short_of_its_target(end: float, expected: str) -> None:
    assert assess(RATIO, yearly({2015: 100000, 2020: end})).verdict == expected


def test_a_ratio_to_base_needs_a_base_above_zero() -> None:
    result = assess(RATIO, yearly({2015: 0, 2020: 192541.5}))
    assert result.verdict == "no_data"
    assert "số liệu năm 2015 (0) không hợp lệ" in result.explanation.lower()


def test_a_ratio_to_base_names_a_missing_base_year() -> None:
    result = assess(RATIO, yearly({2020: 192541.5}))
    assert "Thiếu số liệu năm 2015" in result.explanation


def test_a_decrease_ratio_to_base_is_mirrored() -> None:
    target = spec(
        kind="ratio_to_base",
        direction="decrease",
        lower=0.5,
        upper=0.8,
        base_year=2015,
        indicator_name="Tiêu hao năng lượng",
    )
    assert assess(target, yearly({2015: 100, 2020: 40})).verdict == "exceeded"
    result = assess(target, yearly({2015: 100, 2020: 70}))
    assert result.verdict == "achieved"
    assert "bằng 0,7 lần năm 2015" in result.narrative
    assert assess(target, yearly({2015: 100, 2020: 84})).verdict == "basically_achieved"
    assert assess(target, yearly({2015: 100, 2020: 85})).verdict == "not_achieved"


# --------------------------------------------------------------------------------------------------
# Targets that cannot be computed


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"year": None}, "chưa có năm mục tiêu"),
        ({"kind": "cumulative", "start_year": None}, "chưa có năm bắt đầu"),
        ({"kind": "average_growth", "start_year": 2021}, "năm bắt đầu 2021 sau năm mục tiêu 2020"),
        ({"kind": "ratio_to_base", "base_year": None}, "chưa có năm gốc"),
        ({"kind": "median"}, "loại chỉ tiêu 'median'"),
        ({"direction": "up"}, "chiều đánh giá 'up'"),
        ({"lower": math.inf}, "không phải là số hữu hạn"),
        (
            {"kind": "average_growth", "start_year": 2016, "indicator_kind": "index"},
            "loại chỉ số 'index'",
        ),
    ],
)
def test_a_badly_set_target_gives_no_data_with_the_reason(
    changes: dict[str, object], phrase: str
) -> None:
    target = spec(**{"lower": 10.0, **changes})
    result = assess(target, yearly({2015: 1.0, 2020: 12.0}))
    assert result.verdict == "no_data"
    assert phrase in result.explanation
    assert phrase in result.narrative


def test_assess_refuses_a_tolerance_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match="Ngưỡng sai số"):
        assess(spec(lower=1), yearly({2020: 1.0}), tolerance=5)


# --------------------------------------------------------------------------------------------------
# Qualitative and approximate targets


def test_a_qualitative_target_is_left_to_the_committee() -> None:
    target = spec(qualitative=True, text="Xây dựng Hải Phòng thành thành phố công nghiệp hiện đại")
    result = assess(target, yearly({2020: 80.0}))
    assert result.verdict == "no_data"
    assert result.actual is None
    assert "thủ công" in result.explanation
    assert "Xây dựng Hải Phòng" in result.narrative


def test_a_target_with_no_bounds_is_treated_as_qualitative() -> None:
    result = assess(spec(lower=None, upper=None), yearly({2020: 80.0}))
    assert result.verdict == "no_data"
    assert "định tính" in result.explanation


def test_an_approximate_target_is_marked_but_judged_the_same() -> None:
    exact = assess(CUMULATIVE, yearly({2016: 10, 2017: 12, 2018: 14, 2019: 12, 2020: 14}))
    approx_target = TargetSpec(**{**CUMULATIVE.__dict__, "approximate": True})
    approx = assess(approx_target, yearly({2016: 10, 2017: 12, 2018: 14, 2019: 12, 2020: 14}))
    assert approx.verdict == exact.verdict == "achieved"
    assert "mục tiêu khoảng 60–65 tỷ USD" in approx.explanation
    assert "(khoảng 60–65 tỷ USD)" in approx.narrative
    assert "khoảng" not in exact.explanation


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"lower": 12, "upper": 13}, "12–13%"),
        ({"lower": 12.5, "upper": 12.5}, "12,5%"),
        ({"lower": 70}, "trên 70%"),
        ({"upper": 70}, "trên 70%"),
        ({"direction": "decrease", "upper": 1}, "dưới 1%"),
        ({"direction": "decrease", "lower": 1}, "dưới 1%"),
        ({"lower": 12, "approximate": True}, "khoảng trên 12%"),
        ({"lower": 1500, "unit": "tỷ đồng"}, "trên 1.500 tỷ đồng"),
        ({"kind": "average_growth", "lower": 7, "upper": 7}, "7%/năm"),
        ({"kind": "ratio_to_base", "lower": 2, "upper": 2.5}, "2–2,5 lần"),
    ],
)
def test_the_target_value_is_written_as_people_write_it(
    changes: dict[str, object], expected: str
) -> None:
    assert bounds_text(spec(**changes)) == expected


# --------------------------------------------------------------------------------------------------
# Projection


def test_there_is_no_projection_with_two_figures() -> None:
    result = assess(spec(lower=15, year=2020), yearly({2018: 12, 2019: 14}))
    assert result.verdict == "no_data"
    assert result.projection is None and result.trend is None
    assert "Chưa đủ 3 năm số liệu" in result.explanation


def test_a_projection_with_three_figures_follows_their_line() -> None:
    figures = yearly({2017: 10, 2018: 12, 2019: 14})
    on_track = assess(spec(lower=15, upper=17, year=2020), figures)
    assert on_track.verdict == "no_data"  # stays no_data until 2020's figure exists
    assert on_track.actual is None
    assert on_track.projection == 16.0
    assert on_track.trend == "on_track"
    assert "bình phương nhỏ nhất" in on_track.explanation
    assert "2017–2019" in on_track.explanation
    assert "có khả năng đạt mục tiêu" in on_track.narrative
    exceeded = assess(spec(lower=14, upper=15, year=2020), figures)
    assert exceeded.trend == "on_track"
    short = assess(spec(lower=16.5, year=2020), figures)
    assert short.projection == 16.0
    assert short.trend == "off_track"  # basically achieved is not on track
    assert "có nguy cơ không đạt mục tiêu" in short.narrative


def test_a_projection_uses_only_the_last_five_figures() -> None:
    figures = yearly({2014: 1000, 2015: 10, 2016: 12, 2017: 14, 2018: 16, 2019: 18})
    result = assess(spec(lower=19, year=2020), figures)
    assert result.projection == 20.0
    assert "2015–2019" in result.explanation


def test_nothing_is_projected_when_a_later_figure_exists() -> None:
    # a later figure exists while the target year's is missing: the target year is not "later than
    # the latest figure", so nothing is projected
    result = assess(spec(lower=10, year=2020), yearly({2017: 10, 2018: 12, 2019: 14, 2021: 18}))
    assert result.verdict == "no_data"
    assert result.projection is None and result.trend is None


def test_there_is_no_projection_once_the_target_years_figure_exists() -> None:
    result = assess(spec(lower=10, year=2020), yearly({2017: 10, 2018: 12, 2019: 14, 2020: 16}))
    assert result.projection is None and result.trend is None


def test_a_decrease_projection_is_on_track_when_it_falls_below_the_limit() -> None:
    target = spec(direction="decrease", upper=1, year=2025, indicator_name="Tỷ lệ hộ nghèo")
    result = assess(target, yearly({2019: 2.1, 2020: 1.8, 2021: 1.5, 2022: 1.3}))
    assert result.projection == 0.46
    assert result.trend == "on_track"
    assert "dự báo còn 0,46%" in result.narrative


def test_a_cumulative_projection_adds_the_trend_for_the_missing_years() -> None:
    result = assess(CUMULATIVE, yearly({2016: 10, 2017: 12, 2018: 14}))
    assert result.projection == 70.0  # 10 + 12 + 14 + 16 + 18
    assert result.trend == "on_track"  # exceeded counts as on track


def test_a_ratio_projection_divides_the_trend_by_the_base() -> None:
    result = assess(RATIO, yearly({2015: 100, 2016: 110, 2017: 120, 2018: 130, 2019: 140}))
    assert result.projection == 1.5  # 150 / 100
    assert result.trend == "off_track"  # 1,5 < 1,7·0,95
    assert "năm 2020 khoảng 150 tỷ đồng, bằng 1,5 lần năm 2015" in result.explanation


def test_a_ratio_projection_needs_the_base_year() -> None:
    result = assess(RATIO, yearly({2017: 110, 2018: 120, 2019: 130}))
    assert result.projection is None and result.trend is None
    assert "năm gốc 2015" in result.explanation


def test_an_average_growth_projection_carries_the_compound_rate_so_far_forward() -> None:
    result = assess(GRDP, yearly({2015: 100, 2016: 110, 2017: 121}))
    assert result.verdict == "no_data"
    assert result.projection == 10.0
    assert result.trend == "off_track"
    assert "giữ tốc độ bình quân 2016–2017 (10,0%/năm) đến năm 2020" in result.explanation


def test_an_average_growth_projection_needs_three_figures() -> None:
    result = assess(GRDP, yearly({2015: 100, 2016: 115}))
    assert result.projection is None and result.trend is None
    assert "Chưa đủ 3 năm số liệu" in result.explanation


def test_an_average_growth_projection_names_the_figure_it_lacks() -> None:
    result = assess(GRDP, yearly({2016: 110, 2017: 121, 2018: 133}))
    assert result.projection is None
    assert "Không dự báo được: thiếu số liệu năm 2015" in result.explanation


def test_a_unit_with_braces_does_not_break_the_projection_text() -> None:
    target = TargetSpec(**{**RATIO.__dict__, "unit": "{value} đơn vị {x}"})
    result = assess(target, yearly({2015: 100, 2016: 110, 2017: 120, 2018: 130, 2019: 140}))
    assert result.projection == 1.5
    assert "đơn vị {x}" in result.explanation


def test_an_average_growth_projection_of_rates_uses_their_geometric_mean() -> None:
    on_track = assess(GROWTH, yearly({2016: 8, 2017: 8, 2018: 8}))
    assert on_track.projection == 8.0
    assert on_track.trend == "on_track"
    too_few = assess(GROWTH, yearly({2017: 8, 2018: 8}))
    assert too_few.projection is None


# --------------------------------------------------------------------------------------------------
# By hand


def test_a_manual_verdict_keeps_the_computed_one_visible() -> None:
    computed = assess(spec(lower=70, decimals=1), yearly({2020: 67.0}))
    manual = apply_manual(computed, "achieved", "  Số liệu điều tra   bổ sung  ")
    assert manual.verdict == "achieved"
    assert manual.manual is True
    assert manual.computed_verdict == "basically_achieved"
    assert manual.manual_reason == "Số liệu điều tra bổ sung"
    assert manual.actual == computed.actual
    assert manual.explanation.startswith(
        "Ban Chỉ đạo đánh giá thủ công: Đạt (lý do: Số liệu điều tra bổ sung)."
    )
    assert "Kết quả tính từ số liệu: Cơ bản đạt" in manual.explanation
    assert computed.explanation in manual.explanation
    assert manual.narrative == (
        "Tỷ lệ đô thị hóa năm 2020 được Ban Chỉ đạo đánh giá là đạt mục tiêu "
        "(Số liệu điều tra bổ sung)."
    )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_manual_verdict_needs_a_reason(reason: str | None) -> None:
    computed = assess(spec(lower=70), yearly({2020: 67.0}))
    with pytest.raises(ValueError, match="Cần ghi lý do"):
        apply_manual(computed, "achieved", reason)  # type: ignore[arg-type]


def test_a_manual_verdict_must_be_a_known_verdict() -> None:
    computed = assess(spec(lower=70), yearly({2020: 67.0}))
    with pytest.raises(ValueError, match="không hợp lệ"):
        apply_manual(computed, "great", "lý do")  # type: ignore[arg-type]


def test_judging_again_by_hand_keeps_the_first_computed_verdict() -> None:
    computed = assess(spec(lower=70), yearly({2020: 67.0}))
    first = apply_manual(computed, "achieved", "lý do một")
    second = apply_manual(first, "not_achieved", "lý do hai")
    assert second.verdict == "not_achieved"
    assert second.computed_verdict == "basically_achieved"
    assert second.manual_reason == "lý do hai"
    assert "lý do một" not in second.explanation
    assert second.explanation.count("Kết quả tính từ số liệu") == 1
    assert computed.explanation in second.explanation


def test_a_qualitative_target_is_judged_only_by_hand() -> None:
    target = spec(qualitative=True, text="Hoàn thiện thể chế đặc thù")
    manual = apply_manual(assess(target, {}), "achieved", "Đã ban hành đủ cơ chế")
    assert manual.verdict == "achieved"
    assert manual.computed_verdict == "no_data"
    assert manual.narrative == (
        "Chỉ tiêu “Hoàn thiện thể chế đặc thù” được Ban Chỉ đạo đánh giá là đạt mục tiêu "
        "(Đã ban hành đủ cơ chế)."
    )


# --------------------------------------------------------------------------------------------------
# JSON


def test_to_dict_gives_the_json_object_of_the_assess_command() -> None:
    result = assess(GRDP, yearly({2015: 100000, 2020: 192541.5}))
    data = result.to_dict()
    assert list(data) == [
        "target",
        "verdict",
        "actual",
        "basis",
        "lower",
        "upper",
        "unit",
        "year",
        "explanation",
        "narrative",
        "projection",
        "trend",
        "manual",
        "computed_verdict",
        "manual_reason",
    ]
    assert data["target"] == "CT02"
    assert data["actual"] == 14.0
    assert data["manual"] is False
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_an_assessment_is_immutable() -> None:
    result = assess(spec(lower=1), yearly({2020: 2.0}))
    assert isinstance(result, Assessment)
    with pytest.raises(AttributeError):
        result.verdict = "achieved"  # type: ignore[misc]
