"""The public pages of the reports: the published progress reports, newest first."""

from django.template.loader import render_to_string

from apps.core.pagecache import accept_query, render_memo
from apps.core.paginate import page_number, paginate

from .models import ProgressReport

PER_PAGE = 24


def report_list(request):
    published = ProgressReport.objects.published
    number, page = page_number(request, "reports:list", lambda: published().count(), PER_PAGE)
    accept_query(request, page=page)

    def build():
        context = paginate(published(), PER_PAGE, number)
        return render_to_string("reports/list_main.html", context)

    return render_memo(request, "reports/list.html", "reports:list", build, number)
