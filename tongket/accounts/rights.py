"""Who may do what, per review and per agency: the few helpers every page, API call, command and admin
action asks. Keep every rule here, tested once, instead of scattered over templates and views.

Roles (per review, see reviews.models.Role): secretariat sets up the review and approves or returns
figures and drafts; a committee member reads everything, approves or returns figures and alone reopens
approved figures; an agency focal point writes only its own agency's figures and the sections its agency
leads; a coordinating agency comments on a section; a viewer reads. Outsiders see nothing of a review.
Superusers administer accounts, agencies and areas (and may do everything).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tongket.reviews.models import Participant, Review, Role


def participation(user, review: Review) -> Participant | None:
    """The user's role in the review, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user.__dict__.setdefault("_tongket_participations", {})
    if review.pk not in cache:
        cache[review.pk] = (
            Participant.objects.filter(review=review, user=user).select_related("agency").first()
        )
    return cache[review.pk]


def role_in(user, review: Review) -> str | None:
    """The user's role in the review (superusers count as secretariat), or None."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Role.SECRETARIAT
    found = participation(user, review)
    return found.role if found else None


def agency_in(user, review: Review):
    """The agency the user acts for in the review (their participation's, else their own)."""
    found = participation(user, review)
    if found and found.agency_id:
        return found.agency
    return getattr(user, "agency", None)


def can_view_review(user, review: Review) -> bool:
    """Anyone with a role in the review reads it."""
    return role_in(user, review) is not None


def can_manage_review(user, review: Review) -> bool:
    """Set-up of the review: targets, plan, outline, assignments, requests, meetings, report."""
    return role_in(user, review) == Role.SECRETARIAT


def can_edit_resolution(user, resolution) -> bool:
    """A resolution's targets (importing them from its text): the secretariat of any of its reviews."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(can_manage_review(user, review) for review in resolution.reviews.all())


def can_approve_figures(user, review: Review) -> bool:
    """Approve or return submitted figures."""
    return role_in(user, review) in (Role.SECRETARIAT, Role.COMMITTEE)


def can_reopen_figures(user, review: Review) -> bool:
    """Only a committee member unlocks approved figures (superusers too, for repairs)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return role_in(user, review) == Role.COMMITTEE


def can_set_manual_verdict(user, review: Review) -> bool:
    """The committee judges targets by hand; the secretariat records it for them."""
    return role_in(user, review) in (Role.SECRETARIAT, Role.COMMITTEE)


def can_write_agency_figures(user, review: Review, agency) -> bool:
    """A focal point writes its own agency's figures; the secretariat may enter for any agency."""
    role = role_in(user, review)
    if role == Role.SECRETARIAT:
        return True
    if role != Role.FOCAL_POINT or agency is None:
        return False
    mine = agency_in(user, review)
    return mine is not None and mine.pk == agency.pk


def can_edit_section(user, section) -> bool:
    """Only the lead agency's focal point (and the secretariat) edits a section draft."""
    role = role_in(user, section.review)
    if role == Role.SECRETARIAT:
        return True
    mine = agency_in(user, section.review)
    return role == Role.FOCAL_POINT and mine is not None and mine.pk == section.lead_agency_id


def can_comment_section(user, section) -> bool:
    """The lead, the coordinating agencies, the committee and the secretariat comment on a section."""
    role = role_in(user, section.review)
    if role in (Role.SECRETARIAT, Role.COMMITTEE):
        return True
    if role != Role.FOCAL_POINT:
        return False
    mine = agency_in(user, section.review)
    if mine is None:
        return False
    if mine.pk == section.lead_agency_id:
        return True
    return section.coordinating_agencies.filter(pk=mine.pk).exists()


def can_complete_task(user, task) -> bool:
    """The secretariat, or a focal point of the agency that owns the task, marks it done."""
    if can_manage_review(user, task.review):
        return True
    mine = agency_in(user, task.review)
    return (
        role_in(user, task.review) == Role.FOCAL_POINT
        and mine is not None
        and mine.pk == task.owner_id
    )


def sees_agency_work(user, review: Review, agency_id: int | None) -> bool:
    """An agency's data requests and figure histories: every role of the review sees them, except a focal
    point, who sees only its own agency's (callers check can_view_review first)."""
    if role_in(user, review) != Role.FOCAL_POINT:
        return True
    mine = agency_in(user, review)
    return mine is not None and agency_id is not None and mine.pk == agency_id


def visible_requests(user, review: Review, requests: QuerySet) -> QuerySet:
    """The data requests of `requests` (of this review) that the user may see."""
    if role_in(user, review) != Role.FOCAL_POINT:
        return requests
    mine = agency_in(user, review)
    return requests.filter(agency=mine) if mine is not None else requests.none()


def visible_reviews(user) -> QuerySet[Review]:
    """The reviews the user may see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Review.objects.none()
    if user.is_superuser:
        return Review.objects.all()
    return Review.objects.filter(participants__user=user).distinct()


def require(allowed: bool) -> None:
    """Raise 403 unless allowed (views and API call this after finding the object)."""
    if not allowed:
        raise PermissionDenied


def get_review_for(user, code: str) -> Review:
    """The review with this code if the user may see it; 404 otherwise, so outsiders learn nothing."""
    review = Review.objects.select_related("resolution", "area").filter(code=code).first()
    if review is None or not can_view_review(user, review):
        raise Http404
    return review


# --- Installation-wide rights (reference data, administration) -------------------------------------


def is_signed_in(user) -> bool:
    """An active, signed-in person."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_admin(user) -> bool:
    """Administrators (superusers and staff) manage accounts, agencies and areas and use the admin."""
    return is_signed_in(user) and bool(user.is_superuser or user.is_staff)


def can_view_reference_data(user) -> bool:
    """Resolutions, targets, indicators, areas and agencies are public documents: any signed-in person."""
    return is_signed_in(user)


def can_manage_accounts(user) -> bool:
    """Deactivate and reactivate people, see every account: administrators only."""
    return is_admin(user)


def can_invite(user, review: Review) -> bool:
    """The secretariat invites people into its review."""
    return can_manage_review(user, review)


def agency_ids_of(user) -> set[int]:
    """Every agency the user acts for, in any review (their own and their participations')."""
    if not is_signed_in(user):
        return set()
    ids = set(
        Participant.objects.filter(user=user, agency__isnull=False).values_list(
            "agency_id", flat=True
        )
    )
    if user.agency_id:
        ids.add(user.agency_id)
    return ids
