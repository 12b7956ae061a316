"""REST endpoints of the organizations app (mounted under /api/ by tongket/api.py): areas and agencies."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from tongket.accounts import rights
from tongket.core.search import search
from tongket.organizations.models import Agency, Area

router = Router(tags=["organizations"])


class AreaOut(Schema):
    """An area (territory)."""

    id: int
    code: str
    name: str
    level: str
    parent: str | None = Field(None, alias="parent.code")
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor: str | None = Field(None, alias="successor.code")


class AgencyOut(Schema):
    """An agency."""

    id: int
    code: str
    name: str
    short_name: str
    parent: str | None = Field(None, alias="parent.code")
    area: str | None = Field(None, alias="area.code")


@router.get("/areas", response=list[AreaOut], summary="Địa bàn")
@paginate
def list_areas(request: HttpRequest, q: str = ""):
    """Areas; `q` searches code and name ignoring diacritics."""
    rights.require(rights.can_view_reference_data(request.auth))
    return search(Area.objects.select_related("parent", "successor"), q)


@router.get("/agencies", response=list[AgencyOut], summary="Cơ quan")
@paginate
def list_agencies(request: HttpRequest, q: str = ""):
    """Agencies; `q` searches code and names ignoring diacritics."""
    rights.require(rights.can_view_reference_data(request.auth))
    return search(Agency.objects.select_related("parent", "area"), q)
