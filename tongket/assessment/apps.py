from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    """Assessment of targets against figures."""

    name = "tongket.assessment"
    verbose_name = _("Đánh giá")
