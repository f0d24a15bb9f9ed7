"""The Atom feed of stories, one per language, published as a file."""

import datetime
from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, language):
    response = client.get(f"/{language}/stories/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(  # noqa: S314 - the portal's own feed
        b"".join(response.streaming_content) if response.streaming else response.content
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("vi", "Lễ hội Xòe của các câu lạc bộ văn hóa Thái"),
        ("en", "The Xòe festival of the Thai cultural clubs"),
    ],
)
def test_the_feed_lists_the_stories_in_its_language(client, story, language, title):
    feed = _feed(client, language)

    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == title
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith(f"/{language}/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/")
    )
    assert entry.find(f"{ATOM}id").text.startswith("tag:")


def test_the_feed_leaves_out_unpublished_and_future_stories(client, make_story):
    make_story("Bản nháp", is_published=False)
    make_story("Ngày mai", published_on=datetime.date(2099, 1, 1))
    make_story("Đã đăng")

    titles = [e.find(f"{ATOM}title").text for e in _feed(client, "vi").findall(f"{ATOM}entry")]
    assert titles == ["Đã đăng"]


def test_links_are_absolute_when_the_site_address_is_set(client, story, settings):
    settings.SITE_URL = "https://hoctap.sonla.example"

    feed = _feed(client, "en")

    href = feed.find(f"{ATOM}entry").find(f"{ATOM}link").get("href")
    assert (
        href
        == "https://hoctap.sonla.example/en/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/"
    )
