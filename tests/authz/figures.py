"""The figures app: data requests, workbook round trip, grid, history, completeness, API, admin."""

import datetime as dt

from tests.authz import (
    ADMIN,
    AGENCY_A_WRITERS,
    APPROVERS,
    EVERYONE,
    READERS,
    REOPENERS,
    SECRETARIAT,
    SIGNED_IN,
    Rule,
)

# Readers of agency A's requests: everyone in the review except the other agencies' focal points.
A_READERS = READERS - {"focal_b", "focal_c"}
ADMIN_READ = {m: ADMIN for m in ("GET", "PUT", "PATCH", "DELETE")}


def _request(w):
    from tongket.figures.models import DataRequest

    req, created = DataRequest.objects.get_or_create(
        review=w.review, code="AUTHZ",
        defaults={"agency": w.agency_a, "title": "Yêu cầu", "deadline": dt.date(2030, 1, 1), "periods": ["2018"]},
    )  # fmt: skip
    if created:
        req.indicators.set([w.indicator])
        req.areas.set([w.city])
    return req


def _req(w, **extra):
    return {"review_code": w.review.code, "code": _request(w).code, **extra}


def _figure(w):
    from tongket.figures.models import Figure

    return Figure.objects.get(indicator=w.indicator, area=w.city, period="2017")


RULES = {
    "figures:request": Rule(GET=A_READERS, kwargs=lambda w: {"pk": _request(w).pk}),
    "figures:request_list": Rule(GET=READERS, kwargs=lambda w: {"review_code": w.review.code}),
    "figures:request_create": Rule(
        GET=SECRETARIAT, POST=SECRETARIAT, kwargs=lambda w: {"review_code": w.review.code}
    ),
    "figures:agency_requests": Rule(
        GET=A_READERS,
        kwargs=lambda w: {"review_code": w.review.code, "agency_code": w.agency_a.code},
    ),
    "figures:completeness": Rule(GET=APPROVERS, kwargs=lambda w: {"review_code": w.review.code}),
    "figures:request_detail": Rule(GET=A_READERS, kwargs=_req),
    "figures:request_submit": Rule(POST=AGENCY_A_WRITERS, kwargs=_req),
    "figures:request_approve": Rule(POST=APPROVERS - {"focal_a"}, kwargs=_req),
    "figures:request_return": Rule(
        POST=APPROVERS, kwargs=_req, data=lambda w: {"comment": "thiếu"}
    ),
    "figures:workbook": Rule(GET=A_READERS, kwargs=_req),
    "figures:upload": Rule(POST=AGENCY_A_WRITERS, kwargs=_req),
    "figures:upload_confirm": Rule(POST=AGENCY_A_WRITERS, kwargs=lambda w: _req(w, token="none")),
    "figures:grid": Rule(GET=A_READERS, kwargs=lambda w: _req(w, area_code=w.city.code)),
    "figures:grid_cell": Rule(
        POST=AGENCY_A_WRITERS,
        kwargs=lambda w: _req(w, area_code=w.city.code),
        data=lambda w: {
            "indicator": w.indicator.code,
            "period": "2018",
            "value": "4.000",
            "version": "0",
        },
        headers={"HX-Request": "true"},
    ),
    "figures:figure_history": Rule(
        GET=A_READERS, kwargs=lambda w: {"review_code": w.review.code, "pk": _figure(w).pk}
    ),
    "figures:figure_reopen": Rule(
        POST=REOPENERS,
        kwargs=lambda w: {"review_code": w.review.code, "pk": _figure(w).pk},
        data=lambda w: {"reason": "công bố lại"},
    ),
    # Figures are never deleted from the admin; the history is append-only (read-only).
    "admin:figures_figure_delete": Rule(kwargs=lambda w: {"object_id": _figure(w).pk}),
    "admin:figures_figurehistory_add": Rule(),
    "admin:figures_figurehistory_delete": Rule(kwargs=lambda w: {"object_id": 0}),
    "admin:figures_figurehistory_change": Rule(**ADMIN_READ, kwargs=lambda w: {"object_id": 0}),
}

API_RULES = {
    "/api/figures": Rule(GET=SIGNED_IN),
    "/api/figures/{figure_id}/history": Rule(
        GET=SIGNED_IN, kwargs=lambda w: {"figure_id": _figure(w).pk}
    ),
    "/api/reviews/{code}/requests": Rule(GET=READERS, kwargs=lambda w: {"code": w.review.code}),
    "/api/reviews/{code}/requests/{request_code}/figures": Rule(
        POST=AGENCY_A_WRITERS,
        kwargs=lambda w: {"code": w.review.code, "request_code": _request(w).code},
        data=lambda w: {
            "figures": [
                {
                    "indicator": w.indicator.code,
                    "area": w.city.code,
                    "period": "2018",
                    "value": 4000,
                }
            ]
        },
    ),
    "/api/reviews/{code}/requests/{request_code}/figures/{indicator}/{area}/{period}": Rule(
        PUT=AGENCY_A_WRITERS,
        kwargs=lambda w: {
            "code": w.review.code,
            "request_code": _request(w).code,
            "indicator": w.indicator.code,
            "area": w.city.code,
            "period": "2018",
        },
        data=lambda w: {"value": 4000, "version": 0},
    ),
}

_ = EVERYONE
