from django.urls import path

from tongket.reports import views

app_name = "reports"

urlpatterns = [
    path("<str:code>/", views.documents, name="documents"),
    path("<str:code>/build/", views.build, name="build"),
    path("<str:code>/builds/<int:pk>/", views.status, name="status"),
    path("<str:code>/builds/<int:pk>/download/", views.download, name="download"),
]
