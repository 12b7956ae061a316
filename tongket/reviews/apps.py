from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """The review: committee, plan, outline, meetings, tasks, policies."""

    name = "tongket.reviews"
    verbose_name = _("Tổng kết")
