"""REST endpoints of the figures app (mounted under /api/ by tongket/api.py).

Reading figures needs a signed-in caller (figures are facts about areas, shared by reviews). Writing goes
through a data request, with the same rights, validation and all-or-nothing import as the pages.
"""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tongket.accounts import rights
from tongket.figures.formats import FigureRow
from tongket.figures.models import DataRequest, Figure, FigureHistory, FigureStatus
from tongket.figures.services import completeness_for, import_figures

router = Router(tags=["figures"])


class FigureOut(Schema):
    """One figure."""

    id: int
    indicator: str = Field(..., alias="indicator__code")
    area: str = Field(..., alias="area__code")
    period: str
    value: float
    basis: str
    status: str
    source_agency: str | None = Field(None, alias="source_agency__code")
    comment: str
    citation: str
    illustrative: bool
    version: int
    updated_at: dt.datetime


class FigureFilters(Schema):
    """Filters of the figures list."""

    indicator: str | None = None
    area: str | None = None
    period: str | None = None
    period_type: str | None = Field(None, description="Y, Q hoặc M")
    year_from: int | None = None
    year_to: int | None = None
    basis: str | None = None
    status: str | None = None


class HistoryOut(Schema):
    """One change of a figure."""

    version: int
    action: str
    old_value: float | None
    new_value: float
    old_status: str
    new_status: str
    changed_by: str | None = Field(None, alias="changed_by__username")
    changed_at: dt.datetime
    via: str
    source: str
    comment: str


class RequestOut(Schema):
    """A data request with its completeness."""

    code: str
    title: str
    agency: str
    deadline: dt.date
    status: str
    periods: list[str]
    expected: int
    received: int
    on_time: bool
    late: bool


class FigureIn(Schema):
    """One figure to write, by codes; the value is a JSON number or a plain text number."""

    indicator: str
    area: str
    period: str
    value: float | str
    basis: str = "official"
    comment: str = ""


class WriteIn(Schema):
    """Figures for one request, written all together or not at all."""

    figures: list[FigureIn] = Field(..., max_length=50_000)
    dry_run: bool = False


class WriteErrorOut(Schema):
    """Where and why."""

    where: str
    message: str


class WriteOut(Schema):
    """What the write did (or would do)."""

    created: int
    updated: int
    unchanged: int
    applied: bool
    errors: list[WriteErrorOut]


FIELDS = (
    "id", "indicator__code", "area__code", "period", "value", "basis", "status", "source_agency__code",
    "comment", "citation", "illustrative", "version", "updated_at",
)  # fmt: skip


@router.get("/figures", response=list[FigureOut], summary="Số liệu")
@paginate
def list_figures(request: HttpRequest, filters: Query[FigureFilters]):
    """Figures, filtered by indicator, area, period, period type, years, basis and status."""
    query = Figure.objects.all()
    if filters.indicator:
        query = query.filter(indicator__code=filters.indicator)
    if filters.area:
        query = query.filter(area__code=filters.area)
    if filters.period:
        query = query.filter(period=filters.period)
    if filters.period_type:
        query = query.filter(period_type=filters.period_type)
    if filters.year_from is not None:
        query = query.filter(year__gte=filters.year_from)
    if filters.year_to is not None:
        query = query.filter(year__lte=filters.year_to)
    if filters.basis:
        query = query.filter(basis=filters.basis)
    if filters.status:
        query = query.filter(status=filters.status)
    return query.order_by("indicator__code", "area__code", "year", "period", "basis").values(
        *FIELDS
    )


@router.get(
    "/figures/{figure_id}/history", response=list[HistoryOut], summary="Lịch sử một số liệu"
)
def figure_history(request: HttpRequest, figure_id: int):
    """Every change of the figure, oldest first: who, when, through what."""
    if not Figure.objects.filter(pk=figure_id).exists():
        raise HttpError(404, "Không có số liệu này")
    return list(
        FigureHistory.objects.filter(figure_id=figure_id)
        .order_by("version", "id")
        .values(
            "version",
            "action",
            "old_value",
            "new_value",
            "old_status",
            "new_status",
            "changed_by__username",
            "changed_at",
            "via",
            "source",
            "comment",
        )
    )


def _review_request(request: HttpRequest, code: str, request_code: str | None = None):
    user = request.auth
    review = rights.Review.objects.filter(code=code).first()
    if review is None or not rights.can_view_review(user, review):
        raise HttpError(404, "Không có đợt tổng kết này")
    if request_code is None:
        return review, None
    data_request = (
        DataRequest.objects.select_related("agency")
        .filter(review=review, code=request_code)
        .first()
    )
    if data_request is None:
        raise HttpError(404, "Không có yêu cầu này")
    if not rights.sees_agency_work(user, review, data_request.agency_id):
        raise HttpError(404, "Không có yêu cầu này")
    return review, data_request


@router.get(
    "/reviews/{code}/requests",
    response=list[RequestOut],
    summary="Yêu cầu số liệu của đợt tổng kết",
)
def list_requests(request: HttpRequest, code: str):
    """The review's data requests (a focal point sees its agency's), with expected and received figures."""
    review, _ = _review_request(request, code)
    query = DataRequest.objects.filter(review=review).select_related("agency")
    requests = list(rights.visible_requests(request.auth, review, query))
    stats = completeness_for(requests)
    return [
        {
            "code": r.code,
            "title": r.title,
            "agency": r.agency.code,
            "deadline": r.deadline,
            "status": r.status,
            "periods": list(r.periods),
            "expected": stats[r.pk].expected,
            "received": stats[r.pk].received,
            "on_time": bool(stats[r.pk].on_time),
            "late": bool(stats[r.pk].late),
        }
        for r in requests
    ]


