from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.apps import PortalAppConfig


class CultureConfig(PortalAppConfig):
    name = "apps.culture"
    label = "culture"
    verbose_name = _("Thai cultural clubs")
    nav_label = _("Cultural clubs")
    nav_url_name = "culture:list"
    nav_order = 30
    description = _("Thai cultural clubs and the Xòe heritage")
    home_template = "culture/home_section.html"

    def ready(self):
        from . import history, signals  # noqa: F401

    def home_context(self, request):
        from .models import Club, Dance

        return {
            "club_count": Club.objects.published().count(),
            "dance_count": Dance.objects.count(),
        }

    def workspace_entries(self, user):
        from apps.core.permissions import changeable

        from .models import Club, JoinRequest

        clubs = changeable(user, Club.objects.all())
        if not clubs.exists():
            return []
        waiting = JoinRequest.objects.waiting().filter(club__in=clubs).count()
        description = _("Schedule, description and contact of your clubs, and their join requests.")
        if waiting:
            description = ngettext(
                "%(count)s join request waiting for an answer.",
                "%(count)s join requests waiting for an answer.",
                waiting,
            ) % {"count": waiting}
        return [
            {
                "title": _("Thai cultural clubs"),
                "url": reverse("culture:workspace_list"),
                "description": description,
            }
        ]

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_kind import find_clubs

        return [SearchKind("clubs", _("Thai cultural clubs"), find_clubs, order=self.nav_order)]

    def sitemaps(self):
        from .sitemaps import ClubPagesSitemap, ClubsSitemap

        return {"clubs": ClubsSitemap, "club-pages": ClubPagesSitemap}

    def related(self, obj):
        """The clubs that meet in a learning space, for the space's page."""
        from apps.spaces.models import LearningSpace

        from .models import Club

        if not isinstance(obj, LearningSpace):
            return []
        from apps.core.display import tfield
        from apps.core.text import vi_sort_key

        clubs = sorted(
            Club.objects.published().filter(space=obj), key=lambda c: vi_sort_key(tfield(c, "name"))
        )
        if not clubs:
            return []
        return [
            {
                "title": _("Thai cultural clubs that meet here"),
                "links": [{"url": club.get_absolute_url(), "object": club} for club in clubs],
            }
        ]
