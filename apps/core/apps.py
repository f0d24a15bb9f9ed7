from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PortalAppConfig(AppConfig):
    """An app of the portal: what it adds to the navigation, the home page and the workspace.

    Each domain app subclasses this so the shared pages never need to import the apps.
    """

    default_auto_field = "django.db.models.BigAutoField"
    nav_label = None  # text of the navigation link, or None for no link
    nav_url_name = None  # e.g. "spaces:list"
    nav_order = 100
    home_template = None  # an include rendered on the home page with home_context()
    # The app's name in the site's description when its verbose_name will not do; apps without
    # a navigation link are not named there.
    description = None

    def home_context(self, request):
        return {}

    def workspace_entries(self, user):
        """The things ``user`` may do in this app, as dicts with title, url and description."""
        return []

    def sitemaps(self):
        """Sitemap classes keyed by section name."""
        return {}

    def search_kinds(self):
        """What the site-wide search finds in this app: a list of ``apps.core.search.SearchKind``
        (see docs/DEVELOPING.md, "Search")."""
        return []

    def related(self, obj):
        """What this app links to ``obj`` of another app (the clubs meeting in a space).

        A list of sections, dicts with ``title`` and ``links`` (dicts with ``url`` and
        ``object``, shown by its translated ``name``, or by ``text`` when given: "Title
        (date)"). The other app's page shows them with
        ``{% related_to obj %}`` and never imports this app.
        """
        return []


def related_sections(obj):
    """Every app's sections about ``obj``, in the navigation's order."""
    return [section for config in portal_apps() for section in config.related(obj)]


def portal_apps():
    found = [config for config in apps.get_app_configs() if isinstance(config, PortalAppConfig)]
    return sorted(found, key=lambda config: config.nav_order)


class CoreConfig(PortalAppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Portal")
    nav_order = 0

    def ready(self):
        from . import checks, search, signals  # noqa: F401 (search: its connection setup)
        from .content import connect_receivers

        connect_receivers()

    def sitemaps(self):
        from .sitemaps import StaticPagesSitemap

        return {"pages": StaticPagesSitemap}
