from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig


class SpacesConfig(PortalAppConfig):
    name = "apps.spaces"
    label = "spaces"
    verbose_name = _("Learning spaces")
    nav_label = _("Learning spaces")
    nav_url_name = "spaces:list"
    nav_order = 20
    home_template = "spaces/home_section.html"

    def ready(self):
        from . import history, signals  # noqa: F401

    def home_context(self, request):
        from .models import LearningSpace

        return {"space_count": LearningSpace.objects.published().count()}

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

    def sitemaps(self):
        from .sitemaps import SpacePagesSitemap, SpacesSitemap

        return {"spaces": SpacesSitemap, "spaces-pages": SpacePagesSitemap}
