import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("vi", ["Nhà Tri thức bản Co Phương", "Giờ mở cửa", "Đọc sách buổi tối", "820 cuốn sách"]),
        (
            "en",
            ["House of Wisdom, Co Phuong village", "Opening hours", "Evening reading", "820 books"],
        ),
    ],
)
def test_detail_page_in_both_languages(client, space, lang, texts):
    response = client.get(f"/{lang}/spaces/{space.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in html
    assert 'href="geo:21.354638,103.852349"' in html
    assert "https://www.openstreetmap.org/?mlat=21.354638&amp;mlon=103.852349" in html
    assert 'href="tel:0212369748"' in html
    assert f'hreflang="{"en" if lang == "vi" else "vi"}"' in html


def test_missing_english_text_is_marked_as_vietnamese(client, make_space):
    space = make_space("Tủ sách nhân ái bản Đen", activities_vi="Đọc sách")
    html = client.get(f"/en/spaces/{space.slug}/").content.decode()
    assert 'lang="vi" class="fallback">Tủ sách nhân ái bản Đen' in html
    assert "not yet translated into English" in html


def test_detail_lists_other_spaces_of_the_same_commune_but_bounded(client, space, make_space):
    for i in range(12):
        make_space(f"Tủ sách số {i:02d}", kind="humane-library")
    html = client.get(f"/vi/spaces/{space.slug}/").content.decode()
    nearby = html.split('id="nearby-title"')[1]
    assert nearby.count("Tủ sách số") == 8


def test_map_page_has_the_data_for_the_script_and_a_plain_list(client, space):
    html = client.get("/en/spaces/map/").content.decode()
    assert f'data-tiles="{settings.MAP_TILE_URL}"' in html
    # The map asks for clusters at its zoom (and then for what is in view).
    assert 'data-geojson="/en/spaces.geojson?zoom=12"' in html
    assert "vendor/leaflet/leaflet.js" in html
    assert "js/spaces-map.js" in html
    assert f'href="/en/spaces/{space.slug}/"' in html
    assert "<script>" not in html  # no inline script: the CSP forbids it
    assert "unpkg" not in html
    assert "cdn" not in html


def test_vendored_leaflet_is_complete():
    root = Path(settings.BASE_DIR) / "static"
    for name in ["leaflet.js", "leaflet.css", "LICENSE", "images/marker-icon.png"]:
        assert (root / "vendor" / "leaflet" / name).exists()
    assert (root / "js" / "spaces-map.js").exists()


def test_list_page_html_and_css_compressed_stay_under_60_kb(client, make_space):
    for i in range(20):
        make_space(f"Nhà Tri thức số {i:02d}", activities_vi="Đọc sách\nMúa xòe")
    html = client.get("/vi/spaces/").content
    css = b"".join(
        (Path(settings.BASE_DIR) / "static" / path).read_bytes()
        for path in re.findall(r'href="/static/([^"]+\.css)"', html.decode())
    )
    assert css
    size = len(gzip.compress(html)) + len(gzip.compress(css))
    assert size < 60 * 1024, size


def test_home_page_has_the_spaces_section(client, space):
    html = client.get("/en/").content.decode()
    assert "Find a House of Wisdom or library" in html
    assert 'action="/en/spaces/"' in html
    assert 'href="/en/spaces/"' in html  # the navigation link


def test_sitemap_lists_spaces_in_both_languages(client, space):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/vi/spaces/{space.slug}/" in xml
    assert f"/en/spaces/{space.slug}/" in xml
    assert "/en/spaces/map/" in xml


def test_a_slug_is_ascii_and_never_hides_the_map(make_space):
    assert make_space("Nhà Tri thức bản Đen").slug == "nha-tri-thuc-ban-den"
    assert make_space("Map").slug == "map-2"
    assert make_space("Nhà Tri thức bản Đen").slug == "nha-tri-thuc-ban-den-2"
