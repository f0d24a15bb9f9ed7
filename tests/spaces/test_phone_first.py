"""What a resident on a phone needs comes first: the search on the home page, the spaces first
in the navigation, the results before the less used filters."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "title", "nav"),
    [
        ("vi", "Tìm Nhà Tri thức, tủ sách", "Điểm học tập"),
        ("en", "Find a House of Wisdom or library", "Learning spaces"),
    ],
)
def test_the_home_page_opens_with_the_search_for_a_space(client, space, lang, title, nav):
    html = client.get(f"/{lang}/").content.decode()
    assert title in html
    assert html.index('id="home-space-q"') < html.index('id="figures-title"')
    assert f'href="/{lang}/spaces/?open=now"' in html
    menu = html[html.index('class="wrap main-nav"') :]
    assert menu.index(f">{nav}</a>") < menu.index(f'href="/{lang}/commitments/"')


@pytest.mark.parametrize(("lang", "summary"), [("vi", "Lọc thêm"), ("en", "More filters")])
def test_the_less_used_filters_are_folded_until_one_is_chosen(client, space, lang, summary):
    html = client.get(f"/{lang}/spaces/", {"q": "co phuong"}).content.decode()
    assert f"<summary>{summary}" in html
    assert '<details class="more-filters">' in html  # folded: the results come first
    assert 'id="id_q"' in html
    html = client.get(f"/{lang}/spaces/", {"kind": "house-of-wisdom"}).content.decode()
    assert '<details class="more-filters" open>' in html  # a chosen filter is shown


@pytest.mark.parametrize(("lang", "text"), [("vi", "Xem trên bản đồ"), ("en", "Show on the map")])
def test_show_on_map_keeps_the_filters(client, space, lang, text):
    html = client.get(
        f"/{lang}/spaces/", {"q": "co phuong", "kind": "house-of-wisdom"}
    ).content.decode()
    assert f'href="/{lang}/spaces/map/?q=co+phuong&amp;kind=house-of-wisdom">{text}' in html
    page = client.get(f"/{lang}/spaces/map/", {"q": "co phuong", "kind": "house-of-wisdom"})
    html = page.content.decode()
    assert f'data-geojson="/{lang}/spaces.geojson?q=co+phuong&amp;kind=house-of-wisdom"' in html
    assert f'href="/{lang}/spaces/{space.slug}/"' in html
    empty = client.get(f"/{lang}/spaces/map/", {"q": "nowhere at all"}).content.decode()
    assert f'href="/{lang}/spaces/{space.slug}/"' not in empty


def test_only_the_list_may_ask_for_the_location_and_only_its_own_page(client, space, settings):
    settings.PAGE_CACHE_HEADER = True
    for _ in range(2):  # built, then from the page cache
        policy = client.get("/vi/spaces/")["Permissions-Policy"]
        assert "geolocation=(self)" in policy
        assert "camera=()" in policy
    assert "geolocation=()" in client.get(f"/vi/spaces/{space.slug}/")["Permissions-Policy"]
    assert "geolocation=()" in client.get("/vi/spaces/map/")["Permissions-Policy"]
