from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap, PublishedObjectsSitemap

from .models import Event, Programme


class EventsSitemap(PublishedObjectsSitemap):
    """Every published event (past ones too: their pages stay)."""

    url_name = "events:detail"

    def published(self):
        return Event.objects.published()

    def items(self):
        rows = self.published().order_by("pk")
        return list(rows.values_list("slug", "updated_at", "title_vi", "title_en"))


class ProgrammesSitemap(PublishedObjectsSitemap):
    url_name = "events:programme"

    def published(self):
        return Programme.objects.published()


class EventPagesSitemap(PortalSitemap):
    changefreq = "daily"

    titles = {"events:list": _("Upcoming events")}

    def items(self):
        return ["events:list"]

    def location(self, item):
        return reverse(item)
