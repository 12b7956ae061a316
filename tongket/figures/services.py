"""Every write of a figure goes through here, with its history row in the same transaction.

Imports are all-or-nothing and set-based: resolve codes in a few queries, check every row, then (unless
it is a dry run or any row failed) create and update in bulk inside one transaction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.core.numbers import MAX_SIGNIFICANT_DIGITS, format_compact
from tongket.core.periods import Period, PeriodError, parse_period
from tongket.figures.formats.rows import FigureRow
from tongket.figures.models import Basis, DataRequest, Figure, FigureHistory, FigureStatus
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


def _existing_figures(
    indicator_ids: set[int], area_ids: set[int], periods: set[str], bases: set[str] | None = None
) -> dict:
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
        if bases is not None and len(bases) < len(Basis.values):
            query = query.filter(basis__in=sorted(bases))
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
    bounded = {
        i.code
        for i in indicators.values()
        if i.plausible_min is not None or i.plausible_max is not None
    }
    periods: dict[str, Period | str] = {}
    bases = frozenset(Basis.values)
    checked: list[_Checked] = []
    append = checked.append
    seen: dict[tuple[str, str, str, str], tuple[float, str]] = {}
    errors = result.errors
    default_source = agency.pk if agency else None
    isfinite = math.isfinite
    for row in rows:
        indicator = indicators.get(row[0])
        area = areas.get(row[1])
        period = periods.get(row[2])
        if period is None:
            try:
                period = parse_period(row[2])
            except PeriodError as exc:
                period = str(exc)
            periods[row[2]] = period
        raw = row[3]
        # The common case in bulk loads, checked with the fewest operations: known codes, a plain
        # float with at most 15 significant digits, no bounds, no source agency to resolve.
        if (
            indicator is not None
            and area is not None
            and type(raw) is float
            and type(period) is Period
            and row[4] in bases
            and not row[8]
            and isfinite(raw)
            and row[0] not in bounded
            and len(repr(raw)) <= 16
            and "e" not in repr(raw)
        ):
            value = raw
            source_id = default_source
        else:
            checked_row = _check_slow(row, indicator, area, period, agencies, agency, bases, errors)
            if checked_row is None:
                continue
            value, source_id = checked_row
        key = (row[0], row[1], period.code, row[4])
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
        seen[key] = (value, row[9])
        append((row, indicator, area, value, source_id, period))
    return checked


def _check_slow(
    row: FigureRow,
    indicator,
    area,
    period,
    agencies: dict,
    agency: Agency | None,
    bases,
    errors: list,
) -> tuple[float, int | None] | None:
    """Every check of one row, with its errors; None when the row is refused."""
    before = len(errors)
    if indicator is None:
        errors.append(
            RowError(row.where, f"chỉ số '{str(row.indicator)[:60]}' không có trong hệ thống")
        )
    if area is None:
        errors.append(
            RowError(row.where, f"địa bàn '{str(row.area)[:60]}' không có trong hệ thống")
        )
    if isinstance(period, str):
        errors.append(RowError(row.where, period))
    if row.basis not in bases:
        errors.append(
            RowError(
                row.where,
                f"mức độ '{str(row.basis)[:30]}' không hợp lệ (estimate, preliminary, official)",
            )
        )
    source_id = agency.pk if agency else None
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
        return None
    if len(errors) > before:
        return None
    return value, source_id


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
    # Insert in key order (indicator, area, period type, year): each index then grows in a few places
    # instead of everywhere at once, which keeps large loads fast once the table no longer fits in cache.
    if len(plan.creates) > 1000:
        plan.creates.sort(key=lambda row: (row[0], row[1], row[3], row[4], row[2], row[6]))
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
        # One read per basis, with that basis' own periods: a file of official years and preliminary
        # quarters does not read the official quarters.
        by_basis: dict[str, tuple[set[int], set[int], set[str]]] = {}
        for row, indicator, area, _value, _source, period in checked:
            group = by_basis.setdefault(row.basis, (set(), set(), set()))
            group[0].add(indicator.pk)
            group[1].add(area.pk)
            group[2].add(period.code)
        existing: dict = {}
        for basis, (indicator_ids, area_ids, periods) in by_basis.items():
            existing.update(_existing_figures(indicator_ids, area_ids, periods, {basis}))
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


@dataclass(frozen=True)
class _Constants:
    """What every row of one import shares."""

    status: str
    request_id: int | None
    now: object
    actor_id: int | None
    via: str
    source: str


_FIGURE_INSERT_COLUMNS = (
    "indicator_id, area_id, period, period_type, year, value, basis, source_agency_id, comment, "
    "illustrative, citation, status, request_id, version, updated_at, updated_by_id"
)
_HISTORY_COLUMNS = (
    "figure_id, version, action, old_value, new_value, old_status, new_status, changed_by_id, "
    "changed_at, via, source, comment"
)


def _create_sqlite(cursor, creates: list[tuple], c: _Constants) -> None:
    """executemany straight into the figures, then their history with one INSERT … SELECT.

    The new figures are those above the largest id before the insert: ids are AUTOINCREMENT and this
    transaction holds SQLite's only write lock (BEGIN IMMEDIATE), so no other writer interleaves.
    """
    figure = Figure._meta.db_table
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {figure}")  # noqa: S608
    before = cursor.fetchone()[0]
    if len(creates) > 50_000:
        # A bulk load touches every index of a large table: give this connection a bigger page cache.
        cursor.execute("PRAGMA cache_size = -262144")
    marks = ", ".join(["%s"] * 11)
    sql = (
        f"INSERT INTO {figure} ({_FIGURE_INSERT_COLUMNS}) "  # noqa: S608
        f"VALUES ({marks}, %s, %s, 1, %s, %s)"
    )
    raw = cursor.cursor  # Django's sqlite3 cursor, without the per-call wrapping of the outer one
    tail = (c.status, c.request_id, c.now, c.actor_id)
    for start in range(0, len(creates), 200_000):
        chunk = creates[start : start + 200_000]
        raw.executemany(
            sql,
            [
                (
                    *row[:9],
                    False if row[9] is None else row[9],
                    "" if row[10] is None else row[10],
                    *tail,
                )
                for row in chunk
            ],
        )
    cursor.execute(
        f"INSERT INTO {FigureHistory._meta.db_table} ({_HISTORY_COLUMNS}) "  # noqa: S608
        "SELECT id, 1, 'create', NULL, value, '', status, %s, %s, %s, %s, comment "
        f"FROM {figure} WHERE id > %s",
        [c.actor_id, c.now, c.via, c.source, before],
    )


def _create_postgresql(cursor, creates: list[tuple], c: _Constants) -> None:
    """Take the ids from the sequence, then COPY the figures and their history rows."""
    figure = Figure._meta.db_table
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [figure, len(creates)],
    )
    ids = [row[0] for row in cursor.fetchall()]
    raw = cursor.cursor
    with raw.copy(f"COPY {figure} (id, {_FIGURE_INSERT_COLUMNS}) FROM STDIN") as copy:
        write = copy.write_row
        tail = (c.status, c.request_id, 1, c.now, c.actor_id)
        for figure_id, row in zip(ids, creates, strict=True):
            write((figure_id, *row[:9], bool(row[9]), row[10] or "", *tail))
    with raw.copy(f"COPY {FigureHistory._meta.db_table} ({_HISTORY_COLUMNS}) FROM STDIN") as copy:
        write = copy.write_row
        for figure_id, row in zip(ids, creates, strict=True):
            write(
                (
                    figure_id,
                    1,
                    "create",
                    None,
                    row[5],
                    "",
                    c.status,
                    c.actor_id,
                    c.now,
                    c.via,
                    c.source,
                    row[8],
                )
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
    constants = _Constants(status, request_id, now, actor_id, via, source)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if plan.creates:
            if postgres:
                _create_postgresql(cursor, plan.creates, constants)
            else:
                _create_sqlite(cursor, plan.creates, constants)
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


# --- One figure at a time: the data-entry grid and the API --------------------------------------


class FigureConflict(Exception):
    """Someone else saved the figure first; carries their value so the page can show it."""

    def __init__(self, figure: Figure):
        super().__init__("conflict")
        self.figure = figure


class FigureLocked(Exception):
    """The figure is approved (locked)."""

    def __init__(self, figure: Figure):
        super().__init__("locked")
        self.figure = figure


def save_figure(
    *,
    indicator: Indicator,
    area: Area,
    period: str,
    value: float,
    expected_version: int | None,
    actor,
    via: str,
    agency: Agency | None = None,
    request=None,
    basis: str = Basis.OFFICIAL,
    comment: str | None = None,
    status: str = FigureStatus.DRAFT,
) -> Figure:
    """Save one figure with optimistic locking: `expected_version` is the version the person saw
    (None or 0 when they saw no figure). A stale version raises FigureConflict, a locked figure
    FigureLocked; never a silent overwrite. The history row is written in the same transaction.
    """
    parsed = parse_period(period)
    value = check_value(value, indicator)
    now = timezone.now()
    with transaction.atomic():
        current = (
            Figure.objects.select_for_update()
            .filter(indicator=indicator, area=area, period=parsed.code, basis=basis)
            .first()
        )
        if current is None:
            if expected_version:
                raise FigureConflict(
                    Figure(indicator=indicator, area=area, period=parsed.code, value=value)
                )
            try:
                with transaction.atomic():
                    figure = Figure.objects.create(
                        indicator=indicator, area=area, period=parsed.code, period_type=parsed.type,
                        year=parsed.year, value=value, basis=basis, status=status, source_agency=agency,
                        request=request, comment=comment or "", version=1, updated_by=actor,
                    )  # fmt: skip
            except IntegrityError:
                other = Figure.objects.get(
                    indicator=indicator, area=area, period=parsed.code, basis=basis
                )
                raise FigureConflict(other) from None
            FigureHistory.objects.create(
                figure=figure, version=1, action=FigureHistory.Action.CREATE, old_value=None, new_value=value,
                old_status="", new_status=status, changed_by=actor, changed_at=now, via=via,
                comment=figure.comment,
            )  # fmt: skip
            return figure
        if current.locked:
            raise FigureLocked(current)
        if agency is not None and current.source_agency_id not in (None, agency.pk):
            raise PermissionDenied
        if expected_version is not None and current.version != expected_version:
            raise FigureConflict(current)
        old_value, old_status = current.value, current.status
        if old_value == value and (comment is None or comment == current.comment):
            return current
        current.value = value
        if comment is not None:
            current.comment = comment
        current.version += 1
        current.status = status
        current.updated_by = actor
        if agency is not None:
            current.source_agency = agency
        if request is not None:
            current.request = request
        current.save()
        FigureHistory.objects.create(
            figure=current, version=current.version, action=FigureHistory.Action.UPDATE, old_value=old_value,
            new_value=value, old_status=old_status, new_status=status, changed_by=actor, changed_at=now,
            via=via, comment=current.comment,
        )  # fmt: skip
        return current


# --- Requests: submit, approve, return; reopen one figure --------------------------------------


class WorkflowError(Exception):
    """A workflow step that is not allowed now; the message is Vietnamese."""


def request_figures(request: DataRequest):
    """The figures inside a request's scope (indicators × areas × periods), any basis."""
    return Figure.objects.filter(
        indicator__in=request.indicators.all(),
        area__in=request.areas.all(),
        period__in=list(request.periods),
    )


