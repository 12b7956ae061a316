"""URLs of the assessment: /assessment/explorer/ and /assessment/<review code>/…"""

from django.urls import path

from tongket.assessment import views

app_name = "assessment"

urlpatterns = [
    path("explorer/", views.explorer, name="explorer"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    # The review overview links to "assessment:review": the same page under a second name.
    path("<str:code>/", views.dashboard, name="review"),
    path("<str:code>/targets/<int:pk>/figures/", views.target_figures, name="target_figures"),
    path("<str:code>/targets/<int:pk>/verdict/", views.manual_verdict, name="manual_verdict"),
]
