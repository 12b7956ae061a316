"""The workflow's write services: each refuses bad input with a Vietnamese message and stores nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from tongket.organizations.models import Agency, Area
from tongket.reviews import services
from tongket.reviews.models import (
    Activity,
    Group,
    GroupMember,
    Milestone,
    Notification,
    Policy,
    Section,
    SectionComment,
    SectionVersion,
    Task,
)
from tongket.reviews.services import WorkflowError


@pytest.fixture
def outsider_agency(db):
    """A ministry with no link to the review (no participant, member, or area in the review's area)."""
    country = Area.objects.get_or_create(code="VN", defaults={"name": "Việt Nam"})[0]
    return Agency.objects.create(code="BQP", name="Bộ Quốc phòng", area=country)


def docx_bytes() -> bytes:
    """A small Word document with a heading, a list and a table."""
    from docx import Document

    document = Document()
    document.add_heading("Kết quả thực hiện", level=1)
    document.add_paragraph("Tăng trưởng kinh tế cao.")
    document.add_paragraph("Cảng biển", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(1, 1).text = "3.694"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- agencies in the review


def test_agencies_of_participants_members_and_the_area_are_in_the_review(world, outsider_agency):
    ids = services.review_agency_ids(world.review)
    assert {world.agency_a.pk, world.agency_b.pk, world.agency_c.pk} <= ids
    assert outsider_agency.pk not in ids
    group = services.add_group(
        world.review, world.secretariat, name="Ban Chỉ đạo Trung ương", kind="committee"
    )
    services.add_member(group, world.secretariat, name="Thượng tướng X", agency=outsider_agency)
    assert outsider_agency.pk in services.review_agency_ids(world.review)


def test_it_refuses_a_section_assigned_to_an_agency_not_in_the_review(world, outsider_agency):
    before = Activity.objects.count()
    with pytest.raises(WorkflowError, match=r"Bộ Quốc phòng.*không tham gia"):
        services.assign_section(world.section_a, world.secretariat, lead_agency=outsider_agency)
    world.section_a.refresh_from_db()
    assert world.section_a.lead_agency == world.agency_a
    assert Activity.objects.count() == before


def test_it_refuses_a_coordinating_agency_not_in_the_review(world, outsider_agency):
    with pytest.raises(WorkflowError, match="phối hợp"):
        services.assign_section(
            world.section_a,
            world.secretariat,
            lead_agency=world.agency_a,
            coordinating=[outsider_agency],
        )
    assert list(world.section_a.coordinating_agencies.all()) == [world.agency_c]


def test_assigning_a_section_notifies_the_lead_agency_and_logs_it(world):
    services.assign_section(
        world.section_a, world.secretariat, lead_agency=world.agency_b, coordinating=[world.agency_a],
        due=dt.date(2018, 5, 30),
    )  # fmt: skip
    world.section_a.refresh_from_db()
    assert world.section_a.lead_agency == world.agency_b
    assert Notification.objects.filter(user=world.focal_b, text__contains="30/05/2018").exists()
    assert Activity.objects.filter(review=world.review, verb="section_assigned").exists()


# --------------------------------------------------------------------------- plan


def test_it_refuses_a_milestone_whose_deadline_is_before_its_start(world):
    with pytest.raises(WorkflowError, match="hạn 01/03/2018 trước ngày bắt đầu 23/03/2018"):
        services.add_milestone(
            world.review, world.secretariat, title="Xây dựng đề cương",
            start=dt.date(2018, 3, 23), deadline=dt.date(2018, 3, 1),
        )  # fmt: skip
    assert not Milestone.objects.exists()
    assert not Activity.objects.exists()


def test_it_refuses_an_update_that_puts_the_deadline_before_the_start(world):
    milestone = services.add_milestone(
        world.review,
        world.secretariat,
        title="Kế hoạch",
        start=dt.date(2018, 3, 1),
        deadline=dt.date(2018, 4, 1),
    )
    with pytest.raises(WorkflowError):
        services.update_milestone(milestone, world.secretariat, deadline=dt.date(2018, 2, 1))
    milestone.refresh_from_db()
    assert milestone.deadline == dt.date(2018, 4, 1)


def test_a_milestone_gets_a_code_and_completing_it_records_the_day(world, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 4, 2))
    milestone = services.add_milestone(
        world.review, world.secretariat, title="A", deadline=dt.date(2018, 4, 1)
    )
    assert milestone.code == "KH1"
    services.update_milestone(milestone, world.secretariat, status=Milestone.Status.DONE)
    assert milestone.completed_on == dt.date(2018, 4, 2)


# --------------------------------------------------------------------------- outline


def test_sections_are_numbered_and_reordered_up_and_down(world):
    part_one = world.section_a
    part_two = services.add_section(world.review, world.secretariat, title="Phần II")
    child_a = services.add_section(world.review, world.secretariat, title="Con A", parent=part_one)
    child_b = services.add_section(world.review, world.secretariat, title="Con B", parent=part_one)
    numbers = services.outline_numbers(world.review)
    assert (numbers[part_one.pk], numbers[part_two.pk], numbers[child_a.pk], numbers[child_b.pk]) == (
        "I", "II", "1", "2",
    )  # fmt: skip
    services.move_section(child_b, world.secretariat, direction="up")
    numbers = services.outline_numbers(world.review)
    assert (numbers[child_b.pk], numbers[child_a.pk]) == ("1", "2")
    services.move_section(part_one, world.secretariat, direction="down")
    assert services.outline_numbers(world.review)[part_two.pk] == "I"


def test_moving_a_section_under_another_renumbers_both_parents(world):
    part_two = services.add_section(world.review, world.secretariat, title="Phần II")
    child = services.add_section(
        world.review, world.secretariat, title="Con", parent=world.section_a
    )
    services.move_section(child, world.secretariat, parent=part_two)
    assert services.outline_numbers(world.review)[child.pk] == "1"
    assert child.parent == part_two


def test_it_refuses_a_cycle_in_the_outline(world):
    child = services.add_section(
        world.review, world.secretariat, title="Con", parent=world.section_a
    )
    grandchild = services.add_section(world.review, world.secretariat, title="Cháu", parent=child)
    with pytest.raises(WorkflowError, match="Không thể đưa mục “Kết quả” vào trong “Cháu”"):
        services.move_section(world.section_a, world.secretariat, parent=grandchild)
    with pytest.raises(WorkflowError):
        services.move_section(child, world.secretariat, parent=child)
    world.section_a.refresh_from_db()
    assert world.section_a.parent is None


# --------------------------------------------------------------------------- drafts


def test_a_pasted_script_is_removed_and_other_tags_are_kept_as_text(world):
    pasted = (
        '<h2 style="color:red">Kết quả</h2><script>alert("x")</script>'
        '<p onclick="steal()">Đạt <b>vượt</b> <img src=x onerror=alert(1)><a href="javascript:x">link</a></p>'
        "<table><tr><td>1</td></tr></table><ul><li>a</li></ul>"
    )
    version = services.save_draft(world.section_a, world.focal_a, pasted)
    assert "<script" not in version.html and "alert" not in version.html
    assert "onclick" not in version.html and "<img" not in version.html and "<a" not in version.html
    assert "style" not in version.html
    assert "<h2>Kết quả</h2>" in version.html
    assert "<b>vượt</b>" in version.html and "link" in version.html
    assert "<table>" in version.html and "<li>a</li>" in version.html


def test_every_save_is_a_new_version_and_starts_drafting(world):
    services.save_draft(world.section_a, world.focal_a, "<p>Một</p>")
    services.save_draft(world.section_a, world.focal_a, "<p>Hai</p>")
    assert list(world.section_a.versions.values_list("number", flat=True)) == [2, 1]
    world.section_a.refresh_from_db()
    assert world.section_a.status == Section.Status.DRAFTING


def test_it_refuses_a_draft_that_is_only_a_script(world):
    with pytest.raises(WorkflowError, match="trống"):
        services.save_draft(world.section_a, world.focal_a, "<script>alert(1)</script>")
    assert not SectionVersion.objects.exists()


def test_a_docx_upload_keeps_headings_lists_and_tables(world):
    version = services.upload_docx(world.section_a, world.focal_a, docx_bytes(), "ket-qua.docx")
    assert "<h2>Kết quả thực hiện</h2>" in version.html
    assert "<table>" in version.html and "3.694" in version.html
    assert "Cảng biển" in version.html
    assert "ket-qua.docx" in version.note


def test_it_refuses_a_file_that_is_not_a_docx(world):
    with pytest.raises(WorkflowError, match=r"không phải văn bản Word \.docx"):
        services.upload_docx(
            world.section_a, world.focal_a, b"%PDF-1.4 not a document", "bao-cao.docx"
        )
    with pytest.raises(WorkflowError, match="không phải văn bản Word"):
        services.upload_docx(world.section_a, world.focal_a, docx_bytes(), "bao-cao.pdf")
    assert not SectionVersion.objects.exists()


def test_it_refuses_a_zip_that_is_not_a_word_document(world):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(WorkflowError, match="không phải văn bản Word"):
        services.upload_docx(world.section_a, world.focal_a, buffer.getvalue(), "gia.docx")


def test_it_refuses_a_docx_over_20_mb(world, settings):
    settings.TONGKET_MAX_UPLOAD_BYTES = 20_000_000
    with pytest.raises(WorkflowError, match="vượt giới hạn 20 MB"):
        services.upload_docx(world.section_a, world.focal_a, b"0" * 20_000_001, "lon.docx")
    assert not SectionVersion.objects.exists()


def test_submit_then_return_with_a_comment_then_accept(world):
    with pytest.raises(WorkflowError, match="chưa có bản dự thảo"):
        services.submit_section(world.section_a, world.focal_a)
    services.save_draft(world.section_a, world.focal_a, "<p>Bản đầu</p>")
    services.submit_section(world.section_a, world.focal_a)
    assert Notification.objects.filter(user=world.secretariat).exists()
    with pytest.raises(WorkflowError, match="Mục “Kết quả” đã gửi"):
        services.save_draft(world.section_a, world.focal_a, "<p>Sửa sau khi gửi</p>")
    with pytest.raises(WorkflowError, match="lý do trả lại"):
        services.return_section(world.section_a, world.secretariat, "  ")
    services.return_section(world.section_a, world.secretariat, "Bổ sung số liệu 2017")
    assert world.section_a.status == Section.Status.RETURNED
    assert SectionComment.objects.filter(kind="return", text="Bổ sung số liệu 2017").exists()
    assert Notification.objects.filter(
        user=world.focal_a, text__contains="Bổ sung số liệu 2017"
    ).exists()
    services.save_draft(world.section_a, world.focal_a, "<p>Bản hai</p>")
    services.submit_section(world.section_a, world.focal_a)
    services.accept_section(world.section_a, world.secretariat)
    assert world.section_a.status == Section.Status.ACCEPTED


def test_accepting_a_section_that_was_not_submitted_is_refused(world):
    with pytest.raises(WorkflowError, match="chưa được gửi"):
        services.accept_section(world.section_a, world.secretariat)


def test_a_comment_is_recorded_against_the_latest_version(world):
    version = services.save_draft(world.section_a, world.focal_a, "<p>Một</p>")
    comment = services.comment_section(
        world.section_a, world.focal_c, "Cần thêm số liệu thu ngân sách", world.agency_c
    )
    assert comment.version == version and comment.agency == world.agency_c
    assert Notification.objects.filter(user=world.focal_a).exists()


# --------------------------------------------------------------------------- meetings and tasks


def test_a_conclusion_becomes_a_task_and_refuses_a_deadline_before_the_meeting(world):
    meeting = services.create_meeting(
        world.review, world.secretariat, title="Phiên họp thứ nhất",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8, 30)), place="Hà Nội",
        chair="Nguyễn Văn Bình", chair_position="Trưởng Ban Kinh tế Trung ương",
        attendees=[services.AttendeeInput("Lê Văn Thành", "Bí thư Thành ủy Hải Phòng", world.agency_a)],
    )  # fmt: skip
    conclusion = services.add_conclusion(meeting, world.secretariat, "Thành phố chỉ đạo quyết liệt")
    with pytest.raises(WorkflowError, match="trước ngày bắt đầu 23/03/2018"):
        services.conclusion_to_task(
            conclusion, world.secretariat, owner=world.agency_a, deadline=dt.date(2018, 3, 1)
        )
    assert not Task.objects.exists()
    task = services.conclusion_to_task(
        conclusion, world.secretariat, owner=world.agency_a, deadline=dt.date(2018, 4, 30)
    )
    assert task.conclusion == conclusion and task.code == "NV1"
    assert Notification.objects.filter(user=world.focal_a, text__contains="30/04/2018").exists()


