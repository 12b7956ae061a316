"""Backups that stay consistent while the application writes.

SQLite: the online backup API copies a consistent snapshot page by page (a plain copy of a WAL database
can miss the commits still in the -wal file). PostgreSQL: `pg_dump -Fc` reads one snapshot;
`pg_restore --clean` puts it back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Vietnamese."""


def file_kind(path: Path) -> str:
    """`sqlite` or `postgres` from the file's first bytes; anything else is refused."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"{path}: không đọc được tệp ({exc.strerror})") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgres"
    raise BackupError(f"{path}: không phải tệp sao lưu của Tongket (SQLite hoặc pg_dump)")


def backup_sqlite(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live SQLite database into `destination` through the online backup API."""
    tmp = destination.with_name(destination.name + ".partial")
    tmp.unlink(missing_ok=True)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target, pages=1024)
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        target.close()
    os.replace(tmp, destination)


def restore_sqlite(backup: Path, target: sqlite3.Connection) -> None:
    """Replace the live database's content with the backup's, atomically for other connections."""
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{backup}: tệp sao lưu bị hỏng ({check})")
        source.backup(target)
    finally:
        source.close()


def _pg_env(settings: dict) -> tuple[list[str], dict[str, str]]:
    args = []
    if settings.get("HOST"):
        args += ["-h", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["-p", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["-U", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise BackupError(
            f"Không tìm thấy {tool}: cài gói postgresql-client (apt-get install postgresql-client)"
        )
    return found


def backup_postgres(settings: dict, destination: Path) -> None:
    """`pg_dump -Fc` of the database into `destination` (one consistent snapshot)."""
    args, env = _pg_env(settings)
    tmp = destination.with_name(destination.name + ".partial")
    done = subprocess.run(
        [_need("pg_dump"), "-Fc", "--no-owner", "-f", str(tmp), *args, settings["NAME"]],
        env=env, capture_output=True, text=True, timeout=3600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"pg_dump thất bại: {done.stderr.strip()[:500]}")
    os.replace(tmp, destination)


def restore_postgres(settings: dict, backup: Path) -> None:
    """`pg_restore --clean --if-exists` the dump into the database, in one transaction."""
    args, env = _pg_env(settings)
    done = subprocess.run(
        [_need("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
         *args, "-d", settings["NAME"], str(backup)],
        env=env, capture_output=True, text=True, timeout=3600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_restore thất bại: {done.stderr.strip()[:500]}")
