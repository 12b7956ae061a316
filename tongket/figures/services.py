"""Every write of a figure goes through here, with its history row in the same transaction.

Imports are all-or-nothing and set-based: resolve codes in a few queries, check every row, then (unless
it is a dry run or any row failed) create and update in bulk inside one transaction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from tongket.core.numbers import MAX_SIGNIFICANT_DIGITS, format_compact
from tongket.core.periods import PeriodError, parse_period
from tongket.figures.models import Basis, Figure, FigureHistory, FigureStatus
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator

BATCH_SIZE = 2000
_CHUNK = 500  # codes per IN (...) when looking up existing figures


@dataclass(frozen=True)
class FigureRow:
    """One figure as an import states it, by codes; `where` names its place for error messages."""

    indicator: str
    area: str
    period: str
    value: float | Decimal | str
    basis: str = Basis.OFFICIAL
    comment: str = ""
    citation: str = ""
    illustrative: bool = False
    source: str | None = None
    where: str = ""


@dataclass(frozen=True)
class RowError:
    """Why one row was refused, and where it is."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class FigureChange:
    """What an import would do to one figure (for the preview)."""

    indicator: str
    area: str
    period: str
    basis: str
    old: float | None
    new: float
    kind: str  # created, updated, unchanged


@dataclass
class ImportResult:
    """What an import did, or would do (dry run), or why it was refused."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False
    changes: list[FigureChange] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The JSON summary printed by commands."""
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"where": e.where, "message": e.message} for e in self.errors],
            "applied": self.applied,
        }


class FigureImportRefused(Exception):
    """Raised inside the transaction to undo everything when a row is refused."""

    def __init__(self, result: ImportResult):
        super().__init__("; ".join(str(e) for e in result.errors[:5]))
        self.result = result


def check_value(raw: float | Decimal | str, indicator: Indicator | None = None) -> float:
    """A finite number with at most 15 significant digits, plausible for its indicator."""
    if isinstance(raw, bool):
        raise ValueError("giá trị không phải là số")
    if isinstance(raw, str):
        try:
            number = Decimal(raw.strip())
        except ArithmeticError as exc:
            raise ValueError(f"'{raw[:30]}' không phải là số") from exc
    elif isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
    else:
        raise ValueError("giá trị không phải là số")
    if not number.is_finite():
        raise ValueError("giá trị phải là một số hữu hạn")
    digits = len(number.normalize().as_tuple().digits)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise ValueError(f"giá trị có quá {MAX_SIGNIFICANT_DIGITS} chữ số có nghĩa")
    value = float(number)
    if not math.isfinite(value):
        raise ValueError("giá trị quá lớn")
    if indicator is not None:
        if indicator.plausible_min is not None and value < indicator.plausible_min:
            raise ValueError(
                f"{format_compact(value)} nhỏ hơn mức hợp lý của chỉ số {indicator.code} "
                f"({format_compact(indicator.plausible_min)})"
            )
        if indicator.plausible_max is not None and value > indicator.plausible_max:
            raise ValueError(
                f"{format_compact(value)} lớn hơn mức hợp lý của chỉ số {indicator.code} "
                f"({format_compact(indicator.plausible_max)})"
            )
    return value


