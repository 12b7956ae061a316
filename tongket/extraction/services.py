"""Turn proposed targets (read from a resolution's text, edited by the secretariat) into saved targets.

`confirm_targets` checks every row first and refuses the whole batch, naming each bad row, when one is
wrong; otherwise it creates the new indicators and the targets in one transaction. Bounds are stored in
the indicator's unit (`tongket.extraction.units`): `1.000 nghìn tỷ đồng` on an indicator in `tỷ đồng`
is saved as 1.000.000 tỷ đồng.

`suggest_indicator` / `rank_indicators` find the existing indicators whose name is closest to the words
a target was read from, without diacritics (`ty le ho ngheo` finds `Tỷ lệ hộ nghèo`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from tongket.core.text import fold
from tongket.extraction.units import UnitError, convert, target_factor, unit_key
from tongket.resolutions.models import Indicator, Resolution, Target

__all__ = [
    "ConfirmError",
    "NewIndicator",
    "TargetRow",
    "confirm_targets",
    "propose_indicator_code",
    "rank_indicators",
    "sentence_around",
    "suggest_indicator",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
# Below this similarity an indicator is not suggested: the secretariat creates one instead.
SUGGEST_THRESHOLD = 0.4
# Words that say nothing about what is measured.
_STOPWORDS = frozenset(
    {"cua", "cac", "nhung", "va", "tren", "trong", "dat", "o", "duoc", "voi", "cho", "la", "den"}
)
_WORD = re.compile(r"[0-9a-z%]+")
_CODE_JUNK = re.compile(r"[^0-9A-Z]+")
_SENTENCE_ENDS = ("\n", ". ", "! ", "? ")
_SENTENCE_REACH = 600


@dataclass(frozen=True)
class NewIndicator:
    """An indicator to create for a target: code, name, unit, kind (`level` or `growth`)."""

    code: str
    name: str
    unit: str = ""
    kind: str = Indicator.Kind.LEVEL


@dataclass(frozen=True)
class TargetRow:
    """One target to save, as the secretariat confirmed it; `number` is its row on the page.

    Exactly one of `indicator_id` (link an existing indicator) and `new_indicator` (create one) is set.
    `unit` is the unit as written; the saved bounds are converted into the indicator's unit.
    """

    number: int
    text: str
    lower: float | None
    upper: float | None
    unit: str = ""
    kind: str = Target.Kind.LEVEL
    direction: str = Target.Direction.INCREASE
    approximate: bool = False
    start_year: int | None = None
    year: int | None = None
    base_year: int | None = None
    indicator_id: int | None = None
    new_indicator: NewIndicator | None = None
    code: str = ""
    source_text: str = ""


class ConfirmError(Exception):
    """The batch was refused; `messages` says, in Vietnamese, what is wrong with which row."""

    def __init__(self, messages: Sequence[str], by_row: dict[int, list[str]] | None = None) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)
        # The same problems by row number, without the "Dòng N:" prefix, to show beside each row.
        self.by_row = by_row or {}


# --------------------------------------------------------------------------- confirming


def confirm_targets(resolution: Resolution, rows: Sequence[TargetRow], actor) -> list[Target]:
    """Save the confirmed rows as targets of `resolution`, all or nothing.

    Raises `ConfirmError` listing every refused row (nothing is written then). Creates the new
    indicators (rows sharing a new code share one indicator), gives targets without a code the next
    free `T<n>`, and notes the import in the feed of each review of the resolution.
    """
    if not rows:
        raise ConfirmError([_("Chưa chọn chỉ tiêu nào để lưu.")])
    try:
        with transaction.atomic():
            # Lock the resolution so that two imports at once do not hand out the same codes.
            Resolution.objects.select_for_update().filter(pk=resolution.pk).first()
            plan = _Plan(resolution, rows)
            if plan.errors:
                raise ConfirmError(plan.errors, plan.by_row)
            targets = plan.save()
            _log(resolution, actor, len(targets))
            return targets
    except IntegrityError as exc:
        # Another person saved a target or indicator with the same code in the meantime.
        raise ConfirmError(
            [
                _(
                    "Mã chỉ tiêu hoặc mã chỉ số vừa được người khác dùng; hãy tải lại trang và thử lại."
                )
            ]
        ) from exc


class _Plan:
    """The checked batch: what to create, or the list of errors."""

    def __init__(self, resolution: Resolution, rows: Sequence[TargetRow]) -> None:
        self.resolution = resolution
        self.rows = rows
        self.errors: list[str] = []
        self.by_row: dict[int, list[str]] = {}
        ids = {row.indicator_id for row in rows if row.indicator_id is not None}
        self.existing = Indicator.objects.in_bulk(ids)
        self.taken_indicator_codes = _taken_indicator_codes(
            row.new_indicator.code.strip() for row in rows if row.new_indicator
        )
        self.taken_target_codes = set(resolution.targets.values_list("code", flat=True))
        self.new_indicators: dict[str, Indicator] = {}
        self.new_by_row: dict[int, int] = {}
        self.targets: list[tuple[Target, TargetRow]] = []
        for index, row in enumerate(rows):
            self._check(index, row)

    # ---- checks

    def _fail(self, row: TargetRow, message: str) -> None:
        label = _("Dòng %(number)s") % {"number": row.number}
        self.errors.append(f"{label}: {message}")
        self.by_row.setdefault(row.number, []).append(message)

    def _check(self, index: int, row: TargetRow) -> None:
        before = len(self.errors)
        text = (row.text or "").strip()
        if not text:
            self._fail(row, _("chưa ghi chỉ tiêu như nghị quyết ghi."))
        if row.kind not in Target.Kind.values:
            self._fail(row, _("loại chỉ tiêu không hợp lệ."))
        if row.direction not in Target.Direction.values:
            self._fail(row, _("chiều đánh giá không hợp lệ."))
        if row.lower is not None and row.upper is not None and row.lower > row.upper:
            self._fail(row, _("cận dưới lớn hơn cận trên."))
        self._check_years(row)
        indicator = self._indicator_of(index, row)
        code = self._target_code(row)
        if len(self.errors) > before or indicator is None:
            return
        lower, upper, unit = self._bounds(row, indicator)
        if len(self.errors) > before:
            return
        target = Target(
            resolution=self.resolution,
            code=code,
            text=text,
            kind=row.kind,
            lower=lower,
            upper=upper,
            direction=row.direction,
            approximate=row.approximate,
            unit=unit,
            start_year=row.start_year,
            year=row.year,
            base_year=row.base_year,
            source_text=row.source_text.strip(),
        )
        self.targets.append((target, row))

    def _check_years(self, row: TargetRow) -> None:
        for value in (row.start_year, row.year, row.base_year):
            if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
                self._fail(
                    row,
                    _("năm %(year)s nằm ngoài khoảng %(low)s–%(high)s.")
                    % {"year": value, "low": MIN_YEAR, "high": MAX_YEAR},
                )
                return
        if row.kind == Target.Kind.AVERAGE_GROWTH:
            if row.start_year is None:
                self._fail(
                    row,
                    _(
                        "chỉ tiêu tăng trưởng bình quân cần năm bắt đầu của giai đoạn "
                        "(ví dụ 2021 cho giai đoạn 2021–2025)."
                    ),
                )
            if row.year is None:
                self._fail(
                    row, _("chỉ tiêu tăng trưởng bình quân cần năm kết thúc (năm mục tiêu).")
                )
        if row.kind == Target.Kind.RATIO_TO_BASE and row.base_year is None:
            self._fail(row, _("chỉ tiêu gấp bao nhiêu lần cần năm gốc để so sánh."))
        if row.start_year is not None and row.year is not None and row.start_year > row.year:
            self._fail(row, _("năm bắt đầu sau năm mục tiêu."))
        if row.base_year is not None and row.year is not None and row.base_year >= row.year:
            self._fail(row, _("năm gốc phải trước năm mục tiêu."))

    def _indicator_of(self, index: int, row: TargetRow) -> Indicator | None:
        if row.indicator_id is not None and row.new_indicator is not None:
            self._fail(row, _("chỉ chọn một chỉ số có sẵn hoặc tạo chỉ số mới, không cả hai."))
            return None
        if row.indicator_id is not None:
            found = self.existing.get(row.indicator_id)
            if found is None:
                self._fail(row, _("chỉ số đã chọn không còn tồn tại."))
            return found
        if row.new_indicator is None:
            self._fail(row, _("hãy chọn một chỉ số có sẵn hoặc tạo chỉ số mới."))
            return None
        return self._new_indicator(row, row.new_indicator)

    def _new_indicator(self, row: TargetRow, new: NewIndicator) -> Indicator | None:
        code, name, unit = new.code.strip(), new.name.strip(), new.unit.strip()
        problems = []
        if not code:
            problems.append(_("chỉ số mới chưa có mã."))
        elif len(code) > 60:
            problems.append(_("mã chỉ số mới dài quá 60 ký tự."))
        if not name:
            problems.append(_("chỉ số mới chưa có tên."))
        elif len(name) > 300:
            problems.append(_("tên chỉ số mới dài quá 300 ký tự."))
        if len(unit) > 60:
            problems.append(_("đơn vị tính của chỉ số mới dài quá 60 ký tự."))
        if new.kind not in Indicator.Kind.values:
            problems.append(_("loại chỉ số mới không hợp lệ."))
        for problem in problems:
            self._fail(row, problem)
        if problems:
            return None
        key = code.casefold()
        if key in self.taken_indicator_codes:
            self._fail(
                row,
                _("mã chỉ số '%(code)s' đã có: hãy chọn chỉ số đó trong danh sách.")
                % {"code": code},
            )
            return None
        shared = self.new_indicators.get(key)
        if shared is not None:
            # Several rows may measure the same new indicator (2025 and 2030 targets, say).
            if unit_key(shared.unit) != unit_key(unit) or shared.kind != new.kind:
                self._fail(
                    row,
                    _("chỉ số mới '%(code)s' đã được tạo ở dòng trên với đơn vị hoặc loại khác.")
                    % {"code": code},
                )
                return None
            return shared
        created = Indicator(
            code=code,
            name=name,
            unit=unit,
            kind=new.kind,
            decimals=1 if new.kind == Indicator.Kind.GROWTH else 2,
        )
        self.new_indicators[key] = created
        return created

    def _target_code(self, row: TargetRow) -> str:
        code = (row.code or "").strip()
        if not code:
            return ""
        if len(code) > 30:
            self._fail(row, _("mã chỉ tiêu dài quá 30 ký tự."))
        elif code in self.taken_target_codes:
            self._fail(
                row,
                _("mã chỉ tiêu '%(code)s' đã có trong nghị quyết này.") % {"code": code},
            )
        else:
            self.taken_target_codes.add(code)
        return code

    def _bounds(
        self, row: TargetRow, indicator: Indicator
    ) -> tuple[float | None, float | None, str]:
        """The bounds in the indicator's unit, and the unit to store with the target."""
        try:
            factor = target_factor(
                row.unit,
                indicator.unit,
                row.kind,
                indicator_is_growth=indicator.kind == Indicator.Kind.GROWTH,
            )
        except UnitError as exc:
            self._fail(
                row,
                _("%(reason)s (chỉ số %(indicator)s).") % {"reason": exc, "indicator": indicator},
            )
            return None, None, ""
        unit = (row.unit or "").strip()
        if row.kind == Target.Kind.AVERAGE_GROWTH:
            unit = unit or "%/năm"
        elif row.kind == Target.Kind.RATIO_TO_BASE:
            unit = unit or "lần"
        else:
            unit = indicator.unit
        return convert(row.lower, factor), convert(row.upper, factor), unit

    # ---- writing

    def save(self) -> list[Target]:
        """Create the new indicators, then the targets, in the order of the rows."""
        for indicator in self.new_indicators.values():
            indicator.save()
        order = (self.resolution.targets.aggregate(top=Max("order"))["top"] or 0) + 1
        numbers = _free_numbers(self.taken_target_codes)
        saved = []
        for target, row in self.targets:
            if not target.code:
                target.code = f"T{next(numbers)}"
            target.order = order
            order += 1
            target.indicator = self._indicator_for(row)
            target.save()
            saved.append(target)
        return saved

    def _indicator_for(self, row: TargetRow) -> Indicator:
        if row.indicator_id is not None:
            return self.existing[row.indicator_id]
        assert row.new_indicator is not None  # checked in _indicator_of
        return self.new_indicators[row.new_indicator.code.strip().casefold()]


