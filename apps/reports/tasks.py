import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, InterfaceError

from . import services

log = logging.getLogger(__name__)

# Worth another try after a pause: the database or the file store was briefly unreachable.
TRANSIENT = (DatabaseError, InterfaceError, ConnectionError, TimeoutError, OSError)


# Acknowledged late and re-queued when its worker dies: the project-wide settings
# CELERY_TASK_ACKS_LATE and CELERY_TASK_REJECT_ON_WORKER_LOST say so for every task, in one
# place (tests/reports/test_worker.py kills a worker mid-build to prove it).
@shared_task(
    bind=True,
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def build_report(self, report_id):
    """Build one progress report (PDF, CSV, XLSX); safe to run twice for the same report."""
    try:
        services.build(report_id)
    except SoftTimeLimitExceeded:
        services.fail(report_id, "The report took too long to build.")
    except TRANSIENT as exc:
        if self.request.retries >= self.max_retries:
            services.fail(report_id, f"{exc.__class__.__name__}: {exc}")
            raise
        raise self.retry(exc=exc, countdown=min(600, 10 * 2**self.request.retries)) from exc
    except Exception as exc:
        log.exception("report %s failed", report_id)
        services.fail(report_id, f"{exc.__class__.__name__}: {exc}")
        raise


@shared_task
def sweep_queued_reports():
    """Send again the reports that no worker took (the broker was down, a worker died)."""
    return services.sweep()


@shared_task
def build_monthly_reports():
    """Queue and publish last month's report in each language (Celery beat, monthly)."""
    return [report.pk for report in services.schedule_monthly()]
