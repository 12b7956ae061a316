"""The figures API (same rights and validation as the pages, bounded queries) and the admin's locks."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tongket.figures.models import DataRequest, Figure, FigureHistory, FigureStatus
from tongket.figures.services import FigureRow, import_figures

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data_request(world):
    req = DataRequest.objects.create(
        review=world.review, code="YC1", agency=world.agency_a, title="GRDP", deadline=dt.date(2030, 1, 1),
        periods=["2018", "2019"],
    )  # fmt: skip
    req.indicators.set([world.indicator])
    req.areas.set([world.city])
    return req


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


WRITE = "/api/reviews/tk-32/requests/YC1/figures"


def test_the_api_lists_figures_with_filters_in_a_bounded_number_of_queries(world):
    client = client_for(world.viewer)
    first = client.get("/api/figures?indicator=GRDP_PC&year_from=2017")
    assert first.status_code == 200 and first.json()["items"][0]["value"] == 3694
    with CaptureQueriesContext(connection) as few:
        client.get("/api/figures")
    import_figures(
        [FigureRow("GRDP_PC", "HP", str(y), float(y)) for y in range(1990, 2010)], via="command"
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/figures")
    assert response.json()["count"] == 21 and len(many) == len(few)
    assert client.get("/api/figures?year_to=2000&period_type=Y").json()["count"] == 11


def test_the_api_writes_a_requests_figures_as_drafts_with_history(world, data_request):
    response = post_json(client_for(world.focal_a), WRITE, {"figures": [
        {"indicator": "GRDP_PC", "area": "HP", "period": "2018", "value": 4000},
        {"indicator": "GRDP_PC", "area": "HP", "period": "2019", "value": "4100.5"},
    ]})  # fmt: skip
    assert response.status_code == 200 and response.json()["created"] == 2
    figure = Figure.objects.get(period="2019")
    assert figure.status == FigureStatus.DRAFT and figure.value == 4100.5
    assert figure.history.get().via == FigureHistory.Via.API
    history = client_for(world.viewer).get(f"/api/figures/{figure.pk}/history").json()
    assert history[0]["changed_by"] == "focal_a" and history[0]["via"] == "api"


def test_the_api_refuses_other_agencies_out_of_scope_rows_and_bad_values_storing_nothing(
    world, data_request
):
    row = {"indicator": "GRDP_PC", "area": "HP", "period": "2018", "value": 1}
    assert post_json(client_for(world.focal_b), WRITE, {"figures": [row]}).status_code == 404
    assert post_json(client_for(world.viewer), WRITE, {"figures": [row]}).status_code == 403
    out = post_json(client_for(world.focal_a), WRITE, {"figures": [row, {**row, "period": "2030"}]})
    assert out.status_code == 422 and out.json()["errors"][0]["where"] == "figures[1]"
    bad = post_json(
        client_for(world.focal_a),
        WRITE,
        {"figures": [row, {**row, "period": "2019", "value": "1e999"}]},
    )
    assert bad.status_code == 422 and not bad.json()["applied"]
    assert Figure.objects.count() == 1


def test_the_api_lists_requests_with_completeness(world, data_request):
    body = client_for(world.focal_a).get("/api/reviews/tk-32/requests").json()
    assert body[0]["code"] == "YC1" and body[0]["expected"] == 2 and body[0]["received"] == 0
    assert client_for(world.focal_b).get("/api/reviews/tk-32/requests").json() == []


def test_the_admin_never_changes_a_locked_figure(world):
    figure = Figure.objects.get(period="2017")
    client = client_for(world.admin)
    page = client.get(f"/admin/figures/figure/{figure.pk}/change/")
    assert page.status_code == 200 and 'name="value"' not in page.content.decode()
    client.post(f"/admin/figures/figure/{figure.pk}/change/", {"value": "1", "comment": "x"})
    figure.refresh_from_db()
    assert figure.value == 3694 and figure.version == 1


def test_the_admin_saves_an_open_figure_through_the_service_with_history(world):
    import_figures(
        [FigureRow("GRDP_PC", "HP", "2018", 1.0)], via="command", status=FigureStatus.DRAFT
    )
    figure = Figure.objects.get(period="2018")
    client = client_for(world.admin)
    response = client.post(
        f"/admin/figures/figure/{figure.pk}/change/",
        {
            "value": "2.5",
            "comment": "sửa",
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.value, figure.version) == (2.5, 2)
    assert figure.history.order_by("version").last().via == FigureHistory.Via.ADMIN


def test_one_figure_put_refuses_the_second_of_two_concurrent_saves_with_the_other_value(
    world, data_request
):
    url = "/api/reviews/tk-32/requests/YC1/figures/GRDP_PC/HP/2018"
    first = client_for(world.focal_a).put(
        url, json.dumps({"value": "4000.5", "version": 0}), content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    second = client_for(world.secretariat).put(
        url, json.dumps({"value": 4100, "version": 0}), content_type="application/json"
    )
    assert (
        second.status_code == 409
        and second.json()["value"] == 4000.5
        and "focal_a" in second.json()["message"]
    )
    assert Figure.objects.get(period="2018").value == 4000.5
    third = client_for(world.secretariat).put(
        url, json.dumps({"value": 4100, "version": 1}), content_type="application/json"
    )
    assert third.status_code == 200 and Figure.objects.get(period="2018").value == 4100
    bad = client_for(world.focal_a).put(
        url, json.dumps({"value": "1,5", "version": 2}), content_type="application/json"
    )
    assert bad.status_code == 422
