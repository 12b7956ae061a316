"""Benchmark of the assessment (issue 6): dashboard, service call and explorer query on a national data set.

    .venv/bin/python scripts/bench_assessment.py generate --db URL --values 10000000
    .venv/bin/python scripts/bench_assessment.py run --db URL [--repeat 20]

URL is a DATABASE_URL (`sqlite:////abs/path.sqlite3` or `postgres://postgres@127.0.0.1:5432/tongket_bench`).

`generate` migrates the database and bulk-inserts a deterministic national data set directly (raw SQL:
executemany on SQLite, COPY on PostgreSQL, secondary indexes dropped during the load and rebuilt after):
1 country + 63 provinces + 705 districts = 769 areas, 120 indicators, yearly figures 2001–2025 for every
(indicator, area), then quarterly and monthly figures until the asked number of values is reached; about
2 % of the figures are drafts (which the assessment must skip), and the benchmark province also has
preliminary and estimated figures beside the official ones for its latest years. It also creates the
resolution BENCH-NQ with 100 targets of every kind and direction, its review `bench-review` on one
province, and a superuser `bench`. (The figures issue's `tongket bench generate` was not available when
this was written, hence this generator.)

`run` times, as medians over --repeat runs after one warm-up:
- the dashboard page of the review, server time through Django's test Client (in-process request);
- the assessment service call `assess_review` (in-process);
- the explorer query: one indicator across all areas and 25 years (in-process service, and the page);
- beside each, the raw SQL that fetches the same figures;
and prints the EXPLAIN (QUERY PLAN) of the figure queries, to check that figure_series_idx serves them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_PROVINCES = 63
N_DISTRICTS = 705
N_INDICATORS = 120
N_GROWTH = 20  # the first indicators are yearly growth rates (%), the others levels
FIRST_YEAR, LAST_YEAR = 2001, 2025
BENCH_PROVINCE = "P031"
N_TARGETS = 100
STAMP = "2025-06-30 00:00:00"


def setup(db_url: str) -> None:
    """Point Django at the benchmark database and start it."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings")
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


# --------------------------------------------------------------------------------------------------
# Generation


