"""The "import targets from text" page (Nhập chỉ tiêu từ văn bản) of a resolution.

One address, a plain POST round trip in two steps:
1. paste the text or upload a `.txt`/`.docx` (`action=extract`) → the proposed targets in a table, each
   row's words highlighted in the text;
2. edit, drop, link or create indicators, then confirm (`action=confirm`) → every kept row is saved in
   one transaction and the page goes back to the resolution, where the targets now appear.

Only the secretariat of a review of the resolution (or a superuser) may use it: a person with another
role in one of its reviews gets 403, anyone else 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tongket.accounts import rights
from tongket.extraction.extractor import extract_targets
from tongket.extraction.forms import (
    MAX_ROWS,
    SourceForm,
    TargetRowFormSet,
    initial_row,
    normalize_text,
)
from tongket.extraction.marking import Mark, condense, highlight
from tongket.extraction.reading import MAX_BYTES
from tongket.extraction.services import ConfirmError, confirm_targets
from tongket.resolutions.models import Indicator, Resolution

PREFIX = "row"


def _resolution_for(request: HttpRequest, pk: int) -> Resolution:
    """The resolution if the user may import its targets: 403 for its other reviewers, else 404."""
    resolution = get_object_or_404(Resolution, pk=pk)
    if rights.can_edit_resolution(request.user, resolution):
        return resolution
    if any(rights.can_view_review(request.user, review) for review in resolution.reviews.all()):
        raise PermissionDenied
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def import_targets(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste or upload the resolution's text, review the proposed targets, confirm them."""
    resolution = _resolution_for(request, pk)
    if request.method == "GET":
        form = SourceForm(initial={"text": resolution.text})
        return _source_page(request, resolution, form)
    # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (files aside) or with too many fields when
    # it is first read. The CSRF check usually reads it first and answers a bare 400; when it has not,
    # say why here.
    try:
        action = request.POST.get("action", "extract")
        files = request.FILES
    except RequestDataTooBig:
        form = SourceForm()
        form.add_error(
            None,
            _("Văn bản quá lớn: vượt giới hạn %(limit)s byte.")
            % {"limit": f"{MAX_BYTES:,}".replace(",", ".")},
        )
        return _source_page(request, resolution, form, status=400)
    except TooManyFieldsSent:
        form = SourceForm()
        form.add_error(
            None,
            _("Quá nhiều chỉ tiêu trong một lần xác nhận: mỗi lần tối đa %(max)s chỉ tiêu.")
            % {"max": MAX_ROWS},
        )
        return _source_page(request, resolution, form, status=400)
    if action == "confirm":
        return _confirm(request, resolution)
    return _extract(request, resolution, SourceForm(request.POST, files))


def _source_page(
    request: HttpRequest, resolution: Resolution, form: SourceForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "extraction/source.html",
        {"resolution": resolution, "form": form},
        status=status,
    )


def _indicators() -> list[Indicator]:
    return list(Indicator.objects.only("pk", "code", "name", "unit", "kind").order_by("code"))


def _extract(request: HttpRequest, resolution: Resolution, form: SourceForm) -> HttpResponse:
    if not form.is_valid():
        return _source_page(request, resolution, form, status=400)
    source = form.cleaned_data["source"]
    found = extract_targets(source)
    if not found:
        form.add_error(
            None,
            _(
                "Không tìm thấy chỉ tiêu định lượng nào trong văn bản (câu có số liệu và đơn vị, "
                "ví dụ “GRDP bình quân đầu người đạt 14.740 USD”)."
            ),
        )
        return _source_page(request, resolution, form)
    if len(found) > MAX_ROWS:
        messages.warning(
            request,
            _(
                "Văn bản có %(count)s chỉ tiêu; trang hiển thị %(max)s chỉ tiêu đầu tiên. Hãy xác "
                "nhận các chỉ tiêu này rồi dán phần văn bản còn lại."
            )
            % {"count": len(found), "max": MAX_ROWS},
        )
        found = found[:MAX_ROWS]
    # A long text travels on as the stretches around its targets only (spans moved accordingly).
    source, spans = condense(source, [item.span for item in found])
    indicators = _indicators()
    taken = {indicator.code for indicator in indicators}
    formset = TargetRowFormSet(
        initial=[
            initial_row(item, span, indicators, taken)
            for item, span in zip(found, spans, strict=True)
        ],
        prefix=PREFIX,
        form_kwargs={"indicators": indicators},
    )
    return _review_page(request, resolution, source, formset)


def _confirm(request: HttpRequest, resolution: Resolution) -> HttpResponse:
    source = normalize_text(request.POST.get("source", ""))[:MAX_BYTES]
    formset = TargetRowFormSet(
        request.POST, prefix=PREFIX, form_kwargs={"indicators": _indicators()}
    )
    errors: list[str] = []
    by_row: dict[int, list[str]] = {}
    if formset.is_valid():
        rows = [
            form.to_row(number, source)
            for number, form in enumerate(formset.forms, start=1)
            if form.kept
        ]
        try:
            targets = confirm_targets(resolution, rows, request.user)
        except ConfirmError as exc:
            errors, by_row = exc.messages, exc.by_row
        else:
            messages.success(
                request,
                _("Đã lưu %(count)s chỉ tiêu vào Nghị quyết %(code)s.")
                % {"count": len(targets), "code": resolution.code},
            )
            return redirect("resolutions:detail", pk=resolution.pk)
    else:
        errors = [_("Có dòng chưa hợp lệ: xem các ô được đánh dấu đỏ bên dưới.")]
    for number, form in enumerate(formset.forms, start=1):
        form.row_errors = by_row.get(number, [])
    return _review_page(request, resolution, source, formset, errors=errors, status=400)


def _review_page(
    request: HttpRequest,
    resolution: Resolution,
    source: str,
    formset,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    marks = []
    for number, form in enumerate(formset.forms, start=1):
        span = form.source_span()
        form.number = number
        if span:
            marks.append(Mark(span[0], span[1], number))
    return render(
        request,
        "extraction/review.html",
        {
            "resolution": resolution,
            "formset": formset,
            "source": source,
            "highlighted": highlight(source, marks),
            "errors": errors or [],
        },
        status=status,
    )
