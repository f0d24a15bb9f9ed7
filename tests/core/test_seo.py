"""Canonical addresses, hreflang, Open Graph and Twitter cards, JSON-LD (apps.core.seo)."""

import datetime
import json
import re

import pytest

from apps.core import seo
from apps.spaces.models import LearningSpace, OpeningHours

pytestmark = pytest.mark.django_db


def _links(html, rel):
    return re.findall(rf'<link rel="{rel}"(?: hreflang="([^"]+)")? href="([^"]+)">', html)


def _canonical(html):
    found = _links(html, "canonical")
    assert len(found) == 1, found
    return found[0][1]


def _meta(html, name):
    found = re.findall(rf'<meta (?:property|name)="{name}" content="([^"]*)">', html)
    assert len(found) == 1, (name, found)
    return found[0]


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def _space(village, name_vi="Nhà Tri thức bản Co Phương", **fields):
    fields.setdefault("name_en", "House of Wisdom, Co Phuong village")
    return LearningSpace.objects.create(
        kind=LearningSpace.Kind.HOUSE_OF_WISDOM,
        name=name_vi,
        name_vi=name_vi,
        area=village,
        **fields,
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", ["", "about/", "spaces/", "clubs/", "sitemap/"])
def test_every_page_names_its_canonical_address_and_its_other_language(client, lang, path):
    html = client.get(f"/{lang}/{path}").content.decode()
    assert _canonical(html) == f"http://testserver/{lang}/{path}"
    alternates = dict(_links(html, "alternate"))
    assert alternates["vi"] == f"http://testserver/vi/{path}"
    assert alternates["en"] == f"http://testserver/en/{path}"
    assert alternates["x-default"] == f"http://testserver/vi/{path}"


def test_query_noise_stays_out_of_the_canonical_address_and_the_alternates(client):
    html = client.get("/en/spaces/?utm_source=zalo&x=1&page=1").content.decode()
    assert _canonical(html) == "http://testserver/en/spaces/"
    assert dict(_links(html, "alternate"))["vi"] == "http://testserver/vi/spaces/"
    assert "utm_source" not in html.split("</head>")[0]


def test_a_paginated_page_is_canonical_to_itself_in_both_languages(client, village):
    for number in range(25):
        _space(village, name_vi=f"Nhà Tri thức số {number:02}", name_en="")
    html = client.get("/en/spaces/?page=2&fbclid=abc").content.decode()
    assert _canonical(html) == "http://testserver/en/spaces/?page=2"
    alternates = dict(_links(html, "alternate"))
    assert alternates["vi"] == "http://testserver/vi/spaces/?page=2"
    assert alternates["en"] == "http://testserver/en/spaces/?page=2"


def test_a_filter_the_list_understood_stays_in_the_canonical_address(client, village):
    _space(village)
    html = client.get("/vi/spaces/?kind=house-of-wisdom&ref=facebook").content.decode()
    assert _canonical(html) == "http://testserver/vi/spaces/?kind=house-of-wisdom"


@pytest.mark.parametrize(
    ("lang", "site", "locale"),
    [("vi", "Thành phố học tập Sơn La", "vi_VN"), ("en", "Son La Learning City", "en_GB")],
)
def test_previews_get_the_page_title_description_and_the_portal_picture(client, lang, site, locale):
    html = client.get(f"/{lang}/about/").content.decode()
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    assert _meta(html, "og:title") == title
    assert _meta(html, "og:site_name") == site
    assert _meta(html, "og:description") == re.search(
        r'<meta name="description" content="([^"]*)">', html
    ).group(1)
    assert _meta(html, "og:url") == f"http://testserver/{lang}/about/"
    assert _meta(html, "og:image") == "http://testserver/static/img/share.png"
    assert _meta(html, "og:image:width") == "1200"
    assert _meta(html, "og:locale") == locale
    assert _meta(html, "twitter:card") == "summary_large_image"


def test_text_typed_in_the_address_is_escaped_in_the_preview_tags(client):
    html = client.get("/en/spaces/", {"q": '"><script>alert(1)</script>'}).content.decode()
    head = html.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _meta(head, "og:title")


def test_the_picture_of_a_page_is_its_first_photo_else_the_portal_picture():
    base = "https://hoctap.example.vn"
    photo = '<picture><img src="/media/spaces/a-640.jpg" alt=""></picture>'
    assert seo.share_image({"main": photo}, base)[0] == base + "/media/spaces/a-640.jpg"
    icon = '<img src="/static/img/favicon.svg" alt="">'
    assert seo.share_image({"main": icon}, base)[0] == base + "/static/img/share.png"
    named = {"main": photo, "share_image": "/media/stories/lead-640.jpg"}
    assert seo.share_image(named, base)[0] == base + "/media/stories/lead-640.jpg"
    assert seo.share_image({}, base) == (base + "/static/img/share.png", 1200, 630)


def test_with_site_url_every_link_in_the_head_is_on_it(client, settings):
    settings.SITE_URL = "https://hoctap.example.vn/"
    html = client.get("/vi/about/", HTTP_HOST="127.0.0.1").content.decode()
    head = html.split("</head>")[0]
    assert _canonical(head) == "https://hoctap.example.vn/vi/about/"
    assert _meta(head, "og:image") == "https://hoctap.example.vn/static/img/share.png"
    assert "127.0.0.1" not in head


def test_an_error_page_names_no_canonical_address(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "name", "network"),
    [
        ("vi", "Ủy ban nhân dân thành phố Sơn La", "Mạng lưới Thành phố học tập toàn cầu UNESCO"),
        ("en", "Son La City People's Committee", "UNESCO Global Network of Learning Cities"),
    ],
)
def test_the_home_page_describes_the_city_in_its_language(client, lang, name, network):
    html = client.get(f"/{lang}/").content.decode()
    city, site = _json_ld(html)[0]
    assert city["@type"] == "GovernmentOrganization"
    assert city["name"] == name
    assert city["url"] == f"http://testserver/{lang}/"
    assert city["address"]["addressCountry"] == "VN"
    assert city["memberOf"]["name"] == network
    assert city["logo"] == "http://testserver/static/img/icon-512.png"
    assert site["@type"] == "WebSite"
    assert site["inLanguage"] == lang
    assert site["publisher"] == {"@id": city["@id"]}


