"""The project's URLs: each app mounts its own; the API lives under /api/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tongket.api import api
from tongket.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("tongket.accounts.urls")),
    path("", include("tongket.core.urls")),
    path("areas-agencies/", include("tongket.organizations.urls")),
    path("resolutions/", include("tongket.resolutions.urls")),
    path("figures/", include("tongket.figures.urls")),
    path("reviews/", include("tongket.reviews.urls")),
    path("assessment/", include("tongket.assessment.urls")),
    path("extraction/", include("tongket.extraction.urls")),
    path("reports/", include("tongket.reports.urls")),
    path("bundle/", include("tongket.bundle.urls")),
]
