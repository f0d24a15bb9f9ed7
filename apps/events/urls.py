from django.urls import path

from . import feeds, propose, views, workspace

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar.ics", views.calendar, name="calendar"),
    path("events/<slug:slug>.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    # The call for events, the Atom feed and the officials' workspace.
    path("events/feed.atom", feeds.feed, name="feed"),
    path("programmes/<slug:slug>/propose/", propose.proposal_form, name="proposal"),
    path("programmes/<slug:slug>/propose/sent/", propose.proposal_sent, name="proposal_sent"),
    path(
        "programmes/<slug:slug>/propose/change/<str:token>/",
        propose.proposal_revise,
        name="proposal_revise",
    ),
    path("workspace/events/", workspace.event_list, name="workspace_list"),
    path("workspace/events/new/", workspace.event_new, name="workspace_new"),
    path("workspace/events/proposals/", workspace.proposal_list, name="workspace_proposals"),
    path(
        "workspace/events/proposals/<int:pk>/",
        workspace.proposal_detail,
        name="workspace_proposal",
    ),
    path(
        "workspace/events/proposals/<int:pk>/<slug:decision>/",
        workspace.proposal_decide,
        name="workspace_decide",
    ),
    path("workspace/events/<slug:slug>/", workspace.event_edit, name="workspace_edit"),
    path("workspace/events/<slug:slug>/photos/", workspace.photos, name="workspace_photos"),
    path(
        "workspace/events/<slug:slug>/photos/<int:pk>/delete/",
        workspace.photo_delete,
        name="workspace_photo_delete",
    ),
]
