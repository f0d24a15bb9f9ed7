"""A correction corrects an approved, not yet corrected figure of the same commitment, with a
reason; and a date has one figure. The same rules hold in the workspace, the admin and imports."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from apps.commitments import services
from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/commitments/measurement/add/"


def record(commitment, user, value=60, day="2024-12-31", **extra):
    return services.record_measurement(
        commitment, user, value=Decimal(value), valid_on=day, note_vi="ghi chú", **extra
    )


def refused(commitment, user, **extra):
    count = Measurement.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        record(commitment, user, value=61, **extra)
    assert Measurement.objects.count() == count
    return caught.value.message_dict


@pytest.fixture
def other(make_commitment, official):
    return make_commitment("Thư viện", title_en="Libraries", officials=[official])


@pytest.fixture
def gated(make_commitment, official, second_official):
    return make_commitment(
        "Cần duyệt", title_en="Gated", officials=[official, second_official], requires_approval=True
    )


def test_a_correction_of_another_commitments_figure_is_refused(commitment, other, official):
    foreign = record(other, official)
    errors = refused(commitment, official, corrects=foreign, correction_reason="typo")
    assert errors["corrects"] == ["A correction must correct a figure of the same commitment."]
    assert list(other.measurements.counted()) == [foreign]


def test_a_pending_figure_cannot_be_corrected(gated, official):
    pending = record(gated, official)
    errors = refused(gated, official, corrects=pending, correction_reason="typo")
    assert "Only an approved figure can be corrected" in errors["corrects"][0]


def test_a_rejected_figure_cannot_be_corrected(gated, official, second_official):
    rejected = services.reject_measurement(
        record(gated, official), second_official, "Sai kỳ báo cáo"
    )
    errors = refused(gated, official, corrects=rejected, correction_reason="typo")
    assert "Only an approved figure can be corrected" in errors["corrects"][0]


def test_a_figure_already_corrected_cannot_be_corrected_again(commitment, official):
    wrong = record(commitment, official)
    record(commitment, official, value=62, corrects=wrong, correction_reason="typo")
    errors = refused(commitment, official, corrects=wrong, correction_reason="again")
    assert errors["corrects"] == [
        "This figure has already been corrected; correct the correction instead."
    ]


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(commitment, official, reason):
    wrong = record(commitment, official)
    errors = refused(commitment, official, corrects=wrong, correction_reason=reason)
    assert errors["correction_reason"] == ["Say why the figure already recorded was wrong."]


def test_a_second_figure_for_a_date_is_refused(commitment, official):
    record(commitment, official)
    errors = refused(commitment, official)
    assert "already recorded for this date" in errors["valid_on"][0]


def test_of_two_pending_corrections_only_the_first_approved_counts(
    gated, official, second_official
):
    first = services.approve_measurement(record(gated, official), second_official)
    one = record(gated, official, value=61, corrects=first, correction_reason="recount")
    two = record(gated, official, value=62, corrects=first, correction_reason="recount again")
    services.approve_measurement(one, second_official)
    with translation.override("en"), pytest.raises(PermissionDenied, match="already been"):
        services.approve_measurement(two, second_official)
    assert list(gated.measurements.counted()) == [one]


def test_the_workspace_explains_that_a_pending_figure_is_rejected_not_corrected(
    client, gated, official
):
    record(gated, official, day="2025-06-30")
    client.force_login(official)
    response = client.post(
        f"/en/workspace/commitments/{gated.slug}/record/",
        {
            "value": "70",
            "valid_on": "2025-06-30",
            "note_vi": "Sửa",
            "is_correction": "on",
            "correction_reason": "typo",
        },
    )
    assert response.status_code == 400
    assert "still waiting for approval" in response.content.decode()
    assert Measurement.objects.count() == 1


# The admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    client.cookies["lang"] = "en"
    return client


def admin_data(commitment, **changes):
    data = {
        "commitment": commitment.pk,
        "valid_on": "2024-12-31",
        "value": "66",
        "note_vi": "a",
        "note_en": "",
        "corrects": "",
        "correction_reason": "",
    }
    data.update(changes)
    return data


def test_the_admin_refuses_a_correction_of_another_commitments_figure(
    admin_client, commitment, other, official
):
    foreign = record(other, official)
    response = admin_client.post(
        ADD_URL, admin_data(commitment, corrects=foreign.pk, correction_reason="typo")
    )
    assert response.status_code == 200
    assert "A correction must correct a figure of the same commitment." in response.content.decode()
    assert Measurement.objects.count() == 1


def test_the_admin_refuses_a_correction_without_a_reason(admin_client, commitment, official):
    wrong = record(commitment, official)
    response = admin_client.post(ADD_URL, admin_data(commitment, corrects=wrong.pk))
    assert response.status_code == 200
    assert "Say why the figure already recorded was wrong." in response.content.decode()
    assert Measurement.objects.count() == 1


def test_the_admin_applies_the_one_figure_per_date_rule(admin_client, commitment, official):
    wrong = record(commitment, official)
    response = admin_client.post(ADD_URL, admin_data(commitment))
    assert response.status_code == 200
    assert "already recorded for this date" in response.content.decode()
    assert Measurement.objects.count() == 1
    response = admin_client.post(
        ADD_URL, admin_data(commitment, corrects=wrong.pk, correction_reason="typo")
    )
    assert response.status_code == 302
    assert list(commitment.measurements.counted().values_list("value", flat=True)) == [66]
