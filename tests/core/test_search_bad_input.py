"""Hostile or odd search input gets a clear answer, never a server error."""

import pytest

from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(village):
    return LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Co Phương",
        name_vi="Nhà Tri thức bản Co Phương",
        name_en="House of Wisdom, Co Phuong village",
        area=village,
    )


HOSTILE = [
    "x" * 10_000,
    "!!!???...",
    "' OR 1=1 --",
    "%' UNION SELECT password FROM auth_user --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "ꪹꪎꪷꪙꪨꪱ",
    "🙂🙂 xòe 🎉",
    "nhà\u202etri\x00thức",
    "_%_",
    "\\",
]


@pytest.mark.parametrize("q", HOSTILE)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_hostile_queries_get_an_answer(client, space, q, language):
    response = client.get(f"/{language}/search/", {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_html_is_matched_as_text_and_shown_escaped(client, space):
    html = client.get("/en/search/", {"q": "<b>co phuong</b>"}).content.decode()

    assert "&lt;b&gt;co phuong&lt;/b&gt;" in html
    assert space.get_absolute_url() in html  # "b", "co", "phuong" all start words of it


def test_sql_is_searched_as_words(client, space):
    response = client.get("/en/search/", {"q": "' OR 1=1 --"})

    assert space.get_absolute_url() not in response.content.decode()


def test_a_very_long_query_is_cut_and_said_so(client, space):
    response = client.get("/en/search/", {"q": "co phuong " + "x" * 10_000})

    assert response.status_code == 200
    assert "only its first 100 characters were used" in response.content.decode()


def test_a_vietnamese_visitor_is_told_in_vietnamese(client, space):
    html = client.get("/vi/search/", {"q": "x" * 500}).content.decode()

    assert "100" in html
    assert "only its first" not in html


def test_an_unknown_type_shows_every_kind_and_says_so(client, space):
    response = client.get("/en/search/", {"q": "co phuong", "type": "nonsense"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no such kind of result" in html
    assert space.get_absolute_url() in html


@pytest.mark.parametrize("page", ["99999", "0", "-1", "abc", "1e5", "9" * 50, "１"])
def test_an_odd_page_number_lands_on_a_real_page(client, space, page):
    response = client.get("/en/search/", {"q": "co phuong", "type": "spaces", "page": page})

    assert response.status_code == 200
    assert space.get_absolute_url() in response.content.decode()


def test_a_page_past_the_end_says_the_last_page_is_shown(client, space):
    html = client.get("/en/search/", {"q": "co", "type": "spaces", "page": "7"}).content.decode()

    assert "There is no page 7" in html


@pytest.mark.parametrize("param", ["q", "type", "page"])
def test_repeated_or_array_parameters_get_an_answer(client, space, param):
    response = client.get(f"/en/search/?q=co&{param}=1&{param}=2&{param}[]=x")

    assert response.status_code == 200
