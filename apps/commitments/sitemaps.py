from django.urls import reverse

from apps.core.sitemaps import PortalSitemap

from .models import Commitment


class CommitmentPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return ["commitments:dashboard", "commitments:about_data"]

    def location(self, item):
        return reverse(item)


class CommitmentSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Commitment.objects.published().order_by("order", "pk")
