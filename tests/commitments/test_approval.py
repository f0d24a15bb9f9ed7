from decimal import Decimal
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from apps.commitments import services
from apps.commitments.models import Change, Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def guarded(make_commitment, official, second_official):
    return make_commitment(officials=[official, second_official], requires_approval=True)


def record(commitment, user, value=70, day="2025-12-31"):
    return services.record_measurement(
        commitment, user, value=Decimal(value), valid_on=day, note_vi="ghi chú"
    )


def test_without_approval_a_new_figure_is_public_at_once(commitment, official):
    m = record(commitment, official)
    assert m.status == Measurement.State.APPROVED
    assert commitment.latest_value == Decimal(70)


def test_a_figure_needing_approval_waits_and_does_not_move_progress(guarded, official):
    m = record(guarded, official)
    assert m.status == Measurement.State.PENDING
    assert guarded.progress() is None
    assert not Measurement.objects.public().exists()


def test_a_second_official_approves_and_the_progress_moves(guarded, official, second_official):
    m = record(guarded, official)
    services.approve_measurement(m, second_official)
    m.refresh_from_db()
    assert (m.status, m.approved_by) == (Measurement.State.APPROVED, second_official)
    assert m.approved_at is not None
    assert guarded.progress() == Decimal("50.0")


def test_the_recorder_cannot_approve_their_own_figure(guarded, official):
    m = record(guarded, official)
    with pytest.raises(PermissionDenied):
        services.approve_measurement(m, official)
    m.refresh_from_db()
    assert m.is_pending


def test_an_unassigned_official_cannot_approve(guarded, official, outsider):
    m = record(guarded, official)
    with pytest.raises(PermissionDenied):
        services.approve_measurement(m, outsider)


def test_staff_may_approve_any_figure(guarded, official, staff_user):
    m = record(guarded, official)
    services.approve_measurement(m, staff_user)
    assert Measurement.objects.get(pk=m.pk).status == Measurement.State.APPROVED


def test_a_rejected_figure_never_counts(guarded, official, second_official):
    m = record(guarded, official)
    services.reject_measurement(m, second_official, "Sai kỳ báo cáo")
    assert Measurement.objects.get(pk=m.pk).status == Measurement.State.REJECTED
    assert guarded.progress() is None
    with pytest.raises(PermissionDenied):
        services.approve_measurement(Measurement.objects.get(pk=m.pk), second_official)


@pytest.mark.parametrize(
    "second_review",
    [services.approve_measurement, partial(services.reject_measurement, reason="Sai kỳ báo cáo")],
)
def test_a_stale_copy_of_a_reviewed_figure_is_refused_clearly(
    guarded, official, second_official, staff_user, second_review
):
    """Two officials open the same pending figure; the one who clicks second is refused."""
    m = record(guarded, official)
    stale = Measurement.objects.get(pk=m.pk)
    services.approve_measurement(m, second_official)
    reviews = Change.objects.filter(object_type="measurement", object_id=m.pk).exclude(
        action=Change.Action.CREATED
    )
    assert reviews.count() == 1
    with translation.override("en"), pytest.raises(PermissionDenied, match="already been"):
        second_review(stale, staff_user)
    assert reviews.count() == 1
    m.refresh_from_db()
    assert (m.status, m.approved_by) == (Measurement.State.APPROVED, second_official)


def test_the_workspace_says_when_someone_else_reviewed_first(
    client, guarded, official, second_official, staff_user, monkeypatch
):
    m = record(guarded, official)
    services.reject_measurement(Measurement.objects.get(pk=m.pk), staff_user, "Sai kỳ báo cáo")
    # The view's own check passed just before the other official's review landed.
    monkeypatch.setattr(services, "can_review", lambda user, measurement: True)
    client.force_login(second_official)
    url = f"/en/workspace/commitments/measurements/{m.pk}/approve/"
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/en/workspace/commitments/", 302)]
    assert "This measurement has already been reviewed." in response.content.decode()
    assert Measurement.objects.get(pk=m.pk).status == Measurement.State.REJECTED
