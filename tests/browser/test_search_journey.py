"""A resident on a 360 px phone types in the header's search box, without diacritics, and
finds the House of Wisdom of Chiềng Đen and the Xòe festival; it works without JavaScript."""

from io import StringIO

import pytest
from django.core.management import call_command

from .conftest import DESKTOP, PHONE, assert_fits_width


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())


def search_from_the_header(page, base, words):
    page.goto(f"{base}/vi/")
    box = page.locator("#site-search-q")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/vi/search/?q=*")


@pytest.mark.django_db(transaction=True)
def test_a_resident_finds_pages_by_typing_without_diacritics_on_a_phone(
    page, live_server, demo, screenshot
):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/vi/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 260  # the box adds one small row, the page starts on screen
    assert_fits_width(page)

    search_from_the_header(page, live_server.url, "nha tri thuc chieng den")
    first = page.locator(".search-result h3 a").first
    assert "Nhà Tri thức" in first.inner_text()
    assert page.locator(".search-result mark").first.inner_text() == "Nhà"
    assert_fits_width(page)
    screenshot(page, "search-phone-nha-tri-thuc-chieng-den")
    first.click()
    assert "Chiềng Đen" in page.locator("main").inner_text()

    search_from_the_header(page, live_server.url, "le hoi xoe")
    first = page.locator(".search-result h3 a").first
    assert first.inner_text().startswith("Lễ hội Xòe")
    assert_fits_width(page)
    screenshot(page, "search-phone-le-hoi-xoe")
    first.click()
    assert page.locator("h1").inner_text().startswith("Lễ hội Xòe")
    assert_fits_width(page)
    screenshot(page, "story-phone-le-hoi-xoe")
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_search_works_without_javascript_and_pages_through_one_kind(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/stories/")
    page.locator("#site-search-q").fill("nha tri thuc")
    page.locator(".header-search button").click()
    page.wait_for_url("**/en/search/?q=nha+tri+thuc")

    page.locator(".search-kinds a", has_text="Learning spaces").click()
    assert "type=spaces" in page.url
    page.locator(".pagination a[rel=next]").click()
    assert "page=2" in page.url
    assert page.locator(".search-result").count() > 0
    context.close()
