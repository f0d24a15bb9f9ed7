import datetime
import json
import re

import pytest

from apps.core.localtime import local_now
from apps.events.models import Category

from .conftest import city_time

pytestmark = pytest.mark.django_db


def _json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Sự kiện sắp diễn ra", "Hội sách mùa thu", "Quảng trường Tây Bắc"]),
        ("en", ["Upcoming events", "Autumn book fair", "Tây Bắc Square"]),
    ],
)
def test_the_list_shows_upcoming_events_in_both_languages(client, event, lang, texts):
    response = client.get(f"/{lang}/events/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in html
    assert f'href="/{lang}/events/{event.slug}/"' in html


def test_todays_events_come_first_and_past_ones_only_on_request(client, make_event):
    now = local_now()
    later = make_event("Sau này", title_en="Later", start=now + datetime.timedelta(days=30))
    today = make_event(
        "Hôm nay", title_en="Morning class today", start=now.replace(hour=0, minute=30), hours=1
    )
    old = make_event("Năm ngoái", title_en="Last year", start=now - datetime.timedelta(days=365))
    html = client.get("/en/events/").content.decode()
    assert html.index(today.title_en) < html.index(later.title_en)
    assert old.title_en not in html
    past = client.get("/en/events/", {"when": "past"}).content.decode()
    assert old.title_en in past
    assert later.title_en not in past
    assert "Past events" in past


def test_the_filters_find_an_event_of_a_ward_category_and_programme(
    client, make_event, commune, village, other_ward, programme
):
    wanted = make_event("Đọc sách ở bản", title_en="Reading in the village", area=village)
    wanted.programme = programme
    wanted.save()
    make_event("Ở phường khác", title_en="Elsewhere", area=other_ward)
    make_event("Hội thảo", title_en="A workshop", area=village, category=Category.WORKSHOP)
    html = client.get(
        "/en/events/",
        {"area": commune.slug, "category": "reading", "programme": programme.slug},
    ).content.decode()
    assert "Reading in the village" in html
    assert "Elsewhere" not in html
    assert "A workshop" not in html
    assert "1 event" in html


def test_the_month_view_lists_the_events_running_that_month(client, make_event):
    make_event("Tháng Mười", title_en="In October", start=city_time(2024, 10, 3, 8))
    make_event("Tháng Chín", title_en="In September", start=city_time(2024, 9, 3, 8))
    html = client.get("/en/events/", {"month": "2024-10"}).content.decode()
    assert "Events in October 2024" in html
    assert "In October" in html
    assert "In September" not in html
    assert "Thursday, 3 October 2024" in html
    assert "?month=2024-09" in html
    assert "?month=2024-11" in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"month": "2024-13"}, "A month is written like 2024-10"),
        ({"month": "x" * 5000}, "A month is written like 2024-10"),
        ({"category": "<script>"}, "There is no such kind of event"),
        ({"programme": "nowhere"}, "There is no such programme"),
        ({"when": "tomorrow"}, "Choose upcoming or past events"),
        ({"area": "nowhere"}, "There is no ward, commune or village with that name"),
    ],
)
def test_bad_filters_are_reported_and_the_upcoming_events_shown(client, event, params, notice):
    response = client.get("/en/events/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert notice in html
    assert event.title_en in html
    assert "<script>" not in html.split("</header>", 1)[-1].split('type="application')[0]


def test_the_event_page_says_when_where_and_how_to_take_part(client, make_event, space):
    event = make_event(
        space=space,
        start=city_time(2027, 12, 1, 8),
        registration_url="https://example.org/register",
        audience_en="Families with children",
    )
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Wednesday, 1 December 2027, 08:00–10:00" in html
    assert f'href="/en/spaces/{space.slug}/"' in html
    assert "openstreetmap.org/?mlat=21.300000&amp;mlon=103.900000" in html
    assert "Families with children" in html
    assert 'href="https://example.org/register"' in html
    assert f'href="/en/events/{event.slug}.ics"' in html


def test_the_event_page_date_is_written_the_vietnamese_way(client, make_event):
    event = make_event(start=city_time(2024, 10, 5, 8))
    html = client.get(f"/vi/events/{event.slug}/").content.decode()
    assert "Thứ Bảy, ngày 5 tháng 10 năm 2024, 08:00–10:00" in html


def test_the_event_page_links_its_programme_club_and_contest(
    client, make_event, programme, village
):
    from apps.contests.models import Contest, Phase
    from apps.culture.models import Club

    club = Club.objects.create(name="CLB Xòe", name_vi="CLB Xòe", name_en="Xoe club", area=village)
    contest = Contest.objects.create(
        title="Cuộc thi",
        title_vi="Cuộc thi",
        title_en="The contest",
        opens_at=city_time(2024, 7, 1),
        closes_at=city_time(2024, 9, 30),
        phase=Phase.ANNOUNCED,
        is_published=True,
    )
    event = make_event(programme=programme, club=club, contest=contest)
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert f'href="/en/programmes/{programme.slug}/"' in html
    assert f'href="/en/clubs/{club.slug}/"' in html
    assert f'href="/en/contests/{contest.slug}/"' in html


def test_a_cancelled_event_stays_visible_and_marked(client, make_event):
    event = make_event(
        is_cancelled=True, cancellation_note_en="Postponed for heavy rain.", title_en="Rainy fair"
    )
    listing = client.get("/en/events/").content.decode()
    assert "Rainy fair" in listing
    assert "Cancelled" in listing
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "This event is cancelled." in page
    assert "Postponed for heavy rain." in page
    assert _json_ld(page)["eventStatus"] == "https://schema.org/EventCancelled"


def test_an_unpublished_event_is_nowhere_public(client, make_event):
    event = make_event(is_published=False, title_en="Secret draft")
    assert client.get(f"/en/events/{event.slug}/").status_code == 404
    assert client.get(f"/en/events/{event.slug}.ics").status_code == 404
    assert "Secret draft" not in client.get("/en/events/").content.decode()


def test_an_event_without_english_falls_back_to_vietnamese_marked(client, make_event):
    event = make_event("Hội sách Chiềng Đen", title_en="", summary_en="")
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert '<span lang="vi" class="fallback">Hội sách Chiềng Đen' in html
    assert "not yet translated into English" in html
    assert "Hội sách Chiềng Đen" in client.get("/en/events/").content.decode()


def test_html_in_a_title_is_escaped_in_the_pages(client, make_event):
    event = make_event("<b>Hội</b> sách", title_en="<script>alert(1)</script> fair")
    for path in ("/en/events/", f"/en/events/{event.slug}/"):
        html = client.get(path).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; fair" in html
    data = _json_ld(client.get(f"/en/events/{event.slug}/").content.decode())
    assert data["name"] == "<script>alert(1)</script> fair"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_event_page_carries_schema_org_event_data_in_its_language(
    client, make_event, space, programme, lang
):
    event = make_event(space=space, programme=programme, start=city_time(2024, 10, 2, 14))
    data = _json_ld(client.get(f"/{lang}/events/{event.slug}/").content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == {"vi": "Hội sách mùa thu", "en": "Autumn book fair"}[lang]
    assert data["startDate"] == "2024-10-02T14:00:00+07:00"
    assert data["endDate"] == "2024-10-02T16:00:00+07:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == {"vi": space.name_vi, "en": space.name_en}[lang]
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 21.3,
        "longitude": 103.9,
    }
    assert data["url"].endswith(f"/{lang}/events/{event.slug}/")
    assert data["inLanguage"] == lang
    assert data["superEvent"]["name"] == {"vi": programme.name_vi, "en": programme.name_en}[lang]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_programme_page_shows_its_events_day_by_day(client, make_event, programme, lang):
    make_event(
        "Khai mạc", title_en="Opening", start=city_time(2024, 10, 1, 7, 30), programme=programme
    )
    make_event(
        "Hội sách",
        title_en="Book fair",
        start=city_time(2024, 10, 1),
        all_day=True,
        programme=programme,
        ends_at=city_time(2024, 10, 7),
    )
    make_event(
        "Bế mạc", title_en="Closing", start=city_time(2024, 10, 7, 19, 30), programme=programme
    )
    html = client.get(f"/{lang}/programmes/{programme.slug}/").content.decode()
    html = html.split({"en": "day by day", "vi": "theo từng ngày"}[lang], 1)[1]
    days = {
        "en": ["Tuesday, 1 October 2024", "Wednesday, 2 October 2024", "Monday, 7 October 2024"],
        "vi": [
            "Thứ Ba, ngày 1 tháng 10 năm 2024",
            "Thứ Tư, ngày 2 tháng 10 năm 2024",
            "Thứ Hai, ngày 7 tháng 10 năm 2024",
        ],
    }[lang]
    positions = [html.index(day) for day in days]
    assert positions == sorted(positions)
    titles = {"en": ["Opening", "Closing"], "vi": ["Khai mạc", "Bế mạc"]}[lang]
    assert days[0] in html[: html.index(titles[0])]
    assert html.index(titles[1]) > positions[2]
    # The book fair runs all week: said on each of its days.
    assert html.count({"en": "Book fair", "vi": "Hội sách"}[lang]) >= 7


def test_an_unknown_programme_or_event_is_a_404(client):
    assert client.get("/en/programmes/nowhere/").status_code == 404
    assert client.get("/en/events/nowhere/").status_code == 404
    assert client.get("/en/events/nowhere.ics").status_code == 404
    assert client.get("/en/events/hoi-sach.ics.ics").status_code == 404


def test_the_list_is_paginated(client, make_event):
    for i in range(25):
        make_event(f"Sự kiện {i}", title_en=f"Event number {i}", start=city_time(2027, 12, 1, 8))
    first = client.get("/en/events/").content.decode()
    second = client.get("/en/events/", {"page": "2"}).content.decode()
    assert "Page 1 of 2" in first
    assert "25 events" in first
    assert second.count("event-card") == 5
    assert client.get("/en/events/", {"page": "999"}).status_code == 200
