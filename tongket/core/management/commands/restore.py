"""`tongket restore FILE`: put a backup made by `tongket backup` back into the database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tongket.core.backup import BackupError, file_kind, restore_postgres, restore_sqlite


class Command(BaseCommand):
    """Restore the database from FILE, replacing its content."""

    help = "Khôi phục cơ sở dữ liệu từ tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp sao lưu do 'tongket backup' tạo")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: không có tệp này", returncode=1)
        try:
            kind = file_kind(path)
            vendor = "postgres" if connection.vendor == "postgresql" else connection.vendor
            if kind != vendor:
                raise CommandError(
                    f"{path} là bản sao lưu {kind}, không khôi phục được vào cơ sở dữ liệu {vendor}",
                    returncode=1,
                )
            if kind == "sqlite":
                connection.ensure_connection()
                restore_sqlite(path, connection.connection)
            else:
                connection.close()
                restore_postgres(connection.settings_dict, path)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(f"Đã khôi phục từ {path}.")
