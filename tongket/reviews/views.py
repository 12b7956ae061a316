"""Read pages of a review: the list of reviews the user may see, and a review's overview.

The workflow pages (plan, outline, drafting, meetings, tasks) live in workflow_views.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tongket.accounts import rights
from tongket.assessment.rules import Assessment
from tongket.assessment.services import FigurePoint, run_assessment
from tongket.figures.models import Basis, FigureStatus
from tongket.resolutions.models import Target
from tongket.reviews.models import Group, GroupMember, Milestone, Participant, Review, Section

BASIS_LABELS = dict(Basis.choices)
STATUS_LABELS = dict(FigureStatus.choices)


@dataclass
class TargetRow:
    """A target with the latest counted figure of its indicator (up to its target year) and its verdict."""

    target: Target
    figure: FigurePoint | None
    assessment: Assessment

    @property
    def basis_label(self) -> str:
        """ước tính, sơ bộ, chính thức."""
        return BASIS_LABELS.get(self.figure.basis, "") if self.figure else ""

    @property
    def status_label(self) -> str:
        """The figure's status when it is not yet approved."""
        return STATUS_LABELS.get(self.figure.status, "") if self.figure else ""


def review_area(review: Review):
    """The area the review judges: its own, else its resolution's."""
    return review.area or review.resolution.area


def target_rows(review: Review) -> list[TargetRow]:
    """Each target of the review's resolution with its latest counted figure and its live verdict.

    The same figures and verdicts as the assessment dashboard (3 queries, whatever the number of targets).
    """
    run = run_assessment(review.resolution, review)
    rows = []
    for assessed in run.rows:
        points = (
            run.series.get(assessed.target.indicator_id, []) if assessed.target.indicator_id else []
        )
        year = assessed.target.year
        candidates = [p for p in points if year is None or p.year <= year] or points
        rows.append(
            TargetRow(assessed.target, candidates[-1] if candidates else None, assessed.assessment)
        )
    return rows


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """The reviews the user takes part in (administrators see all)."""
    reviews = (
        rights.visible_reviews(request.user)
        .select_related("resolution", "area")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("-created_at")
    )
    roles = dict(Participant.objects.filter(user=request.user).values_list("review_id", "role"))
    rows = [(review, roles.get(review.pk)) for review in reviews]
    return render(request, "reviews/review_list.html", {"rows": rows})


@login_required
@require_GET
def overview(request: HttpRequest, code: str) -> HttpResponse:
    """A review at a glance: targets and latest figures, plan, outline, committee, meetings."""
    review = rights.get_review_for(request.user, code)
    today = timezone.localdate()
    milestones = list(review.milestones.select_related("owner"))
    sections = list(
        Section.objects.filter(review=review)
        .select_related("lead_agency", "parent")
        .prefetch_related("coordinating_agencies")
        .order_by("parent_id", "order", "id")
    )
    groups = Group.objects.filter(review=review).prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.select_related("agency"))
    )
    meetings = review.meetings.all()
    return render(
        request,
        "reviews/overview.html",
        {
            "review": review,
            "area": review_area(review),
            "role": rights.role_in(request.user, review),
            "can_manage": rights.can_manage_review(request.user, review),
            "targets": target_rows(review),
            "milestones": milestones,
            "overdue": {
                m.pk for m in milestones if m.deadline < today and m.status != Milestone.Status.DONE
            },
            "sections": outline_order(sections),
            "today": today,
            "groups": groups,
            "meetings": meetings,
        },
    )


def outline_order(sections: list[Section]) -> list[tuple[Section, int]]:
    """Sections depth-first in outline order, each with its depth (for indentation)."""
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered: list[tuple[Section, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for section in sorted(children.get(parent_id, []), key=lambda s: (s.order, s.pk)):
            ordered.append((section, depth))
            walk(section.pk, depth + 1)

    walk(None, 0)
    return ordered