def _taken_indicator_codes(codes: Iterable[str]) -> set[str]:
    """Which of the codes (compared without case) an existing indicator already has."""
    wanted = {code for code in codes if code}
    if not wanted:
        return set()
    query = Q()
    for code in wanted:
        query |= Q(code__iexact=code)
    return {
        code.casefold() for code in Indicator.objects.filter(query).values_list("code", flat=True)
    }


def _free_numbers(taken: set[str]):
    """1, 2, 3 … skipping the n of every taken code `T<n>`, and above the highest."""
    used = {int(code[1:]) for code in taken if code[:1] == "T" and code[1:].isdigit()}
    number = max(used, default=0)
    while True:
        number += 1
        if f"T{number}" not in taken:
            yield number


def _log(resolution: Resolution, actor, count: int) -> None:
    """A line in the feed of each review of the resolution."""
    from tongket.reviews.services import log

    url = reverse("resolutions:detail", args=[resolution.pk])
    summary = _("Nhập %(count)s chỉ tiêu của Nghị quyết %(code)s từ văn bản") % {
        "count": count,
        "code": resolution.code,
    }
    for review in resolution.reviews.all():
        log(review, actor, "targets_imported", summary, url)


# --------------------------------------------------------------------------- suggestions


def _tokens(text: str) -> set[str]:
    return {word for word in _WORD.findall(fold(text)) if word not in _STOPWORDS}


