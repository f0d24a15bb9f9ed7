"""Officials are told: the approvers when a figure waits, the recorder when it is reviewed."""

from decimal import Decimal

import pytest
from django.core import mail as django_mail

from apps.commitments import services
from apps.commitments.models import Measurement
from apps.core.models import OutgoingMail, Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def guarded(make_commitment, official, second_official):
    return make_commitment(officials=[official, second_official], requires_approval=True)


def record(commitment, user, value="83.5"):
    return services.record_measurement(
        commitment, user, value=Decimal(value), valid_on="2025-06-30", note_vi="ghi chú"
    )


def speaks(user, language):
    Profile.objects.filter(user=user).update(language=language)


def test_a_figure_waiting_tells_the_other_assigned_officials_only_after_the_commit(
    guarded, official, second_official, outsider, staff_user, django_capture_on_commit_callbacks
):
    speaks(second_official, "en")
    with django_capture_on_commit_callbacks(execute=True):
        record(guarded, official)
        assert django_mail.outbox == []
        assert OutgoingMail.objects.count() == 1
    [sent] = django_mail.outbox
    assert sent.to == ["second@example.org"]  # not the recorder, the outsider nor the staff
    assert sent.subject == "A figure waits for your approval: Digital schools"
    assert "official recorded 83.5% for 30 June 2025" in sent.body
    assert "/en/workspace/commitments/" in sent.body


def test_a_figure_nobody_else_is_assigned_to_goes_to_the_staff(
    make_commitment, official, staff_user, django_capture_on_commit_callbacks
):
    alone = make_commitment(officials=[official], requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        record(alone, official)
    assert [m.to for m in django_mail.outbox] == [["staff@example.org"]]


def test_a_figure_published_at_once_tells_nobody(commitment, official, second_official):
    commitment.officials.add(second_official)
    record(commitment, official)
    assert not OutgoingMail.objects.exists()


def test_the_recorder_learns_of_the_approval_in_their_language(
    guarded, official, second_official, django_capture_on_commit_callbacks
):
    m = record(guarded, official)
    speaks(official, "vi")
    OutgoingMail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_measurement(Measurement.objects.get(pk=m.pk), second_official)
    [sent] = django_mail.outbox
    assert sent.to == ["official@example.org"]
    assert sent.subject == "Số liệu của bạn đã được phê duyệt: Trường học số"
    assert "83,5%" in sent.body
    assert "/vi/workspace/commitments/#my-figures" in sent.body


def test_the_recorder_learns_of_the_rejection_and_its_reason(
    guarded, official, second_official, django_capture_on_commit_callbacks
):
    m = record(guarded, official)
    speaks(official, "en")
    OutgoingMail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_measurement(
            Measurement.objects.get(pk=m.pk), second_official, reason="Quý I, không phải quý II"
        )
    [sent] = django_mail.outbox
    assert sent.subject == "Your figure was rejected: Digital schools"
    assert "Reason: Quý I, không phải quý II" in sent.body
    assert "was rejected by second" in sent.body


def test_a_refused_review_sends_nothing(guarded, official, django_capture_on_commit_callbacks):
    m = record(guarded, official)
    OutgoingMail.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017, PT011
        services.approve_measurement(m, official)
    assert not OutgoingMail.objects.exists()
    assert django_mail.outbox == []


def test_a_too_long_reason_is_refused_by_the_service_too(guarded, official, second_official):
    from django.core.exceptions import ValidationError

    m = record(guarded, official)
    with pytest.raises(ValidationError):
        services.reject_measurement(m, second_official, reason="x" * 501)
    assert Measurement.objects.get(pk=m.pk).is_pending


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_rejecting_without_a_reason_is_refused_by_the_service_and_keeps_the_figure_pending(
    guarded, official, second_official, reason
):
    from django.core.exceptions import ValidationError

    m = record(guarded, official)
    mails = OutgoingMail.objects.count()
    with pytest.raises(ValidationError):
        services.reject_measurement(m, second_official, reason)
    assert Measurement.objects.get(pk=m.pk).is_pending
    assert OutgoingMail.objects.count() == mails
