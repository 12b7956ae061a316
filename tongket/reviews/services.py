"""Every write of the review's workflow: committee, plan, outline and drafts, meetings, tasks, policies.

Each public write is a named function that checks the input, writes inside one transaction and adds
the Activity row (the review's feed) in that same transaction, so the feed never tells of a change
that was rolled back. A refused input raises `WorkflowError` with a Vietnamese message naming the
problem; nothing is stored then.

Rights are checked by the callers (views, API) through tongket/accounts/rights.py; the functions here
enforce the rules of the work itself (dates, tree shape, who is in the review, the draft's states).

"Today" comes from `today()`, which tests patch to freeze the clock.

An agency is *in the review* when it is the agency of a participant, of a member of the committee or
one of its groups, or an agency of the review's area (the review's own area, else its resolution's) or
of an area under it. Only agencies in the review may lead or coordinate sections, own milestones and
tasks.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import nh3
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.organizations.models import Agency, Area
from tongket.reviews.models import (
    Activity,
    AgendaItem,
    Conclusion,
    Group,
    GroupMember,
    Meeting,
    MeetingAttendee,
    Milestone,
    Notification,
    Opinion,
    Participant,
    Policy,
    Review,
    Role,
    Section,
    SectionComment,
    SectionVersion,
    Task,
)
from tongket.reviews.numbering import Node, number_outline, would_create_cycle
from tongket.reviews.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

MAX_DRAFT_CHARS = 400_000
MAX_IMPORT_ROWS = 2_000
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WorkflowError(Exception):
    """An input the workflow refuses; `message` is Vietnamese and says what and where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


def today() -> dt.date:
    """The local date; the single clock of the workflow, so tests can freeze it."""
    return timezone.localdate()


def format_date(value: dt.date | None) -> str:
    """A date as Vietnamese documents write it: 23/03/2018."""
    return value.strftime("%d/%m/%Y") if value else ""


# --------------------------------------------------------------------------- helpers


def _url(name: str, *args: object) -> str:
    """A page's address for the feed and notifications; empty when the page does not exist."""
    try:
        return reverse(name, args=[str(a) for a in args])
    except NoReverseMatch:
        return ""


def log(review: Review, actor, verb: str, summary: str, url: str = "") -> Activity:
    """Add one line to the review's feed (call inside the write's transaction)."""
    return Activity.objects.create(
        review=review,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        summary=summary[:500],
        url=url[:300],
    )


def next_code(queryset, prefix: str) -> str:
    """The next free code `<prefix><n>` in a queryset of coded rows (e.g. "NV7")."""
    numbers = [0]
    for code in queryset.filter(code__startswith=prefix).values_list("code", flat=True):
        tail = code[len(prefix) :]
        if tail.isdigit():
            numbers.append(int(tail))
    return f"{prefix}{max(numbers) + 1}"


def next_order(queryset) -> int:
    """The order that puts a new row last among `queryset` (1 when it is empty)."""
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


def review_area(review: Review) -> Area | None:
    """The review's area: its own, else its resolution's."""
    return review.area or getattr(review.resolution, "area", None)


