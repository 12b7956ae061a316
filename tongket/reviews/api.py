"""REST endpoints of the reviews app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tongket.accounts import rights
from tongket.reviews.models import Participant

router = Router(tags=["reviews"])


class ReviewOut(Schema):
    """A review the caller takes part in."""

    code: str
    title: str
    resolution: str = Field(..., alias="resolution.code")
    area: str | None = Field(None, alias="area.code")
    tolerance: float
    document_format: str
    start_date: dt.date | None
    end_date: dt.date | None
    my_role: str | None = None


class ParticipantOut(Schema):
    """Who takes part, with which role, for which agency."""

    username: str = Field(..., alias="user.username")
    name: str = Field(..., alias="user.full_name")
    role: str
    agency: str | None = Field(None, alias="agency.code")


class ReviewDetailOut(ReviewOut):
    """A review with its participants."""

    participants: list[ParticipantOut]

    @staticmethod
    def resolve_participants(obj) -> list:
        """The participants the endpoint loaded with their users and agencies (no query per row)."""
        return obj.participant_rows


@router.get("/reviews", response=list[ReviewOut], summary="Đợt tổng kết")
@paginate
def list_reviews(request: HttpRequest):
    """The reviews the caller may see (administrators: all), newest first."""
    user = request.auth
    roles = dict(Participant.objects.filter(user=user).values_list("review_id", "role"))
    reviews = list(
        rights.visible_reviews(user).select_related("resolution", "area").order_by("-created_at")
    )
    # A person takes part in a handful of reviews: the role map is one query for them all.
    for review in reviews:
        review.my_role = roles.get(review.pk)
    return reviews


@router.get("/reviews/{code}", response=ReviewDetailOut, summary="Một đợt tổng kết")
def get_review(request: HttpRequest, code: str):
    """One review with its participants; 404 when the caller may not see it."""
    review = rights.get_review_for(request.auth, code)
    review.my_role = rights.role_in(request.auth, review)
    review.participant_rows = list(review.participants.select_related("user", "agency"))
    return review


# The workflow's endpoints (plan, outline and drafts, meetings, tasks, policies …: issue 7).
from tongket.reviews.workflow_api import router as workflow_router  # noqa: E402

router.add_router("", workflow_router)
