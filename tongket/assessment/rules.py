"""The assessment rules of issue 6: a target's actual value, its verdict, its projection, in Vietnamese.

Pure Python (no Django): the command, the dashboard and the report all call `assess` with a
`TargetSpec` and the yearly figures chosen by `pick_yearly`, and show the `Assessment` it returns.

Decisions beyond the issue's text (documented here so that every caller knows them):

- A target whose only bound points the "wrong" way (a lower bound alone with direction `decrease`, or an
  upper bound alone with direction `increase`) is judged with that single bound as the limit in the
  target's direction: for `increase` it is the level to reach (like `trên X`), for `decrease` the level
  not to pass (like `dưới X`).
- Both bounds given in the wrong order (lower > upper) are put back in order before judging.
- The tolerance band is `|bound| · T` wide, which is `lower · (1 − T)` / `upper · (1 + T)` for the usual
  non-negative bounds and keeps a band of the same width (instead of an empty one) for a negative bound.
- The actual is rounded with ROUND_HALF_UP on the decimal text of the float (2.675 → 2,68), and the
  comparison is made in decimal arithmetic so that a value exactly on a tolerance edge is on the edge.
- `ratio_to_base` needs both figures above 0 (a ratio of levels); `average_growth` needs levels above 0
  or rates above −100 %; `level` and `cumulative` accept any finite figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal, get_args

from tongket.core.numbers import format_compact, format_number

Verdict = Literal["exceeded", "achieved", "basically_achieved", "not_achieved", "no_data"]
VERDICTS: tuple[str, ...] = get_args(Verdict)

VERDICT_LABELS_VI: dict[str, str] = {
    "exceeded": "Vượt",
    "achieved": "Đạt",
    "basically_achieved": "Cơ bản đạt",
    "not_achieved": "Không đạt",
    "no_data": "Chưa có số liệu",
}
BASIS_RANK: dict[str, int] = {"estimate": 0, "preliminary": 1, "official": 2}
BASIS_LABELS_VI: dict[str, str] = {
    "estimate": "ước tính",
    "preliminary": "sơ bộ",
    "official": "chính thức",
}
TREND_LABELS_VI: dict[str, str] = {
    "on_track": "có khả năng đạt mục tiêu",
    "off_track": "có nguy cơ không đạt mục tiêu",
}

TARGET_KINDS = ("level", "average_growth", "cumulative", "ratio_to_base")
DIRECTIONS = ("increase", "decrease")
INDICATOR_KINDS = ("level", "growth")
DEFAULT_TOLERANCE = 0.05
RATE_DECIMALS = 2  # rates and ratios are compared at 2 decimals whatever the indicator says
RATE_UNIT = "%/năm"
RATIO_UNIT = "lần"
PROJECTION_MIN_POINTS = 3
PROJECTION_MAX_POINTS = 5
_RAW_DECIMALS = 6  # figures quoted in a formula are shown as entered, up to this many decimals
_MAX_DECIMALS = 15
_FORMAT_PRECISION = 400  # decimal digits: enough for any float with its decimals
_FLOAT_INTEGER_LIMIT = 2.0**53  # above this every float is an integer: rounding changes nothing
_COMPUTED_MARKER = " Kết quả tính từ số liệu: "
_LABEL_SEPARATOR = " — "
_VALUE_SLOT = "{value}"  # where a projection's note takes its formatted value (no str.format: units are typed)
_DASH = "–"  # en dash for ranges of years and of values
_MINUS = "−"


@dataclass(frozen=True)
class TargetSpec:
    """A resolution's target as the rules need it, with its indicator's name, kind and decimals.

    `lower`/`upper` are in the indicator's unit (for `average_growth` in %/năm, for `ratio_to_base` in
    lần). `qualitative` targets, and targets with no bound at all, are judged by hand only.
    """

    code: str
    kind: str  # level | average_growth | cumulative | ratio_to_base
    direction: str  # increase | decrease
    lower: float | None
    upper: float | None
    unit: str
    year: int | None
    start_year: int | None = None
    base_year: int | None = None
    approximate: bool = False
    indicator_name: str = ""
    indicator_kind: str = "level"  # level | growth
    decimals: int = 2
    text: str = ""  # the target as worded
    qualitative: bool = False  # no number: judged by hand only


@dataclass(frozen=True)
class Observation:
    """One yearly figure of the target's indicator for the resolution's area, with its basis."""

    year: int
    value: float
    basis: str  # estimate | preliminary | official

    def __post_init__(self) -> None:
        """Take a Decimal (a DecimalField's value) as a float; refuse a basis the rules cannot rank."""
        if isinstance(self.value, Decimal | int) and not isinstance(self.value, bool):
            object.__setattr__(self, "value", float(self.value))
        if self.basis not in BASIS_RANK:
            raise ValueError(
                f"Loại số liệu '{self.basis}' của năm {self.year} không hợp lệ "
                "(chỉ nhận: estimate, preliminary, official)"
            )


@dataclass(frozen=True)
class Assessment:
    """The result for one target: verdict, actual with its basis, the arithmetic and a report sentence.

    `basis` is the least final basis among the figures used. When the committee judged by hand,
    `manual` is True, `computed_verdict` keeps the verdict computed from the figures and
    `manual_reason` the committee's reason. `subject` is the narrative's subject ("Tỷ lệ đô thị hóa
    năm 2020"), kept so that a verdict set by hand can be told in a sentence too.
    """

    target: str
    verdict: Verdict
    actual: float | None
    basis: str | None
    lower: float | None
    upper: float | None
    unit: str
    year: int | None
    explanation: str
    narrative: str
    projection: float | None
    trend: str | None  # on_track | off_track | None
    manual: bool = False
    computed_verdict: Verdict | None = None
    manual_reason: str = ""
    subject: str = ""

    def to_dict(self) -> dict:
        """The JSON object of `tongket assess --json` for this target."""
        return {
            "target": self.target,
            "verdict": self.verdict,
            "actual": self.actual,
            "basis": self.basis,
            "lower": self.lower,
            "upper": self.upper,
            "unit": self.unit,
            "year": self.year,
            "explanation": self.explanation,
            "narrative": self.narrative,
            "projection": self.projection,
            "trend": self.trend,
            "manual": self.manual,
            "computed_verdict": self.computed_verdict,
            "manual_reason": self.manual_reason,
        }


# --------------------------------------------------------------------------------------------------
# Choosing the figures


def pick_yearly(observations: Iterable[Observation]) -> dict[int, Observation]:
    """One figure per year: where a year has several bases, the most final wins.

    official > preliminary > estimate; between two figures of the same basis the later one given wins
    (callers pass figures oldest first).
    """
    chosen: dict[int, Observation] = {}
    for obs in observations:
        current = chosen.get(obs.year)
        if current is None or BASIS_RANK[obs.basis] >= BASIS_RANK[current.basis]:
            chosen[obs.year] = obs
    return dict(sorted(chosen.items()))


def least_final_basis(observations: Iterable[Observation]) -> str | None:
    """The least final basis among `observations` (None when there are none)."""
    bases = [obs.basis for obs in observations]
    return min(bases, key=BASIS_RANK.__getitem__) if bases else None


# --------------------------------------------------------------------------------------------------
# Rounding and judging


def result_unit(target: TargetSpec) -> str:
    """The unit of the actual: %/năm for an average growth, lần for a ratio, else the target's unit."""
    if target.kind == "average_growth":
        return RATE_UNIT
    if target.kind == "ratio_to_base":
        return RATIO_UNIT
    return target.unit


def result_decimals(target: TargetSpec) -> int:
    """Decimals the actual is rounded to: 2 for rates and ratios, else the indicator's decimals."""
    if target.kind in ("average_growth", "ratio_to_base"):
        return RATE_DECIMALS
    try:
        decimals = int(target.decimals)
    except (TypeError, ValueError):
        decimals = RATE_DECIMALS  # an indicator without decimals: the usual 2
    return min(max(decimals, 0), _MAX_DECIMALS)


def _round_decimal(value: float, decimals: int) -> Decimal:
    """`value` rounded half up at `decimals`, from its shortest decimal text (so 2.675 → 2.68)."""
    if not math.isfinite(value):
        raise ValueError("Giá trị không phải là số hữu hạn")
    if abs(value) >= _FLOAT_INTEGER_LIMIT:
        return Decimal(str(value))
    decimals = min(max(int(decimals), 0), _MAX_DECIMALS)
    with localcontext() as ctx:
        ctx.prec = 60
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: float, decimals: int) -> float:
    """`value` rounded the way a person expects (half up, from its decimal text): 2.675 → 2.68."""
    return float(_round_decimal(value, decimals))


