"""The secretariat imports targets from a pasted paragraph, keeps two of them, finds them on the resolution."""

from __future__ import annotations

from tongket.core.testing import PASSWORD
from tongket.resolutions.models import Target

PARAGRAPH = (
    "Mục tiêu đến năm 2025: GRDP bình quân/người đạt 14.740 USD; tốc độ tăng trưởng GRDP bình quân "
    "13,5%/năm giai đoạn 2021 - 2025; thu ngân sách đạt khoảng 100 nghìn tỷ đồng; tỷ lệ hộ nghèo "
    "giảm xuống dưới 1%. Cơ cấu kinh tế: dịch vụ chiếm 63%, công nghiệp - xây dựng 33,5%."
)


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=sign-in]")
    page.wait_for_url(page.base_url + "/")


def test_the_secretariat_confirms_two_proposed_targets(live_world, page, screenshot):
    resolution = live_world.resolution
    sign_in(page, "secretariat")
    page.goto(f"{page.base_url}/resolutions/{resolution.pk}/")
    page.click("[data-testid=import-targets]")
    page.wait_for_url(f"**/extraction/{resolution.pk}/")
    page.fill("#id_text", PARAGRAPH)
    page.click("[data-testid=extract]")
    page.wait_for_selector("[data-testid=proposed-targets]")

    rows = page.locator("tr.proposed-row")
    assert rows.count() == 6
    marks = page.locator("[data-testid=source-text] mark")
    assert marks.count() == 6
    assert marks.nth(3).inner_text().endswith("tỷ lệ hộ nghèo giảm xuống dưới 1%")
    # The first row is linked to the existing indicator; the new-indicator fields stay hidden.
    first = rows.nth(0)
    assert (
        first.locator("select[data-field=indicator] option:checked")
        .inner_text()
        .startswith("GRDP_PC")
    )
    assert not first.locator(".new-indicator").is_visible()
    assert rows.nth(3).locator(".new-indicator").is_visible()
    # The growth row needs no start year here: the text gives the period 2021 - 2025.
    assert rows.nth(1).locator("input[data-field=start_year]").input_value() == "2021"
    rows.nth(3).locator("input[data-field=new_code]").fill("HO_NGHEO")
    for number in (3, 5, 6):
        rows.nth(number - 1).locator("input[data-field=keep]").uncheck()
    assert "dropped" in (rows.nth(2).get_attribute("class") or "")
    rows.nth(3).locator("input[data-field=lower]").focus()
    screenshot(page, "extraction-01-proposals")

    # A growth target without its start year is refused, and nothing is saved.
    rows.nth(1).locator("input[data-field=start_year]").fill("")
    page.click("[data-testid=confirm]")
    errors = page.locator("[data-testid=confirm-errors]")
    assert "Dòng 2: chỉ tiêu tăng trưởng bình quân cần năm bắt đầu" in errors.inner_text()
    assert not Target.objects.filter(resolution=resolution).exclude(code="T1").exists()
    refused = page.locator("tr.proposed-row").nth(1)
    assert "table-danger" in (refused.get_attribute("class") or "")
    assert "năm bắt đầu" in refused.locator("[data-testid=row-error]").inner_text()
    screenshot(page, "extraction-02-refused")

    # Drop the growth row too: two targets remain (the edited code of row 4 was kept on the page).
    rows = page.locator("tr.proposed-row")
    assert rows.nth(3).locator("input[data-field=new_code]").input_value() == "HO_NGHEO"
    rows.nth(1).locator("input[data-field=keep]").uncheck()
    page.click("[data-testid=confirm]")
    page.wait_for_url(f"**/resolutions/{resolution.pk}/")
    body = page.content()
    assert "Đã lưu 2 chỉ tiêu" in body
    assert "GRDP bình quân/người đạt 14.740 USD" in body
    assert "tỷ lệ hộ nghèo giảm xuống dưới 1%" in body
    assert "≤ 1 %" in body
    screenshot(page, "extraction-03-resolution")

    saved = Target.objects.filter(resolution=resolution).exclude(code="T1").order_by("order")
    assert [(t.code, t.indicator.code) for t in saved] == [("T2", "GRDP_PC"), ("T3", "HO_NGHEO")]


def test_a_file_that_is_not_a_docx_gets_a_message_on_the_page(
    live_world, page, screenshot, tmp_path
):
    fake = tmp_path / "nghi-quyet.docx"
    fake.write_bytes(b"PK\x03\x04 this is not a Word document")
    sign_in(page, "secretariat")
    page.goto(f"{page.base_url}/extraction/{live_world.resolution.pk}/")
    page.set_input_files("#id_file", str(fake))
    page.click("[data-testid=extract]")
    errors = page.locator("[data-testid=source-errors]")
    assert "không phải tệp .docx hợp lệ" in errors.inner_text()
    screenshot(page, "extraction-04-bad-file")
