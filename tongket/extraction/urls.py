"""Pages of the extraction app: import a resolution's targets from its text."""

from django.urls import path

from tongket.extraction import views

app_name = "extraction"

urlpatterns = [
    # By the resolution's pk, as resolutions:detail does: codes such as "32-NQ/TW" hold a slash.
    path("<int:pk>/", views.import_targets, name="import"),
]
