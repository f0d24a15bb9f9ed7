"""The site-wide search: one box finds spaces, clubs, commitments and stories, typed without
diacritics, in either language, grouped by kind and highlighted."""

import datetime

import pytest
from django.db import connection  # noqa: F401 - read by the skipif condition

from apps.commitments.models import Commitment
from apps.core.search import make_query
from apps.core.search_views import excerpt, highlight
from apps.culture.models import Club
from apps.spaces.models import LearningSpace
from apps.stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(village):
    space = LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Co Phương",
        name_vi="Nhà Tri thức bản Co Phương",
        name_en="House of Wisdom, Co Phuong village",
        description_vi="Nơi đọc sách của bản.",
        description_en="The village's reading place.",
        area=village,
    )
    club = Club.objects.create(
        name="Câu lạc bộ văn hóa Thái bản Co Phương",
        name_vi="Câu lạc bộ văn hóa Thái bản Co Phương",
        name_en="Thai Cultural Club, Co Phuong village",
        area=village,
        teaches_xoe=True,
    )
    commitment = Commitment.objects.create(
        title="Dành 33,7% ngân sách cho giáo dục",
        title_vi="Dành 33,7% ngân sách cho giáo dục",
        title_en="33.7% of the budget to education",
        key_feature="resources",
        unit="percent",
        baseline_value=30,
        baseline_year=2020,
        target_value=34,
        target_year=2030,
    )
    story = Story.objects.create(
        title="Lễ hội Xòe của các câu lạc bộ văn hóa Thái",
        title_vi="Lễ hội Xòe của các câu lạc bộ văn hóa Thái",
        title_en="The Xòe festival of the Thai cultural clubs",
        lead_vi="Các câu lạc bộ múa sáu điệu xòe cổ.",
        lead_en="The clubs dance the six ancient Xòe dances.",
        body_vi="Nội dung.",
        body_en="Text.",
        published_on=datetime.date(2024, 12, 2),
    )
    return {"space": space, "club": club, "commitment": commitment, "story": story}


def test_a_search_typed_without_diacritics_finds_the_house_of_wisdom(client, content):
    response = client.get("/vi/search/?q=nha+tri+thuc+chieng+den")

    assert response.status_code == 200
    html = response.content.decode()
    assert content["space"].get_absolute_url() in html
    assert "<mark>Nhà</mark> <mark>Tri</mark> <mark>thức</mark>" in html


def test_le_hoi_xoe_finds_the_story_first(client, content):
    html = client.get("/vi/search/?q=le+hoi+xoe").content.decode()

    # The story's title starts with the words: its kind comes before the clubs.
    first_group = html[html.index('class="search-group"') :]
    first_group = first_group[: first_group.index("</section>")]
    assert content["story"].get_absolute_url() in first_group


def test_the_english_page_finds_vietnamese_words_and_shows_english_titles(client, content):
    html = client.get("/en/search/?q=giao+duc").content.decode()

    assert "33.7% of the budget to education" in html
    assert content["commitment"].get_absolute_url() in html


def test_capitals_and_the_stroked_d_are_folded(client, content):
    html = client.get("/en/search/?q=CHIỀNG+ĐEN").content.decode()

    assert content["space"].get_absolute_url() in html
    assert content["club"].get_absolute_url() in html


def test_results_are_grouped_by_kind_with_their_counts(client, content):
    html = client.get("/en/search/?q=co+phuong").content.decode()

    assert "Learning spaces (1)" in html
    assert "Thai cultural clubs (1)" in html
    assert "All (2)" in html


def test_one_kind_is_shown_alone_with_type(client, content):
    html = client.get("/en/search/?q=co+phuong&type=clubs").content.decode()

    assert content["club"].get_absolute_url() in html
    assert content["space"].get_absolute_url() not in html
    assert "Learning spaces (1)" in html  # its tab still says how many


def test_unpublished_content_is_never_found(client, content):
    Story.objects.filter(pk=content["story"].pk).update(is_published=False)
    LearningSpace.objects.filter(pk=content["space"].pk).update(is_published=False)

    html = client.get("/vi/search/?q=le+hoi+xoe").content.decode()
    assert content["story"].get_absolute_url() not in html
    html = client.get("/vi/search/?q=nha+tri+thuc").content.decode()
    assert content["space"].get_absolute_url() not in html


