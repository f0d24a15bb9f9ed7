from django.urls import path

from . import files, opendata, views, workspace

app_name = "commitments"

urlpatterns = [
    path("commitments/", views.dashboard, name="dashboard"),
    path("commitments/data.csv", opendata.data_csv, name="data_csv"),
    path("commitments/data.json", opendata.data_json, name="data_json"),
    path("commitments/about-data/", views.about_data, name="about_data"),
    path("commitments/<slug:slug>/", views.detail, name="detail"),
    path("commitments/<slug:slug>/evidence/<int:pk>/", files.evidence, name="evidence"),
    path("workspace/commitments/", workspace.commitment_list, name="workspace_list"),
    path("workspace/commitments/<slug:slug>/record/", workspace.record, name="workspace_record"),
    path(
        "workspace/commitments/measurements/<int:pk>/approve/",
        workspace.review,
        {"decision": "approve"},
        name="workspace_approve",
    ),
    path(
        "workspace/commitments/measurements/<int:pk>/reject/",
        workspace.review,
        {"decision": "reject"},
        name="workspace_reject",
    ),
]
