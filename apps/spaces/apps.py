from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig


class SpacesConfig(PortalAppConfig):
    name = "apps.spaces"
    label = "spaces"
    verbose_name = _("Learning spaces")
    nav_label = _("Learning spaces")
    nav_url_name = "spaces:list"
    # First in the navigation: finding the House of Wisdom of one's village is what most
    # visitors (residents, on phones) come for.
    nav_order = 5
    home_template = "spaces/home_section.html"

    def ready(self):
        from apps.core import published

        from . import history, signals, views  # noqa: F401 (history, signals: they connect)

        # The unfiltered map feed, built once per change in the background, served as a file.
        published.register(
            views.GEOJSON_FEED,
            views.geojson_body,
            content_type="application/geo+json",
            filename="son-la-learning-spaces.geojson",
        )

    def home_context(self, request):
        from .models import LearningSpace

        # "lead": shown first on the home page, under the title.
        return {"space_count": LearningSpace.objects.published().count(), "lead": True}

    def workspace_entries(self, user):
        from apps.core.permissions import changeable

        from .models import LearningSpace

        if not changeable(user, LearningSpace.objects.all()).exists():
            return []
        return [
            {
                "title": _("Learning spaces"),
                "url": reverse("spaces:workspace_list"),
                "description": _(
                    "Opening hours, activities, description and photos of the Houses of Wisdom "
                    "and libraries you look after."
                ),
            }
        ]

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_kind import find_spaces

        return [SearchKind("spaces", _("Learning spaces"), find_spaces, order=self.nav_order)]

    def sitemaps(self):
        from .sitemaps import SpacePagesSitemap, SpacesSitemap

        return {"spaces": SpacesSitemap, "spaces-pages": SpacePagesSitemap}
