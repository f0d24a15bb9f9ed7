"""Spaces come in Vietnamese alphabetical order, and a search puts the closest match first."""

import pytest

from apps.core.models import Area

pytestmark = pytest.mark.django_db

# In character-code order the database gave "Buổn, Bó, Bó Cón, Bó Ẩn, … Huổi Cang, Hài".
VIETNAMESE_ORDER = [
    "Tủ sách bản Bó",
    "Tủ sách bản Bó Ẩn",
    "Tủ sách bản Bó Cón",
    "Tủ sách bản Buổn",
    "Tủ sách bản Đen",
    "Tủ sách bản Hài",
    "Tủ sách bản Huổi Cang",
    "Tủ sách bản Ơn",
    "Tủ sách bản Ưng",
]


def names(response):
    return [space.name_vi for space in response.context["page_obj"]]


@pytest.fixture
def shelves(make_space):
    for name in ["Tủ sách bản Ưng", *reversed(VIETNAMESE_ORDER[:-1])]:
        make_space(name, kind="humane-library")


def test_the_list_is_in_vietnamese_alphabetical_order(client, shelves):
    assert names(client.get("/vi/spaces/")) == VIETNAMESE_ORDER


def test_the_same_order_on_either_database(client, shelves):
    # One Python key on SQLite and PostgreSQL alike (run this file on both): the database's
    # own order of these names is by character codes on one and by its locale on the other.
    assert names(client.get("/en/spaces/")) == VIETNAMESE_ORDER
    assert names(client.get("/vi/spaces/map/")) == VIETNAMESE_ORDER


def test_pages_follow_the_order(client, make_space, settings):
    for i in range(25):
        make_space(f"Nhà Tri thức tổ {i + 1}")
    first = names(client.get("/vi/spaces/"))
    second = names(client.get("/vi/spaces/", {"page": 2}))
    assert first[:3] == ["Nhà Tri thức tổ 1", "Nhà Tri thức tổ 2", "Nhà Tri thức tổ 3"]
    assert second == [f"Nhà Tri thức tổ {i}" for i in range(21, 26)]


def test_the_area_choices_are_in_vietnamese_order(client, make_space, make_area, commune):
    for name in ["Bản Hài", "Bản Buổn", "Bản Bó Cón", "Bản Bó Ẩn", "Bản Bó"]:
        make_space(f"Nhà Tri thức {name}", area=make_area(name, Area.Kind.VILLAGE, commune))
    html = client.get("/vi/spaces/").content.decode()
    positions = [html.index(f"– {name} (1)") for name in ["Bản Bó", "Bản Bó Ẩn", "Bản Bó Cón"]]
    positions += [html.index(f"– {name} (1)") for name in ["Bản Buổn", "Bản Hài"]]
    assert positions == sorted(positions)


@pytest.fixture
def den(make_space, make_area, commune):
    """Eleven spaces that "ban den" finds, as in the issue: one is named after bản Đen."""
    for i in range(9):
        make_space(f"Nhà Tri thức bản {chr(ord('A') + i)}")  # in Xã Chiềng Đen: "den" matches
    village = make_area("Bản Đen", Area.Kind.VILLAGE, commune, "Den village")
    make_space("Tủ sách bản Đen Mới", area=village, kind="humane-library")
    return make_space("Nhà Tri thức bản Đen", area=village, name_en="House of Wisdom, Den village")


def test_ban_den_lists_the_exact_match_first(client, den):
    response = client.get("/vi/spaces/", {"q": "ban den"})
    found = names(response)
    assert len(found) == 11
    assert found[:2] == ["Nhà Tri thức bản Đen", "Tủ sách bản Đen Mới"]
    assert found[2:] == [f"Nhà Tri thức bản {chr(ord('A') + i)}" for i in range(9)]


def test_an_exact_name_comes_before_names_that_start_with_it(client, make_space):
    make_space("Nhà Tri thức bản Đen Mới")
    make_space("Nhà Tri thức bản Đen")
    make_space("Thư viện Nhà Tri thức bản Đen")
    found = names(client.get("/en/spaces/", {"q": "nha tri thuc ban den"}))
    assert found == [
        "Nhà Tri thức bản Đen",
        "Nhà Tri thức bản Đen Mới",
        "Thư viện Nhà Tri thức bản Đen",
    ]


def test_the_english_name_counts_for_the_ranking_too(client, den):
    found = names(client.get("/en/spaces/", {"q": "house of wisdom den village"}))
    assert found[0] == "Nhà Tri thức bản Đen"


def test_the_village_drop_down_and_the_results_say_the_same_in_english(client, den):
    html = client.get("/en/spaces/", {"q": "ban den"}).content.decode()
    assert "11 learning spaces" in html
    assert html.index("House of Wisdom, Den village") < html.index("Tủ sách bản Đen Mới")
