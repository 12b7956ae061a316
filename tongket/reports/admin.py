from django.contrib import admin

from tongket.reports.models import DocumentBuild


@admin.register(DocumentBuild)
class DocumentBuildAdmin(admin.ModelAdmin):
    """Builds are made by the documents page; the admin only looks."""

    list_display = (
        "review",
        "kind",
        "status",
        "progress",
        "requested_by",
        "created_at",
        "finished_at",
    )
    list_filter = ("kind", "status")
    search_fields = ("review__code", "file_name")
    readonly_fields = [f.name for f in DocumentBuild._meta.fields if f.name != "content"]
    exclude = ("content",)

    def has_add_permission(self, request):
        return False
