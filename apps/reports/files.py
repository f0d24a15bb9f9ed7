"""A report's files, sent from the private storage after checking who may see them."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.core.files import send_file

from .models import ProgressReport, may_request_reports

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(request, pk, kind):
    """A done report's PDF, CSV or XLSX: anyone's when published, reporters' otherwise."""
    if kind not in CONTENT_TYPES:
        raise Http404
    report = get_object_or_404(ProgressReport, pk=pk, status=ProgressReport.Status.DONE)
    if not report.published and not may_request_reports(request.user):
        raise Http404
    file = report.file_for(kind)
    if not file:
        raise Http404
    return send_file(
        file,
        content_type=CONTENT_TYPES[kind],
        attachment=kind != "pdf",
        filename=f"{report.base_filename()}.{kind}",
        public=report.published,
    )
