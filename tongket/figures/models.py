"""Figures (data values) with their append-only history, and the data requests that ask agencies for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tongket.core.models import TimeStamped


class Basis(models.TextChoices):
    """How final a figure is; the most final wins in the assessment."""

    ESTIMATE = "estimate", _("ước tính")
    PRELIMINARY = "preliminary", _("sơ bộ")
    OFFICIAL = "official", _("chính thức")


class FigureStatus(models.TextChoices):
    """Where a figure is in its approval; approved figures are locked."""

    DRAFT = "draft", _("nháp")
    SUBMITTED = "submitted", _("đã gửi")
    APPROVED = "approved", _("đã phê duyệt")
    RETURNED = "returned", _("trả lại")


class Figure(models.Model):
    """One number: (indicator, area, period, basis) → value; a fact about the area, shared by reviews."""

    # The foreign keys below carry no index of their own: the unique key and the composite indexes
    # start with them, and every extra index slows bulk loads (see docs/performance.md).
    indicator = models.ForeignKey(
        "resolutions.Indicator",
        verbose_name=_("chỉ số"),
        on_delete=models.PROTECT,
        related_name="figures",
        db_index=False,
    )
    area = models.ForeignKey(
        "organizations.Area",
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        related_name="figures",
        db_index=False,
    )
    period = models.CharField(_("kỳ"), max_length=8)
    # Derived from `period` on write so that yearly series are an index range scan.
    period_type = models.CharField(max_length=1, editable=False)  # Y, Q or M
    year = models.PositiveSmallIntegerField(editable=False)
    value = models.FloatField(_("giá trị"))
    basis = models.CharField(
        _("mức độ"), max_length=12, choices=Basis.choices, default=Basis.OFFICIAL
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=FigureStatus.choices, default=FigureStatus.DRAFT
    )
    source_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan cung cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
    )
    request = models.ForeignKey(
        "figures.DataRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="figures",
        db_index=False,
    )
    comment = models.TextField(_("ghi chú"), blank=True)
    illustrative = models.BooleanField(_("minh họa"), default=False)
    citation = models.CharField(_("nguồn"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period", "basis"], name="figure_unique_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["indicator", "period_type", "year", "area"], name="figure_series_idx"
            ),
            models.Index(
                fields=["area", "indicator", "period_type", "year"], name="figure_area_idx"
            ),
            models.Index(fields=["request", "status"], name="figure_request_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.area_id}/{self.period}={self.value}"

    @property
    def locked(self) -> bool:
        """Approved figures change only after a committee member reopens them."""
        return self.status == FigureStatus.APPROVED


class FigureHistory(models.Model):
    """One change of a figure (append-only): old and new value and status, who, when, through what."""

    class Action(models.TextChoices):
        CREATE = "create", _("tạo")
        UPDATE = "update", _("sửa")
        SUBMIT = "submit", _("gửi")
        APPROVE = "approve", _("phê duyệt")
        RETURN = "return", _("trả lại")
        REOPEN = "reopen", _("mở khóa")

    class Via(models.TextChoices):
        FORM = "form", _("biểu mẫu")
        GRID = "grid", _("bảng nhập")
        FILE = "file", _("tệp")
        API = "api", _("API")
        COMMAND = "command", _("lệnh")
        BUNDLE = "bundle", _("gói dữ liệu")
        ADMIN = "admin", _("quản trị")
        WORKFLOW = "workflow", _("quy trình")

    figure = models.ForeignKey(
        Figure, on_delete=models.CASCADE, related_name="history", db_index=False
    )
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    old_value = models.FloatField(null=True, blank=True)
    new_value = models.FloatField()
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    changed_at = models.DateTimeField()
    via = models.CharField(max_length=10, choices=Via.choices)
    source = models.CharField(_("nguồn thay đổi"), max_length=300, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["figure", "version", "id"]
        verbose_name = _("lịch sử số liệu")
        verbose_name_plural = _("lịch sử số liệu")
        indexes = [models.Index(fields=["figure", "version"], name="figure_history_idx")]

    def __str__(self) -> str:
        return f"{self.figure_id} v{self.version} {self.action}"


class DataRequest(TimeStamped):
    """The secretariat asks one agency for indicators × areas × periods by a deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("đang thu thập")
        SUBMITTED = "submitted", _("đã gửi")
        APPROVED = "approved", _("đã phê duyệt")
        RETURNED = "returned", _("trả lại")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="data_requests"
    )
    code = models.CharField(_("mã"), max_length=40)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        related_name="data_requests",
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    instructions = models.TextField(_("hướng dẫn"), blank=True)
    deadline = models.DateField(_("hạn"))
    indicators = models.ManyToManyField("resolutions.Indicator", related_name="data_requests")
    areas = models.ManyToManyField("organizations.Area", related_name="data_requests")
    periods = models.JSONField(_("các kỳ"), default=list)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["deadline", "code"]
        verbose_name = _("yêu cầu số liệu")
        verbose_name_plural = _("yêu cầu số liệu")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "code"], name="data_request_code_unique_in_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"
