"""Convert a target's bounds, written in the resolution's unit, into its indicator's unit.

Pure Python, no Django. A resolution writes `1.000 nghìn tỷ đồng` where the indicator is kept in
`tỷ đồng`; bounds are stored in the indicator's unit, so confirming a target multiplies them by the
ratio of the two units' scale words (nghìn/ngàn ×10³, triệu ×10⁶, tỷ/tỉ ×10⁹) when both units share
the same base (`đồng`, `USD`, `lượt`, `người` …). A unit that cannot be converted is refused with a
Vietnamese message.

Growth targets are rates: `%` and `%/năm` are the same unit for them, whatever the indicator's unit
(the assessment computes the rate from the indicator's levels). `gấp N lần` targets are ratios: their
unit is `lần`, again whatever the indicator's unit.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from tongket.core.text import fold

__all__ = [
    "UnitError",
    "conversion_factor",
    "convert",
    "same_unit",
    "split_scale",
    "target_factor",
    "unit_key",
]

# Folded scale words and their power of ten.
_SCALES = {"nghin": 3, "ngan": 3, "trieu": 6, "ty": 9, "ti": 9}
# Folded spellings of one unit → the key they share.
_ALIASES = {
    "do la my (usd)": "usd",
    "do la my": "usd",
    "do la": "usd",
    "m²": "m2",
    "km²": "km2",
    "hecta": "ha",
    "hec ta": "ha",
    "hec-ta": "ha",
}
_RATE_KEYS = frozenset({"%", "%/nam"})
_RATIO_KEYS = frozenset({"", "lan"})
_SPACES = re.compile(r"\s+")


class UnitError(ValueError):
    """A unit that cannot be converted into the indicator's; `str(error)` is Vietnamese."""


def unit_key(unit: str | None) -> str:
    """A comparable key: NFC, folded, spaces collapsed, known aliases merged (`Đô la Mỹ (USD)` → `usd`)."""
    text = unicodedata.normalize("NFC", unit or "")
    text = _SPACES.sub(" ", fold(text)).strip()
    text = text.replace(" %", "%").replace("% / ", "%/").replace("%/ ", "%/")
    return _ALIASES.get(text, text)


def split_scale(unit: str | None) -> tuple[int, str]:
    """The power of ten of the unit's leading scale words and its base key.

    `nghìn tỷ đồng` → (12, "dong"); `triệu USD` → (6, "usd"); `%` → (0, "%").
    """
    words = unit_key(unit).split(" ")
    power = 0
    while words and words[0] in _SCALES:
        power += _SCALES[words.pop(0)]
    base = " ".join(words)
    return power, _ALIASES.get(base, base)


def same_unit(a: str | None, b: str | None) -> bool:
    """Whether two units are the same unit however they are spelled (case, diacritics, aliases)."""
    return unit_key(a) == unit_key(b)


def conversion_factor(unit: str | None, to_unit: str | None) -> Decimal:
    """By how much to multiply a value in `unit` to express it in `to_unit`.

    `nghìn tỷ đồng` → `tỷ đồng`: 1000; `USD` → `triệu USD`: 0.000001. Raises `UnitError` when the two
    units have different bases (`tỷ đồng` → `USD`).
    """
    from_power, from_base = split_scale(unit)
    to_power, to_base = split_scale(to_unit)
    if from_base != to_base:
        raise UnitError(
            f"không quy đổi được đơn vị '{(unit or '').strip()}' sang '{(to_unit or '').strip()}'"
        )
    return Decimal(10) ** (from_power - to_power)


def target_factor(
    target_unit: str | None,
    indicator_unit: str | None,
    kind: str,
    indicator_is_growth: bool = False,
) -> Decimal:
    """The factor that puts a target's bounds in its indicator's unit, by the target's kind.

    - `average_growth`: a rate in `%` or `%/năm`, never converted (factor 1); any other unit is refused.
    - `ratio_to_base`: a ratio (`lần`, or no unit), never converted.
    - `level`, `cumulative`: an empty target unit means the indicator's own; `%` and `%/năm` are the
      same unit on a growth indicator; otherwise the scale words are converted.
    """
    key = unit_key(target_unit)
    if kind == "average_growth":
        if key in _RATE_KEYS or key == "":
            return Decimal(1)
        raise UnitError(
            f"chỉ tiêu tăng trưởng bình quân phải tính bằng %/năm, không phải '{target_unit}'"
        )
    if kind == "ratio_to_base":
        if key in _RATIO_KEYS:
            return Decimal(1)
        raise UnitError(
            f"chỉ tiêu gấp bao nhiêu lần phải tính bằng 'lần', không phải '{target_unit}'"
        )
    if key == "":
        return Decimal(1)
    indicator_key = unit_key(indicator_unit)
    if indicator_key == "":
        raise UnitError(
            f"chỉ số chưa có đơn vị tính nên không quy đổi được '{target_unit}': "
            "hãy ghi đơn vị cho chỉ số hoặc xóa đơn vị của chỉ tiêu"
        )
    if indicator_is_growth and key in _RATE_KEYS and indicator_key in _RATE_KEYS:
        return Decimal(1)
    return conversion_factor(target_unit, indicator_unit)


def convert(value: float | None, factor: Decimal) -> float | None:
    """`value` × `factor`, computed in decimal so that 2,5 × 1000 is exactly 2500; None stays None."""
    if value is None:
        return None
    if factor == 1:
        return value
    return float(Decimal(repr(float(value))) * factor)
