"""Staff see the proposals in the admin, read-only: decisions go through the workspace."""

import datetime

import pytest

from apps.events.models import EventProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(event, programme):
    return EventProposal.objects.create(
        programme=programme,
        title="Đề xuất thử",
        description="x",
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
        place="Nhà văn hóa",
        area=event.area,
        organiser="Hội phụ nữ",
        contact_name="Mai",
        contact_email="mai@example.org",
    )


def test_staff_read_proposals_in_the_admin_but_cannot_change_them(client, staff_user, proposal):
    client.force_login(staff_user)
    html = client.get("/admin/events/eventproposal/").content.decode()
    assert "Đề xuất thử" in html
    page = client.get(f"/admin/events/eventproposal/{proposal.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/admin/events/eventproposal/{proposal.pk}/change/", {"status": "accepted"}
    )
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"
