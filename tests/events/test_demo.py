import datetime
from io import StringIO

import pytest

from apps.core.localtime import local_today
from apps.events.models import Event, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    """The areas, spaces and clubs the events' demo places its events in, then the events."""
    from apps.core import demo as core_demo
    from apps.culture import demo as culture_demo
    from apps.events import demo as events_demo
    from apps.spaces import demo as spaces_demo

    for module in (core_demo, spaces_demo, culture_demo, events_demo):
        module.load(StringIO())
    return events_demo


def _lifelong_learning_week_2024_in_full(client):
    week = Programme.objects.get(slug="tuan-le-hoc-tap-suot-doi-2024")
    assert (week.starts_on, week.ends_on) == (
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 7),
    )
    assert week.events.count() == 9
    html = client.get(f"/en/programmes/{week.slug}/").content.decode()
    for text in ("Opening of Chiềng Đen Preschool", "Tuesday, 1 October 2024", "Uncle Ho"):
        assert text in html


def _the_title_ceremony_the_reading_month_and_bangkok():
    ceremony = Event.objects.get(slug="le-don-nhan-danh-hieu-thanh-pho-hoc-tap-toan-cau-unesco")
    assert ceremony.start_date == datetime.date(2024, 3, 19)
    assert ceremony.local_start.hour == 19
    assert Programme.objects.get(slug="thang-doc-sach-4-2024").events.count() == 3
    bangkok = Event.objects.get(slug__startswith="hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3")
    assert bangkok.is_external
    assert bangkok.area is None
    assert (bangkok.start_date, bangkok.end_date) == (
        datetime.date(2024, 10, 29),
        datetime.date(2024, 10, 30),
    )


def _upcoming_events_and_an_open_call(client):
    assert Event.objects.published().upcoming().count() >= 5
    assert Event.objects.upcoming().filter(is_cancelled=True).exists()
    [open_week] = Programme.objects.with_open_call()
    assert open_week.call_is_open()
    assert open_week.starts_on > local_today()
    assert (
        f"/en/events/{Event.objects.upcoming().first().slug}/"
        in client.get("/en/").content.decode()
    )


def _loading_again_duplicates_nothing(demo):
    counts = (Event.objects.count(), Programme.objects.count())
    demo.load(StringIO())
    assert (Event.objects.count(), Programme.objects.count()) == counts


def _every_event_validates():
    for event in Event.objects.all():
        event.full_clean()


def test_the_demo_holds_the_events_of_2024_upcoming_ones_and_an_open_call(demo, client):
    # One test for the whole demo: loading it takes seconds.
    _lifelong_learning_week_2024_in_full(client)
    _the_title_ceremony_the_reading_month_and_bangkok()
    _upcoming_events_and_an_open_call(client)
    _every_event_validates()
    _loading_again_duplicates_nothing(demo)
