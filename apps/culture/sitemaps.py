from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap, PublishedObjectsSitemap

from .models import Club


class ClubsSitemap(PublishedObjectsSitemap):
    """Every published club."""

    url_name = "culture:detail"

    def published(self):
        return Club.objects.published()


class ClubPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    titles = {"culture:heritage": _("Xòe dance and the Thai script")}

    def items(self):
        return ["culture:list", "culture:heritage"]

    def location(self, item):
        return reverse(item)
