"""Core pages: health check, language switch, home."""

from tests.authz import EVERYONE, METHODS, SIGNED_IN, Rule, same_for

RULES = {
    "healthz": Rule(GET=EVERYONE),
    # Django's set_language redirects on any method (it only stores the language on POST).
    "set_language": Rule(
        **same_for(METHODS, EVERYONE), data=lambda w: {"language": "vi", "next": "/"}
    ),
    "core:home": Rule(GET=SIGNED_IN),
}
