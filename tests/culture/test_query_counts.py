import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from apps.culture.models import Club, Dance

pytestmark = pytest.mark.django_db

# No cache: every page is built, which is what is measured.
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
PAGES = [
    "/vi/clubs/",
    "/en/clubs/?focus=script",
    "/en/clubs/?area=AREA&q=clb",
    "/vi/clubs/clb-1/",
    "/en/clubs/clb-1/join/",
    "/en/heritage/",
]


def _make_clubs(commune, village, count):
    Club.objects.all().delete()
    Dance.objects.all().delete()
    Club.objects.bulk_create(
        Club(
            name=f"CLB số {i}",
            name_vi=f"CLB số {i}",
            name_en=f"Club {i}",
            slug=f"clb-{i}",
            area=village if i % 2 else commune,
            teaches_script=bool(i % 3),
            teaches_xoe=True,
            meeting_days=18,
        )
        for i in range(count)
    )
    dance = Dance.objects.create(name="Xòe", name_vi="Xòe", description_vi="x")
    dance.clubs.set(Club.objects.all())


def _queries(client, path):
    with override_settings(CACHES=NO_CACHE), CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_ask_the_database_as_often_with_500_clubs_as_with_5(
    client, commune, village, path
):
    path = path.replace("AREA", commune.slug)
    _make_clubs(commune, village, 5)
    few = _queries(client, path)
    _make_clubs(commune, village, 500)
    many = _queries(client, path)
    assert len(many) == len(few), many
    assert len(many) <= 10, many
