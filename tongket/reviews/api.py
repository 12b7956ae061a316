"""REST endpoints of the reviews app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["reviews"])


# The workflow's endpoints (plan, outline and drafts, meetings, tasks, policies …: issue 7).
from tongket.reviews.workflow_api import router as workflow_router  # noqa: E402

router.add_router("", workflow_router)
