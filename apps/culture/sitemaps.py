from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap

from .models import Club


class ClubsSitemap(PortalSitemap):
    changefreq = "weekly"

    def __init__(self):
        super().__init__()
        self._patterns = {}

    def items(self):
        return list(
            Club.objects.published()
            .order_by("pk")
            .values_list("slug", "updated_at", "name_vi", "name_en")
        )

    def location(self, item):
        language = get_language()
        pattern = self._patterns.get(language)
        if pattern is None:
            pattern = self._patterns[language] = reverse("culture:detail", args=["SLUG"])
        return pattern.replace("SLUG", item[0])

    def lastmod(self, item):
        return item[1]

    def title(self, item):
        """The name in the page's language (the other one when it has none), for /sitemap/."""
        name_vi, name_en = item[2], item[3]
        return (name_en or name_vi) if get_language() == "en" else (name_vi or name_en)


class ClubPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    titles = {"culture:heritage": _("Xòe dance and the Thai script")}

    def items(self):
        return ["culture:list", "culture:heritage"]

    def location(self, item):
        return reverse(item)
