"""The figures pages: requests, workbook round trip with preview, grid with optimistic locking, approval,
reopening, history, completeness; rights and query counts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tongket.figures.models import DataRequest, Figure, FigureHistory, FigureStatus

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data_request(world):
    req = DataRequest.objects.create(
        review=world.review, code="YC1", agency=world.agency_a, title="Số liệu GRDP",
        deadline=dt.date.today() + dt.timedelta(days=10), periods=["2018", "2019"], instructions="Điền đủ.",
    )  # fmt: skip
    req.indicators.set([world.indicator, world.growth_indicator])
    req.areas.set([world.city])
    return req


def url(name, req, *extra):
    return reverse(f"figures:{name}", args=[req.review.code, req.code, *extra])


def test_the_secretariat_creates_a_request_for_an_agency(world):
    client = client_for(world.secretariat)
    response = client.post(
        reverse("figures:request_create", args=[world.review.code]),
        {"code": "YC9", "title": "Dân số", "agency": world.agency_b.pk, "deadline": "2030-01-31",
         "instructions": "", "indicators": [world.indicator.pk], "areas": [world.city.pk],
         "periods_text": "2016-2018, 2019Q1"},
    )  # fmt: skip
    assert response.status_code == 302
    req = DataRequest.objects.get(code="YC9")
    assert req.periods == ["2016", "2017", "2018", "2019Q1"] and req.agency == world.agency_b


def test_a_focal_point_cannot_create_requests(world):
    response = client_for(world.focal_a).get(
        reverse("figures:request_create", args=[world.review.code])
    )
    assert response.status_code == 403


def test_a_focal_point_sees_only_its_agencys_requests(world, data_request):
    listing = client_for(world.focal_b).get(
        reverse("figures:request_list", args=[world.review.code])
    )
    assert listing.status_code == 200 and "YC1" not in listing.content.decode()
    assert client_for(world.focal_b).get(url("request_detail", data_request)).status_code == 404
    assert (
        "Số liệu GRDP"
        in client_for(world.focal_a).get(url("request_detail", data_request)).content.decode()
    )


def test_an_outsider_learns_nothing(world, data_request):
    assert client_for(world.outsider).get(url("request_detail", data_request)).status_code == 404


def fill_workbook(content: bytes, values: dict[tuple[str, str], object]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Số liệu"]
    for row in range(2, sheet.max_row + 1):
        key = (sheet.cell(row, 1).value, sheet.cell(row, 6).value)
        if key in values:
            sheet.cell(row, 7).value = values[key]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, req, content: bytes, name="so-lieu.xlsx"):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(url("upload", req), {"file": handle})


def test_the_workbook_round_trip_previews_then_applies_in_one_go(world, data_request):
    client = client_for(world.focal_a)
    download = client.get(url("workbook", data_request))
    assert download.status_code == 200 and download["Content-Disposition"].endswith('.xlsx"')
    filled = fill_workbook(
        download.content, {("GRDP_PC", "2018"): 4000, ("GRDP_GROWTH", "2019"): "7,5"}
    )
    preview = upload(client, data_request, filled)
    assert preview.status_code == 200
    assert Figure.objects.count() == 1  # nothing stored by the preview
    token = preview.context["token"]
    assert len(preview.context["created"]) == 2
    confirm = client.post(url("upload_confirm", data_request, token))
    assert confirm.status_code == 302
    figure = Figure.objects.get(indicator=world.growth_indicator, period="2019")
    assert (
        figure.value == 7.5
        and figure.status == FigureStatus.DRAFT
        and figure.source_agency == world.agency_a
    )
    history = figure.history.get()
    assert (history.via, history.source, history.changed_by) == (
        "file",
        "so-lieu.xlsx",
        world.focal_a,
    )


def test_a_bad_cell_is_named_and_nothing_is_stored(world, data_request):
    client = client_for(world.focal_a)
    content = client.get(url("workbook", data_request)).content
    filled = fill_workbook(
        content, {("GRDP_PC", "2018"): 4000, ("GRDP_GROWTH", "2019"): "mười hai"}
    )
    preview = upload(client, data_request, filled)
    assert preview.status_code == 422
    text = preview.content.decode()
    assert (
        "Sheet &#x27;Số liệu&#x27;, ô G3: &#x27;mười hai&#x27; không phải là số" in text
        and "mười hai" in text
    )
    assert Figure.objects.count() == 1


def test_a_text_with_another_unit_is_refused(world, data_request):
    client = client_for(world.focal_a)
    content = client.get(url("workbook", data_request)).content
    preview = upload(
        client, data_request, fill_workbook(content, {("GRDP_GROWTH", "2019"): "12,5 tấn"})
    )
    assert preview.status_code == 422 and "đơn vị" in preview.content.decode()


def test_another_agency_cannot_upload(world, data_request):
    response = upload(
        client_for(world.focal_b), data_request, b"indicator,area,period,value,comment\n"
    )
    assert response.status_code == 404


def save_cell(client, req, indicator, period, value, version):
    return client.post(
        url("grid_cell", req, "HP"),
        {"indicator": indicator, "period": period, "value": value, "version": version},
        HTTP_HX_REQUEST="true",
    )


def test_the_grid_refuses_the_second_of_two_concurrent_saves_showing_the_other_value(
    world, data_request
):
    first, second = client_for(world.focal_a), client_for(world.secretariat)
    page = first.get(url("grid", data_request, "HP"))
    assert page.status_code == 200 and "cell-GRDP_PC-2018" in page.content.decode()
    assert (
        "Đã lưu" in save_cell(first, data_request, "GRDP_PC", "2018", "4.100,5", 0).content.decode()
    )
    refused = save_cell(second, data_request, "GRDP_PC", "2018", "4.200", 0).content.decode()
    assert "Không lưu" in refused and "4.100,5" in refused
    figure = Figure.objects.get(indicator=world.indicator, period="2018")
    assert figure.value == 4100.5 and figure.version == 1
    again = save_cell(second, data_request, "GRDP_PC", "2018", "4.200", 1).content.decode()
    assert "Đã lưu" in again
    assert Figure.objects.get(pk=figure.pk).value == 4200


def test_the_grid_refuses_text_the_vietnamese_way_cannot_read(world, data_request):
    response = save_cell(client_for(world.focal_a), data_request, "GRDP_PC", "2018", "1.5", 0)
    assert "không rõ nghĩa" in response.content.decode()
    assert not Figure.objects.filter(period="2018").exists()


def test_submit_approve_locks_and_only_a_committee_member_reopens(world, data_request):
    focal = client_for(world.focal_a)
    save_cell(focal, data_request, "GRDP_PC", "2018", "4000", 0)
    assert focal.post(url("request_approve", data_request)).status_code == 403
    focal.post(url("request_submit", data_request))
    data_request.refresh_from_db()
    assert data_request.status == DataRequest.Status.SUBMITTED
    client_for(world.secretariat).post(url("request_approve", data_request))
    figure = Figure.objects.get(period="2018")
    assert figure.status == FigureStatus.APPROVED
    assert (
        "khóa"
        in save_cell(
            client_for(world.secretariat), data_request, "GRDP_PC", "2018", "1", figure.version
        ).content.decode()
    )
    history_url = reverse("figures:figure_history", args=[world.review.code, figure.pk])
    reopen_url = reverse("figures:figure_reopen", args=[world.review.code, figure.pk])
    assert client_for(world.secretariat).post(reopen_url, {"reason": "sai"}).status_code == 403
    client_for(world.committee).post(reopen_url, {"reason": ""})
    assert Figure.objects.get(pk=figure.pk).locked
    client_for(world.committee).post(reopen_url, {"reason": "Cục Thống kê công bố lại"})
    assert not Figure.objects.get(pk=figure.pk).locked
    page = client_for(world.viewer).get(history_url).content.decode()
    assert "Cục Thống kê công bố lại" in page and "focal_a" in page and "secretariat" in page


def test_returning_needs_a_comment_and_reopens_the_request_to_the_agency(world, data_request):
    focal = client_for(world.focal_a)
    save_cell(focal, data_request, "GRDP_PC", "2018", "4000", 0)
    focal.post(url("request_submit", data_request))
    client_for(world.committee).post(
        url("request_return", data_request), {"comment": "Thiếu năm 2019"}
    )
    data_request.refresh_from_db()
    assert (
        data_request.status == DataRequest.Status.RETURNED
        and data_request.return_comment == "Thiếu năm 2019"
    )
    assert Figure.objects.get(period="2018").status == FigureStatus.RETURNED
    assert "Thiếu năm 2019" in focal.get(url("request_detail", data_request)).content.decode()


def test_the_request_page_lists_its_figures_once_under_a_plain_title(world, data_request):
    focal = client_for(world.focal_a)
    save_cell(focal, data_request, "GRDP_PC", "2018", "4000", 0)
    page = focal.get(url("request_detail", data_request)).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Số liệu GRDP" in title
    assert page.count('data-testid="request-figures"') == 1


def test_completeness_and_overdue_are_computed_without_a_complete_click(world, data_request):
    late = DataRequest.objects.create(
        review=world.review, code="YC2", agency=world.agency_b, title="Quá hạn", deadline=dt.date(2020, 1, 1),
        periods=["2017"],
    )  # fmt: skip
    late.indicators.set([world.indicator])
    late.areas.set([world.city])
    response = client_for(world.secretariat).get(
        reverse("figures:completeness", args=[world.review.code])
    )
    text = response.content.decode()
    assert response.status_code == 200 and "Quá hạn" in text
    # The 2017 figure exists and is approved: received 1 of 1 even though nobody clicked anything.
    assert "1/1" in text
    assert (
        client_for(world.focal_a)
        .get(reverse("figures:completeness", args=[world.review.code]))
        .status_code
        == 403
    )


def test_the_request_list_runs_a_bounded_number_of_queries(world, data_request):
    client = client_for(world.secretariat)
    list_url = reverse("figures:request_list", args=[world.review.code])
    client.get(list_url)
    with CaptureQueriesContext(connection) as few:
        client.get(list_url)
    for number in range(10):
        extra = DataRequest.objects.create(
            review=world.review, code=f"X{number}", agency=world.agency_b, title="t", deadline=dt.date(2030, 1, 1),
            periods=["2018"],
        )  # fmt: skip
        extra.indicators.set([world.indicator])
        extra.areas.set([world.city])
    with CaptureQueriesContext(connection) as many:
        client.get(list_url)
    assert len(many) == len(few)


def test_history_is_written_for_every_workflow_step(world, data_request):
    focal = client_for(world.focal_a)
    save_cell(focal, data_request, "GRDP_PC", "2018", "4000", 0)
    focal.post(url("request_submit", data_request))
    client_for(world.secretariat).post(url("request_approve", data_request))
    actions = list(
        FigureHistory.objects.filter(figure__period="2018").values_list("action", flat=True)
    )
    assert actions == ["create", "submit", "approve"]


@pytest.mark.parametrize(
    "path",
    [
        "/figures/tk-32/completeness/",
        "/figures/tk-32/agencies/SKHDT-HP/requests/",
        "/api/reviews/tk-32/requests",
    ],
)
def test_other_lists_run_a_bounded_number_of_queries(world, data_request, path):
    client = client_for(world.secretariat)
    first = DataRequest.objects.create(
        review=world.review,
        code="B0",
        agency=world.agency_b,
        title="t",
        deadline=dt.date(2020, 1, 1),
        periods=["2018"],
    )
    first.indicators.set([world.indicator])
    first.areas.set([world.city])
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    for number in range(10):
        extra = DataRequest.objects.create(
            review=world.review, code=f"X{number}", agency=world.agency_b, title="t", deadline=dt.date(2020, 1, 1),
            periods=["2018", "2019"],
        )  # fmt: skip
        extra.indicators.set([world.indicator, world.growth_indicator])
        extra.areas.set([world.city])
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
    assert response.status_code == 200 and len(many) == len(few)
