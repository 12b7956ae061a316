"""Import a resolution's targets from its text: the secretariat of a review of the resolution only
(the other people of world.review get 403, the outsider 404)."""

from tests.authz import SECRETARIAT, Rule

RULES = {
    "extraction:import": Rule(
        GET=SECRETARIAT,
        POST=SECRETARIAT,
        kwargs=lambda w: {"pk": w.resolution.pk},
        # Step 1 (find the targets): nothing is saved, so every allowed persona gets the same page.
        data=lambda w: {
            "action": "extract",
            "text": "Đến năm 2025, GRDP bình quân đầu người đạt 14.740 USD.",
        },
    ),
}
