"""The events shown elsewhere: the home page, a space's and a club's page, the sitemap, search."""

import datetime

import pytest

from apps.core.localtime import local_now
from apps.culture.models import Club

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "heading"), [("vi", "Sự kiện sắp diễn ra"), ("en", "Upcoming events")]
)
def test_the_home_page_shows_the_next_events(client, make_event, lang, heading):
    soon = make_event(
        "Sắp tới", title_en="Coming soon", start=local_now() + datetime.timedelta(days=2)
    )
    make_event("Đã qua", title_en="Long gone", start=local_now() - datetime.timedelta(days=9))
    html = client.get(f"/{lang}/").content.decode()
    assert heading in html
    assert f'href="/{lang}/events/{soon.slug}/"' in html
    assert "Long gone" not in html


def test_a_learning_spaces_page_lists_its_upcoming_events(client, make_event, space):
    coming = make_event(space=space, title_en="Story time")
    make_event(
        space=space, title_en="Old story time", start=local_now() - datetime.timedelta(days=9)
    )
    make_event(title_en="Elsewhere")
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert "Upcoming events" in html
    assert f'href="/en/events/{coming.slug}/"' in html
    assert "Story time (" in html
    assert "Old story time" not in html
    assert "Elsewhere" not in html


def test_a_clubs_page_lists_its_upcoming_events(client, make_event, village):
    club = Club.objects.create(name="CLB Xòe", name_vi="CLB Xòe", name_en="Xoe club", area=village)
    coming = make_event(club=club, title_en="Xoe practice")
    html = client.get(f"/en/clubs/{club.slug}/").content.decode()
    assert f'href="/en/events/{coming.slug}/"' in html
    assert "Xoe practice" in html


def test_a_page_with_no_upcoming_event_shows_no_event_section(client, space):
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert "Upcoming events" not in html


def test_the_sitemap_lists_events_programmes_and_the_list_in_both_languages(
    client, event, programme
):
    xml = client.get("/sitemap.xml").content.decode()
    for lang in ("vi", "en"):
        assert f"/{lang}/events/{event.slug}/" in xml
        assert f"/{lang}/programmes/{programme.slug}/" in xml
        assert f"/{lang}/events/</loc>" in xml


def test_the_site_search_finds_an_event_without_diacritics(client, make_event):
    event = make_event("Giao lưu tác giả và bạn đọc", title_en="Author and reader meeting")
    html = client.get("/en/search/", {"q": "giao luu tac gia"}).content.decode()
    assert f'href="/en/events/{event.slug}/"' in html
