"""Progress reports: a PDF and data files about the commitments, built in the background."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.commitments.models import FrameworkArea
from apps.core.content import PublicContent, PublicContentQuerySet
from apps.core.permissions import OFFICIALS, has_role
from apps.core.storage import get_private_storage

ALL = "all"


def scope_choices():
    return [(ALL, _("All commitments")), *FrameworkArea.choices]


def may_request_reports(user):
    """Officials and content staff may ask for reports."""
    return bool(
        user
        and user.is_authenticated
        and (has_role(user, OFFICIALS) or user.has_perm("reports.add_progressreport"))
    )


class ProgressReportQuerySet(PublicContentQuerySet):
    def published(self):
        return self.filter(published=True, status=ProgressReport.Status.DONE)

    def waiting(self):
        return self.filter(status=ProgressReport.Status.QUEUED)


def report_folder(report):
    """Each report's files live in a folder of their own (so leftovers can be found)."""
    return f"reports/{report.reporting_date:%Y}/{report.pk}"


def report_path(instance, filename):
    return f"{report_folder(instance)}/{filename}"


class ProgressReport(PublicContent):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    reporting_date = models.DateField(_("reporting date"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    scope = models.CharField(_("scope"), max_length=40, default=ALL, choices=scope_choices())
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    failure_reason = models.TextField(
        _("reason of the failure"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    # Private: the download view sends a report's files after checking it is published or that
    # the visitor may ask for reports (an unpublished report must not be one guess away).
    pdf = models.FileField(
        _("PDF"), upload_to=report_path, storage=get_private_storage, blank=True, max_length=200
    )
    data_csv = models.FileField(
        _("data (CSV)"),
        upload_to=report_path,
        storage=get_private_storage,
        blank=True,
        max_length=200,
    )
    data_xlsx = models.FileField(
        _("data (XLSX)"),
        upload_to=report_path,
        storage=get_private_storage,
        blank=True,
        max_length=200,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled = models.BooleanField(_("built on schedule"), default=False)
    published = models.BooleanField(_("published"), default=False)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("sent to a worker at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    objects = ProgressReportQuerySet.as_manager()

    # What a build writes along the way; the public list shows none of it.
    INTERNAL_FIELDS = frozenset(
        {"failure_reason", "dispatched_at", "started_at", "finished_at", "attempts"}
    )
    PUBLICITY_FIELDS = ("published", "status")

    class Meta:
        ordering = ["-reporting_date", "-queued_at"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            # The monthly schedule builds one report per month and language, never two.
            models.UniqueConstraint(
                fields=["reporting_date", "language", "scope"],
                condition=models.Q(scheduled=True),
                name="one_scheduled_report_per_date_language_scope",
            )
        ]

    def __str__(self):
        return f"{self.reporting_date:%Y-%m-%d} {self.language} {self.scope}"

    def get_absolute_url(self):
        return reverse("reports:workspace_status", args=[self.pk])

    def shows_publicly(self):
        return self.published and self.status == self.Status.DONE

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def scope_label(self):
        return dict(scope_choices()).get(self.scope, self.scope)

    def file_for(self, kind):
        return {"pdf": self.pdf, "csv": self.data_csv, "xlsx": self.data_xlsx}.get(kind)

    def base_filename(self):
        scope = "" if self.scope == ALL else f"-{self.scope}"
        return f"son-la-progress-{self.reporting_date:%Y-%m-%d}{scope}-{self.language}"
