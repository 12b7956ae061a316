"""Pages of the review's workflow: committee, plan, outline, sections, meetings, tasks, policies, activity.

Every page finds its review with `get_review_for` (404 for outsiders), then asks rights.py what the user
may do: the secretariat manages, the lead agency's focal point drafts and submits its section,
coordinating agencies comment, everyone in the review reads. Writes go through services.py; a refused
input comes back as a Vietnamese message and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tongket.accounts import rights
from tongket.reviews import forms, notice, services
from tongket.reviews.models import (
    Activity,
    Conclusion,
    Group,
    Meeting,
    Milestone,
    Notification,
    Review,
    Section,
    Task,
)
from tongket.reviews.numbering import Node, depth_first
from tongket.reviews.services import WorkflowError

# --------------------------------------------------------------------------- helpers


def _review(request: HttpRequest, code: str, *, manage: bool = False) -> Review:
    """The review (404 for outsiders); 403 unless the user manages it when `manage` is asked."""
    review = rights.get_review_for(request.user, code)
    if manage:
        rights.require(rights.can_manage_review(request.user, review))
    return review


def _context(request: HttpRequest, review: Review, tab: str, **extra) -> dict:
    """What every workflow page's template needs: the review, the tab, what the user may do."""
    return {
        "review": review,
        "tab": tab,
        "can_manage": rights.can_manage_review(request.user, review),
        "my_agency": rights.agency_in(request.user, review),
        "today": services.today(),
        "unread_notifications": Notification.objects.filter(
            user=request.user, read_at__isnull=True
        ).count(),
        **extra,
    }


def _form_errors(form) -> str:
    """A form's errors as one line."""
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        parts.extend(f"{label}: {error}" if label else str(error) for error in errors)
    return " ".join(parts)


def _apply(request: HttpRequest, form, action: Callable[[dict], object], success: str) -> bool:
    """Validate the form and run the service; put the outcome into the messages. True when stored."""
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return False
    try:
        action(form.cleaned_data)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def _import(
    request: HttpRequest,
    form,
    read: Callable[[], tuple[bytes | str, str]],
    run: Callable[[bytes | str, str], services.ImportOutcome],
    *,
    done: str,
    refused: str,
) -> bool:
    """Validate an import form, read its file or text, run the all-or-nothing import and say how it
    went. `done` takes `%(n)s` (rows created); `refused` comes before the rows' errors (the first 20).
    False when the form or the file itself was refused (no import ran)."""
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return False
    try:
        data, name = read()
        outcome = run(data, name)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return False
    if outcome.ok:
        messages.success(request, done % {"n": outcome.created})
    else:
        messages.error(request, refused + " ".join(outcome.errors[:20]))
    return True


def _managed_add(
    request: HttpRequest,
    code: str,
    form_class: type,
    write: Callable[[Review, dict], object],
    success: str,
    page: str,
) -> HttpResponse:
    """A form only the secretariat may post: check the right, write through the service with the
    form's data, then back to the review's `page` (a URL name taking the review code)."""
    review = _review(request, code, manage=True)
    form = form_class(request.POST, review=review)
    _apply(request, form, lambda d: write(review, d), success)
    return redirect(page, review.code)


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on (same site only), else the fallback."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)


def _upload(request: HttpRequest, form) -> tuple[bytes, str]:
    """The uploaded file's bytes and name, refusing an oversized one before reading it whole."""
    upload = form.cleaned_data["file"]
    limit = services.settings.TONGKET_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise WorkflowError(
            _("Tệp %(file)s nặng %(size)s MB, vượt giới hạn %(max)s MB.")
            % {
                "file": upload.name,
                "size": f"{upload.size / 1_000_000:.1f}".replace(".", ","),
                "max": limit // 1_000_000,
            }
        )
    return upload.read(), upload.name


# --------------------------------------------------------------------------- committee


@login_required
@require_GET
def committee(request: HttpRequest, code: str) -> HttpResponse:
    """The steering committee and its groups, with their members."""
    review = _review(request, code)
    groups = review.groups.prefetch_related("members__agency")
    return render(
        request,
        "reviews/workflow/committee.html",
        _context(
            request, review, "committee", groups=groups,
            group_form=forms.GroupForm(review=review), member_form=forms.MemberForm(review=review),
            import_form=forms.ImportForm(review=review),
        ),
    )  # fmt: skip


