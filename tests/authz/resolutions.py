"""Resolutions, their targets and indicators: public documents, for every signed-in person."""

from tests.authz import SIGNED_IN, Rule

RULES = {
    "resolutions:list": Rule(GET=SIGNED_IN),
    "resolutions:detail": Rule(GET=SIGNED_IN, kwargs=lambda w: {"pk": w.resolution.pk}),
    "resolutions:indicators": Rule(GET=SIGNED_IN, query="?q=grdp"),
}