def test_a_task_for_an_agency_not_in_the_review_is_refused(world, outsider_agency):
    with pytest.raises(WorkflowError, match="không tham gia"):
        services.add_task(
            world.review,
            world.secretariat,
            title="X",
            owner=outsider_agency,
            deadline=dt.date(2018, 5, 1),
        )


def test_agenda_items_link_only_to_sections_of_the_same_review(world):
    meeting = services.create_meeting(
        world.review,
        world.secretariat,
        title="Họp",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8)),
    )
    item = services.add_agenda_item(
        meeting, world.secretariat, title="Đề cương", section=world.section_a
    )
    assert item.subject == "section"
    services.add_opinion(
        meeting, world.secretariat, speaker="Ông A", text="Đồng ý", agenda_item=item
    )
    assert meeting.opinions.count() == 1


def test_work_items_gather_all_four_sources_and_mark_the_overdue(world, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 5, 2))
    services.add_milestone(
        world.review,
        world.secretariat,
        title="Mốc",
        deadline=dt.date(2018, 6, 1),
        owner=world.agency_a,
    )
    services.assign_section(
        world.section_a, world.secretariat, lead_agency=world.agency_a, due=dt.date(2018, 4, 1)
    )
    services.add_task(
        world.review,
        world.secretariat,
        title="Việc",
        owner=world.agency_a,
        deadline=dt.date(2018, 5, 1),
    )
    services.add_task(
        world.review,
        world.secretariat,
        title="Việc B",
        owner=world.agency_b,
        deadline=dt.date(2018, 5, 1),
    )
    mine = services.work_items([world.review], agency=world.agency_a)
    assert {item.kind for item in mine} == {"milestone", "section", "task"}
    assert [item.title for item in mine if item.overdue] == ["Kết quả", "Việc"]
    task = Task.objects.get(title="Việc")
    services.complete_task(task, world.focal_a)
    assert task.completed_on == dt.date(2018, 5, 2)
    assert [
        i.title for i in services.work_items([world.review], agency=world.agency_a) if i.overdue
    ] == ["Kết quả"]


