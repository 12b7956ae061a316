"""REST endpoints of the assessment app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["assessment"])
