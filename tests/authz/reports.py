"""The review's documents: readers see and download, the secretariat and committee members build."""

from tests.authz import APPROVERS, READERS, Rule


def _review(w) -> dict:
    return {"code": w.review.code}


def _build(w) -> dict:
    from tongket.reports.models import DocumentBuild

    build = DocumentBuild.objects.create(
        review=w.review, kind="appendix", status="done", file_name="a.xlsx", content=b"x"
    )
    return {"code": w.review.code, "pk": build.pk}


RULES = {
    "reports:documents": Rule(GET=READERS, kwargs=_review),
    "reports:build": Rule(POST=APPROVERS, kwargs=_review, data=lambda w: {"kind": "appendix"}),
    "reports:status": Rule(GET=READERS, kwargs=_build, headers={"HX-Request": "true"}),
    "reports:download": Rule(GET=READERS, kwargs=_build),
}
