from django.urls import path

from . import files, views, winners, workspace

app_name = "contests"

urlpatterns = [
    path("contests/", views.contest_list, name="list"),
    path("contests/status/", views.status, name="status"),
    path("contests/<slug:slug>/", views.contest_detail, name="detail"),
    path("contests/<slug:slug>/submit/", views.submit, name="submit"),
    path("contests/<slug:slug>/receipt/<str:token>/", views.receipt, name="receipt"),
    # The jury: winners page, workspace and the private file of an entry.
    path("contests/<slug:slug>/winners/", winners.winners, name="winners"),
    path("workspace/contests/", workspace.contest_list, name="workspace_list"),
    path("workspace/contests/<slug:slug>/", workspace.entries, name="workspace_entries"),
    path(
        "workspace/contests/<slug:slug>/entries/<str:code>/",
        workspace.review,
        name="workspace_review",
    ),
    path(
        "workspace/contests/<slug:slug>/entries/<str:code>/file/",
        files.entry_file,
        name="workspace_entry_file",
    ),
    path("workspace/contests/<slug:slug>/chair/", workspace.chair, name="workspace_chair"),
    path(
        "workspace/contests/<slug:slug>/chair/<str:code>/",
        workspace.decide,
        name="workspace_decide",
    ),
    path(
        "workspace/contests/<slug:slug>/announce/",
        workspace.announce_winners,
        name="workspace_announce",
    ),
]
