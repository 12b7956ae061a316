from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResolutionsConfig(AppConfig):
    """Resolutions, indicators and targets."""

    name = "tongket.resolutions"
    verbose_name = _("Nghị quyết và chỉ tiêu")
