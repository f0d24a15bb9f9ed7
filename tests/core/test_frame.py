"""The page frame (header, footer) kept by the process (``{% frame_include %}``): one per
address, language and sign-in state, never another page's nor another person's."""

import pytest

pytestmark = pytest.mark.django_db


def header(client, url):
    html = client.get(url).content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_each_page_keeps_its_own_language_switch_and_current_link(client):
    about = header(client, "/en/about/")
    spaces = header(client, "/en/spaces/")
    assert 'href="/lang/vi/?next=/vi/about/"' in about
    assert 'href="/lang/vi/?next=/vi/spaces/"' in spaces
    assert '<a href="/en/spaces/" aria-current="page">' in spaces
    assert 'aria-current="page"' not in about.replace('href="/en/about/" aria-current', "")
    # Asked again: each gets its own kept frame.
    assert header(client, "/en/about/") == about
    assert header(client, "/en/spaces/") == spaces


def test_the_query_string_is_part_of_what_the_frame_is_kept_for(client):
    first = header(client, "/en/spaces/?kind=house-of-wisdom")
    second = header(client, "/en/spaces/?kind=humane-library")
    assert "next=/vi/spaces/%3Fkind%3Dhouse-of-wisdom" in first
    assert "next=/vi/spaces/%3Fkind%3Dhumane-library" in second
    assert "house-of-wisdom" not in second


def test_a_signed_in_person_gets_the_workspace_link_an_anonymous_visitor_does_not(client, official):
    assert "/en/workspace/" not in header(client, "/en/about/")
    client.force_login(official)
    assert "/en/workspace/" in header(client, "/en/about/")
    client.logout()
    assert "/en/workspace/" not in header(client, "/en/about/")


def test_each_language_keeps_its_own_frame(client):
    vi = header(client, "/vi/about/")
    en = header(client, "/en/about/")
    assert 'href="/lang/en/?next=/en/about/"' in vi
    assert 'href="/lang/vi/?next=/vi/about/"' in en
    assert "Son La Learning City" in en
    assert "Son La Learning City" not in vi
