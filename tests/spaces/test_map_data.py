"""The map asks for what it shows: the list's filters, the visible area and the zoom, nearby
spaces grouped into clusters, each space shown alone saying whether it is open now."""

import json

import pytest
from django.utils import timezone

from apps.core.models import Area
from apps.spaces import geo
from apps.spaces.models import LearningSpace

from .conftest import city_time
from .test_query_counts import add_spaces

pytestmark = pytest.mark.django_db
WEDNESDAY_EVENING = city_time(2024, 10, 2, 18, 0)
EVENINGS = [(d, "17:00", "21:00") for d in range(7)]
CITY = "103.80,21.20,104.05,21.45"


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_EVENING)


@pytest.fixture
def two_villages(make_space, make_area, commune, village):
    """Three spaces in Co Phương (close together), two far north in Bản Đen."""
    den = make_area("Bản Đen", Area.Kind.VILLAGE, commune, "Den village")
    return {
        "open": make_space(
            "Nhà Tri thức bản Co Phương",
            hours=EVENINGS,
            latitude="21.300000",
            longitude="103.900000",
        ),
        "closed": make_space(
            "Tủ sách bản Co Phương",
            kind="humane-library",
            hours=[(0, "07:00", "09:00")],
            latitude="21.300300",
            longitude="103.900300",
        ),
        "third": make_space(
            "Tủ sách tổ Co Phương",
            kind="humane-library",
            latitude="21.300600",
            longitude="103.900600",
        ),
        "den1": make_space(
            "Nhà Tri thức bản Đen",
            area=den,
            has_internet=True,
            latitude="21.400000",
            longitude="104.000000",
        ),
        "den2": make_space(
            "Tủ sách bản Đen",
            area=den,
            kind="humane-library",
            latitude="21.400200",
            longitude="104.000200",
        ),
    }


def get(client, params, lang="en"):
    return client.get(f"/{lang}/spaces.geojson", params)


def counted(collection):
    return sum(
        f["properties"]["count"] if f["properties"].get("cluster") else 1
        for f in collection["features"]
    )


def test_without_parameters_the_feed_is_every_space_as_before(client, two_villages):
    data = json.loads(client.get("/en/spaces.geojson").getvalue())
    assert len(data["features"]) == 5
    assert "total" not in data
    assert all("cluster" not in f["properties"] for f in data["features"])


def test_at_city_zoom_nearby_spaces_come_as_clusters_that_add_up(client, two_villages, clock):
    data = get(client, {"zoom": "12"}).json()
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    assert {c["properties"]["count"] for c in clusters} == {3, 2}
    assert counted(data) == data["total"] == 5
    [three] = [c for c in clusters if c["properties"]["count"] == 3]
    assert three["properties"]["bounds"] == [103.9, 21.3, 103.9006, 21.3006]
    # The whole selection's extent, to frame the map on it.
    assert data["bbox"] == [103.9, 21.3, 104.0002, 21.4002]


def test_zoomed_in_each_space_comes_alone_and_says_whether_it_is_open(client, two_villages, clock):
    data = get(client, {"zoom": "19", "bbox": "103.899,21.299,103.901,21.301"}).json()
    props = {f["properties"]["name"]: f["properties"] for f in data["features"]}
    assert set(props) == {
        "Nhà Tri thức bản Co Phương",
        "Tủ sách bản Co Phương",
        "Tủ sách tổ Co Phương",
    }
    assert props["Nhà Tri thức bản Co Phương"]["open"] is True
    assert props["Nhà Tri thức bản Co Phương"]["status"] == "Open now, until 21:00"
    assert props["Tủ sách bản Co Phương"]["open"] is False
    assert props["Tủ sách bản Co Phương"]["status"] == "Closed now, opens Monday at 07:00"
    assert props["Tủ sách tổ Co Phương"]["status"] == "No opening hours published"
    vi = get(client, {"zoom": "19", "bbox": "103.899,21.299,103.901,21.301"}, "vi").json()
    statuses = {f["properties"]["status"] for f in vi["features"]}
    assert "Đang mở cửa, đến 21:00" in statuses


def test_the_visible_area_leaves_out_what_is_elsewhere(client, two_villages, clock):
    data = get(client, {"zoom": "14", "bbox": "103.99,21.39,104.01,21.41"}).json()
    assert data["total"] == 2
    assert counted(data) == 2


@pytest.mark.parametrize(
    ("params", "names"),
    [
        (
            {"kind": "humane-library"},
            {"Tủ sách bản Co Phương", "Tủ sách tổ Co Phương", "Tủ sách bản Đen"},
        ),
        ({"facility": "internet"}, {"Nhà Tri thức bản Đen"}),
        ({"q": "tu sach"}, {"Tủ sách bản Co Phương", "Tủ sách tổ Co Phương", "Tủ sách bản Đen"}),
        ({"open": "now"}, {"Nhà Tri thức bản Co Phương"}),
        ({"area": "ban-den-xa-chieng-den"}, {"Nhà Tri thức bản Đen", "Tủ sách bản Đen"}),
    ],
)
def test_the_lists_filters_apply_to_the_map(client, two_villages, clock, params, names):
    data = get(
        client,
        {
            **params,
            "zoom": "19",
            "bbox": CITY.replace("103.80", "103.89")
            .replace("21.20", "21.29")
            .replace("104.05", "104.01")
            .replace("21.45", "21.41"),
        },
    )
    assert data.status_code == 400  # at zoom 19 the whole city is no map view
    data = get(client, {**params, "zoom": "17"}).json()
    assert {f["properties"]["name"] for f in data["features"]} == names
    assert data["total"] == len(names)


