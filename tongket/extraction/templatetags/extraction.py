"""Template tags of the extraction app: whether to offer "Nhập chỉ tiêu từ văn bản" on a page."""

from __future__ import annotations

from django import template

from tongket.accounts import rights

register = template.Library()


@register.simple_tag
def can_import_targets(user, resolution) -> bool:
    """`{% can_import_targets request.user resolution as can_import %}`: the secretariat's right."""
    return rights.can_edit_resolution(user, resolution)
