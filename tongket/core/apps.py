from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared helpers, the page shell and health checks."""

    name = "tongket.core"
    verbose_name = _("Chung")
