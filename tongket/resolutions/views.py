"""Resolutions, a resolution's targets, and indicators: public documents any signed-in person reads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tongket.accounts import rights
from tongket.core.search import search
from tongket.resolutions.models import Indicator, Resolution

PAGE_SIZE = 50


@login_required
@require_GET
def resolution_list(request: HttpRequest) -> HttpResponse:
    """Every resolution, newest first, with how many targets it has."""
    rights.require(rights.can_view_reference_data(request.user))
    query = request.GET.get("q", "").strip()
    rows = search(
        Resolution.objects.select_related("area")
        .annotate(target_count=Count("targets"))
        .order_by(F("issued").desc(nulls_last=True), "code"),
        query,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "resolutions/list.html", {"page_obj": page, "q": query})


@login_required
@require_GET
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A resolution and its targets; illustrative targets are marked "minh họa"."""
    rights.require(rights.can_view_reference_data(request.user))
    resolution = get_object_or_404(Resolution.objects.select_related("area"), pk=pk)
    targets = resolution.targets.select_related("indicator").order_by("order", "code")
    reviews = rights.visible_reviews(request.user).filter(resolution=resolution)
    return render(
        request,
        "resolutions/detail.html",
        {"resolution": resolution, "targets": targets, "reviews": reviews},
    )


@login_required
@require_GET
def indicators(request: HttpRequest) -> HttpResponse:
    """Indicators (what is measured), searchable without diacritics."""
    rights.require(rights.can_view_reference_data(request.user))
    query = request.GET.get("q", "").strip()
    page = Paginator(search(Indicator.objects.all(), query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "resolutions/indicators.html", {"page_obj": page, "q": query})
