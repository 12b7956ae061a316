"""REST endpoints of the review workflow: plan, outline and drafts, meetings, tasks, policies, activity.

Mounted under the reviews router (tongket/reviews/api.py), so under /api/. The caller is `request.auth`;
rights are the pages' (tongket/accounts/rights.py): outsiders get 404, others 403 when they may not.
A refused input answers 422 with the service's Vietnamese message in `detail`; nothing is stored then.
Agencies are named by code.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from tongket.accounts import rights
from tongket.organizations.models import Agency
from tongket.reviews import services
from tongket.reviews.models import (
    Conclusion,
    Group,
    Meeting,
    Milestone,
    Notification,
    Review,
    Section,
    Task,
)
from tongket.reviews.services import WorkflowError

router = Router(tags=["reviews: workflow"])

# Meetings are recorded for a review of the present; far-off years are typing mistakes or junk.
MEETING_YEARS = (1900, 2200)


# --------------------------------------------------------------------------- schemas


class MemberOut(Schema):
    """A member of the committee or a group."""

    name: str
    position: str
    agency: str | None
    role: str


class GroupOut(Schema):
    """The committee or a group, with its members."""

    code: str
    kind: str
    name: str
    members: list[MemberOut]


class GroupIn(Schema):
    """A new group."""

    name: str
    kind: str = "working"
    code: str | None = None


class MemberIn(Schema):
    """A new member: agency by code, role by code (head, deputy, member …) or Vietnamese label."""

    name: str
    position: str = ""
    agency: str | None = None
    role: str = "member"


class AgendaIn(Schema):
    """An agenda item and what it discusses (a section or a data request by code)."""

    title: str
    subject: str = "other"
    section: str | None = None
    data_request: str | None = None


class OpinionIn(Schema):
    """What a speaker said."""

    speaker: str
    text: str
    position: str = ""


class MilestoneOut(Schema):
    """A step of the plan."""

    code: str
    title: str
    owner: str | None
    start: dt.date | None
    deadline: dt.date
    status: str
    evidence: str
    completed_on: dt.date | None
    overdue: bool


class MilestoneIn(Schema):
    """A new step of the plan, or changes to one (PATCH: only what is given)."""

    title: str | None = None
    owner: str | None = None
    start: dt.date | None = None
    deadline: dt.date | None = None
    status: str | None = None
    evidence: str | None = None
    code: str | None = None


class SectionOut(Schema):
    """A section of the outline, numbered."""

    code: str
    number: str
    title: str
    parent: str | None
    order: int
    lead_agency: str | None
    coordinating_agencies: list[str]
    due: dt.date | None
    status: str
    versions: int


class SectionIn(Schema):
    """A new section."""

    title: str
    parent: str | None = None
    code: str | None = None
    guidance: str = ""


class MoveIn(Schema):
    """Up, down, or under another parent ("" for the top level)."""

    direction: str | None = None
    parent: str | None = None


class AssignmentIn(Schema):
    """Who leads, who coordinates, by when."""

    lead_agency: str | None = None
    coordinating_agencies: list[str] = []
    due: dt.date | None = None


class DraftIn(Schema):
    """A draft as HTML (sanitised on save) with an optional note."""

    html: str
    note: str = ""


class VersionOut(Schema):
    """One saved draft."""

    number: int
    html: str
    author: str | None
    created_at: dt.datetime
    note: str


class TextIn(Schema):
    """A comment, a submission note or the secretariat's decision."""

    text: str = ""


class AttendeeIn(Schema):
    """Someone at a meeting."""

    name: str
    position: str = ""
    agency: str | None = None
    is_guest: bool = False


class MeetingIn(Schema):
    """A meeting with its attendees."""

    title: str
    held_at: dt.datetime
    place: str = ""
    chair: str = ""
    chair_position: str = ""
    notice_number: str = ""
    attendees: list[AttendeeIn] = []
    code: str | None = None


class TaskOut(Schema):
    """A task for an agency."""

    code: str
    title: str
    owner: str
    deadline: dt.date
    status: str
    conclusion: int | None


class ConclusionOut(Schema):
    """A conclusion and its tasks."""

    id: int
    text: str
    tasks: list[TaskOut]


class MeetingOut(Schema):
    """A meeting in full."""

    code: str
    title: str
    held_at: dt.datetime
    place: str
    chair: str
    chair_position: str
    notice_number: str
    attendees: list[AttendeeIn]
    agenda: list[str]
    conclusions: list[ConclusionOut]
    summary: str


