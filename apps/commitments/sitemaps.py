from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.sitemaps import PortalSitemap

from .models import Commitment


class CommitmentPagesSitemap(PortalSitemap):
    changefreq = "weekly"
    titles = {"commitments:about_data": _("About the commitments data")}

    def items(self):
        return ["commitments:dashboard", "commitments:about_data"]

    def location(self, item):
        return reverse(item)


class CommitmentSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Commitment.objects.published().order_by("order", "pk")
