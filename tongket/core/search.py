"""Search that ignores Vietnamese diacritics and case, over models with a `search_text` field."""

from __future__ import annotations

from django.db.models import QuerySet

from tongket.core.text import fold

MAX_QUERY = 100


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose folded text contains every word of the folded query ("hai phong" finds "Hải Phòng")."""
    for word in fold(query[:MAX_QUERY]).split()[:10]:
        queryset = queryset.filter(search_text__contains=word)
    return queryset
