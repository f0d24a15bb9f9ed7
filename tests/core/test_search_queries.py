"""The search asks the database as often with many rows as with a few (one query per kind)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from apps.commitments.models import Commitment
from apps.culture.models import Club
from apps.spaces.models import LearningSpace
from apps.stories.models import Story

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PAGES = [
    "/vi/search/?q=chieng+den",
    "/en/search/?q=nha+tri+thuc+chieng+den",
    "/vi/search/?q=chieng+den&type=spaces",
    "/vi/search/?q=chieng+den&type=stories&page=999",
    "/en/search/?q=a",
]
MOST_QUERIES = 10


def _fill(village, count):
    for model in (Story, Club, LearningSpace, Commitment):
        model.objects.all().delete()
    # save() builds the search text: bulk_create would leave it empty.
    for i in range(count):
        name = f"Nhà Tri thức số {i} Chiềng Đen"
        LearningSpace.objects.create(
            kind="house-of-wisdom", name=name, name_vi=name, name_en=f"House {i}", area=village
        )
        Club.objects.create(name=f"CLB {i}", name_vi=f"CLB {i}", name_en=f"Club {i}", area=village)
        Story.objects.create(
            title=f"Chiềng Đen {i}",
            title_vi=f"Chiềng Đen {i}",
            lead_vi="Bản tin.",
            body_vi="Nội dung.",
            published_on=datetime.date(2024, 1, 1),
        )
        Commitment.objects.create(
            title=f"Cam kết Chiềng Đen {i}",
            title_vi=f"Cam kết Chiềng Đen {i}",
            key_feature="resources",
            unit="percent",
            baseline_value=1,
            baseline_year=2020,
            target_value=2,
            target_year=2030,
        )


def _queries(client, path):
    with override_settings(CACHES=NO_CACHE), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("path", PAGES)
def test_the_search_asks_as_often_with_120_rows_of_each_kind_as_with_3(client, village, path):
    _fill(village, 3)
    few = _queries(client, path)
    _fill(village, 120)
    many = _queries(client, path)

    assert many == few
    assert many <= MOST_QUERIES


def test_the_results_of_a_search_are_found_in_one_query_per_kind(
    client, village, django_assert_max_num_queries
):
    _fill(village, 30)
    from apps.core.search import kinds

    with override_settings(CACHES=NO_CACHE), django_assert_max_num_queries(len(kinds()) + 2):
        response = client.get("/vi/search/?q=chieng+den")
    assert "Chiềng Đen" in response.content.decode()