def test_cluster_counts_add_up_to_the_filtered_total_at_every_zoom(client, village):
    add_spaces(300, village)
    spaces = LearningSpace.objects.all()
    for i, space in enumerate(spaces):
        space.latitude = f"{21.2 + (i % 20) * 0.01:.6f}"
        space.longitude = f"{103.8 + (i // 20) * 0.01:.6f}"
    LearningSpace.objects.bulk_update(spaces, ["latitude", "longitude"])
    for zoom in (0, 5, 10, 12, 14, 16, 18):
        data = get(client, {"zoom": str(zoom), "q": "so 1"}).json()
        assert counted(data) == data["total"] == LearningSpace.objects.search("so 1").count()
        assert len(data["features"]) <= geo.MAX_FEATURES


def test_a_response_never_carries_thousands_of_points(client, village, settings):
    settings.PAGE_CACHE_SECONDS = 0
    spaces = add_spaces(1500, village)
    # 1,500 spaces some ten metres apart: at zoom 17 each would stand alone.
    for i, space in enumerate(spaces):
        space.latitude = f"{21.3 + (i % 40) * 0.0001:.6f}"
        space.longitude = f"{103.9 + (i // 40) * 0.0001:.6f}"
    LearningSpace.objects.bulk_update(spaces, ["latitude", "longitude"])
    data = get(client, {"zoom": "17", "bbox": "103.899,21.299,103.905,21.305"}).json()
    assert len(data["features"]) <= geo.MAX_FEATURES
    assert counted(data) == data["total"] == 1500
    # All at one place: one cluster, even at the deepest zoom.
    LearningSpace.objects.update(latitude="21.300000", longitude="103.900000")
    data = get(client, {"zoom": "19", "bbox": "103.899,21.299,103.901,21.301"}).json()
    assert len(data["features"]) == 1
    assert counted(data) == 1500


BAD = [
    ({"bbox": ""}, "four numbers"),
    ({"bbox": "1,2,3"}, "four numbers"),
    ({"bbox": "a,b,c,d"}, "four numbers"),
    ({"bbox": "nan,21,104,22"}, "four numbers"),
    ({"bbox": "inf,21,104,22"}, "four numbers"),
    ({"bbox": "1e999,21,104,22"}, "four numbers"),
    ({"bbox": "1," * 5000}, "four numbers"),
    ({"bbox": "104,21,103,22"}, "west before east"),
    ({"bbox": "103,22,104,21"}, "west before east"),
    ({"bbox": "-200,21,104,22"}, "west before east"),
    ({"bbox": "103,-95,104,22"}, "west before east"),
    ({"bbox": "-180,-90,180,90", "zoom": "15"}, "too large"),
    ({"bbox": "<script>alert(1)</script>"}, "four numbers"),
    ({"zoom": ""}, "zoom level"),
    ({"zoom": "20"}, "zoom level"),
    ({"zoom": "-1"}, "zoom level"),
    ({"zoom": "1.5"}, "zoom level"),
    ({"zoom": "9" * 400}, "zoom level"),
    ({"zoom": "١٢"}, "zoom level"),  # Arabic-Indic digits
    ({"kind": "castle"}, "Kind"),
    ({"facility": "pool"}, "Facility"),
    ({"open": "tomorrow"}, "Open"),
    ({"area": "nowhere"}, "Ward, commune or village"),
    ({"area": "x" * 5000}, "Ward, commune or village"),
    ({"q": "x" * 101}, "at most 100 characters"),
]


@pytest.mark.parametrize(("params", "message"), BAD)
def test_bad_values_get_a_400_with_a_clear_message(client, two_villages, params, message):
    response = get(client, {"zoom": "12", **params})
    assert response.status_code == 400
    body = response.json()
    assert any(message in error for error in body["errors"])
    assert "<script>" not in json.dumps(body)


def test_the_message_is_in_the_visitors_language(client, two_villages):
    response = get(client, {"bbox": "1,2,3", "zoom": "40"}, "vi")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any("Mức thu phóng" in error for error in errors)
    assert any("Vùng bản đồ" in error for error in errors)


def test_only_a_fully_understood_request_is_kept_by_the_page_cache(client, two_villages):
    get(client, {"zoom": "12", "x": "1"})
    assert "X-Page-Cache" not in get(client, {"zoom": "12", "x": "1"})
    assert "X-Page-Cache" not in get(client, {"zoom": "99"})
    get(client, {"zoom": "12", "kind": "humane-library"})
    assert get(client, {"zoom": "12", "kind": "humane-library"})["X-Page-Cache"] == "hit"


def test_queries_stay_the_same_for_ten_or_two_thousand_spaces(
    client, village, settings, django_assert_max_num_queries
):
    from apps.core import pagecache

    settings.PAGE_CACHE_SECONDS = 0
    urls = [
        "/en/spaces.geojson?zoom=12",
        "/en/spaces.geojson?zoom=16&bbox=103.89,21.29,103.91,21.31&kind=house-of-wisdom",
        "/vi/spaces.geojson?zoom=12&q=nha+tri+thuc&open=now&area=" + village.slug,
        "/vi/spaces/map/?kind=house-of-wisdom&q=so",
    ]
    add_spaces(10, village)
    small = {}
    for url in urls:
        pagecache.bump()
        with django_assert_max_num_queries(10) as captured:
            assert client.get(url).status_code == 200
        small[url] = len(captured)
    add_spaces(1990, village, start=10)
    for url in urls:
        pagecache.bump()
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200