def _similarity(query: str, query_tokens: set[str], name: str) -> float:
    """Dice overlap of the folded words, nudged by the folded strings' likeness."""
    tokens = _tokens(name)
    if not query_tokens or not tokens:
        return 0.0
    dice = 2 * len(query_tokens & tokens) / (len(query_tokens) + len(tokens))
    if dice == 0:
        return 0.0
    return 0.8 * dice + 0.2 * SequenceMatcher(None, query, fold(name)).ratio()


def rank_indicators(
    indicator_text: str, indicators: Iterable[Indicator], limit: int = 8
) -> list[tuple[float, Indicator]]:
    """The indicators most like `indicator_text` by name (diacritics ignored), best first, with scores."""
    query = fold(indicator_text or "")
    query_tokens = _tokens(indicator_text or "")
    scored = [
        (score, indicator)
        for indicator in indicators
        if (score := _similarity(query, query_tokens, indicator.name)) > 0
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1].code))
    return scored[:limit]


def suggest_indicator(indicator_text: str, indicators: Iterable[Indicator]) -> Indicator | None:
    """The existing indicator whose name is closest to `indicator_text`, or None when none is close."""
    ranked = rank_indicators(indicator_text, indicators, limit=1)
    if ranked and ranked[0][0] >= SUGGEST_THRESHOLD:
        return ranked[0][1]
    return None


