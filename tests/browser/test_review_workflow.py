"""Browser tests of the review workflow (issue 7), driving Debian's chromium through Playwright:

- the secretariat builds an outline and assigns sections;
- an agency drafts its section in the editor and submits it;
- the secretariat returns it with a comment, which the agency sees;
- a meeting's conclusion becomes a task that appears in the agency's list, and is overdue after its
  deadline (a frozen clock: `services.today` is patched; the live server runs in this process).

Screenshots go to /tmp/screens/. The browser and the live world come from tests/browser/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from tongket.reviews import services
from tongket.reviews.models import Section, SectionComment, Task

SCREENS = Path(os.environ.get("TONGKET_SCREENS", "/tmp/screens"))


@pytest.fixture
def world(live_world):
    """The shared browser world (tests/browser/conftest.py), under the name the test bodies use."""
    return live_world


@pytest.fixture
def open_as(chromium, live_server, settings):
    """open_as(user) → a page signed in as that user (session cookie from the test client)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    SCREENS.mkdir(parents=True, exist_ok=True)
    contexts = []

    def open_page(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.base = live_server.url  # type: ignore[attr-defined]
        return page

    yield open_page
    for context in contexts:
        context.close()


def go(page, path: str) -> None:
    page.goto(page.base + path)


def test_the_secretariat_builds_an_outline_and_assigns_a_section(open_as, world):
    page = open_as(world.secretariat)
    code = world.review.code
    go(page, f"/reviews/{code}/outline/")
    add = page.locator("[data-testid=section-add]")
    add.locator("input[name=title]").fill("Hạn chế, yếu kém và bài học kinh nghiệm")
    add.locator("button[type=submit]").click()
    add = page.locator("[data-testid=section-add]")
    add.locator("input[name=title]").fill("Tăng trưởng kinh tế")
    add.locator("select[name=parent]").select_option(label="I. Kết quả")
    add.locator("button[type=submit]").click()
    rows = page.locator("[data-testid=outline-row]")
    assert rows.nth(0).inner_text().startswith("I")
    numbers = page.locator("[data-testid=outline-number]").all_inner_texts()
    assert numbers == ["I", "1", "II"]
    # Reorder by HTMX: "II" goes up and becomes "I".
    page.locator("[data-testid=outline-row]").nth(2).locator("button[value=up]").click()
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=outline-number]')[1].textContent.trim() === 'II'"
    )
    assert page.locator("[data-testid=outline-row]").nth(0).inner_text().find("Hạn chế") >= 0
    new = Section.objects.get(title="Tăng trưởng kinh tế")
    page.locator(f"[data-testid=assign-{new.code}]").click()
    form = page.locator("[data-testid=assign-form]")
    form.locator("select[name=lead_agency]").select_option(label=world.agency_b.name)
    form.locator("select[name=coordinating]").select_option(label=world.agency_c.name)
    form.locator("input[name=due]").fill("2018-05-30")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/reviews/{code}/outline/")
    row = page.locator(f"[data-testid=outline-row][data-code='{new.code}']")
    assert world.agency_b.name in row.inner_text() and "30/05/2018" in row.inner_text()
    page.screenshot(path=str(SCREENS / "browser-outline.png"), full_page=True)
    new.refresh_from_db()
    assert new.lead_agency == world.agency_b and list(new.coordinating_agencies.all()) == [
        world.agency_c
    ]


