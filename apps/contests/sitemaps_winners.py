"""The winners page of every announced contest, for /sitemap.xml and the human sitemap (the
public copies only: no entry ever has an address outside the workspace)."""

from django.utils.translation import gettext as _

from apps.core.sitemaps import PublishedObjectsSitemap

from .models import Contest, Phase


class WinnersSitemap(PublishedObjectsSitemap):
    url_name = "contests:winners"

    def published(self):
        return Contest.objects.published().filter(phase=Phase.ANNOUNCED)

    def items(self):
        rows = self.published().order_by("pk")
        return list(rows.values_list("slug", "updated_at", "title_vi", "title_en"))

    def title(self, item):
        return _("Winners: %(contest)s") % {"contest": super().title(item)}
