"""The assessment: the review's dashboard and its parts (readers of the review), verdicts by hand (committee
and secretariat), the explorer (figures are facts about areas: every signed-in person)."""

from tests.authz import APPROVERS, READERS, SIGNED_IN, Rule


def _review(w) -> dict:
    return {"code": w.review.code}


def _target(w) -> dict:
    return {"code": w.review.code, "pk": w.target.pk}


RULES = {
    "assessment:dashboard": Rule(GET=READERS, kwargs=_review),
    "assessment:review": Rule(GET=READERS, kwargs=_review),
    "assessment:target_figures": Rule(GET=READERS, kwargs=_target, headers={"HX-Request": "true"}),
    "assessment:manual_verdict": Rule(
        POST=APPROVERS,
        kwargs=_target,
        data=lambda w: {"verdict": "achieved", "reason": "Đủ căn cứ"},
    ),
    "assessment:explorer": Rule(GET=SIGNED_IN, query="?scope=all"),
}

API_RULES = {
    "/api/reviews/{code}/assessment": Rule(GET=READERS, kwargs=_review),
}
