"""`tongket bundle import FILE` and `tongket bundle export RESOLUTION_CODE [--review CODE] [-o FILE]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tongket.bundle.export import ExportError, export_bundle
from tongket.bundle.services import import_bundle

MAX_BUNDLE_BYTES = 200_000_000


class Command(BaseCommand):
    """Import or export a review bundle (format tongket-bundle/1)."""

    help = "Nhập hoặc xuất gói dữ liệu tổng kết (định dạng tongket-bundle/1)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Nhập một gói dữ liệu JSON (tất cả hoặc không gì cả).")
        imp.add_argument("file", help="Tệp JSON, hoặc - để đọc từ đầu vào chuẩn")
        imp.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        exp = sub.add_parser("export", help="Xuất nghị quyết và đợt tổng kết của nó ra JSON.")
        exp.add_argument("resolution", help="Mã nghị quyết, ví dụ 45-NQ/TW")
        exp.add_argument("--review", help="Mã đợt tổng kết (khi nghị quyết có nhiều đợt)")
        exp.add_argument("-o", "--output", help="Tệp kết quả (mặc định: đầu ra chuẩn)")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self.do_import(options["file"], options["json"])
        return self.do_export(options["resolution"], options.get("review"), options.get("output"))

    def do_import(self, file: str, as_json: bool) -> None:
        try:
            if file == "-":
                raw = sys.stdin.buffer.read(MAX_BUNDLE_BYTES + 1)
            else:
                path = Path(file)
                if path.stat().st_size > MAX_BUNDLE_BYTES:
                    raise CommandError(
                        f"{file}: tệp lớn hơn {MAX_BUNDLE_BYTES:,} byte", returncode=1
                    )
                raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"{file}: không đọc được tệp ({exc.strerror})", returncode=1
            ) from exc
        if len(raw) > MAX_BUNDLE_BYTES:
            raise CommandError(f"{file}: dữ liệu lớn hơn {MAX_BUNDLE_BYTES:,} byte", returncode=1)
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{file}: tệp không phải UTF-8 (byte {exc.start})", returncode=1
            ) from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{file}: JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
                returncode=1,
            ) from exc
        result = import_bundle(data, source=f"bundle:{Path(file).name if file != '-' else 'stdin'}")
        if as_json:
            self.stdout.write(json.dumps({
                "applied": result.ok, "counts": result.counts, "figures": result.figures,
                "errors": [{"path": e.path, "message": e.message} for e in result.errors],
            }, ensure_ascii=False, indent=2))  # fmt: skip
        if not result.ok:
            if not as_json:
                for error in result.errors[:50]:
                    self.stderr.write(str(error))
                if len(result.errors) > 50:
                    self.stderr.write(f"… và {len(result.errors) - 50} lỗi khác")
            raise CommandError("Gói dữ liệu bị từ chối; không có gì thay đổi.", returncode=1)
        if not as_json:
            figures = result.figures or {}
            self.stdout.write(
                "Đã nhập gói dữ liệu: "
                + ", ".join(f"{name} {count}" for name, count in sorted(result.counts.items()))
                + (
                    f"; số liệu: tạo mới {figures.get('created', 0)}, cập nhật {figures.get('updated', 0)}, "
                    f"không đổi {figures.get('unchanged', 0)}"
                    if figures
                    else ""
                )
            )

    def do_export(self, resolution: str, review: str | None, output: str | None) -> None:
        try:
            bundle = export_bundle(resolution, review)
        except ExportError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