def _transition(figures, *, action: str, new_status: str, actor, comment: str = "") -> int:
    """Move figures to a status, with one history row each, set-based."""
    now = timezone.now()
    rows = list(figures.values_list("id", "value", "status", "version"))
    if not rows:
        return 0
    history = [
        FigureHistory(
            figure_id=fid,
            version=version + 1,
            action=action,
            old_value=value,
            new_value=value,
            old_status=status,
            new_status=new_status,
            changed_by=actor,
            changed_at=now,
            via=FigureHistory.Via.WORKFLOW,
            comment=comment,
        )
        for fid, value, status, version in rows
    ]
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), _CHUNK):
        Figure.objects.filter(pk__in=ids[start : start + _CHUNK]).update(
            status=new_status, version=F("version") + 1, updated_at=now, updated_by=actor
        )
    FigureHistory.objects.bulk_create(history, batch_size=BATCH_SIZE)
    return len(rows)


def submit_request(request: DataRequest, actor) -> int:
    """The agency sends its figures: drafts and returned figures of the request become submitted."""
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        if request.status not in (DataRequest.Status.OPEN, DataRequest.Status.RETURNED):
            raise WorkflowError(_("Yêu cầu này đã được gửi hoặc đã phê duyệt."))
        count = _transition(
            request_figures(request).filter(
                source_agency=request.agency, status__in=[FigureStatus.DRAFT, FigureStatus.RETURNED]
            ),
            action=FigureHistory.Action.SUBMIT, new_status=FigureStatus.SUBMITTED, actor=actor,
        )  # fmt: skip
        request.status = DataRequest.Status.SUBMITTED
        request.submitted_at = timezone.now()
        request.version += 1
        request.save(update_fields=["status", "submitted_at", "version", "updated_at"])
        return count


