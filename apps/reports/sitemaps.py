from django.urls import reverse

from apps.core.sitemaps import PortalSitemap


class ReportsSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return ["reports:list"]

    def location(self, item):
        return reverse(item)
