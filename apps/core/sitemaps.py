from django.contrib.sitemaps import Sitemap
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import get_language
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


class PublishedObjectsSitemap(PortalSitemap):
    """Every published object of an app with a slug page (spaces, clubs): ``url_name`` is its
    page, ``published()`` its rows; named on /sitemap/ by its name in the page's language.

    Items are plain (slug, updated, name_vi, name_en) values, so the entries built from them can
    be kept (the sitemap view keeps the rendered sitemap, core.views).
    """

    changefreq = "weekly"
    url_name = None

    def __init__(self):
        super().__init__()
        self._patterns = {}

    def published(self):
        raise NotImplementedError

    def items(self):
        rows = self.published().order_by("pk")
        return list(rows.values_list("slug", "updated_at", "name_vi", "name_en"))

    def location(self, item):
        # One reverse() per language instead of four per object: addresses differ by the slug.
        language = get_language()
        pattern = self._patterns.get(language)
        if pattern is None:
            pattern = self._patterns[language] = reverse(self.url_name, args=["SLUG"])
        return pattern.replace("SLUG", item[0])

    def lastmod(self, item):
        return item[1]

    def title(self, item):
        """The name in the page's language (the other one when it has none)."""
        name_vi, name_en = item[2], item[3]
        return (name_en or name_vi) if get_language() == "en" else (name_vi or name_en)


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
