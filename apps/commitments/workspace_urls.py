"""The officials' pages, under /<lang>/workspace/commitments/."""

from django.urls import path

from . import views

app_name = "commitments_workspace"

urlpatterns = [
    path("", views.workspace, name="list"),
    path("<slug:slug>/record/", views.record, name="record"),
    path(
        "measurements/<int:pk>/approve/",
        views.review,
        {"decision": "approve"},
        name="approve",
    ),
    path(
        "measurements/<int:pk>/reject/",
        views.review,
        {"decision": "reject"},
        name="reject",
    ),
]
