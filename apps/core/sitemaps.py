from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import DateTimeField, Max, Model, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .apps import portal_apps
from .content import PublicContent


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

    def lastmod(self, item):
        """When the page last changed: an object's own ``auto_now`` date when it has one; else
        (a list page, an object without one) the newest date of the public rows of the
        sitemap's app (every app's for the portal's own pages), as a list changes with them."""
        if isinstance(item, Model):
            own = [getattr(item, field.attname) for field in _change_dates(type(item))]
            if any(own):
                return max(date for date in own if date)
        if not hasattr(self, "_section_lastmod"):
            config = apps.get_containing_app_config(type(self).__module__)
            portal = config is None or config.label == "core"
            newest = None if portal else newest_public_change(config)
            # An app with nothing dated yet (an empty list) says when the site last changed.
            self._section_lastmod = newest or newest_public_change()
        return self._section_lastmod

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's entries, with ``x-default`` on the default language's page (``/vi/…``) as
        in the pages' heads: Django drops the prefix, a form this site answers with a redirect."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        default = settings.LANGUAGE_CODE
        for url in urls:
            alternates = url.get("alternates") or []
            own = {alternate["lang_code"]: alternate["location"] for alternate in alternates}
            for alternate in alternates:
                if alternate["lang_code"] == "x-default" and default in own:
                    alternate["location"] = own[default]
        return urls


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


def _change_dates(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add)
    ]


def newest_public_change(config=None):
    """The newest date among the public rows of ``config``'s models (of every app when None).

    Reads public content only (``published()`` or ``public()`` rows when the model says which),
    so an unpublished draft or a pending figure never moves a date a robot can see.
    """
    now = timezone.now()
    models = config.get_models() if config else apps.get_models()
    newest = None
    for model in models:
        if not issubclass(model, PublicContent):
            continue
        # Its change dates when it keeps them, else its other dates, those past only (an
        # event's start next month is not a change).
        dated = _change_dates(model) or [
            f for f in model._meta.concrete_fields if isinstance(f, DateTimeField)
        ]
        if not dated:
            continue
        rows = model._default_manager.all()
        for name in ("published", "public"):
            if hasattr(rows, name):
                rows = getattr(rows, name)()
                break
        found = rows.aggregate(
            **{
                f"newest_{i}": Max(field.name, filter=Q(**{f"{field.name}__lte": now}))
                for i, field in enumerate(dated)
            }
        )
        for date in found.values():
            if date and (newest is None or date > newest):
                newest = date
    return newest


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
