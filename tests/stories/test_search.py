"""Stories in the site-wide search: by their words and their tags, in either language."""

import pytest

from apps.stories.models import Tag

pytestmark = pytest.mark.django_db


def test_a_story_is_found_by_a_word_of_its_body_without_diacritics(client, story):
    html = client.get("/en/search/?q=chieng+den").content.decode()

    assert story.get_absolute_url().replace("/vi/", "/en/") in html
    assert "Stories (1)" in html
    # The body holds the words, not the lead: the excerpt comes from the body.
    assert "<mark>Chiềng</mark> <mark>Đen</mark>" in html


def test_a_story_is_found_by_its_tags_name_once_tagged(client, story):
    tag = Tag.objects.create(name="Di sản", name_vi="Di sản", name_en="Intangible heritage")
    assert "Stories (1)" not in client.get("/en/search/?q=intangible+heritage").content.decode()

    story.tags.add(tag)

    assert "Stories (1)" in client.get("/en/search/?q=intangible+heritage").content.decode()


def test_a_renamed_tag_finds_its_stories_by_the_new_name(client, story, tag):
    story.tags.add(tag)
    tag.name_en = "Tai heritage"
    tag.save()

    assert "Stories (1)" in client.get("/en/search/?q=tai+heritage").content.decode()


def test_the_date_of_a_story_shows_in_the_results(client, story):
    html = client.get("/vi/search/?q=le+hoi+xoe").content.decode()

    assert '<time datetime="2024-12-02">2/12/2024</time>' in html