@functools.cache
def _periods(extra: int) -> tuple[tuple[str, str, int], ...]:
    """25 years, then `extra` quarters and months (quarters first), sorted as the unique index sorts."""
    years = [str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
    quarters = [f"{y}Q{q}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for q in range(1, 5)]
    months = [f"{y}{m:02d}" for y in range(FIRST_YEAR, LAST_YEAR + 1) for m in range(1, 13)]
    codes = sorted(years + (quarters + months)[:extra])
    return tuple(
        (code, "Y" if len(code) == 4 else ("Q" if "Q" in code else "M"), int(code[:4]))
        for code in codes
    )


def _value(ind: int, area: int, period: str) -> float:
    """A deterministic, plausible value: growth rates around 7 %, levels growing about 6 % a year."""
    year = int(period[:4])
    wiggle = ((ind * 31 + area * 17 + year * 7 + len(period)) % 11 - 5) / 100
    if ind <= N_GROWTH:
        return round(7.0 + wiggle * 40, 1)
    base = 100 + (ind * 37 + area * 13) % 900
    if area == 1:  # the country: a bigger total
        base *= 50
    return round(base * 1.06 ** (year - FIRST_YEAR) * (1 + wiggle), 2)


def figure_rows(total: int, area_ids: list[int], indicator_ids: list[int], bench_area: int):
    """Yield the figure tuples in (indicator, area, period, basis) order, `total` of them in all."""
    series = len(area_ids) * len(indicator_ids)
    years = LAST_YEAR - FIRST_YEAR + 1
    extra_total = max(0, total - series * years)
    per_series, remainder = divmod(extra_total, series)
    per_series = min(per_series, 16 * years)
    count = 0
    s = 0
    for ind in indicator_ids:
        for area in area_ids:
            extra = per_series + (1 if s < remainder and per_series < 16 * years else 0)
            s += 1
            for period, ptype, year in _periods(extra):
                if count >= total:
                    return
                status = "draft" if (ind + area + year) % 50 == 0 else "approved"
                value = _value(ind, area, period)
                bases = ["official"]
                if area == bench_area and ptype == "Y" and year >= LAST_YEAR - 1:
                    bases = ["estimate", "official", "preliminary"]  # sorted, as the unique key
                for basis in bases:
                    count += 1
                    yield (ind, area, period, ptype, year, value, basis, status)


def _areas_and_indicators() -> tuple[list[int], list[int], int]:
    """Create the areas, indicators and an agency with the ORM (small), return their ids."""
    from tongket.organizations.models import Area
    from tongket.resolutions.models import Indicator

    now = dt.datetime(2025, 6, 30, tzinfo=dt.UTC)
    country = Area.objects.create(code="VN", name="Việt Nam", level=Area.Level.COUNTRY)
    provinces = Area.objects.bulk_create(
        Area(code=f"P{p:03d}", name=f"Tỉnh {p:02d}", level=Area.Level.PROVINCE, parent=country,
             search_text=f"p{p:03d} tinh {p:02d}", created_at=now, updated_at=now)
        for p in range(1, N_PROVINCES + 1)
    )  # fmt: skip
    provinces = list(Area.objects.filter(level=Area.Level.PROVINCE).order_by("code"))
    Area.objects.bulk_create(
        Area(code=f"D{d:04d}", name=f"Huyện {d:04d}", level=Area.Level.DISTRICT,
             parent=provinces[d % N_PROVINCES], search_text=f"d{d:04d} huyen", created_at=now, updated_at=now)
        for d in range(1, N_DISTRICTS + 1)
    )  # fmt: skip
    Indicator.objects.bulk_create(
        Indicator(
            code=f"I{i:03d}",
            name=(f"Tốc độ tăng chỉ số {i:03d}" if i <= N_GROWTH else f"Chỉ số mức {i:03d}"),
            unit="%" if i <= N_GROWTH else "tỷ đồng",
            kind="growth" if i <= N_GROWTH else "level",
            decimals=1 if i <= N_GROWTH else 2,
            search_text=f"i{i:03d}",
            created_at=now,
            updated_at=now,
        )
        for i in range(1, N_INDICATORS + 1)
    )
    area_ids = list(Area.objects.order_by("id").values_list("id", flat=True))
    indicator_ids = list(Indicator.objects.order_by("id").values_list("id", flat=True))
    bench = Area.objects.get(code=BENCH_PROVINCE).pk
    return area_ids, indicator_ids, bench


def _review_with_targets() -> None:
    """Resolution BENCH-NQ with 100 targets of every kind and direction, its review, a superuser."""
    from tongket.accounts.models import User
    from tongket.organizations.models import Area
    from tongket.resolutions.models import Indicator, Resolution, Target
    from tongket.reviews.models import Review

    area = Area.objects.get(code=BENCH_PROVINCE)
    resolution = Resolution.objects.create(
        code="BENCH-NQ", number="BENCH-NQ", title="Nghị quyết dùng để đo tốc độ", area=area
    )
    indicators = list(Indicator.objects.order_by("id")[:N_TARGETS])
    targets = []
    for n, ind in enumerate(indicators, start=1):
        growth = ind.kind == "growth"
        kind = (
            "average_growth"
            if growth
            else ["level", "average_growth", "cumulative", "ratio_to_base"][n % 4]
        )
        direction = "decrease" if n % 7 == 0 else "increase"
        lower, upper = {
            "level": (1500.0, 1800.0),
            "average_growth": (6.0, 7.0),
            "cumulative": (15000.0, None),
            "ratio_to_base": (1.5, 2.0),
        }[kind]
        targets.append(Target(
            resolution=resolution, code=f"T{n:03d}", order=n, indicator=ind, text=f"Chỉ tiêu {n:03d}",
            kind=kind, lower=lower, upper=upper, direction=direction, unit=ind.unit,
            start_year=2021 if kind in ("average_growth", "cumulative") else None,
            year=2025 if n % 10 else 2030, base_year=2020 if kind == "ratio_to_base" else None,
        ))  # fmt: skip
    Target.objects.bulk_create(targets)
    Review.objects.create(
        code="bench-review", resolution=resolution, title="Đợt tổng kết đo tốc độ"
    )
    User.objects.create_superuser("bench", "bench@example.vn", "bench-mat-khau-2025")


def _load_sqlite(connection, rows) -> None:
    """executemany in one transaction, on a connection of its own with no journal and no FK checks (rows
    come in unique-key order and reference existing areas and indicators), secondary indexes dropped and
    rebuilt after."""
    import sqlite3

    path = connection.settings_dict["NAME"]
    connection.close()
    raw = sqlite3.connect(path, isolation_level=None)
    cur = raw.cursor()
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA journal_mode=OFF")
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA foreign_keys=OFF")
    cur.execute("PRAGMA cache_size=-500000")
    cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='figures_figure' AND sql IS NOT NULL"
    )
    indexes = cur.fetchall()
    cur.execute("BEGIN")
    for name, _sql in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    sql = (
        "INSERT INTO figures_figure (indicator_id, area_id, period, period_type, year, value, basis, status, "
        "comment, illustrative, citation, version, updated_at) VALUES (?,?,?,?,?,?,?,?,'',0,'',1,?)"
    )
    chunk: list[tuple] = []
    for row in rows:
        chunk.append((*row, STAMP))
        if len(chunk) == 200_000:
            cur.executemany(sql, chunk)
            chunk.clear()
    if chunk:
        cur.executemany(sql, chunk)
    cur.execute("COMMIT")
    started = time.perf_counter()
    cur.execute("BEGIN")
    for _name, index_sql in indexes:
        cur.execute(index_sql)
    cur.execute("COMMIT")
    cur.execute("ANALYZE")
    cur.execute("PRAGMA journal_mode=WAL")
    raw.close()
    print(f"  index rebuild + ANALYZE: {time.perf_counter() - started:.1f} s")


def _load_postgres(connection, rows) -> None:
    """COPY with the secondary indexes and the unique constraint dropped, then rebuilt; FK triggers off."""
    raw = connection.connection
    with raw.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename='figures_figure' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint) AND indexname <> 'figures_figure_pkey'"
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid='figures_figure'::regclass AND contype='u'"
        )
        uniques = cur.fetchall()
        for name, _ in uniques:
            cur.execute(f'ALTER TABLE figures_figure DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        cur.execute("SET session_replication_role = replica")  # no FK triggers during the load
        columns = (
            "indicator_id, area_id, period, period_type, year, value, basis, status, comment, illustrative, "
            "citation, version, updated_at"
        )
        with cur.copy(f"COPY figures_figure ({columns}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for n, (ind, area, period, ptype, year, value, basis, status) in enumerate(
                rows, start=1
            ):
                buffer.write(
                    f"{ind}\t{area}\t{period}\t{ptype}\t{year}\t{value!r}\t{basis}\t{status}\t\tf\t\t1\t{STAMP}+00\n"
                )
                if n % 100_000 == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        cur.execute("SET session_replication_role = DEFAULT")
        raw.commit()
        started = time.perf_counter()
        for name, definition in uniques:
            cur.execute(f'ALTER TABLE figures_figure ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cur.execute(definition)
        cur.execute("ANALYZE")
        raw.commit()
        print(f"  index rebuild + ANALYZE: {time.perf_counter() - started:.1f} s")


def generate(db_url: str, total: int) -> None:
    """Create the schema and the data set."""
    setup(db_url)
    from django.core.management import call_command
    from django.db import connection

    from tongket.figures.models import Figure

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if Figure.objects.exists():
        sys.exit("Cơ sở dữ liệu đã có số liệu: hãy dùng một cơ sở dữ liệu mới cho benchmark.")
    area_ids, indicator_ids, bench_area = _areas_and_indicators()
    _review_with_targets()
    rows = figure_rows(total, area_ids, indicator_ids, bench_area)
    connection.ensure_connection()
    load_started = time.perf_counter()
    if connection.vendor == "sqlite":
        _load_sqlite(connection, rows)
    else:
        _load_postgres(connection, rows)
    count = Figure.objects.count()
    elapsed = time.perf_counter() - started
    print(
        f"generated {count:,} figures in {elapsed:.1f} s (load {time.perf_counter() - load_started:.1f} s)"
    )


# --------------------------------------------------------------------------------------------------
# Measurement


def _median_ms(fn, repeat: int) -> tuple[float, float, float]:
    """Median wall time, minimum wall time and median CPU time of this process, in ms (the CPU time
    leaves out waiting for other processes on a busy machine — and PostgreSQL's own work)."""
    fn()  # warm-up: caches, connection, template loading
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def _raw(sql: str, params: list) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(sql, params)
        return len(cur.fetchall())


def _explain(sql: str, params: list) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cur:
        cur.execute(prefix + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cur.fetchall())


def run(db_url: str, repeat: int) -> None:
    """Time the three operations and their raw SQL; print a Markdown table and the query plans."""
    setup(db_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from tongket.accounts.models import User
    from tongket.assessment.services import assess_review, explore
    from tongket.figures.models import Figure
    from tongket.organizations.models import Area
    from tongket.resolutions.models import Indicator
    from tongket.reviews.models import Review

    setup_test_environment()
    total = Figure.objects.count()
    review = Review.objects.select_related("resolution", "area").get(code="bench-review")
    area = review.resolution.area
    indicator_ids = list(review.resolution.targets.values_list("indicator_id", flat=True))
    explored = Indicator.objects.get(code=f"I{N_GROWTH + 5:03d}")
    all_areas = list(Area.objects.values_list("id", flat=True))
    client = Client()
    client.force_login(User.objects.get(username="bench"))
    dashboard_url = reverse("assessment:dashboard", args=[review.code])
    explorer_url = (
        reverse("assessment:explorer")
        + f"?indicator={explored.pk}&scope=all&year_from={FIRST_YEAR}&year_to={LAST_YEAR}"
    )

    def dashboard() -> None:
        response = client.get(dashboard_url)
        assert response.status_code == 200, response.status_code

    def service() -> None:
        assert len(assess_review(review)) == N_TARGETS

    def explorer_query() -> None:
        explore([explored.pk], None, FIRST_YEAR, LAST_YEAR)

    def explorer_page() -> None:
        response = client.get(explorer_url)
        assert response.status_code == 200, response.status_code

    in_list = ", ".join(["%s"] * len(indicator_ids))
    review_sql = (
        "SELECT id, indicator_id, year, value, basis FROM figures_figure WHERE indicator_id IN "  # noqa: S608
        f"({in_list}) AND period_type = %s AND area_id = %s AND status IN (%s, %s) ORDER BY indicator_id, year"
    )
    review_params = [*indicator_ids, "Y", area.pk, "submitted", "approved"]
    explorer_sql = (
        "SELECT indicator_id, area_id, period, year, value, basis, illustrative FROM figures_figure "
        "WHERE indicator_id IN (%s) AND period_type = %s AND year >= %s AND year <= %s "
        "AND status IN (%s, %s) ORDER BY indicator_id, year, area_id"
    )
    explorer_params = [explored.pk, "Y", FIRST_YEAR, LAST_YEAR, "submitted", "approved"]

    before = os.getloadavg()
    with CaptureQueriesContext(connection) as queries:
        dashboard()
    dashboard_queries = len(queries)
    explored_rows = _raw(explorer_sql, explorer_params)
    review_rows = _raw(review_sql, review_params)
    results = [
        ("Dashboard, 100 targets (server time, test Client)", _median_ms(dashboard, repeat), 150),
        ("  raw SQL: the review's yearly figures", _median_ms(lambda: _raw(review_sql, review_params), repeat), None),
        ("Service `assess_review` (in-process)", _median_ms(service, repeat), 100),
        ("  raw SQL: the review's yearly figures", _median_ms(lambda: _raw(review_sql, review_params), repeat), None),
        ("Explorer query: 1 indicator × all areas × 25 years", _median_ms(explorer_query, repeat), 50),
        ("  raw SQL: the same figures", _median_ms(lambda: _raw(explorer_sql, explorer_params), repeat), None),
        ("Explorer page (same query, table + chart)", _median_ms(explorer_page, repeat), None),
    ]  # fmt: skip
    print(f"\n{connection.vendor}: {total:,} figures; {len(all_areas)} areas; review figures {review_rows}; "
          f"explorer rows {explored_rows}; dashboard queries {dashboard_queries}; median of {repeat}\n")  # fmt: skip
    print(f"load average before: {before}, after: {os.getloadavg()}")
    print(
        "| Operation | Median (ms) | Fastest (ms) | CPU of this process, median (ms) | Target (ms) |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, (median, fastest, cpu), goal in results:
        print(
            f"| {name} | {median:.1f} | {fastest:.1f} | {cpu:.1f} | {'≤ ' + str(goal) if goal else ''} |"
        )
    print("\nQuery plan, the review's figures:\n" + _explain(review_sql, review_params))
    print("Query plan, the explorer's figures:\n" + _explain(explorer_sql, explorer_params))


def main() -> None:
    """Parse the command line and run `generate` or `run`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    gen = sub.add_parser("generate", help="create the data set")
    gen.add_argument("--db", required=True)
    gen.add_argument("--values", type=int, default=10_000_000)
    measure = sub.add_parser("run", help="time the operations")
    measure.add_argument("--db", required=True)
    measure.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if args.action == "generate":
        generate(args.db, args.values)
    else:
        run(args.db, args.repeat)


if __name__ == "__main__":
    main()
