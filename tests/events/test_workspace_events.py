"""Officials of an area and club officials add and edit the events of their area or club."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from apps.culture.models import Club
from apps.events.models import Event, EventProposal

pytestmark = pytest.mark.django_db

NEW = {
    "title_vi": "Ngày hội đọc sách",
    "title_en": "Reading day",
    "summary_vi": "Đọc sách cùng nhau.",
    "description_vi": "Cả bản cùng đọc sách.",
    "category": "reading",
    "starts_at": "2027-12-01T08:00",
    "ends_at": "2027-12-01T11:00",
    "place_name_vi": "Nhà văn hóa bản",
    "is_free": "on",
    "is_published": "on",
}


def _values(event):
    with translation.override("vi"):
        return Event.objects.filter(pk=event.pk).values().get()


def test_an_official_adds_an_event_in_their_commune(client, official, commune):
    client.force_login(official)
    response = client.post("/en/workspace/events/new/", {**NEW, "area": commune.pk})
    assert response.status_code == 302, response.content.decode()[-3000:]
    event = Event.objects.get()
    assert response["Location"] == f"/en/workspace/events/{event.slug}/"
    assert (event.title_vi, event.title_en, event.area) == (
        "Ngày hội đọc sách",
        "Reading day",
        commune,
    )
    assert event.local_start.hour == 8
    assert event.changes.filter(user=official).exists()
    assert client.get(f"/vi/events/{event.slug}/").status_code == 200


def test_an_end_before_the_start_is_refused_with_a_message(client, official, commune):
    client.force_login(official)
    data = {**NEW, "area": commune.pk, "ends_at": "2027-12-01T07:00"}
    for lang, words in (("en", "The end must be after the start."), ("vi", "aria-invalid")):
        response = client.post(f"/{lang}/workspace/events/new/", data)
        html = response.content.decode()
        assert response.status_code == 400
        assert words in html
        assert 'value="Ngày hội đọc sách"' in html
    assert not Event.objects.exists()


def test_an_official_cannot_add_an_event_in_another_area(client, official, other_ward):
    client.force_login(official)
    response = client.post("/en/workspace/events/new/", {**NEW, "area": other_ward.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post("/en/workspace/events/new/", NEW)  # no area, no club
    assert response.status_code == 400
    assert "you look after" in response.content.decode()
    assert not Event.objects.exists()


def test_a_visitor_or_an_unassigned_user_cannot_add_events(client, make_user, commune):
    response = client.get("/en/workspace/events/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(make_user("nobody"))
    response = client.post("/en/workspace/events/new/", {**NEW, "area": commune.pk})
    assert response.status_code == 403
    assert not Event.objects.exists()


def test_a_club_official_adds_an_event_for_their_club(client, make_user, village, other_ward):
    club = Club.objects.create(name="CLB Xòe", name_vi="CLB Xòe", area=village)
    club_official = make_user("club-official", "officials")
    club.officials.add(club_official)
    client.force_login(club_official)
    response = client.post("/vi/workspace/events/new/", {**NEW, "club": club.pk})
    assert response.status_code == 302, response.content.decode()[-3000:]
    event = Event.objects.get()
    assert event.club == club
    response = client.get(f"/vi/workspace/events/{event.slug}/")
    assert response.status_code == 200
    # Another club's official is refused the page and the change.
    other = make_user("other-club", "officials")
    client.force_login(other)
    response = client.post(f"/vi/workspace/events/{event.slug}/", {**NEW, "title_vi": "Đổi"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title_vi == "Ngày hội đọc sách"


def test_the_official_edits_an_event_of_their_area(client, official, event, commune):
    client.force_login(official)
    data = {**NEW, "area": commune.pk, "title_en": "Autumn reading", "is_cancelled": "on"}
    response = client.post(f"/en/workspace/events/{event.slug}/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    event.refresh_from_db()
    assert (event.title_en, event.is_cancelled) == ("Autumn reading", True)


def test_an_official_of_another_area_cannot_edit_it(client, make_user, other_ward, event):
    other = make_user("other", "officials", areas=[other_ward])
    client.force_login(other)
    before = _values(event)
    assert client.get(f"/en/workspace/events/{event.slug}/").status_code == 403
    response = client.post(f"/en/workspace/events/{event.slug}/", {**NEW, "area": other_ward.pk})
    assert response.status_code == 403
    assert _values(event) == before


def test_a_bad_edit_is_refused_and_the_event_unchanged(client, official, event, commune):
    client.force_login(official)
    before = _values(event)
    data = {**NEW, "area": commune.pk, "title_vi": "", "starts_at": "yesterday"}
    response = client.post(f"/vi/workspace/events/{event.slug}/", data)
    assert response.status_code == 400
    assert response.content.decode().count('aria-invalid="true"') >= 2
    assert _values(event) == before


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_the_official_adds_a_photo_and_removes_it(client, official, event):
    client.force_login(official)
    response = client.post(
        f"/en/workspace/events/{event.slug}/photos/",
        {"upload": _png(), "alt_vi": "Hội sách", "alt_en": "The book fair", "order": "0"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    photo = event.photos.get()
    assert photo.renditions
    response = client.post(f"/en/workspace/events/{event.slug}/photos/{photo.pk}/delete/")
    assert response.status_code == 302
    assert not event.photos.exists()


def test_a_renamed_file_is_refused_as_a_photo(client, official, event):
    client.force_login(official)
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = client.post(
        f"/en/workspace/events/{event.slug}/photos/",
        {"upload": fake, "alt_vi": "x", "alt_en": "x", "order": "0"},
    )
    assert response.status_code == 400
    assert not event.photos.exists()


def test_the_workspace_lists_the_events_and_the_waiting_proposals(
    client, official, event, make_event, programme, django_assert_max_num_queries
):
    for i in range(5):
        make_event(f"Sự kiện {i}", title_en=f"Event {i}")
    EventProposal.objects.create(
        programme=programme,
        title="Đề xuất",
        description="x",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place="Nhà văn hóa",
        area=event.area,
        organiser="Hội phụ nữ",
        contact_name="Mai",
        contact_phone="0912345678",
    )
    client.force_login(official)
    html = client.get("/en/workspace/").content.decode()
    assert "/en/workspace/events/" in html
    assert "1 event proposal waiting for a decision." in html
    with django_assert_max_num_queries(12):
        html = client.get("/en/workspace/events/").content.decode()
    assert "Autumn book fair" in html
    assert "Event 4" in html
    assert "1 proposal waiting" in html
    with django_assert_max_num_queries(12):
        html = client.get("/vi/workspace/events/proposals/").content.decode()
    assert "Đề xuất" in html
