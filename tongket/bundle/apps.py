from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BundleConfig(AppConfig):
    """The review bundle: import and export of a whole review as JSON."""

    name = "tongket.bundle"
    verbose_name = _("Gói dữ liệu")
