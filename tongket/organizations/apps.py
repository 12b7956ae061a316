from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    """Areas (territories) and agencies."""

    name = "tongket.organizations"
    verbose_name = _("Địa bàn và cơ quan")
