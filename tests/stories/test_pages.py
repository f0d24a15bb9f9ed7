"""The stories list and a story's page, in both languages."""

import datetime

import pytest

from apps.stories.models import Story

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_stories_latest_first_in_both_languages(client, make_story):
    make_story(
        "Tuần lễ học tập suốt đời 2024",
        title_en="Lifelong Learning Week 2024",
        published_on=datetime.date(2024, 10, 7),
    )
    make_story(
        "Sơn La đón nhận danh hiệu",
        title_en="Son La receives the title",
        published_on=datetime.date(2024, 3, 20),
    )

    vi = client.get("/vi/stories/").content.decode()
    en = client.get("/en/stories/").content.decode()

    assert vi.index("Tuần lễ học tập suốt đời 2024") < vi.index("Sơn La đón nhận danh hiệu")
    assert en.index("Lifelong Learning Week 2024") < en.index("Son La receives the title")


def test_unpublished_and_future_stories_are_not_listed(client, make_story):
    make_story("Bản nháp", is_published=False)
    make_story("Ngày mai", published_on=datetime.date(2099, 1, 1))

    html = client.get("/vi/stories/").content.decode()
    assert "Bản nháp" not in html
    assert "Ngày mai" not in html
    assert client.get("/vi/stories/ban-nhap/").status_code == 404
    assert client.get("/vi/stories/ngay-mai/").status_code == 404


def test_a_story_page_shows_its_lead_body_paragraphs_and_tags(client, story, tag):
    story.tags.add(tag)

    html = client.get("/en/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/").content.decode()

    assert "<h1>The Xòe festival of the Thai cultural clubs</h1>" in html
    assert "<p>First paragraph.</p><p>Second paragraph in Chiềng Đen.</p>" in html
    assert "Thai culture" in html
    assert '<time datetime="2024-12-02">' in html


def test_a_missing_english_text_falls_back_to_vietnamese_visibly(client, make_story):
    make_story("Chỉ có tiếng Việt", title_en="", lead_en="", body_en="")

    html = client.get("/en/stories/chi-co-tieng-viet/").content.decode()

    assert 'lang="vi" class="fallback">Chỉ có tiếng Việt' in html
    assert "not yet translated into English" in html


def test_the_slug_is_ascii_with_d_for_the_stroked_d(make_story):
    story = make_story("Đêm hội Chiềng Đen")

    assert story.slug == "dem-hoi-chieng-den"


def test_the_tag_filter_lists_only_its_stories(client, make_story, tag):
    tagged = make_story("Có nhãn")
    make_story("Không nhãn")
    tagged.tags.add(tag)

    html = client.get(f"/vi/stories/?tag={tag.slug}").content.decode()

    assert "Có nhãn" in html
    assert "Không nhãn" not in html


def test_an_unknown_tag_lists_every_story_and_says_so(client, story):
    response = client.get("/en/stories/?tag=nonsense")

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is no such tag" in html
    assert "The Xòe festival" in html


@pytest.mark.parametrize("page", ["999", "0", "abc", "-3", "9" * 40])
def test_an_odd_page_number_lands_on_a_real_page(client, story, page):
    response = client.get("/en/stories/", {"page": page})

    assert response.status_code == 200
    assert "The Xòe festival" in response.content.decode()


def test_the_list_is_paginated(client, make_story):
    for i in range(12):
        make_story(f"Câu chuyện {i}", published_on=datetime.date(2024, 1, 1 + i))

    first = client.get("/vi/stories/").content.decode()
    second = client.get("/vi/stories/?page=2").content.decode()

    assert "Câu chuyện 11" in first
    assert "Câu chuyện 0" not in first
    assert "Câu chuyện 0" in second


def test_the_pages_link_the_atom_feed_of_their_language(client, story):
    for language in ("vi", "en"):
        for path in (
            f"/{language}/stories/",
            story.get_absolute_url().replace("/vi/", f"/{language}/"),
        ):
            html = client.get(path).content.decode()
            assert (
                f'<link rel="alternate" type="application/atom+xml" href="/{language}/stories/feed.atom"'
                in html
            )


def test_the_home_page_shows_the_latest_stories(client, make_story):
    make_story("Câu chuyện mới nhất", title_en="The latest story")

    assert "Câu chuyện mới nhất" in client.get("/vi/").content.decode()
    assert "The latest story" in client.get("/en/").content.decode()


def test_a_story_links_the_commitments_and_spaces_it_tells_about(client, story, village):
    from apps.spaces.models import LearningSpace

    space = LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Co",
        name_vi="Nhà Tri thức bản Co",
        name_en="House of Wisdom, Co village",
        area=village,
    )
    hidden = LearningSpace.objects.create(
        kind="house-of-wisdom", name="Ẩn", name_vi="Ẩn", area=village, is_published=False
    )
    story.spaces.add(space, hidden)

    html = client.get(story.get_absolute_url().replace("/vi/", "/en/")).content.decode()

    assert space.get_absolute_url().replace("/vi/", "/en/") in html
    assert "House of Wisdom, Co village" in html
    assert hidden.get_absolute_url().replace("/vi/", "/en/") not in html


def test_a_change_to_a_story_shows_at_once(client, story):
    assert "Lễ hội Xòe" in client.get("/vi/stories/").content.decode()

    story.title_vi = "Tiêu đề mới"
    story.save()

    assert "Tiêu đề mới" in client.get("/vi/stories/").content.decode()


def test_story_pages_are_in_the_sitemap_in_both_languages(client, story):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/vi/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/" in xml
    assert "/en/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/" in xml
    assert "/en/stories/</loc>" in xml
    assert Story.objects.count() == 1
