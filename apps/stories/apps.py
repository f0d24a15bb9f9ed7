from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig

HOME_STORIES = 3


class StoriesConfig(PortalAppConfig):
    name = "apps.stories"
    label = "stories"
    verbose_name = _("Stories")
    nav_label = _("Stories")
    nav_url_name = "stories:list"
    nav_order = 60
    description = _("Stories of the city's learning-city work")
    home_template = "stories/home_section.html"

    def ready(self):
        from apps.core import published

        from . import history, signals, views  # noqa: F401 (history, signals: they connect)

        # The Atom feed of each language, built once per change in the background.
        published.register(
            views.FEED,
            views.feed_body,
            content_type=views.FEED_TYPE,
            filename="son-la-stories.atom",
        )

    def home_context(self, request):
        from .models import Story

        stories = Story.objects.published().latest_first()[:HOME_STORIES]
        return {"stories": list(stories)}

    def sitemaps(self):
        from .sitemaps import StoriesSitemap, StoryPagesSitemap

        return {"stories": StoriesSitemap, "story-pages": StoryPagesSitemap}

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_kind import find_stories

        return [SearchKind("stories", _("Stories"), find_stories, order=self.nav_order)]
