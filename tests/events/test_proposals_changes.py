"""The call for events: the proposer changes a proposal sent back to them, once."""

import re

import pytest
from django.core import mail

from .test_proposals import FIRST_DAY, GOOD, open_programme, programme_in, proposal

pytestmark = pytest.mark.django_db
__all__ = ["open_programme", "programme_in", "proposal"]  # fixtures


def _ask_for_changes(client, proposal, official, django_capture_on_commit_callbacks):
    client.force_login(official)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/vi/workspace/events/proposals/{proposal.pk}/changes/",
            {"reason": "Xin ghi rõ số người tham gia."},
        )
    client.logout()
    (message,) = [m for m in mail.outbox if m.to == ["mai@example.org"]]
    link = re.search(r"http\S+/propose/change/\S+/", message.body).group(0)
    return link[link.index("/vi/") :]


def test_the_proposer_changes_the_proposal_through_the_link_once(
    client, programme_in, proposal, official, django_capture_on_commit_callbacks
):
    path = _ask_for_changes(client, proposal, official, django_capture_on_commit_callbacks)
    page = client.get(path).content.decode()
    assert "Xin ghi rõ số người tham gia." in page
    assert 'value="Đọc sách cùng con"' in page
    assert f'value="{FIRST_DAY.isoformat()}"' in page
    assert 'value="08:00"' in page
    mail.outbox.clear()
    data = {**GOOD, "area": programme_in._area.pk, "title": "Đọc sách cùng con (30 người)"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title) == ("pending", "Đọc sách cùng con (30 người)")
    assert [m.to for m in mail.outbox] == [[official.email]]
    # The link is spent: nothing more can be changed through it.
    again = client.get(path)
    assert "không còn chờ chỉnh sửa" in again.content.decode()
    assert 'name="title"' not in again.content.decode()
    response = client.post(path, {**data, "title": "Lần nữa"})
    assert response.status_code == 409
    proposal.refresh_from_db()
    assert proposal.title == "Đọc sách cùng con (30 người)"


def test_a_bad_change_is_refused_and_the_proposal_unchanged(
    client, programme_in, proposal, official, django_capture_on_commit_callbacks
):
    path = _ask_for_changes(client, proposal, official, django_capture_on_commit_callbacks)
    data = {**GOOD, "area": programme_in._area.pk, "title": "", "end_time": "07:00"}
    response = client.post(path, data)
    assert response.status_code == 400
    assert response.content.decode().count('aria-invalid="true"') == 2
    proposal.refresh_from_db()
    assert (proposal.status, proposal.title) == ("changes", "Đọc sách cùng con")


@pytest.mark.parametrize("token", ["abc", "1:abc:def", "x" * 5000])
def test_a_forged_change_link_is_a_404(client, programme_in, proposal, token):
    response = client.get(f"/en/programmes/{programme_in.slug}/propose/change/{token}/")
    assert response.status_code == 404


def test_a_change_link_of_another_programme_is_a_404(client, programme_in, proposal, programme):
    from apps.events.proposals import revision_token

    path = f"/en/programmes/{programme.slug}/propose/change/{revision_token(proposal)}/"
    assert client.get(path).status_code == 404
