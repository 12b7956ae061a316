"""Security events: failed sign-ins (wrong password, disabled account) and deactivation from anywhere."""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from tongket.accounts.models import User

security_log = logging.getLogger("tongket.security")


def client_address(request) -> str:
    """The client's address as the server saw it (for the log)."""
    if request is None:
        return "-"
    return request.META.get("REMOTE_ADDR", "-")


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password, an unknown name or a disabled account: logged, never the password."""
    username = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username=username).only("is_active").first()
    if user is not None and not user.is_active:
        reason = "disabled account"
    elif user is None:
        reason = "unknown user"
    else:
        reason = "wrong password"
    security_log.warning(
        "sign-in failed (%s): user=%s from %s", reason, username, client_address(request)
    )


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs) -> None:
    """Successful sign-ins, for the record."""
    logging.getLogger("tongket").info(
        "signed in: user=%s from %s", user.username, client_address(request)
    )


@receiver(pre_save, sender=User)
def _remember_active(sender, instance: User, **kwargs) -> None:
    if instance.pk:
        previous = User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        instance._was_active = bool(previous)


@receiver(post_save, sender=User)
def end_sessions_of_disabled(sender, instance: User, created: bool, **kwargs) -> None:
    """However an account is disabled (page, admin, shell), its sessions end at once."""
    if not created and getattr(instance, "_was_active", False) and not instance.is_active:
        from tongket.accounts.services import end_sessions

        end_sessions(instance)
