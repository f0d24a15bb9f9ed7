"""A visitor on a 360 px phone reads Lifelong Learning Week 2024 day by day, opens an event,
downloads its calendar file and finds it right; a resident filters the upcoming events by
their ward."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from icalendar import Calendar

from apps.events.models import Event

from .conftest import PHONE, assert_fits_width

WEEK = "tuan-le-hoc-tap-suot-doi-2024"
OPENING = "khanh-thanh-truong-mam-non-chieng-den-2024"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_visitor_reads_the_week_day_by_day_and_adds_an_event_to_a_calendar(
    page, live_server, demo, screenshot, tmp_path
):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/en/programmes/{WEEK}/")
    assert page.locator("h1").inner_text() == "Lifelong Learning Week 2024"
    days = page.locator(".event-day h3").all_inner_texts()
    assert days[0] == "Tuesday, 1 October 2024"
    assert days[-1] == "Monday, 7 October 2024"
    assert len(days) == 7
    assert_fits_width(page)
    screenshot(page, "events-programme-en-360")

    page.get_by_role("link", name="Opening of Chiềng Đen Preschool").click()
    assert page.url == f"{base}/en/events/{OPENING}/"
    assert "Saturday, 5 October 2024, 08:00–10:00" in page.locator(".event-when").inner_text()
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Event"
    assert data["startDate"] == "2024-10-05T08:00:00+07:00"
    assert data["location"]["name"] == "Chiềng Đen Preschool"
    assert_fits_width(page)
    screenshot(page, "events-detail-en-360")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"{OPENING}.ics"
    path = tmp_path / "event.ics"
    download.save_as(path)
    [entry] = Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT")
    event = Event.objects.get(slug=OPENING)
    assert entry.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2024, 10, 5, 1, 0, tzinfo=datetime.UTC
    )
    assert entry.decoded("dtend") - entry.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(entry["uid"]) == f"event-{event.pk}@events.son-la-learning-city"
    assert str(entry["url"]) == f"{base}/en/events/{OPENING}/"


@pytest.mark.django_db(transaction=True)
def test_a_resident_filters_the_upcoming_events_by_their_ward(page, live_server, demo, screenshot):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/vi/events/")
    assert page.locator("h1").inner_text() == "Sự kiện sắp diễn ra"
    page.get_by_label("Phường, xã hoặc bản").select_option("to-hieu")
    page.get_by_role("button", name="Xem sự kiện").click()
    assert "area=to-hieu" in page.url
    cards = page.locator(".event-card")
    assert cards.count() >= 2
    for text in cards.all_inner_texts():
        assert "Phường Tô Hiệu" in text
    assert_fits_width(page)
    screenshot(page, "events-filtered-vi-360")

    calendar_link = page.get_by_role(
        "link", name="Thêm các sự kiện sắp diễn ra này vào lịch (.ics)"
    )
    assert "area=to-hieu" in calendar_link.get_attribute("href")
