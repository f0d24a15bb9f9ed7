"""A resident on a 360 px phone finds the House of Wisdom of their village and its hours."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from .conftest import MAP_IDLE, PHONE, assert_fits_width

SLUG = "nha-tri-thuc-ban-co-phuong-chieng-den"
# A Wednesday at 18:00 in Son La: the Houses of Wisdom are open in the evening.
WEDNESDAY_EVENING = datetime.datetime(2024, 10, 2, 18, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def demo(transactional_db, monkeypatch):
    call_command("load_demo", stdout=StringIO())
    # The live server runs in this process, so its views see the same fixed clock.
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_EVENING)


@pytest.mark.django_db(transaction=True)
def test_resident_finds_a_house_of_wisdom_typing_without_diacritics(
    page, live_server, demo, screenshot
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vi/spaces/")
    assert_fits_width(page)
    screenshot(page, "spaces-list-vi-360")

    page.get_by_label("Tìm theo tên, bản, tổ dân phố, phường hoặc xã").fill("chieng den")
    page.locator("#main").get_by_role("button", name="Tìm kiếm").click()
    assert "q=chieng+den" in page.url
    results = page.locator(".space-card")
    assert results.count() == 11
    assert_fits_width(page)
    screenshot(page, "spaces-search-vi-360")

    page.get_by_role("link", name="Nhà Tri thức bản Co Phương").click()
    assert page.url == f"{live_server.url}/vi/spaces/{SLUG}/"
    assert page.locator("h1").inner_text() == "Nhà Tri thức bản Co Phương"
    assert "Xã Chiềng Đen" in page.locator(".space-meta").inner_text()
    assert page.locator(".status-line .status.open").inner_text().startswith("Đang mở cửa")
    assert page.locator("tr.today").count() == 1
    assert page.locator('a[href^="geo:"]').count() == 1
    assert_fits_width(page)
    screenshot(page, "spaces-detail-vi-360")

    page.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/en/spaces/{SLUG}/"
    assert page.locator("h1").inner_text() == "House of Wisdom, Co Phuong village"
    assert page.locator(".status-line").inner_text().startswith("Open now, until")
    # The photo is lazy, responsive and described.
    image = page.locator(".space-photos img").first
    assert image.get_attribute("loading") == "lazy"
    assert image.get_attribute("alt")
    assert_fits_width(page)
    screenshot(page, "spaces-detail-en-360")


@pytest.mark.django_db(transaction=True)
def test_map_draws_a_marker_for_every_space(page, live_server, demo, screenshot):
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/en/spaces/map/")
    # Tiles cannot load without internet; the markers come from our own GeoJSON.
    page.wait_for_selector(MAP_IDLE)
    # Nearby spaces come as clusters (the server groups them): together they hold all 112.
    assert page.locator("#space-map").get_attribute("data-total") == "112"
    counts = page.locator("#space-map .leaflet-marker-icon").evaluate_all(
        "ms => ms.map(m => m.classList.contains('space-cluster') ? Number(m.textContent) : 1)"
    )
    assert sum(counts) == 112
    assert len(counts) < 112
    assert page.locator(".map-list li").count() == 112  # the plain list stays under the map
    # Clusters and markers are keyboard controls: Enter on a cluster zooms in, on a marker
    # opens its popup.
    for _ in range(8):
        if page.locator("#space-map .leaflet-marker-icon:not(.space-cluster)").count():
            break
        page.locator("#space-map .space-cluster").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(MAP_IDLE)
    page.locator("#space-map .leaflet-marker-icon:not(.space-cluster)").first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".leaflet-popup-content a").count() == 1
    assert not errors
    assert_fits_width(page)
    screenshot(page, "spaces-map-en-360")


@pytest.mark.django_db(transaction=True)
def test_list_works_without_javascript(browser, live_server, demo, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/spaces/")
    page.get_by_text("More filters: area, kind, facility").click()  # <details>: no script
    page.get_by_label("Ward, commune or village").select_option("chieng-den")
    page.get_by_label("Kind").select_option("house-of-wisdom")
    page.get_by_role("button", name="Show spaces").click()
    assert "area=chieng-den" in page.url
    assert page.locator(".space-card").count() == 8
    page.get_by_role("link", name="House of Wisdom, Co Phuong village").click()
    assert page.url == f"{live_server.url}/en/spaces/{SLUG}/"
    page.goto(f"{live_server.url}/en/spaces/map/")
    assert page.locator(".map-list li").count() == 112
    assert_fits_width(page)
    screenshot(page, "spaces-map-nojs-en-360")
    context.close()
