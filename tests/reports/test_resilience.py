"""Nothing lost: a broker outage delays a report, a dead worker's report is taken up again."""

import datetime

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.reports import services, tasks
from apps.reports.models import ProgressReport
from tests.reports.conftest import private_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.build_report, "apply_async", refuse)
    return monkeypatch


def test_a_report_asked_for_while_the_broker_is_down_stays_queued(
    commitments, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            reporting_date=datetime.date(2024, 12, 31), language="en", scope="all"
        )
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.QUEUED
    assert report.dispatched_at is None
    assert services.sweep() == 0  # still down: nothing sent, nothing lost
    broker_down.undo()
    assert services.sweep() == 1
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE


def test_the_sweep_takes_up_a_report_whose_worker_died(commitments):
    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31),
        language="en",
        status=ProgressReport.Status.RUNNING,
        attempts=1,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert services.sweep() == 1
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    assert report.attempts == 2


def test_the_sweep_leaves_a_report_that_is_running_now(commitments):
    ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31),
        language="en",
        status=ProgressReport.Status.RUNNING,
        started_at=timezone.now(),
    )
    assert services.sweep() == 0


def test_a_transient_error_is_retried_then_succeeds(commitments, monkeypatch):
    from apps.reports import data

    calls = {"n": 0}
    real = data.gather

    def flaky(report):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("database restarting")
        return real(report)

    monkeypatch.setattr(data, "gather", flaky)
    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31), language="en"
    )
    # In-process, Celery runs the retry at once instead of after the back-off.
    result = tasks.build_report.apply(args=(report.pk,), throw=False)
    assert result.state == "SUCCESS"
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DONE
    assert calls["n"] == 2
    assert report.attempts == 2


def test_task_is_acknowledged_late_and_requeued_when_its_worker_dies():
    assert tasks.build_report.acks_late is True
    assert tasks.build_report.reject_on_worker_lost is True
    assert tasks.build_report.time_limit
    assert tasks.build_report.soft_time_limit


def test_the_monthly_schedule_builds_each_language_once(
    commitments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = services.schedule_monthly(today=datetime.date(2025, 3, 1))
    assert {r.language for r in created} == {"vi", "en"}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.schedule_monthly(today=datetime.date(2025, 3, 14)) == []
    reports = ProgressReport.objects.published()
    assert reports.count() == 2
    assert {r.reporting_date for r in reports} == {datetime.date(2025, 2, 28)}


def test_files_left_by_a_run_that_died_are_removed(
    commitments, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.request_report(
            reporting_date=datetime.date(2024, 12, 31), language="en", scope="all"
        )
    report.refresh_from_db()
    folder = private_root() / "reports" / "2024" / str(report.pk)
    # A second attempt killed after writing part of its files.
    services.start(report.pk)
    (folder / "2").mkdir()
    (folder / "2" / "son-la-progress-2024-12-31-en.pdf").write_bytes(b"%PDF- half written")
    services.build(report.pk)
    report.refresh_from_db()
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        "3/son-la-progress-2024-12-31-en.csv",
        "3/son-la-progress-2024-12-31-en.pdf",
        "3/son-la-progress-2024-12-31-en.xlsx",
    ]
    assert report.pdf.name.endswith("3/son-la-progress-2024-12-31-en.pdf")


def test_an_older_attempt_that_finishes_late_records_nothing(commitments, settings):
    from apps.reports import data, pdf

    report = ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31), language="en"
    )
    older = services.start(report.pk)  # a task sent twice: two attempts overlap
    services.build(report.pk)  # the newer one finishes first
    report.refresh_from_db()
    recorded = (report.pdf.name, report.data_csv.name)
    content = data.gather(older)
    services._store(older, {"pdf": ("pdf", pdf.render(older, content))})
    report.refresh_from_db()
    assert (report.pdf.name, report.data_csv.name) == recorded
    assert report.status == ProgressReport.Status.DONE
    folder = private_root() / "reports" / "2024" / str(report.pk)
    assert sorted(p.parent.name for p in folder.rglob("*") if p.is_file()) == ["2", "2", "2"]


def test_demo_data_holds_the_last_two_monthly_reports(db, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    reports = ProgressReport.objects.published()
    assert reports.count() == 4
    assert {r.language for r in reports} == {"vi", "en"}
