from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig


class ContestsConfig(PortalAppConfig):
    name = "apps.contests"
    label = "contests"
    verbose_name = _("Contests")
    nav_label = _("Contests")
    nav_url_name = "contests:list"
    nav_order = 50
    description = _("Contests for residents: songs, paintings, poems and initiatives")
    home_template = "contests/home_section.html"

    def ready(self):
        from . import admin_jury, history  # noqa: F401

    def home_context(self, request):
        from .models import Contest

        return {"open_contests": list(Contest.objects.open_now())}

    def workspace_entries(self, user):
        """The jury's link, for jurors of a contest and content staff."""
        from django.urls import reverse

        from .jury import contests_for
        from .models import Phase

        if not contests_for(user).exclude(phase=Phase.DRAFT).exists():
            return []
        return [
            {
                "title": _("Contest juries"),
                "url": reverse("contests:workspace_list"),
                "description": _("Score the entries blind; the chair shortlists and awards."),
            }
        ]

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_winners import find_winning_works

        return [
            SearchKind(
                "winning-works", _("Winning works"), find_winning_works, order=self.nav_order
            )
        ]

    def sitemaps(self):
        from .sitemaps import ContestPagesSitemap, ContestsSitemap
        from .sitemaps_winners import WinnersSitemap

        return {
            "contests": ContestsSitemap,
            "contest-pages": ContestPagesSitemap,
            "contest-winners": WinnersSitemap,
        }
