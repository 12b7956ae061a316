"""Area and agency lists, searchable without diacritics; readable by every signed-in person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tongket.accounts import rights
from tongket.core.search import search
from tongket.organizations.models import Agency, Area

PAGE_SIZE = 50


@login_required
@require_GET
def areas(request: HttpRequest) -> HttpResponse:
    """Areas (territories) with their parent, validity and successor."""
    rights.require(rights.can_view_reference_data(request.user))
    query = request.GET.get("q", "").strip()
    rows = search(Area.objects.select_related("parent", "successor"), query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/areas.html", {"page_obj": page, "q": query})


@login_required
@require_GET
def agencies(request: HttpRequest) -> HttpResponse:
    """Agencies with their parent and area."""
    rights.require(rights.can_view_reference_data(request.user))
    query = request.GET.get("q", "").strip()
    rows = search(Agency.objects.select_related("parent", "area"), query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/agencies.html", {"page_obj": page, "q": query})
