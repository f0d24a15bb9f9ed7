"""The Atom feed of upcoming events, one per language, published as a file."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from apps.events.feeds import entry_id
from apps.events.models import Event

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def read(client, lang):
    response = client.get(f"/{lang}/events/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(b"".join(response.streaming_content))  # noqa: S314 - our own feed


def entries(feed):
    return {entry.find(f"{ATOM}title").text: entry for entry in feed.findall(f"{ATOM}entry")}


def test_the_feed_lists_upcoming_published_events_in_each_language(client, make_event, commune):
    make_event("Hội sách mùa thu", title_en="Autumn book fair")
    make_event("Chưa công bố", title_en="Not published", is_published=False)
    past = timezone.now() - datetime.timedelta(days=30)
    make_event("Đã qua", title_en="Long gone", start=past)
    english = read(client, "en")
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert list(entries(english)) == ["Autumn book fair"]
    vietnamese = read(client, "vi")
    assert list(entries(vietnamese)) == ["Hội sách mùa thu"]
    entry = entries(english)["Autumn book fair"]
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith("/en/events/hoi-sach-mua-thu/")
    summary = entry.find(f"{ATOM}summary").text
    assert "1 December 2027, 08:00–10:00" in summary
    assert "Chieng Den Commune" in summary
    vi_summary = entries(vietnamese)["Hội sách mùa thu"].find(f"{ATOM}summary").text
    assert "Quảng trường Tây Bắc" in vi_summary


def test_entry_ids_stay_the_same_when_an_event_is_renamed(client, event):
    first = entries(read(client, "en"))["Autumn book fair"].find(f"{ATOM}id").text
    assert first == entry_id(event.pk)
    assert first.startswith("urn:uuid:")
    event.title_en = "Winter book fair"
    event.save()
    renamed = entries(read(client, "en"))["Winter book fair"].find(f"{ATOM}id").text
    assert renamed == first


def test_a_cancelled_event_is_marked_and_html_is_escaped(client, make_event):
    make_event("Hội <b>sách</b>", title_en="<script>alert(1)</script>", is_cancelled=True)
    response = client.get("/en/events/feed.atom")
    body = b"".join(response.streaming_content).decode()
    assert "<script>" not in body
    assert "Cancelled: &lt;script&gt;alert(1)&lt;/script&gt;" in body
    parsed = ET.fromstring(body)  # noqa: S314 - the portal's own feed
    assert "Cancelled: <script>alert(1)</script>" in entries(parsed)


def test_an_english_title_missing_falls_back_to_vietnamese(client, make_event):
    make_event("Chỉ có tiếng Việt", title_en="")
    assert list(entries(read(client, "en"))) == ["Chỉ có tiếng Việt"]


def test_an_empty_feed_is_still_valid_atom(client):
    feed = read(client, "en")
    assert feed.find(f"{ATOM}updated").text[:2] == "20"
    assert feed.findall(f"{ATOM}entry") == []


def test_the_events_list_announces_the_feed(client):
    for lang in ("vi", "en"):
        html = client.get(f"/{lang}/events/").content.decode()
        assert (
            f'<link rel="alternate" type="application/atom+xml" href="/{lang}/events/feed.atom"'
            in html
        )


def test_the_feed_follows_changes_of_the_events(client, event):
    assert list(entries(read(client, "en"))) == ["Autumn book fair"]
    Event.objects.filter(pk=event.pk).update(is_published=False)
    assert list(entries(read(client, "en"))) == []


def test_the_feed_takes_constant_queries(client, make_event, django_assert_max_num_queries):
    for i in range(30):
        make_event(f"Sự kiện {i}", title_en=f"Event {i}")
    with django_assert_max_num_queries(6):
        feed = read(client, "en")
    assert len(feed.findall(f"{ATOM}entry")) == 30
