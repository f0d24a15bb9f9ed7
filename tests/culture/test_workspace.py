import pytest
from django.utils import translation

from apps.culture.models import Club, JoinRequest
from apps.culture.services import mark_answered

pytestmark = pytest.mark.django_db


@pytest.fixture
def join(club):
    return JoinRequest.objects.create(
        club=club,
        name="Cầm Thị Ngọc",
        phone="0912 345 678",
        email="ngoc@example.org",
        message="Xin chào",
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_clubs_official_sees_the_request_and_its_contact(client, official, join, lang):
    client.force_login(official)
    html = client.get(f"/{lang}/workspace/clubs/{join.club.slug}/requests/").content.decode()
    assert "Cầm Thị Ngọc" in html
    assert "0912 345 678" in html
    assert "ngoc@example.org" in html
    title = {"vi": "Yêu cầu tham gia", "en": "Join requests"}[lang]
    assert title in html


def test_staff_see_every_clubs_requests(client, staff_user, join):
    client.force_login(staff_user)
    html = client.get(f"/en/workspace/clubs/{join.club.slug}/requests/").content.decode()
    assert "ngoc@example.org" in html


def test_an_official_of_another_commune_cannot_see_the_requests(
    client, make_user, other_commune, join
):
    other = make_user("other", "officials", areas=[other_commune])
    client.force_login(other)
    response = client.get(f"/en/workspace/clubs/{join.club.slug}/requests/")
    assert response.status_code == 403
    assert "ngoc@example.org" not in response.content.decode()
    assert JoinRequest.objects.visible_to(other).count() == 0


def test_a_visitor_is_sent_to_sign_in(client, join):
    response = client.get(f"/en/workspace/clubs/{join.club.slug}/requests/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_contact_details_never_appear_on_public_pages(client, join):
    for path in (f"/vi/clubs/{join.club.slug}/", "/vi/clubs/", "/en/heritage/"):
        html = client.get(path).content.decode()
        assert "ngoc@example.org" not in html
        assert "Cầm Thị Ngọc" not in html


def test_the_official_marks_a_request_answered(client, official, join):
    client.force_login(official)
    response = client.post(f"/en/workspace/clubs/{join.club.slug}/requests/{join.pk}/answered/")
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.handled
    assert join.handled_by == official


def test_another_official_cannot_mark_it(client, make_user, other_commune, join):
    other = make_user("other", "officials", areas=[other_commune])
    client.force_login(other)
    response = client.post(f"/en/workspace/clubs/{join.club.slug}/requests/{join.pk}/answered/")
    assert response.status_code == 403
    join.refresh_from_db()
    assert not join.handled
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        mark_answered(other, join)


def test_the_workspace_lists_the_officials_clubs_with_waiting_requests(client, official, join):
    client.force_login(official)
    html = client.get("/en/workspace/").content.decode()
    assert "/en/workspace/clubs/" in html
    html = client.get("/en/workspace/clubs/").content.decode()
    assert "1 request waiting" in html


def test_the_official_edits_the_schedule(client, official, club):
    client.force_login(official)
    data = {
        "days": ["0", "6"],
        "starts_at": "08:00",
        "ends_at": "10:00",
        "description_vi": "Mới",
        "member_count": "50",
        "teaches_xoe": "on",
    }
    response = client.post(f"/en/workspace/clubs/{club.slug}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    club.refresh_from_db()
    assert club.weekdays() == [0, 6]
    assert (club.member_count, club.teaches_xoe, club.teaches_script) == (50, True, False)
    assert club.changes.filter(user=official).exists()


def test_a_bad_schedule_is_refused_and_the_club_unchanged(client, official, club):
    client.force_login(official)
    with translation.override("vi"):
        before = Club.objects.filter(pk=club.pk).values().get()
    data = {"days": ["9"], "starts_at": "21:00", "ends_at": "19:00", "member_count": "-1"}
    response = client.post(f"/vi/workspace/clubs/{club.slug}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    with translation.override("vi"):
        after = Club.objects.filter(pk=club.pk).values().get()
    assert before == after


def test_an_official_of_another_commune_cannot_edit(client, make_user, other_commune, club):
    other = make_user("other", "officials", areas=[other_commune])
    client.force_login(other)
    response = client.post(f"/en/workspace/clubs/{club.slug}/", {"member_count": "1"})
    assert response.status_code == 403
    club.refresh_from_db()
    assert club.member_count == 42


def test_an_official_of_another_commune_has_no_clubs_in_the_workspace(
    client, make_user, other_commune, join
):
    other = make_user("other", "officials", areas=[other_commune])
    client.force_login(other)
    assert "/en/workspace/clubs/" not in client.get("/en/workspace/").content.decode()
    html = client.get("/en/workspace/clubs/").content.decode()
    assert join.club.slug not in html
    assert "No club is assigned to you yet." in html
