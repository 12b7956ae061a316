"""Every write of a figure goes through here, with its history row in the same transaction.

Imports are all-or-nothing and set-based: resolve codes in a few queries, check every row, then (unless
it is a dry run or any row failed) create and update in bulk inside one transaction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tongket.core.numbers import MAX_SIGNIFICANT_DIGITS, format_compact
from tongket.core.periods import Period, PeriodError, parse_period
from tongket.figures.formats.rows import FigureRow
from tongket.figures.models import Basis, Figure, FigureHistory, FigureStatus
from tongket.organizations.models import Agency, Area
from tongket.resolutions.models import Indicator

BATCH_SIZE = 2000
_CHUNK = 500  # codes per IN (...) when looking up existing figures


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
    if type(raw) is float and math.isfinite(raw):
        # Fast path for bulk loads: a float whose shortest text has at most 16 characters and no
        # exponent cannot have more than 15 significant digits.
        text = repr(raw)
        if len(text) <= 16 and "e" not in text:
            return _plausible(raw, indicator)
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
    return _plausible(value, indicator)


def _plausible(value: float, indicator: Indicator | None) -> float:
    """The value, unless it lies outside its indicator's plausible range."""
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
    codes_list = sorted(c for c in codes if c)
    for start in range(0, len(codes_list), _CHUNK):
        for obj in model.objects.filter(code__in=codes_list[start : start + _CHUNK]):
            found[obj.code] = obj
    return found


_EXISTING_FIELDS = (
    "id", "indicator_id", "area_id", "period", "basis", "value", "status", "version",
    "comment", "citation", "illustrative", "source_agency_id",
)  # fmt: skip


def _existing_figures(indicator_ids: set[int], area_ids: set[int], periods: set[str]) -> dict:
    """Existing figures keyed by (indicator_id, area_id, period, basis), as tuples of _EXISTING_FIELDS."""
    existing: dict[tuple[int, int, str, str], tuple] = {}
    ids = sorted(indicator_ids)
    period_list = sorted(periods)
    area_list = sorted(area_ids)
    for start in range(0, len(ids), _CHUNK):
        query = Figure.objects.filter(indicator_id__in=ids[start : start + _CHUNK])
        if len(area_list) <= _CHUNK:
            query = query.filter(area_id__in=area_list)
        if len(period_list) <= _CHUNK:
            query = query.filter(period__in=period_list)
        for row in query.values_list(*_EXISTING_FIELDS).iterator(chunk_size=20_000):
            existing[(row[1], row[2], row[3], row[4])] = row
    return existing


# Positions in an _EXISTING_FIELDS tuple.
_ID, _VALUE, _STATUS, _VERSION, _COMMENT, _CITATION, _ILLUSTRATIVE, _SOURCE = (
    0,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
)

# Positions in a checked row: (row, indicator, area, value, source agency id, period).
_Checked = tuple[FigureRow, Indicator, Area, float, int | None, Period]


def _check_rows(
    rows: list[FigureRow], agency: Agency | None, result: ImportResult
) -> list[_Checked]:
    """Resolve codes in a few queries and check every row; errors go to `result`."""
    indicators = _by_code(Indicator, {r.indicator for r in rows})
    areas = _by_code(Area, {r.area for r in rows})
    agencies = _by_code(Agency, {r.source for r in rows if r.source})
    periods: dict[str, Period | str] = {}
    bases = set(Basis.values)
    checked: list[_Checked] = []
    seen: dict[tuple[str, str, str, str], tuple[float, str]] = {}
    errors = result.errors
    default_source = agency.pk if agency else None
    for row in rows:
        errors_before = len(errors)
        indicator = indicators.get(row.indicator)
        area = areas.get(row.area)
        if indicator is None:
            errors.append(
                RowError(row.where, f"chỉ số '{str(row.indicator)[:60]}' không có trong hệ thống")
            )
        if area is None:
            errors.append(
                RowError(row.where, f"địa bàn '{str(row.area)[:60]}' không có trong hệ thống")
            )
        period = periods.get(row.period)
        if period is None:
            try:
                period = parse_period(row.period)
            except PeriodError as exc:
                period = str(exc)
            periods[row.period] = period
        if isinstance(period, str):
            errors.append(RowError(row.where, period))
        if row.basis not in bases:
            errors.append(
                RowError(
                    row.where,
                    f"mức độ '{str(row.basis)[:30]}' không hợp lệ (estimate, preliminary, official)",
                )
            )
        source_id = default_source
        if row.source:
            source_agency = agencies.get(row.source)
            if source_agency is None:
                errors.append(
                    RowError(row.where, f"cơ quan '{str(row.source)[:60]}' không có trong hệ thống")
                )
            elif agency is not None and source_agency.pk != agency.pk:
                errors.append(
                    RowError(row.where, f"không được nhập số liệu thay cơ quan '{row.source}'")
                )
            else:
                source_id = source_agency.pk
        try:
            value = check_value(row.value, indicator)
        except ValueError as exc:
            errors.append(RowError(row.where, str(exc)))
            continue
        if len(errors) > errors_before:
            continue
        key = (row.indicator, row.area, period.code, row.basis)
        previous = seen.get(key)
        if previous is not None:
            if previous[0] != value:
                errors.append(
                    RowError(
                        row.where,
                        f"trùng khóa với {previous[1]} nhưng khác giá trị "
                        f"({format_compact(previous[0], 6)} ≠ {format_compact(value, 6)})",
                    )
                )
            continue
        seen[key] = (value, row.where)
        checked.append((row, indicator, area, value, source_id, period))
    return checked


