"""The workflow pages: who sees and does what, and bad input shown as a message with nothing stored."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tongket.core.testing import PASSWORD
from tongket.organizations.models import Agency
from tongket.reviews import services
from tongket.reviews.models import Milestone, Section, SectionVersion, Task


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def meeting(world):
    meeting = services.create_meeting(
        world.review, world.secretariat, title="Phiên họp thứ nhất của Ban Chỉ đạo",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8, 30)), place="Hà Nội",
        chair="Nguyễn Văn Bình", chair_position="Trưởng Ban Kinh tế Trung ương",
        attendees=[services.AttendeeInput("Lê Văn Thành", "Bí thư Thành ủy Hải Phòng")],
    )  # fmt: skip
    services.add_agenda_item(
        meeting, world.secretariat, title="Kế hoạch xây dựng Đề án", subject="plan"
    )
    services.add_opinion(
        meeting,
        world.secretariat,
        speaker="Lê Văn Thành",
        text="Thành phố đã hoàn thành vượt nhiều chỉ tiêu",
    )
    conclusion = services.add_conclusion(
        meeting, world.secretariat, "Các bộ, ngành phối hợp chặt chẽ trong tập hợp số liệu"
    )
    services.conclusion_to_task(
        conclusion, world.secretariat, owner=world.agency_a, deadline=dt.date(2018, 4, 30)
    )
    return meeting


def page_names(world, meeting) -> list[tuple[str, list]]:
    code, section = world.review.code, world.section_a.code
    return [
        ("reviews:committee", [code]), ("reviews:plan", [code]), ("reviews:outline", [code]),
        ("reviews:section", [code, section]), ("reviews:section_compare", [code, section]),
        ("reviews:meetings", [code]), ("reviews:meeting", [code, meeting.code]),
        ("reviews:meeting_notice", [code, meeting.code]), ("reviews:tasks", [code]),
        ("reviews:policies", [code]), ("reviews:activity", [code]),
    ]  # fmt: skip


def test_every_workflow_page_opens_for_a_viewer_and_is_404_for_an_outsider(client, world, meeting):
    for name, args in page_names(world, meeting):
        client.force_login(world.viewer)
        assert client.get(reverse(name, args=args)).status_code == 200, name
        client.force_login(world.outsider)
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_anonymous_users_are_sent_to_sign_in(client, world):
    response = client.get(reverse("reviews:plan", args=[world.review.code]))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_section_edit_page_is_403_for_another_agency_and_for_a_coordinating_agency(
    client, world
):
    url = reverse("reviews:section_edit", args=[world.review.code, world.section_a.code])
    for persona, expected in [("focal_b", 403), ("focal_c", 403), ("viewer", 403), ("committee", 403),
                              ("outsider", 404), ("focal_a", 200), ("secretariat", 200)]:  # fmt: skip
        client.force_login(getattr(world, persona))
        assert client.get(url).status_code == expected, persona
    client.force_login(world.focal_b)
    assert client.post(url, {"html": "<p>x</p>"}).status_code == 403
    assert not SectionVersion.objects.exists()


def test_the_lead_agency_saves_a_draft_and_a_pasted_script_is_shown_as_nothing(client, world):
    client.force_login(world.focal_a)
    url = reverse("reviews:section_edit", args=[world.review.code, world.section_a.code])
    html = '<h2>Kết quả</h2><p>Đạt &lt;script&gt; <script>alert("x")</script><img src=x onerror="alert(1)"></p>'
    response = client.post(url, {"html": html, "note": "bản đầu"})
    assert response.status_code == 302
    page = client.get(
        reverse("reviews:section", args=[world.review.code, world.section_a.code])
    ).content.decode()
    assert "<h2>Kết quả</h2>" in page
    assert "alert(" not in page and "onerror" not in page
    assert "&lt;script&gt;" in page  # typed text stays text
    assert "mã không được phép" in page  # the author is told what was removed


def test_a_coordinating_agency_comments_but_another_agency_may_not(client, world):
    url = reverse("reviews:section_comment", args=[world.review.code, world.section_a.code])
    client.force_login(world.focal_c)
    assert client.post(url, {"text": "Đề nghị bổ sung"}).status_code == 302
    client.force_login(world.focal_b)
    assert client.post(url, {"text": "Không được"}).status_code == 403
    assert world.section_a.comments.count() == 1


def test_submit_and_return_through_the_pages(client, world):
    code, section = world.review.code, world.section_a.code
    services.save_draft(world.section_a, world.focal_a, "<p>Một</p>")
    client.force_login(world.focal_a)
    client.post(reverse("reviews:section_submit", args=[code, section]), {"text": ""})
    client.force_login(world.focal_a)
    assert (
        client.post(
            reverse("reviews:section_return", args=[code, section]), {"text": "x"}
        ).status_code
        == 403
    )
    client.force_login(world.secretariat)
    response = client.post(
        reverse("reviews:section_return", args=[code, section]), {"text": ""}, follow=True
    )
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    client.post(reverse("reviews:section_return", args=[code, section]), {"text": "Thiếu số liệu"})
    world.section_a.refresh_from_db()
    assert world.section_a.status == Section.Status.RETURNED


def test_assigning_an_agency_outside_the_review_shows_a_message_and_stores_nothing(client, world):
    outside = Agency.objects.create(code="BCA", name="Bộ Công an")
    client.force_login(world.secretariat)
    url = reverse("reviews:section_assign", args=[world.review.code, world.section_a.code])
    response = client.post(url, {"lead_agency": outside.pk, "due": "2018-05-30"})
    assert response.status_code == 200
    assert "Bộ Công an” không tham gia đợt tổng kết này" in response.content.decode()
    world.section_a.refresh_from_db()
    assert world.section_a.lead_agency == world.agency_a and world.section_a.due is None


def test_a_milestone_with_its_deadline_before_its_start_is_refused_on_the_page(client, world):
    client.force_login(world.secretariat)
    url = reverse("reviews:milestone_add", args=[world.review.code])
    response = client.post(
        url,
        {"title": "Đề cương", "start": "2018-04-01", "deadline": "2018-03-01", "status": "planned"},
        follow=True,
    )
    assert "hạn 01/03/2018 trước ngày bắt đầu 01/04/2018" in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_cycle_in_the_outline_is_refused_on_the_page(client, world):
    child = services.add_section(
        world.review, world.secretariat, title="Con", parent=world.section_a
    )
    client.force_login(world.secretariat)
    url = reverse("reviews:section_move", args=[world.review.code, world.section_a.code])
    response = client.post(url, {"parent": child.pk}, follow=True)
    assert "Không thể đưa mục" in response.content.decode()
    world.section_a.refresh_from_db()
    assert world.section_a.parent is None


def test_moving_a_section_by_htmx_returns_the_renumbered_tree(client, world):
    second = services.add_section(world.review, world.secretariat, title="Phần hai")
    client.force_login(world.secretariat)
    url = reverse("reviews:section_move", args=[world.review.code, second.code])
    response = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.index("Phần hai") < html.index("Kết quả")
    assert "<html" not in html


def test_a_file_that_is_not_a_docx_is_refused_on_the_page(client, world):
    client.force_login(world.focal_a)
    url = reverse("reviews:section_upload", args=[world.review.code, world.section_a.code])
    upload = SimpleUploadedFile(
        "bao-cao.docx", b"not a zip at all", content_type="application/octet-stream"
    )
    response = client.post(url, {"file": upload}, follow=True)
    assert "không phải văn bản Word .docx" in response.content.decode()
    assert not SectionVersion.objects.exists()


def test_a_docx_over_the_limit_is_refused_before_it_is_read(client, world, settings):
    settings.TONGKET_MAX_UPLOAD_BYTES = 1000
    client.force_login(world.focal_a)
    url = reverse("reviews:section_upload", args=[world.review.code, world.section_a.code])
    upload = SimpleUploadedFile("lon.docx", b"0" * 2000)
    response = client.post(url, {"file": upload}, follow=True)
    assert "vượt giới hạn" in response.content.decode()
    assert not SectionVersion.objects.exists()


def test_the_meeting_page_shows_the_news_style_summary(client, world, meeting):
    client.force_login(world.viewer)
    page = client.get(
        reverse("reviews:meeting", args=[world.review.code, meeting.code])
    ).content.decode()
    assert (
        "Ngày 23/3/2018, tại Hà Nội, đồng chí Nguyễn Văn Bình, Trưởng Ban Kinh tế Trung ương đã chủ trì"
        in page
    )
    assert "Tham dự phiên họp có đồng chí Lê Văn Thành, Bí thư Thành ủy Hải Phòng" in page
    assert "kế hoạch xây dựng Đề án" in page


def test_the_notice_downloads_as_a_word_document(client, world, meeting):
    from docx import Document

    client.force_login(world.focal_b)
    response = client.get(reverse("reviews:meeting_notice", args=[world.review.code, meeting.code]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "THÔNG BÁO" in text and "tập hợp số liệu" in text


def test_a_conclusion_becomes_a_task_on_the_agency_list_and_overdue_later(
    client, world, meeting, monkeypatch
):
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 4, 10))
    client.force_login(world.focal_a)
    url = reverse("reviews:tasks", args=[world.review.code])
    page = client.get(url + "?scope=mine").content.decode()
    assert "phối hợp chặt chẽ trong tập hợp số liệu" in page and 'data-overdue="true"' not in page
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 5, 2))
    page = client.get(url + "?scope=overdue").content.decode()
    assert "phối hợp chặt chẽ trong tập hợp số liệu" in page and 'data-overdue="true"' in page
    client.force_login(world.focal_b)
    assert "tập hợp số liệu" not in client.get(url + "?scope=mine").content.decode()


def test_the_owner_agency_completes_its_task_but_another_agency_may_not(client, world, meeting):
    task = Task.objects.get()
    url = reverse("reviews:task_done", args=[world.review.code, task.code])
    client.force_login(world.focal_b)
    assert client.post(url).status_code == 403
    client.force_login(world.focal_a)
    assert client.post(url).status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE


def test_the_plan_shows_overdue_milestones_on_the_timeline(client, world, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 5, 2))
    services.add_milestone(
        world.review,
        world.secretariat,
        title="Đề cương",
        start=dt.date(2018, 3, 1),
        deadline=dt.date(2018, 4, 1),
    )
    services.add_milestone(
        world.review,
        world.secretariat,
        title="Dự thảo",
        start=dt.date(2018, 4, 1),
        deadline=dt.date(2018, 9, 1),
    )
    client.force_login(world.viewer)
    page = client.get(reverse("reviews:plan", args=[world.review.code])).content.decode()
    assert page.count('class="timeline-bar overdue"') == 1
    assert "Hôm nay 02/05/2018" in page


def test_members_are_added_by_pasting_a_list(client, world):
    group = services.add_group(world.review, world.secretariat, name="Tổ công tác")
    client.force_login(world.secretariat)
    url = reverse("reviews:member_import", args=[world.review.code, group.code])
    client.post(url, {"text": "Nguyễn A\tTổ trưởng\tCTK-HP\tTổ trưởng\nTrần B\tThành viên\t\t"})
    assert group.members.count() == 2
    client.force_login(world.focal_a)
    assert client.post(url, {"text": "X"}).status_code == 403


def _policy_workbook(*rows: list[str]) -> SimpleUploadedFile:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Số hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("cs.xlsx", buffer.getvalue())


def test_a_policy_workbook_is_imported_on_the_page_and_a_bad_row_is_named(client, world):
    client.force_login(world.secretariat)
    url = reverse("reviews:policy_import", args=[world.review.code])
    bad = _policy_workbook(["25/2019/NQ-HĐND", "31/02/2019", "HĐND", "Hỗ trợ"])
    page = client.post(url, {"file": bad}, follow=True).content.decode()
    assert "Không nhập dòng nào: Dòng 2:" in page and not world.review.policies.exists()
    good = _policy_workbook(["16/2007/QĐ-TTg", "24/01/2007", "Thủ tướng", "Quy hoạch cảng"])
    page = client.post(url, {"file": good}, follow=True).content.decode()
    assert "Đã nhập; 1 cơ chế, chính sách mới." in page
    assert world.review.policies.get().number == "16/2007/QĐ-TTg"


def test_a_member_list_goes_back_to_its_group_unless_the_form_itself_was_refused(client, world):
    group = services.add_group(world.review, world.secretariat, name="Tổ công tác")
    client.force_login(world.secretariat)
    url = reverse("reviews:member_import", args=[world.review.code, group.code])
    committee = reverse("reviews:committee", args=[world.review.code])
    assert client.post(url, {"text": "Nguyễn A"})["Location"] == committee + f"#group-{group.code}"
    assert client.post(url, {})["Location"] == committee


def test_notifications_are_listed_and_marked_read(client, world):
    services.notify([world.focal_a], review=world.review, text="Có việc mới", email=False)
    client.force_login(world.focal_a)
    page = client.get(reverse("reviews:notifications")).content.decode()
    assert "Có việc mới" in page
    client.post(reverse("reviews:notifications_read"))
    assert not world.focal_a.notifications.filter(read_at__isnull=True).exists()
    assert PASSWORD


def test_two_versions_are_compared_side_by_side_with_the_text_escaped(client, world):
    services.save_draft(world.section_a, world.focal_a, "<p>Tăng trưởng cao.</p>")
    services.save_draft(
        world.section_a, world.focal_a, "<p>Tăng trưởng cao.</p><p>Thêm &lt;b&gt; mới.</p>"
    )
    client.force_login(world.viewer)
    url = reverse("reviews:section_compare", args=[world.review.code, world.section_a.code])
    page = client.get(url + "?a=1&b=2").content.decode()
    assert 'class="diff"' in page and "Phiên bản 1" in page and "Phiên bản 2" in page
    assert "&lt;b&gt; mới." in page and "<b> mới" not in page
    assert client.get(url + "?a=x&b=99").status_code == 200


JUNK = {
    "title": "<script>alert(1)</script>" * 50, "name": "\x00\ufffe", "text": "", "deadline": "31/02/2018",
    "start": "9999-99-99", "due": "hôm qua", "owner": "999999", "agency": "abc", "lead_agency": "-1",
    "coordinating": ["x"], "parent": "999999", "direction": "sideways", "held_at": "not a date",
    "status": "bogus", "kind": "bogus", "role": "vua", "subject": "bogus", "section": "0", "number": "",
    "targets": ["0"], "issued": "2018-13-45", "file": "not a file", "html": "<" * 1000,
}  # fmt: skip


def test_junk_posted_to_every_workflow_form_never_breaks_a_page(client, world, meeting):
    group = services.add_group(world.review, world.secretariat, name="Tổ công tác")
    services.add_milestone(
        world.review, world.secretariat, title="Mốc", deadline=dt.date(2018, 5, 1)
    )
    code, section = world.review.code, world.section_a.code
    conclusion = meeting.conclusions.first()
    task = Task.objects.get()
    names = [
        ("reviews:group_add", [code]), ("reviews:member_add", [code, group.code]),
        ("reviews:member_import", [code, group.code]), ("reviews:milestone_add", [code]),
        ("reviews:milestone_edit", [code, "KH1"]), ("reviews:section_add", [code]),
        ("reviews:section_move", [code, section]), ("reviews:section_assign", [code, section]),
        ("reviews:section_edit", [code, section]), ("reviews:section_upload", [code, section]),
        ("reviews:section_comment", [code, section]), ("reviews:section_submit", [code, section]),
        ("reviews:section_accept", [code, section]), ("reviews:section_return", [code, section]),
        ("reviews:meeting_add", [code]), ("reviews:meeting_attendee_add", [code, meeting.code]),
        ("reviews:meeting_agenda_add", [code, meeting.code]), ("reviews:meeting_opinion_add", [code, meeting.code]),
        ("reviews:meeting_conclusion_add", [code, meeting.code]),
        ("reviews:conclusion_task", [code, meeting.code, conclusion.pk]), ("reviews:task_add", [code]),
        ("reviews:task_done", [code, task.code]), ("reviews:policy_add", [code]), ("reviews:policy_import", [code]),
    ]  # fmt: skip
    client.force_login(world.secretariat)
    for name, args in names:
        response = client.post(reverse(name, args=args), JUNK, follow=True)
        assert response.status_code == 200, name
    assert not Milestone.objects.exclude(code="KH1").exists()
