"""The review's documents page: build the report, the figures appendix or a meeting's notice in the
background, watch the progress, download the file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from tongket.accounts import rights
from tongket.reports.models import DocumentBuild
from tongket.reports.services import BuildRefused, request_build
from tongket.reviews.models import Meeting

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
}


def can_build(user, review) -> bool:
    """The secretariat compiles the report; committee members may build it too."""
    return rights.can_approve_figures(user, review)


@login_required
@require_GET
def documents(request: HttpRequest, code: str) -> HttpResponse:
    """The documents of a review and the buttons that build them."""
    review = rights.get_review_for(request.user, code)
    builds = list(
        DocumentBuild.objects.filter(review=review)
        .select_related("requested_by", "meeting")
        .defer("content")[:30]
    )
    return render(
        request,
        "reports/documents.html",
        {
            "review": review,
            "builds": builds,
            "meetings": list(Meeting.objects.filter(review=review).order_by("-held_at")),
            "can_build": can_build(request.user, review),
            "kinds": DocumentBuild.Kind,
        },
    )


@login_required
@require_POST
def build(request: HttpRequest, code: str) -> HttpResponse:
    """Queue a build ("Xuất báo cáo") and show its progress."""
    review = rights.get_review_for(request.user, code)
    rights.require(can_build(request.user, review))
    meeting = None
    if request.POST.get("meeting"):
        meeting = Meeting.objects.filter(review=review, code=request.POST["meeting"]).first()
    try:
        job = request_build(
            review,
            request.POST.get("kind", DocumentBuild.Kind.REPORT),
            request.user,
            document_format=request.POST.get("format", ""),
            meeting=meeting,
        )
    except BuildRefused as exc:
        if request.htmx:
            return HttpResponse(f'<div class="alert alert-danger">{exc}</div>'.encode(), status=400)
        messages.error(request, str(exc))
        return redirect("reports:documents", code=review.code)
    job.refresh_from_db(fields=["status", "progress", "message", "file_name"])
    if request.htmx:
        return render(request, "reports/_build.html", {"review": review, "build": job})
    return redirect("reports:documents", code=review.code)


@login_required
@require_GET
def status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One build's progress (HTMX polls it until the build is done or failed)."""
    review = rights.get_review_for(request.user, code)
    job = get_object_or_404(DocumentBuild.objects.defer("content"), review=review, pk=pk)
    return render(request, "reports/_build.html", {"review": review, "build": job})


@login_required
@require_GET
def download(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The built file."""
    review = rights.get_review_for(request.user, code)
    job = get_object_or_404(DocumentBuild, review=review, pk=pk, status=DocumentBuild.Status.DONE)
    suffix = job.file_name[job.file_name.rfind(".") :]
    response = HttpResponse(
        bytes(job.content), content_type=CONTENT_TYPES.get(suffix, "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="{job.file_name}"'
    return response
