from django.contrib.sitemaps import Sitemap
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .apps import portal_apps


class PortalSitemap(Sitemap):
    """Every page in both languages, each listing the other as an alternate.

    The human sitemap page (``/<lang>/sitemap/``) lists the same pages: ``titles`` names the
    pages given by URL name, a model's own text names the others (``title()``).
    """

    i18n = True
    alternates = True
    x_default = True
    titles = {}  # URL name -> the page's title, for items that are URL names

    def title(self, item):
        """What the human sitemap calls ``item``, or None when the sitemap cannot name it."""
        if isinstance(item, str):
            return self.titles.get(item) or _nav_label(item)
        if isinstance(item, Model):
            return str(item)
        return None


def _nav_label(url_name):
    for config in portal_apps():
        if config.nav_url_name == url_name:
            return config.nav_label
    return None


class StaticPagesSitemap(PortalSitemap):
    changefreq = "weekly"
    titles = {
        "core:home": _("Home"),
        "core:about": _("About the portal"),
        "core:site_map": _("Sitemap"),
    }

    def items(self):
        return list(self.titles)

    def location(self, item):
        return reverse(item)


def all_sitemaps():
    sitemaps = {}
    for config in portal_apps():
        sitemaps.update(config.sitemaps())
    return sitemaps


def site_map_sections():
    """The public sections of the portal, each with its pages (title, path), current language.

    Built from the same sitemaps as ``/sitemap.xml``, through the portal apps' configs. Pages
    a sitemap cannot name are counted (``more``) and reached through the section's first page.
    """
    sections = []
    for config in portal_apps():
        pages, objects, more = [], [], 0
        for sitemap_class in config.sitemaps().values():
            sitemap = sitemap_class()
            for item in sitemap.items():
                title = sitemap.title(item) if isinstance(sitemap, PortalSitemap) else None
                if not title:
                    more += 1
                    continue
                # The section's own pages (named by URL) first, then one page per object.
                found = pages if isinstance(item, str) else objects
                found.append({"title": str(title), "url": sitemap.location(item)})
        pages += objects
        if pages:
            heading = config.nav_label or config.verbose_name
            sections.append({"heading": str(heading), "pages": pages, "more": more})
    return sections
