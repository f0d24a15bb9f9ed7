"""The page-weight budget: HTML + CSS + JS under 60 KB compressed, nothing from another site.

Measured with the test client on the demo data: each page as the portal sends it to a browser
that accepts Brotli and gzip, and every stylesheet and script it loads (and the offline worker
it registers) gzipped at the level collectstatic gives WhiteNoise (Brotli, when the browser takes
it, is smaller still). The same budget is measured in Chromium by
tests/browser/test_offline_journey.py.
"""

import gzip
import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

BUDGET = 60 * 1024
SITE = "http://testserver"
# Everything a page makes the browser fetch, not the links a visitor may follow.
RESOURCES = [
    r'<link\b[^>]*\brel="(?:stylesheet|icon|manifest|apple-touch-icon|preload|modulepreload)"[^>]*\bhref="([^"]+)"',
    r'<(?:script|img|iframe|source|video|audio|embed|track)\b[^>]*\bsrc="([^"]+)"',
    r'\bsrcset="([^"]+)"',
]


def _fetched(html):
    found = []
    for pattern in RESOURCES:
        for value in re.findall(pattern, html):
            # A srcset lists "address width" pairs.
            found += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return found


def _same_site(address):
    parts = urlsplit(address.replace("&amp;", "&"))
    return (not parts.scheme and not parts.netloc and address.startswith("/")) or (
        f"{parts.scheme}://{parts.netloc}" == SITE
    )


def _static_gzipped(address):
    path = finders.find(urlsplit(address).path.removeprefix("/static/"))
    assert path, address
    with open(path, "rb") as file:
        body = file.read()
    return body, len(gzip.compress(body, compresslevel=9))


def _event_page(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    events = re.findall(r"<loc>http://testserver(/vi/events/[^/<]+/)</loc>", sitemap)
    assert events, "no event page in the sitemap"
    return events[0]


def _weigh(client, path):
    response = client.get(path, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200, path
    assert response["Content-Encoding"] in ("br", "gzip"), path
    plain = client.get(path).content.decode()
    sizes = {"html": len(response.content)}
    fetched = _fetched(plain)
    others = [address for address in fetched if not _same_site(address)]
    assert not others, f"{path} asks another site for {others}"
    for address in fetched:
        if urlsplit(address).path.endswith((".css", ".js")):
            body, size = _static_gzipped(address)
            sizes[address] = size
            # A stylesheet's own requests (fonts, pictures) stay on the site too.
            for inner in re.findall(rb"url\(\s*['\"]?([^'\")]+)", body):
                assert not re.match(rb"(https?:)?//", inner), (address, inner)
    worker = re.search(r'data-worker="([^"]+)"', plain).group(1)
    sizes[worker] = len(client.get(worker, HTTP_ACCEPT_ENCODING="gzip").content)
    return sizes


def test_the_home_page_the_spaces_and_an_event_page_weigh_under_60_kb(client):
    call_command("load_demo", stdout=StringIO())
    pages = ["/vi/", "/vi/spaces/", _event_page(client)]
    pages += [page.replace("/vi/", "/en/", 1) for page in pages]
    report = {}
    for page in pages:
        sizes = _weigh(client, page)
        total = sum(sizes.values())
        report[page] = (total, sizes)
        assert total < BUDGET, f"{page} weighs {total} bytes compressed: {sizes}"
    print("\n".join(f"{page}: {total} B {sizes}" for page, (total, sizes) in report.items()))


def test_a_page_asking_another_site_for_something_is_caught():
    html = '<script src="https://cdn.example/x.js"></script><img src="/media/a.jpg" srcset="//evil/b.jpg 2x">'
    assert [a for a in _fetched(html) if not _same_site(a)] == [
        "https://cdn.example/x.js",
        "//evil/b.jpg",
    ]
    assert _same_site("http://testserver/static/css/site.css")