def test_a_story_dated_in_the_future_is_not_found_yet(client, content):
    Story.objects.filter(pk=content["story"].pk).update(published_on=datetime.date(2099, 1, 1))

    html = client.get("/vi/search/?q=le+hoi+xoe").content.decode()
    assert content["story"].get_absolute_url() not in html


@pytest.mark.parametrize("q", ["", "a", "đ", "   ", "%%%", "!?", "🙂"])
def test_an_empty_or_one_letter_query_gets_help(client, content, q):
    response = client.get("/vi/search/", {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "nha tri thuc chieng den" in html  # the examples
    assert 'class="search-results"' not in html


def test_the_help_is_in_english_on_the_english_page(client):
    html = client.get("/en/search/").content.decode()

    assert "You need not type the diacritics" in html


def test_nothing_found_says_so(client, content):
    html = client.get("/en/search/?q=zzzqqq").content.decode()

    assert "Nothing was found" in html


def test_the_header_of_every_page_has_the_search_box(client, content):
    for path in ("/vi/", "/en/spaces/", content["story"].get_absolute_url()):
        html = client.get(path).content.decode()
        assert 'action="/' + path.split("/")[1] + '/search/"' in html
        assert 'name="q" id="site-search-q"' in html


def test_highlighting_escapes_the_text_around_the_marks():
    words = make_query("xoe", "vi").words

    assert highlight("<b>Xòe</b> & “Xòe”", words) == (
        "&lt;b&gt;<mark>Xòe</mark>&lt;/b&gt; &amp; “<mark>Xòe</mark>”"
    )


def test_highlighting_marks_whole_words_before_word_starts():
    words = make_query("le", "en").words

    assert str(highlight("Lễ hội, learn", words)) == "<mark>Lễ</mark> hội, learn"
    assert str(highlight("learn", words)) == "<mark>le</mark>arn"


def test_a_long_summary_is_cut_around_the_first_match():
    text = "Một " * 100 + "Chiềng Đen " + "hai " * 100
    cut = excerpt(text, make_query("chieng den", "vi").words)

    assert "Chiềng Đen" in cut
    assert cut.startswith("… ")
    assert cut.endswith(" …")
    assert len(cut) < 260


def test_a_typo_still_finds_the_place(client, content):
    html = client.get("/vi/search/?q=chieng+dne").content.decode()

    assert content["space"].get_absolute_url() in html


def test_a_name_that_starts_with_the_words_comes_before_one_that_only_holds_them(client, village):
    for name in ("Tủ sách nhân ái tổ 2 Nhà Tri thức", "Nhà Tri thức bản Mé"):
        LearningSpace.objects.create(kind="house-of-wisdom", name=name, name_vi=name, area=village)

    html = client.get("/vi/search/?q=nha+tri+thuc&type=spaces").content.decode()

    assert html.index("bản Mé") < html.index("tổ 2")


def test_near_matches_are_shown_only_when_nothing_holds_every_word(client, content):
    near = client.get("/en/search/?q=chieng+dne").content.decode()
    exact = client.get("/en/search/?q=chieng+den").content.decode()

    assert "No page holds all these words" in near
    assert "No page holds all these words" not in exact


def _counting_vocabularies(monkeypatch):
    """The list of vocabularies built from now on (each build counts its words in a Counter)."""
    from collections import Counter

    from apps.core import search

    built = []

    class Counting(Counter):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(search, "Counter", Counting)
    return built


def test_a_first_typo_after_a_change_builds_the_vocabularies_in_the_request(
    client, content, monkeypatch
):
    built = _counting_vocabularies(monkeypatch)
    html = client.get("/vi/search/?q=chieng+dne").content.decode()
    assert content["space"].get_absolute_url() in html
    assert built  # without a worker, the visitor's request pays for them


def test_the_worker_builds_the_vocabularies_before_a_visitor_mistypes(client, content, monkeypatch):
    from apps.core.tasks import rebuild_published

    rebuild_published()  # what the worker runs after each change of public content
    built = _counting_vocabularies(monkeypatch)
    for language in ("vi", "en"):
        html = client.get(f"/{language}/search/?q=chieng+dne").content.decode()
        assert content["space"].get_absolute_url() in html
    assert built == []
