"""The life of a progress report: asked for, dispatched to a worker, built, published.

A report is saved (queued) before anything that can fail; sending it to the broker happens after
the transaction commits, and if the broker is down the report simply stays queued until the
periodic sweep sends it again. Building is idempotent: a second run replaces the files of the
first in one database update and removes the old files, so exactly one set remains.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from .models import ProgressReport, report_folder

log = logging.getLogger(__name__)

BROKER_DOWN = (BrokerError, ConnectionError)

# A report sent to the broker that no worker has started after this long is sent again; one
# that has been running for longer than the task's hard time limit is considered abandoned.
REDISPATCH_AFTER = datetime.timedelta(minutes=30)
ABANDONED_AFTER = datetime.timedelta(minutes=20)


def request_report(*, reporting_date, language, scope, requested_by=None, published=False):
    """Save a queued report and send it to a worker once the transaction commits."""
    report = ProgressReport.objects.create(
        reporting_date=reporting_date,
        language=language,
        scope=scope,
        requested_by=requested_by,
        published=published,
    )
    transaction.on_commit(lambda: dispatch(report.pk))
    return report


def dispatch(report_id):
    """Send the report to the broker; on failure leave it queued for the sweep. Returns bool."""
    from .tasks import build_report

    try:
        build_report.apply_async((report_id,), retry=False)
    except BROKER_DOWN as exc:
        log.warning("report %s stays queued: broker unavailable (%s)", report_id, exc)
        return False
    except Exception:  # run in-process (eager): the task has already recorded the failure
        log.exception("report %s failed while built in-process", report_id)
        return True
    ProgressReport.objects.filter(pk=report_id, status=ProgressReport.Status.QUEUED).update(
        dispatched_at=timezone.now()
    )
    return True


def start(report_id):
    """Mark the report running as a new attempt (whatever an earlier one left) and return it."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report_id)
        report.status = ProgressReport.Status.RUNNING
        report.started_at = timezone.now()
        report.finished_at = None
        report.failure_reason = ""
        report.attempts += 1
        report.save(
            update_fields=["status", "started_at", "finished_at", "failure_reason", "attempts"]
        )
    return report


def build(report_id):
    """Build the report's PDF and data files and store them; the task's body."""
    from . import data, pdf

    report = start(report_id)
    with translation.override(report.language):
        content = data.gather(report)
        files = {"pdf": ("pdf", pdf.render(report, content)), **data.data_files(content)}
    _store(report, files)


def _store(report, files):
    """Record this attempt's files, unless a newer attempt has started meanwhile.

    Each attempt writes into a folder of its own; the report is pointed at the new files in
    one update under a row lock, so readers see the old set or the new, never half of one.
    Then the folders of earlier attempts (finished, abandoned or killed midway) are removed.
    When two attempts overlap (a task sent twice, a worker presumed dead) only the newest one
    records its files; the older removes its own and leaves.
    """
    storage = ProgressReport._meta.get_field("pdf").storage
    attempt = report.attempts
    folder = f"{report_folder(report)}/{attempt}"
    new_names = {
        field: storage.save(f"{folder}/{report.base_filename()}.{extension}", ContentFile(data))
        for field, (extension, data) in files.items()
    }
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        newest = locked.attempts == attempt
        if newest:
            for field, name in new_names.items():
                setattr(locked, field, name)
            locked.status = ProgressReport.Status.DONE
            locked.finished_at = timezone.now()
            locked.save(update_fields=[*files, "status", "finished_at"])
    if not newest:
        _remove(storage, folder)
        return
    base = report_folder(report)
    directories, leftovers = storage.listdir(base) if storage.exists(base) else ([], [])
    for name in leftovers:  # files of the layout before per-attempt folders
        storage.delete(f"{base}/{name}")
    for name in directories:
        if name.isdigit() and int(name) < attempt:
            _remove(storage, f"{base}/{name}")


def _remove(storage, folder):
    if storage.exists(folder):
        for name in storage.listdir(folder)[1]:
            storage.delete(f"{folder}/{name}")


def fail(report_id, reason):
    """Record why the report could not be built."""
    ProgressReport.objects.filter(pk=report_id).update(
        status=ProgressReport.Status.FAILED,
        failure_reason=str(reason)[:2000],
        finished_at=timezone.now(),
    )


def sweep():
    """Send again the reports no worker has taken; returns how many were sent."""
    now = timezone.now()
    ProgressReport.objects.filter(
        status=ProgressReport.Status.RUNNING, started_at__lt=now - ABANDONED_AFTER
    ).update(status=ProgressReport.Status.QUEUED, dispatched_at=None)
    stale = ProgressReport.objects.waiting().filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - REDISPATCH_AFTER)
    )
    return sum(dispatch(report_id) for report_id in stale.values_list("pk", flat=True))


def previous_month_end(today=None):
    today = today or timezone.localdate()
    return today.replace(day=1) - datetime.timedelta(days=1)


def schedule_monthly(today=None):
    """Queue and publish last month's report in every language (once per month and language)."""
    from django.conf import settings

    from .models import ALL

    reporting_date = previous_month_end(today)
    created = []
    for language, _name in settings.LANGUAGES:
        report, new = ProgressReport.objects.get_or_create(
            reporting_date=reporting_date,
            language=language,
            scope=ALL,
            scheduled=True,
            defaults={"published": True},
        )
        if new:
            transaction.on_commit(lambda pk=report.pk: dispatch(pk))
            created.append(report)
    return created
