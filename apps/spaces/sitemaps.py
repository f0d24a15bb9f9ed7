from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap, PublishedObjectsSitemap

from .models import LearningSpace


class SpacesSitemap(PublishedObjectsSitemap):
    """Every published learning space."""

    url_name = "spaces:detail"

    def published(self):
        return LearningSpace.objects.published()


class SpacePagesSitemap(PortalSitemap):
    changefreq = "daily"

    titles = {"spaces:map": _("Map of learning spaces")}

    def items(self):
        return ["spaces:list", "spaces:map"]

    def location(self, item):
        return reverse(item)
