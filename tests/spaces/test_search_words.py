"""Residents search by what a space offers, in either language: "thu vien", "library", "wifi"."""

import pytest

from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(make_space):
    return {
        "shelf": make_space("Tủ sách nhân ái tổ 3", kind="humane-library"),
        "books": make_space("Nhà Tri thức bản Hài", book_count=400),
        "wifi": make_space("Nhà Tri thức bản Bó", has_internet=True),
        "hall": make_space(
            "Trung tâm học tập cộng đồng", kind="learning-centre", has_meeting_hall=True
        ),
    }


def found(query):
    return sorted(LearningSpace.objects.search(query).values_list("name_vi", flat=True))


@pytest.mark.parametrize("query", ["thu vien", "thư viện", "library", "Library"])
def test_library_in_either_language_finds_libraries_and_spaces_with_books(spaces, query):
    assert found(query) == ["Nhà Tri thức bản Hài", "Tủ sách nhân ái tổ 3"]


@pytest.mark.parametrize("query", ["wifi", "Wi-Fi", "wi fi", "internet"])
def test_wifi_finds_the_spaces_with_internet(spaces, query):
    assert found(query) == ["Nhà Tri thức bản Bó"]


@pytest.mark.parametrize("query", ["hoi truong", "meeting hall", "trung tam hoc tap"])
def test_facility_and_kind_labels_are_searched_in_both_languages(spaces, query):
    assert found(query) == ["Trung tâm học tập cộng đồng"]


def test_a_new_facility_is_found_once_saved(spaces):
    shelf = spaces["shelf"]
    assert "Tủ sách nhân ái tổ 3" not in found("wifi")
    shelf.has_internet = True
    shelf.save()
    assert "Tủ sách nhân ái tổ 3" in found("wifi")


@pytest.mark.parametrize(
    ("lang", "query", "text"),
    [
        ("vi", "thu vien", "Tủ sách nhân ái tổ 3"),
        ("en", "library", "Tủ sách nhân ái tổ 3"),
        ("vi", "wifi", "Nhà Tri thức bản Bó"),
        ("en", "wifi", "Nhà Tri thức bản Bó"),
    ],
)
def test_the_list_page_finds_them_in_both_languages(client, spaces, lang, query, text):
    response = client.get(f"/{lang}/spaces/", {"q": query})
    shown = [space.name_vi for space in response.context["page_obj"]]
    assert text in shown
    assert "Trung tâm học tập cộng đồng" not in shown
    assert text in response.content.decode()


def test_punctuation_alone_finds_nothing(spaces):
    assert found("-") == []
    assert found("%") == []
