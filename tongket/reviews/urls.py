from django.urls import path

from tongket.reviews import views

app_name = "reviews"

urlpatterns: list = [
    path("", views.review_list, name="list"),
    # Keep the overview last: "<code>/" would otherwise catch single-segment pages added above it.
    path("<str:code>/", views.overview, name="overview"),
]
