"""Benchmark `tongket data import` on 1,000,000 generated figures, on SQLite and on PostgreSQL.

Usage: .venv/bin/python scripts/bench_import.py [--values 1000000] [--postgres URL] [--no-postgres]

For each database it creates a scratch database (a file under a temporary directory; a dedicated
PostgreSQL database created and dropped again), migrates it, loads the generated bundle, then times
the import exactly as the command does it (read the CSV, check every row, merge with history) and,
in the same run, a raw insert of the same rows and their history rows into tables with the same keys
(SQLite: executemany in one transaction; PostgreSQL: COPY). Prints figures per second for both.
Not a timed test: the numbers depend on the machine and go into docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIGURE_COLUMNS = (
    "id, indicator_id, area_id, period, period_type, year, value, basis, status, comment, illustrative, "
    "citation, version, updated_at"
)
HISTORY_COLUMNS = "id, figure_id, version, action, new_value, old_status, new_status, changed_at, via, source, comment"


def mirror_tables(connection) -> None:
    """raw_figure and raw_history: the same columns, keys (primary, unique, foreign) and indexes as the
    figures tables, so that the baseline pays what the database itself must pay for those rows."""
    import re

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE TABLE raw_figure (LIKE figures_figure INCLUDING ALL)")
            cursor.execute("CREATE TABLE raw_history (LIKE figures_figurehistory INCLUDING ALL)")
            for table, raw in (
                ("figures_figure", "raw_figure"),
                ("figures_figurehistory", "raw_history"),
            ):
                cursor.execute(
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                    "AND contype = 'f'",
                    [table],
                )
                for (definition,) in cursor.fetchall():
                    definition = definition.replace(
                        "REFERENCES figures_figure(", "REFERENCES raw_figure("
                    )
                    cursor.execute(f"ALTER TABLE {raw} ADD {definition}")
            return
        cursor.execute(
            "SELECT type, sql FROM sqlite_master WHERE tbl_name IN ('figures_figure', 'figures_figurehistory') "
            "AND sql IS NOT NULL ORDER BY type DESC"
        )
        for _kind, sql in cursor.fetchall():
            sql = sql.replace('"figures_figurehistory"', '"raw_history"').replace(
                '"figures_figure"', '"raw_figure"'
            )
            sql = re.sub(r'CREATE (UNIQUE )?INDEX "([^"]+)"', r'CREATE \1INDEX "raw_\2"', sql)
            cursor.execute(sql)


def worker(csv_path: str, bundle_path: str) -> dict:
    """Run inside a process whose DATABASE_URL names the scratch database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongket.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from tongket.core.periods import parse_period
    from tongket.figures.formats import read_file
    from tongket.figures.models import Figure, FigureHistory
    from tongket.figures.services import import_figures
    from tongket.organizations.models import Area
    from tongket.resolutions.models import Indicator

    call_command("migrate", verbosity=0)
    call_command("bundle", "import", bundle_path, stdout=open(os.devnull, "w"))  # noqa: SIM115
    data = Path(csv_path).read_bytes()

    start = time.perf_counter()
    parsed = read_file(Path(csv_path).name, data, max_bytes=10**10)
    parse_done = time.perf_counter()
    result = import_figures(parsed.rows, via="command", source=Path(csv_path).name)
    done = time.perf_counter()
    assert result.applied and not result.errors, result.errors[:3]
    count = result.created
    assert Figure.objects.count() == count and FigureHistory.objects.count() == count

    # The raw baseline: the same rows, already as Python tuples, straight into tables with the same keys.
    indicators = dict(Indicator.objects.values_list("code", "id"))
    areas = dict(Area.objects.values_list("code", "id"))
    now = timezone.now()
    figures = []
    for number, row in enumerate(parsed.rows, start=1):
        period = parse_period(row.period)
        figures.append(
            (number, indicators[row.indicator], areas[row.area], period.code, period.type, period.year,
             row.value, row.basis, "approved", row.comment, False, "", 1, now)
        )  # fmt: skip
    history = [
        (f[0], f[0], 1, "create", f[6], "", "approved", now, "command", "raw", "") for f in figures
    ]
    postgres = connection.vendor == "postgresql"
    mirror_tables(connection)
    raw_start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if postgres:
            raw = cursor.cursor
            with raw.copy(f"COPY raw_figure ({FIGURE_COLUMNS}) FROM STDIN") as copy:
                for row in figures:
                    copy.write_row(row)
            with raw.copy(f"COPY raw_history ({HISTORY_COLUMNS}) FROM STDIN") as copy:
                for row in history:
                    copy.write_row(row)
        else:
            sqlite = cursor.cursor
            figure_sql = (
                f"INSERT INTO raw_figure ({FIGURE_COLUMNS}) VALUES ({', '.join(['%s'] * 14)})"  # noqa: S608
            )
            history_sql = (
                f"INSERT INTO raw_history ({HISTORY_COLUMNS}) VALUES ({', '.join(['%s'] * 11)})"  # noqa: S608
            )
            sqlite.executemany(figure_sql, figures)
            sqlite.executemany(history_sql, history)
    raw_done = time.perf_counter()
    return {
        "database": connection.vendor,
        "figures": count,
        "import_seconds": round(done - start, 2),
        "parse_seconds": round(parse_done - start, 2),
        "raw_seconds": round(raw_done - raw_start, 2),
        "import_rate": round(count / (done - start)),
        "raw_rate": round(count / (raw_done - raw_start)),
    }


def run(database_url: str, csv_path: Path, bundle_path: Path) -> dict:
    """Run the worker in a fresh process against one database."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "false"}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", str(csv_path), str(bundle_path)],
        env=env, capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if out.returncode:
        sys.stderr.write(out.stderr[-3000:])
        raise SystemExit(f"worker failed on {database_url.split('@')[-1]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Generate the data, run both databases, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return

    from tongket.figures import benchdata

    with tempfile.TemporaryDirectory(prefix="tongket-bench-import-") as tmp:
        tmp_path = Path(tmp)
        benchdata.FILE_ROWS = max(args.values, 1)
        started = time.perf_counter()
        paths = benchdata.generate(args.values, 1, tmp_path)
        print(f"generated {args.values:,} figures in {time.perf_counter() - started:.1f} s")
        results = [
            run(f"sqlite:///{tmp_path / 'bench.sqlite3'}", paths[0], tmp_path / "bundle.json")
        ]
        if not args.no_postgres:
            import psycopg

            scratch = f"tongket_bench_import_{os.getpid()}"
            base, _, _name = args.postgres.rpartition("/")
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{scratch}"')
            try:
                results.append(run(f"{base}/{scratch}", paths[0], tmp_path / "bundle.json"))
            finally:
                with psycopg.connect(args.postgres, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    print(
        f"{'database':<12}{'figures':>10}{'import s':>10}{'(parse s)':>10}{'import fig/s':>14}{'raw s':>8}{'raw fig/s':>11}{'ratio':>7}"
    )
    for r in results:
        ratio = r["import_rate"] / r["raw_rate"]
        print(
            f"{r['database']:<12}{r['figures']:>10,}{r['import_seconds']:>10}{r['parse_seconds']:>10}"
            f"{r['import_rate']:>14,}{r['raw_seconds']:>8}{r['raw_rate']:>11,}{ratio:>7.2f}"
        )


if __name__ == "__main__":
    main()
