"""Accounts pages: sign-in, passwords, profile, tokens, invitations, people."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.authz import ADMIN, EVERYONE, SECRETARIAT, SIGNED_IN, Rule


def _reset_link(world) -> dict:
    user = world.focal_a
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _token_of_focal_a(world) -> dict:
    from tongket.accounts.services import create_token

    token, _key = create_token(world.focal_a, "matrix")
    return {"pk": token.pk}


def _invitation(world) -> dict:
    from tongket.accounts.services import invite
    from tongket.reviews.models import Role

    _inv, secret = invite(
        world.review, "newcomer@example.vn", Role.FOCAL_POINT, world.agency_b, send=False
    )
    return {"secret": secret}


RULES = {
    # Signed-in people are redirected home (allowed).
    "accounts:login": Rule(GET=EVERYONE, POST=EVERYONE),
    "accounts:logout": Rule(POST=EVERYONE),
    "accounts:password_change": Rule(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:password_change_done": Rule(GET=SIGNED_IN),
    "accounts:password_reset": Rule(GET=EVERYONE, POST=EVERYONE),
    "accounts:password_reset_done": Rule(GET=EVERYONE),
    # The link is the credential: whoever holds it may set focal_a's password.
    "accounts:password_reset_confirm": Rule(GET=EVERYONE, POST=EVERYONE, kwargs=_reset_link),
    "accounts:password_reset_complete": Rule(GET=EVERYONE),
    "accounts:profile": Rule(GET=SIGNED_IN, POST=SIGNED_IN),
    "accounts:tokens": Rule(GET=SIGNED_IN, POST=SIGNED_IN),
    # Only the token's owner revokes it through the page (administrators use the admin).
    "accounts:token_revoke": Rule(POST={"focal_a"}, kwargs=_token_of_focal_a),
    "accounts:invite": Rule(
        GET=SECRETARIAT, POST=SECRETARIAT, kwargs=lambda w: {"code": w.review.code}
    ),
    # An invitation to newcomer@example.vn: signed-in people with another e-mail are refused (403).
    "accounts:invitation": Rule(GET={"anonymous"}, POST={"anonymous"}, kwargs=_invitation),
    "accounts:users": Rule(GET=ADMIN),
    "accounts:user_deactivate": Rule(POST=ADMIN, kwargs=lambda w: {"pk": w.focal_b.pk}),
    "accounts:user_activate": Rule(POST=ADMIN, kwargs=lambda w: {"pk": w.focal_b.pk}),
}
