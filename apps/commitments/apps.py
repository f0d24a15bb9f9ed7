from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig

HOME_LIMIT = 4


class CommitmentsConfig(PortalAppConfig):
    name = "apps.commitments"
    label = "commitments"
    verbose_name = _("Commitments")
    nav_label = _("Commitments")
    nav_url_name = "commitments:dashboard"
    nav_order = 10
    home_template = "commitments/home_section.html"

    def ready(self):
        from apps.core import published

        from . import history, opendata, signals  # noqa: F401 (history: its tracking connects)

        signals.connect()

        # Open data built once per change in the background, served as files (with ETags).
        csv_type, json_type = "text/csv; charset=utf-8", "application/json; charset=utf-8"
        published.register(
            opendata.DATA_CSV,
            opendata.build_csv,
            content_type=csv_type,
            filename="son-la-commitments.csv",
        )
        published.register(
            opendata.DATA_JSON,
            opendata.build_json,
            content_type=json_type,
            filename="son-la-commitments.json",
        )

    def home_context(self, request):
        from .cards import commitment_card
        from .models import Commitment

        commitments = Commitment.objects.published().with_series()[:HOME_LIMIT]
        return {"cards": [commitment_card(c) for c in commitments]}

    def workspace_entries(self, user):
        from apps.core.permissions import changeable

        from .models import Commitment, Measurement

        mine = changeable(user, Commitment.objects.all())
        if not mine.exists():
            return []
        waiting = (
            Measurement.objects.pending()
            .filter(commitment__in=mine)
            .exclude(recorded_by=user)
            .count()
        )
        description = _("Record new figures for the commitments you are responsible for.")
        entry = {
            "title": _("Record progress on commitments"),
            "url": reverse("commitments:workspace_list"),
            "description": description,
        }
        if waiting:
            entry["description"] = _("Record new figures; %(count)s waiting for your approval.") % {
                "count": waiting
            }
        return [entry]

    def search_kinds(self):
        from apps.core.search import SearchKind

        from .search_kind import find_commitments

        return [SearchKind("commitments", _("Commitments"), find_commitments, order=self.nav_order)]

    def sitemaps(self):
        from .sitemaps import CommitmentPagesSitemap, CommitmentSitemap

        return {"commitments": CommitmentSitemap, "commitment-pages": CommitmentPagesSitemap}
