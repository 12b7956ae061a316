"""URLs of the figures app, mounted at /figures/."""

from __future__ import annotations

from django.urls import path

from tongket.figures import views

app_name = "figures"

urlpatterns: list = [
    path("requests/<int:pk>/", views.request_by_pk, name="request"),
    path("<str:review_code>/requests/", views.request_list, name="request_list"),
    path("<str:review_code>/requests/new/", views.request_create, name="request_create"),
    path(
        "<str:review_code>/agencies/<str:agency_code>/requests/",
        views.request_list,
        name="agency_requests",
    ),
    path("<str:review_code>/completeness/", views.completeness, name="completeness"),
    path("<str:review_code>/requests/<str:code>/", views.request_detail, name="request_detail"),
    path(
        "<str:review_code>/requests/<str:code>/submit/", views.request_submit, name="request_submit"
    ),
    path(
        "<str:review_code>/requests/<str:code>/approve/",
        views.request_approve,
        name="request_approve",
    ),
    path(
        "<str:review_code>/requests/<str:code>/return/", views.request_return, name="request_return"
    ),
    path(
        "<str:review_code>/requests/<str:code>/workbook/", views.workbook_download, name="workbook"
    ),
    path("<str:review_code>/requests/<str:code>/upload/", views.workbook_upload, name="upload"),
    path(
        "<str:review_code>/requests/<str:code>/upload/<str:token>/confirm/",
        views.workbook_confirm,
        name="upload_confirm",
    ),
    path("<str:review_code>/requests/<str:code>/grid/<str:area_code>/", views.grid, name="grid"),
    path(
        "<str:review_code>/requests/<str:code>/grid/<str:area_code>/cell/",
        views.grid_cell,
        name="grid_cell",
    ),
    path(
        "<str:review_code>/figures/<int:pk>/history/", views.figure_history, name="figure_history"
    ),
    path("<str:review_code>/figures/<int:pk>/reopen/", views.figure_reopen, name="figure_reopen"),
]
