import pytest
from django.test import Client

from apps.commitments import services
from apps.commitments.models import Measurement

pytestmark = pytest.mark.django_db

URL = "/en/workspace/commitments/truong-hoc-so/record/"
DATA = {"value": "70", "valid_on": "2025-06-30", "note_vi": "ghi chú"}


def test_signed_out_visitors_are_sent_to_sign_in(client, commitment):
    for response in (client.get(URL), client.post(URL, DATA)):
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    assert client.get("/en/workspace/commitments/").status_code == 302
    assert not Measurement.objects.exists()


def test_an_unassigned_official_is_refused(client, commitment, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
    response = client.post(URL, DATA)
    assert response.status_code == 403
    assert not Measurement.objects.exists()
    html = client.get("/en/workspace/commitments/").content.decode()
    assert "No commitment is assigned to you yet" in html


def test_staff_with_the_permission_may_record_for_any_commitment(client, commitment, staff_user):
    client.force_login(staff_user)
    assert client.post(URL, DATA).status_code == 302
    assert Measurement.objects.get().recorded_by == staff_user


def test_a_post_without_csrf_token_is_refused(commitment, official):
    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    response = client.post(URL, DATA)
    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_is_managed_by_answers_for_can_change(commitment, official, outsider):
    from apps.core.permissions import can_change, changeable

    assert commitment.is_managed_by(official)
    assert not commitment.is_managed_by(outsider)
    assert can_change(official, commitment)
    assert list(changeable(official, type(commitment).objects.all())) == [commitment]
    assert not changeable(outsider, type(commitment).objects.all()).exists()


@pytest.fixture
def pending(make_commitment, official, second_official, outsider):
    commitment = make_commitment(
        "Cần duyệt", officials=[official, second_official], requires_approval=True
    )
    return services.record_measurement(
        commitment, official, value=70, valid_on="2025-06-30", note_vi="chờ duyệt"
    )


def test_the_second_official_sees_and_approves_the_pending_figure(client, pending, second_official):
    client.force_login(second_official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert "Waiting for your approval" in html
    response = client.post(f"/en/workspace/commitments/measurements/{pending.pk}/approve/")
    assert response.status_code == 302
    assert Measurement.objects.get(pk=pending.pk).status == Measurement.State.APPROVED


def test_the_recorder_sees_no_approve_button_and_cannot_approve(client, pending, official):
    client.force_login(official)
    html = client.get("/en/workspace/commitments/").content.decode()
    assert "Your figures waiting for a second official" in html
    assert "/approve/" not in html
    response = client.post(f"/en/workspace/commitments/measurements/{pending.pk}/approve/")
    assert response.status_code == 403
    assert Measurement.objects.get(pk=pending.pk).is_pending


def test_an_unassigned_official_cannot_approve_or_reject(client, pending, outsider):
    client.force_login(outsider)
    for action in ("approve", "reject"):
        url = f"/en/workspace/commitments/measurements/{pending.pk}/{action}/"
        assert client.post(url).status_code == 403
    assert Measurement.objects.get(pk=pending.pk).is_pending


def test_approving_needs_a_post(client, pending, second_official):
    client.force_login(second_official)
    url = f"/en/workspace/commitments/measurements/{pending.pk}/approve/"
    # A GET shows what would be approved (tests/commitments/test_review_pages.py), no more.
    assert "Confirm approval" in client.get(url).content.decode()
    assert client.put(url).status_code == 405
    assert Measurement.objects.get(pk=pending.pk).is_pending


def test_rejecting_keeps_the_figure_out_of_the_series(client, pending, second_official):
    client.force_login(second_official)
    url = f"/en/workspace/commitments/measurements/{pending.pk}/reject/"
    client.post(url, {"reason": "Số liệu chưa khớp báo cáo"})
    assert Measurement.objects.get(pk=pending.pk).status == Measurement.State.REJECTED
    assert not Measurement.objects.public().exists()
