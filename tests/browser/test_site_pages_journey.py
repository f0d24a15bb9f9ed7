"""A visitor on a phone finds who runs the portal, how to reach them and every page."""

from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import PHONE, assert_fits_width

SHOTS = Path("/tmp/shots/h4")
PASSWORD = "sonla-official-2024"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("lang", "about", "agency", "sitemap", "demo_note"),
    [
        (
            "vi",
            "Giới thiệu cổng thông tin",
            "Ủy ban nhân dân thành phố Sơn La",
            "Sơ đồ trang",
            "Thông tin liên hệ mẫu",
        ),
        ("en", "About the portal", "Son La City People's Committee", "Sitemap", "Demo contact"),
    ],
)
def test_from_the_footer_a_phone_visitor_reaches_the_about_page_and_the_sitemap(
    page, live_server, demo, lang, about, agency, sitemap, demo_note
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/{lang}/")
    footer = page.locator("footer.site-footer")
    assert agency in footer.inner_text()
    assert demo_note in footer.inner_text()
    footer.scroll_into_view_if_needed()
    _shot(page, f"home-footer-{lang}-360")
    footer.get_by_role("link", name=about).click()
    assert page.url == f"{live_server.url}/{lang}/about/"
    assert page.locator("h1").inner_text() == about
    main = page.locator("main")
    assert agency in main.inner_text()
    assert main.locator('a[href="https://www.uil.unesco.org/en/learning-cities"]').count() == 1
    assert_fits_width(page)
    _shot(page, f"about-{lang}-360")
    page.locator("footer").get_by_role("link", name=sitemap, exact=True).click()
    assert page.url == f"{live_server.url}/{lang}/sitemap/"
    assert page.locator("main h2").count() >= 4  # the portal and each app's section
    assert page.locator("main a").count() >= 15  # the commitments and the other pages
    assert_fits_width(page)
    _shot(page, f"sitemap-{lang}-360")


@pytest.mark.django_db(transaction=True)
def test_switching_language_on_the_sign_in_page_lands_in_the_workspace_in_that_language(
    page, live_server, demo
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vi/workspace/")
    assert page.url == f"{live_server.url}/vi/accounts/login/?next=/vi/workspace/"
    page.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/en/accounts/login/?next=/en/workspace/"
    page.get_by_label("Username").fill("official.chiengden")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{live_server.url}/en/workspace/"
    assert page.locator("html").get_attribute("lang") == "en"
    _shot(page, "workspace-after-switch-en-360")
