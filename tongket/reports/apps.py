from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The review report and other documents."""

    name = "tongket.reports"
    verbose_name = _("Báo cáo")
