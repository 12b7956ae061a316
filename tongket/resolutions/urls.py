from django.urls import path

from tongket.resolutions import views

app_name = "resolutions"

urlpatterns = [
    path("", views.resolution_list, name="list"),
    path("<int:pk>/", views.resolution_detail, name="detail"),
    path("indicators/", views.indicators, name="indicators"),
]