def _limits(target: TargetSpec) -> tuple[Decimal | None, Decimal | None]:
    """The bounds as decimals, in order, with a single wrong-way bound moved to the target's side."""
    lower = None if target.lower is None else Decimal(str(target.lower))
    upper = None if target.upper is None else Decimal(str(target.upper))
    for bound in (lower, upper):
        if bound is not None and not bound.is_finite():
            raise ValueError(f"Mục tiêu {target.code}: giới hạn không phải là số hữu hạn")
    if lower is not None and upper is not None:
        return (lower, upper) if lower <= upper else (upper, lower)
    # A single bound is the limit in the target's direction (see the module docstring).
    single = lower if lower is not None else upper
    if target.direction == "increase":
        return single, None
    return None, single


def _check_tolerance(tolerance: float) -> Decimal:
    if not isinstance(tolerance, int | float | Decimal) or not math.isfinite(tolerance):
        raise ValueError("Ngưỡng sai số (tolerance) phải là một số hữu hạn")
    if not 0 <= tolerance <= 1:
        raise ValueError("Ngưỡng sai số (tolerance) phải nằm trong khoảng 0–1 (ví dụ 0,05 = 5%)")
    return Decimal(str(tolerance))


def _judge_decimal(actual: Decimal, target: TargetSpec, tol: Decimal) -> Verdict:
    if target.direction not in DIRECTIONS:
        raise ValueError(f"Mục tiêu {target.code}: chiều '{target.direction}' không hợp lệ")
    if target.qualitative or (target.lower is None and target.upper is None):
        return "no_data"
    lower, upper = _limits(target)
    with localcontext() as ctx:
        ctx.prec = 60
        if target.direction == "increase":
            assert lower is not None  # _limits always gives an increase target its lower limit
            if upper is not None and actual > upper:
                return "exceeded"
            if actual >= lower:
                return "achieved"
            if actual >= lower - abs(lower) * tol:
                return "basically_achieved"
            return "not_achieved"
        assert upper is not None  # and a decrease target its upper limit
        if lower is not None and actual < lower:
            return "exceeded"
        if actual <= upper:
            return "achieved"
        if actual <= upper + abs(upper) * tol:
            return "basically_achieved"
        return "not_achieved"


