from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .models import ProgressReport


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = (
        "reporting_date",
        "language",
        "scope",
        "status",
        "published",
        "queued_at",
        "finished_at",
        "requested_by",
    )
    list_filter = ("status", "language", "published", "scheduled")
    list_select_related = ("requested_by",)
    readonly_fields = (
        "status",
        "failure_reason",
        "files",
        "queued_at",
        "dispatched_at",
        "started_at",
        "finished_at",
        "attempts",
        "requested_by",
        "scheduled",
    )
    fields = ("reporting_date", "language", "scope", "published", *readonly_fields)
    actions = ["rebuild"]

    @admin.display(description=_("files"))
    def files(self, report):
        """Links through the download view (the files are private, never under /media/)."""
        links = [
            (reverse("reports:download", args=[report.pk, kind]), label)
            for kind, label in (("pdf", "PDF"), ("csv", "CSV"), ("xlsx", "XLSX"))
            if report.status == ProgressReport.Status.DONE and report.file_for(kind)
        ]
        if not links:
            return "–"
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.action(description=_("Build the selected reports again"))
    def rebuild(self, request, queryset):
        from . import services

        for report in queryset:
            report.status = ProgressReport.Status.QUEUED
            report.dispatched_at = None
            report.save(update_fields=["status", "dispatched_at"])
            services.dispatch(report.pk)