@router.post(
    "/reviews/{code}/requests/{request_code}/figures",
    response={200: WriteOut, 422: WriteOut},
    summary="Ghi số liệu cho một yêu cầu",
)
def write_figures(request: HttpRequest, code: str, request_code: str, payload: WriteIn):
    """Write the agency's figures for a request: all of them, or none with every error named."""
    review, data_request = _review_request(request, code, request_code)
    if not rights.can_write_agency_figures(request.auth, review, data_request.agency):
        raise HttpError(403, "Không có quyền ghi số liệu của cơ quan này")
    if data_request.status not in (DataRequest.Status.OPEN, DataRequest.Status.RETURNED):
        raise HttpError(409, "Yêu cầu đã gửi hoặc đã phê duyệt")
    indicators = set(data_request.indicators.values_list("code", flat=True))
    areas = set(data_request.areas.values_list("code", flat=True))
    periods = set(data_request.periods)
    errors = [
        {
            "where": f"figures[{i}]",
            "message": f"{f.indicator}/{f.area}/{f.period} nằm ngoài phạm vi của yêu cầu",
        }
        for i, f in enumerate(payload.figures)
        if f.indicator not in indicators or f.area not in areas or f.period not in periods
    ]
    if errors:
        return 422, {"created": 0, "updated": 0, "unchanged": 0, "applied": False, "errors": errors}
    rows = [
        FigureRow(
            f.indicator,
            f.area,
            f.period,
            f.value,
            f.basis,
            f.comment,
            None,
            None,
            None,
            f"figures[{i}]",
        )
        for i, f in enumerate(payload.figures)
    ]
    result = import_figures(
        rows, actor=request.auth, via=FigureHistory.Via.API, source="API", status=FigureStatus.DRAFT,
        agency=data_request.agency, request=data_request, dry_run=payload.dry_run,
    )  # fmt: skip
    summary = result.as_dict()
    return (422 if result.errors else 200), summary


class OneFigureIn(Schema):
    """One value with the version the caller last saw (0 when it saw no figure): optimistic locking."""

    value: float | str
    version: int = 0
    basis: str = "official"
    comment: str | None = None


class OneFigureOut(Schema):
    """The figure after the write, or the other person's figure when the write was refused."""

    saved: bool
    message: str
    value: float | None
    version: int
    status: str | None


@router.put(
    "/reviews/{code}/requests/{request_code}/figures/{indicator}/{area}/{period}",
    response={200: OneFigureOut, 409: OneFigureOut, 422: OneFigureOut},
    summary="Ghi một số liệu (khóa lạc quan theo phiên bản)",
)
def put_figure(
    request: HttpRequest,
    code: str,
    request_code: str,
    indicator: str,
    area: str,
    period: str,
    payload: OneFigureIn,
):
    """Save one figure if nobody saved it since `version`; otherwise 409 with their value — never an overwrite."""
    from tongket.figures.services import FigureConflict, FigureLocked, check_value, save_figure

    review, data_request = _review_request(request, code, request_code)
    if not rights.can_write_agency_figures(request.auth, review, data_request.agency):
        raise HttpError(403, "Không có quyền ghi số liệu của cơ quan này")
    if data_request.status not in (DataRequest.Status.OPEN, DataRequest.Status.RETURNED):
        raise HttpError(409, "Yêu cầu đã gửi hoặc đã phê duyệt")
    target = data_request.indicators.filter(code=indicator).first()
    place = data_request.areas.filter(code=area).first()
    if target is None or place is None or period not in data_request.periods:
        raise HttpError(404, f"{indicator}/{area}/{period} nằm ngoài phạm vi của yêu cầu")
    if payload.basis not in ("estimate", "preliminary", "official"):
        return 422, {
            "saved": False,
            "message": f"mức độ '{payload.basis[:30]}' không hợp lệ",
            "value": None,
            "version": 0,
            "status": None,
        }
    try:
        value = check_value(payload.value, target)
        figure = save_figure(
            indicator=target, area=place, period=period, value=value, expected_version=payload.version,
            actor=request.auth, via=FigureHistory.Via.API, agency=data_request.agency, request=data_request,
            basis=payload.basis, comment=payload.comment,
        )  # fmt: skip
    except FigureConflict as conflict:
        other = conflict.figure
        who = other.updated_by.username if other.updated_by_id else "người khác"
        return 409, {
            "saved": False, "message": f"{who} đã lưu giá trị {other.value} trước; không ghi đè",
            "value": other.value, "version": other.version or 0, "status": other.status or None,
        }  # fmt: skip
    except FigureLocked as locked:
        return 409, {
            "saved": False, "message": "số liệu đã phê duyệt và khóa", "value": locked.figure.value,
            "version": locked.figure.version, "status": locked.figure.status,
        }  # fmt: skip
    except ValueError as exc:
        return 422, {
            "saved": False,
            "message": str(exc),
            "value": None,
            "version": 0,
            "status": None,
        }
    return 200, {
        "saved": True,
        "message": "đã lưu",
        "value": figure.value,
        "version": figure.version,
        "status": figure.status,
    }
