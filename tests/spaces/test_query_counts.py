"""List, detail, map and GeoJSON cost the same number of queries for 2 or 2,000 spaces.

(Two: a detail page lists the other spaces of its commune, and with none Django asks nothing.)
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core import pagecache
from apps.spaces.models import LearningSpace, OpeningHours, Photo

pytestmark = pytest.mark.django_db

URLS = [
    "/vi/spaces/",
    "/en/spaces/?q=nha+tri+thuc&kind=house-of-wisdom&open=now&facility=internet",
    "/vi/spaces/?area=xa-chieng-den&page=3",
    "/en/spaces/map/",
    "/en/spaces.geojson",
    "/vi/spaces/{slug}/",
]
HOURS = [(d, "07:00", "11:00") for d in range(7)] + [(d, "13:00", "21:00") for d in range(7)]


def add_spaces(count, village, start=0):
    spaces = []
    for i in range(start, start + count):
        name = f"Nhà Tri thức số {i}"
        space = LearningSpace(
            kind="house-of-wisdom",
            name=name,
            name_vi=name,
            name_en=f"House of Wisdom no. {i}",
            slug=f"nha-tri-thuc-so-{i}",
            area=village,
            latitude="21.3",
            longitude="103.9",
            activities_vi="Đọc sách\nMúa xòe",
            activities_en="Reading\nXòe dance",
            has_internet=True,
            book_count=100,
        )
        space.search_text = space.build_search_text()
        spaces.append(space)
    spaces = LearningSpace.objects.bulk_create(spaces, batch_size=500)
    OpeningHours.objects.bulk_create(
        (
            OpeningHours(
                space=s,
                weekday=d,
                opens=datetime.time.fromisoformat(o),
                closes=datetime.time.fromisoformat(c),
            )
            for s in spaces
            for d, o, c in HOURS
        ),
        batch_size=2000,
    )
    items = [{"width": 320, "height": 240, "webp": "spaces/x-320.webp", "jpeg": "spaces/x-320.jpg"}]
    Photo.objects.bulk_create(
        (
            Photo(space=s, alt=f"Ảnh {n}", alt_vi=f"Ảnh {n}", alt_en=f"Photo {n}", renditions=items)
            for s in spaces
            for n in range(2)
        ),
        batch_size=2000,
    )
    return spaces


def count_queries(client, url, fresh=True):
    if fresh:
        # The views keep what they render until the content changes, and bulk_create() sends
        # no signal: start from a new content version to measure the page being rendered.
        pagecache.bump()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_spaces(
    client, settings, village, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # measure the views, not the page cache
    add_spaces(2, village)
    urls = [url.format(slug="nha-tri-thuc-so-0") for url in URLS]
    small = {url: count_queries(client, url) for url in urls}

    add_spaces(1998, village, start=2)
    assert LearningSpace.objects.count() == 2000
    for url in urls:
        pagecache.bump()
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert count_queries(client, url) == small[url], url
        # Asked again, the page comes from what was kept: no more queries, often none.
        assert count_queries(client, url, fresh=False) <= small[url], url

    features = json.loads(client.get("/en/spaces.geojson").getvalue())["features"]
    assert len(features) == 2000
