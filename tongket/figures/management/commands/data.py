"""`tongket data import FILE` and `tongket data export --resolution CODE --format …`.

Exit codes: 0 applied (or exported), 1 refused (nothing changed), 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tongket.figures.exporting import FORMATS, write_export
from tongket.figures.formats import DEFAULT_MAX_BYTES, FileRefused, check_size, read_file
from tongket.figures.models import FigureHistory, FigureStatus
from tongket.figures.services import ImportResult, RowError, import_figures
from tongket.organizations.models import Agency
from tongket.resolutions.models import Resolution


class Command(BaseCommand):
    """Import figures from a file, or export a resolution's figures."""

    help = "Nhập số liệu từ tệp (CSV Tongket, Excel Tongket, DHIS2 JSON/CSV) hoặc xuất số liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        imp = sub.add_parser(
            "import",
            help="Nhập số liệu từ tệp",
            called_from_command_line=parser.called_from_command_line,
        )
        imp.add_argument("file")
        imp.add_argument("--agency", help="mã cơ quan cung cấp số liệu")
        imp.add_argument("--dry-run", action="store_true", help="kiểm tra, không lưu")
        imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        imp.add_argument(
            "--max-size", type=int, default=DEFAULT_MAX_BYTES, help="giới hạn kích thước tệp (byte)"
        )
        exp = sub.add_parser(
            "export",
            help="Xuất số liệu của một nghị quyết",
            called_from_command_line=parser.called_from_command_line,
        )
        exp.add_argument("--resolution", required=True)
        exp.add_argument("--format", required=True, choices=FORMATS)
        exp.add_argument("-o", "--output")

    def handle(self, *args, **options) -> None:
        if options["action"] == "import":
            self.do_import(options)
        else:
            self.do_export(options)

    def do_import(self, options: dict) -> None:
        path = Path(options["file"])
        as_json = options["json"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}", returncode=2)
        result = ImportResult()
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                result.errors.append(
                    RowError("--agency", f"cơ quan '{options['agency']}' không có trong hệ thống")
                )
        if not result.errors:
            try:
                check_size(path.stat().st_size, options["max_size"])
                parsed = read_file(path.name, path.read_bytes(), max_bytes=options["max_size"])
            except FileRefused as refused:
                result.errors.extend(RowError(p.where, p.message) for p in refused.problems)
            else:
                result = import_figures(
                    parsed.rows,
                    via=FigureHistory.Via.COMMAND,
                    source=path.name,
                    status=FigureStatus.APPROVED,
                    agency=agency,
                    dry_run=options["dry_run"],
                )
        self.report(result, as_json, options["dry_run"])
        if result.errors:
            raise CommandError("Tệp bị từ chối: không có số liệu nào được lưu.", returncode=1)

    def report(self, result: ImportResult, as_json: bool, dry_run: bool) -> None:
        """Print the summary: counts and each error with its place."""
        if as_json:
            summary = result.as_dict() | {"dry_run": dry_run}
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            f"created: {result.created}\nupdated: {result.updated}\nunchanged: {result.unchanged}\n"
            f"errors: {len(result.errors)}"
        )
        for error in result.errors[:200]:
            self.stdout.write(f"  {error}")
        if result.errors:
            self.stdout.write("Tệp bị từ chối: không có số liệu nào được lưu.")
        elif dry_run:
            self.stdout.write("Chạy thử: không có gì được lưu.")
        else:
            self.stdout.write("Đã lưu.")

    def do_export(self, options: dict) -> None:
        resolution = Resolution.objects.filter(code=options["resolution"]).first()
        if resolution is None:
            raise CommandError(f"Không có nghị quyết '{options['resolution']}'", returncode=1)
        if options["output"]:
            with open(options["output"], "wb") as out:
                write_export(resolution, options["format"], out)
            return
        self.stdout.flush()
        stream = getattr(self.stdout, "_out", sys.stdout)
        binary = getattr(stream, "buffer", None)
        if binary is None:  # a text stream (tests): write text, or the xlsx bytes decoded
            import io

            buffer = io.BytesIO()
            write_export(resolution, options["format"], buffer)
            stream.write(buffer.getvalue().decode("utf-8", errors="surrogateescape"))
            return
        stream.flush()
        write_export(resolution, options["format"], binary)
        binary.flush()
