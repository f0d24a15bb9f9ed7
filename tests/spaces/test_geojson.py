import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "name", "kind"),
    [
        ("vi", "Nhà Tri thức bản Co Phương", "Nhà Tri thức"),
        ("en", "House of Wisdom, Co Phuong village", "House of Wisdom"),
    ],
)
def test_geojson_is_a_feature_collection_in_the_pages_language(client, space, lang, name, kind):
    response = client.get(f"/{lang}/spaces.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.getvalue())
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [103.852349, 21.354638]}
    assert feature["properties"] == {
        "name": name,
        "kind": "house-of-wisdom",
        "kind_label": kind,
        "url": f"/{lang}/spaces/{space.slug}/",
    }


def test_english_name_falls_back_to_vietnamese(client, make_space):
    make_space("Tủ sách nhân ái bản Đen", kind="humane-library")
    [feature] = json.loads(client.get("/en/spaces.geojson").getvalue())["features"]
    assert feature["properties"]["name"] == "Tủ sách nhân ái bản Đen"


def test_spaces_without_location_or_unpublished_are_left_out(client, space, make_space):
    make_space("Chưa có tọa độ", latitude=None, longitude=None)
    make_space("Chưa công bố", is_published=False)
    assert len(json.loads(client.get("/vi/spaces.geojson").getvalue())["features"]) == 1
