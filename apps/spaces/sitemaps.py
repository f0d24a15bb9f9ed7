from django.urls import reverse
from django.utils.translation import get_language

from apps.core.sitemaps import PortalSitemap

from .models import LearningSpace


class SpacesSitemap(PortalSitemap):
    """Every published space (the sitemap view keeps the rendered sitemap, core.views)."""

    changefreq = "weekly"

    def __init__(self):
        super().__init__()
        self._patterns = {}

    def items(self):
        # (slug, updated) pairs: plain values, so the entries built from them can be kept.
        return list(
            LearningSpace.objects.published().order_by("pk").values_list("slug", "updated_at")
        )

    def location(self, item):
        # One reverse() per language instead of four per space: addresses differ by the slug.
        language = get_language()
        pattern = self._patterns.get(language)
        if pattern is None:
            pattern = self._patterns[language] = reverse("spaces:detail", args=["SLUG"])
        return pattern.replace("SLUG", item[0])

    def lastmod(self, item):
        return item[1]


class SpacePagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["spaces:list", "spaces:map"]

    def location(self, item):
        return reverse(item)
