"""Admin of areas and agencies (administrators manage them)."""

from django.contrib import admin

from tongket.organizations.models import Agency, Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    """Areas: a tree with validity and the area each merged into."""

    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("level",)
    search_fields = ("code", "name", "search_text")
    autocomplete_fields = ("parent", "successor")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Agencies: a tree, each in an area."""

    list_display = ("code", "name", "short_name", "parent", "area", "email")
    search_fields = ("code", "name", "short_name", "search_text")
    autocomplete_fields = ("parent", "area")
