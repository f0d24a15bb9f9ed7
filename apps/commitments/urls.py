from django.urls import path

from . import views

app_name = "commitments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data.csv", views.data_csv, name="data_csv"),
    path("data.json", views.data_json, name="data_json"),
    path("about-data/", views.about_data, name="about_data"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/evidence/<int:pk>/", views.evidence, name="evidence"),
]
