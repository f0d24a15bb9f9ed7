import pytest

from apps.core.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(make_space, make_area, commune, village):
    ward = make_area("Phường Tô Hiệu", Area.Kind.WARD, name_en="To Hieu Ward")
    group = make_area("Tổ 3", Area.Kind.GROUP, ward, "Residential group 3")
    other_village = make_area("Bản Đen", Area.Kind.VILLAGE, commune, "Den village")
    return {
        "house": make_space("Nhà Tri thức bản Co Phương", has_internet=True),
        "house2": make_space("Nhà Tri thức bản Đen", area=other_village),
        "library": make_space(
            "Tủ sách nhân ái tổ 3", area=group, kind="humane-library", book_count=300
        ),
        "ward": ward,
        "group": group,
    }


def names(response):
    return [s.name_vi for s in response.context["page_obj"]]


def test_area_filter_by_commune_includes_its_villages(client, city):
    response = client.get("/vi/spaces/", {"area": "xa-chieng-den"})
    assert sorted(names(response)) == ["Nhà Tri thức bản Co Phương", "Nhà Tri thức bản Đen"]


def test_area_filter_by_village(client, city, village):
    response = client.get("/vi/spaces/", {"area": village.slug})
    assert names(response) == ["Nhà Tri thức bản Co Phương"]


def test_kind_filter(client, city):
    response = client.get("/en/spaces/", {"kind": "humane-library"})
    assert names(response) == ["Tủ sách nhân ái tổ 3"]


@pytest.mark.parametrize(
    ("facility", "expected"),
    [("internet", ["Nhà Tri thức bản Co Phương"]), ("books", ["Tủ sách nhân ái tổ 3"])],
)
def test_facility_filter(client, city, facility, expected):
    assert names(client.get("/en/spaces/", {"facility": facility})) == expected


def test_filters_combine_with_search(client, city):
    response = client.get("/vi/spaces/", {"q": "nha tri thuc", "area": "phuong-to-hieu"})
    assert names(response) == []
    assert "Không có điểm học tập nào phù hợp" in response.content.decode()


def test_counts_per_area_in_the_area_choices(client, city, village):
    html = client.get("/en/spaces/").content.decode()
    assert "Chieng Den Commune (2)" in html
    assert "Co Phuong village (1)" in html
    assert "To Hieu Ward (1)" in html
    # The counts follow the other filters.
    html = client.get("/en/spaces/", {"kind": "humane-library"}).content.decode()
    assert "Chieng Den Commune (0)" in html


def test_unpublished_spaces_are_hidden(client, make_space):
    make_space("Nhà Tri thức chưa mở", is_published=False)
    assert names(client.get("/vi/spaces/")) == []
    assert client.get("/vi/spaces/nha-tri-thuc-chua-mo/").status_code == 404


def test_pagination_keeps_the_filters(client, make_space):
    for i in range(25):
        make_space(f"Nhà Tri thức số {i:02d}")
    response = client.get("/en/spaces/", {"kind": "house-of-wisdom"})
    html = response.content.decode()
    assert len(names(response)) == 20
    assert 'href="?kind=house-of-wisdom&amp;page=2"' in html
    assert "Page 1 of 2" in html
    response = client.get("/en/spaces/", {"kind": "house-of-wisdom", "page": "2"})
    assert len(names(response)) == 5
