"""The report task through real Celery workers on Redis (CI runs these on PostgreSQL + Redis)."""

import datetime
import os
import signal
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from apps.commitments.models import Commitment, Measurement
from apps.reports import services
from apps.reports.models import ProgressReport
from tests.reports.conftest import private_root

pytestmark = pytest.mark.worker


def wait_for(report, condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if condition(report):
            return report
        time.sleep(0.2)
    raise AssertionError(f"report stuck in {report.status}: {report.failure_reason}")


def ask_for_report():
    with transaction.atomic():
        return services.request_report(
            reporting_date=datetime.date(2025, 12, 31), language="en", scope="all"
        )


def stored_files(report):
    folder = private_root() / "reports" / "2025" / str(report.pk)
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


def test_a_real_worker_builds_the_report(worker, commitments):
    report = wait_for(ask_for_report(), lambda r: r.is_finished)
    assert report.status == ProgressReport.Status.DONE, report.failure_reason
    assert report.pdf.size > 2000
    assert len(stored_files(report)) == 3


@pytest.fixture
def large_series(transactional_db):
    """Enough data that building the report takes a few seconds (time to kill its worker)."""
    user = get_user_model().objects.create_user("recorder")
    for number in range(30):
        commitment = Commitment.objects.create(
            title=f"Cam kết {number}",
            title_en=f"Commitment {number}",
            unit="percent",
            direction="raise",
            baseline_value=Decimal(10),
            baseline_year=2015,
            target_value=Decimal(95),
            target_year=2030,
            key_feature="quality",
            order=number,
        )
        Measurement.objects.bulk_create(
            Measurement(
                commitment=commitment,
                recorded_by=user,
                status="approved",
                valid_on=datetime.date(2016, 1, 31) + datetime.timedelta(days=30 * i),
                value=Decimal(10) + Decimal(i) / 2,
                note=f"Ghi chú {i}",
            )
            for i in range(120)
        )


def test_a_report_whose_worker_dies_midway_is_finished_by_another(start_worker, large_series):
    # This depends on CELERY_TASK_ACKS_LATE (no task overrides it): with early acknowledgement
    # the killed worker's message is gone, nothing is redelivered and the report stays running
    # (no sweep runs here), so wait_for fails.
    # A short visibility timeout makes Redis hand the unacknowledged task to another worker
    # within seconds instead of an hour.
    first = start_worker("first", CELERY_VISIBILITY_TIMEOUT="3", CELERY_RESTORE_INTERVAL="1")
    report = wait_for(ask_for_report(), lambda r: r.status == ProgressReport.Status.RUNNING)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.RUNNING  # died before it could finish

    start_worker("second", CELERY_VISIBILITY_TIMEOUT="3", CELERY_RESTORE_INTERVAL="1")
    report = wait_for(report, lambda r: r.is_finished)
    assert report.status == ProgressReport.Status.DONE, report.failure_reason
    assert report.attempts == 2
    files = stored_files(report)
    assert len(files) == 3, files
    assert {name.rsplit(".", 1)[1] for name in files} == {"pdf", "csv", "xlsx"}
