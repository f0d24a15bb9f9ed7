import pytest
from django.core.management import call_command

from .conftest import DESKTOP, PHONE, assert_fits_width


@pytest.fixture
def demo(transactional_db):
    call_command("loaddata", "areas", "key_figures", verbosity=0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("lang", "heading"), [("vi", "Thành phố học tập Sơn La"), ("en", "Son La Learning City")]
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_renders_in_both_languages(
    page, live_server, demo, screenshot, lang, heading, viewport
):
    page.set_viewport_size(viewport)
    response = page.goto(f"{live_server.url}/{lang}/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".figures li").count() >= 6
    # The stylesheet loaded: the header carries the brand colour.
    colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(11, 93, 59)"
    assert_fits_width(page)
    path = screenshot(page, f"home-{lang}-{viewport['width']}")
    assert path.stat().st_size > 5000


@pytest.mark.django_db(transaction=True)
def test_language_switch_keeps_the_page_and_skip_link_works(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vi/accounts/login/")
    page.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/en/accounts/login/"
    assert page.locator("h1").inner_text() == "Sign in"
    page.goto(f"{live_server.url}/en/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.bounding_box()["x"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    assert page.url.endswith("/en/#main")
    # The remembered language sends "/" to English from now on.
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/en/"


@pytest.mark.django_db(transaction=True)
def test_site_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Tiếng Việt").click()
    assert page.url == f"{live_server.url}/vi/"
    context.close()
