from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, invitations and API tokens."""

    name = "tongket.accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        """Connect the security signals."""
        from tongket.accounts import signals  # noqa: F401