@login_required
@require_POST
def group_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add the committee or a group."""
    return _managed_add(
        request, code, forms.GroupForm,
        lambda review, d: services.add_group(review, request.user, name=d["name"], kind=d["kind"]),
        _("Đã thêm."), "reviews:committee",
    )  # fmt: skip


@login_required
@require_POST
def member_add(request: HttpRequest, code: str, group_code: str) -> HttpResponse:
    """Add one member to a group."""
    review = _review(request, code, manage=True)
    group = get_object_or_404(Group, review=review, code=group_code)
    form = forms.MemberForm(request.POST, review=review)
    _apply(
        request, form,
        lambda d: services.add_member(group, request.user, name=d["name"], position=d["position"], agency=d["agency"], role=d["role"]),
        _("Đã thêm thành viên."),
    )  # fmt: skip
    return redirect(reverse("reviews:committee", args=[review.code]) + f"#group-{group.code}")


@login_required
@require_POST
def member_import(request: HttpRequest, code: str, group_code: str) -> HttpResponse:
    """Add members from a pasted list or an .xlsx."""
    review = _review(request, code, manage=True)
    group = get_object_or_404(Group, review=review, code=group_code)
    form = forms.ImportForm(request.POST, request.FILES, review=review)
    ran = _import(
        request, form,
        lambda: _upload(request, form) if form.cleaned_data.get("file") else (form.cleaned_data["text"], ""),
        lambda data, name: services.import_members(group, request.user, data, name),
        done=_("Đã thêm %(n)s thành viên."), refused=_("Không nhập danh sách nào: "),
    )  # fmt: skip
    page = reverse("reviews:committee", args=[review.code])
    return redirect(page + f"#group-{group.code}" if ran else page)


# --------------------------------------------------------------------------- plan


def timeline_rows(milestones: list[Milestone], today: dt.date) -> dict:
    """Bars of the plan's timeline as percentages of the span from the first start to the last deadline."""
    if not milestones:
        return {"rows": [], "months": [], "today": None}
    starts = [m.start or m.deadline for m in milestones]
    first, last = min(starts), max(m.deadline for m in milestones)
    # Show today on the scale when it is near the plan (within a year), so lateness is visible.
    if first - dt.timedelta(days=366) <= today <= last + dt.timedelta(days=366):
        first, last = min(first, today), max(last, today)
    first = first.replace(day=1)
    span = max((last - first).days + 1, 1)

    def percent(day: dt.date) -> float:
        return round(100 * (day - first).days / span, 2)

    rows = []
    for m in milestones:
        start = m.start or m.deadline
        overdue = m.status != Milestone.Status.DONE and m.deadline < today
        rows.append({
            "milestone": m, "left": percent(start), "width": max(percent(m.deadline + dt.timedelta(days=1)) - percent(start), 0.8),
            "overdue": overdue, "done": m.status == Milestone.Status.DONE,
        })  # fmt: skip
    months = []
    cursor = first
    while cursor <= last:
        months.append({"label": f"{cursor.month:02d}/{cursor.year}", "left": percent(cursor)})
        cursor = (cursor.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    marker = percent(today) if first <= today <= last else None
    return {"rows": rows, "months": months, "today": marker}


@login_required
@require_GET
def plan(request: HttpRequest, code: str) -> HttpResponse:
    """The plan: milestones as a list and as a timeline; overdue ones stand out."""
    review = _review(request, code)
    milestones = list(review.milestones.select_related("owner"))
    today = services.today()
    for m in milestones:
        m.overdue = m.status != Milestone.Status.DONE and m.deadline < today
    return render(
        request,
        "reviews/workflow/plan.html",
        _context(
            request, review, "plan", milestones=milestones, timeline=timeline_rows(milestones, today),
            form=forms.MilestoneForm(review=review, initial={"status": "planned"}),
        ),
    )  # fmt: skip


@login_required
@require_POST
def milestone_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add a milestone."""
    return _managed_add(
        request, code, forms.MilestoneForm,
        lambda review, d: services.add_milestone(review, request.user, **d),
        _("Đã thêm mốc kế hoạch."), "reviews:plan",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, code: str, milestone_code: str) -> HttpResponse:
    """Change a milestone (dates, owner, status, evidence)."""
    review = _review(request, code, manage=True)
    milestone = get_object_or_404(Milestone, review=review, code=milestone_code)
    if request.method == "POST":
        form = forms.MilestoneForm(request.POST, review=review)
        if _apply(
            request,
            form,
            lambda d: services.update_milestone(milestone, request.user, **d),
            _("Đã lưu."),
        ):
            return redirect("reviews:plan", review.code)
    else:
        form = forms.MilestoneForm(
            review=review,
            initial={
                f: getattr(milestone, f)
                for f in ("title", "owner", "start", "deadline", "status", "evidence")
            },
        )
    return render(
        request,
        "reviews/workflow/milestone_edit.html",
        _context(request, review, "plan", milestone=milestone, form=form),
    )


# --------------------------------------------------------------------------- outline


def outline_rows(review: Review) -> list[dict]:
    """The outline in reading order: each section with its number, depth and siblings' bounds."""
    sections = {
        s.pk: s
        for s in review.sections.select_related("lead_agency").prefetch_related(
            "coordinating_agencies"
        )
    }
    nodes = [Node(s.pk, s.parent_id, s.order) for s in sections.values()]
    numbers = services.outline_numbers(review)
    ordered = depth_first(nodes)
    siblings: dict = {}
    for node, _depth in ordered:
        siblings.setdefault(node.parent, []).append(node.key)
    today = services.today()
    rows = []
    for node, depth in ordered:
        section = sections[node.key]
        group = siblings[node.parent]
        rows.append({
            "section": section, "number": numbers.get(section.pk, ""), "depth": depth,
            "first": group[0] == section.pk, "last": group[-1] == section.pk,
            "overdue": bool(section.due and section.due < today and section.status not in ("submitted", "accepted")),
        })  # fmt: skip
    return rows


@login_required
@require_GET
def outline(request: HttpRequest, code: str) -> HttpResponse:
    """The outline tree with numbers, assignments and due dates; the secretariat edits it."""
    review = _review(request, code)
    template = (
        "reviews/workflow/_outline_tree.html" if request.htmx else "reviews/workflow/outline.html"
    )
    return render(
        request, template,
        _context(request, review, "outline", rows=outline_rows(review), form=forms.SectionForm(review=review)),
    )  # fmt: skip


@login_required
@require_POST
def section_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add a section to the outline."""
    return _managed_add(
        request, code, forms.SectionForm,
        lambda review, d: services.add_section(review, request.user, title=d["title"], parent=d["parent"], guidance=d["guidance"]),
        _("Đã thêm mục."), "reviews:outline",
    )  # fmt: skip


@login_required
@require_POST
def section_move(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """Move a section up, down, or under another parent (cycles refused)."""
    review = _review(request, code, manage=True)
    section = get_object_or_404(Section, review=review, code=section_code)
    try:
        if "parent" in request.POST:
            form = forms.MoveForm(request.POST, review=review)
            if not form.is_valid():
                raise WorkflowError(_form_errors(form))
            services.move_section(section, request.user, parent=form.cleaned_data["parent"])
        else:
            services.move_section(
                section, request.user, direction=request.POST.get("direction", "")
            )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        return render(
            request,
            "reviews/workflow/_outline_tree.html",
            _context(request, review, "outline", rows=outline_rows(review)),
        )
    return redirect("reviews:outline", review.code)


@login_required
@require_http_methods(["GET", "POST"])
def section_assign(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """Assign a section's lead agency, coordinating agencies and due date; also move it in the tree."""
    review = _review(request, code, manage=True)
    section = get_object_or_404(Section, review=review, code=section_code)
    if request.method == "POST":
        form = forms.AssignForm(request.POST, review=review)
        stored = _apply(
            request, form,
            lambda d: services.assign_section(section, request.user, lead_agency=d["lead_agency"], coordinating=d["coordinating"], due=d["due"]),
            _("Đã giao mục “%(t)s”.") % {"t": section.title},
        )  # fmt: skip
        if stored:
            return redirect("reviews:outline", review.code)
    else:
        form = forms.AssignForm(
            review=review,
            initial={
                "lead_agency": section.lead_agency,
                "coordinating": list(section.coordinating_agencies.all()),
                "due": section.due,
            },
        )
    move_form = forms.MoveForm(review=review, initial={"parent": section.parent})
    return render(
        request, "reviews/workflow/section_assign.html",
        _context(request, review, "outline", section=section, form=form, move_form=move_form,
                 number=services.outline_numbers(review).get(section.pk, "")),
    )  # fmt: skip


# --------------------------------------------------------------------------- sections


def _section(request: HttpRequest, code: str, section_code: str) -> tuple[Review, Section]:
    review = _review(request, code)
    section = get_object_or_404(
        Section.objects.select_related("lead_agency", "parent"), review=review, code=section_code
    )
    return review, section


def _safe(html: str) -> str:
    """Stored drafts were sanitised on save; sanitise again on display as a second wall."""
    return mark_safe(services.sanitize_html(html))  # noqa: S308 - nh3 output, the allowed subset only


@login_required
@require_GET
def section_detail(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """A section: current draft, versions, comments, and the actions the user may take."""
    review, section = _section(request, code, section_code)
    versions = list(section.versions.select_related("author"))
    latest = versions[0] if versions else None
    user = request.user
    return render(
        request, "reviews/workflow/section.html",
        _context(
            request, review, "outline", section=section, versions=versions, latest=latest,
            latest_html=_safe(latest.html) if latest else "",
            number=services.outline_numbers(review).get(section.pk, ""),
            comments=section.comments.select_related("author", "agency", "version"),
            coordinating=section.coordinating_agencies.all(),
            can_edit=rights.can_edit_section(user, section), can_comment=rights.can_comment_section(user, section),
            comment_form=forms.CommentForm(), upload_form=forms.UploadForm(),
        ),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """The draft editor of the lead agency's focal point (and the secretariat); 403 for everyone else."""
    review, section = _section(request, code, section_code)
    rights.require(rights.can_edit_section(request.user, section))
    latest = section.versions.first()
    html = latest.html if latest else ""
    if request.method == "POST":
        form = forms.DraftForm(request.POST)
        if form.is_valid():
            html = form.cleaned_data["html"]
            try:
                version = services.save_draft(
                    section, request.user, html, form.cleaned_data["note"]
                )
            except WorkflowError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã lưu phiên bản %(n)s.") % {"n": version.number})
                if services.had_active_markup(html):
                    messages.warning(
                        request,
                        _(
                            "Bản dự thảo có mã không được phép (script, style, khung nhúng hoặc thuộc tính sự "
                            "kiện); hệ thống đã loại bỏ, chỉ giữ nội dung văn bản."
                        ),
                    )
                return redirect("reviews:section", review.code, section.code)
    else:
        form = forms.DraftForm()
    return render(
        request, "reviews/workflow/section_edit.html",
        _context(
            request, review, "outline", section=section, form=form, draft_html=_safe(html),
            upload_form=forms.UploadForm(), number=services.outline_numbers(review).get(section.pk, ""),
        ),
    )  # fmt: skip


@login_required
@require_POST
def section_upload(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """A .docx upload converted into a new version."""
    review, section = _section(request, code, section_code)
    rights.require(rights.can_edit_section(request.user, section))
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("reviews:section_edit", review.code, section.code)
    try:
        data, name = _upload(request, form)
        version = services.upload_docx(section, request.user, data, name)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("reviews:section_edit", review.code, section.code)
    messages.success(request, _("Đã chuyển tệp thành phiên bản %(n)s.") % {"n": version.number})
    return redirect("reviews:section", review.code, section.code)


@login_required
@require_POST
def section_comment(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """A comment by a coordinating agency, the committee or the secretariat."""
    review, section = _section(request, code, section_code)
    rights.require(rights.can_comment_section(request.user, section))
    form = forms.CommentForm(request.POST)
    agency = rights.agency_in(request.user, review)
    _apply(
        request,
        form,
        lambda d: services.comment_section(section, request.user, d["text"], agency),
        _("Đã gửi góp ý."),
    )
    return redirect(reverse("reviews:section", args=[review.code, section.code]) + "#comments")


@login_required
@require_POST
def section_submit(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """The lead agency submits its latest draft."""
    review, section = _section(request, code, section_code)
    rights.require(rights.can_edit_section(request.user, section))
    form = forms.CommentForm(request.POST)
    _apply(
        request,
        form,
        lambda d: services.submit_section(section, request.user, d["text"]),
        _("Đã gửi dự thảo cho Thường trực."),
    )
    return redirect("reviews:section", review.code, section.code)


@login_required
@require_POST
def section_decide(
    request: HttpRequest, code: str, section_code: str, decision: str
) -> HttpResponse:
    """The secretariat accepts or returns a submitted draft."""
    review, section = _section(request, code, section_code)
    rights.require(rights.can_manage_review(request.user, review))
    form = forms.CommentForm(request.POST)
    decide, done = (
        (services.accept_section, _("Đã tiếp nhận."))
        if decision == "accept"
        else (services.return_section, _("Đã trả lại dự thảo."))
    )
    _apply(request, form, lambda d: decide(section, request.user, d["text"]), done)
    return redirect("reviews:section", review.code, section.code)


@login_required
@require_GET
def section_version(
    request: HttpRequest, code: str, section_code: str, number: int
) -> HttpResponse:
    """One saved version of a draft."""
    review, section = _section(request, code, section_code)
    version = get_object_or_404(section.versions.select_related("author"), number=number)
    return render(
        request, "reviews/workflow/section_version.html",
        _context(request, review, "outline", section=section, version=version, html=_safe(version.html)),
    )  # fmt: skip


@login_required
@require_GET
def section_compare(request: HttpRequest, code: str, section_code: str) -> HttpResponse:
    """Two versions side by side, line by line (difflib)."""
    review, section = _section(request, code, section_code)
    versions = list(section.versions.all())
    numbers = [v.number for v in versions]

    def pick(name: str, default: int | None) -> int | None:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() and int(raw) in numbers else default

    newest = numbers[0] if numbers else None
    right = pick("b", newest)
    left = pick("a", numbers[1] if len(numbers) > 1 else newest)
    table = ""
    if left is not None and right is not None:
        by_number = {v.number: v for v in versions}
        before = services.html_to_text(by_number[left].html).splitlines()
        after = services.html_to_text(by_number[right].html).splitlines()
        differ = difflib.HtmlDiff(tabsize=4)  # no wrap column: the browser wraps (CSS)
        # HtmlDiff escapes the text it shows; the table markup is its own.
        made = differ.make_table(
            before, after, _("Phiên bản %(n)s") % {"n": left}, _("Phiên bản %(n)s") % {"n": right}
        )
        # HtmlDiff writes spaces as &nbsp;, which stops the browser wrapping long lines (CSS pre-wrap keeps them).
        table = mark_safe(made.replace("&nbsp;", " "))  # noqa: S308
    return render(
        request, "reviews/workflow/section_compare.html",
        _context(request, review, "outline", section=section, numbers=numbers, left=left, right=right, table=table),
    )  # fmt: skip


# --------------------------------------------------------------------------- meetings


@login_required
@require_GET
def meetings(request: HttpRequest, code: str) -> HttpResponse:
    """The review's meetings."""
    review = _review(request, code)
    items = review.meetings.prefetch_related("conclusions", "attendees")
    return render(
        request, "reviews/workflow/meetings.html",
        _context(request, review, "meetings", meetings=items, form=forms.MeetingForm(review=review)),
    )  # fmt: skip


@login_required
@require_POST
def meeting_add(request: HttpRequest, code: str) -> HttpResponse:
    """Record a meeting."""
    review = _review(request, code, manage=True)
    form = forms.MeetingForm(request.POST, review=review)
    created: list[Meeting] = []
    if _apply(
        request,
        form,
        lambda d: created.append(services.create_meeting(review, request.user, **d)),
        _("Đã ghi phiên họp."),
    ):
        return redirect("reviews:meeting", review.code, created[0].code)
    return redirect("reviews:meetings", review.code)


def _meeting(
    request: HttpRequest, code: str, meeting_code: str, *, manage: bool = False
) -> tuple[Review, Meeting]:
    review = _review(request, code, manage=manage)
    return review, get_object_or_404(Meeting, review=review, code=meeting_code)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, code: str, meeting_code: str) -> HttpResponse:
    """A meeting: attendees, agenda, opinions, conclusions and their tasks, the summary and the notice."""
    review, meeting = _meeting(request, code, meeting_code)
    conclusions = meeting.conclusions.prefetch_related("tasks__owner")
    return render(
        request, "reviews/workflow/meeting.html",
        _context(
            request, review, "meetings", meeting=meeting,
            attendees=meeting.attendees.select_related("agency"),
            agenda=meeting.agenda.select_related("section", "data_request"),
            opinions=meeting.opinions.select_related("agenda_item"), conclusions=conclusions,
            summary=notice.summary_text(notice.facts_from_meeting(meeting)),
            attendee_form=forms.AttendeeForm(review=review), agenda_form=forms.AgendaForm(review=review),
            opinion_form=forms.OpinionForm(review=review, meeting=meeting), conclusion_form=forms.ConclusionForm(review=review),
            task_form=forms.TaskForm(review=review),
        ),
    )  # fmt: skip


@login_required
@require_POST
def meeting_part_add(request: HttpRequest, code: str, meeting_code: str, part: str) -> HttpResponse:
    """Add an attendee, an agenda item, an opinion or a conclusion to a meeting."""
    review, meeting = _meeting(request, code, meeting_code, manage=True)
    user = request.user
    if part == "attendee":
        form = forms.AttendeeForm(request.POST, review=review)
        action = lambda d: services.add_attendee(meeting, user, services.AttendeeInput(**d))  # noqa: E731
    elif part == "agenda":
        form = forms.AgendaForm(request.POST, review=review)
        action = lambda d: services.add_agenda_item(meeting, user, **d)  # noqa: E731
    elif part == "opinion":
        form = forms.OpinionForm(request.POST, review=review, meeting=meeting)
        action = lambda d: services.add_opinion(meeting, user, **d)  # noqa: E731
    elif part == "conclusion":
        form = forms.ConclusionForm(request.POST, review=review)
        action = lambda d: services.add_conclusion(meeting, user, d["text"])  # noqa: E731
    else:
        raise Http404
    _apply(request, form, action, _("Đã thêm."))
    return redirect(reverse("reviews:meeting", args=[review.code, meeting.code]) + f"#{part}s")


@login_required
@require_POST
def conclusion_task(
    request: HttpRequest, code: str, meeting_code: str, conclusion_id: int
) -> HttpResponse:
    """Turn a conclusion into a task for an agency with a deadline."""
    review, meeting = _meeting(request, code, meeting_code, manage=True)
    conclusion = get_object_or_404(Conclusion, meeting=meeting, pk=conclusion_id)
    form = forms.TaskForm(request.POST, review=review)
    _apply(
        request, form,
        lambda d: services.conclusion_to_task(conclusion, request.user, owner=d["owner"], deadline=d["deadline"], title=d["title"]),
        _("Đã giao nhiệm vụ."),
    )  # fmt: skip
    return redirect(reverse("reviews:meeting", args=[review.code, meeting.code]) + "#conclusions")


@login_required
@require_GET
def meeting_notice(request: HttpRequest, code: str, meeting_code: str) -> HttpResponse:
    """The notice of conclusions as a .docx download."""
    review, meeting = _meeting(request, code, meeting_code)
    data = notice.build_notice(notice.facts_from_meeting(meeting))
    response = HttpResponse(data, content_type=services.DOCX_CONTENT_TYPE)
    day = timezone.localtime(meeting.held_at).date()
    response["Content-Disposition"] = (
        f'attachment; filename="thong-bao-ket-luan-{review.code}-{meeting.code}-{day:%Y%m%d}.docx"'
    )
    return response


# --------------------------------------------------------------------------- tasks


def _filter_items(request: HttpRequest, items: list, my_agency) -> tuple[list, str]:
    """Apply the page's filter: all, mine (my agency), overdue, open."""
    scope = request.GET.get("scope", "open")
    today = services.today()
    if scope == "mine":
        items = [
            i
            for i in items
            if my_agency is not None
            and i.owner is not None
            and i.owner.pk == my_agency.pk
            and not i.done
        ]
    elif scope == "overdue":
        items = [i for i in items if i.overdue_on(today)]
    elif scope == "open":
        items = [i for i in items if not i.done]
    else:
        scope = "all"
    kind = request.GET.get("kind", "")
    if kind in services.WORK_KINDS:
        items = [i for i in items if i.kind == kind]
    return items, scope


@login_required
@require_GET
def tasks(request: HttpRequest, code: str) -> HttpResponse:
    """One list across milestones, section drafts, data requests and tasks of the review."""
    review = _review(request, code)
    my_agency = rights.agency_in(request.user, review)
    items, scope = _filter_items(request, services.work_items([review]), my_agency)
    return render(
        request, "reviews/workflow/tasks.html",
        _context(
            request, review, "tasks", items=items, scope=scope, kind=request.GET.get("kind", ""),
            kinds=services.WORK_KINDS, form=forms.TaskForm(review=review),
            task_map={t.pk: t for t in review.tasks.all()},
        ),
    )  # fmt: skip


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """What the user's agency owes across every review they take part in."""
    reviews = list(rights.visible_reviews(request.user))
    agency = getattr(request.user, "agency", None)
    items = []
    for review in reviews:
        mine = rights.agency_in(request.user, review)
        if mine is not None:
            items.extend(services.work_items([review], agency=mine, open_only=True))
    items.sort(key=lambda i: (i.due or dt.date.max, i.title))
    return render(
        request,
        "reviews/workflow/my_tasks.html",
        {"items": items, "agency": agency, "my_agency": agency, "today": services.today()},
    )


@login_required
@require_POST
def task_add(request: HttpRequest, code: str) -> HttpResponse:
    """Give an agency a task outside any meeting."""
    return _managed_add(
        request, code, forms.TaskForm,
        lambda review, d: services.add_task(review, request.user, title=d["title"], owner=d["owner"], deadline=d["deadline"]),
        _("Đã giao nhiệm vụ."), "reviews:tasks",
    )  # fmt: skip


@login_required
@require_POST
def task_done(request: HttpRequest, code: str, task_code: str) -> HttpResponse:
    """Mark a task done: the secretariat, or the owner agency's focal point."""
    review = _review(request, code)
    task = get_object_or_404(Task, review=review, code=task_code)
    rights.require(rights.can_complete_task(request.user, task))
    try:
        services.complete_task(task, request.user)
        messages.success(request, _("Đã đánh dấu hoàn thành."))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return _back(request, reverse("reviews:tasks", args=[review.code]))


# --------------------------------------------------------------------------- policies


@login_required
@require_GET
def policies(request: HttpRequest, code: str) -> HttpResponse:
    """The inventory of mechanisms and policies issued under the resolution."""
    review = _review(request, code)
    return render(
        request, "reviews/workflow/policies.html",
        _context(
            request, review, "policies", policies=review.policies.prefetch_related("targets"),
            form=forms.PolicyForm(review=review), import_form=forms.FileImportForm(review=review),
            columns=services.POLICY_COLUMNS,
        ),
    )  # fmt: skip


@login_required
@require_POST
def policy_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add a policy."""
    return _managed_add(
        request, code, forms.PolicyForm,
        lambda review, d: services.add_policy(review, request.user, **d),
        _("Đã thêm cơ chế, chính sách."), "reviews:policies",
    )  # fmt: skip


@login_required
@require_POST
def policy_import(request: HttpRequest, code: str) -> HttpResponse:
    """Import policies from an .xlsx, all or nothing."""
    review = _review(request, code, manage=True)
    form = forms.FileImportForm(request.POST, request.FILES, review=review)
    _import(
        request, form,
        lambda: _upload(request, form),
        lambda data, name: services.import_policies(review, request.user, data, name),
        done=_("Đã nhập; %(n)s cơ chế, chính sách mới."), refused=_("Không nhập dòng nào: "),
    )  # fmt: skip
    return redirect("reviews:policies", review.code)


# --------------------------------------------------------------------------- activity and notifications


@login_required
@require_GET
def activity(request: HttpRequest, code: str) -> HttpResponse:
    """Who did what in the review, newest first."""
    review = _review(request, code)
    page = Paginator(Activity.objects.filter(review=review).select_related("actor"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "reviews/workflow/activity.html", _context(request, review, "activity", page=page)
    )


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first."""
    items = Notification.objects.filter(user=request.user).select_related("review")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request, "reviews/workflow/notifications.html",
        {"page": page, "unread": items.filter(read_at__isnull=True).count()},
    )  # fmt: skip


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark the user's notifications (one, or all) as read."""
    items = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if request.POST.get("id", "").isdigit():
        items = items.filter(pk=int(request.POST["id"]))
    items.update(read_at=timezone.now())
    return redirect("reviews:notifications")