def test_an_agency_drafts_and_submits_then_the_secretariat_returns_it_with_a_comment(
    open_as, world
):
    code, section = world.review.code, world.section_a.code
    agency = open_as(world.focal_a)
    go(agency, f"/reviews/{code}/sections/{section}/")
    agency.locator("[data-testid=edit-draft]").click()
    editor = agency.locator("[data-testid=editor]")
    editor.click()
    agency.keyboard.type("Kết quả nổi bật")
    agency.locator("button[data-block=h2]").click()
    agency.keyboard.press("End")
    agency.keyboard.press("Enter")
    agency.locator("button[data-block=p]").click()
    agency.keyboard.type("GRDP bình quân đầu người năm 2017 đạt 3.694 USD.")
    # Pasting from Word: headings, lists and tables survive; a script does not.
    agency.evaluate(
        """() => {
            const data = new DataTransfer();
            data.setData('text/html', '<h3 style="color:red">Hạ tầng</h3><ul><li>Cảng biển</li></ul>'
                + '<table><tr><td>Chỉ tiêu</td><td>3.694</td></tr></table><script>window.hacked = 1</script>'
                + '<p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">1.<span>&nbsp;</span></span>Công nghiệp</p>'
                + '<p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">2.<span>&nbsp;</span></span>Dịch vụ</p>');
            document.getElementById('editor').dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true}));
        }"""
    )
    agency.screenshot(path=str(SCREENS / "browser-editor.png"), full_page=True)
    agency.locator("[data-testid=save-draft]").click()
    agency.wait_for_url(f"**/sections/{section}/")
    draft = agency.locator("[data-testid=draft]")
    assert draft.locator("h2").inner_text() == "Kết quả nổi bật"
    assert draft.locator("h4").inner_text() == "Hạ tầng"  # Word's Heading 1 is our h2, so h3 → h4
    assert draft.locator("ul li").inner_text() == "Cảng biển"
    assert draft.locator("td").nth(1).inner_text() == "3.694"
    assert draft.locator("ol li").all_inner_texts() == [
        "Công nghiệp",
        "Dịch vụ",
    ]  # Word's numbered list
    assert agency.evaluate("() => window.hacked") is None
    agency.locator("[data-testid=submit-section]").click()
    assert agency.locator("[data-testid=section-status]").inner_text() == "Đã gửi"

    secretariat = open_as(world.secretariat)
    go(secretariat, f"/reviews/{code}/sections/{section}/")
    form = secretariat.locator("[data-testid=decide-form]")
    form.locator("textarea[name=text]").fill("Đề nghị bổ sung số liệu thu ngân sách năm 2017.")
    form.locator("[data-testid=return-section]").click()
    assert secretariat.locator("[data-testid=section-status]").inner_text() == "Trả lại"

    go(agency, f"/reviews/{code}/sections/{section}/")
    assert (
        "Đề nghị bổ sung số liệu thu ngân sách năm 2017."
        in agency.locator("[data-testid=comments]").inner_text()
    )
    agency.screenshot(path=str(SCREENS / "browser-returned.png"), full_page=True)
    go(agency, "/reviews/notifications/")
    assert (
        "Trả lại dự thảo mục “Kết quả”"
        in agency.locator("[data-testid=notifications]").inner_text()
    )
    assert SectionComment.objects.filter(kind="return").count() == 1


def test_a_conclusion_becomes_a_task_on_the_agency_list_and_is_overdue_after_its_deadline(
    open_as, world, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 4, 2))
    meeting = services.create_meeting(
        world.review, world.secretariat, title="Phiên họp thứ nhất của Ban Chỉ đạo",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8, 30)), place="Hà Nội",
        chair="Nguyễn Văn Bình", chair_position="Trưởng Ban Kinh tế Trung ương",
    )  # fmt: skip
    code = world.review.code
    secretariat = open_as(world.secretariat)
    go(secretariat, f"/reviews/{code}/meetings/{meeting.code}/")
    secretariat.locator("#conclusions details > summary").last.click()
    secretariat.locator("#conclusions textarea[name=text]").fill(
        "Các cơ quan phối hợp chặt chẽ, nhất là trong việc tập hợp số liệu."
    )
    secretariat.locator("#conclusions form button").last.click()
    secretariat.locator("[data-testid=conclusions] li details > summary").first.click()
    form = secretariat.locator("[data-testid=conclusion-task-form]").first
    form.locator("select[name=owner]").select_option(label=world.agency_a.name)
    form.locator("input[name=deadline]").fill("2018-04-30")
    form.locator("button[type=submit]").click()
    assert "hạn 30/04/2018" in secretariat.locator("[data-testid=conclusions]").inner_text()
    assert "Nguyễn Văn Bình" in secretariat.locator("[data-testid=meeting-summary]").inner_text()
    secretariat.screenshot(path=str(SCREENS / "browser-meeting.png"), full_page=True)
    task = Task.objects.get()

    agency = open_as(world.focal_a)
    go(agency, f"/reviews/{code}/tasks/?scope=mine")
    row = agency.locator(f"[data-testid=work-item][data-kind=task][data-code='{task.code}']")
    assert "tập hợp số liệu" in row.inner_text()
    assert row.get_attribute("data-overdue") is None

    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 5, 2))
    go(agency, f"/reviews/{code}/tasks/?scope=overdue")
    row = agency.locator(f"[data-testid=work-item][data-kind=task][data-code='{task.code}']")
    assert row.get_attribute("data-overdue") == "true"
    assert "Quá hạn" in row.inner_text()
    agency.screenshot(path=str(SCREENS / "browser-overdue.png"), full_page=True)
    other = open_as(world.focal_b)
    go(other, f"/reviews/{code}/tasks/?scope=mine")
    assert other.locator(f"[data-testid=work-item][data-code='{task.code}']").count() == 0
