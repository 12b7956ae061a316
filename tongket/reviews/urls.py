from django.urls import path

from tongket.reviews import views
from tongket.reviews.workflow_urls import urlpatterns as workflow_urlpatterns

app_name = "reviews"

urlpatterns: list = [
    path("", views.review_list, name="list"),
    *workflow_urlpatterns,  # plan, outline, sections, meetings, tasks … (issue 7)
    # Keep the overview last: "<code>/" would otherwise catch single-segment pages added above it.
    path("<str:code>/", views.overview, name="overview"),
]
