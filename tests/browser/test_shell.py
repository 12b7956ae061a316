"""A focal point in a real browser: signs in, opens the review, switches language, is refused elsewhere."""

from __future__ import annotations

from tongket.core.testing import PASSWORD


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=sign-in]")
    page.wait_for_url(page.base_url + "/")


def test_a_focal_point_signs_in_opens_the_review_and_switches_language(
    live_world, page, screenshot
):
    page.goto(page.base_url + "/accounts/login/")
    screenshot(page, "01-login")
    sign_in(page, "focal_a")
    assert "Đợt tổng kết của tôi" in page.content()
    screenshot(page, "02-home-focal-a")
    page.click(f"text={live_world.review.title}")
    page.wait_for_url(f"**/reviews/{live_world.review.code}/")
    figure = page.locator("[data-testid=figure-value]").first
    assert figure.inner_text().startswith("3.694")
    assert "minh họa" in page.content()
    screenshot(page, "03-overview-vi")

    page.click("[data-testid=switch-en]")
    page.wait_for_selector("[data-testid=switch-vi]")
    assert "Targets and latest figures" in page.content()
    assert page.locator("[data-testid=figure-value]").first.inner_text().startswith("3,694")
    screenshot(page, "04-overview-en")

    page.click("[data-testid=switch-vi]")
    page.wait_for_selector("[data-testid=switch-en]")
    assert "Chỉ tiêu và số liệu mới nhất" in page.content()
    assert page.locator("[data-testid=figure-value]").first.inner_text().startswith("3.694")


def test_a_focal_point_cannot_open_another_agencys_edit_page(live_world, page, screenshot):
    # section_a is led by agency A: agency B's focal point may read it but not edit it.
    sign_in(page, "focal_b")
    url = f"{page.base_url}/reviews/{live_world.review.code}/sections/{live_world.section_a.code}/edit/"
    response = page.goto(url)
    assert response.status == 403
    assert "Không có quyền" in page.content()
    screenshot(page, "05-forbidden-edit")


def test_an_outsider_learns_nothing_of_the_review(live_world, page):
    sign_in(page, "outsider")
    response = page.goto(f"{page.base_url}/reviews/{live_world.review.code}/")
    assert response.status == 404
    assert live_world.review.title not in page.content()


def test_the_overview_fits_a_phone_screen(live_world, chromium, live_server, screenshot):
    context = chromium.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.base_url = live_server.url
    try:
        sign_in(page, "focal_a")
        page.goto(f"{page.base_url}/reviews/{live_world.review.code}/")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        screenshot(page, "06-overview-phone")
        assert overflow <= 0, f"the page is {overflow}px wider than the phone screen"
        page.goto(f"{page.base_url}/")
        screenshot(page, "07-home-phone")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    finally:
        context.close()


def test_screens_of_the_main_pages(live_world, page, screenshot):
    sign_in(page, "secretariat")
    for name, path in [
        ("08-reviews", "/reviews/"),
        ("09-resolution", f"/resolutions/{live_world.resolution.pk}/"),
        ("10-areas-search", "/areas-agencies/areas/?q=hai+phong"),
        ("11-agencies", "/areas-agencies/agencies/"),
        ("12-indicators", "/resolutions/indicators/"),
        ("13-tokens", "/accounts/tokens/"),
        ("14-profile", "/accounts/profile/"),
        ("15-invite", f"/accounts/invite/{live_world.review.code}/"),
        ("16-api-docs", "/api/docs"),
    ]:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        if name == "16-api-docs":
            page.wait_for_selector(".swagger-ui .info", timeout=15_000)
        screenshot(page, name)