def _area_and_below(area: Area | None) -> set[int]:
    """The ids of an area and every area under it (areas are a small tree)."""
    if area is None:
        return set()
    found = {area.pk}
    frontier = [area.pk]
    while frontier:
        frontier = list(
            Area.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(frontier)
    return found


def review_agency_ids(review: Review) -> set[int]:
    """The ids of the agencies in the review (see the module's docstring for the rule)."""
    ids: set[int] = set(
        Participant.objects.filter(review=review, agency__isnull=False).values_list(
            "agency_id", flat=True
        )
    )
    ids.update(
        GroupMember.objects.filter(group__review=review, agency__isnull=False).values_list(
            "agency_id", flat=True
        )
    )
    areas = _area_and_below(review_area(review))
    if areas:
        ids.update(Agency.objects.filter(area_id__in=areas).values_list("pk", flat=True))
    return ids


def review_agencies(review: Review):
    """The agencies in the review, as a queryset ordered by name (for choices)."""
    return Agency.objects.filter(pk__in=review_agency_ids(review)).order_by("name")


def require_in_review(review: Review, agency: Agency | None, what: str) -> None:
    """Refuse an agency that is not in the review, naming it and what it was chosen for."""
    if agency is None:
        return
    if agency.pk not in review_agency_ids(review):
        raise WorkflowError(
            _(
                "Cơ quan “%(agency)s” không tham gia đợt tổng kết này nên không thể làm %(what)s. "
                "Hãy thêm cơ quan vào Ban Chỉ đạo, tổ công tác hoặc danh sách người tham gia trước."
            )
            % {"agency": agency.name, "what": what},
            field="agency",
        )


def _check_dates(start: dt.date | None, deadline: dt.date | None, what: str) -> None:
    """Refuse a deadline before its start."""
    if start and deadline and deadline < start:
        raise WorkflowError(
            _("%(what)s: hạn %(deadline)s trước ngày bắt đầu %(start)s.")
            % {"what": what, "deadline": format_date(deadline), "start": format_date(start)},
            field="deadline",
        )


def _text(value: str | None, label: str, *, required: bool = True, max_length: int = 500) -> str:
    """A trimmed text field, refused when required and empty, or too long."""
    text = (value or "").strip()
    if required and not text:
        raise WorkflowError(_("Chưa nhập %(label)s.") % {"label": label}, field=label)
    if len(text) > max_length:
        raise WorkflowError(
            _("%(label)s dài quá %(max)s ký tự.") % {"label": label.capitalize(), "max": max_length}
        )
    return text


def secretariat_users(review: Review) -> list:
    """The users of the review's secretariat (who get escalations and submitted drafts)."""
    return [
        p.user
        for p in Participant.objects.filter(review=review, role=Role.SECRETARIAT).select_related(
            "user"
        )
        if p.user.is_active
    ]


def agency_users(review: Review, agency: Agency | None) -> list:
    """The focal points who act for an agency in the review."""
    if agency is None:
        return []
    return [
        p.user
        for p in Participant.objects.filter(review=review, agency=agency).select_related("user")
        if p.user.is_active
    ]


# --------------------------------------------------------------------------- notifications


def notify(
    users: Iterable, *, review: Review | None, text: str, url: str = "", email: bool = True
) -> int:
    """Tell users in the app and, unless `email` is false, queue an e-mail to those with an address.

    Called inside the caller's transaction: with the database task backend the queued e-mail commits
    or rolls back with the change it tells of.
    """
    from tongket.reviews.tasks import send_email

    unique = {user.pk: user for user in users if user is not None}
    Notification.objects.bulk_create(
        Notification(user=user, review=review, text=text[:500], url=url[:300])
        for user in unique.values()
    )
    addresses = sorted({user.email for user in unique.values() if user.email})
    if email and addresses:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        body = text + (f"\n\n{link}" if link else "") + "\n\n— Tongket"
        # One message per address: recipients do not see each other's addresses.
        for address in addresses:
            send_email.enqueue(subject=f"[Tongket] {text[:120]}", body=body, recipients=[address])
    return len(unique)


# --------------------------------------------------------------------------- committee and groups


def add_group(
    review: Review, actor, *, name: str, kind: str = Group.Kind.WORKING, code: str = ""
) -> Group:
    """Add the committee or a group under it."""
    name = _text(name, _("tên ban, tổ"), max_length=300)
    if kind not in Group.Kind.values:
        raise WorkflowError(_("Loại ban, tổ không hợp lệ: %(kind)s.") % {"kind": kind})
    with transaction.atomic():
        code = code.strip() or next_code(review.groups.all(), "G")
        if review.groups.filter(code=code).exists():
            raise WorkflowError(
                _("Mã %(code)s đã có trong đợt tổng kết.") % {"code": code}, field="code"
            )
        order = next_order(review.groups)
        group = Group.objects.create(review=review, code=code, kind=kind, name=name, order=order)
        log(
            review,
            actor,
            "group_added",
            _("Thêm %(name)s") % {"name": name},
            _url("reviews:committee", review.code),
        )
    return group


def _choice_from_text(
    text: str,
    choices: Iterable[tuple[str, object]],
    *,
    blank: str,
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """A choice's code from its code or label as people type it (case and diacritics ignored).

    `blank` is the code of an empty text; an alias (written folded) matches when it appears anywhere
    in the folded text. None when nothing matches.
    """
    from tongket.core.text import fold

    wanted = fold(text or "").strip()
    if not wanted:
        return blank
    for code, label in choices:
        if wanted in (code, fold(str(label))):
            return code
    for alias, code in (aliases or {}).items():
        if alias in wanted:
            return code
    return None


def _member_role(value: str) -> str:
    """A member role from its code or its Vietnamese label ("Trưởng ban", "thành viên" …)."""
    code = _choice_from_text(
        value, GroupMember.MemberRole.choices, blank=GroupMember.MemberRole.MEMBER
    )
    if code is not None:
        return code
    raise WorkflowError(_("Vai trò không hợp lệ: “%(role)s”.") % {"role": value}, field="role")


def add_member(
    group: Group,
    actor,
    *,
    name: str,
    position: str = "",
    agency: Agency | None = None,
    role: str = GroupMember.MemberRole.MEMBER,
    user=None,
) -> GroupMember:
    """Add a person to the committee or a group: name, position, agency, role."""
    name = _text(name, _("họ và tên"), max_length=200)
    position = _text(position, _("chức vụ"), required=False, max_length=400)
    role = _member_role(role)
    with transaction.atomic():
        order = next_order(group.members)
        member = GroupMember.objects.create(
            group=group,
            name=name,
            position=position,
            agency=agency,
            role=role,
            user=user,
            order=order,
        )
        log(
            group.review,
            actor,
            "member_added",
            _("Thêm %(name)s vào %(group)s") % {"name": name, "group": group.name},
            _url("reviews:committee", group.review.code),
        )
    return member


@dataclass
class ImportOutcome:
    """What an import did, or why it was refused (row by row)."""

    created: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the import was applied."""
        return not self.errors


def read_rows(data: bytes | str, filename: str = "") -> list[list[str]]:
    """Rows of cells from pasted text (tab, semicolon or "|" separated) or an .xlsx file's first sheet."""
    if isinstance(data, bytes) and (
        filename.lower().endswith((".xlsx", ".xls", ".ods")) or data[:2] == b"PK"
    ):
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            sheet = workbook.get_sheet_by_index(0)
            raw = sheet.to_python(skip_empty_area=True)
        except Exception as exc:  # calamine raises several error types for a broken file
            raise WorkflowError(
                _("Không đọc được tệp bảng tính %(file)s: %(error)s")
                % {"file": filename or "", "error": exc}
            ) from exc
        rows = [[_cell(value) for value in row] for row in raw]
    else:
        text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            separator = "\t" if "\t" in line else (";" if ";" in line else "|")
            rows.append([cell.strip() for cell in line.split(separator)])
    rows = [row for row in rows if any(cell for cell in row)]
    if len(rows) > MAX_IMPORT_ROWS:
        raise WorkflowError(_("Tệp có quá %(max)s dòng.") % {"max": MAX_IMPORT_ROWS})
    return rows


def _cell(value: object) -> str:
    """One spreadsheet cell as text (dates as ISO, whole floats without ".0")."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _looks_like_header(row: Sequence[str], words: Iterable[str]) -> bool:
    """Whether the first row is a header (it names one of the expected columns)."""
    from tongket.core.text import fold

    first = fold(row[0] if row else "")
    return any(fold(word) in first for word in words)


def _numbered_rows(
    data: bytes | str, filename: str, header_words: Iterable[str]
) -> list[tuple[int, list[str]]]:
    """The rows of an imported list with their line numbers (for error messages), leaving out the
    first row when it is a header naming one of `header_words`."""
    rows = read_rows(data, filename)
    first_row = 1
    if rows and _looks_like_header(rows[0], header_words):
        rows, first_row = rows[1:], 2
    return list(enumerate(rows, start=first_row))


def find_agency(text: str) -> Agency | None:
    """An agency by code, short name or full name (case and diacritics insensitive); None when blank."""
    from tongket.core.text import fold

    text = (text or "").strip()
    if not text:
        return None
    found = Agency.objects.filter(
        Q(code__iexact=text) | Q(short_name__iexact=text) | Q(name__iexact=text)
    ).first()
    if found:
        return found
    folded = fold(text)
    for agency in Agency.objects.all().only("pk", "code", "name", "short_name"):
        if folded in (fold(agency.code), fold(agency.name), fold(agency.short_name)):
            return agency
    return None


def import_members(group: Group, actor, data: bytes | str, filename: str = "") -> ImportOutcome:
    """Add members from pasted lines or an .xlsx: name, position, agency (code or name), role.

    All or nothing: any refused row refuses the whole list, each error naming its row.
    """
    outcome = ImportOutcome()
    rows = _numbered_rows(data, filename, ["họ và tên", "họ tên", "name"])
    if not rows:
        outcome.errors.append(_("Danh sách trống."))
        return outcome
    parsed = []
    for number, row in rows:
        cells = [*row, "", "", "", ""][:4]
        name, position, agency_text, role_text = cells
        where = _("Dòng %(n)s") % {"n": number}
        if not name:
            outcome.errors.append(_("%(where)s: chưa có họ và tên.") % {"where": where})
            continue
        agency = find_agency(agency_text)
        if agency_text and agency is None:
            outcome.errors.append(
                _("%(where)s: không có cơ quan “%(agency)s”.")
                % {"where": where, "agency": agency_text}
            )
            continue
        try:
            role = _member_role(role_text)
        except WorkflowError as exc:
            outcome.errors.append(f"{where}: {exc.message}")
            continue
        parsed.append((name[:200], position[:400], agency, role))
    if outcome.errors:
        return outcome
    with transaction.atomic():
        first = next_order(group.members)
        GroupMember.objects.bulk_create(
            GroupMember(group=group, name=n, position=p, agency=a, role=r, order=first + i)
            for i, (n, p, a, r) in enumerate(parsed)
        )
        outcome.created = len(parsed)
        log(
            group.review,
            actor,
            "members_imported",
            _("Nhập %(n)s thành viên vào %(group)s") % {"n": len(parsed), "group": group.name},
            _url("reviews:committee", group.review.code),
        )
    return outcome


# --------------------------------------------------------------------------- plan


def _check_milestone(
    review: Review,
    *,
    title: str,
    start: dt.date | None,
    deadline: dt.date | None,
    owner: Agency | None,
    status: str,
) -> None:
    """The checks a milestone passes when added or changed: a deadline, not before its start, an owner
    in the review and a known status."""
    if deadline is None:
        raise WorkflowError(_("Chưa nhập hạn."), field="deadline")
    _check_dates(start, deadline, _("Mốc “%(title)s”") % {"title": title})
    require_in_review(review, owner, _("chủ trì mốc kế hoạch"))
    if status not in Milestone.Status.values:
        raise WorkflowError(_("Trạng thái không hợp lệ."), field="status")


def add_milestone(
    review: Review,
    actor,
    *,
    title: str,
    deadline: dt.date,
    start: dt.date | None = None,
    owner: Agency | None = None,
    evidence: str = "",
    status: str = Milestone.Status.PLANNED,
    code: str = "",
) -> Milestone:
    """Add a step to the plan; a deadline before its start, or an owner not in the review, is refused."""
    title = _text(title, _("nội dung"))
    _check_milestone(
        review, title=title, start=start, deadline=deadline, owner=owner, status=status
    )
    with transaction.atomic():
        code = code.strip() or next_code(review.milestones.all(), "KH")
        if review.milestones.filter(code=code).exists():
            raise WorkflowError(
                _("Mã %(code)s đã có trong kế hoạch.") % {"code": code}, field="code"
            )
        order = next_order(review.milestones)
        milestone = Milestone.objects.create(
            review=review, code=code, title=title, owner=owner, start=start, deadline=deadline,
            status=status, evidence=evidence.strip()[:500], order=order,
            completed_on=today() if status == Milestone.Status.DONE else None,
        )  # fmt: skip
        log(
            review,
            actor,
            "milestone_added",
            _("Thêm mốc kế hoạch: %(t)s") % {"t": title},
            _url("reviews:plan", review.code),
        )
    return milestone


def update_milestone(milestone: Milestone, actor, **changes) -> Milestone:
    """Change a milestone's title, owner, dates, status or evidence, with the same checks as adding it."""
    review = milestone.review
    allowed = {"title", "owner", "start", "deadline", "status", "evidence"}
    unknown = set(changes) - allowed
    if unknown:
        raise WorkflowError(_("Không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    title = _text(changes.get("title", milestone.title), _("nội dung"))
    start = changes.get("start", milestone.start)
    deadline = changes.get("deadline", milestone.deadline)
    owner = changes.get("owner", milestone.owner)
    status = changes.get("status", milestone.status)
    _check_milestone(
        review, title=title, start=start, deadline=deadline, owner=owner, status=status
    )
    with transaction.atomic():
        was_done = milestone.status == Milestone.Status.DONE
        milestone.title, milestone.start, milestone.deadline, milestone.owner = (
            title,
            start,
            deadline,
            owner,
        )
        milestone.status = status
        milestone.evidence = str(changes.get("evidence", milestone.evidence)).strip()[:500]
        if status == Milestone.Status.DONE and not was_done:
            milestone.completed_on = today()
        elif status != Milestone.Status.DONE:
            milestone.completed_on = None
        milestone.save()
        verb = (
            "milestone_done"
            if status == Milestone.Status.DONE and not was_done
            else "milestone_updated"
        )
        summary = (
            _("Hoàn thành mốc kế hoạch: %(t)s")
            if verb == "milestone_done"
            else _("Sửa mốc kế hoạch: %(t)s")
        ) % {"t": title}
        log(review, actor, verb, summary, _url("reviews:plan", review.code))
    return milestone


# --------------------------------------------------------------------------- outline


def outline_numbers(review: Review) -> dict[int, str]:
    """Each section's outline number (I, 1, 1.1 …) by id."""
    nodes = [
        Node(pk, parent, order)
        for pk, parent, order in review.sections.values_list("pk", "parent_id", "order")
    ]
    return number_outline(nodes)  # type: ignore[return-value]


def _renumber(review: Review, parent_id: int | None) -> None:
    """Give the children of one parent the orders 1, 2, 3 … in their current order."""
    siblings = list(review.sections.filter(parent_id=parent_id).order_by("order", "id"))
    changed = []
    for position, section in enumerate(siblings, start=1):
        if section.order != position:
            section.order = position
            changed.append(section)
    if changed:
        Section.objects.bulk_update(changed, ["order"])


def _check_parent(review: Review, parent: Section | None) -> None:
    """A parent must be a section of the same review."""
    if parent is not None and parent.review_id != review.pk:
        raise WorkflowError(_("Mục cha không thuộc đợt tổng kết này."), field="parent")


def add_section(
    review: Review,
    actor,
    *,
    title: str,
    parent: Section | None = None,
    code: str = "",
    guidance: str = "",
    lead_agency: Agency | None = None,
    coordinating: Iterable[Agency] = (),
    due: dt.date | None = None,
) -> Section:
    """Add a section at the end of its parent's children (or of the top level)."""
    title = _text(title, _("tiêu đề"))
    _check_parent(review, parent)
    coordinating = list(coordinating)
    require_in_review(review, lead_agency, _("cơ quan chủ trì"))
    for agency in coordinating:
        require_in_review(review, agency, _("cơ quan phối hợp"))
    with transaction.atomic():
        code = code.strip() or next_code(review.sections.all(), "M")
        if review.sections.filter(code=code).exists():
            raise WorkflowError(
                _("Mã %(code)s đã có trong đề cương.") % {"code": code}, field="code"
            )
        order = next_order(review.sections.filter(parent=parent))
        section = Section.objects.create(
            review=review, code=code, parent=parent, order=order, title=title, guidance=guidance.strip(),
            lead_agency=lead_agency, due=due,
        )  # fmt: skip
        if coordinating:
            section.coordinating_agencies.set(coordinating)
        log(
            review,
            actor,
            "section_added",
            _("Thêm mục đề cương: %(t)s") % {"t": title},
            _url("reviews:outline", review.code),
        )
    return section


_KEEP = object()


def move_section(section: Section, actor, *, direction: str = "", parent=_KEEP) -> Section:
    """Move a section up or down among its siblings, or under another parent (at the end).

    Orders are renumbered 1, 2, 3 … afterwards; putting a section under itself or one of its own
    sub-sections is refused (it would make a cycle and drop the branch out of the outline).
    """
    review = section.review
    with transaction.atomic():
        if parent is not _KEEP and (parent.pk if parent else None) != section.parent_id:
            _check_parent(review, parent)
            parents = dict(review.sections.values_list("pk", "parent_id"))
            if parent is not None and would_create_cycle(parents, section.pk, parent.pk):
                raise WorkflowError(
                    _(
                        "Không thể đưa mục “%(s)s” vào trong “%(p)s”: “%(p)s” là chính nó hoặc nằm trong nó."
                    )
                    % {"s": section.title, "p": parent.title},
                    field="parent",
                )
            old_parent = section.parent_id
            section.parent = parent
            section.order = next_order(review.sections.filter(parent=parent))
            section.save(update_fields=["parent", "order", "updated_at"])
            _renumber(review, old_parent)
        _renumber(review, section.parent_id)
        if direction in ("up", "down"):
            siblings = list(
                review.sections.filter(parent_id=section.parent_id).order_by("order", "id")
            )
            index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
            other = index - 1 if direction == "up" else index + 1
            if 0 <= other < len(siblings):
                siblings[index], siblings[other] = siblings[other], siblings[index]
                for position, sibling in enumerate(siblings, start=1):
                    sibling.order = position
                Section.objects.bulk_update(siblings, ["order"])
        elif direction:
            raise WorkflowError(_("Hướng di chuyển không hợp lệ."))
        section.refresh_from_db()
        log(
            review,
            actor,
            "section_moved",
            _("Sắp xếp lại mục đề cương: %(t)s") % {"t": section.title},
            _url("reviews:outline", review.code),
        )
    return section


def assign_section(
    section: Section,
    actor,
    *,
    lead_agency: Agency | None,
    coordinating: Iterable[Agency] = (),
    due: dt.date | None = None,
) -> Section:
    """Assign a section's lead agency, coordinating agencies and due date; all must be in the review."""
    review = section.review
    coordinating = [a for a in coordinating if lead_agency is None or a.pk != lead_agency.pk]
    require_in_review(review, lead_agency, _("cơ quan chủ trì mục “%(t)s”") % {"t": section.title})
    for agency in coordinating:
        require_in_review(review, agency, _("cơ quan phối hợp mục “%(t)s”") % {"t": section.title})
    if due and review.start_date and due < review.start_date:
        raise WorkflowError(
            _("Hạn %(due)s trước ngày bắt đầu đợt tổng kết %(start)s.")
            % {"due": format_date(due), "start": format_date(review.start_date)},
            field="due",
        )
    with transaction.atomic():
        section.lead_agency = lead_agency
        section.due = due
        section.save(update_fields=["lead_agency", "due", "updated_at"])
        section.coordinating_agencies.set(coordinating)
        lead = lead_agency.name if lead_agency else _("(chưa giao)")
        url = _url("reviews:section", review.code, section.code)
        log(
            review,
            actor,
            "section_assigned",
            _("Giao mục “%(t)s” cho %(a)s") % {"t": section.title, "a": lead},
            url,
        )
        if lead_agency is not None:
            notify(
                agency_users(review, lead_agency),
                review=review,
                text=_("Cơ quan được giao chủ trì mục “%(t)s”, hạn %(d)s")
                % {"t": section.title, "d": format_date(due) or _("chưa định")},
                url=url,
            )
    return section


# --------------------------------------------------------------------------- drafts


def sanitize_html(html: str) -> str:
    """Keep exactly the report's subset of HTML (reviews/sanitize.py, shared with the bundle); scripts and
    styles go with their content, other tags keep only their text."""
    html = html or ""
    if len(html) > MAX_DRAFT_CHARS:
        raise WorkflowError(
            _("Bản dự thảo dài quá %(max)s ký tự; hãy chia thành nhiều mục.")
            % {"max": f"{MAX_DRAFT_CHARS:,}".replace(",", ".")}
        )
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style", "title", "head", "template", "noscript"},
        strip_comments=True,
        link_rel=None,
    )
    # Word pastes leave runs of empty paragraphs; they carry nothing into the report.
    return re.sub(r"(<p>(\s|&nbsp;|<br>)*</p>\s*)+", "", cleaned).strip()


_ACTIVE_MARKUP = re.compile(
    r"<\s*(script|style|iframe|object|embed|form|input)\b|\son\w+\s*=|javascript:", re.IGNORECASE
)


def had_active_markup(html: str) -> bool:
    """Whether a submitted draft carried scripts, styles, frames or event handlers (removed on save)."""
    return bool(_ACTIVE_MARKUP.search(html or ""))


def html_to_text(html: str) -> str:
    """A draft's text, one block per line (for comparing versions and counting words)."""
    text = re.sub(r"</(p|h2|h3|h4|li|tr)>|<br>", "\n", html)
    text = re.sub(r"</t[dh]>", "\t", text)
    text = re.sub(r"<[^>]+>", "", text)
    import html as html_module

    lines = [html_module.unescape(line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _check_draft_allowed(section: Section, actor) -> None:
    """A submitted or accepted draft is frozen for its agency; the secretariat may still correct it."""
    from tongket.accounts.rights import can_manage_review

    if section.status in (
        Section.Status.SUBMITTED,
        Section.Status.ACCEPTED,
    ) and not can_manage_review(actor, section.review):
        raise WorkflowError(
            _("Mục “%(t)s” %(state)s; không sửa được nữa.")
            % {"t": section.title, "state": section.get_status_display().lower()}
        )


def save_draft(section: Section, actor, html: str, note: str = "") -> SectionVersion:
    """Save a draft as a new version (sanitised); the section is then being drafted."""
    _check_draft_allowed(section, actor)
    clean = sanitize_html(html)
    if not html_to_text(clean):
        raise WorkflowError(_("Bản dự thảo trống: không có nội dung nào để lưu."), field="html")
    with transaction.atomic():
        number = (section.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = SectionVersion.objects.create(
            section=section, number=number, html=clean, author=actor if getattr(actor, "pk", None) else None,
            note=note.strip()[:300],
        )  # fmt: skip
        if section.status in (Section.Status.NOT_STARTED, Section.Status.RETURNED):
            section.status = Section.Status.DRAFTING
            section.save(update_fields=["status", "updated_at"])
        log(
            section.review,
            actor,
            "draft_saved",
            _("Lưu dự thảo mục “%(t)s” (phiên bản %(n)s)") % {"t": section.title, "n": number},
            _url("reviews:section", section.review.code, section.code),
        )
    return version


def convert_docx(data: bytes, filename: str = "") -> str:
    """A .docx file's content as sanitised HTML (mammoth), refusing anything that is not one."""
    limit = settings.TONGKET_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise WorkflowError(
            _("Tệp %(file)s nặng %(size)s MB, vượt giới hạn %(max)s MB.")
            % {
                "file": filename,
                "size": f"{len(data) / 1_000_000:.1f}".replace(".", ","),
                "max": limit // 1_000_000,
            },
            field="file",
        )
    not_docx = WorkflowError(
        _(
            "Tệp %(file)s không phải văn bản Word .docx. Hãy lưu lại dưới dạng .docx (Word 2007 trở lên) rồi tải lên."
        )
        % {"file": filename or ""},
        field="file",
    )
    if filename and not filename.lower().endswith(".docx"):
        raise not_docx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise not_docx
            if archive.getinfo("word/document.xml").file_size > 50 * limit:
                raise not_docx  # a zip bomb posing as a document
    except zipfile.BadZipFile as exc:
        raise not_docx from exc
    import mammoth

    style_map = "\n".join(
        [
            "p[style-name='Heading 1'] => h2:fresh",
            "p[style-name='Heading 2'] => h3:fresh",
            "p[style-name='Heading 3'] => h4:fresh",
            "p[style-name='Title'] => h2:fresh",
        ]
    )
    try:
        # Images are not part of the draft subset: an empty src keeps mammoth from inlining them.
        drop_images = mammoth.images.img_element(lambda image: {"src": ""})
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=style_map, convert_image=drop_images
        )
    except Exception as exc:  # mammoth raises many kinds on a damaged file
        raise not_docx from exc
    return sanitize_html(result.value)


def upload_docx(section: Section, actor, data: bytes, filename: str) -> SectionVersion:
    """Convert an uploaded .docx into a new draft version (refusing non-docx and files over 20 MB)."""
    _check_draft_allowed(section, actor)
    html = convert_docx(data, filename)
    return save_draft(
        section, actor, html, note=_("Tải lên từ %(file)s") % {"file": filename[:200]}
    )


def comment_section(
    section: Section, actor, text: str, agency: Agency | None = None
) -> SectionComment:
    """A comment on the section's current draft (coordinating agencies, committee, secretariat)."""
    text = _text(text, _("nội dung góp ý"), max_length=10_000)
    with transaction.atomic():
        comment = SectionComment.objects.create(
            section=section, version=section.versions.order_by("-number").first(),
            author=actor if getattr(actor, "pk", None) else None, agency=agency,
            kind=SectionComment.Kind.COMMENT, text=text,
        )  # fmt: skip
        url = _url("reviews:section", section.review.code, section.code)
        who = agency.name if agency else str(actor)
        log(
            section.review,
            actor,
            "section_commented",
            _("%(who)s góp ý mục “%(t)s”") % {"who": who, "t": section.title},
            url,
        )
        notify(
            [u for u in agency_users(section.review, section.lead_agency) if u != actor],
            review=section.review,
            text=_("Có góp ý mới cho mục “%(t)s”") % {"t": section.title},
            url=url,
            email=False,
        )
    return comment


def submit_section(section: Section, actor, note: str = "") -> Section:
    """The lead agency sends its latest draft to the secretariat."""
    if section.status == Section.Status.SUBMITTED:
        raise WorkflowError(_("Mục “%(t)s” đã được gửi, đang chờ xem xét.") % {"t": section.title})
    if section.status == Section.Status.ACCEPTED:
        raise WorkflowError(_("Mục “%(t)s” đã được tiếp nhận.") % {"t": section.title})
    latest = section.versions.order_by("-number").first()
    if latest is None:
        raise WorkflowError(_("Mục “%(t)s” chưa có bản dự thảo nào để gửi.") % {"t": section.title})
    with transaction.atomic():
        section.status = Section.Status.SUBMITTED
        section.save(update_fields=["status", "updated_at"])
        SectionComment.objects.create(
            section=section, version=latest, author=actor if getattr(actor, "pk", None) else None,
            agency=section.lead_agency, kind=SectionComment.Kind.SUBMIT,
            text=note.strip() or _("Gửi phiên bản %(n)s") % {"n": latest.number},
        )  # fmt: skip
        url = _url("reviews:section", section.review.code, section.code)
        log(
            section.review,
            actor,
            "section_submitted",
            _("Gửi dự thảo mục “%(t)s”") % {"t": section.title},
            url,
        )
        notify(
            secretariat_users(section.review),
            review=section.review,
            text=_("%(a)s đã gửi dự thảo mục “%(t)s”")
            % {"a": section.lead_agency or actor, "t": section.title},
            url=url,
        )
    return section


def _decide(section: Section, actor, comment: str, *, accept: bool) -> Section:
    """Accept or return a submitted draft, with the secretariat's comment, and tell the lead agency."""
    if section.status != Section.Status.SUBMITTED:
        raise WorkflowError(
            _("Mục “%(t)s” chưa được gửi nên chưa thể tiếp nhận hay trả lại.")
            % {"t": section.title}
        )
    comment = comment.strip()
    if not accept and not comment:
        raise WorkflowError(
            _("Hãy ghi lý do trả lại để cơ quan chủ trì biết cần sửa gì."), field="comment"
        )
    with transaction.atomic():
        section.status = Section.Status.ACCEPTED if accept else Section.Status.RETURNED
        section.save(update_fields=["status", "updated_at"])
        SectionComment.objects.create(
            section=section, version=section.versions.order_by("-number").first(),
            author=actor if getattr(actor, "pk", None) else None,
            kind=SectionComment.Kind.ACCEPT if accept else SectionComment.Kind.RETURN,
            text=comment or _("Tiếp nhận"),
        )  # fmt: skip
        url = _url("reviews:section", section.review.code, section.code)
        if accept:
            summary = _("Tiếp nhận dự thảo mục “%(t)s”") % {"t": section.title}
        else:
            summary = _("Trả lại dự thảo mục “%(t)s”: %(c)s") % {"t": section.title, "c": comment}
        log(
            section.review,
            actor,
            "section_accepted" if accept else "section_returned",
            summary,
            url,
        )
        notify(
            agency_users(section.review, section.lead_agency),
            review=section.review,
            text=summary,
            url=url,
        )
    return section


def accept_section(section: Section, actor, comment: str = "") -> Section:
    """The secretariat accepts a submitted draft."""
    return _decide(section, actor, comment, accept=True)


def return_section(section: Section, actor, comment: str) -> Section:
    """The secretariat returns a submitted draft with a comment saying what to change."""
    return _decide(section, actor, comment, accept=False)


# --------------------------------------------------------------------------- meetings


@dataclass(frozen=True)
class AttendeeInput:
    """One attendee as a form or the API gives it."""

    name: str
    position: str = ""
    agency: Agency | None = None
    is_guest: bool = False


def create_meeting(
    review: Review,
    actor,
    *,
    title: str,
    held_at: dt.datetime,
    place: str = "",
    chair: str = "",
    chair_position: str = "",
    notice_number: str = "",
    attendees: Sequence[AttendeeInput] = (),
    code: str = "",
) -> Meeting:
    """Record a meeting of the committee with its attendees."""
    title = _text(title, _("tên phiên họp"))
    if held_at is None:
        raise WorkflowError(_("Chưa nhập thời gian họp."), field="held_at")
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    with transaction.atomic():
        code = code.strip() or next_code(review.meetings.all(), "H")
        if review.meetings.filter(code=code).exists():
            raise WorkflowError(_("Mã %(code)s đã có.") % {"code": code}, field="code")
        meeting = Meeting.objects.create(
            review=review, code=code, title=title, held_at=held_at, place=place.strip()[:300],
            chair=chair.strip()[:200], chair_position=chair_position.strip()[:500],
            notice_number=notice_number.strip()[:60],
        )  # fmt: skip
        for order, person in enumerate(attendees, start=1):
            _add_attendee(meeting, person, order)
        log(
            review,
            actor,
            "meeting_added",
            _("Ghi phiên họp %(t)s ngày %(d)s")
            % {"t": title, "d": format_date(timezone.localtime(held_at).date())},
            _url("reviews:meeting", review.code, code),
        )
    return meeting


def _add_attendee(meeting: Meeting, person: AttendeeInput, order: int) -> MeetingAttendee:
    name = _text(person.name, _("họ và tên người dự"), max_length=200)
    member = None
    if not person.is_guest:
        member = GroupMember.objects.filter(group__review=meeting.review, name__iexact=name).first()
    return MeetingAttendee.objects.create(
        meeting=meeting, name=name, position=person.position.strip()[:400], agency=person.agency,
        member=member, is_guest=person.is_guest, order=order,
    )  # fmt: skip


def add_attendee(meeting: Meeting, actor, person: AttendeeInput) -> MeetingAttendee:
    """Add one attendee (a committee member is linked to the committee list by name)."""
    with transaction.atomic():
        order = next_order(meeting.attendees)
        attendee = _add_attendee(meeting, person, order)
        log(
            meeting.review, actor, "attendee_added",
            _("Thêm người dự phiên họp %(m)s: %(n)s") % {"m": meeting.title, "n": attendee.name},
            _url("reviews:meeting", meeting.review.code, meeting.code),
        )  # fmt: skip
    return attendee


def add_agenda_item(
    meeting: Meeting,
    actor,
    *,
    title: str,
    subject: str = AgendaItem.Subject.OTHER,
    section: Section | None = None,
    data_request=None,
) -> AgendaItem:
    """Add an agenda item linked to what it discusses (the plan, the outline, a section, a data request)."""
    title = _text(title, _("nội dung"))
    if subject not in AgendaItem.Subject.values:
        raise WorkflowError(_("Loại nội dung họp không hợp lệ."), field="subject")
    if section is not None and section.review_id != meeting.review_id:
        raise WorkflowError(_("Mục đề cương không thuộc đợt tổng kết này."), field="section")
    if data_request is not None and data_request.review_id != meeting.review_id:
        raise WorkflowError(
            _("Yêu cầu số liệu không thuộc đợt tổng kết này."), field="data_request"
        )
    if section is not None and subject == AgendaItem.Subject.OTHER:
        subject = AgendaItem.Subject.SECTION
    if data_request is not None and subject == AgendaItem.Subject.OTHER:
        subject = AgendaItem.Subject.DATA_REQUEST
    with transaction.atomic():
        order = next_order(meeting.agenda)
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title=title,
            subject=subject,
            section=section,
            data_request=data_request,
        )
        log(
            meeting.review, actor, "agenda_added",
            _("Thêm nội dung họp: %(t)s") % {"t": title},
            _url("reviews:meeting", meeting.review.code, meeting.code),
        )  # fmt: skip
    return item


def add_opinion(
    meeting: Meeting,
    actor,
    *,
    speaker: str,
    text: str,
    position: str = "",
    agenda_item: AgendaItem | None = None,
) -> Opinion:
    """Record what a speaker said at the meeting."""
    speaker = _text(speaker, _("người phát biểu"), max_length=200)
    text = _text(text, _("ý kiến"), max_length=20_000)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise WorkflowError(_("Nội dung họp không thuộc phiên họp này."), field="agenda_item")
    with transaction.atomic():
        order = next_order(meeting.opinions)
        opinion = Opinion.objects.create(
            meeting=meeting, agenda_item=agenda_item, speaker=speaker, position=position.strip()[:400],
            text=text, order=order,
        )  # fmt: skip
        log(
            meeting.review, actor, "opinion_added",
            _("Ghi ý kiến của %(s)s tại phiên họp %(m)s") % {"s": speaker, "m": meeting.title},
            _url("reviews:meeting", meeting.review.code, meeting.code),
        )  # fmt: skip
    return opinion


def add_conclusion(meeting: Meeting, actor, text: str) -> Conclusion:
    """Record one conclusion of the meeting."""
    text = _text(text, _("kết luận"), max_length=20_000)
    with transaction.atomic():
        order = next_order(meeting.conclusions)
        conclusion = Conclusion.objects.create(meeting=meeting, order=order, text=text)
        log(
            meeting.review, actor, "conclusion_added",
            _("Kết luận phiên họp %(m)s: %(t)s") % {"m": meeting.title, "t": text[:200]},
            _url("reviews:meeting", meeting.review.code, meeting.code),
        )  # fmt: skip
    return conclusion


# --------------------------------------------------------------------------- tasks


def add_task(
    review: Review,
    actor,
    *,
    title: str,
    owner: Agency,
    deadline: dt.date,
    description: str = "",
    conclusion: Conclusion | None = None,
    start: dt.date | None = None,
    code: str = "",
) -> Task:
    """Give an agency a task with a deadline (not before `start`, e.g. the meeting that decided it)."""
    title = _text(title, _("nhiệm vụ"))
    if owner is None:
        raise WorkflowError(_("Chưa chọn cơ quan thực hiện."), field="owner")
    if deadline is None:
        raise WorkflowError(_("Chưa nhập hạn."), field="deadline")
    _check_dates(start, deadline, _("Nhiệm vụ “%(t)s”") % {"t": title})
    require_in_review(review, owner, _("thực hiện nhiệm vụ"))
    with transaction.atomic():
        code = code.strip() or next_code(review.tasks.all(), "NV")
        if review.tasks.filter(code=code).exists():
            raise WorkflowError(_("Mã %(code)s đã có.") % {"code": code}, field="code")
        task = Task.objects.create(
            review=review, code=code, title=title, description=description.strip(), conclusion=conclusion,
            owner=owner, deadline=deadline,
        )  # fmt: skip
        url = _url("reviews:tasks", review.code)
        summary = _("Giao nhiệm vụ “%(t)s” cho %(a)s, hạn %(d)s") % {
            "t": title, "a": owner.name, "d": format_date(deadline),
        }  # fmt: skip
        log(review, actor, "task_added", summary, url)
        notify(agency_users(review, owner), review=review, text=summary, url=url)
    return task


def conclusion_to_task(
    conclusion: Conclusion,
    actor,
    *,
    owner: Agency,
    deadline: dt.date,
    title: str = "",
    description: str = "",
) -> Task:
    """Turn a meeting's conclusion into a task for an agency; its deadline may not precede the meeting."""
    meeting = conclusion.meeting
    held_on = timezone.localtime(meeting.held_at).date()
    return add_task(
        meeting.review,
        actor,
        title=title.strip() or conclusion.text[:500],
        owner=owner,
        deadline=deadline,
        description=description
        or _("Theo kết luận phiên họp %(m)s ngày %(d)s")
        % {"m": meeting.title, "d": format_date(held_on)},
        conclusion=conclusion,
        start=held_on,
    )


def complete_task(task: Task, actor) -> Task:
    """Mark a task done (today)."""
    if task.status == Task.Status.DONE:
        raise WorkflowError(_("Nhiệm vụ “%(t)s” đã hoàn thành.") % {"t": task.title})
    with transaction.atomic():
        task.status = Task.Status.DONE
        task.completed_on = today()
        task.save(update_fields=["status", "completed_on", "updated_at"])
        log(
            task.review,
            actor,
            "task_done",
            _("Hoàn thành nhiệm vụ “%(t)s”") % {"t": task.title},
            _url("reviews:tasks", task.review.code),
        )
    return task


@dataclass(frozen=True)
class WorkItem:
    """One thing someone owes, from any source: a milestone, a section draft, a data request, a task."""

    kind: str  # milestone, section, data_request, task
    key: str  # "task:12" — also the reminder log's item key
    code: str
    review: Review
    title: str
    owner: Agency | None
    due: dt.date | None
    status: str
    done: bool
    url: str

    @property
    def kind_label(self) -> str:
        """The kind in Vietnamese."""
        return str(WORK_KINDS.get(self.kind, self.kind))

    def overdue_on(self, day: dt.date) -> bool:
        """Whether it is late on that day."""
        return not self.done and self.due is not None and self.due < day

    @property
    def overdue(self) -> bool:
        """Whether it is late today."""
        return self.overdue_on(today())

    @property
    def days_left(self) -> int | None:
        """Days until the deadline (negative when late)."""
        return (self.due - today()).days if self.due else None


WORK_KINDS = {
    "milestone": _("Mốc kế hoạch"),
    "section": _("Dự thảo mục đề cương"),
    "data_request": _("Yêu cầu số liệu"),
    "task": _("Nhiệm vụ"),
}


def work_items(
    reviews: Iterable[Review], *, agency: Agency | None = None, open_only: bool = False
) -> list[WorkItem]:
    """Everything owed across the reviews, from the four sources, sorted by deadline."""
    from tongket.figures.models import DataRequest

    reviews = list(reviews)
    ids = [r.pk for r in reviews]
    by_id = {r.pk: r for r in reviews}
    items: list[WorkItem] = []
    milestones = Milestone.objects.filter(review_id__in=ids).select_related("owner")
    sections = Section.objects.filter(review_id__in=ids, lead_agency__isnull=False).select_related(
        "lead_agency"
    )
    requests = DataRequest.objects.filter(review_id__in=ids).select_related("agency")
    tasks = (
        Task.objects.filter(review_id__in=ids)
        .exclude(status=Task.Status.CANCELLED)
        .select_related("owner")
    )
    if agency is not None:
        milestones = milestones.filter(owner=agency)
        sections = sections.filter(lead_agency=agency)
        requests = requests.filter(agency=agency)
        tasks = tasks.filter(owner=agency)
    for m in milestones:
        review = by_id[m.review_id]
        items.append(WorkItem(
            "milestone", f"milestone:{m.pk}", m.code, review, m.title, m.owner, m.deadline, m.get_status_display(),
            m.status == Milestone.Status.DONE, _url("reviews:plan", review.code) + f"#milestone-{m.code}",
        ))  # fmt: skip
    for s in sections:
        review = by_id[s.review_id]
        items.append(WorkItem(
            "section", f"section:{s.pk}", s.code, review, s.title, s.lead_agency, s.due, s.get_status_display(),
            s.status in (Section.Status.SUBMITTED, Section.Status.ACCEPTED),
            _url("reviews:section", review.code, s.code),
        ))  # fmt: skip
    for r in requests:
        review = by_id[r.review_id]
        items.append(WorkItem(
            "data_request", f"request:{r.pk}", r.code, review, r.title, r.agency, r.deadline, r.get_status_display(),
            r.status in (DataRequest.Status.SUBMITTED, DataRequest.Status.APPROVED),
            _request_url(review, r),
        ))  # fmt: skip
    for t in tasks:
        review = by_id[t.review_id]
        items.append(WorkItem(
            "task", f"task:{t.pk}", t.code, review, t.title, t.owner, t.deadline, t.get_status_display(),
            t.status == Task.Status.DONE, _url("reviews:tasks", review.code) + f"#task-{t.code}",
        ))  # fmt: skip
    if open_only:
        items = [item for item in items if not item.done]
    items.sort(key=lambda item: (item.done, item.due or dt.date.max, item.title))
    return items


def _request_url(review: Review, request) -> str:
    """The data request's page, wherever the figures app mounts it."""
    for name, args in (
        ("figures:request_detail", (review.code, request.code)),
        ("figures:request", (request.pk,)),
    ):
        url = _url(name, *args)
        if url:
            return url
    return _url("reviews:tasks", review.code)


# --------------------------------------------------------------------------- policies


def _parse_date(text: str, where: str) -> dt.date | None:
    """A date from "23/03/2018", "23-03-2018" or "2018-03-23"; empty gives None."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise WorkflowError(
        _("%(where)s: ngày “%(t)s” không hợp lệ (viết 23/03/2018).") % {"where": where, "t": text}
    )


def _policy_status(text: str, where: str) -> str:
    """A policy status from its code or Vietnamese label; empty means in force."""
    aliases = {
        "con hieu luc": "in_force",
        "het hieu luc": "expired",
        "bi thay the": "replaced",
        "ban hanh": "issued",
    }
    code = _choice_from_text(
        text, Policy.Status.choices, blank=Policy.Status.IN_FORCE, aliases=aliases
    )
    if code is not None:
        return code
    raise WorkflowError(
        _("%(where)s: tình trạng “%(t)s” không hợp lệ.") % {"where": where, "t": text}
    )


def _targets(review: Review, text: str, where: str) -> list:
    """Targets by their codes, separated by commas or spaces."""
    from tongket.resolutions.models import Target

    codes = [c for c in re.split(r"[,;\s]+", text or "") if c]
    if not codes:
        return []
    found = {t.code: t for t in Target.objects.filter(resolution=review.resolution, code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise WorkflowError(
            _("%(where)s: không có chỉ tiêu %(codes)s.")
            % {"where": where, "codes": ", ".join(missing)}
        )
    return [found[c] for c in codes]


def add_policy(
    review: Review,
    actor,
    *,
    number: str,
    title: str,
    issued: dt.date | None = None,
    issuer: str = "",
    status: str = Policy.Status.IN_FORCE,
    targets: Iterable = (),
    assessment_note: str = "",
    code: str = "",
) -> Policy:
    """Add a mechanism or policy issued under the resolution."""
    number = _text(number, _("số hiệu"), max_length=100)
    title = _text(title, _("trích yếu"))
    if status not in Policy.Status.values:
        raise WorkflowError(_("Tình trạng không hợp lệ."), field="status")
    targets = list(targets)
    if any(t.resolution_id != review.resolution_id for t in targets):
        raise WorkflowError(_("Chỉ tiêu không thuộc nghị quyết của đợt tổng kết."), field="targets")
    with transaction.atomic():
        code = code.strip() or next_code(review.policies.all(), "CS")
        if review.policies.filter(code=code).exists():
            raise WorkflowError(_("Mã %(code)s đã có.") % {"code": code}, field="code")
        policy = Policy.objects.create(
            review=review, code=code, number=number, title=title, issued=issued, issuer=issuer.strip()[:200],
            status=status, assessment_note=assessment_note.strip(),
        )  # fmt: skip
        if targets:
            policy.targets.set(targets)
        log(
            review,
            actor,
            "policy_added",
            _("Thêm cơ chế, chính sách %(n)s") % {"n": number},
            _url("reviews:policies", review.code),
        )
    return policy


POLICY_COLUMNS = (
    "số hiệu",
    "ngày ban hành",
    "cơ quan ban hành",
    "trích yếu",
    "tình trạng",
    "chỉ tiêu",
    "đánh giá",
)


def import_policies(review: Review, actor, data: bytes | str, filename: str = "") -> ImportOutcome:
    """Add policies from an .xlsx (or pasted lines), columns as POLICY_COLUMNS; all or nothing.

    A row whose number is already in the inventory updates that policy instead of adding a twin.
    """
    outcome = ImportOutcome()
    rows = _numbered_rows(data, filename, ["số hiệu", "so hieu", "số", "number"])
    if not rows:
        outcome.errors.append(_("Danh sách trống."))
        return outcome
    parsed = []
    for index, row in rows:
        cells = [*row, *[""] * 7][:7]
        where = _("Dòng %(n)s") % {"n": index}
        try:
            number = _text(cells[0], _("số hiệu"), max_length=100)
            title = _text(cells[3], _("trích yếu"))
            parsed.append(
                dict(
                    number=number, issued=_parse_date(cells[1], where), issuer=cells[2][:200], title=title,
                    status=_policy_status(cells[4], where), targets=_targets(review, cells[5], where),
                    assessment_note=cells[6],
                )
            )  # fmt: skip
        except WorkflowError as exc:
            message = exc.message if exc.message.startswith(where) else f"{where}: {exc.message}"
            outcome.errors.append(message)
    if outcome.errors:
        return outcome
    with transaction.atomic():
        for values in parsed:
            targets = values.pop("targets")
            existing = review.policies.filter(number=values["number"]).first()
            if existing:
                for key, value in values.items():
                    setattr(existing, key, value)
                existing.save()
                policy = existing
            else:
                policy = Policy.objects.create(
                    review=review, code=next_code(review.policies.all(), "CS"), **values
                )
                outcome.created += 1
            if targets:
                policy.targets.set(targets)
        log(
            review, actor, "policies_imported",
            _("Nhập %(n)s cơ chế, chính sách từ %(f)s") % {"n": len(parsed), "f": filename or _("danh sách dán")},
            _url("reviews:policies", review.code),
        )  # fmt: skip
    return outcome