class TaskIn(Schema):
    """A task for an agency (from a conclusion when posted there)."""

    title: str = ""
    owner: str
    deadline: dt.date
    description: str = ""


class WorkItemOut(Schema):
    """One thing owed, from any source."""

    kind: str
    code: str
    title: str
    owner: str | None
    due: dt.date | None
    status: str
    done: bool
    overdue: bool
    url: str


class PolicyOut(Schema):
    """A mechanism or policy."""

    code: str
    number: str
    issued: dt.date | None
    issuer: str
    title: str
    status: str
    targets: list[str]
    assessment_note: str


class PolicyIn(Schema):
    """A new mechanism or policy."""

    number: str
    title: str
    issued: dt.date | None = None
    issuer: str = ""
    status: str = "in_force"
    targets: list[str] = []
    assessment_note: str = ""


class ActivityOut(Schema):
    """A line of the feed."""

    created_at: dt.datetime
    actor: str | None
    verb: str
    summary: str
    url: str


class NotificationOut(Schema):
    """An in-app notice."""

    id: int
    review: str | None
    text: str
    url: str
    created_at: dt.datetime
    read: bool


# --------------------------------------------------------------------------- helpers


def _review(request: HttpRequest, code: str, *, manage: bool = False) -> Review:
    review = rights.get_review_for(request.auth, code)
    if manage:
        rights.require(rights.can_manage_review(request.auth, review))
    return review


