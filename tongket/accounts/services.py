"""Account operations every page, admin action and command shares: invitations, deactivation, API tokens.

Each writes in one transaction and logs what matters for security to the "tongket.security" logger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tongket.accounts.models import ApiToken, Invitation, User
from tongket.reviews.models import Participant, Review

security_log = logging.getLogger("tongket.security")

INVITATION_DAYS = 7
# last_used_at is written at most this often, so that a busy client does not write on every call.
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


# --- Sessions and deactivation ----------------------------------------------------------------------


def end_sessions(user: User) -> int:
    """Delete every open session of the user (signed out everywhere at once); returns how many."""
    doomed = []
    now = timezone.now()
    # The session store keeps the user id inside the encoded data: decode each live session.
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        try:
            data = session.get_decoded()
        except Exception:  # noqa: S112 - a corrupt session is no one's: leave it to expire
            continue
        if str(data.get("_auth_user_id")) == str(user.pk):
            doomed.append(session.session_key)
    Session.objects.filter(session_key__in=doomed).delete()
    return len(doomed)


@transaction.atomic
def deactivate_user(user: User, by: User | None = None) -> None:
    """Disable the account, end its sessions and revoke its API tokens at once."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    end_sessions(user)
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    security_log.warning(
        "account deactivated: user=%s by=%s", user.username, getattr(by, "username", "-")
    )


@transaction.atomic
def activate_user(user: User, by: User | None = None) -> None:
    """Enable a disabled account again (its old tokens stay revoked)."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    security_log.warning(
        "account reactivated: user=%s by=%s", user.username, getattr(by, "username", "-")
    )


# --- API tokens -------------------------------------------------------------------------------------


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for the user; the key is returned once and only its hash is kept."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], key_hash=ApiToken.hash_key(key), prefix=key[:8]
    )
    return token, key


def revoke_token(token: ApiToken) -> None:
    """Refuse the token from now on (kept for the record)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def user_for_token(key: str, client: str = "-") -> User | None:
    """The active user a bearer token belongs to, or None (unknown, revoked, disabled: logged)."""
    if not key.startswith("tk_") or len(key) > 200:
        security_log.warning("api token refused: malformed token from %s", client)
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None:
        security_log.warning("api token refused: unknown token %s… from %s", key[:8], client)
        return None
    if token.revoked_at is not None:
        security_log.warning(
            "api token refused: revoked token %s… of user=%s from %s",
            token.prefix,
            token.user.username,
            client,
        )
        return None
    if not token.user.is_active:
        security_log.warning(
            "api token refused: disabled account user=%s from %s", token.user.username, client
        )
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Invitations ------------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class InvitationLookup:
    """An invitation found by its link, and why it may not be used (None when it may)."""

    invitation: Invitation | None
    problem: str | None


def invite(
    review: Review, email: str, role: str, agency=None, by: User | None = None, send: bool = True
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link; returns the invitation and the link's secret."""
    secret = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        review=review,
        role=role,
        agency=agency,
        token_hash=_hash(secret),
        invited_by=by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    if send:
        link = settings.SITE_URL.rstrip("/") + reverse("accounts:invitation", args=[secret])
        inviter = str(by) if by else "Tongket"
        send_mail(
            subject=_("Lời mời tham gia %(review)s") % {"review": review.title},
            message=_(
                "%(inviter)s mời anh/chị tham gia %(review)s trên Tongket.\n\n"
                "Mở liên kết sau để đặt mật khẩu và nhận lời mời (hiệu lực %(days)s ngày, dùng một lần):\n"
                "%(link)s\n"
            )
            % {"inviter": inviter, "review": review.title, "days": INVITATION_DAYS, "link": link},
            from_email=None,
            recipient_list=[invitation.email],
        )
    return invitation, secret


def find_invitation(secret: str) -> InvitationLookup:
    """The invitation behind a link; unknown, used or expired links are refused (and logged)."""
    if len(secret) > 100:
        return InvitationLookup(None, _("Liên kết mời không hợp lệ."))
    invitation = (
        Invitation.objects.select_related("review", "agency")
        .filter(token_hash=_hash(secret))
        .first()
    )
    if invitation is None:
        security_log.warning("invitation refused: unknown link")
        return InvitationLookup(None, _("Liên kết mời không hợp lệ."))
    if invitation.accepted_at is not None:
        security_log.warning("invitation refused: already used, invitation=%s", invitation.pk)
        return InvitationLookup(invitation, _("Lời mời này đã được sử dụng."))
    if invitation.expires_at <= timezone.now():
        security_log.warning("invitation refused: expired, invitation=%s", invitation.pk)
        return InvitationLookup(
            invitation, _("Lời mời này đã hết hạn. Vui lòng đề nghị Thường trực gửi lại.")
        )
    return InvitationLookup(invitation, None)


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Participant:
    """Give the user the invitation's role and agency in its review; the link cannot be used again."""
    # Lock the row so that two simultaneous uses of one link cannot both succeed.
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ValueError(_("Lời mời này đã được sử dụng."))
    participant, _created = Participant.objects.update_or_create(
        review=locked.review, user=user, defaults={"role": locked.role, "agency": locked.agency}
    )
    if user.agency_id is None and locked.agency_id is not None:
        user.agency_id = locked.agency_id
        user.save(update_fields=["agency"])
    locked.accepted_at = timezone.now()
    locked.accepted_user = user
    locked.save(update_fields=["accepted_at", "accepted_user"])
    invitation.accepted_at = locked.accepted_at
    return participant
