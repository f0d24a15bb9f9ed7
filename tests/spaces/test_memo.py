"""What the spaces pages keep between requests (pagecache.memo) never outlives a change."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from apps.spaces.models import LearningSpace, OpeningHours

from .conftest import city_time

pytestmark = pytest.mark.django_db

WEDNESDAY = (2024, 10, 2)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the views' own memos are under test, not the page cache


@pytest.fixture
def at(monkeypatch):
    def set_time(hour, minute=0):
        monkeypatch.setattr(timezone, "now", lambda: city_time(*WEDNESDAY, hour, minute))

    return set_time


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def names(client, url):
    return {f["properties"]["name"] for f in json.loads(client.get(url).getvalue())["features"]}


def test_an_officials_edit_shows_at_once_in_both_languages(
    client, official, space, at, django_capture_on_commit_callbacks
):
    at(9)
    detail = f"/en/spaces/{space.slug}/"
    assert "Closed now, opens at 17:00" in text(client, "/en/spaces/")
    assert "Closed now, opens at 17:00" in text(client, detail)
    assert "The village&#x27;s reading place." in text(client, detail)
    assert "Nơi đọc sách của bản." in text(client, f"/vi/spaces/{space.slug}/")
    assert space.name_en not in text(client, "/en/spaces/?open=now")

    editor = Client()
    editor.force_login(official)
    data = {
        "description_vi": "Mô tả mới",
        "description_en": "New description",
        "activities_vi": "Đọc sách",
        "activities_en": "Reading",
        "contact_phone": "",
        "contact_email": "",
        "book_count": "900",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "30",
        "hours-0-weekday": "2",
        "hours-0-opens": "08:00",
        "hours-0-closes": "12:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(f"/vi/workspace/spaces/{space.slug}/", data)
    assert response.status_code == 302

    assert "Open now, until 12:00" in text(client, "/en/spaces/")
    assert space.name_en in text(client, "/en/spaces/?open=now")
    page = text(client, detail)
    assert "Open now, until 12:00" in page
    assert "08:00–12:00" in page
    assert "New description" in page
    assert "The village&#x27;s reading place." not in page
    vi_page = text(client, f"/vi/spaces/{space.slug}/")
    assert "Mô tả mới" in vi_page
    assert "New description" not in vi_page


def test_a_saved_name_shows_at_once_on_every_page_in_its_language(
    client, space, at, django_capture_on_commit_callbacks
):
    at(9)
    pages = ["/en/spaces/", f"/en/spaces/{space.slug}/", "/en/spaces/map/"]
    for url in pages:
        assert "House of Wisdom, Co Phuong village" in text(client, url)
    assert names(client, "/en/spaces.geojson") == {"House of Wisdom, Co Phuong village"}
    assert names(client, "/vi/spaces.geojson") == {"Nhà Tri thức bản Co Phương"}
    text(client, "/vi/spaces/map/")

    with django_capture_on_commit_callbacks(execute=True):
        space.name_en = "Co Phuong reading house"
        space.save()

    for url in pages:
        page = text(client, url)
        assert "Co Phuong reading house" in page, url
        assert "House of Wisdom, Co Phuong village" not in page, url
    assert names(client, "/en/spaces.geojson") == {"Co Phuong reading house"}
    # The Vietnamese pages keep the Vietnamese name.
    assert names(client, "/vi/spaces.geojson") == {"Nhà Tri thức bản Co Phương"}
    vi_map = text(client, "/vi/spaces/map/")
    assert "Nhà Tri thức bản Co Phương" in vi_map
    assert "Co Phuong reading house" not in vi_map


def test_hours_saved_on_the_model_show_at_once(
    client, space, at, django_capture_on_commit_callbacks
):
    at(9)
    assert "Closed now, opens at 17:00" in text(client, "/en/spaces/")
    with django_capture_on_commit_callbacks(execute=True):
        OpeningHours.objects.create(
            space=space, weekday=2, opens=datetime.time(8), closes=datetime.time(10)
        )
    assert "Open now, until 10:00" in text(client, "/en/spaces/")
    assert "08:00–10:00" in text(client, f"/en/spaces/{space.slug}/")


def test_open_now_follows_the_clock_without_any_change(client, space, at):
    at(16, 59)
    assert "Closed now, opens at 17:00" in text(client, "/en/spaces/")
    assert "Closed now, opens at 17:00" in text(client, f"/en/spaces/{space.slug}/")
    assert space.name_en not in text(client, "/en/spaces/?open=now")
    at(17, 0)
    assert "Open now, until 21:00" in text(client, "/en/spaces/")
    assert "Open now, until 21:00" in text(client, f"/en/spaces/{space.slug}/")
    assert space.name_en in text(client, "/en/spaces/?open=now")


def test_bad_filters_are_reported_every_time(client, space):
    for _ in range(2):
        page = text(client, "/en/spaces/?kind=castle&area=nowhere")
        assert "There is no such kind of learning space" in page
        assert "There is no ward, commune or village with that name" in page


def test_pages_kept_for_everyone_carry_nothing_of_a_signed_in_visitor(client, official, space):
    signed_in = Client()
    signed_in.force_login(official)
    urls = ["/en/spaces/", f"/en/spaces/{space.slug}/", "/en/spaces/map/"]
    workspace_link = 'href="/en/workspace/"'
    for url in urls:
        assert workspace_link in text(signed_in, url)  # the menu of a signed-in official
    for url in urls:
        assert workspace_link not in text(client, url), url


def test_the_sitemap_lists_a_new_space_at_once(client, space, make_space):
    assert f"/en/spaces/{space.slug}/" in text(client, "/sitemap.xml")
    other = make_space("Tủ sách nhân ái bản Pá")
    assert f"/en/spaces/{other.slug}/" in text(client, "/sitemap.xml")
    LearningSpace.objects.filter(pk=other.pk).first().delete()
    assert f"/en/spaces/{other.slug}/" not in text(client, "/sitemap.xml")
