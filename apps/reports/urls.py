from django.urls import path

from . import files, views, workspace

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/<str:kind>/", files.download, name="download"),
    path("workspace/reports/", workspace.report_list, name="workspace_list"),
    path("workspace/reports/<int:pk>/", workspace.status, name="workspace_status"),
    path("workspace/reports/<int:pk>/publish/", workspace.publish, name="workspace_publish"),
]