def _by_code(model, codes: set[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    codes_list = sorted(codes)
    for start in range(0, len(codes_list), _CHUNK):
        for obj in model.objects.filter(code__in=codes_list[start : start + _CHUNK]):
            found[obj.code] = obj
    return found


def _existing_figures(indicator_ids: set[int], area_ids: set[int], periods: set[str]) -> dict:
    """Existing figures keyed by (indicator_id, area_id, period, basis), fetched in chunks."""
    existing: dict[tuple[int, int, str, str], dict] = {}
    ids = sorted(indicator_ids)
    fields = (
        "id", "indicator_id", "area_id", "period", "basis", "value", "status", "version",
        "comment", "citation", "illustrative", "source_agency_id",
    )  # fmt: skip
    period_list = sorted(periods)
    area_list = sorted(area_ids)
    for start in range(0, len(ids), _CHUNK):
        query = Figure.objects.filter(indicator_id__in=ids[start : start + _CHUNK])
        if len(area_list) <= _CHUNK:
            query = query.filter(area_id__in=area_list)
        if len(period_list) <= _CHUNK:
            query = query.filter(period__in=period_list)
        for row in query.values(*fields).iterator(chunk_size=10_000):
            existing[(row["indicator_id"], row["area_id"], row["period"], row["basis"])] = row
    return existing


def import_figures(
    rows: Iterable[FigureRow],
    *,
    actor=None,
    via: str,
    source: str = "",
    status: str = FigureStatus.APPROVED,
    agency: Agency | None = None,
    request=None,
    dry_run: bool = False,
    keep_changes: bool = False,
) -> ImportResult:
    """Check every row, then create or update all figures in one transaction, or none.

    `agency`, when given, is the agency the rows come from (a focal point's upload): every row is
    recorded with it as source. `status` is the status figures take (commands and bundles load them
    approved by the system; a focal point's upload is a draft until submitted).
    """
    rows = list(rows)
    result = ImportResult()
    indicators = _by_code(Indicator, {r.indicator for r in rows})
    areas = _by_code(Area, {r.area for r in rows})
    agencies = _by_code(Agency, {r.source for r in rows if r.source})

    checked: list[tuple[FigureRow, Indicator, Area, float, object, str]] = []
    seen: dict[tuple[str, str, str, str], tuple[float, str]] = {}
    for row in rows:
        errors_before = len(result.errors)
        indicator = indicators.get(row.indicator)
        area = areas.get(row.area)
        if indicator is None:
            result.errors.append(RowError(row.where, f"chỉ số '{row.indicator}' không có trong hệ thống"))
        if area is None:
            result.errors.append(RowError(row.where, f"địa bàn '{row.area}' không có trong hệ thống"))
        try:
            period = parse_period(row.period).code
        except PeriodError as exc:
            result.errors.append(RowError(row.where, str(exc)))
            period = row.period
        if row.basis not in Basis.values:
            result.errors.append(
                RowError(row.where, f"mức độ '{row.basis}' không hợp lệ (estimate, preliminary, official)")
            )
        source_agency = agency
        if row.source:
            source_agency = agencies.get(row.source)
            if source_agency is None:
                result.errors.append(RowError(row.where, f"cơ quan '{row.source}' không có trong hệ thống"))
            elif agency is not None and source_agency.pk != agency.pk:
                result.errors.append(
                    RowError(row.where, f"không được nhập số liệu thay cơ quan '{row.source}'")
                )
        try:
            value = check_value(row.value, indicator)
        except ValueError as exc:
            result.errors.append(RowError(row.where, str(exc)))
            value = None
        if len(result.errors) > errors_before:
            continue
        key = (row.indicator, row.area, period, row.basis)
        if key in seen:
            if seen[key][0] != value:
                result.errors.append(
                    RowError(
                        row.where,
                        f"trùng khóa với {seen[key][1]} nhưng khác giá trị "
                        f"({format_compact(seen[key][0], 6)} ≠ {format_compact(value, 6)})",
                    )
                )
            continue
        seen[key] = (value, row.where)
        checked.append((row, indicator, area, value, source_agency, period))

    if result.errors:
        return result

    existing = _existing_figures(
        {ind.pk for _, ind, *_ in checked}, {a.pk for _, _, a, *_ in checked}, {c[5] for c in checked}
    )
    now = timezone.now()
    to_create: list[Figure] = []
    to_update: list[tuple[Figure, dict]] = []
    for row, indicator, area, value, source_agency, period in checked:
        old = existing.get((indicator.pk, area.pk, period, row.basis))
        source_id = source_agency.pk if source_agency else None
        if old is None:
            parsed = parse_period(period)
            to_create.append(
                Figure(
                    indicator=indicator,
                    area=area,
                    period=period,
                    period_type=parsed.type,
                    year=parsed.year,
                    value=value,
                    basis=row.basis,
                    status=status,
                    source_agency_id=source_id,
                    request=request,
                    comment=row.comment,
                    illustrative=row.illustrative,
                    citation=row.citation,
                    version=1,
                    updated_by=actor,
                )
            )
            if keep_changes:
                result.changes.append(
                    FigureChange(indicator.code, area.code, period, row.basis, None, value, "created")
                )
            continue
        same = (
            old["value"] == value
            and old["comment"] == row.comment
            and old["citation"] == row.citation
            and old["illustrative"] == row.illustrative
            and (source_id is None or old["source_agency_id"] == source_id)
        )
        if same:
            result.unchanged += 1
            if keep_changes:
                result.changes.append(
                    FigureChange(indicator.code, area.code, period, row.basis, value, value, "unchanged")
                )
            continue
        if old["status"] == FigureStatus.APPROVED:
            result.errors.append(
                RowError(
                    row.where,
                    f"số liệu {indicator.code}/{area.code}/{period} đã được phê duyệt và khóa "
                    f"({format_compact(old['value'], 6)}); chỉ thành viên Ban Chỉ đạo được mở khóa",
                )
            )
            continue
        to_update.append(
            (
                Figure(id=old["id"], value=value, comment=row.comment, citation=row.citation),
                {"old": old, "source_id": source_id, "illustrative": row.illustrative},
            )
        )
        if keep_changes:
            result.changes.append(
                FigureChange(indicator.code, area.code, period, row.basis, old["value"], value, "updated")
            )

    if result.errors:
        return result
    result.created = len(to_create)
    result.updated = len(to_update)
    if dry_run or (not to_create and not to_update):
        return result

    with transaction.atomic():
        created = Figure.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if created and created[0].pk is None:  # backends that do not return ids
            created = _refetch(created)
        history = [
            FigureHistory(
                figure_id=figure.pk,
                version=1,
                action=FigureHistory.Action.CREATE,
                old_value=None,
                new_value=figure.value,
                old_status="",
                new_status=figure.status,
                changed_by=actor,
                changed_at=now,
                via=via,
                source=source[:300],
                comment=figure.comment,
            )
            for figure in created
        ]
        updates: list[Figure] = []
        for figure, info in to_update:
            old = info["old"]
            figure.version = old["version"] + 1
            figure.status = status
            figure.illustrative = info["illustrative"]
            figure.source_agency_id = info["source_id"] or old["source_agency_id"]
            figure.updated_at = now
            figure.updated_by = actor
            updates.append(figure)
            history.append(
                FigureHistory(
                    figure_id=figure.pk,
                    version=figure.version,
                    action=FigureHistory.Action.UPDATE,
                    old_value=old["value"],
                    new_value=figure.value,
                    old_status=old["status"],
                    new_status=status,
                    changed_by=actor,
                    changed_at=now,
                    via=via,
                    source=source[:300],
                    comment=figure.comment,
                )
            )
        if updates:
            Figure.objects.bulk_update(
                updates,
                [
                    "value", "comment", "citation", "version", "status", "illustrative",
                    "source_agency", "updated_at", "updated_by",
                ],  # fmt: skip
                batch_size=500,
            )
        FigureHistory.objects.bulk_create(history, batch_size=BATCH_SIZE)
    result.applied = True
    return result


def _refetch(figures: Sequence[Figure]) -> list[Figure]:
    keys = {(f.indicator_id, f.area_id, f.period, f.basis) for f in figures}
    found = Figure.objects.filter(
        indicator_id__in={k[0] for k in keys}, area_id__in={k[1] for k in keys}
    ).only("id", "indicator_id", "area_id", "period", "basis", "value", "status", "comment")
    return [f for f in found if (f.indicator_id, f.area_id, f.period, f.basis) in keys]
