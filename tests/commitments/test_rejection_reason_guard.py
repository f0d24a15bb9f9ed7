"""The reason for a rejection is part of the one review: set with it, never changed after
(the database refuses it, migration 0006, on SQLite and PostgreSQL alike)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from apps.commitments import services
from apps.commitments.models import Measurement
from apps.core.history import AppendOnlyError

pytestmark = pytest.mark.django_db

SET_REASON = "UPDATE commitments_measurement SET rejection_reason = %s WHERE id = %s"


@pytest.fixture
def pending(make_commitment, official, second_official):
    commitment = make_commitment(officials=[official, second_official], requires_approval=True)
    return services.record_measurement(
        commitment, official, value=Decimal(70), valid_on="2025-06-30", note_vi="chờ duyệt"
    )


def run_sql(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("review", ["reject", "approve"])
def test_the_reason_cannot_be_changed_once_the_figure_is_reviewed(pending, second_official, review):
    if review == "reject":
        services.reject_measurement(pending, second_official, reason="Sai kỳ báo cáo")
    else:
        services.approve_measurement(pending, second_official)
    before = Measurement.objects.filter(pk=pending.pk).values().get()
    with pytest.raises(IntegrityError, match="pending"), transaction.atomic():
        run_sql(SET_REASON, "lý do khác", pending.pk)
    assert Measurement.objects.filter(pk=pending.pk).values().get() == before


def test_the_reason_is_written_in_the_review_update_itself(pending):
    # One UPDATE from pending to rejected with its reason: what reject_measurement runs.
    run_sql(
        "UPDATE commitments_measurement SET status = 'rejected', rejection_reason = %s "
        "WHERE id = %s",
        "Sai kỳ báo cáo",
        pending.pk,
    )
    assert Measurement.objects.get(pk=pending.pk).rejection_reason == "Sai kỳ báo cáo"


def test_the_model_refuses_to_change_the_reason_after_the_review(pending, second_official):
    rejected = services.reject_measurement(pending, second_official, reason="Sai kỳ báo cáo")
    rejected.rejection_reason = "lý do khác"
    with pytest.raises(AppendOnlyError):
        rejected.save(update_fields=["rejection_reason"])
    assert Measurement.objects.get(pk=pending.pk).rejection_reason == "Sai kỳ báo cáo"
