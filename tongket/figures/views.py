"""Pages of the figures app: data requests, workbook round trip, data-entry grid, history, completeness.

Every view finds the review through `get_review_for` (404 for outsiders) and asks `accounts.rights`;
an agency's focal point sees and writes only its own agency's requests (404 for the others).
"""

from __future__ import annotations

import io
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tongket.accounts import rights
from tongket.accounts.rights import (
    can_approve_figures,
    can_manage_review,
    can_reopen_figures,
    can_write_agency_figures,
    get_review_for,
    require,
)
from tongket.core.numbers import NumberFormatError, format_compact, parse_vn_number
from tongket.core.periods import period_label_vi
from tongket.figures import forms as figure_forms
from tongket.figures.formats import FileRefused, read_file, xlsx
from tongket.figures.models import Basis, DataRequest, Figure, FigureHistory, FigureStatus
from tongket.figures.services import (
    FigureConflict,
    FigureLocked,
    ImportResult,
    RowError,
    WorkflowError,
    approve_request,
    completeness_for,
    import_figures,
    reopen_figure,
    return_request,
    save_figure,
    submit_request,
)
from tongket.organizations.models import Agency
from tongket.reviews.models import Review

UPLOAD_DIR = Path(settings.VAR_DIR) / "figure-uploads"
SESSION_KEY = "figure_uploads"
WRITABLE = (DataRequest.Status.OPEN, DataRequest.Status.RETURNED)
FIGURES_SHOWN = 500


def _get_request(user, review, code: str) -> DataRequest:
    """A request of the review the user may see (404 otherwise)."""
    data_request = (
        DataRequest.objects.select_related("agency", "review", "decided_by")
        .filter(review=review, code=code)
        .first()
    )
    if data_request is None:
        raise Http404
    if not rights.sees_agency_work(user, review, data_request.agency_id):
        raise Http404
    return data_request


def _scope(data_request: DataRequest):
    """The request's indicators and areas, ordered, in two queries."""
    indicators = list(data_request.indicators.order_by("code"))
    areas = list(data_request.areas.order_by("code"))
    return indicators, areas, list(data_request.periods)


@login_required
@require_safe
def request_by_pk(request: HttpRequest, pk: int) -> HttpResponse:
    """`figures:request` by id (the home page links here): redirect to the request's page."""
    data_request = get_object_or_404(DataRequest.objects.select_related("review"), pk=pk)
    review = get_review_for(request.user, data_request.review.code)
    _get_request(request.user, review, data_request.code)
    return redirect("figures:request_detail", review.code, data_request.code)


