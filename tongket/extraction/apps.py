"""Django app configuration of the target extractor."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtractionConfig(AppConfig):
    """The extraction app: `tongket targets extract FILE` and, later, the import pages."""

    name = "tongket.extraction"
    label = "extraction"
    verbose_name = _("Trích xuất chỉ tiêu")
    default_auto_field = "django.db.models.BigAutoField"
