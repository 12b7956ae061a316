"""REST endpoints of the resolutions app (mounted under /api/ by tongket/api.py)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tongket.accounts import rights
from tongket.core.search import search
from tongket.resolutions.models import Indicator, Resolution, Target

router = Router(tags=["resolutions"])


class ResolutionOut(Schema):
    """A resolution under review."""

    id: int
    code: str
    number: str
    title: str
    issuer: str
    issued: dt.date | None
    area: str | None = Field(None, alias="area.code")


class ResolutionDetailOut(ResolutionOut):
    """A resolution with its full text."""

    text: str


class IndicatorOut(Schema):
    """What is measured."""

    id: int
    code: str
    name: str
    unit: str
    kind: str
    decimals: int


class TargetOut(Schema):
    """A resolution's goal on one indicator (bounds, direction, year, kind), or a qualitative goal."""

    id: int
    code: str
    indicator: str | None = Field(None, alias="indicator.code")
    text: str
    kind: str
    lower: float | None
    upper: float | None
    direction: str
    approximate: bool
    unit: str
    start_year: int | None
    year: int | None
    base_year: int | None
    illustrative: bool
    citation: str


@router.get("/resolutions", response=list[ResolutionOut], summary="Nghị quyết")
@paginate
def list_resolutions(request: HttpRequest, q: str = ""):
    """Resolutions, newest first; `q` searches number and title ignoring diacritics."""
    rights.require(rights.can_view_reference_data(request.auth))
    return search(Resolution.objects.select_related("area"), q)


@router.get("/resolutions/{resolution_id}", response=ResolutionDetailOut, summary="Một nghị quyết")
def get_resolution(request: HttpRequest, resolution_id: int):
    """One resolution with its text."""
    rights.require(rights.can_view_reference_data(request.auth))
    return get_object_or_404(Resolution.objects.select_related("area"), pk=resolution_id)


@router.get("/resolutions/{resolution_id}/targets", response=list[TargetOut], summary="Chỉ tiêu")
@paginate
def list_targets(request: HttpRequest, resolution_id: int):
    """A resolution's targets in order; illustrative ones carry `illustrative: true`."""
    rights.require(rights.can_view_reference_data(request.auth))
    resolution = get_object_or_404(Resolution, pk=resolution_id)
    return (
        Target.objects.filter(resolution=resolution)
        .select_related("indicator")
        .order_by("order", "code")
    )


@router.get("/indicators", response=list[IndicatorOut], summary="Chỉ số")
@paginate
def list_indicators(request: HttpRequest, q: str = ""):
    """Indicators; `q` searches code and name ignoring diacritics."""
    rights.require(rights.can_view_reference_data(request.auth))
    return search(Indicator.objects.all(), q)
