"""Property tests (hypothesis) of the assessment maths: rates, monotonic verdicts, no crashes."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tongket.assessment.rules import (
    BASIS_RANK,
    VERDICTS,
    Observation,
    TargetSpec,
    assess,
    judge,
    pick_yearly,
)

# Verdicts in order of merit, for the monotonicity properties.
MERIT = {"not_achieved": 0, "basically_achieved": 1, "achieved": 2, "exceeded": 3}

# Rates with 2 decimals between −90 % and +100 %: what the rules round to.
rates = st.integers(min_value=-9000, max_value=10000).map(lambda k: k / 100)
finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
tolerances = st.floats(min_value=0, max_value=1, allow_nan=False)
kinds = st.sampled_from(["level", "average_growth", "cumulative", "ratio_to_base"])


def growth_target(start: int, end: int, indicator_kind: str) -> TargetSpec:
    """An average-growth target over start..end, bounds irrelevant to the actual."""
    return TargetSpec(
        code="P",
        kind="average_growth",
        direction="increase",
        lower=0,
        upper=None,
        unit="%",
        year=end,
        start_year=start,
        indicator_kind=indicator_kind,
    )


@st.composite
def bounded_targets(draw: st.DrawFn, direction: str) -> TargetSpec:
    """A target with some bound shape (range, single value, lower only, upper only)."""
    shape = draw(st.sampled_from(["range", "single", "lower", "upper"]))
    a = draw(moderate)
    b = draw(moderate)
    lower, upper = {
        "range": (min(a, b), max(a, b)),
        "single": (a, a),
        "lower": (a, None),
        "upper": (None, a),
    }[shape]
    return TargetSpec(
        code="P",
        kind=draw(kinds),
        direction=direction,
        lower=lower,
        upper=upper,
        unit="%",
        year=2020,
        start_year=2016,
        base_year=2015,
        decimals=draw(st.integers(min_value=0, max_value=6)),
    )


@settings(deadline=None)
@given(rate=rates, years=st.integers(min_value=1, max_value=30))
def test_the_geometric_mean_of_a_constant_rate_is_that_rate(rate: float, years: int) -> None:
    start, end = 2001, 2000 + years
    figures = {y: Observation(y, rate, "official") for y in range(start, end + 1)}
    result = assess(growth_target(start, end, "growth"), figures)
    assert result.actual == rate


@settings(deadline=None)
@given(
    rate=st.integers(min_value=-5000, max_value=5000).map(lambda k: k / 100),
    first=st.floats(min_value=1, max_value=1e9),
    years=st.integers(min_value=1, max_value=30),
)
def test_the_compound_rate_from_levels_is_the_rate_that_made_them(
    rate: float, first: float, years: int
) -> None:
    start, end = 2001, 2000 + years
    last = first * (1 + rate / 100) ** years
    figures = {
        start - 1: Observation(start - 1, first, "official"),
        end: Observation(end, last, "official"),
    }
    result = assess(growth_target(start, end, "level"), figures)
    assert result.actual is not None
    assert math.isclose(result.actual, rate, abs_tol=1e-9)


@settings(deadline=None)
@given(
    growth=st.lists(
        st.floats(min_value=-50, max_value=50, allow_nan=False), min_size=1, max_size=20
    ),
    first=st.floats(min_value=1, max_value=1e6),
)
def test_rates_and_the_levels_they_make_give_the_same_average(
    growth: list[float], first: float
) -> None:
    start = 2001
    end = start + len(growth) - 1
    levels = {start - 1: first}
    for offset, g in enumerate(growth):
        levels[start + offset] = levels[start + offset - 1] * (1 + g / 100)
    from_rates = assess(
        growth_target(start, end, "growth"),
        {start + i: Observation(start + i, g, "official") for i, g in enumerate(growth)},
    )
    from_levels = assess(
        growth_target(start, end, "level"),
        {y: Observation(y, v, "official") for y, v in levels.items()},
    )
    assert from_rates.actual is not None and from_levels.actual is not None
    # both are rounded to 2 decimals: they may fall either side of a rounding edge
    assert abs(from_rates.actual - from_levels.actual) <= 0.01 + 1e-9


@settings(deadline=None)
@given(target=bounded_targets("increase"), a=moderate, b=moderate, tolerance=tolerances)
def test_an_increase_verdict_never_gets_worse_as_the_actual_rises(
    target: TargetSpec, a: float, b: float, tolerance: float
) -> None:
    low, high = min(a, b), max(a, b)
    assert MERIT[judge(low, target, tolerance)] <= MERIT[judge(high, target, tolerance)]


@settings(deadline=None)
@given(target=bounded_targets("decrease"), a=moderate, b=moderate, tolerance=tolerances)
def test_a_decrease_verdict_never_gets_better_as_the_actual_rises(
    target: TargetSpec, a: float, b: float, tolerance: float
) -> None:
    low, high = min(a, b), max(a, b)
    assert MERIT[judge(low, target, tolerance)] >= MERIT[judge(high, target, tolerance)]


@settings(deadline=None)
@given(
    actual=finite,
    lower=st.none() | finite,
    upper=st.none() | finite,
    direction=st.sampled_from(["increase", "decrease"]),
    kind=kinds,
    decimals=st.integers(min_value=-3, max_value=20),
    tolerance=tolerances,
)
def test_judge_never_raises_for_finite_inputs(
    actual: float,
    lower: float | None,
    upper: float | None,
    direction: str,
    kind: str,
    decimals: int,
    tolerance: float,
) -> None:
    target = TargetSpec(
        code="P",
        kind=kind,
        direction=direction,
        lower=lower,
        upper=upper,
        unit="%",
        year=2020,
        decimals=decimals,
    )
    assert judge(actual, target, tolerance) in VERDICTS


@settings(deadline=None)
@given(
    target=bounded_targets("increase") | bounded_targets("decrease"),
    values=st.dictionaries(
        st.integers(min_value=2010, max_value=2022), finite, min_size=0, max_size=10
    ),
    tolerance=tolerances,
)
def test_assess_never_raises_and_always_explains(
    target: TargetSpec, values: dict[int, float], tolerance: float
) -> None:
    figures = {y: Observation(y, v, "preliminary") for y, v in values.items()}
    result = assess(target, figures, tolerance)
    assert result.verdict in VERDICTS
    assert result.explanation and result.narrative.endswith(".")
    assert (result.actual is None) == (result.verdict == "no_data")


@given(
    figures=st.lists(
        st.builds(
            Observation,
            year=st.integers(min_value=2015, max_value=2020),
            value=moderate,
            basis=st.sampled_from(list(BASIS_RANK)),
        ),
        max_size=20,
    )
)
def test_pick_yearly_keeps_the_most_final_basis_of_each_year(figures: list[Observation]) -> None:
    chosen = pick_yearly(figures)
    assert set(chosen) == {obs.year for obs in figures}
    for year, obs in chosen.items():
        best = max(BASIS_RANK[o.basis] for o in figures if o.year == year)
        assert BASIS_RANK[obs.basis] == best
