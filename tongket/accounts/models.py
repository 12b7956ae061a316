"""Users and their API tokens; per-review roles live in the reviews app (Participant)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in; belongs to at most one agency."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 is stored, so a leaked database leaks no token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        """The stored form of a token."""
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        """A fresh random token, shown to its owner once."""
        return "tk_" + secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation by e-mail into a review with a role and an agency; used once, expires."""

    email = models.EmailField(_("thư điện tử"))
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("vai trò"), max_length=20)
    agency = models.ForeignKey(
        "organizations.Agency", null=True, blank=True, on_delete=models.SET_NULL
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lời mời")
        verbose_name_plural = _("lời mời")

    def __str__(self) -> str:
        return self.email
