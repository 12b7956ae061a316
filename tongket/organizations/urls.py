from django.urls import path

from tongket.organizations import views

app_name = "organizations"

urlpatterns = [
    path("areas/", views.areas, name="areas"),
    path("agencies/", views.agencies, name="agencies"),
]
