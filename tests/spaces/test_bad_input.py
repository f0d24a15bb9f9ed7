import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"area": "no-such-place"}, "There is no ward, commune or village with that name"),
        ({"area": "<script>x</script>"}, "There is no ward, commune or village with that name"),
        ({"area": "a" * 5000}, "There is no ward, commune or village with that name"),
        ({"kind": "castle"}, "There is no such kind of learning space"),
        ({"facility": "swimming-pool"}, "There is no such facility"),
        ({"open": "tomorrow"}, "only accepts"),
        ({"q": "x" * 10_000}, "only its first 100 characters were used"),
    ],
)
def test_bad_filters_get_a_clear_message_and_the_list(client, space, params, message):
    response = client.get("/en/spaces/", params)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<script>x</script>" not in html


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "1.5", "9" * 400])
def test_any_page_number_shows_a_page(client, space, page):
    response = client.get("/vi/spaces/", {"page": page})
    assert response.status_code == 200
    assert "Nhà Tri thức bản Co Phương" in response.content.decode()


def test_nul_and_control_characters_in_the_query(client, space):
    response = client.get("/en/spaces/?q=co%00phuong%0b")
    assert response.status_code == 200


def test_repeated_parameters_use_the_last_one(client, space):
    response = client.get("/en/spaces/?kind=castle&kind=house-of-wisdom")
    assert response.status_code == 200
    assert "House of Wisdom, Co Phuong village" in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"), [("vi", "Không tìm thấy trang"), ("en", "Page not found")]
)
def test_unknown_space_is_a_404_in_the_visitors_language(client, lang, text):
    response = client.get(f"/{lang}/spaces/no-such-space/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_map_page_and_geojson_with_bad_page(client, space):
    assert client.get("/en/spaces/map/", {"page": "zzz"}).status_code == 200
    assert client.get("/en/spaces.geojson", {"page": "zzz"}).status_code == 200
