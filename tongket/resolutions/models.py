"""Resolutions, the indicators they measure, and their targets (chỉ tiêu)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongket.core.models import Searchable, TimeStamped


class Resolution(Searchable, TimeStamped):
    """A policy resolution under review: its official number, issuer, date, area and full text."""

    code = models.CharField(
        _("mã"),
        max_length=60,
        unique=True,
        help_text=_("Số hiệu chính thức, thêm năm khi hai nghị quyết trùng số (18-NQ/TW-2017)."),
    )
    number = models.CharField(_("số hiệu"), max_length=60)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    area = models.ForeignKey(
        "organizations.Area",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    text = models.TextField(_("toàn văn"), blank=True)

    class Meta:
        ordering = ["-issued", "code"]
        verbose_name = _("nghị quyết")
        verbose_name_plural = _("nghị quyết")

    def __str__(self) -> str:
        return self.code

    def searchable_parts(self) -> list[str]:
        return [self.code, self.title]


class Indicator(Searchable, TimeStamped):
    """What is measured: a code, a name, a unit, a kind (level or yearly growth) and its decimals."""

    class Kind(models.TextChoices):
        LEVEL = "level", _("Mức")
        GROWTH = "growth", _("Tốc độ tăng (%)")

    code = models.CharField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.LEVEL)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    description = models.TextField(_("mô tả"), blank=True)
    plausible_min = models.FloatField(_("giá trị nhỏ nhất hợp lý"), null=True, blank=True)
    plausible_max = models.FloatField(_("giá trị lớn nhất hợp lý"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def searchable_parts(self) -> list[str]:
        return [self.code, self.name]


class Target(TimeStamped):
    """A resolution's goal on one indicator (bounds, direction, year, kind), or a qualitative goal."""

    class Kind(models.TextChoices):
        LEVEL = "level", _("Mức đạt")
        AVERAGE_GROWTH = "average_growth", _("Tăng trưởng bình quân")
        CUMULATIVE = "cumulative", _("Tổng cả giai đoạn")
        RATIO_TO_BASE = "ratio_to_base", _("Gấp lần năm gốc")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Càng cao càng tốt")
        DECREASE = "decrease", _("Càng thấp càng tốt")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("mã"), max_length=30)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("chỉ số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    text = models.TextField(_("chỉ tiêu như nghị quyết ghi"))
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.LEVEL)
    lower = models.FloatField(_("cận dưới"), null=True, blank=True)
    upper = models.FloatField(_("cận trên"), null=True, blank=True)
    direction = models.CharField(
        _("chiều"), max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    approximate = models.BooleanField(_("khoảng"), default=False)
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm mục tiêu"), null=True, blank=True)
    base_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    source_text = models.TextField(_("câu gốc trong văn bản"), blank=True)
    illustrative = models.BooleanField(_("minh họa"), default=False)
    citation = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        ordering = ["resolution", "order", "code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "code"], name="target_code_unique_in_resolution"
            ),
            models.CheckConstraint(
                condition=models.Q(lower__isnull=True)
                | models.Q(upper__isnull=True)
                | models.Q(upper__gte=models.F("lower")),
                name="target_upper_not_below_lower",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution_id}:{self.code}"

    @property
    def is_qualitative(self) -> bool:
        """A goal with no number, judged by hand."""
        return self.lower is None and self.upper is None
