"""REST endpoints of the assessment app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tongket.accounts import rights
from tongket.assessment.services import assess_review

router = Router(tags=["assessment"])


class AssessmentOut(Schema):
    """One target's assessment: the fields of `tongket assess --json`, plus the computed verdict and the
    committee's reason when the verdict was set by hand."""

    target: str
    verdict: str
    actual: float | None
    basis: str | None
    lower: float | None
    upper: float | None
    unit: str
    year: int | None
    explanation: str
    narrative: str
    projection: float | None
    trend: str | None
    manual: bool
    computed_verdict: str | None
    manual_reason: str


@router.get("/reviews/{code}/assessment", response=list[AssessmentOut], summary="Đánh giá chỉ tiêu")
def review_assessment(request: HttpRequest, code: str):
    """The live assessment of the review's targets (404 when the caller may not see the review)."""
    review = rights.get_review_for(request.auth, code)
    return [item.to_dict() for item in assess_review(review)]
