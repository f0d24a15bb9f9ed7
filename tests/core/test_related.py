"""The core hook through which an app links to another app's object without being imported by
it: the learning space's page lists the clubs that meet there (apps.culture fills it)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from apps.core.apps import PortalAppConfig, related_sections
from apps.culture.models import Club
from apps.spaces.models import LearningSpace

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(village):
    return LearningSpace.objects.create(
        kind="house-of-wisdom", name="Nhà Tri thức bản Co Phương", area=village
    )


def _club(village, space, name, **extra):
    return Club.objects.create(name=name, name_vi=name, area=village, space=space, **extra)


def test_an_app_says_nothing_about_objects_by_default(space):
    assert PortalAppConfig.related(None, space) == []


def test_the_clubs_meeting_in_a_space_are_its_related_links(village, space):
    club = _club(village, space, "CLB văn hóa Thái bản Co Phương")
    _club(village, space, "CLB chưa công bố", is_published=False)
    _club(village, None, "CLB nơi khác")
    with translation.override("vi"):
        sections = related_sections(space)
    assert [[link["object"] for link in s["links"]] for s in sections] == [[club]]
    assert sections[0]["links"][0]["url"] == f"/vi/clubs/{club.slug}/"


def test_a_space_without_clubs_gets_no_section(space):
    assert related_sections(space) == []


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("vi", "Câu lạc bộ văn hóa Thái sinh hoạt tại đây"),
        ("en", "Thai cultural clubs that meet here"),
    ],
)
def test_the_template_tag_renders_the_sections_in_the_page_language(village, space, lang, title):
    club = _club(village, space, "CLB <b>Co Phương</b>")
    with translation.override(lang):
        html = Template("{% load related %}{% related_to space %}").render(
            Context({"space": space})
        )
    assert title in html
    assert f'href="/{lang}/clubs/{club.slug}/"' in html
    assert "&lt;b&gt;" in html  # the name is escaped


def test_the_tag_renders_nothing_for_an_object_no_app_knows(space):
    html = Template("{% load related %}{% related_to obj %}").render(Context({"obj": object()}))
    assert html.strip() == ""