@login_required
@require_safe
def request_list(
    request: HttpRequest, review_code: str, agency_code: str | None = None
) -> HttpResponse:
    """The review's data requests (a focal point sees its agency's), with completeness and timeliness."""
    review = get_review_for(request.user, review_code)
    requests = DataRequest.objects.filter(review=review).select_related("agency")
    agency = None
    if agency_code is not None:
        agency = get_object_or_404(Agency, code=agency_code)
        if not rights.sees_agency_work(request.user, review, agency.pk):
            raise Http404
        requests = requests.filter(agency=agency)
    requests = list(rights.visible_requests(request.user, review, requests))
    stats = completeness_for(requests)
    rows = [(r, stats[r.pk]) for r in requests]
    return render(
        request,
        "figures/request_list.html",
        {
            "review": review,
            "agency": agency,
            "rows": rows,
            "can_create": can_manage_review(request.user, review),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, review_code: str) -> HttpResponse:
    """The secretariat asks an agency for figures."""
    review = get_review_for(request.user, review_code)
    require(can_manage_review(request.user, review))
    form = figure_forms.DataRequestForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():
        data_request = form.save(commit=False)
        data_request.created_by = request.user
        data_request.save()
        form.save_m2m()
        messages.success(request, _("Đã tạo yêu cầu số liệu."))
        return redirect("figures:request_detail", review.code, data_request.code)
    return render(request, "figures/request_form.html", {"review": review, "form": form})


def _detail_context(request: HttpRequest, review, data_request: DataRequest) -> dict:
    indicators, areas, periods = _scope(data_request)
    stats = completeness_for([data_request])[data_request.pk]
    user = request.user
    figures = list(
        Figure.objects.filter(indicator__in=indicators, area__in=areas, period__in=periods)
        .select_related("indicator", "area", "updated_by")
        .order_by("indicator__code", "area__code", "year", "period", "basis")[:FIGURES_SHOWN]
    )
    return {
        "figures": figures,
        "figures_shown": FIGURES_SHOWN,
        "review": review,
        "req": data_request,
        "indicators": indicators,
        "areas": areas,
        "periods": [(p, period_label_vi(p)) for p in periods],
        "stats": stats,
        "can_write": can_write_agency_figures(user, review, data_request.agency)
        and data_request.status in WRITABLE,
        "can_submit": can_write_agency_figures(user, review, data_request.agency)
        and data_request.status in WRITABLE,
        "can_decide": can_approve_figures(user, review)
        and data_request.status == DataRequest.Status.SUBMITTED,
        "return_form": figure_forms.ReturnForm(),
        "upload_form": figure_forms.UploadForm(),
    }


@login_required
@require_safe
def request_detail(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """A request: scope, expected vs received, on time or late, status and the actions allowed."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    return render(
        request, "figures/request_detail.html", _detail_context(request, review, data_request)
    )


def _request_step(
    request: HttpRequest,
    review_code: str,
    code: str,
    *,
    allowed: Callable[[Review, DataRequest], bool],
    step: Callable[[DataRequest, object], int],
    done: str,
) -> HttpResponse:
    """Run one workflow step on a request (after its rights check) and report it as a message.

    ``done`` is the Vietnamese success message, with ``%(n)s`` for the number of figures moved.
    """
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    require(allowed(review, data_request))
    try:
        count = step(data_request, request.user)
        messages.success(request, done % {"n": count})
    except WorkflowError as exc:
        messages.error(request, str(exc))
    return redirect("figures:request_detail", review.code, data_request.code)


def _with_reason(
    request: HttpRequest,
    form,
    field: str,
    run: Callable[[str], object],
    *,
    missing: str,
    done: str,
) -> None:
    """A step that needs a reason (return, reopen): `missing` when the form has none, else run it
    with the reason and say `done`, or the service's refusal."""
    if not form.is_valid():
        messages.error(request, missing)
        return
    try:
        run(form.cleaned_data[field])
        messages.success(request, done)
    except WorkflowError as exc:
        messages.error(request, str(exc))


@login_required
@require_POST
def request_submit(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """The focal point sends the agency's figures."""
    return _request_step(
        request, review_code, code,
        allowed=lambda review, req: can_write_agency_figures(request.user, review, req.agency),
        step=submit_request, done=_("Đã gửi %(n)s số liệu."),
    )  # fmt: skip


@login_required
@require_POST
def request_approve(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """The secretariat or a committee member approves: the figures are locked."""
    return _request_step(
        request, review_code, code,
        allowed=lambda review, req: can_approve_figures(request.user, review),
        step=approve_request, done=_("Đã phê duyệt và khóa %(n)s số liệu."),
    )  # fmt: skip


@login_required
@require_POST
def request_return(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """Return the figures to the agency with a comment."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    require(can_approve_figures(request.user, review))
    _with_reason(
        request, figure_forms.ReturnForm(request.POST), "comment",
        lambda comment: return_request(data_request, request.user, comment),
        missing=_("Cần ghi lý do trả lại."), done=_("Đã trả lại yêu cầu cho cơ quan."),
    )  # fmt: skip
    return redirect("figures:request_detail", review.code, data_request.code)


# --- Workbook round trip ---------------------------------------------------------------------------


def workbook_bytes(data_request: DataRequest) -> bytes:
    """The request's workbook: one row per indicator × area × period, known figures pre-filled."""
    indicators, areas, periods = _scope(data_request)
    known = {
        (f[0], f[1], f[2]): f[3:]
        for f in Figure.objects.filter(
            indicator__in=indicators, area__in=areas, period__in=periods, basis=Basis.OFFICIAL
        ).values_list("indicator_id", "area_id", "period", "value", "comment", "citation")
    }
    rows = []
    for indicator in indicators:
        for area in areas:
            for period in periods:
                value, comment, citation = known.get(
                    (indicator.pk, area.pk, period), (None, "", "")
                )
                rows.append(
                    (indicator.code, indicator.name, indicator.unit, area.code, area.name, period, value,
                     Basis.OFFICIAL, comment, citation)
                )  # fmt: skip
    instructions = [
        *xlsx.DEFAULT_INSTRUCTIONS,
        "",
        _("Yêu cầu: %(title)s") % {"title": data_request.title},
        _("Cơ quan: %(agency)s") % {"agency": data_request.agency.name},
        _("Hạn gửi: %(date)s") % {"date": data_request.deadline.strftime("%d/%m/%Y")},
        *(data_request.instructions.splitlines()),
    ]
    buffer = io.BytesIO()
    xlsx.write(
        buffer,
        rows,
        meta={
            "request": data_request.code,
            "review": data_request.review.code,
            "version": str(data_request.version),
        },
        instructions=instructions,
    )
    return buffer.getvalue()


@login_required
@require_safe
def workbook_download(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """Download the request's workbook."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    response = HttpResponse(
        workbook_bytes(data_request),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    safe = "".join(
        ch if ch.isalnum() or ch in "-_" else "_" for ch in f"{review.code}-{data_request.code}"
    )
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{safe}.xlsx"'
    return response


def _check_upload(
    data_request: DataRequest, name: str, data: bytes, user
) -> tuple[ImportResult, list]:
    """Read an uploaded file for a request and compute what it would change (nothing is stored)."""
    indicators, areas, periods = _scope(data_request)
    units = {i.code: i.unit for i in indicators}
    result = ImportResult()
    try:
        parsed = read_file(name, data, max_bytes=settings.TONGKET_MAX_UPLOAD_BYTES, units=units)
    except FileRefused as refused:
        result.errors.extend(RowError(p.where, p.message) for p in refused.problems)
        return result, []
    if parsed.meta.get("request") and parsed.meta.get("request") != data_request.code:
        result.errors.append(
            RowError(
                "",
                _("Tệp này là mẫu của yêu cầu '%(code)s', không phải của yêu cầu này.")
                % {"code": parsed.meta["request"][:40]},
            )
        )
        return result, []
    scope = ({i.code for i in indicators}, {a.code for a in areas}, set(periods))
    for row in parsed.rows:
        if row.indicator not in scope[0] or row.area not in scope[1] or row.period not in scope[2]:
            result.errors.append(
                RowError(
                    row.where,
                    _("%(key)s nằm ngoài phạm vi của yêu cầu")
                    % {"key": f"{row.indicator}/{row.area}/{row.period}"},
                )
            )
    if result.errors:
        return result, []
    result = import_figures(
        parsed.rows, actor=user, via=FigureHistory.Via.FILE, source=name, status=FigureStatus.DRAFT,
        agency=data_request.agency, request=data_request, dry_run=True, keep_changes=True,
    )  # fmt: skip
    return result, parsed.rows


def _forget_old_uploads(max_age_seconds: int = 86_400) -> None:
    """Previewed uploads nobody confirmed are deleted after a day."""
    limit = time.time() - max_age_seconds
    for path in UPLOAD_DIR.glob("*.bin"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


@login_required
@require_POST
def workbook_upload(request: HttpRequest, review_code: str, code: str) -> HttpResponse:
    """Upload a filled workbook: show the preview (new, changed, unchanged, errors); nothing stored yet."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    require(can_write_agency_figures(request.user, review, data_request.agency))
    if data_request.status not in WRITABLE:
        messages.error(request, _("Yêu cầu đã gửi hoặc đã phê duyệt: không thể tải số liệu lên."))
        return redirect("figures:request_detail", review.code, data_request.code)
    form = figure_forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _detail_context(request, review, data_request) | {"upload_form": form}
        return render(request, "figures/request_detail.html", context, status=400)
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name[:120]
    data = upload.read()
    result, _rows = _check_upload(data_request, name, data, request.user)
    token = ""
    if not result.errors:
        token = secrets.token_urlsafe(16)
        UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
        _forget_old_uploads()
        (UPLOAD_DIR / f"{token}.bin").write_bytes(data)
        uploads = request.session.get(SESSION_KEY, {})
        uploads[token] = {"request": data_request.pk, "name": name, "version": data_request.version}
        request.session[SESSION_KEY] = uploads
    changes = result.changes
    context = {
        "review": review,
        "req": data_request,
        "name": name,
        "result": result,
        "token": token,
        "created": [c for c in changes if c.kind == "created"],
        "updated": [c for c in changes if c.kind == "updated"],
        "unchanged": [c for c in changes if c.kind == "unchanged"],
    }
    return render(
        request, "figures/upload_preview.html", context, status=200 if not result.errors else 422
    )


@login_required
@require_POST
def workbook_confirm(request: HttpRequest, review_code: str, code: str, token: str) -> HttpResponse:
    """Apply a previewed upload: everything in one transaction, or nothing."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    require(can_write_agency_figures(request.user, review, data_request.agency))
    uploads = request.session.get(SESSION_KEY, {})
    entry = uploads.get(token)
    path = UPLOAD_DIR / f"{token}.bin"
    if not entry or entry["request"] != data_request.pk or not path.is_file():
        messages.error(request, _("Tệp tải lên đã hết hạn hoặc đã được lưu; hãy tải lên lại."))
        return redirect("figures:request_detail", review.code, data_request.code)
    if data_request.status not in WRITABLE:
        messages.error(request, _("Yêu cầu đã gửi hoặc đã phê duyệt: không thể lưu số liệu."))
        return redirect("figures:request_detail", review.code, data_request.code)
    result, rows = _check_upload(data_request, entry["name"], path.read_bytes(), request.user)
    if not result.errors:
        result = import_figures(
            rows, actor=request.user, via=FigureHistory.Via.FILE, source=entry["name"],
            status=FigureStatus.DRAFT, agency=data_request.agency, request=data_request,
        )  # fmt: skip
    if result.errors:
        for error in result.errors[:10]:
            messages.error(request, str(error))
        messages.error(request, _("Không có số liệu nào được lưu."))
    else:
        path.unlink(missing_ok=True)
        uploads.pop(token, None)
        request.session[SESSION_KEY] = uploads
        messages.success(
            request,
            _("Đã lưu: %(c)s mới, %(u)s sửa, %(n)s không đổi.")
            % {"c": result.created, "u": result.updated, "n": result.unchanged},
        )
    return redirect("figures:request_detail", review.code, data_request.code)


# --- Data-entry grid -------------------------------------------------------------------------------


def _cell_context(
    review, data_request, indicator, area, period, figure, editable, message="", level=""
):
    return {
        "review": review,
        "req": data_request,
        "indicator": indicator,
        "area": area,
        "period": period,
        "figure": figure,
        "text": format_compact(figure.value, 6) if figure else "",
        "editable": editable and not (figure and figure.locked),
        "message": message,
        "level": level,
    }


@login_required
@require_safe
def grid(request: HttpRequest, review_code: str, code: str, area_code: str) -> HttpResponse:
    """Indicators × periods for one area; each cell saves itself with HTMX."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    indicators, areas, periods = _scope(data_request)
    area = next((a for a in areas if a.code == area_code), None)
    if area is None:
        raise Http404
    editable = (
        can_write_agency_figures(request.user, review, data_request.agency)
        and data_request.status in WRITABLE
    )
    figures = {
        (f.indicator_id, f.period): f
        for f in Figure.objects.filter(
            indicator__in=indicators, area=area, period__in=periods, basis=Basis.OFFICIAL
        )
    }
    table = [
        (
            indicator,
            [
                _cell_context(
                    review,
                    data_request,
                    indicator,
                    area,
                    p,
                    figures.get((indicator.pk, p)),
                    editable,
                )
                for p in periods
            ],
        )
        for indicator in indicators
    ]
    return render(
        request,
        "figures/grid.html",
        {
            "review": review,
            "req": data_request,
            "area": area,
            "areas": areas,
            "periods": [(p, period_label_vi(p)) for p in periods],
            "table": table,
            "editable": editable,
        },
    )


@login_required
@require_POST
def grid_cell(request: HttpRequest, review_code: str, code: str, area_code: str) -> HttpResponse:
    """Save one cell (HTMX): optimistic locking by version; a conflict shows the other person's value."""
    review = get_review_for(request.user, review_code)
    data_request = _get_request(request.user, review, code)
    require(can_write_agency_figures(request.user, review, data_request.agency))
    indicators, areas, periods = _scope(data_request)
    indicator = next((i for i in indicators if i.code == request.POST.get("indicator")), None)
    area = next((a for a in areas if a.code == area_code), None)
    period = request.POST.get("period", "")
    if indicator is None or area is None or period not in periods:
        raise Http404
    current = Figure.objects.filter(
        indicator=indicator, area=area, period=period, basis=Basis.OFFICIAL
    ).first()
    if data_request.status not in WRITABLE:
        context = _cell_context(review, data_request, indicator, area, period, current, False,
                                _("Yêu cầu đã gửi hoặc đã phê duyệt."), "danger")  # fmt: skip
        return render(request, "figures/_cell.html", context)
    raw = request.POST.get("value", "")
    try:
        version_text = request.POST.get("version", "")
        expected = int(version_text) if version_text else 0
        value = float(parse_vn_number(raw))
    except (ValueError, NumberFormatError) as exc:
        message = (
            str(exc) if isinstance(exc, NumberFormatError) else _("Dữ liệu gửi lên không hợp lệ.")
        )
        context = _cell_context(
            review, data_request, indicator, area, period, current, True, message, "danger"
        )
        context["text"] = raw[:40]
        return render(request, "figures/_cell.html", context)
    try:
        figure = save_figure(
            indicator=indicator, area=area, period=period, value=value, expected_version=expected,
            actor=request.user, via=FigureHistory.Via.GRID, agency=data_request.agency, request=data_request,
        )  # fmt: skip
        context = _cell_context(
            review, data_request, indicator, area, period, figure, True, _("Đã lưu"), "success"
        )
    except FigureConflict as conflict:
        other = conflict.figure
        who = (
            other.updated_by.get_full_name() or other.updated_by.username
            if other.updated_by
            else _("người khác")
        )
        message = _(
            "Không lưu: %(who)s vừa lưu giá trị %(other)s trước anh/chị. Giá trị của anh/chị (%(mine)s) "
            "chưa được lưu; hãy xem lại rồi nhập lại."
        ) % {"who": who, "other": format_compact(other.value, 6), "mine": raw[:40]}
        fresh = other if other.pk else None
        context = _cell_context(
            review, data_request, indicator, area, period, fresh, True, message, "warning"
        )
    except FigureLocked as locked:
        context = _cell_context(review, data_request, indicator, area, period, locked.figure, False,
                                _("Số liệu đã phê duyệt và khóa."), "danger")  # fmt: skip
    except ValueError as exc:
        context = _cell_context(
            review, data_request, indicator, area, period, current, True, str(exc), "danger"
        )
        context["text"] = raw[:40]
    return render(request, "figures/_cell.html", context)


# --- One figure: history and reopening -------------------------------------------------------------


@login_required
@require_safe
def figure_history(request: HttpRequest, review_code: str, pk: int) -> HttpResponse:
    """ "Ai đã sửa số liệu này": every change of the figure and of its other bases (estimate, preliminary)."""
    review = get_review_for(request.user, review_code)
    figure = get_object_or_404(
        Figure.objects.select_related("indicator", "area", "source_agency"), pk=pk
    )
    if figure.source_agency_id is not None and not rights.sees_agency_work(
        request.user, review, figure.source_agency_id
    ):
        raise Http404
    siblings = list(
        Figure.objects.filter(
            indicator=figure.indicator_id, area=figure.area_id, period=figure.period
        )
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("history", queryset=FigureHistory.objects.select_related("changed_by"))
        )
        .order_by("basis")
    )
    return render(
        request,
        "figures/figure_history.html",
        {
            "review": review,
            "figure": figure,
            "siblings": siblings,
            "period_label": period_label_vi(figure.period),
            "can_reopen": can_reopen_figures(request.user, review) and figure.locked,
            "reopen_form": figure_forms.ReopenForm(),
        },
    )


@login_required
@require_POST
def figure_reopen(request: HttpRequest, review_code: str, pk: int) -> HttpResponse:
    """A committee member unlocks an approved figure, with a reason."""
    review = get_review_for(request.user, review_code)
    figure = get_object_or_404(Figure, pk=pk)
    require(can_reopen_figures(request.user, review))
    _with_reason(
        request, figure_forms.ReopenForm(request.POST), "reason",
        lambda reason: reopen_figure(figure, request.user, reason),
        missing=_("Cần ghi lý do mở khóa."), done=_("Đã mở khóa số liệu."),
    )  # fmt: skip
    return redirect(reverse("figures:figure_history", args=[review.code, figure.pk]))


# --- Completeness and timeliness -------------------------------------------------------------------


@login_required
@require_safe
def completeness(request: HttpRequest, review_code: str) -> HttpResponse:
    """Per agency: expected vs received, on time vs late; and the overdue requests (secretariat)."""
    review = get_review_for(request.user, review_code)
    require(can_approve_figures(request.user, review))
    requests = list(DataRequest.objects.filter(review=review).select_related("agency"))
    stats = completeness_for(requests)
    per_agency: dict[int, dict] = {}
    for r in requests:
        s = stats[r.pk]
        row = per_agency.setdefault(
            r.agency_id,
            {
                "agency": r.agency,
                "requests": 0,
                "expected": 0,
                "received": 0,
                "on_time": 0,
                "late": 0,
            },
        )
        row["requests"] += 1
        row["expected"] += s.expected
        row["received"] += s.received
        row["on_time"] += s.on_time
        row["late"] += s.late
    for row in per_agency.values():
        row["percent"] = 100.0 * row["received"] / row["expected"] if row["expected"] else 100.0
    overdue = [(r, stats[r.pk]) for r in requests if stats[r.pk].overdue]
    return render(
        request,
        "figures/completeness.html",
        {
            "review": review,
            "agencies": sorted(per_agency.values(), key=lambda row: row["agency"].code),
            "overdue": overdue,
            "today": timezone.localdate(),
        },
    )
