from django.urls import path

from . import views, workspace

app_name = "culture"

urlpatterns = [
    path("clubs/", views.club_list, name="list"),
    path("clubs/<slug:slug>/", views.club_detail, name="detail"),
    path("clubs/<slug:slug>/join/", views.join, name="join"),
    path("clubs/<slug:slug>/join/sent/", views.join_sent, name="join_sent"),
    path("heritage/", views.heritage, name="heritage"),
    path("workspace/clubs/", workspace.club_list, name="workspace_list"),
    path("workspace/clubs/<slug:slug>/", workspace.club_edit, name="workspace_edit"),
    path("workspace/clubs/<slug:slug>/requests/", workspace.requests, name="workspace_requests"),
    path("workspace/clubs/<slug:slug>/photos/", workspace.photos, name="workspace_photos"),
    path(
        "workspace/clubs/<slug:slug>/photos/<int:pk>/delete/",
        workspace.photo_delete,
        name="workspace_photo_delete",
    ),
    path(
        "workspace/clubs/<slug:slug>/requests/<int:pk>/answered/",
        workspace.answered,
        name="workspace_answered",
    ),
]
