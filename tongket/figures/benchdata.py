"""A deterministic national data set for benchmarks: 34 provinces and the country, 300 indicators of both
kinds, 25 years with their quarters (and months when more values are asked for), three bases.

Pure Python: writes a `tongket-bundle/1` file (areas, agencies, indicators, resolution, review, targets of
every kind) and the figures as Tongket CSV files of at most `FILE_ROWS` rows each, loaded with
`tongket bundle import` and `tongket data import --max-size …`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
    "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
FIRST_YEAR, YEARS = 2001, 25
INDICATORS = 300
FILE_ROWS = 1_000_000
BASES = ("official", "preliminary", "estimate")
RESOLUTION = "BENCH-NQ/TW"
REVIEW = "bench-tk"
_UNITS = ("tỷ đồng", "nghìn người", "USD", "%", "ha", "nghìn tấn", "km", "cơ sở")


@dataclass(frozen=True)
class Indicator:
    """One generated indicator."""

    code: str
    name: str
    unit: str
    kind: str
    decimals: int
    base: float
    growth: float


def areas() -> list[tuple[str, str]]:
    """(code, name): the country then 34 provinces."""
    return [("VN", "Việt Nam")] + [
        (f"P{i + 1:02d}", f"Tỉnh/thành phố {name}") for i, name in enumerate(PROVINCES)
    ]


def indicators(seed: int) -> list[Indicator]:
    """300 indicators alternating level and growth, with deterministic sizes."""
    rng = random.Random(seed)
    out = []
    for i in range(INDICATORS):
        if i % 2:
            out.append(
                Indicator(f"BI{i + 1:03d}", f"Tốc độ tăng chỉ số {i + 1}", "%", "growth", 1, 0, 0)
            )
        else:
            unit = _UNITS[i // 2 % len(_UNITS)]
            out.append(
                Indicator(
                    f"BI{i + 1:03d}",
                    f"Chỉ số mức {i + 1}",
                    unit,
                    "level",
                    2,
                    round(rng.uniform(10, 100_000), 2),
                    rng.uniform(0.02, 0.09),
                )
            )
    return out


def periods(level: int) -> list[str]:
    """Level 0: the 25 years; 1: their quarters; 2: their months."""
    years = range(FIRST_YEAR, FIRST_YEAR + YEARS)
    if level == 0:
        return [str(y) for y in years]
    if level == 1:
        return [f"{y}Q{q}" for y in years for q in range(1, 5)]
    return [f"{y}{m:02d}" for y in years for m in range(1, 13)]


def capacity() -> int:
    """The most values the generator can write."""
    per_basis = len(areas()) * INDICATORS * (YEARS + YEARS * 4 + YEARS * 12)
    return per_basis * len(BASES)


def _value(rng: random.Random, indicator: Indicator, area_index: int, period: str) -> float:
    if indicator.kind == "growth":
        return round(rng.uniform(-2.0, 12.0), 1)
    year = int(period[:4]) - FIRST_YEAR
    scale = indicator.base * (1 + area_index / 10) * (1 + indicator.growth) ** year
    if len(period) > 4:
        scale /= 4 if "Q" in period else 12
    return round(scale * rng.uniform(0.97, 1.03), 2)


def figure_rows(count: int, seed: int) -> Iterator[tuple[str, str, str, str, str]]:
    """(indicator, area, period, value text, basis) for the first `count` keys, deterministic."""
    rng = random.Random(seed * 7919 + 1)
    inds = indicators(seed)
    written = 0
    for basis in BASES:
        for level in range(3):
            plist = periods(level)
            for area_index, (area, _name) in enumerate(areas()):
                for indicator in inds:
                    for period in plist:
                        if written >= count:
                            return
                        value = _value(rng, indicator, area_index, period)
                        yield indicator.code, area, period, repr(value).removesuffix(".0"), basis
                        written += 1


def bundle(seed: int) -> dict:
    """The bundle: areas, agencies, indicators, resolution, review and targets of every kind."""
    inds = indicators(seed)
    level = [i for i in inds if i.kind == "level"]
    growth = [i for i in inds if i.kind == "growth"]
    last = FIRST_YEAR + YEARS - 1
    targets = [
        {"code": "T1", "indicator": level[0].code, "kind": "level", "year": last, "lower": 1000, "upper": 1000,
         "unit": level[0].unit, "text": f"{level[0].name} đạt 1.000 {level[0].unit}"},
        {"code": "T2", "indicator": growth[0].code, "kind": "average_growth", "start_year": 2016, "year": last,
         "lower": 6.5, "upper": 7.0, "unit": "%", "text": "Tăng bình quân 6,5–7%/năm"},
        {"code": "T3", "indicator": level[1].code, "kind": "cumulative", "start_year": 2021, "year": last,
         "lower": 50000, "unit": level[1].unit, "text": f"Tổng {level[1].name} giai đoạn 2021–2025 trên 50.000"},
        {"code": "T4", "indicator": level[2].code, "kind": "ratio_to_base", "base_year": 2015, "year": last,
         "lower": 2, "unit": "lần", "text": f"{level[2].name} gấp 2 lần năm 2015"},
        {"code": "T5", "indicator": level[3].code, "kind": "level", "year": last, "upper": 5, "direction": "decrease",
         "unit": level[3].unit, "text": f"{level[3].name} giảm xuống dưới 5"},
        {"code": "T6", "indicator": level[4].code, "kind": "level", "year": last, "lower": 80, "approximate": True,
         "unit": level[4].unit, "text": f"{level[4].name} khoảng 80"},
        {"code": "T7", "indicator": None, "kind": "level", "text": "Hoàn thiện thể chế phát triển (định tính)"},
    ]  # fmt: skip
    return {
        "format": "tongket-bundle/1",
        "resolution": {"code": RESOLUTION, "number": "BENCH-NQ/TW", "title": "Nghị quyết thử tải (dữ liệu sinh)",
                       "issued": "2016-01-01", "issuer": "Bộ Chính trị", "area": "VN"},
        "review": {"code": REVIEW, "title": "Tổng kết thử tải", "tolerance": 0.05, "document_format": "party"},
        "areas": [{"code": c, "name": n, **({"parent": "VN", "level": "province"} if c != "VN" else {"level": "country"})}
                  for c, n in areas()],
        "agencies": [{"code": f"CTK-{c}", "name": f"Cơ quan thống kê {n}", "area": c} for c, n in areas()],
        "indicators": [{"code": i.code, "name": i.name, "unit": i.unit, "kind": i.kind, "decimals": i.decimals}
                       for i in inds],
        "targets": targets,
    }  # fmt: skip


def generate(values: int, seed: int, out_dir: Path) -> list[Path]:
    """Write bundle.json and figures-NNN.csv files; returns the CSV paths."""
    if values > capacity():
        raise ValueError(f"tối đa {capacity():,} giá trị".replace(",", "."))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bundle.json").write_text(
        json.dumps(bundle(seed), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    paths: list[Path] = []
    handle = None
    try:
        for index, (ind, area, period, value, basis) in enumerate(figure_rows(values, seed)):
            if index % FILE_ROWS == 0:
                if handle:
                    handle.close()
                path = out_dir / f"figures-{len(paths) + 1:03d}.csv"
                paths.append(path)
                handle = path.open("w", encoding="utf-8", newline="\n")
                handle.write("indicator,area,period,value,comment,basis\n")
            handle.write(f"{ind},{area},{period},{value},,{basis}\n")
    finally:
        if handle:
            handle.close()
    return paths
