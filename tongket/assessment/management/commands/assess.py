"""`tongket assess RESOLUTION_CODE [--review CODE] [--area CODE] [--json]`: the live assessment of targets.

Exit codes: 0 done, 1 unknown code or a resolution with several reviews and no --review, 2 usage error.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from tongket.assessment import rules
from tongket.assessment.services import run_assessment
from tongket.core.numbers import format_compact
from tongket.organizations.models import Area
from tongket.resolutions.models import Resolution
from tongket.reviews.models import Review

JSON_FIELDS = (
    "target", "verdict", "actual", "basis", "lower", "upper", "unit", "year",
    "explanation", "narrative", "projection", "trend", "manual",
)  # fmt: skip


def assessment_json(assessment: rules.Assessment) -> dict:
    """Exactly the fields of `tongket assess --json` (issue 6) for one target."""
    full = assessment.to_dict()
    return {name: full[name] for name in JSON_FIELDS}


def _bounds(item: rules.Assessment) -> str:
    lower, upper = item.lower, item.upper
    if lower is None and upper is None:
        return "—"
    if lower is not None and upper is not None:
        if lower == upper:
            return format_compact(lower, 6)
        return f"{format_compact(lower, 6)}–{format_compact(upper, 6)}"
    if lower is not None:
        return f"≥ {format_compact(lower, 6)}"
    return f"≤ {format_compact(upper, 6)}"


class Command(BaseCommand):
    """Print the assessment of a resolution's targets as a Vietnamese table or as JSON."""

    help = "Đánh giá kết quả thực hiện các chỉ tiêu của một nghị quyết từ số liệu hiện có."

    def add_arguments(self, parser):
        parser.add_argument("resolution", help="Mã nghị quyết, ví dụ 45-NQ/TW")
        parser.add_argument("--review", help="Mã đợt tổng kết (cần khi nghị quyết có nhiều đợt)")
        parser.add_argument(
            "--area", help="Mã địa bàn (mặc định: của đợt tổng kết, hoặc của nghị quyết)"
        )
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    def handle(self, *args, **options):
        code = options["resolution"].strip()
        resolution = Resolution.objects.select_related("area").filter(code=code).first()
        if resolution is None:
            raise CommandError(f"Không tìm thấy nghị quyết có mã '{code[:80]}'.", returncode=1)
        review = self._review(resolution, options.get("review"))
        area = None
        if options.get("area"):
            area_code = options["area"].strip()
            area = Area.objects.filter(code=area_code).first()
            if area is None:
                raise CommandError(
                    f"Không tìm thấy địa bàn có mã '{area_code[:80]}'.", returncode=1
                )
        run = run_assessment(resolution, review, area)
        if options["json"]:
            data = [assessment_json(item) for item in run.assessments]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._table(run)

    def _review(self, resolution: Resolution, code: str | None) -> Review | None:
        if code:
            review = Review.objects.select_related("area").filter(code=code.strip()).first()
            if review is None:
                raise CommandError(
                    f"Không tìm thấy đợt tổng kết có mã '{code.strip()[:80]}'.", returncode=1
                )
            if review.resolution_id != resolution.pk:
                raise CommandError(
                    f"Đợt tổng kết '{review.code}' không thuộc nghị quyết '{resolution.code}'.",
                    returncode=1,
                )
            return review
        reviews = list(
            Review.objects.select_related("area").filter(resolution=resolution).order_by("code")
        )
        if len(reviews) > 1:
            listing = ", ".join(r.code for r in reviews)
            raise CommandError(
                f"Nghị quyết '{resolution.code}' có {len(reviews)} đợt tổng kết ({listing}): "
                "hãy chọn một bằng --review MÃ.",
                returncode=1,
            )
        return reviews[0] if reviews else None

    def _table(self, run) -> None:
        where = run.area.name if run.area is not None else "chưa xác định địa bàn"
        title = f"Đánh giá chỉ tiêu Nghị quyết {run.resolution.code} — {where}"
        if run.review is not None:
            title += f" (đợt tổng kết {run.review.code})"
        self.stdout.write(title)
        header = ("Mã", "Năm", "Mục tiêu", "Thực hiện", "Đơn vị", "Kết quả")
        lines = [header]
        for row in run.rows:
            item = row.assessment
            decimals = rules.result_decimals(row.spec)
            actual = format_compact(item.actual, decimals) if item.actual is not None else "—"
            if item.basis:
                actual += f" ({rules.BASIS_LABELS_VI[item.basis]})"
            verdict = rules.VERDICT_LABELS_VI[item.verdict] + (" (thủ công)" if item.manual else "")
            lines.append((
                item.target, str(item.year or "—"), ("~" if row.spec.approximate else "") + _bounds(item),
                actual, item.unit or "", verdict,
            ))  # fmt: skip
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        for index, line in enumerate(lines):
            self.stdout.write(
                "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        counts = run.counts()
        self.stdout.write(
            "Tổng hợp: "
            + ", ".join(f"{rules.VERDICT_LABELS_VI[v]} {counts[v]}" for v in rules.VERDICTS)
        )
