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
from tongket.assessment.models import ManualVerdict
from tongket.figures.models import Basis, Figure
from tongket.resolutions.models import Target
from tongket.reviews.models import Group, GroupMember, Milestone, Participant, Review, Section

# The most final basis wins when one year has several figures.
BASIS_RANK = {Basis.OFFICIAL: 3, Basis.PRELIMINARY: 2, Basis.ESTIMATE: 1}


@dataclass
class TargetRow:
    """A target with the latest figure of its indicator in the review's area, and its verdict if set."""

    target: Target
    figure: Figure | None
    manual_verdict: ManualVerdict | None


def review_area(review: Review):
    """The area the review judges: its own, else its resolution's."""
    return review.area or review.resolution.area


def latest_figures(indicator_ids: set[int], area) -> dict[int, list[Figure]]:
    """Yearly figures of these indicators in the area, newest year first, most final basis first (one query)."""
    by_indicator: dict[int, list[Figure]] = {}
    if not indicator_ids or area is None:
        return by_indicator
    rows = Figure.objects.filter(indicator_id__in=indicator_ids, area=area, period_type="Y")
    for figure in sorted(rows, key=lambda f: (-f.year, -BASIS_RANK.get(f.basis, 0))):
        by_indicator.setdefault(figure.indicator_id, []).append(figure)
    return by_indicator


def target_rows(review: Review) -> list[TargetRow]:
    """Each target of the review's resolution with its latest figure (up to its target year)."""
    targets = list(review.resolution.targets.select_related("indicator").order_by("order", "code"))
    figures = latest_figures(
        {t.indicator_id for t in targets if t.indicator_id}, review_area(review)
    )
    verdicts = {v.target_id: v for v in ManualVerdict.objects.filter(review=review)}
    rows = []
    for target in targets:
        candidates = figures.get(target.indicator_id, [])
        if target.year:
            candidates = [f for f in candidates if f.year <= target.year] or candidates
        rows.append(
            TargetRow(target, candidates[0] if candidates else None, verdicts.get(target.pk))
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
