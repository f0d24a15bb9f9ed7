from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("stories/", views.story_list, name="list"),
    path("stories/feed.atom", views.feed, name="feed"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
]
