import datetime

import pytest
from icalendar import Calendar

from apps.core.localtime import local_now
from apps.events.models import Event

from .conftest import city_time

pytestmark = pytest.mark.django_db


def _calendar(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Calendar.from_ical(body)


def _events(calendar):
    return list(calendar.walk("VEVENT"))


def test_an_events_calendar_file_opens_with_its_times_uid_place_and_link(client, make_event, space):
    event = make_event(space=space, start=city_time(2024, 10, 5, 8), hours=2)
    response = client.get(f"/en/events/{event.slug}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    calendar = _calendar(response)
    [entry] = _events(calendar)
    start, end = entry.decoded("dtstart"), entry.decoded("dtend")
    assert start == datetime.datetime(2024, 10, 5, 1, 0, tzinfo=datetime.UTC)
    assert start.utcoffset() == datetime.timedelta(hours=7)
    assert end - start == datetime.timedelta(hours=2)
    assert str(entry["dtstart"].params["TZID"]) == "Asia/Ho_Chi_Minh"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(entry["uid"]) == f"event-{event.pk}@events.son-la-learning-city"
    assert str(entry["url"]) == f"http://testserver/en/events/{event.slug}/"
    assert str(entry["summary"]) == "Autumn book fair"
    assert space.name_en in str(entry["location"])
    assert "New books, meet the authors." in str(entry["description"])
    assert str(entry["status"]) == "CONFIRMED"


def test_the_calendar_file_is_in_the_visitors_language(client, make_event):
    event = make_event()
    [entry] = _events(_calendar(client.get(f"/vi/events/{event.slug}.ics")))
    assert str(entry["summary"]) == "Hội sách mùa thu"
    assert str(entry["location"]).startswith("Quảng trường Tây Bắc")
    assert str(entry["url"]).endswith(f"/vi/events/{event.slug}/")


def test_the_uid_stays_when_the_event_is_renamed(client, make_event):
    event = make_event()
    before = _events(_calendar(client.get(f"/en/events/{event.slug}.ics")))[0]["uid"]
    event.title_en = "Renamed fair"
    event.slug = "renamed-fair"
    event.save()
    after = _events(_calendar(client.get("/en/events/renamed-fair.ics")))[0]
    assert after["uid"] == before
    assert str(after["summary"]) == "Renamed fair"


def test_an_all_day_event_is_written_as_dates(client, make_event):
    event = make_event(start=city_time(2024, 10, 1), all_day=True, ends_at=city_time(2024, 10, 7))
    [entry] = _events(_calendar(client.get(f"/en/events/{event.slug}.ics")))
    assert entry.decoded("dtstart") == datetime.date(2024, 10, 1)
    # iCalendar's end of an all-day event is the day after its last day.
    assert entry.decoded("dtend") == datetime.date(2024, 10, 8)


def test_a_cancelled_event_is_sent_cancelled(client, make_event):
    event = make_event(is_cancelled=True, cancellation_note_en="Heavy rain.")
    [entry] = _events(_calendar(client.get(f"/en/events/{event.slug}.ics")))
    assert str(entry["status"]) == "CANCELLED"
    assert str(entry["description"]).startswith("Cancelled. Heavy rain.")


def test_html_and_separators_in_a_title_are_escaped_the_icalendar_way(client, make_event):
    event = make_event(title_en="<b>Fair</b>; books, talks\nand more")
    response = client.get(f"/en/events/{event.slug}.ics")
    assert response.status_code == 200
    assert b"SUMMARY:<b>Fair</b>\\; books\\, talks and more" in response.content
    [entry] = _events(_calendar(response))
    assert str(entry["summary"]) == "<b>Fair</b>; books, talks and more"


def test_the_calendar_holds_every_upcoming_event_and_no_past_one(client, make_event):
    soon = make_event("Sắp tới", title_en="Soon", start=local_now() + datetime.timedelta(days=3))
    make_event("Đã qua", title_en="Gone", start=local_now() - datetime.timedelta(days=30))
    make_event("Nháp", title_en="Draft", is_published=False)
    response = client.get("/en/events/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    entries = _events(_calendar(response))
    assert [str(entry["summary"]) for entry in entries] == ["Soon"]
    assert str(entries[0]["uid"]) == f"event-{soon.pk}@events.son-la-learning-city"


def test_the_calendar_takes_the_lists_filters(client, make_event, village, other_ward):
    make_event("Ở bản", title_en="In the village", area=village)
    make_event("Ở phường", title_en="In the ward", area=other_ward)
    make_event("Hội thảo", title_en="A workshop", area=village, category="workshop")
    response = client.get(
        "/en/events/calendar.ics", {"area": village.parent.slug, "category": "reading"}
    )
    assert response.status_code == 200
    assert [str(e["summary"]) for e in _events(_calendar(response))] == ["In the village"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"area": "nowhere"}, "area"),
        ({"category": "<script>"}, "category"),
        ({"month": "2024-13"}, "month"),
        ({"programme": "x" * 3000}, "programme"),
    ],
)
def test_a_calendar_with_a_bad_filter_is_refused_plainly(client, event, params, named):
    response = client.get("/en/events/calendar.ics", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert f"“{named}”" in text
    assert "<script>" not in text
    vi = client.get("/vi/events/calendar.ics", params).content.decode()
    assert "Không thể tạo tệp lịch" in vi


def test_a_filtered_calendar_follows_a_change_of_an_event(client, make_event, commune):
    event = make_event(title_en="Before")
    params = {"area": commune.slug}
    assert str(_events(_calendar(client.get("/en/events/calendar.ics", params)))[0]["summary"]) == (
        "Before"
    )
    event.title_en = "After"
    event.save()
    entries = _events(_calendar(client.get("/en/events/calendar.ics", params)))
    assert [str(e["summary"]) for e in entries] == ["After"]


def test_the_unfiltered_calendar_follows_a_change_of_an_event(client, make_event):
    event = make_event(title_en="Before")
    assert "Before" in str(_events(_calendar(client.get("/en/events/calendar.ics")))[0]["summary"])
    Event.objects.filter(pk=event.pk).update(title_en="After")
    entries = _events(_calendar(client.get("/en/events/calendar.ics")))
    assert [str(e["summary"]) for e in entries] == ["After"]
