"""Absolute links (hreflang, robots.txt) and the language switch on the sign-in page."""

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def _alternates(html):
    return [line for line in html.splitlines() if 'rel="alternate" hreflang=' in line]


def test_without_site_url_links_use_the_address_the_page_was_opened_at(client, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    html = client.get("/en/about/", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert '<link rel="alternate" hreflang="vi" href="http://127.0.0.1:8123/vi/about/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8123/en/about/">' in html
    assert 'hreflang="x-default" href="http://127.0.0.1:8123/vi/about/"' in html
    assert ":8000" not in "".join(_alternates(html))
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert "Sitemap: http://127.0.0.1:8123/sitemap.xml" in robots


def test_behind_https_the_links_say_https(client, settings):
    settings.SITE_URL = ""
    html = client.get("/vi/about/", secure=True).content.decode()
    assert 'hreflang="en" href="https://testserver/en/about/"' in html


def test_site_url_when_set_wins_over_the_request(client, settings):
    settings.SITE_URL = "https://hoctap.example.vn/"
    html = client.get("/vi/about/", HTTP_HOST="127.0.0.1:8123").content.decode()
    assert 'hreflang="en" href="https://hoctap.example.vn/en/about/"' in html
    assert "127.0.0.1:8123" not in "".join(_alternates(html))
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://hoctap.example.vn/sitemap.xml" in robots


@pytest.mark.parametrize("path", ["/en/about/", "/robots.txt", "/vi/sitemap/"])
def test_a_host_not_allowed_gets_a_400_and_never_a_link_to_it(client, settings, path):
    settings.SITE_URL = ""
    response = client.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"evil.example" not in response.content


def test_the_sign_in_language_switch_translates_the_next_address(client):
    html = client.get("/vi/accounts/login/?next=/vi/workspace/").content.decode()
    assert 'href="/lang/en/?next=/en/accounts/login/%3Fnext%3D/en/workspace/"' in html
    response = client.get("/lang/en/", {"next": "/en/accounts/login/?next=/en/workspace/"})
    assert response["Location"] == "/en/accounts/login/?next=/en/workspace/"


def test_the_switch_back_to_vietnamese_translates_next_too(client):
    html = client.get("/en/accounts/login/?next=/en/commitments/").content.decode()
    assert 'href="/lang/vi/?next=/vi/accounts/login/%3Fnext%3D/vi/commitments/"' in html


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_next_address_off_the_site_is_dropped_from_the_switch_never_passed_on(client, target):
    html = client.get("/vi/accounts/login/", {"next": target}).content.decode()
    switch = html.split('class="lang-switch"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/lang/en/?next=/en/accounts/login/"' in switch
    assert "evil" not in switch
    assert "javascript" not in switch


def test_other_parameters_of_the_page_are_kept_by_the_switch(client):
    html = client.get("/vi/accounts/login/?next=/vi/workspace/&x=1").content.decode()
    assert "next%3D/en/workspace/%26x%3D1" in html


def test_the_sign_in_page_still_refuses_an_unsafe_next_after_the_switch(client, official):
    response = client.post(
        "/en/accounts/login/?next=//evil.example",
        {"username": official.username, "password": "pass-word-123"},
    )
    assert "evil.example" not in response.get("Location", "")
    assert django_settings.LANGUAGE_CODE == "vi"
