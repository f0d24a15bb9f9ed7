"""An address known to serve a published file is answered by the page cache's layer, without
the layers below it: the same file, the same headers, still following every change."""

import json

import pytest

from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(village):
    return LearningSpace.objects.create(
        name="Nhà Tri thức bản Hài",
        name_vi="Nhà Tri thức bản Hài",
        name_en="House of Wisdom, Hai village",
        area=village,
        latitude="21.32",
        longitude="103.91",
    )


def headers(response):
    return {k: v for k, v in response.items() if k not in ("Date", "Expires")}


def test_the_file_and_its_headers_are_the_same_once_its_address_is_known(client, space):
    first = client.get("/en/spaces.geojson", HTTP_ACCEPT_ENCODING="gzip")
    second = client.get("/en/spaces.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert second.status_code == 200
    assert second.getvalue() == first.getvalue()
    assert headers(second) == headers(first)
    assert second["Content-Encoding"] == "gzip"
    assert second["Content-Language"] == "en"
    # The first went down to the view; the second was answered before URLs were resolved.
    assert first.wsgi_request.resolver_match is not None
    assert getattr(second.wsgi_request, "resolver_match", None) is None


def test_each_language_keeps_its_own_file(client, space):
    for _ in range(2):
        vi = json.loads(client.get("/vi/spaces.geojson").getvalue())
        en = json.loads(client.get("/en/spaces.geojson").getvalue())
        assert vi["features"][0]["properties"]["name"] == "Nhà Tri thức bản Hài"
        assert en["features"][0]["properties"]["name"] == "House of Wisdom, Hai village"


def test_a_change_is_served_through_the_known_address_too(client, space):
    client.get("/en/spaces.geojson")
    client.get("/en/spaces.geojson")
    space.name_en = "House of Wisdom, renamed"
    space.save()
    feature = json.loads(client.get("/en/spaces.geojson").getvalue())["features"][0]
    assert feature["properties"]["name"] == "House of Wisdom, renamed"


def test_a_known_file_still_answers_304_to_a_browser_that_holds_it(client, space):
    etag = client.get("/en/spaces.geojson")["ETag"]
    client.get("/en/spaces.geojson")
    assert client.get("/en/spaces.geojson", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_with_a_query_string_the_view_answers(client, space):
    client.get("/en/spaces.geojson")
    client.get("/en/spaces.geojson")
    body = json.loads(client.get("/en/spaces.geojson?zoom=12").getvalue())
    assert "total" in body  # the map's clustered feed, not the file


def test_a_signed_in_person_is_answered_by_the_view(client, space, official):
    anonymous = client.get("/en/spaces.geojson")
    client.get("/en/spaces.geojson")
    client.force_login(official)
    response = client.get("/en/spaces.geojson")
    assert response.status_code == 200
    assert response.getvalue() == anonymous.getvalue()
