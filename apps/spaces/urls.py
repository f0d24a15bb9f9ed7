from django.urls import path

from . import views, workspace

app_name = "spaces"

urlpatterns = [
    path("spaces/", views.space_list, name="list"),
    path("spaces/map/", views.space_map, name="map"),
    path("spaces.geojson", views.geojson, name="geojson"),
    path("spaces/<slug:slug>/", views.space_detail, name="detail"),
    path("workspace/spaces/", workspace.space_list, name="workspace_list"),
    path("workspace/spaces/<slug:slug>/", workspace.space_edit, name="workspace_edit"),
    path("workspace/spaces/<slug:slug>/photos/", workspace.photos, name="workspace_photos"),
    path(
        "workspace/spaces/<slug:slug>/photos/<int:pk>/delete/",
        workspace.photo_delete,
        name="workspace_photo_delete",
    ),
]
