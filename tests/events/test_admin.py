import pytest

from apps.events.models import Change, Event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/events/event/",
        "/admin/events/event/add/",
        "/admin/events/programme/",
        "/admin/events/programme/add/",
        "/admin/events/change/",
        "/admin/events/programmechange/",
    ],
)
def test_staff_open_the_admin_pages(client, staff_user, event, programme, path):
    client.force_login(staff_user)
    assert client.get(path).status_code == 200


def test_the_event_admin_shows_both_languages_side_by_side(client, staff_user, event):
    client.force_login(staff_user)
    html = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    for field in ("title", "summary", "description", "place_name", "organiser"):
        assert html.index(f'name="{field}_vi"') < html.index(f'name="{field}_en"')
    assert 'name="contest"' in html


def _form(event, **changes):
    data = {
        "title_vi": event.title_vi,
        "title_en": event.title_en,
        "slug": event.slug,
        "category": event.category,
        "starts_at_0": "2027-12-01",
        "starts_at_1": "08:00",
        "ends_at_0": "2027-12-01",
        "ends_at_1": "10:00",
        "place_name_vi": event.place_name_vi,
        "area": event.area_id,
        "is_free": "on",
        "is_published": "on",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_end_before_the_start_is_refused_in_the_admin(client, staff_user, event):
    client.force_login(staff_user)
    before = (event.starts_at, event.ends_at)
    response = client.post(
        f"/admin/events/event/{event.pk}/change/", _form(event, ends_at_1="07:00")
    )
    assert response.status_code == 200
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in response.content.decode()
    event.refresh_from_db()
    assert (event.starts_at, event.ends_at) == before


def test_saving_an_event_in_the_admin_keeps_its_time_and_names_the_editor(
    client, staff_user, event
):
    client.force_login(staff_user)
    response = client.post(
        f"/admin/events/event/{event.pk}/change/", _form(event, title_en="New title")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.title_en == "New title"
    assert event.local_start.hour == 8
    change = Change.objects.filter(event=event, action="changed").first()
    assert change.user == staff_user
    assert "title_en" in change.changes
    assert Event.objects.count() == 1
