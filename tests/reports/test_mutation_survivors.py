"""Tests that kill the mutations `make mutate` found surviving (scripts/mutations.toml)."""

import pytest

from .test_views import built  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_unpublished_report_is_hidden_from_a_signed_in_juror(client, built, juror):  # noqa: F811
    report = built("en", published=False)
    client.force_login(juror)
    assert client.get(f"/en/reports/{report.pk}/pdf/").status_code == 404


def test_the_sweep_sends_again_a_report_sent_long_ago_that_no_worker_started(commitments):
    import datetime

    from django.utils import timezone

    from apps.reports import services
    from apps.reports.models import ProgressReport

    lost = ProgressReport.objects.create(
        reporting_date=datetime.date(2024, 12, 31),
        language="en",
        dispatched_at=timezone.now() - datetime.timedelta(hours=1),
    )
    ProgressReport.objects.create(
        reporting_date=datetime.date(2023, 12, 31), language="en", dispatched_at=timezone.now()
    )
    assert services.sweep() == 1  # the lost one only: the other was sent a moment ago
    lost.refresh_from_db()
    assert lost.status == ProgressReport.Status.DONE