def _agency(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise HttpError(422, f"Không có cơ quan mã {code}.")
    return agency


def _section(review: Review, code: str) -> Section:
    return get_object_or_404(Section, review=review, code=code)


def _meeting_time(value: dt.datetime) -> dt.datetime:
    """A meeting time in UTC within a plausible range, else 422.

    Python accepts UTC offsets up to ±24:00 and years 1–9999, PostgreSQL refuses offsets beyond ±15:59
    and a time near year 1 or 9999 overflows when moved to UTC: both would answer 500.
    """
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value = value.astimezone(dt.UTC)
    except OverflowError as exc:
        raise HttpError(422, "Thời gian họp không hợp lệ.") from exc
    if not MEETING_YEARS[0] <= value.year <= MEETING_YEARS[1]:
        raise HttpError(
            422, f"Thời gian họp phải trong các năm {MEETING_YEARS[0]}–{MEETING_YEARS[1]}."
        )
    return value


def _run(action):
    """Run a service; its refusal becomes a 422 with the Vietnamese message."""
    try:
        return action()
    except WorkflowError as exc:
        raise HttpError(422, exc.message) from exc


def _milestone_out(m: Milestone) -> dict:
    return {
        "code": m.code, "title": m.title, "owner": m.owner.code if m.owner else None, "start": m.start,
        "deadline": m.deadline, "status": m.status, "evidence": m.evidence, "completed_on": m.completed_on,
        "overdue": m.status != Milestone.Status.DONE and m.deadline < services.today(),
    }  # fmt: skip


def _section_out(s: Section, numbers: dict[int, str]) -> dict:
    return {
        "code": s.code, "number": numbers.get(s.pk, ""), "title": s.title,
        "parent": s.parent.code if s.parent_id else None, "order": s.order,
        "lead_agency": s.lead_agency.code if s.lead_agency_id else None,
        "coordinating_agencies": [a.code for a in s.coordinating_agencies.all()], "due": s.due,
        "status": s.status, "versions": s.versions.count(),
    }  # fmt: skip


def _task_out(t: Task) -> dict:
    return {
        "code": t.code, "title": t.title, "owner": t.owner.code, "deadline": t.deadline, "status": t.status,
        "conclusion": t.conclusion_id,
    }  # fmt: skip


def _meeting_out(meeting: Meeting) -> dict:
    from tongket.reviews import notice

    return {
        "code": meeting.code, "title": meeting.title, "held_at": meeting.held_at, "place": meeting.place,
        "chair": meeting.chair, "chair_position": meeting.chair_position, "notice_number": meeting.notice_number,
        "attendees": [
            {"name": a.name, "position": a.position, "agency": a.agency.code if a.agency_id else None, "is_guest": a.is_guest}
            for a in meeting.attendees.select_related("agency")
        ],
        "agenda": [item.title for item in meeting.agenda.all()],
        "conclusions": [
            {"id": c.pk, "text": c.text, "tasks": [_task_out(t) for t in c.tasks.select_related("owner")]}
            for c in meeting.conclusions.all()
        ],
        "summary": notice.summary_text(notice.facts_from_meeting(meeting)),
    }  # fmt: skip


# --------------------------------------------------------------------------- committee


def _group_out(group) -> dict:
    return {
        "code": group.code, "kind": group.kind, "name": group.name,
        "members": [
            {"name": m.name, "position": m.position, "agency": m.agency.code if m.agency_id else None, "role": m.role}
            for m in group.members.all()
        ],
    }  # fmt: skip


@router.get("/reviews/{code}/groups", response=list[GroupOut], summary="Ban Chỉ đạo và các tổ")
def list_groups(request: HttpRequest, code: str):
    """The committee and its groups with their members."""
    review = _review(request, code)
    return [_group_out(g) for g in review.groups.prefetch_related("members__agency")]


@router.post("/reviews/{code}/groups", response={201: GroupOut}, summary="Thêm ban, tổ")
def create_group(request: HttpRequest, code: str, payload: GroupIn):
    """Add the committee or a group (secretariat)."""
    review = _review(request, code, manage=True)
    group = _run(
        lambda: services.add_group(
            review, request.auth, name=payload.name, kind=payload.kind, code=payload.code or ""
        )
    )
    return 201, _group_out(group)


@router.post(
    "/reviews/{code}/groups/{group_code}/members",
    response={201: GroupOut},
    summary="Thêm thành viên",
)
def create_member(request: HttpRequest, code: str, group_code: str, payload: MemberIn):
    """Add a member to a group (secretariat); the member's agency joins the review."""
    review = _review(request, code, manage=True)
    group = get_object_or_404(Group, review=review, code=group_code)
    agency = _agency(payload.agency)
    _run(
        lambda: services.add_member(
            group,
            request.auth,
            name=payload.name,
            position=payload.position,
            agency=agency,
            role=payload.role,
        )
    )
    return 201, _group_out(group)


# --------------------------------------------------------------------------- plan


@router.get("/reviews/{code}/milestones", response=list[MilestoneOut], summary="Kế hoạch: các mốc")
def list_milestones(request: HttpRequest, code: str):
    """The plan's milestones, with whether each is overdue."""
    review = _review(request, code)
    return [_milestone_out(m) for m in review.milestones.select_related("owner")]


@router.post(
    "/reviews/{code}/milestones", response={201: MilestoneOut}, summary="Thêm mốc kế hoạch"
)
def create_milestone(request: HttpRequest, code: str, payload: MilestoneIn):
    """Add a milestone (secretariat); a deadline before the start is refused with 422."""
    review = _review(request, code, manage=True)
    if payload.deadline is None:
        raise HttpError(422, "Chưa nhập hạn.")
    milestone = _run(
        lambda: services.add_milestone(
            review, request.auth, title=payload.title or "", deadline=payload.deadline, start=payload.start,
            owner=_agency(payload.owner), evidence=payload.evidence or "", status=payload.status or "planned",
            code=payload.code or "",
        )
    )  # fmt: skip
    return 201, _milestone_out(milestone)


@router.patch(
    "/reviews/{code}/milestones/{milestone_code}", response=MilestoneOut, summary="Sửa mốc kế hoạch"
)
def patch_milestone(request: HttpRequest, code: str, milestone_code: str, payload: MilestoneIn):
    """Change what is given of a milestone (secretariat)."""
    review = _review(request, code, manage=True)
    milestone = get_object_or_404(Milestone, review=review, code=milestone_code)
    changes = payload.dict(exclude_unset=True)
    changes.pop("code", None)
    if "owner" in changes:
        changes["owner"] = _agency(changes["owner"])
    return _milestone_out(
        _run(lambda: services.update_milestone(milestone, request.auth, **changes))
    )


# --------------------------------------------------------------------------- outline and drafts


@router.get("/reviews/{code}/sections", response=list[SectionOut], summary="Đề cương")
def list_sections(request: HttpRequest, code: str):
    """The outline in reading order with its numbers (I, 1, 1.1 …)."""
    from tongket.reviews.workflow_views import outline_rows

    review = _review(request, code)
    numbers = services.outline_numbers(review)
    return [_section_out(row["section"], numbers) for row in outline_rows(review)]


@router.post("/reviews/{code}/sections", response={201: SectionOut}, summary="Thêm mục đề cương")
def create_section(request: HttpRequest, code: str, payload: SectionIn):
    """Add a section at the end of its parent (secretariat)."""
    review = _review(request, code, manage=True)
    parent = _section(review, payload.parent) if payload.parent else None
    section = _run(
        lambda: services.add_section(
            review,
            request.auth,
            title=payload.title,
            parent=parent,
            code=payload.code or "",
            guidance=payload.guidance,
        )
    )
    return 201, _section_out(section, services.outline_numbers(review))


@router.post(
    "/reviews/{code}/sections/{section_code}/move", response=SectionOut, summary="Sắp xếp mục"
)
def move_section(request: HttpRequest, code: str, section_code: str, payload: MoveIn):
    """Move up, down, or under another parent; a cycle is refused with 422."""
    review = _review(request, code, manage=True)
    section = _section(review, section_code)
    if payload.parent is not None:
        parent = _section(review, payload.parent) if payload.parent else None
        _run(lambda: services.move_section(section, request.auth, parent=parent))
    else:
        _run(
            lambda: services.move_section(section, request.auth, direction=payload.direction or "")
        )
    section.refresh_from_db()
    return _section_out(section, services.outline_numbers(review))


@router.put(
    "/reviews/{code}/sections/{section_code}/assignment", response=SectionOut, summary="Giao mục"
)
def assign_section(request: HttpRequest, code: str, section_code: str, payload: AssignmentIn):
    """Lead agency, coordinating agencies and due date; an agency not in the review is refused with 422."""
    review = _review(request, code, manage=True)
    section = _section(review, section_code)
    lead = _agency(payload.lead_agency)
    coordinating = [_agency(c) for c in payload.coordinating_agencies]
    _run(
        lambda: services.assign_section(
            section, request.auth, lead_agency=lead, coordinating=coordinating, due=payload.due
        )
    )
    return _section_out(section, services.outline_numbers(review))


@router.get(
    "/reviews/{code}/sections/{section_code}/versions",
    response=list[VersionOut],
    summary="Các phiên bản",
)
def list_versions(request: HttpRequest, code: str, section_code: str):
    """Every saved draft of a section, newest first."""
    section = _section(_review(request, code), section_code)
    return [
        {"number": v.number, "html": v.html, "author": v.author.username if v.author else None,
         "created_at": v.created_at, "note": v.note}
        for v in section.versions.select_related("author")
    ]  # fmt: skip


@router.post(
    "/reviews/{code}/sections/{section_code}/versions",
    response={201: VersionOut},
    summary="Lưu dự thảo",
)
def save_draft(request: HttpRequest, code: str, section_code: str, payload: DraftIn):
    """Save a draft (the lead agency's focal point or the secretariat); HTML is sanitised."""
    section = _section(_review(request, code), section_code)
    rights.require(rights.can_edit_section(request.auth, section))
    v = _run(lambda: services.save_draft(section, request.auth, payload.html, payload.note))
    return 201, {
        "number": v.number,
        "html": v.html,
        "author": request.auth.username,
        "created_at": v.created_at,
        "note": v.note,
    }


@router.post(
    "/reviews/{code}/sections/{section_code}/comments", response={201: dict}, summary="Góp ý mục"
)
def comment_section(request: HttpRequest, code: str, section_code: str, payload: TextIn):
    """A comment by a coordinating agency, the committee or the secretariat."""
    review = _review(request, code)
    section = _section(review, section_code)
    rights.require(rights.can_comment_section(request.auth, section))
    agency = rights.agency_in(request.auth, review)
    comment = _run(lambda: services.comment_section(section, request.auth, payload.text, agency))
    return 201, {"id": comment.pk, "text": comment.text}


@router.post(
    "/reviews/{code}/sections/{section_code}/submit", response=SectionOut, summary="Gửi dự thảo"
)
def submit_section(request: HttpRequest, code: str, section_code: str, payload: TextIn):
    """The lead agency submits its latest draft."""
    review = _review(request, code)
    section = _section(review, section_code)
    rights.require(rights.can_edit_section(request.auth, section))
    _run(lambda: services.submit_section(section, request.auth, payload.text))
    return _section_out(section, services.outline_numbers(review))


@router.post(
    "/reviews/{code}/sections/{section_code}/accept",
    response=SectionOut,
    summary="Tiếp nhận dự thảo",
)
def accept_section(request: HttpRequest, code: str, section_code: str, payload: TextIn):
    """The secretariat accepts a submitted draft."""
    review = _review(request, code, manage=True)
    section = _section(review, section_code)
    _run(lambda: services.accept_section(section, request.auth, payload.text))
    return _section_out(section, services.outline_numbers(review))


@router.post(
    "/reviews/{code}/sections/{section_code}/return", response=SectionOut, summary="Trả lại dự thảo"
)
def return_section(request: HttpRequest, code: str, section_code: str, payload: TextIn):
    """The secretariat returns a submitted draft with a comment (required)."""
    review = _review(request, code, manage=True)
    section = _section(review, section_code)
    _run(lambda: services.return_section(section, request.auth, payload.text))
    return _section_out(section, services.outline_numbers(review))


# --------------------------------------------------------------------------- meetings and tasks


@router.get("/reviews/{code}/meetings", response=list[MeetingOut], summary="Phiên họp")
def list_meetings(request: HttpRequest, code: str):
    """The review's meetings with attendees, agenda, conclusions, tasks and the summary."""
    review = _review(request, code)
    return [_meeting_out(m) for m in review.meetings.all()]


@router.post("/reviews/{code}/meetings", response={201: MeetingOut}, summary="Ghi phiên họp")
def create_meeting(request: HttpRequest, code: str, payload: MeetingIn):
    """Record a meeting with its attendees (secretariat)."""
    review = _review(request, code, manage=True)
    attendees = [
        services.AttendeeInput(a.name, a.position, _agency(a.agency), a.is_guest)
        for a in payload.attendees
    ]
    held_at = _meeting_time(payload.held_at)
    meeting = _run(
        lambda: services.create_meeting(
            review, request.auth, title=payload.title, held_at=held_at, place=payload.place, chair=payload.chair,
            chair_position=payload.chair_position, notice_number=payload.notice_number, attendees=attendees,
            code=payload.code or "",
        )
    )  # fmt: skip
    return 201, _meeting_out(meeting)


@router.post(
    "/reviews/{code}/meetings/{meeting_code}/conclusions",
    response={201: ConclusionOut},
    summary="Ghi kết luận",
)
def create_conclusion(request: HttpRequest, code: str, meeting_code: str, payload: TextIn):
    """Record a conclusion of a meeting (secretariat)."""
    review = _review(request, code, manage=True)
    meeting = get_object_or_404(Meeting, review=review, code=meeting_code)
    conclusion = _run(lambda: services.add_conclusion(meeting, request.auth, payload.text))
    return 201, {"id": conclusion.pk, "text": conclusion.text, "tasks": []}


@router.post(
    "/reviews/{code}/meetings/{meeting_code}/agenda",
    response={201: MeetingOut},
    summary="Thêm nội dung họp",
)
def create_agenda_item(request: HttpRequest, code: str, meeting_code: str, payload: AgendaIn):
    """Add an agenda item linked to the plan, the outline, a section or a data request (secretariat)."""
    from tongket.figures.models import DataRequest

    review = _review(request, code, manage=True)
    meeting = get_object_or_404(Meeting, review=review, code=meeting_code)
    section = _section(review, payload.section) if payload.section else None
    data_request = (
        get_object_or_404(DataRequest, review=review, code=payload.data_request)
        if payload.data_request
        else None
    )
    _run(
        lambda: services.add_agenda_item(
            meeting,
            request.auth,
            title=payload.title,
            subject=payload.subject,
            section=section,
            data_request=data_request,
        )
    )
    return 201, _meeting_out(meeting)


@router.post(
    "/reviews/{code}/meetings/{meeting_code}/opinions",
    response={201: MeetingOut},
    summary="Ghi ý kiến",
)
def create_opinion(request: HttpRequest, code: str, meeting_code: str, payload: OpinionIn):
    """Record what a speaker said (secretariat)."""
    review = _review(request, code, manage=True)
    meeting = get_object_or_404(Meeting, review=review, code=meeting_code)
    _run(
        lambda: services.add_opinion(
            meeting,
            request.auth,
            speaker=payload.speaker,
            text=payload.text,
            position=payload.position,
        )
    )
    return 201, _meeting_out(meeting)


@router.post(
    "/reviews/{code}/conclusions/{conclusion_id}/tasks",
    response={201: TaskOut},
    summary="Giao nhiệm vụ từ kết luận",
)
def conclusion_to_task(request: HttpRequest, code: str, conclusion_id: int, payload: TaskIn):
    """Turn a conclusion into a task; a deadline before the meeting is refused with 422."""
    review = _review(request, code, manage=True)
    conclusion = get_object_or_404(Conclusion, meeting__review=review, pk=conclusion_id)
    task = _run(
        lambda: services.conclusion_to_task(
            conclusion, request.auth, owner=_agency(payload.owner), deadline=payload.deadline, title=payload.title,
            description=payload.description,
        )
    )  # fmt: skip
    return 201, _task_out(task)


@router.get("/reviews/{code}/work", response=list[WorkItemOut], summary="Việc phải làm")
def list_work(request: HttpRequest, code: str, scope: str = "open"):
    """Milestones, section drafts, data requests and tasks in one list; scope: open, mine, overdue, all."""
    review = _review(request, code)
    items = services.work_items([review])
    mine = rights.agency_in(request.auth, review)
    today = services.today()
    if scope == "mine":
        items = [
            i
            for i in items
            if mine is not None and i.owner is not None and i.owner.pk == mine.pk and not i.done
        ]
    elif scope == "overdue":
        items = [i for i in items if i.overdue_on(today)]
    elif scope == "open":
        items = [i for i in items if not i.done]
    elif scope != "all":
        raise HttpError(422, "scope phải là open, mine, overdue hoặc all.")
    return [
        {"kind": i.kind, "code": i.code, "title": i.title, "owner": i.owner.code if i.owner else None, "due": i.due,
         "status": i.status, "done": i.done, "overdue": i.overdue_on(today), "url": i.url}
        for i in items
    ]  # fmt: skip


@router.post(
    "/reviews/{code}/tasks/{task_code}/done", response=TaskOut, summary="Hoàn thành nhiệm vụ"
)
def complete_task(request: HttpRequest, code: str, task_code: str):
    """Mark a task done: the secretariat or the owner agency's focal point."""
    review = _review(request, code)
    task = get_object_or_404(Task.objects.select_related("owner"), review=review, code=task_code)
    rights.require(rights.can_complete_task(request.auth, task))
    return _task_out(_run(lambda: services.complete_task(task, request.auth)))


# --------------------------------------------------------------------------- policies, activity, notifications


@router.get("/reviews/{code}/policies", response=list[PolicyOut], summary="Cơ chế, chính sách")
def list_policies(request: HttpRequest, code: str):
    """The inventory of mechanisms and policies issued under the resolution."""
    review = _review(request, code)
    return [
        {"code": p.code, "number": p.number, "issued": p.issued, "issuer": p.issuer, "title": p.title,
         "status": p.status, "targets": [t.code for t in p.targets.all()], "assessment_note": p.assessment_note}
        for p in review.policies.prefetch_related("targets")
    ]  # fmt: skip


@router.post(
    "/reviews/{code}/policies", response={201: PolicyOut}, summary="Thêm cơ chế, chính sách"
)
def create_policy(request: HttpRequest, code: str, payload: PolicyIn):
    """Add a policy (secretariat); targets by code."""
    from tongket.resolutions.models import Target

    review = _review(request, code, manage=True)
    targets = list(Target.objects.filter(resolution=review.resolution, code__in=payload.targets))
    missing = sorted(set(payload.targets) - {t.code for t in targets})
    if missing:
        raise HttpError(422, f"Không có chỉ tiêu {', '.join(missing)}.")
    p = _run(
        lambda: services.add_policy(
            review, request.auth, number=payload.number, title=payload.title, issued=payload.issued,
            issuer=payload.issuer, status=payload.status, targets=targets, assessment_note=payload.assessment_note,
        )
    )  # fmt: skip
    return 201, {
        "code": p.code, "number": p.number, "issued": p.issued, "issuer": p.issuer, "title": p.title,
        "status": p.status, "targets": [t.code for t in targets], "assessment_note": p.assessment_note,
    }  # fmt: skip


@router.get("/reviews/{code}/activity", response=list[ActivityOut], summary="Hoạt động")
def list_activity(request: HttpRequest, code: str, limit: int = 100):
    """The review's feed, newest first (at most 500)."""
    review = _review(request, code)
    rows = review.activities.select_related("actor")[: max(1, min(limit, 500))]
    return [
        {"created_at": a.created_at, "actor": a.actor.username if a.actor else None, "verb": a.verb,
         "summary": a.summary, "url": a.url}
        for a in rows
    ]  # fmt: skip


@router.get("/notifications", response=list[NotificationOut], summary="Thông báo của tôi")
def list_notifications(request: HttpRequest, unread: bool = False):
    """The caller's notifications, newest first (at most 200)."""
    rows = Notification.objects.filter(user=request.auth).select_related("review")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return [
        {"id": n.pk, "review": n.review.code if n.review else None, "text": n.text, "url": n.url,
         "created_at": n.created_at, "read": n.read_at is not None}
        for n in rows[:200]
    ]  # fmt: skip
