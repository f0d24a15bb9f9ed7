"""The demo stories: written from FACTS.md, loaded twice without duplicates."""

import io

import pytest

from apps.stories import demo
from apps.stories.models import Story

pytestmark = pytest.mark.django_db


def test_the_demo_stories_load_once_with_their_images(client):
    demo.load(io.StringIO())
    demo.load(io.StringIO())

    assert Story.objects.count() == 6
    assert all(story.image_renditions for story in Story.objects.all())
    assert all(story.title_en and story.body_en for story in Story.objects.all())
    html = client.get("/vi/search/?q=le+hoi+xoe").content.decode()
    assert "/vi/stories/le-hoi-xoe-cua-cac-cau-lac-bo-van-hoa-thai/" in html
    for slug in ("son-la-don-nhan-danh-hieu", "tuan-le-hoc-tap-suot-doi-2024", "asean-3"):
        assert Story.objects.filter(slug__contains=slug).exists()
