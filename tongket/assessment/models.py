"""Verdicts set by hand by the committee; computed verdicts are never stored (they are live)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ManualVerdict(models.Model):
    """The committee's verdict on a target in a review, with its required reason."""

    class Verdict(models.TextChoices):
        EXCEEDED = "exceeded", _("Vượt")
        ACHIEVED = "achieved", _("Đạt")
        BASICALLY_ACHIEVED = "basically_achieved", _("Cơ bản đạt")
        NOT_ACHIEVED = "not_achieved", _("Không đạt")
        NO_DATA = "no_data", _("Chưa có số liệu")

    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="manual_verdicts"
    )
    target = models.ForeignKey(
        "resolutions.Target", on_delete=models.CASCADE, related_name="manual_verdicts"
    )
    verdict = models.CharField(_("đánh giá"), max_length=20, choices=Verdict.choices)
    reason = models.TextField(_("lý do"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đánh giá thủ công")
        verbose_name_plural = _("đánh giá thủ công")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "target"], name="manual_verdict_once_per_target"
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="manual_verdict_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.verdict}"
