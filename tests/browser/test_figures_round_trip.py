"""Browser test of issue 5: a focal point downloads the request's workbook, fills it (openpyxl), uploads
it, sees the preview and confirms; types one more figure in the grid (HTMX); submits; the secretariat
approves; the figures are locked and their history shows who did what.

The browser and the live world come from tests/browser/conftest.py; screenshots go to /tmp/screens/.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.test import Client

from tongket.figures.models import DataRequest, Figure, FigureStatus


@pytest.fixture
def open_as(chromium, live_server):
    """open_as(user) → a page signed in as that user (session cookie from the test client)."""
    contexts = []

    def open_page(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context = chromium.new_context(
            viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True
        )
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url  # type: ignore[attr-defined]
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_a_focal_point_answers_by_excel_and_the_secretariat_approves(
    live_world, open_as, screenshot, tmp_path
):
    world = live_world
    req = DataRequest.objects.create(
        review=world.review, code="YC-GRDP", agency=world.agency_a, title="Số liệu GRDP 2018–2019",
        deadline=dt.date.today() + dt.timedelta(days=7), periods=["2018", "2019"],
    )  # fmt: skip
    req.indicators.set([world.indicator, world.growth_indicator])
    req.areas.set([world.city])
    detail = f"/figures/{world.review.code}/requests/{req.code}/"

    focal = open_as(world.focal_a)
    focal.goto(focal.base + detail)
    with focal.expect_download() as download_info:
        focal.get_by_test_id("download-workbook").click()
    downloaded = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(downloaded)
    assert downloaded.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(downloaded)
    sheet = workbook["Số liệu"]
    for row in range(2, sheet.max_row + 1):
        code, period = sheet.cell(row, 1).value, sheet.cell(row, 6).value
        if (code, period) == ("GRDP_PC", "2018"):
            sheet.cell(row, 7).value = 4012
        if (code, period) == ("GRDP_GROWTH", "2018"):
            sheet.cell(row, 7).value = "7,5"
    filled = tmp_path / "so-lieu-da-dien.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    filled.write_bytes(buffer.getvalue())

    focal.set_input_files("#id_file", str(filled))
    focal.get_by_role("button", name="Tải lên và xem trước").click()
    summary = focal.get_by_test_id("upload-summary")
    assert "Mới: 2" in summary.inner_text()
    screenshot(focal, "figures-upload-preview")
    assert Figure.objects.filter(period="2018").count() == 0  # the preview stores nothing
    focal.get_by_test_id("confirm-upload").click()
    focal.wait_for_selector("text=Đã lưu: 2 mới")

    # One more figure typed in the grid, saved by HTMX when the cell changes.
    focal.goto(focal.base + detail + "grid/HP/")
    cell = focal.get_by_test_id("cell-GRDP_PC-2019")
    cell.fill("4.100,5")
    cell.press("Tab")
    focal.wait_for_selector("#cell-GRDP_PC-2019 >> text=Đã lưu")
    screenshot(focal, "figures-grid")

    focal.goto(focal.base + detail)
    focal.get_by_role("button", name="Gửi số liệu").click()
    focal.wait_for_selector("text=Đã gửi 3 số liệu")

    secretariat = open_as(world.secretariat)
    secretariat.goto(secretariat.base + detail)
    secretariat.get_by_role("button", name="Phê duyệt và khóa số liệu").click()
    secretariat.wait_for_selector("text=Đã phê duyệt và khóa 3 số liệu")
    assert set(
        Figure.objects.filter(period__in=["2018", "2019"]).values_list("status", flat=True)
    ) == {FigureStatus.APPROVED}

    figure = Figure.objects.get(indicator=world.indicator, period="2018")
    viewer = open_as(world.viewer)
    viewer.goto(viewer.base + f"/figures/{world.review.code}/figures/{figure.pk}/history/")
    text = viewer.locator("main").inner_text()
    assert "Ai đã sửa số liệu này" in text
    assert "focal_a" in text and "so-lieu-da-dien.xlsx" in text and "secretariat" in text
    assert "phê duyệt" in text and "gửi" in text
    assert "4.012" in text
    screenshot(viewer, "figures-history")
