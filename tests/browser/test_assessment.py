"""The assessment in a real browser: the dashboard (badges, charts, explanations, figures, verdict by hand)
and the explorer (choose, see a table and a chart, download csv)."""

from __future__ import annotations

import csv
import io

import pytest

from tongket.figures.models import Figure, FigureStatus
from tongket.resolutions.models import Target


def sign_in(page, user) -> None:
    """Sign in by a session made on the server (the login form has its own browser test)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.base_url}]
    )


@pytest.fixture
def assessed_world(live_world):
    """The world with a few years of figures for the city and the country, and targets of several kinds."""
    w = live_world
    for year, city, country in [(2013, 2400, 1900), (2014, 2650, 2050), (2015, 2900, 2100), (2016, 3250, 2150),
                                (2017, None, 2200), (2018, 4100, 2550)]:  # fmt: skip
        if city is not None:
            Figure.objects.create(indicator=w.indicator, area=w.city, period=str(year), period_type="Y",
                                  year=year, value=city, status=FigureStatus.APPROVED, source_agency=w.agency_a)  # fmt: skip
        Figure.objects.create(indicator=w.indicator, area=w.country, period=str(year), period_type="Y",
                              year=year, value=country, status=FigureStatus.APPROVED)  # fmt: skip
    for year, rate in [(2014, 8.5), (2015, 9.2), (2016, 10.1), (2017, 11.2), (2018, 12.0)]:
        Figure.objects.create(indicator=w.growth_indicator, area=w.city, period=str(year), period_type="Y",
                              year=year, value=rate, status=FigureStatus.APPROVED, source_agency=w.agency_a)  # fmt: skip
    Target.objects.create(
        resolution=w.resolution, code="T2", order=2, indicator=w.growth_indicator, kind="average_growth",
        text="Tốc độ tăng trưởng GRDP bình quân 2014–2018 đạt 10–11%/năm", lower=10, upper=11,
        start_year=2014, year=2018,
    )  # fmt: skip
    Target.objects.create(
        resolution=w.resolution, code="T3", order=3, indicator=w.indicator,
        text="GRDP bình quân đầu người năm 2020 đạt 6.000 USD", lower=6000, upper=6000, year=2020,
    )  # fmt: skip
    Target.objects.create(
        resolution=w.resolution, code="T4", order=4, text="Xây dựng Đảng bộ trong sạch, vững mạnh"
    )
    return w


def test_the_committee_reads_the_dashboard_and_judges_a_target_by_hand(
    assessed_world, page, screenshot
):
    w = assessed_world
    sign_in(page, w.committee)
    page.goto(f"{page.base_url}/assessment/{w.review.code}/")
    page.wait_for_selector("[data-testid=assessment-table]")
    badges = page.locator("[data-testid=assessment-table] [data-verdict]")
    assert badges.count() >= 4
    assert page.locator('[data-target="T1"] [data-verdict="exceeded"]').count() == 1
    assert page.locator('[data-target="T3"] [data-verdict="no_data"]').count() == 1
    # Charts are drawn by Chart.js (served locally) on their canvases.
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas').length > 0 "
                           "&& Array.from(document.querySelectorAll('canvas')).every(c => Chart.getChart(c))")  # fmt: skip
    assert "gấp" in page.locator("[data-testid=comparison]").first.inner_text()
    screenshot(page, "assessment-01-dashboard")

    row = page.locator('[data-target="T2"]')
    row.locator("[data-testid=explanation] summary").click()
    explanation = row.locator("[data-testid=explanation] p").first
    assert explanation.is_visible()
    assert "Bình quân 2014–2018" in explanation.inner_text()
    row.locator("text=Số liệu và lịch sử").click()
    page.wait_for_selector('[data-target="T2"] [data-testid=target-figures]')
    assert "Cục Thống kê" in row.inner_text()
    screenshot(page, "assessment-02-explanation-and-figures")

    qualitative = page.locator('[data-target="T4"]')
    qualitative.locator("[data-testid=manual-verdict] summary").click()
    qualitative.locator("select[name=verdict]").select_option("achieved")
    qualitative.locator("textarea[name=reason]").fill(
        "Ban Chỉ đạo đánh giá qua báo cáo của các cơ quan"
    )
    qualitative.locator("button[type=submit]").first.click()
    page.wait_for_selector('[data-target="T4"] [data-verdict="achieved"]')
    assert "thủ công" in page.locator('[data-target="T4"]').inner_text()
    screenshot(page, "assessment-03-manual-verdict")


def test_someone_explores_figures_and_downloads_them(assessed_world, page, screenshot):
    w = assessed_world
    sign_in(page, w.viewer)
    page.goto(f"{page.base_url}/assessment/explorer/")
    page.select_option("#id_indicator", [str(w.indicator.pk)])
    page.select_option("#id_area", [str(w.city.pk), str(w.country.pk)])
    page.fill("#id_year_from", "2013")
    page.fill("#id_year_to", "2018")
    page.click("[data-testid=explorer-form] button[type=submit]")
    page.wait_for_selector("[data-testid=explorer-table]")
    table = page.locator("[data-testid=explorer-table]").inner_text()
    assert "Thành phố Hải Phòng" in table and "Việt Nam" in table and "3.694" in table
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('explorer-chart'))"
    )
    screenshot(page, "assessment-04-explorer")
    with page.expect_download() as info:
        page.click("[data-testid=export-csv]")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][:2] == ["Mã chỉ số", "Chỉ số"]
    assert len(rows) == 1 + 6 + 6  # the header, then 2013–2018 for the country and for the city
