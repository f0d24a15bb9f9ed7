from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap

from .models import LearningSpace


class SpacesSitemap(PortalSitemap):
    """Every published space (the sitemap view keeps the rendered sitemap, core.views)."""

    changefreq = "weekly"

    def __init__(self):
        super().__init__()
        self._patterns = {}

    def items(self):
        # (slug, updated, names): plain values, so the entries built from them can be kept.
        return list(
            LearningSpace.objects.published()
            .order_by("pk")
            .values_list("slug", "updated_at", "name_vi", "name_en")
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

    def title(self, item):
        """The name in the page's language (the other one when it has none), for /sitemap/."""
        name_vi, name_en = item[2], item[3]
        return (name_en or name_vi) if get_language() == "en" else (name_vi or name_en)


class SpacePagesSitemap(PortalSitemap):
    changefreq = "daily"

    titles = {"spaces:map": _("Map of learning spaces")}

    def items(self):
        return ["spaces:list", "spaces:map"]

    def location(self, item):
        return reverse(item)
