import sqlite3
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tongket.core.backup import backup_sqlite
from tongket.organizations.models import Area


def _writer(path, stop: threading.Event, written: list[int]):
    """Writes figure + history pairs, one pair per transaction, until told to stop."""
    conn = sqlite3.connect(path, timeout=20, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    n = 0
    while not stop.is_set():
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute("INSERT INTO figure(value) VALUES (?)", (n,))
        conn.execute("INSERT INTO history(figure_id, value) VALUES (?, ?)", (cur.lastrowid, n))
        conn.execute("COMMIT")
        n += 1
    written.append(n)
    conn.close()


def test_a_sqlite_backup_taken_during_concurrent_writes_is_consistent(tmp_path):
    live = tmp_path / "live.sqlite3"
    conn = sqlite3.connect(live, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE figure(id INTEGER PRIMARY KEY, value INTEGER)")
    conn.execute(
        "CREATE TABLE history(id INTEGER PRIMARY KEY, figure_id INTEGER REFERENCES figure, value INTEGER)"
    )
    stop, written = threading.Event(), []
    thread = threading.Thread(target=_writer, args=(live, stop, written))
    thread.start()
    try:
        counts = []
        for i in range(5):
            time.sleep(0.05)
            copy = tmp_path / f"backup-{i}.sqlite3"
            backup_sqlite(conn, copy)
            restored = sqlite3.connect(copy)
            assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            figures = restored.execute("SELECT count(*) FROM figure").fetchone()[0]
            orphans = restored.execute(
                "SELECT count(*) FROM figure f LEFT JOIN history h ON h.figure_id = f.id WHERE h.id IS NULL"
            ).fetchone()[0]
            restored.close()
            assert orphans == 0  # every committed figure came with its history row
            counts.append(figures)
    finally:
        stop.set()
        thread.join()
    assert counts[-1] > 0 and counts == sorted(counts)
    assert written[0] >= counts[-1]


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_the_database_back(tmp_path):
    Area.objects.create(code="VN", name="Việt Nam")
    path = tmp_path / "tongket.backup"
    call_command("backup", str(path))
    Area.objects.create(code="HP", name="Hải Phòng")
    Area.objects.filter(code="VN").update(name="Đổi tên")
    call_command("restore", str(path))
    connection.close()
    assert list(Area.objects.values_list("code", "name")) == [("VN", "Việt Nam")]


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "not-a-backup"
    path.write_bytes(b"hello, world, this is not a database")
    with pytest.raises(CommandError, match="không phải tệp sao lưu") as caught:
        call_command("restore", str(path))
    assert caught.value.returncode == 1


@pytest.mark.django_db
def test_restore_refuses_a_backup_of_the_other_database_kind(tmp_path):
    path = tmp_path / "other"
    path.write_bytes(
        b"PGDMP" + b"\0" * 20
        if connection.vendor == "sqlite"
        else b"SQLite format 3\x00" + b"\0" * 90
    )
    with pytest.raises(CommandError, match="không khôi phục được"):
        call_command("restore", str(path))
