"""Review read pages (the workflow pages add their own entries, in tests/authz/reviews_workflow.py)."""

from tests.authz import READERS, SIGNED_IN, Rule

RULES = {
    # The list is filtered to the person's reviews: an outsider sees an empty list.
    "reviews:list": Rule(GET=SIGNED_IN),
    "reviews:overview": Rule(GET=READERS, kwargs=lambda w: {"code": w.review.code}),
}
