import pytest
from django.utils import translation

from apps.culture.models import Club, JoinRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/culture/club/",
        "/admin/culture/club/add/",
        "/admin/culture/dance/add/",
        "/admin/culture/joinrequest/",
        "/admin/culture/change/",
    ],
)
def test_staff_open_the_admin_pages(client, staff_user, club, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 200


def test_the_club_admin_shows_both_languages_and_the_meeting_days(client, staff_user, club):
    client.force_login(staff_user)
    html = client.get(f"/admin/culture/club/{club.pk}/change/").content.decode()
    assert 'name="name_vi"' in html
    assert 'name="name_en"' in html
    assert 'name="days" value="1" id="id_days_1" checked' in html  # Tuesday
    assert 'name="meeting_days"' not in html


def test_staff_see_a_requests_contact_in_the_admin(client, staff_user, club):
    request = JoinRequest.objects.create(
        club=club, name="Ngọc", email="ngoc@example.org", message="m"
    )
    client.force_login(staff_user)
    page = client.get(f"/admin/culture/joinrequest/{request.pk}/change/")
    assert "ngoc@example.org" in page.content.decode()


def test_an_official_cannot_open_the_admin_of_join_requests(client, official, club):
    client.force_login(official)
    response = client.get("/admin/culture/joinrequest/")
    assert response.status_code == 302


def test_saving_a_club_in_the_admin_stores_the_days_and_names_the_editor(client, staff_user, club):
    client.force_login(staff_user)
    with translation.override("vi"):
        data = {
            "name_vi": club.name_vi,
            "name_en": club.name_en,
            "slug": club.slug,
            "area": club.area_id,
            "days": ["5", "6"],
            "starts_at": "08:00",
            "ends_at": "10:00",
            "member_count": "12",
            "is_published": "on",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "join_requests-TOTAL_FORMS": "0",
            "join_requests-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        }
    response = client.post(f"/admin/culture/club/{club.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    club = Club.objects.get(pk=club.pk)
    assert club.weekdays() == [5, 6]
    assert club.changes.filter(user=staff_user).exists()
