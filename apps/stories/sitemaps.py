from django.urls import reverse

from apps.core.sitemaps import PortalSitemap, PublishedObjectsSitemap

from .models import Story


class StoriesSitemap(PublishedObjectsSitemap):
    """Every published story."""

    url_name = "stories:detail"

    def published(self):
        return Story.objects.published()

    def items(self):
        rows = self.published().order_by("pk")
        return list(rows.values_list("slug", "updated_at", "title_vi", "title_en"))


class StoryPagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["stories:list"]

    def location(self, item):
        return reverse(item)
