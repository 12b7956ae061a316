"""`tongket backup FILE`: a consistent backup of the database while the application runs."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tongket.core.backup import BackupError, backup_postgres, backup_sqlite


class Command(BaseCommand):
    """Back the database up into FILE (SQLite online backup API, or pg_dump for PostgreSQL)."""

    help = "Sao lưu cơ sở dữ liệu vào FILE trong khi hệ thống vẫn chạy."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu sẽ tạo")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.is_dir():
            raise CommandError(f"{path} là một thư mục, cần tên tệp", returncode=1)
        try:
            if connection.vendor == "sqlite":
                connection.ensure_connection()
                backup_sqlite(connection.connection, path)
            elif connection.vendor == "postgresql":
                backup_postgres(connection.settings_dict, path)
            else:
                raise CommandError(
                    f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}", returncode=1
                )
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(f"Đã sao lưu vào {path} ({path.stat().st_size:,} byte).")