def judge(actual: float, target: TargetSpec, tolerance: float = DEFAULT_TOLERANCE) -> Verdict:
    """The verdict rules alone: `actual` (rounded as the target's kind says) against the bounds.

    increase, both bounds: > upper exceeded; in [lower, upper] achieved; in [lower·(1−T), lower)
    basically achieved; below not achieved. increase, lower only: ≥ lower achieved, within T below
    basically achieved. decrease is the mirror (< lower exceeded; in [lower, upper] achieved;
    in (upper, upper·(1+T)] basically achieved). No bound at all gives `no_data`.
    A single wrong-way bound is the limit in the target's direction (see the module docstring).
    Raises ValueError for a non-finite actual or bound, an unknown direction or a tolerance outside 0–1.
    """
    tol = _check_tolerance(tolerance)
    return _judge_decimal(_round_decimal(actual, result_decimals(target)), target, tol)


# --------------------------------------------------------------------------------------------------
# Vietnamese text


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit.startswith("%"):
        return number + unit
    return f"{number} {unit}"


def _compact(value: float | Decimal, max_decimals: int) -> str:
    # core.numbers rounds in the ambient decimal context (28 digits), which fails above 1e28:
    # give it room for any float.
    with localcontext() as ctx:
        ctx.prec = _FORMAT_PRECISION
        return format_compact(value, max_decimals)


def _fixed(value: float, decimals: int) -> str:
    with localcontext() as ctx:
        ctx.prec = _FORMAT_PRECISION
        return format_number(value, decimals)


def _raw(value: float) -> str:
    """A figure as entered (up to 6 decimals, no trailing zeros), Vietnamese style, minus sign."""
    return _compact(value, _RAW_DECIMALS).replace("-", _MINUS)


def _fmt_result(value: float, target: TargetSpec) -> str:
    """An actual or a projection: rates and ratios with 1–2 decimals (14,0), levels at the indicator's."""
    if target.kind in ("average_growth", "ratio_to_base"):
        text = _compact(value, RATE_DECIMALS)
        if "," not in text:
            text += ",0"
    else:
        text = _fixed(value, result_decimals(target))
    return text.replace("-", _MINUS)


def _basis_note(basis: str | None) -> str:
    if basis is None or basis == "official":
        return ""
    return f" ({BASIS_LABELS_VI[basis]})"