def _decide_request(
    request: DataRequest,
    actor,
    *,
    refusal: str,
    action: str,
    figure_status: str,
    request_status: str,
    comment: str,
    return_comment: str,
) -> int:
    """Approve or return a submitted request: move its submitted figures and record the decision.

    ``refusal`` is the Vietnamese message raised when the request is not submitted.
    """
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != DataRequest.Status.SUBMITTED:
            raise WorkflowError(refusal)
        count = _transition(
            request_figures(request).filter(source_agency=request.agency, status=FigureStatus.SUBMITTED),
            action=action, new_status=figure_status, actor=actor, comment=comment,
        )  # fmt: skip
        request.status = request_status
        request.decided_at = timezone.now()
        request.decided_by = actor
        request.return_comment = return_comment
        request.version += 1
        request.save(
            update_fields=[
                "status",
                "decided_at",
                "decided_by",
                "return_comment",
                "version",
                "updated_at",
            ]
        )
        return count


def approve_request(request: DataRequest, actor, comment: str = "") -> int:
    """The secretariat or a committee member approves: the submitted figures are locked."""
    return _decide_request(
        request, actor, refusal=_("Chỉ phê duyệt được yêu cầu đã gửi."),
        action=FigureHistory.Action.APPROVE, figure_status=FigureStatus.APPROVED,
        request_status=DataRequest.Status.APPROVED, comment=comment, return_comment="",
    )  # fmt: skip


