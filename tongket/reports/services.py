"""Building documents of a review in the background: request a build, run it, keep its progress."""

from __future__ import annotations

import logging
import re

from django.db import transaction
from django.utils import timezone

from tongket.reports.appendix_xlsx import appendix_workbook
from tongket.reports.assemble import appendix_figures, report_data
from tongket.reports.docx_builder import build_report
from tongket.reports.models import DocumentBuild
from tongket.reviews.models import Activity, Meeting, Review

logger = logging.getLogger("tongket")
KEEP_BUILDS = 10


class BuildRefused(ValueError):
    """A build request that cannot be made; the message is Vietnamese."""


def _safe(code: str) -> str:
    return re.sub(r"[^\w.-]+", "_", code).strip("._")[:100] or "tai-lieu"


def request_build(
    review: Review, kind: str, actor, *, document_format: str = "", meeting: Meeting | None = None
) -> DocumentBuild:
    """Record a build and queue it (after the transaction commits, so the worker finds it)."""
    if kind not in DocumentBuild.Kind.values:
        raise BuildRefused(f"loại tài liệu '{kind}' không hợp lệ")
    if document_format and document_format not in Review.DocumentFormat.values:
        raise BuildRefused(f"thể thức '{document_format}' không hợp lệ")
    if kind == DocumentBuild.Kind.NOTICE and (meeting is None or meeting.review_id != review.pk):
        raise BuildRefused("cần chọn một phiên họp của đợt tổng kết này")
    from tongket.reports.tasks import build_document

    with transaction.atomic():
        build = DocumentBuild.objects.create(
            review=review,
            kind=kind,
            document_format=document_format,
            meeting=meeting,
            requested_by=actor,
        )
        Activity.objects.create(
            review=review, actor=actor, verb="document_requested",
            summary=f"Yêu cầu dựng {build.get_kind_display()}",
        )  # fmt: skip
        transaction.on_commit(lambda: build_document.enqueue(build.pk))
    return build


def _progress(build: DocumentBuild):
    last = {"value": -10}

    def report(done: int, total: int, message: str) -> None:
        percent = min(99, int(done * 100 / total)) if total else 0
        if percent - last["value"] >= 5:  # a few writes per build, not one per table row
            last["value"] = percent
            DocumentBuild.objects.filter(pk=build.pk).update(
                progress=percent, message=message[:500]
            )

    return report


def run_build(build_id: int) -> DocumentBuild | None:
    """Build the document of one request; on failure the build says why, and nothing else changes."""
    build = (
        DocumentBuild.objects.select_related("review__resolution", "meeting")
        .filter(pk=build_id)
        .first()
    )
    if build is None or build.status not in (
        DocumentBuild.Status.QUEUED,
        DocumentBuild.Status.FAILED,
    ):
        return build
    DocumentBuild.objects.filter(pk=build.pk).update(
        status=DocumentBuild.Status.RUNNING, progress=1, message="Đang thu thập dữ liệu"
    )
    review = build.review
    try:
        if build.kind in (DocumentBuild.Kind.REPORT, DocumentBuild.Kind.REPORT_PDF):
            data = report_data(review.resolution, review, build.document_format or None)
            content = build_report(data, _progress(build))
            name = f"{_safe(review.code)}.docx"
            if build.kind == DocumentBuild.Kind.REPORT_PDF:
                content, name = _to_pdf(content, name)
        elif build.kind == DocumentBuild.Kind.APPENDIX:
            from tongket.assessment.services import run_assessment

            figures = appendix_figures(run_assessment(review.resolution, review))
            content = appendix_workbook(f"Phụ lục số liệu — {review.title}", figures)
            name = f"{_safe(review.code)}-phu-luc-so-lieu.xlsx"
        else:
            from tongket.reviews.notice import build_notice, facts_from_meeting

            content = build_notice(facts_from_meeting(build.meeting))
            name = f"{_safe(review.code)}-{_safe(build.meeting.code)}-thong-bao-ket-luan.docx"
    except (
        Exception
    ) as exc:  # a failed build must say so on the page, never leave "running" forever
        logger.exception("document build %s failed", build.pk)
        DocumentBuild.objects.filter(pk=build.pk).update(
            status=DocumentBuild.Status.FAILED,
            message=f"Không dựng được tài liệu: {str(exc)[:300]}",
            finished_at=timezone.now(),
        )
        return DocumentBuild.objects.get(pk=build.pk)
    with transaction.atomic():
        DocumentBuild.objects.filter(pk=build.pk).update(
            status=DocumentBuild.Status.DONE, progress=100, message="Xong", content=content,
            file_name=name, finished_at=timezone.now(),
        )  # fmt: skip
        Activity.objects.create(
            review=review, actor=build.requested_by, verb="document_built",
            summary=f"Đã dựng {build.get_kind_display()}",
        )  # fmt: skip
        stale = DocumentBuild.objects.filter(review=review, kind=build.kind).values_list(
            "pk", flat=True
        )[KEEP_BUILDS:]
        DocumentBuild.objects.filter(pk__in=list(stale)).delete()
    return DocumentBuild.objects.get(pk=build.pk)


def _to_pdf(content: bytes, name: str) -> tuple[bytes, str]:
    import tempfile
    from pathlib import Path

    from tongket.reports.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="tongket-report-") as work:
        source = Path(work) / "report.docx"
        source.write_bytes(content)
        pdf = convert_to_pdf(source)
        return pdf.read_bytes(), name.removesuffix(".docx") + ".pdf"
