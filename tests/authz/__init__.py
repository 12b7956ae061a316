"""The authorization matrix's table: who may use each URL with each method.

HOW TO ADD YOUR URLS (one entry per URL name, in a module of this package named after your app, e.g.
`tests/authz/figures.py`; every module here is loaded automatically):

    from tests.authz import READERS, SECRETARIAT, SIGNED_IN, Rule

    RULES = {
        # URL name → Rule(method=personas allowed, ..., kwargs=builder of the URL's kwargs from the world)
        "figures:request": Rule(
            GET=READERS,
            POST=SECRETARIAT | {"focal_a"},
            kwargs=lambda w: {"pk": make_request(w, agency=w.agency_a).pk},
        ),
    }

- Methods are GET, POST, PUT, PATCH, DELETE; a method you leave out is allowed to nobody (then 405 is an
  acceptable refusal too). Personas: anonymous, outsider, viewer, focal_a, focal_b, focal_c (the
  coordinating agency of world.section_a), committee, secretariat, admin — see tongket/core/testing.py.
- `kwargs(world)` returns the URL's keyword arguments; it may create objects (it runs once per URL, inside
  the test's transaction). Build objects of agency A (world.agency_a) so that focal_b shows the refusal.
- `data(world)` (optional) is the body sent with POST/PUT/PATCH (form-encoded for pages, JSON for the API).
- `headers` (optional), e.g. {"HX-Request": "true"} for HTMX partials; `query` (optional) e.g. "?q=x".
- API operations are keyed by their OpenAPI path, e.g. "/api/reviews/{code}", in API_RULES; kwargs fill the
  braces.
- Allowed: the answer is not 401/403/404/405 and not a redirect to a sign-in page. Refused: 403 or 404
  (401 for the API, a redirect to sign-in for anonymous pages; 405 only for methods allowed to nobody).
  Every request runs in a savepoint that is rolled back, so one persona's POST does not change the next's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PERSONAS = (
    "anonymous", "outsider", "viewer", "focal_a", "focal_b", "focal_c", "committee", "secretariat", "admin",
)  # fmt: skip

NOBODY: frozenset[str] = frozenset()
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
ADMIN = frozenset({"admin"})
# Everyone with a role in world.review (the superuser counts as secretariat).
READERS = frozenset(
    {"viewer", "focal_a", "focal_b", "focal_c", "committee", "secretariat", "admin"}
)
SECRETARIAT = frozenset({"secretariat", "admin"})
APPROVERS = frozenset({"committee", "secretariat", "admin"})
REOPENERS = frozenset({"committee", "admin"})
# Who writes agency A's figures / edits section_a (led by A): its focal point and the secretariat.
AGENCY_A_WRITERS = frozenset({"focal_a", "secretariat", "admin"})
# Who comments on section_a: lead A, coordinating C, committee, secretariat.
SECTION_A_COMMENTERS = frozenset({"focal_a", "focal_c", "committee", "secretariat", "admin"})


def _no_kwargs(world: Any) -> dict:
    return {}


@dataclass(frozen=True)
class Rule:
    """Who may use one URL with each method, and how to build the URL from the test world."""

    GET: frozenset[str] | set[str] = NOBODY
    POST: frozenset[str] | set[str] = NOBODY
    PUT: frozenset[str] | set[str] = NOBODY
    PATCH: frozenset[str] | set[str] = NOBODY
    DELETE: frozenset[str] | set[str] = NOBODY
    kwargs: Callable[[Any], dict] = _no_kwargs
    data: Callable[[Any], dict] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    query: str = ""
    # Redirects (path prefixes) that also count as a refusal, e.g. the admin's logout sends others to /admin/.
    refusal_redirects: tuple[str, ...] = ()

    def allowed(self, method: str) -> frozenset[str]:
        """The personas allowed to use this method."""
        return frozenset(getattr(self, method))

    def __post_init__(self) -> None:
        for method in METHODS:
            unknown = set(getattr(self, method)) - set(PERSONAS)
            if unknown:
                raise ValueError(f"unknown persona(s) {sorted(unknown)} for {method}")


def same_for(methods: tuple[str, ...], personas: frozenset[str]) -> dict[str, frozenset[str]]:
    """`Rule(**same_for(METHODS, ADMIN), kwargs=...)`: the same personas for several methods."""
    return dict.fromkeys(methods, personas)
