"""Admin of the committee's manual verdicts."""

from django.contrib import admin

from tongket.assessment.models import ManualVerdict


@admin.register(ManualVerdict)
class ManualVerdictAdmin(admin.ModelAdmin):
    """Verdicts set by hand, with their reasons."""

    list_display = ("review", "target", "verdict", "set_by", "set_at")
    list_filter = ("verdict",)
    search_fields = ("review__code", "target__code", "reason")
    list_select_related = ("review", "target", "set_by")
    raw_id_fields = ("review", "target", "set_by")
