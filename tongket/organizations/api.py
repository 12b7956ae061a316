"""REST endpoints of the organizations app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["organizations"])