def bounds_text(target: TargetSpec) -> str:
    """The target value as people write it: `12–13%/năm`, `12%`, `trên 70%`, `dưới 1%`, `khoảng …`."""
    unit = result_unit(target)
    prefix = "khoảng " if target.approximate else ""
    lower, upper = target.lower, target.upper
    if lower is None and upper is None:
        return target.text or "(định tính)"
    if lower is not None and upper is not None:
        low, high = min(lower, upper), max(lower, upper)
        if low == high:
            return prefix + _with_unit(_raw(low), unit)
        return prefix + _with_unit(f"{_raw(low)}{_DASH}{_raw(high)}", unit)
    single = lower if lower is not None else upper
    assert single is not None
    word = "trên" if target.direction == "increase" else "dưới"
    return prefix + f"{word} " + _with_unit(_raw(single), unit)


def _years(years: Sequence[int]) -> str:
    """`2019–2023` for consecutive years, else `2017, 2019`."""
    ordered = sorted(years)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}{_DASH}{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def _lower_first(name: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (GRDP, FDI)."""
    if not name:
        return name
    first = name.split()[0]
    if len(first) > 1 and first.isupper():
        return name
    return name[0].lower() + name[1:]


def _name(target: TargetSpec) -> str:
    return (target.indicator_name or target.text or target.code).strip()


def _stage(target: TargetSpec) -> str:
    """` giai đoạn 2016–2020` when the target spans known years, else empty."""
    if target.start_year is not None and target.year is not None:
        return f" giai đoạn {target.start_year}{_DASH}{target.year}"
    return ""


def subject_of(target: TargetSpec) -> str:
    """The narrative's subject: what was measured, over which period."""
    name = _name(target)
    if target.qualitative or (target.lower is None and target.upper is None):
        return f"Chỉ tiêu “{(target.text or name).strip()}”"
    if target.kind == "average_growth":
        head = name
        if target.indicator_kind != "growth" and not name.lower().startswith(("tốc độ", "tăng")):
            head = f"Tốc độ tăng trưởng {_lower_first(name)}"
        return f"{head} bình quân{_stage(target)}"
    if target.kind == "cumulative":
        return f"Tổng {_lower_first(name)}{_stage(target)}"
    if target.year is not None:
        return f"{name} năm {target.year}"
    return name


def _verdict_word(verdict: str) -> str:
    return VERDICT_LABELS_VI[verdict].lower()


def _verb(target: TargetSpec) -> str:
    # "còn 0,8%" reads right for a level that should fall; "đạt" everywhere else.
    if target.direction == "decrease" and target.kind in ("level", "ratio_to_base"):
        return "còn"
    return "đạt"


def _tolerance_note(verdict: str, target: TargetSpec, tol: Decimal) -> str:
    """Why a value short of the target is still `cơ bản đạt`, or is not."""
    if verdict not in ("basically_achieved", "not_achieved"):
        return ""
    lower, upper = _limits(target)
    percent = _compact(tol * 100, 2)
    unit = result_unit(target)
    if target.direction == "increase":
        assert lower is not None
        edge = _with_unit(_raw(float(lower - abs(lower) * tol)), unit)
        if verdict == "basically_achieved":
            return f" (thấp hơn mục tiêu nhưng trong ngưỡng {percent}%: từ {edge})"
        return f" (thấp hơn ngưỡng {percent}% dưới mục tiêu: {edge})"
    assert upper is not None
    edge = _with_unit(_raw(float(upper + abs(upper) * tol)), unit)
    if verdict == "basically_achieved":
        return f" (cao hơn mục tiêu nhưng trong ngưỡng {percent}%: đến {edge})"
    return f" (cao hơn ngưỡng {percent}% trên mục tiêu: {edge})"


# --------------------------------------------------------------------------------------------------
# Computing the actual


@dataclass(frozen=True)
class _Computed:
    value: float
    used: tuple[Observation, ...]
    expression: str  # "Bình quân 2016–2020: (192.541,5 / 100.000)^(1/5) − 1"


@dataclass(frozen=True)
class _Missing:
    problems: tuple[str, ...]


def _gather(
    yearly: Mapping[int, Observation], years: Iterable[int], need: str
) -> tuple[list[Observation], list[str]]:
    """The figures of `years`, or the problems that stop them being used.

    `need` is "any" (finite), "positive" (a level a ratio or a root needs above 0) or "rate" (a yearly
    change above −100 %).
    """
    found: list[Observation] = []
    missing: list[int] = []
    problems: list[str] = []
    for year in years:
        obs = yearly.get(year)
        if obs is None:
            missing.append(year)
            continue
        value = obs.value
        if not isinstance(value, int | float) or not math.isfinite(value):
            problems.append(f"số liệu năm {year} không phải là số hữu hạn")
        elif need == "positive" and value <= 0:
            problems.append(
                f"số liệu năm {year} ({_raw(value)}) không hợp lệ cho phép tính: mức phải lớn hơn 0"
            )
        elif need == "rate" and value <= -100:
            problems.append(
                f"số liệu năm {year} ({_raw(value)}%) không hợp lệ cho phép tính: "
                f"tốc độ tăng phải lớn hơn {_MINUS}100%"
            )
        else:
            found.append(obs)
    if missing:
        problems.insert(0, f"thiếu số liệu năm {_years(missing)}")
    return found, problems


def _compute_level(target: TargetSpec, yearly: Mapping[int, Observation]) -> _Computed | _Missing:
    assert target.year is not None
    found, problems = _gather(yearly, [target.year], "any")
    if problems:
        return _Missing(tuple(problems))
    obs = found[0]
    return _Computed(obs.value, (obs,), f"Năm {target.year}")


def _compute_average_growth(
    target: TargetSpec, yearly: Mapping[int, Observation]
) -> _Computed | _Missing:
    assert target.year is not None and target.start_year is not None
    start, end = target.start_year, target.year
    n = end - start + 1
    head = f"Bình quân {start}{_DASH}{end}"
    if target.indicator_kind == "growth":
        found, problems = _gather(yearly, range(start, end + 1), "rate")
        if problems:
            return _Missing(tuple(problems))
        value = _geometric_mean_rate([obs.value for obs in found])
        factors = " × ".join(_raw(1 + obs.value / 100) for obs in found)
        return _Computed(value, tuple(found), f"{head}: ({factors})^(1/{n}) {_MINUS} 1")
    found, problems = _gather(yearly, [start - 1, end], "positive")
    if problems:
        return _Missing(tuple(problems))
    first, last = found
    value = compound_rate(first.value, last.value, n)
    expression = f"{head}: ({_raw(last.value)} / {_raw(first.value)})^(1/{n}) {_MINUS} 1"
    return _Computed(value, (first, last), expression)


def _compute_cumulative(
    target: TargetSpec, yearly: Mapping[int, Observation]
) -> _Computed | _Missing:
    assert target.year is not None and target.start_year is not None
    found, problems = _gather(yearly, range(target.start_year, target.year + 1), "any")
    if problems:
        return _Missing(tuple(problems))
    value = math.fsum(obs.value for obs in found)
    terms = " + ".join(_raw(obs.value) for obs in found)
    head = f"Cộng dồn {target.start_year}{_DASH}{target.year}"
    return _Computed(value, tuple(found), f"{head}: {terms}")


def _compute_ratio(target: TargetSpec, yearly: Mapping[int, Observation]) -> _Computed | _Missing:
    assert target.year is not None and target.base_year is not None
    found, problems = _gather(yearly, [target.base_year, target.year], "positive")
    if problems:
        return _Missing(tuple(problems))
    base, last = found
    head = f"Năm {target.year} so với năm {target.base_year}"
    return _Computed(
        last.value / base.value, (base, last), f"{head}: {_raw(last.value)} / {_raw(base.value)}"
    )


_COMPUTERS = {
    "level": _compute_level,
    "average_growth": _compute_average_growth,
    "cumulative": _compute_cumulative,
    "ratio_to_base": _compute_ratio,
}


def compound_rate(first: float, last: float, years: int) -> float:
    """The yearly compound rate, in %, taking `first` to `last` in `years` years."""
    return math.expm1(math.log(last / first) / years) * 100


def _geometric_mean_rate(rates: Sequence[float]) -> float:
    """`(Π(1 + g/100))^(1/n) − 1`, × 100, summed in logarithms so that long periods stay exact."""
    return math.expm1(math.fsum(math.log1p(g / 100) for g in rates) / len(rates)) * 100


def _config_problem(target: TargetSpec) -> str | None:
    """What in the target itself stops the computation (a Vietnamese phrase), or None."""
    if target.kind not in TARGET_KINDS:
        return f"loại chỉ tiêu '{target.kind}' không được hỗ trợ"
    if target.direction not in DIRECTIONS:
        return f"chiều đánh giá '{target.direction}' không hợp lệ (tăng hoặc giảm)"
    for bound in (target.lower, target.upper):
        if bound is not None and not math.isfinite(bound):
            return "giá trị mục tiêu không phải là số hữu hạn"
    if target.year is None:
        return "chỉ tiêu chưa có năm mục tiêu"
    if target.kind in ("average_growth", "cumulative"):
        if target.start_year is None:
            return "chỉ tiêu chưa có năm bắt đầu của giai đoạn"
        if target.start_year > target.year:
            return f"năm bắt đầu {target.start_year} sau năm mục tiêu {target.year}"
        if target.kind == "average_growth" and target.indicator_kind not in INDICATOR_KINDS:
            return f"loại chỉ số '{target.indicator_kind}' không hợp lệ (mức hoặc tốc độ)"
    if target.kind == "ratio_to_base" and target.base_year is None:
        return "chỉ tiêu chưa có năm gốc để so sánh"
    return None


# --------------------------------------------------------------------------------------------------
# Projection


@dataclass(frozen=True)
class _Projection:
    value: float | None
    note: str  # Vietnamese, for the explanation


def _trend_points(yearly: Mapping[int, Observation], before: int) -> list[Observation]:
    """The last 3–5 finite yearly figures before `before` (oldest first)."""
    usable = [
        obs
        for year, obs in sorted(yearly.items())
        if year < before and isinstance(obs.value, int | float) and math.isfinite(obs.value)
    ]
    return usable[-PROJECTION_MAX_POINTS:]


def linear_fit(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares line through `points` (at least two distinct x): (slope, intercept)."""
    n = len(points)
    mean_x = math.fsum(x for x, _ in points) / n
    mean_y = math.fsum(y for _, y in points) / n
    sxx = math.fsum((x - mean_x) ** 2 for x, _ in points)
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def _project(target: TargetSpec, yearly: Mapping[int, Observation]) -> _Projection | None:
    """The projection, when the target year is later than the latest figure; else None."""
    assert target.year is not None
    if yearly and max(yearly) >= target.year:
        return None
    if target.kind == "average_growth":
        return _project_average_growth(target, yearly)
    points = _trend_points(yearly, target.year)
    if len(points) < PROJECTION_MIN_POINTS:
        return _Projection(
            None,
            f"Chưa đủ {PROJECTION_MIN_POINTS} năm số liệu để dự báo xu hướng "
            f"(hiện có {len(points)}).",
        )
    slope, intercept = linear_fit([(obs.year, obs.value) for obs in points])

    def line(year: int) -> float:
        return slope * year + intercept

    method = (
        f"xu hướng tuyến tính (bình phương nhỏ nhất) các năm {_years([p.year for p in points])}"
    )
    if target.kind == "level":
        value = line(target.year)
        return _Projection(value, f"Dự báo theo {method}: năm {target.year} khoảng {{value}}.")
    if target.kind == "cumulative":
        assert target.start_year is not None
        total = math.fsum(
            yearly[y].value if y in yearly and math.isfinite(yearly[y].value) else line(y)
            for y in range(target.start_year, target.year + 1)
        )
        return _Projection(
            total,
            f"Dự báo cộng dồn {target.start_year}{_DASH}{target.year} (các năm chưa có số liệu "
            f"theo {method}): khoảng {{value}}.",
        )
    # ratio_to_base
    assert target.base_year is not None
    base = yearly.get(target.base_year)
    projected = line(target.year)
    if base is None or not math.isfinite(base.value) or base.value <= 0 or projected <= 0:
        return _Projection(
            None, f"Không dự báo được: cần số liệu năm gốc {target.base_year} lớn hơn 0."
        )
    level = _with_unit(_raw(projected), target.unit)
    return _Projection(
        projected / base.value,
        f"Dự báo theo {method}: năm {target.year} khoảng {level}, "
        f"bằng {{value}} năm {target.base_year}.",
    )


def _project_average_growth(
    target: TargetSpec, yearly: Mapping[int, Observation]
) -> _Projection | None:
    """The compound rate so far (start_year..latest figure), carried forward to the target year."""
    assert target.year is not None and target.start_year is not None
    start = target.start_year
    latest = max((y for y in yearly if y < target.year), default=None)
    too_few = _Projection(
        None, f"Chưa đủ {PROJECTION_MIN_POINTS} năm số liệu để dự báo tốc độ bình quân."
    )
    if latest is None or latest < start:
        return too_few
    if target.indicator_kind == "growth":
        found, problems = _gather(yearly, range(start, latest + 1), "rate")
        if problems:
            return _Projection(None, f"Không dự báo được: {'; '.join(problems)}.")
        if len(found) < PROJECTION_MIN_POINTS:
            return too_few
        value = _geometric_mean_rate([obs.value for obs in found])
    else:
        ends, problems = _gather(yearly, [start - 1, latest], "positive")
        if problems:
            return _Projection(None, f"Không dự báo được: {'; '.join(problems)}.")
        if len([y for y in range(start - 1, latest + 1) if y in yearly]) < PROJECTION_MIN_POINTS:
            return too_few
        value = compound_rate(ends[0].value, ends[1].value, latest - start + 1)
    return _Projection(
        value,
        f"Dự báo: giữ tốc độ bình quân {start}{_DASH}{latest} ({{value}}) đến năm {target.year}.",
    )


# --------------------------------------------------------------------------------------------------
# Assessing


def assess(
    target: TargetSpec, yearly: Mapping[int, Observation], tolerance: float = DEFAULT_TOLERANCE
) -> Assessment:
    """Assess one target from its indicator's yearly figures (as chosen by `pick_yearly`).

    Returns the verdict, the rounded actual with the least final basis used, the Vietnamese
    explanation (figures, formula, target, verdict) and narrative, and — when the target year is later
    than the latest figure — a projection and its trend. Never raises for a badly set target or bad
    figures: those give `no_data` with an explanation; only a tolerance outside 0–1 raises ValueError.
    """
    tol = _check_tolerance(tolerance)
    common = {
        "target": target.code,
        "lower": target.lower,
        "upper": target.upper,
        "unit": result_unit(target),
        "year": target.year,
        "subject": subject_of(target),
    }
    if target.qualitative or (target.lower is None and target.upper is None):
        return _qualitative(target, common)
    problem = _config_problem(target)
    if problem is not None:
        return Assessment(
            verdict="no_data",
            actual=None,
            basis=None,
            explanation=f"Chưa đánh giá được: {problem}.",
            narrative=f"{common['subject']}: chưa đánh giá được ({problem}).",
            projection=None,
            trend=None,
            **common,
        )
    try:
        result = _COMPUTERS[target.kind](target, yearly)
    except (ArithmeticError, ValueError):  # figures so large that the sum or ratio overflows
        result = _Missing(("kết quả tính vượt quá giới hạn số học (số liệu quá lớn)",))
    if isinstance(result, _Missing):
        return _no_data(target, yearly, result, tol, common)
    return _computed(target, result, tol, common)


def _computed(target: TargetSpec, result: _Computed, tol: Decimal, common: dict) -> Assessment:
    decimals = result_decimals(target)
    if not math.isfinite(result.value):
        missing = _Missing(("kết quả tính không phải là số hữu hạn",))
        return _no_data(target, {}, missing, tol, common, project=False)
    rounded = _round_decimal(result.value, decimals)
    actual = float(rounded)
    verdict = _judge_decimal(rounded, target, tol)
    basis = least_final_basis(result.used)
    unit = result_unit(target)
    shown = _with_unit(_fmt_result(actual, target), unit)
    if target.kind == "level":
        formula = f"{result.expression}: {shown}"
        if Decimal(str(result.value)) != rounded:  # say so when rounding changed the figure
            formula = f"{result.expression}: {_raw(result.value)} ≈ {shown}"
    else:
        formula = f"{result.expression} = {shown}"
    goal = bounds_text(target)
    explanation = (
        f"{formula}{_basis_note(basis)}; mục tiêu {goal} → {_verdict_word(verdict)}"
        f"{_tolerance_note(verdict, target, tol)}"
    )
    if target.kind == "ratio_to_base":
        said = (
            f"{_name(target)} năm {target.year} gấp {shown} năm {target.base_year}"
            if target.direction == "increase"
            else f"{_name(target)} năm {target.year} bằng {shown} năm {target.base_year}"
        )
    else:
        said = f"{common['subject']} {_verb(target)} {shown}"
    narrative = (
        f"{said}{_basis_note(basis)}, {_verdict_word(verdict)} mục tiêu Nghị quyết đề ra ({goal})."
    )
    return Assessment(
        verdict=verdict,
        actual=actual,
        basis=basis,
        explanation=explanation,
        narrative=narrative,
        projection=None,
        trend=None,
        **common,
    )


def _no_data(
    target: TargetSpec,
    yearly: Mapping[int, Observation],
    missing: _Missing,
    tol: Decimal,
    common: dict,
    project: bool = True,
) -> Assessment:
    reasons = "; ".join(missing.problems)
    explanation = f"{reasons[0].upper()}{reasons[1:]} → chưa đánh giá được."
    goal = bounds_text(target)
    narrative = f"{common['subject']}: chưa đủ số liệu để đánh giá ({reasons}), mục tiêu {goal}"
    try:
        projection = _project(target, yearly) if project else None
    except (ArithmeticError, ValueError):  # a trend through figures near the float limits overflows
        projection = _Projection(None, "Không dự báo được: số liệu quá lớn để tính xu hướng.")
    value: float | None = None
    trend: str | None = None
    if projection is not None:
        if projection.value is not None and math.isfinite(projection.value):
            rounded = _round_decimal(projection.value, result_decimals(target))
            value = float(rounded)
            projected_verdict = _judge_decimal(rounded, target, tol)
            trend = "on_track" if projected_verdict in ("achieved", "exceeded") else "off_track"
            shown = _with_unit(_fmt_result(value, target), result_unit(target))
            explanation += " " + projection.note.replace(_VALUE_SLOT, shown)
            explanation += (
                f" Nếu giữ xu hướng này: {_verdict_word(projected_verdict)} → "
                f"{TREND_LABELS_VI[trend]}."
            )
            narrative += (
                f"; theo xu hướng hiện nay dự báo {_verb(target)} {shown}, {TREND_LABELS_VI[trend]}"
            )
        else:
            explanation += " " + projection.note
    return Assessment(
        verdict="no_data",
        actual=None,
        basis=None,
        explanation=explanation,
        narrative=narrative + ".",
        projection=value,
        trend=trend,
        **common,
    )


def _qualitative(target: TargetSpec, common: dict) -> Assessment:
    return Assessment(
        verdict="no_data",
        actual=None,
        basis=None,
        explanation=(
            "Chỉ tiêu định tính (không có giá trị số để so sánh): "
            "do Ban Chỉ đạo đánh giá thủ công, kèm lý do."
        ),
        narrative=f"{common['subject']} là chỉ tiêu định tính, chờ Ban Chỉ đạo đánh giá.",
        projection=None,
        trend=None,
        **common,
    )


# --------------------------------------------------------------------------------------------------
# By hand

_MANUAL_PHRASES = {
    "exceeded": "vượt mục tiêu",
    "achieved": "đạt mục tiêu",
    "basically_achieved": "cơ bản đạt mục tiêu",
    "not_achieved": "không đạt mục tiêu",
    "no_data": "chưa có số liệu để đánh giá",
}


def apply_manual(computed: Assessment, verdict: Verdict, reason: str) -> Assessment:
    """The committee's verdict set by hand, with its required reason; the computed verdict stays visible.

    Applying it again to a manual assessment replaces the manual verdict and keeps the first computed
    one. Raises ValueError (Vietnamese message) for an unknown verdict or an empty reason.
    """
    if verdict not in VERDICT_LABELS_VI:
        raise ValueError(f"Kết quả đánh giá '{verdict}' không hợp lệ")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError("Cần ghi lý do khi Ban Chỉ đạo đánh giá thủ công")
    reason = " ".join(reason.split())
    original = computed.computed_verdict if computed.manual else computed.verdict
    assert original is not None
    computed_explanation = computed.explanation
    if computed.manual and _COMPUTED_MARKER in computed_explanation:
        # "… Kết quả tính từ số liệu: Vượt — <computed explanation>": keep only the last part.
        after = computed_explanation.split(_COMPUTED_MARKER, 1)[1]
        computed_explanation = after.partition(_LABEL_SEPARATOR)[2] or after
    explanation = (
        f"Ban Chỉ đạo đánh giá thủ công: {VERDICT_LABELS_VI[verdict]} (lý do: {reason})."
        f"{_COMPUTED_MARKER}{VERDICT_LABELS_VI[original]}{_LABEL_SEPARATOR}{computed_explanation}"
    )
    subject = computed.subject or f"Chỉ tiêu {computed.target}"
    narrative = f"{subject} được Ban Chỉ đạo đánh giá là {_MANUAL_PHRASES[verdict]} ({reason})."
    return replace(
        computed,
        verdict=verdict,
        manual=True,
        computed_verdict=original,
        manual_reason=reason,
        explanation=explanation,
        narrative=narrative,
    )
