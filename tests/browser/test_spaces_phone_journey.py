"""A resident on a 360 px phone: the search is on the home page's first screen, the closest
match comes first, the map keeps the search and says whether a space is open now."""

import datetime
import shutil
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.spaces.models import LearningSpace

from .conftest import DESKTOP, MAP_IDLE, PHONE, assert_fits_width

# A Wednesday at 18:00 in Son La: the Houses of Wisdom are open in the evening.
WEDNESDAY_EVENING = datetime.datetime(2024, 10, 2, 18, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
SHOTS = Path("/tmp/shots/h3")


@pytest.fixture
def demo(transactional_db, monkeypatch):
    call_command("load_demo", stdout=StringIO())
    monkeypatch.setattr(timezone, "now", lambda: WEDNESDAY_EVENING)


@pytest.fixture
def shot(screenshot):
    """The project's screenshot, and a copy where the reviewer looks at them."""

    def take(page, name, full_page=False):
        path = screenshot(page, name)
        if SHOTS.parent.exists():
            SHOTS.mkdir(exist_ok=True)
            shutil.copy(path, SHOTS / path.name)
            page.screenshot(path=str(SHOTS / f"{name}-first-screen.png"), full_page=full_page)
        return path

    return take


def first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= PHONE["height"]


def cluster_total(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('#space-map .leaflet-marker-icon')]
            .reduce((n, m) => n + (m.classList.contains('space-cluster')
                ? Number(m.textContent) : 1), 0)"""
    )


@pytest.mark.django_db(transaction=True)
def test_resident_finds_their_village_and_sees_it_open_on_the_map(page, live_server, demo, shot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vi/")
    # The search for a space and the "open now" shortcut are on the first screen.
    assert first_screen(page, "#home-space-q")
    assert first_screen(page, ".home-spaces .shortcuts a[href$='?open=now']")
    nav = page.locator(".main-nav li a").all_inner_texts()
    assert nav[1] == "Điểm học tập"  # first after Home
    assert_fits_width(page)
    shot(page, "h3-home-vi-360")

    page.get_by_label("Bản, tổ dân phố, phường, xã hoặc tên điểm").fill("ban den")
    page.locator(".home-spaces button[type=submit]").click()
    assert "q=ban+den" in page.url
    # The exact match first, and on the first screen with the filters folded away.
    first = page.locator(".space-card h3 a").first
    assert first.inner_text() == "Nhà Tri thức bản Đen"
    assert first_screen(page, ".space-card")
    assert page.locator("details.more-filters").get_attribute("open") is None
    assert_fits_width(page)
    shot(page, "h3-search-ban-den-vi-360")
    total = page.locator(".space-card").count()

    page.locator(".result-count a[href*='/spaces/map/']").click()
    assert "/vi/spaces/map/?q=ban+den" in page.url
    page.wait_for_selector(MAP_IDLE)
    # The map shows the search's spaces only, clusters and markers adding up to them.
    assert page.locator("#space-map").get_attribute("data-total") == str(total)
    assert cluster_total(page) == total
    assert page.locator(".map-list li").count() == total
    shot(page, "h3-map-ban-den-vi-360")

    # Clicking clusters zooms in until each space stands alone.
    for _ in range(8):
        clusters = page.locator("#space-map .space-cluster")
        if not clusters.count():
            break
        clusters.first.click()
        page.wait_for_selector(MAP_IDLE)
    marker = page.locator("#space-map .leaflet-marker-icon[title='Nhà Tri thức bản Đen']")
    if not marker.count():
        marker = page.locator("#space-map .leaflet-marker-icon:not(.space-cluster)").first
    marker.focus()
    page.keyboard.press("Enter")
    status = page.locator(".leaflet-popup-content .status")
    status.wait_for()
    assert status.inner_text().startswith(("Đang mở cửa", "Đang đóng cửa"))
    assert not errors
    assert_fits_width(page)
    shot(page, "h3-map-popup-vi-360")


@pytest.mark.django_db(transaction=True)
def test_the_list_and_map_in_english_and_on_a_desktop(page, live_server, demo, shot):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/en/spaces/?q=wifi&open=now")
    cards = page.locator(".space-card")
    assert cards.count() > 0
    assert page.locator(".space-card .status.open").count() == min(cards.count(), 20)
    assert first_screen(page, ".space-card")
    assert_fits_width(page)
    shot(page, "h3-list-wifi-open-en-360")
    page.get_by_text("More filters: area, kind, facility").click()
    page.get_by_label("Kind").select_option("humane-library")
    page.get_by_role("button", name="Show spaces").click()
    assert "kind=humane-library" in page.url
    assert page.locator("details.more-filters").get_attribute("open") is not None

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/en/spaces/")
    # Wide screens show every filter without opening anything.
    assert page.get_by_label("Kind").is_visible()
    assert not page.locator(".more-filters > summary").is_visible()
    shot(page, "h3-list-en-desktop")
    page.goto(f"{live_server.url}/en/spaces/map/")
    page.wait_for_selector(MAP_IDLE)
    assert page.locator("#space-map").get_attribute("data-total") == "112"
    assert cluster_total(page) == 112
    assert int(page.locator("#space-map").get_attribute("data-features")) < 112
    shot(page, "h3-map-en-desktop")


@pytest.mark.django_db(transaction=True)
def test_nearest_first_uses_the_location_only_in_the_page(browser, live_server, demo, shot):
    # Beside Nhà Tri thức bản Đen (demo coordinates): it must come first once sorted.
    den = LearningSpace.objects.get(name_vi="Nhà Tri thức bản Đen")
    context = browser.new_context(
        viewport=PHONE,
        geolocation={"latitude": float(den.latitude), "longitude": float(den.longitude)},
        permissions=["geolocation"],
    )
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(f"{live_server.url}/vi/spaces/?area=chieng-den")
    assert not page.locator(".notice").count()  # the area exists
    assert page.locator(".space-card h3 a").first.inner_text() != den.name_vi
    asked = len(sent)
    page.get_by_role("button", name="Gần tôi nhất trước").click()
    page.locator(".space-card .distance").first.wait_for()
    assert page.locator(".space-card h3 a").first.inner_text() == den.name_vi
    assert page.locator(".space-card .distance").first.inner_text() == "cách chưa đến 1 km"
    assert "không được gửi đi đâu" in page.locator(".near-me-note").inner_text()
    assert len(sent) == asked  # nothing was sent with the location
    assert_fits_width(page)
    shot(page, "h3-nearest-first-vi-360")
    context.close()

    refused = browser.new_context(viewport=PHONE, permissions=[])
    page = refused.new_page()
    page.goto(f"{live_server.url}/en/spaces/")
    first = page.locator(".space-card h3 a").first.inner_text()
    page.get_by_role("button", name="Nearest to me first").click()
    page.get_by_text("Your location is not available").wait_for()
    assert page.locator(".space-card h3 a").first.inner_text() == first
    refused.close()
