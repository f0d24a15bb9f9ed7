from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .apps import portal_apps


class PortalSitemap(Sitemap):
    """Every page in both languages, each listing the other as an alternate."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return ["core:home"]

    def location(self, item):
        return reverse(item)


def all_sitemaps():
    sitemaps = {"pages": StaticPagesSitemap}
    for config in portal_apps():
        sitemaps.update(config.sitemaps())
    return sitemaps
