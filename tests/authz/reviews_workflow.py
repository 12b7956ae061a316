"""The review workflow's pages and API (issue 7): committee, plan, outline, sections, meetings, tasks,
policies, activity, notifications. Section rules use world.section_a (led by agency A, C coordinates)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.authz import (
    AGENCY_A_WRITERS,
    READERS,
    SECRETARIAT,
    SECTION_A_COMMENTERS,
    SIGNED_IN,
    Rule,
)

TASK_A_DONE = SECRETARIAT | {"focal_a"}  # the secretariat, or agency A's focal point for A's task


def _code(w) -> dict:
    return {"code": w.review.code}


def _section(w) -> dict:
    return {"code": w.review.code, "section_code": w.section_a.code}


def _group(w) -> dict:
    from tongket.reviews import services

    group = services.add_group(w.review, w.secretariat, name="Tổ công tác")
    return {"code": w.review.code, "group_code": group.code}


def _milestone(w) -> dict:
    from tongket.reviews import services

    milestone = services.add_milestone(
        w.review, w.secretariat, title="Đề cương", deadline=dt.date(2018, 5, 1)
    )
    return {"code": w.review.code, "milestone_code": milestone.code}


def _version(w) -> dict:
    from tongket.reviews import services

    version = services.save_draft(w.section_a, w.focal_a, "<p>Bản đầu</p>")
    return {**_section(w), "number": version.number}


def _drafted_section(w) -> dict:
    kwargs = _version(w)
    kwargs.pop("number")
    return kwargs


def _meeting(w):
    from tongket.reviews import services

    meeting = services.create_meeting(
        w.review,
        w.secretariat,
        title="Phiên họp",
        held_at=timezone.make_aware(dt.datetime(2018, 3, 23, 8)),
    )
    return meeting


def _meeting_kwargs(w) -> dict:
    return {"code": w.review.code, "meeting_code": _meeting(w).code}


def _conclusion(w) -> dict:
    from tongket.reviews import services

    meeting = _meeting(w)
    conclusion = services.add_conclusion(meeting, w.secretariat, "Phối hợp tập hợp số liệu")
    return {"code": w.review.code, "meeting_code": meeting.code, "conclusion_id": conclusion.pk}


def _task(w) -> dict:
    from tongket.reviews import services

    task = services.add_task(
        w.review, w.secretariat, title="Số liệu", owner=w.agency_a, deadline=dt.date(2018, 5, 1)
    )
    return {"code": w.review.code, "task_code": task.code}


RULES = {
    "reviews:notifications": Rule(GET=SIGNED_IN),
    "reviews:notifications_read": Rule(POST=SIGNED_IN),
    "reviews:my_tasks": Rule(GET=SIGNED_IN),
    "reviews:committee": Rule(GET=READERS, kwargs=_code),
    "reviews:group_add": Rule(
        POST=SECRETARIAT, kwargs=_code, data=lambda w: {"name": "Tổ biên tập", "kind": "drafting"}
    ),
    "reviews:member_add": Rule(
        POST=SECRETARIAT, kwargs=_group, data=lambda w: {"name": "Nguyễn A", "role": "member"}
    ),
    "reviews:member_import": Rule(
        POST=SECRETARIAT, kwargs=_group, data=lambda w: {"text": "Nguyễn A\tThành viên"}
    ),
    "reviews:plan": Rule(GET=READERS, kwargs=_code),
    "reviews:milestone_add": Rule(
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"title": "Kế hoạch", "deadline": "2018-05-01", "status": "planned"},
    ),
    "reviews:milestone_edit": Rule(GET=SECRETARIAT, POST=SECRETARIAT, kwargs=_milestone),
    "reviews:outline": Rule(GET=READERS, kwargs=_code),
    "reviews:section_add": Rule(
        POST=SECRETARIAT, kwargs=_code, data=lambda w: {"title": "Phần II"}
    ),
    "reviews:section_move": Rule(
        POST=SECRETARIAT, kwargs=_section, data=lambda w: {"direction": "up"}
    ),
    "reviews:section_assign": Rule(GET=SECRETARIAT, POST=SECRETARIAT, kwargs=_section),
    "reviews:section": Rule(GET=READERS, kwargs=_section),
    "reviews:section_edit": Rule(
        GET=AGENCY_A_WRITERS,
        POST=AGENCY_A_WRITERS,
        kwargs=_section,
        data=lambda w: {"html": "<p>x</p>"},
    ),
    "reviews:section_upload": Rule(POST=AGENCY_A_WRITERS, kwargs=_section),
    "reviews:section_comment": Rule(
        POST=SECTION_A_COMMENTERS, kwargs=_section, data=lambda w: {"text": "Góp ý"}
    ),
    "reviews:section_submit": Rule(POST=AGENCY_A_WRITERS, kwargs=_drafted_section),
    "reviews:section_accept": Rule(POST=SECRETARIAT, kwargs=_section),
    "reviews:section_return": Rule(
        POST=SECRETARIAT, kwargs=_section, data=lambda w: {"text": "Bổ sung"}
    ),
    "reviews:section_compare": Rule(GET=READERS, kwargs=_section),
    "reviews:section_version": Rule(GET=READERS, kwargs=_version),
    "reviews:meetings": Rule(GET=READERS, kwargs=_code),
    "reviews:meeting_add": Rule(
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"title": "Phiên họp", "held_at": "2018-03-23T08:30"},
    ),
    "reviews:meeting": Rule(GET=READERS, kwargs=_meeting_kwargs),
    "reviews:meeting_notice": Rule(GET=READERS, kwargs=_meeting_kwargs),
    "reviews:meeting_attendee_add": Rule(
        POST=SECRETARIAT, kwargs=_meeting_kwargs, data=lambda w: {"name": "Lê Văn Thành"}
    ),
    "reviews:meeting_agenda_add": Rule(
        POST=SECRETARIAT,
        kwargs=_meeting_kwargs,
        data=lambda w: {"title": "Kế hoạch", "subject": "plan"},
    ),
    "reviews:meeting_opinion_add": Rule(
        POST=SECRETARIAT,
        kwargs=_meeting_kwargs,
        data=lambda w: {"speaker": "Ông A", "text": "Đồng ý"},
    ),
    "reviews:meeting_conclusion_add": Rule(
        POST=SECRETARIAT, kwargs=_meeting_kwargs, data=lambda w: {"text": "Kết luận"}
    ),
    "reviews:conclusion_task": Rule(
        POST=SECRETARIAT,
        kwargs=_conclusion,
        data=lambda w: {"owner": w.agency_a.pk, "deadline": "2018-05-01"},
    ),
    "reviews:tasks": Rule(GET=READERS, kwargs=_code),
    "reviews:task_add": Rule(
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"title": "Việc", "owner": w.agency_a.pk, "deadline": "2018-05-01"},
    ),
    "reviews:task_done": Rule(POST=TASK_A_DONE, kwargs=_task),
    "reviews:policies": Rule(GET=READERS, kwargs=_code),
    "reviews:policy_add": Rule(
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"number": "01/2018", "title": "Cơ chế", "status": "in_force"},
    ),
    "reviews:policy_import": Rule(POST=SECRETARIAT, kwargs=_code),
    "reviews:activity": Rule(GET=READERS, kwargs=_code),
}

API_RULES = {
    "/api/notifications": Rule(GET=SIGNED_IN),
    "/api/reviews/{code}/milestones": Rule(
        GET=READERS,
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"title": "Mốc", "deadline": "2018-05-01"},
    ),
    "/api/reviews/{code}/milestones/{milestone_code}": Rule(
        PATCH=SECRETARIAT, kwargs=_milestone, data=lambda w: {"title": "Mốc mới"}
    ),
    "/api/reviews/{code}/sections": Rule(
        GET=READERS, POST=SECRETARIAT, kwargs=_code, data=lambda w: {"title": "Phần II"}
    ),
    "/api/reviews/{code}/sections/{section_code}/move": Rule(
        POST=SECRETARIAT, kwargs=_section, data=lambda w: {"direction": "up"}
    ),
    "/api/reviews/{code}/sections/{section_code}/assignment": Rule(
        PUT=SECRETARIAT,
        kwargs=_section,
        data=lambda w: {"lead_agency": w.agency_a.code, "due": "2018-05-01"},
    ),
    "/api/reviews/{code}/sections/{section_code}/versions": Rule(
        GET=READERS,
        POST=AGENCY_A_WRITERS,
        kwargs=_section,
        data=lambda w: {"html": "<p>Bản nháp</p>"},
    ),
    "/api/reviews/{code}/sections/{section_code}/comments": Rule(
        POST=SECTION_A_COMMENTERS, kwargs=_section, data=lambda w: {"text": "Góp ý"}
    ),
    "/api/reviews/{code}/sections/{section_code}/submit": Rule(
        POST=AGENCY_A_WRITERS, kwargs=_section, data=lambda w: {"text": ""}
    ),
    "/api/reviews/{code}/sections/{section_code}/accept": Rule(
        POST=SECRETARIAT, kwargs=_section, data=lambda w: {"text": ""}
    ),
    "/api/reviews/{code}/sections/{section_code}/return": Rule(
        POST=SECRETARIAT, kwargs=_section, data=lambda w: {"text": "Bổ sung"}
    ),
    "/api/reviews/{code}/meetings": Rule(
        GET=READERS,
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"title": "Phiên họp", "held_at": "2018-03-23T08:30:00+07:00"},
    ),
    "/api/reviews/{code}/meetings/{meeting_code}/conclusions": Rule(
        POST=SECRETARIAT, kwargs=_meeting_kwargs, data=lambda w: {"text": "Kết luận"}
    ),
    "/api/reviews/{code}/conclusions/{conclusion_id}/tasks": Rule(
        POST=SECRETARIAT,
        kwargs=_conclusion,
        data=lambda w: {"owner": w.agency_a.code, "deadline": "2018-05-01"},
    ),
    "/api/reviews/{code}/work": Rule(GET=READERS, kwargs=_code),
    "/api/reviews/{code}/tasks/{task_code}/done": Rule(POST=TASK_A_DONE, kwargs=_task),
    "/api/reviews/{code}/policies": Rule(
        GET=READERS,
        POST=SECRETARIAT,
        kwargs=_code,
        data=lambda w: {"number": "01/2018", "title": "Cơ chế"},
    ),
    "/api/reviews/{code}/activity": Rule(GET=READERS, kwargs=_code),
}

API_RULES.update(
    {
        "/api/reviews/{code}/groups": Rule(
            GET=READERS,
            POST=SECRETARIAT,
            kwargs=_code,
            data=lambda w: {"name": "Tổ biên tập", "kind": "drafting"},
        ),
        "/api/reviews/{code}/groups/{group_code}/members": Rule(
            POST=SECRETARIAT,
            kwargs=_group,
            data=lambda w: {"name": "Nguyễn A", "agency": w.agency_a.code},
        ),
        "/api/reviews/{code}/meetings/{meeting_code}/agenda": Rule(
            POST=SECRETARIAT,
            kwargs=_meeting_kwargs,
            data=lambda w: {"title": "Đề cương", "subject": "outline"},
        ),
        "/api/reviews/{code}/meetings/{meeting_code}/opinions": Rule(
            POST=SECRETARIAT,
            kwargs=_meeting_kwargs,
            data=lambda w: {"speaker": "Ông A", "text": "Đồng ý"},
        ),
    }
)
