"""The API: its documents, and each operation keyed by its OpenAPI path (API_RULES)."""

from tests.authz import EVERYONE, READERS, SIGNED_IN, Rule

RULES = {
    "api:openapi-json": Rule(GET=EVERYONE),
    "api:openapi-view": Rule(GET=EVERYONE),
}

API_RULES = {
    "/api/areas": Rule(GET=SIGNED_IN),
    "/api/agencies": Rule(GET=SIGNED_IN),
    "/api/resolutions": Rule(GET=SIGNED_IN),
    "/api/resolutions/{resolution_id}": Rule(
        GET=SIGNED_IN, kwargs=lambda w: {"resolution_id": w.resolution.pk}
    ),
    "/api/resolutions/{resolution_id}/targets": Rule(
        GET=SIGNED_IN, kwargs=lambda w: {"resolution_id": w.resolution.pk}
    ),
    "/api/indicators": Rule(GET=SIGNED_IN),
    # Filtered to the caller's reviews.
    "/api/reviews": Rule(GET=SIGNED_IN),
    "/api/reviews/{code}": Rule(GET=READERS, kwargs=lambda w: {"code": w.review.code}),
}
