"""Hostile and random text: the extractor never raises, returns valid targets, and runs in linear time."""

from __future__ import annotations

import gc
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tongket.extraction.extractor import ExtractedTarget, extract_targets

KINDS = {"level", "average_growth", "cumulative", "ratio_to_base"}

# Pieces a resolution is made of, to build adversarial strings out of.
PIECES = [
    "Đến năm 2025",
    "giai đoạn 2021 - 2025",
    "đạt",
    "trên",
    "khoảng",
    "không dưới",
    "giảm xuống dưới",
    "gấp",
    "lần năm 2020",
    "từ",
    "đến",
    "trở lên",
    "14.740",
    "6,4",
    "1.000.000",
    "12 - 13",
    "65 – 70",
    "%",
    "%/năm",
    "tỷ đồng",
    "USD",
    "doanh nghiệp",
    "thuê bao/100 dân",
    ",",
    ";",
    ":",
    ".",
    "\n",
    "- ",
    "(",
    ")",
    "trong đó",
    "tỷ lệ hộ nghèo",
    "1.",
    "số 32-NQ/TW",
    "05/8/2003",
    "—",
    "/",
    "\u0301",
    "\x00",
    " ",
]


def check_valid(text: str, targets: list[ExtractedTarget]) -> None:
    """Every target is well formed and its span points at its text in the input."""
    for target in targets:
        data = target.to_dict()
        json.dumps(data, ensure_ascii=False)
        start, end = target.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == target.text
        assert target.kind in KINDS
        assert target.direction in {"increase", "decrease"}
        assert target.lower is not None or target.upper is not None
        if target.lower is not None and target.upper is not None:
            assert target.lower <= target.upper
        for year in (target.year, target.start_year, target.base_year):
            assert year is None or 1900 <= year <= 2100
        assert len(target.unit) <= 60


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_never_raises_and_gives_valid_targets(text: str) -> None:
    check_valid(text, extract_targets(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=120).map(" ".join))
def test_adversarial_resolution_like_text_never_raises(text: str) -> None:
    check_valid(text, extract_targets(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_adversarial_text_without_spaces_never_raises(text: str) -> None:
    check_valid(text, extract_targets(text))


def test_non_string_input_gives_nothing() -> None:
    assert extract_targets(None) == []  # type: ignore[arg-type]


ADVERSARIAL_UNITS = [
    "Đến năm 2025, tỷ lệ A đạt 12 - 13%/năm giai đoạn 2021 - 2025, trong đó B trên 5 tỷ đồng; ",
    "1 - 2 - 3 - 4 - ( ( ( năm 2025 - 2026 đến ",
    "1.1,1.1.1,1.đạt trên khoảng không dưới giảm xuống còn /100 dân/",
]


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        extract_targets(text)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_time_grows_linearly_with_the_text(unit: str) -> None:
    n = 16_000
    small = (unit * (n // len(unit) + 1))[:n]
    large = (unit * (8 * n // len(unit) + 1))[: 8 * n]
    ratio = _best_time(large) / max(_best_time(small), 1e-4)
    # Linear time gives about 8; a quadratic extractor would give about 64.
    assert ratio <= 16, ratio
