"""The about page, the human sitemap, the footer and the site's description, in both languages."""

import pytest

from apps.core import apps as core_apps
from apps.core.context_processors import site_description

pytestmark = pytest.mark.django_db

UNESCO = "https://www.uil.unesco.org/en/learning-cities"


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        (
            "vi",
            [
                "Giới thiệu cổng thông tin",
                "Ủy ban nhân dân thành phố Sơn La",
                "14/02/2024",
                "Văn hóa bền vững",
                "Thông tin liên hệ mẫu",
            ],
        ),
        (
            "en",
            [
                "About the portal",
                "Son La City People's Committee",
                "14 February 2024",
                "sustainable culture",
                "Demo contact details",
            ],
        ),
    ],
)
def test_the_about_page_names_the_managing_agency_and_links_to_the_network(client, lang, texts):
    response = client.get(f"/{lang}/about/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    assert f'href="{UNESCO}"' in html
    assert f'href="/{lang}/sitemap/"' in html
    assert f'href="/{lang}/commitments/"' in html  # what the portal holds, from its apps


def test_contact_details_are_marked_as_demo_only_while_demo_mode_is_on(client, settings):
    settings.DEMO_MODE = False
    html = client.get("/en/about/").content.decode()
    assert "hoctap@sonla.example" in html
    assert "Demo contact details" not in html


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Cơ quan quản lý:", "Giới thiệu cổng thông tin", "Sơ đồ trang", "Mạng lưới"]),
        ("en", ["Managed by", "About the portal", "Sitemap", "The network at UNESCO"]),
    ],
)
def test_every_page_footer_has_the_agency_the_network_about_and_the_human_sitemap(
    client, lang, texts
):
    html = client.get(f"/{lang}/accounts/login/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for text in texts:
        assert text in footer
    assert f'href="/{lang}/about/"' in footer
    assert f'href="/{lang}/sitemap/"' in footer
    assert f'href="{UNESCO}"' in footer
    assert 'href="/sitemap.xml"' not in footer  # XML is for search engines


@pytest.mark.parametrize(
    ("lang", "heading", "about", "pledge", "data"),
    [
        ("vi", "Sơ đồ trang", "Giới thiệu", "Trường học số", "Về dữ liệu các cam kết"),
        ("en", "Sitemap", "About", "Digital schools", "About the commitments data"),
    ],
)
def test_the_human_sitemap_lists_every_section_and_its_pages(
    client, lang, heading, about, pledge, data
):
    from apps.commitments.models import Commitment, KeyFeature, Unit

    Commitment.objects.create(
        title_vi="Trường học số",
        title_en="Digital schools",
        key_feature=KeyFeature.TECHNOLOGIES,
        unit=Unit.PERCENT,
        baseline_value=40,
        baseline_year=2020,
        target_value=100,
        target_year=2030,
        published=True,
    )
    response = client.get(f"/{lang}/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'href="/{lang}/about/">{about}' in html
    for section in ("commitments", "reports", "spaces"):
        assert f'href="/{lang}/{section}/"' in html
    assert f">{pledge}</a>" in html  # a page of each published object, by its own title
    assert f'href="/{lang}/commitments/about-data/">{data}' in html


def test_the_xml_sitemap_stays_for_search_engines_and_lists_the_new_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in ("/vi/about/", "/en/about/", "/vi/sitemap/", "/en/sitemap/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("vi", ["Thành phố Sơn La", "Cam kết", "Báo cáo tiến độ", "Điểm học tập", "cuộc thi"]),
        ("en", ["Son La City", "Commitments", "Progress reports", "Learning spaces", "Contests"]),
    ],
)
def test_the_site_description_names_what_the_installed_apps_show(client, lang, names):
    html = client.get(f"/{lang}/accounts/login/").content.decode()
    description = html.split('<meta name="description" content="', 1)[1].split('"', 1)[0]
    for name in names:
        assert name in description


def test_the_site_description_follows_the_apps_installed(monkeypatch):
    from django.utils import translation

    real = core_apps.portal_apps()
    monkeypatch.setattr(
        "apps.core.context_processors.portal_apps",
        lambda: [c for c in real if c.label != "reports"],
    )
    with translation.override("en"):
        text = site_description()
    assert "Progress reports" not in text
    assert "Commitments" in text
    assert "Learning spaces" in text


def test_the_human_sitemap_and_the_about_page_are_built_once_then_kept(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(10):
        first = client.get("/en/sitemap/").content
        client.get("/en/about/")
    with django_assert_num_queries(0):
        assert client.get("/en/sitemap/").content == first


@pytest.mark.parametrize(
    ("lang", "space_name", "map_title"),
    [
        ("vi", "Nhà Tri thức bản Đen", "Bản đồ điểm học tập"),
        ("en", "House of Wisdom, Den village", "Map of learning spaces"),
    ],
)
def test_the_human_sitemap_names_each_learning_space_in_the_pages_language(
    client, make_area, lang, space_name, map_title
):
    from apps.spaces.models import LearningSpace

    commune = make_area("Xã Chiềng Đen", name_en="Chieng Den Commune")
    village = make_area("Bản Đen", "village", commune, "Den village")
    space = LearningSpace.objects.create(
        kind="house-of-wisdom",
        name="Nhà Tri thức bản Đen",
        name_vi="Nhà Tri thức bản Đen",
        name_en="House of Wisdom, Den village",
        area=village,
    )
    html = client.get(f"/{lang}/sitemap/").content.decode()
    assert f'href="/{lang}/spaces/{space.slug}/">{space_name}</a>' in html
    assert f">{map_title}</a>" in html
    assert "more pages" not in html
    assert "trang khác" not in html
