"""Admin of resolutions, indicators and targets."""

from django.contrib import admin

from tongket.resolutions.models import Indicator, Resolution, Target


class TargetInline(admin.TabularInline):
    """A resolution's targets, edited with it."""

    model = Target
    extra = 0
    fields = (
        "code",
        "order",
        "indicator",
        "text",
        "kind",
        "lower",
        "upper",
        "direction",
        "unit",
        "year",
        "illustrative",
    )
    autocomplete_fields = ("indicator",)


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    """Resolutions with their targets."""

    list_display = ("code", "number", "title", "issuer", "issued", "area")
    search_fields = ("code", "number", "title", "search_text")
    list_filter = ("issuer",)
    autocomplete_fields = ("area",)
    inlines = [TargetInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """What is measured."""

    list_display = ("code", "name", "unit", "kind", "decimals")
    list_filter = ("kind",)
    search_fields = ("code", "name", "search_text")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    """Targets one by one (illustrative ones filterable)."""

    list_display = (
        "resolution",
        "code",
        "indicator",
        "kind",
        "lower",
        "upper",
        "year",
        "illustrative",
    )
    list_filter = ("kind", "illustrative", "resolution")
    search_fields = ("code", "text", "resolution__code", "indicator__code")
    list_select_related = ("resolution", "indicator")
    autocomplete_fields = ("resolution", "indicator")
