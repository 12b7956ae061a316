"""`tongket report RESOLUTION_CODE [--review CODE] [--format party|state] [-o FILE] [--pdf]`."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tongket.bundle.export import ExportError, pick_review
from tongket.reports.assemble import report_data
from tongket.reports.docx_builder import write_report
from tongket.reports.pdf import PdfConversionError, convert_to_pdf
from tongket.resolutions.models import Resolution


def safe_filename(code: str) -> str:
    """`45-NQ/TW` → `45-NQ_TW`: a code as a file name, with unsafe characters replaced."""
    name = re.sub(r"[^\w.-]+", "_", code, flags=re.UNICODE).strip("._") or "bao-cao"
    return name[:120]


class Command(BaseCommand):
    """Build the review report (.docx, optionally PDF) from the command line."""

    help = "Dựng báo cáo tổng kết (.docx, thể thức văn bản của Đảng hoặc hành chính nhà nước)."

    def add_arguments(self, parser):
        parser.add_argument("resolution", help="Mã nghị quyết, ví dụ 32-NQ/TW")
        parser.add_argument("--review", help="Mã đợt tổng kết (khi nghị quyết có nhiều đợt)")
        parser.add_argument(
            "--format", choices=["party", "state"], help="Thể thức (mặc định: của đợt tổng kết)"
        )
        parser.add_argument("-o", "--output", help="Tệp .docx (mặc định <mã>.docx)")
        parser.add_argument(
            "--pdf", action="store_true", help="Chuyển thêm sang PDF bằng LibreOffice"
        )

    def handle(self, *args, **options):
        resolution = (
            Resolution.objects.select_related("area__parent")
            .filter(code=options["resolution"])
            .first()
        )
        if resolution is None:
            raise CommandError(f"không có nghị quyết mã '{options['resolution']}'", returncode=1)
        reviews = list(resolution.reviews.values_list("code", flat=True))
        if options.get("review") is None and len(reviews) > 1:
            raise CommandError(
                f"nghị quyết '{resolution.code}' có nhiều đợt tổng kết ({', '.join(sorted(reviews))}): "
                "chọn một bằng --review",
                returncode=1,
            )
        try:
            review = pick_review(resolution, options.get("review"))
        except ExportError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        output = Path(
            options.get("output")
            or f"{safe_filename(review.code if review else resolution.code)}.docx"
        )
        data = report_data(resolution, review, options.get("format"))
        try:
            write_report(data, output)
        except OSError as exc:
            raise CommandError(
                f"{output}: không ghi được tệp ({exc.strerror})", returncode=1
            ) from exc
        self.stdout.write(f"Đã dựng báo cáo: {output}")
        if options["pdf"]:
            try:
                pdf = convert_to_pdf(output)
            except PdfConversionError as exc:
                raise CommandError(str(exc), returncode=1) from exc
            self.stdout.write(f"Đã chuyển sang PDF: {pdf}")