# --------------------------------------------------------------------------- small helpers


def propose_indicator_code(indicator_text: str, taken: Iterable[str] = ()) -> str:
    """A code for a new indicator from its words: `Tỷ lệ hộ nghèo` → `TY_LE_HO_NGHEO` (unique in `taken`)."""
    base = _CODE_JUNK.sub("_", fold(indicator_text or "").upper()).strip("_")[:40] or "CHI_SO"
    taken_keys = {code.casefold() for code in taken}
    code, number = base, 1
    while code.casefold() in taken_keys:
        number += 1
        code = f"{base}_{number}"
    return code


def sentence_around(text: str, span: tuple[int, int]) -> str:
    """The sentence (or line) of `text` that holds `span`, at most a few hundred characters each side."""
    start, end = span
    if not 0 <= start <= end <= len(text):
        return ""
    low = max(0, start - _SENTENCE_REACH)
    head = max(
        (
            text.rfind(mark, low, start) + len(mark)
            for mark in _SENTENCE_ENDS
            if text.rfind(mark, low, start) >= 0
        ),
        default=low,
    )
    high = min(len(text), end + _SENTENCE_REACH)
    tails = [found for mark in _SENTENCE_ENDS if (found := text.find(mark, end, high)) >= 0]
    tail = min(tails) + 1 if tails else high
    return text[head:tail].strip()
