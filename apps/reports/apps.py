from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.apps import PortalAppConfig


class ReportsConfig(PortalAppConfig):
    name = "apps.reports"
    label = "reports"
    verbose_name = _("Progress reports")
    nav_label = _("Reports")
    nav_url_name = "reports:list"
    nav_order = 15

    def workspace_entries(self, user):
        from .models import may_request_reports

        if not may_request_reports(user):
            return []
        return [
            {
                "title": _("Progress reports"),
                "url": reverse("reports:workspace_list"),
                "description": _("Ask for a PDF progress report in Vietnamese or English."),
            }
        ]

    def sitemaps(self):
        from .sitemaps import ReportsSitemap

        return {"reports": ReportsSitemap}
