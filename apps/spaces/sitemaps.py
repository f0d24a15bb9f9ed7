from django.urls import reverse

from apps.core.sitemaps import PortalSitemap

from .models import LearningSpace


class SpacesSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return LearningSpace.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, space):
        return space.updated_at


class SpacePagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["spaces:list", "spaces:map"]

    def location(self, item):
        return reverse(item)
