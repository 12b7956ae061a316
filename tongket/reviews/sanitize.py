"""The HTML subset a section draft may hold: exactly what the report renders (nh3 does the cleaning)."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "b", "strong", "i", "em", "u", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def sanitize_draft(html: str) -> str:
    """Keep only the allowed tags; scripts and styles go with their content, other tags keep their text."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        link_rel=None,
    )
