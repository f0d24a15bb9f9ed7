from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/<str:kind>/", views.download, name="download"),
    path("workspace/reports/", views.workspace, name="workspace"),
    path("workspace/reports/<int:pk>/", views.status, name="status"),
    path("workspace/reports/<int:pk>/publish/", views.publish, name="publish"),
]
