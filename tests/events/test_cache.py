"""Events and programmes are public content: their changes refresh the cached pages and the
kept calendar files; a filter the page cannot use is answered, never cached."""

import pytest

from apps.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_HEADER = True


def test_the_pages_are_served_from_the_cache_until_an_event_changes(
    client, event, programme, cached
):
    event.programme = programme
    event.save()
    paths = [
        "/vi/events/",
        f"/vi/events/{event.slug}/",
        f"/vi/programmes/{programme.slug}/",
        "/vi/events/?month=2027-12",
    ]
    for path in paths:
        assert client.get(path)["X-Page-Cache"] == "miss", path
        assert client.get(path)["X-Page-Cache"] == "hit", path
    event.title_vi = "Hội sách đổi tên"
    event.save()
    for path in paths:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Hội sách đổi tên" in response.content.decode(), path


def test_a_programme_change_refreshes_its_page(client, programme, cached):
    path = f"/en/programmes/{programme.slug}/"
    client.get(path)
    programme.name_en = "Renamed week"
    programme.save()
    assert "Renamed week" in client.get(path).content.decode()


@pytest.mark.parametrize(
    "params",
    [{"month": "2024-13"}, {"category": "nothing"}, {"area": "nowhere"}, {"x": "1"}],
)
def test_an_unusable_filter_is_answered_but_never_cached(client, event, cached, params):
    response = client.get("/vi/events/", params)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_publishing_a_draft_event_refreshes_the_list(client, make_event, cached):
    draft = make_event(is_published=False, title_en="Draft fair")
    assert "Draft fair" not in client.get("/en/events/").content.decode()
    version = pagecache.current_version()
    draft.is_published = True
    draft.save()
    assert pagecache.current_version() != version
    assert "Draft fair" in client.get("/en/events/").content.decode()


def test_a_cached_calendar_file_keeps_its_type_and_file_name(client, event, cached):
    path = f"/en/events/{event.slug}.ics"
    client.get(path)
    response = client.get(path)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    assert b"BEGIN:VCALENDAR" in response.content