@dataclass
class _Plan:
    """What the merge will write: new figures and changed ones (with their old state)."""

    creates: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)


def _classify(
    checked: list[_Checked],
    existing: dict,
    agency: Agency | None,
    result: ImportResult,
    keep_changes: bool,
) -> _Plan:
    """Compare every checked row with the figure it would change; locked figures are refused."""
    plan = _Plan()
    changes = result.changes if keep_changes else None
    for row, indicator, area, value, source_id, period in checked:
        old = existing.get((indicator.pk, area.pk, period.code, row.basis))
        if old is None:
            plan.creates.append(
                (indicator.pk, area.pk, period.code, period.type, period.year, value, row.basis,
                 source_id, row.comment, row.illustrative, row.citation)
            )  # fmt: skip
            if changes is not None:
                changes.append(
                    FigureChange(
                        indicator.code, area.code, period.code, row.basis, None, value, "created"
                    )
                )
            continue
        if (
            old[_VALUE] == value
            and old[_COMMENT] == row.comment
            and (row.citation is None or old[_CITATION] == row.citation)
            and (row.illustrative is None or old[_ILLUSTRATIVE] == row.illustrative)
            and (source_id is None or old[_SOURCE] == source_id)
        ):
            result.unchanged += 1
            if changes is not None:
                changes.append(
                    FigureChange(
                        indicator.code, area.code, period.code, row.basis, value, value, "unchanged"
                    )
                )
            continue
        if old[_STATUS] == FigureStatus.APPROVED:
            result.errors.append(
                RowError(
                    row.where,
                    f"số liệu {indicator.code}/{area.code}/{period.code} đã được phê duyệt và khóa "
                    f"({format_compact(old[_VALUE], 6)}); chỉ thành viên Ban Chỉ đạo được mở khóa",
                )
            )
            continue
        if agency is not None and old[_SOURCE] is not None and old[_SOURCE] != agency.pk:
            result.errors.append(
                RowError(
                    row.where,
                    f"số liệu {indicator.code}/{area.code}/{period.code} do cơ quan khác cung cấp; "
                    "không được sửa",
                )
            )
            continue
        plan.updates.append(
            (old[_ID], value, row.comment, row.citation, row.illustrative, source_id,
             old[_VALUE], old[_STATUS], old[_VERSION])
        )  # fmt: skip
        if changes is not None:
            changes.append(
                FigureChange(
                    indicator.code, area.code, period.code, row.basis, old[_VALUE], value, "updated"
                )
            )
    result.created = len(plan.creates)
    result.updated = len(plan.updates)
    return plan


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
    recorded with it as source, and figures another agency supplied are refused. `status` is the
    status figures take (commands and bundles load them approved by the system; a focal point's
    upload is a draft until submitted). Locked (approved) figures are never changed.

    The write is set-based: rows are staged in a temporary table (executemany on SQLite, COPY on
    PostgreSQL) and merged into the figures and their history with a few INSERT … SELECT and
    UPDATE … FROM statements, whatever the number of rows.
    """
    rows = rows if isinstance(rows, list) else list(rows)
    result = ImportResult()
    checked = _check_rows(rows, agency, result)
    if result.errors:
        return result

    def plan_for() -> _Plan:
        existing = _existing_figures(
            {c[1].pk for c in checked}, {c[2].pk for c in checked}, {c[5].code for c in checked}
        )
        return _classify(checked, existing, agency, result, keep_changes)

    if dry_run:
        plan_for()
        return result
    try:
        with transaction.atomic():
            plan = plan_for()
            if result.errors:
                raise FigureImportRefused(result)
            if plan.creates or plan.updates:
                _merge(
                    plan, actor=actor, via=via, source=source[:300], status=status, request=request
                )
    except FigureImportRefused:
        return result
    except IntegrityError:
        result.errors.append(
            RowError(
                "",
                "số liệu vừa được người khác thay đổi cùng lúc; không có gì được lưu, hãy thử lại",
            )
        )
        return result
    result.applied = bool(plan.creates or plan.updates)
    return result


_STAGE = "tk_figure_stage"
_STAGE_COLUMNS = (
    "indicator_id", "area_id", "period", "period_type", "year", "value", "basis", "source_agency_id",
    "comment", "illustrative", "citation",
)  # fmt: skip
_UPDATE_COLUMNS = (
    "existing_id", "value", "comment", "citation", "illustrative", "source_agency_id",
    "old_value", "old_status", "old_version",
)  # fmt: skip


def _stage(cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    """Load rows into a temporary table: COPY on PostgreSQL, executemany on SQLite."""
    if connection.vendor == "postgresql":
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    for start in range(0, len(rows), 100_000):
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
            rows[start : start + 100_000],
        )


def _merge(plan: _Plan, *, actor, via: str, source: str, status: str, request) -> None:
    """Write the plan: figures and their history rows, set-based, inside the caller's transaction."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    actor_id = actor.pk if actor is not None else None
    request_id = request.pk if request is not None else None
    figure = Figure._meta.db_table
    history = FigureHistory._meta.db_table
    postgres = connection.vendor == "postgresql"
    temp = "CREATE TEMPORARY TABLE" if postgres else "CREATE TEMP TABLE"
    real = "double precision" if postgres else "REAL"
    boolean = "boolean" if postgres else "INTEGER"
    with connection.cursor() as cursor:
        if plan.creates:
            cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")
            cursor.execute(
                f"{temp} {_STAGE} (indicator_id bigint, area_id bigint, period varchar(8), "
                f"period_type varchar(1), year integer, value {real}, basis varchar(12), "
                f"source_agency_id bigint, comment text, illustrative {boolean}, citation varchar(500))"
            )
            _stage(cursor, _STAGE, _STAGE_COLUMNS, plan.creates)
            insert = (
                f"INSERT INTO {figure} (indicator_id, area_id, period, period_type, year, value, basis, "  # noqa: S608
                "status, source_agency_id, request_id, comment, illustrative, citation, version, "
                "updated_at, updated_by_id) "
                "SELECT indicator_id, area_id, period, period_type, year, value, basis, %s, "
                "source_agency_id, %s, comment, COALESCE(illustrative, %s), COALESCE(citation, ''), 1, %s, %s "
                f"FROM {_STAGE}"
            )
            history_columns = (
                f"INSERT INTO {history} (figure_id, version, action, old_value, new_value, old_status, "
                "new_status, changed_by_id, changed_at, via, source, comment) "
            )
            params = [status, request_id, False, now, actor_id]
            if postgres:
                # One statement: the new figures' ids come back from RETURNING, no join needed.
                cursor.execute(
                    f"WITH ins AS ({insert} RETURNING id, value, comment) "  # noqa: S608
                    + history_columns
                    + "SELECT id, 1, 'create', NULL, value, '', %s, %s, %s, %s, %s, comment FROM ins",
                    [*params, status, actor_id, now, via, source],
                )
            else:
                cursor.execute(insert, params)
                cursor.execute(
                    history_columns
                    + "SELECT f.id, 1, 'create', NULL, f.value, '', %s, %s, %s, %s, %s, f.comment "  # noqa: S608
                    f"FROM {_STAGE} s JOIN {figure} f ON f.indicator_id = s.indicator_id "
                    "AND f.area_id = s.area_id AND f.period = s.period AND f.basis = s.basis",
                    [status, actor_id, now, via, source],
                )
            cursor.execute(f"DROP TABLE {_STAGE}")
        if plan.updates:
            stage = _STAGE + "_upd"
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(
                f"{temp} {stage} (existing_id bigint PRIMARY KEY, value {real}, comment text, "
                f"citation varchar(500), illustrative {boolean}, source_agency_id bigint, "
                f"old_value {real}, old_status varchar(10), old_version integer)"
            )
            _stage(cursor, stage, _UPDATE_COLUMNS, plan.updates)
            cursor.execute(
                f"INSERT INTO {history} (figure_id, version, action, old_value, new_value, old_status, "  # noqa: S608
                "new_status, changed_by_id, changed_at, via, source, comment) "
                "SELECT existing_id, old_version + 1, 'update', old_value, value, old_status, %s, %s, %s, "
                f"%s, %s, comment FROM {stage}",
                [status, actor_id, now, via, source],
            )
            cursor.execute(
                f"UPDATE {figure} SET value = s.value, comment = s.comment, "  # noqa: S608
                f"citation = COALESCE(s.citation, {figure}.citation), "
                f"illustrative = COALESCE(s.illustrative, {figure}.illustrative), version = s.old_version + 1, status = %s, "
                f"source_agency_id = COALESCE(s.source_agency_id, {figure}.source_agency_id), "
                f"request_id = COALESCE(%s, {figure}.request_id), updated_at = %s, updated_by_id = %s "
                f"FROM {stage} s WHERE {figure}.id = s.existing_id",
                [status, request_id, now, actor_id],
            )
            cursor.execute(f"DROP TABLE {stage}")
