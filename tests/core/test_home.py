import pytest
from django.core.management import call_command

from apps.core.models import KeyFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_areas():
    call_command("loaddata", "areas", "key_figures", verbosity=0)


def test_home_figures_come_from_the_database(client, demo_areas):
    html = client.get("/en/").content.decode()
    assert "106,000" in html
    assert "Residents (2019 census)" in html
    assert "12</strong> <span>wards and communes" in html
    KeyFigure.objects.filter(value=106000).update(value=110000)
    html = client.get("/vi/").content.decode()
    assert "110.000" in html
    assert "Dân số" in html


def test_home_uses_few_queries_whatever_the_data(client, demo_areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/vi/")


def test_home_has_landmarks_and_a_skip_link(client, demo_areas):
    html = client.get("/en/").content.decode()
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="#main"' in html


def test_demo_mode_is_said_on_every_page(client, settings):
    settings.DEMO_MODE = True
    assert "demo data" in client.get("/en/").content.decode()
