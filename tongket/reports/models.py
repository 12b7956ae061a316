"""Documents built in the background (the report, the figures appendix, a meeting's notice) and their
progress, so the page can show how far a build is and offer the file when it is done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentBuild(models.Model):
    """One request to build a document of a review, with its progress and the file it produced."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo tổng kết (.docx)")
        REPORT_PDF = "report_pdf", _("Báo cáo tổng kết (.pdf)")
        APPENDIX = "appendix", _("Phụ lục số liệu (.xlsx)")
        NOTICE = "notice", _("Thông báo kết luận (.docx)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang dựng")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="document_builds"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    document_format = models.CharField(_("thể thức"), max_length=10, blank=True)
    meeting = models.ForeignKey("reviews.Meeting", null=True, blank=True, on_delete=models.CASCADE)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    message = models.CharField(_("thông báo"), max_length=500, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tài liệu đã dựng")
        verbose_name_plural = _("tài liệu đã dựng")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.review_id}"