def test_other_pages_do_not_repeat_the_city(client):
    assert _json_ld(client.get("/en/about/").content.decode()) == []


@pytest.mark.parametrize(
    ("lang", "name"),
    [("vi", "Nhà Tri thức bản Co Phương"), ("en", "House of Wisdom, Co Phuong village")],
)
def test_a_learning_space_page_describes_the_place_in_its_language(client, village, lang, name):
    space = _space(
        village,
        description_vi="Nơi đọc sách của bản.",
        description_en="The village's reading place.",
        address="Nhà văn hóa bản Co Phương",
        latitude="21.354638",
        longitude="103.852349",
        contact_phone="0212 369 748",
    )
    OpeningHours.objects.create(
        space=space, weekday=5, opens=datetime.time(7, 30), closes=datetime.time(11, 0)
    )
    html = client.get(f"/{lang}/spaces/{space.slug}/").content.decode()
    (place,) = _json_ld(html)
    assert place["@type"] == "Place"
    assert place["name"] == name
    assert place["url"] == f"http://testserver/{lang}/spaces/{space.slug}/"
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 21.354638,
        "longitude": 103.852349,
    }
    assert place["address"]["streetAddress"] == "Nhà văn hóa bản Co Phương"
    assert place["telephone"] == "0212 369 748"
    assert place["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Saturday",
            "opens": "07:30",
            "closes": "11:00",
        }
    ]


def test_an_untranslated_place_falls_back_to_vietnamese_in_english(client, village):
    space = _space(village, name_en="")
    (place,) = _json_ld(client.get(f"/en/spaces/{space.slug}/").content.decode())
    assert place["name"] == "Nhà Tri thức bản Co Phương"
    assert "geo" not in place


def test_a_name_cannot_break_out_of_the_structured_data(client, village):
    evil = 'Bản </script><script>alert("x")</script><!--'
    space = _space(village, name_vi=evil, name_en=evil)
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert "</script><script>alert" not in html
    (place,) = _json_ld(html)
    assert place["name"] == evil


def test_structured_data_escapes_what_would_end_its_element():
    text = str(seo.script({"name": "</script>&<!--"}))
    assert text.count("</script>") == 1
    inner = text.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(inner) == {"name": "</script>&<!--"}
