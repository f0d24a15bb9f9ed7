"""The database itself keeps measurements append-only (migration 0004), whatever code runs."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from apps.commitments import services
from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db


def run_sql(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refused(sql, *params, match="append-only"):
    """Run ``sql`` and expect the database to refuse it (in a savepoint, so the test's
    transaction stays usable on PostgreSQL)."""
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        run_sql(sql, *params)


def stored(measurement):
    """Every column of ``measurement`` as the database holds it."""
    return Measurement.objects.filter(pk=measurement.pk).values().get()


@pytest.fixture
def guarded(make_commitment, official, second_official):
    return make_commitment(
        "Cần duyệt", officials=[official, second_official], requires_approval=True
    )


@pytest.fixture
def pending(guarded, official):
    return services.record_measurement(
        guarded, official, value=Decimal(70), valid_on="2025-06-30", note_vi="chờ duyệt"
    )


def test_a_raw_update_cannot_rewrite_a_published_figure(client, commitment, measure, official):
    m = measure(commitment, 70, "2025-12-31", official)
    before = stored(m)
    refused("UPDATE commitments_measurement SET value = %s WHERE id = %s", Decimal(99), m.pk)
    refused("UPDATE commitments_measurement SET value = 99")
    assert stored(m) == before
    html = client.get("/en/commitments/truong-hoc-so/").content.decode()
    assert "On 31 December 2025 the figure was 70%" in html


def test_an_update_through_the_plain_manager_is_refused_too(commitment, measure, official):
    # _base_manager skips MeasurementQuerySet.update(): only the database stands in the way.
    m = measure(commitment, 70, "2025-12-31", official)
    before = stored(m)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement._base_manager.filter(pk=m.pk).update(value=Decimal(99))
    assert stored(m) == before


def set_column(column):
    return f"UPDATE commitments_measurement SET {column} = %s WHERE id = %s"  # noqa: S608


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("commitment_id", "other commitment"),
        ("valid_on", datetime.date(2025, 7, 31)),
        ("value", Decimal("70.01")),
        ("note", "sửa"),
        ("note_vi", "sửa"),
        ("note_en", "changed"),
        ("evidence", "evidence/0123456789abcdef0123456789abcdef.pdf"),
        ("recorded_by_id", "second official"),
        ("recorded_at", "2025-07-01 00:00:00"),
        ("corrects_id", "earlier figure"),
        ("correction_reason", "changed my mind"),
    ],
)
def test_no_recorded_column_of_a_pending_figure_can_be_changed(
    make_commitment, measure, guarded, pending, official, second_official, column, value
):
    """Pending is the state in which the review may still change: what was recorded may not."""
    value = {
        "other commitment": make_commitment("Khác").pk,
        "second official": second_official.pk,
        "earlier figure": measure(guarded, 60, "2024-12-31", official).pk,
    }.get(value, value)
    before = stored(pending)
    refused(set_column(column), value, pending.pk)
    assert stored(pending) == before


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("status", "rejected"),
        ("status", "pending"),
        ("approved_at", "2025-07-01 00:00:00"),
        ("approved_by_id", None),
    ],
)
def test_a_reviewed_figure_cannot_be_reviewed_again(pending, second_official, column, value):
    services.approve_measurement(pending, second_official)
    before = stored(pending)
    refused(set_column(column), value, pending.pk, match="pending")
    assert stored(pending) == before
    assert before["status"] == Measurement.State.APPROVED


def test_a_rejected_figure_cannot_be_approved_afterwards(pending, second_official):
    services.reject_measurement(pending, second_official, "Sai kỳ báo cáo")
    refused(
        "UPDATE commitments_measurement SET status = 'approved', approved_by_id = %s WHERE id = %s",
        second_official.pk,
        pending.pk,
        match="pending",
    )
    assert Measurement.objects.get(pk=pending.pk).status == Measurement.State.REJECTED


def test_no_figure_can_be_deleted_by_sql(commitment, measure, official, pending):
    measure(commitment, 70, "2025-12-31", official)
    refused("DELETE FROM commitments_measurement WHERE id = %s", pending.pk)
    refused("DELETE FROM commitments_measurement")
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement._base_manager.filter(pk=pending.pk).delete()
    assert Measurement.objects.count() == 2


def test_approving_a_pending_figure_still_works(guarded, pending, second_official):
    services.approve_measurement(pending, second_official)
    approved = Measurement.objects.get(pk=pending.pk)
    assert approved.status == Measurement.State.APPROVED
    assert approved.approved_by == second_official
    assert approved.approved_at is not None
    assert approved.value == Decimal(70)
    assert guarded.progress() == Decimal("50.0")


def test_rejecting_a_pending_figure_still_works(guarded, pending, second_official):
    services.reject_measurement(pending, second_official, "Sai kỳ báo cáo")
    rejected = Measurement.objects.get(pk=pending.pk)
    assert rejected.status == Measurement.State.REJECTED
    assert rejected.approved_by is None
    assert guarded.latest() is None


def test_the_reverse_migration_lifts_the_guards(
    commitment, measure, official, without_measurement_guards
):
    m = measure(commitment, 70, "2025-12-31", official)
    run_sql("UPDATE commitments_measurement SET value = 71 WHERE id = %s", m.pk)
    assert Measurement.objects.get(pk=m.pk).value == Decimal(71)
    run_sql("DELETE FROM commitments_measurement WHERE id = %s", m.pk)
    assert not Measurement.objects.exists()