def return_request(request: DataRequest, actor, comment: str) -> int:
    """Return the request to the agency with a comment; its submitted figures become editable again."""
    if not comment.strip():
        raise WorkflowError(_("Cần ghi lý do trả lại."))
    return _decide_request(
        request, actor, refusal=_("Chỉ trả lại được yêu cầu đã gửi."),
        action=FigureHistory.Action.RETURN, figure_status=FigureStatus.RETURNED,
        request_status=DataRequest.Status.RETURNED, comment=comment, return_comment=comment,
    )  # fmt: skip


def reopen_figure(figure: Figure, actor, reason: str) -> Figure:
    """A committee member unlocks an approved figure, with a reason recorded in its history."""
    if not reason.strip():
        raise WorkflowError(_("Cần ghi lý do mở khóa."))
    with transaction.atomic():
        figure = Figure.objects.select_for_update().get(pk=figure.pk)
        if not figure.locked:
            raise WorkflowError(_("Số liệu này chưa bị khóa."))
        _transition(
            Figure.objects.filter(pk=figure.pk), action=FigureHistory.Action.REOPEN,
            new_status=FigureStatus.RETURNED, actor=actor, comment=reason.strip(),
        )  # fmt: skip
        if figure.request_id:
            DataRequest.objects.filter(
                pk=figure.request_id, status=DataRequest.Status.APPROVED
            ).update(
                status=DataRequest.Status.RETURNED,
                return_comment=reason.strip(),
                version=F("version") + 1,
            )
        figure.refresh_from_db()
        return figure


# --- Completeness and timeliness, computed from the figures and the submissions -------------------


@dataclass
class Completeness:
    """Expected and received figures of a request (or of an agency's requests), and timeliness."""

    expected: int = 0
    received: int = 0
    on_time: int = 0
    late: int = 0
    overdue: bool = False

    @property
    def percent(self) -> float:
        """Received over expected, in percent."""
        return 100.0 * self.received / self.expected if self.expected else 100.0


def completeness_for(requests: Sequence[DataRequest], today=None) -> dict[int, Completeness]:
    """Completeness per request in a fixed number of queries, whatever the number of requests.

    A figure counts as received when it exists in the request's scope with a status other than draft
    (submitted, approved, or returned to be corrected). On time: submitted by the deadline; late:
    submitted after it, or still not submitted once it has passed (then also `overdue`).
    """
    today = today or timezone.localdate()
    requests = list(requests)
    if not requests:
        return {}
    ids = [r.pk for r in requests]
    indicators: dict[int, set[int]] = {}
    areas: dict[int, set[int]] = {}
    for rid, iid in DataRequest.indicators.through.objects.filter(
        datarequest_id__in=ids
    ).values_list("datarequest_id", "indicator_id"):
        indicators.setdefault(rid, set()).add(iid)
    for rid, aid in DataRequest.areas.through.objects.filter(datarequest_id__in=ids).values_list(
        "datarequest_id", "area_id"
    ):
        areas.setdefault(rid, set()).add(aid)
    all_ind = set().union(*indicators.values()) if indicators else set()
    all_area = set().union(*areas.values()) if areas else set()
    all_periods = {p for r in requests for p in r.periods}
    received_keys: set[tuple[int, int, str]] = set()
    if all_ind and all_area and all_periods:
        received_keys = set(
            Figure.objects.filter(
                indicator_id__in=all_ind, area_id__in=all_area, period__in=all_periods
            )
            .exclude(status=FigureStatus.DRAFT)
            .values_list("indicator_id", "area_id", "period")
        )
    out: dict[int, Completeness] = {}
    for r in requests:
        inds, ars, pers = indicators.get(r.pk, set()), areas.get(r.pk, set()), set(r.periods)
        stats = Completeness(expected=len(inds) * len(ars) * len(pers))
        stats.received = sum(
            1 for k in received_keys if k[0] in inds and k[1] in ars and k[2] in pers
        )
        if r.submitted_at:
            if timezone.localdate(r.submitted_at) <= r.deadline:
                stats.on_time = 1
            else:
                stats.late = 1
        elif r.deadline < today:
            stats.late = 1
            stats.overdue = True
        out[r.pk] = stats
    return out
