"""Admin of figures, their history and data requests.

The admin never changes a locked figure: an approved figure's fields are all read-only, and every save
goes through `services.save_figure` (optimistic locking, history row "quản trị" in the same transaction).
History is append-only: read-only here. Figures are not deleted from the admin (their history would go).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from tongket.figures.models import DataRequest, Figure, FigureHistory
from tongket.figures.services import FigureConflict, FigureLocked, save_figure

EDITABLE = ("value", "comment")


class HistoryInline(admin.TabularInline):
    """The figure's changes, read-only."""

    model = FigureHistory
    extra = 0
    can_delete = False
    fields = (
        "version",
        "action",
        "old_value",
        "new_value",
        "new_status",
        "changed_by",
        "changed_at",
        "via",
        "source",
        "comment",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    """Figures: values editable only while not approved, saved through the figures service."""

    list_display = (
        "indicator",
        "area",
        "period",
        "basis",
        "value",
        "status",
        "source_agency",
        "version",
        "updated_at",
    )
    list_filter = ("status", "basis", "period_type", "illustrative")
    search_fields = ("indicator__code", "indicator__name", "area__code", "area__name", "period")
    list_select_related = ("indicator", "area", "source_agency")
    raw_id_fields = ("indicator", "area", "source_agency", "request", "updated_by")
    inlines = [HistoryInline]

    def get_readonly_fields(self, request, obj=None):
        every = [f.name for f in Figure._meta.fields if f.name != "id"]
        if obj is None:
            return [
                "status",
                "version",
                "updated_at",
                "updated_by",
                "period_type",
                "year",
                "request",
            ]
        if obj.locked:
            return every
        return [name for name in every if name not in EDITABLE]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj: Figure, form, change: bool) -> None:
        """Through the service: a stale or locked figure is refused, never overwritten."""
        if change:
            seen = Figure.objects.filter(pk=obj.pk).values_list("version", flat=True).first()
            if seen is None or Figure.objects.filter(pk=obj.pk, status="approved").exists():
                raise PermissionDenied
        else:
            seen = 0
        try:
            saved = save_figure(
                indicator=obj.indicator, area=obj.area, period=obj.period, value=obj.value,
                expected_version=seen, actor=request.user, via=FigureHistory.Via.ADMIN, basis=obj.basis,
                comment=obj.comment, agency=None,
            )  # fmt: skip
        except FigureLocked:
            raise PermissionDenied from None
        except FigureConflict as conflict:
            messages.error(
                request, f"Không lưu: người khác vừa lưu giá trị {conflict.figure.value}."
            )
            return
        if not change and (obj.source_agency_id or obj.citation or obj.illustrative):
            Figure.objects.filter(pk=saved.pk).update(
                source_agency=obj.source_agency,
                citation=obj.citation,
                illustrative=obj.illustrative,
            )
        obj.pk = saved.pk


@admin.register(FigureHistory)
class FigureHistoryAdmin(admin.ModelAdmin):
    """The append-only history: read-only."""

    list_display = (
        "figure",
        "version",
        "action",
        "old_value",
        "new_value",
        "changed_by",
        "changed_at",
        "via",
        "source",
    )
    list_filter = ("action", "via")
    list_select_related = ("figure", "changed_by")
    raw_id_fields = ("figure", "changed_by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    """Data requests (the pages are the usual way to make them)."""

    list_display = ("code", "title", "review", "agency", "deadline", "status")
    list_filter = ("status", "review")
    search_fields = ("code", "title", "agency__name")
    filter_horizontal = ("indicators", "areas")
    list_select_related = ("review", "agency")
