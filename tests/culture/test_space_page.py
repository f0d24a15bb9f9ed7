"""A learning space's page lists the clubs that meet there (through core's related hook)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("vi", "Câu lạc bộ văn hóa Thái sinh hoạt tại đây"),
        ("en", "Thai cultural clubs that meet here"),
    ],
)
def test_a_space_page_lists_the_published_clubs_that_meet_there(
    client, make_club, space, lang, heading
):
    club = make_club(space=space)
    make_club(name="Câu lạc bộ chưa công bố", space=space, is_published=False)
    html = client.get(f"/{lang}/spaces/{space.slug}/").content.decode()
    assert heading in html
    assert club.get_absolute_url().replace("/vi/", f"/{lang}/") in html
    assert "chưa công bố" not in html


def test_a_space_where_no_club_meets_shows_no_club_section(client, space):
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert "Thai cultural clubs that meet here" not in html
