from django.urls import path

from . import search_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("search/", search_views.search_page, name="search"),
    path("sitemap/", views.site_map, name="site_map"),
    path("workspace/", views.workspace, name="workspace"),
]
