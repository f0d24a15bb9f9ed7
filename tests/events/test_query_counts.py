import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from apps.core.localtime import local_now
from apps.events.models import Category, Event, Programme

pytestmark = pytest.mark.django_db

# No cache: every page is built, which is what is measured.
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PAGES = [
    "/vi/events/",
    "/en/events/?when=past",
    "/en/events/?month=MONTH",
    "/en/events/?area=AREA&category=reading&q=su+kien",
    "/en/events/?programme=week&page=2",
    "/vi/events/su-kien-1/",
    "/en/programmes/week/",
    "/en/events/su-kien-1.ics",
    "/en/events/calendar.ics?area=AREA",
    "/en/events/calendar.ics?month=MONTH",
    "/vi/",
]


def _make_events(commune, village, space, count):
    Event.objects.all().delete()
    Programme.objects.all().delete()
    programme = Programme.objects.create(
        name="Tuần lễ",
        name_vi="Tuần lễ",
        name_en="Week",
        slug="week",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2027, 1, 1),
    )
    now = local_now()
    categories = [code for code, _label in Category.choices]
    batch = []
    for i in range(count):
        start = now + datetime.timedelta(hours=7 * (i - count // 2))
        event = Event(
            title=f"Sự kiện {i}",
            title_vi=f"Sự kiện {i}",
            title_en=f"Event {i}",
            slug=f"su-kien-{i}",
            category=categories[i % len(categories)],
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            area=village if i % 2 else commune,
            space=space if i % 3 == 0 else None,
            place_name_vi="Nhà văn hóa",
            place_name_en="Cultural house",
            programme=programme if i % 4 == 0 else None,
            is_cancelled=i % 10 == 0,
        )
        event.search_text = f" su kien {i} event {i} nha van hoa"
        batch.append(event)
    Event.objects.bulk_create(batch, batch_size=500)


def _queries(client, path):
    with override_settings(CACHES=NO_CACHE), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in queries.captured_queries]


def _counts(client, paths):
    return {path: _queries(client, path) for path in paths}


def test_the_pages_ask_the_database_as_often_with_5000_events_as_with_20(
    client, commune, village, space
):
    month = f"{local_now():%Y-%m}"
    paths = [path.replace("AREA", commune.slug).replace("MONTH", month) for path in PAGES]
    _make_events(commune, village, space, 20)
    few = _counts(client, paths)
    _make_events(commune, village, space, 5000)
    many = _counts(client, paths)
    for path in paths:
        assert len(many[path]) == len(few[path]), (path, many[path])
        assert len(many[path]) <= 10, (path, many[path])


def test_the_unfiltered_calendar_is_a_published_file_built_in_a_constant_number_of_queries(
    client, commune, village, space
):
    _make_events(commune, village, space, 10)
    client.get("/en/events/calendar.ics")
    with CaptureQueriesContext(connection) as few:
        client.get("/vi/events/calendar.ics")
    _make_events(commune, village, space, 5000)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/vi/events/calendar.ics")
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 10
