"""A count shown in English agrees with its noun: "1 learning space", "1 book", "2 books"."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "one", "link"),
    [("en", "1 learning space", "Show on the map"), ("vi", "1 điểm học tập", "Xem trên bản đồ")],
)
def test_a_single_result_reads_in_the_singular_with_a_map_link_that_fits(
    client, space, lang, one, link
):
    html = client.get(f"/{lang}/spaces/").content.decode()
    assert one in html
    assert link in html
    assert "1 learning spaces" not in html
    assert "See them" not in html


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [
        (1, "en", "1 book<"),
        (2, "en", "2 books<"),
        (1, "vi", "1 cuốn sách<"),
        (1200, "en", "1,200 books<"),
    ],
)
def test_the_book_count_agrees_with_its_number(client, make_space, count, lang, text):
    space = make_space(name_en="House of Wisdom", book_count=count)
    html = client.get(f"/{lang}/spaces/{space.slug}/").content.decode()
    assert text in html


@pytest.mark.parametrize(
    ("lang", "text"), [("en", ">1 space</a>"), ("vi", ">Danh sách 1 điểm học tập</a>")]
)
def test_the_home_page_link_to_a_single_space_is_in_the_singular(client, space, lang, text):
    html = client.get(f"/{lang}/").content.decode()
    assert text in html
