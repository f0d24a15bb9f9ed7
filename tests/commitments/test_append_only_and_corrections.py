from decimal import Decimal

import pytest

from apps.commitments import services
from apps.commitments.models import AppendOnlyError, Change, Measurement

pytestmark = pytest.mark.django_db


def test_a_measurement_cannot_be_edited(commitment, measure, official):
    m = measure(commitment, 50, "2022-12-31", official)
    m.value = Decimal(55)
    with pytest.raises(AppendOnlyError):
        m.save()
    with pytest.raises(AppendOnlyError):
        m.save(update_fields=["value"])
    assert Measurement.objects.get().value == Decimal(50)


def test_a_pending_measurement_cannot_be_edited_either(commitment, measure, official):
    # Only the review fields change while a figure waits; what was recorded never does.
    m = measure(commitment, 50, "2022-12-31", official, status=Measurement.State.PENDING)
    m.value = Decimal(55)
    for fields in (["value"], ["status", "value"]):
        with pytest.raises(AppendOnlyError):
            m.save(update_fields=fields)
    stored = Measurement.objects.get()
    assert stored.value == Decimal(50)
    assert stored.is_pending


def test_a_measurement_cannot_be_deleted(commitment, measure, official):
    m = measure(commitment, 50, "2022-12-31", official)
    with pytest.raises(AppendOnlyError):
        m.delete()
    with pytest.raises(AppendOnlyError):
        Measurement.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Measurement.objects.update(value=1)
    assert Measurement.objects.count() == 1


def test_an_approved_measurement_cannot_be_reviewed_again(commitment, measure, official):
    m = measure(commitment, 50, "2022-12-31", official)
    m.status = Measurement.State.REJECTED
    with pytest.raises(AppendOnlyError):
        m.save(update_fields=["status"])


def test_a_correction_replaces_the_figure_it_corrects(commitment, official):
    wrong = services.record_measurement(
        commitment, official, value=Decimal(90), valid_on="2024-12-31", note_vi="Nhập nhầm"
    )
    fixed = services.record_measurement(
        commitment,
        official,
        value=Decimal(60),
        valid_on=wrong.valid_on,
        note_vi="Sửa",
        corrects=wrong,
        correction_reason="Typo: 90 instead of 60",
    )
    assert list(commitment.measurements.counted()) == [fixed]
    assert commitment.latest_value == Decimal(60)
    # The wrong figure stays in the history.
    assert Measurement.objects.count() == 2
    assert fixed.corrects == wrong


def test_a_pending_correction_does_not_yet_replace_anything(
    make_commitment, official, second_official
):
    commitment = make_commitment(officials=[official, second_official], requires_approval=True)
    first = services.record_measurement(
        commitment, official, value=Decimal(50), valid_on="2022-12-31", note_vi="a"
    )
    services.approve_measurement(first, second_official)
    correction = services.record_measurement(
        commitment,
        official,
        value=Decimal(52),
        valid_on="2022-12-31",
        note_vi="b",
        corrects=first,
        correction_reason="recount",
    )
    assert list(commitment.measurements.counted()) == [first]
    services.approve_measurement(correction, second_official)
    assert list(commitment.measurements.counted()) == [correction]


def test_every_change_is_kept_with_who_and_what(commitment, official):
    m = services.record_measurement(
        commitment, official, value=Decimal(50), valid_on="2022-12-31", note_vi="a"
    )
    commitment._actor = official
    commitment.target_year = 2031
    commitment.save()
    created = Change.objects.get(object_type="measurement", object_id=m.pk)
    assert created.user == official
    assert created.action == Change.Action.CREATED
    assert created.changes["value"] == [None, "50.00"]
    changed = Change.objects.filter(object_type="commitment", action="changed").first()
    assert changed.changes == {"target_year": ["2030", "2031"]}
    assert changed.user == official


def test_the_history_cannot_be_rewritten(commitment, official):
    services.record_measurement(
        commitment, official, value=Decimal(50), valid_on="2022-12-31", note_vi="a"
    )
    change = Change.objects.first()
    change.action = "deleted"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        Change.objects.all().delete()


def test_assigning_officials_is_kept_in_the_history(commitment, second_official):
    commitment.officials.add(second_official)
    change = Change.objects.filter(object_type="commitment").first()
    assert change.changes == {"officials": {"added": ["second"]}}
