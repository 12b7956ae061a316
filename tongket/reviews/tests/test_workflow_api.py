"""The workflow's REST endpoints: rights as on the pages, refusals as 422 with the Vietnamese message."""

from __future__ import annotations

import datetime as dt
import json

from tongket.organizations.models import Agency
from tongket.reviews import services
from tongket.reviews.models import Milestone, SectionVersion, Task


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_secretariat_builds_and_assigns_the_outline_through_the_api(client, world):
    client.force_login(world.secretariat)
    base = f"/api/reviews/{world.review.code}"
    created = post(client, f"{base}/sections", {"title": "Đánh giá chung", "parent": "S1"})
    assert created.status_code == 201 and created.json()["number"] == "1"
    code = created.json()["code"]
    response = client.put(
        f"{base}/sections/{code}/assignment",
        json.dumps(
            {"lead_agency": "SKHDT-HP", "coordinating_agencies": ["STC-HP"], "due": "2018-05-30"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["lead_agency"] == "SKHDT-HP" and response.json()[
        "coordinating_agencies"
    ] == ["STC-HP"]
    listed = client.get(f"{base}/sections").json()
    assert [(s["number"], s["title"]) for s in listed] == [
        ("I", "Kết quả"),
        ("1", "Đánh giá chung"),
    ]


def test_the_api_refuses_an_agency_outside_the_review_and_a_cycle_with_422(client, world):
    Agency.objects.create(code="BNG", name="Bộ Ngoại giao")
    client.force_login(world.secretariat)
    base = f"/api/reviews/{world.review.code}"
    response = client.put(
        f"{base}/sections/S1/assignment",
        json.dumps({"lead_agency": "BNG"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "không tham gia" in response.json()["detail"]
    child = post(client, f"{base}/sections", {"title": "Con", "parent": "S1"}).json()["code"]
    response = post(client, f"{base}/sections/S1/move", {"parent": child})
    assert response.status_code == 422 and "Không thể đưa mục" in response.json()["detail"]


def test_a_milestone_with_a_deadline_before_its_start_is_422(client, world):
    client.force_login(world.secretariat)
    response = post(
        client,
        f"/api/reviews/{world.review.code}/milestones",
        {"title": "X", "start": "2018-04-01", "deadline": "2018-03-01"},
    )
    assert response.status_code == 422 and "trước ngày bắt đầu" in response.json()["detail"]
    assert not Milestone.objects.exists()


def test_only_the_lead_agency_saves_drafts_and_scripts_are_removed(client, world):
    url = f"/api/reviews/{world.review.code}/sections/S1/versions"
    client.force_login(world.focal_b)
    assert post(client, url, {"html": "<p>x</p>"}).status_code == 403
    client.force_login(world.outsider)
    assert post(client, url, {"html": "<p>x</p>"}).status_code == 404
    client.force_login(world.focal_a)
    response = post(client, url, {"html": "<p>Đạt<script>alert(1)</script></p>"})
    assert response.status_code == 201 and response.json()["html"] == "<p>Đạt</p>"
    assert SectionVersion.objects.count() == 1


def test_a_meeting_conclusion_becomes_a_task_and_shows_in_my_work(client, world, monkeypatch):
    client.force_login(world.secretariat)
    base = f"/api/reviews/{world.review.code}"
    meeting = post(client, f"{base}/meetings", {
        "title": "Phiên họp thứ nhất", "held_at": "2018-03-23T08:30:00+07:00", "place": "Hà Nội",
        "chair": "Nguyễn Văn Bình", "attendees": [{"name": "Lê Văn Thành", "agency": "CTK-HP"}],
    })  # fmt: skip
    assert meeting.status_code == 201
    conclusion = post(
        client, f"{base}/meetings/{meeting.json()['code']}/conclusions", {"text": "Tập hợp số liệu"}
    ).json()
    early = post(
        client,
        f"{base}/conclusions/{conclusion['id']}/tasks",
        {"owner": "CTK-HP", "deadline": "2018-03-01"},
    )
    assert early.status_code == 422
    task = post(
        client,
        f"{base}/conclusions/{conclusion['id']}/tasks",
        {"owner": "CTK-HP", "deadline": "2018-04-30"},
    )
    assert task.status_code == 201
    monkeypatch.setattr(services, "today", lambda: dt.date(2018, 5, 1))
    client.force_login(world.focal_a)
    mine = client.get(f"{base}/work?scope=mine").json()
    assert [(i["kind"], i["overdue"]) for i in mine if i["kind"] == "task"] == [("task", True)]
    assert client.post(f"{base}/tasks/{task.json()['code']}/done").status_code == 200
    assert Task.objects.get().status == Task.Status.DONE


def test_viewers_read_but_may_not_write(client, world):
    client.force_login(world.viewer)
    base = f"/api/reviews/{world.review.code}"
    for path in ("milestones", "sections", "meetings", "work", "policies", "activity"):
        assert client.get(f"{base}/{path}").status_code == 200, path
    assert post(client, f"{base}/sections", {"title": "X"}).status_code == 403
    assert post(client, f"{base}/policies", {"number": "1", "title": "X"}).status_code == 403
    client.force_login(world.outsider)
    assert client.get(f"{base}/milestones").status_code == 404
    assert client.get("/api/notifications").status_code == 200


def test_the_committee_and_meeting_details_are_written_through_the_api(client, world):
    from django.utils import timezone

    client.force_login(world.secretariat)
    base = f"/api/reviews/{world.review.code}"
    group = post(
        client, f"{base}/groups", {"name": "Ban Chỉ đạo Trung ương", "kind": "committee"}
    ).json()
    member = post(
        client,
        f"{base}/groups/{group['code']}/members",
        {"name": "Nguyễn Văn Bình", "role": "Trưởng ban"},
    )
    assert member.status_code == 201 and member.json()["members"][0]["role"] == "head"
    bad = post(client, f"{base}/groups/{group['code']}/members", {"name": "X", "role": "vua"})
    assert bad.status_code == 422 and "Vai trò không hợp lệ" in bad.json()["detail"]
    meeting = services.create_meeting(
        world.review,
        world.secretariat,
        title="Họp",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8)),
    )
    agenda = post(
        client,
        f"{base}/meetings/{meeting.code}/agenda",
        {"title": "Đề cương Đề án", "section": "S1"},
    )
    assert agenda.status_code == 201 and agenda.json()["agenda"] == ["Đề cương Đề án"]
    opinion = post(
        client,
        f"{base}/meetings/{meeting.code}/opinions",
        {"speaker": "Lê Văn Thành", "text": "Đồng ý"},
    )
    assert "Lê Văn Thành" in opinion.json()["summary"]
    assert [g["name"] for g in client.get(f"{base}/groups").json()] == ["Ban Chỉ đạo Trung ương"]


def test_a_meeting_time_is_kept_in_utc_and_a_far_off_year_is_refused_with_422(client, world):
    client.force_login(world.secretariat)
    url = f"/api/reviews/{world.review.code}/meetings"
    # PostgreSQL refuses a +19:35 offset (a 500 before): the instant is stored in UTC instead.
    odd_offset = post(client, url, {"title": "Họp", "held_at": "2018-03-23T20:00:00+19:35"})
    assert odd_offset.status_code == 201
    assert odd_offset.json()["held_at"].startswith("2018-03-23T00:25:00")
    for held_at in (
        "0046-12-02T16:18:12+19:35",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
    ):
        response = post(client, url, {"title": "Họp", "held_at": held_at})
        assert response.status_code == 422, held_at
        assert "Thời gian họp" in response.json()["detail"]
