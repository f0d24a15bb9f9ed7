from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap, PublishedObjectsSitemap

from .models import Contest


class ContestsSitemap(PublishedObjectsSitemap):
    """Every published contest (never an entry: entries are private)."""

    url_name = "contests:detail"

    def published(self):
        return Contest.objects.published()

    def items(self):
        rows = self.published().order_by("pk")
        return list(rows.values_list("slug", "updated_at", "title_vi", "title_en"))


class ContestPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    titles = {"contests:status": _("Status of an entry")}

    def items(self):
        return ["contests:list", "contests:status"]

    def location(self, item):
        return reverse(item)
