"""Template filters of the page shell: numbers and dates the Vietnamese way, verdict and illustrative badges.

`{% load tongket %}` then `{{ value|vn_number:2 }}`, `{{ day|vn_date }}`, `{{ verdict|verdict_badge }}`,
`{{ figure.illustrative|illustrative_badge }}`. In English (the language switch) numbers read `1,234.5`.
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date
from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tongket.core.numbers import format_compact, format_date_vn, format_number

register = template.Library()

VERDICT_LABELS = {
    "exceeded": gettext_lazy("Vượt"),
    "achieved": gettext_lazy("Đạt"),
    "basically_achieved": gettext_lazy("Cơ bản đạt"),
    "not_achieved": gettext_lazy("Không đạt"),
    "no_data": gettext_lazy("Chưa có số liệu"),
}


def _locale() -> str:
    """Babel locale of the active language: Vietnamese unless the user switched to English."""
    return "en" if (get_language() or "vi").startswith("en") else "vi"


@register.filter
def vn_number(value, decimals=2) -> str:
    """A number with `decimals` decimals: `3.694`, `1.234,50` (vi) or `3,694`, `1,234.50` (en)."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
        places = int(decimals)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(number):
        return str(value)
    return format_number(number, places, locale=_locale())


@register.filter
def vn_date(value) -> str:
    """`23/03/2018` in Vietnamese, `23 Mar 2018` in English; date-times in local time, with the hour."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        day = local.date()
        hour = local.strftime("%H:%M")
        if _locale() == "en":
            return f"{format_date(day, 'd MMM y', locale='en')} {hour}"
        return f"{hour} {format_date_vn(day)}"
    if isinstance(value, dt.date):
        if _locale() == "en":
            return format_date(value, "d MMM y", locale="en")
        return format_date_vn(value)
    return str(value)


@register.filter
def verdict_badge(verdict) -> SafeString:
    """A coloured badge for a verdict code (vượt, đạt, cơ bản đạt, không đạt, chưa có số liệu)."""
    code = str(getattr(verdict, "value", verdict) or "")
    if code not in VERDICT_LABELS:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("Chưa đánh giá"))
    return format_html(
        '<span class="badge verdict-{}" data-verdict="{}">{}</span>',
        code,
        code,
        VERDICT_LABELS[code],
    )


@register.filter
def illustrative_badge(illustrative) -> SafeString:
    """The "minh họa" mark on illustrative targets and figures (empty for real ones)."""
    if not illustrative:
        return mark_safe("")
    return format_html(
        '<span class="badge badge-illustrative" title="{}">{}</span>',
        _("Số liệu, chỉ tiêu minh họa, không phải số liệu thật"),
        _("minh họa"),
    )


@register.filter
def role_label(role) -> str:
    """The label of a per-review role code."""
    from tongket.reviews.models import Role

    try:
        return str(Role(role).label)
    except ValueError:
        return str(role)


@register.filter
def form_control(field):
    """Render a form field with Bootstrap's class for its kind of widget."""
    widget_type = getattr(field, "widget_type", "")
    if widget_type == "checkbox":
        css = "form-check-input"
    elif widget_type in ("select", "selectmultiple"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def target_bounds(target) -> str:
    """A target's goal in words: `3.500 USD`, `≥ 7 %`, `≤ 2`, `~8–9 %`; empty for a qualitative goal."""
    lower, upper = target.lower, target.upper
    if lower is None and upper is None:
        return ""
    locale = _locale()

    def num(value: float) -> str:
        return format_compact(value, 3, locale=locale)

    if lower is not None and upper is not None:
        text = num(lower) if lower == upper else f"{num(lower)}–{num(upper)}"
    elif lower is not None:
        text = f"≥ {num(lower)}"
    else:
        text = f"≤ {num(upper)}"
    if target.approximate:
        text = "~" + text
    return f"{text} {target.unit}".strip()
