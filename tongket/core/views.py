"""The home page and the health check."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tongket.accounts import rights
from tongket.figures.models import DataRequest
from tongket.reviews.models import Participant, Section, Task

logger = logging.getLogger("tongket")


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} when the database answers, 503 otherwise (for load balancers and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("health check: database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: my reviews, and my agency's open work in them."""
    user = request.user
    reviews = rights.visible_reviews(user).select_related("resolution").order_by("-created_at")
    roles = dict(Participant.objects.filter(user=user).values_list("review_id", "role"))
    my_reviews = [(review, roles.get(review.pk)) for review in reviews]
    agency_ids = rights.agency_ids_of(user)
    review_ids = [review.pk for review, _role in my_reviews]
    requests = tasks = sections = []
    if agency_ids and review_ids:
        requests = list(
            DataRequest.objects.filter(
                review_id__in=review_ids,
                agency_id__in=agency_ids,
                status__in=[DataRequest.Status.OPEN, DataRequest.Status.RETURNED],
            ).select_related("review", "agency")
        )
        tasks = list(
            Task.objects.filter(
                review_id__in=review_ids, owner_id__in=agency_ids, status=Task.Status.OPEN
            )
            .select_related("review", "owner")
            .order_by("deadline")
        )
        sections = list(
            Section.objects.filter(review_id__in=review_ids, lead_agency_id__in=agency_ids)
            .exclude(status=Section.Status.ACCEPTED)
            .select_related("review", "lead_agency")
            .order_by("due", "code")
        )
    return render(
        request,
        "core/home.html",
        {
            "my_reviews": my_reviews,
            "requests": requests,
            "tasks": tasks,
            "sections": sections,
            "has_agency": bool(agency_ids),
            "today": timezone.localdate(),
        },
    )
