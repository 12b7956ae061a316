from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    """Figures (data values), their history, and data requests."""

    name = "tongket.figures"
    verbose_name = _("Số liệu")
