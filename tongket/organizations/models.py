"""Areas (territories, DHIS2's org units) and agencies, both trees."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tongket.core.models import Searchable, TimeStamped


class Area(Searchable, TimeStamped):
    """A territory (country, province, district) valid for a time, with the area it merged into."""

    class Level(models.TextChoices):
        COUNTRY = "country", _("Quốc gia")
        REGION = "region", _("Vùng")
        PROVINCE = "province", _("Tỉnh, thành phố")
        DISTRICT = "district", _("Quận, huyện")
        COMMUNE = "commune", _("Xã, phường")

    code = models.CharField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices, default=Level.PROVINCE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("địa bàn")
        verbose_name_plural = _("địa bàn")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_valid_to_after_valid_from",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def searchable_parts(self) -> list[str]:
        return [self.code, self.name]


class Agency(Searchable, TimeStamped):
    """An organisation that reports figures or drafts sections: a ministry, a city department, an office."""

    code = models.CharField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self) -> str:
        return self.short_name or self.name

    def searchable_parts(self) -> list[str]:
        return [self.code, self.name, self.short_name]
