"""The API's list pagination: ninja's limit/offset, bounded (set as NINJA_PAGINATION_CLASS in settings).

ninja accepts any non-negative offset; one beyond the database's 64-bit integers (found by the
schemathesis tests: `?offset=1038215721736015446016000`) reached SQL and answered 500. Out-of-range
values are now refused with 422 like any other invalid parameter.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`limit` 1–1000 (100 unless given), `offset` 0–1 000 000 000."""

    class Input(Schema):
        """The page asked for."""

        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