# --------------------------------------------------------------------------- committee and policies


def test_members_are_imported_from_pasted_lines_all_or_nothing(world):
    group = services.add_group(
        world.review, world.secretariat, name="Tổ công tác", kind=Group.Kind.WORKING
    )
    pasted = "Họ và tên\tChức vụ\tCơ quan\tVai trò\nNguyễn A\tCục trưởng\tCTK-HP\tTổ trưởng\nTrần B\tPhó Giám đốc\tKhông có\t\n"
    outcome = services.import_members(group, world.secretariat, pasted)
    assert outcome.errors == ["Dòng 3: không có cơ quan “Không có”."]
    assert not GroupMember.objects.exists()
    outcome = services.import_members(
        group, world.secretariat, pasted.replace("Không có", "Sở Tài chính Hải Phòng")
    )
    assert outcome.ok and outcome.created == 2
    first = GroupMember.objects.get(name="Nguyễn A")
    assert first.agency == world.agency_a and first.role == GroupMember.MemberRole.LEADER


def test_members_are_imported_from_an_xlsx(world):
    import openpyxl

    group = services.add_group(
        world.review, world.secretariat, name="Ban Chỉ đạo", kind=Group.Kind.COMMITTEE
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Họ và tên", "Chức vụ", "Cơ quan", "Vai trò"])
    sheet.append(["Nguyễn Văn Bình", "Trưởng Ban Kinh tế Trung ương", "", "Trưởng ban"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = services.import_members(group, world.secretariat, buffer.getvalue(), "bcd.xlsx")
    assert outcome.ok
    assert GroupMember.objects.get().role == GroupMember.MemberRole.HEAD


def test_policies_are_imported_from_an_xlsx_and_a_bad_date_names_its_row(world):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Số hiệu",
            "Ngày ban hành",
            "Cơ quan ban hành",
            "Trích yếu",
            "Tình trạng",
            "Chỉ tiêu",
            "Đánh giá",
        ]
    )
    sheet.append(
        ["16/2007/QĐ-TTg", "24/01/2007", "Thủ tướng", "Quy hoạch cảng", "Hết hiệu lực", "T1", "Tốt"]
    )
    sheet.append(["25/2019/NQ-HĐND", "31/02/2019", "HĐND", "Hỗ trợ", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = services.import_policies(
        world.review, world.secretariat, buffer.getvalue(), "cs.xlsx"
    )
    assert outcome.errors == ["Dòng 3: ngày “31/02/2019” không hợp lệ (viết 23/03/2018)."]
    assert not Policy.objects.exists()
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = services.import_policies(
        world.review, world.secretariat, buffer.getvalue(), "cs.xlsx"
    )
    assert outcome.ok
    policy = Policy.objects.get()
    assert policy.status == Policy.Status.EXPIRED and policy.issued == dt.date(2007, 1, 24)
    assert list(policy.targets.all()) == [world.target]


def test_a_broken_spreadsheet_is_refused_with_a_message(world):
    with pytest.raises(WorkflowError, match=r"Không đọc được tệp bảng tính cs\.xlsx"):
        services.import_policies(
            world.review, world.secretariat, b"PK\x03\x04 not really a workbook", "cs.xlsx"
        )
    assert not Policy.objects.exists()


def test_an_unknown_target_code_names_its_row(world):
    outcome = services.import_policies(
        world.review,
        world.secretariat,
        "Số hiệu;Ngày;Cơ quan;Trích yếu;Tình trạng;Chỉ tiêu\n01/2018;;HĐND;Hỗ trợ;;T9",
    )
    assert outcome.errors == ["Dòng 2: không có chỉ tiêu T9."]
