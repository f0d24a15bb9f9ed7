"""/sitemap.xml and /robots.txt, as a search engine reads them."""

import datetime
import re
import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own sitemap
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        lastmod = url.find("s:lastmod", NS)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        entries[loc] = {"lastmod": lastmod.text if lastmod is not None else None, **alternates}
    return entries


def _space(village, name, **fields):
    return LearningSpace.objects.create(
        kind=LearningSpace.Kind.HOUSE_OF_WISDOM, name=name, name_vi=name, area=village, **fields
    )


def test_every_page_is_listed_in_both_languages_with_its_alternates(client, village):
    space = _space(village, "Nhà Tri thức bản Co Phương", name_en="House of Wisdom, Co Phuong")
    entries = _entries(client)
    for path in ("/", "/about/", "/spaces/", f"/spaces/{space.slug}/", "/clubs/"):
        vi, en = f"http://testserver/vi{path}", f"http://testserver/en{path}"
        for loc in (vi, en):
            assert entries[loc]["vi"] == vi
            assert entries[loc]["en"] == en
            # Like the pages' heads: the default language's page, not an address that redirects.
            assert entries[loc]["x-default"] == vi
    assert all(
        loc.startswith(("http://testserver/vi/", "http://testserver/en/")) for loc in entries
    )


def test_every_page_says_when_it_last_changed(client, village):
    space = _space(village, "Nhà Tri thức bản Co Phương")
    entries = _entries(client)
    assert all(entry["lastmod"] for entry in entries.values())
    today = timezone.localdate(space.updated_at).isoformat()
    assert entries[f"http://testserver/en/spaces/{space.slug}/"]["lastmod"] == today


def test_a_list_changes_with_its_newest_public_row_and_never_with_a_draft(client, village):
    old = _space(village, "Nhà Tri thức bản Cũ")
    long_ago = timezone.now() - datetime.timedelta(days=40)
    LearningSpace.objects.filter(pk=old.pk).update(updated_at=long_ago)
    _space(village, "Nhà Tri thức bản Nháp", is_published=False)
    entries = _entries(client)
    expected = timezone.localdate(long_ago).isoformat()
    assert entries["http://testserver/en/spaces/"]["lastmod"] == expected
    assert not any("ban-nhap" in loc for loc in entries)


def test_robots_keep_out_of_private_and_repeated_pages_and_find_the_sitemap(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    for path in ("/admin/", "/vi/workspace/", "/en/workspace/", "/vi/accounts/", "/en/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /vi/search/" in lines
    assert "Disallow: /en/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public pages stay open


def test_the_english_sitemap_leads_to_pages_that_all_answer(client):
    """As a UNESCO visitor's search engine would: every English address of the sitemap, and
    every link of the English human sitemap, answers 200 (demo data)."""
    call_command("load_demo", stdout=StringIO())
    entries = _entries(client)
    english = [loc for loc in entries if loc.startswith("http://testserver/en/")]
    assert len(english) == len(entries) // 2
    assert len(english) > 50
    for loc in english:
        response = client.get(
            urlsplit(loc).path + ("?" + urlsplit(loc).query if urlsplit(loc).query else "")
        )
        assert response.status_code == 200, loc
        html = response.content.decode()
        assert f'<link rel="canonical" href="{loc}">' in html, loc
        assert 'hreflang="vi"' in html, loc
    human = client.get("/en/sitemap/").content.decode()
    links = set(re.findall(r'<a href="(/en/[^"#]*)"', human))
    assert len(links) > 20
    for link in sorted(links):
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link
