"""The reporters' pages: ask for a report, follow it while it builds, publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.core.forms import refused_status

from . import services
from .forms import ReportRequestForm
from .models import ProgressReport, may_request_reports


def _require_reporter(user):
    if not may_request_reports(user):
        raise PermissionDenied


@never_cache
@login_required
def report_list(request):
    _require_reporter(request.user)
    if request.method == "POST":
        form = ReportRequestForm(request.POST)
        if form.is_valid():
            report = services.request_report(requested_by=request.user, **form.cleaned_data)
            report.refresh_from_db()  # built already when tasks run in-process
            if report.status == ProgressReport.Status.DONE:
                messages.success(request, _("Your report is ready."))
            else:
                messages.success(
                    request, _("Your report is queued. This page follows its progress.")
                )
            return redirect("reports:workspace_status", pk=report.pk)
    else:
        form = ReportRequestForm()
    recent = ProgressReport.objects.select_related("requested_by")[:20]
    context = {"form": form, "reports": recent}
    return render(request, "reports/workspace/list.html", context, status=refused_status(form))


@never_cache
@login_required
def status(request, pk):
    _require_reporter(request.user)
    report = get_object_or_404(ProgressReport, pk=pk)
    context = {
        "report": report,
        "may_publish": request.user.has_perm("reports.change_progressreport"),
    }
    return render(request, "reports/workspace/status.html", context)


@require_POST
@login_required
def publish(request, pk):
    if not request.user.has_perm("reports.change_progressreport"):
        raise PermissionDenied
    report = get_object_or_404(ProgressReport, pk=pk, status=ProgressReport.Status.DONE)
    report.published = request.POST.get("published") == "1"
    report.save(update_fields=["published"])
    messages.success(
        request, _("The report is public.") if report.published else _("The report is hidden.")
    )
    return redirect("reports:workspace_status", pk=report.pk)
